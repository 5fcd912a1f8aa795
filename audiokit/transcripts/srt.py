"""SubRip (``.srt``) subtitles with ``NAME:`` prefixes at speaker changes.

A cue starting with an upper-case (``JOHN:``, ``SPEAKER 1:``) or Title-case name and a
colon starts a turn; cues without a prefix continue the current speaker. Consecutive cues
of one speaker are one turn whose hint spans their times. Formatting tags (``<i>``,
``{\\an8}``) are dropped.

>>> srt = "1\\n00:00:01,000 --> 00:00:02,500\\nANN: Hi there.\\n\\n2\\n00:00:02,600 --> 00:00:04,000\\nHow are you?\\n"
>>> [(t.speaker, t.text, t.hint) for t in parse(srt).episode.turns]
[('ANN', 'Hi there. How are you?', Span(start=1.0, end=4.0))]
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from audiokit.errors import FormatError
from audiokit.model import Span
from audiokit.transcripts._common import (
    CLOCK,
    NO_LABELS_WARNING,
    SENTENCE_WORDS,
    UNNAMED,
    Piece,
    Transcript,
    build,
    name_words,
    parse_clock,
)

TIMING_RE = re.compile(rf"^\s*({CLOCK})\s*-->\s*({CLOCK})")
_TAG_RE = re.compile(r"<[^>\n]*>|\{\\[^}\n]*\}")
_PREFIX_RE = re.compile(r"^\s*(?:-\s*|>>\s*)?([^\W\d_][^:\n]{0,40}?)\s*:(?:\s+(.*)|\s*$)", re.DOTALL)
_UPPER_NAME = re.compile(r"^[A-Z][A-Z0-9 .’'\-]*$")


@dataclass
class Cue:
    """One subtitle cue: times in seconds and its text (tags removed, lines joined)."""

    start: float
    end: float
    text: str


_DIALOGUE_DASH = re.compile(r"^[^\S\n]*[-–][^\S\n]+", re.MULTILINE)


def clean(text: str) -> str:
    """Cue text without formatting tags and dialogue dashes, entities unescaped, lines
    joined by spaces.

    >>> clean("<i>- Hi &amp; bye</i>\\n- Yo {\\\\an8}there")
    'Hi & bye Yo there'
    """
    text = _DIALOGUE_DASH.sub("", _TAG_RE.sub("", text))
    return " ".join(html.unescape(text).split())


class Prefixes:
    """Finds ``NAME:`` speaker prefixes at the start of cue texts."""

    def __init__(self, texts: list[str]) -> None:
        self.counts: Counter[str] = Counter()
        for text in texts:
            m = _PREFIX_RE.match(text)
            if m:
                self.counts[m.group(1)] += 1
        self.known: set[str] = set()

    def split(self, text: str) -> tuple[str | None, str]:
        """``(speaker or None, text without the prefix)``."""
        m = _PREFIX_RE.match(text)
        if not m:
            return None, text
        name = " ".join(m.group(1).split())
        rest = m.group(2) or ""
        ok = name in self.known
        if not ok and name.split()[0].lower() not in SENTENCE_WORDS:
            if _UPPER_NAME.match(name) and any(c.isalpha() for c in name):
                ok = len(name.split()) <= 4
            else:
                words = name_words(name)
                ok = words is not None and (len(words) >= 2 or self.counts[m.group(1)] >= 2)
        if not ok:
            return None, text
        self.known.add(name)
        return name, rest


def read_cues(text: str, path: str) -> list[Cue]:
    """The cues of an SRT file, in order; raises :class:`FormatError` when there are none."""
    blocks = re.split(r"\n[^\S\n]*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    cues: list[Cue] = []
    for block in blocks:
        lines = block.split("\n")
        at = next((k for k, line in enumerate(lines) if "-->" in line), None)
        if at is None:
            continue
        m = TIMING_RE.match(lines[at])
        if not m:
            raise FormatError(f"bad cue timing line {lines[at].strip()!r}", path=path)
        start, end = parse_clock(m.group(1)), parse_clock(m.group(2))
        cues.append(Cue(start, max(start, end), "\n".join(lines[at + 1 :])))
    if not cues:
        raise FormatError("no subtitle cues found", path=path)
    return cues


def cues_to_pieces(cues: list[tuple[Cue, str | None, str]]) -> tuple[list[Piece], bool]:
    """Merge ``(cue, speaker or None, text)`` into turns: a named cue of a new speaker
    starts a turn, anything else continues the current one. Returns the pieces and whether
    any speaker was named."""
    pieces: list[Piece] = []
    named = False
    for cue, speaker, text in cues:
        if speaker is not None:
            named = True
        if not text.strip() and speaker is None:
            continue
        if pieces and (speaker is None or speaker == pieces[-1].speaker):
            last = pieces[-1]
            last.text = f"{last.text} {text}".strip()
            if last.hint is not None:
                last.hint = Span(last.hint.start, max(last.hint.end, cue.end))
            continue
        pieces.append(Piece(speaker or UNNAMED, text, hint=Span(cue.start, cue.end)))
    return pieces, named


def parse(text: str, path: str = "<transcript>") -> Transcript:
    """Read SRT subtitles (see the module docstring)."""
    cues = read_cues(text, path)
    texts = [clean(c.text) for c in cues]
    prefixes = Prefixes(texts)
    pieces, named = cues_to_pieces([(c, *prefixes.split(t)) for c, t in zip(cues, texts, strict=True)])
    warnings = [] if named else [f"{path}: {NO_LABELS_WARNING}"]
    return build("srt", pieces, path, warnings=warnings)
