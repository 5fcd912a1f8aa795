#!/usr/bin/env python3
"""Can per-episode evidence set the automatic chapter count better than the episode's length?
A measurement for issue 11 (not used by audiokit): the shipped bias moves with length only
(audiokit.chapters.boundary_model.BoundaryModel.count_bias); here it may also move with one
episode-level descriptor, ``bias = a + s * length_term + c * descriptor``, with (a, s, c) chosen
on the training folds by scripts/train_chapters.py's objective (mean absolute log ratio of
chapters found to true chapters, per dev set and kind of short episode, averaged) and scored on
the held-out fold (boundary probabilities from a model trained without that fold's series; the
training folds' probabilities are their own held-out ones, from models that saw the scored fold,
a small leak into the three calibration numbers only).

    .venv/bin/python scripts/measure_chapters_count.py [--descriptors none edepth ...]

Descriptors: ``mean_logit`` and ``share_above_0`` (how high and how peaked the boundary log-odds
are), ``gaps_per_minute`` (how many gaps compete for a chapter), ``emb_depth`` and ``lex_depth``
(log of the mean TextTiling depth at 150 words: how visibly the talk changes topic).
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_chapters as T
from benchlib import BENCH, OUT
from chapters_data import score
from chapters_short import SHORT_KINDS, score_short

from audiokit.chapters import choose, features
from audiokit.chapters.boundary_model import length_term

GRID = np.round(np.arange(-2.0, 8.01, 0.125), 3)
GROUPS = (*T.SETS, *SHORT_KINDS)
A = np.arange(0.0, 6.01, 0.5)
S = np.arange(-0.5, 1.51, 0.25)
C = np.arange(-2.5, 1.51, 0.5)


def held_out(convs, shorts):
    """Every episode (dev conversation or short) as (group, fold, probabilities, starts, end,
    truth, features, scorer), the probabilities from the model trained without its fold."""
    fold = T.folds(convs)
    out = []
    for held in sorted(set(fold.values())):
        model = T.fit([c for c in convs if fold[c.series] != held])
        for c in (c for c in convs if fold[c.series] == held):
            out.append((c.dataset, held, model.probability(c.feats), np.array([s.start for s in c.sentences]),
                        c.end, c.truth, c.feats, lambda hyp, c=c: score(c, hyp)))
        for sh in (s for s in shorts if fold[s.series] == held):
            out.append((sh.kind, held, model.probability(sh.feats), np.asarray(sh.starts, dtype=float), sh.end,
                        sh.truth, sh.feats, lambda hyp, sh=sh: score_short(sh, hyp)))
    return out


def descriptors(episodes) -> dict[str, np.ndarray]:
    """Each descriptor of every episode."""
    col = {name: k for k, name in enumerate(features.FEATURE_NAMES)}
    d: dict[str, list[float]] = {k: [] for k in ("none", "mean_logit", "share_above_0", "gaps_per_minute",
                                                 "emb_depth", "lex_depth")}
    for _g, _f, p, starts, end, _t, feats, _s in episodes:
        q = np.clip(p[1:], 1e-9, 1 - 1e-9)
        logit = np.log(q / (1 - q))
        d["none"].append(0.0)
        d["mean_logit"].append(float(logit.mean()))
        d["share_above_0"].append(float((logit > 0).mean()))
        d["gaps_per_minute"].append(math.log(len(p) / max(end - starts[0], 1.0) * 60))
        d["emb_depth"].append(math.log(float(feats[1:, col["emb_depth_150"]].mean()) + 1e-3))
        d["lex_depth"].append(math.log(float(feats[1:, col["lex_depth_150"]].mean()) + 1e-3))
    return {k: np.array(v) for k, v in d.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--descriptors", nargs="*", default=["none", "mean_logit", "share_above_0",
                                                             "gaps_per_minute", "emb_depth", "lex_depth"])
    args = parser.parse_args()
    convs = T.load_all()
    episodes = held_out(convs, T.load_shorts(convs, BENCH, OUT / "chapters" / "shorts.pkl"))
    group = np.array([GROUPS.index(e[0]) for e in episodes])
    fold = np.array([e[1] for e in episodes])
    length = np.array([length_term(e[4] - e[3][0]) for e in episodes])
    true = np.array([len(e[5]) for e in episodes])
    # Chapters found and Pk at every bias of the grid (the choice depends on the bias only).
    found = np.zeros((len(episodes), len(GRID)))
    pk = np.zeros_like(found)
    for i, (_g, _f, p, starts, end, _t, _x, scorer) in enumerate(episodes):
        p = p.copy()
        p[0] = 0.0
        seen: dict[tuple[int, ...], float] = {}
        for j, b in enumerate(GRID):
            hyp = tuple(choose.automatic(p, starts, end, T.MIN_LENGTH, float(b)))
            if hyp not in seen:
                seen[hyp] = scorer(list(hyp))["pk"]
            found[i, j], pk[i, j] = len(hyp), seen[hyp]
    err = np.abs(np.log(found / true[:, None]))
    rows = np.arange(len(episodes))

    def at(bias: np.ndarray) -> np.ndarray:
        return np.clip(np.rint((bias - GRID[0]) / (GRID[1] - GRID[0])).astype(int), 0, len(GRID) - 1)

    def objective(bias: np.ndarray, sel: np.ndarray) -> float:
        j = at(bias)
        return float(np.mean([err[rows[sel & (group == g)], j[sel & (group == g)]].mean() for g in range(len(GROUPS))]))

    for name, d in descriptors(episodes).items():
        if name not in args.descriptors:
            continue
        bias = np.zeros(len(episodes))
        for held in sorted(set(fold)):
            train = fold != held
            a, s, c = min(itertools.product(A, S, [0.0] if name == "none" else C),
                          key=lambda t: (objective(t[0] + t[1] * length + t[2] * d, train), abs(t[1]), abs(t[2])))
            bias[~train] = a + s * length[~train] + c * d[~train]
        j = at(bias)
        cells = [f"{g}: Pk {pk[group == k, j[group == k]].mean():.3f}, "
                 f"{(found[group == k, j[group == k]] / true[group == k]).mean():.2f}x" for k, g in enumerate(GROUPS)]
        print(f"{name:16s} " + " | ".join(cells), flush=True)


if __name__ == "__main__":
    main()
