"""The engine that runs a batch's tasks: Dask distributed, behind one small interface.

:func:`open_engine` starts an embedded ``LocalCluster`` (one single-threaded worker process
per core, bound to loopback) or connects to an existing scheduler (``tcp://HOST:PORT``), after
checking that its workers run the same audiokit and saying what else differs.
:meth:`Engine.run` submits ``(key, job)`` tasks, to start in the order given, with Dask
``retries`` and yields ``(key, result)`` as tasks finish; a task whose workers kept dying
yields a :class:`TaskLost` instead. Nothing else in audiokit imports Dask.
"""

from __future__ import annotations

import logging
import os
import signal
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audiokit.errors import AudiokitError

__all__ = ["CONNECT_TIMEOUT", "Engine", "EngineError", "TaskLost", "open_engine"]

CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler
NO_WORKERS_GRACE = 120.0  # seconds without any worker before the tasks left are given up
POLL = 0.05  # seconds between looks at finished tasks when none is ready
# What the scheduler and the client must agree on (Dask's own wire and pickles), and what else
# a worker uses that shapes an episode's results.
_WIRE = ("dask", "distributed", "cloudpickle", "msgpack", "tornado", "toolz")
# Dask's own monitoring, turned down on the local cluster (a cluster of one's own keeps its own
# settings): every event loop (each worker's, the scheduler's, each nanny's) wakes 50 times a second to time itself (the tick),
# and each worker samples its task thread's stack 100 times a second (the profiler). Measured
# here, that is about 3% of a core per worker and as much again in this process: nothing with
# one worker (it runs on the core the episode leaves free), but with a worker per core it is
# taken from the episodes. An episode task only waits on its own process, so a profile of it
# would be empty anyway.
QUIET_MONITORING: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.gil.enabled": False,
}
_CHECKED = ("audiokit", *_WIRE, "numpy", "pocketsphinx", "wordllama", "praat-parselmouth", "pyloudnorm", "mutagen",
            "webvtt-py")


class EngineError(AudiokitError):
    """The engine cannot start, cannot reach its scheduler, or its workers do not fit."""


@dataclass(frozen=True)
class TaskLost:
    """A task the engine could not run to its end (its workers died, or it was lost)."""

    reason: str


@dataclass
class Engine:
    """A connected Dask client: ``description`` for people, ``notes`` about version
    differences that do not stop the batch."""

    client: Any
    description: str
    notes: list[str] = field(default_factory=list)
    _futures: list[Any] = field(default_factory=list)

    @property
    def workers(self) -> int:
        """The number of workers now connected."""
        return len(self.client.scheduler_info(n_workers=-1).get("workers", {}))

    def run(self, fn: Callable[[Any], Any], tasks: Sequence[tuple[str, Any]],
            retries: int = 2) -> Iterator[tuple[str, Any]]:
        """Run ``fn(job)`` for each ``(key, job)``, started in the order given; yield ``(key,
        result)`` in the order tasks finish (``result`` a :class:`TaskLost` for a task that could
        not finish)."""
        from distributed import as_completed

        if not tasks:
            return
        # One map call: one message to the scheduler, and Dask runs mapped tasks in list order.
        submitted = self.client.map(fn, [job for _, job in tasks], key=[key for key, _ in tasks],
                                    retries=retries, pure=False)
        self._futures.extend(submitted)
        futures = {future: key for future, (key, _) in zip(submitted, tasks)}
        done = as_completed(futures)
        checked, lonely = time.monotonic(), None
        while not done.is_empty():
            ready = done.next_batch(block=False) if done.has_ready() else []
            for future in ready:
                key = futures.pop(future)
                try:
                    yield key, future.result()
                except Exception as exc:  # noqa: BLE001 (a lost task is reported, the batch goes on)
                    yield key, TaskLost(_lost_reason(exc))
                finally:
                    future.release()
            if ready:
                continue
            time.sleep(POLL)
            now = time.monotonic()
            if now - checked >= 5.0:  # a cluster whose workers are all gone would wait for ever
                checked = now
                lonely = None if self.workers else (lonely or now)
                if lonely is not None and now - lonely >= NO_WORKERS_GRACE:
                    for future, key in list(futures.items()):
                        future.cancel()
                        yield key, TaskLost(f"no Dask worker left for {NO_WORKERS_GRACE:.0f} s")
                    return

    def cancel(self) -> None:
        """Cancel every task still queued or running."""
        if self._futures:
            self.client.cancel(self._futures, force=True)


def _lost_reason(exc: BaseException) -> str:
    from distributed import KilledWorker

    if isinstance(exc, KilledWorker):
        return "the workers running it died each time it was tried (out of memory, or killed)"
    return f"the engine lost it: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")


def _version_notes(versions: dict[str, Any]) -> tuple[list[str], list[str]]:
    """``(errors, notes)`` from ``client.get_versions``: a worker without this machine's
    audiokit is an error (its results would not be this audiokit's); other differences
    (Python, Dask's own packages, what the pipeline uses) are notes, one line per machine.

    >>> here = {"host": {"python": "3.11.7"}, "packages": {"audiokit": "1.0", "msgpack": "1.1.0"}}
    >>> worker = {"host": {"python": "3.11.7"}, "packages": {"audiokit": "1.0", "msgpack": "1.0.5"}}
    >>> _version_notes({"client": here, "scheduler": here, "workers": {"tcp://10.0.0.5:4001": worker}})
    ([], ['worker tcp://10.0.0.5:4001 differs from this machine: msgpack 1.0.5 (here 1.1.0)'])
    """
    here = versions["client"]["packages"]
    py = versions["client"]["host"].get("python")
    errors: list[str] = []
    notes: list[str] = []
    where = {"scheduler": versions.get("scheduler") or {}, **(versions.get("workers") or {})}
    for name, info in where.items():
        packages = (info or {}).get("packages") or {}
        label = "the scheduler" if name == "scheduler" else f"worker {name}"
        if name != "scheduler":
            theirs = packages.get("audiokit")
            if theirs != here.get("audiokit"):
                errors.append(f"{label} has audiokit {theirs or 'not installed'}, "
                              f"this machine {here.get('audiokit') or 'not installed'}")
        # The scheduler runs no episode: only Dask's own packages matter there.
        wanted = _WIRE if name == "scheduler" else _CHECKED
        diffs = [f"{p} {packages.get(p) or 'not installed'} (here {here.get(p) or 'not installed'})"
                 for p in wanted if p != "audiokit" and p in packages and packages.get(p) != here.get(p)]
        their_py = (info or {}).get("host", {}).get("python")
        if their_py and py and their_py != py:
            diffs.insert(0, f"Python {their_py} (here {py})")
        if diffs:
            notes.append(f"{label} differs from this machine: {', '.join(diffs)}")
    return errors, notes


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while worker processes start, so that they inherit that: Ctrl-C then
    reaches only this process, which stops them in order instead of each printing a traceback."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def open_engine(workers: int | None = None, scheduler: str | None = None,
                scratch: Path | None = None, timeout: float = CONNECT_TIMEOUT,
                retries: int | None = None, preload: Sequence[str] = ()) -> Iterator[Engine]:
    """An :class:`Engine`: a ``LocalCluster`` of ``workers`` processes (default: the cores) with
    its scratch space in ``scratch``, or the cluster behind ``scheduler``. ``retries``: how many
    times a task whose worker died is tried again on a local cluster (a remote scheduler keeps
    its own ``distributed.scheduler.allowed-failures``). ``preload``: modules each local worker
    imports as it starts, calling their ``dask_setup(worker)`` (a cluster of one's own keeps its
    own ``--preload``)."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("audiokit batch needs Dask: pip install 'audiokit[cluster]'") from None
    for name in ("distributed", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # their shutdown chatter is not for users
    if scheduler is None:
        n = workers or os.cpu_count() or 1
        # A worker takes its next episode only when it is free (Dask's default commits one ahead
        # per thread): with episodes of minutes, the last ones go to whichever worker is free first.
        config: dict[str, Any] = {"distributed.scheduler.worker-saturation": 1.0, **QUIET_MONITORING}
        if retries is not None:
            config["distributed.scheduler.allowed-failures"] = retries
        with _sigint_ignored(), dask.config.set(config):
            try:
                # No dashboard, but the scheduler's own HTTP routes (health, metrics) still listen:
                # on Dask's usual 8787, with a warning when another cluster holds it, unless given
                # a port; a free loopback one.
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=logging.CRITICAL,
                                       scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                                       local_directory=str(scratch) if scratch else None, preload=list(preload))
            except Exception as exc:  # noqa: BLE001 (whatever stops Dask from starting, said in one line)
                raise EngineError(f"cannot start a local Dask cluster: {exc}") from None
        try:
            with Client(cluster) as client:
                yield Engine(client, f"a local Dask cluster of {n} worker process{'es' if n > 1 else ''}")
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 (unreachable, refused, malformed: one line)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler} ({reason})") from None
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except Exception:  # noqa: BLE001
            raise EngineError(f"the Dask scheduler at {scheduler} has no workers") from None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # get_versions warns with a table; we say it in lines
            versions: dict[str, Any] = client.get_versions(check=True, packages=list(_CHECKED))  # type: ignore[assignment]
        errors, notes = _version_notes(versions)
        if errors:
            raise EngineError("; ".join(errors) + f" (install audiokit {versions['client']['packages'].get('audiokit')}"
                              " on every worker)")
        n = len(versions.get("workers") or {})
        yield Engine(client, f"the Dask cluster at {scheduler} ({n} worker{'s' if n != 1 else ''})", notes)
    finally:
        client.close()
