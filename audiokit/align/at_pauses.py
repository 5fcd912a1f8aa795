"""Clean English audio aligned without a recognition pass where the transcript checks out (issue 14).

The recognition pass was ~85% of the English aligner's CPU: it only finds anchors, and on clean
audio the pauses between sentences are anchors enough where the transcript matches the audio.
:func:`pauses.pause_cuts` puts every sentence boundary in a pause, and each sentence is
force-aligned to its window on all cores. Each window is then checked
(:mod:`audiokit.align.doubt`): where the transcript lacks speech, holds a sentence nobody
spoke, or a cut fell in the wrong pause, a window fails or leaves speech without words. Only
the stretches around such windows, between the nearest trusted cuts, are aligned again by the
anchored path (:func:`anchored.anchored`, recognition first), which also judges never-spoken
sentences absent there.

The whole episode takes the anchored path instead when the windows show the transcript does not
fit the audio: more than :data:`FAILED_SHARE` of them fail (checked as they finish, so another
episode's transcript costs a fraction of the pass), or the doubtful stretches cover more than
:data:`DOUBTFUL_SHARE` of the episode (hearing them would cost about as much as hearing it all).
Only English without phones, where the background is quiet (:func:`reuse.quiet_background`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from audiokit.align import doubt, reuse, sphinx
from audiokit.align.anchored import TokenTime, anchored
from audiokit.align.energy import EnergyStretch, background_level
from audiokit.align.lexicon import Lexicon
from audiokit.align.matching import Plan, Token
from audiokit.align.pauses import pause_cuts, uncovered_speech
from audiokit.align.workers import Jobs, jobs
from audiokit.audio import Audio

METHOD = "pocketsphinx forced alignment of sentences cut at pauses (English acoustic model, CMU dictionary)"
# Share of windows that may fail their forced pass before the episode is given to the anchored
# path whole. A transcript of other audio fails almost every window, so the pass stops early.
# A transcript that fits clean speech fails few (seed-full 2%; its edited variants of
# scripts/edited_set.py 2-5.4% where measured, under 10% in all); many failures mean speech the
# acoustic model places poorly, where short stretches heard again, with little context for the
# recogniser, did worse than the whole episode heard at once (the sample episode's espeak-ng voice:
# 19% of windows failed, and two turns heard again in stretches started 0.64-0.73 s off, against
# 66 ms at worst whole).
FAILED_SHARE = 0.1
# Hearing the doubtful stretches again costs about as much per second as the anchored path, and
# the windows' forced pass is already paid: past half the episode the anchored path is cheaper whole.
DOUBTFUL_SHARE = 0.5
# Confidence of a word forced in a window that checks out, measured as anchored.CONF_HEARD is:
# 98.2% of 3750 such words (seed-full) start within 100 ms of the truth.
CONF_CHECKED = 0.98


@dataclass(frozen=True)
class Paused:
    """Every token's times, and how many stretches (windows, seconds) were heard again."""

    times: list[TokenTime | None]
    plan: Plan  # never-spoken sentences and unwritten speech found in the stretches heard again
    heard_again: int
    seconds_heard_again: float

    @property
    def method(self) -> str:
        """The report's method line, with the stretches heard again if any."""
        if not self.heard_again:
            return METHOD
        return (f"{METHOD}; {self.heard_again} doubtful stretches ({self.seconds_heard_again:.0f} s) "
                "aligned by recognition and forced alignment")


def eligible(language: str, phones: bool, db: np.ndarray, duration: float) -> bool:
    """Whether to try this path: English, no phones asked for, a quiet background."""
    return language == "en" and not phones and reuse.quiet_background(db, 0.0, duration)


def _window_job(audio: Audio, res: sphinx.Resources, start: float, end: float,
                words: list[str]) -> list[sphinx.Placed] | None:
    return sphinx.force_align(res, audio.slice(start, end).tobytes(), words, start, relax=False, kind="sentence")


def _stretch_job(audio: Audio, res: sphinx.Resources, tokens: list[Token], sentences: dict[int, list[str]],
                 energy: EnergyStretch, background: float, start: float,
                 end: float) -> tuple[list[TokenTime | None], Plan]:
    """The anchored path over one stretch, in one worker (its own jobs run inline). It is sent
    only the stretch's own frames of the episode's energy, and the episode's background level."""
    with jobs(audio, 1) as inline:
        return anchored(inline, res, audio, tokens, sentences, energy.whole(), phones=False, language="en",
                        word_count=len(tokens), lap=lambda _: None, progress=lambda *_: None,
                        start=start, end=end, background=background)


def align(pool: Jobs, res: sphinx.Resources, tokens: Sequence[Token], lexicon: Lexicon, db: np.ndarray,
          duration: float, sentences: dict[int, list[str]],
          progress: Callable[[str, int, int], None] = lambda stage, done, total: None) -> Paused | None:
    """Every token's times, or ``None`` when the episode should take the anchored path whole."""
    groups: dict[int, list[int]] = {}
    for k, t in enumerate(tokens):
        groups.setdefault(t.sentence, []).append(k)
    members = list(groups.values())
    silence = background_level(db)
    weights = [sum(len(lexicon.pronunciations(tokens[k].text)[0]) for k in ks) for ks in members]
    cuts = pause_cuts(weights, db, silence)
    if len(cuts) != len(members):
        return None
    bounds = [0.0] + [b for _, b in cuts[:-1]] + [duration]  # windows meet; the ends reach the edges
    words = [[tokens[k].text for k in ks] for ks in members]
    work = [pool.submit(_window_job, res, bounds[i], bounds[i + 1], words[i]) for i in range(len(members))]
    placed: list[list[sphinx.Placed] | None] = []
    limit = max(3, round(FAILED_SHARE * len(members)))
    for job in work:
        placed.append(job.result())
        progress("aligning", len(placed), len(work))
        if sum(p is None for p in placed) > limit:  # a transcript that does not fit: stop paying
            for rest in work:
                rest.cancel()
            return None
    doubtful = [i for i, got in enumerate(placed) if doubt.is_doubtful(
        got is not None, 0.0 if got is None else
        uncovered_speech(db, silence, bounds[i], bounds[i + 1], [(p.start, p.end) for p in got]))]
    runs = doubt.stretches(doubtful, len(members))
    if doubt.share(runs, bounds) > DOUBTFUL_SHARE:
        return None
    times: list[TokenTime | None] = [None] * len(tokens)
    for ks, got in zip(members, placed):
        for k, p in zip(ks, got or ()):
            times[k] = TokenTime(p.start, p.end, CONF_CHECKED)
    again = []
    for a, b in runs:
        first, last = members[a][0], members[b][-1] + 1
        start, end = bounds[a], bounds[b + 1]
        again.append((first, pool.submit(_stretch_job, res, list(tokens[first:last]), sentences,
                                         EnergyStretch.of(db, start, end), silence, start, end)))
    absent: set[int] = set()
    extra: list[tuple[float, float]] = []
    for done, (first, job) in enumerate(again, 1):
        got_times, plan = job.result()
        progress("re-hearing", done, len(again))
        times[first:first + len(got_times)] = got_times
        absent |= {first + k for k in plan.absent}
        extra += plan.extra_audio
    return Paused(times, Plan((), frozenset(absent), tuple(extra), {}, 0.0), len(runs),
                  round(sum(bounds[b + 1] - bounds[a] for a, b in runs), 1))
