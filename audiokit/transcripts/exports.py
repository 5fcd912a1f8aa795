"""Text exports of transcription and recording tools, each recognised by its layout:

- Descript: the speaker's name alone on a line, then paragraphs opening with ``[HH:MM:SS]``
  (more time codes may follow inside a paragraph; they are times, never words);
- ``[0:12] Name`` lines over the text (audiokit's own ``.txt`` transcript, and other tools');
- Zoom's saved captions: ``[Name] HH:MM:SS`` lines, the text below (times of day: the
  hints count from the first one);
- Otter (``Name  0:15`` lines; the "Transcribed by https://otter.ai" footer is dropped),
  Rev (``Name (00:00):``), Riverside (``Name (MM:SS.mmm)``; a guest without a name is
  labelled by e-mail address) and ``[00:01:02] Name: text`` exports: read by
  :mod:`.timestamped`, named here.

>>> t = parse("Ann Lee\\n[00:00:01] Hi there. [00:00:03] How are you?\\n\\nBob Roy\\n[00:00:05] Fine.")
>>> t.shape, [(turn.speaker, turn.text, turn.hint) for turn in t.episode.turns]  # doctest: +NORMALIZE_WHITESPACE
('Descript text export', [('Ann Lee', 'Hi there. How are you?', Span(start=1.0, end=5.0)),
                          ('Bob Roy', 'Fine.', Span(start=5.0, end=5.0))])
"""

from __future__ import annotations

import re
from dataclasses import replace

from audiokit.transcripts import timestamped
from audiokit.transcripts._common import (
    CLOCK,
    Piece,
    Transcript,
    build,
    chain_hints,
    forward_starts,
    name_words,
    parse_clock,
    preamble_metadata,
)

DESCRIPT = "Descript text export"
ZOOM_TEXT = "Zoom saved captions"
OTTER = "Otter text export"
REV = "Rev text export"
RIVERSIDE = "Riverside text export"
TIMESTAMPED = "timestamped turns"
NAME_LINES = "[time] Name paragraphs"

_STAMP = rf"[\[(]\s*({CLOCK})\s*[\])]"
_LEAD_STAMP = re.compile(rf"^\s*{_STAMP}\s*(.*)$")
_INLINE_STAMP = re.compile(rf"\s*\[\s*{CLOCK}\s*\]\s*")
_STAMP_NAME = re.compile(rf"^\s*\[\s*({CLOCK})\s*\]\s+([^:\[\]\n]{{1,80}}?)\s*$")
_ZOOM_HEADER = re.compile(r"^\s*\[([^\[\]\n]{1,80})\]\s+(\d{1,2}:\d{2}:\d{2})\s*$")
_OTTER_FOOTER = re.compile(r"^\s*Transcribed by https?://otter\.ai\S*\s*$", re.IGNORECASE | re.MULTILINE)
_EMAIL = re.compile(r"^[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+$")
_REV_LINE = re.compile(rf"^\s*[^()\[\]\n]{{1,80}}? \(\s*{CLOCK}\s*\):")
_RIVERSIDE_LINE = re.compile(rf"^\s*[^()\[\]\n]{{1,80}}? \(\s*{CLOCK}\s*\)\s*$")
_OTTER_LINE = re.compile(rf"^\s*[^()\[\]\n:]{{1,80}}?\s+{CLOCK}\s*$")


def _is_name(line: str) -> bool:
    line = line.strip()
    return bool(line) and (name_words(line) is not None or bool(_EMAIL.match(line)))


def _descript_names(lines: list[str]) -> list[int]:
    """Indexes of name lines directly followed (blank lines aside) by a ``[time]`` line."""
    found = []
    for k, line in enumerate(lines):
        if not _is_name(line):
            continue
        nxt = next((ln for ln in lines[k + 1 :] if ln.strip()), "")
        if _LEAD_STAMP.match(nxt):
            found.append(k)
    return found


def looks_like_descript(text: str) -> bool:
    """At least one name line over ``[time]`` paragraphs, more of those than ``[time] Name:``
    lines, and at least as many as ``[time] Name`` lines over untimed text."""
    lines = _lines(text)
    names = _descript_names(lines)
    if not names:
        return False
    labelled = sum(1 for ln in lines if (h := timestamped.header(ln)) is not None and h[1] is not None)
    return len(names) > labelled and len(names) >= _name_line_turns(lines)


def _name_line_turns(lines: list[str]) -> int:
    """How many ``[0:12] Name`` lines have untimed text under them (that layout's turns)."""
    count = 0
    for k, line in enumerate(lines):
        if _stamp_name(line):
            nxt = next((ln for ln in lines[k + 1 :] if ln.strip()), "")
            count += bool(nxt) and not _LEAD_STAMP.match(nxt)
    return count


def _stamp_name(line: str) -> tuple[float, str] | None:
    m = _STAMP_NAME.match(line)
    if not m or not _is_name(m.group(2)):
        return None
    return parse_clock(m.group(1)), " ".join(m.group(2).split())


def looks_like_name_lines(text: str) -> bool:
    """``[0:12] Name`` lines make up most of the lines opening with a time."""
    lines = _lines(text)
    named = sum(1 for ln in lines if _stamp_name(ln))
    stamped = sum(1 for ln in lines if _LEAD_STAMP.match(ln))
    return named >= 1 and named * 5 >= stamped * 4


def parse_name_lines(text: str, path: str = "<transcript>") -> Transcript:
    """Read ``[0:12] Name`` lines, each over its turn's text."""
    lines = _lines(text)
    pieces: list[Piece] = []
    starts: list[float | None] = []
    first: int | None = None
    for k, line in enumerate(lines):
        found = _stamp_name(line)
        if found:
            first = k if first is None else first
            pieces.append(Piece(found[1], ""))
            starts.append(found[0])
        elif pieces and line.strip():
            pieces[-1].text += " " + line
    starts, warnings = forward_starts(starts, path)
    for piece, hint in zip(pieces, chain_hints(starts), strict=True):
        piece.hint = hint
    metadata = preamble_metadata("\n".join(lines[:first]), {p.speaker for p in pieces})
    return build("timestamped", pieces, path, metadata=metadata, warnings=warnings, shape=NAME_LINES)


def looks_like_zoom_text(text: str) -> bool:
    """The first line with text is a Zoom ``[Name] HH:MM:SS`` header."""
    lines = [ln for ln in _lines(text) if ln.strip()]
    headers = sum(1 for ln in lines if _ZOOM_HEADER.match(ln))
    return headers >= 1 and _ZOOM_HEADER.match(lines[0]) is not None


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_descript(text: str, path: str = "<transcript>") -> Transcript:
    """Read a Descript text export (see the module docstring)."""
    lines = _lines(text)
    name_at = set(_descript_names(lines))
    first = min(name_at)
    pieces: list[Piece] = []
    starts: list[float | None] = []
    # Once a name has been seen over a timed paragraph, it names the speaker wherever it
    # stands alone on a line (a paragraph need not open with a time code).
    known = {" ".join(lines[k].split()) for k in name_at}
    speaker: str | None = None
    new_turn = False
    for k in range(first, len(lines)):
        line = lines[k]
        if k in name_at or " ".join(line.split()) in known:
            speaker, new_turn = " ".join(line.split()), True
            continue
        m = _LEAD_STAMP.match(line)
        if not m and not line.strip():
            continue
        if m or new_turn or not pieces:
            pieces.append(Piece(speaker or "Speaker", ""))
            starts.append(parse_clock(m.group(1)) if m else None)
            new_turn = False
        pieces[-1].text += " " + _INLINE_STAMP.sub(" ", m.group(2) if m else line)
    merged: list[Piece] = []
    merged_starts: list[float | None] = []
    for piece, start in zip(pieces, starts, strict=True):
        # Paragraphs of one speaker are one turn, as the name line is said once per turn.
        if merged and merged[-1].speaker == piece.speaker:
            merged[-1].text += piece.text
            if merged_starts[-1] is None:
                merged_starts[-1] = start
            continue
        merged.append(piece)
        merged_starts.append(start)
    merged_starts, warnings = forward_starts(merged_starts, path)
    for piece, hint in zip(merged, chain_hints(merged_starts), strict=True):
        piece.hint = hint
    metadata = preamble_metadata("\n".join(lines[:first]), {p.speaker for p in merged})
    return build("timestamped", merged, path, metadata=metadata, warnings=warnings, shape=DESCRIPT)


def parse_zoom_text(text: str, path: str = "<transcript>") -> Transcript:
    """Read Zoom's saved captions (see the module docstring)."""
    pieces: list[Piece] = []
    starts: list[float | None] = []
    for line in _lines(text):
        m = _ZOOM_HEADER.match(line)
        if m:
            name = " ".join(m.group(1).split())
            pieces.append(Piece(name, ""))
            starts.append(parse_clock(m.group(2)))
        elif pieces and line.strip():
            pieces[-1].text += " " + line
    origin = min(s for s in starts if s is not None)
    starts, warnings = forward_starts(starts, path)  # saved across midnight, or edited by hand
    hints = chain_hints([None if s is None else round(s - origin, 3) for s in starts])
    for piece, hint in zip(pieces, hints, strict=True):
        piece.hint = hint
    return build("timestamped", pieces, path, warnings=warnings, shape=ZOOM_TEXT)


def export_shape(text: str) -> str:
    """Which tool wrote a ``timestamped`` file, from its most common header layout."""
    counts = {OTTER: 0, REV: 0, RIVERSIDE: 0}
    for line in _lines(text):
        if _REV_LINE.match(line):
            counts[REV] += 1
        elif _RIVERSIDE_LINE.match(line):
            counts[RIVERSIDE] += 1
        elif _OTTER_LINE.match(line) and timestamped.header(line) is not None:
            counts[OTTER] += 1
    if _OTTER_FOOTER.search(text):
        counts[OTTER] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else TIMESTAMPED


def parse(text: str, path: str = "<transcript>") -> Transcript:
    """Read any timestamped text export (see the module docstring)."""
    if looks_like_zoom_text(text):
        return parse_zoom_text(text, path)
    if looks_like_descript(text):
        return parse_descript(text, path)
    if looks_like_name_lines(text):
        return parse_name_lines(text, path)
    text = _OTTER_FOOTER.sub("", text)
    transcript = timestamped.parse(text, path)
    return replace(transcript, shape=export_shape(text))
