"""MFCC frames of any sample rate, in numpy: what the DTW aligner compares. Pure.

25 ms Hamming windows every 10 ms, a 40-band mel filter bank from 100 Hz to 7.6 kHz (both the
episode at 16 kHz and eSpeak NG at 22.05 kHz cover it, so frames of the two are comparable),
the log energies' DCT, coefficients 1-12 (the energy coefficient 0 is left out, as aeneas
does, since loudness says nothing about which sound is spoken), then each coefficient
normalised to zero mean and unit variance over the recording (cepstral mean and variance
normalisation), which removes much of the difference between two voices and channels.
Worked out block by block, so a 3-hour episode never needs more than its frames (~50 MB).

>>> import numpy as np
>>> tone = (np.sin(np.arange(16000) * 0.2) * 8000).astype(np.int16)
>>> mfcc(tone, 16000).shape
(100, 12)
"""

from __future__ import annotations

import numpy as np

HOP = 0.01
WINDOW = 0.025
BANDS = 40
COEFFICIENTS = 12
LOW_HZ, HIGH_HZ = 100.0, 7600.0
_BLOCK = 4_000  # frames per block (~40 MB of spectra)


def _mel(hz: np.ndarray | float) -> np.ndarray:
    return 2595.0 * np.log10(1.0 + np.asarray(hz) / 700.0)


def _filter_bank(rate: int, n_fft: int) -> np.ndarray:
    edges_mel = np.linspace(_mel(LOW_HZ), _mel(min(HIGH_HZ, rate / 2)), BANDS + 2)
    edges = 700.0 * (10 ** (edges_mel / 2595.0) - 1.0)
    bins = np.fft.rfftfreq(n_fft, 1.0 / rate)
    bank = np.zeros((BANDS, len(bins)), np.float32)
    for b in range(BANDS):
        lo, mid, hi = edges[b], edges[b + 1], edges[b + 2]
        rising = (bins - lo) / (mid - lo)
        falling = (hi - bins) / (hi - mid)
        bank[b] = np.maximum(0.0, np.minimum(rising, falling))
    return bank


def _dct(n_in: int, n_out: int) -> np.ndarray:
    k = np.arange(n_out)[:, None]
    n = np.arange(n_in)[None, :]
    return (np.cos(np.pi * k * (2 * n + 1) / (2 * n_in)) * np.sqrt(2.0 / n_in)).astype(np.float32)


def mfcc(samples: np.ndarray, rate: int, normalise: bool = True) -> np.ndarray:
    """One row of ``COEFFICIENTS`` MFCCs per ``HOP`` seconds of ``samples`` (float32)."""
    win = round(WINDOW * rate)
    n_fft = 1 << (win - 1).bit_length()
    frames = int(len(samples) / (rate * HOP))
    bank = _filter_bank(rate, n_fft)
    dct = _dct(BANDS, COEFFICIENTS + 1)[1:]
    window = np.hamming(win).astype(np.float32)
    out = np.empty((frames, COEFFICIENTS), np.float32)
    for a in range(0, frames, _BLOCK):
        b = min(frames, a + _BLOCK)
        starts = np.round(np.arange(a, b) * rate * HOP).astype(np.int64)
        # Only this block's samples as floats (a 3-hour episode's would take 700 MB).
        lo = int(starts[0])
        chunk = np.zeros(int(starts[-1]) - lo + win, np.float32)
        piece = samples[lo: lo + len(chunk)]
        chunk[: len(piece)] = piece
        x = chunk[starts[:, None] - lo + np.arange(win)[None, :]] * (window / 32768.0)
        power = np.abs(np.fft.rfft(x, n_fft)) ** 2
        out[a:b] = np.log(power @ bank.T + 1e-8) @ dct.T
    return normalised(out) if normalise else out


def normalised(frames: np.ndarray) -> np.ndarray:
    """Each column at zero mean and unit variance (a constant column stays at zero).

    >>> normalised(np.array([[1.0, 5.0], [3.0, 5.0]], np.float32)).tolist()
    [[-1.0, 0.0], [1.0, 0.0]]
    """
    if len(frames) == 0:
        return frames
    mean = frames.mean(axis=0)
    std = frames.std(axis=0)
    return ((frames - mean) / np.where(std > 1e-6, std, 1.0)).astype(np.float32)
