"""The DTW aligner's pure parts (warping, reading word times off a path, MFCCs) and, with
libespeak-ng, its synthesis."""

from __future__ import annotations

import ctypes.util
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.align import dtw
from audiokit.align.dtw_align import Timed, align_words, confident, fits, snap_onsets, speak, times_from_path
from audiokit.align.features import mfcc

needs_espeak = pytest.mark.skipif(ctypes.util.find_library("espeak-ng") is None,
                                  reason="libespeak-ng is not installed")


def _sounds(n: int, seed: int) -> np.ndarray:
    """``n`` distinct random "sounds" of 12 coefficients."""
    return np.random.default_rng(seed).normal(size=(n, 12)).astype(np.float32) * 2


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(2, 12), min_size=3, max_size=40), st.lists(st.integers(2, 20), min_size=40, max_size=40),
       st.integers(0, 200), st.integers(0, 1000))
def test_warp_recovers_where_each_sound_starts(b_lengths, a_lengths, lead, seed) -> None:
    """b holds sounds of some lengths; a the same sounds at other lengths, after loud noise (which
    matches them worse than they match each other, like music before speech). The path maps
    every sound's first frame in b to its first frame in a, give or take one."""
    sounds = _sounds(len(b_lengths), seed)
    # a at most 1.5 times as fast: at exactly twice (the path's steepest slope) the one path left
    # can cost more than absorbing a noise frame or two (b_lengths [6, 2, 2], a [3, 2, 7], seed 178)
    a_lengths = [max(x, -(-2 * y // 3)) for x, y in zip(a_lengths, b_lengths)]
    b = np.repeat(sounds, b_lengths, axis=0)
    lead = min(lead, sum(a_lengths) // 2)  # noise that is most of ``a`` would be what chance costs
    # Loud enough that no noise frame matches a sound better than chance (what leaving a row out
    # costs): at 5 (2.5 times the sounds' spread) one now and then did, and the path took it in
    # (b_lengths [2, 5, 2], a [2, 2, 6], lead 4, seed 516).
    noise = np.random.default_rng(seed + 1).normal(size=(lead, 12)).astype(np.float32) * 10
    a = np.concatenate([noise, np.repeat(sounds, a_lengths, axis=0)]).astype(np.float32)
    path = dtw.warp(a, b, open_begin=True, open_end=True, radius=4)
    b_starts = np.concatenate([[0], np.cumsum(b_lengths)[:-1]])
    a_starts = lead + np.concatenate([[0], np.cumsum(a_lengths)[:-1]])
    assert np.all(np.abs(dtw.frame_map(path, b_starts) - a_starts) <= 1)
    assert np.all(np.diff(path.cols) >= 0) and np.all(np.diff(path.cols) <= 2)


def test_multi_resolution_matches_long_sequences() -> None:
    """Long enough to go through several levels (COARSE frames at the coarsest)."""
    rng = np.random.default_rng(3)
    lengths = rng.integers(3, 30, 600)
    sounds = _sounds(600, 4)
    b = np.repeat(sounds, lengths, axis=0)
    slower = (lengths * rng.uniform(0.8, 1.6, 600)).astype(int) + 1
    a = np.repeat(sounds, slower, axis=0)
    assert len(b) > 4 * dtw.COARSE
    path = dtw.warp(a, b)
    got = dtw.frame_map(path, np.concatenate([[0], np.cumsum(lengths)[:-1]]))
    assert np.all(np.abs(got - np.concatenate([[0], np.cumsum(slower)[:-1]])) <= 1)


def _cheapest_total(a: np.ndarray, b: np.ndarray) -> float:
    """The whole matrix, row by row and cell by cell: the cost of the cheapest closed path."""
    d = np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=2)).astype(np.float64)
    total = np.full(d.shape, np.inf)
    total[0, 0] = d[0, 0]
    for r in range(1, len(a)):
        for j in range(len(b)):
            options = [total[r - 1, j]]
            if j >= 1:
                options.append(total[r - 1, j - 1])
            if j >= 2:
                options.append(total[r - 1, j - 2] + d[r, j - 1])
            total[r, j] = d[r, j] + min(options)
    return float(total[-1, -1])


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 40), st.integers(1, 30), st.integers(0, 1000))
def test_warp_finds_the_cheapest_path(n, m, seed) -> None:
    """Small enough for one level (the whole matrix): the path costs what the cheapest path
    through the cell-by-cell recurrence costs (every column paid, a skipped one included)."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(n, 12)).astype(np.float32)
    b = rng.normal(size=(min(m, 2 * n - 1), 12)).astype(np.float32)
    path = dtw.warp(a, b)
    rows = np.arange(path.first, path.last + 1)
    skipped = [r for r, step in zip(rows[1:], np.diff(path.cols)) if step == 2]
    paid = float(path.costs.sum()) + sum(float(np.linalg.norm(a[r] - b[c - 1]))
                                         for r, c in zip(skipped, path.cols[1:][np.diff(path.cols) == 2]))
    assert paid == pytest.approx(_cheapest_total(a, b), rel=1e-4)


def test_closed_ends_start_and_end_at_the_corners() -> None:
    a, b = _sounds(50, 1), _sounds(30, 2)
    path = dtw.warp(a, b)
    assert path.first == 0 and path.last == 49 and path.cols[0] == 0 and path.cols[-1] == 29


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 2), min_size=5, max_size=200), st.integers(0, 50),
       st.lists(st.integers(1, 10), min_size=1, max_size=20))
def test_word_times_are_ordered_and_inside_the_path(steps, first, lengths) -> None:
    cols = np.cumsum([0] + steps)
    path = dtw.Path(first, cols, np.ones(len(cols), np.float32))
    edges = np.concatenate([[0], np.cumsum(lengths)])
    edges = np.minimum(edges, cols[-1])
    spans = [(int(a), int(max(a + 1, b))) for a, b in itertools.pairwise(edges)]
    times = times_from_path(path, spans, null=2.0, offset=1.0)
    starts = [t.start for t in times]
    assert starts == sorted(starts)
    assert all(1.0 + first * 0.01 - 1e-9 <= t.start < t.end <= 1.0 + (path.last + 1) * 0.01 + 1e-9 for t in times)
    assert all(t.score == 0.5 for t in times)


def test_snap_moves_a_start_after_a_pause_to_the_energy_rise() -> None:
    db = np.full(100, -80.0, np.float32)
    db[40:60] = -20.0
    times = [Timed(0.0, 0.2, 0.5), Timed(0.45, 0.6, 0.5)]
    snapped = snap_onsets(times, db)
    assert snapped[1].start == 0.4 and snapped[0] == times[0]


def test_mfcc_frames_do_not_depend_on_the_sample_rate() -> None:
    t16, t22 = np.arange(16000) / 16000, np.arange(22050) / 22050
    a = mfcc((np.sin(2 * np.pi * 440 * t16) * 8000).astype(np.int16), 16000, normalise=False)
    b = mfcc((np.sin(2 * np.pi * 440 * t22) * 8000).astype(np.int16), 22050, normalise=False)
    assert len(a) == len(b) == 100
    assert np.abs(a[5:-5] - b[5:-5]).mean() < 1.0


@needs_espeak
def test_speak_gives_every_word_a_span_in_order() -> None:
    words = [["Dobrý", "den,", "vítejte."], ["Dnes", "je", "25", "stupňů."]]
    spoken = speak(words, "cs")
    spans = [s for s in spoken.spans if s is not None]
    assert len(spans) == 7
    assert all(a < b for a, b in spans) and [a for a, _ in spans] == sorted(a for a, _ in spans)
    assert spans[-1][1] <= len(spoken.frames)


@needs_espeak
def test_eSpeak_voice_aligned_to_itself_slower() -> None:
    """The same words spoken again at another rate and with silence before: every start lands
    within 120 ms of eSpeak NG's own word event (a stop's closure after a pause is silent, so
    where such a word starts within the pause is ambiguous), and all count as placed."""
    from audiokit.align import synth

    words = ["Сегодня", "мы", "говорим", "о", "погоде", "и", "о", "машинах,", "которые", "ездят", "по", "городу."]
    slow = synth.speak(words, "ru", rate=130)
    lead = np.zeros(slow.rate // 2, np.int16)
    times = align_words(np.concatenate([lead, slow.samples]), slow.rate, [words], "ru")
    truth = [0.5 + s for s in slow.starts]
    assert all(abs(t.start - s) <= 0.12 for t, s in zip(times, truth))
    assert fits(times) and all(confident(times))


@needs_espeak
def test_every_supported_language_has_a_voice_libespeak_accepts() -> None:
    # "fr-fr" worked for the espeak-ng command but not for espeak_SetVoiceByName: French episodes
    # crashed as soon as the DTW fill had a region to place. In a process of its own: libespeak-ng
    # carries state from call to call, and ninety voices would change what later tests synthesise.
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = ("from audiokit.align import synth\nfrom audiokit.lang import codes\nrefused = []\n"
            "for c in codes.SUPPORTED:\n    try:\n        synth.speak(['a'], codes.voice(c))\n"
            "    except Exception:\n        refused.append(c)\nprint(' '.join(refused))")
    root = str(Path(__file__).resolve().parents[1])  # this checkout's audiokit, not an installed one
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert run.stdout.strip() == ""
    # Nor a word on the user's terminal: libespeak-ng 1.51 says "Full dictionary is not installed
    # for 'be'" though Belarusian has no larger dictionary to install (synth._NOISE).
    assert run.stderr == ""


def test_only_the_known_noise_is_kept_from_stderr() -> None:
    # At the file-descriptor level, as the C library writes: in a process of its own.
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = ("import os\nfrom audiokit.align.synth import _stderr_without\n"
            "with _stderr_without(b'noise\\n'):\n    os.write(2, b'before\\nnoise\\nafter\\n')\n"
            "os.write(2, b'outside\\n')")
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert run.stderr == "before\nafter\noutside\n"
