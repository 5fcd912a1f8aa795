"""Stopwords of a language: its function words and fillers where audiokit has them, plus its
most frequent words by wordfreq (Zipf frequency >= 6: about the top hundred words of any
language, nearly all function words; wordfreq's lists ship in its wheel). The curated lists
found in packages were not used: yake's Italian list, for one, holds "casa", "lavoro", "tempo".

>>> "della" in stopwords("it"), "vlastně" in stopwords("cs"), "caffè" in stopwords("it")
(True, True, False)
>>> has_list("it"), has_list("cs"), has_list("is")
(True, True, False)
>>> is_stopword("casa", "it"), is_stopword("perché", "it")
(False, True)
>>> is_stopword("og", "is"), is_stopword("eldfjall", "is")
(True, False)
"""

from __future__ import annotations

from functools import lru_cache

from audiokit.text import arabic

__all__ = ["FILLERS", "HESITATIONS", "has_list", "is_hesitation", "is_stopword", "lookup_form", "stopwords",
           "very_common"]

# Hesitation sounds, per language: never a word of the language, so they may be cut from a
# title or a social caption. English "um" is not one elsewhere: it is German's preposition ("um
# 8 Uhr") and Portuguese's article ("um livro"); German "er" is "he", Portuguese "em" is "in".
HESITATIONS: dict[str, frozenset[str]] = {
    "en": frozenset(["um", "uh", "erm", "er", "hmm", "mm", "uhm"]),
    "it": frozenset(["ehm", "eh", "ehmm", "mmm", "uhm"]),
    "cs": frozenset(["ehm", "eh", "hm", "mmm"]),
    "sk": frozenset(["ehm", "eh", "hm"]),
    "de": frozenset(["äh", "ähm", "öh", "hm", "ehm"]),
    "es": frozenset(["eh", "em", "mmm"]),
    "fr": frozenset(["euh", "heu"]),
    "pt": frozenset(["hã", "éé", "hum"]),
    "pl": frozenset(["yyy", "eee", "hmm"]),
    "nl": frozenset(["eh", "ehm", "uh", "uhm"]),
    "fi": frozenset(["öö", "äää"]),
    "ru": frozenset(["э", "эм"]),
    "ar": arabic.HESITATIONS,  # folded, as every Arabic lookup is (audiokit.text.arabic)
}
# Sounds no language writes as a word: hesitations in every language, its own list or not.
_ANY_HESITATION = frozenset(["hmm", "hm", "mm", "mmm", "ehm", "ähm", "uhm", "erm"])

# Fillers of conversation, per language (single words; pairs are in audiokit.clips.language):
# the hesitations plus discourse words ("tipo", "jako", "halt") that are fillers often enough
# to count against fluency and never to be key terms, but are real words, so never cut from text.
FILLERS: dict[str, frozenset[str]] = {
    language: HESITATIONS.get(language, frozenset()) | frozenset(words.split())
    for language, words in {
        "en": "",
        "it": "cioè tipo diciamo insomma praticamente boh beh allora",
        "cs": "no jako vlastně prostě teda jakoby",
        "sk": "no akože vlastne proste teda",
        "de": "halt eben quasi sozusagen irgendwie naja",
        "es": "este pues bueno vale tipo",
        "fr": "ben bah bon genre quoi hein voilà enfin",
        "pt": "tipo então pronto né pá",
        "pl": "no jakby właściwie znaczy wiesz",
        "nl": "nou dus zeg maar gewoon eigenlijk",
        "fi": "niinku siis tota noh no",
        "ru": "ну вот типа короче значит",
    }.items()
} | {"ar": arabic.FILLERS}


def is_hesitation(word: str, language: str) -> bool:
    """``word`` (as written: case and surrounding punctuation do not matter) is a hesitation
    sound in ``language`` ("um" in English, "äh" in German; "um" is a word in German).

    >>> is_hesitation("Um,", "en"), is_hesitation("um", "de"), is_hesitation("ähm…", "de"), is_hesitation("hmm", "sv")
    (True, False, True, True)
    >>> is_hesitation("Hmm.", "it"), is_hesitation("uh", "pt"), is_hesitation("إممم،", "ar"), is_hesitation("أمم", "ar")
    (True, False, True, False)
    """
    bare = word.strip(".,;:!?…\"'“”‘’«»()[]-–—،؛؟").lower()
    return bare in _ANY_HESITATION or lookup_form(bare, language) in HESITATIONS.get(language, ())


def has_list(language: str) -> bool:
    """Whether ``language`` has its own function words (else wordfreq's most frequent words alone)."""
    from audiokit.captions.function_words import has_rules  # the per-language word lists live there

    return has_rules(language)


def very_common(word: str, language: str) -> bool:
    """``word`` (lowercase) has Zipf frequency >= 6 in wordfreq's list for ``language``: almost
    only function words in every language. False when wordfreq has no list for it (wordfreq
    would otherwise answer from its nearest list, English for Telugu, with a logged warning)."""
    from wordfreq import zipf_frequency  # the frequency lists at the edge

    if language not in _wordfreq_languages():
        return False
    try:
        return zipf_frequency(word, language) >= 6.0
    except (LookupError, ValueError):
        return False


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


@lru_cache(maxsize=64)
def stopwords(language: str) -> frozenset[str]:
    """The language's own function words (articles, prepositions, conjunctions, pronouns and
    auxiliaries of :mod:`audiokit.captions.function_words`) and fillers, lowercase."""
    from audiokit.captions.function_words import RULES

    rules = RULES.get(language)
    words = set(FILLERS.get(language, ()))
    if rules is not None:
        words |= rules.binding | rules.conjunctions | rules.clinging | rules.enclitics | rules.standalone
    return frozenset(words)


@lru_cache(maxsize=65536)
def is_stopword(word: str, language: str) -> bool:
    """``word`` (lowercase) is a stopword or filler of ``language``, or a word of Zipf
    frequency >= 6 in wordfreq's list for the language. Arabic words are compared folded, so
    with or without harakat (:func:`audiokit.text.arabic.fold`): a preposition with its pronoun
    is one, however rare wordfreq finds that form.

    >>> is_stopword("بكم", "ar"), is_stopword("عَلَيْكُمْ", "ar"), is_stopword("البودكاست", "ar")
    (True, True, False)
    """
    return lookup_form(word, language) in stopwords(language) or very_common(word, language)


def lookup_form(word: str, language: str) -> str:
    """``word`` (lowercase, bare) in the form the language's word lists hold it: Arabic folded
    (without harakat, hamza on alef dropped: :func:`audiokit.text.arabic.fold`), any other as it is.

    >>> lookup_form("بِكُمْ", "ar"), lookup_form("إلى", "ar"), lookup_form("perché", "it")
    ('بكم', 'الى', 'perché')
    """
    return arabic.fold(word) if language == "ar" else word
