"""WebVTT captions, written through webvtt-py, with a voice span naming the speaker.

Every cue starts with ``<v Name>`` (so each cue, and each HLS segment, names its speaker);
text is escaped as WebVTT requires (``&amp;``, ``&lt;``, ``&gt;``), which also keeps a
``-->`` in the transcript from being read as cue timings.

>>> from audiokit.captions.cue import Cue
>>> print(render([Cue(1.0, 2.5, "Ann & Bo", ("a <b> --> c",))]))
WEBVTT
<BLANKLINE>
00:00:01.000 --> 00:00:02.500
<v Ann &amp; Bo>a &lt;b&gt; --&gt; c
<BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Sequence

import webvtt

from audiokit.captions.cue import Cue
from audiokit.captions.timefmt import vtt_time

__all__ = ["escape", "render", "to_webvtt"]


def escape(text: str) -> str:
    """Escape cue text (or a voice name) for WebVTT."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_webvtt(cues: Sequence[Cue]) -> webvtt.WebVTT:
    """The cues as a webvtt-py document."""
    captions = []
    for cue in cues:
        lines = [escape(line) for line in cue.lines] or [""]
        if cue.speaker:
            lines[0] = f"<v {escape(cue.speaker)}>{lines[0]}"
        captions.append(webvtt.Caption(vtt_time(cue.start), vtt_time(cue.end), lines))
    return webvtt.WebVTT(captions=captions)


def render(cues: Sequence[Cue]) -> str:
    """The WebVTT text of ``cues``."""
    return to_webvtt(cues).content
