"""Words placed by eSpeak NG synthesis and dynamic time warping, as aeneas does, at word level.

eSpeak NG speaks the transcript (:mod:`audiokit.align.synth`, a few sentences per call, so a
3-hour transcript never lies in memory as audio), both recordings become MFCC frames
(:mod:`audiokit.align.features`), :func:`audiokit.align.dtw.warp` finds the cheapest path of the
episode's frames through the synthetic ones, and each word's synthetic start and end are read
off the path (:func:`times_from_path`). Word starts after a pause are then snapped to where the
episode's energy rises (:func:`snap_onsets`).

Each word also gets a ``score``: the mean frame distance along its stretch of the path divided
by what unrelated frames of the two recordings cost (:func:`audiokit.align.dtw.chance_cost`).
Right words on the right audio score well under 1; a path forced through audio that says
something else scores near 1. :data:`CONFIDENT` is the bar a word must pass to count as placed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from audiokit.align import dtw, synth
from audiokit.align.features import HOP, mfcc, normalised
from audiokit.lang import voice

CONFIDENT = 0.75  # score at or below which a DTW-placed word counts as placed from the audio
WORDS_PER_CALL = 120  # words eSpeak NG speaks per call
QUIET_DB = 25.0  # below the loudest frames by this much: a pause (synthetic speech is clean)
SNAP = 0.12  # seconds a word start after a pause may move to the episode's energy onset


@dataclass(frozen=True)
class Synthetic:
    """eSpeak NG's reading of some words: raw MFCC frames, energy (dB) per frame, and each
    word's first and end frame (``None`` for a word eSpeak NG said nothing for)."""

    frames: np.ndarray
    db: np.ndarray
    spans: tuple[tuple[int, int] | None, ...]


@dataclass(frozen=True)
class Timed:
    """A word's place in the episode (seconds) and how well its frames matched (lower: better)."""

    start: float
    end: float
    score: float

    @property
    def confident(self) -> bool:
        return self.score <= CONFIDENT


def frame_db(samples: np.ndarray, rate: int) -> np.ndarray:
    """Energy in dB of each ``HOP`` frame, framed exactly as :func:`features.mfcc` frames.

    >>> frame_db(np.zeros(16000, np.int16), 16000).shape
    (100,)
    """
    frames = int(len(samples) / (rate * HOP))
    edges = np.round(np.arange(frames + 1) * rate * HOP).astype(np.int64)
    x = np.asarray(samples, np.float64) / 32768.0
    power = np.add.reduceat(x * x, edges[:-1]) / np.maximum(np.diff(edges), 1) if frames else np.zeros(0)
    return (10.0 * np.log10(np.maximum(power, 1e-10))).astype(np.float32)


def speak(sentences: Sequence[Sequence[str]], language: str) -> Synthetic:
    """eSpeak NG's reading of ``sentences`` (written words, punctuation and all, so that it reads
    numbers and pauses as the language does) in ``language``'s voice."""
    frames, dbs, spans = [], [], []
    offset = 0
    for group in _groups(sentences):
        speech = synth.speak(group, voice(language))
        raw = mfcc(speech.samples, speech.rate, normalise=False)
        db = frame_db(speech.samples, speech.rate)[: len(raw)]
        # The silence eSpeak NG starts with is no part of the first word: leave it out.
        lead = int(np.argmax(db > db.max() - QUIET_DB)) if len(db) else 0
        raw, db = raw[lead:], db[lead:]
        n = len(raw)
        if n == 0:
            spans += [None] * len(group)
            continue
        starts = [None if s is None else min(n - 1, max(0, int(round(s / HOP)) - lead)) for s in speech.starts]
        spans += [None if s is None else (offset + s, offset + _end(db, s, _next(starts, k, n)))
                  for k, s in enumerate(starts)]
        frames.append(raw)
        dbs.append(db)
        offset += n
    return Synthetic(np.concatenate(frames) if frames else np.zeros((0, 12), np.float32),
                     np.concatenate(dbs) if dbs else np.zeros(0, np.float32), tuple(spans))


def _groups(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for s in sentences:
        if groups[-1] and len(groups[-1]) + len(s) > WORDS_PER_CALL:
            groups.append([])
        groups[-1] += list(s)
    return [g for g in groups if g]


def _next(starts: list[int | None], k: int, n: int) -> int:
    return next((s for s in starts[k + 1:] if s is not None), n)


def _end(db: np.ndarray, start: int, nxt: int) -> int:
    """The frame after a word's last loud frame before the next word starts."""
    if nxt <= start + 1:
        return start + 1
    loud = np.nonzero(db[start:nxt] > db.max() - QUIET_DB)[0]
    return start + (int(loud[-1]) + 1 if len(loud) else nxt - start)


def times_from_path(path: dtw.Path, spans: Sequence[tuple[int, int] | None], chance: float,
                    offset: float = 0.0) -> list[Timed | None]:
    """Each word's episode time from its synthetic frames, read off ``path``.

    >>> p = dtw.Path(10, np.array([0, 0, 1, 2, 3, 4, 5, 5]), np.full(8, 2.0, np.float32))
    >>> times_from_path(p, [(0, 2), None, (3, 6)], chance=4.0)
    [Timed(start=0.1, end=0.13, score=0.5), None, Timed(start=0.14, end=0.18, score=0.5)]
    """
    out: list[Timed | None] = []
    for span in spans:
        if span is None:
            out.append(None)
            continue
        a = int(dtw.frame_map(path, [span[0]])[0])
        b = max(a + 1, int(dtw.frame_map(path, [span[1]])[0]))
        if span[1] > path.cols[-1]:
            b = max(a + 1, path.last + 1)
        score = float(path.costs[a - path.first: b - path.first].mean()) / chance
        out.append(Timed(round(offset + a * HOP, 3), round(offset + b * HOP, 3), round(score, 3)))
    return out


def snap_onsets(times: list[Timed | None], db: np.ndarray, offset: float = 0.0) -> list[Timed | None]:
    """Move a word start that follows a pause (a gap before it) to the nearest rise of the
    episode's energy above its speech level within :data:`SNAP` seconds, if any, or, when the
    start lies in quiet and no rise is that near, to where the word's sound begins."""
    if len(db) == 0:
        return times
    threshold = float(np.percentile(db, 90)) - QUIET_DB
    out = list(times)
    prev_end = None
    for k, t in enumerate(times):
        if t is None:
            continue
        if prev_end is None or t.start - prev_end >= 2 * HOP:
            i = int(round((t.start - offset) / HOP))
            lo, hi = max(1, i - int(SNAP / HOP)), min(len(db), i + int(SNAP / HOP) + 1)
            rises = [j for j in range(lo, hi) if db[j] >= threshold > db[j - 1]]
            end = min(len(db), int(round((t.end - offset) / HOP)))
            if not rises and i < end and db[i:end].max() >= threshold > db[i]:
                # A start in a long quiet (the path crossed a pause, music or silence on the
                # word's first frame): the word begins where the sound does.
                rises = [i + int(np.argmax(db[i:end] >= threshold))]
            if rises:
                j = min(rises, key=lambda j: abs(j - i))
                start = round(offset + j * HOP, 3)
                if (prev_end is None or start >= prev_end) and start < t.end:
                    out[k] = Timed(start, t.end, t.score)
        prev_end = out[k].end
    return out


def align_words(samples: np.ndarray, rate: int, sentences: Sequence[Sequence[str]], language: str, *,
                offset: float = 0.0, open_begin: bool = True, open_end: bool = True) -> list[Timed | None]:
    """Every word of ``sentences`` placed in ``samples`` (whose first sample is at ``offset``
    seconds), in order; ``None`` for a word eSpeak NG said nothing for."""
    spoken = speak(sentences, language)
    heard = mfcc(samples, rate, normalise=False)
    if len(spoken.frames) == 0 or len(heard) == 0:
        return [None] * sum(len(s) for s in sentences)
    a, b = normalised(heard), normalised(spoken.frames)
    path = dtw.warp(a, b, open_begin=open_begin, open_end=open_end)
    times = times_from_path(path, spoken.spans, dtw.chance_cost(a, b), offset)
    return snap_onsets(times, frame_db(samples, rate), offset)
