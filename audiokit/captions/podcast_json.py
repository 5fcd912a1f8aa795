"""Podcasting 2.0 JSON transcript: one segment per cue.

>>> from audiokit.captions.cue import Cue
>>> print(render([Cue(1.0, 2.5, "Ann", ("a <b>", "& c"))]), end="")
{
 "version": "1.0.0",
 "segments": [
  {
   "speaker": "Ann",
   "startTime": 1.0,
   "endTime": 2.5,
   "body": "a <b> & c"
  }
 ]
}
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from audiokit.captions.cue import Cue
from audiokit.captions.timefmt import ms
from audiokit.captions.turns import cue_text

__all__ = ["render", "to_dict"]

VERSION = "1.0.0"


def to_dict(cues: Sequence[Cue]) -> dict[str, Any]:
    """The transcript as a JSON-ready dictionary (``speaker`` left out when unknown)."""
    segments = []
    for cue in cues:
        segment: dict[str, Any] = {}
        if cue.speaker:
            segment["speaker"] = cue.speaker
        segment.update(startTime=ms(cue.start) / 1000, endTime=ms(cue.end) / 1000, body=cue_text(cue))  # as VTT and SRT round
        segments.append(segment)
    return {"version": VERSION, "segments": segments}


def render(cues: Sequence[Cue]) -> str:
    """The JSON text of :func:`to_dict`."""
    return json.dumps(to_dict(cues), ensure_ascii=False, indent=1) + "\n"
