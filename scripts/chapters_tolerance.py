#!/usr/bin/env python3
"""Experiment (issue 11): the gaps right beside a true boundary left out of the boundary
model's fit, as "don't care".

Measured held out exactly as scripts/train_chapters.py measures the shipped model (folds by
show / meeting series, true count, the same fit, L2, cue-zeroed copies, dynamic program and
MIN_LENGTH), paired against the shipped model's held-out rows (chapters_rank.base_rows). Only
the training design changes (:func:`tolerant_design` in place of train_chapters._design); for
``ignore1`` / ``ignore2`` the neighbours are counted in the training form's sentences, the units
the design's rows are (the addendum's ``utt1`` / ``utt2`` count scored utterances).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python scripts/chapters_tolerance.py [--variants ignore1,ignore2,utt1,utt2]
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
first step (neither is better on both dev sets); seed-full and the short episodes not run
(the gate's later steps apply only to a variant that passes the first); nothing shipped.

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

ADDENDUM, PRE-REGISTERED 2026-12-03 after the numbers above and before any held-out number of
these (the same idea in the units the near misses are counted in):

- ``utt1`` / ``utt2``: every training-form gap from the first sentence of the scored utterance
  1 / 2 before a true start to the first sentence of the utterance 1 / 2 after it (both
  included; the sentences inside those utterances too), other than the boundary itself, gets
  weight 0 in the fit. Everything else as ``ignore1`` (the rows stay, balancing over the
  remaining negatives). The same gate.

Findings of the addendum (2026-12-03, the same base): both fail the gate at its first step
(worse on podcasts); nothing shipped.

- ``utt1``: 0.321 / 0.312 (d +0.0044 se 0.0046 / -0.0014 se 0.0032; WindowDiff 0.385 / 0.363;
  better than one chapter 79% / 72%).
- ``utt2``: 0.328 / 0.311 (d +0.0113 se 0.0050 / -0.0025 se 0.0036; WindowDiff 0.393 / 0.362;
  76% / 73%): podcasts worse by 2.3 standard errors.

Starts as in the diagnostic above: ``utt1`` podcasts 112 exact / 84 / 83 / 205 farther, meetings
97 / 32 / 25 / 452; ``utt2`` 111 / 83 / 82 / 208 and 96 / 33 / 26 / 451. Not teaching the model
to prefer the true gap over its neighbours moves a few exact starts one off and leaves the far
misses (43% / 74% of the starts) where they were. The near misses are neither
a labelling artefact of the fit nor, by chapters_localize.py, a local ranking the boundary model
gets wrong; the room left is in the far misses.

Not part of the gate (no variant reached that step), run only to check the ``--episodes`` path
(true count; Pk shipped / variant): ``ignore1`` gives the shipped chapters everywhere
(seed-full ``--count 14`` 0.250, lang-it 0.000, cs 0.346, ca 0.158, fi 0.091, hi 0.222, mr 0.222,
ru 0.128, te 0.333); ``utt2`` is worse on seed-full (0.288) and lang-cs (0.538), the same on
the rest.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import BENCH
from chapters_data import Conversation, clean, episodes_table, score, swapped_model
from chapters_rank import base_rows, report
from train_chapters import fit_logistic, folds, load_all, segment_with

from audiokit.chapters import features
from audiokit.chapters.boundary_model import BoundaryModel
from audiokit.text.sentences import split_sentences

# Name: (radius, counted in scored utterances rather than training-form sentences).
VARIANTS = {"ignore1": (1, False), "ignore2": (2, False), "utt1": (1, True), "utt2": (2, True)}


def utterance_firsts(raw: dict) -> tuple[list[int], int]:
    """The training-form index of every scored utterance's first sentence, and the training
    form's sentence count, as chapters_data.episode_doc splits a dev file (empty utterances
    dropped, each utterance's words split into sentences on their own).

    >>> utterance_firsts({"meeting_transcripts": [{"content": "Hi. Yes."}, {"content": "{laugh}"},
    ...                                           {"content": "Fine"}, {"content": "So. We go. Now."}]})
    ([0, 2, 3], 6)
    """
    firsts, count = [], 0
    for utterance in raw["meeting_transcripts"]:
        text = clean(utterance["content"])
        if text:
            firsts.append(count)
            count += len(split_sentences(text.split()))
    return firsts, count


def near_mask(n: int, truth: list[int], radius: int,
              utterances: tuple[list[int], list[int], int] | None = None) -> np.ndarray:
    """The training-form gaps (of ``n``) within ``radius`` of a true start in ``truth`` (0 is
    no boundary), boundaries included; with ``utterances`` (the scored truth, the first
    sentence of every scored utterance and the sentence count) within ``radius`` utterances.

    >>> near_mask(8, [0, 4], 1).astype(int).tolist()
    [0, 0, 0, 1, 1, 1, 0, 0]
    >>> near_mask(8, [0, 4], 1, ([0, 2], [0, 2, 4, 5, 7], 8)).astype(int).tolist()
    [0, 0, 1, 1, 1, 1, 0, 0]
    """
    near = np.zeros(n, dtype=bool)
    if utterances is None:
        spans = [(t - radius, t + radius) for t in truth if t > 0]
    else:
        scored, firsts, count = utterances
        spans = [(firsts[max(0, u - radius)], firsts[u + radius] if u + radius < len(firsts) else count - 1)
                 for u in scored if u > 0]
    for lo, hi in spans:
        near[max(1, lo):hi + 1] = True  # gap 0 is not a row
    return near


def tolerant_design(convs: list[Conversation], radius: int,
                    firsts: dict[str, tuple[list[int], int]] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """train_chapters._design with the gaps within ``radius`` of a true boundary (not a boundary
    themselves) at weight 0; each conversation still weighs 1, split evenly between its
    boundaries and its remaining other gaps. ``radius`` 0 is the shipped design. With
    ``firsts`` (:func:`utterance_firsts` by conversation name), ``radius`` counts scored
    utterances.

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
        if firsts is None:
            near = near_mask(n, c.train_truth, radius)
        else:
            utterance_starts, count = firsts[c.name]
            near = near_mask(n, c.train_truth, radius, (c.truth, utterance_starts, count))
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


def load_firsts(convs: list[Conversation]) -> dict[str, tuple[list[int], int]]:
    """:func:`utterance_firsts` of every dev conversation, checked against its two forms."""
    out = {}
    for c in convs:
        firsts, count = utterance_firsts(json.loads((BENCH / c.dataset / f"{c.name}.json").read_text()))
        assert count == len(c.train_feats) and len(firsts) == len(c.feats), c.name
        assert [firsts[u] for u in c.truth] == c.train_truth, c.name
        out[c.name] = (firsts, count)
    return out


def fit_tolerant(convs: list[Conversation], variant: str,
                 firsts: dict[str, tuple[list[int], int]] | None = None) -> BoundaryModel:
    """train_chapters.fit with :func:`tolerant_design` for ``variant`` (``firsts``: needed by
    the variants counted in utterances)."""
    radius, in_utterances = VARIANTS[variant]
    x, y, w = tolerant_design(convs, radius, firsts if in_utterances else None)
    return fit_logistic(x, y, w, len(convs))


def run(convs: list[Conversation], variant: str) -> list[dict]:
    """Held-out rows (true count) of ``variant``, one model per fold as train_chapters does."""
    fold = folds(convs)
    firsts = load_firsts(convs) if VARIANTS[variant][1] else None
    rows = []
    for held in sorted(set(fold.values())):
        model = fit_tolerant([c for c in convs if fold[c.series] != held], variant, firsts)
        for c in (c for c in convs if fold[c.series] == held):
            rows.append(dict(score(c, segment_with(model, c, len(c.truth))), dataset=c.dataset))
    return rows


def episodes(convs: list[Conversation], variant: str) -> None:
    """seed-full --count 14 and the short language episodes (true count): shipped against
    ``variant`` fitted on every dev conversation (the shipped count bias kept; unused with a
    given count)."""
    from audiokit.chapters import boundary_model

    shipped = boundary_model.default(features.FEATURE_NAMES)
    firsts = load_firsts(convs) if VARIANTS[variant][1] else None
    model = replace(fit_tolerant(convs, variant, firsts), bias=shipped.bias,
                    bias_slope=shipped.bias_slope, bias_evidence=shipped.bias_evidence)
    episodes_table(variant, lambda: swapped_model(lambda shipped: model))


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
