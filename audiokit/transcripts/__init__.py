"""Transcript readers: one module per format, the format detected from the text.

:func:`load` reads a file (UTF-8, else cp1252 with a warning) and :func:`from_string`
parses text into a :class:`Transcript`: an :class:`~audiokit.model.Episode` with untimed
words (each exactly as written), sentences, speakers with roles and metadata.

Formats: ``"plain"`` (speaker turns, :mod:`.plain`), ``"timestamped"`` (:mod:`.timestamped`),
``"webvtt"`` (:mod:`.webvtt`), ``"srt"`` (:mod:`.srt`), ``"podcast-json"``
(Podcasting 2.0 JSON, :mod:`.podcast_json`).

>>> t = from_string("Ann Lee, Host: Hello there. Welcome!\\nBob Roy: Thanks.")
>>> t.format, [s.name for s in t.episode.speakers], t.episode.word_count
('plain', ['Ann Lee', 'Bob Roy'], 4)
>>> detect_format("WEBVTT\\n\\n00:01.000 --> 00:02.000\\nHi")
'webvtt'
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from audiokit.errors import InputError
from audiokit.textio import read_text
from audiokit.transcripts import plain, podcast_json, srt, timestamped, webvtt
from audiokit.transcripts._common import CLOCK, Transcript, name_words

__all__ = ["FORMATS", "Transcript", "detect_format", "from_string", "load"]

FORMATS: dict[str, Callable[[str, str], Transcript]] = {
    "plain": plain.parse,
    "timestamped": timestamped.parse,
    "webvtt": webvtt.parse,
    "srt": srt.parse,
    "podcast-json": podcast_json.parse,
}

_SRT_RE = re.compile(rf"^\s*\d+\s*\n\s*{CLOCK}\s*-->\s*{CLOCK}", re.MULTILINE)


def detect_format(text: str) -> str:
    """The format of transcript ``text`` (one of :data:`FORMATS`).

    JSON -> ``podcast-json``; a ``WEBVTT`` header -> ``webvtt``; numbered cues with
    ``-->`` -> ``srt``; time stamps on most labelled lines -> ``timestamped``; else
    ``plain``.

    >>> detect_format('{"version": "1.0.0", "segments": []}')
    'podcast-json'
    >>> detect_format("1\\n00:00:01,000 --> 00:00:02,000\\nHi\\n")
    'srt'
    >>> detect_format("[00:00:01] Ann: Hi.\\n[00:00:03] Bob: Yo.")
    'timestamped'
    >>> detect_format("Ann: Hi at 10:30.\\nBob: Yo.")
    'plain'
    """
    s = text.lstrip("\ufeff \t\r\n")
    if s.startswith(("{", "[{")):
        try:
            json.loads(s)
            return "podcast-json"
        except json.JSONDecodeError:
            pass
    if s.startswith("WEBVTT"):
        return "webvtt"
    normalized = s.replace("\r\n", "\n").replace("\r", "\n")
    if _SRT_RE.search(normalized[:2000]):
        return "srt"
    lines = normalized.split("\n")
    stamped = timestamped.count_headers(lines)
    labelled = 0
    for line in lines:
        found = plain.label_of(line)
        if found and name_words(found[0].partition(",")[0].strip()) is not None:
            labelled += 1
    if stamped >= 2 and stamped >= labelled or stamped == 1 and labelled == 0:
        return "timestamped"
    return "plain"


def from_string(text: str, format: str | None = None, path: str = "<transcript>") -> Transcript:
    """Parse transcript ``text`` as ``format`` (detected when ``None``).

    Raises :class:`InputError` for empty text or an unknown format name and
    :class:`FormatError` for text that does not follow the format; both name ``path``.
    """
    path = str(path)
    if not text.strip():
        raise InputError("file is empty", path=path)
    fmt = format or detect_format(text)
    parser = FORMATS.get(fmt)
    if parser is None:
        raise InputError(f"unknown transcript format {fmt!r} (known: {', '.join(FORMATS)})", path=path)
    return parser(text.lstrip("\ufeff"), path)


def load(path: str | Path, format: str | None = None) -> Transcript:
    """Read and parse a transcript file; a decoding warning (cp1252 fallback) comes first
    in :attr:`Transcript.warnings`."""
    decoded = read_text(path)
    transcript = from_string(decoded.text, format, str(path))
    if decoded.warning:
        transcript = replace(transcript, warnings=(decoded.warning, *transcript.warnings))
    return transcript
