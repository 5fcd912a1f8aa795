"""End to end: the pause path on the sample episode with a spoken sentence left out of its transcript.

The pause path (no recognition pass) must not stretch the next sentence over speech the
transcript lacks: the check finds the doubtful windows and only those are heard again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from audiokit.align import at_pauses
from audiokit.align.aligner import align
from audiokit.align.energy import frame_energy
from audiokit.audio import decode
from audiokit.transcripts import from_string

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_AUDIO = ROOT / "samples" / "episode.mp3"
SAMPLE_TEXT = ROOT / "samples" / "episode.txt"
TRUTH = json.loads((ROOT / "samples" / "episode.truth.json").read_text())

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")


def test_a_sentence_left_out_is_heard_again_not_stretched_over():
    audio = decode(SAMPLE_AUDIO)
    if not at_pauses.eligible("en", False, frame_energy(audio.samples, audio.rate), audio.duration):
        pytest.skip("the sample's background is not quiet: the pause path does not apply")
    text = SAMPLE_TEXT.read_text(encoding="utf-8")
    episode = from_string(text).episode
    assert len(episode.turns) == len(TRUTH["turns"])
    # The last sentence of a turn in the middle of the episode, short (a reply an editor drops),
    # followed by another speaker's turn whose true start we know.
    candidates = [(i, " ".join(w.text for w in turn.sentences[-1].words))
                  for i, turn in enumerate(episode.turns[1:-1], 1)
                  if len(turn.sentences) > 1 and 2 <= len(turn.sentences[-1].words) <= 8]
    candidates = [(i, s) for i, s in candidates if text.count(s) == 1]
    if not candidates:
        pytest.skip("no short closing sentence to leave out")
    turn, sentence = candidates[len(candidates) // 2]
    edited = from_string(text.replace(" " + sentence, "", 1)).episode
    result = align(edited, audio, workers=2)
    assert result.report.method.startswith(at_pauses.METHOD)
    assert "doubtful stretches" in result.report.method  # the left-out speech was noticed
    start = result.episode.turns[turn + 1].span
    assert start is not None
    assert abs(start.start - TRUTH["turns"][turn + 1]["start"]) <= 0.25
