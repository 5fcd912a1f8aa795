"""eSpeak NG + DTW end to end: a Russian clip spoken by eSpeak NG voices the English acoustic
model hears poorly is aligned with DTW filling what pocketsphinx leaves; the whole-episode DTW
method refuses a transcript of other audio and leaves out a preamble read as a turn."""

from __future__ import annotations

import ctypes.util
import shutil

import numpy as np
import pytest

from audiokit.align import dtw_episode, synth
from audiokit.align.aligner import align
from audiokit.align.report import Report
from audiokit.audio import RATE, Audio
from audiokit.errors import MismatchError
from audiokit.transcripts import from_string, with_language

pytestmark = [
    pytest.mark.skipif(ctypes.util.find_library("espeak-ng") is None or shutil.which("espeak-ng") is None,
                       reason="eSpeak NG is not installed"),
]

TURNS = [
    ("Анна Соколова", "ru+f2", 150, "Добрый вечер, друзья! Сегодня мы говорим о погоде в Москве и о том, как она меняется."),
    ("Игорь Волков", "ru+m3", 165, "Спасибо, Анна. Зима в этом году была тёплой, а весна пришла на две недели раньше."),
]
OTHER = "Марко: Вчера вечером я читал книгу о старых кораблях и морских путешествиях через океан."
GAP = 0.8


def _speak(voice: str, wpm: int, text: str) -> tuple[np.ndarray, list[float]]:
    speech = synth.speak(text.split(), voice, rate=wpm)
    n = int(len(speech.samples) * RATE / speech.rate)
    samples = np.interp(np.arange(n) * speech.rate / RATE, np.arange(len(speech.samples)),
                        speech.samples.astype(np.float64)).astype(np.int16)
    return samples, [s for s in speech.starts if s is not None]


@pytest.fixture(scope="module")
def russian() -> tuple[Audio, list[float], str]:
    """Two turns by eSpeak NG variants (not the voice the aligner synthesises with), with pauses."""
    silence = np.zeros(int(GAP * RATE), np.int16)
    pieces, starts, t = [silence], [], GAP
    for _, voice, wpm, text in TURNS:
        samples, _ = _speak(voice, wpm, text)
        starts.append(t)
        pieces += [samples, silence]
        t += len(samples) / RATE + GAP
    text = "\n".join(f"{name}: {said}" for name, _, _, said in TURNS)
    return Audio(np.concatenate(pieces), RATE), starts, text


def test_dtw_places_what_pocketsphinx_cannot(russian) -> None:
    audio, starts, text = russian
    episode = with_language(from_string(text)).episode
    report = align(episode, audio, workers=1).report
    assert report.language == "ru"
    placed_by_sphinx = report.placed - report.interpolated - report.dtw_words
    assert report.coverage >= 0.9 and report.coverage * report.words > placed_by_sphinx
    assert "dynamic time warping" in report.summary()
    result = align(episode, audio, workers=1)
    assert all(w.timed for w in result.episode.words())
    for turn, start in zip(result.episode.turns, starts, strict=True):
        assert abs(turn.start - start) <= 0.25


def test_whole_episode_dtw_refuses_a_transcript_of_other_audio(russian) -> None:
    audio, _, _ = russian
    episode = with_language(from_string(OTHER), "ru").episode
    with pytest.raises(MismatchError, match="does not match"):
        dtw_episode.align_episode(episode, audio)


def test_whole_episode_dtw_leaves_out_an_unspoken_opening(russian) -> None:
    """A first sentence that was never spoken (say, a note for the producer) is left out."""
    audio, starts, text = russian
    name, said = text.split(": ", 1)
    unspoken = "Этот выпуск подготовлен при поддержке нашего клуба любителей метеорологии и географии."
    episode = with_language(from_string(f"{name}: {unspoken} {said}"), "ru").episode
    aligned, report = dtw_episode.align_episode(episode, audio)
    first = aligned.turns[0].sentences[0]
    assert " ".join(w.text for w in first.words) == unspoken
    assert all(w.start is None for w in first.words) and report.absent
    later = [aligned.turns[0].sentences[1].words[0].start, aligned.turns[1].start]
    assert all(abs(a - b) <= 0.25 for a, b in zip(later, starts, strict=True))
    assert "whole episode" in report.method


def test_report_says_how_many_words_dtw_placed() -> None:
    r = Report(words=10, placed=10, interpolated=0, absent=(), extra_audio=(), silences=(), duration=75.0,
               method="pocketsphinx", dtw=((3.0, 4.5, 3), (61.0, 62.0, 1)))
    assert "4 of the words placed from the audio were placed by eSpeak NG" in r.summary()
    assert "0:03-0:04, 1:01-1:02" in r.summary() and r.to_dict()["dtw_words"] == 4
