"""Prosody: Praat's contours of synthetic audio with known pitch and loudness, and the pure
features and liveliness built on them."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest

from audiokit.clips import prosody
from audiokit.clips.prosody import Contours, Features, baseline, features, liveliness, measure

RATE = 16000


def test_doctests() -> None:
    assert doctest.testmod(prosody).failed == 0


def tone(freqs: np.ndarray, amp: np.ndarray) -> np.ndarray:
    """A voice-like buzz (fundamental plus harmonics) following ``freqs`` (Hz per sample)."""
    phase = 2 * np.pi * np.cumsum(freqs) / RATE
    wave = sum(np.sin(k * phase) / k for k in range(1, 6))
    return (amp * wave * 0.3 * 32767).astype(np.int16)


def test_measure_finds_pitch_and_loudness_and_silence() -> None:
    n = RATE * 2
    freqs = np.full(n, 150.0)
    amp = np.ones(n)
    amp[RATE // 2 : RATE] = 0.0  # half a second of silence
    samples = np.concatenate([tone(freqs, amp), np.zeros(RATE // 2, np.int16)])
    c = measure(samples, RATE)
    assert len(c.f0) == math.ceil(len(samples) / RATE / c.step)
    voiced = c.f0[c.frames(0.1, 0.4)]
    assert np.median(voiced) == pytest.approx(150, rel=0.02)
    assert (c.f0[c.frames(0.6, 0.9)] == 0).all()  # silence is unvoiced
    assert c.db[c.frames(0.1, 0.4)].mean() > c.db[c.frames(0.6, 0.9)].mean() + 20


def test_measure_is_chunked_without_seams(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prosody, "_CHUNK", 1.0)  # one-second chunks: the seams must not show
    n = RATE * 3
    samples = tone(np.full(n, 200.0), np.ones(n))
    c = measure(samples, RATE)
    inner = c.f0[c.frames(0.1, 2.9)]
    assert (inner > 0).all() and np.abs(inner - 200).max() < 5


@pytest.mark.parametrize("level, voiced", [(0.05, True), (0.02, False)])
def test_a_quiet_voice_is_read_the_same_whatever_the_chunk_size(monkeypatch: pytest.MonkeyPatch, level: float,
                                                                voiced: bool) -> None:
    # A loud second, then a quiet voice: at 5% of the recording's peak it lies above Praat's
    # silence threshold (3% of the peak) and is voiced, at 2% under it and unvoiced. Alone in a
    # one-second chunk, relative to that chunk's own peak, the 2% voice would be voiced; the
    # threshold follows the recording's peak, so the contours do not change with the chunks.
    n = RATE
    samples = np.concatenate([tone(np.full(n, 200.0), np.ones(n)), tone(np.full(2 * n, 150.0), np.full(2 * n, level))])
    whole = measure(samples, RATE)
    monkeypatch.setattr(prosody, "_CHUNK", 1.0)
    chunked = measure(samples, RATE)
    quiet = whole.frames(1.2, 2.8)
    assert ((whole.f0[quiet] > 0) == voiced).all()
    assert np.array_equal(whole.f0[quiet] > 0, chunked.f0[quiet] > 0)
    assert np.abs(whole.f0[quiet] - chunked.f0[quiet]).max() < 1.0
    if voiced:
        assert np.median(whole.f0[quiet]) == pytest.approx(150, rel=0.02)


def test_no_frame_left_empty_whatever_the_length() -> None:
    # Praat centres its frames in the sound, so their grid is shifted from ours by an amount that
    # depends on the sound's length; over two steps of lengths (10 samples apart) a steady voice
    # must be voiced in every frame, never every other one.
    step = int(prosody.STEP * RATE)
    for extra in range(0, 2 * step, 10):
        n = RATE + extra
        c = measure(tone(np.full(n, 180.0), np.ones(n)), RATE)
        inner = c.f0[c.frames(0.1, n / RATE - 0.1)]
        assert (inner > 0).all(), f"{n} samples: {int((inner == 0).sum())} empty frames"


def test_peak_of_int16_extremes() -> None:
    assert prosody._peak(np.array([-32768, 5], np.int16)) == 32768.0
    assert prosody._peak(np.array([], np.int16)) == 0.0


def test_wider_pitch_range_reads_as_livelier() -> None:
    n = RATE * 2
    flat = measure(tone(np.full(n, 140.0), np.ones(n)), RATE)
    glide = measure(tone(np.linspace(110, 260, n), np.ones(n)), RATE)
    f_flat, f_glide = features(flat, (0.1, 1.9), 8), features(glide, (0.1, 1.9), 8)
    assert f_glide.pitch_range > f_flat.pitch_range + 6
    usual = baseline([f_flat, f_flat, Features(f_flat.pitch_range + 1, f_flat.loudness_range, 4.0)])
    assert liveliness([f_glide], [1.0], usual).score > 0.5 >= liveliness([f_flat], [1.0], usual).score


def test_unmeasurable_speech_is_neutral() -> None:
    c = Contours(0.02, np.zeros(10, np.float32), np.zeros(10, np.float32))
    f = features(c, (0.0, 0.2), 2)
    assert math.isnan(f.pitch_range)
    usual = baseline([f])
    assert liveliness([f], [1.0], usual).score == 0.5


def test_frames_of_a_span_on_the_grid() -> None:
    # A span from frame k's time to frame k + 1's is that one frame, for every k: 0.58 / 0.02 is
    # 28.999999999999996, and flooring it added the frame before for one grid time in ten.
    c = Contours(0.02, np.zeros(300_000, np.float32), np.zeros(300_000, np.float32))
    for k in range(300_000):
        assert c.frames(round(k * 0.02, 2), round((k + 1) * 0.02, 2)) == slice(k, k + 1)
    assert c.frames(0.01, 0.05) == slice(0, 3)  # off the grid: every frame the span touches
