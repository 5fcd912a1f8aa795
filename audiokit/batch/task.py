"""What runs on a worker: one episode through the pipeline of ``audiokit run``.

:func:`run_episode` is the task function the engine ships (by reference: it lives in the
installed package) together with a :class:`Job`, which holds paths, never audio. An episode
already done with these inputs and options is told from its stamp (:mod:`.done`) and returns
at once, starting no process. Any other runs in a process of its own, forked from the
worker's helper process (:mod:`.forkserver`), which aligns in that one process (``workers=1``:
no pool; more only for the episodes :func:`.runner.align_processes` gives cores that would
otherwise be idle) and writes ``OUT/<id>/`` exactly as ``audiokit run`` does (every file under a
temporary name first, a stage cache keyed by content). A process per episode keeps a worker's
memory at that of ``audiokit run`` plus Dask's own: the decoded audio and the heap the
pipeline leaves behind go with it, instead of staying in a worker that runs thousands of
episodes; and a crash or an out-of-memory kill in the pipeline fails that episode alone, with
its reason, while the worker goes on.

Running it again after a worker died half-way is safe: finished stages come from the cache,
the rest run again, and no final name ever holds half a file; the episode process of a
worker that died is stopped.

A failing episode returns a ``failed`` record with a one-line reason instead of raising, so
it fails alone; only the death of the worker process itself reaches the engine.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from audiokit.batch import done
from audiokit.batch.forkserver import run_forked
from audiokit.errors import AudiokitError, InputError, OutputError
from audiokit.pipeline import Options, Result, run

__all__ = ["FETCH_TIMEOUT", "Job", "already_done", "record", "record_title", "run_episode", "run_here", "shown_reason",
           "stub_episode"]

FETCH_TIMEOUT = 60.0  # seconds without data before a download is given up


@dataclass(frozen=True)
class Job:
    """One episode to run: its id and title, where its audio and transcript are (absolute
    paths, or http(s) URLs to fetch into ``downloads``), and its output folder. ``processes``:
    how many processes it aligns with (more than one only where cores of the machine would
    otherwise be idle; the words are the same either way). ``title_given``: the source gave
    ``title``; when False it is a stand-in (a file stem) and a done episode's record takes the
    transcript's title instead (:func:`record_title`)."""

    id: str
    title: str
    audio: str
    transcript: str
    out: str
    options: Options
    downloads: str | None = None
    processes: int = 1
    title_given: bool = True


def record(job: Job, status: str, reason: str | None = None, **fields: Any) -> dict[str, Any]:
    """A ``catalog.json`` record for ``job`` (see ``audiokit.batch.catalog_json``). A failed
    episode's language is ``--language``'s unless ``fields`` say the one its run read (None
    when neither is known).

    >>> job = Job("ep", "Ep", "/a/ep.mp3", "/a/ep.txt", "/o/ep", Options(language="cs"))
    >>> record(job, "failed", "bad audio")["language"], record(job, "skipped", "no transcript")["language"]
    ('cs', None)
    """
    base: dict[str, Any] = {
        "id": job.id, "title": job.title, "audio": job.audio, "transcript": job.transcript,
        "status": status, "reason": reason, "coverage": None, "duration": None, "chapters": None,
        "clips": None, "loudness": None, "loudness_problems": None,
        "language": job.options.language if status == "failed" else None, "seconds": None,
        "cpu_seconds": None,
        "cached": [], "preview": None,
    }
    base.update(fields)
    return base


def record_title(job: Job, transcript_title: str | None) -> str:
    """The title a done episode's record shows: the source's own when it gave one, else the
    title its transcript gives (``metadata.title``, spaces collapsed), else the stand-in.

    >>> job = Job("ep042", "ep042", "/a/ep042.mp3", "/a/ep042.txt", "/o/ep042", Options(), title_given=False)
    >>> record_title(job, "  Tomatoes and   basil ")
    'Tomatoes and basil'
    >>> record_title(job, None), record_title(job, " ")
    ('ep042', 'ep042')
    >>> record_title(replace(job, title="Tomatoes, part 2", title_given=True), "Tomatoes and basil")
    'Tomatoes, part 2'
    """
    said = " ".join((transcript_title or "").split())
    return job.title if job.title_given or not said else said


def shown_reason(exc: AudiokitError, job: Job) -> str:
    """``exc``'s line with its file named as a published catalogue page may show it: relative to
    the batch's output folder when inside it, else by its name alone (an absolute path would
    show the producer's own folders to every listener of the page).

    >>> job = Job("ep", "Ep", "/home/m/audio/ep.mp3", "/home/m/audio/ep.txt", "/home/m/out/ep", Options())
    >>> shown_reason(InputError("not audio", path="/home/m/audio/ep.mp3"), job)
    'ep.mp3: not audio'
    >>> shown_reason(OutputError("exists and is not a folder", path="/home/m/out/ep/captions"), job)
    'ep/captions: exists and is not a folder'
    """
    if exc.path is None or "://" in exc.path or not Path(exc.path).is_absolute():
        return str(exc)
    path, out = Path(exc.path), Path(job.out).parent
    return f"{path.relative_to(out) if path.is_relative_to(out) else path.name}: {exc.message}"


def _download_name(url: str, folder: Path) -> Path:
    """Where ``url`` is downloaded to: named by a hash of the URL, so a re-run finds it."""
    return folder / (hashlib.sha256(url.encode()).hexdigest()[:20] + Path(urlparse(url).path).suffix[:8])


def _fetch(url: str, folder: Path) -> Path:
    """``url`` downloaded once into ``folder`` (named by a hash of the URL, so a re-run or a
    retry finds it), through a temporary name."""
    target = _download_name(url, folder)
    name = target.name
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


def _local(path_or_url: str, downloads: str | None, fetch: bool = True) -> Path | None:
    """The local file for a path or URL (a URL downloaded once into ``downloads``; with
    ``fetch`` False, None when it has not been downloaded yet)."""
    if urlparse(path_or_url).scheme.lower() in ("http", "https"):
        if downloads is None:
            raise InputError("is a web address; add --fetch to download it", path=path_or_url)
        if not fetch:
            target = _download_name(path_or_url, Path(downloads))
            return target if target.is_file() else None
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
    loudness = _read_json(out / "loudness.json") if "loudness" not in job.options.skip else None
    cached = [s.name for s in result.stages if s.cached]
    return record(
        job, "done",
        title=record_title(job, result.title),
        coverage=round(result.coverage, 4),
        duration=report.get("audio_duration") or report.get("duration"),
        chapters=len(chapters.get("chapters", [])) if "chapters" not in job.options.skip else None,
        clips=len(clips.get("clips", [])) if "clips" not in job.options.skip else None,
        loudness=(loudness or {}).get("integrated_lufs"),
        loudness_problems=(loudness or {}).get("problems") if loudness is not None else None,
        language=result.language or "en",  # None reads as English (model.Metadata)
        seconds=0.0 if len(cached) == len(result.stages) else round(seconds, 2),
        cached=cached,
        preview=f"{job.id}/index.html" if (out / "index.html") in result.files else None,
    )


def already_done(job: Job) -> dict[str, Any] | None:
    """The record of ``job`` when its stamp says it is done with these inputs and options
    (every stage cached, ``seconds`` 0), else None. Reads a few small files; downloads
    nothing."""
    try:
        audio = _local(job.audio, job.downloads, fetch=False)
        transcript = _local(job.transcript, job.downloads, fetch=False)
    except InputError:
        return None
    if audio is None or transcript is None:
        return None
    found = done.done_record(audio, transcript, Path(job.out), job.options)
    if found is None:
        return None
    said = found.pop("transcript_title", None)  # from the stamp: no transcript or episode.json read
    return record(job, "done", seconds=0.0, title=record_title(job, said), **found)


def _from_reply(job: Job, reply: dict[str, Any], seconds: float) -> dict[str, Any]:
    rec = _outcome(job, reply, seconds)
    if isinstance(reply.get("cpu"), (int, float)):
        rec["cpu_seconds"] = round(float(reply["cpu"]), 2)
    return rec


def _outcome(job: Job, reply: dict[str, Any], seconds: float) -> dict[str, Any]:
    status, said = reply.get("status"), reply.get("said") or ""
    if status == 0 and isinstance(reply.get("record"), dict):
        return dict(reply["record"])
    if status is None:
        why = f" ({said})" if said else " (out of memory?)"
        return record(job, "failed", f"the helper process running it died{why}", seconds=seconds)
    if status < 0:
        try:
            name = signal.Signals(-status).name
        except ValueError:
            name = f"signal {-status}"
        why = " (out of memory?)" if status == -signal.SIGKILL else ""
        return record(job, "failed", f"the process running it was killed by {name}{why}", seconds=seconds)
    last = said or f"exit status {status}"
    return record(job, "failed", f"internal error (a bug in audiokit, please report it): {last}", seconds=seconds)


def run_episode(job: Job) -> dict[str, Any]:
    """Run ``job`` in a process of its own (none when it is already done) and return its
    record (status ``done`` or ``failed``, never raising for a problem with the episode)."""
    found = already_done(job)
    if found is not None:
        return found
    began = time.perf_counter()
    try:
        reply = run_forked(job)
    except OSError as exc:
        return record(job, "failed", f"cannot start a process for it ({exc})", seconds=0.0)
    return _from_reply(job, reply, round(time.perf_counter() - began, 2))


def run_here(job: Job) -> dict[str, Any]:
    """Run ``job`` in this process (what the child process does) and return its record."""
    began = time.perf_counter()
    out = Path(job.out)
    known: dict[str, Any] = {}  # the episode's language, once the run knows it (a failed record says it)

    def failed(reason: str) -> dict[str, Any]:
        return record(job, "failed", reason, seconds=round(time.perf_counter() - began, 2), **known)

    try:
        audio = _local(job.audio, job.downloads)
        transcript = _local(job.transcript, job.downloads)
        assert audio is not None and transcript is not None
        if (out.exists() or out.is_symlink()) and not out.is_dir():  # run() says so too, after this mkdir
            raise OutputError("exists and is not a folder", path=out)
        out.mkdir(exist_ok=True)
        done.forget(out)
        result = run(audio, transcript, out, replace(job.options, workers=job.processes),
                     on_language=lambda code: known.update(language=code))
    except AudiokitError as exc:
        return failed(shown_reason(exc, job))
    except MemoryError:
        return failed("ran out of memory")
    except Exception as exc:  # noqa: BLE001 (a bug fails its episode alone, named, not the batch)
        reason = f"internal error (a bug in audiokit, please report it): {type(exc).__name__}: {exc}"
        return failed(reason.splitlines()[0])
    summary = _summary(job, result, time.perf_counter() - began)
    try:
        done.write_stamp(audio, transcript, out, job.options, summary, [s.name for s in result.stages], result.files,
                         transcript_title=result.title)
    except AudiokitError:
        pass  # without a stamp the next run starts a process to find that it is done
    return summary


def stub_episode(job: Job) -> dict[str, Any]:
    """A stand-in task that sleeps 10 ms, for measuring the engine's own cost per task."""
    time.sleep(0.01)
    return record(job, "skipped", "stub task (engine benchmark)", seconds=0.01)
