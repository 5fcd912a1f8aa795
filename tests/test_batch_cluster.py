"""``audiokit batch --scheduler`` against a real Dask cluster started here (``dask scheduler``
and two ``dask worker`` processes on 127.0.0.1), one worker killed mid-batch; the source is an
RSS feed with a relative, a ``file://`` and an ``http://`` enclosure (``--fetch`` from a local
web server), and the written ``feed.xml`` is read back."""

from __future__ import annotations

import functools
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from batch_material import make, records

from audiokit import episode_json
from audiokit.batch.feed import NAMESPACE

distributed = pytest.importorskip("distributed")
DASK = [str(Path(sys.executable).parent / "dask")]


def _start(cmd: list[str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log.open("wb"), start_new_session=True)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.fixture
def cluster(tmp_path: Path):
    """``(address, {name: worker process})``: a scheduler and two single-threaded workers."""
    info = tmp_path / "scheduler.json"
    procs = [_start([*DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(info)], tmp_path / "scheduler.log")]
    try:
        deadline = time.monotonic() + 60
        while not info.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        workers = {}
        for name in ("w1", "w2"):
            workers[name] = _start([*DASK, "worker", address, "--name", name, "--nworkers", "1", "--nthreads", "1",
                                    "--host", "127.0.0.1", "--no-dashboard", "--local-directory",
                                    str(tmp_path / name)], tmp_path / f"{name}.log")
            procs.append(workers[name])
        with distributed.Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address, workers
    finally:
        for proc in procs:
            _stop(proc)


@pytest.fixture
def web(tmp_path: Path):
    """A web server on loopback serving ``tmp_path / "web"``; yields its base URL."""
    folder = tmp_path / "web"
    folder.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _kill_a_busy_worker(address: str, workers: dict[str, subprocess.Popen[bytes]], batch_proc) -> str | None:
    """Wait until a worker has been running an episode for a few seconds, then kill it (nanny
    and worker process, SIGKILL). Returns its name."""
    with distributed.Client(address, timeout=30) as client:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and batch_proc.poll() is None:
            busy = [addr for addr, keys in client.processing().items() if keys]
            if busy:
                time.sleep(1.5)  # mid-episode, not at its very start
                names = client.scheduler_info(n_workers=-1)["workers"]
                busy = [addr for addr, keys in client.processing().items() if keys]
                if busy:
                    name = str(names[busy[0]]["name"])
                    os.killpg(workers[name].pid, signal.SIGKILL)
                    return name
            time.sleep(0.2)
    return None


def test_scheduler_feed_fetch_and_a_killed_worker(tmp_path: Path, cluster, web) -> None:
    address, workers = cluster
    web_folder, web_url = web
    material = make(tmp_path / "material")
    media = tmp_path / "show" / "media"
    media.mkdir(parents=True)
    for name, (audio, transcript) in material.episodes.items():
        target = web_folder if name == "other" else media
        (target / f"{name}{audio.suffix}").write_bytes(audio.read_bytes())
        (target / f"{name}{transcript.suffix}").write_bytes(transcript.read_bytes())
    other_file = media / "other-copy.mp3"
    other_file.write_bytes(material.episodes["other"][0].read_bytes())
    (media / "other-copy.txt").write_bytes(material.episodes["other"][1].read_bytes())
    feed = tmp_path / "show" / "feed.xml"
    feed.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Test show</title><itunes:author>Someone</itunes:author>
  <item><title>Relative</title><guid isPermaLink="false">rel-1</guid>
    <enclosure url="media/sample.mp3" type="audio/mpeg" length="1"/>
    <podcast:transcript xmlns:podcast="{NAMESPACE}" url="media/sample.txt" type="text/plain"/>
  </item>
  <item><title>File URL</title><guid isPermaLink="false">file-2</guid>
    <enclosure url="{other_file.as_uri()}" type="audio/mpeg" length="1"/>
    <podcast:transcript xmlns:podcast="{NAMESPACE}" url="{(media / 'other-copy.txt').as_uri()}" type="text/plain"/>
  </item>
  <item><title>On the web</title><guid isPermaLink="false">web-3</guid>
    <enclosure url="{web_url}/other.mp3" type="audio/mpeg" length="1"/>
    <podcast:transcript xmlns:podcast="{NAMESPACE}" url="{web_url}/other.txt" type="text/plain"/>
  </item>
</channel></rss>
""", encoding="utf-8")
    out = tmp_path / "site"
    cmd = [sys.executable, "-m", "audiokit", "batch", str(feed), "-o", str(out), "--scheduler", address,
           "--fetch", "--base-url", "https://example.org/show/", "--retries", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = _kill_a_busy_worker(address, workers, proc)
    _, stderr = proc.communicate(timeout=600)
    assert killed is not None, f"no worker was seen busy; batch said: {stderr}"
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr and f"ran on the Dask cluster at {address}" in stderr

    recs = records(out)
    assert list(recs) == ["rel-1", "file-2", "web-3"]
    assert all(r["status"] == "done" for r in recs.values()), (recs, stderr)
    assert recs["web-3"]["audio"] == f"{web_url}/other.mp3"
    for rid in recs:  # the retried episode is whole, and nothing half-written is left under a final name
        episode = episode_json.loads((out / rid / "episode.json").read_text(encoding="utf-8"))
        assert episode.word_count > 0
        assert not [p for p in (out / rid).rglob("*") if p.is_file() and ".part" in p.name
                    and not p.name.startswith(".")]

    written = ET.parse(out / "feed.xml").getroot()
    assert written.find("channel/title").text == "Test show"
    assert written.find("channel/{http://www.itunes.com/dtds/podcast-1.0.dtd}author").text == "Someone"
    p = f"{{{NAMESPACE}}}"
    for item, rid in zip(written.find("channel").findall("item"), recs):
        ours = [t for t in item.findall(p + "transcript") if t.get("url", "").startswith("https://example.org/")]
        assert [(t.get("type"), t.get("rel")) for t in ours] == [("text/vtt", "captions"), ("application/json", None)]
        assert ours[0].get("url") == f"https://example.org/show/{rid}/captions.vtt"
        chapters = item.find(p + "chapters")
        assert chapters is not None and chapters.get("type") == "application/json+chapters"
        assert chapters.get("url") == f"https://example.org/show/{rid}/chapters.json"
        bites = item.findall(p + "soundbite")
        assert len(bites) == recs[rid]["clips"]
        for b in bites:
            assert set(b.attrib) == {"startTime", "duration"} and float(b.get("duration")) > 0 and b.text
    assert b'xmlns:podcast="https://podcastindex.org/namespace/1.0"' in (out / "feed.xml").read_bytes()[:400]
    assert feed.read_text(encoding="utf-8").count("podcast:chapters") == 0  # the source feed is untouched
