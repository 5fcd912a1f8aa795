"""Times to frame indices on a fixed grid (pure), shared by the aligner's energy frames and the
clips' pitch and loudness frames."""

from __future__ import annotations

import math

__all__ = ["ON_GRID", "frame_range"]

ON_GRID = 1e-6  # of a frame: far above float error in times of any episode, far below a sample


def frame_range(start: float, end: float, frames: int, hop: float) -> tuple[int, int]:
    """The frames ``a .. b - 1`` (of ``frames``, ``hop`` seconds apart) that cover ``start`` to
    ``end`` seconds. A time on the frame grid counts as the frame it names: ``0.29 / 0.01`` is
    28.999999999999996, and truncating it read frame 28 too, for about one grid time in eleven
    (and ``ceil`` of ``0.07 / 0.01``, 7.000000000000001, one in forty-four read frame 7 too).

    >>> frame_range(0.29, 0.30, 100, 0.01), frame_range(0.0, 0.07, 100, 0.01), frame_range(0.005, 0.015, 100, 0.01)
    ((29, 30), (0, 7), (0, 2))
    """
    a = max(0, math.floor(start / hop + ON_GRID))
    b = min(frames, math.ceil(end / hop - ON_GRID))
    return a, b
