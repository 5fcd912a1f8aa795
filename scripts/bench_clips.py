#!/usr/bin/env python3
"""Benchmark ``audiokit clips`` on seed-full: clips per speaker, durations, loudness measured
independently with ffmpeg's ebur128 filter, distance of every cut from the nearest timed
word, speakers heard in each clip, wall and CPU time, the passages a producer would post
(``../shared/bench/score_clips.py``: hits and miss-fires), and the text, reasons and social
caption of each clip; then the prosody features of a 3-hour episode (seed-full x8, in
``bench-out/long/``), timed.

    .venv/bin/python scripts/bench_clips.py [--episode bench-out/seed-full/episode.json] [--no-long]

The episode is the aligner's output (scripts/bench_align.py writes it); during development
``--episode bench-out/truth-episodes/seed-full.episode.json`` uses the synthesis truth.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchlib import AUDIOKIT, BENCH, OUT, ROOT, machine, require_bench, timed, update_section

from audiokit import episode_json

TARGET_LUFS = -16.0
MIN_S, MAX_S, PER_SPEAKER = 15.0, 60.0, 3
PROSODY_TARGET_S = 30.0
REPEATS = 8  # 8 x 24 min = 3.2 h, the same file bench_align.py --long uses


def children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def long_audio() -> Path:
    """The seed-full audio 8 times over, 16 kHz mono FLAC (made once)."""
    out = OUT / "long"
    out.mkdir(parents=True, exist_ok=True)
    audio = out / "episode-3h.flac"
    if not audio.exists():
        listing = out / "list.txt"
        listing.write_text("".join(f"file '{BENCH / 'seed-full' / 'episode.flac'}'\n" for _ in range(REPEATS)))
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(listing),
                        "-ac", "1", "-ar", "16000", str(audio)], check=True)
    return audio


def prosody_timing() -> dict:
    """Decode the 3-hour audio once, then time :func:`audiokit.clips.prosody.measure` on it."""
    from audiokit.audio import decode
    from audiokit.clips.prosody import measure

    audio = long_audio()
    t0 = time.perf_counter()
    decoded = decode(audio)
    decode_s = time.perf_counter() - t0
    c0, t0 = time.process_time(), time.perf_counter()
    contours = measure(decoded.samples, decoded.rate)
    return {"hours": decoded.duration / 3600, "decode": decode_s, "wall": time.perf_counter() - t0,
            "cpu": time.process_time() - c0, "frames": len(contours.f0)}


def producer_score(out: Path) -> dict:
    """hits / miss-fires from ../shared/bench/score_clips.py against seed-full's reference."""
    folder = BENCH / "seed-full"
    proc = subprocess.run([sys.executable, str(BENCH / "score_clips.py"), str(folder / "truth.json"),
                           str(folder / "clips.reference.json"), str(out / "clips.json"), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) from ffmpeg's ebur128 filter."""
    proc = subprocess.run(
        [
            "ffmpeg",
            "-nostats",
            "-hide_banner",
            "-i",
            str(path),
            "-af",
            "ebur128=peak=true",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = proc.stderr[proc.stderr.rfind("Summary:") :]
    loud = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    return float(loud.group(1)) if loud else float("nan"), float(peak.group(1)) if peak else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episode", type=Path, default=OUT / "seed-full" / "episode.json")
    parser.add_argument("--audio", type=Path, default=BENCH / "seed-full" / "episode.flac")
    parser.add_argument("--out", type=Path, default=OUT / "seed-full" / "clips")
    parser.add_argument("--no-long", action="store_true", help="skip the 3-hour prosody timing")
    args = parser.parse_args()
    require_bench()
    if not args.episode.exists():
        sys.exit(f"{args.episode} not found: run scripts/bench_align.py first (or pass --episode)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [*AUDIOKIT, "clips", str(args.audio), str(args.episode), "-o", str(args.out), "--force", "-q"]
    cpu0 = children_cpu()
    run = timed(cmd)
    cpu = children_cpu() - cpu0
    if run.returncode != 0:
        sys.exit(f"audiokit clips failed ({run.returncode}): {run.stderr.strip()}")
    episode = episode_json.load(args.episode)
    timed_words = [(t.speaker, w) for t in episode.turns for w in t.words if w.timed]
    doc = json.loads((args.out / "clips.json").read_text())
    rows, per_speaker = (
        [],
        {s.name: 0 for s in episode.speakers if any(t.speaker == s.name for t in episode.turns)},
    )
    ok_bounds = ok_cuts = ok_loud = ok_one = ok_peak = True
    min_gap_all = float("inf")
    for c in doc["clips"]:
        per_speaker[c["speaker"]] = per_speaker.get(c["speaker"], 0) + 1
        loud, peak = ebur128(args.out / c["file"])
        gaps = []
        for cut in (c["start"], c["end"]):
            gaps.append(
                min(
                    0.0 if w.start <= cut <= w.end else min(abs(cut - w.start), abs(cut - w.end))
                    for _, w in timed_words
                )
            )
        gap = min(gaps)
        min_gap_all = min(min_gap_all, gap)
        heard = sorted({s for s, w in timed_words if c["start"] < w.end and w.start < c["end"]})
        ok_bounds &= MIN_S <= c["duration"] <= MAX_S
        ok_cuts &= gap >= 0.0195  # clips.json times are rounded to the millisecond
        ok_loud &= abs(loud - TARGET_LUFS) <= 1.0
        ok_peak &= peak <= -1.0
        ok_one &= heard == [c["speaker"]]
        rows.append((c, loud, peak, gap, heard))
    ok_count = all(n == PER_SPEAKER for n in per_speaker.values())
    ok_time = run.wall < 20.0
    producer = producer_score(args.out)
    ok_hits = producer["hits"] >= len(rows) - 1 and producer["misfires"] == 0
    long = None if args.no_long else prosody_timing()
    mark = {True: "yes", False: "**no**"}
    shown = args.episode.relative_to(ROOT) if args.episode.is_relative_to(ROOT) else args.episode
    lines = [
        "## Highlight clips (`audiokit clips`)",
        "",
        (
            f"seed-full ({args.audio.name}), episode `{shown}`, defaults ({PER_SPEAKER} per speaker, "
            f"{MIN_S:g}-{MAX_S:g} s, {TARGET_LUFS:g} LUFS, mp3). Machine: {machine()}."
        ),
        "",
        "| target | result | met |",
        "|---|---|---|",
        f"| {PER_SPEAKER} clips per speaker | "
        + ", ".join(f"{k}: {v}" for k, v in per_speaker.items())
        + f" | {mark[ok_count]} |",
        f"| durations within {MIN_S:g}-{MAX_S:g} s | "
        + ", ".join(f"{r[0]['duration']:.1f}" for r in rows)
        + f" | {mark[ok_bounds]} |",
        f"| every cut >= 20 ms from any timed word | nearest {min_gap_all * 1000:.0f} ms | {mark[ok_cuts]} |",
        f"| loudness within 1 LU of {TARGET_LUFS:g} LUFS (ffmpeg ebur128) | "
        + ", ".join(f"{r[1]:.1f}" for r in rows)
        + f" | {mark[ok_loud]} |",
        f"| true peak <= -1 dBTP (ebur128) | max {max(r[2] for r in rows):.1f} dBTP | {mark[ok_peak]} |",
        f"| one speaker per clip | {sum(r[4] == [r[0]['speaker']] for r in rows)}/{len(rows)} | {mark[ok_one]} |",
        (
            f"| all clips cut in < 20 s (whole command, prosody included) | {run.wall:.1f} s wall "
            f"({cpu:.1f} s CPU), {run.peak_mb:.0f} MB peak | {mark[ok_time]} |"
        ),
        (
            f"| passages a producer would post (score_clips.py): >= {len(rows) - 1} of {len(rows)} hits, "
            f"0 miss-fires | {producer['hits']} hits, {producer['misfires']} miss-fires | {mark[ok_hits]} |"
        ),
    ]
    if long is not None:
        ok_long = long["wall"] <= PROSODY_TARGET_S
        lines.append(
            f"| prosody features of a {long['hours']:.1f}-hour episode (seed-full x{REPEATS}) in <= "
            f"{PROSODY_TARGET_S:g} s | {long['wall']:.1f} s wall, {long['cpu']:.1f} s CPU (decoding it once: "
            f"{long['decode']:.1f} s) | {mark[ok_long]} |"
        )
    lines += [
        "",
        "| clip | start | duration | LUFS | dBTP | nearest word | score | producer | text | social caption | reasons |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for (c, loud, peak, gap, _), verdict in zip(rows, producer["rows"]):
        def cell(t: str) -> str:
            return t.replace("|", "\\|")
        judged = "hit" if verdict["hit"] else ("**miss-fire**" if verdict["misfire"] else "-")
        lines.append(
            f"| {c['file']} | {c['start']:.2f} | {c['duration']:.1f} | {loud:.1f} | {peak:.1f} | {gap * 1000:.0f} ms "
            f"| {c['score']:.2f} | {judged} ({verdict['good_share']:.2f} good) | {cell(c['text'])} "
            f"| {cell(c.get('social_caption', ''))} | {cell('; '.join(c.get('reasons', [])))} |"
        )
    load = os.getloadavg()[0]
    lines += ["", f"Load average when the run ended: {load:.1f} on {os.cpu_count()} cores"
              + (" (a busy machine: wall times are inflated by other processes; the CPU seconds are this "
                 "command's own)." if load > (os.cpu_count() or 1) else ".")]
    if doc.get("warnings"):
        lines += ["", "Warnings: " + "; ".join(doc["warnings"])]
    markdown = "\n".join(lines)
    update_section("clips", markdown)
    print(markdown)


if __name__ == "__main__":
    main()
