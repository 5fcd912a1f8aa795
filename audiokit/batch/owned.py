"""Whether OUT's catalogue files are a batch's own, before a batch replaces them.

``audiokit batch`` rewrites ``OUT/catalog.json``, ``catalog.sqlite``, ``index.html`` and (for
a feed with ``--base-url``) ``feed.xml`` on every run. OUT may be a folder that already holds
a site or the episodes themselves, so a file of that name that a batch did not write (the
site's own home page, a feed being published) stops the batch before any work, naming it, as
``audiokit run`` does in its OUT. Each is recognised by what a batch writes into it, so that a
catalogue written by an earlier audiokit is taken for the batch's own too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from audiokit.errors import OutputError

__all__ = ["check_catalogue_files"]

_GENERATOR = b'<meta name="generator" content="audiokit">'  # in every page audiokit writes (preview/head.py)
_SQLITE = b"SQLite format 3\x00"


def _catalog_json(path: Path) -> bool:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and isinstance(doc.get("version"), int) and isinstance(doc.get("episodes"), list)


def _page(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return _GENERATOR in fh.read(4096)
    except OSError:
        return False


def _database(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            if fh.read(16) != _SQLITE:
                return False
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone() is not None
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def _feed(path: Path, source: Path) -> bool:
    """The source feed written back: with a finished item's elements, or (none finished yet)
    the source's own bytes with at most the podcast namespace declared."""
    from audiokit.batch.feed import annotate_feed, podcast_prefix

    try:
        data, original = path.read_bytes(), source.read_bytes()
    except OSError:
        return False
    if b'/captions.vtt" type="text/vtt"' in data and b'rel="captions"' in data:
        return True
    return data == annotate_feed(original, {}, *podcast_prefix(original))


def check_catalogue_files(out: Path, feed_source: Path | None = None) -> None:
    """:class:`OutputError` naming the first catalogue file in ``out`` that a batch did not
    write; ``feed_source`` is the feed when the batch will write ``OUT/feed.xml``."""
    checks: list[tuple[str, Callable[[Path], bool]]] = [
        ("catalog.json", _catalog_json), ("catalog.sqlite", _database), ("index.html", _page)]
    if feed_source is not None:
        checks.append(("feed.xml", lambda p: _feed(p, feed_source)))
    for name, ours in checks:
        path = out / name
        if path.is_symlink() or path.exists():
            if path.is_dir() and not path.is_symlink():
                raise OutputError("is a folder where audiokit writes a file", path=path)
            if not ours(path):
                raise OutputError(
                    "exists and was not written by audiokit; move it away or choose another output folder",
                    path=path,
                )
