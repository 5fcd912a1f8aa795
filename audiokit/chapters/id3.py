"""ID3v2 chapters (CHAP frames under a CTOC table of contents) written with mutagen into a
copy of an MP3, as Apple Podcasts, Overcast, Pocket Casts and most players read them.

The input is never modified: the copy is made under a temporary name next to the output,
tagged, then renamed into place (``in_place`` does the same with the input as the output).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import CHAP, CTOC, ID3, TIT2, WXXX, CTOCFlags, ID3NoHeaderError
from mutagen.mp3 import MP3

from audiokit.chapters.model import Chapter
from audiokit.errors import InputError, OutputError
from audiokit.textio import temporary_sibling

TOC_ID = "toc"
_NO_OFFSET = 0xFFFFFFFF


def check_mp3(path: str | Path) -> None:
    """Raise :class:`InputError` unless ``path`` is a readable MP3 file."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=path)
    if p.is_dir():
        raise InputError("is a folder, not an MP3 file", path=path)
    try:
        MP3(p)
    except (MutagenError, OSError) as exc:
        detail = getattr(exc, "strerror", None) or "no MPEG audio frames found"
        raise InputError(f"cannot embed ID3 chapters: not a readable MP3 file ({detail})", path=path) from None


def frames(chapters: Sequence[Chapter], toc_title: str = "Chapters") -> list[CTOC | CHAP]:
    """The CTOC frame (top level, ordered) followed by one CHAP frame per chapter.

    >>> from audiokit.chapters.model import Chapter
    >>> [f.HashKey for f in frames([Chapter(0, 5, "A", 0), Chapter(5, 9, "B", 3)])]
    ['CTOC:toc', 'CHAP:chp1', 'CHAP:chp2']
    """
    ordered = sorted(chapters)
    ids = [f"chp{k}" for k in range(1, len(ordered) + 1)]
    toc = CTOC(
        element_id=TOC_ID,
        flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
        child_element_ids=[i for i, c in zip(ids, ordered) if c.toc],
        sub_frames=[TIT2(encoding=3, text=[toc_title])],
    )
    chaps = [
        CHAP(
            element_id=element_id,
            start_time=round(c.start * 1000),
            end_time=round(c.end * 1000),
            start_offset=_NO_OFFSET,
            end_offset=_NO_OFFSET,
            sub_frames=[TIT2(encoding=3, text=[c.title]),
                        *([WXXX(encoding=3, desc="", url=c.url)] if c.url else [])],
        )
        for element_id, c in zip(ids, ordered)
    ]
    return [toc, *chaps]


def embed(source: str | Path, target: str | Path, chapters: Sequence[Chapter]) -> Path:
    """Write ``source`` with ``chapters`` as ID3v2.3 CHAP/CTOC frames to ``target`` (which may
    be ``source`` itself for in-place tagging); earlier chapter frames are replaced, other tags
    kept. Returns ``target``."""
    check_mp3(source)
    target = Path(target)
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise OutputError("folder does not exist", path=target.parent)
    tmp = temporary_sibling(target)
    try:
        shutil.copyfile(source, tmp)
        try:
            tags = ID3(tmp)
        except ID3NoHeaderError:
            tags = ID3()
        tags.delall("CHAP")
        tags.delall("CTOC")
        for frame in frames(chapters):
            tags.add(frame)
        tags.save(tmp, v2_version=3)
        _order_chapters_in_file(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except (MutagenError, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write chapters ({exc})", path=target) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _order_chapters_in_file(path: Path) -> None:
    with open(path, "r+b") as f:
        head = f.read(10)
        if len(head) < 10 or head[:3] != b"ID3":
            return
        size = int.from_bytes(bytes(b & 0x7F for b in head[6:10]), "big")
        body = f.read(size)
        ordered = chapters_in_order(head + body)
        if ordered != head + body:
            f.seek(0)
            f.write(ordered)


def chapters_in_order(tag: bytes) -> bytes:
    """An ID3v2.3 tag (header, frames, padding) with its CHAP frames rearranged, among the
    places CHAP frames hold, in order of start time; anything else is left as it is.

    mutagen writes frames sorted by their size, so chapters came out in the file in the order
    of their titles' lengths: the CTOC still lists them in order, but ffmpeg (and every tool
    built on it) reads CHAP frames in file order, so converting the MP3 made a chapter list
    with 1 ms chapters under the wrong titles.

    >>> def frame(fid, body): return fid + len(body).to_bytes(4, "big") + b"\\0\\0" + body
    >>> chap = lambda eid, t: frame(b"CHAP", eid + b"\\0" + t.to_bytes(4, "big") + bytes(12))
    >>> frames = frame(b"TIT2", b"x") + chap(b"b", 50) + frame(b"CTOC", b"t") + chap(b"a", 0)
    >>> tag = b"ID3\\3\\0\\0" + (len(frames) + 4).to_bytes(4, "big") + frames + bytes(4)
    >>> out = chapters_in_order(tag)
    >>> len(out) == len(tag), out.index(b"a\\0") < out.index(b"CTOC") < out.index(b"b\\0")
    (True, True)
    """
    if len(tag) < 10 or tag[:3] != b"ID3" or tag[3] != 3 or tag[5] & 0xC0:
        return tag  # not v2.3, or unsynchronised / with an extended header: leave it alone
    frames: list[tuple[int, int, bytes]] = []  # (offset, length, frame bytes)
    at = 10
    while at + 10 <= len(tag) and tag[at] != 0:
        length = 10 + int.from_bytes(tag[at + 4 : at + 8], "big")
        if at + length > len(tag):
            return tag
        frames.append((at, length, tag[at : at + length]))
        at += length
    chaps = [f for f in frames if f[2][:4] == b"CHAP"]

    def start(frame: bytes) -> tuple[int, bytes]:
        element_id, _, rest = frame[10:].partition(b"\0")
        return int.from_bytes(rest[:4], "big"), element_id

    placed = iter(sorted((f[2] for f in chaps), key=start))
    out = bytearray(tag[:10])
    for _, _, data in frames:
        out += next(placed) if data[:4] == b"CHAP" else data
    return bytes(out) + tag[at:]
