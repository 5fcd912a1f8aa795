"""The Dask edge on a real LocalCluster (loopback): tasks start in the order given, a task whose
worker keeps dying is reported lost (not raised), and version differences are said clearly."""

from __future__ import annotations

import os
import socket
import time
import warnings

import pytest

from audiokit.batch.engine import TaskLost, _version_notes, open_engine
from audiokit.batch.runner import task_key

pytest.importorskip("distributed")


def _stamp(n: int) -> tuple[int, float]:
    time.sleep(0.02)
    return n, time.monotonic()


def _held(item: tuple[str, float]) -> tuple[str, float]:
    began = time.monotonic()
    time.sleep(item[1])
    return item[0], began


def test_two_workers_start_episodes_of_several_series_in_the_order_given(tmp_path) -> None:
    # Episode ids of two series used to split the tasks into small Dask groups, handed to the
    # workers at once: a free worker then took the episode after next.
    # Held so that, in the given order, each start after the first two comes 0.2 s or more
    # after the one before (the first two start together, in either order).
    items = [("show-a-1", 1.5), ("show-b-2", 0.4), ("show-a-3", 0.8), ("show-b-4", 0.7), ("show-a-5", 0.6),
             ("show-b-6", 0.9), ("show-a-7", 0.5), ("show-b-8", 0.3)]
    with open_engine(workers=2, scratch=tmp_path) as engine:
        results = dict(engine.run(_held, [(task_key(1, name), (name, held)) for name, held in items], retries=0))
    began = [name for name, _ in sorted(results.values(), key=lambda r: r[1])]
    assert set(began[:2]) == {"show-a-1", "show-b-2"} and began[2:] == [name for name, _ in items[2:]]


def _die(tally: str) -> int:
    with open(tally, "a") as fh:
        fh.write("x")
    os._exit(1)  # the worker process dies, as if killed or out of memory


def test_tasks_start_in_the_order_given_and_lost_ones_are_reported(tmp_path) -> None:
    with open_engine(workers=1, scratch=tmp_path, retries=1) as engine:
        order = [7, 3, 9, 1, 5, 8, 2]
        results = dict(engine.run(_stamp, [(f"t-{n}", n) for n in order], retries=0))
        started = sorted(order, key=lambda n: results[f"t-{n}"][1])
        assert started == order  # one single-threaded worker: the given order, exactly
        tally = tmp_path / "tries"
        lost = list(engine.run(_die, [("dies", str(tally))], retries=0))
        assert lost[0][0] == "dies" and isinstance(lost[0][1], TaskLost)
        assert tally.read_text() == "xx"  # tried once, then once again (retries=1)
        assert "died" in lost[0][1].reason
        # the nanny starts a new worker: the batch goes on
        assert next(iter(engine.run(_stamp, [("after", 1)])))[1][0] == 1


def _monitoring(dask_worker) -> tuple[bool, float]:
    return "profile" in dask_worker.periodic_callbacks, dask_worker.periodic_callbacks["tick"].callback_time


def test_the_local_cluster_runs_with_dask_monitoring_turned_down(tmp_path) -> None:
    # Dask's stack sampling and its 20 ms event-loop tick cost a worker's core ~3% (measured):
    # an episode task only waits on its process, so neither is of use.
    with open_engine(workers=1, scratch=tmp_path) as engine:
        (profiled, tick_ms), = engine.client.run(_monitoring).values()
        assert not profiled and tick_ms >= 1000


def test_the_local_cluster_leaves_dasks_usual_port_to_others(tmp_path) -> None:
    # Another Dask cluster (a user's notebook, a second batch) holding 8787 made ours warn
    # "Port 8787 is already in use" on the user's terminal.
    held = socket.socket()
    try:
        held.bind(("127.0.0.1", 8787))
        held.listen()
    except OSError:
        pass  # someone else holds it already: the same situation
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with open_engine(workers=1, scratch=tmp_path) as engine:
                ports = [s.getsockname() for s in engine.client.cluster.scheduler.http_server._sockets.values()]
        assert not [w for w in caught if "8787" in str(w.message)]
        assert ports and all(host == "127.0.0.1" and port != 8787 for host, port in ports)
    finally:
        held.close()


def _helpers(dask_worker) -> list[tuple[int | None, bool]]:
    from audiokit.batch import forkserver

    return [(s.pid, bool(s.ready)) for s in forkserver._idle]


def test_a_preloaded_worker_starts_its_helper_before_any_task(tmp_path) -> None:
    # The helper loads the pipeline while the cluster starts, not when the first episode arrives.
    from audiokit.batch.task import Job, run_episode
    from audiokit.pipeline import Options

    with open_engine(workers=1, scratch=tmp_path, preload=("audiokit.batch.forkserver",)) as engine:
        (before,), = engine.client.run(_helpers).values()
        assert before[0] is not None  # running, with no task sent yet
        (tmp_path / "t.txt").write_text("Ann: Hello.\n", encoding="utf-8")
        job = Job("ep", "Ep", str(tmp_path / "missing.mp3"), str(tmp_path / "t.txt"), str(tmp_path / "ep"), Options())
        (_, rec), = engine.run(run_episode, [("ep", job)])
        assert rec["status"] == "failed" and "no such file" in rec["reason"]
        (after,), = engine.client.run(_helpers).values()
        assert after == (before[0], True)  # that helper ran the episode


def _info(packages: dict[str, str | None], python: str = "3.11.7") -> dict:
    return {"host": {"python": python}, "packages": packages}


def test_version_differences_are_named() -> None:
    here = {"audiokit": "0.2.0", "numpy": "2.1", "distributed": "2026.8.0"}
    versions = {
        "client": _info(here),
        "scheduler": _info({**here, "audiokit": None}),  # the scheduler needs no audiokit
        "workers": {
            "tcp://10.0.0.2:1": _info(here),
            "tcp://10.0.0.3:1": _info({**here, "audiokit": "0.1.0", "numpy": "1.26"}, python="3.12.1"),
            "tcp://10.0.0.4:1": _info({**here, "audiokit": None}),
        },
    }
    errors, notes = _version_notes(versions)
    assert errors == ["worker tcp://10.0.0.3:1 has audiokit 0.1.0, this machine 0.2.0",
                      "worker tcp://10.0.0.4:1 has audiokit not installed, this machine 0.2.0"]
    assert notes == ["worker tcp://10.0.0.3:1 differs from this machine: Python 3.12.1 (here 3.11.7), numpy 1.26 (here 2.1)"]


def test_a_cluster_without_workers_gives_its_tasks_up(tmp_path, monkeypatch) -> None:
    import audiokit.batch.engine as engine_module

    monkeypatch.setattr(engine_module, "NO_WORKERS_GRACE", 1.0)
    with open_engine(workers=1, scratch=tmp_path) as engine:
        engine.client.cluster.scale(0)
        deadline = time.monotonic() + 30
        while engine.workers and time.monotonic() < deadline:
            time.sleep(0.1)
        lost = list(engine.run(_stamp, [("a", 1), ("b", 2)]))
    assert sorted(k for k, _ in lost) == ["a", "b"]
    assert all(isinstance(r, TaskLost) and "no Dask worker left" in r.reason for _, r in lost)


def test_no_more_local_workers_than_episodes_or_cores(tmp_path) -> None:
    """Each local worker keeps a helper with the pipeline's models: --workers 50 for one
    episode starts one worker, not fifty."""
    from audiokit.batch.runner import BatchOptions, run_batch
    from audiokit.batch.task import stub_episode

    show = tmp_path / "show"
    show.mkdir()
    (show / "a.mp3").write_bytes(b"ID3")
    (show / "a.txt").write_text("Ann: Hi.\n", encoding="utf-8")
    seen: list[str] = []
    result = run_batch(show, tmp_path / "out", batch=BatchOptions(workers=50), task=stub_episode,
                       started=lambda engine, notes: seen.append(engine))
    assert result.engine == seen[0] and seen[0].endswith("of 1 worker process"), seen
