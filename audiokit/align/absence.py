"""Which transcript sentences were never spoken: gaps between matched words, and the absence test. Pure.

A *gap* is a run of transcript tokens the recogniser did not match, with the audio and the heard
words between its matched neighbours. A sentence wholly inside a gap is judged absent when that
audio is far too short for the gap's words, or when it holds other speech (see
:func:`absent_tokens`).
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Callable, Sequence
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


def cannot_hold(span: float, n: int, per_token: float) -> bool:
    """Whether ``span`` seconds are far too short for ``n`` transcript tokens: under 0.4 of the
    usual time and 1.5 s or more short of it (a word or two the recogniser swallowed is not).

    >>> cannot_hold(0.0, 1, 0.3), cannot_hold(0.7, 20, 0.35), cannot_hold(5.0, 20, 0.35)
    (False, True, False)
    """
    needed = n * per_token
    return span < 0.4 * needed and needed - span >= 1.5


def without_lone_edges(tokens: Sequence[Token], matched: dict[int, int]) -> dict[int, int]:
    """``matched`` without the words that are the only matched word of their sentence and sit at
    its edge, matched as the end of a run from the sentence before or the start of a run into
    the sentence after: such a run is evidence for the neighbouring sentence only (a heard "la"
    beginning the next sentence matched the "la" beginning a never-spoken one). It is still a
    word heard: :func:`absent_tokens` judges such a sentence absent for other speech only where
    its audio holds less than half the time its words need (a spoken Russian sentence, its first
    word heard and then little else, had 0.94 of it).

    >>> from audiokit.align.matching import Token
    >>> tokens = [Token(w, k, s) for k, (w, s) in enumerate(zip("a b la c d la e".split(), [0, 0, 1, 1, 1, 2, 2]))]
    >>> sorted(without_lone_edges(tokens, {0: 0, 1: 1, 2: 2, 5: 5, 6: 6}))
    [0, 1, 5, 6]
    """
    count: dict[int, int] = {}
    for k in matched:
        count[tokens[k].sentence] = count.get(tokens[k].sentence, 0) + 1
    lone = set()
    for k, h in matched.items():
        s = tokens[k].sentence
        if count[s] != 1:
            continue
        into_before = k > 0 and tokens[k - 1].sentence != s and matched.get(k - 1) == h - 1
        into_after = k + 1 < len(tokens) and tokens[k + 1].sentence != s and matched.get(k + 1) == h + 1
        if into_before or into_after:
            lone.add(k)
    return {k: h for k, h in matched.items() if k not in lone}


def absent_tokens(
    tokens: Sequence[Token], heard: Sequence[Heard], matched: dict[int, int], per_token: float,
    duration: float, sounding: Callable[[float, float], float] | None = None, lone: frozenset[int] = frozenset(),
) -> frozenset[int]:
    """Tokens of sentences judged never spoken.

    A gap is a run of unmatched tokens between matched ones. Its sentences that the recogniser
    matched almost nothing of are absent when the audio between the neighbouring matched words
    is far too short to hold them, or when the recogniser heard several words there that match
    none of them (the audio holds something else). ``sounding(start, end)`` gives the seconds of
    that audio louder than the background: where the recogniser heard nothing at all and the
    audio is a pause with little sound in it, far too little for the gap's words, they were not
    said, however short the sentence (the other-speech test needs five words). Where the gap
    also holds words of sentences said in part, its sound tells short sentences too
    (:func:`_unsaid_by_sound`). ``lone``: tokens left out of ``matched`` by :func:`without_lone_edges`.
    """
    absent: set[int] = set()
    per_sound = sound_per_token(heard, matched, sounding) if sounding is not None else None
    for gap in gaps(tokens, heard, matched, duration):
        i, j = gap.first, gap.last
        gap_heard = [h.text for h in heard[gap.heard_first : gap.heard_last]]
        sentences: dict[int, list[int]] = {}
        for k in range(i, j):
            sentences.setdefault(tokens[k].sentence, []).append(k)
        # Only sentences wholly inside the gap can be absent (a partly matched sentence was spoken).
        whole = [ks for s, ks in sentences.items() if sentence_inside(tokens, s, i, j)]
        needed = (j - i) * per_token
        too_short = gap.end - gap.start < 0.4 * needed
        if sounding is not None and not gap_heard and not too_short:
            too_short = sounding(gap.start, gap.end) < 0.4 * needed
        if too_short and len(whole) >= 2:  # too short for all of them: perhaps not for one
            # Measured by its sound where that is known: the pauses at a gap's edges (a turn
            # change) made a one-word sentence's 1.4 s gap look too long for it.
            speech = sounding(gap.start, gap.end) if sounding is not None else gap.end - gap.start
            kept = _best_fit(whole, (j - i) - sum(len(ks) for ks in whole), speech, per_token) or set()
            whole = [ks for q, ks in enumerate(whole) if q not in kept]
        for ks in whole:
            # Speech is there but not three words of this sentence in a row came out of it, even
            # from a recogniser biased towards them, and the audio does not fit the text (shorter
            # than it needs, or over 2.5 times longer): the audio holds something else. Audio
            # that fits gets the benefit of the doubt (recognition may simply have failed there).
            heard_any = _heard_in_place(tokens, heard, gap, ks, per_token)
            fits = needed <= gap.end - gap.start <= 2.5 * needed
            if any(k in lone for k in ks):  # its edge word was heard (see without_lone_edges)
                fits = gap.end - gap.start >= 0.5 * needed
            other_speech = len(gap_heard) >= 3 and not heard_any and not fits
            if too_short or (len(ks) >= 5 and other_speech):
                absent.update(ks)
        if sounding is not None and per_sound and not too_short:
            absent.update(_unsaid_by_sound(tokens, heard, gap, whole, sounding(gap.start, gap.end), per_sound,
                                           per_token))
    return frozenset(absent)


def sound_per_token(heard: Sequence[Heard], matched: dict[int, int],
                    sounding: Callable[[float, float], float]) -> float | None:
    """Seconds of sound (``sounding``) per transcript token over runs of five or more words heard
    one after the other (the median); None without such runs.

    >>> from audiokit.align.matching import Heard
    >>> heard = [Heard("w", 0.3 * k, 0.3 * k + 0.25) for k in range(6)]
    >>> sound_per_token(heard, {k: k for k in range(6)}, lambda a, b: 0.8 * (b - a))
    0.233
    """
    runs: list[list[int]] = []
    for k in sorted(matched):
        if runs and k == runs[-1][-1] + 1 and matched[k] == matched[runs[-1][-1]] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    rates = [sounding(heard[matched[r[0]]].start, heard[matched[r[-1]]].end) / len(r) for r in runs if len(r) >= 5]
    return round(statistics.median(rates), 3) if rates else None


def _unsaid_by_sound(tokens: Sequence[Token], heard: Sequence[Heard], gap: Gap, whole: Sequence[Sequence[int]],
                     sound: float, per_sound: float, per_token: float) -> set[int]:
    """Tokens of whole sentences in ``gap`` that its ``sound`` (seconds above the background)
    says were not said, however short: the gap also holds tokens of sentences said in part, none
    of the sentence's words was heard there, and the sound fits those other tokens (at
    ``per_sound`` seconds a token) clearly better without it than with it (:func:`_best_fit`,
    every choice of the gap's whole sentences weighed). A four-word never-spoken sentence
    between the end of one sentence and the start of the next had 0.98 s of sound, what the
    three other tokens need.

    >>> from audiokit.align.matching import Token
    >>> tokens = [Token(w, k, s) for k, (w, s) in enumerate(zip("a b c d e f g".split(), [0, 1, 1, 1, 1, 2, 2]))]
    >>> sorted(_unsaid_by_sound(tokens, [], Gap(0, 7, 0.0, 1.6, 0, 0), [[1, 2, 3, 4]], 0.9, 0.28, 0.33))
    [1, 2, 3, 4]
    >>> _unsaid_by_sound(tokens, [], Gap(0, 7, 0.0, 2.6, 0, 0), [[1, 2, 3, 4]], 1.9, 0.28, 0.33)
    set()

    Where neither choice stands out, the sentence is not judged unsaid (a spoken "¡Qué
    barbaridad!" at a turn's start, 4.07 s of sound for 9 other tokens at 0.343 s, was):

    >>> two = [Token(w, k, 0 if k < 9 else 1) for k, w in enumerate("a b c d e f g h i j k".split())]
    >>> _unsaid_by_sound(two, [], Gap(0, 11, 0.0, 5.2, 0, 0), [[9, 10]], 4.07, 0.343, 0.4)
    set()
    """
    partial = (gap.last - gap.first) - sum(len(ks) for ks in whole)
    gap_heard = {h.text for h in heard[gap.heard_first : gap.heard_last]}
    quiet = [q for q, ks in enumerate(whole) if not gap_heard & {tokens[k].text for k in ks}
             and not _heard_in_place(tokens, heard, gap, ks, per_token)]
    if not partial or not quiet or len(whole) > 4:
        return set()
    kept = _best_fit(whole, partial, sound, per_sound, every=True)
    if kept is None:  # no choice stands out: the sound does not say they were left out
        return set()
    return {k for q in quiet if q not in kept for k in whole[q]}


def _best_fit(whole: Sequence[Sequence[int]], partial: int, span: float, per_token: float,
              every: bool = False) -> set[int] | None:
    """Of the whole sentences in a gap far too short for all of them, those (indices into
    ``whole``) that were said there after all: the choice whose usual length (with the gap's
    ``partial`` tokens of sentences matched in part) fits ``span`` seconds best, within a factor
    of two and clearly better (by a factor of 1.5) than every other choice; ``None`` when no
    choice stands out. A never-spoken sentence beside a spoken one took the spoken one with it
    ("Jo encara tinc por del trànsit", 6 words in 2.6 s, after 16 never said). With ``every``,
    keeping them all is one of the choices (else the gap is known to be far too short for that).

    >>> _best_fit([range(16), range(6)], 0, 2.6, 0.34)
    {1}
    >>> _best_fit([range(6), range(6)], 0, 2.0, 0.34) is None
    True
    """
    if len(whole) > 4 or span <= 0:
        return None
    scored = []
    for n in range(0 if partial else 1, len(whole) + 1 if every else len(whole)):
        for keep in itertools.combinations(range(len(whole)), n):
            need = (partial + sum(len(whole[q]) for q in keep)) * per_token
            scored.append((abs(math.log(span / need)), keep))
    scored.sort()
    best = scored[0] if scored else (math.inf, ())
    if best[0] <= math.log(2.0) and all(other - best[0] >= math.log(1.5) for other, _ in scored[1:]):
        return set(best[1])
    return None


def _heard_in_place(tokens: Sequence[Token], heard: Sequence[Heard], gap: Gap, ks: Sequence[int],
                    per_token: float) -> bool:
    """Whether three words of the sentence ``ks`` in a row were heard in ``gap`` where they could
    have been said: with audio between the gap's start and them, and between them and the gap's
    end, not far too short for the gap's tokens on each side (:func:`cannot_hold`). Three words heard
    where the rest of the sentence cannot fit came from other speech.

    >>> from audiokit.align.matching import Heard, Token
    >>> tokens = [Token(w, k, 0 if k < 4 else 1) for k, w in enumerate("a b c d e f g h i".split())]
    >>> heard = [Heard(w, t, t + 0.3) for w, t in zip("x e f g y".split(), [0.0, 0.3, 0.6, 0.9, 1.2])]
    >>> _heard_in_place(tokens, heard, Gap(4, 9, 0.0, 1.5, 0, 5), [4, 5, 6, 7, 8], 0.3)
    True

    With six more tokens after the sentence, the 0.1 s left after "e f g" cannot hold them:

    >>> more = tokens + [Token(w, 9 + k, 2) for k, w in enumerate("j k l m n o".split())]
    >>> _heard_in_place(more, heard, Gap(4, 15, 0.0, 1.6, 0, 5), [4, 5, 6, 7, 8], 0.3)
    False
    """
    texts = [tokens[k].text for k in ks]
    for h in range(gap.heard_first, gap.heard_last - 2):
        run = (heard[h].text, heard[h + 1].text, heard[h + 2].text)
        for m in range(len(ks) - 2):
            if tuple(texts[m : m + 3]) != run:
                continue
            before, after = ks[m] - gap.first, gap.last - ks[m] - 3
            if not (cannot_hold(heard[h].start - gap.start, before, per_token)
                    or cannot_hold(gap.end - heard[h + 2].end, after, per_token)):
                return True
    return False


def sentence_inside(tokens: Sequence[Token], sentence: int, i: int, j: int) -> bool:
    """Whether no token of ``sentence`` lies outside tokens ``i``..``j - 1`` (the caller passes
    a sentence with tokens in that range: then all of it is inside)."""
    before = i == 0 or tokens[i - 1].sentence != sentence
    after = j >= len(tokens) or tokens[j].sentence != sentence
    return before and after


def unplaced_sentences(sentence: Sequence[int], kinds: Sequence[str], run: int = 3) -> frozenset[int]:
    """Tokens of whole sentences that no method placed from the audio: not one token placed
    (``kinds[k]`` ``"placed"``: by the forced pass or DTW), fewer than ``run`` tokens with only
    the recogniser's times (``"heard"``), and at least half interpolated (``"interpolated"``;
    ``"none"``: no time), twice as many as heard. The forced pass failed on the whole sentence and DTW could not place it
    either: the audio there says something else, and the few words heard were chance matches in
    that other speech ("и многие", heard in a left-out "немного странно", kept a never-spoken
    sentence of nine tokens from being judged absent; its words were interpolated over the
    other speech). ``sentence[k]``: token ``k``'s sentence.

    >>> kinds = ["placed"] * 2 + ["interpolated", "heard", "heard"] + ["interpolated"] * 3 + ["heard", "interpolated"]
    >>> sorted(unplaced_sentences([0, 0, 1, 1, 1, 1, 1, 1, 2, 2], kinds))
    [2, 3, 4, 5, 6, 7]
    """
    out: set[int] = set()
    by: dict[int, list[int]] = {}
    for k, s in enumerate(sentence):
        by.setdefault(s, []).append(k)
    for ks in by.values():
        count = {kind: sum(1 for k in ks if kinds[k] == kind) for kind in ("placed", "heard", "interpolated")}
        heard, interpolated = count["heard"], count["interpolated"]
        if not count["placed"] and heard < run and interpolated >= 2 * heard and 2 * interpolated >= len(ks):
            out.update(ks)
    return frozenset(out)
