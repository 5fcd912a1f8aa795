"""``audiokit batch``: every episode of a catalogue through the pipeline of ``audiokit run``.

:func:`run_batch` reads the catalogue (:mod:`.sources`), starts the engine (:mod:`.engine`),
runs one task per episode (:func:`.task.run_episode`), longest first, and keeps ``OUT/``'s
catalogue files current as episodes finish (:mod:`.catalog_json`); with a feed and a base
URL it then writes ``OUT/feed.xml`` (:mod:`.feed`). Re-running is cheap: each episode's stage
cache serves what has not changed, so only new or changed episodes do real work.

Library code: progress goes to a callback with a :class:`Progress` value; what a person
should read comes back in the :class:`BatchResult`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from audiokit.batch.catalog_json import CatalogSink, read_records
from audiokit.batch.engine import TaskLost, open_engine
from audiokit.batch.owned import check_catalogue_files
from audiokit.batch.sources import Catalogue, Item, read_source
from audiokit.batch.task import Job, already_done, record, run_episode
from audiokit.errors import InputError, OutputError
from audiokit.pipeline import Options

__all__ = ["BatchOptions", "BatchResult", "Progress", "run_batch"]

WORK_DIR = ".audiokit-batch"  # OUT/.audiokit-batch/: downloads and the engine's scratch space


@dataclass(frozen=True)
class BatchOptions:
    """How to run the batch: ``workers`` for the local cluster (default: the cores), or an
    existing cluster's ``scheduler``; ``fetch`` web URLs; ``base_url`` where OUT/ will be
    published (needed for ``feed.xml``); Dask ``retries`` per episode."""

    workers: int | None = None
    scheduler: str | None = None
    fetch: bool = False
    base_url: str | None = None
    retries: int = 2
    connect_timeout: float = 10.0

    def __post_init__(self) -> None:
        if self.base_url is not None and urlparse(self.base_url).scheme.lower() not in ("http", "https"):
            raise InputError(f"--base-url {self.base_url!r} is not an http(s) URL")
        if self.workers is not None and self.workers < 1:
            raise InputError("--workers must be at least 1")


@dataclass(frozen=True)
class Progress:
    """The batch so far: episodes finished (``done``, ``failed``, ``skipped``) of ``total``;
    seconds of audio finished of ``audio_total`` (estimates); the ``last`` record."""

    done: int
    failed: int
    skipped: int
    total: int
    audio_done: float
    audio_total: float
    elapsed: float
    last: Mapping[str, Any] | None

    @property
    def left(self) -> float | None:
        """Estimated seconds until the batch ends (None until there is a rate to go by)."""
        if self.audio_done <= 0 or self.elapsed <= 0:
            return None
        return max(0.0, self.audio_total - self.audio_done) * self.elapsed / self.audio_done


@dataclass(frozen=True)
class BatchResult:
    """What :func:`run_batch` did: the records in catalogue order, the engine it used,
    ``notes`` for people (``warnings`` too, shown even when quiet), the feed written (or None) and whether it was ``interrupted``."""

    out: Path
    records: tuple[dict[str, Any], ...]
    engine: str
    notes: tuple[str, ...]
    feed: Path | None
    interrupted: bool
    engine_notes: tuple[str, ...] = ()  # what differs between this machine and the cluster's
    warnings: tuple[str, ...] = ()  # what the catalogue holds but the batch did not run

    def count(self, status: str) -> int:
        """How many episodes ended with ``status``."""
        return sum(1 for r in self.records if r["status"] == status)


def _duration(path: str, memo: dict[str, float]) -> float:
    """Seconds of audio from the file's header (mutagen), to put the longest first; the size
    in bytes / 16000 (about 128 kbit/s) when the header says nothing."""
    if path not in memo:
        seconds = 0.0
        try:
            import mutagen

            info = getattr(mutagen.File(path), "info", None)
            seconds = float(getattr(info, "length", 0.0) or 0.0)
        except Exception:  # noqa: BLE001 (any unreadable header: fall back on the size)
            seconds = 0.0
        if seconds <= 0:
            try:
                seconds = Path(path).stat().st_size / 16000
            except OSError:
                seconds = 0.0
        memo[path] = seconds
    return memo[path]


def _is_web(s: str | None) -> bool:
    return bool(s) and urlparse(s or "").scheme.lower() in ("http", "https")


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError("exists and is not a folder", path=out)
    parent = out.parent if str(out.parent) else Path(".")
    if not out.exists() and not parent.is_dir():
        raise OutputError("cannot create the output folder: its parent folder does not exist", path=out)


def _listed(item: Item, options: Options) -> dict[str, Any]:
    job = Job(item.id, item.title, item.audio or "", item.transcript or "", "", options)
    rec = record(job, item.status, f"{item.where}: {item.problem}")
    rec["audio"], rec["transcript"] = item.audio, item.transcript
    return rec


def run_batch(
    source: str | Path,
    out: str | Path,
    options: Options | None = None,
    batch: BatchOptions | None = None,
    progress: Callable[[Progress], None] | None = None,
    task: Callable[[Job], dict[str, Any]] = run_episode,
    started: Callable[[str, Sequence[str]], None] | None = None,
) -> BatchResult:
    """Run every episode of the catalogue at ``source`` into ``out`` (see the module docstring).
    ``task`` is the function each episode runs (a stand-in for benchmarks of the engine).
    ``started(engine, notes)`` is called once the engine is up, before any episode is sent to
    it: what it is and what differs between this machine and the cluster's (versions)."""
    opts, bo = options or Options(), batch or BatchOptions()
    out = Path(out)
    catalogue = read_source(source)
    _check_out(out)
    if catalogue.kind == "feed" and (out / "feed.xml").resolve() == catalogue.source.resolve():
        raise InputError("is the feed the batch would write (OUT/feed.xml): choose another output folder",
                         path=catalogue.source)
    check_catalogue_files(out, catalogue.source if catalogue.kind == "feed" and bo.base_url else None)
    listed: list[dict[str, Any]] = []  # records known without running anything
    jobs: list[tuple[Job, float]] = []
    memo: dict[str, float] = {}
    downloads = str((out / WORK_DIR / "downloads").resolve()) if bo.fetch else None
    for item in catalogue.items:
        if item.problem is not None:
            listed.append(_listed(item, opts))
        elif not bo.fetch and (_is_web(item.audio) or _is_web(item.transcript)):
            listed.append(_listed(replace(item, status="skipped",
                                          problem="its audio or transcript is a web address; add --fetch"), opts))
        else:
            assert item.audio is not None and item.transcript is not None
            length = item.length_hint or (0.0 if _is_web(item.audio) else _duration(item.audio, memo))
            job = Job(item.id, item.title, item.audio, item.transcript, str((out / item.id).resolve()), opts,
                      downloads, title_given=item.title_given)
            found = already_done(job)  # done with these inputs and options: no task, no process
            if found is not None:
                listed.append(found)
            else:
                jobs.append((job, length))
    if not jobs and not listed:
        raise InputError("no episodes", path=catalogue.source)
    previous = read_records(out)
    # An unreachable scheduler must leave no trace, so OUT is made only once the engine is up;
    # a local cluster keeps its scratch space inside OUT, so OUT comes first there.
    if not jobs:  # nothing to run: no engine to start
        out.mkdir(exist_ok=True)
        return _run(catalogue, out, jobs, listed, previous, _sink(out, catalogue), None, bo, progress, task,
                    level=opts.level)
    if bo.scheduler is None:
        (out / WORK_DIR).mkdir(parents=True, exist_ok=True)
    # Each local worker starts its helper process as it starts (its models load meanwhile)
    # rather than when its first episode arrives.
    preload = ("audiokit.batch.forkserver",) if task is run_episode else ()
    # Each local worker keeps a helper holding the pipeline's models: more workers than cores or
    # than episodes to run only hold more copies (--workers 50 for 3 episodes started 50). The
    # cores the batch may use (``slots``) are counted on this machine only: a remote cluster's
    # are not seen from here.
    cores = os.cpu_count() or 1
    slots = 0 if bo.scheduler is not None else min(bo.workers or cores, cores)
    local = None if bo.scheduler is not None else min(slots, len(jobs))
    with open_engine(local, bo.scheduler, out / WORK_DIR / "dask", bo.connect_timeout, bo.retries,
                     preload) as engine:
        if started is not None:
            started(engine.description, tuple(engine.notes))
        out.mkdir(exist_ok=True)
        sink = _sink(out, catalogue)
        return _run(catalogue, out, jobs, listed, previous, sink, engine, bo, progress, task, slots, opts.level)


def _sink(out: Path, catalogue: Catalogue) -> CatalogSink:
    return CatalogSink(out, [i.id for i in catalogue.items], catalogue.title)


def task_key(stamp: int, episode_id: str) -> str:
    """The engine's key for an episode's task in the run started at ``stamp`` (ms).

    The id comes last: Dask groups tasks by the key's leading words up to the first that is not
    all letters, and queues a group on the scheduler only when it is large. With the id first,
    ids such as seed-full-2, seed-rough-1 made small groups, which it handed out to the workers
    at once: a worker took its next episode while another sat free, and the longest-first
    order was lost (the 8-episode benchmark's episodes started in swapped pairs, so a longer one ran
    alone at the end).

    >>> task_key(1733, "seed-full-2")
    'audiokit-episode-1733-seed-full-2'
    """
    return f"audiokit-episode-{stamp}-{episode_id}"


def align_processes(episodes: int, cores: int) -> list[int]:
    """How many processes each of ``episodes`` (in the order they start, one at a time per
    core) aligns with, so that no core waits while an episode is still aligning: with fewer
    episodes than cores, they share the cores; otherwise the episodes of the last round, each
    starting while fewer and fewer others are left to run, take the cores the finished ones
    leave (the last one all of them, the one before half, ...). Elsewhere one process each.

    >>> align_processes(8, 2)
    [1, 1, 1, 1, 1, 1, 1, 2]
    >>> align_processes(3, 8), align_processes(1, 4)
    ([3, 3, 2], [4])
    >>> align_processes(12, 8)[-5:]
    [1, 2, 2, 4, 8]
    """
    if episodes <= cores:
        return [cores // episodes + (1 if k < cores % episodes else 0) for k in range(episodes)]
    return [max(1, cores // (episodes - k)) for k in range(episodes)]


def _run(catalogue: Catalogue, out: Path, jobs: list[tuple[Job, float]], listed: list[dict[str, Any]],
         previous: Mapping[str, dict[str, Any]], sink: CatalogSink, engine: Any, bo: BatchOptions,
         progress: Callable[[Progress], None] | None, task: Callable[[Job], dict[str, Any]],
         slots: int = 0, level: bool = False) -> BatchResult:
    began = time.perf_counter()
    lengths = {job.id: length for job, length in jobs}
    stamp = int(time.time() * 1000)
    by_key = {task_key(stamp, job.id): job for job, _ in jobs}
    counts = {"done": 0, "failed": 0, "skipped": 0}
    audio_done, audio_total = 0.0, sum(lengths.values())
    total = len(jobs) + len(listed)

    def finished(given: Mapping[str, Any]) -> None:
        nonlocal audio_done
        rec = sink.add(given)
        counts[rec["status"]] += 1
        audio_done += lengths.get(rec["id"], 0.0)
        if progress:
            progress(Progress(counts["done"], counts["failed"], counts["skipped"], total, audio_done,
                              audio_total, time.perf_counter() - began, rec))

    interrupted = complete = False
    try:
        for rec in listed:
            finished(rec)
        # Longest first, so that the last episode to finish is not the longest one.
        order = sorted(by_key.items(), key=lambda kv: -lengths[kv[1].id])
        if engine and slots > 1:
            order = [(key, replace(job, processes=n))
                     for (key, job), n in zip(order, align_processes(len(order), slots))]
        for key, result in engine.run(task, order, retries=bo.retries) if engine else ():
            job = by_key[key]
            if isinstance(result, TaskLost):
                result = record(job, "failed", result.reason)
            finished(result)
        complete = True
    except KeyboardInterrupt:
        interrupted = True
        if engine:
            engine.cancel()
    finally:
        for job, _ in jobs:  # not reached (interrupted): keep what an earlier run said, if anything
            if job.id not in sink.records:
                sink.records[job.id] = previous.get(job.id) or record(job, "skipped", "interrupted before it finished")
        # Only a run that went through the whole catalogue drops from catalog.sqlite the
        # episodes the source no longer lists (an interrupted one keeps them for now).
        sink.close(complete)
    notes = [] if engine else ["nothing new to run"]
    if sink.removed:
        notes.append(removed_note(sink.removed))
    if not sink.has_database:
        notes.append("catalog.sqlite and the catalogue page need audiokit.catalog, which this build lacks")
    feed = None
    if catalogue.kind == "feed":
        if bo.base_url is None:
            stale = " (the feed.xml there is an earlier run's and was left as it was)" if (out / "feed.xml").exists() else ""
            notes.append(f"feed.xml not written{stale}: give --base-url (where OUT/ will be published) to write it")
        elif not interrupted:
            from audiokit.batch.feed import write_feed

            index = {i.id: i.index for i in catalogue.items}
            done = {index[r["id"]]: out / r["id"] for r in sink.ordered() if r["status"] == "done"}
            feed, kept = write_feed(catalogue.source, out / "feed.xml", bo.base_url, done, level)
            notes.extend(kept)
    unmatched = catalogue.unmatched_note()
    return BatchResult(out, tuple(sink.ordered()), engine.description if engine else "", tuple(notes), feed,
                       interrupted, tuple(engine.notes) if engine else (), () if unmatched is None else (unmatched,))


def removed_note(ids: Sequence[str]) -> str:
    """One line for people about the episodes a batch took out of the catalogue.

    >>> removed_note(["a", "b", "c", "d", "e"])
    'no longer in the source, so out of the catalogue and its search (their folders stay): a, b, c and 2 more'
    """
    names = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
    whose = "its folder stays" if len(ids) == 1 else "their folders stay"
    return f"no longer in the source, so out of the catalogue and its search ({whose}): {names}"


def summary_lines(result: BatchResult) -> Iterable[str]:
    """Lines for people: the counts, then each failed or skipped episode with its reason."""
    n = len(result.records)
    yield (f"{n} episode{'s' if n != 1 else ''}: {result.count('done')} done, {result.count('failed')} failed, "
           f"{result.count('skipped')} skipped")
    for r in result.records:
        if r["status"] != "done":
            yield f"{r['status']}: {r['id']}: {r['reason']}"
