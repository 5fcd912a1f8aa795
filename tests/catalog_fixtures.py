"""Catalogues for the catalog tests, built without Dask from audiokit's own writers.

:func:`split_catalog` takes a real ``audiokit run`` folder (the session's shared run on
samples/) and cuts its aligned episode into three consecutive episodes by turns, each written
as ``audiokit run`` writes one (episode.json, chapters.json, clips/clips.json, the preview
page beside a link to the audio), plus a failed and a skipped record, then records them all
in catalog.sqlite, writes catalog.json and the catalogue page. Nothing about the sample is
assumed: phrases and times are taken from the episodes built.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from test_pipeline_shared import pipeline_out  # noqa: F401

from audiokit import episode_json
from audiokit.catalog import open_catalog, record_episode, write_catalog_page
from audiokit.chapters import podcast_json
from audiokit.chapters.model import Chapter
from audiokit.model import Episode, Metadata, Sentence, Speaker, Turn, Word
from audiokit.preview import page as preview_page


def tokens(text: str) -> list[str]:
    """Words as the index folds them (lower case, no diacritics, letters and digits)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return re.findall(r"[^\W_]+", folded)


def write_episode_folder(folder: Path, episode: Episode, audio: Path | None,
                         chapters: list[Chapter], clips: list[dict[str, Any]]) -> None:
    """An episode folder as ``audiokit run`` leaves it, from the writers it uses."""
    (folder / "clips").mkdir(parents=True, exist_ok=True)
    episode_json.save(episode, folder / "episode.json")
    (folder / "chapters.json").write_text(podcast_json.render(chapters), encoding="utf-8")
    manifest = {"format": "audiokit-clips", "version": 1, "clips": clips}
    (folder / "clips" / "clips.json").write_text(json.dumps(manifest), encoding="utf-8")
    href = "none.mp3"
    if audio is not None:
        os.link(audio, folder / audio.name) if audio.stat().st_dev == folder.stat().st_dev else shutil.copy(
            audio, folder / audio.name)
        href = audio.name
    marks = [preview_page.ChapterMark(c.start, c.end, c.title) for c in chapters]
    (folder / "index.html").write_text(
        preview_page.render(preview_page.Preview(episode=episode, audio=href, chapters=marks)), encoding="utf-8")


def record(eid: str, title: str, status: str, **more: Any) -> dict[str, Any]:
    """A catalog.json record as the contract describes it."""
    base: dict[str, Any] = {"id": eid, "title": title, "audio": f"/audio/{eid}.mp3", "transcript": None,
                            "status": status, "reason": None, "coverage": None, "duration": None,
                            "chapters": None, "clips": None, "seconds": 0.0, "cached": [], "preview": None}
    base.update(more)
    return base


def split_catalog(run_out: Path, out: Path, parts: int = 3) -> dict[str, Any]:
    """Build OUT (see the module docstring); returns {"records", "episodes": {id: Episode}}."""
    out.mkdir(parents=True)
    source = episode_json.load(run_out / "episode.json")
    found = sorted(p for p in run_out.iterdir() if p.suffix in (".mp3", ".m4a", ".wav", ".flac", ".ogg"))
    audio = min(found, key=lambda p: ".chapters." in p.name)  # the input's copy, else the one with chapters
    manifest = json.loads((run_out / "clips" / "clips.json").read_text(encoding="utf-8"))
    chapters_doc = json.loads((run_out / "chapters.json").read_text(encoding="utf-8"))["chapters"]
    turns = [t for t in source.turns if t.span is not None]
    size = -(-len(turns) // parts)
    records, episodes = [], {}
    for k in range(parts):
        group = tuple(turns[k * size:(k + 1) * size])
        eid = f"part-{k + 1}"
        title = f"Part {k + 1} of {source.metadata.title or 'the sample'}"
        span = group[0].span | group[-1].span  # type: ignore[operator]
        episode = replace(source, turns=group, metadata=replace(source.metadata, title=title))
        chapters = [Chapter(float(c["startTime"]), span.end, c["title"], 0) for c in chapters_doc
                    if (k == 0 or span.start <= float(c["startTime"])) and float(c["startTime"]) < span.end]
        clips = [c for c in manifest["clips"] if span.start <= float(c["start"]) < span.end]
        write_episode_folder(out / eid, episode, audio, chapters, clips)
        episodes[eid] = episode
        records.append(record(eid, title, "done", audio=str(audio), coverage=0.97, duration=span.end,
                              chapters=len(chapters), clips=len(clips), preview=f"{eid}/index.html"))
    records.append(record("broken", "A broken <b>file</b>", "failed", reason="cannot decode the audio"))
    records.append(record("no-transcript", "No transcript", "skipped", reason="the feed item has no transcript"))
    write_catalogue(out, records)
    return {"records": records, "episodes": episodes}


def write_catalogue(out: Path, records: list[dict[str, Any]]) -> None:
    """``records`` as a batch leaves them in ``out``: catalog.sqlite, catalog.json and the page."""
    conn = open_catalog(out / "catalog.sqlite")
    for r in records:
        record_episode(conn, r, out / r["id"] if r["status"] == "done" else None)
    (out / "catalog.json").write_text(json.dumps({"version": 1, "episodes": records}), encoding="utf-8")
    write_catalog_page(out, records, conn)
    conn.close()


def unique_phrase(episodes: dict[str, Episode], target: str, length: int = 4) -> tuple[str, float]:
    """A run of ``length`` timed words of episode ``target`` whose tokens occur nowhere else in
    the catalogue (nor twice in it), with its first word's start."""
    streams = {eid: tokens(" ".join(w.text for w in ep.words())) for eid, ep in episodes.items()}

    def count(needle: list[str]) -> int:
        n = len(needle)
        return sum(1 for s in streams.values() for i in range(len(s) - n + 1) if s[i:i + n] == needle)

    for turn in episodes[target].turns:
        for sentence in turn.sentences:
            words = sentence.words
            for i in range(len(words) - length + 1):
                run = words[i:i + length]
                if not all(w.timed and tokens(w.text) for w in run) or any(len(tokens(w.text)) != 1 for w in run):
                    continue
                needle = [tokens(w.text)[0] for w in run]
                if count(needle) == 1:
                    return " ".join(needle), float(run[0].start or 0.0)
    raise AssertionError("no phrase unique to the episode")


def synthetic_episode(title: str, turns: list[tuple[str, str, float]]) -> Episode:
    """An aligned episode from (speaker, text, start) turns, words 0.3 s apart."""
    out = []
    for speaker, text, start in turns:
        words = tuple(Word(w, round(start + 0.3 * k, 3), round(start + 0.3 * k + 0.25, 3))
                      for k, w in enumerate(text.split()))
        out.append(Turn(speaker, (Sentence(words),)))
    names = list(dict.fromkeys(s for s, _, _ in turns))
    return Episode(tuple(out), tuple(Speaker(n) for n in names), Metadata(title=title))


def passages_catalog(texts: dict[str, str], speaker: str, path: str | Path = ":memory:") -> sqlite3.Connection:
    """A catalogue (in memory unless ``path``) of one episode per text, the episode's id its key,
    its one turn ``speaker`` saying the text from 1.0 s: a hand-made search set, indexed."""
    from audiokit.catalog import index_episode
    from audiokit.catalog.segments import passages

    conn = open_catalog(path)
    for pid, text in texts.items():
        index_episode(conn, record(pid, pid, "done"), passages(synthetic_episode(pid, [(speaker, text, 1.0)])))
    return conn


def fts5_words(value: str, tokenize: str | None = None) -> set[str]:
    """The words an FTS5 table with ``tokenize`` (the catalogue's by default) indexes ``value`` as."""
    from audiokit.catalog.db import TOKENIZE

    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = \"{tokenize or TOKENIZE}\")")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    conn.execute("INSERT INTO t VALUES (?)", (value,))
    return {r[0] for r in conn.execute("SELECT term FROM v")}


def one_episode_server(out: Path, eid: str, title: str, turns: list[tuple[str, str, float]],
                       chapter: str, duration: float) -> Server:
    """``audiokit serve`` started on a catalogue in ``out`` of one synthetic episode (one chapter
    over ``duration`` seconds); the caller stops it."""
    write_episode_folder(out / eid, synthetic_episode(title, turns), None, [Chapter(0.0, duration, chapter, 0)], [])
    rec = record(eid, title, "done", duration=duration, preview=f"{eid}/index.html")
    conn = open_catalog(out / "catalog.sqlite")
    record_episode(conn, rec, out / eid)
    write_catalog_page(out, [rec], conn)
    conn.close()
    return Server(out)


# A catalogue of episodes in three languages (language_catalog): each says 2019 once, so that one
# search finds a passage of each.
LANGUAGE_EPISODES = [
    ("en-1", "Mint tea at home", "en", [("Ann", "Welcome back to the show about mint tea", 1.0),
                                        ("Bo", "We first grew it in 2019 on the roof", 6.0)]),
    ("ar", "الشاي بالنعناع", "ar", [("سارة", "أضف السكر والنعناع إلى الشاي", 1.0),
                                     ("أحمد", "سافر أحمد إلى القاهرة في عام ٢٠١٩", 6.0)]),
    ("hi", "पुदीने की चाय", "hi", [("आशा", "हमने बहुत सी बातें कीं", 1.0),
                                   ("रवि", "यह बात 2019 की है", 6.0)]),
    ("en-2", "Gardening in winter", "en", [("Cy", "Winter gardens reward patience", 1.0)]),
]


def language_catalog(out: Path) -> list[dict[str, Any]]:
    """OUT of an English, an Arabic, a Hindi and an English episode (:data:`LANGUAGE_EPISODES`,
    each record and episode.json with its language), and a failed one; catalog.sqlite and the
    page written. Returns the records."""
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for eid, title, language, turns in LANGUAGE_EPISODES:
        ep = synthetic_episode(title, turns)
        ep = replace(ep, metadata=replace(ep.metadata, language=language))
        write_episode_folder(out / eid, ep, None, [Chapter(0.0, 12.0, title, 0)], [])
        records.append(record(eid, title, "done", duration=12.0, coverage=1.0, chapters=1, clips=0,
                              language=language, preview=f"{eid}/index.html"))
    records.append(record("broken", "مقابلة لم تكتمل", "failed", reason="cannot decode the audio"))
    write_catalogue(out, records)
    return records


def version2_catalog(path: Path) -> None:
    """A catalogue as version 2 wrote it: passages without a lead, and one episode in it."""
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('schema_version', '2');"
        "CREATE TABLE episodes(id TEXT PRIMARY KEY, title TEXT NOT NULL, audio TEXT, transcript TEXT,"
        " status TEXT NOT NULL, reason TEXT, coverage REAL, duration REAL, chapters INTEGER, clips INTEGER,"
        " seconds REAL, cached TEXT NOT NULL DEFAULT '[]', preview TEXT, words INTEGER NOT NULL DEFAULT 0,"
        " updated TEXT NOT NULL, files TEXT);"
        "INSERT INTO episodes(id, title, status, words, updated) VALUES ('old', 'From version 2', 'done', 3, 'x');"
        "CREATE TABLE passages(id INTEGER PRIMARY KEY, episode TEXT NOT NULL, turn INTEGER NOT NULL,"
        " speaker TEXT NOT NULL, start REAL, text TEXT NOT NULL, times BLOB NOT NULL);"
        "INSERT INTO passages VALUES (1, 'old', 0, 'Ann', 0.0, 'stale old words', x'01');"
        "CREATE VIRTUAL TABLE passages_fts USING fts5(text, grams, content = '', columnsize = 0);"
        "INSERT INTO passages_fts(rowid, text, grams) VALUES (1, 'stale old words', '');")
    old.commit()
    old.close()


def version9_catalog(path: Path) -> None:
    """A catalogue as version 9 wrote it: episodes without loudness, loudness_problems and
    language, and one episode in it, its one passage indexed."""
    from audiokit.catalog import db

    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE episodes(id TEXT PRIMARY KEY, title TEXT NOT NULL, audio TEXT, transcript TEXT,"
        " status TEXT NOT NULL CHECK (status IN ('done', 'failed', 'skipped')), reason TEXT,"
        " coverage REAL, duration REAL, chapters INTEGER, clips INTEGER, seconds REAL,"
        " cached TEXT NOT NULL DEFAULT '[]', preview TEXT, words INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL,"
        " files TEXT);"
        + db._SCHEMA  # the other tables as version 10 has them (the same as 9's)
        + "INSERT INTO meta VALUES ('schema_version', '9');"
        "INSERT INTO episodes(id, title, status, words, updated) VALUES ('old', 'From version 9', 'done', 3, 'x');"
        "INSERT INTO passages VALUES (1, 'old', 0, 'Ann', 0.0, 'stale old words', x'01', 0);"
        "INSERT INTO passages_fts(rowid, text, grams) VALUES (1, 'stale old words', '');")
    old.commit()
    old.close()


_BUILT: dict[str, dict[str, Any]] = {}


def shared_catalog(factory: Any, run_out: Path) -> tuple[Path, dict[str, Any]]:
    """The session's one split catalogue (tests must not change it)."""
    if "out" not in _BUILT:
        out = factory.mktemp("catalog") / "OUT"
        _BUILT["out"] = {"path": out, **split_catalog(run_out, out)}
    built = _BUILT["out"]
    return built["path"], built


class Server:
    """``audiokit serve OUT --port 0`` on loopback, as a child process."""

    def __init__(self, out: Path, *extra: str) -> None:
        import subprocess
        import sys
        import threading

        self.proc = subprocess.Popen([sys.executable, "-m", "audiokit", "serve", str(out), "--port", "0", *extra],
                                     stderr=subprocess.PIPE, text=True)
        first: list[str] = []
        reader = threading.Thread(target=lambda: first.append(self.proc.stderr.readline() if self.proc.stderr else ""))
        reader.start()
        reader.join(timeout=30)
        m = re.search(r"(http://[^ ]+/)", first[0] if first else "")
        if not m:
            self.stop()
            raise AssertionError(f"audiokit serve did not start: {first}")
        self.url = m.group(1)

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        import urllib.error
        import urllib.request

        req = urllib.request.Request(self.url + path.lstrip("/"), headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        if self.proc.stderr:
            self.proc.stderr.close()


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory, pipeline_out: tuple[Path, Any]) -> tuple[Path, Any]:  # noqa: F811
    """(OUT, what split_catalog returned) for the session's split catalogue."""
    return shared_catalog(tmp_path_factory, pipeline_out[0])


@pytest.fixture(scope="module")
def server(catalog: tuple[Path, Any]) -> Iterator[Server]:
    """``audiokit serve`` on the split catalogue, for one test module."""
    s = Server(catalog[0])
    try:
        yield s
    finally:
        s.stop()
