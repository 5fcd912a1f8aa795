"""``audiokit batch --scheduler`` against a real Dask cluster started here (``dask scheduler``
and two ``dask worker`` processes on 127.0.0.1), one worker killed mid-batch; the source is an
RSS feed with a relative, a ``file://`` and an ``http://`` enclosure (``--fetch`` from a local
web server), and the written ``feed.xml`` is read back."""

from __future__ import annotations

import functools
import http.server
import importlib.metadata
import json
import os
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path

import pytest
from batch_material import batch, make, records

from audiokit import episode_json
from audiokit.batch.feed import NAMESPACE

distributed = pytest.importorskip("distributed")
DASK = [str(Path(sys.executable).parent / "dask")]


STARTUP = 180.0  # seconds for a scheduler or worker to come up on a loaded machine


def _start(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log.open("wb"), start_new_session=True,
                            env=env)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def _wait(what: str, ready, timeout: float = STARTUP, every: float = 0.1, logs: Path | None = None):
    """Poll ``ready()`` until it returns something true; fail naming ``what`` (and the logs)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = ready()
        if value:
            return value
        time.sleep(every)
    told = "" if logs is None else "\n".join(f"{p.name}: {p.read_text(errors='replace')[-2000:]}"
                                              for p in sorted(logs.glob("*.log")))
    pytest.fail(f"{what} did not happen within {timeout:.0f} s\n{told}")


def _address(info: Path) -> str | None:
    try:  # the scheduler writes the file in place: it may be there but not complete yet
        return json.loads(info.read_text())["address"]
    except (OSError, ValueError, KeyError):
        return None


@contextmanager
def dask_cluster(folder: Path, workers: dict[str, dict[str, str] | None]):
    """``(address, {name: worker process})``: a ``dask scheduler`` and one single-threaded
    ``dask worker`` per name (each with extra environment variables, or None), on loopback."""
    folder.mkdir(parents=True, exist_ok=True)
    info = folder / "scheduler.json"
    procs = [_start([*DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(info)], folder / "scheduler.log")]
    try:
        address = _wait("the scheduler's start", lambda: _address(info), logs=folder)
        started = {}
        for name, extra in workers.items():
            env = None if extra is None else dict(os.environ, **extra)
            started[name] = _start([*DASK, "worker", address, "--name", name, "--nworkers", "1", "--nthreads", "1",
                                    "--host", "127.0.0.1", "--no-dashboard", "--local-directory",
                                    str(folder / name)], folder / f"{name}.log", env)
            procs.append(started[name])
        with distributed.Client(address, timeout=STARTUP) as client:
            client.wait_for_workers(len(workers), timeout=STARTUP)
        yield address, started
    finally:
        for proc in procs:
            _stop(proc)


@pytest.fixture
def cluster(tmp_path: Path):
    """``(address, {name: worker process})``: a scheduler and two single-threaded workers."""
    with dask_cluster(tmp_path / "cluster", {"w1": None, "w2": None}) as found:
        yield found


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


def _kill_a_busy_worker(address: str, workers: dict[str, subprocess.Popen[bytes]], batch_proc,
                        out: Path) -> str | None:
    """As soon as a worker is running an episode (its task is on that worker and the episode's
    folder has been made, which the task does first), kill it: nanny and worker process, SIGKILL.
    Returns its name, or None if the batch ended first."""
    with distributed.Client(address, timeout=STARTUP) as client:

        def running() -> tuple[str, str] | None:
            if batch_proc.poll() is not None:
                return ("", "")
            names = None
            for addr, keys in client.processing().items():
                # keys: audiokit-episode-<ms>-<id>; the folder OUT/<id>/ exists once the task began
                if any((out / str(k).removeprefix("audiokit-episode-").split("-", 1)[1]).is_dir() for k in keys):
                    names = names or client.scheduler_info(n_workers=-1)["workers"]
                    return addr, str(names[addr]["name"])
            return None

        _addr, name = _wait("an episode starting on a worker", running, timeout=600, every=0.05)
    if not name:
        return None
    os.killpg(workers[name].pid, signal.SIGKILL)
    return name


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
    killed = _kill_a_busy_worker(address, workers, proc, out)
    _, stderr = proc.communicate(timeout=600)
    assert killed is not None, f"no worker was seen busy; batch said: {stderr}"
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr and f"running on the Dask cluster at {address}" in stderr

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


def _installed_as(folder: Path, **versions: str) -> dict[str, str]:
    """Environment for a worker whose package metadata says ``versions`` (name=version): a
    folder of ``.dist-info`` entries put first on its path; the packages' code is the same."""
    for name, version in versions.items():
        info = folder / f"{name}-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))}


def _broken_episode(folder: Path) -> Path:
    """A catalogue folder of one episode that fails at once (its audio is not audio)."""
    folder.mkdir(parents=True)
    (folder / "ep.mp3").write_bytes(b"ID3 this is not audio at all " * 200)
    (folder / "ep.txt").write_text("Ann: Hello there, and welcome.\n", encoding="utf-8")
    return folder


def test_version_differences_are_said_before_any_episode_runs(tmp_path: Path) -> None:
    here = importlib.metadata.version("msgpack")
    odd = _installed_as(tmp_path / "odd-site", msgpack="0.0.1")
    with dask_cluster(tmp_path / "cluster", {"odd": odd}) as (address, _):
        run = batch(str(_broken_episode(tmp_path / "show")), "-o", str(tmp_path / "out"), "--scheduler", address)
    lines = run.stderr.splitlines()
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr  # the broken episode failed alone
    said = [k for k, line in enumerate(lines) if "differs from this machine" in line]
    assert len(said) == 1 and f"msgpack 0.0.1 (here {here})" in lines[said[0]], run.stderr
    assert lines[said[0]].startswith("audiokit: warning: worker tcp://127.0.0.1:")
    first_episode = next(k for k, line in enumerate(lines) if line.startswith("[1/1]"))
    assert said[0] < first_episode, run.stderr


def test_workers_without_this_audiokit_stop_the_batch_before_it_starts(tmp_path: Path) -> None:
    odd = _installed_as(tmp_path / "odd-site", audiokit="0.0.0")
    out = tmp_path / "out"
    with dask_cluster(tmp_path / "cluster", {"odd": odd}) as (address, _):
        run = batch(str(_broken_episode(tmp_path / "show")), "-o", str(out), "--scheduler", address)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert run.stderr.count("\n") == 1 and "has audiokit 0.0.0, this machine" in run.stderr
    assert not out.exists()  # nothing written when the cluster does not fit
