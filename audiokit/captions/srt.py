"""SRT captions, with ``Name:`` at each speaker change (the Podcasting 2.0 convention).

SRT has no escaping of its own, but its readers treat ``<...>`` as formatting tags and many
decode HTML entities, so audiokit writes ``<`` as ``&lt;``, the ``>`` of a ``-->`` as
``&gt;`` (a ``-->`` in the text could otherwise be taken for cue timings), and ``&`` as
``&amp;`` only where it would be read as an entity. Everything else, ``Q&A`` included, is
written as is.

>>> from audiokit.captions.cue import Cue
>>> print(render([Cue(1.0, 2.5, "Ann", ("Q&A: a <b> --> c", "&amp; more"), label="Ann: ")]))
1
00:00:01,000 --> 00:00:02,500
Ann: Q&A: a &lt;b> --&gt; c
&amp;amp; more
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audiokit.captions.cue import Cue
from audiokit.captions.timefmt import srt_time

__all__ = ["escape", "render", "unescape"]

_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_ENTITY = re.compile(r"&(lt|gt|amp);")


def escape(text: str) -> str:
    """Escape a line of SRT text (see the module docstring)."""
    return _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;").replace("-->", "--&gt;")


def unescape(text: str) -> str:
    """Undo :func:`escape` (and decode ``&lt;``, ``&gt;``, ``&amp;`` written by others)."""
    return _ENTITY.sub(lambda m: {"lt": "<", "gt": ">", "amp": "&"}[m.group(1)], text)


def render(cues: Sequence[Cue]) -> str:
    """The SRT text of ``cues``; a cue's :attr:`~Cue.label` is shown before its text."""
    blocks = []
    for index, cue in enumerate(cues, start=1):
        lines = [escape(line) for line in cue.display_lines if line]
        blocks.append(f"{index}\n{srt_time(cue.start)} --> {srt_time(cue.end)}\n" + "\n".join(lines) + "\n")
    return "\n".join(blocks)
