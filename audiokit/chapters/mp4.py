"""M4A/MP4 chapters, written by ffmpeg from an ffmetadata file into a copy of the audio
(``-map_chapters`` from the metadata file, streams and tags copied unchanged with ``-c copy``).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from audiokit.audio import ffmpeg_path
from audiokit.chapters import ffmetadata
from audiokit.chapters.model import Chapter, listed
from audiokit.errors import InputError, OutputError
from audiokit.textio import temporary_sibling

SUFFIXES = (".m4a", ".m4b", ".mp4", ".mov")


def command(ffmpeg: str, source: Path, metadata: Path, target: Path) -> list[str]:
    """The ffmpeg command that copies ``source`` to ``target`` with the chapters of ``metadata``.

    >>> " ".join(command("ffmpeg", Path("in.m4a"), Path("ch.txt"), Path("out.m4a")))
    'ffmpeg -nostdin -v error -y -i in.m4a -f ffmetadata -i ch.txt -map 0 -map -0:d -map_metadata 0 -map_chapters 1 -c copy out.m4a'
    """
    return [ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(source), "-f", "ffmetadata", "-i", str(metadata),
            # Not the data streams: an earlier chapter track (ffmpeg cannot copy it, and the new
            # chapters replace it) or a timecode track.
            "-map", "0", "-map", "-0:d", "-map_metadata", "0", "-map_chapters", "1", "-c", "copy", str(target)]


def embed(source: str | Path, target: str | Path, chapters: Sequence[Chapter]) -> Path:
    """Write a copy of ``source`` with ``chapters`` to ``target`` (may equal ``source``)."""
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise InputError("no such file", path=source)
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise OutputError("folder does not exist", path=target.parent)
    ffmpeg = ffmpeg_path()
    tmp = temporary_sibling(target)
    fd, meta_name = tempfile.mkstemp(prefix=".chapters.", suffix=".ffmeta", dir=tmp.parent)
    meta = Path(meta_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(ffmetadata.render(listed(chapters)))  # MP4 chapters are a list: no toc=false ones
        proc = subprocess.run(command(ffmpeg, source, meta, tmp), capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            lines = [ln.strip() for ln in proc.stderr.splitlines() if ln.strip()]
            detail = lines[-1][:160] if lines else "ffmpeg failed"
            raise InputError(f"cannot write MP4 chapters into a copy of this file ({detail})", path=source)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        meta.unlink(missing_ok=True)
    return target
