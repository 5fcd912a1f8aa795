"""``audiokit batch`` end to end on an embedded Dask LocalCluster (loopback): failures that stay
alone, resume, and bad input. Episodes come from ``samples/`` and espeak-ng (batch_material)."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import mutagen
import pytest
from batch_material import Material, batch, files_under, make, place, records

from audiokit.pipeline import STAGES

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def material(tmp_path_factory: pytest.TempPathFactory) -> Material:
    return make(tmp_path_factory.mktemp("material"))


@pytest.fixture(scope="module")
def mixed(material: Material, tmp_path_factory: pytest.TempPathFactory):
    """A folder catalogue: two good episodes, a broken audio file and a transcript of another
    episode, run once with two workers."""
    root = tmp_path_factory.mktemp("mixed")
    source = place(material, root / "show", {"ep-a": "sample", "ep-b": "other", "ep-c": "broken", "ep-d": "wrong"})
    (source / "ep-e.vtt").write_text("WEBVTT\n", encoding="utf-8")  # its audio is missing
    before = files_under(source)
    proc = batch(str(source), "-o", str(root / "out"), "--workers", "2")
    return source, root / "out", proc, before


def test_failures_stay_alone_and_are_listed(mixed) -> None:
    source, out, proc, before = mixed
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    recs = records(out)
    assert [recs[i]["status"] for i in ("ep-a", "ep-b", "ep-c", "ep-d")] == ["done", "done", "failed", "failed"]
    assert "ep-c.mp3" in recs["ep-c"]["reason"] and "decode" in recs["ep-c"]["reason"]
    assert "belongs to other audio" in recs["ep-d"]["reason"]
    # Both failed after their (English) transcripts were read: the catalogue says that language.
    assert recs["ep-c"]["language"] == recs["ep-d"]["language"] == "en"
    with sqlite3.connect(out / "catalog.sqlite") as conn:
        rows = dict(conn.execute("SELECT id, language FROM episodes WHERE status = 'failed'").fetchall())
    assert rows == {"ep-c": "en", "ep-d": "en"}
    # The catalogue page may be published: reasons name files, not the producer's folders.
    assert not any(str(source.parent) in (r["reason"] or "") for r in recs.values())
    assert "ep-c.mp3: " in (out / "index.html").read_text(encoding="utf-8")
    for rid in ("ep-c", "ep-d"):  # listed in the summary, one line each
        assert sum(line.startswith(f"audiokit: failed: {rid}: ") for line in proc.stderr.splitlines()) == 1
    assert files_under(source) == before  # inputs untouched
    assert "audiokit: warning: not run: ep-e.vtt, a transcript with no audio of the same name" in proc.stderr
    assert "index.html and a folder per finished episode" in proc.stderr  # not one per failed episode


def test_each_done_episode_is_what_audiokit_run_writes(mixed) -> None:
    source, out, _, _ = mixed
    recs = records(out)
    for rid in ("ep-a", "ep-b"):
        rec, folder = recs[rid], out / rid
        for name in ("episode.json", "captions.vtt", "chapters.json", "clips/clips.json", "index.html"):
            assert (folder / name).is_file(), name
        chapters = json.loads((folder / "chapters.json").read_text(encoding="utf-8"))["chapters"]
        clips = json.loads((folder / "clips" / "clips.json").read_text(encoding="utf-8"))["clips"]
        report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        assert rec["chapters"] == len(chapters) and rec["clips"] == len(clips)
        assert rec["coverage"] == pytest.approx(report["coverage"], abs=1e-3)
        assert rec["duration"] > 0 and rec["preview"] == f"{rid}/index.html"
        assert rec["audio"] == str((source / f"{rid}.mp3").resolve()) and rec["cached"] == []
        said = json.loads((folder / "episode.json").read_text(encoding="utf-8"))["metadata"].get("language")
        assert rec["language"] == (said or "en") == "en"  # the aligned episode's (espeak-ng's English)
        assert not [p for p in folder.rglob("*.part*")]  # nothing left half-written


def test_resume_does_only_what_is_new(mixed, material: Material) -> None:
    source, out, _, _ = mixed
    out2 = out.parent / "resumed"
    shutil.copytree(out, out2)
    manifest = out.parent / "list.csv"
    manifest.write_text(f"id,audio,transcript\nep-a,{source}/ep-a.mp3,{source}/ep-a.txt\n", encoding="utf-8")
    again = batch(str(manifest), "-o", str(out2), "--workers", "1", "--quiet")
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""  # --quiet: nothing to say when all is well
    rec = records(out2)["ep-a"]
    assert rec["status"] == "done" and rec["seconds"] == 0 and rec["cached"] == list(STAGES)
    # The loudness the run measured, kept in the stamp with the rest of the record.
    assert -40 < rec["loudness"] < -5 and isinstance(rec["loudness_problems"], list)
    assert rec["loudness"] == records(out)["ep-a"]["loudness"]
    assert rec["language"] == records(out)["ep-a"]["language"] == "en"  # and its language
    kept = files_under(out2 / "ep-a")
    # A new episode in the manifest is the only work done.
    place(material, source, {"ep-e": "other"})
    manifest.write_text(manifest.read_text() + f"ep-e,{source}/ep-e.mp3,{source}/ep-e.txt\n", encoding="utf-8")
    third = batch(str(manifest), "-o", str(out2), "--workers", "1")
    assert third.returncode == 0, third.stderr
    recs = records(out2)
    assert recs["ep-a"]["cached"] == list(STAGES) and recs["ep-e"]["cached"] == []
    assert files_under(out2 / "ep-a") == kept  # not even rewritten
    assert list(recs) == ["ep-a", "ep-e"]
    # All finished: told from each episode's stamp, with no cluster and no episode process.
    fourth = batch(str(manifest), "-o", str(out2), "--workers", "1")
    assert fourth.returncode == 0, fourth.stderr
    assert "running on" not in fourth.stderr and "nothing new to run" in fourth.stderr
    assert [r["seconds"] for r in records(out2).values()] == [0, 0]


@pytest.mark.parametrize("version", [2, 9])
def test_a_catalogue_of_an_older_schema_is_rebuilt_by_the_next_batch(mixed, version: int) -> None:
    # Version 3 added the passages' lead, version 10 each episode's loudness and language: an
    # older catalogue is emptied and every finished episode recorded again (stale rows never
    # mixed with new ones), its stages served from the cache.
    import catalog_fixtures

    from audiokit import episode_json
    from audiokit.catalog import open_catalog, search

    source, out, _, _ = mixed
    out2 = out.parent / f"schema{version}"
    shutil.copytree(out, out2)
    for old in out2.glob("catalog.sqlite*"):
        old.unlink()
    getattr(catalog_fixtures, f"version{version}_catalog")(out2 / "catalog.sqlite")
    manifest = out.parent / f"schema{version}.csv"
    manifest.write_text(f"id,audio,transcript\nep-a,{source}/ep-a.mp3,{source}/ep-a.txt\n", encoding="utf-8")
    again = batch(str(manifest), "-o", str(out2), "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert records(out2)["ep-a"]["cached"] == list(STAGES)
    conn = open_catalog(out2 / "catalog.sqlite", readonly=True)
    try:
        words = [w.text for w in episode_json.load(out2 / "ep-a" / "episode.json").words() if w.text.strip()]
        assert conn.execute("SELECT id, words FROM episodes").fetchall() == [("ep-a", len(words))]
        rec = records(out2)["ep-a"]
        assert conn.execute("SELECT loudness, loudness_problems, language FROM episodes").fetchone() == (
            rec["loudness"], json.dumps(rec["loudness_problems"], ensure_ascii=False), "en")
        assert search(conn, "stale") == []
        assert search(conn, '"' + " ".join(words[1:4]) + '"')[0].episode == "ep-a"
    finally:
        conn.close()


def _phrase(folder: Path) -> str:
    from audiokit import episode_json

    words = [w.text for w in episode_json.load(folder / "episode.json").words() if w.text.strip()]
    return '"' + " ".join(words[1:4]) + '"'


def test_an_episode_gone_from_the_source_leaves_the_catalogue_and_search_not_the_disk(mixed) -> None:
    from audiokit.catalog import open_catalog, search

    source, out, _, _ = mixed
    out2 = out.parent / "dropped"
    shutil.copytree(out, out2)
    fewer = out.parent / "show-fewer"  # the folder source with ep-b (and the failed ones) gone
    fewer.mkdir()
    for name in ("ep-a.mp3", "ep-a.txt"):
        shutil.copy(source / name, fewer / name)
    gone, kept = _phrase(out2 / "ep-b"), _phrase(out2 / "ep-a")
    conn = open_catalog(out2 / "catalog.sqlite", readonly=True)
    assert search(conn, gone)[0].episode == "ep-b"  # before: found
    conn.close()
    again = batch(str(fewer), "-o", str(out2), "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert "out of the catalogue and its search (their folders stay): ep-b, ep-c, ep-d" in again.stderr
    conn = open_catalog(out2 / "catalog.sqlite", readonly=True)
    try:
        assert conn.execute("SELECT id FROM episodes").fetchall() == [("ep-a",)]
        assert list(records(out2)) == ["ep-a"] and 'data-id="ep-b"' not in (out2 / "index.html").read_text()
        assert search(conn, gone) == [] and search(conn, kept)[0].episode == "ep-a"
        assert conn.execute("SELECT DISTINCT episode FROM passages").fetchall() == [("ep-a",)]
    finally:
        conn.close()
    assert (out2 / "ep-b" / "episode.json").is_file() and (out2 / "ep-b" / "index.html").is_file()  # never deleted
    third = batch(str(fewer), "-o", str(out2), "--workers", "1")  # nothing more to remove or run
    assert third.returncode == 0 and "out of the catalogue" not in third.stderr, third.stderr
    assert "running on" not in third.stderr and "nothing new to run" in third.stderr


def _one_line(proc) -> str:
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


def test_a_source_of_no_form_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    line = _one_line(batch(str(tmp_path / "notes.txt"), "-o", str(tmp_path / "out")))
    assert "notes.txt" in line and "is not a folder, a manifest" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text, message", [
    ("<rss><channel><item>", "not an XML file"),
    ("<rss version='2.0'><channel><title>t</title></channel></rss>", "has no <item>"),
])
def test_bad_feeds_are_one_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "feed.xml").write_text(text, encoding="utf-8")
    line = _one_line(batch(str(tmp_path / "feed.xml"), "-o", str(tmp_path / "out")))
    assert "feed.xml" in line and message in line and not (tmp_path / "out").exists()


def test_bad_rows_are_listed_and_nothing_written_outside_out(tmp_path: Path, material: Material) -> None:
    audio, transcript = material.episodes["sample"]
    (tmp_path / "list.jsonl").write_text(
        json.dumps({"id": "one", "audio": "gone.mp3", "transcript": str(transcript)}) + "\n"
        + json.dumps({"id": "One", "audio": str(audio), "transcript": str(transcript)}) + "\n"
        + json.dumps({"audio": "https://example.org/a.mp3", "transcript": str(transcript)}) + "\n",
        encoding="utf-8")
    before = set(tmp_path.iterdir())
    proc = batch(str(tmp_path / "list.jsonl"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    recs = list(records(tmp_path / "out").values())
    assert [r["status"] for r in recs] == ["failed", "failed", "failed"]
    assert recs[0]["id"] == "one" and recs[0]["reason"].endswith("audio file not found: gone.mp3")
    assert "the same id as list.jsonl line 1" in recs[1]["reason"] and recs[1]["id"] != "one"
    assert "audio file not found" in recs[2]["reason"]  # manifest paths are paths, not URLs
    for r in recs:
        assert f"audiokit: failed: {r['id']}: " in proc.stderr
    assert set(tmp_path.iterdir()) - before == {tmp_path / "out"}


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, material: Material) -> None:
    source = place(material, tmp_path / "show", {"ep": "other"})
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    line = _one_line(batch(str(source), "-o", str(tmp_path / "out"), "--scheduler", f"tcp://127.0.0.1:{port}",
                           "--connect-timeout", "2"))
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in line
    assert not (tmp_path / "out").exists()


SKIPPED_FEED = ('<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>'
                '<item><title>Web</title><enclosure url="https://example.org/a.mp3" type="audio/mpeg"/>'
                '<podcast:transcript url="https://example.org/a.vtt" type="text/vtt"/></item>'
                '<item><title>No transcript</title><enclosure url="a.mp3" type="audio/mpeg"/></item>'
                '</channel></rss>')


def test_feed_items_on_the_web_need_fetch(tmp_path: Path, material: Material) -> None:
    (tmp_path / "feed.xml").write_text(SKIPPED_FEED, encoding="utf-8")
    proc = batch(str(tmp_path / "feed.xml"), "-o", str(tmp_path / "out"), "--base-url", "https://h.example/")
    assert proc.returncode == 0, proc.stderr
    recs = list(records(tmp_path / "out").values())
    assert [r["status"] for r in recs] == ["skipped", "skipped"]
    assert "add --fetch" in recs[0]["reason"] and "no <podcast:transcript>" in recs[1]["reason"]
    assert "<h1>out</h1>" in (tmp_path / "out" / "index.html").read_text()  # a feed without a title: OUT's name
    # Nothing ran, so no episode folder: the last line said "and a folder per episode" anyway.
    assert proc.stderr.rstrip().endswith("wrote " + str(tmp_path / "out") + "/: catalog.json, catalog.sqlite, "
                                         "index.html, feed.xml"), proc.stderr
    again = batch(str(tmp_path / "feed.xml"), "-o", str(tmp_path / "out"), "--base-url", "https://h.example/")
    assert again.returncode == 0, again.stderr  # its own catalogue files are its to replace
    without = batch(str(tmp_path / "feed.xml"), "-o", str(tmp_path / "out"))
    assert without.returncode == 0, without.stderr
    assert "feed.xml not written (the feed.xml there is an earlier run's and was left as it was)" in without.stderr
    assert (tmp_path / "out" / "feed.xml").exists()


def test_with_level_the_written_feed_publishes_the_levelled_copy(tmp_path: Path, material: Material) -> None:
    """The levelled copy is the audio to publish: the feed's enclosure names it under --base-url,
    as its transcripts are, with its length, type and duration (the item said 0:01)."""
    show = place(material, tmp_path / "show", {"ep": "other"})
    feed = show / "feed.xml"
    feed.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                    'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
                    'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Garden</title>\n'
                    '<item><title>Soil</title><guid>soil-1</guid>\n<enclosure url="ep.mp3" length="1" type="audio/mpeg"/>\n'
                    '<itunes:duration>0:01</itunes:duration>\n'
                    '<podcast:transcript url="ep.txt" type="text/plain"/>\n</item></channel></rss>\n', encoding="utf-8")
    before = feed.read_bytes()
    out = tmp_path / "site"
    proc = batch(str(feed), "-o", str(out), "--base-url", "https://h.example/site", "--level", "--workers", "1",
                 "--skip", "clips", "--skip", "preview")
    assert proc.returncode == 0, proc.stderr
    copy = out / "soil-1" / "ep.levelled.mp3"
    assert copy.is_file() and feed.read_bytes() == before
    item = ET.parse(out / "feed.xml").getroot().find("channel/item")
    assert item.find("enclosure").attrib == {"url": "https://h.example/site/soil-1/ep.levelled.mp3",
                                             "length": str(copy.stat().st_size), "type": "audio/mpeg"}
    seconds = round(mutagen.File(copy).info.length)
    assert item.findtext("{http://www.itunes.com/dtds/podcast-1.0.dtd}duration") == f"{seconds // 60}:{seconds % 60:02d}"
    assert item.find("{https://podcastindex.org/namespace/1.0}transcript[@rel='captions']").get("url") == \
        "https://h.example/site/soil-1/captions.vtt"


def test_the_catalogue_page_is_headed_by_the_feeds_channel_title(tmp_path: Path) -> None:
    feed = SKIPPED_FEED.replace("<channel>", "<channel><title>Tom &amp; Bo's\n  &lt;b&gt;garden&lt;/b&gt;</title>", 1)
    (tmp_path / "feed.xml").write_text(feed, encoding="utf-8")
    proc = batch(str(tmp_path / "feed.xml"), "-o", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    shown = "Tom &amp; Bo&#x27;s &lt;b&gt;garden&lt;/b&gt;"
    assert f"<title>{shown}</title>" in page and f"<h1>{shown}</h1>" in page and "<b>" not in page


def test_a_folder_episode_is_titled_by_its_transcript(tmp_path: Path, material: Material) -> None:
    # ep042's transcript opens with its title; ep043's has none, so the file stem stays.
    source = place(material, tmp_path / "show", {"ep042": "sample", "ep043": "sample"})
    said = "Episode 42: Tomatoes & <basil> </script>"
    text = (source / "ep042.txt").read_text(encoding="utf-8")
    (source / "ep042.txt").write_text(f"{said}\n\n{text}", encoding="utf-8")
    out = tmp_path / "site"
    first = batch(str(source), "-o", str(out), "--workers", "2", "--skip", "clips")
    assert first.returncode == 0, first.stderr
    assert {i: (r["status"], r["title"]) for i, r in records(out).items()} == {
        "ep042": ("done", said), "ep043": ("done", "ep043")}
    again = batch(str(source), "-o", str(out), "--workers", "1", "--skip", "clips")  # from the stamps
    assert again.returncode == 0, again.stderr
    assert "nothing new to run" in again.stderr and "running on" not in again.stderr
    assert {i: (r["seconds"], r["title"]) for i, r in records(out).items()} == {
        "ep042": (0, said), "ep043": (0, "ep043")}
    assert sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")) == ["ep042", "ep043"]
    with sqlite3.connect(out / "catalog.sqlite") as conn:
        assert dict(conn.execute("SELECT id, title FROM episodes").fetchall()) == {"ep042": said, "ep043": "ep043"}
    page = (out / "index.html").read_text(encoding="utf-8")
    shown = "Episode 42: Tomatoes &amp; &lt;basil&gt; &lt;/script&gt;"
    assert f'<a href="ep042/index.html"><bdi>{shown}</bdi></a>' in page
    assert '<a href="ep043/index.html"><bdi>ep043</bdi></a>' in page
    assert "<basil>" not in page and "Tomatoes \\u0026 \\u003cbasil\\u003e" in page  # the search index's copy


@pytest.mark.parametrize("name", ["index.html", "catalog.json", "feed.xml"])
def test_files_in_out_it_did_not_write_are_left_alone(tmp_path: Path, name: str) -> None:
    """OUT may be a site's folder: its own home page or published feed stops the batch."""
    (tmp_path / "feed.xml").write_text(SKIPPED_FEED, encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / name).write_text("mine\n", encoding="utf-8")
    line = _one_line(batch(str(tmp_path / "feed.xml"), "-o", str(out), "--base-url", "https://h.example/"))
    assert line == f"audiokit: error: {out / name}: exists and was not written by audiokit; " \
                   "move it away or choose another output folder"
    assert (out / name).read_text(encoding="utf-8") == "mine\n" and [p.name for p in out.iterdir()] == [name]


def test_ctrl_c_stops_cleanly(tmp_path: Path, material: Material) -> None:
    import os
    import signal
    import subprocess
    import sys
    import threading

    source = place(material, tmp_path / "show", {"a1": "other", "a2": "other", "a3": "other"})
    out = tmp_path / "out"
    # A terminal's Ctrl-C reaches a process whose SIGINT is live; when the tests themselves run
    # in a background job, SIGINT is ignored and the batch would inherit that. A handler set
    # here becomes the default action in the child (exec resets handlers, not "ignore").
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "audiokit", "batch", str(source), "-o", str(out),
                                 "--workers", "1"], stderr=subprocess.PIPE, text=True, start_new_session=True,
                                env=dict(os.environ, AUDIOKIT_TEST_MARK=str(tmp_path)))
    finally:
        signal.signal(signal.SIGINT, previous)
    # Wait for the progress line of the first finished episode (catalog.json is only rewritten
    # now and then, so it can miss a whole short batch), reading stderr as it comes.
    lines: list[str] = []
    first_done = threading.Event()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            if "] done:" in line:
                first_done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert first_done.wait(timeout=300), "no episode finished: " + "".join(lines)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    proc.wait(timeout=120)
    reader.join(timeout=10)
    stderr = "".join(lines)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    recs = records(out)
    done = [r for r in recs.values() if r["status"] == "done"]
    assert done and len(done) < 3
    for r in recs.values():
        if r["status"] != "done":
            assert r["status"] == "skipped" and "interrupted" in r["reason"]
    for r in done:  # a finished episode is whole
        assert json.loads((out / r["id"] / "episode.json").read_text(encoding="utf-8"))
    assert _processes_marked(str(tmp_path), within=30) == []  # workers, helpers and episodes all gone


def _processes_marked(mark: str, within: float) -> list[int]:
    """Processes (this test's batch and its descendants) whose environment holds the mark,
    once they are gone or ``within`` seconds have passed."""
    import os
    import time

    deadline = time.monotonic() + within
    while True:
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                env = Path(f"/proc/{pid}/environ").read_bytes()
            except OSError:
                continue
            if f"AUDIOKIT_TEST_MARK={mark}".encode() in env.split(b"\0"):
                found.append(int(pid))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def test_the_feed_is_never_written_over_itself(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    feed = site / "feed.xml"
    feed.write_text('<rss version="2.0"><channel><item><title>A</title>'
                    '<enclosure url="a.mp3" type="audio/mpeg"/></item></channel></rss>', encoding="utf-8")
    before = feed.read_bytes()
    line = _one_line(batch(str(feed), "-o", str(site), "--base-url", "https://h.example/"))
    assert "is the feed the batch would write" in line
    assert feed.read_bytes() == before and sorted(p.name for p in site.iterdir()) == ["feed.xml"]
