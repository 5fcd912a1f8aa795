"""Pure pieces of the aligner: energy, edge trimming, recognition chunks, TextGrid, report."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from audiokit.align.aligner import spoken_episode
from audiokit.align.anchored import recognition_chunks
from audiokit.align.energy import frame_energy, hidden_pauses, quiet_runs, quietest, tighten, tighten_edges
from audiokit.align.lexicon import Lexicon
from audiokit.align.report import Report, absent_passages
from audiokit.align.textgrid import to_textgrid
from audiokit.model import Episode, Phone, Sentence, Turn, Word


def tone(seconds: float, rate: int = 16000, amp: float = 8000) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * 220 * t) * amp).astype(np.int16)


def test_frame_energy_separates_tone_and_silence():
    samples = np.concatenate([tone(0.5), np.zeros(8000, np.int16), tone(0.5)])
    db = frame_energy(samples, 16000)
    assert len(db) == 150
    assert db[:50].min() > -20 and db[50:100].max() < -90
    assert 0.5 <= quietest(db, 0.2, 1.3) <= 1.0
    assert quiet_runs(db, -50, 0.3) == [(0.5, 1.0)]


def test_tighten_moves_edges_off_background_only():
    db = np.array([-70] * 20 + [-20] * 30 + [-70] * 20, np.float32)
    assert tighten(0.0, 0.7, db) == (0.2, 0.5)
    assert tighten(0.2, 0.5, db) == (0.2, 0.5)  # already tight
    noisy = np.array([-35] * 20 + [-20] * 30, np.float32)  # noise within 30 dB of speech
    assert tighten(0.0, 0.5, noisy) == (0.0, 0.5)


def test_a_pause_hidden_between_two_words_in_noise_is_found_at_the_background_level():
    # 25 dB SNR: the pause sits at the noise floor, under 30 dB below the words, so only the
    # recording's background level tells it; a weak burst after a pause that is not hidden
    # (the words do not touch) is left alone, and so is a short closure inside a phrase.
    db = np.array([-15] * 30 + [-44, -46] * 15 + [-15] * 30, np.float32)
    words = [(0.0, 0.4), (0.4, 0.9)]
    assert tighten_edges(words, db, hidden=True) == words
    assert tighten_edges(words, db, hidden=True, floor=-40.0) == [(0.0, 0.3), (0.6, 0.9)]
    burst = np.array([-45] * 30 + [-38] * 2 + [-43] * 3 + [-15] * 30, np.float32)
    assert tighten_edges([(0.0, 0.05), (0.25, 0.65)], burst, hidden=True, weak=True, floor=-40.0)[1] == (0.25, 0.65)
    closure = np.array([-15] * 30 + [-45] * 8 + [-15] * 30, np.float32)
    assert tighten_edges([(0.0, 0.34), (0.34, 0.68)], closure, hidden=True, floor=-40.0) == [(0.0, 0.34), (0.34, 0.68)]


def test_a_word_keeping_a_long_stretch_of_a_noisy_pause_it_borders_is_tightened():
    # 25 dB SNR: the aligner left a pause between the words but gave the second most of it. Only
    # a stretch of LONG_BACKGROUND or more under the background level is trimmed, on either edge;
    # a short one (a stop's closure, a weak onset) stays with its word; no floor, no change.
    quiet, loud = [-44, -46], [-15]
    db = np.array(loud * 30 + quiet * 20 + loud * 30 + quiet * 20, np.float32)
    words = [(0.0, 0.35), (0.4, 1.0)]
    assert tighten_edges(words, db, hidden=True, floor=-40.0) == [(0.0, 0.35), (0.7, 1.0)]  # 0.05 s: kept
    assert tighten_edges(words, db, hidden=True) == tighten_edges(words, db) == words
    assert tighten_edges([(0.0, 0.3), (0.7, 1.25)], db, hidden=True, floor=-40.0) == [(0.0, 0.3), (0.7, 1.0)]
    short = [(0.0, 0.3), (0.58, 1.0)]  # 0.12 s under the floor at the start: kept
    assert tighten_edges(short, db, hidden=True, floor=-40.0) == short
    weak = np.array(loud * 30 + [-45] * 10 + [-38] * 2 + [-43] * 3 + loud * 30, np.float32)
    assert tighten_edges([(0.0, 0.3), (0.35, 0.75)], weak, hidden=True, weak=True, floor=-40.0)[1] == (0.35, 0.75)


def test_a_pause_hidden_between_two_words_is_found_only_when_asked():
    # speech, 0.3 s of pause, speech; the aligner gave the pause to the two words (they touch).
    db = np.array([-20] * 30 + [-70] * 30 + [-20] * 30, np.float32)
    words = [(0.0, 0.4), (0.4, 0.9)]
    assert tighten_edges(words, db) == words  # English: words that touch border no pause
    assert tighten_edges(words, db, hidden=True) == [(0.0, 0.3), (0.6, 0.9)]
    assert tighten_edges(words, db, keep={1}, hidden=True) == words  # interpolated: left alone
    assert hidden_pauses([(0.0, 0.4), None, (0.4, 0.9)], db) == set()
    # a stop closure (0.08 s of quiet inside a phrase) is not a pause
    closure = np.array([-20] * 30 + [-70] * 8 + [-20] * 30, np.float32)
    assert hidden_pauses([(0.0, 0.34), (0.34, 0.68)], closure) == set()
    # edges at real pauses are tightened as before, with or without the hidden ones
    apart = [(0.0, 0.35), (0.55, 0.9)]
    assert tighten_edges(apart, db) == tighten_edges(apart, db, hidden=True) == [(0.0, 0.3), (0.6, 0.9)]


@given(st.floats(min_value=0.5, max_value=400.0))
def test_recognition_chunks_tile_the_audio(duration):
    db = np.zeros(int(duration * 100), np.float32)
    chunks = recognition_chunks(db, duration)
    assert chunks[0][0] == 0.0 and chunks[-1][1] == duration
    for (a, b), (c, d) in itertools.pairwise(chunks):
        assert b == c and a < b
    assert all(b - a <= 45.0 + 1e-6 for a, b in chunks)


def test_spoken_episode_links_tokens_to_words():
    words = tuple(Word(t) for t in ["In", "2024,", "GPT-4", "cost", "$12", "—", "ok."])
    ep = Episode((Turn("Ann", (Sentence(words),)),))
    forms, tokens = spoken_episode(ep, Lexicon.load())
    assert forms[1] == ("twenty", "twenty", "four")
    assert forms[2] == ("g", "p", "t", "four")
    assert forms[4] == ("twelve", "dollars")
    assert forms[5] == ()
    assert [t.text for t in tokens if t.word == 2] == ["g", "p", "t", "four"]
    assert tokens[0].turn_start and not tokens[1].turn_start


def episode_with_gap() -> Episode:
    timed = Sentence((Word("Hello", 0.5, 0.9), Word("there.", 1.0, 1.4)))
    missing = Sentence((Word("Never", None, None), Word("said.", None, None)))
    hi = Word("Hi.", 2.0, 2.3, phones=(Phone("HH", 2.0, 2.1), Phone("AY", 2.1, 2.3)))
    return Episode((Turn("Ann", (timed, missing)), Turn("Bob", (Sentence((hi,)),))))


def test_absent_passages_name_turn_and_position():
    [p] = absent_passages(episode_with_gap())
    assert (p.turn, p.speaker, p.first_word, p.last_word, p.text, p.after) == (0, "Ann", 2, 3, "Never said.", 1.4)


def test_punctuation_written_apart_is_never_an_absent_passage():
    # French typography puts a space before ? ! : and inside « »: those tokens are not words, so a
    # "?" left untimed before a passage the aligner missed is not listed as speech not found.
    ep = Episode((Turn("Ann", (Sentence((Word("vélos", 0.0, 0.5), Word("?"))),)),
                  Turn("Ben", (Sentence((Word("Non", 1.0, 1.2), Word("!"))), Sentence((Word("Jamais"), Word("»")))))))
    assert [p.text for p in absent_passages(ep)] == ["Jamais"]


def test_many_words_judged_never_spoken_are_warned_of():
    # 30 of 100 words judged never spoken: 70% coverage passes the low-coverage test, but a third of
    # the transcript without times must not pass without a word.
    few = Report(words=100, placed=95, interpolated=0, absent=(), extra_audio=(), silences=(), duration=60.0,
                 absent_words=5)
    many = replace(few, placed=70, absent_words=30)
    assert few.warnings == ()
    assert len(many.warnings) == 1 and "30 of the transcript's 100 words (30%)" in many.warnings[0]


def test_report_summary_and_low_coverage_warning():
    r = Report(words=4, placed=1, interpolated=0, absent=absent_passages(episode_with_gap()), extra_audio=(),
               silences=(), duration=10.0)
    assert "aligned 1 of 4 words from the audio (25.0%)" in r.summary()
    assert "Never said." in r.summary()
    assert r.warnings and "other audio" in r.warnings[0]
    assert r.to_dict()["coverage"] == 0.25


def test_words_judged_never_spoken_leave_the_spoken_share_but_stay_listed():
    # Two of four words are a sentence judged never spoken: the share of spoken words placed
    # leaves them out, the share of the transcript keeps them, and the passage is still named.
    r = Report(words=4, placed=2, interpolated=0, absent=absent_passages(episode_with_gap()), extra_audio=(),
               silences=(), duration=10.0, absent_words=2)
    assert r.spoken_coverage == 1.0 and r.coverage == 0.5
    text = r.summary()
    assert "aligned 2 of the 2 words judged spoken from the audio (100.0%; 50.0% of all 4 transcript words)" in text
    assert "Never said." in text and "judged never spoken" in text
    assert r.to_dict()["spoken_coverage"] == 1.0 and r.to_dict()["coverage"] == 0.5
    # A word unplaced for another reason stays in the spoken share's total.
    assert replace(r, placed=1, absent_words=1).spoken_coverage == 1 / 3


def test_textgrid_tiers_cover_the_whole_range():
    text = to_textgrid(episode_with_gap(), duration=3.0)
    assert text.startswith('File type = "ooTextFile"')
    assert 'name = "words"' in text and 'name = "phones"' in text
    assert 'text = "Hello"' in text and 'text = "AY"' in text
    assert "Never" not in text
    assert text.count("xmax = 3.000") >= 3


def test_a_weak_onset_next_to_a_pause_stays_with_its_word_only_when_asked():
    # pause, 30 ms of a weak burst (40 dB below the vowel, 40 dB above the pause), the vowel
    db = np.array([-95] * 20 + [-55] * 3 + [-15] * 20 + [-95] * 10, np.float32)
    word = [(0.1, 0.48)]
    assert tighten_edges(word, db) == [(0.23, 0.43)]  # English: the burst is cut off
    assert tighten_edges(word, db, weak=True) == [(0.2, 0.43)]
    # a long weak stretch (a breath) keeps only its last frames before the word
    breath = np.array([-95] * 10 + [-55] * 20 + [-15] * 20, np.float32)
    assert tighten_edges([(0.0, 0.5)], breath, weak=True) == [(0.26, 0.5)]
    # in noise nothing stands 20 dB above the floor: as before
    noisy = np.array([-40] * 10 + [-30] * 3 + [-15] * 20, np.float32)
    assert tighten_edges([(0.0, 0.33)], noisy, weak=True) == tighten_edges([(0.0, 0.33)], noisy)



def test_no_more_worker_processes_than_cores(monkeypatch):
    """The result is the same whatever --workers says, so more processes than cores would only
    hold more copies of the decoder (200 of them for --workers 200)."""
    import contextlib
    import os

    from audiokit.align import aligner
    from audiokit.audio import Audio

    asked: list[int] = []

    class Stop(Exception):
        pass

    @contextlib.contextmanager
    def jobs(audio, workers):  # type: ignore[no-untyped-def]
        asked.append(workers)
        raise Stop
        yield

    monkeypatch.setattr(aligner, "jobs", jobs)
    episode = Episode((Turn("Ann", (Sentence((Word("Hello"), Word("there."))),)),))
    audio = Audio(np.zeros(16000, dtype=np.int16), 16000)
    for given_workers in (1, 10_000):
        try:
            aligner.align(episode, audio, workers=given_workers)
        except Stop:
            pass
    assert asked == [1, min(10_000, os.cpu_count() or 1)]
