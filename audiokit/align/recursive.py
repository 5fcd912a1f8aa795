"""Aligning one region, recursively when the aligner cannot place it whole.

Moreno et al. (1998): when forced alignment of a stretch fails (the speech is spontaneous,
noisy, or the recogniser's anchors were too sparse), recognise that stretch again with a
language model built from *its own* text only, which finds many more anchors, cut it into
smaller regions between them, and align those; repeat on what still fails. Runs in a worker
process (see :mod:`audiokit.align.sphinx`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from audiokit.align import sphinx
from audiokit.align.energy import frame_energy, quietest
from audiokit.align.matching import Token, plan_regions

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
    if len(plan.regions) <= 1 and not plan.absent:
        return [None] * len(tokens)
    out: list[sphinx.Placed | None] = [None] * len(tokens)
    for region in plan.regions:
        a, b = int(region.start * RATE), int(region.end * RATE)
        sub = align_region(res, samples[a:b].tobytes(), [tokens[k] for k in region.tokens],
                           offset + region.start, phones, depth + 1)
        for k, p in zip(region.tokens, sub):
            out[k] = p
    return out
