"""End to end: the pause path with a spoken sentence left out of the transcript.

The pause path (no recognition pass) must not stretch the next sentence over speech the
transcript lacks: the check finds the doubtful windows and only those are heard again. On the
opening minutes of the clean benchmark episode (skipped when ../shared is absent), whose truth
has every word's time.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from audiokit.align import at_pauses
from audiokit.align.aligner import align
from audiokit.align.energy import EnergyStretch
from audiokit.audio import Audio, decode
from audiokit.transcripts import load

SEED = Path(__file__).resolve().parents[2] / "shared" / "bench" / "seed-full"

pytestmark = [pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed"),
              pytest.mark.skipif(not (SEED / "truth.json").exists(), reason="../shared/bench is absent")]


def _left_out_excerpt():
    """The opening two minutes or so, the audio cut in the pause after their last turn, with a
    short sentence spoken but left out of the transcript (a reply an editor drops): the episode,
    its audio, the truth, and where the sentence was (turn, sentence)."""
    truth = json.loads((SEED / "truth.json").read_text(encoding="utf-8"))
    episode = load(SEED / "transcript.txt").episode
    assert len(episode.turns) == len(truth["turns"])
    k = next(i for i, t in enumerate(truth["turns"]) if t["end"] >= 120.0) + 1
    end = (truth["turns"][k - 1]["end"] + truth["turns"][k]["start"]) / 2
    full = decode(SEED / "episode.flac")
    audio = Audio(full.samples[: round(end * full.rate)], full.rate)
    # Not the first of its turn, in the middle of the excerpt.
    short = [(i, j) for i, turn in enumerate(episode.turns[:k])
             for j, s in enumerate(turn.sentences) if 0 < j < len(turn.sentences) - 1 and 2 <= len(s.words) <= 6]
    assert short, "no short sentence inside a turn to leave out"
    i, j = short[len(short) // 2]
    turns = list(episode.turns[:k])
    turns[i] = replace(turns[i], sentences=turns[i].sentences[:j] + turns[i].sentences[j + 1:])
    return replace(episode, turns=tuple(turns)), audio, truth, (i, j)


def test_a_sentence_left_out_is_heard_again_not_stretched_over():
    # The sentence after the one left out must start where it was spoken, not over the speech
    # nobody wrote down.
    episode, audio, truth, (i, j) = _left_out_excerpt()
    result = align(episode, audio, workers=2)
    assert result.report.method.startswith(at_pauses.METHOD)
    assert "doubtful stretches" in result.report.method  # the left-out speech was noticed
    after = result.episode.turns[i].sentences[j].words[0]
    spoken = truth["turns"][i]["sentences"][j + 1]["tokens"][0]
    assert after.text == spoken["text"] and after.start is not None
    assert abs(after.start - spoken["start"]) <= 0.1


class _Guarded(np.ndarray):
    """An energy array that records every frame range read outside the frames it was sent."""

    sent: tuple[int, int]
    outside: list[tuple[int, int]]

    def __getitem__(self, key):
        lo, hi = self.sent
        if isinstance(key, slice):
            a, b = key.indices(len(self))[:2]
        else:
            a = int(key) % len(self)
            b = a + 1
        if b > a and (a < lo or b > hi):
            self.outside.append((a, b))
        return np.asarray(self)[key]


def test_a_stretch_reads_only_the_energy_it_is_sent(monkeypatch):
    """Each re-heard stretch is sent only its own frames of the episode's energy: the anchored
    path over it must read no other frame (a read outside would see NaN, not the audio's energy)."""
    episode, audio, _, _ = _left_out_excerpt()
    sent, outside = [], []
    whole = EnergyStretch.whole

    def guarded(self):
        array = whole(self).view(_Guarded)
        array.sent, array.outside = (self.first, self.first + len(self.values)), outside
        sent.append(array.sent)
        return array

    monkeypatch.setattr(EnergyStretch, "whole", guarded)
    result = align(episode, audio, workers=1)  # one process: the stretches run here
    assert "doubtful stretches" in result.report.method
    assert sent and outside == []
