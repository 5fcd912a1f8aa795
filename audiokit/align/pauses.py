"""Sentence boundaries placed in an episode's pauses without listening to it (pure).

On clean audio the pauses between sentences are the quietest, longest stretches, and the speech
between two of them is about proportional to the sentence's length in phones. :func:`pause_cuts`
assigns every boundary between two sentences to a pause with a monotonic dynamic programme that
keeps each sentence's speech close to its share of the episode's, preferring longer pauses.
The windows it gives are force-aligned sentence by sentence (:mod:`audiokit.align.at_pauses`),
which costs about half of recognising the audio first. Nothing here checks that the transcript
was spoken as written: a sentence left out or never spoken is absorbed by the neighbouring
cuts, so the caller verifies every window (:func:`uncovered_speech`, forced-alignment failures).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from audiokit.align.energy import HOP, quiet_runs

MIN_PAUSE = 0.15  # seconds below the silence level that count as a pause
SPAN = 40  # most pauses one sentence may run over (commas, breaths)
LONG_PAUSE = 1.5  # seconds; pauses longer than this are preferred no more
SLACK = 0.3  # seconds added to both sides of a speech-length ratio, so short sentences stay loose


def pause_cuts(weights: Sequence[float], db: np.ndarray, threshold: float,
               min_pause: float = MIN_PAUSE, hop: float = HOP) -> list[tuple[float, float]]:
    """Each sentence's ``(start, end)`` in seconds; consecutive sentences share a cut point, the
    middle of a pause. ``weights``: each sentence's length (phones); ``db``: frame energies;
    ``threshold``: the level (dB) under which a frame is silence. Empty when there is no speech
    or no sentence.

    >>> db = np.array([-80.0] * 10 + [-20.0] * 100 + [-80.0] * 30 + [-20.0] * 50 + [-80.0] * 10)
    >>> pause_cuts([20, 10], db, -50.0)
    [(0.1, 1.25), (1.25, 1.9)]
    """
    sounding = (np.asarray(db) >= threshold).astype(np.float64)
    if not len(weights) or not sounding.any():
        return []
    before = np.concatenate([[0.0], np.cumsum(sounding)]) * hop  # speech seconds before each frame
    first = int(np.argmax(sounding)) * hop
    last = (len(sounding) - int(np.argmax(sounding[::-1]))) * hop
    pauses = [(a, b) for a, b in quiet_runs(np.asarray(db), threshold, min_pause, hop) if first < a and b < last]
    cuts = np.array([first] + [round((a + b) / 2, 3) for a, b in pauses] + [last])
    length = np.array([LONG_PAUSE] + [b - a for a, b in pauses] + [LONG_PAUSE])
    bonus = -np.log(np.minimum(length, LONG_PAUSE) / min_pause)
    spoken = before[np.minimum(np.round(cuts / hop).astype(int), len(before) - 1)]
    w = np.asarray(weights, np.float64)
    rate = (spoken[-1] - spoken[0]) / max(w.sum(), 1e-9)
    n, m = len(w), len(cuts)
    # Only the last row of costs is kept, and per cell how many pauses back its sentence began
    # (a byte): a 3-hour episode has ~2000 sentences and ~8000 pauses.
    cost = np.full(m, np.inf)
    cost[0] = 0.0
    steps = np.zeros((n + 1, m), np.uint8)
    for i in range(1, n + 1):
        expected = w[i - 1] * rate
        row = np.full(m, np.inf)
        for k in range(1, min(SPAN, m - 1) + 1):
            step = 4.0 * np.log((spoken[k:] - spoken[:-k] + SLACK) / (expected + SLACK)) ** 2
            c = cost[:-k] + step + bonus[k:]
            better = c < row[k:]
            row[k:][better] = c[better]
            steps[i, k:][better] = k
        cost = row
    if not np.isfinite(cost[m - 1]):  # more sentences than pauses
        return []
    path = [m - 1]
    for i in range(n, 0, -1):
        path.append(path[-1] - int(steps[i, path[-1]]))
    path.reverse()
    return [(round(float(cuts[a]), 3), round(float(cuts[b]), 3)) for a, b in itertools.pairwise(path)]


def uncovered_speech(db: np.ndarray, threshold: float, start: float, end: float,
                     words: Sequence[tuple[float, float]], hop: float = HOP) -> float:
    """Seconds of speech (frames at or above ``threshold``) between ``start`` and ``end`` that
    no word of ``words`` covers: speech the transcript lacks, forced over by fillers or silence.

    >>> db = np.array([-20.0] * 100)
    >>> uncovered_speech(db, -50.0, 0.0, 1.0, [(0.0, 0.4), (0.5, 0.9)])
    0.2
    """
    a, b = max(0, round(start / hop)), min(len(db), round(end / hop))
    if b <= a:
        return 0.0
    covered = np.zeros(b - a, bool)
    for s, e in words:
        covered[max(0, round(s / hop) - a): max(0, round(e / hop) - a)] = True
    return round(float(np.sum((np.asarray(db[a:b]) >= threshold) & ~covered)) * hop, 3)
