"""Arabic's own text rules (audiokit/text/arabic.py): sentences ending at ؟, caption lines that
keep a preposition with its noun and break after ، rather than before, prepositions with their
attached pronouns as stopwords ("بكم" is never a title word), fillers, titles; lookups with or
without harakat."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.captions import STYLES, build_cues, check, function_words
from audiokit.captions.breaks import (
    AFTER_FUNCTION_WORD,
    BEFORE_FUNCTION_WORD,
    CLAUSE,
    NEUTRAL,
    NEVER,
    SENTENCE,
    break_cost,
)
from audiokit.captions.lint import HARD_RULES
from audiokit.chapters import titles_lang
from audiokit.chapters.titles import MAX_LENGTH, make_titles
from audiokit.clips import language as clip_language
from audiokit.clips.score import content_terms, fluency_score, normalize, opening_score
from audiokit.model import Episode, Metadata, Sentence, Turn, Word
from audiokit.text import arabic, language, stopwords
from audiokit.text.sentences import sentence_texts, split_sentences

# The user trial's transcript (an eSpeak NG episode, two speakers).
TRIAL = [
    ("سارة", "مرحبا بكم في حلقة جديدة من البودكاست. اليوم نتحدث عن الزراعة في المدينة."),
    ("عمر", "شكرا يا سارة. أنا سعيد بوجودي هنا. بدأت حديقتي على سطح البيت قبل ثلاث سنوات."),
    ("سارة", "وما الذي تزرعه هناك؟"),
    ("عمر", "الطماطم والنعناع والفلفل. النعناع ينمو بسرعة كبيرة، ويكفي للشاي كل يوم."),
    ("سارة", "هذا رائع. وماذا عن الماء في الصيف؟"),
    ("عمر", "نجمع مياه المطر في خزان صغير، ونسقي النباتات في الصباح الباكر قبل الحر."),
]
_HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"


def _episode(turns: list[tuple[str, str]]) -> Episode:
    out, t = [], 0.0
    for speaker, text in turns:
        tokens = text.split()
        words = [Word(w, t + 0.3 * k, t + 0.3 * k + 0.26) for k, w in enumerate(tokens)]
        t += 0.3 * len(tokens) + 0.6
        spans = split_sentences(tokens, "ar")
        out.append(Turn(speaker, tuple(Sentence(tuple(words[a:b])) for a, b in spans)))
    return Episode(tuple(out), metadata=Metadata(language="ar"))


# --- sentences -------------------------------------------------------------------------------

def test_arabic_question_mark_ends_a_sentence() -> None:
    assert sentence_texts("وما الذي تزرعه هناك؟ الطماطم والنعناع.", "ar") == [
        "وما الذي تزرعه هناك؟", "الطماطم والنعناع."]
    # ؟ ends a sentence in the middle of a turn, and the full stop before an uncased letter too.
    assert sentence_texts("هذا رائع. وماذا عن الماء في الصيف؟ نجمع مياه المطر.", "ar") == [
        "هذا رائع.", "وماذا عن الماء في الصيف؟", "نجمع مياه المطر."]


def test_arabic_title_abbreviations_do_not_end_a_sentence() -> None:
    assert sentence_texts("تحدثنا مع د. محمد عن الماء. ثم مع أ.د. سعاد.", "ar") == [
        "تحدثنا مع د. محمد عن الماء.", "ثم مع أ.د. سعاد."]


# --- caption breaks --------------------------------------------------------------------------

@pytest.mark.parametrize(("before", "after"), [
    ("في", "المدينة"), ("على", "سطح"), ("من", "البودكاست"), ("قبل", "الحر"), ("عن", "الزراعة"),
    ("إلى", "البيت"), ("الى", "البيت"), ("يا", "سارة"), ("هذا", "الكتاب"), ("كل", "يوم"), ("لم", "يأت"),
    ("وفي", "الصيف"), ("ومن", "هناك"), ("لكل", "شخص"),
    # With harakat, as a vowelled transcript writes them.
    ("فِي", "المَدِينَةِ"), ("عَلَى", "سطح"),
    # A number and its unit: the counted form, Arabic-Indic digits, the Arabic percent sign.
    ("ثلاث", "سنوات"), ("٣", "أيام"), ("20", "٪"), ("عشرين", "دقيقة"),
])
def test_preposition_stays_with_its_noun(before: str, after: str) -> None:
    assert break_cost(before, after, language="ar") >= NEVER


@pytest.mark.parametrize("form", ["بكم", "لكم", "عليكم", "منها", "فيه", "إليها", "معنا", "بيننا", "عندي"])
def test_preposition_with_its_pronoun_may_end_a_line(form: str) -> None:
    # "مرحبا بكم / في حلقة": the pronoun is the preposition's object, the phrase is whole.
    assert break_cost(form, "حلقة", language="ar") == NEUTRAL
    assert break_cost(form, "في", language="ar") == BEFORE_FUNCTION_WORD


def test_arabic_punctuation_is_punctuation() -> None:
    assert break_cost("صغير،", "ونسقي", language="ar") == CLAUSE
    assert break_cost("الخطة؛", "ثم", language="ar") == CLAUSE
    assert break_cost("هناك؟", "الطماطم", language="ar") == SENTENCE
    # Punctuation around a function word does not hide it: "في،" is still "في".
    assert break_cost("«في", "المدينة»", language="ar") >= NEVER


def test_conjunction_goes_to_the_next_line() -> None:
    # و is written onto its word: "الطماطم / والنعناع" is the cheap break, not "و / ..." after it.
    assert break_cost("الطماطم", "والنعناع", language="ar") == BEFORE_FUNCTION_WORD
    assert break_cost("لكن", "الماء", language="ar") == AFTER_FUNCTION_WORD
    assert break_cost("الماء", "لكن", language="ar") == BEFORE_FUNCTION_WORD
    # Words that merely begin with و or ف are not conjunctions: وقت "time", فوق "above", والد "father".
    assert arabic.conjunction_led("والدولة") and not any(map(arabic.conjunction_led, ["وقت", "فوق", "والد", "وراء"]))


def test_trial_lines_break_after_the_comma_and_never_after_a_preposition() -> None:
    ep = _episode(TRIAL)
    binding = function_words.RULES["ar"].binding
    for style in STYLES.values():
        cues = build_cues(ep, style)
        lines = [line for c in cues for line in c.lines]
        assert not [line for line in lines if stopwords.lookup_form(line.split()[-1], "ar") in binding], style.name
        assert not [v for v in check(cues, style) if v.rule in HARD_RULES], style.name
        assert " ".join(w for line in lines for w in line.split()) == " ".join(t for _, t in TRIAL)
    lines = [line for c in build_cues(ep, STYLES["netflix"]) for line in c.lines]
    assert "نجمع مياه المطر في خزان صغير،" in lines


# --- stopwords and titles -----------------------------------------------------------------------

@pytest.mark.parametrize("word", ["بكم", "لكم", "عليكم", "منها", "بِكُمْ", "عليكُم", "إليهم", "لديها", "وفيه",
                                  "الذي", "هذه", "هناك", "لأنه", "إنني", "يعني"])
def test_function_words_are_stopwords(word: str) -> None:
    assert stopwords.is_stopword(word, "ar")


@pytest.mark.parametrize("word", ["البودكاست", "الزراعة", "المدينة", "النعناع", "حديقتي", "فهم", "خارجي"])
def test_content_words_are_not_stopwords(word: str) -> None:
    assert not stopwords.is_stopword(word, "ar")


def test_every_preposition_with_every_pronoun_is_a_stopword() -> None:
    for stem in ("في", "من", "إلى", "على", "عن", "مع", "عند", "لدى", "بين", "ب", "ل"):
        forms = arabic.with_pronouns(arabic.fold(stem))
        assert len(forms) >= len(arabic.SUFFIXES)
        assert all(stopwords.is_stopword(f, "ar") for f in forms), stem


def test_bikum_is_no_title_word() -> None:
    # The trial's title was "البودكاست & بكم": "بكم" ("with you") is a stopword now.
    text = " ".join(t for _, t in TRIAL)
    assert all("بكم" not in phrase for s in titles_lang.by_sentence(text, "ar") for _, phrase in s)
    titles = make_titles([text], language="ar")
    assert "بكم" not in titles[0] and "&" not in titles[0]


def test_arabic_titles_in_arabic_words() -> None:
    intro = "أهلا بكم في البودكاست. معكم سارة. اليوم عندنا ضيف."
    mint = "النعناع ينمو بسرعة. النعناع يحتاج الماء. الشاي بالنعناع لذيذ. النعناع في الحديقة."
    rain = "مياه المطر في الخزان. نجمع مياه المطر كل شتاء. المطر قليل في الصيف."
    got = make_titles([intro, mint, rain], language="ar")
    assert got[0] == "مقدمة" and "النعناع" in got[1] and "المطر" in got[2]
    assert len({t for t in got}) == 3 and all(len(t) <= MAX_LENGTH for t in got)
    assert make_titles(["نعم. لا.", "هذا هو."], language="ar") == ["الجزء 1", "الجزء 2"]
    assert titles_lang.join("الشاي", "النعناع", "ar") == "الشاي والنعناع"


def test_a_title_does_not_open_on_the_conjunction() -> None:
    phrases = [w for s in titles_lang.by_sentence("الطماطم والنعناع. والنعناع طيب.", "ar") for _, w in s]
    assert "والنعناع" not in phrases and "النعناع" in phrases


# --- clips -----------------------------------------------------------------------------------

def test_arabic_fillers_count_when_set_off() -> None:
    noisy = ["يعني،", "ممم،", "طيب،", "الماء", "في", "الصيف", "قليل", "جدا"]
    clean = ["الماء", "في", "الصيف", "قليل", "جدا"]
    tokens = [normalize(w) for w in noisy]
    assert fluency_score(tokens, noisy, "ar") < fluency_score([normalize(w) for w in clean], clean, "ar") == 1.0
    # "يعني" inside a sentence, not set off, is the verb "means": no filler.
    said = ["هذا", "يعني", "أن", "الماء", "قليل"]
    assert fluency_score([normalize(w) for w in said], said, "ar") == 1.0
    assert not {"يعني", "ممم", "طيب"} & set(content_terms(tokens, "ar"))
    assert stopwords.is_hesitation("إممم،", "ar") and not stopwords.is_hesitation("أمم", "ar")


def test_arabic_openers_lean_on_what_came_before() -> None:
    assert opening_score(["ولكن", "الماء", "قليل."], "ar") == 0.0
    assert opening_score(["لذلك", "نجمع", "المطر."], "ar") == 0.0
    assert opening_score(["نجمع", "مياه", "المطر."], "ar") == 1.0
    assert clip_language.filler_pair("كما", "تعلم", "ar") and clip_language.is_filler("إذن", "ar")


# --- warnings --------------------------------------------------------------------------------

def test_arabic_needs_no_generic_rules() -> None:
    assert language.generic_warnings("ar") == []


def test_resplit_at_the_arabic_question_mark() -> None:
    words = tuple(Word(t) for t in ["وما", "الذي", "تزرعه", "هناك؟", "الطماطم."])
    ep = Episode((Turn("A", (Sentence(words),)),), metadata=Metadata(language="ar"))
    assert [s.text for s in language.resplit_sentences(ep).turns[0].sentences] == ["وما الذي تزرعه هناك؟", "الطماطم."]


# --- properties ------------------------------------------------------------------------------

_FUNCTION_WORDS = sorted(arabic.BINDING | arabic.CONJUNCTIONS | arabic.CLINGING | arabic.STANDALONE)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_FUNCTION_WORDS), st.lists(st.sampled_from(_HARAKAT + "\u0640"), max_size=12), st.randoms())
def test_lookups_tolerate_harakat_and_tatweel(word: str, marks: list[str], rnd) -> None:
    # Any harakat or tatweel written after any letters: the folded word is the listed one.
    letters = list(word)
    for m in marks:
        k = rnd.randrange(len(letters))
        letters[k] += m
    vowelled = "".join(letters)
    assert arabic.fold(vowelled) == word == arabic.fold(arabic.fold(vowelled))
    assert stopwords.is_stopword(vowelled, "ar")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["في", "د.", "هناك؟", "صغير،", "البيت.", "«نعم»", "؟", "…", "ونسقي"]), max_size=30))
def test_spans_cover_arabic_tokens(tokens: list[str]) -> None:
    spans = split_sentences(tokens, "ar")
    assert [i for a, b in spans for i in range(a, b)] == list(range(len(tokens)))
    ends = [tokens[b - 1] for a, b in spans[:-1]]
    assert all(t != "في" for t in ends)


def test_generated_sets_hold_only_folded_words() -> None:
    for word in itertools.chain(_FUNCTION_WORDS, arabic.FILLERS, arabic.NUMBERS, arabic.UNITS):
        assert arabic.fold(word) == word and " " not in word


def test_construct_and_adjective_stay_together_when_they_can() -> None:
    # "سطح / البيت" (the roof of the house) is one phrase: dearer than a break before "قبل".
    assert break_cost("سطح", "البيت", language="ar") > break_cost("البيت", "قبل", language="ar")
    assert break_cost("الصباح", "الباكر", language="ar") > NEUTRAL
    assert break_cost("البيت", "قبل", language="ar") == BEFORE_FUNCTION_WORD


def test_no_title_phrase_ends_inside_a_construct() -> None:
    # The second episode of the trial titled its first chapter "الخزان بمياه" ("the tank with
    # water"), cut before "المطر" ("rain") of "مياه المطر".
    text = "نجمع مياه المطر في خزان. في الشتاء يمتلئ الخزان بمياه المطر. الخزان بمياه المطر يكفي."
    phrases = {w for s in titles_lang.by_sentence(text, "ar") for _, w in s}
    assert "الخزان بمياه" not in phrases and "مياه" not in phrases
    assert "الخزان بمياه المطر" in phrases and "مياه المطر" in phrases


def test_title_candidates_stop_at_arabic_punctuation() -> None:
    # ؟ ends a sentence for the titles too, and no phrase runs over ، or ؛.
    sentences = titles_lang.by_sentence("ما رأيك في الحديقة؟ الطماطم، النعناع؛ الفلفل", "ar")
    assert len(sentences) == 2
    phrases = [w for s in sentences for _, w in s]
    assert phrases == ["رأيك", "رأيك في الحديقة", "الحديقة", "الطماطم", "النعناع", "الفلفل"]


def test_only_a_preposition_links_a_title_phrase() -> None:
    # "الزراعة في المدينة" is one phrase; the vocative "يا" and the negation "لم" link nothing.
    phrases = [w for s in titles_lang.by_sentence("شكرا يا سارة. الماء لم ينقطع. الزراعة في المدينة.", "ar")
               for _, w in s]
    assert "الزراعة في المدينة" in phrases
    assert not [p for p in phrases if " يا " in f" {p} " or " لم " in f" {p} "]
