#!/usr/bin/env python3
"""Experiment (issue 11): the gaps right beside a true boundary left out of the boundary
model's fit, as "don't care".

Measured held out exactly as scripts/train_chapters.py measures the shipped model (folds by
show / meeting series, true count, the same fit, L2, cue-zeroed copies, dynamic program and
MIN_LENGTH), paired against the shipped model's held-out rows (chapters_rank.base_rows). Only
the training design changes (:func:`tolerant_design` in place of train_chapters._design); the
neighbours are counted in the training form's sentences, the units the design's rows are.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python scripts/chapters_tolerance.py [--variants ignore1,ignore2]
    OPENBLAS_NUM_THREADS=1 .venv/bin/python scripts/chapters_tolerance.py --episodes ignore1

PRE-REGISTRATION (written before any held-out number of these variants was seen):

Of the shipped model's held-out starts a third of the podcasts' are one utterance off the true
one, as often before as after. The fit labels the gaps right beside a true boundary as
non-boundaries with full weight, though their features (windowed drift, depth) are nearly the
same and Pk forgives a near miss. Variants change only the training design
(train_chapters._design): ``ignore1``: the gaps within 1 of a true boundary (not the boundary
itself) get weight 0 in the fit; ``ignore2``: within 2. Everything else as shipped (same folds,
L2, cue-zeroed copies, balancing over the remaining negatives, decoding with the true count).
Gate, fixed before the first run: a variant ships only if it is better on both dev sets and by
at least 1.5 standard errors on at least one, then no worse on seed-full --count 14 and the
short episodes.

Findings (2026-12-03; base = the shipped model, reproduced: podcasts / meetings Pk 0.317 /
0.313, WindowDiff 0.380 / 0.365, better than one chapter 84% / 70%; d = paired mean Pk
difference to base with its standard error, positive worse). Both variants fail the gate at its
first step (neither is better on both dev sets); seed-full and the short episodes not run;
nothing shipped.

- ``ignore1``: 0.319 / 0.316 (d +0.0024 se 0.0024 / +0.0022 se 0.0022; WindowDiff 0.384 /
  0.367; better than one chapter 82% / 70%).
- ``ignore2``: 0.317 / 0.315 (d +0.0001 se 0.0027 / +0.0015 se 0.0023; WindowDiff 0.382 /
  0.367; 82% / 70%).

Diagnostic (held-out starts against the nearest true start, scored utterances): base podcasts
118 exact / 82 one before / 78 one after / 206 farther, meetings 100 / 31 / 25 / 450; ``ignore1``
117 / 82 / 78 / 207 and 99 / 31 / 26 / 450; ``ignore2`` 118 / 83 / 78 / 205 and 99 / 31 / 26 /
450. Taking the neighbours out of the fit hardly moves a single start: the ranking between a
true gap and its neighbours is not what the near misses come from. Note the units: the design's
rows are the training form's sentences, 3.9 per scored utterance in podcasts-dev (19,361 against
4,933) and 1.5 in meetings-dev, so "within 1 / 2" of a podcast boundary mostly stays inside the
scored utterances on either side of it.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import contextlib
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chapters_data import Conversation, episodes_table, score
from chapters_rank import base_rows, report
from train_chapters import fit_logistic, folds, load_all, segment_with

from audiokit.chapters import features
from audiokit.chapters.boundary_model import BoundaryModel

VARIANTS = {"ignore1": 1, "ignore2": 2}


def tolerant_design(convs: list[Conversation], radius: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """train_chapters._design with the gaps within ``radius`` of a true boundary (not a boundary
    themselves) at weight 0; each conversation still weighs 1, split evenly between its
    boundaries and its remaining other gaps. ``radius`` 0 is the shipped design.

    The rows stay (weight 0), so the standardisation and the L2 scale of the fit are the
    shipped ones.

    >>> from types import SimpleNamespace as C
    >>> x, y, w = tolerant_design([C(train_feats=np.zeros((8, len(features.FEATURE_NAMES))),
    ...                              train_truth=[0, 4])], 1)
    >>> y[:7].tolist(), (w[:7] * 24).round(6).tolist()
    ([0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0], [1.5, 1.5, 0.0, 6.0, 0.0, 1.5, 1.5])
    """
    xs, ys, ws = [], [], []
    cues = [features.FEATURE_NAMES.index(name) for name in features.CUE_COLUMNS]
    for c in convs:
        n = len(c.train_feats)
        y = np.zeros(n)
        y[c.train_truth] = 1.0
        near = np.zeros(n, dtype=bool)
        for t in c.train_truth:
            if t > 0:  # the first chapter's start is no boundary: gap 0 is not a row
                near[max(1, t - radius):t + radius + 1] = True
        near &= y == 0
        x, y, near = c.train_feats[1:], y[1:], near[1:]
        pos = max(1.0, y.sum())
        neg = max(1.0, float(((y == 0) & ~near).sum()))
        generic = x.copy()
        generic[:, cues] = 0.0
        xs += [x, generic]
        ys += [y, y]
        ws += [np.where(y > 0, 0.25 / pos, np.where(near, 0.0, 0.25 / neg))] * 2
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def fit_tolerant(convs: list[Conversation], radius: int) -> BoundaryModel:
    """train_chapters.fit with :func:`tolerant_design`."""
    x, y, w = tolerant_design(convs, radius)
    return fit_logistic(x, y, w, len(convs))


def run(convs: list[Conversation], variant: str) -> list[dict]:
    """Held-out rows (true count) of ``variant``, one model per fold as train_chapters does."""
    fold = folds(convs)
    rows = []
    for held in sorted(set(fold.values())):
        model = fit_tolerant([c for c in convs if fold[c.series] != held], VARIANTS[variant])
        for c in (c for c in convs if fold[c.series] == held):
            rows.append(dict(score(c, segment_with(model, c, len(c.truth))), dataset=c.dataset))
    return rows


def episodes(convs: list[Conversation], variant: str) -> None:
    """seed-full --count 14 and the short language episodes (true count): shipped against
    ``variant`` fitted on every dev conversation (the shipped count bias kept; unused with a
    given count)."""
    from audiokit.chapters import boundary_model

    shipped = boundary_model.default(features.FEATURE_NAMES)
    model = replace(fit_tolerant(convs, VARIANTS[variant]), bias=shipped.bias,
                    bias_slope=shipped.bias_slope, bias_evidence=shipped.bias_evidence)

    @contextlib.contextmanager
    def swapped() -> Iterator[None]:
        loader = boundary_model.default
        boundary_model.default = lambda expected: model  # type: ignore[assignment]  # an experiment swaps the cached loader
        try:
            yield
        finally:
            boundary_model.default = loader

    episodes_table(variant, swapped)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--episodes", choices=list(VARIANTS))
    args = parser.parse_args()
    convs = load_all()
    if args.episodes:
        episodes(convs, args.episodes)
        return
    base = base_rows(convs)
    for variant in args.variants.split(","):
        report(variant, run(convs, variant), base)


if __name__ == "__main__":
    main()
