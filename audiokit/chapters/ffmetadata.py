"""FFmpeg metadata files (``;FFMETADATA1``) with ``[CHAPTER]`` sections in milliseconds, the
input ``ffmpeg -i episode.m4a -i chapters.txt -map_chapters 1`` reads. ``=``, ``;``, ``#``,
``\\`` and newlines in values are escaped with a backslash, as ffmpeg expects.

>>> from audiokit.chapters.model import Chapter
>>> text = render([Chapter(0.0, 61.25, "Intro; a=b", 0)], title="Ep #1")
>>> print(text, end="")
;FFMETADATA1
title=Ep \\#1
<BLANKLINE>
[CHAPTER]
TIMEBASE=1/1000
START=0
END=61250
title=Intro\\; a\\=b
>>> parse(text)[1]
[(0, 61250, 'Intro; a=b')]
"""

from __future__ import annotations

from collections.abc import Sequence

from audiokit.chapters.model import Chapter
from audiokit.errors import FormatError

_SPECIAL = "\\=;#\n"


def escape(value: str) -> str:
    """Backslash-escape the characters ffmetadata treats specially.

    >>> escape("a=b;c#d\\\\e")
    'a\\\\=b\\\\;c\\\\#d\\\\\\\\e'
    """
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in value)


def render(chapters: Sequence[Chapter], title: str | None = None) -> str:
    """The metadata file text (``TIMEBASE=1/1000``)."""
    lines = [";FFMETADATA1"]
    if title:
        lines.append(f"title={escape(title)}")
    for c in sorted(chapters):
        lines += [
            "",
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={round(c.start * 1000)}",
            f"END={round(c.end * 1000)}",
            f"title={escape(c.title)}",
        ]
    return "\n".join(lines) + "\n"


def _logical_lines(text: str) -> list[str]:
    """Lines with escapes resolved into a private form: an escaped newline joins lines."""
    out, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append("\0" + text[i + 1])
            i += 2
            continue
        if ch == "\n":
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    if current:
        out.append("".join(current))
    return out


def _split(line: str) -> tuple[str, str]:
    key, _, value = line.partition("=")
    return key.replace("\0", ""), value.replace("\0", "")


def parse(text: str) -> tuple[dict[str, str], list[tuple[int, int, str]]]:
    """Global tags and ``(start, end, title)`` chapters (times in the file's time base
    converted to milliseconds) of an ffmetadata text; the inverse of :func:`render`."""
    if not text.startswith(";FFMETADATA1"):
        raise FormatError("not an ffmetadata file (no ;FFMETADATA1 header)")
    tags: dict[str, str] = {}
    chapters: list[dict[str, str]] = []
    section: dict[str, str] | None = tags
    for raw in _logical_lines(text)[1:]:
        if not raw.strip() or raw.startswith((";", "#")):  # escaped ones start with "\0"
            continue
        if raw.strip() == "[CHAPTER]":
            section = {}
            chapters.append(section)
            continue
        if raw.startswith("[") and raw.strip().endswith("]"):
            section = None
            continue
        if section is not None and "=" in raw:
            key, value = _split(raw)
            section[key] = value
    out = []
    for c in chapters:
        num, _, den = c.get("TIMEBASE", "1/1000").partition("/")
        scale = 1000 * int(num or 1) / int(den or 1000)
        out.append((round(int(c["START"]) * scale), round(int(c["END"]) * scale), c.get("title", "")))
    return tags, out
