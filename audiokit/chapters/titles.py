"""Chapter titles from key phrases: short, title case, distinct, never a sentence fragment.

Pure text logic, no part of speech tagger: a candidate phrase is a noun compound, a run of
content words (outside :data:`~audiokit.chapters.wordlists.STOPWORDS`, which include the
fillers of conversation) between punctuation, stopwords, vague modifiers ("specific", "vast")
and verb forms ("calling", "answered", "push"), taken from the chapter's own sentences. Its
candidates are its last one to four words, since English compounds put the head last: a
compound is never cut before its head ("red" is no candidate of "red teaming"), and a run
whose last word is no noun-like head (an adjective, a verb, or a generic noun such as
"section", "paper" or "library") gives none. Each is scored by how often the chapter uses it
against how widely the rest of the episode does (TF-IDF over chapters, with a bonus for the
share of its uses that fall in this chapter), favouring longer phrases; an optional
``centrality`` function (embedding similarity of a phrase to the chapter's centroid)
multiplies the scores of the best ones, which sinks phrases that are frequent but off-topic
("suitable substitute"). A title is the best phrase, joined with the next one that says
something different when both fit in 40 characters: "Safety Benchmarks and Red Teaming".

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

from audiokit.chapters.wordlists import (
    ADJECTIVE_ENDINGS,
    ADJECTIVES,
    COMMON_VERBS,
    GENERIC_NOUNS,
    GERUND_NOUNS,
    IRREGULAR_VERB_FORMS,
    NOUN_EXCEPTIONS,
    SMALL_WORDS,
    STOPWORDS,
    VAGUE_MODIFIERS,
)

MAX_LENGTH = 40
_BREAKS = re.compile(r"[.,;:!?()\[\]{}\"“”‘…–—/]|\s[-']\s|'\s|\s'")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z0-9]")
_LENGTH_BONUS = {1: 1.0, 2: 1.6, 3: 1.8, 4: 1.8}

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


def _bases(word: str, ending: str) -> list[str]:
    """Possible base forms of ``word`` without an -ing or -ed ``ending`` ("calling" -> "call",
    "hoping" -> "hope", "stopped" -> "stop", "tried" -> "try")."""
    root = word[: -len(ending)]
    out = [root, root + "e"]
    if len(root) > 2 and root[-1] == root[-2]:
        out.append(root[:-1])
    if ending == "ed" and root.endswith("i"):
        out.append(root[:-1] + "y")
    return out


def _verb_form(token: str) -> bool:
    """A common verb ("push") or an inflected form of one or of a stopword verb ("calling",
    "answered", "detecting", "allows", "found"), which breaks a title phrase; hyphenated
    compounds ("fine-tuned") and -ing nouns ("training", "red teaming") do not."""
    word = _norm(token)
    if "-" in word or word in GERUND_NOUNS:
        return False
    if word in COMMON_VERBS or word in IRREGULAR_VERB_FORMS or (word.endswith("s") and word[:-1] in COMMON_VERBS):
        return True
    for ending in ("ing", "ed"):
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return any(b in COMMON_VERBS or b in STOPWORDS for b in _bases(word, ending))
    return False


def _title_word(token: str) -> bool:
    """``token`` may be part of a title phrase: a content word, not a vague modifier
    ("specific", "vast") and not a verb form."""
    return _is_content(token) and _norm(token) not in VAGUE_MODIFIERS and not _verb_form(token)


def _adjective(word: str) -> bool:
    if word in NOUN_EXCEPTIONS or word.isdigit():
        return False
    if word in ADJECTIVES or word.split("-")[-1] in ADJECTIVES:
        return True
    return (len(word) >= 6 and word.endswith((*ADJECTIVE_ENDINGS, "ed"))) or (len(word) >= 7 and word.endswith("ic"))


def _head_ok(token: str) -> bool:
    """``token`` can end a title phrase: not an adjective or participle ("safety measured",
    "competitive"), not a verb ("push"), not a generic noun ("section", "papers")."""
    word = _norm(token)
    if word.isdigit():
        return True
    return not (_adjective(word) or word in COMMON_VERBS or _stem(word) in COMMON_VERBS
                or word in GENERIC_NOUNS or _stem(word) in GENERIC_NOUNS)


def candidates(text: str, longest: int = 4) -> list[tuple[tuple[str, ...], str]]:
    """Every candidate phrase occurrence in ``text`` as ``(key, words as written)``.

    A run of title words between punctuation, stopwords, vague modifiers and verb forms is a
    noun compound; its candidates are its endings of up to ``longest`` words (English compounds
    put the head last), so a compound is never cut before its head ("red" is not a candidate
    of "red teaming"). A run that does not end in a noun-like head gives none.

    >>> [w for _, w in candidates("Yeah, the safety benchmarks, I mean.")]
    ['safety benchmarks', 'benchmarks']
    >>> [w for _, w in candidates("supervised fine-tuning is expensive")]
    ['supervised fine-tuning', 'fine-tuning']
    >>> [w for _, w in candidates("calling external tools, in the bias section, we push")]
    ['external tools', 'tools']
    """
    out: list[tuple[tuple[str, ...], str]] = []
    for chunk in _BREAKS.split(text):
        run: list[str] = []
        for token in [*_TOKEN.findall(chunk), ""]:
            if token and _title_word(token):
                run.append(token)
                continue
            if run and _head_ok(run[-1]):
                for i in range(max(0, len(run) - longest), len(run)):
                    words = run[i:]
                    if words[0].isdigit():
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
    ['red teaming', 'teaming']
    """
    counts: list[Counter[tuple[str, ...]]] = []
    modifiers: list[Counter[tuple[str, ...]]] = []
    forms: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    verbs = verb_like(texts)
    for text in texts:
        found = [(key, written) for key, written in candidates(text)
                 if not any(_norm(w) in verbs for w in written.split())]
        counts.append(Counter(key for key, _ in found))
        modifiers.append(Counter(key[:-1] for key, _ in found if len(key) > 1))
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
            # A phrase said once still counts when its head or its modifier recurs in the
            # chapter's compounds ("red team", "red teamers").
            supported = (len(key) == 2 and c[key[-1:]] >= 2) or (len(key) > 1 and modifiers[index][key[:-1]] >= 2)
            if repeated and tf < 2 and not supported:
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
    """Whether two phrase keys share a word, hyphenated parts included ("pre training data"
    and "pre-training")."""

    def parts(key: tuple[str, ...]) -> set[str]:
        return {p for word in key for p in (word, *word.split("-"))}

    return bool(parts(a) & parts(b))


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
