"""Clip selection: candidates, quotability scoring, cut points, variety (pure logic)."""

from __future__ import annotations

import doctest
import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.clips import audio, background, candidates, captions, cut, score, selection, slug, soundbites
from audiokit.clips.candidates import SentenceIndex
from audiokit.clips.cut import GUARD, Timeline, choose_cut
from audiokit.clips.score import KeyTerms, opening_score
from audiokit.clips.selection import select_clips
from audiokit.model import Episode, Sentence, Span, Speaker, Turn, Word


@pytest.mark.parametrize(
    "module", [audio, background, candidates, captions, cut, score, selection, slug, soundbites]
)
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


def sentence(t0: float, text: str, step: float = 0.4, conf: float = 1.0) -> Sentence:
    """Words ``step`` apart, each lasting 90% of the step (contiguous-ish speech)."""
    return Sentence(
        tuple(Word(w, t0 + step * i, t0 + step * i + 0.9 * step, conf) for i, w in enumerate(text.split()))
    )


def test_candidates_are_whole_sentences_of_one_speaker_within_bounds() -> None:
    ep = Episode(
        (
            Turn("Ann", (sentence(0, "One two three four five."), sentence(3, "Six seven eight nine ten."))),
            Turn("Bob", (sentence(6, "Eleven twelve thirteen fourteen."),)),
            Turn("Ann", (sentence(9, "Fifteen sixteen seventeen eighteen."),)),
        )
    )
    index = SentenceIndex.of(ep)
    found = candidates.candidates(index, 1.5, 5.0)
    assert [(c.speaker, c.first, c.last) for c in found] == [
        ("Ann", 0, 0),
        ("Ann", 0, 1),
        ("Ann", 1, 1),
        ("Bob", 2, 2),
        ("Ann", 3, 3),
    ]
    # Ann's sentence 1 and sentence 3 are separated by Bob: never joined.
    assert all(not (c.first <= 2 <= c.last) or c.speaker == "Bob" for c in found)
    assert [c.speaker for c in candidates.candidates(index, 1.5, 5.0, frozenset({"Bob"}))] == ["Bob"]


def test_untimed_edge_words_are_not_candidate_edges() -> None:
    s = Sentence((Word("Hello"), Word("there", 0.5, 0.9), Word("friend.", 0.9, 1.5)))
    index = SentenceIndex.of(Episode((Turn("Ann", (s,)),)))
    assert candidates.candidates(index, 0.1, 5.0) == []


def test_opening_without_dangling_reference_scores_higher() -> None:
    assert opening_score(["So", "that", "is", "why."]) == 0.0
    assert opening_score(["And", "then", "we", "shipped."]) == 0.0
    assert opening_score(["Yeah,", "I", "agree."]) == 0.0
    assert opening_score(["Evaluation", "is", "the", "hard", "part."]) == 1.0


def test_fillers_false_starts_keyness_and_alignment_move_the_score() -> None:
    terms = KeyTerms.of(
        ["Evaluation drives model quality.", "We measure evaluation daily.", "Model quality matters."]
    )
    clean = score.score([sentence(0, "Evaluation drives model quality because we measure it.").words], terms)
    filler = score.score(
        [sentence(0, "Um, evaluation, you know, drives drives model uh quality.").words], terms
    )
    off_topic = score.score([sentence(0, "Lunch yesterday tasted rather bland honestly.").words], terms)
    shaky = score.score(
        [sentence(0, "Evaluation drives model quality because we measure it.", conf=0.4).words], terms
    )
    assert clean.fluency == 1.0 and filler.fluency < 0.5
    assert clean.keyness > off_topic.keyness
    assert clean.total > filler.total and clean.total > off_topic.total and clean.total > shaky.total


def test_questions_and_housekeeping_carry_less_substance() -> None:
    assert score.substance_score(["I think the reason it works is that we test every change."]) > 0.5
    assert score.substance_score(["Can everyone see my screen?"]) == 0.0


def test_english_background_prefers_topic_words_over_common_ones() -> None:
    texts = [
        "The little bit of fine tuning helped Llama a little.",
        "Fine tuning Llama took a little bit of time.",
        "A little fine tuning goes a long way for Llama.",
    ]
    terms = KeyTerms.of(texts, background.english_logprob())
    assert terms.weights["llama"] > terms.weights.get("little", 0.0)


def test_cut_lies_in_the_silence_with_guard_and_padding() -> None:
    words = (Word("Hi.", 0.0, 0.5), Word("Yes", 1.0, 1.4), Word("indeed.", 1.4, 2.0), Word("Ok.", 2.3, 2.6))
    tl = Timeline.of(words)
    c = choose_cut(tl, 1, 2, Span(1.0, 2.0))
    assert c is not None
    assert 0.5 + GUARD <= c.start <= 1.0 - GUARD and 2.0 + GUARD <= c.end <= 2.3 - GUARD
    assert c.fade_in <= 1.0 - c.start + 1e-9 and c.fade_out <= c.end - 2.0 + 1e-9


def test_no_cut_when_neighbours_touch_or_are_untimed_or_overlap() -> None:
    touching = (Word("a", 0.0, 1.0), Word("b.", 1.0, 2.0), Word("c", 2.03, 3.0))
    assert choose_cut(Timeline.of(touching), 1, 1, Span(1.0, 2.0)) is None
    untimed = (Word("a", 0.0, 0.5), Word("b."), Word("c", 1.0, 1.5), Word("d.", 1.5, 2.0))
    assert choose_cut(Timeline.of(untimed), 2, 3, Span(1.0, 2.0)) is None
    overlapped = (Word("a", 0.0, 0.5), Word("b.", 1.0, 2.0), Word("other", 1.5, 1.7))  # someone else, inside
    assert choose_cut(Timeline.of(overlapped), 1, 1, Span(1.0, 2.0)) is None


def test_cut_shortens_padding_to_fit_max_duration_and_audio_end() -> None:
    words = (Word("a", 1.0, 1.5), Word("b.", 1.5, 2.9))
    c = choose_cut(Timeline.of(words), 0, 1, Span(1.0, 2.9), max_duration=2.0)
    assert c is not None and c.duration <= 2.0 + 1e-9 and c.start <= 1.0 - GUARD and c.end >= 2.9 + GUARD
    assert choose_cut(Timeline.of(words), 0, 1, Span(1.0, 2.9), max_duration=1.92) is None
    c = choose_cut(Timeline.of(words), 0, 1, Span(1.0, 2.9), audio_end=3.0)
    assert c is not None and c.end <= 3.0


_VOCABULARY = ("careful", "evaluation", "model", "change", "catches", "quality", "regressions", "early",
               "teams", "ship", "weekly", "tests", "guard", "every", "release", "metrics", "drift",
               "production", "traffic", "users", "notice", "latency", "budgets", "alerts", "dashboards",
               "reviewers", "compare", "baselines", "datasets", "labels", "noise", "annotators", "disagree",
               "often", "calibration", "matters", "more", "than", "accuracy", "rollout", "canary", "cohorts",
               "feedback", "loops", "retraining", "schedules")


def _varied(text: str, k: int) -> str:
    """``text`` as the ``k``-th sentence of a passage: as long, but its own words (selection
    never takes one passage twice, so a turn of one sentence said over and over is one passage)."""
    if k == 0:
        return text
    rng = random.Random(k)
    return " ".join(rng.sample(_VOCABULARY, len(text.split()))).capitalize() + "."


def _long_turn(speaker: str, t0: float, n: int, text: str) -> tuple[Turn, float]:
    sents, t = [], t0
    for k in range(n):
        s = sentence(t, _varied(text, int(t0 * 10) + k))
        sents.append(s)
        t = s.words[-1].end + 0.5  # type: ignore[operator]
    return Turn(speaker, tuple(sents)), t + 1.0


def test_selection_spreads_clips_over_the_episode_and_warns_when_short() -> None:
    text = "Careful evaluation of every model change catches quality regressions early."
    turns, t = [], 0.0
    for speaker, n in (("Ann", 6), ("Bob", 2), ("Ann", 6), ("Bob", 2), ("Ann", 6)):
        turn, t = _long_turn(speaker, t, n, text)
        turns.append(turn)
    ep = Episode(tuple(turns), (Speaker("Ann"), Speaker("Bob")))
    sel = select_clips(ep, per_speaker=3, min_seconds=8, max_seconds=20, background=None, sections=None)
    ann = [c for c in sel if c.speaker == "Ann"]
    assert len(ann) == 3 and [c.n for c in ann] == [1, 2, 3]
    # One clip from each of Ann's three turns (variety), not three from one.
    assert sorted({c.first_sentence // 8 for c in ann}) == [0, 1, 2]
    bob = [c for c in sel if c.speaker == "Bob"]
    assert len(bob) == 2
    assert sel.warnings == ("Bob: 2 clips of 8-20 s instead of 3 (not enough material)",)
    only = select_clips(
        ep, per_speaker=1, min_seconds=8, max_seconds=20, speaker="Bob", background=None, sections=None
    )
    assert {c.speaker for c in only} == {"Bob"}
    with pytest.raises(ValueError, match="no speaker named"):
        select_clips(ep, speaker="Cat", background=None, sections=None)


def test_a_passage_said_twice_is_clipped_once() -> None:
    # A long show re-airs a segment (or repeats an ad read): the same words an hour apart
    # were picked as clips #1 and #2 (on the 3-hour episode, each speaker's three clips
    # were one passage three times).
    best = "Careful evaluation of every model change catches quality regressions early."
    turns, t = [], 0.0
    for speaker, n in (("Ann", 6), ("Bob", 2), ("Ann", 6), ("Bob", 2)):
        turn, t = _long_turn(speaker, t, n, best)
        turns.append(turn)
    rerun = turns[0]  # the first segment again, word for word, later on
    gap = t + 3600.0
    shifted = tuple(Sentence(tuple(Word(w.text, (w.start or 0.0) + gap, (w.end or 0.0) + gap, w.confidence)
                                   for w in s.words)) for s in rerun.sentences)
    ep = Episode((*turns, Turn("Ann", shifted)), (Speaker("Ann"), Speaker("Bob")))
    sel = select_clips(ep, per_speaker=3, min_seconds=8, max_seconds=20, background=None, sections=None)
    texts = [c.text for c in sel if c.speaker == "Ann"]
    assert len(texts) == 3
    pairs = [selection._pairs_of(t) for t in texts]
    assert not any(selection._repeats(a, b) for a, b in itertools.combinations(pairs, 2)), texts


def test_sections_drive_variety_when_given() -> None:
    text = "Careful evaluation of every model change catches quality regressions early."
    turn, end = _long_turn("Ann", 0.0, 12, text)
    ep = Episode((turn,))
    sel = select_clips(
        ep, per_speaker=2, min_seconds=8, max_seconds=20, background=None, sections=[0.0, end / 2]
    )
    assert len({c.speech.middle < end / 2 for c in sel}) == 2  # one clip in each section


# --- properties over random episodes ------------------------------------------------------


@st.composite
def episodes(draw: st.DrawFn) -> Episode:
    t = draw(st.floats(0.0, 2.0))
    turns = []
    for _ in range(draw(st.integers(1, 6))):
        speaker = draw(st.sampled_from(["Ann", "Bob", "Cat"]))
        sents = []
        for _ in range(draw(st.integers(1, 4))):
            words = []
            for k in range(draw(st.integers(1, 8))):
                if draw(st.integers(0, 20)) == 0:
                    words.append(Word(f"w{k}"))
                    continue
                t += draw(st.sampled_from([0.0, 0.0, 0.01, 0.05, 0.2]))
                d = draw(st.floats(0.05, 0.8))
                words.append(Word(f"w{k}", round(t, 3), round(t + d, 3), 1.0))
                t += d
            words[-1] = Word(words[-1].text + ".", words[-1].start, words[-1].end, words[-1].confidence)
            sents.append(Sentence(tuple(words)))
            t += draw(st.sampled_from([0.0, 0.03, 0.3, 0.8]))
        turns.append(Turn(speaker, tuple(sents)))
    return Episode(tuple(turns))


def _distance(t: float, w: Word) -> float:
    assert w.start is not None and w.end is not None
    return 0.0 if w.start <= t <= w.end else min(abs(t - w.start), abs(t - w.end))


@settings(max_examples=150, deadline=None)
@given(episodes(), st.floats(1.0, 4.0), st.floats(0.0, 6.0), st.integers(1, 3))
def test_clips_cut_cleanly_within_bounds_without_overlap(
    ep: Episode, min_s: float, extra: float, per: int
) -> None:
    max_s = min_s + extra
    sel = select_clips(
        ep, per_speaker=per, min_seconds=min_s, max_seconds=max_s, background=None, sections=None
    )
    words = list(ep.words())
    for clip in sel:
        assert min_s - 1e-9 <= clip.duration <= max_s + 1e-9
        own = set(range(clip.first_word, clip.last_word + 1))
        for i, w in enumerate(words):
            if not w.timed:
                continue
            for cut_at in (clip.start, clip.end):
                if cut_at > 0:
                    assert _distance(cut_at, w) >= GUARD - 1e-9  # never inside or near a word
            assert w.start is not None and w.end is not None
            inside = clip.start < w.end and w.start < clip.end
            assert inside == (i in own), "clip holds exactly its own words"
        assert clip.fade_in <= clip.speech.start - clip.start + 1e-9
    for name in {c.speaker for c in sel}:
        mine = sorted((c for c in sel if c.speaker == name), key=lambda c: c.start)
        assert len(mine) <= per
        assert all(a.end <= b.start for a, b in itertools.pairwise(mine))
    short = {w.split(":")[0] for w in sel.warnings}
    assert all(sum(c.speaker == s for c in sel) < per for s in short)
    assert not math.isnan(sum(c.score for c in sel))


def test_clip_titles_leave_out_hesitations_of_their_language_only():
    # A soundbite titled "...the sick corpus uh…" (real-mfa, a spontaneous monologue).
    assert selection._title("So this is the sick corpus uh i have a cold", "en") == "So this is the sick corpus i have…"
    assert selection._title("Um, the levels are fine now.", "en") == "the levels are fine now."
    # Elsewhere a filler list holds real words: Italian "tipo" (type) stays.
    assert selection._title("Il tipo di caffè che beviamo al bar ogni mattina", "it").startswith("Il tipo di")
    # German and Portuguese "um" is a word ("um 8 Uhr", "um livro"); their own hesitations go.
    assert selection._title("Ähm, wir treffen uns um 8 Uhr am Bahnhof.", "de") == "wir treffen uns um 8 Uhr am Bahnhof."
    assert selection._title("Eu li hã um livro sobre abelhas ontem.", "pt") == "Eu li um livro sobre abelhas ontem."
    assert selection._title("Um livro sobre abelhas, hum, mudou tudo.", "pt") == "Um livro sobre abelhas, mudou tudo."


def test_discourse_words_count_as_fillers_only_when_set_off():
    # Spanish "este" (this) and "bueno" (good) are words; "Bueno, este, ..." are fillers.
    from audiokit.clips.score import fluency_score

    words = ["este", "año", "es", "bueno", "para", "todos", "nosotros", "aquí", "en", "la", "ciudad"]
    assert fluency_score(words, words, "es") == 1.0
    raw = ["Bueno,", "este,", "el", "año", "fue", "largo", "para", "todos", "nosotros", "aquí."]
    assert fluency_score([w.strip(",.").lower() for w in raw], raw, "es") < 1.0
