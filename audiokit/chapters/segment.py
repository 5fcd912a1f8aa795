"""Topic segmentation of a conversation: where does one chapter end and the next begin?

Pure numeric logic over sentences (no model, no files). The text signal is the embedding
variant of TextTiling (Hearst 1997; Solbiati et al. 2021): every gap between two sentences
compares the mean embedding of a block of words before it with the block after it, and a gap
whose similarity sits in a deep valley of that curve (its *depth score*) is a likely topic
change. The conversation adds its own cues: a new speaker turn, a long pause (ranked against
the episode's own pauses, so no absolute threshold), and a phrase that opens a topic ("next
question", "let's move on to"). Chapters then start at the best-scoring gaps that keep every
chapter at least ``min_length`` seconds long.

>>> import numpy as np
>>> v = np.array([[1, 0]] * 6 + [[0, 1]] * 6, dtype=float)
>>> sim = gap_similarity(v, np.ones(12), window=3)
>>> int(np.argmin(sim[1:])) + 1
6
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from audiokit.chapters.wordlists import TOPIC_OPENERS

# Relative weight of each cue against the (normalised) depth score, which is worth 1.
TURN_WEIGHT = 0.25
PAUSE_WEIGHT = 0.15
OPENER_WEIGHT = 0.5
# Block sizes, as multiples of half the expected chapter length, whose depth scores are averaged.
SCALES = (0.5, 1.0, 2.0)


@dataclass(frozen=True)
class Gap:
    """What is known about the gap before one sentence."""

    start: float
    turn_start: bool
    pause: float
    opener: bool


def gap_similarity(vectors: np.ndarray, weights: np.ndarray, window: float) -> np.ndarray:
    """Cosine similarity, for every gap ``i`` (before sentence ``i``), between the weighted mean
    vector of the sentences in ``window`` weight (words) before the gap and the one after.

    Entry 0 (before the first sentence) is 1.0. Vectors are weighted by ``weights`` (word
    counts), so a block's vector is the embedding of its text as a whole.

    >>> v = np.array([[1, 0], [1, 0], [0, 1], [0, 1]], dtype=float)
    >>> gap_similarity(v, np.ones(4), window=2).round(2).tolist()
    [1.0, 0.71, 0.0, 0.71]
    """
    n = len(vectors)
    sims = np.ones(n)
    if n < 2:
        return sims
    weighted = vectors * weights[:, None]
    prefix = np.vstack([np.zeros(vectors.shape[1]), np.cumsum(weighted, axis=0)])
    cum = np.concatenate([[0.0], np.cumsum(weights)])
    gaps = np.arange(1, n)
    left = np.searchsorted(cum, cum[gaps] - window, side="right") - 1
    left = np.clip(np.minimum(left, gaps - 1), 0, None)
    right = np.searchsorted(cum, cum[gaps] + window, side="left")
    right = np.clip(np.maximum(right, gaps + 1), None, n)
    a = prefix[gaps] - prefix[left]
    b = prefix[right] - prefix[gaps]
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    dots = np.einsum("ij,ij->i", a, b)
    sims[1:] = np.where(norms > 0, dots / np.where(norms > 0, norms, 1.0), 0.0)
    return sims


def smooth(values: np.ndarray, width: int = 1) -> np.ndarray:
    """Moving average over ``2 * width + 1`` points (shorter at the edges).

    >>> smooth(np.array([0.0, 3.0, 0.0])).tolist()
    [1.5, 1.0, 1.5]
    """
    if width <= 0 or len(values) < 3:
        return values.astype(float)
    kernel = np.ones(2 * width + 1)
    total = np.convolve(values, kernel, mode="same")
    count = np.convolve(np.ones(len(values)), kernel, mode="same")
    return total / count


def depth_scores(similarity: np.ndarray) -> np.ndarray:
    """TextTiling depth of every gap: how far the similarity climbs on each side before it
    falls again, added up. Gap 0 has depth 0.

    >>> depth_scores(np.array([1.0, 0.9, 0.5, 0.8, 0.9])).round(2).tolist()
    [0.0, 0.0, 0.8, 0.1, 0.0]
    """
    n = len(similarity)
    depth = np.zeros(n)
    for i in range(1, n):
        s = similarity[i]
        j = i
        while j - 1 >= 1 and similarity[j - 1] >= similarity[j]:
            j -= 1
        k = i
        while k + 1 < n and similarity[k + 1] >= similarity[k]:
            k += 1
        depth[i] = (similarity[j] - s) + (similarity[k] - s)
    return depth


def opens_topic(text: str, phrases: Sequence[str] = TOPIC_OPENERS) -> bool:
    """True when ``text`` contains a phrase that opens a new topic.

    >>> opens_topic("We also have another question: could you talk about the licence?")
    True
    >>> opens_topic("The data set is large.")
    False
    """
    low = " ".join(text.lower().replace("’", "'").split())
    return any(p in low for p in phrases)


def pause_ranks(pauses: np.ndarray) -> np.ndarray:
    """Each pause's rank among the episode's pauses, from 0 (shortest) to 1 (longest);
    ties share a rank.

    >>> pause_ranks(np.array([0.1, 2.0, 0.1, 0.5])).tolist()
    [0.0, 1.0, 0.0, 0.5]
    """
    if len(pauses) < 2:
        return np.zeros(len(pauses))
    order = np.unique(pauses)
    if len(order) < 2:
        return np.zeros(len(pauses))
    return np.searchsorted(order, pauses) / (len(order) - 1)


def multiscale_depth(vectors: np.ndarray, weights: np.ndarray, window: float,
                     scales: Sequence[float] = SCALES) -> np.ndarray:
    """Depth scores of the (lightly smoothed) block similarity curve at several block sizes
    around ``window``, each scaled to a maximum of 1, averaged. Several scales make the result
    depend less on one block size: small blocks find sharp turns, large ones broad shifts.

    >>> v = np.array([[1, 0]] * 8 + [[0, 1]] * 8, dtype=float)
    >>> int(np.argmax(multiscale_depth(v, np.ones(16), 4)))
    8
    """
    total = np.zeros(len(vectors))
    for factor in scales:
        depth = depth_scores(smooth(gap_similarity(vectors, weights, max(1.0, window * factor)), 1))
        top = depth.max() if len(depth) else 0.0
        if top > 0:
            total += depth / top
    return total / len(scales)


def boundary_scores(depth: np.ndarray, gaps: Sequence[Gap]) -> np.ndarray:
    """Score of every gap as a chapter start: the depth score (0..1) plus the conversation's cues.

    An opener phrase also lends most of its weight to the start of its turn when it comes in
    the turn's first sentences ("I'm watching the chat. We got a couple more questions").
    Gap 0 scores 0 (the first chapter always starts there).

    >>> g = [Gap(0, True, 0, False), Gap(5, False, 0.1, False), Gap(9, True, 1.0, True)]
    >>> boundary_scores(np.array([0.0, 0.5, 0.2]), g).round(2).tolist()
    [0.0, 0.57, 1.1]
    """
    n = len(gaps)
    score = np.asarray(depth, dtype=float).copy()
    pauses = pause_ranks(np.array([g.pause for g in gaps]))
    turn_starts = [i for i, g in enumerate(gaps) if g.turn_start]
    for i, g in enumerate(gaps):
        score[i] += TURN_WEIGHT * g.turn_start + PAUSE_WEIGHT * pauses[i]
        if g.opener:
            score[i] += OPENER_WEIGHT
            before = [t for t in turn_starts if t < i and i - t <= 2 and g.start - gaps[t].start <= 20.0]
            if before and not g.turn_start:
                score[before[-1]] += 0.8 * OPENER_WEIGHT
    if n:
        score[0] = 0.0
    return score


def select(scores: np.ndarray, starts: Sequence[float], end: float, count: int, min_length: float) -> list[int]:
    """Pick ``count - 1`` gaps (sentence indices > 0) with the highest scores such that every
    chapter lasts at least ``min_length`` seconds; when that is impossible the spacing is
    relaxed step by step, so exactly ``count`` chapters always come back (``count`` must not
    exceed the number of sentences). Returns the chapter-start sentence indices, 0 first.

    >>> select(np.array([0, 0.1, 0.9, 0.2, 0.8]), [0, 10, 20, 30, 40], 50, 3, 5).tolist()
    [0, 2, 4]
    >>> select(np.array([0, 0.1, 0.9, 0.2, 0.8]), [0, 10, 20, 30, 40], 50, 3, 15).tolist()
    [0, 2, 4]
    """
    n = len(starts)
    if not 1 <= count <= n:
        raise ValueError(f"cannot make {count} chapters from {n} sentences")
    times = np.asarray(starts, dtype=float)
    order = np.argsort(-scores[1:], kind="stable") + 1
    spacing = min_length
    while True:
        chosen: list[int] = []
        taken = [0.0, end]
        for i in order:
            if len(chosen) == count - 1:
                break
            t = times[i]
            if all(abs(t - u) >= spacing for u in taken):
                chosen.append(int(i))
                taken.append(t)
        if len(chosen) == count - 1 or spacing <= 0:
            break
        spacing = spacing / 2 if spacing > 1e-3 else 0.0
    if len(chosen) < count - 1:  # spacing 0 and still short: identical start times; take any
        rest = [int(i) for i in order if int(i) not in chosen]
        chosen += rest[: count - 1 - len(chosen)]
    return np.array(sorted([0, *chosen]))


def automatic_count(scores: np.ndarray, starts: Sequence[float], end: float, min_length: float) -> int:
    """How many chapters the content asks for: the gaps whose score stands out (above the
    mean plus half a standard deviation of the local maxima), kept within one chapter per 2 to
    6 minutes of talk and the ``min_length`` spacing.

    >>> automatic_count(np.zeros(10), [i * 60.0 for i in range(10)], 600.0, 30.0)
    1
    """
    duration = max(0.0, end - (starts[0] if len(starts) else 0.0))
    low = max(1, math.floor(duration / 360))
    high = max(1, math.ceil(duration / 120))
    if min_length > 0:
        high = max(1, min(high, int(min(float(high), duration / min_length))))
    high = min(high, len(starts))
    low = min(low, high)
    s = scores[1:]
    peaks = np.array([s[i] for i in range(len(s)) if (i == 0 or s[i] >= s[i - 1]) and
                      (i == len(s) - 1 or s[i] >= s[i + 1])])
    if len(peaks) == 0 or np.ptp(peaks) == 0:
        return low
    cutoff = peaks.mean() + 0.5 * peaks.std()
    candidates = [i + 1 for i in np.argsort(-s) if s[i] > cutoff and (i == 0 or s[i] >= s[i - 1])
                  and (i == len(s) - 1 or s[i] >= s[i + 1])]
    taken = [starts[0] if len(starts) else 0.0, end]
    wanted = 1
    for i in candidates:
        if all(abs(starts[i] - u) >= min_length for u in taken):
            taken.append(starts[i])
            wanted += 1
    return max(low, min(high, wanted))


def segment(vectors: np.ndarray, weights: np.ndarray, gaps: Sequence[Gap], end: float,
            count: int | None = None, min_length: float = 30.0) -> list[int]:
    """Chapter-start sentence indices (0 first) for sentences with embedding ``vectors``,
    content-word counts ``weights`` and the conversational cues of ``gaps``.

    With ``count`` exactly that many chapters; without, :func:`automatic_count` decides.

    >>> v = np.array([[1, 0]] * 10 + [[0, 1]] * 10, dtype=float)
    >>> gaps = [Gap(i * 10.0, i % 2 == 0, 0.2, False) for i in range(20)]
    >>> segment(v, np.ones(20), gaps, 200.0, count=2)
    [0, 10]
    """
    n = len(gaps)
    if n == 0:
        return []
    starts = [g.start for g in gaps]
    expected = count or max(1.0, (end - starts[0]) / 180.0)
    window = 0.5 * float(np.sum(weights)) / expected
    scores = boundary_scores(multiscale_depth(vectors, weights, window), gaps)
    if count is None:
        count = automatic_count(scores, starts, end, min_length)
    return [int(i) for i in select(scores, starts, end, count, min_length)]
