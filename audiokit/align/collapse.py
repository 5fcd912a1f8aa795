"""A recognition pass that collapsed, heard again in pieces. Pure: the recogniser and the choice
of cut points are passed in.

Now and then pocketsphinx's search loses every path but one over a stretch it cannot follow and
returns a single "word" for most of the audio it was given: music running into speech did this
(a 36-second word over the intro music and the first 24 s of speech of a rough Hindi variant,
a 21-second one in another). No spoken word lasts :data:`COLLAPSED` seconds, so such a word marks
a failed pass, not something heard. The same audio cut in two at its quietest point in the middle
(often where the music gives way to the speech) is heard properly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audiokit.align.matching import Heard

COLLAPSED = 5.0  # seconds: longer than any spoken word, even one stretched over a pause
SMALLEST = 2 * COLLAPSED  # a piece shorter than this is not cut again


def collapsed(heard: list[Heard]) -> bool:
    """Whether a pass returned a "word" no one could say (:data:`COLLAPSED` seconds or longer).

    >>> from audiokit.align.matching import Heard
    >>> collapsed([Heard("a", 0.0, 0.4)]), collapsed([Heard("a", 0.2, 21.0)])
    (False, True)
    """
    return any(h.end - h.start >= COLLAPSED for h in heard)


def hear_apart(hear: Callable[[float, float], list[Heard]], quiet: Callable[[float, float], float],
               start: float, end: float, heard: list[Heard] | None = None) -> list[Heard]:
    """What ``hear(start, end)`` heard (``heard`` if already known), where it collapsed
    (:func:`collapsed`) what the collapsed word's audio holds instead: that audio (from ``start``
    when the word began within a second of it) is cut at ``quiet`` (the quietest point) of its
    middle third and each half heard again, and so on while a half collapses and is
    :data:`SMALLEST` seconds or longer. The words heard outside the collapsed one stay as they
    were heard; a collapsed word that remains is dropped: it was not heard.

    >>> from audiokit.align.matching import Heard
    >>> def hear(a, b):  # collapses over anything that holds both the music (before 12 s) and speech
    ...     return [Heard("x", a, b)] if a < 12 < b else [Heard("w", t, t + 0.3) for t in range(int(a), int(b))]
    >>> [h.start for h in hear_apart(hear, lambda a, b: 12.0, 6.0, 18.0)]
    [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]
    >>> hear_apart(hear, lambda a, b: 12.0, 11.0, 19.0)
    []
    """
    heard = hear(start, end) if heard is None else heard
    endless = [h for h in heard if h.end - h.start >= COLLAPSED]
    if not endless:
        return heard
    out = [h for h in heard if h.end - h.start < COLLAPSED]
    for word in endless:
        a, b = (start if word.start - start < 1.0 else word.start), min(end, word.end)
        if b - a < SMALLEST:
            continue
        third = (b - a) / 3
        cut = min(max(quiet(a + third, b - third), a + third), b - third)
        out += hear_apart(hear, quiet, a, cut) + hear_apart(hear, quiet, cut, b)
    return sorted(out, key=lambda h: h.start)
