#!/usr/bin/env python3
"""Benchmark ``audiokit run`` (the whole pipeline) on seed-full: from scratch, then again
with every stage in the cache. Wall time and peak memory of the whole process tree.

    .venv/bin/python scripts/bench_run.py [--episode seed-full]

Writes into bench-out/run-<episode>/ (removed first, it is the benchmark's own folder) and
replaces the ``run`` section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import AUDIOKIT, BENCH, OUT, Run, machine, require_bench, timed, update_section

TARGET_SCRATCH, TARGET_CACHED, TARGET_MB = 90.0, 5.0, 1024.0


def _audio(folder: Path) -> Path:
    for name in ("episode.flac", "episode.wav", "episode.mp3"):
        if (folder / name).is_file():
            return folder / name
    sys.exit(f"no episode audio in {folder}")


def _check(run: Run, what: str) -> None:
    if run.returncode != 0:
        sys.exit(f"audiokit run ({what}) failed with status {run.returncode}:\n{run.stderr[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episode", default="seed-full", help="A folder of ../shared/bench.")
    args = parser.parse_args()
    require_bench()
    folder = BENCH / args.episode
    audio, transcript = _audio(folder), folder / "transcript.txt"
    out = OUT / f"run-{args.episode}"
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [*AUDIOKIT, "run", str(audio), str(transcript), "-o", str(out)]
    scratch = timed(cmd)
    _check(scratch, "from scratch")
    cached = timed(cmd)
    _check(cached, "cached")
    reused = "reused align, captions, chapters, clips, preview" in cached.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                     if p.is_file() and ".audiokit-cache" not in p.parts)
    peak = max(scratch.peak_mb, cached.peak_mb)
    rows = [
        ("from scratch", f"<= {TARGET_SCRATCH:.0f} s", f"{scratch.wall:.1f} s", scratch.wall <= TARGET_SCRATCH),
        ("cached re-run", f"<= {TARGET_CACHED:.0f} s", f"{cached.wall:.1f} s" + ("" if reused else " (not all reused!)"),
         cached.wall <= TARGET_CACHED and reused),
        ("peak memory (process tree)", f"<= {TARGET_MB:.0f} MB", f"{peak:.0f} MB", peak <= TARGET_MB),
    ]
    table = "\n".join(f"| {a} | {b} | {c} | {'yes' if ok else '**no**'} |" for a, b, c, ok in rows)
    warnings = [line for line in scratch.stderr.splitlines() if "warning:" in line]
    stages = [line for line in scratch.stderr.splitlines() if ": done (" in line]
    markdown = f"""## Whole pipeline (`audiokit run`, {args.episode})

`audiokit run {audio.name} transcript.txt -o OUT/` with default options: alignment, captions, chapters,
clips, timeline and preview page, then the same command again (every stage from the cache).
Machine: {machine()}.

| run | target | result | met |
|---|---|---|---|
{table}

Stages of the first run: {"; ".join(s.strip() for s in stages) or "(no progress lines)"}.

Files written ({len(written)}): {", ".join(f"`{w}`" for w in written)}.

Warnings of the first run: {"; ".join(w.split("warning: ", 1)[1] for w in warnings) or "none"}.
"""
    update_section("run", markdown)
    print(markdown)


if __name__ == "__main__":
    main()
