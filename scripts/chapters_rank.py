#!/usr/bin/env python3
"""Experiment (issue 11): candidate evidence columns for the chapter boundary model, measured
held out exactly as scripts/train_chapters.py measures the shipped model (folds by show /
meeting series, true count, the same fit and dynamic program), against the shipped columns.

Every candidate is a function of one episode's sentences, content words and WordLlama vectors
(nothing learned across episodes), computed for the scored form and the training form of every
dev conversation; the boundary model is refitted with the candidate's columns added.

    .venv/bin/python scripts/chapters_rank.py [--variants spkc,chains,...]

Variants are the names in scripts/rank_candidates.py, ``kscale`` (its count_scaled, given the
true count), ``l2:V`` (the fit's L2 strength), ``drop:a+b`` (shipped columns left out)
``x:a*b+c*d`` (products of shipped columns added) and ``cap:N`` (run_words held at log1p(N)). The inputs of both forms are cached in
bench-out/chapters/rank-inputs.pkl and the shipped model's held-out rows in rank-base-*.pkl.

Findings (2026-11-30, the shipped 85-feature model as base: podcasts / meetings Pk 0.317 / 0.313,
WindowDiff 0.380 / 0.365, better than one chapter 84% / 70%; d = paired mean Pk difference to
base, se its standard error; no variant is better on both sets beyond noise, nothing shipped):

- ``spkc``: embedding drift (cosine, depth, z-score at 25/60/150 words) after each speaker's own
  mean vector is taken away, so a new speaker's style is not read as a new topic: 0.324 / 0.318
  (d +0.008 se 0.006 / +0.005 se 0.005; 74% / 72% better than one chapter).
- ``novelty``: rise in the share of stems never said before, and of stems returning after 400
  words unsaid, over 60/150 words, raw and as z-scores: 0.329 / 0.316 (+0.013 se 0.005 /
  +0.002 se 0.002).
- ``monologue``: at a speaker's run start, how much its first 60 words resemble the 150 before
  (centred embeddings and stems), alone and times the run's length (a long turn inside a topic
  against a hand-over at a change): 0.322 / 0.318 (+0.005 se 0.007 / +0.005 se 0.004).
- ``chains``: LCseg lexical chains over stems (hiatus 150 words; weighted by repetitions and
  compactness): chains through the gap, starting / ending within 30 words: 0.323 / 0.322
  (+0.006 se 0.005 / +0.009 se 0.004).
- ``drop:run_words`` (the column behind meetings' far false alarms): 0.343 / 0.341
  (+0.026 se 0.009 / +0.027 se 0.008): it is net evidence, not only noise.
- run_words times centred drift depth, split gain at 1/8 and rare-word cosine at 1/4 (a long
  turn counts only where the words change): 0.326 / 0.310 (+0.010 se 0.006 / -0.003 se 0.004).
- ``cap:150`` / ``cap:400`` (run_words held at 150 / 400 content words): 0.317 / 0.314 and
  0.317 / 0.313, the same choices: the false alarms it pushes are at ordinary long turns, not
  at the rare very long ones.
- ``lsa``: drift in the episode's own latent semantic space (SVD of tf-idf stem counts, 12
  dimensions; cosine, depth, z-score at about 60/150 words): 0.315 / 0.315 (-0.002 se 0.004 /
  +0.001 se 0.003): noise, at about 1 s of SVD per dev episode (too dear for the 3-hour budget).
- cue phrase, discourse marker or question at a run start times the speaker's share of the talk
  (the chair's openings): 0.336 / 0.317 (+0.019 se 0.007 / +0.004 se 0.005).

- ``kscale`` (2026-12-02): evidence at the scale of the chapters asked for, given the true count
  K over W content words: split gain, its local peak, centred embedding drift and rare-word
  cosine with depths at W / 2K and W / K words: 0.317 / 0.317 (d -0.000 se 0.007 / +0.004 se
  0.006). Knowing the count does not sharpen the evidence beyond the 1/8 and 1/4 shares.

- ``l2:V`` (2026-12-02): the shipped columns with the fit's L2 strength at 0.1-100 instead of 1:
  0.316-0.317 / 0.313-0.314 (|d| <= 0.001): the fit is not limited by its regularisation.

Every added column costs podcasts more than it gives meetings: the 38 podcasts of 7 shows weigh
less than the 162 meetings in the fit, and what a column learns of meetings' habits does not
carry to a held-out show. The next gain needs evidence that changes the ranking, not more
columns of the same texture.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import rank_candidates as rf
from benchlib import BENCH, OUT
from chapters_data import Conversation, code_digest, score, sentence_inputs, summary
from chapters_short import inputs as train_inputs
from train_chapters import MIN_LENGTH, SETS, fit_logistic, folds, load_all
from train_chapters import _design as train_design

from audiokit.chapters import choose, features


def load_inputs(convs: list[Conversation]) -> dict[str, tuple]:
    """(scored, training) form of every conversation: (sentences, tokens, vectors), cached."""
    cache = OUT / "chapters" / "rank-inputs.pkl"
    saved: dict = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    changed = False
    for c in convs:
        if c.name in saved:
            continue
        tokens, vectors = sentence_inputs(c.sentences)
        t = train_inputs(BENCH / c.dataset / f"{c.name}.json", c.name)
        saved[c.name] = ((c.sentences, tokens, vectors.astype(np.float32)),
                         (t.sentences, t.tokens, t.vectors.astype(np.float32)))
        changed = True
    if changed:
        cache.write_bytes(pickle.dumps(saved))
    return saved


def run(convs: list[Conversation], extra: dict[str, tuple[np.ndarray, np.ndarray]] | None,
        drop: list[int] | None = None, l2: float | None = None) -> list[dict]:
    """Held-out rows (true count) with ``extra[name] = (scored columns, training columns)`` added."""
    def mat(c: Conversation, train: bool) -> np.ndarray:
        base = (c.train_feats if train else c.feats).copy()
        base[:, drop or []] = 0.0  # a constant column: its standardised value and weight stay 0
        if extra is None:
            return base
        return np.hstack([base, extra[c.name][1 if train else 0]])

    fold = folds(convs)
    rows = []
    for held in sorted(set(fold.values())):
        train = [c for c in convs if fold[c.series] != held]
        x, y, w = train_design([SimpleNamespace(train_feats=mat(c, True), train_truth=c.train_truth)  # type: ignore[misc]
                                for c in train])
        model = fit_logistic(x, y, w, len(train)) if l2 is None else fit_logistic(x, y, w, len(train), l2)
        for c in (c for c in convs if fold[c.series] == held):
            xx = mat(c, False)
            p = 1 / (1 + np.exp(-np.clip(((xx - model.mean) / model.scale) @ model.coef + model.intercept, -30, 30)))
            p[0] = 0.0
            hyp = choose.choose(p, [s.start for s in c.sentences], c.end, len(c.truth), MIN_LENGTH)
            rows.append(dict(score(c, hyp), dataset=c.dataset))
    return rows


def report(name: str, rows: list[dict], base: list[dict] | None) -> None:
    parts = []
    for ds in SETS:
        r = [x for x in rows if x["dataset"] == ds]
        s = summary(r)
        part = f"{ds[:4]} pk {s['pk']:.3f} wd {s['wd']:.3f} better {s['better_than_one']:.2f}"
        if base is not None:
            b = {x["name"]: x["pk"] for x in base if x["dataset"] == ds}
            d = [x["pk"] - b[x["name"]] for x in r]
            se = statistics.stdev(d) / len(d) ** 0.5
            part += f" (d {statistics.mean(d):+.4f} se {se:.4f})"
        parts.append(part)
    print(f"{name:18s} " + " | ".join(parts), flush=True)


def base_rows(convs: list[Conversation]) -> list[dict]:
    """The shipped model's held-out rows (cached in bench-out/chapters/rank-base-*.pkl, named by
    the feature, fit and scoring code, so a change to any of them refits), reported."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha1(code_digest().encode() + b"".join(
        (here / name).read_bytes() for name in ("train_chapters.py", "chapters_rank.py", "chapters_short.py")))
    cache = OUT / "chapters" / f"rank-base-{digest.hexdigest()[:12]}.pkl"
    if cache.exists():
        base = pickle.loads(cache.read_bytes())
    else:
        base = run(convs, None)
        cache.write_bytes(pickle.dumps(base))
    report("base", base, None)
    return base


def compare(doc: str, variants: Sequence[str], run_variant: Callable[[list[Conversation], str], list[dict]]) -> None:
    """The command line of an experiment script: ``--variants`` (default ``variants``), each
    run by ``run_variant`` and reported against the shipped model's held-out rows."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", default=",".join(variants))
    args = parser.parse_args()
    convs = load_all()
    base = base_rows(convs)
    for variant in args.variants.split(","):
        report(variant, run_variant(convs, variant), base)


def interactions(feats: np.ndarray, spec: str) -> np.ndarray:
    """Products of shipped columns, ``a*b+c*d``."""
    col = {n: k for k, n in enumerate(features.FEATURE_NAMES)}
    out = []
    for term in spec.split("+"):
        a, b = term.split("*")
        out.append(feats[:, col[a]] * feats[:, col[b]])
    return np.column_stack(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", default=",".join(rf.VARIANTS))
    args = parser.parse_args()
    t0 = time.process_time()
    convs = load_all()
    inputs = load_inputs(convs)
    print(f"loaded {len(convs)} conversations in {time.process_time() - t0:.0f} s CPU", flush=True)
    base = base_rows(convs)
    for v in args.variants.split(","):
        if v == "base":
            continue
        if v.startswith("drop:"):
            cols = [features.FEATURE_NAMES.index(n) for n in v[5:].split("+")]
            report(v, run(convs, None, cols), base)
            continue
        if v.startswith("cap:"):
            # run_words held at log1p(N): a stretch longer than N content words pushes no more.
            k = features.FEATURE_NAMES.index("run_words")
            cap = float(np.log1p(float(v[4:])))
            extra = {c.name: (np.minimum(c.feats[:, [k]], cap), np.minimum(c.train_feats[:, [k]], cap)) for c in convs}
            report(v, run(convs, extra, [k]), base)
            continue
        if v.startswith("x:"):
            extra = {c.name: (interactions(c.feats, v[2:]), interactions(c.train_feats, v[2:])) for c in convs}
            report(v, run(convs, extra), base)
            continue
        if v.startswith("l2:"):
            report(v, run(convs, None, l2=float(v[3:])), base)
            continue
        if v == "kscale":
            # The true count of chapters is an input here (scored and training form alike).
            extra = {c.name: (rf.count_scaled(*inputs[c.name][0], len(c.truth)),
                              rf.count_scaled(*inputs[c.name][1], len(c.train_truth))) for c in convs}
            report(v, run(convs, extra), base)
            continue
        fn = rf.VARIANTS[v]
        t1 = time.process_time()
        extra = {c.name: (fn(*inputs[c.name][0]), fn(*inputs[c.name][1])) for c in convs}
        t2 = time.process_time()
        report(v, run(convs, extra), base)
        print(f"  ({t2 - t1:.0f} s features, {time.process_time() - t2:.0f} s fits)", flush=True)


if __name__ == "__main__":
    main()
