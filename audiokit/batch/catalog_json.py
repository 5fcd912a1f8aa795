"""``OUT/catalog.json`` and the rest of the catalogue, kept up to date as episodes finish.

``catalog.json`` is ``{"version": 1, "episodes": [record, ...]}`` in catalogue order, one
record per episode::

    id          file-safe and unique; the episode's folder is OUT/<id>/
    title       from the manifest or feed; else, once the episode is done, the title its
                transcript gives (metadata.title, such as a plain transcript's first line); else
                the file stem (or the manifest's id)
    audio       the audio as resolved: an absolute path, or a URL
    transcript  the same for the transcript (null when there is none)
    status      done | failed | skipped
    reason      one line, for failed and skipped episodes (else null)
    coverage    share of the transcript's words the aligner placed from the audio (0..1; interpolated not counted)
    duration    seconds of audio
    chapters    number of chapters
    clips       number of clips
    loudness    integrated loudness, LUFS (``audiokit loudness``; null when the stage was skipped)
    loudness_problems  what to fix before publishing (true peak, speakers apart, uneven passages; ``[]`` when nothing)
    language    ISO 639-1 code of the episode's language (``metadata.language`` of its aligned
                episode; "en" when its transcript and ``--language`` named none); of a failed
                episode, the one its run knew (``--language``'s, else its transcript's once read),
                else null; null for a skipped one
    seconds     wall seconds this run spent on the episode (0 when every stage was cached)
    cpu_seconds CPU seconds (user and system) of the episode's process and the tools it ran,
                this run (null when no process ran: the episode was done already)
    cached      names of the stages served from the cache
    preview     "<id>/index.html", relative to OUT, when there is one

:class:`CatalogSink` writes it (atomically, at most every few seconds while a batch runs,
and at the end), hands each record to ``audiokit.catalog`` (``catalog.sqlite``) as it comes,
and rewrites the catalogue page ``OUT/index.html`` now and then. The client process is the
only writer. At the end of a run that went through the whole catalogue, ``catalog.sqlite``
loses the episodes the catalogue no longer lists (their folders stay on disk, untouched),
so that it, ``catalog.json`` and the page hold the same episodes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from audiokit.errors import AudiokitError
from audiokit.textio import write_text_atomic

__all__ = ["CATALOG_JSON", "CatalogSink", "read_records"]

CATALOG_JSON = "catalog.json"
VERSION = 1
JSON_EVERY = 3.0  # seconds between rewrites of catalog.json during a batch
PAGE_EVERY = 60.0  # seconds between rewrites of the catalogue page during a batch


def read_records(out: Path) -> dict[str, dict[str, Any]]:
    """The records of an earlier run's ``OUT/catalog.json`` by id ({} when there is none or
    it cannot be read: it is only a starting point, every episode is checked again)."""
    try:
        doc = json.loads((out / CATALOG_JSON).read_text(encoding="utf-8"))
        return {str(r["id"]): dict(r) for r in doc.get("episodes", []) if isinstance(r, dict) and "id" in r}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _catalog_library() -> Any:
    """``audiokit.catalog`` (catalog.sqlite and the catalogue page), or None in a build
    without it."""
    try:
        from audiokit import catalog
    except ImportError:
        return None
    return catalog


class CatalogSink:
    """Collects records in catalogue ``order`` (ids) and keeps OUT's catalogue files current;
    ``title`` heads the catalogue page (a feed's channel title; None: OUT's folder name)."""

    def __init__(self, out: Path, order: Iterable[str], title: str | None = None) -> None:
        self.out = out
        self.order = list(order)
        self.title = title
        self.records: dict[str, dict[str, Any]] = {}
        self._json_at = 0.0
        self._page_at = time.monotonic()
        self._lib = _catalog_library()
        self._conn = self._lib.open_catalog(out / "catalog.sqlite") if self._lib else None
        self._indexed = 0  # episodes whose words went into the full-text index this run
        self.removed: list[str] = []  # ids dropped from catalog.sqlite by close (see there)

    @property
    def has_database(self) -> bool:
        """Whether ``catalog.sqlite`` and the catalogue page are written (``audiokit.catalog``)."""
        return self._lib is not None

    def add(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """Take one finished (done, failed or skipped) episode's record; returns the record as
        kept (a done episode whose files the catalogue cannot read is kept as failed)."""
        rec = dict(record)
        if self._conn is not None:
            folder = self.out / rec["id"]
            try:
                self._lib.record_episode(self._conn, rec, folder if rec["status"] == "done" else None)
                self._indexed += rec["status"] == "done"
            except AudiokitError as exc:  # its episode.json, chapters.json or clips.json is unreadable
                rec.update(status="failed", reason=f"not added to the catalogue: {exc}", preview=None)
                self._lib.record_episode(self._conn, rec, None)
        self.records[rec["id"]] = rec
        now = time.monotonic()
        if now - self._json_at >= JSON_EVERY:
            self._write_json()
        if self._conn is not None and now - self._page_at >= PAGE_EVERY:
            self._write_page()
        return rec

    def ordered(self) -> list[dict[str, Any]]:
        """The records so far, in catalogue order."""
        return [self.records[i] for i in self.order if i in self.records]

    def _write_json(self) -> None:
        doc = {"version": VERSION, "episodes": self.ordered()}
        write_text_atomic(self.out / CATALOG_JSON, json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
        self._json_at = time.monotonic()

    def _write_page(self) -> None:
        self._lib.write_catalog_page(self.out, self.ordered(), self._conn, title=self.title)
        self._page_at = time.monotonic()

    def close(self, complete: bool = False) -> None:
        """Write everything one last time and close the database. ``complete``: the run went
        through the whole catalogue (no Ctrl-C, no error on the way), so the database drops
        the episodes not in ``order``, which catalog.json and the page no longer list either."""
        self._write_json()
        if self._conn is not None:
            try:
                # Only rows: the dropped episodes' folders under OUT stay.
                if complete:
                    self.removed = self._lib.keep_only(self._conn, self.order)
                self._write_page()
                if (self._indexed or self.removed) and hasattr(self._lib, "optimize"):
                    self._lib.optimize(self._conn)  # one b-tree for the full-text index: faster search
            finally:
                self._conn.close()
                self._conn = None
