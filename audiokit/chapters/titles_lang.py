"""Chapter-title candidates and wording for languages other than English.

English titles come from a part-of-speech tagger (:mod:`audiokit.text.tagger`); for other languages the
candidates are the language's own key phrases, found without English word lists: runs of one to
three content words (outside the language's stopwords, :mod:`audiokit.text.stopwords`, and not
an inflected verb, told by its lemma's infinitive ending), which may hold one article or
preposition of the language between two content words, and end on a possible head (not a
Slavic adjective; a capitalised noun in German), as Romance and Slavic noun phrases do
("prezzo del caffè", "lavoro da casa", "ceny potravin"). A phrase's key is its words' stems
(:func:`audiokit.chapters.cohesion.stem`: the lemma from simplemma, whose dictionaries ship in
its wheel, or the first letters in a language it does not know), so "farmářské trhy" and
"farmářských trzích" count as one phrase. :mod:`.titles_keyness` ranks them.
Titles are in sentence case, joined with the language's "and" (Arabic writes its و onto the
second phrase), and the opening chapter is called by the language's word for an introduction.
Arabic words are compared folded (:func:`audiokit.text.arabic.fold`: with or without harakat).

>>> [w for s in by_sentence("Il prezzo del caffè è salito. Il caffè costa.", "it") for _, w in s][:4]
['prezzo', 'prezzo del caffè', 'caffè', 'caffè']
>>> sentence_case("farmářské trhy a ceny", "cs"), has_rules("cs"), has_rules("sv")
('Farmářské trhy a ceny', True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from audiokit.captions.function_words import RULES
from audiokit.chapters import cues
from audiokit.chapters.cohesion import stem
from audiokit.text import arabic
from audiokit.text.letters import LETTER
from audiokit.text.stopwords import is_stopword, lookup_form

__all__ = ["AND", "by_sentence", "content_lemmas", "has_rules", "introduces", "join", "label", "sentence_case"]

AND = {"en": "and", "it": "e", "cs": "a", "sk": "a", "de": "und", "es": "y", "fr": "et", "pt": "e", "pl": "i", "nl": "en",
       "fi": "ja", "ru": "и", "sv": "och", "da": "og", "no": "og", "nb": "og", "ro": "și", "hu": "és", "ca": "i",
       "hr": "i", "sl": "in", "uk": "і", "bg": "и", "tr": "ve", "el": "και", "hi": "और", "mr": "आणि", "te": "మరియు", "ar": "و"}
# The opening chapter's name and a numbered chapter's ("Parte 2"), per language.
_INTRO = {"it": "Introduzione", "cs": "Úvod", "sk": "Úvod", "de": "Einleitung", "es": "Introducción",
          "fr": "Introduction", "pt": "Introdução", "pl": "Wstęp", "nl": "Introductie", "fi": "Johdanto",
          "ru": "Вступление", "ca": "Introducció", "hi": "परिचय", "mr": "प्रस्तावना", "te": "పరిచయం", "ar": "مقدمة"}
_PART = {"it": "Parte", "cs": "Část", "sk": "Časť", "de": "Teil", "es": "Parte", "fr": "Partie", "pt": "Parte",
         "pl": "Część", "nl": "Deel", "fi": "Osa", "ru": "Часть", "ca": "Part", "hi": "भाग", "mr": "भाग", "te": "భాగం",
         "ar": "الجزء"}
_WELCOME = {
    "it": r"benvenut[io]|ben ritrovat[io]|sono \w+ e (qui )?con me|mi chiamo",
    "cs": r"vítejte|vítám vás|jmenuji se|dobrý den|dnes se mnou",
    "sk": r"vitajte|volám sa",
    "de": r"willkommen|herzlich willkommen|mein name ist|ich bin \w+ und",
    "es": r"bienvenid[oa]s?|me llamo|soy \w+ y (hoy )?conmigo",
    "fr": r"bienvenue|je m'appelle|je suis \w+ et avec moi",
    "pt": r"bem-vind[oa]s?|o meu nome é|meu nome é",
    "pl": r"witam|witajcie|nazywam się",
    "nl": r"welkom|mijn naam is",
    "fi": r"tervetuloa|nimeni on",
    "ru": r"добро пожаловать|меня зовут|здравствуйте",
    "ca": r"benvinguts?|benvingudes|em dic|sóc (la|el|en) \w+",
    "hi": r"स्वागत|मेरा नाम|मैं हूँ",
    "mr": r"स्वागत|माझे नाव",
    "te": r"స్వాగతం|నా పేరు",
    # Folded (no hamza on alef, no harakat), as the sentence is before matching.
    "ar": r"مرحبا|اهلا|السلام عليكم|اسمي|معكم|يسعدني|يسرني",
}
INTRODUCTION_SENTENCES = 5
# Infinitive endings: a word whose lemma differs from it and ends so is an inflected verb
# ("costava" -> "costare", "chodí" -> "chodit"), which a title does not name.
_INFINITIVE = {"it": ("are", "ere", "ire", "rsi"), "es": ("ar", "er", "ir", "rse"), "pt": ("ar", "er", "ir"),
               "fr": ("er", "ir", "re", "oir"), "ca": ("ar", "er", "ir", "re"), "cs": ("t", "ti", "ci"),
               "sk": ("ť", "ci"), "pl": ("ć", "c"), "ru": ("ть", "ться", "ти", "чь"), "uk": ("ти", "тися"),
               "de": ("en", "ern", "eln"), "nl": ("en",), "ro": ("a", "ea", "e", "i", "î"), "hi": ("ना",)}
# Adjective lemma endings in languages whose noun phrases end on the noun: a phrase ending so
# is cut before its head ("pár rychlých" of "pár rychlých tipů").
_ADJECTIVE = {"cs": ("ý", "í"), "sk": ("ý", "í"), "pl": ("y", "i"), "ru": ("ый", "ий", "ой"),
              "uk": ("ий", "ій")}
_TOKEN = re.compile(rf"{LETTER}+['’]|{LETTER}+(?:-{LETTER}+)*|\d+(?:[.,]\d+)*|[^\w\s]")
_SENTENCE_END = re.compile(r"(?<=[.!?…।॥؟۔])\s+")


def has_rules(language: str) -> bool:
    """Whether titles know ``language``'s introduction and chapter words (else generic wording;
    candidates work in any language with a stopword list or wordfreq list)."""
    return language in _INTRO


@lru_cache(maxsize=65536)
def _lemma(word: str, language: str) -> str:
    try:
        from simplemma import lemmatize  # dictionaries in the wheel, loaded on first use
    except ImportError:  # pragma: no cover - a dependency of audiokit
        return word
    try:
        return lemmatize(word, lang=language).lower()
    except (ValueError, KeyError):  # a language simplemma does not know
        return word


def _content(word: str, language: str, previous: str = "") -> bool:
    """A content word that is no inflected verb; after an article or preposition ("il lavoro")
    it is taken for a noun whatever its lemma ("lavoro" is also "I work")."""
    low = word.lower()
    if len(low) < 3 or not low[0].isalpha() or low.endswith(("'", "’")) or is_stopword(low, language):
        return False
    if previous and _linker(previous, language):
        return True
    lemma = _lemma(low, language)
    return lemma == low or not lemma.endswith(_INFINITIVE.get(language, ()))


def _head(word: str, language: str) -> bool:
    """``word`` may end a phrase: German nouns are capitalised; a Slavic adjective is no head."""
    if language == "de":
        return word[:1].isupper()
    low = word.lower()
    lemma = _lemma(low, language)
    return not (lemma != low and lemma.endswith(_ADJECTIVE.get(language, ())))


def _construct(word: str, after: list[str], language: str) -> bool:
    """An Arabic word without the article before a noun with it: the first term of a construct
    ("بمياه" of "بمياه المطر", "خلية" of "خلية النحل"), which no phrase ends on."""
    if language != "ar" or not after:
        return False
    this, nxt = arabic.fold(word), arabic.fold(after[0])
    return "ال" not in this[:3] and arabic.one_phrase(this, nxt)


def _linker(word: str, language: str) -> bool:
    """An article or preposition that may sit inside a noun phrase ("del", "da", "z"; in Arabic
    only a preposition, "الزراعة في المدينة", not the vocative or a negation of its binding words)."""
    rules = RULES.get(language)
    low = lookup_form(word.lower().replace("’", "'"), language)
    if language == "ar":
        return low in arabic.PREPOSITIONS
    return rules is not None and (low in rules.binding or low.endswith("'")) and len(low) <= 6


def by_sentence(text: str, language: str, longest: int = 3) -> list[list[tuple[tuple[str, ...], str]]]:
    """Each sentence's candidate phrases as ``(key, words as written)``: every span of one to
    ``longest`` content words that starts and ends on a content word, with at most one linking
    article or preposition inside, and holding no cue phrase that opens a topic (the language's
    "let's move on to the next topic" announces a chapter, it does not name it).

    >>> [w for s in by_sentence("Siirrytään seuraavaan aiheeseen: sähkön hinta.", "fi") for _, w in s]
    ['sähkön', 'sähkön hinta', 'hinta']

    An Arabic phrase does not end inside a construct ("خزان بمياه" of "خزان بمياه المطر"):

    >>> [w for s in by_sentence("نملأ الخزان بمياه المطر.", "ar") for _, w in s]
    ['نملأ الخزان', 'الخزان', 'الخزان بمياه المطر', 'بمياه المطر', 'المطر']
    """
    out: list[list[tuple[tuple[str, ...], str]]] = []
    cue = cues.matcher(language)
    for sentence in _SENTENCE_END.split(text):
        tokens = _TOKEN.findall(sentence)
        found: list[tuple[tuple[str, ...], str]] = []
        cued = cue.opener_tokens(tokens) if cue else set()
        for i, first in enumerate(tokens):
            if i in cued or not _content(first, language, tokens[i - 1] if i else ""):
                continue
            span, words, links = [first], 1, 0
            if _head(first, language) and not _construct(first, tokens[i + 1 : i + 2], language):
                found.append(_phrase(span, language))
            for k, tok in enumerate(tokens[i + 1 :], i + 1):
                if k in cued:
                    break
                if _content(tok, language, tokens[k - 1]):
                    span.append(tok)
                    words += 1
                    if _head(tok, language) and not _construct(tok, tokens[k + 1 : k + 2], language):
                        found.append(_phrase(span, language))
                    if words == longest:
                        break
                elif links == 0 and _linker(tok, language):
                    span.append(tok)
                    links += 1
                else:
                    break
        out.append(found)
    return out


def content_lemmas(text: str, language: str) -> list[tuple[str, bool | None]]:
    """Every content word of ``text`` (the words :func:`by_sentence` builds phrases of, cue
    phrases left out) as ``(lemma, capitalised)``: whether it is written with a capital inside
    its sentence (``None`` for a sentence's first word, and in German, whose nouns all are), the
    mark of a name in a language whose common nouns are written in lower case.

    >>> content_lemmas("Caffè da Bologna: il caffè della moka.", "it")
    [('caffè', None), ('bologna', True), ('caffè', False), ('moka', False)]
    """
    cue = cues.matcher(language)
    out: list[tuple[str, bool | None]] = []
    for sentence in _SENTENCE_END.split(text):
        tokens = _TOKEN.findall(sentence)
        cued = cue.opener_tokens(tokens) if cue else set()
        first = next((k for k, t in enumerate(tokens) if t[:1].isalpha()), -1)
        for k, tok in enumerate(tokens):
            if k not in cued and _content(tok, language, tokens[k - 1] if k else ""):
                capital = None if k == first or language == "de" else tok[:1].isupper()
                out.append((stem(tok.lower().replace("’", "'"), language), capital))
    return out


def _phrase(span: list[str], language: str) -> tuple[tuple[str, ...], str]:
    if language == "ar":  # "والنعناع" opens a title as "النعناع": the "and" belongs to the sentence
        span = [arabic.without_conjunction(span[0]), *span[1:]]
    written = ""
    for k, tok in enumerate(span):
        written += tok if k == 0 or span[k - 1].endswith(("'", "’")) else " " + tok
    return tuple(stem(t.lower().replace("’", "'"), language) for t in span), written


def sentence_case(text: str, language: str) -> str:
    """First letter capitalised, the rest as written (German nouns keep their capitals)."""
    return text[:1].upper() + text[1:]


def introduces(text: str, language: str) -> bool:
    """Whether a chapter opens with a welcome or introductions in ``language``.

    >>> introduces("Buongiorno a tutti e benvenuti a Caffè Lungo.", "it"), introduces("Il caffè costa.", "it")
    (True, False)
    >>> introduces("మన ముచ్చట్లు పాడ్కాస్ట్ కు స్వాగతం.", "te"), introduces("أهلًا بكم في حلقة جديدة.", "ar")
    (True, True)
    """
    pattern = _WELCOME.get(language)
    if pattern is None:
        return False
    opening = [lookup_form(s, language) for s in _SENTENCE_END.split(text)[:INTRODUCTION_SENTENCES]]
    # Word edges by letters of any script (``\b`` misses a word ending in a vowel sign, "స్వాగతం").
    return any(re.search(rf"(?<!{LETTER})(?:{pattern})(?!{LETTER})", s.lower()) for s in opening)


def join(first: str, second: str, language: str) -> str | None:
    """Two title phrases joined with the language's "and" ("&" without one), or ``None`` when
    either already holds it ("sýr a kávu"). Arabic writes its و onto the second phrase.

    >>> join("caffè", "sauna", "it"), join("sýr a kávu", "máslo", "cs"), join("الشاي", "النعناع", "ar")
    ('caffè e sauna', None, 'الشاي والنعناع')
    >>> join("الطماطم والنعناع", "الشاي", "ar") is None
    True
    """
    if language == "ar":
        if any(arabic.conjunction_led(arabic.fold(w)) for w in f"{first} {second}".split()):
            return None
        return f"{first} و{second}"
    word = AND.get(language, "&")
    return None if word in first.split() or word in second.split() else f"{first} {word} {second}"


def label(kind: str, language: str, number: int = 0) -> str:
    """The introduction chapter's name, or a numbered chapter's ("Parte 3"; a bare number in a
    language without the word)."""
    if kind == "intro":
        return _INTRO.get(language, "")
    word = _PART.get(language)
    return f"{word} {number}" if word else str(number)
