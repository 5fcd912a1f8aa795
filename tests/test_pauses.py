"""Sentence boundaries put in pauses (audiokit.align.pauses): pure logic on synthetic energy."""

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.align.pauses import pause_cuts, uncovered_speech

LOUD, QUIET, THRESHOLD = -20.0, -80.0, -50.0


def episode(sentences: list[tuple[int, list[int]]], gap: int, lead: int = 30) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Frames of speech for each sentence (its pieces, split by short breaths of 16 frames),
    ``gap`` quiet frames between sentences; and each sentence's true frame span."""
    frames, spans = [QUIET] * lead, []
    for k, (_, pieces) in enumerate(sentences):
        start = len(frames)
        for j, n in enumerate(pieces):
            if j:
                frames += [QUIET] * 16
            frames += [LOUD] * n
        spans.append((start, len(frames)))
        frames += [QUIET] * (gap if k < len(sentences) - 1 else lead)
    return np.array(frames), spans


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(30, 300), min_size=1, max_size=3), min_size=1, max_size=12),
       st.integers(35, 120))
def test_cuts_fall_in_the_pauses_between_sentences(pieces, gap):
    # Weights exactly proportional to speech: every cut must land in a pause between sentences,
    # never in a breath inside one (breaths are shorter than the gaps).
    sentences = [(sum(p), p) for p in pieces]
    db, spans = episode(sentences, gap)
    cuts = pause_cuts([w for w, _ in sentences], db, THRESHOLD)
    assert len(cuts) == len(sentences)
    for (a, b), (s, e) in zip(cuts, spans):
        assert a <= s * 0.01 + 1e-9 and b >= e * 0.01 - 1e-9
    for (_, end), (start, _) in itertools.pairwise(cuts):
        assert end == start


def test_no_speech_or_too_few_pauses_give_no_cuts():
    assert pause_cuts([5, 5], np.full(100, QUIET), THRESHOLD) == []
    assert pause_cuts([], np.full(100, LOUD), THRESHOLD) == []
    # Three sentences but one pause: they cannot all be cut apart.
    db, _ = episode([(50, [50]), (50, [50])], 40)
    assert pause_cuts([5, 5, 5], db, THRESHOLD) == []


def test_a_missing_sentence_is_absorbed_not_detected():
    # Why the caller must verify: speech the transcript lacks still gets cuts.
    db, _ = episode([(100, [100]), (100, [100]), (100, [100])], 50)
    assert len(pause_cuts([100, 100], db, THRESHOLD)) == 2


def test_uncovered_speech_counts_loud_frames_outside_words():
    db = np.array([QUIET] * 10 + [LOUD] * 80 + [QUIET] * 10)
    assert uncovered_speech(db, THRESHOLD, 0.0, 1.0, [(0.1, 0.9)]) == 0.0
    assert uncovered_speech(db, THRESHOLD, 0.0, 1.0, [(0.1, 0.5)]) == 0.4
    assert uncovered_speech(db, THRESHOLD, 0.0, 1.0, []) == 0.8
    assert uncovered_speech(db, THRESHOLD, 0.5, 0.5, []) == 0.0
