#!/usr/bin/env python3
"""Diagnostic for scripts/chapters_lexcue.py (issue 11): why its learned lexical cues do what
they do; no variant is chosen by it. For the ``stack`` and ``stack2`` cue models, per held-out
fold (train_chapters' folds): the held-out within-episode AUC of the cue score on the scored and
the training form, beside the shipped fixed-list cue columns' (their sum); the stacked column's
standardised weight; and the keys weighed most by a cue model fitted on every conversation.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python scripts/chapters_lexcue_diagnose.py

Its numbers (2026-12-01) are in chapters_lexcue.py's findings.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chapters_data import Conversation
from chapters_lexcue import CueModel, design, gap_keys, inner_scores, train_keys
from train_chapters import fit_logistic, folds, load_all

from audiokit.chapters import features


def auc(score_: np.ndarray, truth: list[int]) -> float | None:
    """Within-episode AUC of ``score_`` (gaps 1..) for the true boundaries against the other
    gaps (ties count half); None without both.

    >>> auc(np.array([0, 0.9, 0.1, 0.5]), [0, 1])
    1.0
    """
    pos = np.zeros(len(score_), dtype=bool)
    pos[[t for t in truth if t > 0]] = True
    a, b = score_[1:][pos[1:]], score_[1:][~pos[1:]]
    if not len(a) or not len(b):
        return None
    return float(((a[:, None] > b[None, :]).sum() + 0.5 * (a[:, None] == b[None, :]).sum()) / (len(a) * len(b)))


def diagnose(convs: list[Conversation], keys: dict[str, list[list[str]]], scored_keys: dict[str, list[list[str]]]) -> None:
    """Why the variants do what they do (no variant chosen by it): for the ``stack`` and
    ``stack2`` cue models, the held-out within-episode AUC of the cue score (scored and training
    form) beside the shipped fixed-list cue columns' (their sum), the stacked column's
    standardised weight per fold, and the keys weighed most by a cue model fitted on every
    conversation."""
    fold = folds(convs)
    res: dict[str, list[float]] = {}
    cols = [features.FEATURE_NAMES.index(name) for name in features.CUE_COLUMNS]
    for held in sorted(set(fold.values())):
        train = [c for c in convs if fold[c.series] != held]
        test = [c for c in convs if fold[c.series] == held]
        for adjusted, tag in ((False, "stack"), (True, "stack2")):
            cue = CueModel(train, keys, adjusted)
            stack = fit_logistic(*design(train, inner_scores(train, keys, fold, adjusted)), len(train))
            print(f"  fold {held} {tag}: stacked column weight {stack.coef[-1]:+.3f} (standardised; largest "
                  f"shipped {np.abs(stack.coef[:-1]).max():.3f}), vocabulary {len(cue.vocab)}", flush=True)
            for c in test:
                for name, value in ((f"{c.dataset[:4]} scored {tag} cue", auc(cue.score(scored_keys[c.name]), c.truth)),
                                    (f"{c.dataset[:4]} training-form {tag} cue", auc(cue.score(keys[c.name]), c.train_truth))):
                    if value is not None:
                        res.setdefault(name, []).append(value)
        for c in test:
            value = auc(c.feats[:, cols].sum(axis=1), c.truth)
            if value is not None:
                res.setdefault(f"{c.dataset[:4]} scored fixed lists", []).append(value)
    for name, values in sorted(res.items()):
        print(f"  AUC {name}: {statistics.mean(values):.3f} over {len(values)}", flush=True)
    for adjusted, tag in ((False, "stack"), (True, "stack2")):
        cue = CueModel(convs, keys, adjusted)
        order = np.argsort(cue.weights)
        names = sorted(cue.vocab, key=cue.vocab.get)
        print(f"  {tag} top +:", ", ".join(f"{names[j]} {cue.weights[j]:+.2f}" for j in order[::-1][:20]))
        print(f"  {tag} top -:", ", ".join(f"{names[j]} {cue.weights[j]:+.2f}" for j in order[:12]), flush=True)


if __name__ == "__main__":
    _convs = load_all()
    diagnose(_convs, {c.name: train_keys(c) for c in _convs}, {c.name: gap_keys(c.sentences) for c in _convs})
