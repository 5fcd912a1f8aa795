"""Where a sentence's first word begins: at the end of the last pause before the rest of its
sentence. Pure (the pauses are given as a function; spans in, spans out).

Outside English (:func:`audiokit.align.aligner.align`). A sentence begins after a pause; inside a
sentence, a pause after its first word needs a written mark (a comma, a colon). The forced pass
breaks that in rough audio in three ways, seen on rough variants of five tuning languages:

- it puts the first word before the pause, wholly detached from the rest of its sentence: over the
  intro music ("Buongiorno" 4.6 s early in every rough Italian variant), over a sentence the
  transcript lacks ("Sóc", 1.0 s), or a one-sound word at the pause's start ("В прошлом году",
  180-190 ms early);
- it stretches the first word back over the pause and the sound before it ("Fins i tot", 175 ms);
- it starts the word after the sound that begins it, leaving that sound unclaimed between the
  pause and the word ("All'inizio", 530 ms late).

In each case the word is made to start at the end of the last clear pause between the previous
placed word and the next word of its sentence. A word begun less than :data:`LATE_FROM` after
the pause keeps its start: the pause test smooths the energy over 50 ms, so its pause ends
30-40 ms before the sound rises, and on the clean sets (it, cs, ca, hi, ru) moving such starts
to it made Hindi's sentence starts worse (mean error 16 -> 43 ms); likewise a word reaching less
than :data:`INTO` back into the pause keeps its start. Only a short stretch of unclaimed sound
(:data:`LATE_SOUND`) is given to a word that starts late: more than that may be speech the
transcript lacks, said with no pause before the sentence. A word is never made longer than
:data:`STRETCH` times what its letters take at the episode's own pace (a floor of
:data:`LONGEST_FLOOR`): where the pause before it went unfound, the last pause found may lie inside
the speech before it ("У", one letter, would have spanned the 0.8 s of a left-out "дача").
Where the sentence's next word begins where a pause of :data:`INSIDE` or more ends (within
:data:`TOOK`; a shorter pause may be that word's own stop closure), that word took the first
word's sound: the first word gets its usual length after the pause and the next word starts
after it ("У моих": "У" was left 0.46 s early over a left-out "дача", "моих" starting at the
pause's end).
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Callable, Collection, Sequence

LATE_SOUND = 0.6  # seconds of unclaimed sound before a late first word that it may take
INTO = 0.05  # seconds a first word may reach back into the pause before it (the pause test's smoothing)
LATE_FROM = 0.15  # seconds of unclaimed sound a word's onset may leave: its rise, or the pause test's smoothing
SHORTEST = 0.03  # seconds a word keeps at least
STRETCH = 2.5  # times the usual length of a word's letters it may grow to
LONGEST_FLOOR = 0.3  # seconds any word may grow to
INSIDE = 0.15  # seconds a pause inside the first word must last to be no stop's closure
TOOK = 0.05  # seconds a pause may end after the next word's start (that word then took the first one's sound)


def marked(text: str) -> bool:
    """True if a written word ends with punctuation (a pause after it is written).

    >>> marked("Lungo,"), marked("है।"), marked("Buongiorno"), marked("dell'ISTAT")
    (True, True, False, False)
    """
    return bool(text) and unicodedata.category(text[-1]).startswith("P")


def sentence_onsets(
    spans: Sequence[tuple[float, float] | None],
    sentence: Sequence[int],
    word: Sequence[int],
    written: Callable[[int], str],
    pauses: Callable[[float, float], list[tuple[float, float]]],
    keep: Collection[int] = (),
    letters: Sequence[int] | None = None,
) -> list[tuple[float, float] | None]:
    """``spans`` (one per token, ``None`` where unplaced) with each sentence's first word moved
    to begin at the end of the last pause between the previous placed token and the next word
    of its sentence (see the module docstring).

    ``sentence[k]`` and ``word[k]`` are token ``k``'s sentence and word; ``written(w)`` is word
    ``w`` as written; ``pauses(a, b)`` the clear pauses begun before ``b`` and ending after ``a``
    (:func:`audiokit.align.energy.pauses`). Tokens in ``keep`` (interpolated) are left alone, and
    so are sentences whose first word is written with punctuation after it or has no next word.
    ``letters[k]``: token ``k``'s letters, for the longest a word may grow to (every token one
    letter when not given).

    >>> p = lambda a, b: [(1.0, 1.6)]  # one pause, 1.0-1.6 s
    >>> [(round(a, 2), round(b, 2)) for a, b in sentence_onsets(
    ...     [(0.2, 0.9), (0.9, 1.0), (1.9, 2.3)], [0, 1, 1], [0, 1, 2], lambda w: "x", p)]
    [(0.2, 0.9), (1.6, 1.9), (1.9, 2.3)]
    """
    out = list(spans)
    n = len(spans)
    size = list(letters) if letters is not None else [1] * n
    rates = [(s[1] - s[0]) / max(1, size[k]) for k, s in enumerate(spans) if s is not None and k not in keep]
    rate = statistics.median(rates) if rates else 0.0
    k = 0
    while k < n:
        first = k
        while k < n and sentence[k] == sentence[first]:
            k += 1
        ks = [i for i in range(first, k) if word[i] == word[first]]
        rest = ks[-1] + 1
        if rest >= k or any(i in keep for i in (*ks, rest)) or marked(written(word[first])):
            continue
        head, tail, after = out[ks[0]], out[ks[-1]], out[rest]
        if head is None or tail is None or after is None or any(out[i] is None for i in ks):
            continue
        start, end, nxt = head[0], tail[1], after[0]
        before = next((s[1] for s in reversed(out[:first]) if s is not None), 0.0)
        found = [p for p in pauses(before, nxt + TOOK) if before < p[1] <= nxt - SHORTEST
                 or nxt - SHORTEST < p[1] <= nxt + TOOK and p[1] - p[0] >= INSIDE]  # not the next word's closure
        if not found:
            continue
        onset = found[-1][1]
        if found[-1][1] - found[-1][0] < INSIDE and start < found[-1][0] < end:
            continue  # as short as a stop's closure, inside the word: may be part of it
        if end <= onset and nxt - onset < SHORTEST:  # detached, and its sentence's next word took its sound
            usual = max(SHORTEST, min(end - start, rate * sum(max(1, size[i]) for i in ks)))
            if after[1] - (onset + usual) >= SHORTEST:
                _spread(out, ks, (start, end), (onset, onset + usual))
                out[rest] = (round(onset + usual, 3), after[1])
            continue
        if end <= onset:  # detached before the pause: it is the sound between the pause and its sentence
            new = (onset, nxt)
        elif start <= onset - INTO or LATE_FROM <= start - onset <= LATE_SOUND:  # stretched back, or begun late
            new = (onset, end)
        else:
            continue
        longest = max(LONGEST_FLOOR, STRETCH * rate * sum(max(1, size[i]) for i in ks), end - start)
        if SHORTEST <= new[1] - new[0] <= longest:
            _spread(out, ks, (start, end), new)
    return out


def _spread(out: list[tuple[float, float] | None], ks: Sequence[int], old: tuple[float, float],
            new: tuple[float, float]) -> None:
    """Move a word's tokens from ``old`` to ``new``, keeping their shares of the word's length.

    >>> out = [(1.0, 1.5), (1.5, 2.0)]
    >>> _spread(out, [0, 1], (1.0, 2.0), (3.0, 3.5)); out
    [(3.0, 3.25), (3.25, 3.5)]
    """
    scale = (new[1] - new[0]) / (old[1] - old[0]) if old[1] > old[0] else 0.0
    for i in ks:
        span = out[i]
        if span is None:
            continue
        a, b = span
        if scale:
            a, b = new[0] + (a - old[0]) * scale, new[0] + (b - old[0]) * scale
        else:
            a, b = new
        out[i] = (round(a, 3), round(b, 3))
