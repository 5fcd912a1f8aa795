"""A fork server: one long-lived helper process per worker forks one process per episode.

Starting Python for each episode and loading the pipeline with its models (the tagger, the
pronunciation dictionary, the word embeddings, the frequency lists) costs seconds of CPU per
episode. A Dask worker cannot fork itself (it runs threads: its event loop, its task thread),
and as a daemonic process it may not start a ``multiprocessing`` pool. So each worker starts,
with :mod:`subprocess`, one helper (``python -m audiokit.batch.forkserver``) that loads all
that once, then ``os.fork()``\\ s one process per episode: it starts in milliseconds with the
models loaded (shared copy-on-write with the helper), and its memory, its crash and its
out-of-memory kill stay its own: the helper reports how it ended and goes on.

- **Threads before fork:** the helper runs one thread (BLAS and tokenizer thread pools are
  kept off through their environment variables; the ready message says how many it has).
- **Protocol:** the worker writes one framed, pickled job on the helper's stdin and reads one
  framed JSON reply on its stdout, ``{"record": {...} | null, "status": int, "said": str,
  "cpu": float}``: the episode process's record, its exit status (negative: the signal that
  killed it), the last line it wrote on stderr and the CPU seconds it used (user and system,
  with the tools it ran, such as ffmpeg). The helper's first message says it is ready. The episode
  process also names the modules it imported; the helper imports those too, so the next
  episode finds them loaded (learned, not listed here).
- **Start:** a local worker starts its helper as it starts (Dask's preload hook, :func:`dask_setup`),
  so the models load while the cluster comes up; the first episode waits for its ready message.
  A helper that died, or was never started, is started when an episode needs it.
- **Lifetimes:** the helper's stdin ends when its worker goes (killed, or the cluster closed):
  it then stops the episode it runs (SIGTERM, then SIGKILL) and exits. The episode process
  leaves when its helper goes. A helper that died is started again for the next episode.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import json
import os
import pickle
import selectors
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from typing import IO, Any

__all__ = ["ForkServer", "run_forked"]

ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
              "TOKENIZERS_PARALLELISM": "false"}
_HEADER = struct.Struct("!Q")
WATCH_EVERY = 1.0  # seconds between an episode process's looks at its helper
STOP_GRACE = 5.0  # seconds an episode process is given to stop before it is killed


def _send(fd: int, payload: bytes) -> None:
    data = memoryview(_HEADER.pack(len(payload)) + payload)
    while data:
        data = data[os.write(fd, data):]


def _read_exactly(fd: int, n: int) -> bytes | None:
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _recv(fd: int) -> bytes | None:
    """One framed message, or None at the end of the stream."""
    head = _read_exactly(fd, _HEADER.size)
    return None if head is None else _read_exactly(fd, _HEADER.unpack(head)[0])


def _last_line(log: IO[bytes]) -> str:
    log.seek(0, os.SEEK_END)
    log.seek(max(0, log.tell() - 8192))
    lines = log.read().decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else ""


# -- in the worker ------------------------------------------------------------------------


class ForkServer:
    """The worker's side of one helper process: started on first use, again after it died."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self.ready: dict[str, Any] = {}

    @property
    def pid(self) -> int | None:
        """The helper's process id while it runs."""
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    def spawn(self) -> None:
        """Start the helper without waiting for it: it loads the pipeline and its models while
        this process does something else (:meth:`run` waits for its ready message)."""
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the helper; closed in close())
        env = dict(os.environ, **ONE_THREAD)
        self._proc = subprocess.Popen([sys.executable, "-m", "audiokit.batch.forkserver"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=self._log, env=env, bufsize=0)

    def _await_ready(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None and self._log is not None
        ready = _recv(self._proc.stdout.fileno())
        if ready is None:
            said = _last_line(self._log)
            self.close()
            raise OSError(f"its helper process did not start: {said or 'no reason given'}")
        self.ready = json.loads(ready)

    def _start(self) -> None:
        self.spawn()
        self._await_ready()

    def _send(self, payload: bytes) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        _send(self._proc.stdin.fileno(), payload)

    def run(self, job: Any) -> dict[str, Any]:
        """Run ``job`` in a forked process; the helper's reply (``record`` None and ``status``
        None when the helper itself died). Raises OSError when no helper can be started."""
        if self.pid is None:
            self.close()
            self._start()
        elif not self.ready:  # spawned ahead (prestart): wait until it has loaded everything
            try:
                self._await_ready()
            except OSError:  # it died while loading: one more try, which says why if it fails too
                self._start()
        payload = pickle.dumps(job)
        try:
            self._send(payload)
        except OSError:  # it had died since its last episode: a new one
            self.close()
            self._start()
            self._send(payload)
        assert self._proc is not None and self._proc.stdout is not None
        try:
            reply = _recv(self._proc.stdout.fileno())
        except OSError:
            reply = None
        if reply is None:  # the helper died (killed, out of memory) while it ran the episode
            said = _last_line(self._log) if self._log else ""
            self.close()
            return {"record": None, "status": None, "said": said}
        return dict(json.loads(reply))

    def close(self) -> None:
        """Stop the helper (its stdin ends; one still loading, which runs nothing, is killed)
        and forget it."""
        if self._proc is not None:
            if not self.ready and self._proc.poll() is None:
                self._proc.kill()
            self.ready = {}
            for pipe in (self._proc.stdin, self._proc.stdout):
                if pipe is not None:
                    pipe.close()
            try:
                self._proc.wait(timeout=STOP_GRACE + 5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        if self._log is not None:
            self._log.close()
            self._log = None


_idle: list[ForkServer] = []  # this worker's helpers not running an episode now
_lock = threading.Lock()


@atexit.register
def _close_all() -> None:
    """A worker that exits stops its helpers and waits for them (a killed worker cannot: its
    helpers then see their stdin end and leave on their own)."""
    with _lock:
        while _idle:
            _idle.pop().close()


def prestart() -> None:
    """Start this process's first helper now, without waiting for it, so that it loads the
    pipeline while the cluster is still starting; the first episode then finds it ready (or
    starts one itself if this failed)."""
    with _lock:
        if _idle:
            return
        server = ForkServer()
        try:
            server.spawn()
        except OSError:
            server.close()
            return
        _idle.append(server)


def dask_setup(worker: object) -> None:
    """Dask's preload hook (``Worker(preload=["audiokit.batch.forkserver"])``): called as the
    worker starts, before it registers with the scheduler; starts its helper (:func:`prestart`)."""
    prestart()


def run_forked(job: Any) -> dict[str, Any]:
    """Run ``job`` through one of this process's helpers (one per task running at once)."""
    with _lock:
        server = _idle.pop() if _idle else ForkServer()
    try:
        return server.run(job)
    finally:
        with _lock:
            _idle.append(server)


# -- in the helper -------------------------------------------------------------------------


def _threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def _warm() -> None:
    """Load once what every episode loads (each step may fail: the episode then says why)."""
    steps = [
        lambda: importlib.import_module("audiokit.batch.task"),  # the pipeline
        lambda: importlib.import_module("audiokit.align.lexicon").Lexicon.load(),
        lambda: importlib.import_module("audiokit.chapters.embeddings").embed(["warm up"]),
        lambda: importlib.import_module("audiokit.text.tagger").tag("The tagger warms up."),
        lambda: importlib.import_module("audiokit.clips.background").english_logprob(),
        lambda: importlib.import_module("audiokit.text.stopwords").very_common("the", "en"),
    ]
    for step in steps:
        try:
            step()
        except Exception:  # noqa: BLE001,S110 (warming is only a head start)
            pass


def _learn(modules: list[str]) -> None:
    for name in modules:
        if name not in sys.modules and not name.startswith("__"):
            try:
                importlib.import_module(name)
            except BaseException:  # noqa: BLE001,S112 (not importable on its own: the episode will)
                continue


def _watch_parent(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(3)  # the helper is gone: so is the worker, and the engine runs this elsewhere
        time.sleep(WATCH_EVERY)


def _episode(job: bytes, result: int, log: IO[bytes], keep_out: list[int]) -> None:
    """In the forked process: run the job, write its record on ``result``, exit."""
    code = 1
    try:
        for fd in keep_out:
            os.close(fd)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
        from audiokit.batch.task import run_here

        record = run_here(pickle.loads(job))
        payload = json.dumps({"record": record, "modules": sorted(sys.modules)}).encode()
        view = memoryview(payload)
        while view:
            view = view[os.write(result, view):]
        code = 0
    except BaseException:  # noqa: BLE001 (said on stderr; the helper reports the exit status)
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _stop(pid: int) -> None:
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE
    while time.monotonic() < deadline:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _fork(job: bytes, requests: int, replies: int) -> tuple[dict[str, Any], list[str]] | None:
    """Run one job in a forked process: (reply, modules it imported), or None when the worker
    went away meanwhile (the episode process is then stopped)."""
    with tempfile.TemporaryFile() as log:
        return _fork_logged(job, requests, replies, log)


def _fork_logged(job: bytes, requests: int, replies: int, log: IO[bytes]) -> tuple[dict[str, Any], list[str]] | None:
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _episode(job, write_end, log, [read_end, requests, replies])
    os.close(write_end)
    chunks: list[bytes] = []
    with selectors.DefaultSelector() as sel:
        sel.register(read_end, selectors.EVENT_READ)
        sel.register(requests, selectors.EVENT_READ)  # the worker says nothing while it waits: only its end
        while True:
            if any(key.fd == requests for key, _ in sel.select()):
                os.close(read_end)
                _stop(pid)
                return None
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    os.close(read_end)
    _, wait_status, usage = os.wait4(pid, 0)
    status = os.waitstatus_to_exitcode(wait_status)
    said = _last_line(log)
    try:
        sent = json.loads(b"".join(chunks)) if chunks else {}
    except ValueError:
        sent = {}
    reply = {"record": sent.get("record"), "status": status, "said": said,
             "cpu": round(usage.ru_utime + usage.ru_stime, 3)}
    return reply, list(sent.get("modules") or [])


def main() -> int:
    """The helper: warm up, then one forked process per job on stdin until stdin ends."""
    replies = os.dup(1)
    os.dup2(2, 1)  # a library's stray output must not reach the replies
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the client's; this helper follows its worker
    _warm()
    gc.collect()
    gc.freeze()  # the loaded objects stay out of the collector's way: fewer pages copied after fork
    _send(replies, json.dumps({"ready": True, "pid": os.getpid(), "threads": _threads()}).encode())
    while (job := _recv(0)) is not None:
        done = _fork(job, 0, replies)
        if done is None:
            return 0
        reply, modules = done
        _send(replies, json.dumps(reply).encode())
        _learn(modules)
        gc.freeze()
    return 0


if __name__ == "__main__":
    sys.exit(main())
