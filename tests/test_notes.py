"""Transcribers' notes: read as one word, never said, timed by the pause they sit in."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from audiokit.align.notes import with_notes, without_notes
from audiokit.align.report import is_said
from audiokit.model import Episode, Sentence, Turn, Word
from audiokit.text.notes import is_note, join_notes
from audiokit.text.sentences import sentence_texts, split_sentences
from audiokit.transcripts._common import make_turn

_PIECES = ["Hi", "there.", "[laughs]", "[MUSIC", "PLAYING]", "(laughter)", "(both", "laugh)", "(the)", "[", "]",
           "(", ")", "a]", "[b", "Yes!", "(applause).", "[inaudible", "00:12:34]", "so", "(P2SH)", "‘quote’",
           "mind—[Laughter.]", "[Inaudible.]—date.", "O(1)"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_joining_notes_keeps_every_character_in_order(tokens: list[str]) -> None:
    joined = join_notes(tokens)
    assert "".join("".join(joined).split()) == "".join(tokens)
    assert all(is_note(t) for t in joined if " " in t)  # only notes are joined
    assert all(t in tokens or is_note(t) or t in ("mind—", "—date.") for t in joined)  # only notes split off


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30))
def test_sentences_cover_every_token_and_never_start_on_a_trailing_note(tokens: list[str]) -> None:
    tokens = join_notes(tokens)
    spans = split_sentences(tokens)
    assert spans[0][0] == 0 and spans[-1][1] == len(tokens)
    assert all(a < b for a, b in spans) and all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))
    for a, _ in spans[1:]:
        assert not is_note(tokens[a]) or not any(not is_note(t) for t in tokens[a:])


def test_real_transcript_notes() -> None:
    # From the dev sets' real transcripts (podcasts-dev, QMSum) and common export tools.
    for text in ["(laughter)", "(Laughs)", "[Laughter.]", "[inaudible.]", "[objection.]", "(applause)", "[Music]",
                 "(Amiti's laughter)", "[movie clip audio:]", "(risas)", "(rires)", "(смех)", "[crosstalk 00:03:12]"]:
        assert is_note(" ".join(join_notes(text.split()))), text
    for text in ["(the)", "(1)", "(P2SH)", "(not having)", "(Lightning Service Provider)", "(foreign key)",
                 "(Whisper)", "(TOS)", "(Lachlan)"]:
        assert not is_note(" ".join(join_notes(text.split()))), text


def test_a_note_after_a_sentence_end_stays_with_that_sentence() -> None:
    assert sentence_texts("Thanks, Nadia. [laughs] I keep bees. [Laughter] So.") == \
        ["Thanks, Nadia. [laughs]", "I keep bees. [Laughter]", "So."]
    assert sentence_texts("[MUSIC PLAYING] Welcome back.") == ["[MUSIC PLAYING] Welcome back."]


def test_a_turn_reads_a_note_as_one_word_that_is_not_said() -> None:
    turn = make_turn("Ann", "Right. [inaudible 00:12:34] Yes (both laugh) indeed.")
    assert turn is not None
    words = turn.words
    assert [w.text for w in words if w.note] == ["[inaudible 00:12:34]", "(both laugh)"]
    assert [is_said(w) for w in words] == [True, False, True, False, True]


def _ep(*sentences: tuple[str, ...]) -> Episode:
    return Episode((Turn("Ann", tuple(Sentence(tuple(Word(t) for t in s)) for s in sentences)),))


def test_notes_take_the_pause_they_sit_in_and_the_episode_edges() -> None:
    ep = _ep(("[Music]",), ("Hi.", "[laughs]", "(applause)"), ("Bye.",), ("[Music]",))
    said = without_notes(ep)
    assert [len(s.words) for t in said.turns for s in t.sentences] == [1, 1]
    aligned = said.with_words([Word("Hi.", 12.0, 12.5, 0.9), Word("Bye.", 14.5, 15.0, 0.9)])
    out = list(with_notes(ep, aligned, 30.0).words())
    assert [(w.text, w.start, w.end) for w in out] == [
        ("[Music]", 0.0, 12.0), ("Hi.", 12.0, 12.5), ("[laughs]", 12.5, 13.5), ("(applause)", 13.5, 14.5),
        ("Bye.", 14.5, 15.0), ("[Music]", 15.0, 30.0)]
    assert all(w.interpolated and w.confidence is None for w in out if w.note)
    assert [w.confidence for w in out if not w.note] == [0.9, 0.9]


def test_a_note_between_untimed_words_uses_the_nearest_timed_ones() -> None:
    ep = _ep(("Hi.",), ("Gone", "[laughs]", "too."), ("Bye.",))
    aligned = without_notes(ep).with_words([Word("Hi.", 1.0, 1.5), Word("Gone"), Word("too."), Word("Bye.", 3.0, 3.5)])
    out = {w.text: (w.start, w.end) for w in with_notes(ep, aligned, 9.0).words()}
    assert out["[laughs]"] == (1.5, 3.0) and out["Gone"] == (None, None)


def test_an_episode_with_no_timed_word_leaves_its_notes_untimed() -> None:
    ep = _ep(("Hi", "[laughs]"))
    aligned = without_notes(ep).with_words([Word("Hi")])
    assert not any(w.timed for w in with_notes(ep, aligned, 9.0).words())


def test_a_turn_is_spanned_by_its_said_words_unless_it_has_only_notes() -> None:
    turn = Turn("Ann", (Sentence((Word("[Music]", 0.0, 12.0), Word("Hi.", 12.0, 12.4))),
                        Sentence((Word("[laughs]", 12.4, 13.0),))))
    assert (turn.start, turn.end) == (12.0, 12.4)
    assert turn.sentences[1].span is not None and turn.sentences[1].span.start == 12.4


def test_the_language_is_detected_from_what_is_said_not_from_english_notes() -> None:
    from audiokit.transcripts import from_string, with_language

    text = ("Anna Rossi: [Music] [Laughter] [Applause] [music playing] Ciao a tutti, benvenuti al podcast. "
            "[laughs] [crosstalk] [inaudible] [applause] [laughter]")
    assert with_language(from_string(text)).episode.metadata.language == "it"


def test_the_report_lists_the_notes_as_a_viewer_sees_them() -> None:
    from audiokit.align.report import Report

    notes = ("[Music]", "[laughs]", "[inaudible 00:01:02]", "[laughs]", "(applause)", "[crosstalk]", "[sic]")
    report = Report(words=10, placed=10, interpolated=0, absent=(), extra_audio=(), silences=(), duration=60.0,
                    notes=notes)
    line = next(ln for ln in report.summary().splitlines() if "notes" in ln)
    assert line.startswith("7 transcriber's notes kept for the captions, not aligned")
    assert line.endswith(": [Music], [laughs], [inaudible], (applause) ...")
    assert list(report.to_dict()["notes"]) == list(notes)


@st.composite
def _aligned(draw: st.DrawFn) -> tuple[Episode, Episode, float]:
    """A one-turn episode of said words and notes, and its said words aligned in order (some untimed)."""
    kinds = draw(st.lists(st.booleans(), min_size=1, max_size=25))  # True: a note
    t, said = 0.0, []
    for _ in range(sum(1 for k in kinds if not k)):
        gap, length = draw(st.floats(0, 3)), draw(st.floats(0, 1))
        timed = draw(st.booleans())
        said.append(Word("w", round(t + gap, 3), round(t + gap + length, 3)) if timed else Word("w"))
        t += gap + length
    words = [Word("[laughs]") if k else Word("w") for k in kinds]
    ep = Episode((Turn("Ann", (Sentence(tuple(words)),)),))
    stripped = without_notes(ep)
    aligned = stripped.with_words(said) if said else stripped
    return ep, aligned, round(t + draw(st.floats(0, 5)), 3)


@given(_aligned())
def test_notes_are_timed_inside_their_pause_in_order_and_said_words_are_untouched(case) -> None:
    ep, aligned, duration = case
    out = list(with_notes(ep, aligned, duration).words())
    assert [w for w in out if not w.note] == list(aligned.words())
    ends = [w.end for w in out if not w.note and w.end is not None]
    for k, w in enumerate(out):
        if not w.note:
            continue
        before = [x.end for x in out[:k] if not x.note and x.end is not None]
        after = [x.start for x in out[k + 1:] if not x.note and x.start is not None]
        if not ends:
            assert not w.timed  # nothing to time it by
            continue
        assert w.start is not None and w.end is not None and w.start <= w.end
        assert (before[-1] if before else 0.0) - 1e-6 <= w.start
        assert w.end <= max(before[-1] if before else 0.0, after[0] if after else duration) + 1e-6
    # Notes written together share their pause in order.
    for a, b in itertools.pairwise(out):
        if a.note and b.note and a.end is not None and b.start is not None:
            assert abs(a.end - b.start) <= 1e-3
