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


def retry_merged(pool: Jobs, res: sphinx.Resources, tokens: Sequence[Token],
                 plan: Plan, placed: Placements, phones: bool) -> Placements:
    """Regions the aligner could not place whole are often the result of a cut in the wrong
    place (a misheard anchor). Align each run of such regions again as one, then together with
    its neighbours, widening step by step, and keep whatever places more words."""
    regions = plan.regions
    failed = [i for i, result in enumerate(placed) if any(p is None for p in result)]
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
                if all(p is not None for k in range(i, j + 1) for p in out[k]):
                    continue
                ks = [k for r in regions[a : b + 1] for k in r.tokens]
                work[(a, b)] = pool.submit(align_job, res, regions[a].start, regions[b].end,
                                           [tokens[k] for k in ks], phones, MAX_DEPTH)
        for (a, b), job in work.items():
            result = job.result()
            before = sum(p is not None for k in range(a, b + 1) for p in out[k])
            if sum(p is not None for p in result) > before:
                it = iter(result)
                for k in range(a, b + 1):
                    out[k] = [next(it) for _ in regions[k].tokens]
    return out
