#!/usr/bin/env python3
"""Diagnostic (issue 11): where the chapter boundary model's held-out Pk comes from, and whether
the classifier's ranking or the selection of boundaries loses it.

Every conversation of ../shared/bench/podcasts-dev and meetings-dev gets its boundary
probabilities from a model trained without its fold (scripts/train_chapters.py's folds and fit),
then:

- **errors**: Pk split into its false alarms (the reference has one topic across a window, the
  chapters a change) and misses (the reverse), per set and per series group; how far each chosen
  boundary lies from the nearest true one, in units of Pk's window k (half the mean true chapter);
  the rank of the true boundaries among the episode's gaps by probability;
- **profile**: mean probability (minus the episode's median) at offsets -8..8 sentences from the
  true boundaries, and where the highest of those 17 gaps sits;
- **oracle regions**: Pk when every true boundary's region (within +-f*k) is given and the
  model's most probable gap in it is taken: the share of Pk due to placing a boundary inside the
  right region, against choosing the wrong regions;
- **selection**: the shipped dynamic program (the true count, chapters >= 30 s) against other
  selections of the same probabilities: monotone transforms, smoothing, peak picking with
  non-maximum suppression, and a dynamic program with a log-normal prior on each chapter's length
  relative to the episode's mean chapter (the prior's centre and spread fitted on the training
  folds only).

    .venv/bin/python scripts/measure_chapters_errors.py [--only errors,profile,oracle,selection]

Findings (2026-11-30, the shipped 85-feature model; held-out, true count; podcasts / meetings;
the paired standard error of a mean Pk difference between two variants is about 0.003-0.014 /
0.003-0.007, so differences under ~0.01 are noise):

- Pk 0.317 / 0.313: false alarms 0.156 / 0.120, misses 0.161 / 0.194. Of the chosen boundaries,
  68% / 65% lie within k/2 of a true one, 6% / 8% farther than 2k. The true boundaries' median
  rank among the gaps: top 29% / top 11%.
- Podcasts lose most in local placement, meetings in choosing regions. Moving every chosen
  boundary that lies within 3 units of a true one onto it: 0.210 / 0.307. Given each true
  region (+-k/2), the model's own best gap in it: 0.140 / 0.110.
- Podcasts' placement loss is mostly the scored form. 145 of podcasts-dev's 484 true boundaries
  have no change of speaker there: a removed chapter heading split one speaker's turn into two
  utterances. The model (trained on real turns, where it peaks at the true sentence: mean
  probability 0.51 above the median there, 0.15-0.18 at its neighbours) chooses the start of
  that speaker's turn one utterance early 43% of the time and the true one 3%. Moving just
  those onto the truth: 0.317 -> 0.301. Learning to choose them would be learning the split,
  not the topic, and is not done (as since the first session).
- Selection: the shipped program's choice hardly depends on the probabilities' scale (p^0.5 to
  p^4: identical); smoothing the curve (Gaussian, sd 1-4 sentences) 0.355-0.371 /
  0.330-0.343; non-maximum suppression (radius 1/4-3/4 of the mean chapter) 0.325-0.409 /
  0.318-0.346; the length prior (weight 0.005-0.1) 0.322-0.335 / 0.314-0.331, though meetings'
  WindowDiff improves (0.365 -> 0.345 at weight 0.02): it evens out chapter lengths, which Pk
  does not reward. (Meetings' chosen chapters vary more in length than the true ones: log-sd
  0.97 against 0.63.) A hard minimum of 0.1-0.4 of the mean chapter: 0.317-0.331 / 0.310-0.312.
- The classifier, measured with throw-away code on the same folds (not kept, nothing shipped):
  stacking a second logistic regression on the cross-fitted probability curve (its local peak,
  depth and mean at 2-12 sentences and 1/64-1/16 of the episode) 0.332 / 0.309 (+0.016 +- 0.008
  / -0.004 +- 0.006; its first-stage rows cross-fitted by the outer folds only, so if anything
  optimistic); gaps within 3 sentences of a true boundary left out of the negatives 0.318 /
  0.316; labels widened to +-3 sentences as a region score added to the model's log-odds
  (weight 0.25-2) 0.317-0.326 / 0.313-0.322; a local re-ranker (conditional on the +-3 gaps
  around each true boundary) moving each choice by up to 1-3 units 0.315-0.329 / 0.313-0.315;
  podcasts and meetings weighed equally 0.318 / 0.322; one model per set 0.334 / 0.319; the
  next speaker's run length as a feature 0.324 / 0.309; run lengths as z-scores in the episode
  0.321 / 0.319. None is better on both sets beyond noise.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chapters_data import Conversation, labels, score, summary
from train_chapters import MIN_LENGTH, SETS, fit, folds, load_all

from audiokit.chapters import choose, features

PARTS = ("errors", "placement", "profile", "oracle", "selection")


def held_out(convs: list[Conversation]) -> tuple[dict[str, np.ndarray], dict[str, tuple[float, float]]]:
    """Every conversation's boundary probabilities from the model trained without its fold, and
    per fold the log-normal fit (mean, sd of log length / mean chapter) of its training chapters."""
    fold = folds(convs)
    probs, prior = {}, {}
    for held in sorted(set(fold.values())):
        train = [c for c in convs if fold[c.series] != held]
        model = fit(train)
        logs = np.concatenate([np.log(relative_lengths(c)) for c in train])
        for c in (c for c in convs if fold[c.series] == held):
            p = model.probability(c.feats)
            p[0] = 0.0
            probs[c.name] = p
            prior[c.name] = (float(logs.mean()), float(logs.std()))
    return probs, prior


def starts(c: Conversation) -> np.ndarray:
    """Sentence start times."""
    return np.array([s.start for s in c.sentences])


def relative_lengths(c: Conversation, bounds: list[int] | None = None) -> np.ndarray:
    """Chapter lengths over the episode's mean chapter (true chapters unless ``bounds``)."""
    st = starts(c)
    b = np.r_[st[c.truth if bounds is None else bounds], c.end]
    return np.diff(b) / ((c.end - st[0]) / len(b[:-1]))


def shipped(c: Conversation, p: np.ndarray) -> list[int]:
    """The shipped selection: the true count, by choose.choose."""
    return choose.choose(p, starts(c), c.end, len(c.truth), MIN_LENGTH)


def group(c: Conversation) -> str:
    """Series group for the report: podcast show, AMI, ICSI or parliamentary committee."""
    if c.dataset.startswith("podcasts"):
        return f"podcast {c.series}"
    if re.fullmatch(r"(ES|IS|TS)\d{4}[a-z]", c.name):
        return "meetings AMI"
    return "meetings ICSI" if re.fullmatch(r"B[a-z]{2}\d{3}", c.name) else "meetings committee"


def pk_parts(c: Conversation, hyp: list[int]) -> tuple[float, float]:
    """Pk's false alarms and misses (each a share of the windows), as score() windows them."""
    n = len(c.sentences)
    k = max(2, round(n / len(c.truth) / 2))
    ref, got = np.array(labels(c.truth, n)), np.array(labels(hyp, n))
    same_ref, same_got = ref[:-k] == ref[k:], got[:-k] == got[k:]
    return float((same_ref & ~same_got).mean()), float((~same_ref & same_got).mean())


def errors(convs: list[Conversation], probs: dict[str, np.ndarray]) -> None:
    """Pk's parts per set and series group, distances of chosen boundaries, true boundaries' ranks."""
    rows = defaultdict(list)
    for c in convs:
        hyp = shipped(c, probs[c.name])
        n = len(c.sentences)
        k = max(2, round(n / len(c.truth) / 2))
        fa, miss = pk_parts(c, hyp)
        dist = [min(abs(h - t) for t in c.truth[1:]) / k for h in hyp[1:]]
        p = probs[c.name][1:]
        rank = np.empty(n - 1)
        rank[np.argsort(-p, kind="stable")] = np.arange(n - 1) / (n - 1)
        row = dict(score(c, hyp), fa=fa, miss=miss, dist=dist, rank=[rank[t - 1] for t in c.truth[1:]])
        rows[c.dataset].append(row)
        rows[group(c)].append(row)
    print("| set / group | conversations | Pk | false alarms | misses | better than one | chosen within k/2 "
          "| farther than 2k | true boundary median rank |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, rs in rows.items():
        d = np.concatenate([r["dist"] for r in rs])
        pk, fa, miss = (statistics.mean(r[key] for r in rs) for key in ("pk", "fa", "miss"))
        print(f"| {name} | {len(rs)} | {pk:.3f} | {fa:.3f} | {miss:.3f} | "
              f"{sum(r['pk'] < r['pk_one'] for r in rs) / len(rs):.0%} | {(d <= 0.5).mean():.0%} | "
              f"{(d > 2).mean():.0%} | top {np.median(np.concatenate([r['rank'] for r in rs])):.0%} |")


def placement(convs: list[Conversation], probs: dict[str, np.ndarray]) -> None:
    """Where the nearest chosen boundary lies from each true one, split by whether the true
    boundary is a change of speaker in the scored form (one unit per utterance)."""
    speaker = features.FEATURE_NAMES.index("speaker_change")
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in convs:
        hyp = shipped(c, probs[c.name])[1:]
        for t in c.truth[1:]:
            d = min((h - t for h in hyp), key=abs)
            where = {0: "exact", -1: "1 early", 1: "1 late"}.get(d, "2-3 off" if abs(d) <= 3 else "farther")
            counts[(c.dataset, "speaker change" if c.feats[t, speaker] else "same speaker")][where] += 1
    kinds = ("exact", "1 early", "1 late", "2-3 off", "farther")
    print(f"\n| true boundary | count | nearest chosen: {' | '.join(kinds)} |")
    print("|---|---|" + "---|" * len(kinds))
    for (name, kind), got in sorted(counts.items()):
        total = sum(got.values())
        print(f"| {name}, {kind} | {total} | {' | '.join(f'{got[k] / total:.0%}' for k in kinds)} |")


def profile(convs: list[Conversation], probs: dict[str, np.ndarray]) -> None:
    """Mean probability around true boundaries, and where the local maximum sits."""
    for name in SETS:
        around = []
        for c in (c for c in convs if c.dataset == name):
            p = probs[c.name]
            z = p - np.median(p[1:])
            around += [[z[t + o] if 0 < t + o < len(p) else np.nan for o in range(-8, 9)] for t in c.truth[1:]]
        a = np.array(around)
        top = np.bincount(np.nanargmax(np.nan_to_num(a, nan=-9.0), axis=1), minlength=17)
        print(f"{name}: mean p - median at -8..8: {' '.join(f'{v:+.2f}' for v in np.nanmean(a, axis=0))}")
        print(f"{name}: local maximum at -8..8:  {' '.join(str(v) for v in top)}")


def oracle_region(c: Conversation, p: np.ndarray, frac: float) -> list[int]:
    """Each true boundary replaced by the most probable gap within +-frac*k of it."""
    n = len(p)
    r = max(1, int(frac * max(2, round(n / len(c.truth) / 2))))
    return sorted({0, *(max(1, t - r) + int(np.argmax(p[max(1, t - r):t + r + 1])) for t in c.truth[1:])})


def oracle_shift(c: Conversation, p: np.ndarray, reach: int, only: int | None = None,
                 same_speaker: bool = False) -> list[int]:
    """The shipped choice with every boundary within ``reach`` sentences of a true one moved onto
    it (``only``: just those exactly that many sentences off; ``same_speaker``: just onto true
    boundaries without a change of speaker): what local placement costs."""
    speaker = features.FEATURE_NAMES.index("speaker_change")
    out = [0]
    for h in shipped(c, p)[1:]:
        d = min((h - t for t in c.truth[1:]), key=abs)
        move = abs(d) <= reach and (only is None or d == only) and not (same_speaker and c.feats[h - d, speaker])
        out.append(h - d if move else h)
    return sorted(set(out))


def smooth(p: np.ndarray, width: int) -> np.ndarray:
    """Gaussian smoothing of a probability curve (sd ``width`` gaps)."""
    kernel = np.exp(-0.5 * (np.arange(-3 * width, 3 * width + 1) / width) ** 2)
    return np.convolve(p, kernel / kernel.sum(), "same")


def suppressed(c: Conversation, p: np.ndarray, frac: float) -> list[int]:
    """Peak picking: the most probable gap, then the next outside +-frac of a mean chapter, ..."""
    q, out = p.copy(), [0]
    q[0] = -1.0
    r = max(1, int(frac * len(p) / len(c.truth)))
    while len(out) < len(c.truth) and q.max() >= 0:
        i = int(np.argmax(q))
        out.append(i)
        q[max(0, i - r):i + r + 1] = -1.0
    return sorted(out)


def with_prior(c: Conversation, p: np.ndarray, weight: float, mu: float, sigma: float) -> list[int]:
    """The true count maximising summed probability plus ``weight`` times each chapter's log-normal
    log-density (up to a constant) of its length over the mean chapter; chapters >= MIN_LENGTH."""
    times, count = starts(c), len(c.truth)
    unit = (c.end - times[0]) / count

    def logdens(d: np.ndarray) -> np.ndarray:
        return -0.5 * ((np.log(np.maximum(d, 1e-6) / unit) - mu) / sigma) ** 2

    ok = (times - times[0] >= MIN_LENGTH) & (c.end - times >= MIN_LENGTH)
    ok[0] = False
    best = np.where(ok, p + weight * logdens(times - times[0]), -np.inf)
    gaps = times[None, :] - times[:, None]
    step = np.where(gaps >= MIN_LENGTH, weight * logdens(gaps), -np.inf)
    backs = []
    for _ in range(2, count):
        cand = best[:, None] + step
        arg = cand.argmax(axis=0)
        best = np.where(ok, cand[arg, np.arange(len(p))] + p, -np.inf)
        backs.append(arg)
    final = best + weight * logdens(c.end - times)
    if count == 1 or not np.isfinite(final.max()):
        return shipped(c, p)
    i = int(np.argmax(final))
    out = [i]
    for arg in reversed(backs):
        i = int(arg[i])
        out.append(i)
    return [0, *sorted(out)]


def line(convs: list[Conversation], label: str, segment) -> None:
    """One table row: Pk / WindowDiff / better than one chapter per set for a segmentation."""
    cells = []
    for name in SETS:
        s = summary([score(c, segment(c)) for c in convs if c.dataset == name])
        cells.append(f"{s['pk']:.3f} / {s['wd']:.3f} / {s['better_than_one']:.0%}")
    print(f"| {label} | {' | '.join(cells)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(PARTS))
    args = parser.parse_args()
    parts = args.only.split(",")
    convs = load_all()
    probs, prior = held_out(convs)
    if "errors" in parts:
        errors(convs, probs)
    if "placement" in parts:
        placement(convs, probs)
    if "profile" in parts:
        profile(convs, probs)
    if "oracle" in parts or "selection" in parts:
        print(f"\n| selection (held-out probabilities, true count) | {' | '.join(f'{s} Pk / WD / better than one' for s in SETS)} |")
        print("|---|---|---|")
        line(convs, "shipped dynamic program", lambda c: shipped(c, probs[c.name]))
    if "oracle" in parts:
        for frac in (0.25, 0.5, 1.0):
            line(convs, f"oracle region +-{frac}k, model's best gap in it",
                 lambda c, f=frac: oracle_region(c, probs[c.name], f))
        line(convs, "oracle: chosen 1 sentence before a same-speaker true boundary, moved onto it",
             lambda c: oracle_shift(c, probs[c.name], 1, only=-1, same_speaker=True))
        line(convs, "oracle: chosen boundaries 1 sentence early moved onto the truth",
             lambda c: oracle_shift(c, probs[c.name], 1, only=-1))
        line(convs, "oracle: chosen boundaries within 3 sentences moved onto the truth",
             lambda c: oracle_shift(c, probs[c.name], 3))
    if "selection" in parts:
        for a in (0.5, 4.0):
            line(convs, f"p^{a}", lambda c, a=a: shipped(c, probs[c.name] ** a))
        for w in (1, 2, 4):
            line(convs, f"smoothed, sd {w} sentences", lambda c, w=w: shipped(c, smooth(probs[c.name], w)))
        for frac in (0.25, 0.5, 0.75):
            line(convs, f"non-maximum suppression, radius {frac} chapter",
                 lambda c, f=frac: suppressed(c, probs[c.name], f))
        for weight in (0.005, 0.02, 0.1):
            line(convs, f"length prior, weight {weight}",
                 lambda c, w=weight: with_prior(c, probs[c.name], w, *prior[c.name]))


if __name__ == "__main__":
    main()
