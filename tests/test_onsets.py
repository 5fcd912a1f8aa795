"""audiokit/align/onsets.py: a sentence's first word begins at the end of the last pause before
the rest of its sentence (pure; pauses given as a function, as the aligner gives them from energy)."""

from __future__ import annotations

import doctest

import numpy as np

from audiokit.align import onsets
from audiokit.align.energy import pauses as energy_pauses
from audiokit.align.onsets import LATE_FROM, LATE_SOUND, sentence_onsets


def _pauses(*found: tuple[float, float]):
    """pauses(a, b) over a fixed list, as energy.pauses answers: begun before b, ending after a."""
    return lambda a, b: [(max(p, a), q) for p, q in found if p < b and q > a]


def _run(spans, sentences, words=None, texts=None, found=(), keep=()):
    words = words if words is not None else list(range(len(spans)))
    texts = texts or {}
    return sentence_onsets(spans, sentences, words, lambda w: texts.get(w, "x"), _pauses(*found), keep)


def test_doctests() -> None:
    assert doctest.testmod(onsets).failed == 0


def test_first_word_detached_over_music_joins_its_sentence() -> None:
    # "Buongiorno" forced over the intro music at 8.0-9.2; the speech starts after a pause ending at 12.6.
    spans = [(8.0, 9.2), (13.1, 13.2), (13.2, 13.8)]
    got = _run(spans, [0, 0, 0], found=[(9.3, 10.0), (11.9, 12.6)])
    assert got[0] == (12.6, 13.1) and got[1:] == spans[1:]


def test_one_sound_word_at_the_pause_start_moves_to_its_end() -> None:
    # "клубнику." ends 53.51, "В" forced 53.51-53.54 at the pause's start, "прошлом" 53.84.
    spans = [(52.7, 53.51), (53.51, 53.54), (53.84, 54.6)]
    got = _run(spans, [0, 1, 1], found=[(53.55, 53.70)])
    assert got[1] == (53.7, 53.84) and got[0] == spans[0] and got[2] == spans[2]


def test_first_word_stretched_back_over_the_pause_starts_after_it() -> None:
    spans = [(1.0, 2.0), (2.0, 3.0), (3.0, 3.4)]
    got = _run(spans, [0, 1, 1], found=[(2.1, 2.5)])
    assert got[1] == (2.5, 3.0)


def test_late_first_word_takes_its_unclaimed_onset_but_not_long_sound() -> None:
    spans = [(1.0, 2.0), (2.8, 3.2), (3.2, 3.6)]
    assert _run(spans, [0, 1, 1], found=[(2.0, 2.3)])[1] == (2.3, 3.2)
    # More unclaimed sound than a word's onset: perhaps speech the transcript lacks; left alone.
    far = [(1.0, 2.0), (2.3 + LATE_SOUND + 0.2, 3.6), (3.6, 4.0)]
    assert _run(far, [0, 1, 1], found=[(2.0, 2.3)]) == far
    # A start just after the pause is the word's own rise: kept (the clean sets' starts stay).
    near = [(1.0, 2.0), (2.3 + LATE_FROM - 0.05, 3.6), (3.6, 4.0)]
    assert _run(near, [0, 1, 1], found=[(2.0, 2.3)]) == near


def test_written_pause_one_word_sentences_interpolated_and_no_pause_are_left_alone() -> None:
    spans = [(1.0, 2.0), (2.0, 2.4), (3.0, 3.4)]
    found = [(2.4, 2.9)]
    assert _run(spans, [0, 1, 1], texts={1: "Sì,"}, found=found) == spans  # "Sì," then a pause: written
    assert _run(spans, [0, 1, 2], found=found) == spans  # one-word sentence: no next word to join
    assert _run(spans, [0, 1, 1], found=found, keep={1}) == spans  # interpolated: not the aligner's
    assert _run(spans, [0, 1, 1], found=[]) == spans
    assert _run([(1.0, 2.0), None, (3.0, 3.4)], [0, 1, 1], found=found) == [(1.0, 2.0), None, (3.0, 3.4)]


def test_short_pause_inside_the_word_is_no_boundary() -> None:
    # A 0.1 s stretch under the background inside the first word (a geminate's closure) is kept.
    spans = [(1.0, 2.0), (2.0, 2.6), (2.6, 3.0)]
    assert _run(spans, [0, 1, 1], found=[(2.2, 2.3)]) == spans


def test_a_first_word_of_several_tokens_moves_whole() -> None:
    # "2011" spoken as three tokens, forced before the pause; the next word at 5.0.
    spans = [(1.0, 1.5), (1.5, 1.8), (1.8, 2.0), (5.0, 5.4)]
    got = _run(spans, [0, 0, 0, 0], words=[0, 0, 0, 1], found=[(2.0, 4.0)])
    assert got[0][0] == 4.0 and got[2][1] == 5.0
    assert all(a < b for a, b in got[:3]) and [g[1] for g in got[:2]] == [g[0] for g in got[1:3]]


def test_with_energy_pauses() -> None:
    """The aligner's pauses: 10 ms frames under the background level for 0.1 s or more."""
    db = np.array([-20.0] * 100 + [-60.0] * 30 + [-20.0] * 100, np.float32)  # a pause at 1.0-1.3 s
    spans = [(0.2, 0.9), (0.9, 0.95), (1.4, 2.0)]  # the second sentence's first word at the pause start
    got = sentence_onsets(spans, [0, 1, 1], [0, 1, 2], lambda w: "x", lambda a, b: energy_pauses(db, a, b, -40.0))
    assert abs(got[1][0] - 1.3) < 0.03 and got[1][1] == 1.4


def test_a_word_never_grows_far_beyond_what_its_letters_take() -> None:
    # The pause before "У" went unfound; the last one found lies inside the left-out speech before it:
    # "У" would take 0.35 s of that speech.
    spans = [(38.0, 39.6), (41.45, 41.56), (41.91, 42.27), (42.27, 42.8)]
    letters = [5, 1, 4, 9]
    got = sentence_onsets(spans, [0, 1, 1, 1], [0, 1, 2, 3], lambda w: "x", _pauses((40.84, 41.10)), (), letters)
    assert got == spans
    # A longer word may take the same stretch.
    letters = [5, 10, 4, 9]
    got = sentence_onsets(spans, [0, 1, 1, 1], [0, 1, 2, 3], lambda w: "x", _pauses((40.84, 41.10)), (), letters)
    assert got[1] == (41.1, 41.56)  # begun late: takes the sound back to the pause


def test_a_start_a_little_inside_the_pause_is_kept() -> None:
    spans = [(1.0, 2.0), (2.47, 3.0), (3.0, 3.4)]  # 30 ms inside a pause ending at 2.5: the smoothing's margin
    assert _run(spans, [0, 1, 1], found=[(2.1, 2.5)]) == spans


def test_one_sound_word_whose_next_word_took_its_sound_gets_its_usual_length_after_the_pause() -> None:
    # "дача" (left out) ends 41.62, a pause to 41.92; "У" forced 41.445-41.565 over "дача", and
    # "моих" from 41.915, where the pause ends: "У" gets its usual length after the pause.
    spans = [(39.2, 39.6), (41.445, 41.565), (41.915, 42.265), (42.265, 42.8)]
    letters = [4, 1, 4, 9]
    got = sentence_onsets(spans, [0, 1, 1, 1], [0, 1, 2, 3], lambda w: "x", _pauses((39.7, 40.3), (41.62, 41.92)),
                          letters=letters)
    assert got[1] is not None and got[2] is not None
    assert got[1][0] == 41.92 and 0.03 <= got[1][1] - got[1][0] <= 0.12 + 1e-9
    assert got[2] == (got[1][1], 42.265) and got[3] == spans[3]


def test_a_word_with_room_after_the_pause_is_not_touched_by_the_next_word_rule() -> None:
    # The pause ends 0.3 s before the next word: the first word fills the room (no usual length).
    spans = [(1.0, 2.0), (2.1, 2.2), (2.8, 3.4)]
    got = _run(spans, [0, 1, 1], found=[(2.3, 2.5)])
    assert got[1] == (2.5, 2.8) and got[2] == spans[2]


def test_a_closure_at_the_next_words_start_is_no_pause_the_first_word_moves_to() -> None:
    # "В прошлом": a 0.13 s closure (the [p]) ends at "прошлом"'s start; "В" stays where it was.
    spans = [(57.9, 58.75), (59.115, 59.155), (59.155, 59.825)]
    got = _run(spans, [0, 1, 1], found=[(58.78, 58.97), (59.06, 59.19)])
    assert got == spans
