"""Times of the original audio in the tightened audio, and the episode re-timed to it
(audiokit.edit.timemap): hypothesis properties of TimeMap and retime, and the punctuation a
removed hesitation leaves mended."""

from __future__ import annotations

import functools
import itertools
import operator
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.edit.plan import Cut
from audiokit.edit.timemap import TimeMap, _mended, retime
from audiokit.model import Episode, Metadata, Phone, Sentence, Span, Turn, Word

EPS = 1e-6


@st.composite
def _cuts(draw: st.DrawFn, min_size: int = 0) -> tuple[Cut, ...]:
    """Cuts in time order, apart or touching, on the millisecond grid plan_cuts rounds to."""
    t = 0
    cuts = []
    for _ in range(draw(st.integers(min_size, 8))):
        t += draw(st.integers(0, 3000))
        length = draw(st.integers(1, 2000))
        cuts.append(Cut(t / 1000, (t + length) / 1000, draw(st.sampled_from(["pause", "hesitation"]))))
        t += length
    return tuple(cuts)


TIMES = st.integers(0, 40_000).map(lambda ms: ms / 1000)


@settings(max_examples=300, deadline=None)
@given(_cuts(), st.lists(TIMES, min_size=1, max_size=30))
def test_the_map_never_decreases_and_moves_a_time_back_by_at_most_what_is_removed(
        cuts: tuple[Cut, ...], times: list[float]) -> None:
    m = TimeMap(cuts)
    assert abs(m.removed - sum(c.duration for c in cuts)) < EPS
    mapped = [m(t) for t in sorted(times)]
    assert all(a <= b for a, b in itertools.pairwise(mapped))
    for t in times:
        assert -EPS <= t - m(t) <= m.removed + EPS
        removed_before = sum(c.duration for c in cuts if c.end <= t)
        inside = [c for c in cuts if c.start <= t < c.end]
        if inside:  # on its splice: where the cut starts, less what went before it
            (c,) = inside
            assert abs(m(t) - (c.start - sum(d.duration for d in cuts if d.end <= c.start))) < EPS
            assert abs(m(t) - m(c.start)) < EPS and abs(m(t) - m(c.end)) < EPS
        else:
            assert abs(m(t) - (t - removed_before)) < EPS
    after = (cuts[-1].end if cuts else 0.0) + 1.234
    assert abs(m(after) - (after - m.removed)) < EPS


@given(_cuts(min_size=1), st.integers(1, 500))
def test_overlapping_or_unordered_cuts_are_refused(cuts: tuple[Cut, ...], overlap_ms: int) -> None:
    last = cuts[-1]
    start = max(0.0, round(last.end - overlap_ms / 1000, 3))
    with pytest.raises(ValueError, match="overlap"):
        TimeMap((*cuts, Cut(start, last.end + 1.0, "pause")))
    if len(cuts) > 1:
        with pytest.raises(ValueError):
            TimeMap(tuple(reversed(cuts)))


def test_the_map_of_no_cuts_is_the_identity() -> None:
    m = TimeMap(())
    assert (m(0.0), m(12.345), m.removed) == (0.0, 12.345, 0.0)
    assert m.span(Span(1.0, 2.0)) == Span(1.0, 2.0)


# --- retime -------------------------------------------------------------------------------------

TEXTS = ["so", "we", "Well,", "think.", "yes", "the", "Right?", "iPhone", "3", "[laughs]", "um,", "Uh.", "Um", "er"]


@st.composite
def _retimed(draw: st.DrawFn) -> tuple[Episode, tuple[Cut, ...]]:
    """An episode of timed (some untimed) words with phones and turn hints, and cuts, some of
    which remove words."""
    t = 0
    turns = []
    index = 0
    removable: list[int] = []
    for _ in range(draw(st.integers(1, 4))):
        sentences = []
        for _ in range(draw(st.integers(1, 3))):
            words = []
            for _ in range(draw(st.integers(1, 5))):
                text = draw(st.sampled_from(TEXTS))
                if draw(st.integers(0, 7)) == 0:
                    words.append(Word(text))
                else:
                    t += draw(st.integers(0, 1500))
                    length = draw(st.integers(0, 800))
                    mid = t + length // 2
                    phones = (Phone("AH", t / 1000, mid / 1000), Phone("M", mid / 1000, (t + length) / 1000))
                    words.append(Word(text, t / 1000, (t + length) / 1000, interpolated=draw(st.booleans()),
                                      phones=phones if draw(st.booleans()) else ()))
                    t += length
                if draw(st.booleans()):
                    removable.append(index)
                index += 1
            sentences.append(Sentence(tuple(words)))
        hint = None
        if draw(st.booleans()):
            a = draw(st.integers(0, t + 1000))
            hint = Span(a / 1000, (a + draw(st.integers(0, 5000))) / 1000)
        turns.append(Turn(draw(st.sampled_from(["Ann", "Bo"])), tuple(sentences), hint))
    duration = draw(st.one_of(st.none(), st.just((t + draw(st.integers(0, 4000))) / 1000)))
    episode = Episode(tuple(turns), metadata=Metadata(duration=duration, language="en"))
    cuts: list[Cut] = list(draw(_cuts()))
    # Hand the removable words out to the cuts (any of them: retime trusts the plan).
    for i in removable:
        if draw(st.booleans()) and cuts:
            k = draw(st.integers(0, len(cuts) - 1))
            cuts[k] = Cut(cuts[k].start, cuts[k].end, "hesitation", (*cuts[k].words, i))
    return episode, tuple(cuts)


def _bare(text: str) -> str:
    body = text.rstrip(".?!…,;:")
    return body[:1].lower() + body[1:]


@settings(max_examples=300, deadline=None)
@given(_retimed())
def test_retime_drops_the_removed_words_and_maps_every_other_time(case: tuple[Episode, tuple[Cut, ...]]) -> None:
    episode, cuts = case
    m = TimeMap(cuts)
    gone = {i for c in cuts for i in c.words}
    out = retime(episode, cuts)
    # The structure: each kept word in its sentence and turn, emptied sentences and turns gone.
    expected_turns: list[tuple[list[Turn], list[list[Word]]]] = []
    index = 0
    dropped = False
    for turn in episode.turns:
        sentences = []
        for sentence in turn.sentences:
            kept = [w for k, w in enumerate(sentence.words, start=index) if k not in gone]
            index += len(sentence.words)
            if kept:
                sentences.append(kept)
        if not sentences:
            dropped = True
        elif dropped and expected_turns and expected_turns[-1][0][-1].speaker == turn.speaker:
            expected_turns[-1][0].append(turn)  # the turn between them is gone: one turn
            expected_turns[-1][1].extend(sentences)
            dropped = False
        else:
            expected_turns.append(([turn], sentences))
            dropped = False
    assert len(out.turns) == len(expected_turns)
    for new_turn, (old_turns, old_sentences) in zip(out.turns, expected_turns):
        assert new_turn.speaker == old_turns[0].speaker
        hints = [None if t.hint is None else Span(m(t.hint.start), m(t.hint.end)) for t in old_turns]
        joined = None if any(h is None for h in hints) else functools.reduce(operator.or_, hints)
        assert new_turn.hint == joined
        assert [len(s.words) for s in new_turn.sentences] == [len(s) for s in old_sentences]
        for new, old in zip(new_turn.words, [w for s in old_sentences for w in s]):
            # The text as written, but for a mended mark at its end or a capital at its start.
            assert new.text == old.text or _bare(new.text) == _bare(old.text), (old.text, new.text)
            assert (new.start, new.end) == ((None, None) if old.start is None or old.end is None
                                            else (m(old.start), m(old.end)))
            assert [(p.label, p.start, p.end) for p in new.phones] == [(p.label, m(p.start), m(p.end))
                                                                       for p in old.phones]
            assert (new.interpolated, new.confidence) == (old.interpolated, old.confidence)
    assert out.word_count == episode.word_count - len(gone)
    duration = episode.metadata.duration
    assert out.metadata.duration == (None if duration is None else pytest.approx(duration - m.removed, abs=EPS))
    assert out.metadata.language == episode.metadata.language


def _sentence(*texts: str) -> Episode:
    words = tuple(Word(text, 1.0 * k, 1.0 * k + 0.5) for k, text in enumerate(texts))
    return Episode((Turn("Ann", (Sentence(words),)),))


def _without(texts: str, *removed: int) -> str:
    ep = _sentence(*texts.split())
    cuts = tuple(Cut(1.0 * k - 0.2, 1.0 * k + 0.7, "hesitation", (k,)) for k in removed)
    return " ".join(w.text for w in retime(ep, cuts).words())


def test_a_removed_hesitation_leaves_its_punctuation_mended() -> None:
    assert _without("I think, um, we", 2) == "I think, we"
    assert _without("so uh.", 1) == "so."
    assert _without("so, uh.", 1) == "so."
    assert _without("Right? um.", 1) == "Right?"  # a closing mark already there is not doubled
    assert _without("Um, so", 0) == "So"
    assert _without("Um, iPhone", 0) == "iPhone"
    assert _without("um, so", 0) == "so"  # no capital to hand on
    assert _without("Uh, um, yes.", 0, 1) == "Yes."


def test_a_capital_not_handed_on_is_dropped_not_given_to_a_later_word() -> None:
    assert _without("Um, iPhone is great.", 0) == "iPhone is great."
    assert _without("Um, 3 things.", 0) == "3 things."


def test_a_capital_is_handed_on_past_an_opening_note() -> None:
    assert _without("[laughs] Um, so yes.", 1) == "[laughs] So yes."  # gives "[laughs] so yes."


def test_mended_directly() -> None:
    ws = [Word("I"), Word("think,"), Word("um,"), Word("we"), Word("uh.")]
    assert [w.text for w in _mended(ws, [ws[0], ws[1], None, ws[3], None])] == ["I", "think,", "we."]


def test_a_sentence_or_turn_left_empty_goes() -> None:
    turns = (Turn("Ann", (Sentence((Word("Um.", 0.0, 0.4),)), Sentence((Word("Yes.", 1.0, 1.4),)))),
             Turn("Bo", (Sentence((Word("Uh.", 2.0, 2.4),)),), hint=Span(1.9, 2.5)),
             Turn("Ann", (Sentence((Word("So.", 3.0, 3.4),)),), hint=Span(2.9, 3.5)))
    ep = Episode(turns, metadata=Metadata(duration=4.0))
    out = retime(ep, (Cut(0.0, 0.6, "hesitation", (0,)), Cut(1.8, 2.6, "hesitation", (2,))))
    # Bo's turn held only "Uh.": Ann's two turns either side are one turn now.
    assert [(t.speaker, [s.text for s in t.sentences]) for t in out.turns] == [("Ann", ["Yes.", "So."])]
    assert [(w.start, w.end) for w in out.words()] == [(0.4, 0.8), (1.6, 2.0)]
    assert out.turns[0].hint is None  # the first turn gave no hint
    hinted = Episode(tuple(replace(t, hint=Span(t.words[0].start - 0.1, t.words[-1].end + 0.1)) for t in turns),
                     metadata=Metadata(duration=4.0))
    merged = retime(hinted, (Cut(0.0, 0.6, "hesitation", (0,)), Cut(1.8, 2.6, "hesitation", (2,))))
    assert merged.turns[0].hint == Span(-0.1, 2.1)
    assert out.metadata.duration == 2.6


def test_quotes_around_a_removed_hesitation() -> None:
    assert _without('She said, "um."', 2) == "She said."  # the quote held only the hesitation
    assert _without('"Um, so yes."', 0) == '"So yes."'  # the opening quote goes to the next word
    assert _without('He said "yes, uh."', 3) == 'He said "yes."'


def test_punctuation_written_apart_is_not_left_alone() -> None:
    # French: "Euh ?" as a reply; "Um — well" with the dash a token of its own.
    turns = (Turn("Ann", (Sentence((Word("Bon.", 0.0, 0.4),)),)),
             Turn("Bob", (Sentence((Word("Euh", 1.0, 1.4), Word("?", 1.4, 1.4, interpolated=True))),)),
             Turn("Ann", (Sentence((Word("Oui.", 2.0, 2.4),)),)))
    out = retime(Episode(turns, metadata=Metadata(language="fr")), (Cut(0.9, 1.6, "hesitation", (1,)),))
    assert [(t.speaker, [s.text for s in t.sentences]) for t in out.turns] == [("Ann", ["Bon.", "Oui."])]
    assert _without("Um — well, yes.", 0) == "— Well, yes."
