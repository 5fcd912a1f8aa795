"""Segmented WebVTT and an ``.m3u8`` playlist for HLS video podcasts (webvtt-py's segmenter).

The segmenter writes ``fileSequenceN.webvtt`` files (each with an ``X-TIMESTAMP-MAP``
header and the cues shown during its stretch) and ``prog_index.m3u8``. It runs in a fresh
temporary folder next to the destination; the files are then renamed into the destination
folder one by one, so a failure leaves no half-written file. :func:`write_hls` replaces the
files of those names already there; :func:`replace_hls` does so only for files an
:class:`Owner` says audiokit wrote (``audiokit captions`` passes the record ``audiokit run``
keeps, :class:`audiokit.pipeline.cache.Cache`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Protocol

import webvtt
from webvtt import segmenter

from audiokit.errors import OutputError
from audiokit.textio import parent_folder

__all__ = ["Owner", "check_folder", "claim_present", "last_segment", "present", "replace_hls", "write_hls"]

_NAMES = re.compile(r"fileSequence[0-9]+\.webvtt|prog_index\.m3u8")  # what the segmenter writes


def check_folder(folder: str | Path) -> Path:
    """Raise :class:`OutputError` unless ``folder`` can take the segments: its parent
    exists and it is a folder or not there yet. Callers check before writing anything else,
    so a bad ``--hls-dir`` leaves no captions file behind.

    >>> check_folder("captions-hls").name
    'captions-hls'
    """
    target = Path(folder)
    parent_folder(target)
    if target.exists() and not target.is_dir():
        raise OutputError("exists and is not a folder", path=target)
    return target


def present(folder: str | Path) -> list[Path]:
    """The segment and playlist files (the names :func:`write_hls` writes) already in ``folder``;
    other files (video segments, a master playlist) are not listed.

    >>> present("no-such-folder")
    []
    """
    target = Path(folder)
    if not target.is_dir():
        return []
    return sorted(p for p in target.iterdir() if _NAMES.fullmatch(p.name))


class Owner(Protocol):
    """The record of which files in a folder audiokit wrote (:class:`audiokit.pipeline.cache.Cache`)."""

    def claim(self, path: str | Path) -> Path: ...
    def record(self, path: str | Path, digest: str | None = None) -> None: ...
    def wrote(self, path: str | Path) -> bool: ...
    def forget(self, path: str | Path) -> None: ...
    def flush(self) -> None: ...


def claim_present(folder: str | Path, owner: Owner) -> list[Path]:
    """The segment and playlist files already in ``folder``, each claimed from ``owner``: one
    audiokit did not write raises :class:`OutputError` before anything is written."""
    return [owner.claim(p) for p in present(folder)]


def replace_hls(vtt_text: str, folder: Path, seconds: int, owner: Owner,
                earlier: list[Path], duration: float | None = None) -> tuple[list[Path], list[Path]]:
    """:func:`write_hls` into a folder whose segment files ``earlier`` (from :func:`claim_present`)
    audiokit wrote, recording the new ones as audiokit's. An earlier, longer run's segments beyond
    the new last one are deleted (the new playlist does not list them) unless changed since.
    Returns the files written (playlist last) and those left in place because they changed."""
    files: list[Path] = []
    kept: list[Path] = []
    try:
        files = write_hls(vtt_text, folder, seconds, duration=duration)
        for stale in sorted(set(earlier) - set(files)):
            if owner.wrote(stale):
                stale.unlink(missing_ok=True)
                owner.forget(stale)
            else:
                kept.append(stale)
    finally:  # a failure part way still leaves each file it renamed into place recorded as ours
        for path in present(folder):
            if path in files or path not in earlier:
                owner.record(path)
        owner.flush()
    return files, kept


def last_segment(playlist: str, seconds: int, total: float) -> str:
    """``playlist`` (the segmenter's, every ``#EXTINF`` the full ``seconds``) with its last
    segment as long as what is left of ``total`` seconds, as HLS wants a segment's duration, so
    that the captions' playlist ends with the episode (at most one full segment; an episode
    ending after the last segment is left as it was).

    >>> text = "#EXTM3U\\n#EXTINF:10.00000,\\nfileSequence0.webvtt\\n#EXTINF:10.00000,\\nfileSequence1.webvtt\\n"
    >>> print(last_segment(text, 10, 13.25))
    #EXTM3U
    #EXTINF:10.00000,
    fileSequence0.webvtt
    #EXTINF:3.25000,
    fileSequence1.webvtt
    <BLANKLINE>
    """
    lines = playlist.split("\n")
    marks = [k for k, line in enumerate(lines) if line.startswith("#EXTINF:")]
    if not marks:
        return playlist
    left = round(total - (len(marks) - 1) * seconds, 5)  # as written; 1.001 - 1 is 0.000999...
    if 0.001 <= left < seconds:  # a last segment of no length keeps its full one
        lines[marks[-1]] = f"#EXTINF:{left:.5f},"
    return "\n".join(lines)


def _without_empty_last(playlist: str, folder: Path, seconds: int, total: float) -> str:
    """``playlist`` without its last segment (whose file in ``folder`` is deleted) when that
    segment begins where the episode ends, ``total`` seconds: the segmenter opens a segment for
    every boundary a cue reaches, so a last cue ending on one (a 20 s episode in 10 s segments)
    got a segment of its own that shows nothing and ran the playlist a whole segment past the end.
    Every cue in that segment ends where it begins (no cue ends after ``total``)."""
    lines = playlist.split("\n")
    marks = [k for k, line in enumerate(lines) if line.startswith("#EXTINF:")]
    if len(marks) < 2 or round(total - (len(marks) - 1) * seconds, 5) >= 0.001:
        return playlist
    (folder / lines[marks[-1] + 1]).unlink()
    return "\n".join(lines[: marks[-1]] + lines[marks[-1] + 2:])


def write_hls(vtt_text: str, folder: str | Path, seconds: int, mpegts: int = segmenter.DEFAULT_MPEGTS,
              duration: float | None = None) -> list[Path]:
    """Write the segments of the WebVTT ``vtt_text`` and their playlist into ``folder``
    (created if needed); returns the files written, playlist last. ``duration``: the
    episode's length, where its last segment ends (default: the last cue's end)."""
    if seconds <= 0:
        raise OutputError(f"HLS segment length must be a whole number of seconds above zero, got {seconds}")
    target = check_folder(folder)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        target.mkdir(exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=parent))
    except OSError as exc:
        raise OutputError(f"cannot write here ({exc.strerror or exc})", path=target) from None
    try:
        source = work / "captions.vtt"
        source.write_text(vtt_text, encoding="utf-8")
        out = work / "segments"
        segmenter.segment(str(source), str(out), seconds=seconds, mpegts=mpegts)
        playlist = out / "prog_index.m3u8"
        ends = [c.end_in_seconds for c in webvtt.from_string(vtt_text).captions]
        total = max([duration or 0.0, *ends])
        text = _without_empty_last(playlist.read_text(encoding="utf-8"), out, seconds, total)
        playlist.write_text(last_segment(text, seconds, total), encoding="utf-8")
        written = []
        names = sorted(p.name for p in out.iterdir() if p.suffix == ".webvtt")
        names.sort(key=lambda n: int("".join(ch for ch in n if ch.isdigit()) or 0))
        for name in [*names, "prog_index.m3u8"]:
            os.chmod(out / name, 0o644)
            os.replace(out / name, target / name)
            written.append(target / name)
        return written
    except OSError as exc:
        raise OutputError(f"cannot write HLS segments ({exc.strerror or exc})", path=target) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
