"""The global choice of chapter starts from per-gap boundary probabilities: dynamic programming
over sentence positions for the set of boundaries with the highest total reward that keeps every
chapter at least ``min_length`` seconds long, instead of taking the best gaps one at a time.

With a count, the reward of a gap is its probability (the expected number of true boundaries
chosen). Without one, it is the log-odds above the model's threshold, and the count is the one
whose best set earns most, within podcast bounds: at most one chapter per minute, at least one
per 10 minutes of talk when some gap is a likely topic change.

>>> p = np.array([0, 0.1, 0.9, 0.2, 0.8, 0.1])
>>> choose(p, [0, 10, 20, 30, 40, 50], 60.0, 3, 5.0)
[0, 2, 4]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

MAX_PER_MINUTE = 1.0
MIN_PER_TEN_MINUTES = 1.0


def best_sets(reward: np.ndarray, times: np.ndarray, end: float, most: int,
              min_length: float) -> tuple[np.ndarray, list[list[int]]]:
    """For every number ``m`` of boundaries from 0 to ``most``: the highest total ``reward`` of
    ``m`` gaps (indices >= 1, ascending ``times``) at least ``min_length`` apart, from 0 and from
    ``end``, and the gaps themselves. Totals are ``-inf`` where ``m`` gaps cannot fit.

    >>> totals, sets = best_sets(np.array([0, 1.0, 5.0, 1.0]), np.array([0, 2.0, 3.0, 4.0]), 6.0, 2, 2.0)
    >>> totals.tolist(), sets
    ([0.0, 5.0, 2.0], [[], [2], [1, 3]])
    """
    n = len(reward)
    totals = np.full(most + 1, -np.inf)
    totals[0] = 0.0
    sets: list[list[int]] = [[] for _ in range(most + 1)]
    if n < 2 or most < 1:
        return totals, sets
    ok = (times >= min_length) & (times <= end - min_length)
    ok[0] = False
    # prev[i]: the last gap j < i with times[j] <= times[i] - min_length (-1: none).
    prev = np.minimum(np.searchsorted(times, times - min_length, side="right") - 1, np.arange(n) - 1)
    score = np.where(ok, reward, -np.inf)
    back = np.zeros((most + 1, n), dtype=np.int32)
    for m in range(1, most + 1):
        if m > 1:
            # Best total of m-1 boundaries ending at or before each gap, and where it ends.
            run = np.maximum.accumulate(score)
            better = np.r_[True, score[1:] > run[:-1]]
            idx = np.where(better, np.arange(n), 0)
            arg = np.maximum.accumulate(idx)
            reach = np.where(prev >= 0, run[np.clip(prev, 0, None)], -np.inf)
            back[m] = np.where(prev >= 0, arg[np.clip(prev, 0, None)], -1)
            score = np.where(ok, reward + reach, -np.inf)
        best = int(np.argmax(score))
        if not np.isfinite(score[best]):
            break
        totals[m] = float(score[best])
        chosen, i = [best], best
        for k in range(m, 1, -1):
            i = int(back[k][i])
            chosen.append(i)
        sets[m] = sorted(chosen)
    return totals, sets


def choose(probability: np.ndarray, starts: Sequence[float], end: float, count: int,
           min_length: float) -> list[int]:
    """Exactly ``count`` chapter-start sentence indices (0 first) maximising the summed boundary
    probability with every chapter at least ``min_length`` seconds long; when that cannot fit,
    the spacing is halved until it does."""
    n = len(starts)
    if not 1 <= count <= n:
        raise ValueError(f"cannot make {count} chapters from {n} sentences")
    times = np.asarray(starts, dtype=float)
    reward = np.asarray(probability, dtype=float) + 1e-6  # ties: any boundary beats none
    spacing = min_length
    while True:
        totals, sets = best_sets(reward, times, end, count - 1, spacing)
        if np.isfinite(totals[count - 1]):
            return [0, *sets[count - 1]]
        if spacing <= 1e-3:
            break
        spacing /= 2
    # Identical start times (untimed stretches): fall back to the most probable gaps.
    order = [int(i) for i in np.argsort(-reward[1:], kind="stable") + 1]
    return sorted([0, *order[: count - 1]])


def automatic(probability: np.ndarray, starts: Sequence[float], end: float, min_length: float,
              threshold: float) -> list[int]:
    """Chapter starts (0 first) where the content asks for them: the set of boundaries, each
    likelier than ``threshold``, with the highest summed log-odds above it, within at most one
    chapter per minute and at least one per 10 minutes of talk when a gap is likelier than the
    threshold.

    >>> p = np.array([0, 0.02, 0.9, 0.03, 0.8, 0.01])
    >>> automatic(p, [0, 40, 80, 120, 160, 200], 240.0, 30.0, 0.3)
    [0, 2, 4]
    """
    n = len(starts)
    if n == 0:
        return []
    talk = max(0.0, end - float(starts[0]))
    high = max(0, min(n - 1, math.floor(talk / 60.0 * MAX_PER_MINUTE) - 1))
    p = np.clip(np.asarray(probability, dtype=float), 1e-9, 1 - 1e-9)
    reward = np.log(p / (1 - p)) - math.log(threshold / (1 - threshold))
    times = np.asarray(starts, dtype=float)
    totals, sets = best_sets(reward, times, end, high, min_length)
    low = 0
    if n > 1 and float(p[1:].max()) > threshold:
        low = min(high, max(0, math.floor(talk / 600.0 * MIN_PER_TEN_MINUTES) - 1))
    feasible = [m for m in range(low, high + 1) if np.isfinite(totals[m])] or [0]
    m = max(feasible, key=lambda k: totals[k])
    return [0, *sets[m]]
