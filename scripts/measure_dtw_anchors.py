#!/usr/bin/env python3
"""Issue 14: would eSpeak NG + DTW anchors (recognition only where DTW is not confident) halve
the English alignment's CPU? Measures, per English set, and writes the `dtw-anchors` section of
BENCHMARKS.md:

- the CPU of each DTW stage (synthesis with its MFCCs, the episode's MFCCs, the forward warp,
  the backwards warp that the confidence score needs), at 10 ms frames (what `dtw_align` does)
  and at 20 and 40 ms frames (episode and synthesis MFCCs averaged down, for anchoring only);
- how far from the truth the words DTW calls confident (`dtw_align.confident`) start: these
  would be the anchors, so a word far off is a region cut in the wrong place;
- the recognition pass's CPU over the whole episode (the aligner's 30 s chunks) against over
  only the stretches around words DTW is not confident about (2 s either side): the most a
  hybrid could save, before any confirmation of the anchors;
- the whole alignment's CPU (`audiokit align --workers 1`), to put the saving in proportion.

    .venv/bin/python scripts/measure_dtw_anchors.py [--only seed-full] [--no-total]

CPU seconds are this process's own (one process, no workers), so they hold on a loaded machine.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_align import audio_of, cpu_timed
from benchlib import AUDIOKIT, BENCH, OUT, load_note, machine, require_bench, update_section

from audiokit import transcripts
from audiokit.align import aligner, anchored, dtw, dtw_align, sphinx
from audiokit.align.energy import frame_energy
from audiokit.align.features import mfcc, normalised
from audiokit.align.lexicon import Lexicon
from audiokit.audio import decode

SETS = ["seed-full", "seed-rough", "real-mfa", "real-gold"]
FACTORS = (1, 2, 4)  # frames averaged together: 10, 20, 40 ms
PAD = 2.0  # seconds recognised either side of a word DTW is not confident about
BARS = (1.0, 0.9, 0.85)  # running-median score bars: dtw_align.CONFIDENT and two stricter ones


def cpu() -> float:
    return time.process_time()


def down(x: np.ndarray, f: int) -> np.ndarray:
    n = len(x) // f * f
    return x[:n].reshape(-1, f, x.shape[1]).mean(axis=1) if f > 1 else x


def dtw_times(heard: np.ndarray, spoken: dtw_align.Synthetic, sentences: list[list[str]], f: int) -> dict:
    """dtw_align.align_words's warps at ``f`` times its frame length (no onset snapping)."""
    a, b = normalised(down(heard, f)), normalised(down(spoken.frames, f))
    spans = [None if s is None else (s[0] // f, max(s[0] // f + 1, s[1] // f)) for s in spoken.spans]
    bounds, k = [], 0
    for s in sentences:
        inside = [x for x in spans[k: k + len(s)] if x is not None]
        k += len(s)
        if inside:
            bounds.append((inside[0][0], inside[-1][1] - 1))
    c0 = cpu()
    path = dtw.warp(a, b, open_begin=True, open_end=True, first_cols=[x for x, _ in bounds],
                    last_cols=[y for _, y in bounds])
    c1 = cpu()
    back = dtw.warp(a, b[::-1].copy(), open_begin=True, open_end=True)
    c2 = cpu()
    null = np.full(len(a), dtw.chance_cost(a, b), np.float32)
    null[back.first: back.last + 1] = back.costs
    times = [None if t is None else dtw_align.Timed(t.start * f, t.end * f, t.score)
             for t in dtw_align.times_from_path(path, spans, null)]
    return {"times": times, "forward": c1 - c0, "backward": c2 - c1}


def start_errors(folder: Path, words: list[str], times: list) -> np.ndarray:
    """Each word's start error against the truth (NaN where unmatched or untimed), matched as
    the benchmark's scorer matches."""
    sys.path.insert(0, str(BENCH))
    import score_alignment as sa

    ref = sa.truth_words(json.loads((folder / "truth.json").read_text()))
    keys = [sa.norm(w) for w in words]
    idx = [i for i, k in enumerate(keys) if k]
    err = np.full(len(words), np.nan)
    matcher = difflib.SequenceMatcher(a=[r[0] for r in ref], b=[keys[i] for i in idx], autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            i, t = idx[block.b + k], times[idx[block.b + k]]
            if t is not None:
                err[i] = abs(t.start - ref[block.a + k][1])
    return err


def running_median(times: list) -> np.ndarray:
    """The running median of the word scores that :func:`dtw_align.confident` judges."""
    scores = np.array([t.score if t is not None else np.inf for t in times], np.float64)
    half = dtw_align.WINDOW // 2
    padded = np.pad(scores, half, mode="edge")
    return np.array([np.median(padded[k: k + dtw_align.WINDOW]) for k in range(len(scores))])


def worst_run(err: np.ndarray, ok: list[bool], times: list) -> float:
    """Seconds spanned by the longest run of confident words all starting > 0.5 s off."""
    best, first = 0.0, None
    for k, good in enumerate(ok):
        bad = good and err[k] > 0.5
        if bad and first is None:
            first = k
        if first is not None and (not bad or k == len(ok) - 1):
            last = k if bad else k - 1
            best = max(best, times[last].end - times[first].start)
            first = None
    return best


def stretches(times: list, ok: list[bool], duration: float) -> list[tuple[float, float]]:
    """Merged stretches around words DTW is not confident about, cut into <= 30 s chunks."""
    merged: list[list[float]] = []
    for t, good in zip(times, ok):
        if t is None or good:
            continue
        a, b = max(0.0, t.start - PAD), min(duration, t.end + PAD)
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        n = max(1, round((b - a) / anchored.RECOGNITION_CHUNK))
        out += [(a + (b - a) * i / n, a + (b - a) * (i + 1) / n) for i in range(n)]
    return out


def recognition_cpu(episode, audio, chunks: list[tuple[float, float]]) -> float:
    base = Lexicon.for_language("en")
    _, tokens = aligner.spoken_episode(episode, base)
    lex = base.with_guesses(t.text for t in tokens)
    sentences: dict[int, list[str]] = {}
    for t in tokens:
        if t.text in lex:
            sentences.setdefault(t.sentence, []).append(t.text)
    folder = OUT / "dtw-anchors"
    folder.mkdir(parents=True, exist_ok=True)
    res = sphinx.write_resources(list(sentences.values()), lex, folder)
    sphinx.recognize(res, audio.slice(0, 1).tobytes(), 0.0)  # the decoder is built once per process
    c = cpu()
    for a, b in chunks:
        sphinx.recognize(res, audio.slice(a, b).tobytes(), a)
    return cpu() - c


def measure(name: str, total: bool) -> dict:
    folder = BENCH / name
    audio = decode(audio_of(folder))
    episode = transcripts.load(folder / "transcript.txt", language="en").episode
    sentences = [[w.text for w in s.words] for t in episode.turns for s in t.sentences]
    words = [w for s in sentences for w in s]
    c = cpu()
    spoken = dtw_align.speak(sentences, "en")
    c, speak_cpu = cpu(), cpu() - c
    heard = mfcc(audio.samples, audio.rate, normalise=False)
    mfcc_cpu = cpu() - c
    row: dict = {"set": name, "minutes": audio.duration / 60, "speak": speak_cpu, "mfcc": mfcc_cpu, "by": {}}
    for f in FACTORS:
        got = dtw_times(heard, spoken, sentences, f)
        ok = dtw_align.confident(got["times"])
        err = start_errors(folder, words, got["times"])
        e = err[np.array(ok) & ~np.isnan(err)]
        row["by"][f] = {"forward": got["forward"], "backward": got["backward"], "confident": float(np.mean(ok)),
                        "median_ms": 1000 * float(np.median(e)) if len(e) else float("nan"),
                        "over100": float(np.mean(e > 0.1)), "over500": float(np.mean(e > 0.5)),
                        "worst_run": worst_run(err, ok, got["times"])}
        if f == 1:
            ok1, times1 = ok, got["times"]
            median = running_median(times1)
            row["bars"] = {}
            for bar in BARS:
                sure = [t is not None and m <= bar for t, m in zip(times1, median)]
                e = err[np.array(sure) & ~np.isnan(err)]
                row["bars"][bar] = {"confident": float(np.mean(sure)), "over500": float(np.mean(e > 0.5)),
                                    "share": sum(b - a for a, b in stretches(times1, sure, audio.duration))
                                    / audio.duration}
    db = frame_energy(audio.samples, audio.rate)
    part = stretches(times1, ok1, audio.duration)
    row["recognize_all"] = recognition_cpu(episode, audio, anchored.recognition_chunks(db, audio.duration))
    row["recognize_part"] = recognition_cpu(episode, audio, part)
    row["part_share"] = sum(b - a for a, b in part) / audio.duration
    if total:
        _, row["total"] = cpu_timed([*AUDIOKIT, "align", str(audio_of(folder)), str(folder / "transcript.txt"),
                                       "-o", str(OUT / "dtw-anchors" / f"{name}.json"), "--workers", "1", "-q"])
    return row


def markdown(rows: list[dict]) -> str:
    lines = ["## DTW anchors for English (`scripts/measure_dtw_anchors.py`, issue 14)", "",
             f"Machine: {machine()}. {load_note()}. CPU seconds are of one process.", "",
             ("DTW cost by stage (CPU s) and the words it calls confident (`dtw_align.confident`), "
              "scored as anchors against the truth:"), "",
             ("| set | min | frames | synth+MFCC | episode MFCC | forward warp | backwards warp | confident "
              "| start median | > 100 ms | > 500 ms | longest run > 0.5 s off |"),
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        for f, b in r["by"].items():
            lines.append(f"| {r['set']} | {r['minutes']:.1f} | {10 * f} ms | {r['speak']:.1f} | {r['mfcc']:.1f} "
                         f"| {b['forward']:.1f} | {b['backward']:.1f} | {b['confident']:.1%} | {b['median_ms']:.0f} ms "
                         f"| {b['over100']:.1%} | {b['over500']:.1%} | {b['worst_run']:.0f} s |")
    lines += ["", ("Recognition (CPU s, one process) over the whole episode against over only the stretches "
                   f"around words DTW is not confident about ({PAD:.0f} s either side), and the best a hybrid "
                   "could do (DTW at 40 ms frames + that recognition, no confirmation of anchors):"), "",
              ("| set | alignment CPU | recognition, whole | stretches (share of audio) | recognition there "
               "| DTW at 40 ms | hybrid saving |"), "|---|---|---|---|---|---|---|"]
    for r in rows:
        dtw_cost = r["speak"] + r["mfcc"] + r["by"][4]["forward"] + r["by"][4]["backward"]
        saving = r["recognize_all"] - r["recognize_part"] - dtw_cost
        total = r.get("total")
        share = f" ({saving / total:.0%})" if total else ""
        lines.append(f"| {r['set']} | {total:.1f} | " if total else f"| {r['set']} | - | ")
        lines[-1] += (f"{r['recognize_all']:.1f} | {r['part_share']:.0%} | {r['recognize_part']:.1f} | {dtw_cost:.1f} "
                      f"| {saving:.1f} s{share} |")
    lines += ["", "A stricter bar (10 ms frames) buys safer anchors only by leaving more audio to recognise:", "",
              "| set | bar | confident | of them > 500 ms off | audio left to recognise |", "|---|---|---|---|---|"]
    for r in rows:
        for bar, b in r["bars"].items():
            lines.append(f"| {r['set']} | {bar} | {b['confident']:.1%} | {b['over500']:.1%} | {b['share']:.0%} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=SETS)
    parser.add_argument("--no-total", action="store_true", help="skip the whole alignment's CPU")
    args = parser.parse_args()
    require_bench()
    rows = []
    for name in args.only or SETS:
        rows.append(measure(name, not args.no_total))
        print(json.dumps({k: v for k, v in rows[-1].items()}, default=str), flush=True)
    update_section("dtw-anchors", markdown(rows))


if __name__ == "__main__":
    main()
