"""Which reader a transcript needs, decided from its content (never only the extension).

JSON is parsed once and offered to each JSON shape's ``matches`` in turn (their keys do
not overlap: ``results.items``, ``results.channels``, ``results[]``, ``monologues``,
``utterances``/``words``, ``segments`` with ``start``/``text``, ``events``, then any other
``segments``). Text is tried from the most to the least distinctive layout: srv3 XML,
``WEBVTT``, SBV timing lines, SRT timing lines, Zoom's, Descript's and ``[0:12] Name``
exports, timestamped headers, and plain speaker turns last.

>>> detect('{"results": {"items": []}}')[0], detect("0:00:01.000,0:00:02.000\\nHi")[0]
('aws-transcribe', 'sbv')
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from audiokit.errors import FormatError
from audiokit.transcripts import (
    cloud_stt,
    exports,
    plain,
    podcast_json,
    srt,
    timestamped,
    webvtt,
    whisper,
    youtube,
)
from audiokit.transcripts._common import CLOCK, Transcript, name_words, split_label

JsonReader = Callable[[Any, str], Transcript]
TextReader = Callable[[str, str], Transcript]

# (format name, shape label, matches, read), in the order detection tries them.
JSON_SHAPES: list[tuple[str, str, Callable[[Any], bool], JsonReader]] = [
    ("aws-transcribe", cloud_stt.AWS, cloud_stt.matches_aws, cloud_stt.read_aws),
    ("deepgram", cloud_stt.DEEPGRAM, cloud_stt.matches_deepgram, cloud_stt.read_deepgram),
    ("google-stt", cloud_stt.GOOGLE, cloud_stt.matches_google, cloud_stt.read_google),
    ("rev-ai", cloud_stt.REVAI, cloud_stt.matches_revai, cloud_stt.read_revai),
    ("assemblyai", cloud_stt.ASSEMBLYAI, cloud_stt.matches_assemblyai, cloud_stt.read_assemblyai),
    ("whisper", "Whisper / faster-whisper / WhisperX JSON", whisper.matches, whisper.read),
    ("youtube-json3", youtube.JSON3, youtube.matches_json3, youtube.read_json3),
    ("podcast-json", podcast_json.LABEL, podcast_json.matches, podcast_json.read),
]

TEXT_FORMATS: dict[str, TextReader] = {
    "plain": plain.parse,
    "timestamped": exports.parse,
    "webvtt": webvtt.parse,
    "srt": srt.parse,
    "sbv": youtube.parse_sbv,
    "youtube-srv3": youtube.parse_srv3,
}

_SRT_RE = re.compile(rf"^\s*\d+\s*\n\s*{CLOCK}\s*-->", re.MULTILINE)  # a bad end time is still SubRip
# How JSON opens and no text transcript does: an object, or an array of objects, arrays or
# strings ("[00:01:02] Name: ..." and "[Music]" lines open with a bracket too).
_JSON_OPENING = re.compile(r'\{|\[\s*[\[{"\]]')


def known_json() -> str:
    """The JSON shapes audiokit reads, for messages."""
    return ", ".join(label for _, label, _, _ in JSON_SHAPES)


def unknown_json(path: str) -> FormatError:
    """The error for JSON that no shape claims, listing the shapes audiokit reads."""
    return FormatError(
        f"JSON, but not a transcript shape audiokit reads (no segments, results, monologues, utterances"
        f" or events); it reads {known_json()}",
        path=path,
    )


def read_json(doc: Any, path: str, name: str | None = None) -> Transcript:
    """Read a parsed JSON document as the shape ``name`` (detected when ``None``)."""
    name = "whisper" if name == "whisperx" else name
    detected = next(
        ((shape, label, read) for shape, label, matches, read in JSON_SHAPES if matches(doc)), None
    )
    if name is None or (detected is not None and detected[0] == name):
        if detected is None:
            raise unknown_json(path)
        return detected[2](doc, path)
    label = next(label for shape, label, _, _ in JSON_SHAPES if shape == name)
    found = detected[1] if detected else "no transcript shape audiokit reads"
    raise FormatError(f"--format {name}: this JSON is not {label} (it looks like {found})", path=path)


def _json_reader(name: str) -> TextReader:
    def parse(text: str, path: str = "<transcript>") -> Transcript:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormatError.broken_json(exc, path) from None
        return read_json(doc, path, name)

    parse.__doc__ = f"Read {name} JSON text."
    return parse


FORMATS: dict[str, TextReader] = {
    **TEXT_FORMATS,
    **{name: _json_reader(name) for name, _, _, _ in JSON_SHAPES},
    "whisperx": _json_reader("whisperx"),
}


def detect(text: str, path: str = "<transcript>") -> tuple[str, Any]:
    """``(format name, parsed JSON or None)`` for transcript ``text``; the name is
    ``"json"`` for JSON that no shape claims. Text that opens as JSON but does not parse is a
    :class:`FormatError` naming ``path``, not a plain transcript of braces and quotes.

    >>> detect('{"segments": [{"start": 0, "end": 1, "text": "hi"}', "cut.json")
    Traceback (most recent call last):
    ...
    audiokit.errors.FormatError: cut.json: not valid JSON (Expecting ',' delimiter: line 1, column 51)
    """
    s = text.lstrip("\ufeff \t\r\n")
    if s.startswith(("{", "[")):
        try:
            doc = json.loads(s)
        except json.JSONDecodeError as exc:
            if _JSON_OPENING.match(s):
                raise FormatError.broken_json(exc, path) from None
            doc = None
        if doc is not None:
            name = next((shape for shape, _, matches, _ in JSON_SHAPES if matches(doc)), "json")
            return name, doc
    if youtube.looks_like_srv3(s):
        return "youtube-srv3", None
    if s.startswith("WEBVTT"):
        return "webvtt", None
    if youtube.looks_like_sbv(s):
        return "sbv", None
    normalized = s.replace("\r\n", "\n").replace("\r", "\n")
    if _SRT_RE.search(normalized[:2000]):
        return "srt", None
    layouts = (exports.looks_like_zoom_text, exports.looks_like_descript, exports.looks_like_name_lines)
    if any(looks_like(normalized) for looks_like in layouts):
        return "timestamped", None
    lines = normalized.split("\n")
    stamped = timestamped.count_headers(lines)
    labelled = 0
    for line in lines:
        found = plain.label_of(line)
        if found and name_words(split_label(found[0])[0]) is not None:
            labelled += 1
    if stamped >= 2 and stamped >= labelled or stamped == 1 and labelled == 0:
        return "timestamped", None
    return "plain", None
