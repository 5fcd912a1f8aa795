"""Aligning one region, recursively when the aligner cannot place it whole.

Moreno et al. (1998): when forced alignment of a stretch fails (the speech is spontaneous,
noisy, or the recogniser's anchors were too sparse), recognise that stretch again with a
language model built from *its own* text only, which finds many more anchors, cut it into
smaller regions between them, and align those; repeat on what still fails. Tokens no forced
pass places but that this recognition heard in a run of three or more matched words keep the
times it heard them at (:func:`heard_where_unplaced`). Runs in a worker process (see :mod:`audiokit.align.sphinx`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from audiokit.align import sphinx
from audiokit.align.energy import frame_energy, quietest
from audiokit.align.matching import STRONG_RUN, Heard, Token, in_runs, plan_regions

RATE = 16000
MAX_DEPTH = 2


def align_region(res: sphinx.Resources, audio: bytes, tokens: Sequence[Token], offset: float,
                 phones: bool = False, depth: int = 0) -> list[sphinx.Placed | None]:
    """Times for each token (``None`` where even the recursion could not place it)."""
    words = [t.text for t in tokens]
    # Wide beams only for a planned region's first try: on its pieces and on merged retries
    # they almost never placed anything (0 of 6 tries on real-mfa), at a third of its cost.
    placed = sphinx.force_align(res, audio, words, offset, phones, relax=depth == 0)
    if placed is not None:
        return list(placed)
    duration = len(audio) / 2 / RATE
    if depth >= MAX_DEPTH or len(tokens) < 2 or duration < 2.0:
        return [None] * len(tokens)
    samples = np.frombuffer(audio, dtype="<i2")
    heard = sphinx.recognize_text(res, [words], audio, 0.0)
    db = frame_energy(samples, RATE)
    plan = plan_regions(tokens, heard, duration, lambda a, b: quietest(db, a, b),
                        min_seconds=1.5, max_seconds=6.0)
    out: list[sphinx.Placed | None] = [None] * len(tokens)
    if len(plan.regions) > 1 or plan.absent:
        for region in plan.regions:
            a, b = int(region.start * RATE), int(region.end * RATE)
            sub = align_region(res, samples[a:b].tobytes(), [tokens[k] for k in region.tokens],
                               offset + region.start, phones, depth + 1)
            for k, p in zip(region.tokens, sub):
                out[k] = p
    return heard_where_unplaced(out, plan.matched, heard, offset)


def heard_where_unplaced(out: Sequence[sphinx.Placed | None], matched: dict[int, int],
                         heard: Sequence[Heard], offset: float) -> list[sphinx.Placed | None]:
    """``out`` with every token the aligner could not place, but the recogniser (whose language
    model holds only this stretch's text) heard in a run of :data:`STRONG_RUN` or more words
    matched to the transcript, at the time it was heard, marked ``heard``. Dropped, those times
    were lost: real-mfa's quiet voice with a cold ("so this is the sick corpus uh i have a cold
    ...", fast and hoarse) was heard in place by this pass but no forced pass placed it, and its
    17 words were spread evenly over the rest of their region, up to 2.4 s off. A shorter run
    can be chance, as :func:`~audiokit.align.matching.plan_regions` holds for its cuts: in the
    sample episode "and I", heard at 28.9 s (the first "I", said before "light streets, and"),
    was taken for the second, and the four words before it were crammed into 0.35 s.

    >>> from audiokit.align.matching import Heard
    >>> heard = [Heard("a", 0.5, 0.8), Heard("b", 0.8, 1.1), Heard("c", 1.1, 1.3), Heard("d", 2.0, 2.2)]
    >>> placed = heard_where_unplaced([None, None, None, sphinx.Placed(3.0, 3.2), None, None],
    ...                               {0: 0, 1: 1, 2: 2, 4: 2, 5: 3}, heard, 10.0)
    >>> [(p.start, p.heard) if p else None for p in placed]
    [(10.5, True), (10.8, True), (11.1, True), (3.0, False), None, None]
    """
    strong = in_runs(matched, STRONG_RUN)
    return [sphinx.Placed(round(offset + heard[matched[k]].start, 3), round(offset + heard[matched[k]].end, 3), heard=True)
            if p is None and k in strong else p for k, p in enumerate(out)]
