"""Chapters into a copy of the audio, in the form its container takes (ID3 CHAP frames for
MP3, MP4 chapters for M4A/M4B/MP4), fitted to the length of that audio: chapters found on an
episode are often embedded into another cut of it (trimmed, re-exported, cut off in a
download), and a chapter listed past the end of the file leads nowhere in a player.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from audiokit.audio import playable_length
from audiokit.chapters import id3, mp4
from audiokit.chapters.model import Chapter
from audiokit.chapters.timefmt import short_clock
from audiokit.errors import InputError

# A chapter starting in the last second of the audio would last under a second: left out too.
# An end this much past the audio is a cut, not the rounding of the two lengths: said so.
END_SLACK = 1.0
# The measured length stops at the start of the last packet (20-50 ms short): ends within
# this of it are left as they are.
PACKET = 0.1


@dataclass(frozen=True)
class Embedded:
    """What went into ``path``: the ``chapters`` as embedded, and a ``note`` saying how they
    differ from those given (None when they do not)."""

    path: Path
    chapters: tuple[Chapter, ...]
    note: str | None


def fit(chapters: Sequence[Chapter], length: float) -> tuple[tuple[Chapter, ...], str | None]:
    """``chapters`` within ``length`` seconds of audio: those starting in its last second or
    later dropped, the last one kept ending where the audio does; and the note saying so when
    a chapter was dropped or cut by more than a second.

    >>> cs = [Chapter(0, 60, "A", 0), Chapter(60, 120, "B", 5), Chapter(120, 180, "C", 9)]
    >>> kept, note = fit(cs, 90.0)
    >>> [(c.title, c.end) for c in kept], note
    ([('A', 60), ('B', 90.0)], 'the audio ends at 1:30, before 1 of the 3 chapters starts: embedded 2, the last cut to end there (chapters found on a longer cut?)')
    >>> fit(cs, 179.98)[1] is None
    True
    """
    ordered = sorted(chapters)
    kept = [c for c in ordered if c.start < length - END_SLACK]
    if ordered and not kept:
        raise InputError(f"the audio ends at {short_clock(length)}, before the first chapter starts "
                         f"({short_clock(ordered[0].start)})")
    fitted = tuple(c if c.end <= length + PACKET else replace(c, end=length) for c in kept)
    dropped = len(ordered) - len(kept)
    over = ordered[-1].end - length if ordered else 0.0
    if dropped:
        starts = "starts" if dropped == 1 else "start"
        return fitted, (f"the audio ends at {short_clock(length)}, before {dropped} of the {len(ordered)} chapters "
                        f"{starts}: embedded {len(kept)}, the last cut to end there (chapters found on a longer cut?)")
    if over > END_SLACK:
        return fitted, (f"the audio ends at {short_clock(length)}, {over:.0f} s before the last chapter did: "
                        "it ends there (chapters found on a longer cut?)")
    return fitted, None


def embed(source: str | Path, target: str | Path, chapters: Sequence[Chapter]) -> Embedded:
    """A copy of ``source`` (MP3 or one of :data:`mp4.SUFFIXES`) at ``target`` (may be
    ``source``) with ``chapters`` fitted to its length (:func:`fit`); raises
    :class:`InputError` for another format."""
    source = Path(source)
    suffix = source.suffix.lower()
    if suffix != ".mp3" and suffix not in mp4.SUFFIXES:
        raise InputError(f"cannot embed chapters into a {suffix or 'suffix-less'} file: "
                         f"use an MP3 (ID3 chapters) or {'/'.join(mp4.SUFFIXES)} (MP4 chapters)", path=source)
    if suffix == ".mp3":
        id3.check_mp3(source)
    fitted, note = fit(chapters, playable_length(source))
    if suffix == ".mp3":
        id3.embed(source, target, fitted)
    else:
        mp4.embed(source, target, fitted)
    return Embedded(Path(target), fitted, note)
