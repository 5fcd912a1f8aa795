#!/usr/bin/env python3
"""Experiment (issue 11): non-linear boundary classifiers over the shipped 85 feature columns
(gradient-boosted trees, a one-hidden-layer MLP, and a blend with the logistic regression),
measured held out exactly as scripts/train_chapters.py measures the shipped model (folds by
show / meeting series, true count, the same design rows: every conversation weighs the same,
its boundaries and other gaps balanced, every conversation also with the cue columns zeroed;
the same dynamic program and MIN_LENGTH), paired against the shipped model's held-out rows
(scripts/chapters_rank.py's run without extra columns).

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python scripts/chapters_nonlinear.py [--variants gbt2,...]
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python scripts/chapters_nonlinear.py --episodes gbt2

Needs scikit-learn (an experiment-only install, not a runtime dependency of audiokit).

The variants and their hyperparameters were fixed, and written here, before any held-out number
of them was seen. The design weights (train_chapters._design) are rescaled to mean 1 per row so
scikit-learn's regularisation and leaf thresholds mean what they say; the trees see the raw
feature values, the MLP the training folds' standardised ones.

- ``gbt2``: HistGradientBoostingClassifier, log loss, max_depth 2, learning_rate 0.05,
  max_iter 200, min_samples_leaf 500, l2_regularization 1.0, max_bins 255, no early stopping
  (its validation split would be random rows, not series), random_state 0.
- ``gbt3``: ``gbt2`` with max_depth 3.
- ``gbt2-mono``: ``gbt2`` with monotone constraints: +1 / -1 on the columns whose standardised
  coefficient in the logistic regression fitted on the same training folds is >= 0.2 / <= -0.2,
  none on the others.
- ``blend2``: the mean of ``gbt2``'s log-odds and the logistic regression's (both fitted on the
  same training folds), through the sigmoid.
- ``gbt2-cv``: ``gbt2`` with max_iter chosen per held-out fold from (50, 100, 200, 400) by
  inner cross-validation on its training folds only: each training fold in turn is scored
  (true count, the same dynamic program) by a model of max_iter 400 fitted on the other
  training folds, read at every candidate stage; the stage with the lowest mean Pk (the two
  sets weighed alike) is refitted on all the training folds.
- ``mlp16``: MLPClassifier, one hidden layer of 16 ReLU units, alpha (L2 weight decay) 1.0,
  L-BFGS, max_iter 300, random_state 0, standardised inputs, the design weights as sample weights.
- ``lr``: the logistic regression through this script's loop, which must reproduce the shipped
  rows (d 0), a check of the machinery.

``--episodes VARIANT``: a model of the variant fitted on every conversation, on seed-full
``--count 14`` and the eight short language episodes with the true count (truth word times, as
scripts/bench_chapters.py builds them), beside the shipped model.

Gate for shipping (fixed with the variants): better on both sets with the mean of the two d at
least 1.5 se below zero, seed-full ``--count 14`` Pk <= 0.25, the short language episodes' mean
Pk <= 0.20, and the 3-hour chapters budget with a numpy tree evaluator.

Findings (2026-12-01; podcasts / meetings; Pk / WindowDiff / better than one chapter; d = paired
mean Pk difference to the shipped model's held-out rows (0.317 / 0.313, WindowDiff 0.380 /
0.365, 84% / 70%) with its standard error). ``lr`` reproduces the shipped rows exactly (d 0).
No variant meets the gate; nothing shipped, model unchanged.

| variant | podcasts-dev | d +- se | meetings-dev | d +- se |
|---|---|---|---|---|
| gbt2 | 0.334 / 0.394 / 71% | +0.018 +- 0.011 | 0.318 / 0.370 / 69% | +0.004 +- 0.010 |
| gbt3 | 0.346 / 0.406 / 66% | +0.029 +- 0.012 | 0.328 / 0.381 / 64% | +0.015 +- 0.010 |
| gbt2-mono | 0.332 / 0.401 / 68% | +0.015 +- 0.013 | 0.321 / 0.376 / 67% | +0.008 +- 0.009 |
| blend2 | 0.313 / 0.378 / 82% | -0.004 +- 0.007 | 0.309 / 0.361 / 70% | -0.005 +- 0.006 |
| mlp16 | 0.415 / 0.468 / 37% | +0.099 +- 0.017 | 0.364 / 0.411 / 57% | +0.051 +- 0.011 |

- Trees alone are worse on both sets, and the more freedom the worse: depth 3 is worse than
  depth 2 on both (its podcasts 2.5 se worse than the shipped model), and podcasts lose most
  (better than one chapter 84% -> 66-71%). Monotone constraints (the logistic sign on the
  columns with a standardised coefficient of at least 0.2) do not rescue it. The evidence
  columns are graded drift, depth and cue scores whose effect the logistic model already takes
  as additive; what trees add is thresholds and interactions learned on the training shows,
  which a held-out show does not share (the same story as the hand-made products in
  scripts/chapters_rank.py, and as train_chapters.fit's note on trees stacked on the regression).
- ``blend2`` (half the boosted log-odds, half the logistic) is the only variant better on both
  sets, by less than one se each: the mean of the two d is -0.0043 +- 0.0043 (1.0 se, the gate
  asks 1.5), better than one chapter 84% -> 82% on podcasts.
- ``--episodes blend2`` (fitted on every conversation, true count): seed-full ``--count 14``
  0.250 / 0.263, as shipped (target <= 0.25 met only at its edge, as shipped); the eight short
  language episodes mean Pk 0.228 against the shipped 0.188 (target <= 0.20): lang-cs 0.346 ->
  0.538, lang-te 0.333 -> 0.467, the other six the same. A short-episode regression like
  scripts/chapters_augment.py's ``permute``: a boundary or two moved in 3-minute episodes.
- ``mlp16`` is far worse (podcasts 0.415, worse than one chapter's 0.407): L-BFGS stopped at
  its declared 300 iterations without converging in all 13 folds, and a net with 1.4k weights
  fitted to the training shows' balanced rows leaves 63% of the held-out podcasts worse than a
  single chapter. Not tuned further (more iterations or decay would be a choice made
  after seeing held-out numbers).
- ``gbt2-cv`` (max_iter by nested inner cross-validation) was declared but not run: its cost is
  about 24 times gbt2's (an inner fit of 400 stages on every training fold of every held-out
  fold, some 90 minutes of CPU on the shared cores) and the direction of the grid is already
  visible: less capacity (depth 2 over 3, the blend over trees alone) is better, and the limit
  of that direction is the shipped linear model.
- Cost (CPU seconds, one thread, two shared cores at load 5-10): loading with freshly computed
  features 202 (cached 69); the 13 fold fits 30 for the logistic regression, 228 / 246 / 278 /
  252 for gbt2 / gbt3 / gbt2-mono / blend2 (about 280k design rows per fit, 85 columns, 200 stages),
  824 for mlp16. The gate's run-time half (a numpy tree evaluator, the 3-hour budget) was
  not built, since the held-out half fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import BENCH, OUT, require_bench
from chapters_data import Conversation, episodes_table, load, score, swapped_model
from chapters_rank import report, run
from train_chapters import MIN_LENGTH, SETS, fit_logistic, folds
from train_chapters import _design as train_design

from audiokit.chapters import choose

Predict = Callable[[np.ndarray], np.ndarray]  # feature rows -> log-odds
STAGES = (50, 100, 200, 400)
MONO = 0.2


def _gbt(x: np.ndarray, y: np.ndarray, w: np.ndarray, depth: int = 2, iters: int = 200,
         mono: np.ndarray | None = None):
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(
        loss="log_loss", max_depth=depth, learning_rate=0.05, max_iter=iters, min_samples_leaf=500,
        l2_regularization=1.0, max_bins=255, early_stopping=False, random_state=0,
        monotonic_cst=None if mono is None else mono.astype(int).tolist())
    return clf.fit(x, y, sample_weight=w * len(w) / w.sum())


def _logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, conversations: int) -> Predict:
    model = fit_logistic(x, y, w, conversations)
    return model.logit


def fit_variant(variant: str, train: list[Conversation]) -> Predict:
    """The log-odds function of ``variant`` fitted on ``train`` (train_chapters._design's rows)."""
    x, y, w = train_design(train)
    if variant == "lr":
        return _logistic(x, y, w, len(train))
    if variant in ("gbt2", "gbt3"):
        return _gbt(x, y, w, depth=int(variant[-1])).decision_function
    if variant == "gbt2-mono":
        lr = fit_logistic(x, y, w, len(train))
        mono = np.where(lr.coef >= MONO, 1, np.where(lr.coef <= -MONO, -1, 0))
        return _gbt(x, y, w, mono=mono).decision_function
    if variant == "blend2":
        linear = fit_logistic(x, y, w, len(train)).logit
        gbt = _gbt(x, y, w).decision_function
        return lambda f: 0.5 * (linear(f) + gbt(f))
    if variant == "gbt2-cv":
        iters = inner_stage(train)
        return _gbt(x, y, w, iters=iters).decision_function
    if variant == "mlp16":
        return _mlp(x, y, w)
    raise ValueError(variant)


def _mlp(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> Predict:
    from sklearn.neural_network import MLPClassifier

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    clf = MLPClassifier(hidden_layer_sizes=(16,), activation="relu", alpha=1.0, solver="lbfgs",
                        max_iter=300, random_state=0)
    clf.fit((x - mean) / scale, y, sample_weight=w * len(w) / w.sum())

    def logit(f: np.ndarray) -> np.ndarray:
        p = np.clip(clf.predict_proba((f - mean) / scale)[:, 1], 1e-12, 1 - 1e-12)
        return np.log(p / (1 - p))
    return logit


def _pk_rows(logits: np.ndarray, c: Conversation) -> dict:
    p = 1 / (1 + np.exp(-np.clip(logits, -30, 30)))
    p[0] = 0.0
    hyp = choose.choose(p, [s.start for s in c.sentences], c.end, len(c.truth), MIN_LENGTH)
    return dict(score(c, hyp), dataset=c.dataset)


def inner_stage(train: list[Conversation]) -> int:
    """``gbt2-cv``'s max_iter: the stage of STAGES with the lowest inner-held-out mean Pk."""
    fold = folds(train)
    per_stage: dict[int, list[dict]] = {s: [] for s in STAGES}
    for held in sorted(set(fold.values())):
        inner = [c for c in train if fold[c.series] != held]
        x, y, w = train_design(inner)
        clf = _gbt(x, y, w, iters=max(STAGES))
        for c in (c for c in train if fold[c.series] == held):
            for k, logits in enumerate(clf.staged_decision_function(c.feats), start=1):
                if k in per_stage:
                    per_stage[k].append(_pk_rows(np.asarray(logits).ravel(), c))

    def mean_pk(rows: list[dict]) -> float:
        sets = sorted({r["dataset"] for r in rows})
        return statistics.mean(statistics.mean(r["pk"] for r in rows if r["dataset"] == ds) for ds in sets)
    return min(STAGES, key=lambda s: (mean_pk(per_stage[s]), s))


def held_out(convs: list[Conversation], variant: str) -> list[dict]:
    """Held-out rows (true count): every fold scored by the variant fitted without it."""
    fold = folds(convs)
    rows = []
    for held in sorted(set(fold.values())):
        predict = fit_variant(variant, [c for c in convs if fold[c.series] != held])
        rows += [_pk_rows(predict(c.feats), c) for c in convs if fold[c.series] == held]
    return rows


def episodes(predict: Predict) -> None:
    """seed-full --count 14 and the short language episodes, true count: shipped against ``predict``."""
    from audiokit.chapters import boundary_model

    class Swapped:
        def __init__(self, shipped: boundary_model.BoundaryModel) -> None:
            self.shipped = shipped

        def probability(self, feats: np.ndarray) -> np.ndarray:
            return 1 / (1 + np.exp(-np.clip(predict(feats), -30, 30)))

        def count_bias(self, talk: float, feats: np.ndarray | None = None) -> float:
            return self.shipped.count_bias(talk, feats)

    episodes_table("non-linear", lambda: swapped_model(Swapped))


def load_all() -> list[Conversation]:
    """train_chapters.load_all with this experiment's own feature cache (bench-out/chapters/gbdt-*)."""
    require_bench()
    return [c for name in SETS for c in load(BENCH / name, OUT / "chapters" / f"gbdt-features-{name}.npz")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", default="lr,gbt2,gbt3,gbt2-mono,blend2,mlp16,gbt2-cv")
    parser.add_argument("--episodes")
    args = parser.parse_args()
    t0 = time.process_time()
    convs = load_all()
    print(f"loaded {len(convs)} conversations in {time.process_time() - t0:.0f} s CPU", flush=True)
    if args.episodes:
        episodes(fit_variant(args.episodes, convs))
        return
    base = run(convs, None)  # chapters_rank's shipped held-out rows, not cached here
    report("base", base, None)
    for v in args.variants.split(","):
        t1 = time.process_time()
        report(v, held_out(convs, v), base)
        print(f"  ({time.process_time() - t1:.0f} s CPU)", flush=True)


if __name__ == "__main__":
    main()
