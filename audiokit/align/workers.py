"""Where the aligner's jobs run: in this process, or in a pool of forked worker processes.

Every job is a function of the episode's audio and a few small arguments. The audio is never
sent to a worker: forked workers inherit the parent's read-only sample array (copy-on-write
pages, never written, so never copied), and a job names its stretch of audio by seconds.
With one worker no pool and no process is created at all, so the aligner also runs inside
daemonic processes (a Dask worker) where a ``multiprocessing`` pool cannot start.

>>> from audiokit.audio import Audio
>>> import numpy as np
>>> with jobs(Audio(np.zeros(16000, np.int16)), 1) as pool:
...     pool.submit(lambda audio, x: audio.duration + x, 1.0).result()
2.0
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Protocol

from audiokit.audio import Audio

_AUDIO: Audio | None = None  # the episode's audio, inherited by forked workers


class Jobs(Protocol):
    """A job runner: ``submit(fn, *args)`` runs ``fn(audio, *args)`` and gives its future."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future: ...


class _Inline:
    """Runs each job when its result is asked for, in this process."""

    def __init__(self, audio: Audio) -> None:
        self.audio = audio

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        return _Deferred(lambda: fn(self.audio, *args))


class _Deferred(Future):
    """A future computed on first ``result()`` (so progress is reported as jobs finish)."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self._work = work

    def result(self, timeout: float | None = None) -> Any:
        if not self.done():
            try:
                self.set_result(self._work())
            except BaseException as exc:  # noqa: BLE001 - handed to the caller like a pool would
                self.set_exception(exc)
        return super().result(timeout)


class _Forked:
    """Runs jobs in forked worker processes that share the parent's audio."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool = pool

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        return self.pool.submit(_call, fn, *args)


def _share(audio: Audio) -> None:
    global _AUDIO
    _AUDIO = audio


def _call(fn: Callable[..., Any], *args: Any) -> Any:
    assert _AUDIO is not None, "worker started without the episode's audio"
    return fn(_AUDIO, *args)


@contextmanager
def jobs(audio: Audio, workers: int) -> Iterator[Jobs]:
    """A job runner for ``audio``: inline for one worker, else a pool of forked processes."""
    if workers <= 1:
        yield _Inline(audio)
        return
    # Fork, not spawn: the initializer's argument reaches the workers as inherited memory.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_share,
                             initargs=(audio,)) as pool:
        yield _Forked(pool)
