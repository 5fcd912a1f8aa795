"""YouTube's own caption files: SBV (``0:00:01.000,0:00:03.500`` then the text), srv3
(``<timedtext format="3">`` XML, ``<p t="ms" d="ms">`` with ``<s>`` word runs) and json3
(``{"events": [{"tStartMs", "dDurationMs", "segs": [{"utf8"}]}]}``).

Cues are read like SubRip cues (:mod:`.srt`): ``>> NAME:`` or ``NAME:`` prefixes name the
speakers, consecutive cues of one speaker are one turn whose hint spans their times.
Automatic captions in srv3/json3 give each word once (the rolling display is drawn by the
player), so every word is read once; the empty "new line" events are skipped.

>>> sbv = "0:00:00.500,0:00:02.000\\n>> ANN: Hi there.\\n\\n0:00:02.000,0:00:03.000\\nHow are you?\\n"
>>> t = parse_sbv(sbv)
>>> t.shape, [(turn.speaker, turn.text, turn.hint) for turn in t.episode.turns]
('YouTube SBV', [('ANN', 'Hi there. How are you?', Span(start=0.5, end=3.0))])
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from audiokit.errors import FormatError
from audiokit.transcripts._common import NO_LABELS_WARNING, Transcript, build, parse_clock
from audiokit.transcripts._timed import Doc
from audiokit.transcripts.srt import Cue, cues_to_pieces, dialogue_runs

SBV = "YouTube SBV"
SRV3 = "YouTube srv3 XML"
JSON3 = "YouTube json3"

SBV_TIMING = re.compile(r"^\s*(\d{1,2}:\d{2}:\d{2}\.\d{1,3}),(\d{1,2}:\d{2}:\d{2}\.\d{1,3})\s*$")


def looks_like_sbv(text: str) -> bool:
    """True when the first line with text is an SBV timing line."""
    first = next((ln for ln in text.lstrip("\ufeff").splitlines() if ln.strip()), "")
    return bool(SBV_TIMING.match(first))


def _from_cues(fmt: str, label: str, cues: list[Cue], path: str) -> Transcript:
    pieces, named = cues_to_pieces(dialogue_runs(cues))
    warnings = [] if named else [f"{path}: {NO_LABELS_WARNING}"]
    return build(fmt, pieces, path, warnings=warnings, shape=label)


def parse_sbv(text: str, path: str = "<transcript>") -> Transcript:
    """Read a YouTube SBV file: a timing line starts each cue, the text runs to the next."""
    cues: list[Cue] = []
    body: list[str] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        m = SBV_TIMING.match(line)
        if m:
            if cues:
                cues[-1].text = "\n".join(body).strip()
            start, end = parse_clock(m.group(1)), parse_clock(m.group(2))
            if end < start:
                raise FormatError(f"{SBV}: line {number}: cue ends before it starts", path=path)
            cues.append(Cue(start, end, ""))
            body = []
        elif cues:
            body.append(line)
        elif line.strip():
            raise FormatError(
                f"{SBV}: line {number}: expected a timing line like 0:00:01.000,0:00:03.000", path=path
            )
    if not cues:
        raise FormatError(f"{SBV}: no caption cues found", path=path)
    cues[-1].text = "\n".join(body).strip()
    return _from_cues("sbv", SBV, cues, path)


def _add_cue(cues: list[Cue], d: Doc, words: str, start: tuple[Any, str], length: tuple[Any, str]) -> None:
    """Append a cue from millisecond start and duration, unless it has no words or time."""
    at = d.time(start[0], start[1], 0.001)
    if at is not None and words.strip():
        cues.append(Cue(at, round(at + (d.time(length[0], length[1], 0.001) or 0.0), 3), words))


def looks_like_srv3(text: str) -> bool:
    """XML with a ``<timedtext`` element near its start."""
    head = text.lstrip("\ufeff \t\r\n")[:400]
    return head.startswith("<") and "<timedtext" in head


def parse_srv3(text: str, path: str = "<transcript>") -> Transcript:
    """Read YouTube srv3 (``<timedtext format="3">``) captions."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff \t\r\n"))
    except ET.ParseError as exc:
        raise FormatError(f"{SRV3}: not well-formed XML ({exc})", path=path) from None
    d = Doc(SRV3, path)
    cues: list[Cue] = []
    for k, p in enumerate(root.iter("p")):
        where = f"body/p[{k}]"
        for br in p.iter("br"):  # a line break between two words is a space
            br.tail = "\n" + (br.tail or "")
        _add_cue(cues, d, "".join(p.itertext()), (p.get("t"), f"{where}@t"), (p.get("d", "0"), f"{where}@d"))
    if not cues:
        raise FormatError(f"{SRV3}: no caption paragraphs (<p t=...>) found", path=path)
    return _from_cues("youtube-srv3", SRV3, cues, path)


def matches_json3(doc: Any) -> bool:
    """An ``events`` list."""
    return isinstance(doc, dict) and isinstance(doc.get("events"), list)


def read_json3(doc: Any, path: str) -> Transcript:
    """Read YouTube json3 captions (already parsed JSON)."""
    d = Doc(JSON3, path)
    cues: list[Cue] = []
    for k, event in enumerate(d.list(doc.get("events"), "events")):
        where = f"events[{k}]"
        event = d.obj(event, where)
        segs = event.get("segs")
        if not segs:
            continue
        words = "".join(
            d.text(d.obj(s, f"{where}.segs[{j}]").get("utf8", ""), f"{where}.segs[{j}].utf8")
            for j, s in enumerate(d.list(segs, f"{where}.segs"))
        )
        _add_cue(
            cues,
            d,
            words,
            (event.get("tStartMs"), f"{where}.tStartMs"),
            (event.get("dDurationMs", 0), f"{where}.dDurationMs"),
        )
    if not cues:
        raise FormatError(f"{JSON3}: no caption events with text", path=path)
    return _from_cues("youtube-json3", JSON3, cues, path)
