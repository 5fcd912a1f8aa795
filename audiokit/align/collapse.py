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
    """What ``hear(start, end)`` heard (``heard`` if already known), and where that collapsed
    (:func:`collapsed`), what each half heard instead: the audio cut at ``quiet`` (the quietest
    point) of its middle third, again while a half collapses and is :data:`SMALLEST` seconds or
    longer. A collapsed word that remains is dropped: it was not heard.

    >>> from audiokit.align.matching import Heard
    >>> def hear(a, b):  # collapses over anything that holds both the music (before 12 s) and speech
    ...     return [Heard("x", a, b)] if a < 12 < b else [Heard("w", t, t + 0.3) for t in range(int(a), int(b))]
    >>> [h.start for h in hear_apart(hear, lambda a, b: 12.0, 6.0, 18.0)]
    [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]
    >>> hear_apart(hear, lambda a, b: 12.0, 11.0, 19.0)
    []
    """
    heard = hear(start, end) if heard is None else heard
    if not collapsed(heard):
        return heard
    if end - start < SMALLEST:
        return [h for h in heard if h.end - h.start < COLLAPSED]
    third = (end - start) / 3
    cut = min(max(quiet(start + third, end - third), start + third), end - third)
    return hear_apart(hear, quiet, start, cut) + hear_apart(hear, quiet, cut, end)
