"""Riding the level within a speaker (pure): passages that sit clearly above or below their
speaker's own level are moved back towards it, as a producer rides the fader when a guest leans
away from the microphone or a host turns to a second mic.

A passage is a run of whole sentences of one turn, at least :data:`PASSAGE` seconds long and cut
only where two sentences are apart by a pause of :data:`MIN_PAUSE` or more, so a gain change
never falls on a word (:func:`passages`). Each passage is measured over the 400 ms blocks wholly
within it, gated as BS.1770 gates a programme (:func:`~.gating.speaker_loudness`), and compared
with the median of its speaker's passages. One more than :data:`DEADBAND` LU from it is moved
back to it, by at most :data:`RIDE_MAX` dB (:func:`corrections`), as a producer matches a passage
to the rest. Within the deadband nothing moves: the ordinary rise and fall of a voice is its expression, not a fault,
and a passage is never squeezed within itself (no compression). The speaker's gain to the target
is then measured on the ridden speech (:func:`ridden_blocks`).

>>> corrections([-26.0, -20.0, -20.0, -17.0, -20.5, None], ["Ann"] * 6)
[6.0, 0.0, 0.0, -3.0, 0.0, 0.0]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np

from audiokit.loudness.gating import BLOCK

__all__ = ["DEADBAND", "MIN_PASSAGE_BLOCKS", "MIN_PAUSE", "PASSAGE", "RIDE_MAX", "corrections", "offsets",
           "passages", "ridden_blocks"]

PASSAGE = 5.0  # seconds: shorter runs are no steady measure of how loud a stretch of talk is
MIN_PAUSE = 0.1  # seconds between two sentences for a gain change to fit between them
DEADBAND = 1.5  # LU a passage may sit from its speaker's level untouched
RIDE_MAX = 9.0  # dB a passage is moved at most, beyond its speaker's own gain
MIN_PASSAGE_BLOCKS = 20  # 2 s of 400 ms blocks wholly within a passage to measure it


def passages(turns: Sequence[tuple[str, Sequence[tuple[float, float]]]]) -> list[tuple[str, float, float]]:
    """``(speaker, start, end)`` passages from ``turns``, each ``(speaker, sentence spans)`` with
    the spans (seconds) in spoken order. A turn is cut after a sentence once the passage so far
    lasts :data:`PASSAGE` seconds and the next sentence starts :data:`MIN_PAUSE` or more later;
    a turn too short for that is one passage.

    >>> passages([("Ann", [(0.0, 3.0), (3.2, 6.0), (6.3, 9.0), (9.0, 10.0)]), ("Bo", [(10.5, 12.0)])])
    [('Ann', 0.0, 6.0), ('Ann', 6.3, 10.0), ('Bo', 10.5, 12.0)]
    """
    out: list[tuple[str, float, float]] = []
    for speaker, spans in turns:
        if not spans:
            continue
        start, end = spans[0]
        for next_start, next_end in spans[1:]:
            if end - start >= PASSAGE and next_start - end >= MIN_PAUSE:
                out.append((speaker, start, end))
                start = next_start
            end = max(end, next_end)
        out.append((speaker, start, end))
    return out


def corrections(levels: Sequence[float | None], speakers: Sequence[str]) -> list[float]:
    """The gain (dB) each passage gets beyond its speaker's own: ``levels[k]`` is passage ``k``'s
    loudness (LUFS; ``None`` when too short to measure) and ``speakers[k]`` its speaker. The
    speaker's level here is the median of their measured passages, so a few quiet passages do
    not pull it down. A passage within :data:`DEADBAND` of it gets 0.

    >>> corrections([-28.0, -20.0, -20.5, -14.0], ["Ann", "Ann", "Ann", "Bo"])
    [7.5, 0.0, 0.0, 0.0]
    >>> corrections([-40.0, -20.0, -20.0], ["Ann"] * 3)   # at most RIDE_MAX
    [9.0, 0.0, 0.0]
    """
    out = []
    for off in offsets(levels, speakers):
        out.append(round(max(-RIDE_MAX, min(RIDE_MAX, -off)), 2) if off is not None and abs(off) > DEADBAND else 0.0)
    return out


def offsets(levels: Sequence[float | None], speakers: Sequence[str]) -> list[float | None]:
    """How far (LU) each passage sits from its speaker's usual level, the median of their
    measured passages: ``levels[k]`` is passage ``k``'s loudness (LUFS; ``None`` when too short
    to measure, and so is its offset) and ``speakers[k]`` its speaker.

    >>> offsets([-26.0, -20.0, None, -19.0], ["Ann", "Ann", "Ann", "Ann"])
    [-6.0, 0.0, None, 1.0]
    """
    measured: dict[str, list[float]] = {}
    for level, speaker in zip(levels, speakers, strict=True):
        if level is not None:
            measured.setdefault(speaker, []).append(level)
    own = {speaker: float(np.median(values)) for speaker, values in measured.items()}
    return [None if level is None else level - own[speaker] for level, speaker in zip(levels, speakers)]


def ridden_blocks(ends: Sequence[float], blocks: Sequence[float], stretches: Sequence[tuple[str, float, float]],
                  moves: Sequence[float]) -> list[float]:
    """``blocks`` (the loudness of the 400 ms ending at ``ends[k]``) as they will be once each
    passage of ``stretches`` is moved by its ``moves`` (dB): what a speaker's level is measured
    from after riding, so that their gain brings the ridden speech, not the recorded, to the target.

    >>> ridden_blocks([0.4, 0.5, 1.0], [-20.0, -20.0, -20.0], [("Ann", 0.0, 0.45)], [3.0])
    [-17.0, -20.0, -20.0]
    """
    out = list(blocks)
    order = sorted(range(len(stretches)), key=lambda k: stretches[k][1])
    starts = [stretches[k][1] for k in order]
    for i, end in enumerate(ends):
        start = end - BLOCK
        p = bisect.bisect_right(starts, start + 1e-9)
        for k in reversed(order[max(0, p - 3):p]):  # the latest starts: turns rarely overlap more
            if end <= stretches[k][2] + 1e-9:
                out[i] = blocks[i] + moves[k]
                break
    return out
