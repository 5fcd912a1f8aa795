"""Leaving cuts out of a stream of samples (pure numpy): each splice is a short equal-power
crossfade centred on it, so no click is heard where two stretches meet, and the output is
exactly as long as the kept stretches (a time after a cut moves earlier by the cut, as
:class:`~audiokit.edit.timemap.TimeMap` says). Blocks come in and go out in order; memory is one
block and a crossfade whatever the length.

>>> import numpy as np
>>> x = np.arange(10, dtype=np.float32).reshape(-1, 1)
>>> out = np.concatenate(list(splice([x[:4], x[4:]], [(3, 7)], fade=0)))
>>> out[:, 0].tolist()
[0.0, 1.0, 2.0, 7.0, 8.0, 9.0]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np

__all__ = ["FADE", "splice"]

FADE = 0.008  # seconds of each crossfade: under a 10 ms frame, so it stays in the quiet a cut falls in


def splice(blocks: Iterable[np.ndarray], cuts: Sequence[tuple[int, int]], fade: int) -> Iterator[np.ndarray]:
    """The samples of ``blocks`` (arrays of frames x channels, in order) without the sample
    ranges ``cuts`` (``[start, end)``, in order, not overlapping), crossfading ``fade`` samples
    (even) across each splice. A cut shorter than ``fade`` samples, or a kept stretch between two
    cuts shorter than it, is a :class:`ValueError`: the crossfades would overlap."""
    half = fade // 2
    segments: list[tuple[int, int]] = []  # source ranges kept, each reaching half a fade into the cuts beside it
    start, kept_from = 0, -half  # the first stretch needs only half a fade before its cut
    for a, b in cuts:
        if b - a < fade or a - kept_from < fade:
            raise ValueError(f"cut {a}-{b} is too short or too close to the one before for a {fade}-sample crossfade")
        segments.append((start, a + half))
        start, kept_from = b - half, b
    segments.append((start, -1))  # to the end
    t = np.arange(fade, dtype=np.float64) + 0.5
    rise = np.sin(np.pi / 2 * t / fade)[:, None] if fade else np.zeros((0, 1))
    fall = np.cos(np.pi / 2 * t / fade)[:, None] if fade else np.zeros((0, 1))
    k = 0
    pos = 0
    emitted = 0
    dtype = np.dtype(np.float32)
    mix: np.ndarray | None = None  # the fade-out of the stretch before, which the next fade-in is added to
    for block in blocks:
        n = len(block)
        while k < len(segments) and n:
            s, e = segments[k]
            last = e < 0
            lo, hi = max(pos, s), pos + n if last else min(pos + n, e)
            if lo < hi:
                piece = np.asarray(block[lo - pos: hi - pos], np.float64)
                offsets = np.arange(lo, hi) - s
                if k and offsets[0] < fade:  # the fade-in, added to the fade-out before it
                    upto = min(hi - lo, fade - int(offsets[0]))
                    assert mix is not None
                    mix[offsets[0]: offsets[0] + upto] += piece[:upto] * rise[offsets[0]: offsets[0] + upto]
                    if offsets[0] + upto == fade:
                        yield mix.astype(block.dtype)
                        emitted += fade
                        mix = None
                    piece, offsets = piece[upto:], offsets[upto:]
                if not last and len(piece):
                    tail = (e - s) - fade  # where this stretch's fade-out begins
                    body = piece[offsets < tail]
                    if len(body):
                        yield body.astype(block.dtype)
                        emitted += len(body)
                    fading = offsets >= tail
                    if fading.any():
                        if offsets[fading][0] == tail:
                            mix = np.zeros((fade, block.shape[1]))
                        assert mix is not None
                        rel = offsets[fading] - tail
                        mix[rel] = piece[fading] * fall[rel]
                elif len(piece):
                    yield piece.astype(block.dtype)
                    emitted += len(piece)
            if not last and pos + n >= e:
                k += 1
            else:
                break
        pos += n
        dtype = block.dtype
    if mix is not None:  # the stream ended inside a cut or a crossfade: as much of it as was kept
        kept = pos - sum(max(0, min(b, pos) - min(a, pos)) for a, b in cuts)
        if kept > emitted:
            yield mix[: kept - emitted].astype(dtype)
