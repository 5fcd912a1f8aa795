"""Plain speaker-turn transcripts: ``Name, Role, Organisation: text`` on first mention,
``Name: text`` after, unlabelled paragraphs continuing the previous speaker.

Everything before the first real speaker turn (title, names, description) is the preamble,
not speech. A colon inside a sentence or a title is never a speaker: a label is accepted
when it names a speaker already seen; or has a role part after a comma and a name part that
reads as a personal name; or is a multi-word capitalised name (no digits, no sentence
words); or is a single capitalised word used as a label at least twice in the file.
Every accepted label starts a turn, so two labels of one speaker in a row are two turns
(as the benchmark truths count them). A file without any label is one unnamed speaker,
one turn per paragraph, with a warning.

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
from dataclasses import replace

from audiokit.text.notes import is_note, join_notes, only_notes
from audiokit.transcripts._common import (
    NO_LABELS_WARNING,
    UNNAMED,
    Piece,
    Transcript,
    build,
    looks_like_role,
    name_words,
    plain_role,
    preamble_metadata,
    split_label,
)

SHAPE = "plain speaker turns"

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

    def accept(self, label: str) -> tuple[str, str | None] | None:
        """``(name, role)`` when ``label`` is a speaker label, else ``None``."""
        name, role = split_label(label)
        if name in self.known and (role is None or looks_like_role(role) or plain_role(role)):
            return name, role
        words = name_words(name)
        if words is None:
            return None
        if role is not None:
            ok = looks_like_role(role) or (plain_role(role) and (len(words) >= 2 or self.counts[name] >= 2))
        else:
            ok = len(words) >= 2 or self.counts[name] >= 2
        if ok:
            self.known.add(name)
            return name, role
        return None


def _said(rest: str) -> str:
    """``rest`` without the transcribers' notes that end it: a sentence is ended by its last
    said word ("It ends here. [laughs]" ends a sentence).

    >>> _said("It ends here. [laughs] (applause)"), _said("Bees [Music]: Why")
    ('It ends here.', 'Bees [Music]: Why')
    """
    tokens = join_notes(rest.split())
    while tokens and is_note(tokens[-1]):
        tokens.pop()
    return " ".join(tokens)


def title_like(rest: str) -> bool:
    """True when the text after a colon reads as a title's subtitle ("Small Stations, Open
    Tools and Captions for Everyone"): 3+ words, mostly capitalised, no sentence end.

    >>> title_like("Open Foundation and Fine-Tuned Chat Models"), title_like("Hi there, Bob.")
    (True, False)
    >>> title_like("Welcome To The Show. It Ends Here. [laughs]")
    False
    """
    words = [w for w in rest.replace(",", " ").split() if w[0].isalpha()]
    if len(words) < 3 or re.search(r"[.!?…]$", _said(rest)):
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals * 3 >= len(words) * 2


def heading_like(rest: str) -> bool:
    """True when the text after a colon could be a title's second half in sentence case
    ("Small Talk: Bees", "Deep Dive: Why cities need bees"): 1-12 words with no sentence end.
    Only asked of a first line whose label never comes back, which a speaker's would.

    >>> heading_like("Why cities need bees"), heading_like("Welcome to the show, everyone.")
    (True, False)
    >>> heading_like("Welcome to the show. It ends here. [laughs]")
    False
    """
    words = rest.split()
    return 1 <= len(words) <= 12 and not re.search(r"[.!?…:;,]$", _said(rest))


def _read_turns(lines: list[str], title_first: bool) -> tuple[list[Piece], int | None, set[str], list[int]]:
    """Pieces, the index of the first turn's line, the speaker names and the lines that open a
    paragraph with a one-word ``Name:`` read as words (:func:`_doubtful`). With
    ``title_first``, a first line like ``Show Name: A Title In Capitals`` is preamble."""
    labels = SpeakerLabels(lines)
    first_text = next((k for k, line in enumerate(lines) if line.strip()), None)
    pieces: list[Piece] = []
    bodies: list[list[str]] = []
    first_turn_line: int | None = None
    doubtful: list[int] = []
    for index, line in enumerate(lines):
        found = label_of(line)
        accepted = None
        if found and not (title_first and index == first_text and "," not in found[0]
                          and (title_like(found[1]) or (labels.counts[found[0]] == 1 and heading_like(found[1])))):
            accepted = labels.accept(found[0])
        if found and accepted:
            if first_turn_line is None:
                first_turn_line = index
            pieces.append(Piece(accepted[0], "", role=accepted[1]))
            bodies.append([found[1]])
        else:
            if found and not (title_first and index == first_text) and (index == 0 or not lines[index - 1].strip()):
                doubtful.append(index)
            if bodies:
                bodies[-1].append(line)
    for piece, body in zip(pieces, bodies, strict=True):
        piece.text = "\n".join(body)
    return pieces, first_turn_line, labels.known, doubtful


def _doubtful(lines: list[str], indexes: list[int], path: str) -> list[str]:
    """Warnings for paragraphs opening with a one-word capitalised ``Name:`` that was read as
    words: a one-word label counts only when used twice, because "Note: ..." opens speech as
    often as "Bob: ..." opens a turn, and a speaker who talks once would otherwise be lost
    silently into the previous speaker's words.

    >>> _doubtful(["Ann Lee: Hi.", "", "Bob: Fine."], [2], "t.txt")
    ['t.txt:3: "Bob:" was read as words, not as a speaker (a one-word label used once); if Bob speaks here, write "Bob, Guest:" or the full name']
    """
    out = []
    for index in indexes:
        label = label_of(lines[index])
        assert label is not None
        name, role = split_label(label[0])
        words = name_words(name)
        if role is None and words is not None and len(words) == 1:
            out.append(f'{path}:{index + 1}: "{name}:" was read as words, not as a speaker (a one-word label '
                       f'used once); if {name} speaks here, write "{name}, Guest:" or the full name')
    return out


def parse(text: str, path: str = "<transcript>") -> Transcript:
    """Read a plain speaker-turn transcript (see the module docstring)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pieces, first_turn_line, known, doubtful = _read_turns(lines, title_first=True)
    if first_turn_line is None:
        # The "title" was the only labelled line after all: read it as a turn.
        pieces, first_turn_line, known, doubtful = _read_turns(lines, title_first=False)
    if first_turn_line is None:
        return _unlabelled(text, path, _doubtful(lines, doubtful, path))
    opening = _notes_before(lines, first_turn_line)
    if opening is not None:  # "[MUSIC PLAYING]" before the first turn: the episode's, not its title
        pieces[0] = replace(pieces[0], text=" ".join(ln.strip() for ln in lines[opening:first_turn_line]
                                                     if ln.strip()) + " " + pieces[0].text)
    preamble = "\n".join(lines[:first_turn_line if opening is None else opening])
    metadata = preamble_metadata(preamble, known)
    warnings = _doubtful(lines, [k for k in doubtful if k > first_turn_line], path)
    return build("plain", pieces, path, metadata=metadata, warnings=warnings, shape=SHAPE)


def _notes_before(lines: list[str], first_turn_line: int) -> int | None:
    """Where the lines of transcribers' notes just before the first turn begin, or None."""
    k = first_turn_line
    while k > 0 and (not lines[k - 1].strip() or only_notes(lines[k - 1])):
        k -= 1
    while k < first_turn_line and not lines[k].strip():
        k += 1
    return k if k < first_turn_line else None


def _unlabelled(text: str, path: str, doubtful: list[str]) -> Transcript:
    """No speaker labels: one unnamed speaker, one turn per paragraph."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    pieces = [Piece(UNNAMED, p) for p in paragraphs]
    return build("plain", pieces, path, warnings=[f"{path}: {NO_LABELS_WARNING}", *doubtful], shape=SHAPE)
