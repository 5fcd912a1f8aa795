"""Timestamped speaker exports (Otter, Rev, Riverside, ``[time] Name: text`` lines); :mod:`.exports`
names the tool and reads the layouts this module does not (Descript, Zoom text).

Accepted turn headers, one per line:

- ``[00:01:02] Name: text`` and ``[1:02] Name: text`` (brackets or parentheses optional);
- ``Name (01:02): text``, ``Name [01:02]`` or ``Name (01:02)`` on its own line;
- ``Name  00:01:02`` on its own line (Otter), the text on the following lines;
- a bare ``[00:01:02]`` line, timing the next turn.

A time stamp with text but no name starts a new turn of the previous speaker. Lines
without a header continue the current turn; lines before the first header are the
preamble. Time stamps become :attr:`Turn.hint` spans running to the next turn's start.

>>> t = parse("[00:00:01] Ann: Hi Bob.\\n[00:00:04] Bob Roy: Hello.\\nHow are you?")
>>> [(turn.speaker, turn.text, turn.hint) for turn in t.episode.turns]  # doctest: +NORMALIZE_WHITESPACE
[('Ann', 'Hi Bob.', Span(start=1.0, end=4.0)),
 ('Bob Roy', 'Hello. How are you?', Span(start=4.0, end=4.0))]
"""

from __future__ import annotations

import re

from audiokit.errors import FormatError
from audiokit.transcripts._common import (
    CLOCK,
    NO_LABELS_WARNING,
    SENTENCE_WORDS,
    UNNAMED,
    Piece,
    Transcript,
    build,
    chain_hints,
    forward_starts,
    parse_clock,
    preamble_metadata,
    split_label,
)

# A name, or the e-mail address Riverside shows for a guest without one.
_NAME = r"[^\W\d_][\w’'.\-@+]*(?: [\w’'.\-]+){0,5}?"
_LABEL = rf"{_NAME}(?:,[^:()\[\]\n]{{1,120}}?)?"
# [00:01:02] rest   /   00:01:02 rest   /   [00:01:02]
_LEAD_TS = re.compile(rf"^\s*(?:[\[(]\s*({CLOCK})\s*[\])]|({CLOCK})(?=\s))\s*[-–—|]?\s*(.*)$")
# Name (01:02): text   /   Name [01:02]   /   Name (01:02) - text
_NAME_TS = re.compile(rf"^\s*({_LABEL})\s*[\[(]\s*({CLOCK})\s*[\])]\s*(?:[:\-–—|]\s*)?(.*)$")
# Name  00:01:02   (Otter: the text follows on the next lines)
_NAME_BARE_TS = re.compile(rf"^\s*({_LABEL})\s+({CLOCK})\s*$")
# Name: text (after a leading time stamp)
_RESTLABEL = re.compile(rf"^({_LABEL})\s*:(?:\s+(.*)|\s*$)")


def _speaker_ok(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 6 and words[0].lower() not in SENTENCE_WORDS


def header(line: str) -> tuple[float, str | None, str | None, str] | None:
    """``(seconds, name, role, text)`` when ``line`` is a turn header (``name`` may be
    ``None`` for a time stamp without a name), else ``None``.

    >>> header("Ann Lee (1:02): Hi."), header("Speaker 1  0:03")
    ((62.0, 'Ann Lee', None, 'Hi.'), (3.0, 'Speaker 1', None, ''))
    >>> header("We met at 10:30 today.") is None
    True
    """
    m = _LEAD_TS.match(line)
    if m:
        seconds = parse_clock(m.group(1) or m.group(2))
        rest = m.group(3) or ""
        lm = _RESTLABEL.match(rest)
        if lm:
            name, role = split_label(lm.group(1))
            if _speaker_ok(name):
                return seconds, name, role, lm.group(2) or ""
        return seconds, None, None, rest
    for pattern in (_NAME_TS, _NAME_BARE_TS):
        m = pattern.match(line)
        if m:
            name, role = split_label(m.group(1))
            if _speaker_ok(name):
                text = m.group(3) if pattern is _NAME_TS else ""
                return parse_clock(m.group(2)), name, role, text or ""
    return None


def count_headers(lines: list[str]) -> int:
    """How many lines are timestamped turn headers (used by format detection)."""
    return sum(1 for line in lines if header(line) is not None)


def parse(text: str, path: str = "<transcript>") -> Transcript:
    """Read a timestamped export (see the module docstring)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pieces: list[Piece] = []
    starts: list[float | None] = []
    texts: list[list[str]] = []
    first: int | None = None
    pending: float | None = None
    named = False
    for index, line in enumerate(lines):
        found = header(line)
        if found is None:
            if not line.strip():
                continue
            if pending is not None:
                # A bare time stamp, then "Name: text" or text of the previous speaker.
                lm = _RESTLABEL.match(line)
                name, role = split_label(lm.group(1)) if lm else (None, None)
                if name is not None and _speaker_ok(name):
                    named = True
                    line = lm.group(2) or "" if lm else line
                else:
                    name, role = (pieces[-1].speaker if pieces else UNNAMED), None
                pieces.append(Piece(name, "", role=role))
                starts.append(pending)
                texts.append([])
                pending = None
            if texts:
                texts[-1].append(line)
            continue
        seconds, name, role, rest = found
        if first is None:
            first = index
        if name is None and not rest.strip():
            pending = seconds
            continue
        if name is None:
            name = pieces[-1].speaker if pieces else UNNAMED
        else:
            named = True
        pieces.append(Piece(name, "", role=role))
        starts.append(seconds)
        pending = None
        texts.append([rest])
    if first is None:
        raise FormatError("no timestamped turns found", path=path)
    starts, warnings = forward_starts(starts, path)
    for piece, hint, body in zip(pieces, chain_hints(starts), texts, strict=True):
        piece.hint = hint
        piece.text = "\n".join(body)
    metadata = preamble_metadata("\n".join(lines[:first]), {p.speaker for p in pieces})
    if not named:
        warnings.append(f"{path}: {NO_LABELS_WARNING}")
    return build("timestamped", pieces, path, metadata=metadata, warnings=warnings)
