"""Chapter titles from key phrases: short, title case, distinct, never a sentence fragment.

Pure text logic, no part of speech tagger: candidate phrases are runs of up to three content
words (words outside :data:`~audiokit.chapters.wordlists.STOPWORDS`, which include the
fillers of conversation) between punctuation and stopwords, so a candidate is noun-phrase-like
and never a fragment. Each is scored by how often the chapter uses it against how widely the
rest of the episode does (TF-IDF over chapters, with a bonus for the share of its uses that
fall in this chapter), favouring two- and three-word phrases; an optional ``centrality``
function (embedding similarity of a phrase to the chapter's centroid) multiplies the scores of
the best ones, which sinks phrases that are frequent but off-topic ("suitable substitute"). A title is
the best phrase, joined with the next one that says something different when both fit in 40
characters: "Safety Benchmarks and Red Teaming".

>>> make_titles([
...     "Red teaming found gaps. The red teaming was thorough. Safety benchmarks matter.",
...     "Safety benchmarks test toxicity. The license allows commercial use. Commercial use is fine.",
... ])
['Red Teaming', 'Commercial Use']
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from audiokit.chapters.wordlists import SMALL_WORDS, STOPWORDS

MAX_LENGTH = 40
_BREAKS = re.compile(r"[.,;:!?()\[\]{}\"“”‘…–—/]|\s[-']\s|'\s|\s'")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z0-9]")
_LENGTH_BONUS = {1: 1.0, 2: 1.6, 3: 1.8}
# Endings of past participles and adjectives: a noun phrase does not end in one ("safety
# measured", "competitive") though it may start with one ("supervised fine-tuning").
_MODIFIER_ENDINGS = ("ed", "ous", "ive", "able", "ible", "ful", "less", "ish")

Centrality = Callable[[int, Sequence[str]], Sequence[float]]


@dataclass(frozen=True)
class Phrase:
    """A candidate title phrase of one chapter: its normalised ``key`` (lower-case stems),
    how it is written most often (``text``) and its ``score``."""

    key: tuple[str, ...]
    text: str
    score: float


def _norm(token: str) -> str:
    t = token.lower().replace("’", "'")
    t = t.removesuffix("'s")
    return t


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _is_content(token: str) -> bool:
    word = _norm(token)
    if word in STOPWORDS or "'" in word:
        return False
    if word.isdigit():
        return True
    if len(word) < 3 and not (token.isupper() and len(token) > 1):
        return False
    return not (len(word) > 5 and word.endswith("ly"))


def _modifier(token: str) -> bool:
    word = _norm(token)
    return len(word) >= 6 and word.endswith(_MODIFIER_ENDINGS)


def candidates(text: str, longest: int = 3) -> list[tuple[tuple[str, ...], str]]:
    """Every candidate phrase occurrence in ``text`` as ``(key, words as written)``.

    >>> [w for _, w in candidates("Yeah, the safety benchmarks, I mean.")]
    ['safety', 'safety benchmarks', 'benchmarks']
    >>> [w for _, w in candidates("supervised fine-tuning is expensive")]
    ['supervised fine-tuning', 'fine-tuning']
    """
    out: list[tuple[tuple[str, ...], str]] = []
    for chunk in _BREAKS.split(text):
        run: list[str] = []
        for token in [*_TOKEN.findall(chunk), ""]:
            if token and _is_content(token):
                run.append(token)
                continue
            for i in range(len(run)):
                if run[i].isdigit():
                    continue
                for j in range(i + 1, min(len(run), i + longest) + 1):
                    words = run[i:j]
                    if _modifier(words[-1]):
                        continue
                    out.append((tuple(_stem(_norm(w)) for w in words), " ".join(words)))
            run = []
    return out


def title_case(text: str) -> str:
    """Title case that keeps acronyms and names as written.

    >>> title_case("helpfulness versus safety of GPT-4 and fine-tuning")
    'Helpfulness Versus Safety of GPT-4 and Fine-Tuning'
    """
    words = text.split()
    out = []
    for k, word in enumerate(words):
        if k and word.lower() in SMALL_WORDS:
            out.append(word.lower())
        elif any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word):
            out.append(word)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return " ".join(out)


_VERB_CONTEXT = frozenset(
    ["to", "i", "we", "you", "they", "he", "she", "it", "can", "can't", "could", "would", "should", "will", "won't", "did", "didn't", "don't", "doesn't", "i'm", "we're", "you're", "they're", "i've", "we've", "you've", "they've", "i'll", "we'll", "you'll", "they'll", "i'd", "we'd"]
)
_NOUN_CONTEXT = frozenset(["a", "an", "the", "this", "that", "these", "those", "of", "my", "our", "your", "their", "its", "his", "her"])


def verb_like(texts: Sequence[str]) -> frozenset[str]:
    """Words these texts use more often as verbs than as nouns, judged without a tagger: how
    often each follows a pronoun, modal or "to" ("we recognize") against a determiner or "of"
    ("the library"). A title phrase contains none of them.

    >>> sorted(verb_like(["We recognize it. You recognize the library. The library is big."]))
    ['recognize']
    """
    verbish: Counter[str] = Counter()
    nounish: Counter[str] = Counter()
    for text in texts:
        words = [_norm(w) for w in _TOKEN.findall(text.replace("’", "'"))]
        for before, word in pairwise(words):
            if before in _VERB_CONTEXT:
                verbish[word] += 1
            elif before in _NOUN_CONTEXT:
                nounish[word] += 1
    return frozenset(w for w, n in verbish.items() if n > nounish[w] and w not in STOPWORDS)


def rank_phrases(texts: Sequence[str], centrality: Centrality | None = None, top: int = 12) -> list[list[Phrase]]:
    """The best ``top`` candidate phrases of every chapter text, best first.

    >>> [p.text for p in rank_phrases(["red teaming and red teaming", "the license, the license"])[0]]
    ['red teaming', 'red', 'teaming']
    """
    counts: list[Counter[tuple[str, ...]]] = []
    forms: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    verbs = verb_like(texts)
    for text in texts:
        found = [(key, written) for key, written in candidates(text)
                 if not any(_norm(w) in verbs for w in written.split())]
        counts.append(Counter(key for key, _ in found))
        for key, written in found:
            forms[key][written] += 1
    total: Counter[tuple[str, ...]] = Counter()
    df: Counter[tuple[str, ...]] = Counter()
    for c in counts:
        total.update(c)
        df.update(c.keys())
    n = len(texts)
    ranked: list[list[Phrase]] = []
    for index, c in enumerate(counts):
        repeated = any(tf >= 2 for tf in c.values())
        scored = []
        for key, tf in c.items():
            if repeated and tf < 2 and not (len(key) == 2 and c[key[-1:]] >= 2):
                continue
            idf = math.log((1 + n) / df[key]) + 0.1
            share = tf / total[key]
            score = (1 + math.log(tf)) * idf * (0.5 + 0.5 * share) * _LENGTH_BONUS[len(key)]
            scored.append(Phrase(key, _written(forms[key]), score))
        scored.sort(key=lambda p: (-p.score, p.text))
        best = scored[: top * 2]
        if centrality is not None and best:
            sims = centrality(index, [p.text for p in best])
            best = [Phrase(p.key, p.text, p.score * max(0.0, float(s))) for p, s in zip(best, sims)]
            best.sort(key=lambda p: (-p.score, p.text))
        ranked.append(best[:top])
    return ranked


def _written(forms: Counter[str]) -> str:
    """The most frequent way a phrase is written, preferring the lower-case form on a tie
    (so a sentence-initial capital does not stick)."""
    return min(forms.items(), key=lambda kv: (-kv[1], kv[0] != kv[0].lower(), kv[0]))[0]


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(set(a) & set(b))


def _compose(ranked: list[Phrase], used: set[str]) -> str | None:
    """The title for one chapter from its ranked phrases, avoiding titles in ``used``."""
    for k, first in enumerate(ranked):
        for second in ranked[k + 1 : k + 6]:
            if _overlaps(first.key, second.key) or second.score < 0.5 * first.score:
                continue
            title = title_case(f"{first.text} and {second.text}")
            if len(title) <= MAX_LENGTH and title.lower() not in used:
                return title
        title = title_case(first.text)
        if len(title) <= MAX_LENGTH and title.lower() not in used:
            return title
    return None


def make_titles(texts: Sequence[str], centrality: Centrality | None = None) -> list[str]:
    """One distinct title per chapter text (see the module docstring).

    A chapter without a single content word is called "Part N".

    >>> make_titles(["Yeah. Okay.", "We measured toxicity. Toxicity was low."])
    ['Part 1', 'Toxicity']
    """
    ranked = rank_phrases(texts, centrality)
    used: set[str] = set()
    titles = []
    for index, phrases in enumerate(ranked):
        title = _compose(phrases, used)
        if title is None:
            title = f"Part {index + 1}"
            k = 2
            while title.lower() in used:
                title, k = f"Part {index + 1}.{k}", k + 1
        used.add(title.lower())
        titles.append(title)
    return titles
