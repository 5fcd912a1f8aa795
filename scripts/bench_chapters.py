#!/usr/bin/env python3
"""Chapters benchmark: runs `audiokit chapters` on the aligned seed-full episode with
`--count 14` and without `--count`, scores both with ../shared/bench/score_chapters.py against
the 14 reference chapters (Pk, WindowDiff, boundary precision/recall), lists the titles, times
the runs, and writes the `chapters` section of BENCHMARKS.md.

    .venv/bin/python scripts/bench_chapters.py [--episode bench-out/seed-full/episode.json]

The episode comes from scripts/bench_align.py. During development the truth-built episode
(bench-out/truth-episodes/seed-full.episode.json) can be passed instead. A 3-hour episode (the
same one repeated, times shifted) checks speed on long files.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import AUDIOKIT, BENCH, OUT, ROOT, machine, require_bench, timed, update_section

TARGET_PK = 0.30


def score(truth: Path, reference: Path, chapters: Path) -> dict:
    out = subprocess.run([sys.executable, str(BENCH / "score_chapters.py"), str(truth), str(reference),
                          str(chapters), "--json"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def repeated(episode: dict, copies: int) -> dict:
    """``episode`` spoken ``copies`` times in a row (word times shifted), for a speed check."""
    length = max((w["end"] for t in episode["turns"] for w in t["words"] if w["end"] is not None), default=0) + 2
    turns = []
    for k in range(copies):
        shift = k * length
        for t in episode["turns"]:
            words = [dict(w, start=None if w["start"] is None else round(w["start"] + shift, 3),
                          end=None if w["end"] is None else round(w["end"] + shift, 3), phones=[])
                     for w in t["words"]]
            turns.append(dict(t, words=words, start=None, end=None, hint=None))
    metadata = dict(episode.get("metadata") or {}, duration=round(copies * length, 3))
    return dict(episode, turns=turns, metadata=metadata)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--episode", type=Path, default=OUT / "seed-full" / "episode.json")
    args = parser.parse_args()
    require_bench()
    episode = args.episode
    if not episode.exists():
        sys.exit(f"{episode} not found: run scripts/bench_align.py first (it writes the aligned episode)")
    folder = BENCH / "seed-full"
    truth, reference = folder / "truth.json", folder / "chapters.reference.json"
    out = OUT / "chapters"
    out.mkdir(parents=True, exist_ok=True)

    rows, titles = [], {}
    for label, extra in [("--count 14", ["--count", "14"]), ("no --count", [])]:
        target = out / f"seed-full.{'count14' if extra else 'auto'}.json"
        run = timed([*AUDIOKIT, "chapters", str(episode), "-o", str(target), "-q", *extra])
        if run.returncode != 0:
            sys.exit(f"audiokit chapters failed: {run.stderr.strip()}")
        s = score(truth, reference, target)
        doc = json.loads(target.read_text())
        titles[label] = [(c["startTime"], c["title"]) for c in doc["chapters"]]
        rows.append(f"| {label} | {s['chapters']} | {s['pk']:.3f} | {s['windowdiff']:.3f} | "
                     f"{s['pr_15s'][0]:.2f} / {s['pr_15s'][1]:.2f} | {s['pr_30s'][0]:.2f} / {s['pr_30s'][1]:.2f} | "
                     f"{run.wall:.1f} s | {run.peak_mb:.0f} MB |")
        print(f"{label}: {s}", file=sys.stderr)

    long_episode = out / "seed-full.x8.episode.json"
    long_doc = repeated(json.loads(episode.read_text()), 8)
    long_episode.write_text(json.dumps(long_doc))
    long_run = timed([*AUDIOKIT, "chapters", str(long_episode), "-o", str(out / "seed-full.x8.json"), "-q"])
    long_chapters = len(json.loads((out / "seed-full.x8.json").read_text())["chapters"])
    hours = long_doc["metadata"]["duration"] / 3600

    def clock(t: float) -> str:
        return f"{int(t // 60)}:{int(t % 60):02d}"

    try:
        shown = episode.resolve().relative_to(ROOT)
    except ValueError:
        shown = episode
    lines = [
        "## Chapters (`scripts/bench_chapters.py`)",
        "",
        (f"Episode: `{shown}` (seed-full, 24 min, 245 sentences); reference: 14 chapters chosen by reading the "
        f"transcript. Pk and WindowDiff over sentences, lower is better (evenly spaced chapters: Pk 0.42). "
        f"Target: Pk <= {TARGET_PK:.2f} with `--count 14`. Machine: {machine()}."),
        "",
        "| run | chapters | Pk | WindowDiff | P / R within 15 s | P / R within 30 s | wall | peak memory |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        (f"Long episode: the same episode 8 times over ({hours:.1f} h, {long_chapters} chapters found): "
        f"{long_run.wall:.1f} s wall, {long_run.peak_mb:.0f} MB "
        f"(exit {long_run.returncode}; the command's process start-up is included)."),
        "",
    ]
    for label, items in titles.items():
        lines += [f"Titles, {label}:", "", *[f"- {clock(t)} {title}" for t, title in items], ""]
    update_section("chapters", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
