"""The executor alignment work runs on: a process pool, or this process alone.

With one worker no pool is started: the calls run at once, in order, in this process. That
is also what a daemonic process (a Dask worker, which ``audiokit batch`` runs each episode
in) needs, since it may not start children of its own.

>>> with pool(1) as p:
...     p.submit(pow, 2, 10).result()
1024
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any

__all__ = ["InProcess", "pool"]


class InProcess(Executor):
    """An executor that runs each call when it is submitted, in this process."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 (handed to whoever asks for the result, as a pool would)
            future.set_exception(exc)
        return future


def pool(workers: int) -> Executor:
    """A fork-context process pool of ``workers`` processes, or :class:`InProcess` for one."""
    if workers <= 1:
        return InProcess()
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
