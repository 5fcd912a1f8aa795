"""Stems and split gain (audiokit.chapters.cohesion): pure logic."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.chapters.cohesion import PREFIX, split_gain, stem, stems


def test_stem_lemmatises_known_languages():
    assert stem("trhu", "cs") == stem("trhy", "cs") == "trh"
    assert stem("meetings", "en") == "meeting"
    assert stem("рынке", "ru") == stem("рынок", "ru")


def test_stem_falls_back_to_a_prefix_without_counting_marks():
    assert stem("etxeetan", "eu") == "etxee"
    assert len(stem("abcdefgh", "xx")) == PREFIX
    # Devanagari: vowel signs and the virama are marks, kept with their letter.
    word = "कि" * 7
    assert stem(word, "xx") == "कि" * PREFIX


def test_stems_keeps_shape():
    assert stems([["trhy", "ceny"], []], "cs") == [["trh", "cena"], []]


def test_split_gain_peaks_where_vocabulary_changes():
    counts = np.zeros((12, 4))
    counts[:6, 0] = 3
    counts[:6, 1] = 1
    counts[6:, 2] = 3
    counts[6:, 3] = 1
    gain = split_gain(counts, counts.sum(axis=1), 12.0)
    assert gain[0] == 0
    assert int(np.argmax(gain)) == 6


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.integers(0, 3), min_size=5, max_size=5), min_size=0, max_size=20),
       st.floats(1.0, 50.0))
def test_split_gain_is_finite_and_mirror_symmetric(rows, window):
    counts = np.array(rows, dtype=float).reshape(len(rows), 5)
    weights = np.maximum(counts.sum(axis=1), 0.5)
    gain = split_gain(counts, weights, window)
    assert gain.shape == (len(rows),) and np.all(np.isfinite(gain))
    if len(rows) >= 2:
        mirrored = split_gain(counts[::-1], weights[::-1], window)
        assert np.allclose(gain[1:], mirrored[1:][::-1])
