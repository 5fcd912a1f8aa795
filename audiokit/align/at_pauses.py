"""Clean English audio aligned without a recognition pass (issue 14).

The recognition pass was ~85% of the English aligner's CPU: it only finds anchors, and on clean
audio the pauses between sentences are anchors enough. :func:`pauses.pause_cuts` puts every
sentence boundary in a pause, and each sentence is force-aligned to its window on all cores.
The result is kept only if every window checks out:

- each window is placed (plain, then wide beams, then merged with its neighbours), and no more
  than :data:`FAILED_SHARE` of them fail their plain try (checked as they finish, so a
  transcript that does not fit costs a fraction of the pass);
- no window holds more than :data:`UNCOVERED` seconds of speech its words leave uncovered (a
  sentence spoken but left out of the transcript is forced over by fillers and silence).

Otherwise the episode takes the anchored path (recognition first) as before, which also judges
sentences never spoken and transcripts that belong to other audio: a sentence never spoken makes
windows near it fail, a wrong transcript fails almost everywhere. Only English without phones,
where the background is quiet (:func:`reuse.quiet_background` over the whole episode).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from audiokit.align import reuse, sphinx
from audiokit.align.energy import speech_threshold
from audiokit.align.lexicon import Lexicon
from audiokit.align.matching import Token
from audiokit.align.pauses import pause_cuts, uncovered_speech
from audiokit.align.workers import Jobs
from audiokit.audio import Audio

METHOD = "pocketsphinx forced alignment of sentences cut at pauses (English acoustic model, CMU dictionary)"
UNCOVERED = 1.5  # seconds of speech a window's words may leave uncovered (seed-full at most 0.8)
# Share of windows that may fail their plain try before the path is given up (seed-full: 2%;
# its turns in reverse order: most).
FAILED_SHARE = 0.05


def eligible(language: str, phones: bool, db: np.ndarray, duration: float) -> bool:
    """Whether to try this path: English, no phones asked for, a quiet background."""
    return language == "en" and not phones and reuse.quiet_background(db, 0.0, duration)


def _window_job(audio: Audio, res: sphinx.Resources, start: float, end: float, words: list[str],
                relax: bool = True) -> list[sphinx.Placed] | None:
    return sphinx.force_align(res, audio.slice(start, end).tobytes(), words, start, relax=relax, kind="sentence")


def align(pool: Jobs, res: sphinx.Resources, tokens: Sequence[Token], lexicon: Lexicon, db: np.ndarray,
          duration: float) -> list[sphinx.Placed | None] | None:
    """Every token's times, or ``None`` when the episode should take the anchored path."""
    groups: dict[int, list[int]] = {}
    for k, t in enumerate(tokens):
        groups.setdefault(t.sentence, []).append(k)
    sentences = list(groups.values())
    silence = speech_threshold(db) - 10.0  # as the report's silences
    weights = [sum(len(lexicon.pronunciations(tokens[k].text)[0]) for k in ks) for ks in sentences]
    cuts = pause_cuts(weights, db, silence)
    if len(cuts) != len(sentences):
        return None
    bounds = [0.0] + [b for _, b in cuts[:-1]] + [duration]  # windows meet; the ends reach the edges
    words = [[tokens[k].text for k in ks] for ks in sentences]
    jobs = [pool.submit(_window_job, res, bounds[i], bounds[i + 1], words[i], False) for i in range(len(sentences))]
    first: list[list[sphinx.Placed] | None] = []
    limit = max(3, round(FAILED_SHARE * len(sentences)))
    for job in jobs:
        first.append(job.result())
        if sum(p is None for p in first) > limit:  # a transcript that does not fit: stop paying
            for rest in jobs:
                rest.cancel()
            return None
    placed = _retry(pool, res, bounds, words, first)
    if placed is None:
        return None
    for i, got in enumerate(placed):
        if uncovered_speech(db, silence, bounds[i], bounds[i + 1], [(p.start, p.end) for p in got]) > UNCOVERED:
            return None
    out: list[sphinx.Placed | None] = [None] * len(tokens)
    for ks, got in zip(sentences, placed):
        for k, p in zip(ks, got):
            out[k] = p
    return out if all(p is not None for p in out) else None


def _retry(pool: Jobs, res: sphinx.Resources, bounds: list[float], words: list[list[str]],
           placed: list[list[sphinx.Placed] | None]) -> list[list[sphinx.Placed]] | None:
    """Each window that failed its plain try aligned again with wide beams, and if that fails
    too, together with the windows either side of it (a cut in a pause inside a sentence, or a
    word run over a cut); ``None`` if any still fails."""
    wide = {i: pool.submit(_window_job, res, bounds[i], bounds[i + 1], words[i])
            for i, p in enumerate(placed) if p is None}
    placed = list(placed)
    for i, job in wide.items():
        placed[i] = job.result()
    failed = [i for i, p in enumerate(placed) if p is None]
    last = len(words) - 1
    spans = {i: (max(0, i - 1), min(last, i + 1)) for i in failed}
    jobs = {i: pool.submit(_window_job, res, bounds[a], bounds[b + 1], [w for ws in words[a:b + 1] for w in ws])
            for i, (a, b) in spans.items()}
    out = list(placed)
    for i, job in jobs.items():
        got = job.result()
        if got is None:
            return None
        a, b = spans[i]
        it = iter(got)
        for j in range(a, b + 1):
            out[j] = [next(it) for _ in words[j]]
    done: list[list[sphinx.Placed]] = []
    for p in out:
        if p is None:
            return None
        done.append(p)
    return done
