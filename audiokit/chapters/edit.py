"""Reading back a chapters.json that a person edited: titles renamed, starts moved,
chapters deleted or added. Each start is snapped to the nearest sentence start of the
episode (the first chapter always opens at 0:00) and the list is checked before anything is
written.

>>> from audiokit.chapters.model import TimedSentence
>>> s = [TimedSentence(i, t, t + 4, "x", i, "A", True, 0.5) for i, t in enumerate([0.5, 10.0, 20.0, 30.0])]
>>> doc = '{"chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 18.7, "title": " Money "}]}'
>>> from_json(doc, s, 40.0)
(Chapter(start=0.0, end=19.75, title='Intro', first_sentence_index=0), Chapter(start=19.75, end=40.0, title='Money', first_sentence_index=2))
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from audiokit.chapters.model import Chapter, TimedSentence
from audiokit.chapters.timefmt import short_clock
from audiokit.errors import FormatError

TOLERANCE = 0.5  # seconds past the end of the episode a start or end may say


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise FormatError(f"{where}: expected seconds, got {value!r}")
    return float(value)


def parse(text: str) -> list[tuple[float, float | None, str]]:
    """``(start, end or None, title)`` of every chapter of a Podcasting 2.0 chapters text, in
    file order; :class:`FormatError` names the first problem.

    >>> parse('{"version": "1.2.0", "chapters": [{"startTime": 1.5, "title": "A"}]}')
    [(1.5, None, 'A')]
    """
    return _entries(_chapters(text))


def _chapters(text: str) -> list[dict[str, Any]]:
    """The chapter objects of a chapters text; :class:`FormatError` when it has none."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError.broken_json(exc) from None
    raw = doc.get("chapters") if isinstance(doc, dict) else None
    if not isinstance(raw, list) or not raw:
        raise FormatError('not a chapters file: expected {"chapters": [{"startTime", "title"}, ...]}')
    for k, c in enumerate(raw, start=1):
        if not isinstance(c, dict):
            raise FormatError(f"chapter {k}: expected an object")
    return raw


def _entries(raw: list[dict[str, Any]]) -> list[tuple[float, float | None, str]]:
    out = []
    for k, c in enumerate(raw, start=1):
        start = _number(c.get("startTime", c.get("start")), f"chapter {k} startTime")
        end = c.get("endTime", c.get("end"))
        title = c.get("title")
        if title is not None and not isinstance(title, str):
            raise FormatError(f"chapter {k} title: expected text, got {title!r}")
        if not isinstance(title, str) or not title.strip():
            raise FormatError(f"chapter {k}: missing title")
        out.append((start, None if end is None else _number(end, f"chapter {k} endTime"), " ".join(title.split())))
    return out


def validate(entries: Sequence[tuple[float, float | None, str]], duration: float) -> None:
    """Raise :class:`FormatError` for negative or out-of-range times and overlapping chapters.

    >>> validate([(0, None, "A"), (50, None, "B")], 40.0)
    Traceback (most recent call last):
    ...
    audiokit.errors.FormatError: chapter 2 'B' starts at 0:50, after the episode ends (0:40)
    """
    for k, (start, end, title) in enumerate(entries, start=1):
        if start < 0:
            raise FormatError(f"chapter {k} {title!r} starts at a negative time ({start})")
        if start > duration + TOLERANCE:
            raise FormatError(f"chapter {k} {title!r} starts at {short_clock(start)}, "
                              f"after the episode ends ({short_clock(duration)})")
        if end is not None and not start < end <= duration + TOLERANCE:
            raise FormatError(f"chapter {k} {title!r} ends at {end}, outside {start}..{round(duration, 3)}")
        if k > 1:
            previous_start, previous_end, previous_title = entries[k - 2]
            if start <= previous_start:
                raise FormatError(f"chapters overlap: chapter {k} {title!r} starts at {short_clock(start)}, "
                                  f"not after chapter {k - 1} {previous_title!r} ({short_clock(previous_start)})")
            if previous_end is not None and previous_end > start + 1e-3:
                raise FormatError(f"chapters overlap: chapter {k - 1} {previous_title!r} ends at {previous_end}, "
                                  f"after chapter {k} {title!r} starts ({start})")


def snap(t: float, sentences: Sequence[TimedSentence]) -> int:
    """Position (in ``sentences``) of the sentence whose start is nearest to ``t``.

    >>> from audiokit.chapters.model import TimedSentence
    >>> s = [TimedSentence(i, t, t + 1, "x", 0, "A", False, 0.0) for i, t in enumerate([0.0, 10.0, 20.0])]
    >>> snap(14.0, s), snap(16.0, s), snap(99.0, s)
    (1, 2, 2)
    """
    starts = [s.start for s in sentences]
    i = bisect.bisect_left(starts, t)
    near = [j for j in (i - 1, i) if 0 <= j < len(starts)]
    return min(near, key=lambda j: (abs(starts[j] - t), j))


@dataclass(frozen=True)
class Edited:
    """The chapters read back from an edited file, and where the file's first chapter started
    (the chapters themselves always open at 0:00)."""

    chapters: tuple[Chapter, ...]
    opening: float


def from_json(text: str, sentences: Sequence[TimedSentence], duration: float) -> tuple[Chapter, ...]:
    """Chapters of an edited chapters.json text, snapped to ``sentences`` (see module docs)."""
    return read_edited(text, sentences, duration).chapters


def read_edited(text: str, sentences: Sequence[TimedSentence], duration: float) -> Edited:
    """:func:`from_json` with the first chapter's start as the file gives it, so that a caller
    can say when a late opening was moved to 0:00.

    >>> from audiokit.chapters.model import TimedSentence
    >>> s = [TimedSentence(i, t, t + 4, "x", i, "A", True, 0.5) for i, t in enumerate([0.5, 10.0])]
    >>> read_edited('{"chapters": [{"startTime": 8, "title": "Intro"}]}', s, 20.0).opening
    8.0
    """
    if not sentences:
        raise FormatError("the episode has no timed sentences to place chapters on")
    raw = _chapters(text)
    entries = _entries(raw)
    end = max(duration, sentences[-1].end)
    validate(entries, end)
    firsts = [0, *(snap(start, sentences) for start, _, _ in entries[1:])]
    for k in range(1, len(firsts)):
        if firsts[k] <= firsts[k - 1]:
            raise FormatError(
                f"chapters {k} {entries[k - 1][2]!r} and {k + 1} {entries[k][2]!r} fall on the same "
                f"sentence (at {short_clock(sentences[firsts[k]].start)}); move them further apart"
            )
    starts = [0.0, *(sentences[i].chapter_start for i in firsts[1:])]
    ends = [*starts[1:], end]
    chapters = tuple(
        Chapter(start, stop, title, sentences[i].index, **extra)
        for start, stop, (_, _, title), i, extra in zip(starts, ends, entries, firsts, links(raw))
    )
    return Edited(chapters, entries[0][0])


def links(raw: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The optional Podcasting 2.0 fields of each chapter object of a chapters file (``url``
    and ``img`` links, ``toc``), as :class:`Chapter` keywords, so that re-exporting a
    hand-edited file keeps its chapter art and links.

    >>> links([{"startTime": 0, "title": "A", "img": "a.jpg", "toc": False}, {"startTime": 5}])
    [{'img': 'a.jpg', 'toc': False}, {}]
    """
    out = []
    for k, c in enumerate(raw, start=1):
        extra: dict[str, Any] = {}
        for name in ("url", "img"):
            value = c.get(name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise FormatError(f"chapter {k} {name}: expected a link, got {value!r}")
            if value is not None:
                extra[name] = value.strip()
        toc = c.get("toc")
        if toc is not None and not isinstance(toc, bool):
            raise FormatError(f"chapter {k} toc: expected true or false, got {toc!r}")
        if toc is False:
            extra["toc"] = False
        out.append(extra)
    return out
