"""English part-of-speech tags and noun-phrase chunks for chapter titles and caption line breaks, from TextBlob.

TextBlob (MIT) bundles the Pattern library's English tagger and chunker (a Brill-style tagger:
a 100,000-word lexicon with contextual and morphological rules, plus chunk rules; Penn
Treebank tags) as data files inside its wheel, so nothing is downloaded, it loads in about a
second and tags about 100,000 words a second on one core. Only this module knows about
TextBlob; titles and caption line breaks see :class:`Token` values.

The text is tokenised here (so every token is a word as written, contractions split off) and
handed to the tagger one sentence per line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from audiokit.errors import MissingToolError

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
# Words (with inner hyphens, apostrophes and dots: "fine-tuning", "GPT-4", "U.S"), contractions
# split off ("let" + "'s", "do" + "n't"), and single punctuation marks.
_TOKEN = re.compile(
    r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*(?=n't\b)|n't\b|'[A-Za-z]+\b"
    r"|[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+|'(?!(?:s|re|ve|ll|d|m)\b)[A-Za-z0-9]+)*|[^\sA-Za-z0-9]"
)


@dataclass(frozen=True)
class Token:
    """One word as written, its Penn Treebank tag (``NN``, ``JJ``, ``VBG``...) and its chunk
    tag (``B-NP`` opens a noun phrase, ``I-NP`` continues one, ``O`` or another phrase type
    otherwise)."""

    word: str
    pos: str
    chunk: str


def tokens(sentence: str) -> list[str]:
    """The tokens the tagger is given for one sentence.

    >>> tokens("Let’s talk about fine-tuning, don't we?")
    ['Let', "'s", 'talk', 'about', 'fine-tuning', ',', 'do', "n't", 'we', '?']
    """
    return _TOKEN.findall(sentence.replace("’", "'").replace("‘", "'"))


@lru_cache(maxsize=1)
def _parser() -> Callable[..., str]:
    try:
        from textblob.en import parse
    except ImportError:  # pragma: no cover - a dependency of audiokit
        raise MissingToolError("the textblob package is not installed (pip install textblob)") from None
    return parse


def sentences(text: str) -> list[str]:
    """``text`` split into sentences the way :func:`tag` splits it.

    >>> sentences("Bees sting. Do they? Yes!")
    ['Bees sting.', 'Do they?', 'Yes!']
    """
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def tag(text: str) -> list[list[Token]]:
    """Each sentence of ``text`` as tagged tokens.

    >>> [(t.word, t.pos, t.chunk) for t in tag("The safety benchmarks cover toxicity. Next!")[0]]
    [('The', 'DT', 'B-NP'), ('safety', 'NN', 'I-NP'), ('benchmarks', 'NNS', 'I-NP'), ('cover', 'VB', 'B-VP'), ('toxicity', 'NN', 'B-NP'), ('.', '.', 'O')]
    """
    split = [words for words in (tokens(s) for s in sentences(text)) if words]
    if not split:
        return []
    # The tagger reads "/" as its field separator, so no token contains one (see _TOKEN).
    parsed = str(_parser()("\n".join(" ".join(s) for s in split), tokenize=False, chunks=True))
    out = []
    for line, words in zip(parsed.split("\n"), split):
        fields = [item.split("/") for item in line.split(" ")]
        out.append([Token(word, f[1], f[2]) for word, f in zip(words, fields)])
    return out


def noun_phrase_joins(words: Sequence[str]) -> list[bool]:
    """For each word of a text (as written, in order), whether it and the next word lie inside one
    noun phrase, so that a line broken between them splits the phrase ("the carbon / footprint").
    The text is tagged whole, so each word is read in its sentence.

    >>> noun_phrase_joins("We measured the carbon footprint, then moved on.".split())
    [False, False, True, True, False, False, False, False]
    >>> noun_phrase_joins("They said language and notification.".split())  # break before "and", not after
    [False, False, False, True, False]
    """
    if len(words) < 2:
        return [False] * len(words)
    tagged = [t for sentence in tag(" ".join(words)) for t in sentence]
    if sum(len(t.word) for t in tagged) != sum(len(w) for w in words):
        return [False] * len(words)  # a token lost on the way (the tagger's "/"): no guessing
    # The tokens cover every character of the text but its spaces: give each word its own.
    firsts: list[Token | None] = []
    lasts: list[Token | None] = []
    k = 0
    for word in words:
        size, mine = len(word), []
        while k < len(tagged) and size > 0:
            size -= len(tagged[k].word)
            mine.append(tagged[k])
            k += 1
        said = [t for t in mine if any(c.isalnum() for c in t.word)]
        firsts.append(said[0] if said and said[0] is mine[0] else None)
        lasts.append(said[-1] if said and said[-1] is mine[-1] else None)  # none after a comma
    # Before "and" / "or" inside a phrase ("language / and notification") is where to break.
    return [
        a is not None and b is not None and a.chunk in ("B-NP", "I-NP") and b.chunk == "I-NP" and b.pos != "CC"
        for a, b in zip(lasts, [*firsts[1:], None])
    ]
