"""Reading TTML caption files (IMSC 1.x, EBU-TT-D, DFXP; ours or another tool's) for the linter,
with the standard library's ElementTree (pure: text in, cues out): :func:`parse`.

Each ``<p>`` is a cue, timed as TTML times it: ``begin``, ``end`` and ``dur`` on ``body``, ``div``,
``p`` and ``span``, each relative to its parent's begin (``par`` containers), an end never past the
parent's; a ``<p>`` timed only through its ``<span>``\\ s takes their span. Time expressions: clock
time (``00:01:02.5``, ``00:01:02:12`` frames, ``.sub-frames``) and offset time (``12.5s``,
``1.5m``, ``2h``, ``250ms``, ``300f`` at ``ttp:frameRate`` x ``ttp:frameRateMultiplier``,
``9000t`` at ``ttp:tickRate``). Text: ``<br/>`` breaks a line, ``<span>``\\ s nest, whitespace is
collapsed as ``xml:space="default"`` does, metadata is not shown. Speakers come from
``ttm:agent`` (on the cue, its spans or its div), named by the agent's ``ttm:name``; the text
colours of each cue are kept too, since EBU-TT-D shows speakers by colour.

A file with a DOCTYPE is refused (:func:`audiokit.textio.refuse_doctype`, as Word documents are:
no caption file needs one, and it is how entity bombs get in), and so are broken XML, a root that
is not ``<tt>`` and a cue with no end. A ``<tt>`` with no ``<body>`` and nothing but a ``<head>`` is a
document with no captions (TTML2 8.1.1 makes ``<body>`` optional; audiokit writes one so, as EBU-TT-D
allows no empty ``<div>``); anything else in its place (a ``<body>`` in another namespace, a ``<Body>``,
a ``<div>``) is refused, naming it, rather than read as no captions.

>>> doc = ('<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" '
...        'xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="25"><head><metadata>'
...        '<ttm:agent xml:id="a"><ttm:name type="full">Ann Lee</ttm:name></ttm:agent></metadata></head>'
...        '<body><div begin="10s"><p begin="00:00:01:05" dur="50f" ttm:agent="a">Hi <span>A &amp;'
...        '<span> B</span></span><br/>  you </p></div></body></tt>')
>>> parse(doc)
[TtmlCue(start=11.2, end=13.2, lines=('Hi A & B', 'you'), speakers=('Ann Lee',), colours=())]
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from audiokit.errors import FormatError
from audiokit.textio import refuse_doctype

__all__ = ["TtmlCue", "looks_like_ttml", "parse", "time_value"]

_XML = "{http://www.w3.org/XML/1998/namespace}"
_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>")
# The first element, after the declaration, comments and a DOCTYPE (which parse refuses by name).
_ROOT = re.compile(r"(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*"
                   r"<(?:[A-Za-z_][\w.-]*:)?tt[\s>/]", re.DOTALL)
_CLOCK = re.compile(r"(\d+):(\d{2}):(\d{2}(?:\.\d+)?)(?::(\d{2,})(?:\.(\d+))?)?")  # hours: 2 digits, 1 read too
_OFFSET = re.compile(r"(\d+(?:\.\d+)?)(h|ms|m|s|f|t)")
_SPACE = re.compile(r"[ \t\r\n]+")
_UNITS = {"h": Fraction(3600), "m": Fraction(60), "s": Fraction(1), "ms": Fraction(1, 1000)}


@dataclass(frozen=True)
class TtmlCue:
    """One ``<p>``: times in seconds (millisecond precision), the lines shown, the speakers its
    ``ttm:agent`` names, and the text colours it uses (as written, upper-cased)."""

    start: float
    end: float
    lines: tuple[str, ...]
    speakers: tuple[str, ...]
    colours: tuple[str, ...]


@dataclass(frozen=True)
class _Rates:
    frame: Fraction  # frames a second (frameRate x frameRateMultiplier)
    sub: int
    tick: Fraction


def looks_like_ttml(text: str) -> bool:
    """Whether ``text`` is XML whose root looks like TTML's ``<tt>`` (a quick look, for
    telling the format from the content).

    >>> looks_like_ttml('<?xml version="1.0"?>\\n<tt:tt xmlns:tt="http://www.w3.org/ns/ttml"/>'), looks_like_ttml("WEBVTT")
    (True, False)
    >>> looks_like_ttml("<!DOCTYPE html><html><body><tt>code</tt></body></html>")
    False
    """
    return _ROOT.match(text.lstrip("\ufeff \t\r\n")[:65536]) is not None


def time_value(expr: str, rates: _Rates | None = None) -> Fraction:
    """Seconds of a TTML time expression (clock time or offset time).

    >>> [float(time_value(t)) for t in ("01:02:03.5", "1:00:00", "12.5s", "1.5m", "250ms", "300f", "20000000t")]
    [3723.5, 3600.0, 12.5, 90.0, 0.25, 10.0, 2.0]
    """
    rates = rates or _Rates(Fraction(30), 1, Fraction(10_000_000))
    text = expr.strip()
    if m := _CLOCK.fullmatch(text):
        seconds = int(m[1]) * 3600 + int(m[2]) * 60 + Fraction(m[3])
        if m[4] is not None:
            seconds += (int(m[4]) + Fraction(int(m[5] or 0), rates.sub)) / rates.frame
        return seconds
    if m := _OFFSET.fullmatch(text):
        count, unit = Fraction(m[1]), m[2]
        if unit == "f":
            return count / rates.frame
        if unit == "t":
            return count / rates.tick
        return count * _UNITS[unit]
    raise ValueError(f"bad time expression {expr!r}")


class _Reader:
    def __init__(self, root: ET.Element, path: str | Path) -> None:
        # TTML's namespace or an older DFXP one ("http://www.w3.org/2006/10/ttaf1"), whose
        # parameter, styling and metadata namespaces are named after it; none at all in a few tools' files.
        base = root.tag[1 : root.tag.index("}")] if root.tag.startswith("{") else None
        self.tt, self.ttp, self.tts, self.ttm = (
            (f"{{{base}{s}}}" for s in ("", "#parameter", "#styling", "#metadata")) if base is not None
            else ("", "{#parameter}", "{#styling}", "{#metadata}"))
        self.path = path
        self.rates = self._rates(root)
        self.styles = {el.get(_XML + "id", ""): el for el in root.iter(self.tt + "style")}
        self.agents = {el.get(_XML + "id", ""): self._agent_name(el) for el in root.iter(self.ttm + "agent")}

    def fail(self, problem: str) -> FormatError:
        return FormatError(f"TTML: {problem}", path=self.path)

    def _rates(self, root: ET.Element) -> _Rates:
        base = root.get(self.ttp + "timeBase", "media")
        if base == "clock":
            raise self.fail('ttp:timeBase="clock" (wall-clock times) is not read; media or smpte time is')
        try:
            frame = Fraction(root.get(self.ttp + "frameRate", "30"))
            num, den = (root.get(self.ttp + "frameRateMultiplier", "1 1").split() + ["1"])[:2]
            frame *= Fraction(int(num), int(den))
            sub = int(root.get(self.ttp + "subFrameRate", "1"))
            given = root.get(self.ttp + "tickRate")
            tick = Fraction(given) if given else (frame * sub if root.get(self.ttp + "frameRate") else Fraction(1))
        except (ValueError, ZeroDivisionError):
            raise self.fail("bad ttp:frameRate, frameRateMultiplier, subFrameRate or tickRate") from None
        if frame <= 0 or sub <= 0 or tick <= 0:
            raise self.fail("frame, sub-frame and tick rates must be above zero")
        return _Rates(frame, sub, tick)

    def _agent_name(self, el: ET.Element) -> str:
        names = el.findall(self.ttm + "name")
        full = [n for n in names if n.get("type") == "full"] or names
        text = _SPACE.sub(" ", "".join(full[0].itertext())).strip() if full else ""
        return text or el.get(_XML + "id", "")

    def _time(self, el: ET.Element, name: str) -> Fraction | None:
        expr = el.get(name)
        if expr is None:
            return None
        try:
            return time_value(expr, self.rates)
        except ValueError as exc:
            raise self.fail(f"<{_local(el.tag)}> {name}: {exc}") from None

    def interval(self, el: ET.Element, start: Fraction, end: Fraction | None) -> tuple[Fraction, Fraction | None]:
        """``el``'s active interval, given its parent's (absolute seconds; ``None``: open)."""
        begin, stop, dur = self._time(el, "begin"), self._time(el, "end"), self._time(el, "dur")
        own = start + (begin or 0)
        ends = [t for t in (start + stop if stop is not None else None, own + dur if dur is not None else None, end)
                if t is not None]  # the earliest of end, begin + dur and the parent's end (SMIL)
        return own, min(ends) if ends else None

    def colour(self, el: ET.Element, seen: frozenset[str] = frozenset()) -> str | None:
        """The text colour ``el`` sets (inline, else through the styles it references)."""
        if (own := el.get(self.tts + "color")) is not None:
            return own.strip().upper()
        for ref in el.get("style", "").split():
            style = self.styles.get(ref)
            if style is not None and ref not in seen and (found := self.colour(style, seen | {ref})):
                return found
        return None

    def agent_names(self, el: ET.Element) -> list[str]:
        return [self.agents.get(ref, ref) for ref in el.get(self.ttm + "agent", "").split()]

    def content(self, el: ET.Element, out: list[str], who: list[str], colours: list[str],
                colour: str | None, preserve: bool) -> None:
        """The text of ``el`` into ``out`` (``\\n`` for each ``<br/>``), its speakers and colours."""
        def add(text: str | None) -> None:
            if text:
                out.append(text if preserve else _SPACE.sub(" ", text))
                if colour and text.strip():
                    colours.append(colour)

        add(el.text)
        for child in el:
            if child.tag == self.tt + "br":
                out.append("\n")
            elif child.tag == self.tt + "span":
                who += self.agent_names(child)
                space = child.get(_XML + "space")
                self.content(child, out, who, colours, self.colour(child) or colour,
                             preserve if space is None else space == "preserve")
            add(child.tail)  # metadata, animation and foreign elements show nothing but their tail is text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _named(el: ET.Element, tt: str) -> str:
    """``el`` as an error names it: its namespace too where it is not the document's (``tt``).

    >>> _named(ET.Element("body"), "{http://www.w3.org/ns/ttml}"), _named(ET.Element("{x}div"), "{x}")
    ('<body> in no namespace', '<div>')
    """
    space = el.tag[1 : el.tag.index("}")] if el.tag.startswith("{") else ""
    if (f"{{{space}}}" if space else "") == tt:
        return f"<{_local(el.tag)}>"
    return f"<{_local(el.tag)}> in " + (f"namespace {space}" if space else "no namespace")


def parse(text: str, path: str | Path = "<captions>") -> list[TtmlCue]:
    """The cues of a TTML document (see the module docstring); :class:`FormatError` naming
    ``path`` for a file that cannot be read as one.

    >>> parse('<tt xmlns="http://www.w3.org/ns/ttml"><head/></tt>', "x.ttml")
    []
    >>> parse('<rss/>', "x.ttml")
    Traceback (most recent call last):
    ...
    audiokit.errors.FormatError: x.ttml: not a TTML document (its root is <rss>, not <tt>)
    """
    text = text.lstrip("\ufeff")
    refuse_doctype(text, "TTML:", path)
    try:
        # The text is decoded already: the declaration's encoding no longer applies.
        root = ET.fromstring(_DECL.sub("", text, count=1))
    except ET.ParseError as exc:
        raise FormatError(f"TTML: not well-formed XML ({exc})", path=path) from None
    except RecursionError:  # elements nested thousands deep: no caption tool writes that
        raise FormatError("TTML: nested too deeply to read", path=path) from None
    if _local(root.tag) != "tt":
        raise FormatError(f"not a TTML document (its root is <{_local(root.tag)}>, not <tt>)", path=path)
    reader = _Reader(root, path)
    body = root.find(reader.tt + "body")
    if body is None:  # optional: a document with no captions, unless something else is there instead
        other = next((el for el in root if el.tag != reader.tt + "head"), None)
        if other is None:
            return []
        raise reader.fail(f"no <body>, so no captions (found {_named(other, reader.tt)})")
    cues: list[TtmlCue] = []
    _walk(reader, body, Fraction(0), None, [], None, root.get(_XML + "space") == "preserve", cues)
    return cues


def _walk(reader: _Reader, el: ET.Element, start: Fraction, end: Fraction | None, who: list[str],
          colour: str | None, preserve: bool, cues: list[TtmlCue]) -> None:
    """Every ``<p>`` under ``el`` (body or div) into ``cues``, in document order."""
    start, end = reader.interval(el, start, end)
    who = who + reader.agent_names(el)
    colour = reader.colour(el) or colour
    for child in el:
        space = child.get(_XML + "space")
        keep = preserve if space is None else space == "preserve"
        if child.tag == reader.tt + "div":
            _walk(reader, child, start, end, who, colour, keep, cues)
        elif child.tag == reader.tt + "p":
            cues.append(_cue(reader, child, start, end, who, reader.colour(child) or colour, keep, len(cues) + 1))


def _cue(reader: _Reader, p: ET.Element, start: Fraction, end: Fraction | None, who: list[str],
         colour: str | None, preserve: bool, number: int) -> TtmlCue:
    begin, finish = reader.interval(p, start, end)
    if p.get("begin") is None and p.get("end") is None and p.get("dur") is None:
        spans = [reader.interval(s, begin, finish) for s in p.iter(reader.tt + "span")
                 if s.get("begin") is not None or s.get("end") is not None]
        ends = [e for _, e in spans if e is not None]
        if spans and ends:
            begin, finish = min(b for b, _ in spans), max(ends)
    if finish is None:
        raise reader.fail(f"cue {number} (<p>{' ' + p.get(_XML + 'id', '') if p.get(_XML + 'id') else ''}) has no end time")
    pieces: list[str] = []
    speakers = who + reader.agent_names(p)
    colours: list[str] = []
    reader.content(p, pieces, speakers, colours, colour, preserve)
    lines = tuple(line for raw in "".join(pieces).split("\n") if (line := _SPACE.sub(" ", raw).strip()))
    return TtmlCue(round(float(begin), 3), round(float(finish), 3), lines,
                   tuple(dict.fromkeys(s for s in speakers if s)), tuple(dict.fromkeys(colours)))
