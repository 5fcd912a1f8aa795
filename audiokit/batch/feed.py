"""RSS feeds: reading a feed file's episodes, and writing it back with Podcasting 2.0 elements.

Reading (:func:`read_feed`): each ``<item>``'s ``<enclosure url>`` is the audio and its
``<podcast:transcript>`` the transcript (JSON, WebVTT, SRT or plain text are preferred in that
order; an HTML transcript alone is not read). ``file://`` URLs and paths relative to the feed
become absolute paths; ``http(s)://`` URLs stay URLs (fetched only with ``--fetch``).

Writing (:func:`annotate_feed`): the feed's own bytes, with the podcast namespace declared on
``<rss>`` when missing and, before each finished item's ``</item>``, the elements
:func:`item_elements` makes. Nothing else changes: not a comment, a CDATA section, an
attribute order or the encoding, which re-serialising the parsed tree would not promise. With
``--level`` or ``--ride`` each finished item's ``<enclosure>`` (and ``<itunes:duration>``) names
the levelled copy instead, under the same base URL (:mod:`.enclosure`).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlparse
from urllib.request import url2pathname
from xml.sax.saxutils import quoteattr

from audiokit.batch.enclosure import MIME_TYPES, Enclosure, duration_seconds, relink
from audiokit.batch.ids import IdRegistry
from audiokit.batch.sources import Item
from audiokit.errors import InputError

__all__ = ["NAMESPACE", "annotate_feed", "item_elements", "read_channel", "read_feed"]

NAMESPACE = "https://podcastindex.org/namespace/1.0"
_OLD_NAMESPACE = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
# Matched in any case: older feeds declare it as ".../DTDs/Podcast-1.0.dtd", which podcast apps accept.
_ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# Transcript types audiokit reads, best first (JSON and WebVTT keep the speakers).
_TYPES = ("application/json", "text/vtt", "application/x-subrip", "application/srt", "text/srt", "text/plain")


def _is_web(url: str) -> bool:
    return urlparse(url).scheme.lower() in ("http", "https")


def _resolve(url: str, feed: Path) -> str:
    """An absolute path for a ``file://`` URL or a path relative to the feed; URLs as given."""
    parsed = urlparse(url)
    if parsed.scheme.lower() == "file":
        return str(Path(url2pathname(unquote(parsed.path))).resolve())
    if parsed.scheme and len(parsed.scheme) > 1:  # a URL; a one-letter "scheme" is a drive
        return url
    return str((feed.resolve().parent / url2pathname(unquote(url))).resolve())


def _itunes_text(item: ET.Element, name: str) -> str | None:
    """The text of ``item``'s first ``<itunes:{name}>``, its namespace URI matched in any case.

    >>> _itunes_text(ET.fromstring('<item xmlns:i="http://www.itunes.com/DTDs/Podcast-1.0.dtd">'
    ...                            '<i:duration>1:02</i:duration></item>'), "duration")
    '1:02'
    """
    for child in item:
        space, _, local = child.tag[1:].partition("}")
        if child.tag.startswith("{") and local == name and space.lower() == _ITUNES:
            return child.text or ""
    return None


def read_feed(path: Path) -> Iterator[Item]:
    """The items of the RSS feed file ``path``, in feed order."""
    yield from read_channel(path)[1]


def read_channel(path: Path) -> tuple[str | None, tuple[Item, ...]]:
    """The channel's ``<title>`` of the RSS feed file ``path`` (spaces collapsed; None when it
    has none) and its items, in feed order.

    >>> import tempfile
    >>> feed = Path(tempfile.mkdtemp()) / "feed.xml"
    >>> _ = feed.write_text("<rss><channel><title> Tom &amp; Bo   talk </title><item><title>One</title>"
    ...                     "<enclosure url='one.mp3'/></item></channel></rss>", encoding="utf-8")
    >>> title, items = read_channel(feed)
    >>> title, [(i.id, i.status, i.problem) for i in items]
    ('Tom & Bo talk', [('one', 'skipped', 'no <podcast:transcript>')])
    """
    channel = _channel(path)
    title = " ".join((channel.findtext("title") or "").split()) or None
    return title, tuple(_items(path, channel))


def _channel(path: Path) -> ET.Element:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"not an XML file ({exc})", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path=path) from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise InputError("not an RSS feed (no <rss><channel>)", path=path)
    return channel


def _items(path: Path, channel: ET.Element) -> Iterator[Item]:
    items = channel.findall("item")
    if not items:
        raise InputError("the feed has no <item>", path=path)
    ids = IdRegistry()
    for n, item in enumerate(items):
        where = f"{path.name} item {n + 1}"
        title = (item.findtext("title") or "").strip()
        guid = (item.findtext("guid") or "").strip()
        enclosure = item.find("enclosure")
        url = (enclosure.get("url") or "").strip() if enclosure is not None else ""
        stem = Path(urlparse(url).path).stem
        id_, clash = ids.claim(guid or title or stem or f"item-{n + 1}", where, derived=not guid)
        title_given = bool(title)
        title = title or stem or id_
        length = duration_seconds(_itunes_text(item, "duration")) or 0.0
        found = [
            ((t.get("type") or "").split(";")[0].strip().lower(), (t.get("url") or "").strip())
            for ns in (NAMESPACE, _OLD_NAMESPACE)
            for t in item.findall(f"{{{ns}}}transcript")
        ]
        usable = sorted((_TYPES.index(k), u) for k, u in found if k in _TYPES and u)
        audio = _resolve(url, path) if url else None
        transcript = _resolve(usable[0][1], path) if usable else None
        problem, status = None, "failed"
        if clash:
            id_, problem = ids.spare(id_), f"<guid> {clash}"
        elif not url:
            problem = "no <enclosure url> (the audio)"
        elif transcript is None:
            status = "skipped"
            problem = ("no <podcast:transcript> of a type audiokit reads (found: "
                       f"{', '.join(k or '?' for k, _ in found)})" if found else "no <podcast:transcript>")
        else:
            for label, p in (("audio", audio), ("transcript", transcript)):
                if p is not None and not _is_web(p) and not Path(p).is_file():
                    problem = f"{label} file not found: {p}"
                    break
        yield Item(id_, title, audio, transcript, where, problem, status, n, length, title_given)


def item_elements(base_url: str, episode_id: str, has_chapters: bool, soundbites: str = "",
                  prefix: str = "podcast", language: str | None = None) -> list[str]:
    """The elements a finished episode adds to its feed item, URLs under ``base_url``. The
    transcripts name the episode's ``language``: without it an app assumes the channel's, wrong
    for a Czech episode in an English show.

    >>> for line in item_elements("https://ex.org/show", "ep 1", True): print(line)
    <podcast:transcript url="https://ex.org/show/ep%201/captions.vtt" type="text/vtt" rel="captions"/>
    <podcast:transcript url="https://ex.org/show/ep%201/transcript.json" type="application/json"/>
    <podcast:chapters url="https://ex.org/show/ep%201/chapters.json" type="application/json+chapters"/>
    >>> item_elements("https://ex.org/show", "ep 2", False, language="cs")[0]
    '<podcast:transcript url="https://ex.org/show/ep%202/captions.vtt" type="text/vtt" language="cs" rel="captions"/>'
    """
    p = prefix
    lang = f" language={quoteattr(language)}" if language else ""
    def url(name: str) -> str:
        return quoteattr(episode_url(base_url, episode_id, name))

    lines = [
        f'<{p}:transcript url={url("captions.vtt")} type="text/vtt"{lang} rel="captions"/>',
        f'<{p}:transcript url={url("transcript.json")} type="application/json"{lang}/>',
    ]
    if has_chapters:
        lines.append(f'<{p}:chapters url={url("chapters.json")} type="application/json+chapters"/>')
    for line in soundbites.splitlines():
        if line.strip():
            lines.append(re.sub(r"(</?)podcast:", rf"\g<1>{p}:", line.strip()))
    return lines


def episode_url(base_url: str, episode_id: str, name: str) -> str:
    """Where the file ``name`` of the episode ``episode_id`` is published: ``OUT/<id>/<name>``
    under ``base_url``.

    >>> episode_url("https://ex.org/show", "ep 1", "a:b.levelled.mp3")
    'https://ex.org/show/ep%201/a%3Ab.levelled.mp3'
    """
    return urljoin(base_url.rstrip("/") + "/" + quote(episode_id) + "/", quote(name))


# Comments and CDATA are skipped so that an "</item>" inside them is not taken for the tag; an
# empty "<item/>" is counted (it is an item to ElementTree, which numbers the items).
_TOKENS = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|(?P<end></item\s*>)|(?P<empty><item(?:\s[^>]*)?/>)"
                     rb"|(?P<rss><rss\b[^>]*>)", re.DOTALL)
_XMLNS = re.compile(rb"""xmlns:([A-Za-z_][\w.-]*)\s*=\s*(["'])(.*?)\2""")


def podcast_prefix(data: bytes) -> tuple[str, bool]:
    """The prefix the feed binds to the podcast namespace, and whether it must be declared.

    >>> podcast_prefix(b'<rss xmlns:pc="https://podcastindex.org/namespace/1.0"><channel/></rss>')
    ('pc', False)
    >>> podcast_prefix(b'<rss version="2.0"><channel/></rss>')
    ('podcast', True)
    """
    bound = _bindings(data)
    for p, uri in bound.items():
        if uri in (NAMESPACE, _OLD_NAMESPACE):
            return p, False
    prefix = "podcast"
    while prefix in bound:
        prefix += "x"
    return prefix, True


def _bindings(data: bytes) -> dict[str, str]:
    """The namespace prefixes ``<rss>`` declares: prefix -> namespace."""
    m = _TOKENS.search(data)
    while m and not m.group("rss"):
        m = _TOKENS.search(data, m.end())
    tag = m.group("rss") if m else b""
    return {p.decode(): uri.decode() for p, _, uri in _XMLNS.findall(tag)}


def annotate_feed(data: bytes, additions: Mapping[int, Sequence[str]], prefix: str = "podcast",
                  declare: bool = True) -> bytes:
    """``data`` (an RSS feed) with ``additions[n]`` (element lines) put at the end of item ``n``
    (counted from 0) and, when ``declare``, ``xmlns:<prefix>`` added to ``<rss>``.

    >>> feed = b'<rss version="2.0"><channel><item><title>A</title></item><!-- </item> --></channel></rss>'
    >>> print(annotate_feed(feed, {0: ['<podcast:chapters url="c.json" type="application/json+chapters"/>']})
    ...       .decode())
    <rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><item><title>A</title>
    <podcast:chapters url="c.json" type="application/json+chapters"/>
    </item><!-- </item> --></channel></rss>
    """
    out: list[bytes] = []
    pos, n = 0, 0
    for m in _TOKENS.finditer(data):
        if m.group("rss") and declare:
            tag = m.group("rss")
            head = tag[:-2] if tag.endswith(b"/>") else tag[:-1]
            out.append(data[pos:m.start()] + head.rstrip()
                       + f' xmlns:{prefix}="{NAMESPACE}"'.encode() + tag[len(head):])
            pos = m.end()
        elif m.group("empty"):
            n += 1
        elif m.group("end"):
            lines = additions.get(n, ())
            n += 1
            if lines:
                line_start = data.rfind(b"\n", 0, m.start()) + 1
                indent = data[line_start:m.start()]
                encoded = [line.encode("ascii", "xmlcharrefreplace") for line in lines]
                if line_start > pos and not indent.strip():  # "</item>" on a line of its own
                    block = b"".join(indent + b"  " + e + b"\n" for e in encoded)
                    out.append(data[pos:line_start] + block)
                    pos = line_start
                else:
                    out.append(data[pos:m.start()] + b"".join(b"\n" + e for e in encoded) + b"\n")
                    pos = m.start()
    out.append(data[pos:])
    return b"".join(out)


def write_feed(source: Path, target: Path, base_url: str, done: Mapping[int, Path],
               levelled: bool = False) -> tuple[Path, list[str]]:
    """Write ``target``: the feed ``source`` with each finished item (``done``: item index ->
    its ``OUT/<id>/`` folder) given its transcripts, chapters and soundbites, and with
    ``levelled`` (the batch ran ``--level``) its enclosure the levelled copy in that folder.
    Returns the path and notes (items that keep chapters or audio of their own)."""
    from audiokit.textio import write_bytes_atomic

    data = source.read_bytes()
    items = ET.fromstring(data).find("channel").findall("item")  # type: ignore[union-attr]
    prefix, declare = podcast_prefix(data)
    additions: dict[int, list[str]] = {}
    enclosures: dict[int, Enclosure] = {}
    notes: list[str] = []
    for n, folder in done.items():
        own = any(items[n].find(f"{{{ns}}}chapters") is not None for ns in (NAMESPACE, _OLD_NAMESPACE))
        if own:
            notes.append(f"feed item {n + 1} keeps its own <podcast:chapters>")
        bites = folder / "clips" / "soundbites.xml"
        metadata = _metadata(folder / "episode.json")
        language = metadata.get("language")
        additions[n] = item_elements(base_url, folder.name, (folder / "chapters.json").is_file() and not own,
                                     bites.read_text(encoding="utf-8") if bites.is_file() else "", prefix,
                                     language if isinstance(language, str) and language else None)
        if levelled:
            found = _levelled(base_url, folder, metadata.get("audio"), items[n].find("enclosure"))
            if found is None:
                notes.append(f"feed item {n + 1} keeps its own <enclosure>: no levelled copy in {folder.name}/")
            else:
                enclosures[n] = found
    itunes = next((p for p, uri in _bindings(data).items() if uri.lower() == _ITUNES), None)
    relinked = relink(data, enclosures, itunes) if enclosures else data
    write_bytes_atomic(target, annotate_feed(relinked, additions, prefix, declare))
    return target, notes


def _metadata(path: Path) -> dict[str, object]:
    """The ``metadata`` an episode.json records ({} when unreadable). Read as plain JSON, not as
    an episode: a feed of thousands would otherwise build every episode's words."""
    try:
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return metadata if isinstance(metadata, dict) else {}


def _levelled(base_url: str, folder: Path, audio: object, enclosure: ET.Element | None) -> Enclosure | None:
    """The enclosure of the levelled copy of ``audio`` (the episode's audio file) in ``folder``,
    None when there is none. Its ``type`` is the feed's own where the copy keeps the format."""
    from audiokit.pipeline.media import levelled_name

    if not isinstance(audio, str) or not audio:
        return None
    copy = folder / levelled_name(Path(audio))
    if not copy.is_file():
        return None
    given = (enclosure.get("type") or "").strip() if enclosure is not None else ""
    same = copy.suffix.lower() == Path(audio).suffix.lower()
    kind = given if given and same else MIME_TYPES.get(copy.suffix.lower(), "application/octet-stream")
    return Enclosure(episode_url(base_url, folder.name, copy.name), copy.stat().st_size, kind, _duration(copy))


def _duration(path: Path) -> float | None:
    """Seconds of audio in ``path`` from its header (mutagen), None when it says nothing."""
    try:
        import mutagen

        seconds = float(getattr(getattr(mutagen.File(path), "info", None), "length", 0.0) or 0.0)
    except Exception:  # noqa: BLE001 (any unreadable header: leave the feed's duration alone)
        return None
    return seconds if seconds > 0 else None
