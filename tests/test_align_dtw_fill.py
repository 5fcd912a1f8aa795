"""The DTW fill (:func:`audiokit.align.dtw_fill.fill_unplaced`) in English: a run of words
pocketsphinx left interpolated, in speech by an eSpeak NG variant (the sample's third voice is
one), is placed from the audio; the same run over audio of other words stays interpolated."""

from __future__ import annotations

import ctypes.util

import numpy as np
import pytest

from audiokit.align.anchored import TokenTime
from audiokit.align.dtw_fill import fill_unplaced
from audiokit.align.matching import Token
from audiokit.audio import RATE, Audio
from audiokit.transcripts import from_string

pytestmark = pytest.mark.skipif(ctypes.util.find_library("espeak-ng") is None,
                                reason="libespeak-ng is not installed")

SAID = ("We also dim the lamps after midnight on quiet streets, and people sleep better. "
        "The orange glow over a city comes from lamps that shine sideways, into bedrooms and into the sky.")
OTHER = ("Bees visit lime trees, clover and chestnut flowers rather than one huge field of a single crop, "
         "and a strong colony forages up to three kilometres in every direction from its hive.")
RUN = range(8, 15)  # "quiet streets, and people sleep better. The": across a sentence end
LEAD = 0.5


def _speech(text: str) -> tuple[Audio, list[float | None]]:
    """``text`` read by eSpeak NG's en+f3 at 140 words a minute (not the voice the fill speaks
    with), after ``LEAD`` seconds of silence, at the aligner's rate; and each word's start (``None``
    for a word eSpeak NG ran into the one before: "a" in "of a single")."""
    from audiokit.align import synth

    speech = synth.speak(text.split(), "en+f3", rate=140)
    n = int(len(speech.samples) * RATE / speech.rate)
    samples = np.interp(np.arange(n) * speech.rate / RATE, np.arange(len(speech.samples)),
                        speech.samples.astype(np.float64)).astype(np.int16)
    audio = Audio(np.concatenate([np.zeros(int(LEAD * RATE), np.int16), samples]), RATE)
    return audio, [None if s is None else LEAD + s for s in speech.starts]


def _times(starts: list[float], duration: float) -> list[TokenTime]:
    """Every word placed at its true start, but the words of ``RUN`` spread evenly between their
    placed neighbours and marked interpolated, as the aligner leaves a region it cannot place."""
    ends = starts[1:] + [duration]
    times = [TokenTime(s, e, 0.9) for s, e in zip(starts, ends)]
    a, b = times[RUN[0] - 1].end, times[RUN[-1] + 1].start
    step = (b - a) / len(RUN)
    for i, k in enumerate(RUN):
        times[k] = TokenTime(a + i * step, a + (i + 1) * step, 0.0, True)
    return times


def _fill(audio: Audio, starts: list[float]):
    episode = from_string(SAID).episode
    words = [w.text for w in episode.words()]
    assert len(words) == len(starts)
    sentence_of = [k for k, s in enumerate(episode.turns[0].sentences) for _ in s.words]
    tokens = [Token(w.strip(",.").lower(), k, sentence_of[k], k == 0) for k, w in enumerate(words)]
    return fill_unplaced(_times(starts, audio.duration), tokens, episode, audio, "en")


def test_an_interpolated_english_run_is_placed_from_the_audio() -> None:
    audio, starts = _speech(SAID)
    times, stretches = _fill(audio, starts)
    assert stretches and sum(n for _, _, n in stretches) == len(RUN)
    assert not any(times[k].interpolated for k in RUN)
    # Against eSpeak NG's own word events; "better." at the sentence end came 0.25 s late.
    errors = sorted(abs(times[k].start - starts[k]) for k in RUN)
    assert errors[len(errors) // 2] <= 0.05 and errors[-1] <= 0.3, errors


def test_a_run_over_other_words_stays_interpolated() -> None:
    audio, _ = _speech(OTHER)
    _, starts = _speech(SAID)  # the transcript's words claimed where they would be, over other speech
    starts = [min(s, audio.duration - 0.5) for s in starts]
    times, stretches = _fill(audio, starts)
    assert stretches == ()
    assert all(times[k].interpolated for k in RUN)


def test_words_left_interpolated_are_spread_again_between_their_placed_neighbours() -> None:
    """A run of five words ("we also dim the midnight"), of which DTW placed only the last, early:
    the four left interpolated (still where they were spread before, after it) move in front of
    it, in order."""
    from audiokit.align.dtw_fill import _Fixed, _respread

    tokens = [Token(text, k, 0, k == 0) for k, text in enumerate(["dark", "we", "also", "dim", "the", "midnight", "on"])]
    out = [TokenTime(1.0, 1.4, 0.9), *(TokenTime(2.0 + 0.1 * i, 2.1 + 0.1 * i, 0.0, True) for i in range(4)),
           TokenTime(1.6, 2.0, 0.6), TokenTime(2.6, 2.8, 0.9)]
    _respread(out, tokens, [1, 2, 3, 4, 5], _Fixed(1.0, 1.4), _Fixed(2.6, 2.8))
    starts = [t.start for t in out]
    assert starts == sorted(starts)
    assert [t.interpolated for t in out[1:6]] == [True, True, True, True, False]
    assert out[1].start == 1.4 and out[4].end == 1.6
