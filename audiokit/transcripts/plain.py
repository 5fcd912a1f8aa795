"""Plain speaker-turn transcripts: ``Name, Role, Organisation: text`` on first mention,
``Name: text`` after, unlabelled paragraphs continuing the previous speaker.

Everything before the first real speaker turn (title, names, description) is the preamble,
not speech. A colon inside a sentence or a title is never a speaker: a label is accepted
when it names a speaker already seen; or has a role part after a comma and a name part that
reads as a personal name; or is a multi-word capitalised name (no digits, no sentence
words); or is a single capitalised word used as a label at least twice in the file.

>>> t = parse("Show Notes Live\\n\\nAnn Lee, Host: Hi. Dive in: now.\\nBob Roy: Yo.\\nMore.")
>>> [(s.name, s.role) for s in t.episode.speakers]
[('Ann Lee', 'Host'), ('Bob Roy', None)]
>>> [turn.text for turn in t.episode.turns]
['Hi. Dive in: now.', 'Yo. More.']
>>> t.episode.metadata.title
'Show Notes Live'
"""

from __future__ import annotations

import re
from collections import Counter

from audiokit.transcripts._common import (
    NO_LABELS_WARNING,
    UNNAMED,
    Piece,
    Transcript,
    build,
    looks_like_role,
    name_words,
    preamble_metadata,
    split_label,
)

# A label: up to the first colon that is followed by space or the end of the line.
LABEL_RE = re.compile(r"^\s*([^:\n]{1,160}?)\s*:(?:[^\S\n]+(.*)|[^\S\n]*)$")


def label_of(line: str) -> tuple[str, str] | None:
    """``(label, rest)`` when ``line`` starts with ``something:``; else ``None``."""
    m = LABEL_RE.match(line)
    if not m:
        return None
    return m.group(1), (m.group(2) or "")


class SpeakerLabels:
    """Decides which ``label:`` line starts are speakers, learning names as it goes."""

    def __init__(self, lines: list[str]) -> None:
        self.counts: Counter[str] = Counter()
        for line in lines:
            found = label_of(line)
            if found:
                self.counts[split_label(found[0])[0]] += 1
        self.known: set[str] = set()

    def accept(self, label: str, rest: str = "") -> tuple[str, str | None] | None:
        """``(name, role)`` when ``label`` (followed by ``rest`` on its line) is a speaker
        label, else ``None``."""
        name, role = split_label(label)
        if title_like(rest):
            return None
        if name in self.known and (role is None or looks_like_role(role)):
            return name, role
        words = name_words(name)
        if words is None:
            return None
        if role is not None:
            ok = looks_like_role(role)
        else:
            ok = len(words) >= 2 or self.counts[name] >= 2
        if ok:
            self.known.add(name)
            return name, role
        return None


def title_like(rest: str) -> bool:
    """True when the text after a colon reads as a title's subtitle ("Small Stations, Open
    Tools and Captions for Everyone"): 3+ words, mostly capitalised, no sentence end.

    >>> title_like("Open Foundation and Fine-Tuned Chat Models"), title_like("Hi there, Bob.")
    (True, False)
    """
    words = rest.replace(",", " ").split()
    if len(words) < 3 or re.search(r"[.!?…]$", rest.strip()):
        return False
    capitals = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitals * 3 >= len(words) * 2


def parse(text: str, path: str = "<transcript>") -> Transcript:
    """Read a plain speaker-turn transcript (see the module docstring)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    labels = SpeakerLabels(lines)
    pieces: list[Piece] = []
    current: list[str] | None = None
    first_turn_line: int | None = None
    for index, line in enumerate(lines):
        found = label_of(line)
        accepted = labels.accept(*found) if found else None
        if found and accepted:
            name, role = accepted
            if first_turn_line is None:
                first_turn_line = index
            current = [found[1]]
            pieces.append(Piece(name, "", role=role))
            pieces[-1].text = current  # type: ignore[assignment]  # joined below
        elif current is not None:
            current.append(line)
    if first_turn_line is None:
        return _unlabelled(text, path)
    for piece in pieces:
        piece.text = "\n".join(piece.text)  # type: ignore[arg-type]
    preamble = "\n".join(lines[:first_turn_line])
    metadata = preamble_metadata(preamble, labels.known)
    return build("plain", pieces, path, metadata=metadata)


def _unlabelled(text: str, path: str) -> Transcript:
    """No speaker labels: one unnamed speaker, one turn per paragraph."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    pieces = [Piece(UNNAMED, p) for p in paragraphs]
    return build("plain", pieces, path, warnings=[f"{path}: {NO_LABELS_WARNING}"])
