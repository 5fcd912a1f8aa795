#!/usr/bin/env python3
"""Benchmark ``audiokit loudness``: does it measure each speaker's level, on real episode lengths,
fast? Writes the ``loudness`` section of BENCHMARKS.md.

    .venv/bin/python scripts/bench_loudness.py

- **Speaker balance, known answer:** seed-full (24 min, two voices) with its second speaker's
  turns (truth times) turned down by 6 dB in a copy (bench-out/loudness/): the measured gap between
  the speakers must grow by 6.02 LU, measured with the truth's turns and with the aligner's
  (bench-out/seed-full/episode.json, from scripts/bench_align.py).
- **The meter against pyloudnorm** (an independent BS.1770 implementation) on seed-full and
  real-mfa: integrated loudness.
- **Levelling** (``audiokit level``) that copy with the aligner's turns: the speakers' gap after,
  the integrated loudness against the target, the true peak, and the command's time and memory.
- **Riding within a speaker** (``audiokit level --ride``): a copy with every third turn of each
  speaker turned down 6 dB; how far turns sit from their speaker's level before and after.
- **Speed:** the 3.2-hour episode bench_chapters.py writes (bench-out/long/episode-3h.flac), wall
  time and peak memory of the whole command.

Acceptance (set with the feature, no issue target): the gap within 0.3 LU of 6.02, the meter
within 0.3 LU of pyloudnorm, three hours in under 60 s and 300 MB; levelled, the speakers within
1 LU of each other, the episode within 1 LU of its target and its true peak at most -1 dBTP;
ridden, the turns' spread within 0.5 LU of the recording as it was, which riding moves by at most 0.1 LU;
real-mfa levelled within 1 LU of its target with its true peak at most -1 dBTP.
"""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchlib import AUDIOKIT, BENCH, OUT, machine, require_bench, timed, update_section

from audiokit import episode_json
from audiokit.loudness import measure_episode
from audiokit.loudness.gating import speaker_loudness
from audiokit.loudness.meter import measure

GAIN_DB = -6.0


def decode(path: Path) -> tuple[np.ndarray, int]:
    """``path``'s samples (float, mono as recorded) at its own rate, by ffmpeg."""
    rate = int(subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                               "stream=sample_rate", "-of", "csv=p=0", str(path)],
                              capture_output=True, text=True, check=True).stdout.strip())
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:a:0", "-ac", "1", "-f", "f32le", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype="<f4").astype(np.float64), rate


def write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((np.clip(samples, -1, 1) * 32767).round().astype("<i2").tobytes())


def truth_turns(truth: dict) -> list[tuple[str, float, float]]:  # type: ignore[type-arg]
    return [(t["speaker"], float(t["start"]), float(t["end"])) for t in truth["turns"]]


def pyloudnorm_lufs(samples: np.ndarray, rate: int) -> float:
    import pyloudnorm

    return float(pyloudnorm.Meter(rate).integrated_loudness(samples))


def turn_spread(path: Path, turns: list[tuple[str, float, float]]) -> tuple[float, float, int]:
    """How far ``turns`` sit from their own speaker's level in ``path``: the root mean square of
    each measurable turn's gated loudness minus its speaker's (LU), the share of those turns more
    than 2 LU off, and how many were measurable (3 s of blocks wholly within the turn)."""
    m = measure(path)
    own = speaker_loudness(m.ends, m.blocks, turns)
    each = speaker_loudness(m.ends, m.blocks, [(str(k), a, b) for k, (_, a, b) in enumerate(turns)])
    offs = [level - own_level for k, (name, _, _) in enumerate(turns)
            if (level := each[str(k)]) is not None and (own_level := own.get(name)) is not None]
    rms = float(np.sqrt(np.mean(np.square(offs)))) if offs else float("nan")
    return rms, (sum(abs(o) > 2.0 for o in offs) / len(offs) if offs else float("nan")), len(offs)


def riding(folder: Path, samples: np.ndarray, rate: int, turns: list[tuple[str, float, float]],
           original: Path, aligned_path: Path) -> tuple[str, bool]:
    """``audiokit level --ride`` on a copy of seed-full with every third turn of each speaker
    turned down 6 dB (a guest leaning away from the microphone), beside the plain levelling and
    the recording as it was; the rows of the table and whether riding brought the turns back."""
    leaned = samples.copy()
    seen: dict[str, int] = {}
    for speaker, start, end in turns:
        seen[speaker] = seen.get(speaker, 0) + 1
        if seen[speaker] % 3 == 0:
            leaned[int(start * rate):int(end * rate)] *= 10 ** (GAIN_DB / 20)
    copy = folder / "seed-full-every-third-turn-6dB.wav"
    write_wav(copy, leaned, rate)
    rows, spread = [], {}
    cases = [("as recorded", original, None), ("every third turn -6 dB", copy, None),
             ("that, levelled", copy, []), ("that, levelled --ride", copy, ["--ride"]),
             ("as recorded, levelled --ride", original, ["--ride"])]
    for label, source, how in cases:
        path, moved, cost = source, "-", "-"
        if how is not None:
            path = folder / f"ride-{len(rows)}.wav"
            run = timed([*AUDIOKIT, "level", str(source), str(aligned_path), "-o", str(path), *how], keep_stdout=True)
            said = [line for line in run.stdout.splitlines() if line.startswith("ridden:")]
            moved = said[0].removeprefix("ridden: ") if said else "no riding"
            cost = f"{run.wall:.1f} s, {run.peak_mb:.0f} MB"
        rms, off, n = turn_spread(path, turns)
        spread[label] = rms
        rows.append(f"| {label} | {rms:.2f} LU | {off:.0%} of {n} | {moved} | {cost} |")
    ok = (spread["that, levelled --ride"] <= spread["as recorded"] + 0.5
          and spread["as recorded, levelled --ride"] <= spread["as recorded"] + 0.1)
    return "\n".join(rows), ok


def main() -> None:
    require_bench()
    folder = OUT / "loudness"
    folder.mkdir(parents=True, exist_ok=True)
    source = BENCH / "seed-full" / "episode.flac"
    truth = json.loads((BENCH / "seed-full" / "truth.json").read_text())
    turns = truth_turns(truth)
    quiet_one = truth["speakers"][1]
    samples, rate = decode(source)
    quieter = samples.copy()
    for speaker, start, end in turns:
        if speaker == quiet_one:
            quieter[int(start * rate):int(end * rate)] *= 10 ** (GAIN_DB / 20)
    original = folder / "seed-full.wav"
    changed = folder / f"seed-full-{quiet_one.split()[0].lower()}{GAIN_DB:+g}dB.wav"
    write_wav(original, samples, rate)  # the same 16-bit path as the changed copy
    write_wav(changed, quieter, rate)

    aligned_path = OUT / "seed-full" / "episode.json"
    aligned = episode_json.load(aligned_path) if aligned_path.exists() else None
    rows, gaps = [], []
    for label, path in (("as recorded", original), (f"{quiet_one} {GAIN_DB:+g} dB", changed)):
        m = measure(path)
        by_truth = speaker_loudness(m.ends, m.blocks, turns)
        by_aligner = measure_episode(path, aligned).speakers if aligned is not None else {}
        cells = []
        for levels in (by_truth, by_aligner):
            a, b = levels.get(truth["speakers"][0]), levels.get(quiet_one)
            cells.append(None if a is None or b is None else a - b)
        gaps.append(cells)
        shown = [f"{g:.2f} LU" if g is not None else "-" for g in cells]
        rows.append(f"| {label} | {m.integrated:.1f} | {shown[0]} | {shown[1]} |")
    growth = [None if a is None or b is None else b - a for a, b in zip(gaps[0], gaps[1])]
    balance_ok = all(g is not None and abs(g - (-GAIN_DB + 0.0206)) <= 0.3 for g in growth)

    meter_rows, meter_ok = [], True
    for name, path in (("seed-full", original), ("real-mfa", BENCH / "real-mfa" / "episode.wav")):
        ours = measure(path).integrated
        theirs = pyloudnorm_lufs(*decode(path))
        meter_ok &= ours is not None and abs(ours - theirs) <= 0.3
        meter_rows.append(f"| {name} | {ours:.1f} | {theirs:.2f} |")

    level_text, level_ok = "not run: bench-out/seed-full/episode.json is missing (scripts/bench_align.py)", False
    if aligned is not None:
        from audiokit.loudness import TARGETS
        from audiokit.loudness.check import target_lufs

        levelled = folder / "seed-full-levelled.wav"
        run = timed([*AUDIOKIT, "level", str(changed), str(aligned_path), "-o", str(levelled)])
        after = measure_episode(levelled, aligned)
        spread = max(v for v in after.speakers.values() if v is not None) - min(
            v for v in after.speakers.values() if v is not None)
        want = target_lufs(TARGETS["apple"], after.channels)
        level_ok = (run.returncode == 0 and spread <= 1.0 and after.integrated is not None
                    and abs(after.integrated - want) <= 1.0 and after.true_peak <= -1.0)
        level_text = (f"speakers {spread:.1f} LU apart (from {abs(gaps[1][1] or 0):.1f}), {after.integrated:.1f} LUFS "
                      f"(target {want:g} for this mono file), true peak {after.true_peak:.1f} dBTP; "
                      f"{run.wall:.1f} s wall, {run.peak_mb:.0f} MB peak for the whole command (two meter passes, "
                      "a third when it makes up loudness, and the levelled copy)")

    ride_rows, ride_ok = "| not run: bench-out/seed-full/episode.json is missing | | | | |", False
    if aligned is not None:
        ride_rows, ride_ok = riding(folder, samples, rate, turns, original, aligned_path)

    real_text = "not run: bench-out/real-mfa/episode.json is missing (scripts/bench_align.py)"
    real_ok = True
    real_episode = OUT / "real-mfa" / "episode.json"
    if real_episode.exists():
        real_audio, real_out = BENCH / "real-mfa" / "episode.wav", folder / "real-mfa-ridden.wav"
        run = timed([*AUDIOKIT, "level", str(real_audio), str(real_episode), "-o", str(real_out), "--ride"],
                    keep_stdout=True)
        was, now = measure(real_audio), measure(real_out)
        said = [line.removeprefix("ridden: ") for line in run.stdout.splitlines() if line.startswith("ridden:")]
        real_ok = run.returncode == 0 and now.true_peak <= -1.0 and now.integrated is not None and abs(now.integrated + 19) <= 1
        real_text = (f"{was.integrated:.1f} -> {now.integrated:.1f} LUFS (mono target -19), true peak {was.true_peak:.1f} -> "
                     f"{now.true_peak:.1f} dBTP, loudness range {was.loudness_range:.1f} -> {now.loudness_range:.1f} LU; "
                     f"ridden: {said[0] if said else '-'}; exit {run.returncode}, {run.wall:.1f} s")

    long = OUT / "long" / "episode-3h.flac"
    speed = "not run: bench-out/long/episode-3h.flac is missing (scripts/bench_chapters.py writes it)"
    speed_ok = True
    if long.exists():
        run = timed([*AUDIOKIT, "loudness", str(long)])
        speed_ok = run.returncode in (0, 1) and run.wall < 60 and run.peak_mb < 300
        speed = f"{run.wall:.1f} s wall, {run.peak_mb:.0f} MB peak (exit {run.returncode})"
    ok = balance_ok and meter_ok and speed_ok and level_ok and ride_ok and real_ok
    growth_text = " and ".join(f"{g:.2f} LU" if g is not None else "-" for g in growth)
    markdown = f"""## Loudness (`audiokit loudness`)

Acceptance (set with the feature): the speakers' measured gap grows by the applied 6.02 dB within
0.3 LU, the meter within 0.3 LU of pyloudnorm, a 3.2-hour episode in under 60 s and 300 MB;
levelled (`audiokit level`), the speakers within 1 LU, the episode within 1 LU of its target, true
peak <= -1 dBTP, on seed-full and on a real voice (real-mfa): **{'met' if ok else 'NOT met'}**.

seed-full, {quiet_one}'s turns turned down by {-GAIN_DB:g} dB (truth times) in a copy; the gap is
{truth['speakers'][0]}'s loudness minus {quiet_one}'s, over each one's own turns:

| audio | integrated (LUFS) | gap, truth's turns | gap, aligner's turns |
|---|---|---|---|
{chr(10).join(rows)}

The gap grew by {growth_text} (truth's turns, aligner's turns), for 6.02 dB applied.

| episode | ffmpeg's meter (LUFS) | pyloudnorm (LUFS) |
|---|---|---|
{chr(10).join(meter_rows)}

That copy levelled (`audiokit level`, the aligner's turns): {level_text}.

Riding within a speaker (`audiokit level --ride`): seed-full with every third turn of each speaker
turned down {-GAIN_DB:g} dB (truth times) in a copy, as when a guest leans away from the microphone.
Spread: the root mean square of each turn's loudness minus its speaker's, over the truth's turns
with 3 s of blocks (the turns ride never saw: it cuts its own passages from the aligner's
sentences). Acceptance: ridden, the spread within 0.5 LU of the recording as it was; the recording
as it was, ridden, within 0.1 LU of itself: **{'met' if ride_ok else 'NOT met'}**.

| audio | spread | turns > 2 LU off | passages ridden | `audiokit level` |
|---|---|---|---|---|
{ride_rows}

A real voice, quiet and peaky (real-mfa: 82 s, 16 kHz, one speaker who coughs and drops his voice),
`audiokit level --ride`: {real_text}.

3.2-hour episode (`bench-out/long/episode-3h.flac`): {speed}.

Machine: {machine()}.
"""
    update_section("loudness", markdown)
    print(markdown)


if __name__ == "__main__":
    main()
