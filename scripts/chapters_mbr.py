#!/usr/bin/env python3
"""Experiment (issue 11): minimum-Bayes-risk decoding of the chapter boundary probabilities for
Pk (scripts/mbr_decode.py), against the shipped choice (audiokit/chapters/choose.py: the
true count of gaps with the highest summed probability, chapters >= 30 s), on the held-out
probabilities of scripts/train_chapters.py's folds, and on seed-full and the short episodes.

    .venv/bin/python scripts/chapters_mbr.py [--only grid,select,episodes,shorts]
        [--episode-variant opening,1.5,1.5]

- ``grid``: every posterior and temperature on both dev sets: mean Pk, WindowDiff, share better
  than one chapter, paired Pk and WindowDiff difference to the shipped choice with its standard
  error;
- ``select``: the semi-Markov posterior with its temperature and length-prior weight chosen per
  held-out fold on the other folds' conversations (lowest mean Pk, the two sets weighed alike);
- ``shorts``: the short episodes scripts/chapters_short.py cuts from the dev sets, held out with
  their series, true count, shipped against MBR;
- ``episodes``: seed-full ``--count 14`` (word times from the synthesis truth, as
  scripts/bench_chapters.py does without an aligned episode) and the short episodes with the
  true count, scored by ../shared/bench/score_chapters.py, shipped against MBR.

The held-out probabilities are cached in bench-out/chapters/mbr-probs.pkl (delete it after the
model or the features change). The log-normal chapter-length prior (mean and sd of log(length /
mean chapter)) is fitted on the held-out fold's training conversations.

Findings (2026-11-30, the shipped 85-feature model's held-out probabilities; podcasts / meetings;
shipped choice Pk 0.317 / 0.313, WindowDiff 0.380 / 0.365, better than one chapter 84% / 70%;
d = paired mean Pk difference to the shipped choice with its standard error). Nothing shipped:
no variant is better on both sets beyond noise.

- Expected Pk needs only each window's chance of holding a true boundary, so MBR is as good as
  those chances. From independent gaps (odds scaled to the true count) or a conditional
  Bernoulli (exactly count - 1 boundaries, chance of a set proportional to its odds), at
  temperature (power on the odds) 0.5-3, MBR is worse on both sets: 0.328-0.336 / 0.317-0.363,
  WindowDiff +0.014 to +0.042. Both let the truth's boundaries crowd round one peak (mean window
  chance 0.38 / 0.32 against 0.41 / 0.39 true) and barely beat a constant (Brier 0.218 / 0.209
  against 0.241 / 0.237 for the true base rate). The dynamic program does minimise the model's
  expected Pk (0.266 against 0.293 for the shipped choice, T 1), but the truth scores 0.387 under
  that model.
- Throw-away code, not kept: a hard-core version (true boundaries at least f * mean chapter
  apart, f 0.1-0.5) 0.317-0.344 / 0.305-0.342 (best f 0.25, T 2: d +0.001 +- 0.007 /
  -0.008 +- 0.007); window chances from a logistic regression on window features (the hard-core
  and independent chances, the window's peak and mean log-odds, position; fitted on the training
  folds): Brier 0.213 / 0.204, Pk 0.322-0.328 / 0.311-0.312.
- A semi-Markov posterior (``segments``: exactly count chapters, weight = product of the
  boundaries' odds^T and of each chapter's log-normal length prior^w) gives chances that respect
  chapter lengths, and MBR on them is better on both sets at every T 1-3, w 1-2 of the grid,
  but by one to two standard errors: e.g. T 2, w 1.5: 0.309 / 0.302 (d -0.0075 +- 0.0047 /
  -0.0118 +- 0.0065), WindowDiff 0.370 / 0.348. With the opening chapter's own prior
  (``opening``; openings are shorter: log-mean -0.40 against -0.17): T 2, w 1.5 0.305 / 0.300
  (-0.0119 +- 0.0063 / -0.0131 +- 0.0058), WindowDiff 0.365 / 0.340.
- Those are the best of a grid on the scored folds themselves. With T and w chosen per held-out
  fold on the other folds' conversations (the honest number): ``segments`` 0.311 / 0.303
  (d -0.0053 +- 0.0060 / -0.0105 +- 0.0067; better than one chapter 79% / 70%, WindowDiff
  0.376 / 0.357); ``opening`` 0.312 / 0.302 (-0.0051 +- 0.0063 / -0.0109 +- 0.0065; 82% / 72%,
  WindowDiff 0.374 / 0.352). The training folds' choice wanders over the grid (T 1-2, w 1-2): the
  surface is flat within noise. (The probabilities of the training conversations come from the
  outer cross-validation, whose models saw the held-out fold: a nested run costs 12 times the
  fits.)
- seed-full --count 14 (truth word times): 0.250 both ways. The hold-out-style short episodes
  (true count; ``opening`` T 1.5, w 1.5): lang-cs 0.346 -> 0.423, the generated lang-ca
  0.158 -> 0.184, lang-hi 0.222 -> 0.278 (one boundary each), it, fi, mr, ru, te the same:
  mean of the eight 0.188 -> 0.207, over the 0.20 target the shipped choice meets
  (``segments`` T 1.5, w 1: cs unchanged, ca and hi as above, mean 0.197). The short episodes cut from the dev sets
  (scripts/chapters_short.py; held out with their series, ``opening`` T 1.5, w 1.5, the
  training folds' most frequent choice): condensed 0.283 -> 0.268 (d -0.0145 +- 0.0053; better
  than one chapter 72% -> 76%), excerpts 0.316 -> 0.294 (-0.0219 +- 0.0070; 52% -> 56%); two
  of each per conversation, so these standard errors are somewhat optimistic.
- Verdict: a consistent gain on the dev sets, clearest on the episodes cut from them and on
  meetings, but not beyond noise on podcasts, and worse on the short episodes in other
  languages, so it fails this experiment's rule for shipping.
  Worth taking up again with more podcasts (a second podcast set would tell) or with a model
  whose probabilities are better calibrated (the temperature is then less of a guess).
- Decoding costs O(count n^2): 31 ms CPU per dev conversation (n up to 1831), against about
  1 ms for the shipped program; the n x n arrays are 27 MB each at n = 1831, so an episode
  of 10,000 sentences with a count would need a banded version.
- Choosing by the semi-Markov posterior's boundary marginals (the shipped program on them, not
  MBR) leaves Pk where it is (0.316-0.319 / 0.307-0.317) and improves WindowDiff on meetings
  (0.349-0.355), as the length prior did (scripts/measure_chapters_errors.py).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import pickle
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mbr_decode as mbr
from benchlib import BENCH, OUT
from chapters_data import Conversation, episodes_table, score, summary
from train_chapters import MIN_LENGTH, SETS, folds, load_all

from audiokit.chapters import choose

PARTS = ("grid", "select", "episodes", "shorts")
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


def length_fit(convs: list[Conversation], first: bool | None = None) -> tuple[float, float]:
    """Mean and sd of log(true chapter length / the conversation's mean chapter); ``first``:
    only the opening chapters (True) or only the others (False)."""
    logs = []
    for c in convs:
        t = np.array([s.start for s in c.sentences])
        bounds = np.r_[t[c.truth], c.end]
        x = np.log(np.diff(bounds) / ((c.end - t[0]) / len(c.truth)))
        logs.append(x if first is None else x[:1] if first else x[1:])
    x = np.concatenate(logs)
    return float(x.mean()), float(x.std())


def priors(convs: list[Conversation], first: bool | None = None) -> dict[str, tuple[float, float]]:
    """The length fit of every conversation's training folds (``first``: as :func:`length_fit`)."""
    fold = folds(convs)
    fits = {held: length_fit([c for c in convs if fold[c.series] != held], first) for held in set(fold.values())}
    return {c.name: fits[fold[c.series]] for c in convs}


Fit = tuple[tuple[float, float], tuple[float, float], tuple[float, float]]


def fits_of(convs: list[Conversation]) -> dict[str, Fit]:
    """Per conversation, its training folds' length fits: all chapters, the openings, the others."""
    every, first, rest = priors(convs), priors(convs, True), priors(convs, False)
    return {c.name: (every[c.name], first[c.name], rest[c.name]) for c in convs}


def decode(c: Conversation, p: np.ndarray, variant: tuple | None, fit: Fit) -> list[int]:
    """Chapter starts for a conversation: the shipped choice (``variant`` None) or MBR with
    ``variant`` = (model, temperature[, weight]); model ``"opening"`` is ``"segments"`` with the
    opening chapter's own length prior."""
    starts = [s.start for s in c.sentences]
    if variant is None:
        return choose.choose(p, starts, c.end, len(c.truth), MIN_LENGTH)
    return mbr_choose(variant, fit)(p, starts, c.end, len(c.truth), MIN_LENGTH)


def mbr_choose(variant: tuple, fit: Fit):
    """choose.choose's signature for the MBR ``variant`` with the length ``fit``."""
    model, temperature, *rest = variant
    weight = rest[0] if rest else 1.0
    every, first, others = fit

    def chooser(p, starts, end, count, min_length):
        if model == "opening":
            return mbr.choose_mbr(p, starts, end, count, min_length, temperature, "segments",
                                  prior=(*others, weight), opening=first)
        return mbr.choose_mbr(p, starts, end, count, min_length, temperature, model, prior=(*every, weight))
    return chooser


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


def head(first: str) -> str:
    """The header of a table of :func:`line` rows, ``first`` naming its first column."""
    header = " | ".join(f"{ds}: Pk / WD / better than one / dPk / dWD" for ds in SETS)
    return f"| {first} | {header} |\n|---|---|---|"


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
            return statistics.mean(statistics.mean(x["pk"] for x in r if x["dataset"] == ds)
                                   for ds in SETS if any(x["dataset"] == ds for x in r))
        best = min(table, key=training_pk)
        chosen[held] = best
        rows += [x for x in table[best] if fold[x["series"]] == held]
    return rows, chosen


def episodes(variant: tuple, fit: Fit) -> None:
    """seed-full --count 14 and the short episodes, true count: shipped against ``variant``."""

    @contextlib.contextmanager
    def mbr() -> Iterator[None]:
        shipped = choose.choose
        choose.choose = mbr_choose(variant, fit)
        try:
            yield
        finally:
            choose.choose = shipped

    episodes_table("MBR", mbr)


def short_rows(convs: list[Conversation], variant: tuple) -> None:
    """The short episodes cut from the dev conversations (scripts/chapters_short.py), held out
    with their series, true count: shipped against ``variant`` (length fits of the training folds)."""
    from chapters_short import SHORT_KINDS, load_shorts, score_short
    from train_chapters import fit as fit_model

    shorts = load_shorts(convs, BENCH, OUT / "chapters" / "shorts.pkl")
    fold = folds(convs)
    fits = fits_of(convs)
    by_fold = {fold[c.series]: fits[c.name] for c in convs}
    rows: dict[str, list[tuple[float, float, float]]] = {kind: [] for kind in SHORT_KINDS}
    for held in sorted(set(fold.values())):
        model = fit_model([c for c in convs if fold[c.series] != held])
        for sh in (s for s in shorts if fold[s.series] == held):
            p = model.probability(sh.feats)
            p[0] = 0.0
            args = (p, list(sh.starts), sh.end, len(sh.truth), MIN_LENGTH)
            a = score_short(sh, choose.choose(*args))
            b = score_short(sh, mbr_choose(variant, by_fold[held])(*args))
            rows[sh.kind].append((a["pk"], b["pk"], a["pk_one"]))
    for kind, r in rows.items():
        x = np.array(r)
        d = x[:, 1] - x[:, 0]
        print(f"| {kind} ({len(x)}) | {x[:, 0].mean():.3f} ({np.mean(x[:, 0] < x[:, 2]):.0%}) | "
              f"{x[:, 1].mean():.3f} ({np.mean(x[:, 1] < x[:, 2]):.0%}) | "
              f"{d.mean():+.4f}±{d.std(ddof=1) / len(d) ** 0.5:.4f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(PARTS))
    parser.add_argument("--episode-variant", default="opening,1.5,1.5",
                        help="model,temperature,weight of the MBR run on the episodes")
    args = parser.parse_args()
    parts = args.only.split(",")
    convs = load_all()
    probs = held_out_probabilities(convs)
    fit = fits_of(convs)
    base = rows_of(convs, {c.name: decode(c, probs[c.name], None, fit[c.name]) for c in convs})
    print(head("decoding"))
    print(line("shipped (summed probability)", base, base), flush=True)
    table: dict[tuple, list[dict]] = {}
    if "grid" in parts:
        for model, t in itertools.product(("independent", "exact"), (0.5, 1.0, 2.0, 3.0)):
            rows = rows_of(convs, {c.name: decode(c, probs[c.name], (model, t), fit[c.name]) for c in convs})
            print(line(f"{model}, T {t}", rows, base), flush=True)
    if "grid" in parts or "select" in parts:
        started = time.process_time()
        for model, t, w in itertools.product(("segments", "opening"), TEMPERATURES, WEIGHTS):
            v = (model, t, w)
            table[v] = rows_of(convs, {c.name: decode(c, probs[c.name], v, fit[c.name]) for c in convs})
            if "grid" in parts:
                print(line(f"{model}, T {t}, length weight {w}", table[v], base), flush=True)
        cpu = time.process_time() - started
        print(f"\n({cpu / len(table) / len(convs) * 1000:.0f} ms CPU per conversation and variant)")
    if "select" in parts:
        for model in ("segments", "opening"):
            rows, chosen = select(convs, {v: r for v, r in table.items() if v[0] == model})
            print(line(f"{model}, T and weight chosen on the training folds", rows, base))
            print("chosen per fold:", json.dumps({k: list(v[1:]) for k, v in chosen.items()}))
    model, t, w = args.episode_variant.split(",")
    variant = (model, float(t), float(w))
    if "episodes" in parts:
        episodes(variant, (length_fit(convs), length_fit(convs, True), length_fit(convs, False)))
    if "shorts" in parts:
        print("| short episodes | shipped Pk (better than one) | MBR Pk (better than one) | dPk |\n|---|---|---|---|")
        short_rows(convs, variant)


if __name__ == "__main__":
    main()
