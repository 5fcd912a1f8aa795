"""Prosody: how a passage is said, as evidence of a moment that lands.

:func:`measure` is the edge: it hands 16 kHz mono samples (decoded once by
:mod:`audiokit.audio`) to Praat through parselmouth and returns pitch and loudness contours.
Everything else is pure: per-sentence features (pitch range in semitones, loudness range in
dB, syllables a second from the word times), each speaker's usual values, and how far a
passage is above them, in robust standard deviations (median and MAD over the speaker's
sentences). A passage said with a wider pitch range and more loudness movement than the
speaker's usual is livelier; that is all prosody claims here.

>>> import numpy as np
>>> f0 = np.array([100, 110, 120, 0, 150, 200, 180, 100], np.float32)
>>> db = np.array([60, 62, 70, 20, 65, 66, 68, 61], np.float32)
>>> f = features(Contours(0.25, f0, db), (0.0, 2.0), n_syllables=6)
>>> f.pitch_range, f.loudness_range, f.rate
(10.9, 8.2, 3.0)
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from audiokit.frames import frame_range

__all__ = ["STEP", "Baseline", "Contours", "Features", "Lively", "baseline", "features", "liveliness", "measure", "syllables"]

STEP = 0.02  # seconds between frames: a 3-hour episode's pitch and loudness in ~32 s of one core
PITCH_FLOOR, PITCH_CEILING = 75.0, 500.0
# Seconds of audio handed to Praat at a time: bounded memory (a 3-hour episode's measure peaks
# 118 MB lower than with ten-minute chunks); the contours do not depend on it beyond which of
# Praat's frames lies nearest ours (measured: the same clips on seed-full with 5 and 10 minutes).
_CHUNK = 300.0
_MARGIN = 1.0  # seconds of context on each side of a chunk, so its edges have full windows
# Praat's default: frames with no amplitude above this share of the peak are silent (unvoiced).
SILENCE = 0.03


@dataclass(frozen=True, eq=False)
class Contours:
    """Pitch (Hz, 0 where unvoiced) and intensity (dB) every ``step`` seconds from 0."""

    step: float
    f0: np.ndarray
    db: np.ndarray

    def frames(self, start: float, end: float) -> slice:
        """The frames between ``start`` and ``end`` seconds (a time on the grid is the frame it
        names: :func:`audiokit.frames.frame_range`)."""
        return slice(*frame_range(start, end, len(self.f0), self.step))


def measure(samples: np.ndarray, rate: int, step: float = STEP) -> Contours:
    """Pitch (Praat's autocorrelation method, 75-500 Hz) and intensity contours of mono
    ``samples`` (int16 or float) at ``rate`` Hz, computed in chunks of five minutes."""
    import parselmouth  # Praat: loaded only when audio is measured

    scale = 32768.0 if samples.dtype == np.int16 else 1.0
    n_frames = math.ceil(len(samples) / rate / step)
    f0 = np.zeros(n_frames, np.float32)
    db = np.zeros(n_frames, np.float32)
    chunk, margin = int(_CHUNK * rate), int(_MARGIN * rate)
    peak = _peak(samples)
    for a in range(0, len(samples), chunk):
        lo, hi = max(0, a - margin), min(len(samples), a + chunk + margin)
        if hi - lo < int(0.1 * rate):
            continue
        sound = parselmouth.Sound(samples[lo:hi].astype(np.float64) / scale, sampling_frequency=rate)
        offset = lo / rate
        pitch = sound.to_pitch_ac(time_step=step, pitch_floor=PITCH_FLOOR, pitch_ceiling=PITCH_CEILING,
                                  silence_threshold=silence_share(peak, _peak(samples[lo:hi])))
        _place(f0, pitch.xs() + offset, pitch.selected_array["frequency"], a / rate, (a + chunk) / rate, step)
        loud = sound.to_intensity(minimum_pitch=PITCH_FLOOR, time_step=step, subtract_mean=False)
        _place(db, loud.xs() + offset, loud.values[0], a / rate, (a + chunk) / rate, step)
    return Contours(step, f0, db)


def _peak(samples: np.ndarray) -> float:
    """The largest absolute sample (as a float: ``abs`` of int16's -32768 overflows)."""
    return max(-float(samples.min()), float(samples.max())) if len(samples) else 0.0


def silence_share(episode_peak: float, chunk_peak: float, silence: float = SILENCE) -> float:
    """Praat's silence threshold for one chunk, relative to the chunk's own peak (as Praat reads
    it), that means ``silence`` of the whole episode's peak: so whether a quiet frame is voiced
    does not depend on how loud the rest of its five-minute chunk happened to be, and the contours
    do not change with the chunk size. A chunk with no sound at all is silent throughout.

    >>> silence_share(20000.0, 20000.0), silence_share(20000.0, 5000.0), silence_share(100.0, 0.0)
    (0.03, 0.12, 1.0)
    """
    if chunk_peak <= 0:
        return 1.0
    return min(1.0, silence * episode_peak / chunk_peak)


def _place(out: np.ndarray, times: np.ndarray, values: np.ndarray, start: float, end: float, step: float) -> None:
    """Fill the frames of ``out`` (frame i at i * step) from ``start`` to ``end`` with the nearest
    of Praat's frames at ``times``. Praat centres its frames in the sound, so their grid is ours
    shifted by up to a step, by an amount that depends on the sound's length: rounding each
    frame's time to our grid instead left every other frame empty (unvoiced) wherever the shift
    was half a step, in one length out of a few hundred."""
    if len(times) == 0:
        return
    idx = np.arange(max(0, math.ceil(start / step - 1e-9)), min(len(out), math.ceil(end / step - 1e-9)))
    t = idx * step
    j = np.clip(np.round((t - times[0]) / step).astype(int), 0, len(times) - 1)
    near = np.abs(times[j] - t) <= step
    out[idx[near]] = np.nan_to_num(values[j[near]], nan=0.0)


_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """A rough syllable count of a written word (vowel groups, silent final e), at least 1.

    >>> [syllables(w) for w in ("the", "model", "transparent", "GPT-4")]
    [1, 2, 3, 1]
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    n = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee")) and n > 1:
        n -= 1
    return max(1, n)


@dataclass(frozen=True)
class Features:
    """How one stretch of speech is said: pitch range (semitones between the 10th and 90th
    percentile of voiced frames), loudness range (dB, same percentiles, frames within 25 dB
    of the loudest, so pauses do not count), syllables a second; ``nan`` when unmeasurable."""

    pitch_range: float
    loudness_range: float
    rate: float


def features(contours: Contours, span: tuple[float, float], n_syllables: int) -> Features:
    """The :class:`Features` of the speech between ``span`` seconds holding ``n_syllables``."""
    sl = contours.frames(*span)
    f0, db = contours.f0[sl], contours.db[sl]
    voiced = f0[f0 > 0]
    if len(voiced) >= 5:
        lo, hi = np.percentile(voiced, [10, 90])
        pitch = round(float(12 * math.log2(hi / lo)), 1)
    else:
        pitch = math.nan
    speech = db[db > (db.max() - 25.0)] if len(db) else db
    loud = round(float(np.subtract(*np.percentile(speech, [90, 10]))), 1) if len(speech) >= 5 else math.nan
    length = span[1] - span[0]
    return Features(pitch, loud, round(n_syllables / length, 1) if length > 0 else math.nan)


@dataclass(frozen=True)
class Baseline:
    """A speaker's usual features: median and robust spread (1.4826 MAD) of each."""

    median: Features
    spread: Features


def baseline(items: Sequence[Features]) -> Baseline:
    """The usual values over a speaker's sentences (``nan`` features left out).

    >>> b = baseline([Features(4.0, 10.0, 4.0), Features(6.0, 12.0, 5.0), Features(8.0, 14.0, 6.0)])
    >>> b.median.pitch_range, round(b.spread.pitch_range, 2)
    (6.0, 2.97)
    """
    med, spread = [], []
    for name in ("pitch_range", "loudness_range", "rate"):
        vals = np.array([getattr(f, name) for f in items], float)
        vals = vals[np.isfinite(vals)]
        if len(vals) == 0:
            med.append(math.nan)
            spread.append(math.nan)
            continue
        m = float(np.median(vals))
        med.append(m)
        spread.append(max(1e-6, 1.4826 * float(np.median(np.abs(vals - m)))))
    return Baseline(Features(*med), Features(*spread))


@dataclass(frozen=True)
class Lively:
    """How far a passage's delivery is from its speaker's usual, in robust SDs (positive:
    wider pitch range, more loudness movement, faster), and a score in [0, 1] (0.5: usual)."""

    pitch: float
    loudness: float
    rate: float
    score: float


def _z(value: float, med: float, spread: float) -> float:
    if not (math.isfinite(value) and math.isfinite(med) and math.isfinite(spread)):
        return 0.0
    return max(-3.0, min(3.0, (value - med) / spread))


def liveliness(items: Sequence[Features], weights: Sequence[float], usual: Baseline) -> Lively:
    """The weighted mean (e.g. by duration) of ``items``' distance from ``usual``.

    >>> usual = Baseline(Features(5.0, 10.0, 4.0), Features(1.0, 2.0, 1.0))
    >>> liveliness([Features(7.0, 12.0, 4.0)], [1.0], usual)
    Lively(pitch=2.0, loudness=1.0, rate=0.0, score=0.82)
    """
    total = sum(weights) or 1.0
    zs = []
    for name in ("pitch_range", "loudness_range", "rate"):
        zs.append(
            sum(w * _z(getattr(f, name), getattr(usual.median, name), getattr(usual.spread, name))
                for f, w in zip(items, weights)) / total
        )
    animation = (zs[0] + zs[1]) / 2
    score = 1 / (1 + math.exp(-animation))
    return Lively(round(zs[0], 2), round(zs[1], 2), round(zs[2], 2), round(score, 2))
