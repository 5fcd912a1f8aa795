"""The chapter pipeline: timed sentences -> embeddings and cues -> boundaries -> titles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from audiokit.chapters import embeddings
from audiokit.chapters.model import Chapter, TimedSentence, episode_end, timed_sentences
from audiokit.chapters.segment import probabilities, segment
from audiokit.chapters.titles import make_titles
from audiokit.chapters.wordlists import STOPWORDS
from audiokit.errors import InputError
from audiokit.model import Episode
from audiokit.text.counts import counted
from audiokit.text.letters import MARKS
from audiokit.text.stopwords import is_stopword

# Combining marks too: Indic vowel signs and viramas are inside words, not between them.
_WORD = re.compile(rf"[\w{MARKS}'’-]+")


def content_text(text: str, language: str = "en") -> str:
    """``text`` lower-cased without stopwords and fillers: what carries its topic. English uses
    audiokit's conversational list; any other language its own function words and fillers plus
    its most frequent words (:func:`audiokit.text.stopwords.is_stopword`), never English's.

    >>> content_text("Yeah, I mean the safety benchmarks are pretty thorough.")
    'safety benchmarks thorough'
    >>> content_text("Parliamo del prezzo del caffè al bar.", "it")
    'parliamo prezzo caffè bar'
    >>> content_text("नमस्ते दोस्तों", "hi").split()[0]
    'नमस्ते'
    """
    words = _WORD.findall(text.lower())
    if language == "en":
        return " ".join(w for w in words if w.replace("’", "'") not in STOPWORDS)
    return " ".join(w for w in words if not is_stopword(w, language))


def _centroid(vectors: np.ndarray, weights: np.ndarray) -> np.ndarray:
    mean = (vectors * weights[:, None]).sum(axis=0)
    norm = np.linalg.norm(mean)
    return mean / norm if norm > 0 else mean


def find_chapters(episode: Episode, count: int | None = None, min_length: float = 30.0) -> tuple[Chapter, ...]:
    """Chapters of ``episode`` by topic, titled; the first starts at 0:00 and the last ends at
    the episode's end. ``count`` asks for that many, or as many as fit when each lasts at least
    ``min_length`` seconds (:func:`fewer_note` says so); without it a chapter starts wherever
    the boundary model finds a likely topic change (at most one per minute of talk, at least one
    per 10 minutes when the topic changes at all). Each lasts at least ``min_length`` seconds
    where the episode allows.

    Raises :class:`InputError` when the episode has no timed words or ``count`` exceeds the
    number of timed sentences, :class:`~audiokit.errors.MissingToolError` naming the model file
    when the boundary model is missing or corrupt.
    """
    sentences = timed_sentences(episode)
    if not sentences:
        if any(w.start is not None for w in episode.words()):
            raise InputError("episode has no timed said words, only transcribers' notes such as [music]")
        raise InputError("episode has no timed words; run `audiokit align` first")
    if count is not None and count < 1:
        raise InputError(f"--count must be at least 1, got {count}")
    if count is not None and count > len(sentences):
        raise InputError(f"--count {count} is more than the episode's {len(sentences)} timed sentences")
    if min_length < 0:
        raise InputError(f"--min-length must not be negative, got {min_length}")
    language = episode.metadata.language or "en"
    texts = [content_text(s.text, language) for s in sentences]
    vectors = embeddings.embed(texts)
    weights = np.array([max(0.5, len(t.split())) for t in texts], dtype=float)
    end = max(episode_end(episode), sentences[-1].end)
    firsts = segment(sentences, [t.split() for t in texts], vectors, end, count, min_length, language=language)
    return _build(sentences, firsts, end, vectors, weights, language)


def fewer_note(count: int | None, found: int, min_length: float) -> str | None:
    """The warning for ``found`` chapters where ``count`` were asked for, None when they match.

    >>> fewer_note(3, 1, 30.0)
    '--count 3: only 1 chapter of at least 30 s fits in the episode; a smaller --min-length allows more'
    >>> fewer_note(3, 3, 30.0) is None
    True
    """
    if count is None or found >= count:
        return None
    return (f"--count {count}: only {counted(found, 'chapter')} of at least {min_length:g} s "
            f"{'fits' if found == 1 else 'fit'} in the episode; a smaller --min-length allows more")


def topic_changes(episode: Episode) -> tuple[tuple[float, float], ...]:
    """Every place a topic could change, as (time, probability that a new topic starts there)
    from the boundary model, one per sentence after the first; () when the episode has fewer
    than three timed sentences. Unlike chapters these are not chosen, so a use such as the
    clips' variety weighs every change by its strength instead of flipping with a near tie
    between two boundaries, and does not move when the automatic chapter count does."""
    sentences = timed_sentences(episode)
    if len(sentences) < 3:
        return ()
    language = episode.metadata.language or "en"
    texts = [content_text(s.text, language) for s in sentences]
    p = probabilities(sentences, [t.split() for t in texts], embeddings.embed(texts), language=language)
    return tuple((s.chapter_start, float(q)) for s, q in zip(sentences[1:], p[1:], strict=True))


def _build(sentences: Sequence[TimedSentence], firsts: list[int], end: float,
           vectors: np.ndarray, weights: np.ndarray, language: str = "en") -> tuple[Chapter, ...]:
    bounds = [*firsts, len(sentences)]
    texts = [" ".join(s.text for s in sentences[a:b]) for a, b in pairwise(bounds)]
    centroids = [_centroid(vectors[a:b], weights[a:b]) for a, b in pairwise(bounds)]

    def centrality(index: int, phrases: Sequence[str]) -> Sequence[float]:
        return embeddings.embed([p.lower() for p in phrases]) @ centroids[index]

    titles = make_titles(texts, centrality, language)
    starts = [0.0 if k == 0 else sentences[i].chapter_start for k, i in enumerate(firsts)]
    ends = [*starts[1:], end]
    return tuple(
        Chapter(start, stop, title, sentences[i].index)
        for start, stop, title, i in zip(starts, ends, titles, firsts)
    )
