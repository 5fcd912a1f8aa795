"""Cutting a long sentence into overlapping passages (the lead), and search across the cuts:
every phrase of up to LEAD + 1 words is found exactly once, at its first word, and the word
counts leave the repeated words out."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from catalog_fixtures import record
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.catalog import index_episode, open_catalog, search
from audiokit.catalog.segments import LEAD, MAX_WORDS, Passage, passages
from audiokit.model import Episode, Sentence, Speaker, Turn, Word


def _episode(sentences: list[int], speaker: str = "Ann") -> Episode:
    """One turn of sentences of the given lengths; word k overall is "w<k>" at 0.3 k s."""
    out, k = [], 0
    for n in sentences:
        out.append(Sentence(tuple(Word(f"w{k + j}", round(0.3 * (k + j), 3), round(0.3 * (k + j) + 0.25, 3))
                                  for j in range(n))))
        k += n
    return Episode((Turn(speaker, tuple(out)),), (Speaker(speaker),))


def _owners(found: list[Passage]) -> Callable[[int, int], int]:
    """How many passages count words i..i+n-1 as a match: whole in them and not wholly in their
    lead (a passage's words are consecutive, "w<k>" for word k overall)."""
    spans = [(int(p.text.split(" ", 1)[0][1:]), len(p.times), p.lead) for p in found]
    return lambda i, n: sum(1 for s, m, lead in spans if s <= i and i + n <= s + m and i + n - 1 >= s + lead)


def test_a_long_sentence_is_cut_with_a_lead_of_repeated_words() -> None:
    found = passages(_episode([150]))
    assert [(len(p.times), p.lead) for p in found] == [(60, 0), (60, 12), (54, 12)]
    assert found[1].text.split(" ")[:13] == [f"w{k}" for k in range(48, 61)]
    assert found[1].times[0] == 48 * 300 and found[1].start == 48 * 300  # the lead keeps its own times
    assert [p.own_words for p in found] == [60, 48, 42]


def test_short_sentences_have_no_lead_and_a_cut_sentence_ends_in_a_packed_passage() -> None:
    found = passages(_episode([10, 61, 5, 20]))
    # The cut sentence's last 13 words (12 of them the lead), then the next two sentences packed in.
    assert [(len(p.times), p.lead) for p in found] == [(10, 0), (60, 0), (38, 12)]
    assert found[2].text.split(" ")[0] == "w58" and found[2].text.split(" ")[-1] == "w95"


def test_the_lead_is_kept_below_half_a_passage() -> None:
    assert [(len(p.times), p.lead) for p in passages(_episode([10]), max_words=4)] == [(4, 0), (4, 1), (4, 1)]
    assert {p.lead for p in passages(_episode([30]), max_words=5)} == {0, 2}
    assert {p.lead for p in passages(_episode([30]), max_words=5, lead=0)} == {0}
    assert [len(p.times) for p in passages(_episode([5]), max_words=1)] == [1] * 5


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 200), min_size=1, max_size=4), st.integers(2, 70), st.integers(0, 20))
def test_every_phrase_up_to_lead_plus_one_words_is_counted_exactly_once(sentences: list[int], max_words: int,
                                                                       lead: int) -> None:
    found = passages(_episode(sentences), max_words=max_words, lead=lead)
    used = max(0, min(lead, (max_words - 1) // 2))
    total = sum(sentences)
    # The word totals are unchanged, and the words of their own are the transcript, in order.
    assert sum(p.own_words for p in found) == total
    assert [w for p in found for w in p.text.split(" ")[p.lead:]] == [f"w{k}" for k in range(total)]
    assert all(len(p.times) <= max_words for p in found)
    # A lead repeats the end of the passage before.
    for before, p in pairwise(found):
        if p.lead:
            assert p.text.split(" ")[:p.lead] == before.text.split(" ")[-p.lead:]
    sentence_of = [k for k, n in enumerate(sentences) for _ in range(n)]
    owners = _owners(found)
    for i in range(total):
        for n in range(1, min(used + 1, total - i) + 1):
            counted = owners(i, n)
            # Within a sentence exactly once; across sentences at most once (a passage ends between them).
            assert counted == 1 if sentence_of[i] == sentence_of[i + n - 1] else counted <= 1, (i, n)


@settings(max_examples=25, deadline=None)
@given(st.integers(61, 200), st.data())
def test_search_finds_every_phrase_of_a_long_sentence_once_at_its_first_word(length: int,
                                                                             data: st.DataObject) -> None:
    conn = open_catalog(":memory:")
    index_episode(conn, record("x", "X", "done"), passages(_episode([length])))
    assert conn.execute("SELECT words FROM episodes").fetchone() == (length,)
    for _ in range(12):
        n = data.draw(st.integers(1, LEAD + 1))
        i = data.draw(st.integers(0, length - n))
        hits = search(conn, '"' + " ".join(f"w{k}" for k in range(i, i + n)) + '"')
        assert [h.start for h in hits] == [round(0.3 * i, 3)], (i, n)
        assert hits[0].snippet[slice(*hits[0].marks[0])] == " ".join(f"w{k}" for k in range(i, i + n))


def test_a_repeated_phrase_in_and_after_the_lead_is_two_hits_at_two_moments() -> None:
    # "a b" at words 50 (inside the second passage's lead) and 70 (its own words).
    words = [f"w{k}" for k in range(90)]
    words[50:52] = words[70:72] = ["alpha", "beta"]
    ep = Episode((Turn("Ann", (Sentence(tuple(Word(w, 0.3 * k, 0.3 * k + 0.25) for k, w in enumerate(words))),)),),
                 (Speaker("Ann"),))
    conn = open_catalog(":memory:")
    index_episode(conn, record("x", "X", "done"), passages(ep))
    assert sorted(h.start for h in search(conn, '"alpha beta"')) == [15.0, 21.0]
    # A word of the lead and a word after it, both wanted: one hit, the passage after the cut.
    assert [h.start for h in search(conn, "w49 w65")] == [14.7]
    # Both words wholly in the lead: the passage before the cut only.
    assert [h.start for h in search(conn, "w49 w55")] == [14.7]
    assert MAX_WORDS == 60 and LEAD == 12  # the numbers these positions assume
