"""End to end in another language: an Italian clip spoken by eSpeak NG is aligned with the
language detected; an Italian transcript against English audio is refused; lang-it when
../shared is here."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from audiokit.align.aligner import align
from audiokit.audio import RATE, Audio, decode
from audiokit.errors import MismatchError
from audiokit.transcripts import from_string, load, with_language

ROOT = Path(__file__).resolve().parents[1]
LANG_IT = ROOT.parent / "shared" / "bench" / "lang-it"

pytestmark = [
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
    pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed"),
]

TURNS = [
    ("Giulia Ferri", "it+klatt", ("Buongiorno a tutti e benvenuti a questa puntata. Oggi parliamo del prezzo "
                                  "del caffè al bar, che nel 2019 costava un euro.")),
    ("Marco Bellini", "it+klatt4", ("Ciao Giulia! Adesso lo pago quasi un euro e mezzo, e secondo me è ancora "
                                    "una piccola pausa che vale la pena.")),
]
GAP = 0.8


@pytest.fixture(scope="module")
def italian(tmp_path_factory: pytest.TempPathFactory) -> tuple[Audio, list[float], str]:
    """Two turns spoken by eSpeak NG's Italian voices (Klatt synthesis, which the English
    acoustic model hears best of eSpeak NG's voices), with pauses; the true turn starts."""
    folder = tmp_path_factory.mktemp("it")
    silence = np.zeros(int(GAP * RATE), np.int16)
    pieces, starts, t = [silence], [], GAP
    for k, (_, voice, text) in enumerate(TURNS):
        wav = folder / f"turn{k}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", str(wav), text], check=True)
        spoken = decode(wav)
        starts.append(t)
        pieces += [spoken.samples, silence]
        t += spoken.duration + GAP
    text = "\n".join(f"{name}: {said}" for name, _, said in TURNS)
    return Audio(np.concatenate(pieces), RATE), starts, text


def test_italian_clip_aligns_with_the_language_detected(italian) -> None:
    audio, starts, text = italian
    transcript = with_language(from_string(text))
    assert transcript.language.detected and transcript.episode.metadata.language == "it"
    result = align(transcript.episode, audio, workers=1)
    report = result.report
    assert report.language == "it" and "Italian" in report.method
    # eSpeak NG's formant voices are far from the speech the English model was trained on:
    # most words, not all, are placed from the audio; none is left without a time.
    assert report.coverage >= 0.6
    assert all(w.timed for w in result.episode.words())
    for turn, start in zip(result.episode.turns, starts, strict=True):
        assert abs(turn.start - start) <= 0.25


def test_italian_transcript_on_english_audio_is_refused(italian) -> None:
    _, _, text = italian
    episode = with_language(from_string(text)).episode
    english = decode(ROOT / "samples" / "episode.mp3")
    minute = Audio(english.samples[: 60 * RATE], RATE)
    with pytest.raises(MismatchError, match="match the transcript|were heard"):
        align(episode, minute, workers=1)


@pytest.mark.skipif(not LANG_IT.is_dir(), reason="../shared/bench/lang-it is not here")
def test_lang_it_transcript_reads_like_its_truth() -> None:
    truth = json.loads((LANG_IT / "truth.json").read_text())
    episode = load(LANG_IT / "transcript.txt").episode
    assert episode.metadata.language == "it"
    assert [t.speaker for t in episode.turns] == [t["speaker"] for t in truth["turns"]]
