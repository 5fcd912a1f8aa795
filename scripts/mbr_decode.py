"""Experiment (issue 11; measured by scripts/chapters_mbr.py, not shipped): minimum-Bayes-risk
choice of chapter starts for Pk and WindowDiff: treat the boundary model's per-gap
probabilities as a distribution over the true segmentation and pick the ``count`` chapters
whose *expected* Pk (or WindowDiff) is lowest, instead of the set with the highest summed
probability (:func:`audiokit.chapters.choose.choose`).

Pk compares windows of ``k`` sentences (``k`` half the mean chapter, as the scorers set it): a
window costs when one segmentation has a boundary inside it and the other not. So a chosen
boundary earns, for every window it is the first to cover, ``1 - 2 P0`` where ``P0`` is the
chance that the truth has no boundary there; a near miss still covers most of the right windows.
``P0`` comes from the probabilities' odds, raised to a ``temperature`` power (the model is trained
with boundaries and other gaps weighed equally, so its odds are not calibrated), either

- ``"exact"``: conditioned on exactly ``count - 1`` true boundaries (a conditional Bernoulli
  model: the chance of a set is proportional to the product of its odds), or
- ``"independent"``: every gap on its own, the odds scaled so the expected count is right.

The choice is a dynamic program over the last chosen gap (a window's cover depends only on the
boundaries within ``k`` of it), with the chapter-length rules of :mod:`~audiokit.chapters.choose`.

>>> p = np.array([0, 0.1, 0.9, 0.2, 0.8, 0.1, 0.05, 0.1])
>>> choose_mbr(p, [0, 10, 20, 30, 40, 50, 60, 70], 80.0, 3, 5.0)
[0, 2, 4]
>>> choose_mbr(p, [0, 10, 20, 30, 40, 50, 60, 70], 80.0, 3, 5.0, model="exact")
[0, 2, 4]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from audiokit.chapters.choose import choose, opening_length


def window(n: int, count: int) -> int:
    """Pk's window in sentences for ``n`` sentences in ``count`` chapters, as the scorers set it
    (half the mean chapter, at least 2).

    >>> window(245, 14), window(10, 5)
    (9, 2)
    """
    return max(2, round(n / count / 2))


def odds(probability: np.ndarray, temperature: float) -> np.ndarray:
    """Per-gap odds ``(p / (1 - p)) ** temperature`` of gaps 1.. (gap 0, the first sentence, is
    not a gap), scaled to a geometric mean of 1 (their scale cancels when the count is known).

    >>> odds(np.array([0, 0.5, 0.8, 0.2]), 1.0).round(3).tolist()
    [1.0, 4.0, 0.25]
    """
    p = np.clip(np.asarray(probability[1:], dtype=float), 1e-9, 1 - 1e-9)
    lo = temperature * np.log(p / (1 - p))
    return np.exp(lo - lo.mean())


def _symmetric(r: np.ndarray, most: int) -> tuple[np.ndarray, np.ndarray]:
    """Elementary symmetric polynomials e_0..e_most of every prefix r[:i] (i = 0..len(r)), each
    row scaled to a maximum of 1, with the natural log of its scale."""
    rows = np.zeros((len(r) + 1, most + 1))
    logs = np.zeros(len(r) + 1)
    rows[0, 0] = 1.0
    for i, x in enumerate(r.tolist()):
        row = rows[i].copy()
        row[1:] += x * rows[i, :-1]
        top = row.max()
        rows[i + 1] = row / top
        logs[i + 1] = logs[i] + np.log(top)
    return rows, logs


def chances(probability: np.ndarray, k: int, count: int, temperature: float = 1.0,
            model: str = "exact") -> np.ndarray:
    """For every Pk window ``w`` (sentences w..w+k, i.e. gaps w+1..w+k; ``n - k`` windows), the
    chance that the truth puts 0, 1 and 2 boundaries in it: an array of shape (n - k, 3).

    >>> c = chances(np.array([0, 0.5, 0.5, 0.5, 0.5]), 2, 2)
    >>> c.round(3).tolist()
    [[0.5, 0.5, 0.0], [0.5, 0.5, 0.0], [0.5, 0.5, 0.0]]
    """
    n = len(probability)
    r = odds(probability, temperature)
    windows = n - k
    if windows <= 0:
        return np.zeros((0, 3))
    # Windowed e_0, e_1, e_2 of the odds inside each window (gaps w+1..w+k are r[w:w+k]).
    c1 = np.r_[0.0, np.cumsum(r)]
    c2 = np.r_[0.0, np.cumsum(r * r)]
    e1 = c1[k:k + windows] - c1[:windows]
    e2 = np.maximum(0.0, (e1 * e1 - (c2[k:k + windows] - c2[:windows])) / 2)
    m = count - 1
    if model == "independent":
        # Scale the odds so the expected number of boundaries is m: bisection on log scale.
        lo_, hi_ = -50.0, 50.0
        for _ in range(100):
            mid = (lo_ + hi_) / 2
            s = np.exp(mid) * r
            lo_, hi_ = (mid, hi_) if (s / (1 + s)).sum() < m else (lo_, mid)
        s = np.exp((lo_ + hi_) / 2)
        logq = np.r_[0.0, np.cumsum(np.log1p(s * r))]
        p0 = np.exp(-(logq[k:k + windows] - logq[:windows]))
        return np.column_stack([p0, p0 * s * e1, p0 * s * s * e2])
    if m <= 0:
        return np.column_stack([np.ones(windows), np.zeros(windows), np.zeros(windows)])
    front, front_log = _symmetric(r, m)
    back, back_log = _symmetric(r[::-1], m)
    total_log = front_log[-1] + np.log(front[-1, m])
    out = np.zeros((windows, 3))
    for w in range(windows):
        # Outside the window: gaps 1..w (r[:w]) and w+k+1.. (r[w+k:]).
        f, fl = front[w], front_log[w]
        b, bl = back[len(r) - w - k], back_log[len(r) - w - k]
        outside = np.convolve(f, b)[: m + 1]
        scale = np.exp(fl + bl - total_log)
        out[w, 0] = outside[m] * scale
        out[w, 1] = e1[w] * outside[m - 1] * scale
        if m >= 2:
            out[w, 2] = e2[w] * outside[m - 2] * scale
    return np.clip(out, 0.0, 1.0)


def length_prior(times: np.ndarray, end: float, count: int, mu: float, sigma: float,
                 weight: float = 1.0, opening: tuple[float, float] | None = None) -> np.ndarray:
    """Log prior (up to a constant) of a chapter from sentence ``a`` to sentence ``b`` (``b = n``:
    the end), shape (n, n + 1): ``weight`` times the log-normal log-density of its length over
    the mean chapter (``mu``, ``sigma`` of the log; ``opening``: the first chapter's own, whose
    constant cancels as every segmentation has one); ``-inf`` where ``b <= a`` or the length is 0.

    >>> lp = length_prior(np.array([0.0, 1.0, 2.0]), 4.0, 2, 0.0, 1.0)  # the mean chapter: 2 s
    >>> bool(lp[0, 2] > lp[0, 3]), bool(np.isneginf(lp[1, 0]))  # 2 s likelier than 4 s
    (True, True)
    """
    n = len(times)
    t = np.r_[np.asarray(times, dtype=float), end]
    unit = (end - t[0]) / count
    x = (t[None, :] - t[:n, None]) / unit
    b, a = np.arange(n + 1)[None, :], np.arange(n)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        lx = np.log(x)
        out = weight * (-((lx - mu) ** 2) / (2 * sigma**2) - lx)
        if opening is not None:
            out[0] = weight * (-((lx[0] - opening[0]) ** 2) / (2 * opening[1] ** 2) - lx[0])
    return np.where((b > a) & (x > 0), out, -np.inf)


def segment_chances(probability: np.ndarray, times: np.ndarray, end: float, k: int, count: int,
                    temperature: float, prior: np.ndarray) -> np.ndarray | None:
    """For every Pk window (as :func:`chances`), the chance that the truth has no boundary in it,
    under a semi-Markov posterior over segmentations into exactly ``count`` chapters: a
    segmentation's weight is the product of its boundaries' odds (:func:`odds`) and its chapters'
    length priors (``prior``, from :func:`length_prior`). Forward-backward over (boundaries so far,
    last boundary): O(count n^2). None when no segmentation has weight.

    >>> p = np.array([0, 0.5, 0.5, 0.5, 0.5])
    >>> flat = np.zeros((5, 6)); flat[np.tril_indices(5, 0, 6)] = -np.inf
    >>> segment_chances(p, np.arange(5.0), 5.0, 2, 2, 1.0, flat).round(3).tolist()
    [0.5, 0.5, 0.5]
    """
    n, m = len(probability), count - 1
    lr = np.r_[0.0, np.log(odds(probability, temperature))]
    r = np.exp(lr - lr.max())
    finite = prior[np.isfinite(prior)]
    if m < 1 or not len(finite):
        return None
    seg = np.exp(prior - finite.max())  # a constant factor per chapter: it cancels
    inner = seg[:, :n]
    fwd, fwd_log = np.zeros((m + 1, n)), np.zeros(m + 1)
    fwd[0, 0] = 1.0
    for t in range(1, m + 1):  # fwd[t, b]: t boundaries, the last at b
        v = (fwd[t - 1] @ inner) * r
        v[0] = 0.0
        if v.max() <= 0:
            return None
        fwd[t], fwd_log[t] = v / v.max(), fwd_log[t - 1] + np.log(v.max())
    bwd, bwd_log = np.zeros((m + 1, n)), np.zeros(m + 1)
    v = seg[:, n]
    bwd[0], bwd_log[0] = v / v.max(), np.log(v.max())
    for t in range(1, m + 1):  # bwd[t, a]: t more boundaries after a chapter starting at a
        v = inner @ (r * bwd[t - 1])
        if v.max() <= 0:
            return None
        bwd[t], bwd_log[t] = v / v.max(), bwd_log[t - 1] + np.log(v.max())
    log_z = fwd_log[m] + np.log((fwd[m] * seg[:, n]).sum())
    # spans[a, b]: the chance that some chapter runs from a to b (b = n: the last chapter).
    pair = np.zeros((n, n))
    for t in range(m):
        pair += np.outer(fwd[t] * np.exp(fwd_log[t] + bwd_log[m - 1 - t] - log_z), bwd[m - 1 - t])
    spans = np.zeros((n, n + 1))
    spans[:, :n] = inner * r[None, :] * pair
    spans[:, n] = fwd[m] * seg[:, n] * np.exp(fwd_log[m] - log_z)
    # No boundary in window w (gaps w+1..w+k): one chapter starts at or before w, ends after w+k.
    cover = np.cumsum(np.cumsum(spans, axis=0)[:, ::-1], axis=1)[:, ::-1]
    w = np.arange(n - k)
    return np.clip(cover[w, w + k + 1], 0.0, 1.0)


def gains(chance: np.ndarray, metric: str = "pk") -> tuple[np.ndarray, np.ndarray]:
    """Per window, the expected error saved by covering it with one chosen boundary (against
    none) and the further saving of each boundary beyond the first. Pk asks only whether a
    boundary is in the window (``1 - 2 P0``, nothing more for a second); WindowDiff asks how
    many (``P1 - P0``, then ``P2 - P1``, a loss when a second boundary is unlikely).

    >>> g1, g2 = gains(np.array([[0.2, 0.7, 0.1]]), "windowdiff")
    >>> g1.round(2).tolist(), g2.round(2).tolist()
    ([0.5], [-0.6])
    """
    if metric == "pk":
        return 1 - 2 * chance[:, 0], np.zeros(len(chance))
    return chance[:, 1] - chance[:, 0], chance[:, 2] - chance[:, 1]


def best_cover(gain1: np.ndarray, gain2: np.ndarray, k: int, times: np.ndarray, end: float, most: int,
               min_length: float, opening: float | None = None, extra: np.ndarray | None = None) -> list[int] | None:
    """Exactly ``most`` gaps (indices >= 1 into ascending ``times``, at least ``min_length``
    apart and from ``end``; from 0: ``opening``, by default ``min_length``) maximising the summed
    window gains: gap ``j`` covers windows max(0, j - k) .. min(j, W) - 1 (W = len(gain1)); a
    window covered by ``h`` chosen gaps earns ``gain1 + (h - 1) * gain2``; each chosen gap ``j``
    also earns ``extra[j]`` (default 0). None when they cannot fit.

    >>> best_cover(np.array([1.0, 1, -1, -1, 1, 1]), np.zeros(6), 2, np.arange(8.0), 9.0, 2, 1.0)
    [2, 6]
    """
    n, windows = len(times), len(gain1)
    if most == 0:
        return []
    g1 = np.r_[0.0, np.cumsum(gain1)]
    g2 = np.r_[0.0, np.cumsum(gain2)]
    j = np.arange(n)
    lo, hi = np.maximum(0, j - k), np.minimum(j, windows)
    ok = (times >= (min_length if opening is None else opening)) & (times <= end - min_length) & (j >= 1)
    prev = np.minimum(np.searchsorted(times, times - min_length, side="right") - 1, j - 1)
    bonus = np.zeros(n) if extra is None else np.asarray(extra, dtype=float)
    own = g1[hi] - g1[lo] + bonus  # every window the gap covers, when no earlier boundary covers any
    score = np.where(ok, own, -np.inf)
    backs = []
    for _ in range(most - 1):
        # A: the previous boundary j' <= lo_j covers none of j's windows: prefix maximum.
        run = np.maximum.accumulate(score)
        arg = np.maximum.accumulate(np.where(np.r_[True, score[1:] > run[:-1]], j, 0))
        top = np.minimum(prev, lo)
        best = np.where(top >= 0, run[np.maximum(top, 0)] + own, -np.inf)
        back = np.where(top >= 0, arg[np.maximum(top, 0)], -1)
        # B: lo_j < j' <= prev_j: the windows lo_j..hi_j' - 1 are covered twice.
        h = score - g1[hi] + g2[hi]
        for d in range(1, k + 1):
            src = j - d
            valid = (src > lo) & (src <= prev) & (src >= 1)
            cand = np.where(valid, h[np.maximum(src, 0)] + g1[hi] - g2[lo] + bonus, -np.inf)
            better = cand > best
            best = np.where(better, cand, best)
            back = np.where(better, src, back)
        score = np.where(ok, best, -np.inf)
        backs.append(back)
    if not np.isfinite(score.max()):
        return None
    i = int(np.argmax(score))
    chosen = [i]
    for back in reversed(backs):
        i = int(back[i])
        chosen.append(i)
    return sorted(chosen)


def choose_mbr(probability: np.ndarray, starts: Sequence[float], end: float, count: int, min_length: float,
               temperature: float = 1.0, model: str = "segments", metric: str = "pk",
               prior: tuple[float, float, float] = (0.0, 1.0, 1.0),
               opening: tuple[float, float] | None = None) -> list[int]:
    """Exactly ``count`` chapter-start sentence indices (0 first) with the lowest expected Pk (or
    ``metric="windowdiff"``, not with ``model="segments"``) under the boundary probabilities
    (``model``: ``"segments"``, :func:`segment_chances` with ``prior`` = (mu, sigma, weight) and
    ``opening`` of :func:`length_prior`; ``"exact"`` or ``"independent"``, :func:`chances`), chapters at least
    ``min_length`` seconds long (the opening one :func:`~audiokit.chapters.choose.opening_length`);
    when they cannot fit, the spacing is halved until they do; where there are too few windows
    or no segmentation has weight, :func:`~audiokit.chapters.choose.choose`."""
    n = len(starts)
    if not 1 <= count <= n:
        raise ValueError(f"cannot make {count} chapters from {n} sentences")
    k = window(n, count)
    if count == 1 or n <= k + 1:
        return choose(probability, starts, end, count, min_length)
    times = np.asarray(starts, dtype=float)
    p = np.asarray(probability, dtype=float)
    if model == "segments":
        empty = segment_chances(p, times, end, k, count, temperature, length_prior(times, end, count, *prior, opening))
        if empty is None:
            return choose(probability, starts, end, count, min_length)
        g1, g2 = 1 - 2 * empty, np.zeros(len(empty))
    else:
        g1, g2 = gains(chances(p, k, count, temperature, model), metric)
    tie = 1e-9 * p  # of two equally good sets, the one with more probability (as choose would)
    spacing, talk = min_length, end - float(times[0])
    while spacing > 1e-3:
        chosen = best_cover(g1, g2, k, times, end, count - 1, spacing, opening_length(spacing, talk), tie)
        if chosen is not None:
            return [0, *chosen]
        spacing /= 2
    return choose(probability, starts, end, count, min_length)
