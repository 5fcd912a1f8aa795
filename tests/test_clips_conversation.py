"""Clips that know conversation: sentence roles, the verdict on a passage, moment kinds,
reasons and social captions, platform presets (pure logic), and selection over small
made-up conversations."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.clips import judge, moments, platforms, structure
from audiokit.clips.candidates import SentenceIndex
from audiokit.clips.judge import Verdict
from audiokit.clips.moments import CAPTION_MAX, kinds, social_caption, strength
from audiokit.clips.selection import select_clips
from audiokit.clips.structure import Structure, roles_of
from audiokit.model import Episode, Sentence, Turn, Word


@pytest.mark.parametrize("module", [judge, moments, platforms, structure])
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Thanks so much for joining us today.", "thanks"),
        ("My name is Dana and I host the show.", "intro"),
        ("Hi everyone, Sam here, CTO at Example.", "intro"),
        ("Maggie can drop the registration link in the chat.", "housekeeping"),
        ("There are two more questions and then we might be at time.", "housekeeping"),
        ("Do you want to maybe talk about how they picked the data set?", "transition"),
        ("Let's move on to the evaluation section.", "transition"),
        ("As you can see on this slide, the curve flattens.", "visual"),
        ("I think it's on the first or second page.", "visual"),
        ("I can't recall exactly where that is right now.", "unsure"),
        ("We have a question in the chat: does it work offline?", "read_question"),
        ("Is it possible to connect private data?", "question"),
        ("Totally agree.", "backchannel"),
        ("So that was the second reason.", "dangling"),
        ("I mean, this is a great alternative.", "dangling"),
        ("Like you said, the data matters most.", "backref"),
        ("The core dataset itself.", "fragment"),
    ],
)
def test_roles_of_a_sentence(text: str, role: str) -> None:
    assert role in roles_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Evaluation catches regressions before users do.",
        "I found the trade-off between helpfulness and safety fascinating.",
        "The reward model was built over time from thousands of labels.",
        "This paper sets a precedent for transparency.",
        "Thanks to the new tokenizer, training got cheaper.",
        "If you wanted to train a model, you would need far more than compute.",
    ],
)
def test_self_standing_claims_have_no_role_that_blocks_an_opening(text: str) -> None:
    assert not roles_of(text) & structure.NEVER_OPEN


def _s(text: str) -> Sentence:
    return Sentence(tuple(Word(w) for w in text.split()))


def test_read_out_question_and_its_answer() -> None:
    ep = Episode(
        (
            Turn("Ann", (_s("Good point."), _s("We got a couple more questions:"), _s("Is it fast?"),
                         _s("Does it scale?"), _s("It is fast because it caches."), _s("It scales too."))),
            Turn("Bob", (_s("How do you test it?"),)),
            Turn("Ann", (_s("We replay real traffic."),)),
        )
    )
    st_ = Structure.of(SentenceIndex.of(ep))
    assert [("read_question" in r) for r in st_.roles] == [False, True, True, True, False, False, False, False]
    assert st_.asked[4] == st_.asked[5] == 1
    assert "answer" in st_.roles[7] and st_.asked[7] is None  # answers someone else's question


def test_verdicts() -> None:
    q, a = frozenset({"read_question", "question"}), frozenset({"answer"})
    st_ = Structure((frozenset({"housekeeping"}), q, a, a, frozenset({"question"}), frozenset()),
                    (None, None, 1, 1, None, None))
    d = [2.0, 3.0, 10.0, 10.0, 2.0, 5.0]
    assert not judge.judge(st_, 0, 3, d).ok  # opens on housekeeping
    assert judge.judge(st_, 1, 3, d).opens_on_question  # short question, answered
    assert not judge.judge(st_, 1, 1, d).ok  # the question alone
    long_question = [2.0, 12.0, 10.0, 10.0, 2.0, 5.0]
    assert not judge.judge(st_, 1, 3, long_question).ok  # a long question is no opening
    assert not judge.judge(st_, 2, 4, d).ok  # ends on a question
    ok = judge.judge(st_, 2, 3, d)
    assert ok.ok and ok.backref  # opens right after the question it answers
    assert judge.judge(st_, 5, 5, d).ok and not judge.judge(st_, 5, 5, d).backref


def test_mostly_bad_passages_are_refused() -> None:
    st_ = Structure((frozenset(), frozenset({"visual"}), frozenset()), (None, None, None))
    assert not judge.judge(st_, 0, 2, [5.0, 5.0, 5.0]).ok
    v = judge.judge(st_, 0, 2, [10.0, 1.0, 10.0])
    assert v.ok and 0 < v.bad_share <= judge.MAX_BAD_SHARE


def test_moment_kinds_and_strength() -> None:
    assert kinds(["I think retrieval beats fine-tuning."]) == ["opinion"]
    assert kinds(["Only 350 people labelled it."])[0] == "number: 350 people"
    assert "analogy" in kinds(["That reminded me of true and false positive rates."])
    assert "story" in kinds(["I remember when we tried it.", "We spent a week on it."])
    assert "punchline" in kinds(["And it worked!"])
    assert kinds(["The model has layers."]) == []
    assert strength([]) == 0.0 and strength(["opinion", "number: 3%"]) == 1.0


def test_social_caption_takes_the_best_sentence_and_tidies_it() -> None:
    text = ["Yeah, so.", "And I mean, the hidden barrier is not compute, it's people.", "That was it."]
    assert social_caption(text) == "The hidden barrier is not compute, it's people."


@pytest.mark.parametrize(
    ("language", "sentences", "caption"),
    [
        # "um" is a preposition in German and an article in Portuguese: it stays; "äh", "hã" go.
        ("de", ["Ja.", "Um 8 Uhr, äh, war der Laden schon leer und um zehn hatten wir alles verkauft."],
         "Um 8 Uhr, war der Laden schon leer und um zehn hatten wir alles verkauft."),
        ("pt", ["Sim.", "Hã, um livro sobre abelhas mudou tudo para mim, hum, no ano passado."],
         "Um livro sobre abelhas mudou tudo para mim, no ano passado."),
        # German "So" and "Also" open a sentence of their own: no English openers are dropped.
        ("de", ["So haben wir es am Ende doch noch geschafft, äh, mit dem alten Auto."],
         "So haben wir es am Ende doch noch geschafft, mit dem alten Auto."),
        # English keeps dropping its hesitations and openers, and "you know" only as an aside.
        ("en", ["Um, so uh we sold out by ten, you know, every jar of honey we had."],
         "We sold out by ten, every jar of honey we had."),
        ("en", ["Do you know how many jars of honey we sold by ten that morning?"],
         "Do you know how many jars of honey we sold by ten that morning?"),
    ],
)
def test_social_caption_drops_the_hesitations_of_its_language(language: str, sentences: list[str],
                                                               caption: str) -> None:
    assert social_caption(sentences, language=language) == caption


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300),
                min_size=1, max_size=6))
def test_social_caption_is_short_and_from_the_clip(sentences: list[str]) -> None:
    caption = social_caption(sentences)
    assert len(caption) <= CAPTION_MAX
    words = {w.casefold().strip(",;:–—…") for s in sentences for w in s.split()}
    assert all(w.casefold().strip(",;:–—…") in words or w.endswith("…") for w in caption.split())


def test_reasons_name_the_signals() -> None:
    lines = judge.reasons(["answer to a question"], Verdict(True, opens_on_question=True), 0.6, [], None)
    assert lines == ["answer to a question", "opens on the question it answers", "ends mid-thought"]


def test_platform_presets() -> None:
    assert platforms.max_seconds("shorts") == 60 and platforms.max_seconds("x") == 140
    assert platforms.max_seconds("tiktok", 30) == 30
    with pytest.raises(ValueError):
        platforms.max_seconds("myspace")


def _timed(turns: list[tuple[str, list[str]]]) -> Episode:
    """Turns of sentences, words 0.4 s apart, 0.6 s between sentences."""
    t, out = 0.0, []
    for speaker, texts in turns:
        sents = []
        for text in texts:
            ws = []
            for w in text.split():
                ws.append(Word(w, t, t + 0.36, 1.0))
                t += 0.4
            sents.append(Sentence(tuple(ws)))
            t += 0.6
        out.append(Turn(speaker, tuple(sents)))
        t += 0.5
    return Episode(tuple(out))


def test_selection_never_picks_housekeeping_or_a_question_without_its_answer() -> None:
    point = ("I think the real problem with evaluation is that benchmarks leak into training data, "
             "which means the scores look better than the models are.")
    second = "I found that most teams never check for it, because it is slow and nobody asks."
    ep = _timed(
        [
            ("Ann", ["Thanks so much for joining, everyone.", "My name is Ann and I run the show.",
                     "Before we start, the registration link is in the chat.",
                     "We have a question in the chat: what is the biggest problem with evaluation today?",
                     "Do you want to take that one?"]),
            ("Bob", [point, second]),
        ]
    )
    sel = select_clips(ep, per_speaker=1, min_seconds=5, max_seconds=30, sections=None, background=None)
    assert [c.speaker for c in sel] == ["Bob"]
    assert sel[0].text in (point, second, f"{point} {second}")
    assert sel[0].reasons[0].startswith("opinion") and len(sel[0].caption) <= CAPTION_MAX
    assert any(w.startswith("Ann:") and "questions, hand-overs or housekeeping" in w for w in sel.warnings)


def test_a_short_read_out_question_may_open_its_answer() -> None:
    ep = _timed(
        [
            ("Ann", ["We have a question: does it run offline?",
                     "It runs fully offline because the model ships inside the package, so nothing is downloaded.",
                     "I think that matters most for producers who travel and edit on planes."]),
        ]
    )
    sel = select_clips(ep, per_speaker=1, min_seconds=5, max_seconds=30, sections=None, background=None)
    assert len(sel) == 1
    clip = sel[0]
    assert clip.text.startswith("We have a question") and "opens on the question it answers" in clip.reasons


def test_a_passage_that_is_mostly_silence_is_never_a_clip() -> None:
    words = [Word("Evaluation", 0.0, 0.5, 1.0), Word("catches", 0.6, 1.0, 1.0), Word("regressions", 1.1, 1.6, 1.0),
             Word("early,", 1.7, 2.0, 1.0), Word("before", 17.0, 17.4, 1.0), Word("users", 17.5, 17.9, 1.0),
             Word("notice.", 18.0, 18.5, 1.0)]
    ep = Episode((Turn("Ann", (Sentence(tuple(words)),)),))
    sel = select_clips(ep, per_speaker=1, min_seconds=5, max_seconds=30, sections=None, background=None)
    assert len(sel) == 0 and sel.warnings


@pytest.mark.parametrize(("language", "text", "dangling"), [
    ("de", "Um 8 Uhr war der Laden schon leer.", False), ("pt", "Um livro sobre abelhas mudou tudo.", False),
    ("de", "Äh, der Laden war leer.", True), ("en", "Um, the shop was empty.", True),
])
def test_an_opening_hesitation_is_the_languages_own(language: str, text: str, dangling: bool) -> None:
    # "um" opens a sentence in German and Portuguese; a German clip may open on it.
    assert ("dangling" in roles_of(text, language)) is dangling
