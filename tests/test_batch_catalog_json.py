"""catalog.json and the hand-over of records to the catalogue library (a stand-in here)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import audiokit.batch.catalog_json as cj
from audiokit.errors import FormatError


def _rec(rid: str, status: str = "done") -> dict:
    return {"id": rid, "title": rid, "audio": f"/a/{rid}.mp3", "transcript": None, "status": status,
            "reason": None, "coverage": 1.0, "duration": 60.0, "chapters": 2, "clips": 3, "seconds": 1.0,
            "cached": [], "preview": f"{rid}/index.html"}


def test_catalog_json_is_in_catalogue_order_and_read_back(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cj, "_catalog_library", lambda: None)
    sink = cj.CatalogSink(tmp_path, ["b", "a", "c"])
    for rid in ("a", "c", "b"):
        sink.add(_rec(rid))
    sink.close()
    doc = json.loads((tmp_path / "catalog.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1 and [r["id"] for r in doc["episodes"]] == ["b", "a", "c"]
    assert cj.read_records(tmp_path)["a"] == _rec("a")
    assert not sink.has_database and not list(tmp_path.glob(".*part*"))


def test_unreadable_catalogue_files_make_the_episode_failed(tmp_path: Path, monkeypatch) -> None:
    calls = []

    def record_episode(conn, record, episode_dir):
        calls.append((record["id"], record["status"], episode_dir))
        if episode_dir is not None and record["id"] == "bad":
            raise FormatError("not JSON", path=episode_dir / "episode.json")

    lib = SimpleNamespace(open_catalog=lambda path: sqlite3.connect(":memory:"), record_episode=record_episode,
                          write_catalog_page=lambda out, records, conn, title: calls.append(("page", len(records), title)),
                          optimize=lambda conn: calls.append(("optimize", "", None)))
    monkeypatch.setattr(cj, "_catalog_library", lambda: lib)
    sink = cj.CatalogSink(tmp_path, ["ok", "bad"])
    assert sink.add(_rec("ok"))["status"] == "done"
    kept = sink.add(_rec("bad"))
    assert kept["status"] == "failed" and "episode.json: not JSON" in kept["reason"] and kept["preview"] is None
    sink.close()
    assert sink.has_database
    assert calls == [("ok", "done", tmp_path / "ok"), ("bad", "done", tmp_path / "bad"), ("bad", "failed", None),
                     ("page", 2, None), ("optimize", "", None)]
    assert cj.read_records(tmp_path)["bad"]["status"] == "failed"


def _sink_run(out: Path, order: list[str], complete: bool, title: str | None = None) -> cj.CatalogSink:
    sink = cj.CatalogSink(out, order, title)
    for rid in order:
        sink.add(_rec(rid, "skipped"))
    sink.close(complete)
    return sink


def _ids(out: Path) -> list[str]:
    conn = sqlite3.connect(out / "catalog.sqlite")
    try:
        return [r[0] for r in conn.execute("SELECT id FROM episodes ORDER BY id")]
    finally:
        conn.close()


def test_a_complete_run_drops_the_episodes_the_catalogue_no_longer_lists(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()  # an earlier run's episode folder
    _sink_run(tmp_path, ["a", "b"], True)
    assert _ids(tmp_path) == ["a", "b"]
    # Interrupted (or failed): catalog.json lists this run's catalogue, the database keeps a.
    sink = _sink_run(tmp_path, ["b"], False)
    assert _ids(tmp_path) == ["a", "b"] and sink.removed == []
    sink = _sink_run(tmp_path, ["b"], True)
    assert _ids(tmp_path) == ["b"] and sink.removed == ["a"]
    assert list(cj.read_records(tmp_path)) == ["b"] and 'data-id="a"' not in (tmp_path / "index.html").read_text()
    assert (tmp_path / "a").is_dir()  # never a file or folder: only the database's rows


def test_the_page_is_headed_by_the_title_given_else_the_folder_name(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    _sink_run(out, ["a"], True, "Tom & Bo's <show>")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<title>Tom &amp; Bo&#x27;s &lt;show&gt;</title>" in page and "<h1>Tom &amp; Bo&#x27;s &lt;show&gt;</h1>" in page
    _sink_run(out, ["a"], True)
    assert "<title>site</title>" in (out / "index.html").read_text(encoding="utf-8")
