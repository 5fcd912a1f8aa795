"""Loudness over any part of a programme, from its 400 ms blocks (pure).

ITU-R BS.1770-4 measures a programme's integrated loudness from overlapping 400 ms blocks (a new
one every 100 ms), each block's loudness ``-0.691 + 10 log10(z)`` for its mean square ``z`` of the
K-weighted signal summed over channels. Two gates leave out what is not programme: blocks below
-70 LUFS (silence), then blocks more than 10 LU below the mean of those left. The integrated
loudness is the loudness of the mean ``z`` of the blocks that pass both gates.

The same gating over a subset of the blocks measures a part of the episode: here, the blocks
that lie wholly within one speaker's turns (:func:`speaker_loudness`). So a speaker's loudness
is measured the way the episode's is, and the two compare directly: a guest 4 LU under the
episode is what a listener rides the volume for.

>>> round(integrated([-23.0] * 10 + [-90.0] * 5), 2)
-23.0
>>> round(integrated([-20.0, -20.0, -40.0]), 2)   # -40 is more than 10 LU below the rest: gated out
-20.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["ABSOLUTE_GATE", "BLOCK", "MIN_BLOCKS", "RELATIVE_GATE", "STEP", "integrated", "speaker_loudness"]

ABSOLUTE_GATE = -70.0  # LUFS
RELATIVE_GATE = -10.0  # LU below the absolutely gated mean
BLOCK, STEP = 0.4, 0.1  # seconds: a block's length and the step between block starts
MIN_BLOCKS = 30  # 3 s of blocks: less than that is no measure of a speaker's level
_OFFSET = -0.691


def _energy(loudness: float) -> float:
    return 10 ** ((loudness - _OFFSET) / 10)


def _loudness(energy: float) -> float:
    return _OFFSET + 10 * math.log10(energy)


def integrated(blocks: Sequence[float]) -> float | None:
    """The gated loudness (LUFS) of ``blocks`` (each block's loudness, LUFS), or ``None`` when
    no block passes the absolute gate.

    >>> integrated([-80.0, -75.0]) is None
    True
    >>> round(integrated([-20.0, -30.0]), 2)   # both within 10 LU of their mean energy
    -22.6
    """
    loud = [_energy(b) for b in blocks if b > ABSOLUTE_GATE]
    if not loud:
        return None
    threshold = _loudness(sum(loud) / len(loud)) + RELATIVE_GATE
    kept = [e for e in loud if _loudness(e) > threshold]
    return _loudness(sum(kept) / len(kept)) if kept else None


def speaker_loudness(ends: Sequence[float], blocks: Sequence[float],
                     turns: Sequence[tuple[str, float, float]], min_blocks: int = MIN_BLOCKS) -> dict[str, float | None]:
    """Each speaker's gated loudness (LUFS) over the blocks (``blocks[k]`` the loudness of the
    400 ms ending at ``ends[k]`` seconds) that lie wholly within that speaker's ``turns``
    (``(speaker, start, end)``) and touch no other speaker's; ``None`` for a speaker with fewer
    than ``min_blocks`` such blocks. Any key works as the speaker: one per passage measures
    each passage alone.

    >>> ends = [0.4 + 0.1 * k for k in range(80)]
    >>> blocks = [-20.0 if e <= 4.0 else -26.0 for e in ends]
    >>> levels = speaker_loudness(ends, blocks, [("Ann", 0.0, 4.0), ("Bo", 4.0, 8.3)])
    >>> {name: round(level, 1) for name, level in levels.items()}
    {'Ann': -20.0, 'Bo': -26.0}
    """
    spans = sorted((start, end, speaker) for speaker, start, end in turns)
    chosen: dict[str, list[float]] = {speaker: [] for speaker, _, _ in turns}
    j = 0
    for end, loudness in zip(ends, blocks):
        start = end - BLOCK
        while j < len(spans) and spans[j][1] <= start:
            j += 1  # a turn over before this block is over before every later one
        near = []
        for a, b, speaker in spans[j:]:
            if a >= end:
                break
            if b > start:
                near.append((a, b, speaker))
        touching = {speaker for _, _, speaker in near}
        inside = [speaker for a, b, speaker in near if a <= start + 1e-9 and end <= b + 1e-9]
        if len(touching) == 1 and inside:
            chosen[inside[0]].append(loudness)
    return {speaker: integrated(levels) if len(levels) >= min_blocks else None for speaker, levels in chosen.items()}
