#!/usr/bin/env python3
"""seed-ad: seed-full with a 90 s ad break in its audio that its transcript does not have.

A producer's real case: the episode was transcribed (or written) before the ad was inserted, so
the audio holds 90 s of speech, in other voices, that no transcript line covers. The aligner
should place every word on either side as it does on seed-full and report the ad as audio the
transcript lacks (``extra_audio`` in its report).

    .venv/bin/python scripts/ad_set.py        # writes bench-out/sets/seed-ad/ (skips when up to date)

Built by rule from ``../shared/bench/seed-full`` and ``samples/episode.mp3`` (the demo episode:
other text; of the window taken, 68 s are in seed-full's own two Festival voices and 17 s in
eSpeak NG's, so the ad is told from the episode by its words, hardly by its voices), nothing random:

- the cut is the middle of the silence between two turns whose middle lies nearest 600 s
  (:func:`cut_point`), on the millisecond grid, so it falls on a whole 16 kHz sample;
- the ad is 90 s of the sample episode that begins in the pause before its earliest sentence from which a
  90 s window also ends in a pause (:func:`ad_window`; 26.847-116.847 s), so it opens and
  closes in silence as a produced ad read does;
- ``episode.flac`` (16 kHz mono 16-bit, as seed-full) is seed-full's samples with the ad's spliced
  in at the cut; ``transcript.txt`` is seed-full's, unchanged; ``truth.json`` is seed-full's with
  every time at or after the cut 90 s later, the duration 90 s longer, and
  ``"inserted": {"start", "end", "source", "source_start"}`` giving the ad's span
  (:func:`shift_truth`).

``stamp.json`` records a digest of the inputs and of this script; a second run with the same
digest and all files in place does nothing.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import BENCH, OUT, ROOT

from audiokit.textio import temporary_sibling, write_bytes_atomic, write_text_atomic

AD_SECONDS = 90.0
NEAR = 600.0  # seconds: where the ad break goes (a mid-roll ten minutes in)
LEAD = 0.25  # seconds of the sample's silence kept before the ad's first word
EDGE = 0.05  # seconds: the ad's last sample lies at least this far from any sentence of the sample
RATE = 16000
WIDTH = 2  # bytes per sample (s16le)
NAME = "seed-ad"
EXTRA_KIND = "speech not in transcript"


def turn_gaps(truth: dict[str, Any]) -> list[tuple[float, float]]:
    """The silences between consecutive turns: (end of one, start of the next), where positive.

    >>> turn_gaps({"turns": [{"start": 0, "end": 2.0}, {"start": 2.5, "end": 4.0}, {"start": 4.0, "end": 5}]})
    [(2.0, 2.5)]
    """
    turns = truth["turns"]
    return [(a["end"], b["start"]) for a, b in itertools.pairwise(turns) if b["start"] > a["end"]]


def cut_point(truth: dict[str, Any], near: float = NEAR) -> float:
    """The middle of the turn-to-turn silence whose middle lies nearest ``near`` (the earlier one
    on a tie), rounded to the millisecond (a whole sample at 16 kHz).

    >>> cut_point({"turns": [{"start": 0, "end": 500.0}, {"start": 500.4, "end": 640.0},
    ...                      {"start": 640.8, "end": 700.0}]}, near=600)
    640.4
    """
    gaps = turn_gaps(truth)
    if not gaps:
        raise ValueError("no silence between turns to cut at")
    a, b = min(gaps, key=lambda g: abs((g[0] + g[1]) / 2 - near))
    return round((a + b) / 2, 3)


def ad_window(truth: dict[str, Any], length: float = AD_SECONDS, lead: float = LEAD, edge: float = EDGE) -> float:
    """Where in the sample episode the ad starts: in the pause before the earliest sentence for
    which a ``length``-second window can both start in that pause and end in a later one (each
    end at least ``edge`` from any sentence), as near ``lead`` seconds before the sentence as
    that allows; on the millisecond grid.

    >>> sents = [(1.0, 40.0), (40.6, 90.5), (91.5, 120.0), (120.5, 200.0)]
    >>> ad_window({"turns": [{"sentences": [{"start": a, "end": b} for a, b in sents]}]}, length=90.0)
    0.75
    >>> ad_window({"turns": [{"sentences": [{"start": a, "end": b} for a, b in sents]}]}, length=80.0)
    40.35
    """
    ms = sorted((round(s["start"] * 1000), round(s["end"] * 1000)) for t in truth["turns"] for s in t["sentences"]
                if s.get("start") is not None and s.get("end") is not None)
    span, gap, margin = round(length * 1000), round(lead * 1000), round(edge * 1000)
    # Pauses as (earliest, latest) ms a window edge may take; the first runs from the file's start.
    pauses = [(0, ms[0][0] - margin)] + [(a[1] + margin, b[0] - margin) for a, b in itertools.pairwise(ms)]
    for lo, hi in pauses:
        for end_lo, end_hi in pauses:
            first, last = max(lo, end_lo - span), min(hi, end_hi - span)
            if first <= last:
                return min(max(hi + margin - gap, first), last) / 1000
    raise ValueError(f"no {length:g} s window of the sample starts and ends in a pause")


def _shift(t: float | None, at: float, by: float) -> float | None:
    return t if t is None or t < at else round(t + by, 6)


def shift_truth(truth: dict[str, Any], at: float, by: float, source: str = "", source_start: float = 0.0
                ) -> dict[str, Any]:
    """A copy of a benchmark ``truth`` with ``by`` seconds of audio inserted at ``at``: every turn,
    sentence and token time at or after ``at`` moves ``by`` later, the duration grows by ``by``,
    and ``inserted`` gives the new span. The input is left as it was.

    >>> t = {"duration": 10.0, "turns": [{"start": 1.0, "end": 4.0, "sentences": [{"start": 1.0,
    ...      "end": 4.0, "tokens": [{"start": 1.0, "end": 2.0}, {"start": 5.0, "end": None}]}]}]}
    >>> s = shift_truth(t, 3.0, 90.0)
    >>> s["duration"], s["turns"][0]["end"], s["turns"][0]["sentences"][0]["tokens"], s["inserted"]["end"]
    (100.0, 94.0, [{'start': 1.0, 'end': 2.0}, {'start': 95.0, 'end': None}], 93.0)
    """
    out = copy.deepcopy(truth)
    for turn in out["turns"]:
        for item in (turn, *turn["sentences"], *(k for s in turn["sentences"] for k in s["tokens"])):
            item["start"], item["end"] = _shift(item["start"], at, by), _shift(item["end"], at, by)
    for chapter in out.get("chapters", []):
        chapter["start"] = _shift(chapter["start"], at, by)
    out["duration"] = round(out["duration"] + by, 6)
    out["inserted"] = {"start": at, "end": round(at + by, 6), "source": source, "source_start": source_start}
    return out


def splice(main: bytes, insert: bytes, at_sample: int, width: int = WIDTH) -> bytes:
    """``insert`` put into ``main`` (raw PCM, ``width`` bytes a sample) before sample ``at_sample``.

    >>> splice(b"aabbcc", b"XX", 2)
    b'aabbXXcc'
    """
    if not 0 <= at_sample * width <= len(main):
        raise ValueError(f"sample {at_sample} is outside the audio")
    return main[: at_sample * width] + insert + main[at_sample * width:]


def fit_length(pcm: bytes, samples: int, width: int = WIDTH) -> bytes:
    """``pcm`` cut or padded with silence to exactly ``samples`` samples (a resampler may give
    one more or one fewer).

    >>> fit_length(b"abcd", 3), fit_length(b"abcdef", 2)
    (b'abcd\\x00\\x00', b'abcd')
    """
    return pcm[: samples * width].ljust(samples * width, b"\0")


def ad_found(extra_audio: list[dict[str, Any]], inserted: dict[str, Any]) -> dict[str, Any]:
    """How an aligner report's ``extra_audio`` shows the inserted ad: the stretches of speech not
    in the transcript that overlap it, their hull, and its start and end errors (ms) against the
    ad's span. ``found`` is False (errors None) when no stretch overlaps it.

    >>> ins = {"start": 100.0, "end": 190.0}
    >>> ad_found([{"start": 99.6, "end": 150.0, "kind": EXTRA_KIND},
    ...           {"start": 151.0, "end": 190.8, "kind": EXTRA_KIND}], ins)["end_ms"]
    800.0
    >>> ad_found([{"start": 0.0, "end": 3.5, "kind": "unaligned sound"}], ins)["found"]
    False
    """
    a, b = inserted["start"], inserted["end"]
    hits = [s for s in extra_audio if s["kind"] == EXTRA_KIND and s["start"] < b and s["end"] > a]
    if not hits:
        return {"found": False, "pieces": 0, "start": None, "end": None, "start_ms": None, "end_ms": None,
                "covered": 0.0}
    start, end = min(s["start"] for s in hits), max(s["end"] for s in hits)
    covered = sum(min(s["end"], b) - max(s["start"], a) for s in hits) / (b - a)
    return {"found": True, "pieces": len(hits), "start": start, "end": end,
            "start_ms": round(abs(start - a) * 1000, 1), "end_ms": round(abs(end - b) * 1000, 1),
            "covered": round(covered, 4)}


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def _pcm(path: Path, *filters: str) -> bytes:
    """The file's audio as 16 kHz mono s16le, through ffmpeg (optionally filtered)."""
    cmd = ["ffmpeg", "-v", "error", "-nostdin", "-i", str(path)]
    if filters:
        cmd += ["-af", ",".join(filters)]
    cmd += ["-f", "s16le", "-ac", "1", "-ar", str(RATE), "-"]
    return subprocess.run(cmd, capture_output=True, check=True).stdout


def _write_flac(pcm: bytes, target: Path) -> None:
    tmp = temporary_sibling(target)
    try:
        subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "s16le", "-ar", str(RATE), "-ac", "1",
                        "-i", "-", "-c:a", "flac", "-fflags", "+bitexact", "-flags:a", "+bitexact", str(tmp)],
                       input=pcm, check=True)
        tmp.chmod(0o644)  # mkstemp made it private; the set is read by other users' runs
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def build(source: Path = BENCH / "seed-full", sample: Path = ROOT / "samples",
          target: Path = OUT / "sets" / NAME) -> Path:
    """Write the set's episode.flac, transcript.txt and truth.json (unless ``stamp.json`` says
    they are up to date); returns the folder."""
    inputs = [source / "episode.flac", source / "transcript.txt", source / "truth.json",
              sample / "episode.mp3", sample / "episode.truth.json", Path(__file__)]
    key = _digest(*(p.read_bytes() for p in inputs))
    stamp = target / "stamp.json"
    outputs = [target / n for n in ("episode.flac", "transcript.txt", "truth.json")]
    if stamp.exists() and all(p.exists() for p in outputs) and json.loads(stamp.read_text())["key"] == key:
        return target
    target.mkdir(parents=True, exist_ok=True)
    truth = json.loads((source / "truth.json").read_text(encoding="utf-8"))
    at = cut_point(truth)
    begin = ad_window(json.loads((sample / "episode.truth.json").read_text(encoding="utf-8")))
    samples = round(AD_SECONDS * RATE)
    trim = f"atrim=start={begin}:duration={AD_SECONDS}"
    ad = fit_length(_pcm(sample / "episode.mp3", trim, "asetpts=PTS-STARTPTS"), samples)
    _write_flac(splice(_pcm(source / "episode.flac"), ad, round(at * RATE)), outputs[0])
    write_bytes_atomic(outputs[1], (source / "transcript.txt").read_bytes())
    shifted = shift_truth(truth, at, AD_SECONDS, source="samples/episode.mp3", source_start=begin)
    write_text_atomic(outputs[2], json.dumps(shifted, ensure_ascii=False))
    write_text_atomic(stamp, json.dumps({"key": key, "cut": at, "ad_start_in_sample": begin}) + "\n")
    return target


def main() -> None:
    source = BENCH / "seed-full"
    if not (source / "truth.json").exists():
        print(f"ad_set.py: {source}: seed-full not found (set AUDIOKIT_SHARED)", file=sys.stderr)
        sys.exit(2)
    if shutil.which("ffmpeg") is None:
        print("ad_set.py: ffmpeg is not installed", file=sys.stderr)
        sys.exit(2)
    print(build(source))


if __name__ == "__main__":
    main()
