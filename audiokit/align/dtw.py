"""Dynamic time warping between two frame sequences, multi-resolution and banded. Pure numpy.

``a`` is the episode (rows, one per frame), ``b`` the synthetic speech (columns). Every row of
the path holds exactly one column, and from one row to the next the column moves by 0, 1 or 2:
the episode may be up to twice as fast as the synthesis, and as slow as it likes (pauses). A
move by 2 also pays for the column it skips, so every synthetic frame is paid at least once and
squeezing the synthesis is never cheaper than matching it. With ``open_begin``/``open_end`` the
path may start and end at any row (intro and outro music, speech before or after the text);
each row left out then costs ``skip`` times what unrelated frames cost (:func:`chance_cost`), so
that speech is left out only when it matches the synthesis no better than chance.

The full matrix is never built: the path is found on sequences averaged down by 2, 4, 8, ...
until the coarsest has at most ``COARSE`` frames, where the whole matrix is cheap, and each
finer level searches only ``radius`` frames either side of the coarser path (FastDTW's scheme).
Memory is one byte per searched cell (backpointers) plus one block of costs.

>>> import numpy as np
>>> b = np.repeat(np.eye(4, dtype=np.float32), 5, axis=0)     # four "sounds", 5 frames each
>>> a = np.repeat(np.eye(4, dtype=np.float32), 10, axis=0)    # the same, twice as slow
>>> p = warp(a, b)
>>> p.first, len(p.cols), [int(x) for x in frame_map(p, [0, 5, 10, 15])]
(0, 40, [0, 10, 20, 30])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

COARSE = 1200  # frames of the longer sequence at the coarsest level
RADIUS = 12  # frames searched either side of the projected coarser path
SKIP = 1.0  # cost of a row left out at an open end, in units of chance_cost
# A column left out costs half a row: squeezing unspoken synthesis in costs about a row per
# column, while leaving out a spoken sentence also leaves its audio rows out (a row each).
COLUMN = 0.5
_BLOCK_CELLS = 250_000


@dataclass(frozen=True, eq=False)
class Path:
    """Rows ``first .. first + len(cols) - 1`` of ``a`` matched to columns ``cols`` of ``b``,
    and the frame distance of each matched cell."""

    first: int
    cols: np.ndarray
    costs: np.ndarray

    @property
    def last(self) -> int:
        """The last row of ``a`` on the path."""
        return self.first + len(self.cols) - 1


def warp(a: np.ndarray, b: np.ndarray, *, open_begin: bool = False, open_end: bool = False,
         first_cols: Sequence[int] | np.ndarray = (), last_cols: Sequence[int] | np.ndarray = (),
         radius: int = RADIUS,
         skip: float = SKIP) -> Path:
    """The cheapest path of ``a``'s frames through ``b``'s (see the module docstring). With an
    open end the path may also start at any of ``first_cols`` and end at any of ``last_cols``
    (say, sentence starts and ends: a preamble never spoken), each column left out costing
    ``COLUMN`` times what a row left out costs."""
    if len(a) == 0 or len(b) == 0:
        raise ValueError("cannot warp an empty sequence")
    per_row = skip * chance_cost(a, b) if open_begin or open_end else 0.0
    starts = np.unique(np.clip([0, *first_cols] if open_begin else [0], 0, len(b) - 1))
    stops = np.unique(np.clip([len(b) - 1, *last_cols] if open_end else [len(b) - 1], 0, len(b) - 1))
    ends = (open_begin, open_end, per_row, starts, stops)
    if max(len(a), len(b)) <= COARSE or min(len(a), len(b)) < 4 * radius:
        lo = np.zeros(len(a), np.int64)
        return _banded(a, b, lo, np.full(len(a), len(b), np.int64), 0, ends)
    coarse = warp(_halve(a), _halve(b), open_begin=open_begin, open_end=open_end, first_cols=starts // 2,
                  last_cols=stops // 2, radius=radius, skip=skip)
    lo, hi, first = _corridor(coarse, len(a), len(b), radius)
    return _banded(a, b, lo, hi, first, ends)


def frame_map(path: Path, columns: Sequence[int] | np.ndarray) -> np.ndarray:
    """For each column of ``b``, the first row of ``a`` whose path column reaches it."""
    k = np.searchsorted(path.cols, np.asarray(columns), side="left")
    return path.first + np.minimum(k, len(path.cols) - 1)


def _halve(x: np.ndarray) -> np.ndarray:
    n = len(x) // 2 * 2
    if n == 0:
        return x
    return ((x[0:n:2] + x[1:n:2]) * 0.5).astype(x.dtype)


def _corridor(coarse: Path, n: int, m: int, radius: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Column windows for the rows of the finer level, around the coarser path."""
    first = max(0, 2 * coarse.first - radius)
    last = min(n - 1, 2 * coarse.last + 1 + radius)
    rows = np.arange(first, last + 1)
    q = np.clip(rows // 2 - coarse.first, 0, len(coarse.cols) - 1)
    cols = coarse.cols
    near_lo = np.minimum(cols[np.maximum(q - 1, 0)], cols[q])
    near_hi = np.maximum(cols[np.minimum(q + 1, len(cols) - 1)], cols[q])
    # A row's radius reaches both ways in time too: a window is widened by its neighbours'.
    lo = np.clip(2 * near_lo - radius, 0, m - 1)
    hi = np.clip(2 * near_hi + 2 + radius, 1, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # windows never move backwards
    hi = np.maximum.accumulate(hi)
    return lo.astype(np.int64), hi.astype(np.int64), int(first)


def _banded(a: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray, first: int,
            ends: tuple[bool, bool, float, np.ndarray, np.ndarray]) -> Path:
    open_begin, open_end, per_row, starts, stops = ends
    rows = len(lo)
    width = hi - lo
    offsets = np.concatenate([[0], np.cumsum(width)])
    back = np.empty(int(offsets[-1]), np.int8)
    inf = np.float32(np.inf)
    prev = np.zeros(0, np.float32)
    plo = 0
    end_row, end_col, end_cost = -1, len(b) - 1, np.inf
    # Which start and stop columns fall in each row's window, found for all rows at once.
    s_lo, s_hi = np.searchsorted(starts, lo), np.searchsorted(starts, hi)
    t_lo, t_hi = np.searchsorted(stops, lo), np.searchsorted(stops, hi)
    block_end = 0
    for r in range(rows):
        if r >= block_end:  # costs of the next block of rows, computed at once
            block_start = r
            block_end = int(np.searchsorted(offsets, offsets[r] + _BLOCK_CELLS, side="right"))
            block_end = max(block_end, r + 1)
            block_end = min(block_end, rows)
            cells = _cell_costs(a, b, lo, width, offsets, first, block_start, block_end)
        c = cells[offsets[r] - offsets[block_start]: offsets[r + 1] - offsets[block_start]]
        j0, j1 = int(lo[r]), int(hi[r])
        ext = np.full(j1 - j0 + 2, inf, np.float32)
        a0, a1 = max(plo, j0 - 2), min(plo + len(prev), j1)
        if a1 > a0:
            ext[a0 - j0 + 2: a1 - j0 + 2] = prev[a0 - plo: a1 - plo]
        # The cheapest of staying (step 0), moving by 1 and moving by 2 (which also pays for the
        # column it passes over); ties go to the shorter move.
        stay, one = ext[2:], ext[1:-1]
        two = np.empty_like(stay)
        two[0] = inf
        np.add(ext[1:-2], c[:-1], out=two[1:])
        moved = one < stay
        best = np.minimum(stay, one)
        jump = two < best
        cur = np.minimum(best, two) + c
        step = np.where(jump, np.int8(2), moved.astype(np.int8))
        if (r == 0 or open_begin) and s_hi[r] > s_lo[r]:
            for j in starts[s_lo[r]: s_hi[r]]:  # rows and columns left out before the start
                fresh = c[j - j0] + per_row * (first + r + COLUMN * j)
                if fresh <= cur[j - j0] or not np.isfinite(cur[j - j0]):
                    cur[j - j0], step[j - j0] = fresh, -1
        back[offsets[r]: offsets[r + 1]] = step
        if (open_end or r == rows - 1) and t_hi[r] > t_lo[r]:
            for j in stops[t_lo[r]: t_hi[r]]:  # rows and columns left out after the end
                total = float(cur[j - j0]) + per_row * (len(a) - 1 - first - r + COLUMN * (len(b) - 1 - j))
                if np.isfinite(total) and (total < end_cost or not open_end and j == len(b) - 1):
                    end_row, end_col, end_cost = r, int(j), total
        prev, plo = cur, j0
    if end_row < 0:
        raise ValueError("no path through the corridor")
    path_cols = np.empty(end_row + 1, np.int64)
    j = end_col
    r = end_row
    while True:
        path_cols[r] = j
        s = int(back[offsets[r] + j - lo[r]])
        if s < 0:
            break
        j -= s
        r -= 1
    start = r
    cols = path_cols[start:end_row + 1]
    row_ids = np.arange(first + start, first + end_row + 1)
    costs = np.sqrt(((a[row_ids] - b[cols]) ** 2).sum(axis=1)).astype(np.float32)
    return Path(first + start, cols, costs)


def _cell_costs(a: np.ndarray, b: np.ndarray, lo: np.ndarray, width: np.ndarray, offsets: np.ndarray,
                first: int, r0: int, r1: int) -> np.ndarray:
    """Euclidean distances of every searched cell of rows ``r0 .. r1 - 1``."""
    n = int(offsets[r1] - offsets[r0])
    row_of = np.repeat(np.arange(r0, r1), width[r0:r1])
    col = lo[row_of] + (np.arange(n) - (offsets[row_of] - offsets[r0]))
    d = a[row_of + first] - b[col]
    return np.sqrt((d * d).sum(axis=1)).astype(np.float32)


def chance_cost(a: np.ndarray, b: np.ndarray, pairs: int = 4000, seed: int = 0) -> float:
    """Median distance between random frames of ``a`` and ``b``: what unrelated frames cost.

    >>> x = np.random.default_rng(1).normal(size=(500, 12)).astype(np.float32)
    >>> 4.0 < chance_cost(x, x) < 6.0
    True
    """
    rng = np.random.default_rng(seed)
    i = rng.integers(0, len(a), pairs)
    j = rng.integers(0, len(b), pairs)
    return float(np.median(np.sqrt(((a[i] - b[j]) ** 2).sum(axis=1))))
