"""Pure segmentation and the find_chapters pipeline on small programmatic episodes."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.chapters import find_chapters
from audiokit.chapters.find import content_text
from audiokit.chapters.model import timed_sentences
from audiokit.chapters.segment import (
    Gap,
    automatic_count,
    boundary_scores,
    depth_scores,
    gap_similarity,
    opens_topic,
    segment,
    select,
)
from audiokit.errors import InputError
from audiokit.model import Episode, Sentence, Turn, Word

TOPICS = [
    "The transmitter tower needs a new antenna. Antenna repairs cost money. The tower crew climbs the mast.",
    "Volunteers schedule shifts with the app. The scheduling app sends reminders. Shifts swap in the app.",
    "Transcripts help deaf listeners. Captions and transcripts make episodes searchable. Write transcripts.",
]


def build_episode(paragraphs: list[str], speakers: tuple[str, ...] = ("Ann", "Ben"), rate: float = 0.4,
                  pause: float = 0.6) -> Episode:
    """One turn per paragraph, speakers alternating, words ``rate`` s apart."""
    turns, t = [], 0.5
    for k, para in enumerate(paragraphs):
        sentences = []
        for text in [s.strip() + "." for s in para.split(".") if s.strip()]:
            words = []
            for w in text.split():
                words.append(Word(w, round(t, 3), round(t + rate * 0.8, 3)))
                t += rate
            sentences.append(Sentence(tuple(words)))
        turns.append(Turn(speakers[k % len(speakers)], tuple(sentences)))
        t += pause
    return Episode(tuple(turns))


def long_episode(repeats: int = 4) -> Episode:
    return build_episode([TOPICS[i] for i in range(3) for _ in range(repeats)])


def test_gap_similarity_dips_at_topic_change():
    v = np.array([[1, 0]] * 5 + [[0, 1]] * 5, dtype=float)
    sim = gap_similarity(v, np.ones(10), window=3)
    assert sim[0] == 1.0
    assert int(np.argmin(sim)) == 5
    assert sim[2] == pytest.approx(1.0)


def test_depth_scores_peak_in_valley():
    depth = depth_scores(np.array([1.0, 0.9, 0.8, 0.2, 0.7, 0.9]))
    assert int(np.argmax(depth)) == 3
    assert depth[3] == pytest.approx(0.7 + 0.7)


def test_openers():
    assert opens_topic("Let’s move on to software.")
    assert opens_topic("Next question, and this one is for Priya.")
    assert opens_topic("We have another question from the chat")
    assert not opens_topic("The question of safety is open.")


def test_cues_raise_turn_starts_and_openers():
    gaps = [Gap(0, True, 0, False), Gap(10, False, 0.1, False), Gap(20, True, 0.1, False),
            Gap(30, True, 0.1, True)]
    scores = boundary_scores(np.zeros(4), gaps)
    assert scores[0] == 0
    assert scores[2] > scores[1]
    assert scores[3] > scores[2]


def test_opener_early_in_turn_lends_weight_to_turn_start():
    gaps = [Gap(0, True, 0, False), Gap(10, True, 0.1, False), Gap(13, False, 0.1, True)]
    scores = boundary_scores(np.zeros(3), gaps)
    assert scores[1] > 0.25 + 0.3


def test_select_respects_min_length_then_relaxes():
    scores = np.array([0, 0.9, 0.8, 0.1, 0.7])
    starts = [0, 10, 12, 30, 40]
    assert select(scores, starts, 50, 3, 5).tolist() == [0, 1, 4]
    assert select(scores, starts, 50, 5, 30).tolist() == [0, 1, 2, 3, 4]


def test_select_rejects_impossible_count():
    with pytest.raises(ValueError):
        select(np.zeros(3), [0, 1, 2], 3, 4, 0)


def test_automatic_count_stays_in_two_to_six_minute_range():
    starts = [i * 10.0 for i in range(360)]
    noisy = np.random.default_rng(1).random(360)
    n = automatic_count(noisy, starts, 3600.0, 30.0)
    assert 10 <= n <= 30


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 60),
    seed=st.integers(0, 10_000),
    count=st.integers(1, 60),
    min_length=st.floats(0, 120),
)
def test_segment_properties(n, seed, count, min_length):
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(n, 8))
    starts = np.cumsum(rng.uniform(0.5, 20, size=n))
    gaps = [Gap(float(s), bool(rng.random() < 0.3), float(rng.uniform(0, 2)), False) for s in starts]
    end = float(starts[-1] + 5)
    count = min(count, n)
    firsts = segment(vectors, np.ones(n), gaps, end, count, min_length)
    assert firsts[0] == 0
    assert len(firsts) == count
    assert firsts == sorted(set(firsts))
    auto = segment(vectors, np.ones(n), gaps, end, None, min_length)
    assert auto[0] == 0 and auto == sorted(set(auto))
    if len(auto) > 1:
        times = [starts[i] for i in auto] + [end]
        assert min(b - a for a, b in pairwise(times[1:]) or [(0, min_length)]) >= min_length - 1e-9


def test_content_text_drops_fillers():
    assert content_text("Yeah, I mean it’s kind of the carbon footprint.") == "carbon footprint"


def test_find_chapters_on_three_topics():
    ep = long_episode()
    chapters = find_chapters(ep, count=3)
    assert len(chapters) == 3
    assert chapters[0].start == 0.0
    sentences = timed_sentences(ep)
    # each topic occupies 4 turns of 3 sentences: boundaries at sentences 12 and 24
    assert [c.first_sentence_index for c in chapters] == [0, 12, 24]
    assert chapters[-1].end == pytest.approx(sentences[-1].end)
    assert len({c.title for c in chapters}) == 3


def test_find_chapters_errors():
    untimed = Episode((Turn("A", (Sentence((Word("Hi."),)),)),))
    with pytest.raises(InputError, match="no timed words"):
        find_chapters(untimed)
    with pytest.raises(InputError, match="more than"):
        find_chapters(build_episode(["One. Two."]), count=3)


@settings(max_examples=25, deadline=None)
@given(
    order=st.lists(st.integers(0, 2), min_size=2, max_size=14),
    count=st.none() | st.integers(1, 8),
    min_length=st.sampled_from([0.0, 5.0, 30.0]),
)
def test_find_chapters_properties(order, count, min_length):
    ep = build_episode([TOPICS[i] for i in order])
    sentences = timed_sentences(ep)
    if count is not None:
        count = min(count, len(sentences))
    chapters = find_chapters(ep, count=count, min_length=min_length)
    if count is not None:
        assert len(chapters) == count
    assert chapters[0].start == 0.0
    assert all(a.end == b.start and a.start < b.start for a, b in pairwise(chapters))
    assert chapters[-1].end == pytest.approx(max(s.end for s in sentences))
    starts = {s.index: s for s in sentences}
    for c in chapters[1:]:
        first = starts[c.first_sentence_index]
        assert c.start == first.chapter_start
        assert first.start - 0.25 <= c.start <= first.start
    assert len({c.title for c in chapters}) == len(chapters)
    assert all(0 < len(c.title) <= 40 for c in chapters)
