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

import pytest

from audiokit.align import at_pauses
from audiokit.align.aligner import align
from audiokit.audio import Audio, decode
from audiokit.transcripts import load

SEED = Path(__file__).resolve().parents[2] / "shared" / "bench" / "seed-full"

pytestmark = [pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed"),
              pytest.mark.skipif(not (SEED / "truth.json").exists(), reason="../shared/bench is absent")]


def test_a_sentence_left_out_is_heard_again_not_stretched_over():
    truth = json.loads((SEED / "truth.json").read_text(encoding="utf-8"))
    episode = load(SEED / "transcript.txt").episode
    assert len(episode.turns) == len(truth["turns"])
    # The turns of the first two minutes or so, the audio cut in the pause after the last of them.
    k = next(i for i, t in enumerate(truth["turns"]) if t["end"] >= 120.0) + 1
    end = (truth["turns"][k - 1]["end"] + truth["turns"][k]["start"]) / 2
    full = decode(SEED / "episode.flac")
    audio = Audio(full.samples[: round(end * full.rate)], full.rate)
    # A short sentence that is not the first of its turn (a reply an editor drops), spoken but
    # left out of the transcript, in the middle of the excerpt; the sentence after it must
    # start where it was spoken, not over the speech nobody wrote down.
    short = [(i, j) for i, turn in enumerate(episode.turns[:k])
             for j, s in enumerate(turn.sentences) if 0 < j < len(turn.sentences) - 1 and 2 <= len(s.words) <= 6]
    assert short, "no short sentence inside a turn to leave out"
    i, j = short[len(short) // 2]
    turns = list(episode.turns[:k])
    turns[i] = replace(turns[i], sentences=turns[i].sentences[:j] + turns[i].sentences[j + 1:])
    result = align(replace(episode, turns=tuple(turns)), audio, workers=2)
    assert result.report.method.startswith(at_pauses.METHOD)
    assert "doubtful stretches" in result.report.method  # the left-out speech was noticed
    after = result.episode.turns[i].sentences[j].words[0]
    spoken = truth["turns"][i]["sentences"][j + 1]["tokens"][0]
    assert after.text == spoken["text"] and after.start is not None
    assert abs(after.start - spoken["start"]) <= 0.1
