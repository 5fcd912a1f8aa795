"""What runs on a worker: one episode through the pipeline of ``audiokit run``.

:func:`run_episode` is the task function the engine ships (by reference: it lives in the
installed package) together with a :class:`Job`, which holds paths, never audio. It runs the
episode in one child process of the worker (``python -m audiokit.batch.child``, the job
pickled on its stdin, the record back as JSON), which aligns in that one process
(``workers=1``: no pool) and writes ``OUT/<id>/`` exactly as ``audiokit run`` does (every file
under a temporary name first, a stage cache keyed by content). A child per episode is what
keeps a worker's memory at that of ``audiokit run`` plus Dask's own: the models, the decoded
audio and the heap the pipeline leaves behind go with the child, instead of staying in a
worker that runs thousands of episodes; and a crash or an out-of-memory kill in the pipeline
fails that episode alone, with its reason, while the worker goes on. (A Dask worker is
daemonic: it may not start a multiprocessing pool, but a plain child process is fine.)

Running it again after a worker died half-way is safe: finished stages come from the cache,
the rest run again, and no final name ever holds half a file; a child whose worker died
notices within a second and stops.

A failing episode returns a ``failed`` record with a one-line reason instead of raising, so
it fails alone; only the death of the worker process itself reaches the engine.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from audiokit.errors import AudiokitError, InputError
from audiokit.pipeline import Options, Result, run

__all__ = ["FETCH_TIMEOUT", "Job", "record", "run_episode", "run_here", "stub_episode"]

FETCH_TIMEOUT = 60.0  # seconds without data before a download is given up


@dataclass(frozen=True)
class Job:
    """One episode to run: its id and title, where its audio and transcript are (absolute
    paths, or http(s) URLs to fetch into ``downloads``), and its output folder."""

    id: str
    title: str
    audio: str
    transcript: str
    out: str
    options: Options
    downloads: str | None = None


def record(job: Job, status: str, reason: str | None = None, **fields: Any) -> dict[str, Any]:
    """A ``catalog.json`` record for ``job`` (see ``audiokit.batch.catalog_json``)."""
    base: dict[str, Any] = {
        "id": job.id, "title": job.title, "audio": job.audio, "transcript": job.transcript,
        "status": status, "reason": reason, "coverage": None, "duration": None, "chapters": None,
        "clips": None, "seconds": None, "cached": [], "preview": None,
    }
    base.update(fields)
    return base


def _fetch(url: str, folder: Path) -> Path:
    """``url`` downloaded once into ``folder`` (named by a hash of the URL, so a re-run or a
    retry finds it), through a temporary name."""
    name = hashlib.sha256(url.encode()).hexdigest()[:20] + Path(urlparse(url).path).suffix[:8]
    target = folder / name
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{name}.{os.getpid()}.part"
    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response, tmp.open("wb") as fh:
            while chunk := response.read(1 << 20):
                fh.write(chunk)
        os.replace(tmp, target)
    except (OSError, ValueError) as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot download ({getattr(exc, 'reason', None) or exc})", path=url) from None
    return target


def _local(path_or_url: str, downloads: str | None) -> Path:
    if urlparse(path_or_url).scheme.lower() in ("http", "https"):
        if downloads is None:
            raise InputError("is a web address; add --fetch to download it", path=path_or_url)
        return _fetch(path_or_url, Path(downloads))
    return Path(path_or_url)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _summary(job: Job, result: Result, seconds: float) -> dict[str, Any]:
    out = Path(job.out)
    report = _read_json(out / "report.json") or {}
    chapters = _read_json(out / "chapters.json") or {}
    clips = _read_json(out / "clips" / "clips.json") or {}
    cached = [s.name for s in result.stages if s.cached]
    return record(
        job, "done",
        coverage=round(result.coverage, 4),
        duration=report.get("audio_duration") or report.get("duration"),
        chapters=len(chapters.get("chapters", [])) if "chapters" not in job.options.skip else None,
        clips=len(clips.get("clips", [])) if "clips" not in job.options.skip else None,
        seconds=0.0 if len(cached) == len(result.stages) else round(seconds, 2),
        cached=cached,
        preview=f"{job.id}/index.html" if (out / "index.html") in result.files else None,
    )


def run_episode(job: Job) -> dict[str, Any]:
    """Run ``job`` in a child process and return its record (status ``done`` or ``failed``,
    never raising for a problem with the episode)."""
    began = time.perf_counter()
    env = dict(os.environ, AUDIOKIT_BATCH_PARENT=str(os.getpid()))
    try:
        child = subprocess.run([sys.executable, "-m", "audiokit.batch.child"], input=pickle.dumps(job),
                               capture_output=True, env=env, check=False)
    except OSError as exc:
        return record(job, "failed", f"cannot start a process for it ({exc})", seconds=0.0)
    seconds = round(time.perf_counter() - began, 2)
    if child.returncode == 0:
        try:
            return dict(json.loads(child.stdout))
        except ValueError:
            pass
    if child.returncode < 0:
        try:
            name = signal.Signals(-child.returncode).name
        except ValueError:
            name = f"signal {-child.returncode}"
        why = " (out of memory?)" if child.returncode == -signal.SIGKILL else ""
        return record(job, "failed", f"the process running it was killed by {name}{why}", seconds=seconds)
    said = child.stderr.decode("utf-8", "replace").strip().splitlines()
    last = said[-1] if said else f"exit status {child.returncode}"
    return record(job, "failed", f"internal error (a bug in audiokit, please report it): {last}", seconds=seconds)


def run_here(job: Job) -> dict[str, Any]:
    """Run ``job`` in this process (what the child process does) and return its record."""
    began = time.perf_counter()
    try:
        audio = _local(job.audio, job.downloads)
        transcript = _local(job.transcript, job.downloads)
        Path(job.out).mkdir(exist_ok=True)
        result = run(audio, transcript, job.out, replace(job.options, workers=1))
    except AudiokitError as exc:
        return record(job, "failed", str(exc), seconds=round(time.perf_counter() - began, 2))
    except MemoryError:
        return record(job, "failed", "ran out of memory", seconds=round(time.perf_counter() - began, 2))
    except Exception as exc:  # noqa: BLE001 (a bug fails its episode alone, named, not the batch)
        reason = f"internal error (a bug in audiokit, please report it): {type(exc).__name__}: {exc}"
        return record(job, "failed", reason.splitlines()[0], seconds=round(time.perf_counter() - began, 2))
    return _summary(job, result, time.perf_counter() - began)


def stub_episode(job: Job) -> dict[str, Any]:
    """A stand-in task that sleeps 10 ms, for measuring the engine's own cost per task."""
    time.sleep(0.01)
    return record(job, "skipped", "stub task (engine benchmark)", seconds=0.01)
