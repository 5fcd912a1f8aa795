"""SubRip (``.srt``) subtitles with ``NAME:`` prefixes at speaker changes.

A cue starting with an upper-case (``JOHN:``, ``SPEAKER 1:``) or Title-case name and a
colon starts a turn; cues without a prefix continue the current speaker. A first name alone
after the full name (``Ann Lee:``, later ``Ann:``) is the same speaker. Consecutive cues
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
from itertools import pairwise

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
        # "Aparna:" after "Aparna Dhinakaran:" is her (captioners, audiokit too, name a
        # speaker in full once, then by first name: captions.labels).
        full = [k for k in self.known if k.split()[0] == name and k != name]
        if name not in self.known and len(full) == 1:
            return full[0], rest
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


_INDEX_RE = re.compile(r"^\s*\d+\s*$")


def read_cues(text: str, path: str, label: str = "SubRip") -> list[Cue]:
    """The cues of an SRT file, in order; raises :class:`FormatError` when there are none.

    A timing line starts a cue and its text runs to the next timing line, so a cue
    without the blank line after it does not swallow the next cue's number and times (a
    number alone on the line before a timing line is that cue's number).

    >>> [(c.start, c.text) for c in read_cues("1\\n00:00:01.000 --> 00:00:02,000\\nHi.\\n2\\n00:00:02,000 --> 00:00:03,000\\nYo.", "x")]
    [(1.0, 'Hi.'), (2.0, 'Yo.')]
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cues: list[Cue] = []
    body: list[str] = []

    def close() -> None:
        while body and not body[-1].strip():
            body.pop()
        if cues:
            cues[-1].text = "\n".join(body)

    for number, line in enumerate(lines, 1):
        if "-->" not in line:
            body.append(line)
            continue
        m = TIMING_RE.match(line)
        if not m:
            raise FormatError(f"{label}: line {number}: bad cue timing line {line.strip()!r}", path=path)
        if body and _INDEX_RE.match(body[-1]):
            body.pop()
        close()
        start, end = parse_clock(m.group(1)), parse_clock(m.group(2))
        cues.append(Cue(start, max(start, end), ""))
        body = []
    close()
    if not cues:
        raise FormatError("no subtitle cues found", path=path)
    return cues


_DASH_LINE = re.compile(r"^[^\S\n]*(?:<[^>\n]*>|\{\\[^}\n]*\})*[-–][^\S\n]+", re.MULTILINE)


def split_dialogue(text: str) -> list[str]:
    """A cue's text split at dialogue dashes (``- Hi.`` / ``- Hello.``: two speakers in
    one cue) when two or more of its lines start with one; else the text itself.

    >>> split_dialogue("- Hi.\\n- Hello.\\nHow are you?"), split_dialogue("Well - no.")
    (['- Hi.', '- Hello.\\nHow are you?'], ['Well - no.'])
    """
    starts = [m.start() for m in _DASH_LINE.finditer(text)]
    if len(starts) < 2:
        return [text]
    bounds = [0, *starts[1:], len(text)] if text[: starts[0]].strip() else [*starts, len(text)]
    return [text[a:b].strip("\n") for a, b in pairwise(bounds) if text[a:b].strip()]


def dialogue_runs(cues: list[Cue]) -> list[tuple[Cue, str | None, str]]:
    """``(cue, speaker or None, clean text)`` for each speaker's part of each cue. Each
    dialogue-dash line without a name changes speaker to the other of the last two named
    (so ``- How many?`` / ``- About 1,200.`` after Bob spoke is Ann, then Bob); before two
    speakers are known it continues the current one."""
    parts = [(cue, len(split) > 1, clean(part)) for cue in cues for split in [split_dialogue(cue.text)] for part in split]
    prefixes = Prefixes([text for _, _, text in parts])
    runs: list[tuple[Cue, str | None, str]] = []
    recent: list[str] = []
    for cue, dashed, text in parts:
        speaker, rest = prefixes.split(text)
        if speaker is None and dashed and len(recent) >= 2:
            speaker = recent[-2]
        if speaker is not None:
            if speaker in recent:
                recent.remove(speaker)
            recent.append(speaker)
        runs.append((cue, speaker, rest))
    return runs


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
    pieces, named = cues_to_pieces(dialogue_runs(cues))
    warnings = [] if named else [f"{path}: {NO_LABELS_WARNING}"]
    return build("srt", pieces, path, warnings=warnings, shape="SubRip")
