"""``OUT/catalog.sqlite``: the catalogue as an SQLite database, with a full-text index.

Schema (version 10; ``meta`` holds ``schema_version``)::

    meta(key TEXT PRIMARY KEY, value TEXT)
    episodes(id TEXT PRIMARY KEY,            -- the folder OUT/<id>/
             title TEXT, audio TEXT, transcript TEXT,
             status TEXT,                    -- done | failed | skipped
             reason TEXT, coverage REAL, duration REAL,   -- seconds
             chapters INTEGER, clips INTEGER, -- counts, as in catalog.json
             loudness REAL,                  -- integrated loudness, LUFS (NULL: not measured)
             loudness_problems TEXT,         -- JSON list of what to fix before publishing (NULL: not measured)
             language TEXT,                  -- ISO 639-1 of a done episode ("en" when its transcript
                                             -- named none), of a failed one whose run knew it
                                             -- (catalog.json's); else NULL
             seconds REAL, cached TEXT,      -- JSON list of the stages served from the cache
             preview TEXT,                   -- "<id>/index.html", relative to OUT
             words INTEGER,                  -- said words in the index (lead words, notes not counted)
             updated TEXT,                   -- UTC, ISO 8601
             files TEXT)                     -- size and mtime of the files indexed (JSON), to skip them
                                             -- when an episode is recorded again unchanged
    chapters(episode, n, start, end, title)   -- n from 0; seconds; end NULL for the last
    clips(episode, n, speaker, start, end, title, text, file, score)   -- file relative to OUT/<id>/clips/
    passages(id INTEGER PRIMARY KEY, episode, turn, speaker,
             start REAL,                     -- seconds of the first placed said word, or NULL
             text TEXT,                      -- the words as written, joined by single spaces
             times BLOB,                     -- each word's start (see catalog.times)
             lead INTEGER)                   -- how many words at its start repeat the end of the
                                             -- passage before (a long sentence cut: see segments)
    passages_fts(text, grams)                 -- FTS5, contentless (the text is in passages; rowid =
                                              -- passages.id), unicode61 with diacritics folded and
                                              -- combining marks inside tokens (categories M*);
                                              -- text: the folded text (see tokens.fold: Arabic-
                                              -- script words in their search form, Indic words
                                              -- whole with their vowel signs, Devanagari words
                                              -- without Hindi's endings: catalog.hindi; ø æ ß
                                              -- ... in ASCII: catalog.latin);
                                              -- grams: adjacent token pairs (see catalog.tokens);
                                              -- prefix = '3': an index of 3-letter prefixes

A passage is a run of whole sentences of one speaker's turn (:mod:`audiokit.catalog.segments`):
word k of its text (split at ASCII spaces) starts at ``times[k]``, which is how a search hit
gets its exact moment. A match lying wholly in the first ``lead`` words is the earlier
passage's (search skips it), so a phrase across the cut of a long sentence is found once.
Version 3 added ``lead``, version 4 Arabic-script words in their search form (normalized, the
attached prefixes taken off), version 5 the folded text in the index and combining marks inside
tokens (an Indic word is one token with its vowel signs and viramas; version 4 cut it at each
of them, so a word matched any word of the same consonants), version 6 transcribers' notes out
of the index ("[MUSIC PLAYING]" is shown in its passage, without the transcriber's clock, but
"music" does not find it), version 7 Devanagari words stemmed (बातें is बात), version 8 the
Persian non-joiner dropped inside a word and the hamza seat before waw folded (می‌خواهم is
میخواهم, مسئول is مسؤول: catalog.arabic) and a word with combining marks beyond the BMP
(Chakma, Brahmi, Adlam, ...) one token in the grams as in the text, version 9 the Latin letters
Unicode does not decompose spelt in ASCII (Søren is soren, Straße strasse: catalog.latin),
version 10 each episode's loudness, its problems and its language (search results carry it, so
a page marks an Arabic passage ``lang="ar"``); older catalogues are rebuilt by the writer (see
:func:`open_catalog`).
``times`` is compact (:mod:`audiokit.catalog.times`: 2 bytes a word for nearly every passage).

The index holds each word (``text``: single words, ``word*`` prefixes) and each pair of
adjacent words (``grams``: phrases, as the phrase of their pairs, which never walks the long
lists of common words). It stores no text of its own (contentless: the text is stored once,
in ``passages``, and the grams are computed from it again when an episode is replaced) and no
per-row sizes (``columnsize=0``): search finds its candidates in the index and marks and ranks
them from ``passages.text`` (:mod:`audiokit.catalog.search`). Its index of 3-letter prefixes
answers the shortest prefix query search allows (``abc*``) from one list instead of merging the
lists of every word that starts so (generated catalogue of 1,000 x 8,000 words: the slowest of
200 such queries 164 -> 44 ms; 10% more CPU to build, 22% more on disk). A catalogue made before
it has none and answers the same, more slowly.

The database runs in WAL mode, so readers (``audiokit serve``) see the last committed state
while a batch writes; there is one writer, the batch's client, which commits once per episode.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> conn = open_catalog(folder / "catalog.sqlite")
>>> record_episode(conn, {"id": "ep1", "title": "One", "status": "failed", "reason": "bad audio"}, None)
>>> conn.execute("SELECT id, status, reason FROM episodes").fetchall()
[('ep1', 'failed', 'bad audio')]
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from audiokit import episode_json
from audiokit.catalog.segments import Passage, passages
from audiokit.catalog.times import pack_times, unpack_times
from audiokit.catalog.tokens import columns
from audiokit.errors import FormatError, OutputError
from audiokit.text.language import language_of

__all__ = ["SCHEMA_VERSION", "STATUSES", "TOKENIZE", "index_episode", "keep_only", "open_catalog", "optimize",
           "pack_times", "record_episode", "unpack_times"]

SCHEMA_VERSION = 10
STATUSES = ("done", "failed", "skipped")
CACHE_KIB = 64 * 1024  # the writer's page cache: an episode's index pages stay in memory while it is added

# FTS5's tokenizer: unicode61, whose default token characters (letters, digits, private use: the
# grams' JOIN) leave out the combining marks; with them (M*), an Indic word is one token, as in
# catalog.tokens (all the marks search ignores are gone from the folded text it is given).
TOKENIZE = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
_TABLES = ("meta", "episodes", "chapters", "clips", "passages", "passages_fts")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS episodes(
    id TEXT PRIMARY KEY, title TEXT NOT NULL, audio TEXT, transcript TEXT,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed', 'skipped')), reason TEXT,
    coverage REAL, duration REAL, chapters INTEGER, clips INTEGER, loudness REAL, loudness_problems TEXT,
    language TEXT, seconds REAL,
    cached TEXT NOT NULL DEFAULT '[]', preview TEXT, words INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL,
    files TEXT);
CREATE TABLE IF NOT EXISTS chapters(
    episode TEXT NOT NULL, n INTEGER NOT NULL, start REAL NOT NULL, "end" REAL, title TEXT NOT NULL,
    PRIMARY KEY (episode, n));
CREATE TABLE IF NOT EXISTS clips(
    episode TEXT NOT NULL, n INTEGER NOT NULL, speaker TEXT, start REAL NOT NULL, "end" REAL NOT NULL,
    title TEXT, text TEXT, file TEXT, score REAL, PRIMARY KEY (episode, n));
CREATE TABLE IF NOT EXISTS passages(
    id INTEGER PRIMARY KEY, episode TEXT NOT NULL, turn INTEGER NOT NULL, speaker TEXT NOT NULL,
    start REAL, text TEXT NOT NULL, times BLOB NOT NULL, lead INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS passages_episode ON passages(episode);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, grams, content = '', columnsize = 0, prefix = '3', tokenize = "@TOKENIZE@");
""".replace("@TOKENIZE@", TOKENIZE)


def _version(conn: sqlite3.Connection) -> str | None:
    try:
        found = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:  # no meta table: a new (empty) database
        return None
    return None if found is None else str(found[0])


def open_catalog(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    """Create or open the catalogue database at ``path`` (WAL mode; see the module docstring).

    ``readonly`` opens an existing database for reading only (what ``audiokit serve`` does).
    Opened for writing, a catalogue of an older schema is rebuilt empty (it holds nothing that
    the episodes' folders do not: the batch records them again).
    """
    p = Path(path)
    try:
        if readonly:
            if not p.is_file():
                raise OutputError("no catalogue database here", path=p)
            conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        else:
            conn = sqlite3.connect(p, timeout=10.0)
            conn.execute("PRAGMA journal_mode=WAL")
            # WAL with synchronous=NORMAL never corrupts; a power cut may lose the last commits,
            # which a re-run restores from the stage cache.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            version = _version(conn)
            if version is not None and version != str(SCHEMA_VERSION) and version.isdigit() \
                    and int(version) < SCHEMA_VERSION:
                with conn:
                    for table in reversed(_TABLES):
                        conn.execute(f"DROP TABLE IF EXISTS {table}")
                conn.execute("VACUUM")
            conn.executescript(_SCHEMA)
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            conn.commit()
        conn.execute("PRAGMA busy_timeout=10000")
        found = _version(conn)
    except sqlite3.DatabaseError as exc:
        raise OutputError(f"not a usable catalogue database ({exc})", path=p) from None
    if found != str(SCHEMA_VERSION):
        conn.close()
        again = " (run audiokit batch again to rebuild it)" if found and found.isdigit() else ""
        raise OutputError(f"catalogue schema version {found or '?'} is not {SCHEMA_VERSION}{again}", path=p)
    return conn


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


_EPISODE_COLUMNS = ("id", "title", "audio", "transcript", "status", "reason", "coverage", "duration", "chapters",
                    "clips", "loudness", "loudness_problems", "language", "seconds", "cached", "preview", "words",
                    "updated", "files")
_UPSERT_EPISODE = (f"INSERT OR REPLACE INTO episodes({', '.join(_EPISODE_COLUMNS)})"
                   f" VALUES ({', '.join('?' * len(_EPISODE_COLUMNS))})")


def _episode_row(record: Mapping[str, Any], words: int, files: str | None = None,
                 language: str | None = None) -> tuple[Any, ...]:
    """The ``episodes`` row of ``record`` (in :data:`_EPISODE_COLUMNS` order); ``language``
    stands in for a record without one (a catalog.json written before records had it)."""
    status = record.get("status")
    if status not in STATUSES:
        raise ValueError(f"episode {record.get('id')!r}: status {status!r} is not one of {', '.join(STATUSES)}")
    problems = record.get("loudness_problems")
    return (
        str(record["id"]), str(record.get("title") or record["id"]), record.get("audio"), record.get("transcript"),
        status, record.get("reason"), _num(record.get("coverage")), _num(record.get("duration")),
        _int(record.get("chapters")), _int(record.get("clips")), _num(record.get("loudness")),
        None if problems is None else json.dumps([str(p) for p in problems], ensure_ascii=False),
        record.get("language") or language, _num(record.get("seconds")),
        json.dumps(list(record.get("cached") or [])), record.get("preview"), words,
        time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), files,
    )


def index_episode(
    conn: sqlite3.Connection,
    record: Mapping[str, Any],
    found: Sequence[Passage] = (),
    chapters: Iterable[tuple[float, float | None, str]] = (),
    clips: Iterable[Mapping[str, Any]] = (),
    files: str | None = None,
    language: str | None = None,
) -> None:
    """Replace everything stored about episode ``record["id"]`` in one transaction: its row,
    its ``chapters`` (start, end, title), ``clips`` (clips.json items) and passages;
    ``language`` is the episode's when ``record`` has none."""
    eid = str(record["id"])
    row = _episode_row(record, sum(p.own_words for p in found), files, language)
    with conn:
        _forget(conn, eid)
        conn.execute(_UPSERT_EPISODE, row)
        conn.executemany(
            "INSERT INTO chapters VALUES (?, ?, ?, ?, ?)",
            [(eid, n, float(s), _num(e), str(t)) for n, (s, e, t) in enumerate(chapters)],
        )
        conn.executemany(
            "INSERT INTO clips VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(eid, n, c.get("speaker"), float(c["start"]), float(c["end"]), c.get("title"), c.get("text"),
              c.get("file"), _num(c.get("score"))) for n, c in enumerate(clips)],
        )
        # New passages take the ids after the highest in use, so the newest rank first
        # among many matches (see search) and both tables are filled in two statements.
        first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()[0]
        conn.executemany(
            "INSERT INTO passages(id, episode, turn, speaker, start, text, times, lead)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(first + k, eid, p.turn, p.speaker, None if p.start is None else p.start / 1000, p.text,
              pack_times(p.times), p.lead) for k, p in enumerate(found)],
        )
        conn.executemany("INSERT INTO passages_fts(rowid, text, grams) VALUES (?, ?, ?)",
                         [(first + k, *columns(p.text)) for k, p in enumerate(found)])


def _forget(conn: sqlite3.Connection, eid: str) -> None:
    """Take episode ``eid``'s passages out of the full-text index, then its passages, chapters
    and clips out of their tables (its ``episodes`` row stays); inside the caller's transaction."""
    # Contentless: FTS5 forgets a row only given the very values it indexed (other values would
    # leave the index inconsistent), which are computed again from passages.text.
    old = conn.execute("SELECT id, text FROM passages WHERE episode = ?", (eid,)).fetchall()
    conn.executemany("INSERT INTO passages_fts(passages_fts, rowid, text, grams) VALUES ('delete', ?, ?, ?)",
                     [(pid, *columns(text)) for pid, text in old])
    for table in ("passages", "chapters", "clips"):
        conn.execute(f"DELETE FROM {table} WHERE episode = ?", (eid,))


def keep_only(conn: sqlite3.Connection, ids: Iterable[str]) -> list[str]:
    """Remove every episode whose id is not in ``ids`` (a batch's catalogue), with its chapters,
    clips, passages and their entries in the full-text index, in one transaction; returns the
    removed ids, sorted. Only rows go: no file is touched.

    >>> import tempfile, pathlib
    >>> conn = open_catalog(pathlib.Path(tempfile.mkdtemp()) / "catalog.sqlite")
    >>> for eid in ("ep1", "ep2"):
    ...     record_episode(conn, {"id": eid, "status": "skipped", "reason": "no transcript"}, None)
    >>> keep_only(conn, ["ep2"]), keep_only(conn, ["ep2"])
    (['ep1'], [])
    >>> conn.execute("SELECT id FROM episodes").fetchall()
    [('ep2',)]
    """
    kept = set(ids)
    gone = sorted(eid for (eid,) in conn.execute("SELECT id FROM episodes") if eid not in kept)
    if gone:
        with conn:
            for eid in gone:
                _forget(conn, eid)
                conn.execute("DELETE FROM episodes WHERE id = ?", (eid,))
    return gone


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatError(f"cannot read it for the catalogue ({exc})", path=path) from None


def _chapters_of(path: Path, duration: float | None) -> list[tuple[float, float | None, str]]:
    if not path.is_file():
        return []
    items = _read_json(path).get("chapters") or []
    try:
        starts = [float(c["startTime"]) for c in items]
        ends = [float(c["endTime"]) if c.get("endTime") is not None else None for c in items]
        titles = [str(c.get("title") or "") for c in items]
    except (KeyError, TypeError, ValueError, AttributeError):
        raise FormatError("a chapter without a numeric startTime", path=path) from None
    for k in range(len(items)):
        if ends[k] is None:
            ends[k] = starts[k + 1] if k + 1 < len(items) else duration
    return list(zip(starts, ends, titles))


def _clips_of(path: Path) -> list[Mapping[str, Any]]:
    if not path.is_file():
        return []
    items = _read_json(path).get("clips") or []
    if not all(isinstance(c, dict) and "start" in c and "end" in c for c in items):
        raise FormatError("a clip without start and end", path=path)
    return items


def record_episode(conn: sqlite3.Connection, record: Mapping[str, Any], episode_dir: Path | None) -> None:
    """Upsert one episode from its catalog.json ``record``; with ``episode_dir`` (a finished
    episode's folder) also its chapters (``chapters.json``), clips (``clips/clips.json``) and
    every timed word (``episode.json``) into the full-text index. Idempotent; commits. A
    record without a ``language`` (one written before records had it) takes the language
    ``episode.json`` names (English when it names none).

    Raises :class:`~audiokit.errors.FormatError` naming the file when one cannot be read
    (the database is then left as it was).
    """
    found: list[Passage] = []
    chapters: list[tuple[float, float | None, str]] = []
    clips: list[Mapping[str, Any]] = []
    files = language = None
    if episode_dir is not None:
        folder = Path(episode_dir)
        files = _files(folder)
        known = conn.execute("SELECT words, files, language FROM episodes WHERE id = ? AND status = 'done'",
                             (str(record["id"]),)).fetchone()
        if known is not None and known[1] == files and record.get("status") == "done":
            # Recorded before from these very files (a resumed batch): only the row changes.
            with conn:
                conn.execute(_UPSERT_EPISODE, _episode_row(record, known[0], files, known[2]))
            return
        episode = episode_json.load(folder / "episode.json")
        found = passages(episode)
        duration = _num(record.get("duration")) or episode.metadata.duration
        chapters = _chapters_of(folder / "chapters.json", duration)
        clips = _clips_of(folder / "clips" / "clips.json")
        language = language_of(episode)
    index_episode(conn, record, found, chapters, clips, files, language)


def _files(folder: Path) -> str:
    """Size and modification time of the files an episode is indexed from."""
    stats: dict[str, list[int] | None] = {}
    for name in ("episode.json", "chapters.json", "clips/clips.json"):
        try:
            st = (folder / name).stat()
            stats[name] = [st.st_size, st.st_mtime_ns]
        except OSError:
            stats[name] = None
    return json.dumps(stats, sort_keys=True)


def optimize(conn: sqlite3.Connection) -> None:
    """Merge the full-text index into one b-tree (faster queries; worth it after a big batch)."""
    with conn:
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
