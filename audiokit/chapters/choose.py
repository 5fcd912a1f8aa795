"""The global choice of chapter starts from per-gap boundary probabilities: dynamic programming
over sentence positions for the set of boundaries with the highest total reward that keeps every
chapter at least ``min_length`` seconds long (in a short episode, an opening chapter half that),
instead of taking the best gaps one at a time.

With a count, the reward of a gap is its probability (the expected number of true boundaries
chosen). Without one, it is the gap's log-odds above a calibrated bias (:func:`count_reward`; the
bias moves with the episode's length and lexical depth:
:meth:`~audiokit.chapters.boundary_model.BoundaryModel.count_bias`), and the chapters are the set
that earns most, within podcast bounds: at most one chapter per minute, at least one per 10
minutes of talk when some gap is a likely topic change.

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
# In an episode of under SHORT_EPISODE seconds of talk, the opening chapter (a welcome) may be
# OPENING_SHARE of ``min_length``: there 30 s is a large share of the talk. (Creators' first chapters
# are often short in long episodes too: 29% of them under 30 s in podcasts-dev, against 4% of the
# others; but allowed there, the one long English reference, seed-full, loses its Pk target.)
OPENING_SHARE = 0.5
SHORT_EPISODE = 600.0


def opening_length(min_length: float, talk: float) -> float:
    """The shortest opening chapter for ``talk`` seconds of talk.

    >>> opening_length(30.0, 200.0), opening_length(30.0, 1500.0)
    (15.0, 30.0)
    """
    return min_length * OPENING_SHARE if talk < SHORT_EPISODE else min_length


def best_sets(reward: np.ndarray, times: np.ndarray, end: float, most: int,
              min_length: float, opening: float | None = None) -> tuple[np.ndarray, list[list[int]]]:
    """For every number ``m`` of boundaries from 0 to ``most``: the highest total ``reward`` of
    ``m`` gaps (indices >= 1, ascending ``times``) at least ``min_length`` apart and from ``end``
    (from 0: ``opening``, by default ``min_length``), and the gaps themselves. Totals are ``-inf``
    where ``m`` gaps cannot fit.

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
    ok = (times >= (min_length if opening is None else opening)) & (times <= end - min_length)
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


def fitting(starts: Sequence[float] | np.ndarray, end: float, count: int, min_length: float) -> int:
    """The most chapters, up to ``count``, that fit with every chapter at least ``min_length``
    seconds long (the opening one at least :func:`opening_length`) when chapters start at
    sentence ``starts`` and the last ends at ``end``: what a producer asking for ``count`` gets,
    rather than chapters squeezed shorter than they asked for.

    >>> fitting([0, 10, 20, 30, 40, 50], 60.0, 5, 20.0), fitting([0, 5, 12, 20], 31.0, 3, 30.0)
    (3, 1)
    """
    times = np.asarray(starts, dtype=float)
    if count <= 1 or len(times) < 2:
        return min(count, 1)
    totals, _ = best_sets(np.ones(len(times)), times, end, count - 1, min_length,
                          opening_length(min_length, end - float(times[0])))
    return 1 + max(m for m in range(count) if np.isfinite(totals[m]))


def choose(probability: np.ndarray, starts: Sequence[float] | np.ndarray, end: float, count: int,
           min_length: float) -> list[int]:
    """Exactly ``count`` chapter-start sentence indices (0 first) maximising the summed boundary
    probability with every chapter at least ``min_length`` seconds long (the opening one at least
    :func:`opening_length`); when that cannot fit,
    the spacing is halved until it does (the scripts that score against a true count want
    exactly that many; ``audiokit chapters --count`` first caps the count with :func:`fitting`)."""
    n = len(starts)
    if not 1 <= count <= n:
        raise ValueError(f"cannot make {count} chapters from {n} sentences")
    times = np.asarray(starts, dtype=float)
    reward = np.asarray(probability, dtype=float) + 1e-6  # ties: any boundary beats none
    spacing = min_length
    talk = end - float(times[0])
    while True:
        totals, sets = best_sets(reward, times, end, count - 1, spacing, opening_length(spacing, talk))
        if np.isfinite(totals[count - 1]):
            return [0, *sets[count - 1]]
        if spacing <= 1e-3:
            break
        spacing /= 2
    # Identical start times (untimed stretches): fall back to the most probable gaps.
    order = [int(i) for i in np.argsort(-reward[1:], kind="stable") + 1]
    return sorted([0, *order[: count - 1]])


def best_free(reward: np.ndarray, times: np.ndarray, end: float, min_length: float,
              opening: float | None = None) -> list[int]:
    """The gaps (indices >= 1, ascending ``times``) with the highest total ``reward``, any number
    of them, at least ``min_length`` apart and from ``end`` (from 0: ``opening``, by default
    ``min_length``): one pass, as the count is free.

    >>> best_free(np.array([0, 1.0, 5.0, 1.0, -1.0]), np.array([0, 2.0, 3.0, 4.0, 5.0]), 7.0, 2.0)
    [2]
    """
    n = len(reward)
    if n < 2:
        return []
    ok = (times >= (min_length if opening is None else opening)) & (times <= end - min_length)
    prev = np.minimum(np.searchsorted(times, times - min_length, side="right") - 1, np.arange(n) - 1).tolist()
    r = reward.tolist()
    total = [-math.inf] * n
    back = [-1] * n
    run_value, run_arg, reached = 0.0, -1, 0  # best total ending at or before gap `reached`
    for i in range(1, n):
        while reached < prev[i]:
            reached += 1
            if total[reached] > run_value:
                run_value, run_arg = total[reached], reached
        if ok[i]:
            total[i] = r[i] + run_value
            back[i] = run_arg
    best = max(range(n), key=total.__getitem__)
    chosen = []
    while best >= 1 and total[best] > 0:
        chosen.append(best)
        best = back[best]
    return sorted(chosen)


def count_reward(probability: np.ndarray, bias: float) -> np.ndarray:
    """Per-gap reward for the automatic count: the boundary log-odds minus ``bias``, which is
    calibrated with the model (on its training folds) for the best Pk with the count left free.

    >>> count_reward(np.array([0.5, 0.9]), 1.0).round(2).tolist()
    [-1.0, 1.2]
    """
    p = np.clip(np.asarray(probability, dtype=float), 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p)) - bias


def automatic(probability: np.ndarray, starts: Sequence[float] | np.ndarray, end: float, min_length: float,
              bias: float) -> list[int]:
    """Chapter starts (0 first) where the content asks for them: the set of boundaries, each
    with positive :func:`count_reward`, with the highest summed reward, within at most one
    chapter per minute and at least one per 10 minutes of talk when some gap earns a reward; in a
    short episode the opening chapter may be shorter (:func:`opening_length`).

    >>> p = np.array([0, 0.02, 0.9, 0.03, 0.8, 0.01])
    >>> automatic(p, [0, 40, 80, 120, 160, 200], 240.0, 30.0, 1.0)
    [0, 2, 4]
    """
    n = len(starts)
    if n == 0:
        return []
    talk = max(0.0, end - float(starts[0]))
    high = max(0, min(n - 1, math.floor(talk / 60.0 * MAX_PER_MINUTE) - 1))
    reward = count_reward(probability, bias)
    reward[0] = -math.inf
    times = np.asarray(starts, dtype=float)
    low = 0
    if n > 1 and float(reward[1:].max()) > 0:
        low = min(high, max(0, math.floor(talk / 600.0 * MIN_PER_TEN_MINUTES) - 1))
    opening = opening_length(min_length, talk)
    free = best_free(reward, times, end, min_length, opening)
    if low <= len(free) <= high:
        return [0, *free]
    totals, sets = best_sets(reward, times, end, high, min_length, opening)
    feasible = [m for m in range(low, high + 1) if np.isfinite(totals[m])] or [0]
    m = max(feasible, key=lambda k: totals[k])
    return [0, *sets[m]]
