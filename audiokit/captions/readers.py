"""Reading WebVTT and SRT files (ours or anyone's) for the linter, through webvtt-py, and TTML
(IMSC, EBU-TT-D) through :mod:`.ttml_read`.

Each cue comes back as a :class:`ShownCue`: times, the lines as a viewer sees them (tags
removed, entities decoded, an SRT or TTML speaker label kept since it is shown) and the speakers
it names: WebVTT voice spans, TTML ``ttm:agent`` attributes, or else ``Name:`` labels at the start of a
line (SRT, TTML), two or more dialogue dashes, or (TTML, where a file colours two or more
speakers, as EBU-TT-D for the BBC does) the text colours of the cue.

>>> cues = parse("WEBVTT\\n\\n00:01.000 --> 00:02.500\\n<v Ann>a &lt;b&gt; <i>c</i>\\n", "vtt")
>>> cues[0].start, cues[0].end, cues[0].display_lines, cues[0].speakers
(1.0, 2.5, ('a <b> c',), ('Ann',))
>>> cues = parse("1\\n00:00:01,000 --> 00:00:02,000\\nAnn: Hi.\\nBo: Yo.\\n", "srt")
>>> cues[0].speakers
('Ann', 'Bo')
>>> parse("1\\n00:00:01,000 --> 00:00:02,000\\nMichael:\\nAs well as helpful adjectives,\\n", "srt")[0].speakers
('Michael',)
>>> parse('<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">Bo: Hi<br/>you</p></div></body></tt>', "ttml")
[ShownCue(index=1, start=1.0, end=2.0, display_lines=('Bo: Hi', 'you'), speakers=('Bo',))]
"""

from __future__ import annotations

import codecs
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from audiokit.captions import srt as srt_writer
from audiokit.captions import ttml_read
from audiokit.captions.timefmt import SRT_TIMING, VTT_TIMING, timing_lines
from audiokit.errors import FormatError
from audiokit.textio import decode_text, read_bytes

__all__ = ["ShownCue", "detect_format", "parse", "read"]

_TAG = re.compile(r"<[^>]*>")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t\f]+([^>]*)>")
# A label starts a line; audiokit puts one alone on its line when the words fit better below it.
_LABEL = re.compile(r"^((?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*){0,3}):(?:\s|$)")
_DASH = re.compile(r"^[-–—]\s")


@dataclass(frozen=True)
class ShownCue:
    """A cue as read from a caption file (times in seconds, 1-based ``index``)."""

    index: int
    start: float
    end: float
    display_lines: tuple[str, ...]
    speakers: tuple[str, ...]


def detect_format(text: str, name: str = "") -> str:
    """``"vtt"``, ``"srt"`` or ``"ttml"`` (any TTML profile, EBU-TT-D included), from the content
    first, then the file name.

    >>> detect_format("WEBVTT\\n"), detect_format("1\\n00:00:01,000 --> 00:00:02,000\\nx")
    ('vtt', 'srt')
    >>> detect_format('<?xml version="1.0"?><tt xmlns="http://www.w3.org/ns/ttml"/>'), detect_format("", "a.ttml")
    ('ttml', 'ttml')
    """
    head = text.lstrip("\ufeff")
    if head.startswith("WEBVTT"):
        return "vtt"
    if ttml_read.looks_like_ttml(head):
        return "ttml"
    if re.match(r"\s*\d+\s*\n\s*\d+:\d{1,2}:\d{1,2}[,.]\d+\s*-->", head):
        return "srt"
    lower = name.lower()
    if lower.endswith((".ttml", ".dfxp", ".xml")):
        return "ttml"
    return "srt" if lower.endswith(".srt") else "vtt"


def _unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))


def _shown_speakers(shown: tuple[str, ...]) -> tuple[str, ...]:
    """The speakers a cue's text names: ``Name:`` labels starting a line, else ``speaker 1``,
    ``speaker 2``... for two or more dialogue dashes."""
    labels = [m.group(1) for line in shown if (m := _LABEL.match(line))]
    dashes = sum(1 for line in shown if _DASH.match(line))
    speakers = _unique(labels)
    if dashes >= 2 and len(speakers) < 2:
        speakers = tuple(f"speaker {k + 1}" for k in range(dashes))
    return speakers


def _ttml(text: str, path: str | Path) -> list[ShownCue]:
    cues = ttml_read.parse(text, path)
    coloured = len({c for cue in cues for c in cue.colours}) >= 2  # colour tells speakers apart
    out = []
    for index, cue in enumerate(cues, start=1):
        speakers = cue.speakers or _shown_speakers(cue.lines)
        # Where colours name speakers, a "Note:" line does not; labels win only where they name
        # more speakers than colours do (white speakers sharing their colour, BBC 8.5).
        if not cue.speakers and coloured and cue.colours and len(speakers) <= len(cue.colours):
            speakers = tuple(f"colour {c}" for c in cue.colours)
        out.append(ShownCue(index, cue.start, cue.end, cue.lines, speakers))
    return out


def parse(text: str, fmt: str, path: str | Path = "<captions>") -> list[ShownCue]:
    """The cues of WebVTT (``fmt="vtt"``), SRT (``fmt="srt"``) or TTML (``"ttml"``, also
    ``"ebu-tt-d"``) text."""
    text = text.lstrip("\ufeff")
    if fmt in ("ttml", "ebu-tt-d"):
        return _ttml(text, path)
    if fmt == "srt" and not text.strip():
        return []  # an SRT file without cues has nothing in it at all
    try:
        if fmt == "vtt":
            doc = webvtt.WebVTT.from_string(text)
        elif fmt == "srt":
            doc = webvtt.WebVTT.from_buffer(io.StringIO(text), format="srt")
        else:
            raise ValueError(f"unknown caption format {fmt!r}")
    except (MalformedFileError, MalformedCaptionError) as exc:
        kind = "WebVTT" if fmt == "vtt" else "SRT"
        raise FormatError(f"not a valid {kind} file ({exc})", path=path) from None
    count, bad = timing_lines(text, VTT_TIMING if fmt == "vtt" else SRT_TIMING)
    if len(doc.captions) < count:  # webvtt-py passed over cues whose times it could not read
        kind = "WebVTT" if fmt == "vtt" else "SRT"
        where = (f"line {bad[0]}: bad cue timing line {bad[1]!r}" if bad is not None
                 else f"{count - len(doc.captions)} of {count} cues cannot be read")
        raise FormatError(f"not a valid {kind} file ({where})", path=path)
    cues = []
    for index, caption in enumerate(doc.captions, start=1):
        raw = [line for line in caption.lines if line.strip()]
        if fmt == "vtt":
            speakers = _unique([html.unescape(v.strip()) for line in raw for v in _VOICE.findall(line)])
            shown = tuple(html.unescape(_TAG.sub("", line)) for line in raw)
        else:
            shown = tuple(srt_writer.unescape(_TAG.sub("", line)) for line in raw)
            speakers = _shown_speakers(shown)
        cues.append(
            ShownCue(
                index,
                caption.start_time.in_milliseconds() / 1000,
                caption.end_time.in_milliseconds() / 1000,
                shown,
                speakers,
            )
        )
    return cues


def read(path: str | Path) -> list[ShownCue]:
    """Read a .vtt, .srt or TTML file (format from its content, else its extension). An empty
    ``.srt`` file (a byte-order mark at most) is SRT with no cues (as audiokit writes one); any
    other empty file is refused."""
    data = read_bytes(path)
    if str(path).lower().endswith(".srt") and _blank(data):
        return []
    text = decode_text(data, path).text
    return parse(text, detect_format(text, str(path)), path)


def _blank(data: bytes) -> bool:
    """Whether ``data`` is white space at most after a byte-order mark (UTF-8, or UTF-16 either way round).

    >>> _blank(b"\\xff\\xfe"), _blank(b"\\xef\\xbb\\xbf\\n"), _blank(b"\\xfe\\xff\\x00a")
    (True, True, False)
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return not data.decode("utf-16").strip()
        except UnicodeDecodeError:  # decode_text says what is wrong with it
            return False
    return not data.removeprefix(codecs.BOM_UTF8).strip()
