"""Stopwords of a language: the curated lists that ship inside the yake wheel (34 languages),
plus the fillers of speech, plus its most frequent words by wordfreq (Zipf frequency >= 6,
about the top two hundred words of any language: "perché", "cosa", "anni" are missing from
some lists). No download.

>>> "della" in stopwords("it"), "vlastně" in stopwords("cs"), "caffè" in stopwords("it")
(True, True, False)
>>> has_list("it"), has_list("cs"), has_list("is")
(True, True, False)
>>> is_stopword("og", "is"), is_stopword("eldfjall", "is")
(True, False)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["FILLERS", "has_list", "is_stopword", "stopwords"]

# yake names a few lists by other codes than ISO 639-1.
_YAKE_CODES = {"cs": "cz", "nb": "no", "nn": "no"}

# Fillers and hesitations of conversation, per language (single words; pairs are in
# audiokit.clips.fillers). They are never content words.
FILLERS: dict[str, frozenset[str]] = {
    "en": frozenset("um uh erm er hmm mm uhm".split()),
    "it": frozenset("ehm eh ehmm mmm uhm cioè tipo diciamo insomma praticamente boh beh allora".split()),
    "cs": frozenset("ehm eh hm mmm no jako vlastně prostě teda jakoby vole".split()),
    "sk": frozenset("ehm eh hm no akože vlastne proste teda".split()),
    "de": frozenset("äh ähm öh hm halt eben quasi sozusagen irgendwie naja".split()),
    "es": frozenset("eh em este pues bueno vale tipo mmm".split()),
    "fr": frozenset("euh heu ben bah bon genre quoi hein voilà enfin".split()),
    "pt": frozenset("hã éé tipo então pronto né pá hum".split()),
    "pl": frozenset("yyy eee hmm no jakby właściwie znaczy wiesz".split()),
    "nl": frozenset("eh ehm uh uhm nou dus zeg maar gewoon eigenlijk".split()),
    "fi": frozenset("öö äää niinku siis tota noh no".split()),
    "ru": frozenset("э эм ну вот типа короче значит".split()),
}


def _yake_dir() -> Path | None:
    try:
        import yake  # the package ships its stopword lists as data files
    except ImportError:  # pragma: no cover - a dependency of audiokit
        return None
    path = Path(yake.__file__).parent / "core" / "StopwordsList"
    return path if path.is_dir() else None


def _yake_file(language: str) -> Path | None:
    folder = _yake_dir()
    if folder is None or not language:
        return None
    path = folder / f"stopwords_{_YAKE_CODES.get(language, language)}.txt"
    return path if path.is_file() and path.stat().st_size > 0 else None


def has_list(language: str) -> bool:
    """Whether a curated stopword list ships for ``language`` (else the frequency rule)."""
    return _yake_file(language) is not None


@lru_cache(maxsize=64)
def stopwords(language: str) -> frozenset[str]:
    """The language's stopword list (lowercase) with its fillers; empty when none ships."""
    path = _yake_file(language)
    words = set(FILLERS.get(language, ()))
    if path is not None:
        words |= {w.strip() for w in path.read_text(encoding="utf-8").lower().split("\n") if w.strip()}
    return frozenset(words)


@lru_cache(maxsize=65536)
def is_stopword(word: str, language: str) -> bool:
    """``word`` (lowercase) is a stopword or filler of ``language``, or a word of Zipf
    frequency >= 6 in wordfreq's list for the language."""
    if word in stopwords(language):
        return True
    from wordfreq import zipf_frequency  # the frequency lists at the edge

    try:
        return zipf_frequency(word, language) >= 6.0
    except (LookupError, ValueError):
        return False
