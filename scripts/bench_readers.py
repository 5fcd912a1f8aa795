#!/usr/bin/env python3
"""Benchmark the transcript readers: a 3-hour export in every shape audiokit reads (and some
of them saved as Word or OpenDocument files), each read with ``audiokit.transcripts.load``
(detection included). Writes the ``readers``
section of BENCHMARKS.md.

    .venv/bin/python scripts/bench_readers.py [--hours 3] [--repeat 3]

The conversation is the seed transcript's turns (../shared/seeds/llama2-paper-reading.txt)
repeated until the hours are filled, at the seed's own speaking rate, written in each shape
by tests/shape_writers.py; without ../shared, a generated conversation of the same size.
Target (issue 15): every shape read in <= 2 s, every word read back once.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import document_writers
import shape_writers
from benchlib import OUT, SHARED, machine, update_section

from audiokit.transcripts import load

SEED = SHARED / "seeds" / "llama2-paper-reading.txt"
EXTENSIONS = {
    "JSON": "json",
    "WebVTT": "vtt",
    "SubRip": "srt",
    "SBV": "sbv",
    "srv3": "srv3",
    "json3": "json3",
}
# Shapes saved as Word or OpenDocument files, one paragraph a line: (row, the text shape inside, the
# shape it is read as, extension, writer); "styled" is every word a run of its own, as Word writes after edits.
DOCUMENTS = [
    ("Rev text export, Word", "Rev text export", "Rev text export (from a Word document)", "docx",
     document_writers.docx),
    ("Rev text export, Word, styled", "Rev text export", "Rev text export (from a Word document)", "docx",
     document_writers.docx_styled),
    ("plain speaker turns, Word", "plain speaker turns", "plain speaker turns (from a Word document)", "docx",
     document_writers.docx),
    ("Otter text export, OpenDocument", "Otter text export", "Otter text export (from an OpenDocument text)",
     "odt", document_writers.odt),
]
TARGET = 2.0


def source_turns() -> tuple[list[tuple[int, list[str]]], str]:
    """Speaker index and words of each turn of the seed (or a generated stand-in)."""
    if SEED.exists():
        ep = load(SEED).episode
        index = {s.name: k % len(shape_writers.PEOPLE) for k, s in enumerate(ep.speakers)}
        return [(index[t.speaker], [w.text for w in t.words]) for t in ep.turns], f"`{SEED.name}`"
    rng = random.Random(15)
    vocab = [
        "we",
        "trained",
        "the",
        "model",
        "on",
        "data",
        "and",
        "it",
        "works",
        "really",
        "well",
        "today,",
        "said",
        "Dana.",
    ]
    turns = [(k % 2, [rng.choice(vocab) for _ in range(rng.randint(5, 120))]) for k in range(120)]
    return turns, "a generated conversation (../shared absent)"


def conversation(hours: float) -> tuple[list[shape_writers.Turn], str]:
    """Turns with word times filling ``hours``, consecutive turns of one speaker joined."""
    base, where = source_turns()
    rate = 2.8  # words per second, the seed's pace
    turns: list[shape_writers.Turn] = []
    t = 0.0
    while t < hours * 3600:
        for spk, words in base:
            timed = []
            for w in words:
                timed.append((w, round(t, 3), round(t + 0.8 / rate, 3)))
                t += 1 / rate
            t += 0.6
            if turns and turns[-1][0] == spk:
                turns[-1][1].extend(timed)
            else:
                turns.append((spk, timed))
            if t >= hours * 3600:
                break
    return turns, where


def extension(shape: str) -> str:
    return next((ext for key, ext in EXTENSIONS.items() if key in shape), "txt")


def stem(shape: str) -> str:
    return shape.lower().replace(" ", "-").replace(".", "").replace("/", "-").replace(",", "")


def files(turns: list[shape_writers.Turn]) -> list[tuple[str, str, str, bytes]]:
    """``(row, shape expected, file name, content)`` of every shape, the documents last."""
    out = [(shape, shape, f"{stem(shape)}.{extension(shape)}", write(turns).encode("utf-8"))
           for shape, write in sorted(shape_writers.WRITERS.items())]
    for row, inner, shape, ext, build in DOCUMENTS:
        out.append((row, shape, f"{stem(row)}.{ext}", build(shape_writers.WRITERS[inner](turns).split("\n"))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--repeat", type=int, default=3, help="reads per shape; the fastest counts")
    args = parser.parse_args()
    turns, where = conversation(args.hours)
    n_words = sum(len(ws) for _, ws in turns)
    folder = OUT / "readers"
    folder.mkdir(parents=True, exist_ok=True)
    rows, ok = [], True
    for row, shape, name, content in files(turns):
        path = folder / name
        path.write_bytes(content)
        walls, cpus = [], []
        for _ in range(args.repeat):
            w0, c0 = time.perf_counter(), time.process_time()
            t = load(path)
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
        words = t.episode.word_count
        right = t.shape == shape and words == n_words
        fast = min(walls) <= TARGET
        ok &= right and fast
        rows.append(
            f"| {row} | {path.stat().st_size / 1e6:.2f} MB | {t.shape} | {words} | {'yes' if right else 'NO'} "
            f"| {min(walls):.2f} s | {min(cpus):.2f} s |"
        )
        print(rows[-1], flush=True)
    head = f"| shape | file | recognised as | words read | right shape, every word once | wall (best of {args.repeat}) | CPU |"
    table = "\n".join([head, "|---|---|---|---|---|---|---|", *rows])
    markdown = f"""## Transcript readers (`audiokit transcript`, 3-hour exports)

A {args.hours:g}-hour conversation ({n_words} words, {len(turns)} turns: {where} repeated at its own pace)
written in each shape by `tests/shape_writers.py` (Rev, Otter and plain turns also saved as Word or
OpenDocument files by `tests/document_writers.py`, one paragraph a line; "styled": every word a run of
its own with its formatting, as Word writes after edits, about 6.6 MB of XML in the ZIP) and read with
detection from content
(`scripts/bench_readers.py`). Target: every shape recognised, every word read once, each read
in <= {TARGET:g} s: **{"met" if ok else "NOT met"}**.

{table}

Machine: {machine()}; wall times on a shared machine are inflated by other load, CPU times less so.
"""
    update_section("readers", markdown)
    print("targets met" if ok else "targets NOT met")


if __name__ == "__main__":
    main()
