#!/usr/bin/env python3
"""Experiment (issue 11): fit the chapter boundary model for the ranking of gaps WITHIN an
episode, which is all the true-count decoder uses, instead of the pooled logistic loss where
every gap competes with every other episode's. Measured held out exactly as
scripts/train_chapters.py measures the shipped model (folds by show / meeting series, true
count, the same dynamic program and MIN_LENGTH), paired against the shipped model's rows.

    .venv/bin/python scripts/chapters_within.py [--variants z,zcont,rank,softmax,...]

A variant is ``transform`` or ``transform/objective``:

- transforms (per episode, over its gaps, row 0 aside): ``raw`` (the shipped columns), ``z``
  (every column z-scored within its episode), ``zcont`` (only the non-binary columns), ``rank``
  (non-binary columns as centred within-episode ranks), ``zplus`` (the raw columns and the
  z-scored non-binary ones beside them);
- objectives: ``logistic`` (the shipped pooled fit, L2 1.0; the default), ``softmax`` (a
  conditional logit: each true boundary against every gap of its episode), ``local`` (each true
  boundary against the gaps between its neighbouring true boundaries), ``pairs`` (RankNet:
  logistic loss on the difference of a boundary and a non-boundary gap of the same episode,
  PAIRS_PER_BOUNDARY sampled per boundary, seeded). These three have no intercept and are
  L2-regularised with the strength (L2_GRID) chosen per held-out fold by an inner
  cross-validation over the training folds only (INNER groups, mean Pk of the two sets); their
  scores are mapped to probabilities by a Platt fit (scale and intercept, the shipped weights)
  on the training folds. ``mixed`` / ``mixedlocal``: the shipped pooled logistic loss plus a
  weight times the conditional logit (episode / local competitors), both totalling one per
  conversation; ``@w`` fixes the weight (or L2 strength) instead of the inner choice from
  MIX_GRID (``mixed@1``: equal weight, declared before any run, not tuned).

Every conversation is also seen with the cue columns zeroed and weighs the same, as in
train_chapters.py. Run with OPENBLAS_NUM_THREADS=1: a threaded BLAS on the shared 2 cores made
each Newton fit 7x dearer in CPU (17 s against 2.4 s for the shipped fit).

Findings (2026-11-30; podcasts / meetings; Pk / WindowDiff / better than one chapter; d = paired
mean Pk difference to the shipped model's held-out rows (0.317 / 0.313, WindowDiff 0.380 /
0.365, 84% / 70%) with its standard error; CPU of the whole cross-validation). No variant is
better on both sets, let alone beyond noise; nothing shipped, the model and runtime unchanged.

| variant | podcasts-dev | d +- se | meetings-dev | d +- se | CPU s |
|---|---|---|---|---|---|
| z (all columns) | 0.331 / 0.400 / 74% | +0.014 +- 0.013 | 0.320 / 0.368 / 68% | +0.007 +- 0.006 | 36 |
| zcont | 0.328 / 0.395 / 74% | +0.012 +- 0.009 | 0.324 / 0.375 / 68% | +0.010 +- 0.005 | 33 |
| rank | 0.338 / 0.405 / 74% | +0.021 +- 0.013 | 0.321 / 0.375 / 68% | +0.008 +- 0.009 | 60 |
| zplus (raw + z) | 0.343 / 0.408 / 68% | +0.027 +- 0.009 | 0.317 / 0.368 / 72% | +0.004 +- 0.006 | 77 |
| raw/pairs | 0.330 / 0.394 / 79% | +0.013 +- 0.007 | 0.316 / 0.365 / 68% | +0.003 +- 0.006 | 158 |
| raw/local | 0.320 / 0.383 / 84% | +0.003 +- 0.007 | 0.315 / 0.367 / 69% | +0.002 +- 0.007 | 472 |
| raw/softmax | 0.316 / 0.375 / 76% | -0.001 +- 0.008 | 0.318 / 0.367 / 69% | +0.005 +- 0.007 | 456 |
| raw/mixed@1 | 0.314 / 0.374 / 82% | -0.003 +- 0.008 | 0.318 / 0.369 / 68% | +0.005 +- 0.006 | 276 |
| raw/mixedlocal@1 | 0.315 / 0.373 / 84% | -0.002 +- 0.007 | 0.318 / 0.371 / 68% | +0.005 +- 0.006 | 283 |

- Per-episode normalisation loses on both sets, most on podcasts; rank-normalising (which also
  drops how far apart the gaps are) more than z-scoring, and the z-scored columns beside the
  raw ones (zplus) cost podcasts +0.027 with meetings level. The likely reason, not measured
  apart: an episode's own scale of drift and depth is evidence (the strongest gap of a flat
  episode is a weaker boundary than that of a contrasted one), which the pooled fit keeps;
  the shipped columns already carry within-episode relatives (``*_rel``, ``*_peak``).
- The ranking objectives are no better than the pooled logistic loss: RankNet pairs lose on
  podcasts beyond noise (+0.013 +- 0.007); the conditional logit, each boundary against every
  gap of its episode or (local) against the gaps between its neighbouring true boundaries (the
  competitors the dynamic program faces), is level within noise on both sets (the episode
  form drops podcasts better than one chapter from 84% to 76%). The L2 the inner
  cross-validation chooses wanders between folds (pairs: 3 in seven, 30 in six; local: 0.3 in
  two, 3 in six, 30 in five; softmax: 0.3 in two, 3 in two, 30 in nine).
- The pooled loss plus the conditional logit at equal weight (episode or local competitors)
  moves podcasts and meetings in opposite directions within one standard error each: flat.
  With the objective changed five ways and the ranking unmoved, the limit looks to be the
  columns, as scripts/chapters_rank.py concluded from the other side.
- Not measured, as nothing passed the dev sets: the short language episodes, seed-full, the
  automatic-count calibration; the mixed weight chosen by inner cross-validation (MIX_GRID;
  about 45 min CPU per variant) was not run, only the fixed equal weight.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from scipy.optimize import minimize
from scipy.stats import rankdata

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chapters_data import Conversation, score
from chapters_mbr import line
from chapters_rank import base_rows
from train_chapters import L2, MIN_LENGTH, SETS, fit_logistic, folds, load_all
from train_chapters import _design as train_design

from audiokit.chapters import choose, features
from audiokit.chapters.boundary_model import BoundaryModel

L2_GRID = (0.3, 3.0, 30.0)
INNER = 3
PAIRS_PER_BOUNDARY = 40
MIX_GRID = (0.25, 1.0, 4.0)


def binary_columns(matrices: list[np.ndarray]) -> np.ndarray:
    """Mask of the columns whose values are all 0 or 1 in every matrix."""
    out = np.ones(matrices[0].shape[1], dtype=bool)
    for m in matrices:
        out &= np.all((m == 0) | (m == 1), axis=0)
    return out


def zscore(feats: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``feats`` with the columns ``cols`` (mask) z-scored over the episode's gaps (rows 1:); a
    column constant over them becomes 0.

    >>> zscore(np.array([[9.0, 5], [1, 5], [3, 5]]), np.array([True, True])).tolist()
    [[7.0, 0.0], [-1.0, 0.0], [1.0, 0.0]]
    """
    out = feats.astype(float).copy()
    gaps = out[1:, cols] if len(out) > 1 else out[:, cols]
    mean = gaps.mean(axis=0) if len(gaps) else np.zeros(int(cols.sum()))
    sd = gaps.std(axis=0) if len(gaps) else np.ones(int(cols.sum()))
    sd[sd < 1e-9] = 1.0
    out[:, cols] = (out[:, cols] - mean) / sd
    return out


def rank_normal(feats: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``feats`` with the columns ``cols`` replaced by their within-episode rank over the gaps
    (ties averaged), scaled to -0.5..0.5 (a constant column: 0); row 0 is ranked with the gaps.

    >>> rank_normal(np.array([[0.0], [2.0], [1.0], [1.0], [5.0]]), np.array([True])).round(3).ravel().tolist()
    [-0.5, 0.167, -0.333, -0.333, 0.5]
    """
    out = feats.astype(float).copy()
    n = len(out)
    if n < 3:
        out[:, cols] = 0.0
        return out
    gaps = out[1:]
    for k in np.flatnonzero(cols):
        col = gaps[:, k]
        ranks = rankdata(col) - 1.0  # ties: the mean rank of their run
        scaled = ranks / (len(col) - 1) - 0.5
        first = (np.searchsorted(np.sort(col), out[0, k]) - 0.5) / (len(col) - 1) - 0.5
        out[1:, k] = scaled
        out[0, k] = np.clip(first, -0.5, 0.5)
    return out


def transform(feats: np.ndarray, kind: str, binary: np.ndarray) -> np.ndarray:
    """One episode's feature rows under the transform ``kind`` (see the module docstring)."""
    if kind == "raw":
        return feats
    if kind == "z":
        return zscore(feats, np.ones(feats.shape[1], dtype=bool))
    if kind == "zcont":
        return zscore(feats, ~binary)
    if kind == "rank":
        return rank_normal(feats, ~binary)
    if kind == "zplus":
        return np.hstack([feats, zscore(feats, ~binary)[:, ~binary]])
    raise ValueError(kind)


def pack(groups: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]]) -> tuple:
    """Episodes for :func:`softmax_loss`, stacked. Each group is one episode: rows ``z`` (gaps),
    the row of each true boundary ``pos``, its competitors rows ``lo[k]:hi[k]`` (holding it),
    and the episode's weight, split evenly over its boundaries."""
    groups = [g for g in groups if len(g[1])]
    offsets = np.cumsum([0] + [len(g[0]) for g in groups])
    z = np.vstack([g[0] for g in groups])
    pos, lo, hi, each = (np.concatenate([f(g, o) for g, o in zip(groups, offsets)]) for f in (
        lambda g, o: g[1] + o, lambda g, o: g[2] + o, lambda g, o: g[3] + o,
        lambda g, o: np.full(len(g[1]), g[4] / len(g[1]))))
    return z, pos.astype(int), lo.astype(int), hi.astype(int), each, offsets[:-1]


def softmax_loss(beta: np.ndarray, packed: tuple, l2: float) -> tuple[float, np.ndarray]:
    """Conditional-logit loss and gradient over :func:`pack`'s episodes:
    ``sum each * -(s_b - logsumexp(s[lo:hi]))  +  l2 / 2 * |beta|^2``, ``s = z @ beta``."""
    z, pos, lo, hi, each, starts = packed
    s = z @ beta
    top = np.repeat(np.maximum.reduceat(s, starts), np.diff(np.r_[starts, len(s)]))
    ex = np.exp(s - top)
    cum = np.r_[0.0, np.cumsum(ex)]
    totals = cum[hi] - cum[lo]
    loss = float(np.sum(each * (top[pos] + np.log(totals) - s[pos]))) + 0.5 * l2 * float(beta @ beta)
    # Each boundary spreads each * softmax over its range: a difference array, summed up.
    spread = np.zeros(len(s) + 1)
    np.add.at(spread, lo, each / totals)
    np.add.at(spread, hi, -each / totals)
    r = ex * np.cumsum(spread)[:-1]
    np.add.at(r, pos, -each)
    return loss, z.T @ r + l2 * beta


def pair_loss(beta: np.ndarray, diffs: np.ndarray, weights: np.ndarray, l2: float) -> tuple[float, np.ndarray]:
    """RankNet loss and gradient: ``sum w log(1 + exp(-diffs @ beta)) + l2 / 2 * |beta|^2``,
    ``diffs`` the boundary row minus the non-boundary row of each pair."""
    m = diffs @ beta
    loss = float(weights @ np.logaddexp(0.0, -m)) + 0.5 * l2 * float(beta @ beta)
    sig = 0.5 * (1.0 - np.tanh(0.5 * m))  # 1 / (1 + exp(m)), stable
    grad = -(diffs.T @ (weights * sig)) + l2 * beta
    return loss, grad


def competitors(n: int, pos: np.ndarray, local: bool) -> tuple[np.ndarray, np.ndarray]:
    """Competitor ranges of the boundaries ``pos`` among ``n`` gap rows: all of them, or
    (``local``) from just after the previous boundary to just before the next one.

    >>> [a.tolist() for a in competitors(10, np.array([2, 6]), True)]
    [[0, 3], [6, 10]]
    """
    if not local:
        return np.zeros(len(pos), dtype=int), np.full(len(pos), n)
    p = np.sort(pos)
    lo = np.r_[0, p[:-1] + 1]
    hi = np.r_[p[1:], n]
    return lo, hi


def _minimise(fun, dim: int) -> np.ndarray:
    return minimize(fun, np.zeros(dim), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x


def _episodes(convs: list[Conversation], kind: str, binary: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """(training rows with gap 0 left out, boundary rows) of every conversation, each twice:
    as computed and with the cue columns zeroed (train_chapters._design's two copies)."""
    cues = [features.FEATURE_NAMES.index(name) for name in features.CUE_COLUMNS]
    out = []
    for c in convs:
        x = transform(c.train_feats, kind, binary)[1:]
        generic = c.train_feats.copy()
        generic[:, cues] = 0.0
        g = transform(generic, kind, binary)[1:]
        pos = np.array(sorted(t - 1 for t in c.train_truth if t > 0), dtype=int)
        out += [(x, pos), (g, pos)]
    return out


def fit_ranking(convs: list[Conversation], kind: str, objective: str, l2: float, binary: np.ndarray) -> BoundaryModel:
    """A within-episode ranking fit (``objective`` softmax / local / pairs) on pooled-standardised
    rows, then a Platt fit of its score to probabilities with the shipped weights."""
    eps = _episodes(convs, kind, binary)
    allx = np.vstack([x for x, _ in eps])
    mean, scale = allx.mean(axis=0), allx.std(axis=0)
    scale[scale < 1e-9] = 1.0
    dim = allx.shape[1]
    if objective in ("softmax", "local"):
        groups = []
        for x, pos in eps:
            lo, hi = competitors(len(x), pos, objective == "local")
            groups.append(((x - mean) / scale, pos, lo, hi, 0.5))
        packed = pack(groups)
        beta = _minimise(lambda b: softmax_loss(b, packed, l2), dim)
    else:
        rng = np.random.default_rng(11)
        diffs, weights = [], []
        for x, pos in eps:
            z = (x - mean) / scale
            neg = np.setdiff1d(np.arange(len(z)), pos)
            if not len(pos) or not len(neg):
                continue
            for b in pos:
                pick = rng.choice(neg, size=min(PAIRS_PER_BOUNDARY, len(neg)), replace=False)
                diffs.append(z[b] - z[pick])
                weights.append(np.full(len(pick), 0.5 / len(pos) / len(pick)))
        d, w = np.vstack(diffs), np.concatenate(weights)
        beta = _minimise(lambda b: pair_loss(b, d, w, l2), dim)
    # Platt: probability = sigmoid(a * score + c), fitted with the shipped design's weights.
    x, y, w = train_design([SimpleNamespace(train_feats=transform(c.train_feats, kind, binary),
                                            train_truth=c.train_truth) for c in convs])  # type: ignore[misc]
    s = ((x - mean) / scale) @ beta
    platt = fit_logistic(s[:, None], y, w, len(convs), l2=1e-6)
    a = platt.coef[0] / platt.scale[0]
    c0 = platt.intercept - platt.coef[0] * platt.mean[0] / platt.scale[0]
    return BoundaryModel(tuple(f"c{k}" for k in range(dim)), mean, scale, a * beta, float(c0), 5.0, {})


def logistic_loss(beta: np.ndarray, z: np.ndarray, y: np.ndarray, w: np.ndarray,
                  reg: float) -> tuple[float, np.ndarray]:
    """Weighted logistic loss and gradient, the last coefficient an unpenalised intercept:
    ``sum w (log(1 + e^s) - y s) + reg / 2 * |beta[:-1]|^2``, ``s = z @ beta[:-1] + beta[-1]``."""
    s = z @ beta[:-1] + beta[-1]
    loss = float(w @ (np.logaddexp(0.0, s) - y * s)) + 0.5 * reg * float(beta[:-1] @ beta[:-1])
    r = w * (0.5 * (1.0 + np.tanh(0.5 * s)) - y)
    return loss, np.r_[z.T @ r + reg * beta[:-1], r.sum()]


def fit_mixed(convs: list[Conversation], kind: str, local: bool, weight: float, binary: np.ndarray) -> BoundaryModel:
    """The shipped pooled logistic fit (its weights and L2) plus ``weight`` times the conditional
    logit (each episode's true boundaries against its gaps, or ``local``: between its
    neighbouring boundaries), both totalling one per conversation; the logistic part keeps the
    probability scale, so no Platt step."""
    x, y, w = train_design([SimpleNamespace(train_feats=transform(c.train_feats, kind, binary),
                                            train_truth=c.train_truth) for c in convs])  # type: ignore[misc]
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    w = w / w.sum() * len(convs)
    reg = L2 / len(x) * len(convs)
    groups = []
    for xe, pos in _episodes(convs, kind, binary):
        lo, hi = competitors(len(xe), pos, local)
        groups.append(((xe - mean) / scale, pos, lo, hi, 0.5))
    packed = pack(groups)

    def fun(beta: np.ndarray) -> tuple[float, np.ndarray]:
        a, ga = logistic_loss(beta, z, y, w, reg)
        b, gb = softmax_loss(beta[:-1], packed, 0.0)
        return a + weight * b, ga + weight * np.r_[gb, 0.0]
    beta = _minimise(fun, z.shape[1] + 1)
    return BoundaryModel(tuple(f"c{k}" for k in range(z.shape[1])), mean, scale, beta[:-1], float(beta[-1]), 5.0, {})


def fit_variant(convs: list[Conversation], kind: str, objective: str, binary: np.ndarray,
                l2: float | None = None) -> BoundaryModel:
    if objective in ("mixed", "mixedlocal"):
        return fit_mixed(convs, kind, objective == "mixedlocal", l2 if l2 is not None else 1.0, binary)
    if objective == "logistic":
        x, y, w = train_design([SimpleNamespace(train_feats=transform(c.train_feats, kind, binary),
                                                train_truth=c.train_truth) for c in convs])  # type: ignore[misc]
        return fit_logistic(x, y, w, len(convs))
    return fit_ranking(convs, kind, objective, l2 if l2 is not None else L2_GRID[1], binary)


def held_rows(model: BoundaryModel, convs: list[Conversation], kind: str, binary: np.ndarray) -> list[dict]:
    """Scores (true count, the shipped program) of ``convs`` under ``model``."""
    rows = []
    for c in convs:
        p = model.probability(transform(c.feats, kind, binary))
        p[0] = 0.0
        hyp = choose.choose(p, [s.start for s in c.sentences], c.end, len(c.truth), MIN_LENGTH)
        rows.append(dict(score(c, hyp), dataset=c.dataset))
    return rows


def mean_pk(rows: list[dict]) -> float:
    """Mean Pk of each set present, averaged (the two sets weigh alike)."""
    return statistics.mean(statistics.mean(r["pk"] for r in rows if r["dataset"] == ds)
                           for ds in SETS if any(r["dataset"] == ds for r in rows))


def choose_l2(train: list[Conversation], kind: str, objective: str, binary: np.ndarray) -> float:
    """The L2 strength of L2_GRID with the lowest inner cross-validated Pk: the training folds
    dealt into INNER groups, each scored by a fit on the others."""
    fold = folds(train)
    names = sorted({fold[c.series] for c in train})
    group = {f: k % INNER for k, f in enumerate(names)}
    best = None
    for l2 in MIX_GRID if objective.startswith("mixed") else L2_GRID:
        rows = []
        for g in range(INNER):
            inner = [c for c in train if group[fold[c.series]] != g]
            model = fit_variant(inner, kind, objective, binary, l2)
            rows += held_rows(model, [c for c in train if group[fold[c.series]] == g], kind, binary)
        val = mean_pk(rows)
        if best is None or val < best[0]:
            best = (val, l2)
    return best[1]


def run(convs: list[Conversation], variant: str, binary: np.ndarray) -> tuple[list[dict], dict[str, float]]:
    """Held-out rows of ``variant`` and the L2 chosen per fold (ranking objectives)."""
    kind, _, objective = variant.partition("/")
    objective, _, fixed = (objective or "logistic").partition("@")
    fold = folds(convs)
    rows, chosen = [], {}  # chosen: the inner cross-validation's strength per held-out fold
    for held in sorted(set(fold.values())):
        train = [c for c in convs if fold[c.series] != held]
        l2 = None
        if fixed:
            l2 = float(fixed)
        elif objective != "logistic":
            l2 = chosen[held] = choose_l2(train, kind, objective, binary)
        model = fit_variant(train, kind, objective, binary, l2)
        rows += held_rows(model, [c for c in convs if fold[c.series] == held], kind, binary)
    return rows, chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", default="z,zcont,rank,zplus,raw/pairs,raw/local,raw/softmax,raw/mixed@1,raw/mixedlocal@1")
    args = parser.parse_args()
    convs = load_all()
    base = base_rows(convs)
    binary = binary_columns([c.train_feats for c in convs] + [c.feats for c in convs])
    print("binary columns:", [n for n, b in zip(features.FEATURE_NAMES, binary) if b], flush=True)
    header = " | ".join(f"{ds}: Pk / WD / better than one / dPk / dWD" for ds in SETS)
    print(f"| variant | {header} | CPU s |\n|---|---|---|---|")
    print(line("shipped", base, base), flush=True)
    for v in args.variants.split(","):
        t0 = time.process_time()
        rows, chosen = run(convs, v, binary)
        extra = f" strength per fold {chosen}" if chosen else ""
        print(line(v, rows, base)[:-1] + f"| {time.process_time() - t0:.0f} |{extra}", flush=True)


if __name__ == "__main__":
    main()
