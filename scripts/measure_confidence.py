#!/usr/bin/env python3
"""How often a word of each confidence class is timed right, on every aligned benchmark episode.

A word's ``confidence`` in ``episode.json`` names how it was timed (heard by recognition, forced
between anchors, forced in a checked pause window, placed by DTW, fallback). This script joins the
episodes the benches left in ``bench-out/`` with their truth (matching words as
``../shared/bench/score_alignment.py`` does) and prints, per confidence value, how many words
and the share whose start is within 50 and 100 ms of the truth, over two halves of the sets
(by set, so one half can check the rates read off the other).

usage: scripts/measure_confidence.py [--json]
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
OUT = ROOT / "bench-out"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_alignment", BENCH / "score_alignment.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sets() -> dict[str, tuple[Path, Path]]:
    """name -> (aligned episode.json, truth.json) for every set the benches have aligned."""
    found: dict[str, tuple[Path, Path]] = {}
    for name in ("seed-full", "seed-rough", "real-gold", "real-mfa", "lang-it", "lang-cs"):
        found[name] = (OUT / name / "episode.json", BENCH / name / "truth.json")
    found["seed-edited"] = (OUT / "seed-edited" / "episode.json", OUT / "sets" / "seed-edited" / "truth.json")
    for folder in sorted((OUT / "aligned").glob("lang-*")):
        found[folder.name] = (folder / "episode.json", OUT / folder.name / "truth.json")
    return {k: v for k, v in found.items() if v[0].exists() and v[1].exists()}


def errors_by_confidence(score, truth: dict, episode: dict) -> dict[float | None, list[float]]:
    """Start error (s) of every matched word, grouped by the word's confidence."""
    ref = score.truth_words(truth)
    words = [w for t in episode["turns"] for w in t["words"]]
    hyp = [(score.norm(str(w.get("text", ""))), w) for w in words]
    hyp = [(k, w) for k, w in hyp if k]
    out: dict[float | None, list[float]] = defaultdict(list)
    matcher = difflib.SequenceMatcher(a=[r[0] for r in ref], b=[h[0] for h in hyp], autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            r, (_, w) = ref[block.a + k], hyp[block.b + k]
            if w.get("start") is None:
                continue
            key = None if w.get("interpolated") else w.get("confidence")
            out[key].append(abs(float(w["start"]) - r[1]))
    return out


def main(argv: list[str]) -> int:
    score = _scorer()
    found = sets()
    halves: list[dict[float | None, list[float]]] = [defaultdict(list), defaultdict(list)]
    for i, (name, (episode, truth)) in enumerate(sorted(found.items())):
        by_conf = errors_by_confidence(score, json.loads(truth.read_text()), json.loads(episode.read_text()))
        for key, errs in by_conf.items():
            halves[i % 2][key].extend(errs)
    rows = []
    for key in sorted({k for h in halves for k in h}, key=lambda k: -1 if k is None else k):
        row: dict = {"confidence": key}
        for j, h in enumerate(halves):
            errs = h.get(key, [])
            row[f"half{j}"] = {"n": len(errs), "within_50ms": round(score.share(errs, 0.05), 4),
                               "within_100ms": round(score.share(errs, 0.1), 4)}
        both = halves[0].get(key, []) + halves[1].get(key, [])
        row["all"] = {"n": len(both), "within_50ms": round(score.share(both, 0.05), 4),
                      "within_100ms": round(score.share(both, 0.1), 4)}
        rows.append(row)
    if "--json" in argv:
        print(json.dumps({"sets": sorted(found), "rows": rows}, indent=1))
        return 0
    print("sets:", ", ".join(sorted(found)))
    print("halves: alternate sets in name order")
    print(f"{'confidence':>12} | {'n':>6} {'<=50':>7} {'<=100':>7} | {'n':>6} {'<=50':>7} {'<=100':>7} | {'n':>6} {'<=100':>7}")
    for row in rows:
        name = "interpolated" if row["confidence"] is None else f"{row['confidence']:.2f}"
        a, b, c = row["half0"], row["half1"], row["all"]
        print(f"{name:>12} | {a['n']:6d} {a['within_50ms']:7.1%} {a['within_100ms']:7.1%} | "
              f"{b['n']:6d} {b['within_50ms']:7.1%} {b['within_100ms']:7.1%} | {c['n']:6d} {c['within_100ms']:7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
