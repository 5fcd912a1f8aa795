"""Where the forced pass is needed, and where the recogniser's own word times are kept (issue 14).

Inside a run of transcript words that the recognition pass heard one after the other, the
recogniser's word starts are as close to the truth as the forced pass's (measured with
``scripts/measure_recognition_times.py``); at a run's edges, and for words it did not match,
they are not. So each planned region is force-aligned only in *windows*: every stretch of
tokens that are not kept, widened with kept neighbours to at least ``min_seconds`` of audio (a
forced alignment of a few hundred milliseconds has too little speech to settle on), and cut at
the recogniser's boundary of the kept word beyond.

Only where the background is quiet (:func:`quiet_background`): in noise (seed-rough, 25 dB SNR)
the recogniser's downsampled search runs words into the short pauses before them (a quarter
second early after a comma), and its starts were worse than the forced pass's (within 50 ms
96.2% against 97.0%). There the whole region is force-aligned, as before. Everything here is
pure.

>>> kept_tokens({0: 0, 1: 1, 2: 2, 3: 4, 4: 5, 5: 6}, 6)
frozenset({1, 4})
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from audiokit.align.energy import HOP
from audiokit.align.matching import Heard, Plan, Region
from audiokit.align.sphinx import Placed
from audiokit.frames import frame_range

MIN_WINDOW = 1.5  # seconds of audio a forced window spans at least
# Loud speech (90th percentile of frame energy) this far above the background (10th) counts
# as a quiet background. Set between the benchmark sets' regions: noisy ones 11-35 dB (seed-rough
# at most 32, real-mfa), clean ones at least 44 (seed-full, real-gold; lang-it, lang-cs 82).
QUIET_BACKGROUND_DB = 40.0


@dataclass(frozen=True)
class Window:
    """Tokens of region ``region`` to force-align within ``start``..``end`` seconds."""

    region: int
    tokens: tuple[int, ...]
    start: float
    end: float


def kept_tokens(matched: Mapping[int, int], n: int, margin: int = 1) -> frozenset[int]:
    """Tokens whose ``margin`` neighbours on either side are matched too and were heard one
    after the other with them: the recogniser's times are kept for these.

    >>> sorted(kept_tokens({0: 0, 1: 1, 2: 2, 3: 3}, 5, margin=1))
    [1, 2]
    """
    out = set()
    for k in range(margin, n - margin):
        h = matched.get(k)
        if h is not None and all(matched.get(k + d) == h + d for d in range(-margin, margin + 1)):
            out.add(k)
    return frozenset(out)


def quiet_background(db: np.ndarray, start: float, end: float, hop: float = HOP,
                     min_db: float = QUIET_BACKGROUND_DB) -> bool:
    """Whether the background between ``start`` and ``end`` seconds lies ``min_db`` or more
    under loud speech (frame energies ``db``, see :func:`audiokit.align.energy.frame_energy`).

    >>> speech = np.array([-20.0] * 70 + [-80.0] * 30, np.float32)
    >>> quiet_background(speech, 0.0, 1.0), quiet_background(np.maximum(speech, -45.0), 0.0, 1.0)
    (True, False)
    """
    seg = db[slice(*frame_range(start, end, len(db), hop))]
    if len(seg) == 0:
        return False
    low, high = np.percentile(seg, [10, 90])
    return bool(high - low >= min_db)


def windows(plan: Plan, heard: Sequence[Heard], kept: frozenset[int],
            min_seconds: float = MIN_WINDOW) -> list[Window]:
    """The stretches of each region that need the forced pass (see the module docstring). A
    region with nothing kept is one window, the whole region.

    >>> heard = [Heard(w, i * 0.5, i * 0.5 + 0.4) for i, w in enumerate("a b c d e f g h".split())]
    >>> plan = Plan((Region(tuple(range(8)), 0.0, 4.0),), frozenset(), (), {k: k for k in range(8)}, 0.5)
    >>> [(w.tokens, w.start, w.end) for w in windows(plan, heard, frozenset({1, 2, 3, 4, 5, 6}), 1.0)]
    [((0, 1), 0.0, 1.0), ((6, 7), 2.9, 4.0)]
    """
    out: list[Window] = []
    for r, region in enumerate(plan.regions):
        ks = region.tokens
        spans: list[list[int]] = []
        i = 0
        while i < len(ks):
            if ks[i] in kept:
                i += 1
                continue
            j = i
            while j < len(ks) and ks[j] not in kept:
                j += 1
            a, b = i, j
            while (a > 0 or b < len(ks)) and _length(_bounds(region, a, b, plan, heard)) < min_seconds:
                a, b = max(0, a - 1), min(len(ks), b + 1)
                # A window ends next to a kept token: one it reaches that is not kept joins it.
                while a > 0 and ks[a - 1] not in kept:
                    a -= 1
                while b < len(ks) and ks[b] not in kept:
                    b += 1
            if spans and a <= spans[-1][1]:
                spans[-1][1] = b
            else:
                spans.append([a, b])
            i = b
        out += [Window(r, ks[a:b], *_bounds(region, a, b, plan, heard)) for a, b in spans]
    return out


def _bounds(region: Region, a: int, b: int, plan: Plan, heard: Sequence[Heard]) -> tuple[float, float]:
    """The audio of the region's tokens ``a``..``b - 1``: from the end of the (kept) token before
    them as heard, or the region's start, to the start of the one after, or the region's end."""
    ks = region.tokens
    start = region.start if a == 0 else heard[plan.matched[ks[a - 1]]].end
    end = region.end if b == len(ks) else heard[plan.matched[ks[b]]].start
    return max(start, region.start), min(end, region.end)


def _length(span: tuple[float, float]) -> float:
    return span[1] - span[0]


def assemble(plan: Plan, heard: Sequence[Heard], wins: Sequence[Window],
             results: Sequence[Sequence[Placed | None]]) -> tuple[list[list[Placed | None]], set[int]]:
    """Each region's token times: a window's forced times where it has them, the recogniser's
    elsewhere; and the regions where a window could not be placed whole (to be force-aligned
    whole instead: a window's failure says the recogniser's boundaries there are doubtful).

    >>> heard = [Heard(w, i * 0.5, i * 0.5 + 0.4) for i, w in enumerate("a b c".split())]
    >>> plan = Plan((Region((0, 1, 2), 0.0, 1.5),), frozenset(), (), {0: 0, 1: 1, 2: 2}, 0.5)
    >>> placed, failed = assemble(plan, heard, [Window(0, (2,), 0.9, 1.5)], [[Placed(1.02, 1.4)]])
    >>> [(p.start, p.end) for p in placed[0]], failed
    ([(0.0, 0.4), (0.5, 0.9), (1.02, 1.4)], set())
    """
    forced: dict[int, Placed | None] = {}
    failed = set()
    for w, got in zip(wins, results):
        forced.update(zip(w.tokens, got))
        if any(p is None for p in got):
            failed.add(w.region)
    placed: list[list[Placed | None]] = []
    for region in plan.regions:
        row: list[Placed | None] = []
        for k in region.tokens:
            if k in forced:
                row.append(forced[k])
            else:
                h = heard[plan.matched[k]]
                row.append(Placed(h.start, h.end))
        placed.append(row)
    return placed, failed
