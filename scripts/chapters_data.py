"""The chapter dev sets (../shared/bench/podcasts-dev and meetings-dev) as audiokit sees them,
for scripts/train_chapters.py and scripts/bench_chapters.py.

Each conversation becomes exactly the episode ``../shared/bench/score_meetings.py`` gives
`audiokit chapters` (the same text clean-up, utterances as turns, words evenly timed), so the
numbers computed here in-process are the ones that scorer would print for the same model. The
boundary features of every episode are cached in ``bench-out/chapters/features.npz`` (keyed by
the set, the file's size and time, and the feature names).
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import json
import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audiokit import episode_json
from audiokit.chapters import embeddings, features
from audiokit.chapters.find import content_text
from audiokit.chapters.model import TimedSentence, episode_end, timed_sentences
from audiokit.text.sentences import split_sentences


@dataclass(frozen=True)
class Conversation:
    """One dev conversation: its sentences (one per utterance, as the scorer builds it),
    features, the truth (first sentence of every topic, 0 first) and the fold it belongs to;
    and the same conversation as a real transcript reads, for training (``train_*``): one turn
    per speaker's stretch, split into sentences. Training on the scorer's form would teach the
    model that a speaker continuing in a new utterance starts a topic: in podcasts-dev that is
    where a chapter heading split a turn (145 of its 206 same-speaker pairs)."""

    name: str
    dataset: str
    series: str
    sentences: tuple[TimedSentence, ...]
    feats: np.ndarray
    truth: list[int]
    end: float
    train_feats: np.ndarray
    train_truth: list[int]


def clean(text: str) -> str:
    """score_meetings.py's clean-up of an utterance (annotations dropped, punctuation joined)."""
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\s+([,.?!;:%])", r"\1", text)
    text = re.sub(r"\s+('(s|m|re|ve|ll|d)\b|n't\b)", r"\1", text)
    text = re.sub(r"\s+-\s+", " - ", text)
    return re.sub(r"\s+", " ", text).strip()


def series_of(name: str, dataset: str) -> str:
    """The fold a conversation belongs to: podcasts by show; AMI meetings by series (ES2008a-d
    together); ICSI by meeting group (Bed, Bmr, Bro...); the parliamentary hearings by committee.

    >>> series_of("ES2008b", "meetings-dev"), series_of("Bmr013", "meetings-dev"), series_of("covid_3", "meetings-dev")
    ('ES2008', 'Bmr', 'covid')
    >>> series_of("chaincode-podcast__package-relay", "podcasts-dev")
    'chaincode-podcast'
    """
    if dataset.startswith("podcasts"):
        return name.split("__")[0]
    if re.fullmatch(r"(ES|IS|TS)\d{4}[a-z]", name):
        return name[:-1]
    if re.fullmatch(r"B[a-z]{2}\d{3}", name):
        return name[:3]
    return name.split("_")[0]


def episode_doc(doc: dict, name: str, split: bool = False) -> tuple[dict, list[int]]:
    """score_meetings.py's episode.json for a dev file and the truth as utterance starts; with
    ``split``, consecutive utterances of one speaker form one turn, utterances are split into
    sentences, and the truth is given as sentence indices."""
    utts = [(u["speaker"], clean(u["content"])) for u in doc["meeting_transcripts"]]
    keep = [i for i, (_, t) in enumerate(utts) if t]
    turns: list[dict] = []
    t, first_sentence, sentence_count = 0.0, [], 0
    for i in keep:
        sp, text = utts[i]
        words: list[dict] = []
        for w in text.split():
            words.append({"text": w, "start": round(t, 3), "end": round(t + 0.25, 3)})
            t += 0.3
        first_sentence.append(sentence_count)
        if split:
            counts = [b - a for a, b in split_sentences([w["text"] for w in words])]
            sentence_count += len(counts)
            if turns and turns[-1]["speaker"] == sp:
                turns[-1]["words"] += words
                turns[-1]["sentences"] += counts
            else:
                turns.append({"speaker": sp, "words": words, "sentences": counts})
        else:
            sentence_count += 1
            turns.append({"speaker": sp, "words": words})
        t += 0.6
    spans = sorted((int(a), int(b), k) for k, top in enumerate(doc["topic_list"]) for a, b in top["relevant_text_span"])
    starts, last = [0], None
    for a, _b, k in spans:
        if last is not None and k != last and a > 0:
            starts.append(min(a, len(utts) - 1))
        last = k
    n = len(keep)
    idx = {orig: new for new, orig in enumerate(keep)}
    truth = sorted({idx.get(s, min((v for o, v in idx.items() if o >= s), default=n - 1)) for s in set(starts)})
    return {"turns": turns, "metadata": {"title": name}}, [first_sentence[u] for u in truth]


def at_timed(truth: list[int], sentences: tuple[TimedSentence, ...]) -> list[int]:
    """``truth`` (indices among all of an episode's sentences) as positions in its timed
    ``sentences``, which leave out a sentence of nothing but transcribers' notes ("[Inaudible.]"
    in meetings-dev's education_1): each true start moves to the first timed sentence from it.

    >>> from audiokit.chapters.model import TimedSentence as S
    >>> at_timed([0, 2, 3], tuple(S(i, i, i + 0.5, "x", i, "A", True, 0.5) for i in (0, 1, 3)))
    [0, 2]
    """
    indices = [s.index for s in sentences]
    return sorted({min(bisect.bisect_left(indices, t), len(indices) - 1) for t in truth})


def sentence_inputs(sentences) -> tuple[list[list[str]], np.ndarray]:
    """Content words and embeddings of sentences, exactly as audiokit.chapters.find computes them."""
    texts = [content_text(s.text) for s in sentences]
    return [t.split() for t in texts], embeddings.embed(texts)


# What the cached features are computed by: a change to any of it recomputes them (keying on the
# column names alone kept stale features when a column's computation changed).
_PACKAGE = Path(features.__file__).resolve().parents[1]
_SOURCES = ("chapters", "text", "model.py", "episode_json.py")


@functools.cache
def code_digest() -> str:
    """A digest of the code that turns a dev file into features: this script and the package's
    chapter, text and episode-model sources."""
    # Python sources only: the boundary model's JSON beside them is trained from these features.
    files = sorted(f for part in _SOURCES for f in ((_PACKAGE / part).rglob("*.py") if (_PACKAGE / part).is_dir()
                                                    else [_PACKAGE / part]))
    digest = hashlib.sha1(Path(__file__).read_bytes())
    for f in files:
        digest.update(f.relative_to(_PACKAGE).as_posix().encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()


def _key(path: Path) -> str:
    """The cache key of a dev file's features: its bytes and the code that computes them."""
    return hashlib.sha1(path.read_bytes() + code_digest().encode()).hexdigest()[:16]


def load(folder: Path, cache: Path) -> list[Conversation]:
    """Every conversation of a dev set folder with at least two topics, features cached."""
    dataset = folder.name
    cached = dict(np.load(cache)) if cache.exists() else {}
    out, fresh = [], {}
    for path in sorted(folder.glob("*.json")):
        name = path.stem
        raw = json.loads(path.read_text())
        forms = []
        for split in (False, True):
            doc, truth = episode_doc(raw, name, split)
            episode = episode_json.loads(json.dumps(doc))
            sentences = timed_sentences(episode)
            truth = at_timed(truth, sentences)
            key = f"{dataset}:{name}:{split}:{_key(path)}"
            if key in cached:
                feats = cached[key]
            else:
                tokens, vectors = sentence_inputs(sentences)
                feats = features.gap_features(sentences, tokens, vectors)
            fresh[key] = feats
            forms.append((episode, sentences, feats, truth))
        (episode, sentences, feats, truth), (_, _, train_feats, train_truth) = forms
        if len(truth) < 2:
            continue
        end = max(episode_end(episode), sentences[-1].end)
        # One sentence per utterance in the scorer's form, so a truth utterance is a sentence.
        out.append(Conversation(name, dataset, series_of(name, dataset), sentences, feats, truth, end,
                                train_feats, train_truth))
    if set(fresh) - set(cached):
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, **fresh)
    return out


def labels(starts: list[int], n: int) -> list[int]:
    """Segment label of every unit, from segment starts."""
    s, lab, cur = set(starts), [], 0
    for i in range(n):
        if i in s and i > 0:
            cur += 1
        lab.append(cur)
    return lab


def pk(ref: list[int], hyp: list[int], k: int) -> float:
    """Beeferman's Pk over label sequences (score_meetings.py's definition)."""
    n = len(ref)
    if n <= k:
        return 0.0
    return sum((ref[i] == ref[i + k]) != (hyp[i] == hyp[i + k]) for i in range(n - k)) / (n - k)


def windowdiff(ref: list[int], hyp: list[int], k: int) -> float:
    """Pevzner and Hearst's WindowDiff over label sequences."""
    n = len(ref)
    if n <= k:
        return 0.0
    return sum((ref[i + k] - ref[i]) != (hyp[i + k] - hyp[i]) for i in range(n - k)) / (n - k)


def score(conv: Conversation, hyp_sentences: list[int]) -> dict:
    """Pk and WindowDiff over utterances of one segmentation, beside one chapter and even chapters."""
    n = len(conv.sentences)
    hyp_turns = sorted({conv.sentences[i].turn for i in hyp_sentences})
    ref = labels(conv.truth, n)
    k = max(2, round(n / len(conv.truth) / 2))
    even = labels([round(j * n / len(conv.truth)) for j in range(len(conv.truth))], n)
    hyp = labels(hyp_turns, n)
    return {"name": conv.name, "series": conv.series, "n": n, "true": len(conv.truth), "got": len(hyp_turns),
            "pk": pk(ref, hyp, k), "wd": windowdiff(ref, hyp, k), "pk_one": pk(ref, [0] * n, k),
            "wd_one": windowdiff(ref, [0] * n, k), "pk_even": pk(ref, even, k), "wd_even": windowdiff(ref, even, k)}


def summary(rows: list[dict]) -> dict:
    """Mean Pk/WindowDiff and the share of conversations better than one chapter."""
    mean = lambda key: round(statistics.mean(r[key] for r in rows), 3)
    return {"conversations": len(rows), "pk": mean("pk"), "wd": mean("wd"), "pk_one": mean("pk_one"),
            "wd_one": mean("wd_one"), "pk_even": mean("pk_even"), "wd_even": mean("wd_even"),
            "better_than_one": round(sum(r["pk"] < r["pk_one"] for r in rows) / len(rows), 3),
            "count_ratio": round(statistics.mean(r["got"] / r["true"] for r in rows), 2)}


@contextlib.contextmanager
def swapped_model(model_of: Callable[[object], object]) -> Iterator[None]:
    """While in force, audiokit's chapters use ``model_of(shipped model)`` instead of the shipped
    boundary model (an experiment's model or a wrapper of the shipped one); the shipped loader
    is put back after. For :func:`episodes_table`'s ``patched``."""
    from audiokit.chapters import boundary_model

    loader = boundary_model.default
    boundary_model.default = lambda expected: model_of(loader(expected))  # type: ignore[assignment]
    try:
        yield
    finally:
        boundary_model.default = loader


def episodes_table(variant: str, patched: Callable[[], contextlib.AbstractContextManager[object]]) -> None:
    """Print Pk / WindowDiff on seed-full (``--count 14``) and the short language episodes (true
    count), from their synthesis truth as scripts/bench_chapters.py builds them: the shipped
    chapters against the same with ``patched()`` in force (a context manager that swaps in an
    experiment's model or decoder and puts the shipped one back)."""
    import sys

    import bench_chapters
    from benchlib import BENCH

    from audiokit.chapters.find import find_chapters

    sys.path.insert(0, str(BENCH))
    import score_chapters

    seed = BENCH / "seed-full"
    sets: list[tuple[str, Path, Path, str | None]] = [
        ("seed-full", seed / "truth.json", seed / "chapters.reference.json", None)]
    sets += [(name, truth, truth, name.split()[0].removeprefix("lang-"))
             for name, truth in bench_chapters.short_sets()]
    print(f"| episode | count | shipped Pk / WD | {variant} Pk / WD |\n|---|---|---|---|")
    for name, truth_path, ref_path, code in sets:
        truth, ref = json.loads(truth_path.read_text()), json.loads(ref_path.read_text())
        episode = episode_json.loads(json.dumps(bench_chapters.truth_episode(truth_path, code)))
        count = len(ref["chapters"])
        cells = []
        for context in (contextlib.nullcontext, patched):
            with context():
                chapters = find_chapters(episode, count)
            s = score_chapters.score(truth, ref, {"chapters": [{"startTime": ch.start} for ch in chapters]})
            cells.append(f"{s['pk']:.3f} / {s['windowdiff']:.3f}")
        print(f"| {name} | {count} | {' | '.join(cells)} |", flush=True)
