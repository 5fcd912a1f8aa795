"""Words placed by eSpeak NG synthesis and dynamic time warping, as aeneas does, at word level.

eSpeak NG speaks the transcript (:mod:`audiokit.align.synth`, a few sentences per call, so a
3-hour transcript never lies in memory as audio), both recordings become MFCC frames
(:mod:`audiokit.align.features`), :func:`audiokit.align.dtw.warp` finds the cheapest path of the
episode's frames through the synthetic ones, and each word's synthetic start and end are read
off the path (:func:`times_from_path`); with open ends, whole sentences at either end may be
left out (their words get no time). Word starts after a pause are then snapped to where the
episode's energy rises (:func:`snap_onsets`).

Each word also gets a ``score``, a contrast: the mean frame distance along its stretch of the
path divided by the distance, over the same episode frames, of the best path through the same
synthetic speech played backwards (same voice, same sounds, wrong order). A transcript that
fits its audio scores well under 1; a path forced through audio that says something else
scores about 1, because the right order then helps no more than the wrong one. Measured on six
Festival-voiced episodes (it, cs, ru, fi, ca, hi) and six wrong pairings of their transcripts
and audio (``scripts/bench_align_methods.py``): the median score of a right transcript was
0.86-0.94, of a wrong one 1.01-1.05; per word the scores are noisy, so they are judged as a
running median over :data:`WINDOW` words (:func:`confident`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from audiokit.align import dtw, synth
from audiokit.align.energy import frame_energy
from audiokit.align.features import HOP, mfcc, normalised
from audiokit.lang import voice

FITS = 0.97  # median score at or below which a stretch's transcript fits its audio
CONFIDENT = 1.0  # running-median score at or below which a word counts as placed from the audio
WINDOW = 15  # words in the running median
MIN_WORDS = 8  # fewer words than this are too few to judge a fit on their own
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


def speak(sentences: Sequence[Sequence[str]], language: str) -> Synthetic:
    """eSpeak NG's reading of ``sentences`` (written words, punctuation and all, so that it reads
    numbers and pauses as the language does) in ``language``'s voice."""
    frames: list[np.ndarray] = []
    dbs: list[np.ndarray] = []
    spans: list[tuple[int, int] | None] = []
    offset = 0
    for group in _groups(sentences):
        speech = synth.speak(group, voice(language))
        raw = mfcc(speech.samples, speech.rate, normalise=False)
        db = frame_energy(speech.samples, speech.rate)[: len(raw)]
        # The silence eSpeak NG starts with is no part of the first word: leave it out.
        lead = int(np.argmax(db > db.max() - QUIET_DB)) if len(db) else 0
        raw, db = raw[lead:], db[lead:]
        n = len(raw)
        if n == 0:
            spans += [None] * len(group)
            continue
        starts = [None if s is None else min(n - 1, max(0, round(s / HOP) - lead)) for s in speech.starts]
        starts = _fill_starts(group, starts, n)
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


def _fill_starts(words: Sequence[str], starts: list[int | None], n: int) -> list[int | None]:
    """eSpeak NG reads some words as one (a Czech preposition with its noun): a word with
    letters but no WORD event of its own starts between its neighbours, by letters. Words
    without letters or digits (a dash) stay without a start.

    >>> _fill_starts(["v", "Praze", "—", "dnes"], [0, None, None, 30], 40)
    [0, 5, None, 30]
    """
    out = list(starts)
    sayable = [any(c.isalnum() for c in w) for w in words]
    k = 0
    while k < len(out):
        if out[k] is not None or not sayable[k]:
            k += 1
            continue
        j = k
        while j < len(out) and out[j] is None:
            j += 1
        i = k - 1
        while i >= 0 and out[i] is None:
            i -= 1
        t0 = out[i] if i >= 0 else None
        if t0 is None:  # no start before the run to spread from
            k = j
            continue
        after = out[j] if j < len(out) else None  # out[j] has a start when j < len(out)
        t1 = after if after is not None else n
        letters = [len(w) if sayable[m] else 0 for m, w in enumerate(words)]
        total = sum(letters[i:j])
        acc = sum(letters[i:k])
        for m in range(k, j):
            if sayable[m]:
                out[m] = t0 + (t1 - t0) * acc // max(1, total)
            acc += letters[m]
        k = j
    return out


def _next(starts: list[int | None], k: int, n: int) -> int:
    return next((s for s in starts[k + 1:] if s is not None), n)


def _end(db: np.ndarray, start: int, nxt: int) -> int:
    """The frame after a word's last loud frame before the next word starts."""
    if nxt <= start + 1:
        return start + 1
    loud = np.nonzero(db[start:nxt] > db.max() - QUIET_DB)[0]
    return start + (int(loud[-1]) + 1 if len(loud) else nxt - start)


def times_from_path(path: dtw.Path, spans: Sequence[tuple[int, int] | None], null: np.ndarray | float,
                    offset: float = 0.0) -> list[Timed | None]:
    """Each word's episode time from its synthetic frames, read off ``path``, and its score:
    the path's mean cost over the word's rows against ``null``'s there (one cost per row of
    the episode, or one for all).

    >>> p = dtw.Path(10, np.array([0, 0, 1, 2, 3, 4, 5, 5]), np.full(8, 2.0, np.float32))
    >>> times_from_path(p, [(0, 2), None, (3, 6)], null=4.0)
    [Timed(start=0.1, end=0.13, score=0.5), None, Timed(start=0.14, end=0.18, score=0.5)]
    """
    out: list[Timed | None] = []
    for span in spans:
        if span is None:
            out.append(None)
            continue
        if span[1] <= path.cols[0] or span[0] > path.cols[-1]:  # left out: never spoken
            out.append(None)
            continue
        a = int(dtw.frame_map(path, [span[0]])[0])
        b = max(a + 1, int(dtw.frame_map(path, [span[1]])[0]))
        if span[1] > path.cols[-1]:
            b = max(a + 1, path.last + 1)
        against = float(np.mean(null[a:b])) if isinstance(null, np.ndarray) else null
        score = float(path.costs[a - path.first: b - path.first].mean()) / max(against, 1e-6)
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
    prev_end: float | None = None
    for k, t in enumerate(times):
        if t is None:
            continue
        if prev_end is None or t.start - prev_end >= 2 * HOP:
            # int(): under numpy 1.x, round() of a numpy float gives a float
            i = int(round((t.start - offset) / HOP))  # noqa: RUF046
            lo, hi = max(1, i - int(SNAP / HOP)), min(len(db), i + int(SNAP / HOP) + 1)
            rises = [j for j in range(lo, hi) if db[j] >= threshold > db[j - 1]]
            end = min(len(db), int(round((t.end - offset) / HOP)))  # noqa: RUF046
            if not rises and i < end and db[i:end].max() >= threshold > db[i]:
                # A start in a long quiet (the path crossed a pause, music or silence on the
                # word's first frame): the word begins where the sound does.
                rises = [i + int(np.argmax(db[i:end] >= threshold))]
            if rises:
                j = min(rises, key=lambda j: abs(j - i))
                start = round(offset + j * HOP, 3)
                if (prev_end is None or start >= prev_end) and start < t.end:
                    out[k] = Timed(start, t.end, t.score)
        prev_end = t.end  # a snapped word keeps its end
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
    # Whole sentences at either end may be left out (a preamble or a sign-off never spoken).
    bounds, k = [], 0
    for s in sentences:
        inside = [x for x in spoken.spans[k: k + len(s)] if x is not None]
        k += len(s)
        if inside:
            bounds.append((inside[0][0], inside[-1][1] - 1))
    path = dtw.warp(a, b, open_begin=open_begin, open_end=open_end, first_cols=[x for x, _ in bounds],
                    last_cols=[y for _, y in bounds])
    backwards = dtw.warp(a, b[::-1].copy(), open_begin=open_begin, open_end=open_end)
    null = np.full(len(a), dtw.chance_cost(a, b), np.float32)
    null[backwards.first: backwards.last + 1] = backwards.costs
    times = times_from_path(path, spoken.spans, null, offset)
    return snap_onsets(times, frame_energy(samples, rate), offset)


def fits(times: Sequence[Timed | None]) -> bool:
    """Whether the words as a whole fit the audio (median score at most :data:`FITS`).

    >>> fits([Timed(0.0, 0.1, 0.9)] * 10), fits([Timed(0.0, 0.1, 1.03)] * 10)
    (True, False)
    """
    scores = [t.score for t in times if t is not None]
    return bool(scores) and float(np.median(scores)) <= FITS


def confident(times: Sequence[Timed | None]) -> list[bool]:
    """Which words count as placed from the audio: the running median of the scores over
    :data:`WINDOW` words at most :data:`CONFIDENT` (a word eSpeak NG said nothing for never).

    >>> confident([Timed(0.0, 0.1, 0.9)] * 3 + [None] + [Timed(0.0, 0.1, 1.2)] * 20)[:5]
    [True, True, True, False, False]
    """
    scores = np.array([t.score if t is not None else np.inf for t in times], np.float64)
    half = WINDOW // 2
    padded = np.pad(scores, half, mode="edge") if len(scores) else scores
    out = []
    for k, t in enumerate(times):
        out.append(t is not None and float(np.median(padded[k: k + WINDOW])) <= CONFIDENT)
    return out
