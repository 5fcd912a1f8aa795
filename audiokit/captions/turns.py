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

__all__ = ["SpeakerTurn", "turns"]


@dataclass(frozen=True)
class SpeakerTurn:
    speaker: str
    start: float
    end: float
    text: str


def turns(cues: Sequence[Cue]) -> list[SpeakerTurn]:
    """Consecutive cues of the same speaker joined into one turn."""
    out: list[SpeakerTurn] = []
    group: list[Cue] = []
    for cue in [*cues, None]:
        if group and (cue is None or cue.speaker != group[0].speaker):
            text = " ".join(line for c in group for line in c.lines)
            out.append(SpeakerTurn(group[0].speaker, group[0].start, group[-1].end, text))
            group = []
        if cue is not None:
            group.append(cue)
    return out
