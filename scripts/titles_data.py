"""The data of scripts/train_titles.py: every chapter of podcasts-dev and meetings-dev cut at the
true topic changes (as scripts/bench_titles.py cuts them), with today's titles and ranking, and each
candidate phrase's show-agnostic features (no word identities): how the hand-set score of
audiokit/chapters/titles.py sees it (tf, idf, share, length, opening, support), where the chapter
first says it, how rare its words are in English (wordfreq), how close it sits to the chapter's
meaning (WordLlama centrality, as bench_titles computes it), whether it is said in a question or
written with a capital. Loaded once into ``bench-out/train_titles.pkl`` (about 20 MB; delete to rebuild).
"""

from __future__ import annotations

import json
import math
import pickle
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib
from bench_titles import SETS, clean, content_words, series, true_chapters

from audiokit.chapters import embeddings, titles
from audiokit.chapters.find import content_text
from audiokit.chapters.titles import Centrality, Phrase, titles_from
from audiokit.text.sentences import sentence_texts

CACHE = Path("bench-out/train_titles.pkl")

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


@dataclass
class Episode:
    folder: str
    name: str
    group: str
    texts: list[str]
    refs: list[str]
    today: list[str]  # today's titles (make_titles with centrality)
    today_ranked: list[list[Phrase]]
    cands: list[Candidates]
    labels: list[np.ndarray]  # per chapter, per candidate: shares a content word with the reference
    any_hit: list[bool]  # any candidate of titles.candidates (the whole text) shares one


def centrality_of(chapters: Sequence[Sequence[str]]):
    """bench_titles.titles_for's centrality: a phrase's similarity to its chapter's weighted centroid."""
    centroids = []
    for sentences in chapters:
        texts = [content_text(s) for s in sentences]
        vectors = embeddings.embed(texts) if texts else np.zeros((0, 0))
        weights = np.array([max(0.5, len(t.split())) for t in texts])
        mean = (vectors * weights[:, None]).sum(axis=0) if len(texts) else np.zeros(1)
        norm = np.linalg.norm(mean)
        centroids.append(mean / norm if norm > 0 else mean)

    def centrality(index: int, phrases: Sequence[str]) -> Sequence[float]:
        return embeddings.embed([p.lower() for p in phrases]) @ centroids[index]

    return centrality


def load(limit: int | None) -> list[Episode]:
    key = f"{limit}"
    if CACHE.exists():
        cached = pickle.loads(CACHE.read_bytes())
        if cached.get("key") == key:
            return [Episode(**e) for e in cached["episodes"]]
    episodes = []
    for folder in SETS:
        for path in sorted((benchlib.BENCH / folder).glob("*.json"))[:limit]:
            doc = json.loads(path.read_text())
            utts = [clean(u["content"]) for u in doc["meeting_transcripts"]]
            chapters = true_chapters(doc)
            groups = [[s for u in utts[a:b] for s in sentence_texts(u)] or ["."] for a, b, _ in chapters]
            texts = [" ".join(s) for s in groups]
            centrality = centrality_of(groups)
            ranked = titles.rank_phrases(texts, centrality)
            cands = candidate_features(texts, centrality)
            refs = [ref for _, _, ref in chapters]
            labels, any_hit = [], []
            for text, ref, cand in zip(texts, refs, cands):
                want = content_words(ref)
                labels.append(np.array([bool(want & content_words(p.text)) for p in cand.phrases], dtype=float))
                any_hit.append(any(want & content_words(w) for _, w in titles.candidates(text)))
            episodes.append(Episode(folder, path.stem, series(path.stem, folder), texts, refs,
                                    titles_from(texts, ranked), ranked, cands, labels, any_hit))
            print(f"  {folder}/{path.stem}: {len(texts)} chapters", file=sys.stderr)
    CACHE.write_bytes(pickle.dumps({"key": key, "episodes": [vars(e) for e in episodes]}))
    return episodes


def scored(ref: str) -> bool:
    return ref != "(untitled opening)" and bool(content_words(ref))


def hit(ref: str, text: str) -> bool:
    return bool(content_words(ref) & content_words(text))
