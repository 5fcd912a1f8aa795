"""Show-agnostic features of English title candidates, for a learned ranking of them.

Every candidate phrase of a chapter that :func:`audiokit.chapters.titles.rank_phrases` would
consider gets one row of numbers that say nothing about which words it has: how the hand-set
score sees it (tf, idf, share, length, opening, support), where the chapter first says it, how
rare its words are in English (wordfreq), how close it sits to the chapter's meaning (embedding
centrality), whether it is said in a question or written with a capital.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from audiokit.chapters import titles
from audiokit.chapters.titles import Centrality, Phrase

FEATURES = (
    "log_score", "rel_score", "log_tf", "idf", "share", "length", "single", "opens", "supported",
    "first_pos", "df_frac", "zipf_min", "zipf_mean", "centrality", "question", "capital",
)


@dataclass(frozen=True)
class Candidates:
    """One chapter's candidate phrases (``phrases``, each with today's score) and their
    feature rows (``rows``, one per phrase, columns :data:`FEATURES`)."""

    phrases: list[Phrase]
    rows: np.ndarray


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def candidate_features(texts: Sequence[str], centrality: Centrality | None = None) -> list[Candidates]:
    """The candidates of every English chapter text with their features (see the module docstring)."""
    counts: list[Counter[tuple[str, ...]]] = []
    modifiers: list[Counter[tuple[str, ...]]] = []
    forms: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    openings: list[set[tuple[str, ...]]] = []
    firsts: list[dict[tuple[str, ...], float]] = []
    questions: list[set[tuple[str, ...]]] = []
    for text in texts:
        sentences = titles._by_sentence(text)
        said = [s for s in titles.tagger.sentences(text) if titles.tagger.tokens(s)]
        asked = {k for k, s in enumerate(said) if s.rstrip().endswith("?")} if len(said) == len(sentences) else set()
        found = [f for sentence in sentences for f in sentence]
        openings.append({key for sentence in sentences[: titles.OPENING] for key, _ in sentence})
        first: dict[tuple[str, ...], float] = {}
        question: set[tuple[str, ...]] = set()
        for k, sentence in enumerate(sentences):
            for key, _ in sentence:
                first.setdefault(key, k / max(1, len(sentences)))
                if k in asked:
                    question.add(key)
        firsts.append(first)
        questions.append(question)
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
    out = []
    for index, c in enumerate(counts):
        repeated = any(tf >= 2 for tf in c.values())
        phrases, rows = [], []
        for key, tf in c.items():
            supported = (len(key) == 2 and c[key[-1:]] >= 2) or (len(key) > 1 and modifiers[index][key[:-1]] >= 2)
            opens = key in openings[index]
            if repeated and tf < 2 and not supported and not opens:
                continue  # the same pool as titles.rank_phrases
            idf = math.log((1 + n) / df[key]) + 0.1
            share = tf / total[key]
            score = (1 + math.log(tf)) * idf * (0.5 + 0.5 * share) * titles._LENGTH_BONUS[len(key)]
            if opens:
                score *= titles.OPENING_BONUS
            text = titles.written_form(forms[key])
            zipfs = [_zipf(w) for w in text.lower().split()]
            phrases.append(Phrase(key, text, score))
            rows.append([math.log(score), 0.0, math.log(tf), idf, share, len(key), len(key) == 1, opens, supported,
                         firsts[index][key], df[key] / n, min(zipfs), sum(zipfs) / len(zipfs), 0.0,
                         key in questions[index], any(ch.isupper() for ch in text)])
        x = np.array(rows, dtype=float).reshape(len(rows), len(FEATURES))
        if len(x):
            x[:, 1] = x[:, 0] - x[:, 0].max()
            if centrality is not None:
                x[:, 13] = np.asarray(centrality(index, [p.text for p in phrases]), dtype=float)
        out.append(Candidates(phrases, x))
    return out
