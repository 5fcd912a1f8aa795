#!/usr/bin/env python3
"""Experiment (issue 11): minimum-Bayes-risk decoding of the chapter boundary probabilities for
Pk (scripts/mbr_decode.py), against the shipped choice (audiokit/chapters/choose.py: the
true count of gaps with the highest summed probability, chapters >= 30 s), on the held-out
probabilities of scripts/train_chapters.py's folds, and on seed-full and the short episodes.

    .venv/bin/python scripts/chapters_mbr.py [--only grid,select,episodes]

- ``grid``: every posterior and temperature on both dev sets: mean Pk, WindowDiff, share better
  than one chapter, paired Pk and WindowDiff difference to the shipped choice with its standard
  error;
- ``select``: the semi-Markov posterior with its temperature and length-prior weight chosen per
  held-out fold on the other folds' conversations (lowest mean Pk, the two sets weighed alike);
- ``episodes``: seed-full ``--count 14`` (word times from the synthesis truth, as
  scripts/bench_chapters.py does without an aligned episode) and the short episodes with the
  true count, scored by ../shared/bench/score_chapters.py, shipped against MBR.

The held-out probabilities are cached in bench-out/chapters/mbr-probs.pkl (delete it after the
model or the features change). The log-normal chapter-length prior (mean and sd of log(length /
mean chapter)) is fitted on the held-out fold's training conversations.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mbr_decode as mbr
from benchlib import BENCH, OUT
from chapters_data import Conversation, score, summary
from train_chapters import MIN_LENGTH, SETS, folds, load_all

from audiokit.chapters import choose

PARTS = ("grid", "select", "episodes")
TEMPERATURES = (1.0, 1.5, 2.0, 3.0)
WEIGHTS = (1.0, 1.5, 2.0)


def held_out_probabilities(convs: list[Conversation]) -> dict[str, np.ndarray]:
    """Each conversation's probabilities from the model trained without its fold, cached."""
    cache = OUT / "chapters" / "mbr-probs.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from measure_chapters_errors import held_out
    probs = held_out(convs)[0]
    cache.write_bytes(pickle.dumps(probs))
    return probs


def length_fit(convs: list[Conversation]) -> tuple[float, float]:
    """Mean and sd of log(true chapter length / the conversation's mean chapter)."""
    logs = []
    for c in convs:
        t = np.array([s.start for s in c.sentences])
        bounds = np.r_[t[c.truth], c.end]
        logs.append(np.log(np.diff(bounds) / ((c.end - t[0]) / len(c.truth))))
    x = np.concatenate(logs)
    return float(x.mean()), float(x.std())


def priors(convs: list[Conversation]) -> dict[str, tuple[float, float]]:
    """The length fit of every conversation's training folds."""
    fold = folds(convs)
    fits = {held: length_fit([c for c in convs if fold[c.series] != held]) for held in set(fold.values())}
    return {c.name: fits[fold[c.series]] for c in convs}


def decode(c: Conversation, p: np.ndarray, variant: tuple | None, prior: tuple[float, float]) -> list[int]:
    """Chapter starts for a conversation: the shipped choice (``variant`` None) or MBR with
    ``variant`` = (model, temperature[, weight])."""
    starts = [s.start for s in c.sentences]
    if variant is None:
        return choose.choose(p, starts, c.end, len(c.truth), MIN_LENGTH)
    model, temperature, *rest = variant
    weight = rest[0] if rest else 1.0
    return mbr.choose_mbr(p, starts, c.end, len(c.truth), MIN_LENGTH, temperature, model,
                          prior=(*prior, weight))


def paired(rows: list[dict], base: list[dict], key: str) -> tuple[float, float]:
    """Mean paired difference of ``key`` to ``base`` and its standard error."""
    b = {r["name"]: r[key] for r in base}
    d = [r[key] - b[r["name"]] for r in rows]
    return statistics.mean(d), statistics.stdev(d) / len(d) ** 0.5


def line(label: str, rows: list[dict], base: list[dict]) -> str:
    """One table row: per set Pk, WindowDiff, better than one chapter, paired differences."""
    cells = []
    for ds in SETS:
        r = [x for x in rows if x["dataset"] == ds]
        s = summary(r)
        dp, sp = paired(r, base, "pk")
        dw, sw = paired(r, base, "wd")
        cells.append(f"{s['pk']:.3f} / {s['wd']:.3f} / {s['better_than_one']:.0%} / "
                     f"{dp:+.4f}±{sp:.4f} / {dw:+.4f}±{sw:.4f}")
    return f"| {label} | {' | '.join(cells)} |"


def rows_of(convs: list[Conversation], hyps: dict[str, list[int]]) -> list[dict]:
    return [dict(score(c, hyps[c.name]), dataset=c.dataset) for c in convs]


def select(convs: list[Conversation], table: dict[tuple, list[dict]]) -> tuple[list[dict], dict[str, tuple]]:
    """Per held-out fold, the variant of ``table`` with the lowest mean Pk on the other folds'
    conversations (each set's mean, averaged), and the held-out rows it gives."""
    fold = folds(convs)
    chosen, rows = {}, []
    for held in sorted(set(fold.values())):
        def training_pk(variant: tuple, held: str = held) -> float:
            r = [x for x in table[variant] if fold[x["series"]] != held]
            return statistics.mean(statistics.mean(x["pk"] for x in r if x["dataset"] == ds) for ds in SETS)
        best = min(table, key=training_pk)
        chosen[held] = best
        rows += [x for x in table[best] if fold[x["series"]] == held]
    return rows, chosen


def episodes(variant: tuple, prior: tuple[float, float]) -> None:
    """seed-full --count 14 and the short episodes, true count: shipped against ``variant``."""
    import bench_chapters

    from audiokit import episode_json
    from audiokit.chapters.find import find_chapters

    sys.path.insert(0, str(BENCH))
    import score_chapters

    shipped_choose = choose.choose

    def mbr_choose(p, starts, end, count, min_length):
        return mbr.choose_mbr(p, starts, end, count, min_length, variant[1], variant[0], prior=(*prior, variant[2]))

    sets: list[tuple[str, Path, Path, str | None]] = [("seed-full", BENCH / "seed-full" / "truth.json", BENCH / "seed-full" / "chapters.reference.json", None)]
    sets += [(name, truth, truth, name.split()[0].removeprefix("lang-")) for name, truth in bench_chapters.short_sets()]
    print("| episode | count | shipped Pk / WD | MBR Pk / WD |\n|---|---|---|---|")
    for name, truth_path, ref_path, code in sets:
        truth, ref = json.loads(truth_path.read_text()), json.loads(ref_path.read_text())
        episode = episode_json.loads(json.dumps(bench_chapters.truth_episode(truth_path, code)))
        count = len(ref["chapters"])
        cells = []
        for fn in (shipped_choose, mbr_choose):
            choose.choose = fn
            try:
                chapters = find_chapters(episode, count)
            finally:
                choose.choose = shipped_choose
            s = score_chapters.score(truth, ref, {"chapters": [{"startTime": ch.start} for ch in chapters]})
            cells.append(f"{s['pk']:.3f} / {s['windowdiff']:.3f}")
        print(f"| {name} | {count} | {' | '.join(cells)} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(PARTS))
    parser.add_argument("--episode-variant", default="segments,2.0,1.5",
                        help="model,temperature,weight of the MBR run on the episodes")
    args = parser.parse_args()
    parts = args.only.split(",")
    convs = load_all()
    probs = held_out_probabilities(convs)
    prior = priors(convs)
    base = rows_of(convs, {c.name: decode(c, probs[c.name], None, prior[c.name]) for c in convs})
    header = " | ".join(f"{ds}: Pk / WD / better than one / dPk / dWD" for ds in SETS)
    print(f"| decoding | {header} |\n|---|---|---|")
    print(line("shipped (summed probability)", base, base), flush=True)
    table: dict[tuple, list[dict]] = {}
    if "grid" in parts:
        for model, t in itertools.product(("independent", "exact"), (0.5, 1.0, 2.0, 3.0)):
            rows = rows_of(convs, {c.name: decode(c, probs[c.name], (model, t), prior[c.name]) for c in convs})
            print(line(f"{model}, T {t}", rows, base), flush=True)
    if "grid" in parts or "select" in parts:
        started = time.process_time()
        for t, w in itertools.product(TEMPERATURES, WEIGHTS):
            v = ("segments", t, w)
            table[v] = rows_of(convs, {c.name: decode(c, probs[c.name], v, prior[c.name]) for c in convs})
            if "grid" in parts:
                print(line(f"segments, T {t}, length weight {w}", table[v], base), flush=True)
        cpu = time.process_time() - started
        print(f"\n({cpu / len(table) / len(convs) * 1000:.0f} ms CPU per conversation and variant)")
    if "select" in parts:
        rows, chosen = select(convs, table)
        print(line("segments, T and weight chosen on the training folds", rows, base))
        print("chosen per fold:", json.dumps({k: list(v[1:]) for k, v in chosen.items()}))
    if "episodes" in parts:
        model, t, w = args.episode_variant.split(",")
        episodes((model, float(t), float(w)), length_fit(convs))


if __name__ == "__main__":
    main()
