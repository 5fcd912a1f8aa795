"""Which windows of the pause path to trust, and which stretches to hear again (pure; issue 14).

The pause path (:mod:`audiokit.align.at_pauses`) cuts the episode into one window per sentence
without listening to it, then force-aligns each sentence in its window. Where the transcript
matches the audio, a window holds exactly its sentence's speech, and its forced words cover all
of it. Where it does not (a sentence spoken but left out of the transcript, a long stretch of
unwritten speech, a sentence written but never spoken, a cut put in a pause inside a sentence),
the cuts around it shift and one of two things shows in the windows near it:

- the forced pass cannot place the sentence in its window at all; or
- speech in the window is left without any word over it (:func:`pauses.uncovered_speech`):
  the forced pass stretches words over speech nobody wrote only as far as the words' models
  allow, and passes over the rest as silence or a filler.

A window where either shows is *doubtful*, and so are both cuts around it: a cut is only
trusted between two windows that check out. :func:`stretches` therefore widens each run of
doubtful windows by ``margin`` windows on both sides, so every stretch begins and ends at a
cut with a trusted window on each side, and only those stretches are aligned again by the
anchored path, which listens to the audio. A cut between two windows that both check out is
not re-examined: that is what the check trusts.

>>> is_doubtful(placed=True, uncovered=0.1), is_doubtful(placed=True, uncovered=0.9)
(False, True)
>>> stretches([3, 4, 9], 12)
[(2, 5), (8, 10)]
"""

from __future__ import annotations

from collections.abc import Sequence

# Seconds of a window's speech its forced words may leave uncovered: about one short word (four
# phones at the 80 ms per phone these sets are spoken at). Windows that match their sentence
# leave 0.01 s at the median, 0.15-0.19 s at the 99th percentile, and on seed-full none between
# 0.25 and 0.72 s (scripts/measure_pause_check.py). Windows holding a left-out sentence left
# 0.52 s or more in the tuning variants (scripts/edited_set.py, seeds 1-2), but 0.39 s once in
# the variants of seed 4 (that sentence's successor began 1 s early at 0.4 s, the first value).
UNCOVERED = 0.3


def is_doubtful(placed: bool, uncovered: float, limit: float = UNCOVERED) -> bool:
    """Whether a window's placement is in doubt: its sentence could not be placed there, or
    its words leave more than ``limit`` seconds of its speech uncovered."""
    return not placed or uncovered > limit


def stretches(doubtful: Sequence[int], n: int, margin: int = 1) -> list[tuple[int, int]]:
    """Runs of windows (first, last; inclusive) to align again: each doubtful window with
    ``margin`` windows either side (within ``0..n-1``), overlapping or touching runs merged.

    >>> stretches([0], 5), stretches([2, 4], 5), stretches([], 5)
    ([(0, 1)], [(1, 4)], [])
    """
    out: list[tuple[int, int]] = []
    for i in sorted(set(doubtful)):
        a, b = max(0, i - margin), min(n - 1, i + margin)
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def share(runs: Sequence[tuple[int, int]], bounds: Sequence[float]) -> float:
    """Share of the episode's time (``bounds``: the windows' edges, first to last) that the
    runs of windows cover.

    >>> share([(1, 1)], [0.0, 1.0, 3.0, 4.0])
    0.5
    """
    total = bounds[-1] - bounds[0]
    return sum(bounds[b + 1] - bounds[a] for a, b in runs) / total if total > 0 else 0.0
