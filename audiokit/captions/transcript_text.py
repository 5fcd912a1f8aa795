"""Plain-text transcript: per turn a line with the time and the speaker, then the text.

>>> from audiokit.captions.cue import Cue
>>> print(render([Cue(62.5, 64.0, "Ann", ("Hi", "there.")), Cue(65, 66, "Bo", ("Yo.",))]), end="")
[1:02] Ann
Hi there.
<BLANKLINE>
[1:05] Bo
Yo.
"""

from __future__ import annotations

from collections.abc import Sequence

from audiokit.captions.cue import Cue
from audiokit.captions.timefmt import clock
from audiokit.captions.turns import turns

__all__ = ["render"]


def render(cues: Sequence[Cue]) -> str:
    """The plain-text transcript of ``cues`` (see the module docstring)."""
    blocks = []
    for turn in turns(cues):
        head = f"[{clock(turn.start)}] {turn.speaker}".rstrip()
        blocks.append(f"{head}\n{turn.text}\n")
    return "\n".join(blocks)
