#!/usr/bin/env python3
"""Experiment (issue 11): learn the topic metric of the embedding drift features from the dev sets.

WordLlama's raw sentence vectors vary with much that is not topic (register, a speaker's style,
fillers), and the drift features compare them by plain cosine. This script learns a linear map of
the vectors under which blocks of talk either side of a true chapter change are far apart and
blocks within one chapter close, and measures the boundary model with drift features computed in
that space, cross-validated exactly as scripts/train_chapters.py does (folds by show / meeting
series; every held-out conversation segmented with the true count by a model - projection
included - learned without its fold).

The map is a Fisher discriminant on block differences: for every gap of a training conversation
(its training form) and block sizes :data:`LEARN_WINDOWS`, d = unit(before) - unit(after); S_b is
the mean d d^T over true chapter changes, S_w over gaps whose blocks lie inside one chapter (each
conversation weighing the same); the map keeps the top ``dims`` generalised eigenvectors of
(S_b, S_w + ridge). Variants: ``diag`` (one weight per dimension, sqrt(S_b_jj / S_w_jj)),
``center`` (no learning: the episode's mean vector subtracted), ``words`` (lexical cohesion
weighted by a learned per-stem topicality, see :func:`topicality`).

Because the map is fitted on the training conversations, their drift features would look better
to the classifier than a held-out conversation's; with ``--nested`` (default) every training
conversation's features come from a map learned also without its own fold (cross-fitting).

    .venv/bin/python scripts/chapters_metric.py [--variants base,fisher32,...] [--auc]

Findings (2026-11-30, the 76 features of that day as ``base``; held-out numbers only):

- Single-feature AUC of the block cosine (``--auc``; 60 / 150 words): raw 0.554 / 0.535 on
  podcasts-dev, 0.615 / 0.600 on meetings-dev; centred on the episode's mean vector 0.665 / 0.625
  and 0.687 / 0.674. Learned maps on raw vectors: Fisher 32 dims 0.559 / 0.508 and 0.606 / 0.621,
  Fisher 128 0.565 / 0.539 and 0.639 / 0.628, diagonal = raw. On centred vectors a learned map adds
  nothing (Fisher 128 0.657 / 0.619, 0.686 / 0.673; Fisher 32 worse). Per-episode z-scoring
  of every dimension: within 0.004 of centring; removing the episode's top 1-8 principal
  components hurts (they carry the topics).
- Boundary model, true count, Pk podcasts / meetings (better than one chapter): base 0.335 / 0.316
  (68% / 69%); + Fisher-32 drift 0.334 / 0.317 (68% / 66%); + centred drift at 25-400 words,
  1/8 and 1/4 of the episode and a peak (17 columns) 0.326 / 0.317 (74% / 69%). The learned maps do
  not carry from the training shows to a held-out one; what carries is taking away the
  component every sentence of the episode shares, which needs no learning.
- Shipped: centred drift at 25, 60 and 150 words only (9 columns; the 17-column set cost lang-cs
  0.346 -> 0.538 with --count and seed-full's automatic count 0.331 -> 0.369, kept on branch
  chap-metric-wip). scripts/train_chapters.py: 0.317 / 0.313 (84% / 70%).
- On top of that model, ``words`` (a per-stem topicality learned on the training folds: how much
  more often two mentions of a stem fall in one chapter than chance; cosine, depth and split gain
  of counts so weighted at 60, 150 words and 1/8): 0.316 / 0.318 (82% / 70%). Not kept.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import BENCH, OUT
from chapters_data import Conversation, score, sentence_inputs, summary
from chapters_short import inputs as train_inputs
from train_chapters import MIN_LENGTH, SETS, fit_logistic, folds, load_all
from train_chapters import _design as train_design

from audiokit.chapters import choose, cohesion, features

LEARN_WINDOWS = (60, 150)
DRIFT_WINDOWS = (25, 60, 150, 400)
RIDGE = 0.05


@dataclass
class Form:
    """One form of a conversation: sentence weights (content words), stems, unit vectors, truth."""

    weights: np.ndarray
    stems: list[list[str]]
    vectors: np.ndarray
    truth: list[int]


def _form(tokens, vectors, truth) -> Form:
    return Form(np.array([max(0.5, len(t)) for t in tokens], dtype=float), cohesion.stems(tokens, "en"),
                vectors.astype(np.float32), list(truth))


def load_forms(convs: list[Conversation]) -> dict[str, tuple[Form, Form]]:
    """(scorer form, training form) of every conversation, cached."""
    cache = OUT / "chapters" / "metric-forms.pkl"
    if cache.exists():
        saved = pickle.loads(cache.read_bytes())
        if set(saved) >= {c.name for c in convs}:
            return saved
    out = {}
    for c in convs:
        tokens, vectors = sentence_inputs(c.sentences)
        t = train_inputs(BENCH / c.dataset / f"{c.name}.json", c.name)
        out[c.name] = (_form(tokens, vectors, c.truth), _form(t.tokens, t.vectors, c.train_truth))
    cache.write_bytes(pickle.dumps(out))
    return out


def _blocks(form: Form, window: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Left and right block index bounds of every gap 1..n-1 (as features._Blocks computes them)."""
    n = len(form.weights)
    cum = np.concatenate([[0.0], np.cumsum(form.weights)])
    gaps = np.arange(1, n)
    left = np.clip(np.minimum(np.searchsorted(cum, cum[gaps] - window, side="right") - 1, gaps - 1), 0, None)
    right = np.clip(np.maximum(np.searchsorted(cum, cum[gaps] + window, side="left"), gaps + 1), None, n)
    return gaps, left, right


def scatter(form: Form) -> tuple[np.ndarray, np.ndarray]:
    """(S_b, S_w) of one conversation: mean outer product of block differences at true changes
    and within chapters."""
    v = form.vectors.astype(np.float64)
    dim = v.shape[1]
    prefix = np.vstack([np.zeros((1, dim)), np.cumsum(v * form.weights[:, None], axis=0)])
    label = np.zeros(len(v), dtype=int)
    label[[t for t in form.truth if t > 0]] = 1
    label = np.cumsum(label)
    sb, sw = np.zeros((dim, dim)), np.zeros((dim, dim))
    for w in LEARN_WINDOWS:
        gaps, left, right = _blocks(form, w)
        a, b = prefix[gaps] - prefix[left], prefix[right] - prefix[gaps]
        d = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-9) \
            - b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-9)
        change = np.isin(gaps, form.truth)
        inside = label[left] == label[right - 1]
        if change.any():
            sb += d[change].T @ d[change] / change.sum()
        if inside.any():
            sw += d[inside].T @ d[inside] / inside.sum()
    return sb, sw


def fisher(sb: np.ndarray, sw: np.ndarray, dims: int) -> np.ndarray:
    """The top ``dims`` generalised eigenvectors of (S_b, S_w + ridge) as columns."""
    reg = sw + RIDGE * np.trace(sw) / len(sw) * np.eye(len(sw))
    inv = np.linalg.inv(np.linalg.cholesky(reg))  # reg = L L^T; whiten by L^-1
    vals, vecs = np.linalg.eigh(inv @ sb @ inv.T)
    order = np.argsort(vals)[::-1][:dims]
    return inv.T @ vecs[:, order]


def diagonal(sb: np.ndarray, sw: np.ndarray) -> np.ndarray:
    """One weight per dimension: sqrt of between over within variance."""
    w = np.sqrt(np.diag(sb) / (np.diag(sw) + RIDGE * np.trace(sw) / len(sw)))
    return np.diag(w / w.mean())


def drift_features(vectors: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Drift columns in a given space: sim, depth, z-score at DRIFT_WINDOWS; sim and depth at
    1/8 and 1/4 of the episode; the local peak of the 150-word depth."""
    n = len(vectors)
    blocks = features._Blocks(vectors, weights)
    cum = np.concatenate([[0.0], np.cumsum(weights)])
    cols = []
    for w in DRIFT_WINDOWS:
        s = blocks.similarity(w)
        d = features.depth(s)
        cols += [s, d, features._zscore(s)]
        if w == 150:
            peak = features.local_peak(d, cum, 150)
    for k in features.SCALES:
        s = blocks.similarity(max(25.0, cum[-1] / k))
        cols += [s, features.depth(s)]
    out = np.column_stack([*cols, peak])
    out[0] = 0.0
    return out if n > 1 else np.zeros((n, out.shape[1]))


def topicality(forms: list[Form]) -> dict[str, float]:
    """A weight per stem from training conversations: how much more often two mentions of it fall
    in the same chapter than chance would put them (log ratio, >= 0), for stems seen in 3+
    conversations."""
    same: dict[str, float] = {}
    base: dict[str, float] = {}
    convs: dict[str, int] = {}
    for f in forms:
        label = np.zeros(len(f.stems), dtype=int)
        label[[t for t in f.truth if t > 0]] = 1
        label = np.cumsum(label)
        sizes = np.bincount(label, weights=f.weights) / f.weights.sum()
        chance = float((sizes ** 2).sum())
        where: dict[str, list[int]] = {}
        for i, words in enumerate(f.stems):
            for w in words:
                where.setdefault(w, []).append(label[i])
        for w, labs in where.items():
            if len(labs) < 2:
                continue
            counts = np.bincount(labs)
            m = len(labs)
            same[w] = same.get(w, 0.0) + float((counts * (counts - 1)).sum()) / (m * (m - 1))
            base[w] = base.get(w, 0.0) + chance
            convs[w] = convs.get(w, 0) + 1
    return {w: float(np.log((same[w] + 0.5) / (base[w] + 0.5))) for w in same if convs[w] >= 3}


def word_features(form: Form, weight: dict[str, float]) -> np.ndarray:
    """Split gain and cosine of stem counts weighted by topicality, at 60, 150 and 1/8."""
    default = 0.0
    n = len(form.stems)
    counts = np.zeros((n, features.HASH_DIMS))

    for i, words in enumerate(form.stems):
        for w in words:
            counts[i, zlib.crc32(w.encode()) % features.HASH_DIMS] += max(0.0, weight.get(w, default)) + 0.1
    cum = np.concatenate([[0.0], np.cumsum(form.weights)])
    blocks = features._Blocks(counts, np.ones(n))
    cols = []
    for w in (60.0, 150.0, max(25.0, cum[-1] / 8)):
        s = blocks.similarity(w)
        cols += [s, features.depth(s), cohesion.split_gain(counts, form.weights, w)]
    out = np.column_stack(cols)
    out[0] = 0.0
    return out


def extra(variant: str, form: Form, learned) -> np.ndarray | None:
    """The variant's extra columns for one form, given what was learned on the training folds."""
    if variant == "base":
        return None
    if variant == "center":
        return drift_features(centred(form), form.weights)
    if variant == "words":
        return word_features(form, learned)
    return drift_features(form.vectors.astype(np.float64) @ learned, form.weights)


def learn(variant: str, stats: list[tuple[np.ndarray, np.ndarray]], forms: list[Form]):
    """What a variant learns from training conversations (their scatter ``stats`` and forms)."""
    if variant in ("base", "center"):
        return None
    if variant == "words":
        return topicality(forms)
    sb = sum(s[0] for s in stats) / len(stats)
    sw = sum(s[1] for s in stats) / len(stats)
    if variant == "diag":
        return diagonal(sb, sw)
    return fisher(sb, sw, int(variant.removeprefix("fisher")))


def _design(rows: list[tuple[np.ndarray, list[int]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """train_chapters' design (cue columns zeroed in a second copy) over given feature matrices."""
    return train_design([SimpleNamespace(train_feats=feats, train_truth=truth) for feats, truth in rows])


def run(variant: str, convs: list[Conversation], forms: dict, stats: dict, nested: bool) -> list[dict]:
    """Held-out true-count scores of every conversation under one variant."""
    fold = folds(convs)
    names = sorted(set(fold.values()))
    replace_emb = variant.endswith("-r")
    keep = [k for k, n in enumerate(features.FEATURE_NAMES) if not (replace_emb and n.startswith("emb_"))]
    cache: dict[frozenset, object] = {}

    def learned_without(out: frozenset):
        if out not in cache:
            train = [c for c in convs if fold[c.series] not in out]
            cache[out] = learn(variant.removesuffix("-r"),
                               [stats[c.name] for c in train], [forms[c.name][1] for c in train])
        return cache[out]

    def matrix(base: np.ndarray, form: Form, learned) -> np.ndarray:
        more = extra(variant.removesuffix("-r"), form, learned)
        return base[:, keep] if more is None else np.hstack([base[:, keep], more])

    rows = []
    for held in names:
        train = [c for c in convs if fold[c.series] != held]
        outer = learned_without(frozenset([held]))
        design = []
        for c in train:
            inner = learned_without(frozenset([held, fold[c.series]])) if nested else outer
            design.append((matrix(c.train_feats, forms[c.name][1], inner), c.train_truth))
        x, y, w = _design(design)
        model = fit_logistic(x, y, w, len(train))
        for c in (c for c in convs if fold[c.series] == held):
            feats = matrix(c.feats, forms[c.name][0], outer)
            p = ((feats - model.mean) / model.scale) @ model.coef + model.intercept
            p = 1 / (1 + np.exp(-np.clip(p, -30, 30)))
            p[0] = 0.0
            hyp = choose.choose(p, [s.start for s in c.sentences], c.end, len(c.truth), MIN_LENGTH)
            rows.append(dict(score(c, hyp), dataset=c.dataset))
    return rows


def _auc(score: np.ndarray, positive: np.ndarray) -> float:
    order = np.argsort(np.argsort(score, kind="stable"), kind="stable") + 1.0
    npos = positive.sum()
    return float((order[positive].sum() - npos * (npos + 1) / 2) / (npos * (len(positive) - npos)))


def centred(form: Form) -> np.ndarray:
    """The form's vectors less their weighted mean over the episode."""
    v = form.vectors.astype(np.float64)
    return v - (v * form.weights[:, None]).sum(axis=0) / form.weights.sum()


def auc_table(convs: list[Conversation], forms: dict) -> dict[str, float]:
    """Mean held-out AUC (per conversation) of the block cosine at 60, 150 and 400 words as a
    ranking of true chapter changes, raw, centred, and under maps learned on the training folds
    (Fisher k on raw or centred vectors, diagonal)."""
    fold = folds(convs)
    raw = {c.name: scatter(forms[c.name][1]) for c in convs}
    cen = {c.name: scatter(Form(forms[c.name][1].weights, [], centred(forms[c.name][1]), forms[c.name][1].truth))
           for c in convs}
    res: dict[str, list[float]] = {}
    for held in sorted(set(fold.values())):
        train = [c.name for c in convs if fold[c.series] != held]
        maps = {}
        for tag, st in (("", raw), ("centred+", cen)):
            sb, sw = (sum(st[n][j] for n in train) / len(train) for j in (0, 1))
            maps |= {f"{tag}fisher{k}": fisher(sb, sw, k) for k in (32, 128)} | {f"{tag}diag": diagonal(sb, sw)}
        for c in (c for c in convs if fold[c.series] == held):
            f = forms[c.name][0]
            pos = np.zeros(len(f.weights), bool)
            pos[c.truth[1:]] = True
            spaces = {"raw": f.vectors.astype(np.float64), "centred": centred(f)}
            spaces |= {k: spaces["centred" if k.startswith("centred") else "raw"] @ m for k, m in maps.items()}
            for name, v in spaces.items():
                blocks = features._Blocks(v, f.weights)
                for w in (60, 150, 400):
                    res.setdefault(f"{c.dataset} {w} {name}", []).append(_auc(-blocks.similarity(w)[1:], pos[1:]))
    return {k: round(float(np.mean(v)), 4) for k, v in sorted(res.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", default="base,center,diag,fisher32,fisher64,fisher32-r,words")
    parser.add_argument("--plain", action="store_true", help="no cross-fitting of the training rows")
    parser.add_argument("--auc", action="store_true", help="only the single-feature held-out AUC table")
    args = parser.parse_args()
    convs = load_all()
    forms = load_forms(convs)
    if args.auc:
        table = auc_table(convs, forms)
        (OUT / "chapters" / "metric-auc.json").write_text(json.dumps(table, indent=1))
        for key, value in table.items():
            print(key, value)
        return
    stats = {c.name: scatter(forms[c.name][1]) for c in convs}
    results = {}
    for variant in args.variants.split(","):
        started = time.process_time()
        rows = run(variant, convs, forms, stats, not args.plain)
        results[variant] = {name: summary([r for r in rows if r["dataset"] == name]) for name in SETS}
        per = {name: [round(r["pk"], 4) for r in rows if r["dataset"] == name] for name in SETS}
        results[variant]["per_conversation"] = per
        line = "  ".join(f"{name} Pk {results[variant][name]['pk']:.3f} WD {results[variant][name]['wd']:.3f} "
                         f"better {results[variant][name]['better_than_one']:.2f}" for name in SETS)
        print(f"{variant:10s} {line}  ({time.process_time() - started:.0f} s CPU)", flush=True)
    out = OUT / "chapters" / f"metric-{'plain' if args.plain else 'nested'}.json"
    old = json.loads(out.read_text()) if out.exists() else {}
    out.write_text(json.dumps(old | results, indent=1))


if __name__ == "__main__":
    main()
