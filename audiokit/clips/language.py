"""What clip scoring needs of the episode's language: fillers, filler pairs, openers that lean
on what came before, and the background word frequencies for keyness (pure data, and wordfreq
at the edge in :func:`background_logprob`).

>>> is_filler("ehm", "it"), is_filler("vlastně", "cs"), is_filler("um", "en"), is_filler("ehm", "en")
(True, True, True, False)
>>> ("o", "sea") in FILLER_PAIRS["es"], "allora" in DANGLING["it"]
(True, True)
>>> is_filler("يعني", "ar"), is_filler("إذن", "ar"), dangling("ولكن", "ar"), dangling("النعناع", "ar")
(True, True, True, False)
>>> lp = background_logprob("it")
>>> lp(("il",)) > lp(("caffè",)) > lp(("espressino",))
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from audiokit.clips.background import UNKNOWN, LogProb
from audiokit.text import arabic
from audiokit.text.stopwords import FILLERS, lookup_form

__all__ = ["DANGLING", "FILLER_PAIRS", "background_logprob", "dangling", "filler_pair", "has_rules", "is_filler"]


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in (p.split() for p in text.split(",")))


FILLER_PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("you", "know"), ("i", "mean"), ("sort", "of"), ("kind", "of")),
    "it": _pairs("cioè tipo, non so, come dire, per dire, sai com'è"),
    "cs": _pairs("no jako, jako že, víš co, že jo, no prostě"),
    "de": _pairs("weißt du, na ja, und so, oder so"),
    "es": _pairs("o sea, es que, a ver, ya sabes, en plan"),
    "fr": _pairs("tu vois, tu sais, en fait, du coup, je veux"),
    "pt": _pairs("tipo assim, quer dizer, sabe como, ou seja"),
    "pl": _pairs("no wiesz, to znaczy, że tak, w sensie"),
    "nl": _pairs("weet je, zeg maar, nou ja, of zo"),
    "fi": _pairs("niinku et, tiätsä niinku, ja silleen"),
    "ru": _pairs("как бы, это самое, в общем, так сказать"),
    "ar": arabic.FILLER_PAIRS,  # folded, as every Arabic lookup is
}

# First words that refer back to something a listener of the clip alone did not hear.
DANGLING: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "it": "e ed ma però quindi allora poi sì no cioè comunque perché anche questo questa quello quella "
              "infatti esatto certo appunto beh ok okay ecco ehm",
        "cs": "a ale takže tak no jo ano ne to tohle tohleto protože taky pak jasně přesně právě jenže "
              "však ehm hm",
        "de": "und aber also dann ja nein genau das dies diese dieser deshalb denn auch oder richtig ok",
        "es": "y pero entonces pues sí no eso esto esa ese porque también exacto claro bueno vale",
        "fr": "et mais donc alors puis oui non ça cela ce cette parce aussi exactement voilà bon",
        "pt": "e mas então pois sim não isso isto essa esse porque também exatamente claro",
        "pl": "i a ale więc to tak nie no bo też dokładnie właśnie jasne",
        "nl": "en maar dus dan ja nee dat dit die omdat ook precies inderdaad oké",
        "fi": "ja mutta joten sitten niin kyllä ei se tämä koska myös aivan",
        "ru": "и а но так вот да нет это этот эта потому тоже точно ну",
    }.items()
} | {"ar": arabic.DANGLING}


def has_rules(language: str) -> bool:
    """Whether clip scoring has ``language``'s own fillers and openers (else generic rules)."""
    return language == "en" or language in FILLER_PAIRS


def is_filler(word: str, language: str) -> bool:
    """``word`` (normalised, lowercase) is a filler in ``language``."""
    return lookup_form(word, language) in FILLERS.get(language, ())


def filler_pair(first: str, second: str, language: str) -> bool:
    """``first second`` (normalised, lowercase) is a two-word filler in ``language`` ("o sea")."""
    return (lookup_form(first, language), lookup_form(second, language)) in FILLER_PAIRS.get(language, ())


def dangling(word: str, language: str) -> bool:
    """``word`` (normalised, lowercase) leans on what came before, so a clip should not open on it."""
    return lookup_form(word, language) in DANGLING.get(language, ())


def background_logprob(language: str) -> LogProb | None:
    """Natural-log probability of a term in the language at large, from wordfreq's lists (a pair
    is read as two independent words); ``None`` when wordfreq has no list for the language, so
    keyness falls back to TF-IDF over the episode."""
    from wordfreq import available_languages, word_frequency  # the frequency lists at the edge

    if language not in available_languages(wordlist="best"):
        return None
    cache: dict[tuple[str, ...], float] = {}

    def word(w: str) -> float:
        f = word_frequency(w, language, wordlist="best")
        return math.log(f) if f > 0 else UNKNOWN

    def logprob(term: Sequence[str]) -> float:
        key = tuple(term)
        if key not in cache:
            cache[key] = sum(word(w) for w in key) if key else UNKNOWN
        return cache[key]

    return logprob
