"""WebVTT chapters: one cue per chapter, the plain title as its text, cues back to back from
0:00 to the end of the episode (what ``<track kind="chapters">`` players read).

>>> from audiokit.chapters.model import Chapter
>>> print(render([Chapter(0.0, 61.25, "Intro", 0), Chapter(61.25, 90.0, "Q&A <live>", 7)]), end="")
WEBVTT
<BLANKLINE>
chapter-1
00:00:00.000 --> 00:01:01.250
Intro
<BLANKLINE>
chapter-2
00:01:01.250 --> 00:01:30.000
Q&amp;A &lt;live&gt;
"""

from __future__ import annotations

from collections.abc import Sequence

from audiokit.chapters.model import Chapter
from audiokit.chapters.timefmt import clock


def _escape(title: str) -> str:
    text = " ".join(title.split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render(chapters: Sequence[Chapter]) -> str:
    """The WebVTT text; cue ``k`` ends where cue ``k + 1`` starts, so cues never overlap."""
    blocks = ["WEBVTT"]
    for k, c in enumerate(sorted(chapters), start=1):
        blocks.append(f"chapter-{k}\n{clock(c.start)} --> {clock(c.end)}\n{_escape(c.title)}")
    return "\n\n".join(blocks) + "\n"
