"""Transcribers' notes in clips: not speech, yet laughter still marks a moment and a gap a worse clip."""

from __future__ import annotations

import doctest

from notes_fixtures import timed_plain

from audiokit.align.notes import with_notes, without_notes
from audiokit.clips import said
from audiokit.clips.candidates import SentenceIndex, candidates
from audiokit.clips.captions import clip_episode
from audiokit.clips.cut import GUARD, LAUGH_OUT, PAD_IN, PAD_OUT, Timeline, choose_cut
from audiokit.clips.judge import judge
from audiokit.clips.moments import kinds, social_caption
from audiokit.clips.said import GAP_FACTOR
from audiokit.clips.score import KeyTerms, score
from audiokit.clips.selection import select_clips
from audiokit.clips.structure import Structure
from audiokit.model import Episode, Sentence, Span, Speaker, Turn, Word
from audiokit.text.notes import is_note, join_notes

STEP = 0.4
PAUSE = 2.0


def test_doctests() -> None:
    assert doctest.testmod(said).failed == 0


def episode(*turns: tuple[str, list[str]]) -> Episode:
    """Turns of sentences, said words ``STEP`` apart; a note spans a ``PAUSE`` of its own, as the
    aligner times notes (from the previous said word's end to the next one's start)."""
    t, out = 0.0, []
    for speaker, texts in turns:
        sents = []
        for text in texts:
            words = []
            for tok in join_notes(text.split()):
                if is_note(tok):
                    words.append(Word(tok, t, t + PAUSE, None, interpolated=True))
                    t += PAUSE
                else:
                    words.append(Word(tok, t, t + 0.9 * STEP, 1.0))
                    t += STEP
            sents.append(Sentence(tuple(words)))
            t += 0.3  # between sentences
        out.append(Turn(speaker, tuple(sents)))
        t += 0.5
    return Episode(tuple(out), tuple(Speaker(n) for n in dict.fromkeys(s for s, _ in turns)))


def test_a_cut_may_fall_inside_the_pause_a_note_spans() -> None:
    words = (Word("Hi.", 0.0, 0.5), Word("[laughs]", 0.5, 3.0, None, interpolated=True),
             Word("Yes", 3.0, 3.4), Word("indeed.", 3.4, 4.0), Word("(laughter)", 4.0, 6.0, None, interpolated=True),
             Word("Ok.", 6.0, 6.5))
    c = choose_cut(Timeline.of(words), 2, 3, Span(3.0, 4.0))
    assert c is not None  # the notes touching the speech are no obstacle
    assert c.start == 3.0 - PAD_IN and 0.5 + GUARD <= c.start  # inside "[laughs]", clear of "Hi."
    assert 4.0 < c.end <= 6.0 - GUARD  # inside "(laughter)" (all of it: a laugh is kept), clear of "Ok."
    # An untimed note next to the clip blocks nothing either (an untimed said word does).
    untimed = (words[0], Word("[laughs]"), *words[2:])
    assert choose_cut(Timeline.of(untimed), 2, 3, Span(3.0, 4.0)) is not None
    assert choose_cut(Timeline.of((words[0], Word("so"), *words[2:])), 2, 3, Span(3.0, 4.0)) is None


def test_a_sentence_ending_on_a_note_ends_its_candidate_on_the_speech() -> None:
    ep = episode(("Ann", ["Thanks so much, Nadia, it is lovely to be here. [laughs]"]),
                 ("Bob", ["Great to have you."]))
    index = SentenceIndex.of(ep)
    [cand] = candidates(index, 1.0, 10.0, frozenset({"Ann"}))
    last_said = ep.turns[0].sentences[0].words[-2]
    assert cand.span.end == last_said.end and cand.last_word == 9  # the note (index 10) is left out
    cut = choose_cut(Timeline.of(index.words), cand.first_word, cand.last_word, cand.span)
    assert cut is not None and cut.end < ep.turns[1].sentences[0].words[0].start - GUARD  # type: ignore[operator]


def test_a_note_only_sentence_never_opens_or_ends_a_clip() -> None:
    ep = episode(("Ann", ["[MUSIC PLAYING]", "Evaluation catches regressions before release.",
                          "We run it on every change.", "(applause)"]))
    index = SentenceIndex.of(ep)
    found = candidates(index, 0.5, 60.0)
    assert found and all(c.first != 0 and c.last != 3 for c in found)
    assert {(c.first, c.last) for c in found} == {(1, 1), (1, 2), (2, 2)}
    st = Structure.of(index)
    assert st.roles[0] == st.roles[3] == frozenset({"note"})
    durations = [r.duration for r in index.sentences]
    assert durations[0] == 0.0  # a note's pause is no speech
    assert judge(st, 0, 1, durations).refusal == "opens on note"
    assert judge(st, 1, 3, durations).refusal == "ends on note"
    assert judge(st, 1, 2, durations).ok


def test_an_answer_after_a_laugh_still_answers_the_question() -> None:
    ep = episode(("Ann", ["Why put a hive on a roof?"]), ("Bob", ["(laughs)"]),
                 ("Bob", ["A flat roof is the quietest land in the city."]))
    st = Structure.of(SentenceIndex.of(ep))
    assert "answer" in st.roles[2] and st.roles[1] == frozenset({"note"})


def test_notes_are_no_key_terms_fillers_or_sentence_ends() -> None:
    texts = ["[MUSIC PLAYING] Compost feeds the soil.", "(laughter) Compost needs air.", "[Music] Soil is alive.",
             "[laughs] Music aside, compost wins. [Laughter.]"]
    terms = KeyTerms.of(texts)
    assert "compost" in terms.weights and not {"music", "laughter", "laughs", "playing"} & set(terms.weights)
    ep = episode(("Ann", ["The key is testing every change. [laughs]"]))
    plain = episode(("Ann", ["The key is testing every change."]))
    with_note = score([ep.turns[0].sentences[0].words], terms)
    without = score([plain.turns[0].sentences[0].words], terms)
    assert with_note.ending == 1.0 and with_note.alignment == 1.0  # not cut short by "[laughs]", not untimed
    assert with_note == without
    opening = score([episode(("Ann", ["[laughs] So that was it."])).turns[0].sentences[0].words], terms)
    assert opening.opening == 0.0  # "So" leans back, the note before it notwithstanding


def test_laughter_notes_still_mark_a_punchline() -> None:
    for note in ["[laughs]", "(laughter)", "[Laughter.]", "(both laugh)", "(Amiti's laughter)", "[LAUGHS]"]:
        assert "punchline" in kinds([f"It is a spring and a timer. {note}"]), note
    assert "punchline" not in kinds(["It is a spring and a timer. [inaudible 00:01:02]"])
    assert kinds(["The bill fell by 60%. [inaudible 00:01:02]"]) == ["number: 60%"]  # no number from the clock


def test_a_clip_with_laughter_in_or_right_after_it_is_a_punchline() -> None:
    body = ["A toaster is not magic at all.", "It is a spring, a timer and two heating wires inside.",
            "Once you have seen inside one you stop being afraid of it."]
    for turns in ([("Ann", [*body[:2], body[2] + " (laughter)"]), ("Bob", ["Fair enough then."])],
                  [("Ann", body), ("Bob", ["(laughs) Fair enough then."])]):
        sel = select_clips(episode(*turns), per_speaker=1, min_seconds=5, max_seconds=30, background=None,
                           sections=None, speaker="Ann")
        assert sel[0].reasons[0].startswith("punchline"), sel[0].reasons


def test_a_passage_marked_inaudible_is_a_worse_clip_and_says_why() -> None:
    clean = ["Careful evaluation of every model change catches regressions early.",
             "We run the whole suite before each release and read every failure."]
    marked = ["Honest benchmarks of each new checkpoint reveal [inaudible 00:12:34] drift quickly.",
              "Our team reviews those numbers weekly and fixes what slipped through."]
    for order in ((marked, clean), (clean, marked)):
        ep = episode(("Ann", order[0]), ("Bob", ["Right."]), ("Ann", order[1]))
        sel = select_clips(ep, per_speaker=2, min_seconds=5, max_seconds=30, background=None, sections=None,
                           speaker="Ann")
        assert len(sel) == 2
        best, worse = sel
        assert "[inaudible" not in best.text and "[inaudible]" in worse.text  # shown without the clock
        assert worse.score < 0.6 * best.score
        assert worse.reasons[-1] == "the transcript marks a gap in it ([inaudible]): score x0.5, check the audio"
        assert not any("gap" in r for r in best.reasons)
        assert "inaudible" not in worse.caption and "inaudible" not in worse.title


def test_crosstalk_counts_as_a_gap_and_laughter_does_not() -> None:
    assert said.gaps_in([Word("(crosstalk)"), Word("[laughs]"), Word("[Unintelligible.]"), Word("inaudible")]) == \
        ["(crosstalk)", "[Unintelligible.]"]


def test_captions_and_titles_leave_notes_out_and_clip_captions_show_them_without_clocks() -> None:
    assert social_caption(["[laughs] I think compost is underrated, because soil is alive. [inaudible 0:42]"]) == \
        "I think compost is underrated, because soil is alive."
    ep = episode(("Ann", ["[MUSIC PLAYING] Compost is far more alive than people think.",
                          "A teaspoon of soil holds more bacteria than there are people. [inaudible 00:00:42]"]),
                 ("Bob", ["Wow."]))
    [clip] = select_clips(ep, per_speaker=1, min_seconds=6, max_seconds=30, background=None, sections=None,
                          speaker="Ann")
    assert clip.title == "Compost is far more alive than people think."
    assert clip.text.startswith("[MUSIC PLAYING] Compost") and clip.text.endswith("people. [inaudible]")
    sub = clip_episode(ep, clip.first_sentence, clip.last_sentence, clip.start, clip.end)
    notes = [w for w in sub.words() if w.note]
    assert [w.text for w in notes] == ["[MUSIC PLAYING]", "[inaudible]"]
    assert all(0.0 <= w.start <= w.end <= clip.duration for w in notes)  # type: ignore[operator]


def test_a_clip_keeps_the_laugh_noted_right_after_it_and_nothing_more() -> None:
    def cut_with(note: str, pause: float, max_duration: float = 60.0):
        words = (Word("Yes", 0.0, 0.4), Word("indeed.", 0.4, 1.0), Word(note, 1.0, 1.0 + pause, None, interpolated=True),
                 Word("Ok.", 1.0 + pause, 1.5 + pause))
        return choose_cut(Timeline.of(words), 0, 1, Span(0.0, 1.0), max_duration)

    laugh = cut_with("(laughter)", 2.0)
    assert laugh is not None and laugh.end == 3.0 - GUARD  # the whole laugh, clear of "Ok."
    assert laugh.fade_out == 0.3
    long_laugh = cut_with("[laughs]", 6.0)
    assert long_laugh is not None and long_laugh.end == 1.0 + LAUGH_OUT
    other = cut_with("[applause]", 2.0)
    assert other is not None and other.end == 1.0 + PAD_OUT  # only laughter answers a punchline
    tight = cut_with("(laughter)", 2.0, max_duration=1.3)
    assert tight is not None and tight.duration <= 1.3 + 1e-9  # the length limit still wins


def test_music_noted_under_a_clip_is_named_in_its_reasons_without_a_penalty() -> None:
    plain = ["Careful evaluation of every model change catches regressions early.",
             "We run the whole suite before each release and read every failure."]
    under = ["Careful evaluation of every model change [music playing] catches regressions early.",
             "We run the whole suite before each release and read every failure. [Music]"]
    picked = []
    for texts in (plain, under):
        ep = episode(("Ann", texts), ("Bob", ["Right."]))
        sel = select_clips(ep, per_speaker=1, min_seconds=5, max_seconds=40, background=None, sections=None,
                           speaker="Ann")
        assert len(sel) == 1
        picked.append(sel[0])
    assert picked[1].reasons[-1] == "the transcript marks music in it ([music playing]): check that it is yours to post"
    assert not any("score x" in r for r in picked[1].reasons)
    assert not any("music" in r for r in picked[0].reasons)
    assert said.music_in([Word("Bye."), Word("[Music]")]) == []  # a jingle after the last word is outside the cut


def aligned(ep: Episode) -> Episode:
    """``ep`` with its notes timed as the aligner times them: each the pause it sits in, from the
    end of the said word before it to the start of the one after it."""
    said_only = without_notes(ep)
    return with_notes(ep, said_only, max(w.end for w in said_only.words()) + 1.0)  # type: ignore[type-var]


ANN = ["Careful evaluation of every model change catches regressions early.",
       "We run the whole suite before each release and read every failure."]


def ann_clip(*turns: tuple[str, list[str]]):
    sel = select_clips(aligned(episode(*turns)), per_speaker=1, min_seconds=5, max_seconds=30, background=None,
                       sections=None, speaker="Ann")
    assert len(sel) == 1
    return sel[0]


def test_a_gap_noted_by_a_neighbour_in_the_audio_a_clip_posts_counts() -> None:
    plain = ann_clip(("Bob", ["So tell me."]), ("Ann", ANN), ("Bob", ["Right."]))
    after = ann_clip(("Bob", ["So tell me."]), ("Ann", ANN), ("Bob", ["[crosstalk] Right."]))
    before = ann_clip(("Bob", ["So tell me. [inaudible 00:00:03]"]), ("Ann", ANN), ("Bob", ["Right."]))
    for marked, note in ((after, "[crosstalk]"), (before, "[inaudible]")):
        assert abs(marked.duration - plain.duration) < 1e-9  # the same cut (later by the note's pause)
        assert abs(marked.score - GAP_FACTOR * plain.score) < 1e-3
        assert marked.reasons[-1] == f"the transcript marks a gap in it ({note}): score x0.5, check the audio"
        assert "[" not in marked.text and "(" not in marked.text  # Bob's note, not Ann's text
    # The note's pause overlaps the cut: the cut runs into it (the padding is the audio posted).
    ep = aligned(episode(("Bob", ["So tell me."]), ("Ann", ANN), ("Bob", ["[crosstalk] Right."])))
    crosstalk = ep.turns[2].sentences[0].words[0]
    assert crosstalk.start < after.end  # type: ignore[operator]


def test_a_gap_outside_the_cut_does_not_count_wherever_it_is_written() -> None:
    plain = ann_clip(("Bob", ["So tell me, please."]), ("Ann", ANN), ("Bob", ["Right."]))
    for turns in ([("Bob", ["[inaudible] So tell me, please."]), ("Ann", ANN), ("Bob", ["Right."])],
                  [("Bob", ["So tell me, please."]), ("Ann", ANN), ("Bob", ["Right. Yes. (crosstalk)"])]):
        other = ann_clip(*turns)
        assert other.score == plain.score and not any("gap" in r for r in other.reasons)


def test_gap_notes_are_found_by_time_and_untimed_ones_by_place() -> None:
    ws = (Word("Hi.", 0.0, 0.5), Word("[inaudible]", 0.5, 3.0), Word("Yes.", 3.0, 3.4), Word("[crosstalk]"),
          Word("Ok.", 4.0, 4.5))
    notes = said.GapNotes.of(ws)
    assert notes.posted(2.9, 3.6, range(2, 3)) == ["[inaudible]"]  # timed: it overlaps the cut
    assert notes.posted(3.1, 3.3, range(2, 4)) == ["[crosstalk]"]  # untimed: the clip's own word
    assert notes.posted(3.1, 3.3, range(2, 3)) == []


def test_the_laugh_kept_after_a_clip_never_runs_into_music() -> None:
    def tail_after(*notes: str, pause: float = 3.0) -> float:
        share = pause / len(notes)  # the aligner shares a pause in order between the notes in it
        words = (Word("Yes", 0.0, 0.4), Word("indeed.", 0.4, 1.0),
                 *(Word(n, 1.0 + k * share, 1.0 + (k + 1) * share, None, interpolated=True) for k, n in enumerate(notes)),
                 Word("Ok.", 1.0 + pause, 1.5 + pause))
        cut = choose_cut(Timeline.of(words), 0, 1, Span(0.0, 1.0))
        assert cut is not None
        return round(cut.end - 1.0, 6)

    assert tail_after("(laughter)") == LAUGH_OUT
    assert tail_after("[MUSIC PLAYING]", "(laughter)") == PAD_OUT  # the music comes first: no laugh to keep
    assert tail_after("(laughter)", "[MUSIC PLAYING]") == 1.5  # the laugh, up to where the music is noted
    assert tail_after("[MUSIC PLAYING]", pause=30.0) == PAD_OUT  # a music bed after the turn is not the clip's


def music_break_episode(pause: float) -> Episode:
    """Ann, a "[MUSIC PLAYING]" line of ``pause`` seconds (as the plain reader reads it: a note
    ending her turn), Ann again, then Bob; timed as the aligner times notes."""
    text = (f"Ann Lee: {ANN[0]}\n\n[MUSIC PLAYING]\n\nAnn Lee: {ANN[1]}\n\n"
            "Bob Roy: Welcome back to the show, everyone.\n")
    return timed_plain(text, pause, step=0.4, length=0.38, pause=0.5)


def test_a_clip_never_runs_across_a_music_break() -> None:
    for pause, across in ((8.0, False), (0.6, True)):
        ep = music_break_episode(pause)
        assert ep.turns[0].sentences[-1].words[-1].text == "[MUSIC PLAYING]"  # the line ends Ann's turn
        index = SentenceIndex.of(ep)
        spans = {(c.first, c.last) for c in candidates(index, 1.0, 60.0, frozenset({"Ann Lee"}))}
        assert ((0, 1) in spans) is across, pause
        sel = select_clips(ep, per_speaker=1, min_seconds=8, max_seconds=40, background=None, sections=None,
                           speaker="Ann Lee")
        assert len(sel) == int(across)
