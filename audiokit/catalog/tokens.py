"""Words as the search index sees them (pure): folded tokens and the word pairs of phrases.

A token is a run of letters and digits, lower-cased with diacritics removed, as SQLite's
``unicode61`` tokenizer makes them; an Arabic-script word is in its search form
(:mod:`audiokit.catalog.arabic`: spelling variants folded, attached prefixes taken off), and
the index's ``text`` column holds the text with those words so (:func:`fts_text`). Besides the words, the index holds each passage's
*grams*: every two adjacent tokens joined by :data:`JOIN` (a private-use character, which
``unicode61`` keeps inside a token and no transcript holds). A phrase of n tokens is looked up
as the phrase of its n-1 grams, whose lists in the index are short even when the words are
common ("of the"): FTS5 then never walks the long lists of common words, which is what keeps
phrase search fast in a catalogue of tens of millions of words.

>>> tokens("Café GPT-4’s")
['cafe', 'gpt', '4', 's']
>>> grams("It's the GPT-4 model.").replace(JOIN, "_")
'it_s s_the the_gpt gpt_4 4_model'
>>> owned_tokens("It's the GPT-4 model.".split(" "))
(['it', 's', 'the', 'gpt', '4', 'model'], [0, 0, 1, 2, 2, 3])
>>> tokens("وَالنَّعْنَاعُ الطازج") == tokens("النعناع والطازج") == ["نعناع", "طازج"]
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import pairwise

from audiokit.catalog.arabic import search_form

__all__ = ["JOIN", "fold", "fts_text", "gram_list", "grams", "owned_tokens", "tokens"]

JOIN = "\ue000"
_TOKEN = re.compile(r"[^\W_]+")
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without diacritics, Arabic-script words in their search form (ASCII text, the
    common case, takes the fast path). A word is folded on its own: the fold of words joined by
    spaces is their folds joined by spaces."""
    if text.isascii():
        return text.lower()
    return search_form(_MARKS.sub("", unicodedata.normalize("NFD", text)).lower())


def fts_text(text: str) -> str:
    """The text as the index's ``text`` column holds it (and a word typed is looked up there):
    Arabic-script words in their search form, everything else as written for ``unicode61``.

    >>> fts_text("Café بالبيت")
    'Café بيت'
    """
    return search_form(text)


def tokens(text: str) -> list[str]:
    """The tokens of ``text`` in order."""
    return _TOKEN.findall(fold(text))


def gram_list(found: Sequence[str]) -> list[str]:
    """The grams of a list of tokens: gram k is tokens k and k+1."""
    return [a + JOIN + b for a, b in pairwise(found)]


def grams(text: str) -> str:
    """The passage's grams, space-separated, in order."""
    return " ".join(gram_list(tokens(text)))


def owned_tokens(words: Sequence[str]) -> tuple[list[str], list[int]]:
    """The tokens of a run of words, and for each token the index of its word."""
    found: list[str] = []
    owner: list[int] = []
    for k, word in enumerate(words):
        for token in _TOKEN.findall(fold(word)):
            found.append(token)
            owner.append(k)
    return found, owner
