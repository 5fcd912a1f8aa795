"""Short episodes cut from the dev conversations, for scripts/train_chapters.py.

Podcasts and meetings in the dev sets last 20 minutes to 2 hours and change topic every few
minutes; a short episode changes topic every 30-90 seconds, and a model that has only seen long
contexts ranks its topic changes poorly (the block features see a different scale). So every dev
conversation also gives short episodes, as a real transcript reads (the training form: one turn
per speaker's stretch, split into sentences), each built from one conversation only:

- *condensed*: the openings of 3-5 consecutive topics of the conversation, 25-75 s of each
  (the first topic's opening as the episode's opening), joined in order: a short episode with
  3-5 topics in the conversation's own words, its topic changes where the annotators put them;
- *excerpt*: a stretch of 3-5 minutes of the conversation that holds at least one true topic
  change, with the topic changes that fall inside.

The choice is seeded by the conversation's name, so a rebuild gives the same episodes. Words are
timed evenly (as chapters_data's episodes), so the times here are the scorer's seconds.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import random
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from chapters_data import at_timed, episode_doc, labels, pk, sentence_inputs

from audiokit import episode_json
from audiokit.chapters import features
from audiokit.chapters.model import TimedSentence, episode_end, timed_sentences


@dataclass(frozen=True)
class Inputs:
    """What segmentation sees of a conversation (training form) and its truth (sentence indices)."""

    sentences: tuple[TimedSentence, ...]
    tokens: list[list[str]]
    vectors: np.ndarray
    truth: list[int]
    end: float


@dataclass(frozen=True)
class Short:
    """A short episode cut from one dev conversation: features, truth, sentence starts, end."""

    source: str
    dataset: str
    series: str
    kind: str
    feats: np.ndarray
    truth: list[int]
    starts: np.ndarray
    end: float


def inputs(path: Path, name: str) -> Inputs:
    """The training form of a dev conversation with content words and embeddings."""
    doc, truth = episode_doc(json.loads(path.read_text()), name, split=True)
    episode = episode_json.loads(json.dumps(doc))
    sentences = timed_sentences(episode)
    tokens, vectors = sentence_inputs(sentences)
    return Inputs(sentences, tokens, vectors, at_timed(truth, sentences), max(episode_end(episode), sentences[-1].end))


def _join(src: Inputs, pieces: list[tuple[int, int]]) -> Inputs | None:
    """The sentences of ``pieces`` (half-open index ranges) joined in order and re-timed to run
    on from each other; the truth is every piece's first sentence plus the true changes inside."""
    picked: list[tuple[int, TimedSentence]] = []
    truth: list[int] = []
    cursor = 0.0
    true = set(src.truth)
    for a, b in pieces:
        shift = cursor - src.sentences[a].start
        for i in range(a, b):
            if i == a or i in true:
                truth.append(len(picked))
            s = src.sentences[i]
            picked.append((i, replace(s, index=len(picked), start=s.start + shift, end=s.end + shift)))
        cursor = picked[-1][1].end + 0.6
    if len(picked) < 6:
        return None
    idx = [i for i, _ in picked]
    sentences = tuple(s for _, s in picked)
    return Inputs(sentences, [src.tokens[i] for i in idx], src.vectors[idx], sorted(set(truth)), sentences[-1].end + 0.3)


def _until(src: Inputs, a: int, limit: int, seconds: float) -> int:
    """The end (exclusive) of the run of sentences from ``a`` lasting about ``seconds``, before ``limit``."""
    t0 = src.sentences[a].start
    b = a + 1
    while b < limit and src.sentences[b].start - t0 < seconds:
        b += 1
    return b


def condensed(src: Inputs, rng: random.Random) -> Inputs | None:
    """The openings of 3-5 consecutive topics, 25-75 s each (see the module docstring)."""
    bounds = [*src.truth, len(src.sentences)]
    topics = len(src.truth)
    if topics < 3:
        return None
    m = rng.randint(3, min(5, topics))
    j = rng.randint(0, topics - m)
    pieces = [(bounds[k], _until(src, bounds[k], bounds[k + 1], rng.uniform(25.0, 75.0))) for k in range(j, j + m)]
    joined = _join(src, pieces)
    return joined if joined and len(joined.truth) >= 3 else None


def excerpt(src: Inputs, rng: random.Random) -> Inputs | None:
    """A 3-5 minute stretch holding at least one true topic change."""
    inner = [b for b in src.truth[1:] if src.sentences[b].start > 40.0]
    if not inner:
        return None
    b = rng.choice(inner)
    length = rng.uniform(180.0, 300.0)
    t0 = max(0.0, src.sentences[b].start - rng.uniform(30.0, length - 30.0))
    a = int(np.searchsorted([s.start for s in src.sentences], t0))
    joined = _join(src, [(a, _until(src, a, len(src.sentences), length))])
    return joined if joined and len(joined.truth) >= 2 else None


def shorts(src: Inputs, name: str, dataset: str, series: str, per_kind: int = 2) -> list[Short]:
    """``per_kind`` condensed episodes and excerpts of one conversation, with their features."""
    rng = random.Random(zlib.crc32(f"{dataset}/{name}".encode()))
    out = []
    for kind, make in (("condensed", condensed), ("excerpt", excerpt)):
        for _ in range(per_kind):
            ep = make(src, rng)
            if ep is None:
                continue
            feats = features.gap_features(ep.sentences, ep.tokens, ep.vectors)
            out.append(Short(name, dataset, series, kind, feats, ep.truth,
                             np.array([s.start for s in ep.sentences]), ep.end))
    return out


SHORT_KINDS = ("condensed", "excerpt")


def _source_key() -> str:
    return hashlib.sha1(Path(__file__).read_bytes() + ",".join(features.FEATURE_NAMES).encode()).hexdigest()[:16]


def load_shorts(convs: list, bench: Path, cache: Path) -> list[Short]:
    """The short episodes of every conversation in ``convs`` (chapters_data's), cached in
    ``cache`` (keyed by this file and the feature names)."""
    key = _source_key()
    if cache.exists():
        with cache.open("rb") as f:
            saved = pickle.load(f)
        if saved.get("key") == key and saved.get("names") == [c.name for c in convs]:
            return saved["shorts"]
    out: list[Short] = []
    for c in convs:
        out += shorts(inputs(bench / c.dataset / f"{c.name}.json", c.name), c.name, c.dataset, c.series)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as f:
        pickle.dump({"key": key, "names": [c.name for c in convs], "shorts": out}, f)
    return out


def score_short(short: Short, hyp: list[int]) -> dict:
    """Pk over the sentences of a short episode (k: half the mean true chapter), beside one chapter."""
    n = len(short.starts)
    ref, k = labels(short.truth, n), max(2, round(n / len(short.truth) / 2))
    return {"pk": pk(ref, labels(hyp, n), k), "pk_one": pk(ref, [0] * n, k), "true": len(short.truth), "got": len(hyp)}
