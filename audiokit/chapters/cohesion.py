"""Lexical cohesion that works in any language: words reduced to stems, and how much better two
blocks of talk are described by two word distributions than by one.

Counting surface words defeats topic cohesion in inflected languages: Czech "trh", "trhu",
"trhy" or Russian "рынок", "рынке" are one topic word said in three forms. :func:`stem` maps a
word to its lemma with simplemma (dictionaries for ~50 languages inside its wheel) and, for a
language simplemma does not know, to its first :data:`PREFIX` letters (truncation, the
language-neutral stemmer of cross-language retrieval).

:func:`split_gain` is the local form of Utiyama and Isahara's (2001) probabilistic segmentation:
the gain in log-likelihood, per word, from describing the words either side of a gap by two
smoothed unigram models instead of one. Unlike the cosine of two sparse count vectors it stays
informative on the few dozen words a short episode's topic has.

>>> stem("trhy", "cs"), stem("etxeetan", "eu"), stem("निर्णयों", "xx")
('trh', 'etxee', 'निर्णयों')
>>> counts = np.array([[2.0, 0.0]] * 3 + [[0.0, 2.0]] * 3)
>>> split_gain(counts, np.full(6, 2.0), 4.0).round(2).tolist()
[0.0, -0.08, 0.13, 0.51, 0.13, -0.08]
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

PREFIX = 5


@lru_cache(maxsize=1)
def _lemmatizer():
    try:
        from simplemma import lemmatize  # dictionaries in the wheel, loaded on first use
    except ImportError:  # pragma: no cover - a dependency of audiokit
        return None
    return lemmatize


@lru_cache(maxsize=131072)
def stem(word: str, language: str) -> str:
    """``word`` (lower case) as its lemma in ``language`` (ISO 639-1) where simplemma knows the
    language, otherwise its first :data:`PREFIX` letters, combining marks not counted as
    letters (an Indic vowel sign belongs to the letter before it)."""
    lemmatize = _lemmatizer()
    if lemmatize is not None:
        try:
            return str(lemmatize(word, lang=language)).lower()
        except (ValueError, KeyError):  # a language simplemma does not know
            pass
    letters = 0
    for k, ch in enumerate(word):
        if not unicodedata.category(ch).startswith("M"):
            letters += 1
            if letters > PREFIX:
                return word[:k]
    return word


def stems(tokens: Sequence[Sequence[str]], language: str) -> list[list[str]]:
    """:func:`stem` of every word of every sentence."""
    return [[stem(w, language) for w in words] for words in tokens]


def _loglik(x: np.ndarray, vocabulary: int) -> np.ndarray:
    """Log-likelihood of each row's counts under its own add-one-smoothed unigram model."""
    m = x.sum(axis=1)
    return (x * np.log1p(x)).sum(axis=1) - m * np.log(m + vocabulary)


def split_gain(counts: np.ndarray, weights: np.ndarray, window: float) -> np.ndarray:
    """For every gap ``i`` (before sentence ``i``): the log-likelihood gained per word by two
    unigram models, one for the ``window`` weight of sentences before the gap and one for as much
    after it (at least one sentence each side), over a single model for both (``counts``: one row
    of word counts per sentence; ``weights``: each sentence's weight, as the blocks count it).
    Entry 0 is 0."""
    n = len(counts)
    out = np.zeros(n)
    if n < 2:
        return out
    prefix = np.zeros((n + 1, counts.shape[1]))
    np.cumsum(counts, axis=0, out=prefix[1:])
    cum = np.concatenate([[0.0], np.cumsum(weights)])
    vocabulary = max(1, int((counts.sum(axis=0) > 0).sum()))
    gaps = np.arange(1, n)
    left = np.clip(np.minimum(np.searchsorted(cum, cum[gaps] - window, side="right") - 1, gaps - 1), 0, None)
    right = np.clip(np.maximum(np.searchsorted(cum, cum[gaps] + window, side="left"), gaps + 1), None, n)
    a = prefix[gaps] - prefix[left]
    b = prefix[right] - prefix[gaps]
    gain = _loglik(a, vocabulary) + _loglik(b, vocabulary) - _loglik(a + b, vocabulary)
    out[1:] = gain / np.maximum((a + b).sum(axis=1), 1.0)
    return out
