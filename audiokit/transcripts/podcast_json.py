"""Podcasting 2.0 JSON transcripts (``application/json`` in ``<podcast:transcript>``)::

    {"version": "1.0.0",
     "segments": [{"speaker": "Ann", "startTime": 0.5, "endTime": 2.1, "body": "Hi."}]}

Consecutive segments of one speaker (often one word each) are merged into one turn whose
hint spans their times. Segments without a speaker continue the current one.

>>> doc = '{"version": "1.0.0", "segments": [{"speaker": "Ann", "startTime": 0.5, "endTime": 0.9, "body": "Hi"},'
>>> doc += ' {"speaker": "Ann", "startTime": 1, "endTime": 1.4, "body": "there."}]}'
>>> [(t.speaker, t.text, t.hint) for t in parse(doc).episode.turns]
[('Ann', 'Hi there.', Span(start=0.5, end=1.4))]
"""

from __future__ import annotations

import json
import math
from typing import Any

from audiokit.errors import FormatError
from audiokit.model import Metadata
from audiokit.transcripts._common import NO_LABELS_WARNING, Transcript, build, parse_clock
from audiokit.transcripts.srt import Cue, cues_to_pieces

LABEL = "Podcasting 2.0 JSON"


def matches(doc: Any) -> bool:
    """Any object with ``segments`` not claimed by a speech-to-text shape (see the registry)."""
    return isinstance(doc, dict) and "segments" in doc


def _time(value: Any, where: str, path: str) -> float:
    if isinstance(value, str):
        # Some hosts write times as numeric strings ("12.5") or clock times ("00:00:12.500").
        try:
            value = parse_clock(value) if ":" in value else float(value)
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise FormatError(f"{LABEL}: {where}: expected seconds, got {value!r}", path=path)
    return float(value)


def parse(text: str, path: str = "<transcript>") -> Transcript:
    """Read a Podcasting 2.0 JSON transcript (see the module docstring)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError.broken_json(exc, path) from None
    return read(doc, path)


def read(doc: Any, path: str) -> Transcript:
    """Read an already parsed Podcasting 2.0 JSON document."""
    if not isinstance(doc, dict) or not isinstance(doc.get("segments"), list):
        raise FormatError(f'{LABEL}: no "segments" list', path=path)
    runs: list[tuple[Cue, str | None, str]] = []
    for k, seg in enumerate(doc["segments"]):
        where = f"segments[{k}]"
        if not isinstance(seg, dict):
            raise FormatError(f"{LABEL}: {where}: expected an object", path=path)
        body = seg.get("body", "")
        if not isinstance(body, str):
            raise FormatError(f"{LABEL}: {where}.body: expected text, got {body!r}", path=path)
        speaker = seg.get("speaker")
        if speaker is not None and not isinstance(speaker, str):
            raise FormatError(f"{LABEL}: {where}.speaker: expected text, got {speaker!r}", path=path)
        start = _time(seg.get("startTime"), f"{where}.startTime", path)
        end = _time(seg.get("endTime", start), f"{where}.endTime", path)
        speaker = " ".join(speaker.split()) if speaker else None
        runs.append((Cue(start, max(start, end), body), speaker, " ".join(body.split())))
    pieces, named = cues_to_pieces(runs)
    warnings = [] if named else [f"{path}: {NO_LABELS_WARNING}"]
    title = doc.get("title") if isinstance(doc.get("title"), str) else None
    return build("podcast-json", pieces, path, metadata=Metadata(title=title), warnings=warnings, shape=LABEL)
