"""Shared plumbing for the benchmark scripts (scripts/bench_*.py).

Each script owns one section of BENCHMARKS.md, delimited by HTML comments
``<!-- bench:NAME -->`` ... ``<!-- /bench:NAME -->``, and replaces only that section,
so the scripts can be run independently.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("AUDIOKIT_SHARED", ROOT.parent / "shared"))
BENCH = SHARED / "bench"
OUT = ROOT / "bench-out"
BENCHMARKS = ROOT / "BENCHMARKS.md"
AUDIOKIT = [str(ROOT / ".venv" / "bin" / "audiokit")]

HEADER = """# Benchmarks

Written by `scripts/bench_*.py` (run them from the repo root after `./scripts/test` has set up `.venv`).
They need the benchmark episodes in `../shared/bench/`; each script replaces only its own section below.
"""


@dataclass(frozen=True)
class Run:
    """One timed child process: wall seconds, peak memory (MB, total PSS of its process tree), exit status."""

    wall: float
    peak_mb: float
    returncode: int
    stderr: str
    stdout: str = ""  # kept only when asked (``timed(..., keep_stdout=True)``)


def machine() -> str:
    """A one-line description of the machine the numbers come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


# Cores that other processes may take on average while a bench runs before its wall times count as
# inflated: a second job on one core of two takes far more; daemons and editors far less.
BUSY_CORES = 0.25


def _machine_busy() -> float:
    """CPU seconds the whole machine has been busy since boot, from /proc/stat (everything but
    idle and iowait; steal included: time the host took from us)."""
    with open("/proc/stat") as fh:
        ticks = [int(x) for x in fh.readline().split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    """CPU seconds (user + sys) of this process and of every child it has waited for."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


# Taken when a bench script imports this module, before any of its runs.
_START = (time.perf_counter(), _machine_busy(), _own_cpu())


def others_cores(machine_busy: float, own_cpu: float, wall: float) -> float:
    """Cores other processes took on average over ``wall`` seconds: the machine's busy CPU seconds
    less the bench's own (its process and its waited-for children, the measured runs included).

    >>> others_cores(machine_busy=130.0, own_cpu=120.0, wall=100.0)
    0.1
    >>> others_cores(machine_busy=100.0, own_cpu=100.5, wall=50.0)  # clock-tick rounding
    0.0
    """
    return round(max(0.0, machine_busy - own_cpu) / wall, 2) if wall > 0 else 0.0


def load_label(others: float, cores: int, load: float) -> str:
    """Whether other work on the machine inflated wall times, judged by the cores other processes
    took during the bench (:func:`others_cores`), not by the load average, which counts the bench's
    own runs (a 3-hour alignment on two workers alone leaves it near 2.7 on 2 cores).

    >>> load_label(0.03, 2, 2.7).split(" (")[0]
    'other processes took 0.03 of 2 cores on average while it ran'
    >>> load_label(0.03, 2, 2.7).split(" (")[1]
    'a quiet machine; load average 2.7 at the end, its own runs included)'
    >>> load_label(0.9, 2, 3.1).split(" (")[1].split(";")[0]
    'a busy machine: wall times are inflated by other processes, CPU seconds much less'
    """
    verdict = ("a busy machine: wall times are inflated by other processes, CPU seconds much less"
               if others > BUSY_CORES else "a quiet machine")
    return (f"other processes took {others:.2f} of {cores} cores on average while it ran ({verdict}; "
            f"load average {load:.1f} at the end, its own runs included)")


def load_note() -> str:
    """How busy other processes kept the machine since this script started (see :func:`load_label`)."""
    began, busy0, own0 = _START
    wall = time.perf_counter() - began
    others = others_cores(_machine_busy() - busy0, _own_cpu() - own0, wall)
    return load_label(others, os.cpu_count() or 1, os.getloadavg()[0])


def _tree_rss_kb(root: int) -> int:
    """Total proportional set size (kB) of process ``root`` and all its descendants, from /proc.
    Only the tree's own smaps_rollup files are read: reading every process's, 20 times a second,
    took a third of a core from the command being measured."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        todo.extend(children.get(pid, ()))
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        m = re.search(r"^Pss:\s+(\d+)", rollup, re.MULTILINE)
        total += int(m.group(1)) if m else 0
    return total


def timed(cmd: list[str], cwd: Path | None = None, keep_stdout: bool = False) -> Run:
    """Run ``cmd`` and measure its wall time and peak memory: the largest total proportional
    set size of its whole process tree (worker processes included), sampled every 50 ms."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE if keep_stdout else subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    peak = 0
    err: list[str] = []
    out: list[str] = []
    readers = [threading.Thread(target=lambda: err.append(proc.stderr.read() if proc.stderr else "")),
               threading.Thread(target=lambda: out.append(proc.stdout.read() if proc.stdout else ""))]
    for reader in readers:
        reader.start()
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    for reader in readers:
        reader.join()
    return Run(wall, peak / 1024, proc.returncode, "".join(err), "".join(out))


def update_section(name: str, markdown: str) -> None:
    """Replace (or append) the section ``name`` of BENCHMARKS.md with ``markdown``."""
    text = BENCHMARKS.read_text() if BENCHMARKS.exists() else HEADER
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{begin}\n{markdown.strip()}\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    tmp = BENCHMARKS.with_suffix(".md.part")
    tmp.write_text(text)
    tmp.replace(BENCHMARKS)


def require_bench() -> None:
    if not BENCH.is_dir():
        sys.exit(f"benchmark episodes not found at {BENCH} (set AUDIOKIT_SHARED)")
