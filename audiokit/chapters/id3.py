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
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except (MutagenError, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write chapters ({exc})", path=target) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
