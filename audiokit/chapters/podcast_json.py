"""Podcasting 2.0 JSON chapters (``application/json+chapters``, version 1.2.0).

>>> from audiokit.chapters.model import Chapter
>>> print(render([Chapter(0.0, 61.25, "Intro", 0), Chapter(61.25, 90.0, "Q&A", 7)]), end="")
{
  "version": "1.2.0",
  "chapters": [
    {
      "startTime": 0.0,
      "title": "Intro"
    },
    {
      "startTime": 61.25,
      "title": "Q&A"
    }
  ]
}
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from audiokit.chapters.model import Chapter

VERSION = "1.2.0"


def render(chapters: Sequence[Chapter], title: str | None = None) -> str:
    """The chapters file text: ascending ``startTime`` (seconds, millisecond precision) and
    ``title``; each chapter ends where the next begins (the episode's end for the last)."""
    doc: dict[str, object] = {"version": VERSION}
    if title:
        doc["title"] = title
    doc["chapters"] = [_entry(c) for c in sorted(chapters)]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _entry(c: Chapter) -> dict[str, object]:
    entry: dict[str, object] = {"startTime": round(c.start, 3), "title": c.title}
    if c.img:
        entry["img"] = c.img
    if c.url:
        entry["url"] = c.url
    if not c.toc:
        entry["toc"] = False
    return entry
