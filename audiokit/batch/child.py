"""The child process that runs one episode for a batch worker (see :mod:`audiokit.batch.task`).

``python -m audiokit.batch.child`` reads a pickled :class:`~audiokit.batch.task.Job` on stdin,
runs it in this process and writes its catalogue record as JSON on stdout. Anything else that
would reach stdout (a library's stray output) goes to stderr instead. The worker that started
it names itself in ``AUDIOKIT_BATCH_PARENT``: when that process dies (the worker was killed),
this one stops too, rather than go on with an episode the engine has already given to another
worker.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import threading
import time

from audiokit.batch.task import Job, run_here

__all__ = ["main"]

WATCH_EVERY = 1.0  # seconds between looks at the parent


def _watch_parent(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(3)  # orphaned: the worker is gone and its task is being run elsewhere
        time.sleep(WATCH_EVERY)


def main() -> int:
    """Run the job on stdin; its record on stdout. Exit status 0 (the record says whether the
    episode failed)."""
    result = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    parent = os.environ.get("AUDIOKIT_BATCH_PARENT", "")
    if parent.isdigit():
        threading.Thread(target=_watch_parent, args=(int(parent),), daemon=True).start()
    job = pickle.loads(sys.stdin.buffer.read())
    if not isinstance(job, Job):
        print("audiokit.batch.child: stdin holds no batch job", file=sys.stderr)
        return 2
    result.write(json.dumps(run_here(job)))
    result.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
