"""Spoken topic cues per language: the data tables, their normalisation and the feature columns."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.chapters import cues, features
from audiokit.chapters.cue_phrases import CUES, EN
from audiokit.chapters.find import content_text
from audiokit.chapters.model import timed_sentences
from audiokit.lang.codes import SUPPORTED
from audiokit.model import Episode, Sentence, Turn, Word

KINDS = ("openers", "closers", "starts")


def test_every_table_loads_and_compiles():
    assert {"en", "it", "cs", "ru", "de", "es", "fr", "pt", "pl", "nl", "fi", "ca", "hi"} <= set(CUES)
    for code, table in CUES.items():
        assert code in SUPPORTED, code
        assert set(table) == set(KINDS), code
        for kind in KINDS:
            phrases = table[kind]
            assert phrases and len(set(phrases)) == len(phrases), (code, kind)
            for p in phrases:
                assert p == p.strip() and p == p.lower() and "  " not in p, (code, p)
        assert cues.matcher(code) is not None


@pytest.mark.parametrize("code", sorted(CUES))
def test_each_phrase_matches_itself_in_a_sentence(code):
    cue = cues.matcher(code)
    table = CUES[code]
    for p in table["openers"]:
        word = re.sub(r"\*", "", p)  # a prefix matches the stem itself
        assert cue.opens(f"{word.capitalize()} xyz."), (code, p)
    for p in table["closers"]:
        assert cue.closes(f"{p.capitalize()}!"), (code, p)
    for p in table["starts"]:
        assert cue.starts(f"{p.capitalize()}, xyz."), (code, p)
        assert not cue.starts(f"xyz {p} xyz."), (code, p)


def _episode(texts: list[tuple[str, str]], language: str) -> Episode:
    turns = [Turn(sp, (Sentence(tuple(Word(w, k * 5.0 + j * 0.3, k * 5.0 + j * 0.3 + 0.2)
                                      for j, w in enumerate(text.split()))),)) for k, (sp, text) in enumerate(texts)]
    return Episode(tuple(turns))


def _columns(texts: list[tuple[str, str]], language: str) -> dict[str, np.ndarray]:
    sentences = timed_sentences(_episode(texts, language))
    tokens = [content_text(s.text, language).split() for s in sentences]
    feats = features.gap_features(sentences, tokens, np.ones((len(sentences), 2)), language)
    return {name: feats[:, features.FEATURE_NAMES.index(name)] for name in features.CUE_COLUMNS}


CONVERSATIONS = {
    "it": [("Anna", "Il bilancio è chiuso da mesi."), ("Marco", "Grazie mille."),
           ("Marco", "Allora, passiamo all'ultima domanda sul teatro."), ("Anna", "Il teatro riapre a maggio.")],
    "cs": [("Jana", "Rozpočet je uzavřený už měsíce."), ("Petr", "Děkuji."),
           ("Petr", "Takže, přejdeme k poslední otázce o divadle."), ("Jana", "Divadlo otevře v květnu.")],
    "ru": [("Анна", "Бюджет закрыт уже несколько месяцев."), ("Павел", "Спасибо большое."),
           ("Павел", "Итак, перейдём к последнему вопросу о театре."), ("Анна", "Театр откроется в мае.")],
}


@pytest.mark.parametrize("code", sorted(CONVERSATIONS))
def test_cue_sets_the_column_for_its_language_and_no_other(code):
    texts = CONVERSATIONS[code]
    own = _columns(texts, code)
    # The opener in the second sentence of the run counts at the run's start too (as in English).
    assert own["opener"].tolist() == [0.0, 1.0, 1.0, 0.0]
    assert own["discourse_start"].tolist() == [0.0, 0.0, 1.0, 0.0]
    assert own["closer_before"].tolist() == [0.0, 0.0, 1.0, 0.0]  # "thanks" closed the exchange
    for other in ("en", "fr", *(c for c in CONVERSATIONS if c != code)):
        cols = _columns(texts, other)
        assert not any(col.any() for col in cols.values()), (code, other)


def test_language_without_a_table_leaves_the_columns_zero():
    assert cues.matcher("sw") is None
    cols = _columns(CONVERSATIONS["it"], "sw")
    assert not any(col.any() for col in cols.values())


@pytest.mark.parametrize(("code", "text"), [
    ("cs", "Takze, prejdeme k posledni otazce."),          # written without diacritics
    ("cs", "TAKŽE, PŘEJDEME K POSLEDNÍ OTÁZCE."),           # capitals
    ("it", "Passiamo all’economia."),                       # typographic apostrophe
    ("it", "Un' altra domanda, se posso."),                 # elision written apart
    ("fr", "Bon, j’aimerais vous demander une chose."),
    ("ru", "Перейдем к следующему пункту."),                # е for ё
    ("uk", "Переходимо до наступного питання."),
    ("de", "Kommen wir zum nächsten Punkt."),
    ("de", "Kommen wir zum nachsten Punkt."),
    ("fi", "Siirrytään seuraavaan kysymykseen."),           # inflected forms through a prefix
    ("pl", "Przejdźmy do kolejnego tematu."),
    ("es", "¿Pasamos a otro tema?"),
    ("hi", "अब अगले सवाल पर आते हैं।"),
    ("hi", "आख़िर में एक बात।"), ("hi", "आखिर में एक बात।"),   # with and without the nukta
])
def test_openers_match_the_spellings_transcripts_use(code, text):
    assert cues.matcher(code).opens(text)


def test_starts_need_the_marker_first_and_a_break_after():
    it = cues.matcher("it")
    assert it.starts("«Allora, vediamo.»") and it.starts("D'accordo, andiamo.")
    assert not it.starts("Allora.") and not it.starts("Allorac sì.")
    es = cues.matcher("es")
    assert es.starts("¿Entonces, qué pasó?")
    assert not cues.matcher("en").starts("\"So, what happened?\"")  # English as the model was trained


def test_prefix_matches_only_words_it_begins():
    ru = cues.matcher("ru")
    assert ru.opens("Следующий вопрос.") and ru.opens("К следующему вопросу.")
    assert not ru.opens("Последующие вопросы.")


_EN_WORDS = sorted({w for kind in ("openers", "closers") for p in EN[kind] for w in p.split()} | {"the", "x"})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_EN_WORDS), min_size=1, max_size=12), st.sampled_from(["", ".", ",", "!", "?"]))
def test_english_matching_is_the_padded_phrase_search_the_model_was_trained_on(words, end):
    text = " ".join(words).capitalize() + end
    padded = " " + " ".join(re.findall(r"[\w']+", text.lower())) + " "
    cue = cues.matcher("en")
    assert cue.opens(text) == any(f" {p} " in padded for p in EN["openers"])
    assert cue.closes(text) == any(f" {p} " in padded for p in EN["closers"])
    heads = tuple(p + e for p in EN["starts"] for e in (" ", ","))
    assert cue.starts(text) == text.lower().startswith(heads)


@pytest.mark.parametrize(("code", "text", "cue_word"), [
    ("it", "Passiamo al prossimo argomento: il prezzo del caffè.", "argomento"),
    ("cs", "Přejdeme k dalšímu tématu, ceny potravin.", "tématu"),
    ("ru", "Перейдём к следующему вопросу: цены на метро.", "вопросу"),
])
def test_title_candidates_leave_out_the_cue_that_opened_the_topic(code, text, cue_word):
    from audiokit.chapters.titles_lang import by_sentence

    found = [written for sentence in by_sentence(text, code) for _, written in sentence]
    assert found and not any(cue_word in w for w in found)
    assert any(cue_word in w for s in by_sentence(text, "sw") for _, w in s)  # no cue table: kept
