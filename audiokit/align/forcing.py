"""The forced pass over a plan's regions, run as jobs in the aligner's workers.

In English without phones, only the windows :mod:`audiokit.align.reuse` picks are force-aligned
(run edges, words the recogniser did not match; whole regions where the background is not
quiet); the recogniser's times stand elsewhere. A window the aligner cannot place whole sends
its region back to be force-aligned whole, as every region is when phones are asked for
(TextGrid: every word needs its phones) and in other languages. Regions that still fail
are aligned again merged with their neighbours (:func:`retry_merged`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from audiokit.align import reuse, sphinx
from audiokit.align.matching import Heard, Plan, Token
from audiokit.align.recursive import MAX_DEPTH, align_region
from audiokit.align.workers import Jobs
from audiokit.audio import Audio

RETRY_SECONDS = 30.0  # longest stretch realigned in one piece after a failure
INTO_OTHER = 0.1  # seconds a sentence's first word may begin inside other speech heard before it

Placements = list[list[sphinx.Placed | None]]


def align_job(audio: Audio, res: sphinx.Resources, start: float, end: float, tokens: list[Token], phones: bool,
              depth: int = 0) -> list[sphinx.Placed | None]:
    """One stretch's forced alignment (a job: runs in a worker with the episode's audio)."""
    return align_region(res, audio.slice(start, end).tobytes(), tokens, start, phones, depth)


def force(pool: Jobs, res: sphinx.Resources, tokens: Sequence[Token], heard: Sequence[Heard], plan: Plan,
          db: np.ndarray, phones: bool, progress: Callable[[int, int], None]) -> Placements:
    """Each region's token times (``None`` where the aligner could not place a token); ``db``
    is the episode's frame energy (:func:`audiokit.align.energy.frame_energy`)."""
    # In other languages the recogniser hears pronunciations mapped onto English phones, and its
    # times were worse than the forced pass's (lang-it start median 10 -> 11 ms, lang-cs within
    # 50 ms 92.3% -> 91.8%): there every region is force-aligned whole.
    if phones or res.language != "en":
        wins = [reuse.Window(i, r.tokens, r.start, r.end) for i, r in enumerate(plan.regions)]
    else:
        runs = reuse.kept_tokens(plan.matched, len(tokens))
        kept = frozenset(k for r in plan.regions if reuse.quiet_background(db, r.start, r.end)
                         for k in r.tokens if k in runs)
        wins = reuse.windows(plan, heard, kept)

    def whole(w: reuse.Window) -> bool:
        return len(w.tokens) == len(plan.regions[w.region].tokens)

    # A whole region gets wide beams and recursion when it fails; a window one plain try, since
    # its region is aligned whole if it fails.
    order = sorted(range(len(wins)), key=lambda i: -len(wins[i].tokens))
    work = {i: pool.submit(align_job, res, wins[i].start, wins[i].end, [tokens[k] for k in wins[i].tokens], phones,
                           0 if whole(wins[i]) else MAX_DEPTH) for i in order}
    results: list[list[sphinx.Placed | None]] = [[] for _ in wins]
    for done, i in enumerate(order, 1):
        results[i] = work[i].result()
        progress(done, len(order))
    placed, failed = reuse.assemble(plan, heard, wins, results)
    again = {r: pool.submit(align_job, res, plan.regions[r].start, plan.regions[r].end,
                            [tokens[k] for k in plan.regions[r].tokens], phones)
             for r in sorted(failed) if not any(whole(w) for w in wins if w.region == r)}
    for r, job in again.items():
        placed[r] = job.result()
    return placed


def forced(p: sphinx.Placed | None) -> bool:
    """Whether the forced pass placed a token (not only a recogniser heard it: ``Placed.heard``)."""
    return p is not None and not p.heard


def contradicts(start: float, end: float, heard_start: float, heard_end: float, apart: float) -> bool:
    """True if the forced pass placed a word the recogniser heard in a matched run wholly apart
    from where it was heard, its start ``apart`` seconds or more away. A forced pass over a region
    holding speech the transcript lacks can spread words over that speech ("i dati dell'ISTAT",
    heard in place, forced 1.5 s early over a left-out sentence); the run heard in order is the
    better evidence, and the word keeps the recogniser's times (the aligner then checks their order).

    >>> contradicts(55.16, 55.2, 56.63, 56.67, 0.5), contradicts(56.6, 56.7, 56.63, 56.67, 0.5)
    (True, False)
    >>> contradicts(10.0, 10.4, 10.45, 10.8, 0.5)  # apart, but by less than the margin
    False
    """
    return (end <= heard_start or start >= heard_end) and abs(start - heard_start) >= apart


def swallowed_start(start: float, end: float, h: Heard | None, apart: float) -> float:
    """A forced word's start, or where it was heard (``h``) if it swallowed speech the transcript
    lacks: it starts ``apart`` seconds or more before it was heard and is that much longer.

    >>> from audiokit.align.matching import Heard
    >>> swallowed_start(35.325, 36.715, Heard("скажу", 35.95, 36.53), 0.5), swallowed_start(1.0, 1.5, None, 0.5)
    (35.95, 1.0)
    """
    if h is not None and h.start - start > apart and (end - start) - (h.end - h.start) > apart:
        return min(h.start, end - 0.03)
    return start


def heard_elsewhere(start: float, h: Heard, apart: float) -> bool:
    """Whether a heard word's forced start lies more than ``apart`` seconds from where the
    recogniser heard it (``h``): the two passes disagree, and one of them is wrong.

    >>> from audiokit.align.matching import Heard
    >>> heard_elsewhere(11.2, Heard("cough", 10.0, 10.2), 0.3), heard_elsewhere(10.1, Heard("cough", 10.0, 10.2), 0.3)
    (True, False)
    """
    return abs(start - h.start) > apart


def after_other_speech(start: float, end: float, h: Heard, before: Heard | None) -> float:
    """A sentence's first word's forced start, or where the recogniser heard it (``h``) when the
    forced pass began it more than :data:`INTO_OTHER` seconds inside ``before``: the word heard
    just before it, which matches no transcript word (speech the transcript lacks). Said with no
    pause after that speech, the word took its tail ("वह", heard in place after a left-out Hindi
    sentence, was forced 335 ms early over its last words).

    >>> from audiokit.align.matching import Heard
    >>> after_other_speech(126.645, 127.245, Heard("वह", 126.98, 127.25), Heard("है", 126.81, 126.94))
    126.98
    >>> after_other_speech(126.9, 127.245, Heard("वह", 126.98, 127.25), Heard("है", 126.81, 126.94))
    126.9
    >>> after_other_speech(126.645, 127.245, Heard("वह", 126.98, 127.25), None)
    126.645
    """
    if before is not None and before.end - start > INTO_OTHER and start < h.start < end - 0.03:
        return h.start
    return start


def heard_instead(ks: Sequence[int], result: Sequence[sphinx.Placed | None], matched: dict[int, int],
                  heard: Sequence[Heard], runs: frozenset[int], apart: float) -> dict[int, tuple[float, float]]:
    """The region's tokens (``ks``, forced as ``result``) in ``runs`` that the forced pass placed
    wholly apart from where they were heard (:func:`contradicts`), with the recogniser's times,
    kept between the forced words around them that stand (those that swallowed speech the
    transcript lacks starting where they were heard: :func:`swallowed_start`).

    >>> from audiokit.align.matching import Heard
    >>> P = sphinx.Placed
    >>> heard = [Heard("i", 56.63, 56.70), Heard("dati", 56.70, 57.05)]
    >>> result = [P(54.2, 55.16), P(55.16, 55.2), P(55.2, 55.73), P(56.99, 57.65)]
    >>> heard_instead([0, 1, 2, 3], result, {1: 0, 2: 1}, heard, frozenset({1, 2}), 0.5)
    {1: (56.63, 56.7), 2: (56.7, 56.99)}
    """
    bad = set()
    for k, p in zip(ks, result):
        if p is not None and k in runs and k in matched:
            h = heard[matched[k]]
            if contradicts(p.start, p.end, h.start, h.end, apart):
                bad.add(k)
    out: dict[int, tuple[float, float]] = {}
    for i, k in enumerate(ks):
        if k not in bad:
            continue
        h = heard[matched[k]]
        before = [p.end for j, p in zip(ks[:i], result[:i]) if p is not None and j not in bad]
        after = [swallowed_start(p.start, p.end, heard[matched[j]] if j in matched else None, apart)
                 for j, p in zip(ks[i + 1:], result[i + 1:]) if p is not None and j not in bad]
        start = max([h.start, *before[-1:]])
        end = min([h.end, *after[:1]])
        if end - start >= 0.03:
            out[k] = (start, end)
    return out


def _across(end: float, start: float, extra: Sequence[tuple[float, float]]) -> bool:
    """True if speech the transcript lacks lies between one region's ``end`` and the next one's ``start``.

    >>> _across(17.3, 20.59, [(17.3, 20.585)]), _across(13.6, 13.6, [(17.3, 20.585)])
    (True, False)
    """
    return any(end - 0.05 <= a and b <= start + 0.05 for a, b in extra)


def retry_merged(pool: Jobs, res: sphinx.Resources, tokens: Sequence[Token],
                 plan: Plan, placed: Placements, phones: bool) -> Placements:
    """Regions the aligner could not place whole are often the result of a cut in the wrong
    place (a misheard anchor). Align each run of such regions again as one, then together with
    its neighbours, widening step by step, and keep whatever places more words.

    Never across speech the plan cut out as missing from the transcript (``plan.extra_audio``):
    one stretch over it spreads the words over that speech again, which the cut was made to
    prevent (a region after a left-out sentence, merged with the one before it, put seven
    sentences of a rough Hindi variant 1.2-4.9 s early). A failed region keeps the recogniser's
    times for the words it heard instead."""
    regions = plan.regions
    failed = [i for i, result in enumerate(placed) if not all(forced(p) for p in result)]
    runs: list[tuple[int, int]] = []
    for i in failed:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    out = list(placed)
    last = len(regions) - 1
    for level in (((0, 0),), ((0, 1), (1, 0)), ((1, 1),)):  # alternatives of a level run in parallel
        work = {}
        for i, j in runs:
            for before_n, after_n in level:
                a, b = max(0, i - before_n), min(last, j + after_n)
                if (a, b) == (i, j) and i == j or (a, b) in work or regions[b].end - regions[a].start > RETRY_SECONDS:
                    continue
                if any(_across(regions[k].end, regions[k + 1].start, plan.extra_audio) for k in range(a, b)):
                    continue
                if all(forced(p) for k in range(i, j + 1) for p in out[k]):
                    continue
                ks = [k for r in regions[a : b + 1] for k in r.tokens]
                work[(a, b)] = pool.submit(align_job, res, regions[a].start, regions[b].end,
                                           [tokens[k] for k in ks], phones, MAX_DEPTH)
        for (a, b), job in work.items():
            result = job.result()
            before = sum(forced(p) for k in range(a, b + 1) for p in out[k])
            if sum(forced(p) for p in result) > before:
                it = iter(result)
                for k in range(a, b + 1):
                    out[k] = [next(it) for _ in regions[k].tokens]
    return out
