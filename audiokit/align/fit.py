"""Whether the transcript belongs to the audio at all, judged from the recognition pass. Pure.

Two tests, both over what the recogniser heard with the transcript's own language model:
too few transcript words heard (every transcript word counts, those without a pronunciation
included), or too few of the words heard agreeing with the transcript. The second catches a
short transcript against long other audio, and a transcript in another language than the
audio, where the language model makes the recogniser "hear" a few of the transcript's short
words by chance, scattered over everything heard.
"""

from __future__ import annotations

from collections.abc import Sequence

from audiokit.align.matching import Heard, Plan, Token
from audiokit.errors import MismatchError

MIN_HEARD = 0.1  # below this share of transcript words heard, there is no useful alignment
# Below this share of heard words agreeing with the transcript (over at least MIN_AGREE_HEARD
# heard words), the transcript belongs to other audio: measured 0.04-0.06 for Italian
# transcripts on English speech, 0.7 and more on every benchmark episode.
MIN_AGREEMENT, MIN_AGREE_HEARD = 0.25, 30


def agreement(matched: dict[int, int], heard_count: int) -> float:
    """Share of the words heard between the first and the last matched one that match the
    transcript. Audio that belongs to the transcript agrees closely (speech the transcript
    lacks only lowers it a little); a transcript of other audio, in another language or not,
    matches a few short words by chance, scattered over everything heard.

    >>> agreement({0: 1, 1: 2, 5: 3}, 10), agreement({0: 0, 1: 40}, 50)
    (1.0, 0.04878048780487805)
    """
    if not matched or not heard_count:
        return 0.0
    first, last = min(matched.values()), max(matched.values())
    return len(matched) / (last - first + 1)


def refuse_mismatch(tokens: Sequence[Token], heard: Sequence[Heard], plan: Plan, word_count: int) -> None:
    """Raise :class:`MismatchError` when the transcript does not belong to the audio."""
    heard_share = len({tokens[k].word for k in plan.matched}) / max(1, word_count)
    if heard_share < MIN_HEARD:
        raise MismatchError(
            f"only {heard_share:.0%} of the transcript's words were heard in the audio: "
            "the transcript probably belongs to other audio, or the audio holds no speech"
        )
    agree = agreement(plan.matched, len(heard))
    if len(heard) >= MIN_AGREE_HEARD and agree < MIN_AGREEMENT:
        raise MismatchError(
            f"only {agree:.0%} of the words heard in the audio match the transcript: "
            "the transcript probably belongs to other audio (or is in another language)"
        )
