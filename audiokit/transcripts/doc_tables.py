"""Tables in Word and OpenDocument transcripts: a table laid out as a transcript (a row a turn,
a column for the speaker, one for the text and perhaps one for the time, as Trint, Sonix or
Happy Scribe export it and transcriptionists type it) becomes one ``[time] Name: text`` or
``Name: text`` line a row, which the text readers know; any other table is read cell by cell,
each cell's paragraphs as lines, in reading order. Pure: rows of cells of lines in, lines out.

>>> table_lines([[["00:00:01"], ["Ann Lee"], ["Hello there."]], [["00:00:04"], ["Bob"], ["Hi."]]])
['[00:00:01] Ann Lee: Hello there.', '[00:00:04] Bob: Hi.']
>>> table_lines([[["Date"], ["4 May"]], [["Guest"], ["Bob Roy, Tape Rescue"]]])
['Date', '4 May', 'Guest', 'Bob Roy, Tape Rescue']
"""

from __future__ import annotations

import re

from audiokit.transcripts._common import CLOCK, name_words, split_label

__all__ = ["table_lines"]

Cell = list[str]  # a cell's lines
# A time cell: a clock (frames of a timecode dropped), in brackets or not, or a range of two
# ("00:01 - 00:05"); the start is kept.
_FRAMES = r"(?:[:;]\d{2})?"
_TIME = re.compile(rf"^\[?({CLOCK}){_FRAMES}\]?(?:\s*(?:-|–|-->|to)\s*\[?{CLOCK}{_FRAMES}\]?)?$")
# The words of a header row ("Time | Speaker | Text"), which is read as it is, not as a turn.
_HEADINGS = frozenset({"time", "timecode", "timestamp", "start", "in", "tc", "speaker", "name", "who",
                       "text", "transcript", "transcription", "dialogue", "words", "content"})


def table_lines(rows: list[list[Cell]]) -> list[str]:
    """The lines a table reads as: one labelled line a row when it is laid out as a transcript
    (see the module docstring; a first row that is not, such as a "Time | Speaker | Text" header,
    is read cell by cell), else every cell's lines in reading order."""
    cells_in_order = [line for row in rows for cell in row for line in cell]
    heading = rows and all(" ".join(c).strip().lower() in _HEADINGS for c in rows[0])
    body = rows[1:] if rows and (heading or _roles(rows[0]) is None) else rows
    roles = [_roles(row) for row in body]
    layout = roles[0] if roles else None
    if len(body) < 2 or layout is None or any(r != layout for r in roles):
        return cells_in_order
    header = cells_in_order[: len(cells_in_order) - sum(len(c) for row in body for c in row)]
    time_at, name_at, text_at = layout
    out, name = header, ""
    for row in body:
        text = [line for line in row[text_at] if line.strip()] or [""]
        name = " ".join(" ".join(row[name_at]).split()).rstrip(":") or name  # empty: the same speaker
        label = f"{name}: " if name else ""
        stamp = f"[{_TIME.match(' '.join(row[time_at]).strip()).group(1)}] " if time_at is not None else ""  # type: ignore[union-attr]
        out += [f"{stamp}{label}{text[0]}".rstrip(), *text[1:]]
    return out


def _roles(row: list[Cell]) -> tuple[int | None, int, int] | None:
    """``(time column or None, speaker column, text column)`` when ``row`` reads as one turn:
    two or three cells, the text last; the speaker a name (or empty: the same speaker goes on);
    the third cell, if any, a time.

    >>> _roles([["0:15"], ["Ann Lee:"], ["Hi.", "Again."]]), _roles([["Ann"], ["Hi."]])
    ((0, 1, 2), (None, 0, 1))
    >>> _roles([["Time"], ["Speaker"], ["Text"]]) is None, _roles([["a"], ["b"], ["c"], ["d"]]) is None
    (True, True)
    """
    if len(row) not in (2, 3):
        return None
    *others, text = [" ".join(" ".join(cell).split()) for cell in row]
    if not text:
        return None
    time_at = next((k for k, cell in enumerate(others) if _TIME.match(cell)), None)
    names = [k for k in range(len(others)) if k != time_at]
    if len(names) != 1 or (len(row) == 3 and time_at is None):
        return None
    name = others[names[0]].rstrip(":")
    if name and (len(row[names[0]]) > 1 or name_words(split_label(name)[0]) is None):
        return None
    return time_at, names[0], len(row) - 1
