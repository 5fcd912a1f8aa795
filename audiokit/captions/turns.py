"""Grouping cues back into speaker turns, for the transcript formats (HTML, text).

>>> from audiokit.captions.cue import Cue
>>> cues = [Cue(0, 1, "A", ("Hi,",)), Cue(1, 2, "A", ("you.",)), Cue(3, 4, "B", ("Yo.",))]
>>> [(t.speaker, t.start, t.text) for t in turns(cues)]
[('A', 0, 'Hi, you.'), ('B', 3, 'Yo.')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from audiokit.captions.cue import Cue

__all__ = ["SpeakerTurn", "cue_text", "turns"]


def cue_text(cue: Cue) -> str:
    """The cue's text on one line: its words as written (a word broken across lines is
    whole again), or its lines joined when it has no words.

    >>> from audiokit.model import Word
    >>> cue_text(Cue(0, 1, "", ("https://exa", "mple.com"), (Word("https://example.com", 0, 1),)))
    'https://example.com'
    """
    if cue.words:
        return " ".join(w.text for w in cue.words)
    return " ".join(cue.lines)


@dataclass(frozen=True)
class SpeakerTurn:
    """A run of one speaker's cues: the first start, the last end, their text and its
    ``pieces`` (each word's or line's text and whether it is a transcriber's note, so a
    transcript can mark notes as not said)."""

    speaker: str
    start: float
    end: float
    text: str
    pieces: tuple[tuple[str, bool], ...] = ()


def turns(cues: Sequence[Cue]) -> list[SpeakerTurn]:
    """Consecutive cues of the same speaker joined into one turn. A note's own cue (no speaker,
    only notes: :mod:`.notes`) inside one speaker's turn stays in that turn's paragraph, as the
    transcript wrote it ("I was [sighs] tired."); between two speakers it is a paragraph of its own.

    >>> from audiokit.model import Word
    >>> sigh = Cue(1, 2, "", ("[sighs]",), (Word("[sighs]", 1, 2),))
    >>> [t.text for t in turns([Cue(0, 1, "A", ("I was",)), sigh, Cue(2, 3, "A", ("tired.",))])]
    ['I was [sighs] tired.']
    """
    speakers = [c.speaker for c in cues]
    for k in range(1, len(cues) - 1):
        if _note_only(cues[k]) and speakers[k - 1] == cues[k + 1].speaker:
            speakers[k] = speakers[k - 1]
    out: list[SpeakerTurn] = []
    group: list[Cue] = []
    speaker = ""
    for cue, who in [*zip(cues, speakers), (None, "")]:
        if group and (cue is None or who != speaker):
            pieces = tuple(_dedupe(group))
            text = " ".join(p for p, _ in pieces)
            out.append(SpeakerTurn(speaker, group[0].start, group[-1].end, text, pieces))
            group = []
        if cue is not None:
            group.append(cue)
            speaker = who
    return out


def _note_only(cue: Cue) -> bool:
    return not cue.speaker and bool(cue.words) and all(w.note for w in cue.words)


def _dedupe(group: Sequence[Cue]) -> list[tuple[str, bool]]:
    """The texts of a run of cues (with whether each is a note); a word too long for one cue
    (split over two) once."""
    out: list[tuple[str, bool]] = []
    last: object = None
    for cue in group:
        if not cue.words:
            out.append((" ".join(cue.lines), False))
            continue
        for w in cue.words:
            if w is not last:
                out.append((w.text, w.note))
            last = w
    return out
