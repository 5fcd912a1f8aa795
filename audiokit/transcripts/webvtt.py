"""WebVTT captions with voice spans (``<v Name>``, ``<v.class Name>``).

Cues are read with webvtt-py when it accepts the file, else with a small block parser of
our own (webvtt-py rejects some real-world files). Voice spans name the speaker, several
voices in one cue make several turns, cues without a voice continue the current speaker
(or use a ``NAME:`` prefix when the file has no voice spans at all). Consecutive cues of
one speaker are merged into one turn whose hint spans their times. Other tags are
stripped and ``&amp;``, ``&lt;``, ``&gt;`` unescaped, in the text and in voice names. YouTube's automatic captions, which
repeat the previous line at the top of each cue, are de-duplicated.

>>> vtt = "WEBVTT\\n\\n00:01.000 --> 00:02.000\\n<v Ann>Hi &amp; <b>bye</b>.\\n\\n00:02.000 --> 00:03.500\\n<v.loud Bob>Yo."
>>> [(t.speaker, t.text, t.hint) for t in parse(vtt).episode.turns]
[('Ann', 'Hi & bye.', Span(start=1.0, end=2.0)), ('Bob', 'Yo.', Span(start=2.0, end=3.5))]
"""

from __future__ import annotations

import html
import re

import webvtt
import webvtt.errors

from audiokit.captions.timefmt import VTT_TIMING, timing_lines
from audiokit.errors import FormatError
from audiokit.transcripts._common import (
    NO_LABELS_WARNING,
    Transcript,
    build,
    parse_clock,
)
from audiokit.transcripts.srt import TIMING_RE, Cue, Prefixes, clean, cues_to_pieces

_VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>")
_INLINE_TIME_RE = re.compile(r"<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>")
_GUID_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:/\d+-\d+)?[^\S\n]*$", re.MULTILINE | re.IGNORECASE)
_NUMBERED = re.compile(r"^\d+[^\S\n]*\n[^\S\n]*\d{2}:\d{2}:\d{2}\.\d{3}[^\S\n]+-->", re.MULTILINE)
_TIMING_LINE = re.compile(r"^[^\S\n]*((?:\d+:)?\d{2}:\d{2}\.\d{3})[^\S\n]+-->", re.MULTILINE)

_YOUTUBE_HEAD = re.compile(r"^Kind: captions\s*$.*-->[^\n]*align:start position:0%", re.MULTILINE | re.DOTALL)

YOUTUBE_AUTO = "YouTube auto-caption WebVTT"


def rolling(text: str) -> bool:
    """YouTube's automatic captions: inline word times, or (a cue of one word has none)
    its ``Kind: captions`` header with ``align:start position:0%`` cues and no voices."""
    return bool(_INLINE_TIME_RE.search(text)) or (bool(_YOUTUBE_HEAD.search(text[:3000])) and not _VOICE_RE.search(text))


TEAMS = "Microsoft Teams WebVTT"
ZOOM = "Zoom WebVTT"
WHISPER = "Whisper WebVTT"


def shape_of(text: str, has_voices: bool, named: bool) -> str:
    """Which tool's WebVTT this is, from its content.

    >>> shape_of("WEBVTT\\n\\n00:01.000 --> 00:02.000\\nHi", False, False)
    'Whisper WebVTT'
    """
    if rolling(text):
        return YOUTUBE_AUTO
    if has_voices and _GUID_ID.search(text):
        return TEAMS
    if not has_voices and named and _NUMBERED.search(text):
        return ZOOM
    stamps = _TIMING_LINE.findall(text[:20000])
    if not has_voices and stamps and all(st.count(":") == 1 for st in stamps):
        return WHISPER
    return "WebVTT"


def _cues_with_library(text: str) -> list[Cue]:
    doc = webvtt.from_string(text)
    return [
        Cue(parse_clock(c.start), max(parse_clock(c.start), parse_clock(c.end)), c.raw_text)
        for c in doc.captions
    ]


def _cues_by_hand(text: str, path: str) -> list[Cue]:
    blocks = re.split(r"\n[^\S\n]*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    cues: list[Cue] = []
    for index, block in enumerate(blocks):
        lines = block.split("\n")
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        # A cue's timing is its first or second line (after an identifier); the header
        # block may run straight into the first cue.
        search = lines if index == 0 else lines[:2]
        at = next((k for k, line in enumerate(search) if "-->" in line), None)
        if at is None:
            continue
        m = TIMING_RE.match(lines[at])
        if not m:
            raise FormatError(f"bad cue timing line {lines[at].strip()!r}", path=path)
        start, end = parse_clock(m.group(1)), parse_clock(m.group(2))
        cues.append(Cue(start, max(start, end), "\n".join(lines[at + 1 :])))
    return cues


def read_cues(text: str, path: str) -> list[Cue]:
    """The cues of a WebVTT file (raw cue text, tags kept)."""
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        raise FormatError("not a WebVTT file (no WEBVTT header)", path=path)
    try:
        cues = _cues_with_library(text)
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError, ValueError, IndexError):
        # webvtt-py chokes on some real files: read the blocks ourselves
        cues = []
    if cues:
        # webvtt-py passes over a cue whose time it cannot read ("99:99.000"), and its words with it.
        count, bad = timing_lines(text, VTT_TIMING)
        if bad is not None and len(cues) < count:
            raise FormatError(f"WebVTT: line {bad[0]}: bad cue timing line {bad[1]!r}", path=path)
    if not cues:
        cues = _cues_by_hand(text, path)
    if not cues:
        raise FormatError("no caption cues found", path=path)
    return cues


def _voices(raw: str) -> list[tuple[str | None, str]]:
    """``(voice or None, text)`` runs of one cue's raw text."""
    runs: list[tuple[str | None, str]] = []
    voice: str | None = None
    pos = 0
    for m in _VOICE_RE.finditer(raw):
        if raw[pos : m.start()].strip():
            runs.append((voice, raw[pos : m.start()]))
        # The annotation is escaped like cue text (``<v Tom &amp; Jerry>``, as audiokit writes it).
        voice = " ".join(html.unescape(m.group(1) or "").split()) or None
        pos = m.end()
    runs.append((voice, raw[pos:]))
    return [(v, t) for v, t in runs if t.strip() or v is not None]


def _dedupe_rolling(cues: list[Cue]) -> list[Cue]:
    """Drop YouTube's carried-over lines. Each new line appears under the previous one,
    then a short cue shows it alone: so a cue's first line equal to the last line read is
    the carry-over, and a one-line cue equal to it is the transition. Judging by position,
    not by "seen recently", keeps a line really said twice ("yeah yeah", then again)."""
    last: str | None = None
    out: list[Cue] = []
    for cue in cues:
        lines = [line for line in cue.text.split("\n") if clean(line)]
        if lines and clean(lines[0]) == last:
            lines = lines[1:]
        if lines:
            last = clean(lines[-1])
        out.append(Cue(cue.start, cue.end, "\n".join(lines)))
    return out


def parse(text: str, path: str = "<transcript>") -> Transcript:
    """Read WebVTT captions (see the module docstring)."""
    # Microsoft Teams writes cues out of time order; a stable sort keeps ordered files as they are.
    cues = sorted(read_cues(text, path), key=lambda c: c.start)
    if rolling(text):
        cues = _dedupe_rolling(cues)
    has_voices = any(_VOICE_RE.search(c.text) for c in cues)
    runs: list[tuple[Cue, str | None, str]] = []
    if has_voices:
        for cue in cues:
            for voice, raw in _voices(cue.text):
                runs.append((cue, voice, clean(raw)))
    else:
        texts = [clean(c.text) for c in cues]
        prefixes = Prefixes(texts)
        runs = [(c, *prefixes.split(t)) for c, t in zip(cues, texts, strict=True)]
    pieces, named = cues_to_pieces(runs)
    warnings = [] if named else [f"{path}: {NO_LABELS_WARNING}"]
    return build("webvtt", pieces, path, warnings=warnings, shape=shape_of(text, has_voices, named))
