"""Energy frames read between two times: the same frames wherever the times fall.

Frame k of :func:`audiokit.align.energy.frame_energy` covers ``k * HOP`` to ``(k + 1) * HOP``.
Times come from the recogniser and the forced aligner on that 10 ms grid (``0.29`` s), and a
float division puts such a time a hair under or over its frame number (``0.29 / 0.01`` is
28.999999999999996): truncating it read the frame before the range in about one time out of
eleven. And the smoothing that finds pauses and quiet points must see the frames around the
range as they are, so that what it finds does not depend on where a caller's range (a chunk,
a region, a stretch) happens to begin or end.
"""

from __future__ import annotations

import numpy as np
import pytest

from audiokit.align.energy import pauses, sounding_seconds
from audiokit.frames import frame_range

GRID = [round(k * 0.01, 2) for k in range(100_000)]


def test_frame_range_is_exact_on_the_grid():
    # Every grid time t is frame round(t / 0.01): for all 100,000 of 1000 s of them.
    for t in GRID:
        assert frame_range(t, t + 0.01, 10**7, 0.01) == (round(t * 100), round(t * 100) + 1)


@pytest.mark.parametrize("start", [0.29, 0.47, 0.57, 1234.58])
def test_sounding_seconds_counts_only_the_frames_of_its_range(start):
    db = np.full(200_000, -20.0, np.float32)
    # One loud frame, from start to start + 0.01: 10 ms of sound, not 20.
    assert sounding_seconds(db, -30.0, start, round(start + 0.01, 2)) == 0.01


def test_sounding_seconds_end_on_the_grid_is_not_rounded_up():
    db = np.full(1000, -20.0, np.float32)
    assert sounding_seconds(db, -30.0, 0.0, 0.07) == 0.07  # 0.07 / 0.01 is 7.000000000000001


def test_a_pause_begun_before_the_range_is_cut_at_its_start():
    # A pause from 0.3 to 0.8 s; asked from 0.5 s on, it runs from 0.5 s (as the docstring
    # says) to where the whole episode's frames end it.
    db = np.array([-20.0] * 30 + [-70.0] * 50 + [-20.0] * 50, np.float32)
    whole = pauses(db, 0.0, 1.2, -50.0)
    assert len(whole) == 1
    assert pauses(db, 0.5, 1.2, -50.0) == [(0.5, whole[0][1])]


@pytest.mark.parametrize("start", [0.0, 0.3, 0.4, 0.41, 0.42, 0.45])
def test_a_short_pause_is_found_wherever_the_range_begins(start):
    # A 120 ms pause after a word ending at 0.4 s: asked from that word's end (as sentence
    # onsets ask), it is the same pause the whole episode's frames show.
    db = np.array([-20.0] * 40 + [-70.0] * 12 + [-20.0] * 40, np.float32)
    whole = pauses(db, 0.0, 0.9, -50.0)
    assert len(whole) == 1
    assert pauses(db, start, 0.9, -50.0) == [(max(start, whole[0][0]), whole[0][1])]
