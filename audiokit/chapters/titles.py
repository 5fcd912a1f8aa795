"""Chapter titles from key phrases: short, title case, distinct, never a sentence fragment.

A candidate phrase is a noun compound found by a part-of-speech tagger and noun-phrase chunker
(:mod:`audiokit.text.tagger`): inside a noun phrase, a run of nouns, adjectives and
numbers that are content words (outside :data:`~audiokit.chapters.wordlists.STOPWORDS`, which
include the fillers of conversation, and not vague modifiers such as "specific" or "vast"),
plus the participles and -ing heads the chunker leaves out ("pre-trained models", "red
teaming"). Its candidates are its last one to four words, since English compounds put the head
last: a compound is never cut before its head, and a run that does not end in a noun, or ends
in a generic one ("section", "paper", "library"), gives none. Each is scored by how often the
chapter uses it against how widely the rest of the episode does (TF-IDF over chapters, with a
bonus for the share of its uses that fall in this chapter, so it names what sets the chapter
apart), favouring longer phrases and phrases of the chapter's first sentences, where a
conversation names its new topic; an optional ``centrality`` function (embedding similarity
of a phrase to the chapter's centroid) multiplies the scores of the best ones, which sinks
phrases that are frequent but off-topic ("suitable substitute"). A title is the best phrase,
joined with the next one that says something different when both fit in 40 characters:
"Safety Benchmarks and Red Teaming".

>>> make_titles([
...     "Safety benchmarks matter. The safety benchmarks cover toxicity. Toxicity is measured.",
...     "The license allows commercial use. Commercial use is fine under the license.",
... ])
['Safety Benchmarks and Toxicity', 'Commercial Use and License']
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from audiokit.chapters import titles_lang
from audiokit.chapters.title_text import title_case, written_form
from audiokit.chapters.wordlists import (
    GENERIC_NOUNS,
    OFFENSIVE_ROOTS,
    OFFENSIVE_WORDS,
    STOPWORDS,
    VAGUE_MODIFIERS,
)
from audiokit.text import tagger
from audiokit.text.tagger import Token

MAX_LENGTH = 40
# A conversation usually names its new topic as it opens it ("Let's talk about the night
# sky"), so phrases of a chapter's first sentences weigh more. x2 on the first 3 did best of
# the settings scripts/bench_titles.py tries on the dev sets, which it also scores held out.
OPENING = 3
OPENING_BONUS = 2.0
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


_NOUNS = frozenset(["NN", "NNS", "NNP", "NNPS"])
_MODIFIERS = _NOUNS | {"JJ", "CD"}
_OBJECTS = _NOUNS | {"DT", "PRP", "PRP$", "CD", "JJ"}
_PARTICIPLES = frozenset(["VBN", "VBD"])
_SUBJECTS = _NOUNS | {"PRP", "MD", "WDT", "WP"}


def _joins(tokens: Sequence[Token], i: int, run: Sequence[Token]) -> bool:
    """Whether ``tokens[i]`` continues the noun compound ``run`` (or starts one when ``run`` is
    empty): a title word that is a noun, adjective or number of the same noun phrase; an
    adjective or participle right before a noun ("red teaming", "pre-trained models",
    "supervised fine-tuning", which the chunker leaves out of the phrase); or an -ing form
    right after a noun or adjective that takes no object ("red teaming" but not "tools calling
    the API")."""
    t = tokens[i]
    if not _title_word(t.word):
        return False
    after = tokens[i + 1].pos if i + 1 < len(tokens) else "."
    before = tokens[i - 1].pos if i > 0 else "."
    if before in {"NNS", "PRP"} and t.chunk == "I-NP":
        # English compounds put a plural only at the head ("bee stings", not "bees forage"),
        # and a personal pronoun never modifies a noun ("you light streets", "we spread
        # compost"): such a "noun" in the same phrase is a verb the tagger took for a noun.
        return False
    if t.pos in _MODIFIERS and t.chunk.endswith("-NP"):
        return not run or t.chunk == "I-NP" or not run[-1].chunk.endswith("-NP")
    if t.pos == "JJ" or (t.pos in _PARTICIPLES and before not in _SUBJECTS):
        return after in _NOUNS or (t.pos == "JJ" and after == "VBG")
    if t.pos == "VBG" and run and run[-1].pos in {"JJ", *_NOUNS}:
        return after not in _OBJECTS
    return False


def _title_word(token: str) -> bool:
    """``token`` may be part of a title phrase: a content word, not a vague modifier
    ("specific", "vast") and no swearing ("shitcoins").

    >>> _title_word("benchmarks"), _title_word("vast"), _title_word("Shitcoins"), _title_word("class")
    (True, False, False, True)
    """
    word = _norm(token)
    return (_is_content(token) and word not in VAGUE_MODIFIERS and word not in OFFENSIVE_WORDS
            and not any(root in word for root in OFFENSIVE_ROOTS))


def _head_ok(run: Sequence[Token]) -> bool:
    """``run`` ends in a noun-like head: a noun (or an -ing compound head, "red teaming") that
    is not a generic noun ("section", "papers")."""
    head = run[-1]
    if head.pos not in _NOUNS and head.pos != "VBG" and not (head.pos == "CD" and len(run) > 1):
        return False
    word = _norm(head.word)
    return word not in GENERIC_NOUNS and _stem(word) not in GENERIC_NOUNS


def candidates(text: str, longest: int = 4) -> list[tuple[tuple[str, ...], str]]:
    """Every candidate phrase occurrence in ``text`` as ``(key, words as written)``.

    The tagger (:mod:`audiokit.text.tagger`) finds the noun phrases; inside one, a run of
    title words (nouns, adjectives, numbers) is a noun compound, and its candidates are its
    endings of up to ``longest`` words (English compounds put the head last), so a compound is
    never cut before its head. A run that does not end in a noun gives none.

    >>> [w for _, w in candidates("Yeah, the safety benchmarks, I mean.")]
    ['safety benchmarks', 'benchmarks']
    >>> [w for _, w in candidates("We push on calling external tools in the bias section.")]
    ['external tools', 'tools']
    """
    return [found for sentence in _by_sentence(text, longest) for found in sentence]


def _by_sentence(text: str, longest: int = 4) -> list[list[tuple[tuple[str, ...], str]]]:
    """The candidates of :func:`candidates`, one list per sentence (another language than
    English: :func:`audiokit.chapters.titles_lang.by_sentence`)."""
    out: list[list[tuple[tuple[str, ...], str]]] = []
    for sentence in tagger.tag(text):
        found: list[tuple[tuple[str, ...], str]] = []
        run: list[Token] = []
        for i in range(len(sentence) + 1):
            if i < len(sentence) and _joins(sentence, i, run):
                run.append(sentence[i])
                continue
            if run and _head_ok(run):
                for k in range(max(0, len(run) - longest), len(run)):
                    words = [t.word for t in run[k:]]
                    key = tuple(_stem(_norm(w)) for w in words)
                    if words[0].isdigit() or any(_overlaps(key[:j], key[j:]) for j in range(1, len(key))):
                        continue  # not "remote control controls"
                    found.append((key, " ".join(words)))
            run = [sentence[i]] if i < len(sentence) and _joins(sentence, i, []) else []
        out.append(found)
    return out


@dataclass(frozen=True)
class Candidate:
    """A phrase of one chapter's pool with the parts of its score: ``tf`` (uses in the
    chapter), ``idf`` (over chapters), ``share`` (of the episode's uses in this chapter),
    ``supported`` (its head or modifier recurs), ``opens`` (said in the opening sentences)."""

    key: tuple[str, ...]
    text: str
    score: float
    tf: int
    idf: float
    share: float
    supported: bool
    opens: bool


def phrase_pool(chapters: Sequence[Sequence[Sequence[tuple[tuple[str, ...], str]]]]) -> list[list[Candidate]]:
    """Every chapter's candidate phrases (``chapters``: per chapter, per sentence, the
    ``(key, written)`` candidates of :func:`_by_sentence`) with their TF-IDF scores; a phrase
    said once is left out of a chapter that repeats others, unless its head or modifier recurs
    ("red team", "red teamers") or it is said as the chapter opens.

    >>> [c.text for c in phrase_pool([[[(("red", "team"), "red team")], [(("team",), "team")]]])[0]]
    ['red team', 'team']
    """
    counts = [Counter(key for sentence in ch for key, _ in sentence) for ch in chapters]
    modifiers = [Counter(key[:-1] for sentence in ch for key, _ in sentence if len(key) > 1) for ch in chapters]
    openings = [{key for sentence in ch[:OPENING] for key, _ in sentence} for ch in chapters]
    forms: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for key, written in (f for ch in chapters for sentence in ch for f in sentence):
        forms[key][written] += 1
    total: Counter[tuple[str, ...]] = Counter()
    df: Counter[tuple[str, ...]] = Counter()
    for c in counts:
        total.update(c)
        df.update(c.keys())
    out: list[list[Candidate]] = []
    for index, c in enumerate(counts):
        repeated = any(tf >= 2 for tf in c.values())
        pool = []
        for key, tf in c.items():
            supported = (len(key) == 2 and c[key[-1:]] >= 2) or (len(key) > 1 and modifiers[index][key[:-1]] >= 2)
            opens = key in openings[index]
            if repeated and tf < 2 and not supported and not opens:
                continue
            idf = math.log((1 + len(chapters)) / df[key]) + 0.1
            share = tf / total[key]
            score = (1 + math.log(tf)) * idf * (0.5 + 0.5 * share) * _LENGTH_BONUS[len(key)]
            pool.append(Candidate(key, written_form(forms[key]), score * (OPENING_BONUS if opens else 1.0),
                                  tf, idf, share, supported, opens))
        out.append(pool)
    return out


def rank_phrases(texts: Sequence[str], centrality: Centrality | None = None, top: int = 12) -> list[list[Phrase]]:
    """The best ``top`` candidate phrases of every English chapter text, best first (other
    languages: :func:`audiokit.chapters.titles_keyness.rank`).

    >>> [p.text for p in rank_phrases(["red teaming and red teaming", "the license, the license"])[0]]
    ['red teaming', 'teaming']
    """
    ranked: list[list[Phrase]] = []
    for index, pool in enumerate(phrase_pool([_by_sentence(text) for text in texts])):
        scored = [Phrase(c.key, c.text, c.score) for c in pool]
        scored.sort(key=lambda p: (-p.score, p.text))
        best = scored[: top * 2]
        if centrality is not None and best:
            sims = centrality(index, [p.text for p in best])
            best = [Phrase(p.key, p.text, p.score * max(0.0, float(s))) for p, s in zip(best, sims)]
            best.sort(key=lambda p: (-p.score, p.text))
        ranked.append(best[:top])
    return ranked


def _same_word(a: str, b: str) -> bool:
    """Whether two stems are one word in two forms: equal, or one running on from all but the
    last letter of the other, at least four letters ("noisy" / "noise", "municipal" /
    "municipalities"; not "control" / "contract")."""
    common = len(os.path.commonprefix([a, b]))
    return a == b or common >= max(4, min(len(a), len(b)) - 1)


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two phrase keys share a word, hyphenated parts and word forms included ("pre
    training data" and "pre-training", "municipal services" and "municipalities"), or are one
    name spaced two ways ("open ai", "openai").

    >>> _overlaps(("open", "ai"), ("openai",)), _overlaps(("noisy", "speech"), ("noise", "estimation"))
    (True, True)
    >>> _overlaps(("remote", "control"), ("contract",))
    False
    """

    def parts(key: tuple[str, ...]) -> set[str]:
        return {p for word in key for p in (word, *word.split("-")) if p}

    joined = {"".join(k).replace("-", "") for k in (a, b)}
    return len(joined) == 1 or any(_same_word(x, y) for x in parts(a) for y in parts(b))


def _compose(ranked: list[Phrase], used: set[str], language: str = "en", join: float = 0.5) -> str | None:
    """The title for one chapter from its ranked phrases, avoiding titles in ``used``; a second
    phrase is joined when it scores at least ``join`` times the first."""
    case = title_case if language == "en" else lambda t: titles_lang.sentence_case(t, language)
    for k, first in enumerate(ranked):
        for second in ranked[k + 1 : k + 6]:
            if _overlaps(first.key, second.key) or second.score < join * first.score:
                continue
            joined = titles_lang.join(first.text, second.text, language)
            if joined is None:
                continue  # "sýr a kávu a máslo"
            title = case(joined)
            if len(title) <= MAX_LENGTH and title.lower() not in used:
                return title
        title = case(first.text)
        if len(title) <= MAX_LENGTH and title.lower() not in used:
            return title
    return None


_INTRODUCTIONS = re.compile(
    r"\b(welcome (to|back|everyone|everybody|all)|my name is|i'm joined|joining (us|me)|joined (today )?by"
    r"|(thanks|thank you) for having (me|us)|(glad|happy|excited|great) to be (here|on)|with me (today|here)"
    r"|introduce (yourself|yourselves|myself|ourselves)|(some|quick|round of) introductions)\b",
    re.IGNORECASE,
)
INTRODUCTION_SENTENCES = 5


def introduces(text: str) -> bool:
    """Whether a chapter opens with greetings and introductions ("Welcome to the show",
    "my name is", "thanks for having me") in its first sentences, as an episode's first
    chapter usually does; podcast chapter lists call that part "Introduction(s)" or "Intro".

    >>> introduces("Welcome to Small Wonders. I'm Nadia. Today: bees."), introduces("Bees are livestock.")
    (True, False)
    """
    opening = tagger.sentences(text)[:INTRODUCTION_SENTENCES]
    return any(_INTRODUCTIONS.search(s.replace("’", "'")) for s in opening)


def make_titles(texts: Sequence[str], centrality: Centrality | None = None, language: str = "en") -> list[str]:
    """One distinct title per chapter text (see the module docstring). An episode's first
    chapter that opens with introductions is "Introductions", joined with its best phrase when
    that fits ("Introductions and Rooftop Bees").

    A chapter without a single content word is called "Part N".

    >>> make_titles(["Yeah. Okay.", "We measured toxicity. Toxicity was low."])
    ['Part 1', 'Toxicity']
    >>> make_titles(["Welcome to the show! The rooftop bees forage far. Rooftop bees make honey.",
    ...              "The street lamps shine into bedrooms. Street lamps waste light."])
    ['Introductions and Rooftop Bees', 'Street Lamps']
    """
    if language != "en":
        return _titles_in(texts, centrality, language)
    return titles_from(texts, rank_phrases(texts, centrality))


def titles_from(texts: Sequence[str], ranked: Sequence[Sequence[Phrase]]) -> list[str]:
    """:func:`make_titles` for English chapter texts whose phrases are already ranked."""
    used: set[str] = set()
    titles = []
    for index, phrases in enumerate(ranked):
        title = None
        if index == 0 and len(texts) > 1 and introduces(texts[0]):
            title = "Introductions"
            if phrases and len(joined := f"{title} and {title_case(phrases[0].text)}") <= MAX_LENGTH:
                title = joined
        title = title or _compose(list(phrases), used)
        if title is None:
            title = f"Part {index + 1}"
            k = 2
            while title.lower() in used:
                title, k = f"Part {index + 1}.{k}", k + 1
        used.add(title.lower())
        titles.append(title)
    return titles


def _titles_in(texts: Sequence[str], centrality: Centrality | None, language: str) -> list[str]:
    """:func:`make_titles` for a language other than English (:mod:`.titles_lang`): the
    language's own key phrases ranked by keyness (:mod:`.titles_keyness`), in sentence case.
    ``centrality`` is not used: the English embeddings ranked these phrases worse."""
    from audiokit.chapters import titles_keyness  # imports this module's Phrase

    ranked = titles_keyness.rank(texts, language, titles_keyness.rarity_of(language))
    used: set[str] = set()
    titles = []
    for index, phrases in enumerate(ranked):
        title = None
        intro = titles_lang.label("intro", language)
        if index == 0 and len(texts) > 1 and intro and titles_lang.introduces(texts[0], language):
            title = intro
        title = title or _compose(phrases, used, language, titles_keyness.JOIN)
        number = index + 1
        while title is None or title.lower() in used:
            title, number = titles_lang.label("part", language, number), number + len(texts)
        used.add(title.lower())
        titles.append(title)
    return titles
