"""Shared plumbing for the benchmark scripts (scripts/bench_*.py).

Each script owns one section of BENCHMARKS.md, delimited by HTML comments
``<!-- bench:NAME -->`` ... ``<!-- /bench:NAME -->``, and replaces only that section,
so the scripts can be run independently.
"""

from __future__ import annotations

import os
import platform
import re
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


def load_note() -> str:
    """The one-minute load average, and whether other work on the machine inflated wall times."""
    load = os.getloadavg()[0]
    busy = load > (os.cpu_count() or 1) + 0.5
    return (f"load average {load:.1f} when the run ended (" + ("a busy machine: wall times are inflated by "
            "other processes, CPU seconds much less" if busy else "a quiet machine") + ")")


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


def timed(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run ``cmd`` and measure its wall time and peak memory: the largest total proportional
    set size of its whole process tree (worker processes included), sampled every 50 ms."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    err: list[str] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read() if proc.stderr else ""))
    reader.start()
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    reader.join()
    return Run(wall, peak / 1024, proc.returncode, "".join(err))


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
