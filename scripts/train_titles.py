#!/usr/bin/env python3
"""A learned ranking of English chapter-title candidates: does it name the topic better than
today's hand-set score (audiokit/chapters/titles.py: TF-IDF, share, length and opening bonuses,
embedding centrality)?

PRE-REGISTRATION (written and committed before any held-out number was computed)
--------------------------------------------------------------------------------
Measure: exactly bench_titles.py's: chapters are the TRUE topic spans of podcasts-dev and
meetings-dev; a chapter is a hit when its title shares a content word (bench_titles.content_words)
with the reference title; "(untitled opening)" and references without a content word are left out.

Ceiling (step 1, reported before any learning): per chapter, whether today's top-1 phrase, the
top-2, the top-5, the top-12 and ANY candidate phrase shares a content word with the reference.

Learned ranker: per candidate phrase, show-agnostic features only (no word identities): today's
score and its parts (log tf in the chapter, idf over chapters, share of its uses in this chapter,
length in words, in the first 3 sentences, head/modifier support), first-mention position in the
chapter, fraction of chapters using it, wordfreq rarity of its words, WordLlama centrality to the
chapter's centroid (as bench_titles computes it), said in a question, whether written with a
capital, its score relative to the chapter's best. Model: L2 logistic regression in numpy (Newton,
as scripts/train_chapters.py), label = the candidate shares a content word with the reference,
each chapter weighted equally. Titles are composed exactly as today (titles._compose: the best
phrase, joined with a different second one when both fit in 40 characters and the second scores
at least half the first, distinct within the episode; "Introductions" rule unchanged).

Cross-validation: leave one group out, groups as bench_titles.series (each podcast show; AMI ES,
IS, TS; ICSI; each parliamentary committee), 13 folds; each fold trains on all other groups of
BOTH sets and titles the held-out group. Today's titles are scored on the same chapters.

Gate (ship only if all hold):
  1. held-out hit rate higher than today's on both podcasts-dev and meetings-dev, by >= 2 points
     on at least one, and no set worse than -1 point (i.e. "better on both" relaxed to >= -1 on
     the other, as in the brief: +>=2 on one, >= -1 on the other, and not both <= 0);
  2. every title <= 40 characters, distinct within an episode, title case (checked on all
     held-out titles);
  3. seed-full's titles (BENCHMARKS chapters section) not worse by eye.
The L2 strength is fixed at 1.0 (as train_chapters' default scale) and not tuned on held-out data.

FINDINGS, model A (the pre-registered one; label = shares any content word with the reference)
----------------------------------------------------------------------------------------------
Ceiling (today's ranking, with centrality): share of scored chapters where ...
  | set | chapters | today's title | top-1 phrase | top-2 | top-5 | top-12 | any in pool | any candidate |
  | podcasts-dev | 506 | 47.2% | 34.8% | 46.4% | 60.1% | 73.7% | 82.4% | 85.4% |
  | meetings-dev | 768 | 30.3% | 21.2% | 29.9% | 44.5% | 60.8% | 79.9% | 87.0% |
Held out (13 groups): podcasts-dev 47.2% -> 54.3% (+7.1), meetings-dev 30.3% -> 37.4% (+7.0);
gate 2: no problem in 1274 titles. Gate 1 and 2 pass. Gate 3 FAILS by eye: on seed-full (--count
14) "Safety Benchmarks" -> "LLMs and Llama", "Retraining and Pre-Training Data" -> "Training and
Model", "Adjectives" -> "Helpful Adjectives and Model". Why, measured after the gate: model A learns
to name the EPISODE's subject (df_frac and idf both weigh up; centrality most), which the reference
titles often repeat ("remote control" in AMI, "bitcoin"): chapters whose title shares a content word
with another title of the same episode rise from 65.5% to 83.9% (podcasts) and 28.0% to 61.1%
(meetings), and on the reference words specific to a chapter (not in the episode's other reference
titles) model A scores 34.6% -> 30.8% (podcasts, worse) and 22.5% -> 24.5% (meetings). The episode's
single most frequent phrase used as every title would already hit 18.0% / 13.0%. Model A is not shipped.

PRE-REGISTRATION, model B (written after model A's numbers, before model B's: a second look, so
its held-out numbers are less clean than A's and are reported as such)
--------------------------------------------------------------------------------------------------
Same features, fit, folds and composition as A; only the label changes: a candidate is positive
when it shares a content word with the reference words SPECIFIC to its chapter (the reference's
content words that no other reference title of the same episode has); chapters without such words
do not train. Gate for B: A's gates 1-3, and also 4: the chapter-specific hit rate (as above) no
worse than today's by more than 1 point on either set, and 5: the share of titles repeating a
content word of another title of the episode no more than 5 points above today's on either set.

FINDINGS, model B (second look)
-------------------------------
Held out: podcasts-dev 47.2% -> 53.4% (+6.1), meetings-dev 30.3% -> 35.4% (+5.1); chapter-specific
words 34.6% -> 35.7%, 22.5% -> 25.4%; titles repeating another title's word 65.5% -> 70.3% (+4.8),
28.0% -> 39.6% (+11.6: gate 5 FAILS on meetings-dev, mostly AMI's "Remote Control" in several
chapters of one meeting); gate 2: no problem. Model B is not shipped.

PRE-REGISTRATION, model C (third look, written before its numbers)
------------------------------------------------------------------
Model B's ranker, composed chapter by chapter in order with one more rule: a phrase sharing a word
(stem) with an earlier title of the episode ("Introductions" aside) is passed over while any
phrase that does not remains. Reported beside it, to tell the rule's share of any gain: today's
ranking with the same rule. Gate for C: B's gates 1-5 against today's titles as shipped.

Usage: ``.venv/bin/python scripts/train_titles.py [--ceiling] [--limit N] [--write]``
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib
from bench_titles import SETS, clean, content_words, series, true_chapters

from audiokit.chapters import embeddings, titles
from audiokit.chapters.find import content_text
from audiokit.chapters.titles import MAX_LENGTH, Phrase, title_case, titles_from
from audiokit.chapters.titles_learned import FEATURES, Candidates, candidate_features
from audiokit.text.sentences import sentence_texts

L2 = 1.0
TOP = 12
CACHE = Path("bench-out/train_titles.pkl")


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


def ceiling(episodes: list[Episode]) -> str:
    """Per set: the share of scored chapters where today's top-1 / top-2 / top-5 / top-12 phrase,
    any phrase of the ranked pool, any candidate of the text, and today's title hit."""
    lines = ["| set | chapters | today's title | top-1 phrase | top-2 | top-5 | top-12 | any in pool | any candidate |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for folder in SETS:
        c = defaultdict(int)
        for e in (e for e in episodes if e.folder == folder):
            for k, ref in enumerate(e.refs):
                if not scored(ref):
                    continue
                c["n"] += 1
                c["title"] += hit(ref, e.today[k])
                for top in (1, 2, 5, 12):
                    c[top] += any(hit(ref, p.text) for p in e.today_ranked[k][:top])
                c["pool"] += bool(e.labels[k].any()) if len(e.labels[k]) else 0
                c["any"] += e.any_hit[k]
        n = max(c["n"], 1)
        lines.append(f"| {folder} | {c['n']} | {c['title'] / n:.1%} | {c[1] / n:.1%} | {c[2] / n:.1%} | {c[5] / n:.1%} | "
                     f"{c[12] / n:.1%} | {c['pool'] / n:.1%} | {c['any'] / n:.1%} |")
    return "\n".join(lines)


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
    beta = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (w * (p - y)) + reg * beta
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return mean, scale, beta


def learned_titles(e: Episode, model: tuple[np.ndarray, np.ndarray, np.ndarray]) -> list[str]:
    mean, scale, beta = model
    ranked = []
    for cand in e.cands:
        if not len(cand.rows):
            ranked.append([])
            continue
        p = 1 / (1 + np.exp(-np.clip(((cand.rows - mean) / scale) @ beta[:-1] + beta[-1], -30, 30)))
        phrases = [Phrase(ph.key, ph.text, float(s)) for ph, s in zip(cand.phrases, p)]
        phrases.sort(key=lambda ph: (-ph.score, ph.text))
        ranked.append(phrases[:TOP])
    return titles_from(e.texts, ranked)


def check(titles_: list[str]) -> list[str]:
    """Gate 2: what is wrong with one episode's titles (length, distinct, title case)."""
    bad = [f"too long: {t!r}" for t in titles_ if len(t) > MAX_LENGTH]
    if len({t.lower() for t in titles_}) != len(titles_):
        bad.append(f"not distinct: {titles_}")
    bad += [f"not title case: {t!r}" for t in titles_ if title_case(t) != t]
    return bad


def repeats(titles_: list[str]) -> int:
    """How many titles share a content word with another title of the episode ("Introductions" aside)."""
    words = [content_words(t) - {"introduction"} for t in titles_]
    return sum(any(w & v for j, v in enumerate(words) if j != k) for k, w in enumerate(words))


# Per (set, group) counts: chapters, today's hits, learned hits; chapters with specific reference
# words, today's and learned hits on them; titles, today's and learned repeated titles.
COLUMNS = ("n", "today", "learned", "n_spec", "today_spec", "learned_spec", "titles", "today_rep", "learned_rep")


def cross_validate(episodes: list[Episode], label: str = "any", l2: float = L2) -> tuple[dict, list[str], dict]:
    """Leave one group out over both sets: per (set, group) the counts of :data:`COLUMNS`, the gate-2
    problems, and the held-out titles of every episode."""
    counts: dict = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    problems: list[str] = []
    held: dict = {}
    for group in sorted({e.group for e in episodes}):
        model = fit(*design([e for e in episodes if e.group != group], label), l2=l2)
        for e in (e for e in episodes if e.group == group):
            got = held[e.name] = learned_titles(e, model)
            problems += check(got)
            c = counts[(e.folder, group)]
            c["titles"] += len(got)
            c["today_rep"] += repeats(e.today)
            c["learned_rep"] += repeats(got)
            for ref, words, old, new in zip(e.refs, specific(e), e.today, got):
                if not scored(ref):
                    continue
                c["n"] += 1
                c["today"] += hit(ref, old)
                c["learned"] += hit(ref, new)
                if words:
                    c["n_spec"] += 1
                    c["today_spec"] += bool(words & content_words(old))
                    c["learned_spec"] += bool(words & content_words(new))
    return dict(counts), problems, held


def report(counts: dict) -> str:
    lines = ["| set | group | chapters | today | learned (held out) | chapter-specific words: today / learned "
             "| titles repeating another's word: today / learned |", "|---|---|---:|---:|---:|---:|---:|"]
    for folder in SETS:
        rows = {g: c for (f, g), c in counts.items() if f == folder}
        t = {k: sum(c[k] for c in rows.values()) for k in COLUMNS}
        for g, c in [("**all**", t), *sorted(rows.items(), key=lambda kv: -kv[1]["n"])]:
            lines.append(f"| {folder if g == '**all**' else ''} | {g} | {c['n']} | {c['today'] / c['n']:.1%} | "
                         f"{c['learned'] / c['n']:.1%} ({(c['learned'] - c['today']) / c['n'] * 100:+.1f}) | "
                         f"{c['today_spec'] / max(c['n_spec'], 1):.1%} / {c['learned_spec'] / max(c['n_spec'], 1):.1%} | "
                         f"{c['today_rep'] / c['titles']:.1%} / {c['learned_rep'] / c['titles']:.1%} |")
    return "\n".join(lines)


def main() -> None:
    benchlib.require_bench()
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    t0 = time.time()
    episodes = load(limit)
    print(f"loaded {len(episodes)} episodes in {time.time() - t0:.0f} s")
    print(ceiling(episodes))
    if "--ceiling" in sys.argv:
        return
    label = "specific" if "--specific" in sys.argv else "any"
    counts, problems, held = cross_validate(episodes, label)
    print(f"label: {label}")
    print(report(counts))
    print(f"gate 2 problems: {len(problems)}", *problems[:20], sep="\n  ")
    for e in episodes[::12]:
        for ref, old, new in list(zip(e.refs, e.today, held[e.name]))[1:3]:
            print(f"  {e.folder[:8]} {ref[:50]!r}: {old!r} -> {new!r}")

if __name__ == "__main__":
    main()
