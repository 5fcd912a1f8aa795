#!/usr/bin/env python3
"""Alignment in other languages: runs `audiokit align` (no --language: the language is detected)
on ../shared/bench/lang-it and lang-cs, scores it with the benchmark's scorer and writes the
`languages` section of BENCHMARKS.md.

    .venv/bin/python scripts/bench_languages.py [--only lang-it]

Aligned episodes are kept in bench-out/<set>/episode.json. CPU seconds are user + sys of the
whole process tree; on a loaded machine they are the steadier number.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_align import run_set, worst_errors
from benchlib import load_note, machine, require_bench, update_section

SETS = ["lang-it", "lang-cs"]
TARGETS = ("coverage >= 99% of spoken words (placed from the audio); word start median <= 30 ms; >= 90% within "
           "50 ms; >= 97% of sentence starts within 100 ms; every turn start within 250 ms; a 4-minute episode "
           "aligned in <= 30 s on 2 cores")


def row(r: dict) -> str:
    s, ws, sc, rep = r["score"], r["score"]["word_start"], r["sentences"], r["report"]
    four_minutes = r["wall"] * 240 / r["duration"]
    lang = f"{rep.get('language')} ({'detected' if rep.get('language_detected') else 'given'})"
    return (f"| {r['name']} | {r['duration']:.0f} s | {lang} | {s['coverage']:.1%} | {rep['coverage']:.1%} | "
            f"{rep['interpolated']} | {ws['median_ms']:.1f} ms | {ws['within_50ms']:.1%} | {sc['within_100ms']:.1%} | "
            f"{r['max_turn_ms']:.0f} ms | {r['wall']:.1f} s ({four_minutes:.1f} s per 4 min) | {r['cpu']:.1f} s | "
            f"{r['peak_mb']:.0f} MB | {rep.get('method', '-')} |")


def table(results: list[dict]) -> str:
    header = ("| set | audio | language | coverage (scorer) | placed from the audio (report) | interpolated | "
              "word start median | within 50 ms | sentence starts within 100 ms | max turn start err | wall | "
              "CPU (user+sys) | peak memory | method |")
    lines = [
        "## Alignment in other languages (`scripts/bench_languages.py`)", "",
        f"Machine: {machine()}; {load_note()}.", "",
        header, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *[row(r) for r in results], "",
        f"Targets (issue 13, each language): {TARGETS}.", "",
        ("Only the first of the issue's two methods is measured here; the second (eSpeak NG speaking the "
         "transcript, MFCC dynamic time warping against the episode for anchors or unplaced regions) is not "
         "built yet."), "",
        ("Baseline before issue 13 (English pronunciations, eSpeak NG English guesses): lang-it 85% placed, 86% of "
         "word starts within 50 ms, 83% of sentence starts within 100 ms; lang-cs 86%, 73%, 79%."), "",
        ("Scores from `../shared/bench/score_alignment.py`; sentence starts and turn starts as in "
         "`scripts/bench_align.py`."),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=SETS)
    args = parser.parse_args()
    require_bench()
    results = []
    for name in args.only or SETS:
        r = run_set(name)
        r["max_word_ms"], r["max_turn_ms"] = worst_errors(name, Path(r["episode"]))
        results.append(r)
        ws = r["score"]["word_start"]
        print(f"{name}: coverage {r['score']['coverage']:.1%}, median {ws['median_ms']} ms, "
              f"within 50 ms {ws['within_50ms']:.1%}, sentence starts {r['sentences']['within_100ms']:.1%}, "
              f"max turn start {r['max_turn_ms']:.0f} ms, {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU",
              file=sys.stderr)
    update_section("languages", table(results))
    print(json.dumps([{k: v for k, v in r.items() if k != "report"} for r in results], indent=1, default=str)[:2000])


if __name__ == "__main__":
    main()
