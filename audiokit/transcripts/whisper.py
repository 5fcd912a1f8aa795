"""Whisper, faster-whisper and WhisperX JSON: ``{"text", "segments": [{"start", "end",
"text", "words": [...]}]}``.

Each segment's ``text`` is read (its words exactly as written; Whisper's leading spaces
and its word list repeat the same words, as do the top-level ``text`` and WhisperX's
``word_segments``, so those are not read again). The segment times are the turn hints.
WhisperX segments carry a diarization ``speaker`` (``SPEAKER_00``); a segment without one
continues the previous speaker. WhisperX words may lack times: they are not needed here.

>>> doc = {"text": " Hi there. Bye.", "segments": [
...     {"id": 0, "seek": 0, "start": 0.0, "end": 1.5, "text": " Hi there."},
...     {"id": 1, "seek": 0, "start": 1.5, "end": 2.0, "text": " Bye."}]}
>>> t = read(doc, "w.json")
>>> t.shape, [(turn.speaker, turn.text, turn.hint) for turn in t.episode.turns]
('Whisper JSON', [('Speaker', 'Hi there. Bye.', Span(start=0.0, end=2.0))])
"""

from __future__ import annotations

from typing import Any

from audiokit.transcripts._common import Transcript
from audiokit.transcripts._timed import Doc, Token

WHISPER = "Whisper JSON"
WHISPERX = "WhisperX JSON"


def _segments(doc: Any) -> Any:
    # Scripts around faster-whisper often dump the bare list of segments.
    return doc if isinstance(doc, list) else doc.get("segments") if isinstance(doc, dict) else None


def matches(doc: Any) -> bool:
    """A ``segments`` list (or a bare list) whose entries have ``start`` and ``text``
    (Podcasting 2.0 JSON has ``startTime`` and ``body`` instead)."""
    segments = _segments(doc)
    if not isinstance(segments, list):
        return False
    first = next((s for s in segments if isinstance(s, dict)), None)
    if first is None:
        return isinstance(doc, dict) and ("word_segments" in doc or "language" in doc)
    return "text" in first and "start" in first and "body" not in first


def is_whisperx(doc: Any) -> bool:
    """WhisperX's output: a ``word_segments`` list or segments with a ``speaker``."""
    segments = _segments(doc) or []
    return (isinstance(doc, dict) and "word_segments" in doc) or any(
        isinstance(s, dict) and "speaker" in s for s in segments
    )


def read(doc: Any, path: str) -> Transcript:
    """Read Whisper / faster-whisper / WhisperX JSON (see the module docstring)."""
    d = Doc(WHISPERX if is_whisperx(doc) else WHISPER, path)
    tokens = []
    for k, seg in enumerate(d.list(_segments(doc), "segments")):
        where = f"segments[{k}]"
        seg = d.obj(seg, where)
        text = d.text(seg.get("text"), f"{where}.text")
        start, end = d.span(
            d.time(seg.get("start"), f"{where}.start"), d.time(seg.get("end"), f"{where}.end")
        )
        speaker = seg.get("speaker")
        tokens.append(Token(text, start, end, None if speaker is None else str(speaker)))
    fmt = "whisperx" if d.label == WHISPERX else "whisper"
    return d.transcript(fmt, tokens)
