"""Which transcript sentences were never spoken: gaps between matched words, and the absence test. Pure.

A *gap* is a run of transcript tokens the recogniser did not match, with the audio and the heard
words between its matched neighbours. A sentence wholly inside a gap is judged absent when that
audio is far too short for the gap's words, or when it holds other speech (see
:func:`absent_tokens`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audiokit.align.matching import Heard, Token


@dataclass(frozen=True)
class Gap:
    """Transcript tokens ``first``..``last - 1`` that the recogniser did not match, the audio
    between their matched neighbours, and the heard words ``heard_first``..``heard_last - 1`` there."""

    first: int
    last: int
    start: float
    end: float
    heard_first: int = 0
    heard_last: int = 0


def gaps(tokens: Sequence[Token], heard: Sequence[Heard], matched: dict[int, int], duration: float) -> list[Gap]:
    """Every maximal run of unmatched tokens, with the audio and heard words between its neighbours."""
    gaps = []
    n, i = len(tokens), 0
    while i < n:
        if i in matched:
            i += 1
            continue
        j = i
        while j < n and j not in matched:
            j += 1
        gaps.append(Gap(
            i, j,
            heard[matched[i - 1]].end if i > 0 else 0.0,
            heard[matched[j]].start if j < n else duration,
            matched[i - 1] + 1 if i > 0 else 0,
            matched[j] if j < n else len(heard),
        ))
        i = j
    return gaps


def absent_tokens(
    tokens: Sequence[Token], heard: Sequence[Heard], matched: dict[int, int], per_token: float,
    duration: float,
) -> frozenset[int]:
    """Tokens of sentences judged never spoken.

    A gap is a run of unmatched tokens between matched ones. Its sentences that the recogniser
    matched almost nothing of are absent when the audio between the neighbouring matched words
    is far too short to hold them, or when the recogniser heard several words there that match
    none of them (the audio holds something else).
    """
    absent: set[int] = set()
    for gap in gaps(tokens, heard, matched, duration):
        i, j = gap.first, gap.last
        gap_heard = [h.text for h in heard[gap.heard_first : gap.heard_last]]
        gap_runs = set(zip(gap_heard, gap_heard[1:], gap_heard[2:]))
        sentences: dict[int, list[int]] = {}
        for k in range(i, j):
            sentences.setdefault(tokens[k].sentence, []).append(k)
        # Only sentences wholly inside the gap can be absent (a partly matched sentence was spoken).
        whole = [ks for s, ks in sentences.items() if sentence_inside(tokens, s, i, j)]
        needed = (j - i) * per_token
        too_short = gap.end - gap.start < 0.4 * needed
        for ks in whole:
            # Speech is there but not three words of this sentence in a row came out of it, even
            # from a recogniser biased towards them, and the audio does not fit the text (shorter
            # than it needs, or over 2.5 times longer): the audio holds something else. Audio
            # that fits gets the benefit of the doubt (recognition may simply have failed there).
            texts = [tokens[k].text for k in ks]
            heard_any = any(run in gap_runs for run in zip(texts, texts[1:], texts[2:]))
            fits = needed <= gap.end - gap.start <= 2.5 * needed
            other_speech = len(gap_heard) >= 3 and not heard_any and not fits
            if too_short or (len(ks) >= 5 and other_speech):
                absent.update(ks)
    return frozenset(absent)


def sentence_inside(tokens: Sequence[Token], sentence: int, i: int, j: int) -> bool:
    before = i == 0 or tokens[i - 1].sentence != sentence
    after = j >= len(tokens) or tokens[j].sentence != sentence
    return before and after
