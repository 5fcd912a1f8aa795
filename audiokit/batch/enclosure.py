"""The audio a written feed's items publish (pure: bytes in, bytes out): with ``--level`` or
``--ride`` the levelled copy of each finished episode (``OUT/<id>/<stem>.levelled.<ext>``), named
under the base URL as the transcripts and chapters the feed gains are (:func:`.feed.item_elements`).

:func:`relink` rewrites, inside each chosen ``<item>``, its ``<enclosure>``'s ``url``, ``length``
(bytes) and ``type`` in place, other attributes, their order and quotes kept; and its
``<itunes:duration>`` when the copy's whole seconds differ from what it says, written in the form
it was. Every other byte of the feed stays as it was, as in :func:`.feed.annotate_feed`.

>>> feed = (b'<rss><channel><item><title>A</title><enclosure type="audio/mpeg" url="a.mp3" length="9"/>'
...         b'<itunes:duration>1:02</itunes:duration></item></channel></rss>')
>>> new = Enclosure("https://ex.org/site/a/a.levelled.flac", 5120, "audio/flac", 64.4)
>>> print(relink(feed, {0: new}, "itunes").decode())
<rss><channel><item><title>A</title><enclosure type="audio/flac" url="https://ex.org/site/a/a.levelled.flac" length="5120"/><itunes:duration>1:04</itunes:duration></item></channel></rss>
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

__all__ = ["MIME_TYPES", "Enclosure", "duration_seconds", "duration_text", "relink", "set_attributes"]

MIME_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/x-m4a", ".wav": "audio/wav", ".flac": "audio/flac",
              ".ogg": "audio/ogg", ".opus": "audio/ogg"}
"""The enclosure ``type`` of each format a levelled copy is written in (``audio/x-m4a`` as Apple
Podcasts names M4A; an Opus file is Ogg, RFC 7845)."""

# Comments and CDATA are skipped so that a tag inside them is not taken for one.
_TOKENS = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|(?P<start><item(?:\s[^>]*)?/?>)|(?P<end></item\s*>)",
                     re.DOTALL)
_INNER = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|(?P<tag><enclosure(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*"
                    rb"(?:\"[^\"]*\"|'[^']*'))*)\s*/?>)", re.DOTALL)
_ATTR = re.compile(rb"""(\s+)([^\s=/>]+)(\s*=\s*)(["'])(.*?)\4""", re.DOTALL)


@dataclass(frozen=True)
class Enclosure:
    """What an item publishes: ``url``, ``length`` in bytes, ``type`` (MIME) and ``seconds``
    (its duration; None when unknown, and ``<itunes:duration>`` is then left as it was)."""

    url: str
    length: int
    type: str
    seconds: float | None = None


def set_attributes(tag: bytes, values: Mapping[str, str]) -> bytes:
    """The start tag ``tag`` with ``values`` for its attributes: each one it has rewritten in
    place (its quote kept), the others added at its end.

    >>> set_attributes(b"<enclosure url='a.mp3' length=\\"1\\" />", {"url": "x&'y", "type": 'a"b'})
    b'<enclosure url=\\'x&amp;&apos;y\\' length="1" type="a&quot;b" />'
    """
    left = dict(values)

    def one(m: re.Match[bytes]) -> bytes:
        name = m[2].decode("ascii", "replace")
        if name not in left:
            return m[0]
        return m[1] + m[2] + m[3] + m[4] + _escaped(left.pop(name), m[4]) + m[4]

    head = _ATTR.sub(one, tag)
    close = len(head) - (2 if head.endswith(b"/>") else 1)
    while close > 0 and head[close - 1 : close].isspace():
        close -= 1
    more = b"".join(b" " + name.encode() + b'="' + _escaped(value, b'"') + b'"' for name, value in left.items())
    return head[:close] + more + head[close:]


def _escaped(value: str, quote: bytes) -> bytes:
    """``value`` as the text of an attribute within ``quote`` marks (ASCII: the feed's encoding may be any)."""
    sign = {b'"': {'"': "&quot;"}, b"'": {"'": "&apos;"}}[quote]
    return escape(value, sign).encode("ascii", "xmlcharrefreplace")


def duration_text(seconds: float, like: str) -> str:
    """``seconds`` as ``<itunes:duration>`` in the form of ``like``: whole seconds, ``MM:SS``
    or ``HH:MM:SS`` (hours added when an ``MM:SS`` one reaches an hour).

    >>> duration_text(64.4, "1:02"), duration_text(3725, "59:59"), duration_text(95.6, "95"), duration_text(62, "00:01:00")
    ('1:04', '1:02:05', '96', '00:01:02')
    """
    total = round(seconds)
    parts = like.strip().split(":")
    if len(parts) == 1:
        return str(total)
    h, m, s = total // 3600, total // 60 % 60, total % 60
    width = len(parts[0])
    if len(parts) == 2 and h == 0:
        return f"{total // 60:0{width}d}:{s:02d}"
    return f"{h:0{width if len(parts) == 3 else 1}d}:{m:02d}:{s:02d}"


def duration_seconds(text: str | None) -> float | None:
    """``<itunes:duration>`` as seconds (``H:MM:SS``, ``MM:SS`` or seconds), None when unreadable
    (not finite or below zero too: no length at all).

    >>> duration_seconds("1:02:03"), duration_seconds("95"), duration_seconds("soon"), duration_seconds("inf")
    (3723.0, 95.0, None, None)
    """
    try:
        total = 0.0
        for part in (text or "").strip().split(":"):
            total = total * 60 + float(part)
    except ValueError:
        return None
    return total if math.isfinite(total) and total >= 0 else None


def _item(body: bytes, new: Enclosure, itunes: str | None) -> bytes:
    for m in _INNER.finditer(body):
        if m["tag"]:
            values = {"url": new.url, "length": str(new.length), "type": new.type}
            body = body[:m.start()] + set_attributes(m["tag"], values) + body[m.end():]
            break
    if itunes is None or new.seconds is None:
        return body
    name = re.escape(itunes.encode())
    # As for the enclosure, a duration inside a comment or CDATA (show notes) is text, not the item's.
    scan = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|(?P<open><" + name + rb":duration(?:\s[^>]*)?>)([^<]*)</"
                      + name + rb":duration\s*>", re.DOTALL)
    found = next((m for m in scan.finditer(body) if m["open"]), None)
    if found is None:
        return body
    said = found[2].decode("utf-8", "replace")
    stated = duration_seconds(said)
    if stated is not None and round(stated) == round(new.seconds):
        return body
    text = duration_text(new.seconds, said if stated is not None else "0")
    return body[:found.start(2)] + text.encode() + body[found.end(2):]


def relink(data: bytes, enclosures: Mapping[int, Enclosure], itunes: str | None = "itunes") -> bytes:
    """``data`` (an RSS feed) with item ``n``'s (counted from 0) ``<enclosure>`` made
    ``enclosures[n]`` and its ``<{itunes}:duration>`` the enclosure's (``itunes``: the prefix the
    feed binds to the iTunes namespace; None when it binds none)."""
    out: list[bytes] = []
    pos, n, start = 0, 0, None
    for m in _TOKENS.finditer(data):
        if m["start"]:
            start = m.end() if not m["start"].endswith(b"/>") else None
            if start is None:
                n += 1  # <item/>: an item with nothing in it
        elif m["end"]:
            if start is not None and n in enclosures:
                out.append(data[pos:start] + _item(data[start:m.start()], enclosures[n], itunes))
                pos = m.start()
            n, start = n + 1, None
    out.append(data[pos:])
    return b"".join(out)
