"""Frame energy of 16 kHz samples, and where it is quiet: pure numpy, no I/O.

The aligner cuts audio only where it is quiet, so that no word is split between two chunks,
and the report uses energy to tell long silences from speech the transcript lacks.

>>> import numpy as np
>>> tone = (np.sin(np.arange(16000) / 3) * 8000).astype(np.int16)
>>> samples = np.concatenate([tone, np.zeros(8000, np.int16), tone])
>>> db = frame_energy(samples, 16000)
>>> len(db)
250
>>> 1.0 <= quietest(db, 0.5, 2.0) <= 1.5
True
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from audiokit.frames import ON_GRID, frame_range

HOP = 0.01  # seconds per frame
SILENCE_FLOOR_DB = -100.0


def frame_energy(samples: np.ndarray, rate: int, hop: float = HOP) -> np.ndarray:
    """Energy in dB (relative to full scale) of each ``hop``-second frame; float32.

    Works block by block so a 3-hour episode never needs a float copy of all its samples. At a
    rate that is not a whole number of samples per frame (eSpeak NG's 22050 Hz), frame k starts
    at the sample nearest ``k * hop`` seconds, as :func:`audiokit.align.features.mfcc` frames, so
    the two never drift apart.

    >>> frame_energy(np.zeros(22050, np.int16), 22050).shape
    (100,)
    """
    step = rate * hop
    block = 60_000  # frames per block
    floor = 10 ** (SILENCE_FLOOR_DB / 10)
    if step != int(step):
        frames = int(len(samples) / step)
        edges = np.round(np.arange(frames + 1) * step).astype(np.int64)
        power = np.zeros(frames, np.float64)
        for a in range(0, frames, block):
            b = min(frames, a + block)
            x = np.asarray(samples[edges[a]: edges[b]], np.float64) / 32768.0
            power[a:b] = np.add.reduceat(x * x, edges[a:b] - edges[a]) / np.maximum(np.diff(edges[a: b + 1]), 1)
        return (10.0 * np.log10(np.maximum(power, floor))).astype(np.float32)
    n = max(1, int(step))
    frames = len(samples) // n
    out = np.empty(frames, dtype=np.float32)
    for a in range(0, frames, block):
        b = min(frames, a + block)
        chunk = samples[a * n : b * n].astype(np.float32).reshape(b - a, n) / 32768.0
        power = np.mean(chunk * chunk, axis=1)
        out[a:b] = 10.0 * np.log10(np.maximum(power, floor))
    return out


# Seconds beyond a stretch that a job over it may read: :func:`pauses` looks 2 s past its end
# to see where a pause begun inside ends; cut points are sought a few frames either side.
STRETCH_MARGIN = 3.0


@dataclass(frozen=True)
class EnergyStretch:
    """The frames of an episode's energy that a job over one stretch of it reads, small enough to
    send to a worker process (the whole array of a 3-hour episode is 4.6 MB), with where they lie.

    >>> db = np.arange(1000, dtype=np.float32)
    >>> piece = EnergyStretch.of(db, 4.0, 5.0, margin=0.5)
    >>> piece.first, len(piece.values)
    (350, 200)
    >>> whole = piece.whole()
    >>> len(whole), float(whole[350]), float(whole[549]), bool(np.isnan(whole[349])), bool(np.isnan(whole[550]))
    (1000, 350.0, 549.0, True, True)
    """

    frames: int  # the episode's length in frames
    first: int  # the episode frame of values[0]
    values: np.ndarray

    @classmethod
    def of(cls, db: np.ndarray, start: float, end: float, margin: float = STRETCH_MARGIN,
           hop: float = HOP) -> EnergyStretch:
        """The frames of ``db`` from ``start`` to ``end`` seconds, ``margin`` more on each side."""
        a = max(0, int((start - margin) / hop))
        b = min(len(db), int(np.ceil((end + margin) / hop)))
        return cls(len(db), a, db[a:b].copy())

    def whole(self) -> np.ndarray:
        """An array indexed as the episode's (the same frames at the same times), NaN outside the
        stretch: a read there would not pass for energy the audio has."""
        out = np.full(self.frames, np.nan, self.values.dtype)
        out[self.first: self.first + len(self.values)] = self.values
        return out


def quietest(db: np.ndarray, start: float, end: float, hop: float = HOP, window: int = 5) -> float:
    """The time (seconds) of the quietest point between ``start`` and ``end``, smoothing the
    energy over ``window`` frames so that a single quiet frame inside a word does not win."""
    a, b = frame_range(start, end, len(db), hop)
    if b - a <= 0:
        return min(max(start, 0.0), len(db) * hop)
    seg = db[a:b]
    if len(seg) >= window:
        seg = np.convolve(seg, np.ones(window) / window, mode="same")
    return (a + int(np.argmin(seg)) + 0.5) * hop


def pauses(db: np.ndarray, start: float, end: float, floor: float, hop: float = HOP,
           min_seconds: float = 0.1, window: int = 5) -> list[tuple[float, float]]:
    """The pauses (start, end seconds) begun before ``end`` and ending after ``start``: energy,
    smoothed over ``window`` frames, under ``floor`` for ``min_seconds`` or more, each counted
    whole (a pause begun before ``end`` may run on past it; one begun before ``start`` is cut
    there, and is long enough or not as a whole): the same pauses wherever a caller's range falls.

    >>> db = np.array([-20] * 10 + [-60] * 20 + [-20] * 20 + [-60] * 15 + [-20] * 10, np.float32)
    >>> pauses(db, 0.0, 0.52, -40.0), pauses(db, 0.0, 0.3, -40.0), pauses(db, 0.0, 0.05, -40.0)
    ([(0.1, 0.3), (0.5, 0.65)], [(0.1, 0.3)], [])
    """
    a, b = frame_range(start, end, len(db), hop)
    if b <= a:
        return []
    n = min(len(db), b + int(2.0 / hop))  # far enough to see where a pause begun before end ends
    # From far enough back to see whether a pause begun before start is long enough.
    first = max(0, a - math.ceil(min_seconds / hop - ON_GRID))
    seg = _smoothed(db, first, n, window)
    below = np.concatenate([[False], seg < floor, [False]])
    edges = np.flatnonzero(np.diff(below.astype(np.int8))) + first
    return [(round(float(max(p, a)) * hop, 3), round(float(q) * hop, 3)) for p, q in zip(edges[::2], edges[1::2])
            if p < b and q > a and (q - p) * hop >= min_seconds - 1e-9]


def _smoothed(db: np.ndarray, a: int, b: int, window: int) -> np.ndarray:
    """Frames ``a .. b - 1`` of ``db`` averaged over ``window`` frames centred on each, the
    frames around them included, so that each value is the same whatever range is asked for:
    averaged with zeros (0 dB, full scale) beyond the range instead, its first frames read as
    loud, and a pause begun at or before ``a`` lost two frames, a 100-120 ms one whole (asked
    from the end of the word before it, as sentence onsets ask). The recording's own first and
    last frames stand for the frames beyond it.

    >>> db = np.array([-20.0] * 4 + [-70.0] * 6, np.float32)
    >>> _smoothed(db, 4, 10, 5).tolist() == _smoothed(db, 0, 10, 5)[4:].tolist()
    True
    """
    half = window // 2
    lo, hi = max(0, a - half), min(len(db), b + half)
    near = np.pad(np.asarray(db[lo:hi], np.float64), (half - (a - lo), half - (hi - b)), mode="edge")
    return np.convolve(near, np.ones(window) / window, mode="valid")


def speech_threshold(db: np.ndarray) -> float:
    """An energy level (dB) separating speech from background for this recording: halfway
    between the background (10th percentile) and loud speech (90th percentile)."""
    if len(db) == 0:
        return SILENCE_FLOOR_DB
    low, high = np.percentile(db, [10, 90])
    return float(low + 0.5 * (high - low))


def background_level(db: np.ndarray) -> float:
    """The level (dB) under which a frame is background, not speech: 10 dB under
    :func:`speech_threshold`. The report's silences, the pause tests and the trims to the
    recording's background all use it.

    >>> background_level(np.array([-60.0] * 5 + [-20.0] * 5))
    -50.0
    """
    return speech_threshold(db) - 10.0


def sounding_seconds(db: np.ndarray, threshold: float, start: float, end: float, hop: float = HOP) -> float:
    """Seconds between ``start`` and ``end`` whose energy is at or above ``threshold``.

    >>> sounding_seconds(np.array([-60, -20, -20, -60, -20], np.float32), -30, 0.0, 0.04)
    0.02
    """
    a, b = frame_range(start, end, len(db), hop)
    return round(float(np.count_nonzero(db[a:b] >= threshold)) * hop, 3) if b > a else 0.0


def quiet_runs(db: np.ndarray, threshold: float, min_seconds: float, hop: float = HOP) -> list[tuple[float, float]]:
    """Stretches (start, end seconds) at least ``min_seconds`` long where energy stays below ``threshold``.

    >>> quiet_runs(np.array([0, -60, -60, -60, 0], np.float32), -30, 0.02)
    [(0.01, 0.04)]
    """
    below = np.concatenate([[False], db < threshold, [False]])
    edges = np.flatnonzero(np.diff(below.astype(np.int8)))
    runs = []
    for a, b in zip(edges[::2], edges[1::2]):
        if (b - a) * hop >= min_seconds:
            runs.append((round(float(a) * hop, 3), round(float(b) * hop, 3)))
    return runs


def tighten(start: float, end: float, db: np.ndarray, hop: float = HOP, drop_db: float = 30.0,
            min_shift: float = 0.03, weak: bool = False, floor: float | None = None) -> tuple[float, float]:
    """Move a word's edges off background it was given: frames at its start (or end) more than
    ``drop_db`` below the word's loudest frame are not part of the word.

    Forced alignment next to a pause sometimes lets a word swallow breath or room tone; this
    trims only when at least ``min_shift`` seconds of such frames sit at the edge, and never
    shortens a word below 30 ms. In noisy audio the noise floor is within ``drop_db`` of the
    speech, nothing counts as background, and nothing moves, unless ``floor`` (the recording's
    background level) is given: frames under it are background too (:func:`tighten_edges`
    decides where that may apply: a weak burst after a pause can sit under it too).

    With ``weak``, a few frames between the loud part and the pause that stand well above the
    pause stay with the word (:func:`_weak_frames`): the burst of an unaspirated stop or the
    onset of a voiceless fricative lies 30-45 dB below the vowel, where an English aspirated stop
    is loud enough to stay anyway (lang-ru: words starting with [p] or [f] after a pause had
    their burst cut off and started 50-60 ms late).

    >>> db = np.array([-60] * 10 + [-20] * 10 + [-60] * 5, np.float32)
    >>> tighten(0.0, 0.25, db)
    (0.1, 0.2)
    >>> burst = np.array([-90] * 10 + [-55] * 2 + [-20] * 10, np.float32)
    >>> tighten(0.0, 0.22, burst), tighten(0.0, 0.22, burst, weak=True)
    ((0.12, 0.22), (0.1, 0.22))
    """
    # int(): under numpy 1.x, round() of a numpy float gives a float
    a, b = int(round(start / hop)), int(round(end / hop))  # noqa: RUF046
    if b - a < 3 or a < 0 or b > len(db):
        return start, end
    frames = db[a:b]
    loud = frames >= float(frames.max()) - drop_db
    if floor is not None:
        loud &= frames >= floor
    first = int(np.argmax(loud))
    last = len(loud) - 1 - int(np.argmax(loud[::-1]))
    if weak:  # the floor is the quietest frame of the edge or of the pause beyond it
        first -= _weak_frames(frames[:first][::-1], float(db[max(0, a - WEAK_MOST): a + first].min(initial=np.inf)))
        last += _weak_frames(frames[last + 1:], float(db[a + last + 1: b + WEAK_MOST].min(initial=np.inf)))
    new_start = (a + first) * hop if first * hop >= min_shift else start
    new_end = (a + last + 1) * hop if (len(loud) - 1 - last) * hop >= min_shift else end
    if new_end - new_start < 0.03:
        return start, end
    return round(new_start, 3), round(new_end, 3)


WEAK_RISE_DB = 20.0
WEAK_MOST = 4
LONG_BACKGROUND = 0.15  # seconds under the background level at a word's edge: pause, not the word


def _weak_frames(edge: np.ndarray, floor: float) -> int:
    """How many frames of ``edge`` (ordered outward from a word's loud part) are weak sound
    joined to the word rather than background: each at least ``WEAK_RISE_DB`` above ``floor``
    (the pause's level), contiguous with the loud part, at most ``WEAK_MOST`` of them.

    >>> edge = np.array([-50, -52, -85, -90], np.float32)
    >>> _weak_frames(edge, -90.0), _weak_frames(edge, -60.0), _weak_frames(np.full(9, -50, np.float32), -90.0)
    (2, 0, 4)
    """
    n = 0
    while n < min(len(edge), WEAK_MOST) and edge[n] >= floor + WEAK_RISE_DB:
        n += 1
    return n


def tighten_edges(spans: Sequence[tuple[float, float] | None], db: np.ndarray, keep: Collection[int] = (),
                  hidden: bool = False, weak: bool = False, floor: float | None = None,
                  ) -> list[tuple[float, float] | None]:
    """Word spans (in order) with the edges that border a pause tightened (:func:`tighten`);
    ``keep`` are spans never moved (interpolated ones). With ``hidden``, a join where the aligner
    hid a pause between two words counts as a pause too (:func:`hidden_pauses`); with ``weak``,
    weak onsets and releases stay with their word (:func:`tighten`). With ``floor`` too (the
    recording's background level), a join hiding that long a stretch under it is such a pause in
    noisy audio, where nothing lies 30 dB under the words, and its two edges are tightened to it
    (at 25 dB SNR a sentence began 130-180 ms early, deep in the pause before it). Likewise an
    edge facing a pause the aligner did leave, when the word still holds ``LONG_BACKGROUND``
    seconds or more under that level there (lang-hi-rough: a sentence's first word kept 480 ms of
    the pause before it and began 517 ms early); a stop's closure or a weak onset is shorter.

    >>> db = np.array([-20] * 10 + [-70] * 20 + [-20] * 10, np.float32)
    >>> tighten_edges([(0.0, 0.2), (0.2, 0.4)], db), tighten_edges([(0.0, 0.2), (0.2, 0.4)], db, hidden=True)
    ([(0.0, 0.2), (0.2, 0.4)], [(0.0, 0.1), (0.3, 0.4)])
    >>> noisy = np.array([-20] * 10 + [-45] * 20 + [-20] * 10, np.float32)
    >>> tighten_edges([(0.0, 0.2), (0.2, 0.4)], noisy, hidden=True, floor=-40.0)
    [(0.0, 0.1), (0.3, 0.4)]
    >>> tighten_edges([(0.0, 0.1), (0.15, 0.4)], noisy, hidden=True, floor=-40.0)
    [(0.0, 0.1), (0.3, 0.4)]
    """
    joins = hidden_pauses(spans, db, keep) if hidden else set()
    noisy = hidden_pauses(spans, db, keep, floor=floor) - joins if hidden and floor is not None else set()
    out = list(spans)
    for k, span in enumerate(spans):
        if span is None or k in keep:
            continue
        prev = spans[k - 1] if k > 0 else None
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        pause_before = prev is None or prev[1] < span[0] - 0.005 or k in joins
        pause_after = nxt is None or nxt[0] > span[1] + 0.005 or k + 1 in joins
        if pause_before or pause_after:
            start, end = tighten(*span, db, weak=weak)
            out[k] = (start if pause_before else span[0], end if pause_after else span[1])
        if k in noisy or k + 1 in noisy:
            now = out[k] or span
            start, end = tighten(*span, db, weak=weak, floor=floor)
            out[k] = (start if k in noisy else now[0], end if k + 1 in noisy else now[1])
        gap_before = prev is None or prev[1] < span[0] - 0.005
        gap_after = nxt is None or nxt[0] > span[1] + 0.005
        if hidden and floor is not None and (gap_before or gap_after):
            now = out[k] or span
            start, end = tighten(*span, db, weak=weak, floor=floor)
            out[k] = (start if gap_before and start - span[0] >= LONG_BACKGROUND - 1e-9 else now[0],
                      end if gap_after and span[1] - end >= LONG_BACKGROUND - 1e-9 else now[1])
    return out


def hidden_pauses(spans: Sequence[tuple[float, float] | None], db: np.ndarray, keep: Collection[int] = (),
                  min_quiet: float = 0.15, hop: float = HOP, floor: float | None = None) -> set[int]:
    """Indices ``k`` where span ``k - 1`` ends where span ``k`` begins, yet the frames the two
    words share at that join hold at least ``min_quiet`` seconds of background (see
    :func:`tighten`): a pause the forced aligner split between the words. A stop's closure
    inside a phrase is shorter than ``min_quiet`` and stays with its word.

    With pronunciations mapped from another language this happens next to voiceless stops: the
    English model's stop closure matches silence, and an unaspirated stop (Romance, Slavic,
    Indic) has no loud aspiration to pin the word's start, so a word could begin (or the word
    before end) deep in the pause (lang-ca: sentence starts 95.5% -> 97.7% within 100 ms).

    >>> pause = np.array([-20] * 10 + [-70] * 20 + [-20] * 10, np.float32)
    >>> closure = np.array([-20] * 10 + [-70] * 10 + [-20] * 10, np.float32)
    >>> hidden_pauses([(0.0, 0.2), (0.2, 0.4)], pause), hidden_pauses([(0.0, 0.15), (0.15, 0.3)], closure)
    ({1}, set())
    """
    out = set()
    for k in range(1, len(spans)):
        a, b = spans[k - 1], spans[k]
        if a is None or b is None or k - 1 in keep or k in keep or abs(b[0] - a[1]) > 0.005:
            continue
        quiet = (a[1] - tighten(*a, db, hop, floor=floor)[1]) + (tighten(*b, db, hop, floor=floor)[0] - b[0])
        if quiet >= min_quiet - 1e-9:
            out.add(k)
    return out
