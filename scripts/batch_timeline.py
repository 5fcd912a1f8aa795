#!/usr/bin/env python3
"""Where a `--workers 2` batch leaves its cores idle: a timeline of the bench catalogue.

Runs the catalogue of `bench_batch.py` (bench-out/batch/manifest.csv, cut on first use) with
`run_batch` in this process and samples, every `--every` seconds, each thread of each worker's
process tree (the Dask worker, its helper, the episode process and the tools it runs): its state
and its process's CPU time. A worker *slot* is idle at a sample when none of its threads is
running or waiting for a core (state R): that holds on a machine others load too, where CPU
seconds say nothing about waiting. Idle samples are split by phase (before the slot's first
episode process, inside an episode, between or after episodes) and by what the threads waited on
(S: an event, a pipe, a timer; D: the disk or the kernel's memory locks). The client's events
(engine up, each record written) and the whole machine's idle and other processes' CPU time
(/proc/stat) are given too.

Diagnostic only: prints a report and writes bench-out/batch/timeline.json (every sample).
`--memory-sampler` runs bench_batch's memory sampler meanwhile and reports its own CPU time.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_batch
from benchlib import OUT

WORK = OUT / "batch"
HZ = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int, reaped: bool) -> float:
    """CPU seconds of the process (its ended threads too), with its waited-for children's when
    ``reaped`` (a tool that started and ended between two samples is seen only there)."""
    try:
        f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(f[11]) + int(f[12]) + ((int(f[13]) + int(f[14])) if reaped else 0)) / HZ


def _states(pid: int) -> str:
    """The state letter of each thread, with its kernel wait channel when not running."""
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                st = Path(f"/proc/{pid}/task/{task}/stat").read_text().rsplit(")", 1)[1].split()[0]
                wchan = Path(f"/proc/{pid}/task/{task}/wchan").read_text() if st != "R" else ""
            except (OSError, IndexError):
                continue
            out.append(f"{st}:{wchan}" if wchan else st)
    except OSError:
        pass
    return " ".join(out)


def _kind(pid: int, parent: str) -> str:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "gone"
    if not cmd:
        return "gone"  # a zombie: its CPU with its children's would count twice
    if parent == "worker":
        return "helper" if b"audiokit.batch.forkserver" in cmd else "other"
    if parent == "helper":
        return "episode"
    return "tool:" + (Path(cmd.split(b"\0")[0].decode(errors="replace")).name or "?")


class Sampler(bench_batch.Sampling):
    """Samples every worker slot of this process's local cluster in a thread of its own."""

    def __init__(self, every: float) -> None:
        super().__init__()
        self.every = every
        self.samples: list[dict] = []
        self.t0 = time.perf_counter()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            slots = {}
            for w in bench_batch._workers(me):
                procs, todo = {}, [(w, "worker")]
                while todo:
                    pid, kind = todo.pop()
                    if kind == "gone":
                        continue
                    procs[pid] = (kind, _cpu(pid, kind not in ("worker", "helper")), _states(pid))
                    todo += [(c, _kind(c, kind.split(":")[0])) for c in bench_batch._children(pid)]
                slots[w] = procs
            self.samples.append({"t": time.perf_counter() - self.t0, "slots": slots})
            self._stop.wait(self.every)


def analyse(samples: list[dict]) -> dict[int, dict]:
    """Per slot: idle seconds by phase and wait kind, CPU seconds by kind, episode lifetimes."""
    report: dict[int, dict] = {}
    for a, b in itertools.pairwise(samples):
        dt = b["t"] - a["t"]
        for w, procs in b["slots"].items():
            s = report.setdefault(w, {"idle": {}, "cpu": {}, "episodes": {}})
            before = a["slots"].get(w, {})
            for pid, (kind, cpu, _) in procs.items():
                old = before.get(pid)
                s["cpu"][kind] = s["cpu"].get(kind, 0.0) + cpu - (old[1] if old and old[0] == kind else 0.0)
                if kind == "episode":
                    s["episodes"].setdefault(pid, [b["t"], b["t"]])[1] = b["t"]
            states = " " + " ".join(v[2] for v in procs.values())
            if " R" in states:
                continue
            in_episode = any(v[0] == "episode" for v in procs.values())
            phase = "in an episode" if in_episode else "between/after episodes" if s["episodes"] else "start"
            key = f"{phase}, {'D' if ' D' in states else 'S'}"
            s["idle"][key] = s["idle"].get(key, 0.0) + dt
    return report


def _machine() -> tuple[float, float]:
    """(busy, idle) core-seconds of the whole machine so far."""
    busy, idle = bench_batch._machine_ticks()
    return busy / HZ, idle / HZ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--every", type=float, default=0.1, help="seconds between samples")
    parser.add_argument("--only", type=int, default=0, help="only the first N episodes of the manifest")
    parser.add_argument("--memory-sampler", action="store_true",
                        help="run bench_batch's memory sampler meanwhile and report its CPU time")
    args = parser.parse_args()
    if not (WORK / "manifest.csv").is_file():
        bench_batch.make_episodes()
    from audiokit.batch.runner import BatchOptions, run_batch

    manifest = WORK / "manifest.csv"
    if args.only:
        lines = manifest.read_text().splitlines()
        manifest = WORK / "manifest-only.csv"
        manifest.write_text("\n".join(lines[:args.only + 1]) + "\n")
    out = WORK / "timeline-out"
    shutil.rmtree(out, ignore_errors=True)
    events: list[tuple[float, str]] = []
    busy0, idle0 = _machine()
    own0 = time.process_time()
    with Sampler(args.every) as sampler:
        def mark(what: str) -> None:
            events.append((time.perf_counter() - sampler.t0, what))

        def progress(p: object) -> None:
            last = getattr(p, "last", None) or {}
            mark(f"recorded {last.get('id')} ({last.get('seconds')} s, {last.get('cpu_seconds')} CPU s)")

        memory = bench_batch.WorkerMemory() if args.memory_sampler else contextlib.nullcontext()
        with memory:
            result = run_batch(manifest, out, batch=BatchOptions(workers=args.workers), progress=progress,
                               started=lambda *_: mark("engine up"))
        mark("run_batch returned")
    busy1, idle1 = _machine()
    wall = events[-1][0]
    episodes = sum(r.get("cpu_seconds") or 0.0 for r in result.records)
    report = analyse(sampler.samples)
    print(f"wall {wall:.1f} s, load {os.getloadavg()[0]:.1f}; machine: idle {idle1 - idle0:.1f} core-s, busy "
          f"{busy1 - busy0:.1f} core-s (all processes); this process {time.process_time() - own0:.1f} CPU s "
          f"(sampler included); episodes {episodes:.1f} CPU s")
    if args.memory_sampler:
        print(f"memory sampler: {memory.cpu:.2f} CPU s")
    for t, what in events:
        print(f"  {t:7.2f}  {what}")
    for w, s in report.items():
        print(f"slot {w}: CPU " + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(s["cpu"].items())))
        print("    idle (no thread running or runnable): "
              + (", ".join(f"{k} {v:.2f} s" for k, v in sorted(s["idle"].items())) or "none"))
        for first, last in sorted(s["episodes"].values()):
            print(f"    episode process {first:7.2f} - {last:7.2f}")
    (WORK / "timeline.json").write_text(json.dumps({"events": events, "samples": sampler.samples}))


if __name__ == "__main__":
    main()
