#!/usr/bin/env python3
"""Experiment (issue 11): how the dev conversations weigh in the chapter boundary model's fit.

The shipped fit (scripts/train_chapters.py) weighs every conversation the same, so the 162
meetings (32 series) outweigh the 38 podcasts (7 shows) about 4 to 1, and the few large series
(ICSI, the AMI sets) outweigh the small ones. chapters_rank.py's findings end on the suspicion
that this is why added evidence columns cost podcasts more than they give meetings. Measured
held out exactly as train_chapters.py measures the shipped model (folds by show / meeting series,
true count, the same design rows, fit, dynamic program and MIN_LENGTH), paired against the
shipped model's held-out rows (chapters_rank.base_rows).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python scripts/chapters_weighting.py [--variants sets,series,...]

PRE-REGISTRATION (written before any held-out number of these variants was seen):

- ``sets``: each dev set totals the same weight (a podcast weighs 162/38 of a meeting).
- ``series``: each series (a show, an AMI / ICSI meeting group, a committee) totals the same
  weight, shared by its conversations.
- ``sets+series``: each set totals the same weight, shared equally by its series, each series'
  share by its conversations.
- ``own`` (diagnostic, not deployable as is): each held-out conversation scored by a model fitted
  on the training folds of its own set only: how much a register-specific model could give
  before any register detection is built.

Gate, fixed before the first run: a variant ships only if it is better on both dev sets and by
at least 1.5 standard errors on at least one, then no worse on seed-full ``--count 14`` and the
short episodes; ``own`` only motivates a detector if it passes the same test.

Findings (2026-12-02; base = the shipped model: podcasts / meetings Pk 0.317 / 0.313, WindowDiff
0.380 / 0.365, better than one chapter 84% / 70%; d = paired mean Pk difference to base with its
standard error, positive is worse). Every variant fails the gate; nothing shipped.

- ``sets``: 0.318 / 0.322 (d +0.001 se 0.010 / +0.009 se 0.006; better than one chapter 71% / 69%).
- ``series``: 0.318 / 0.321 (d +0.001 se 0.006 / +0.007 se 0.005; 71% / 69%).
- ``sets+series``: 0.312 / 0.332 (d -0.005 se 0.010 / +0.019 se 0.007; 79% / 64%): podcasts
  within noise, meetings clearly worse.
- ``own``: 0.334 / 0.319 (d +0.017 se 0.014 / +0.006 se 0.007; 74% / 68%): a model of podcasts
  alone is worse on held-out shows than the pooled one; the meetings teach the podcasts' model.

So the meetings' weight is not what holds podcasts back: pooling every conversation equally, as
shipped, is the best of these on both sets, and a register detector choosing between set-specific
models has nothing to gain.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chapters_data import Conversation, score
from chapters_rank import compare
from train_chapters import SETS, _design, fit_logistic, folds, segment_with

VARIANTS = ("sets", "series", "sets+series", "own")


def multipliers(convs: list[Conversation], variant: str) -> dict[str, float]:
    """Each conversation's weight relative to the shipped 1 (only ratios matter to the fit).

    >>> from types import SimpleNamespace as C
    >>> cs = [C(name="a", dataset="p", series="s1"), C(name="b", dataset="m", series="s2"),
    ...       C(name="c", dataset="m", series="s2"), C(name="d", dataset="m", series="s3")]
    >>> multipliers(cs, "sets")
    {'a': 1.0, 'b': 0.3333333333333333, 'c': 0.3333333333333333, 'd': 0.3333333333333333}
    >>> multipliers(cs, "series")
    {'a': 1.0, 'b': 0.5, 'c': 0.5, 'd': 1.0}
    >>> multipliers(cs, "sets+series")
    {'a': 1.0, 'b': 0.25, 'c': 0.25, 'd': 0.5}
    """
    per_set = Counter(c.dataset for c in convs)
    per_series = Counter(c.series for c in convs)
    series_in_set = Counter(d for d, _ in {(c.dataset, c.series) for c in convs})
    if variant == "sets":
        return {c.name: 1.0 / per_set[c.dataset] for c in convs}
    if variant == "series":
        return {c.name: 1.0 / per_series[c.series] for c in convs}
    if variant == "sets+series":
        return {c.name: 1.0 / series_in_set[c.dataset] / per_series[c.series] for c in convs}
    raise ValueError(variant)


def fit_weighted(train: list[Conversation], mult: dict[str, float] | None):
    parts = [_design([c]) for c in train]
    x = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    w = np.concatenate([p[2] * (1.0 if mult is None else mult[c.name]) for p, c in zip(parts, train)])
    return fit_logistic(x, y, w, len(train))


def run(convs: list[Conversation], variant: str) -> list[dict]:
    fold = folds(convs)
    rows = []
    for held in sorted(set(fold.values())):
        train = [c for c in convs if fold[c.series] != held]
        tests = [c for c in convs if fold[c.series] == held]
        if variant == "own":
            models = {ds: fit_weighted([c for c in train if c.dataset == ds], None) for ds in {c.dataset for c in tests}}
        else:
            model = fit_weighted(train, multipliers(train, variant))
            models = {ds: model for ds in SETS}
        for c in tests:
            rows.append(dict(score(c, segment_with(models[c.dataset], c, len(c.truth))), dataset=c.dataset))
    return rows


def main() -> None:
    compare(__doc__ or "", list(VARIANTS), run)


if __name__ == "__main__":
    main()
