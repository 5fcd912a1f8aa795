"""The text stages in the episode's language: sentence splitting, caption breaks, clip fillers
and keyness, chapter titles, and the warnings for languages without rules."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.captions import STYLES, build_cues, check, function_words
from audiokit.captions.breaks import AFTER_FUNCTION_WORD, NEUTRAL, NEVER, break_cost
from audiokit.captions.lint import HARD_RULES
from audiokit.chapters.titles import MAX_LENGTH, make_titles
from audiokit.clips import language as clip_language
from audiokit.clips.score import KeyTerms, content_terms, fluency_score, opening_score
from audiokit.model import Episode, Metadata, Sentence, Turn, Word
from audiokit.text import language, stopwords
from audiokit.text.sentences import sentence_texts, split_sentences

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))


# --- sentences -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("it", "Ne parla il dott. Rossi. Poi il prof. Bianchi risponde.",
         ["Ne parla il dott. Rossi.", "Poi il prof. Bianchi risponde."]),
        ("cs", "Koupil jsem např. Eidam. Pak jsem šel domů.", ["Koupil jsem např. Eidam.", "Pak jsem šel domů."]),
        ("cs", "Mluvil s ním Ing. Novák a Ž. Nováková. Dobře.",
         ["Mluvil s ním Ing. Novák a Ž. Nováková.", "Dobře."]),
        ("de", "Am 3. Oktober kam z.B. Dr. Meier. Dann ging er.", ["Am 3. Oktober kam z.B. Dr. Meier.", "Dann ging er."]),
        # German writes "z. B." with a space (DIN 5008): the "z." is not a sentence end before "B.".
        ("de", "Man braucht Geduld, z. B. zwölf Stunden. Gut, u. U. Bern. Ja.",
         ["Man braucht Geduld, z. B. zwölf Stunden.", "Gut, u. U. Bern.", "Ja."]),
        ("es", "Llegó la Sra. García. Todo bien.", ["Llegó la Sra. García.", "Todo bien."]),
        ("fr", "Voici M. Dupont. Il arrive.", ["Voici M. Dupont.", "Il arrive."]),
        # French writes ? ! : and « » apart: a closing » after the ! stays with its sentence.
        ("fr", "Sophie écrit : « Vous parlez trop vite ! » Elle a raison ? Oui .",
         ["Sophie écrit : « Vous parlez trop vite ! »", "Elle a raison ?", "Oui ."]),
        ("pl", "Mieszka przy ul. Długiej. Tak.", ["Mieszka przy ul. Długiej.", "Tak."]),
        ("ru", "Это т.е. Москва. Да.", ["Это т.е. Москва.", "Да."]),
        ("sv", "Det var bra. Vi går nu.", ["Det var bra.", "Vi går nu."]),
        # Words spelled like an abbreviation end sentences: Czech "nám" (us), German "mag" (likes),
        # French "vol" (flight), Russian "им" (them), Polish "OK" (okay; "ok." is "about").
        ("cs", "Napište nám. Těšíme se.", ["Napište nám.", "Těšíme se."]),
        ("de", "Das ist etwas, das ich mag. Wirklich.", ["Das ist etwas, das ich mag.", "Wirklich."]),
        ("fr", "J'ai raté mon vol. Quelle journée.", ["J'ai raté mon vol.", "Quelle journée."]),
        ("ru", "Я позвонил им. Они не ответили.", ["Я позвонил им.", "Они не ответили."]),
        ("pl", "No dobrze, OK. Następne pytanie. Było ok. 20 osób.", ["No dobrze, OK.", "Następne pytanie.",
                                                                     "Było ok. 20 osób."]),
        # English abbreviations that are words elsewhere: Dutch "al", Finnish "sen", Swedish "hon".
        ("nl", "Dat wist ik al. Het glas is vol. Goed.", ["Dat wist ik al.", "Het glas is vol.", "Goed."]),
        ("fi", "Tiedän sen. Hyvä.", ["Tiedän sen.", "Hyvä."]),
        ("sv", "Det sa hon. Vi kom för sen. Bra.", ["Det sa hon.", "Vi kom för sen.", "Bra."]),
        ("de", "Das sagte Dr. Meier. Gut.", ["Das sagte Dr. Meier.", "Gut."]),
    ],
)
def test_sentences_know_the_language(lang: str, text: str, expected: list[str]) -> None:
    assert sentence_texts(text, lang) == expected


def test_english_sentences_unchanged_by_other_lists() -> None:
    # "dott." is Italian only: in English a capital after it starts a sentence.
    assert sentence_texts("See the dott. Then go.") == ["See the dott.", "Then go."]
    assert sentence_texts("Am 3. Oktober") == ["Am 3.", "Oktober"]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["it", "cs", "de", "ru", "sv"]),
       st.lists(st.sampled_from(["Rossi.", "dott.", "3.", "např.", "Ž.", "т.е.", "ok?", "a", "Bene!", "…"]),
                max_size=30))
def test_spans_cover_tokens_in_any_language(lang: str, tokens: list[str]) -> None:
    spans = split_sentences(tokens, lang)
    assert [i for a, b in spans for i in range(a, b)] == list(range(len(tokens)))


def test_resplit_keeps_words_and_times() -> None:
    words = tuple(Word(t, k * 0.5, k * 0.5 + 0.4) for k, t in enumerate(["Parla", "il", "dott.", "Rossi.", "Bene."]))
    ep = Episode((Turn("A", (Sentence(words[:3]), Sentence(words[3:]))),), metadata=Metadata(language="it"))
    out = language.resplit_sentences(ep)
    assert [s.text for s in out.turns[0].sentences] == ["Parla il dott. Rossi.", "Bene."]
    assert tuple(out.words()) == words
    english = Episode(ep.turns)
    assert language.resplit_sentences(english) is english


# --- caption breaks --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lang", "before", "after"),
    [("it", "della", "tazzina"), ("it", "l'", "espresso"), ("it", "dell'", "ISTAT"), ("cs", "v", "obchodě"),
     ("cs", "k", "sýru"), ("de", "dem", "Markt"), ("es", "los", "precios"), ("fr", "les", "prix"),
     ("pt", "do", "mercado"), ("pl", "w", "sklepie"), ("nl", "het", "huis"), ("ru", "в", "магазине"),
     ("fi", "tämä", "kauppa"), ("it", "20", "euro"), ("cs", "20", "%"), ("cs", "dvacet", "procent"),
     ("it", "venti", "euro"),
     # Italian clitics and "non" before their verb, every possessive, a number and its time unit.
     ("it", "mi", "raccomando"), ("it", "non", "troppo"), ("it", "vostre", "domande"), ("it", "tre", "giorni"),
     # Czech: a preposition that is not one letter; a second-position clitic leans on the word before.
     ("cs", "naproti", "mně"), ("cs", "Dneska", "jsem"), ("cs", "stánku", "mi"), ("cs", "3", "dny"),
     # German possessives in every case, relative "dessen"; Dutch "'s" and "'t" as written.
     ("de", "unserer", "Innenstadt"), ("de", "seinem", "Bruder"), ("de", "dessen", "Frau"),
     ("nl", "'s", "ochtends"), ("nl", "’t", "huis"),
     # A number before a German noun (capitalised) counts it, whatever the noun.
     ("de", "300", "Quadratmetern"), ("de", "drei", "Tage")],
)
def test_never_split_article_or_preposition_from_noun(lang: str, before: str, after: str) -> None:
    assert break_cost(before, after, language=lang) >= NEVER


@pytest.mark.parametrize("lang", sorted(function_words.RULES))
def test_break_before_conjunction_is_cheaper_than_after(lang: str) -> None:
    conj = min(function_words.RULES[lang].conjunctions)
    assert break_cost("parola", conj, language=lang) < break_cost(conj, "parola", language=lang)
    assert break_cost("parola.", "Poi", language=lang) < NEUTRAL


def test_czech_clitics_end_a_line_rather_than_start_one() -> None:
    # "Dneska jsem / přinesl", not "Dneska / jsem přinesl"; "se" may be the preposition "with".
    assert break_cost("jsem", "přinesl", language="cs") == NEUTRAL
    assert break_cost("si", "s", language="cs") <= NEUTRAL
    assert break_cost("Jmenuji", "se", language="cs") < NEVER  # the next word unknown: maybe "with"


@pytest.mark.parametrize(("before", "following"), [
    ("Jmenuji", "Tereza"), ("supermarketu", "maximálně"), ("Dá", "z"), ("hrnce", "najíte"), ("už", "zase"),
    ("chtěl", "zeptat"), ("to", "stalo"),
])
def test_czech_reflexive_se_ends_a_line_and_never_starts_one(before: str, following: str) -> None:
    # The reflexive is a second-position clitic: "Jmenuji se / Tereza", never "Jmenuji / se Tereza".
    assert break_cost(before, "se", language="cs", following=following) >= NEVER
    assert break_cost("se", following, language="cs") < AFTER_FUNCTION_WORD


@pytest.mark.parametrize("noun", ["sestrou", "sladkým", "Zuzanou", "ženou", "mnou", "svými", "zájmem", "dvěma"])
def test_czech_preposition_se_stays_with_its_noun(noun: str) -> None:
    # "se" is "with" before s, z, š, ž (and "mnou"...): "kávou a / se sladkým pečivem".
    assert break_cost("se", noun, language="cs") >= NEVER
    assert break_cost("kávou", "se", language="cs", following=noun) < NEUTRAL


def test_czech_lines_keep_reflexive_se_before_and_preposition_se_after() -> None:
    text = ("Jmenuji se Tereza Nováková a dneska se se sestrou Zuzanou podíváme na farmářské trhy v Praze. "
            "Z jednoho velkého hrnce polévky se najíte třikrát a stojí to jen pár korun. "
            "Dá se z něj udělat topinka, a když se vám nechce vařit, zajdete na kávu se sladkým pečivem.")
    words = [Word(t, 0.4 * k, 0.4 * k + 0.35) for k, t in enumerate(text.split())]
    spans = split_sentences(text.split(), "cs")
    ep = Episode((Turn("A", tuple(Sentence(tuple(words[a:b])) for a, b in spans)),), metadata=Metadata(language="cs"))
    for style in STYLES.values():
        lines = [line.split() for c in build_cues(ep, style) for line in c.lines]
        nouns = {"sestrou", "sladkým"}  # after the preposition "se"
        assert not [line for line in lines if line[0] == "se" and line[1] not in nouns], (style.name, lines)
        ends = [(line[-1], nxt[0]) for line, nxt in itertools.pairwise(lines)]
        assert not [e for e in ends if e[0] == "se" and e[1] in nouns], (style.name, lines)


@pytest.mark.parametrize(("lang", "before", "clitic", "after"), [
    # Slovak second-position clitics and Polish "się" and short pronouns lean on the word before.
    ("sk", "Volám", "sa", "Tereza"), ("sk", "Včera", "som", "kúpil"), ("sk", "Kúpil", "by", "to"),
    ("sk", "Dnes", "ho", "uvidím"), ("pl", "Uczę", "się", "polskiego"), ("pl", "Wczoraj", "mu", "oddałem"),
    ("pl", "Widzę", "go", "codziennie"), ("pl", "Ja", "bym", "poszedł"),
])
def test_slovak_and_polish_clitics_end_a_line_rather_than_start_one(lang: str, before: str, clitic: str,
                                                                    after: str) -> None:
    assert break_cost(before, clitic, language=lang) >= NEVER
    assert break_cost(clitic, after, language=lang) <= NEUTRAL


def test_polish_ci_and_by_are_not_taken_for_clitics() -> None:
    # "ci ludzie" (these people) keeps its noun; "by zdążyć" (in order to) may open a line.
    assert break_cost("ci", "ludzie", language="pl") >= NEVER
    assert break_cost("wcześniej,", "by", language="pl") < NEUTRAL
    assert break_cost("wyszedł", "by", language="pl") < NEVER


@pytest.mark.parametrize(("lang", "conj", "after"), [("it", "e", "con"), ("it", "ma", "per"), ("cs", "nebo", "do"),
                                                     ("cs", "protože", "bez"), ("cs", "která", "mě")])
def test_conjunction_before_a_function_word_still_leans_on_it(lang: str, conj: str, after: str) -> None:
    # A break after "e" in "e / con la moka" was priced as a break before "con" (the cheapest).
    assert break_cost(conj, after, language=lang) == AFTER_FUNCTION_WORD


def test_italian_lines_keep_clitics_and_conjunctions_with_what_follows() -> None:
    text = "Alla prossima settimana, e mi raccomando: il caffè, sempre con calma e con la moka giusta."
    words = [Word(t, 0.45 * k, 0.45 * k + 0.4) for k, t in enumerate(text.split())]
    spans = split_sentences(text.split(), "it")
    ep = Episode((Turn("A", tuple(Sentence(tuple(words[a:b])) for a, b in spans)),), metadata=Metadata(language="it"))
    for style in STYLES.values():
        ends = [line.split()[-1] for c in build_cues(ep, style) for line in c.lines]
        assert "mi" not in ends and "e" not in ends, (style.name, ends)


def test_generic_rule_from_word_frequencies() -> None:
    assert break_cost("och", "sedan", language="sv") >= AFTER_FUNCTION_WORD
    assert break_cost("kärlek", "sommar", language="sv") == NEUTRAL
    # No word list at all for the language: punctuation still decides, nothing raises.
    assert break_cost("abc", "def", language="xx") == NEUTRAL


def test_english_break_costs_unchanged() -> None:
    assert break_cost("the", "model") == break_cost("the", "model", language="en") >= NEVER
    assert break_cost("della", "tazzina") == NEUTRAL  # not an English word: no rule


def _timed_turn(speaker: str, text: str, start: float) -> Turn:
    words = [Word(t, start + 0.32 * k, start + 0.32 * k + 0.28) for k, t in enumerate(text.split())]
    return Turn(speaker, tuple(Sentence(tuple(words[a:b])) for a, b in split_sentences(text.split(), "it")))


def test_italian_cues_do_not_end_a_line_on_a_preposition() -> None:
    text = ("Numeri simpatici, vedremo. Cominciamo da una cosa che tutti facciamo ogni mattina al bar "
            "sotto casa con il caffè della nonna e la tazzina del nonno, poi andiamo a lavorare in ufficio.")
    ep = Episode((_timed_turn("A", text, 0.0),), metadata=Metadata(language="it"))
    cues = build_cues(ep, STYLES["netflix"])
    binding = function_words.RULES["it"].binding
    ends = [line.split()[-1] for c in cues for line in c.lines]
    assert not [e for e in ends if e.lower() in binding]
    assert not [v for v in check(cues, STYLES["netflix"]) if v.rule in HARD_RULES]
    assert " ".join(w for c in cues for line in c.lines for w in line.split()) == text


# --- clips -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lang", "fillers", "clean"),
    [("it", "ehm allora cioè tipo diciamo", "il prezzo del caffè è salito molto"),
     ("cs", "ehm no jako vlastně prostě", "ceny potravin stouply o dvacet procent"),
     ("de", "äh ähm halt sozusagen quasi", "die Preise sind stark gestiegen"),
     ("fr", "euh ben bah genre quoi", "les prix ont beaucoup augmenté")],
)
def test_fillers_in_language(lang: str, fillers: str, clean: str) -> None:
    noisy = f"{fillers} {clean}".split()
    assert fluency_score(noisy, noisy, lang) < fluency_score(clean.split(), clean.split(), lang) == 1.0
    assert all(not t or t not in content_terms(noisy, lang) for t in fillers.split())


def test_openers_in_language() -> None:
    assert opening_score(["Allora", "il", "caffè"], "it") == 0.0
    assert opening_score(["Il", "caffè", "costa."], "it") == 1.0
    assert opening_score(["Takže", "ceny"], "cs") == 0.0
    # A hesitation of the language leans on what came before; German "Um 8 Uhr" does not.
    assert opening_score(["Ähm,", "die", "Preise"], "de") == 0.0
    assert opening_score(["Um", "8", "Uhr", "war", "es", "leer."], "de") == 1.0
    assert opening_score(["Um", "livro", "mudou", "tudo."], "pt") == 1.0


def test_keyness_background_in_language() -> None:
    sentences = ["Il caffè costa di più.", "Il caffè al bar è un rito.", "La tazzina di caffè.", "Al bar il caffè."]
    terms = KeyTerms.of(sentences, clip_language.background_logprob("it"), language="it")
    assert terms.language == "it" and next(iter(terms.weights)) == "caffè"
    assert clip_language.background_logprob("xx") is None


# --- titles ----------------------------------------------------------------------------------

def test_titles_in_language_short_and_distinct() -> None:
    texts = ["Buongiorno e benvenuti a Caffè Lungo. Io sono Giulia. Oggi parliamo di caffè.",
             "Il prezzo del caffè al bar è salito. Il prezzo del caffè crudo costa di più. Il prezzo sale.",
             "Il lavoro da casa piace a molti. Il lavoro da casa ha cambiato gli uffici. Lavoro e uffici."]
    got = make_titles(texts, language="it")
    assert got[0] == "Introduzione"
    assert got[1].lower().startswith("prezzo") and "lavoro" in got[2].lower()
    assert len({t.lower() for t in got}) == 3 and all(len(t) <= MAX_LENGTH for t in got)


def test_titles_of_empty_chapters_are_numbered_in_language() -> None:
    assert make_titles(["Sì. No.", "Ma se no, e sì."], language="it") == ["Parte 1", "Parte 2"]
    assert make_titles(["Ja. Och.", "Ja."], language="sv") == ["1", "2"]


# --- warnings --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "it", "cs", "de", "es", "fr", "pt", "pl", "nl", "fi", "ru", "ar"])
def test_supported_languages_need_no_generic_rules(lang: str) -> None:
    assert language.generic_warnings(lang) == []


def test_generic_rules_are_said() -> None:
    lines = language.generic_warnings("sv")
    assert len(lines) == len(language.STAGES) and all("'sv'" in line and "generic" in line for line in lines)


# --- the benchmark episodes (need ../shared) -------------------------------------------------

@pytest.mark.skipif(not (BENCH / "lang-it" / "truth.json").exists(), reason="needs ../shared/bench")
@pytest.mark.parametrize(("name", "lang"), [("lang-it", "it"), ("lang-cs", "cs")])
def test_bench_captions_have_no_hard_breaks_nor_split_prepositions(name: str, lang: str) -> None:
    from bench_languages_text import captions, sentence_agreement

    truth = json.loads((BENCH / name / "truth.json").read_text())
    cues, hard, _, split = captions(truth, lang, lang)
    assert cues > 0 and hard == 0 and split == 0
    precision, recall = sentence_agreement(truth, lang)
    assert precision == recall == 1.0


# --- the CLI says when generic rules were used -------------------------------------------------

@pytest.mark.parametrize(("lang", "warned"), [("sv", True), ("it", False), ("ar", False)])
def test_captions_command_warns_of_generic_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch, lang: str, warned: bool) -> None:
    from audiokit import episode_json

    text = "Vi pratar om kaffe och priser i dag. Det blir bra och roligt."
    ep = Episode((_timed_turn("A", text, 0.0),), metadata=Metadata(language=lang))
    path = episode_json.save(ep, tmp_path / "episode.json")
    from test_captions_cli import run

    code, _, err = run(capsys, monkeypatch, "captions", str(path), "-o", str(tmp_path / "out.vtt"))
    assert code == 0 and (tmp_path / "out.vtt").exists()
    assert (f"language '{lang}': caption line breaks use generic rules" in err) is warned


# --- golden captions in five languages ---------------------------------------------------------

GOLDEN = Path(__file__).parent / "golden" / "captions"
_GOLDEN_TEXTS = {
    "it": ("Giulia", "Marco", ("Secondo i dati dell'ISTAT, in pochi anni il prezzo della tazzina è salito di circa "
           "il 20%. Il caffè crudo costa di più, ma costano di più anche l'energia, l'affitto e il personale."),
           "Però diciamolo, per noi il caffè al bar è quasi un rito. Non è una bevanda, è una pausa con il barista."),
    "cs": ("Tereza", "Jakub", ("Podle statistiků ceny potravin za poslední roky stouply v průměru o dvacet "
           "procent. Nejvíc to bylo vidět u másla, u vajec a u zeleniny v obchodě za rohem."),
           "Já jsem si všiml, že v supermarketu teď chodím s kalkulačkou a s nákupním seznamem k pokladně."),
    "ar": ("سارة", "عمر", ("بدأت حديقتي على سطح البيت قبل ثلاث سنوات، والآن نزرع فيها الطماطم والنعناع "
           "والفلفل. هل تعرفون كم لترا من الماء نحتاج في الصيف؟ نحتاج عشرين لترا كل يوم."),
           "هذا رائع يا سارة. نحن نجمع مياه المطر في خزان صغير، ونسقي النباتات في الصباح الباكر قبل الحر."),
    # "das", "die", "dat": determiners, and relatives or "that" opening a clause.
    "de": ("Lena", "Jörg", ("Fangt mit Roggenmehl an, das verzeiht mehr Fehler. Das Brot, das meine Großmutter "
           "jeden Sonntag gebacken hat, war das beste in unserer ganzen Straße."),
           ("Ich glaube, dass die Leute, die ihr Brot selbst backen, es mehr genießen. Das stimmt, und der Duft "
            "am Sonntagmorgen ist unbezahlbar.")),
    "nl": ("Marijke", "Sjoerd", ("Dan moet je de oude kaas eens proberen, die is lekker pittig. Ik denk dat er "
           "'s ochtends nooit een plekje is in de stalling die bij het station ligt."),
           ("Mijn nichtje zoekt een huis dat groot genoeg is, maar dat vindt ze niet. Dat herken ik, want de "
            "mensen die in de stad wonen, betalen veel te veel.")),
}


@pytest.mark.parametrize("lang", sorted(_GOLDEN_TEXTS))
def test_golden_vtt_in_language(lang: str) -> None:
    """WebVTT of a two-speaker episode in the language (regenerate with AUDIOKIT_UPDATE_GOLDEN=1)."""
    import os

    from audiokit.captions import render

    first, second, one, two = _GOLDEN_TEXTS[lang]
    a = _timed_turn(first, one, 0.0)
    b = _timed_turn(second, two, a.sentences[-1].words[-1].end + 0.6)
    ep = Episode((a, b), metadata=Metadata(language=lang))
    text = render(build_cues(ep, STYLES["netflix"]), "vtt", ep)
    path = GOLDEN / f"lang-{lang}.vtt"
    if os.environ.get("AUDIOKIT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    binding = function_words.RULES[lang].binding
    assert not [line for line in text.splitlines() if line.split() and line.split()[-1].lower() in binding]


@pytest.mark.parametrize("lang,pronoun,noun", [
    ("hi", "हम", "क्रिकेट"), ("mr", "आम्ही", "पाऊस"), ("te", "మేము", "బిర్యానీ"),
])
def test_indic_pronouns_are_not_key_terms(lang: str, pronoun: str, noun: str) -> None:
    # wordfreq has no Marathi or Telugu list, so pronouns must come from the function-word table
    assert stopwords.is_stopword(pronoun, lang)
    assert not stopwords.is_stopword(noun, lang)
    assert break_cost(pronoun, noun, language=lang) == AFTER_FUNCTION_WORD


def test_verbs_spelled_like_possessives_may_end_a_line():
    # Dutch "zijn" and German "sein" are "his" but more often "to be", which ends a clause:
    # a line may end on them (at a cost), unlike on an article.
    from audiokit.captions.breaks import NEVER, break_cost

    assert break_cost("zijn", "maar", language="nl") < NEVER
    assert break_cost("sein", "aber", language="de") < NEVER
    assert break_cost("de", "auto", language="nl") >= NEVER and break_cost("das", "Auto", language="de") >= NEVER


def test_german_number_before_a_pronoun_may_end_a_line():
    # Only a noun is counted: "seit 2019 / Ich" is a year and a new clause, "300 / neue" an adjective.
    assert break_cost("2019", "Ich", language="de") < NEVER and break_cost("300", "neue", language="de") < NEVER
