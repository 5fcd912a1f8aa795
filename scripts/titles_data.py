"""The data of scripts/train_titles.py: every chapter of podcasts-dev and meetings-dev cut at the
true topic changes (as scripts/bench_titles.py cuts them), with today's titles and ranking, and each
candidate phrase's show-agnostic features (no word identities): how the hand-set score of
audiokit/chapters/titles.py sees it (tf, idf, share, length, opening, support), where the chapter
first says it, how rare its words are in English (wordfreq), how close it sits to the chapter's
meaning (WordLlama centrality, as bench_titles computes it), whether it is said in a question or
written with a capital. Loaded once into ``bench-out/train_titles.pkl`` (about 20 MB; delete to rebuild).
Also the learned ranker fitted on it (labels, design, fit, ranking and the compositions of the
experiments), which train_titles.py cross-validates and reports.
"""

from __future__ import annotations

import hashlib
import json
import math
import pickle
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_titles
import benchlib
from bench_titles import SETS, centrality_of, clean, content_words, said_text, series, true_chapters
from chapters_data import code_digest
from train_chapters import newton

from audiokit.chapters import titles
from audiokit.chapters.titles import Centrality, Phrase, titles_from
from audiokit.text.sentences import sentence_texts

CACHE = Path("bench-out/train_titles.pkl")
L2 = 1.0
TOP = 12

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
    by_sentence = [titles._by_sentence(text) for text in texts]
    firsts: list[dict[tuple[str, ...], float]] = []
    questions: list[set[tuple[str, ...]]] = []
    for text, sentences in zip(texts, by_sentence):
        said = [s for s in titles.tagger.sentences(text) if titles.tagger.tokens(s)]
        asked = {k for k, s in enumerate(said) if s.rstrip().endswith("?")} if len(said) == len(sentences) else set()
        first: dict[tuple[str, ...], float] = {}
        question: set[tuple[str, ...]] = set()
        for k, sentence in enumerate(sentences):
            for key, _ in sentence:
                first.setdefault(key, k / max(1, len(sentences)))
                if k in asked:
                    question.add(key)
        firsts.append(first)
        questions.append(question)
    df = Counter(key for ch in by_sentence for key in {k for sentence in ch for k, _ in sentence})
    n = len(texts)
    out = []
    for index, pool in enumerate(titles.phrase_pool(by_sentence)):  # the same pool as titles.rank_phrases
        phrases, rows = [], []
        for c in pool:
            zipfs = [_zipf(w) for w in c.text.lower().split()]
            phrases.append(Phrase(c.key, c.text, c.score))
            rows.append([math.log(c.score), 0.0, math.log(c.tf), c.idf, c.share, len(c.key), len(c.key) == 1, c.opens,
                         c.supported, firsts[index][c.key], df[c.key] / n, min(zipfs), sum(zipfs) / len(zipfs), 0.0,
                         c.key in questions[index], any(ch.isupper() for ch in c.text)])
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


def load(limit: int | None) -> list[Episode]:
    # The chapter code and the scripts that cut and read the chapters: a change to any recomputes.
    scripts = Path(__file__).read_bytes() + Path(bench_titles.__file__).read_bytes()
    key = f"{limit}:{code_digest()}:{hashlib.sha1(scripts).hexdigest()[:16]}"
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
            groups = [[t for u in utts[a:b] for s in sentence_texts(u) if (t := said_text(s))] or ["."]
                      for a, b, _ in chapters]
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


def specific(e: Episode) -> list[set[str]]:
    """Per chapter, the content words of its reference that no other reference of the episode has."""
    refs = [content_words(r) if scored(r) else set() for r in e.refs]
    return [r - set().union(*(refs[:k] + refs[k + 1:])) for k, r in enumerate(refs)]


def labels(e: Episode, label: str) -> list[np.ndarray | None]:
    """Per chapter, the candidates' labels ("any": share a content word with the reference; "specific":
    with the reference words specific to the chapter), None for a chapter that does not train."""
    if label == "any":
        return [y if scored(ref) else None for ref, y in zip(e.refs, e.labels)]
    out: list[np.ndarray | None] = []
    for words, cand in zip(specific(e), e.cands):
        out.append(np.array([bool(words & content_words(p.text)) for p in cand.phrases], dtype=float) if words else None)
    return out


def design(episodes: list[Episode], label: str = "any") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, labels and weights (each training chapter with candidates weighs 1 in all)."""
    xs, ys, ws = [], [], []
    for e in episodes:
        for cand, y in zip(e.cands, labels(e, label)):
            x = cand.rows
            if y is None or not len(x):
                continue
            xs.append(x)
            ys.append(y)
            ws.append(np.full(len(x), 1.0 / len(x)))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L2 logistic regression on standardised features, Newton's method (as train_chapters.fit_logistic)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0
    return mean, scale, newton(z, y, w, reg)


def hand_scores(rows: np.ndarray) -> np.ndarray:
    """Today's hand-set score of each candidate, as titles.rank_phrases computes it: the pool's
    score (column log_score) times the phrase's centrality, negatives as 0 (column centrality)."""
    return np.exp(rows[:, FEATURES.index("log_score")]) * np.maximum(0.0, rows[:, FEATURES.index("centrality")])


def learned_ranking(e: Episode, model: tuple[np.ndarray, np.ndarray, np.ndarray],
                    join_on_today: bool = False) -> list[list[Phrase]]:
    """Per chapter, the best :data:`TOP` phrases in the model's order. Each phrase's score is the
    model's probability, or with ``join_on_today`` (model D) today's hand-set score, so that
    titles._compose, which walks the list in order and joins a second phrase scoring at least half
    the first, picks the first phrase by the learned order and joins on today's scale."""
    mean, scale, beta = model
    ranked = []
    for cand in e.cands:
        if not len(cand.rows):
            ranked.append([])
            continue
        p = 1 / (1 + np.exp(-np.clip(((cand.rows - mean) / scale) @ beta[:-1] + beta[-1], -30, 30)))
        hand = hand_scores(cand.rows)
        order = sorted(range(len(p)), key=lambda i: (-p[i], cand.phrases[i].text))[:TOP]
        ranked.append([Phrase(cand.phrases[i].key, cand.phrases[i].text, float(hand[i] if join_on_today else p[i]))
                       for i in order])
    return ranked


def fresh_titles(texts: list[str], ranked: Sequence[Sequence[Phrase]]) -> list[str]:
    """Model C's composition: chapter by chapter, phrases sharing a word with an earlier title of
    the episode ("Introductions" aside) are passed over while any other phrase remains."""
    used: set[str] = set()
    kept: list[list[Phrase]] = []
    out: list[str] = []
    for k, phrases in enumerate(ranked):
        fresh = [p for p in phrases if not used & {w for word in p.key for w in (word, *word.split("-"))}]
        kept.append(fresh or list(phrases))
        out.append(titles_from(texts[: k + 1], kept)[-1])
        used |= {titles._stem(w) for w in out[-1].lower().split() if w != "introductions"}
    return out
