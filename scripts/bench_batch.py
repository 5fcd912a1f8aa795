#!/usr/bin/env python3
"""Benchmark `audiokit batch` and write the `batch` section of BENCHMARKS.md.

1. Cuts the two 24-minute benchmark episodes (seed-full, seed-rough) at turn boundaries into
   8 episodes of 3-6 minutes, each with the transcript of its own turns (from truth.json:
   the sentences a producer's transcript holds), into bench-out/batch/episodes/ (never
   committed), and writes a manifest.
2. Runs each with `audiokit run --workers 1` (the sum of these is the work to share out).
3. Runs the catalogue with `audiokit batch --workers 1` and `--workers 2` from scratch (timed,
   nothing sampled), once more with `--workers 2` sampling the workers' memory, then re-runs the
   finished one.
4. Submits and tracks 10,000 stub tasks (10 ms sleep each) on a `dask scheduler` with two
   `dask worker` processes, sampling the scheduler's memory, through the same code path as a
   real batch (`run_batch` with a stand-in task).
5. Extrapolates 10,000 one-hour episodes from the measured per-episode cost.

Wall times on a shared machine are inflated by other load; CPU seconds are given beside them.
`--reuse-singles` takes step 2's numbers from the last run (bench-out/batch/single.json);
`--repeat N` runs step 3's scaling measurement N times (one worker's time varies from run to run
on this machine: CPU seconds for the same work have varied by 15% between quiet runs), gives each run
with its CPU seconds split between the episodes, the engine and this process, and the load before
it, and takes the median ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Self

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import AUDIOKIT, BENCH, OUT, load_note, machine, require_bench, timed, update_section

WORK = OUT / "batch"
SOURCES = ("seed-full", "seed-rough")
TARGETS = (270.0, 330.0, 210.0, 300.0)  # seconds per episode wanted from each source (3-6 min)
STUBS = 10_000


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _cpu_self() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _cpu_all() -> float:
    return _cpu_self() + _cpu_children()


def make_episodes() -> list[tuple[str, Path, Path, float]]:
    """The 8 episodes: (id, audio, transcript, seconds)."""
    folder = WORK / "episodes"
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for source in SOURCES:
        truth = json.loads((BENCH / source / "truth.json").read_text(encoding="utf-8"))
        audio = next((BENCH / source).glob("episode.*"))
        turns = truth["turns"]
        i = 0
        for n, target in enumerate(TARGETS, 1):
            start = 0.0 if i == 0 else (turns[i - 1]["end"] + turns[i]["start"]) / 2
            j = i
            while j + 1 < len(turns) and turns[j]["end"] - start < target:
                j += 1
            if turns[j]["end"] - start > 360 and j > i:
                j -= 1
            end = (turns[j]["end"] + turns[j + 1]["start"]) / 2 if j + 1 < len(turns) else truth["duration"]
            eid = f"{source}-{n}"
            out_audio, out_text = folder / f"{eid}.flac", folder / f"{eid}.txt"
            if not out_audio.is_file():
                subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-ss", f"{start:.3f}", "-to", f"{end:.3f}",
                                "-i", str(audio), "-ac", "1", str(out_audio)], check=True)
            lines = []
            for turn in turns[i:j + 1]:
                text = " ".join(s["text"] for s in turn["sentences"] if s.get("in_transcript", True))
                if text:
                    lines.append(f"{turn['speaker']}: {text}")
            out_text.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
            made.append((eid, out_audio, out_text, end - start))
            i = j + 1
    manifest = WORK / "manifest.csv"
    rows = "".join(f"{e},episodes/{a.name},episodes/{t.name}\n" for e, a, t, _ in made)
    manifest.write_text("id,audio,transcript\n" + rows, encoding="utf-8")
    return made


def single_runs(episodes: list[tuple[str, Path, Path, float]]) -> tuple[float, float, float, float]:
    """(sum of wall seconds, sum of CPU seconds, peak PSS MB of the biggest, peak RSS MB) of
    `audiokit run --workers 1` on each episode from scratch."""
    walls, cpu0, peak = 0.0, _cpu_children(), 0.0
    (WORK / "single").mkdir(parents=True, exist_ok=True)
    for eid, audio, text, _ in episodes:
        out = WORK / "single" / eid
        shutil.rmtree(out, ignore_errors=True)
        run = timed([*AUDIOKIT, "run", str(audio), str(text), "-o", str(out), "--workers", "1", "--quiet"])
        if run.returncode != 0:
            sys.exit(f"audiokit run failed on {eid}: {run.stderr}")
        walls += run.wall
        peak = max(peak, run.peak_mb)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return walls, _cpu_children() - cpu0, peak, rss


def _children(pid: int) -> list[int]:
    """The child processes of ``pid`` (of any of its threads), from /proc."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            found += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    except OSError:
        pass
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB, (0, 0) once it is gone."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    kb = {k: int(v.split()[0]) for k, v in (line.split(":", 1) for line in rollup.splitlines()[1:] if ":" in line)}
    return kb.get("Rss", 0), kb.get("Pss", 0)


def _workers(pid: int) -> list[int]:
    """The Dask worker processes among the children of ``pid`` (not the resource tracker)."""
    found = []
    for w in _children(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{w}/cmdline").read_bytes():
                found.append(w)
        except OSError:
            continue
    return found


class Sampling:
    """A thread that runs ``_run`` from ``with`` to its end (``_stop`` says when to stop)."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        raise NotImplementedError


class WorkerMemory(Sampling):
    """Samples, every 200 ms, the memory of each Dask worker process of this process's local
    cluster together with its descendants (its helper and the episode it runs): the peak RSS and PSS (MB) of
    each worker's process tree. Only those processes are read, and the sampler's own CPU time
    is kept (``cpu``) so that it can be taken out of the batch's."""

    def __init__(self) -> None:
        super().__init__()
        self.peak: dict[int, list[float]] = {}
        self.cpu = 0.0

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            for w in _workers(me):
                tree, todo = [], [w]
                while todo:
                    pid = todo.pop()
                    tree.append(pid)
                    todo.extend(_children(pid))
                sizes = [_memory_kb(pid) for pid in tree]
                old = self.peak.setdefault(w, [0.0, 0.0])
                old[0] = max(old[0], sum(r for r, _ in sizes) / 1024)
                old[1] = max(old[1], sum(p for _, p in sizes) / 1024)
            self.cpu = time.thread_time()
            self._stop.wait(0.2)

    def max(self) -> tuple[float, float]:
        """(peak RSS, peak PSS) of the biggest worker tree, MB."""
        return (max((v[0] for v in self.peak.values()), default=0.0),
                max((v[1] for v in self.peak.values()), default=0.0))


def _machine_ticks() -> tuple[int, int]:
    """(busy, idle) clock ticks of the whole machine so far, from /proc/stat (idle with iowait;
    busy: everything else, steal included)."""
    with open("/proc/stat") as fh:
        f = [int(x) for x in fh.readline().split()[1:9]]
    return sum(f) - f[3] - f[4], f[3] + f[4]


class NoSampler:
    """What a timed run has instead of :class:`WorkerMemory`: nothing sampled, nothing spent."""

    cpu = 0.0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def max(self) -> tuple[float, float]:
        return 0.0, 0.0


@dataclass(frozen=True)
class BatchRun:
    """One batch run in process: wall and CPU seconds (``cpu`` all of it; ``client`` this
    process: Dask's scheduler and nannies, the catalogue; ``engine`` the Dask workers and their
    helper processes; ``episodes`` the episode processes with their tools, from the records'
    ``cpu_seconds``), the peak memory of the biggest worker tree (RSS, PSS MB), the records,
    when each episode finished (seconds from the start) and the 1-minute load before and after."""

    wall: float
    cpu: float
    client: float
    engine: float
    episodes: float
    memory: tuple[float, float]
    records: list[dict]
    finished: list[float]
    loads: tuple[float, float]
    idle: float = 0.0  # core-seconds the whole machine was idle during the run (/proc/stat)
    others: float = 0.0  # CPU seconds other processes (not this batch, not the sampler) used meanwhile
    sampler: float = 0.0  # CPU seconds of the memory sampler (0 in a timed run: it has none)

    @property
    def tail(self) -> float:
        """Seconds between the last two episodes' ends: with two workers, about how long one
        of them had nothing left to do at the end."""
        ends = sorted(self.finished)
        return ends[-1] - ends[-2] if len(ends) > 1 else 0.0

    def episode_cpu(self) -> dict[str, float]:
        """CPU seconds of each episode that ran, by id."""
        return {r["id"]: r["cpu_seconds"] for r in self.records if r.get("cpu_seconds") is not None}


def batch_run(workers: int, out: Path, fresh: bool, memory: bool = False) -> BatchRun:
    """One batch run of the manifest into ``out`` in this process (from scratch when ``fresh``);
    with ``memory``, the worker trees' memory is sampled (:class:`WorkerMemory`). Timed runs go
    without: reading each process's ``smaps_rollup`` five times a second walks its page tables,
    several percent of a core with two workers (taken from the episodes when both cores are busy;
    the memory run reports it), holding each episode's memory map lock meanwhile."""
    from audiokit.batch.runner import BatchOptions, run_batch

    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    load0 = os.getloadavg()[0]
    finished: list[float] = []
    ticks0 = _machine_ticks()
    own0, cpu0, t0 = _cpu_self(), _cpu_all(), time.perf_counter()

    def progress(p: object) -> None:
        last = getattr(p, "last", None) or {}
        if last.get("cpu_seconds") is not None:
            finished.append(time.perf_counter() - t0)

    with WorkerMemory() if memory else NoSampler() as sampler:
        result = run_batch(WORK / "manifest.csv", out, batch=BatchOptions(workers=workers), progress=progress)
    wall = time.perf_counter() - t0
    ticks1, hz = _machine_ticks(), os.sysconf("SC_CLK_TCK")
    if result.count("failed"):
        sys.exit(f"batch failed: {[r['reason'] for r in result.records if r['status'] == 'failed']}")
    cpu = _cpu_all() - cpu0 - sampler.cpu
    client = _cpu_self() - own0 - sampler.cpu
    episodes = sum(r.get("cpu_seconds") or 0.0 for r in result.records)
    idle = (ticks1[1] - ticks0[1]) / hz
    others = max(0.0, (ticks1[0] - ticks0[0]) / hz - cpu - sampler.cpu)
    return BatchRun(wall, cpu, client, cpu - client - episodes, episodes, sampler.max(), list(result.records),
                    finished, (load0, os.getloadavg()[0]), idle, others, sampler.cpu)


def done_check_ms(out: Path, rounds: int = 50) -> float:
    """Milliseconds the client spends telling that one finished episode is done (its stamp,
    the inputs' and outputs' stat), averaged over the finished catalogue in ``out``."""
    from audiokit.batch.task import Job, already_done
    from audiokit.pipeline import Options

    jobs = []
    for line in (WORK / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]:
        eid, audio, text = line.split(",")
        jobs.append(Job(eid, eid, str((WORK / audio).resolve()), str((WORK / text).resolve()),
                        str((out / eid).resolve()), Options()))
    t0 = time.perf_counter()
    for _ in range(rounds):
        if not all(already_done(job) for job in jobs):
            sys.exit("done check: a finished episode was not recognised as done")
    return (time.perf_counter() - t0) / (rounds * len(jobs)) * 1000


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def stub_tasks(episodes: list[tuple[str, Path, Path, float]]) -> dict[str, float]:
    """10,000 stub tasks through run_batch on a scheduler and two workers started here."""
    from audiokit.batch.runner import BatchOptions, run_batch
    from audiokit.batch.task import stub_episode

    folder = WORK / "stubs"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    _, audio, text, _ = episodes[0]
    (folder / "manifest.csv").write_text(
        "id,audio,transcript\n" + "".join(f"stub-{n:05d},{audio},{text}\n" for n in range(STUBS)), encoding="utf-8")
    dask = str(Path(sys.executable).parent / "dask")
    info = folder / "scheduler.json"
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)], stderr=subprocess.DEVNULL, start_new_session=True)]
    try:
        while not info.is_file():
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        for n in range(2):
            procs.append(subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--host",
                                           "127.0.0.1", "--no-dashboard", "--local-directory", str(folder / f"w{n}")],
                                          stderr=subprocess.DEVNULL, start_new_session=True))
        time.sleep(3)
        base = _rss_mb(procs[0].pid)
        peak = [base]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _rss_mb(procs[0].pid))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t0 = time.perf_counter()
        result = run_batch(folder / "manifest.csv", folder / "out", task=stub_episode,
                           batch=BatchOptions(scheduler=address, connect_timeout=60))
        wall = time.perf_counter() - t0
        done.set()
        sampler.join()
        assert len(result.records) == STUBS
    finally:
        for p in procs:
            try:
                os.killpg(p.pid, 9)
            except ProcessLookupError:
                pass
            p.wait()
    ideal = STUBS * 0.010 / 2
    return {"wall": wall, "per_task_ms": wall / STUBS * 1000, "overhead_ms": (wall - ideal) / STUBS * 1000,
            "sched_base": base, "sched_peak": peak[0], "sched_per_task_kb": (peak[0] - base) * 1024 / STUBS}


def _median_note(n: int) -> str:
    return "one run" if n == 1 else f"the median of {n} runs" if n % 2 else f"the lower median of {n} runs"


def _run_row(n: int, w1: BatchRun, w2: BatchRun) -> str:
    """One row of the scaling runs' table."""
    alone, together = w1.episode_cpu(), w2.episode_cpu()
    both = sorted(set(alone) & set(together))
    a, b = sum(alone[i] for i in both), sum(together[i] for i in both)
    change = f" ({(b / a - 1) * 100:+.1f}%)" if a else ""
    return (f"| {n} | {w1.wall:.1f} s | {w2.wall:.1f} s | {w2.wall / w1.wall:.2f} | {a:.1f} → {b:.1f} s{change} | "
            f"{w1.engine:.1f} / {w2.engine:.1f} s | {w1.client:.1f} / {w2.client:.1f} s | {w2.tail:.1f} s | "
            f"{w1.loads[0]:.1f} / {w2.loads[0]:.1f} | {w2.idle:.1f} / {w2.others:.1f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run the scaling measurement (--workers 1, then 2, from scratch) N times; the table "
                             "gives each run and the median ratio")
    parser.add_argument("--reuse-singles", action="store_true",
                        help="take the single `audiokit run` numbers from the last run (bench-out/batch/single.json)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    require_bench()
    WORK.mkdir(parents=True, exist_ok=True)
    episodes = make_episodes()
    audio_s = sum(e[3] for e in episodes)
    print(f"episodes: {', '.join(f'{e[0]} {e[3] / 60:.1f} min' for e in episodes)}", file=sys.stderr)
    saved = WORK / "single.json"
    if args.reuse_singles and saved.is_file():  # the slowest part; for re-runs of the rest
        single_wall, single_cpu, single_pss, single_rss = json.loads(saved.read_text())
    else:
        single_wall, single_cpu, single_pss, single_rss = single_runs(episodes)
        saved.write_text(json.dumps([single_wall, single_cpu, single_pss, single_rss]))
    print(f"single runs: {single_wall:.1f} s wall, {single_cpu:.1f} s CPU", file=sys.stderr)
    runs: list[tuple[BatchRun, BatchRun]] = []
    for n in range(args.repeat):
        w1 = batch_run(1, WORK / "w1", True)
        print(f"run {n + 1}: batch --workers 1: {w1.wall:.1f} s ({w1.cpu:.1f} s CPU)", file=sys.stderr)
        w2 = batch_run(2, WORK / "w2", True)
        print(f"run {n + 1}: batch --workers 2: {w2.wall:.1f} s ({w2.cpu:.1f} s CPU); ratio {w2.wall / w1.wall:.2f}",
              file=sys.stderr)
        runs.append((w1, w2))
    ratios = [w2.wall / w1.wall for w1, w2 in runs]
    w1, w2 = runs[ratios.index(statistics.median_low(ratios))]  # the median run (the lower one of an even count)
    mem = batch_run(2, WORK / "w2", True, memory=True)  # memory, sampled in a run of its own (not timed)
    print(f"memory run: {mem.wall:.1f} s; sampler {mem.sampler:.1f} CPU s; peak {mem.memory}", file=sys.stderr)
    again = batch_run(2, WORK / "w2", False)
    cached = sum(1 for r in again.records if r["seconds"] == 0)
    print(f"re-run: {again.wall:.1f} s ({again.cpu:.1f} s CPU), {cached} of {len(again.records)} all cached",
          file=sys.stderr)
    check_ms = done_check_ms(WORK / "w2")
    print(f"done check: {check_ms:.2f} ms per finished episode", file=sys.stderr)
    stubs = stub_tasks(episodes)
    print(f"stubs: {stubs}", file=sys.stderr)

    ratio = w2.wall / w1.wall
    overhead = w2.wall / (single_wall / 2)
    worker_rss, worker_pss = mem.memory
    cpu_per_audio = single_cpu / audio_s  # CPU seconds per second of audio, one process
    hour = cpu_per_audio * 3600
    rows = []
    for n in (2, 8, 32, 128, 512):
        work = STUBS * hour / n
        sched = STUBS * stubs["overhead_ms"] / 1000
        rows.append(f"| {n} | {work / 3600:.1f} h | {(work + sched) / 3600:.1f} h |")
    day, week = STUBS * hour / 86400, STUBS * hour / (7 * 86400)
    md = f"""## Batch (`audiokit batch`, scripts/bench_batch.py)

8 episodes of {min(e[3] for e in episodes) / 60:.1f}-{max(e[3] for e in episodes) / 60:.1f} minutes
({audio_s / 60:.1f} min of audio) cut at turn boundaries from seed-full and seed-rough, each with the
transcript of its own turns. Machine: {machine()}; {load_note()}; CPU seconds are given beside wall times.

| measure | target | result | met |
|---|---|---|---|
| `--workers 2` / `--workers 1` (from scratch; {_median_note(len(runs))}) | <= 0.60 | {ratio:.2f} ({w2.wall:.1f} s / {w1.wall:.1f} s; CPU {w2.cpu:.0f} s / {w1.cpu:.0f} s; each run below) | {"yes" if ratio <= 0.6 else "no"} |
| `--workers 2` / (sum of single `audiokit run --workers 1` / 2) | <= 1.15 | {overhead:.2f} ({w2.wall:.1f} s / {single_wall / 2:.1f} s; single runs {single_cpu:.0f} s CPU) | {"yes" if overhead <= 1.15 else "no"} |
| the same in CPU seconds: batch `--workers 2` / sum of single runs (load-independent engine overhead) | <= 1.15 | {w2.cpu / single_cpu:.2f} ({w2.cpu:.0f} s / {single_cpu:.0f} s) | {"yes" if w2.cpu / single_cpu <= 1.15 else "no"} |
| re-run of the finished catalogue | <= 10 s | {again.wall:.1f} s, {again.cpu:.1f} s CPU ({cached}/8 episodes all cached; no engine started, no episode process) | {"yes" if again.wall <= 10 else "no"} |
| telling a finished episode is done (its stamp; per episode, client only) | — | {check_ms:.2f} ms: {check_ms * 10:.0f} s for 10,000 finished episodes | — |
| peak memory per worker (RSS of the worker process, its helper and its episode process summed; pages an episode process shares with the helper it was forked from count twice) vs `audiokit run --workers 1` + 150 MB | <= {single_rss + 150:.0f} MB | {worker_rss:.0f} MB (`audiokit run` peak RSS {single_rss:.0f} MB) | {"yes" if worker_rss <= single_rss + 150 else "no"} |
| the same in PSS (shared pages counted once between processes: the memory the worker's processes take) | <= {single_pss + 150:.0f} MB | {worker_pss:.0f} MB (`audiokit run` peak PSS {single_pss:.0f} MB) | {"yes" if worker_pss <= single_pss + 150 else "no"} |

Each scaling run, from scratch. CPU seconds: *episodes* are the episode processes with the tools
they ran (each record's `cpu_seconds`): the same 8 episodes, one at a time (`--workers 1`) and two at
once (`--workers 2`); *engine* the Dask workers and their helper processes (start-up, models loaded
once per helper); *client* this process (Dask's scheduler and nannies, catalog.sqlite, the page).
*Tail*: seconds between the last two episodes' ends (one worker idle). The 1-minute load before each
`--workers 1` and `--workers 2` run says how quiet the machine was (2 cores: near 0 is quiet). The last
column accounts for the rest of the `--workers 2` run's 2 x wall core-seconds, from /proc/stat: the
seconds both cores' idle time adds up to, and the CPU other processes on the machine took meanwhile.
The timed runs sample no memory: the peak memory above comes from one more `--workers 2` run from
scratch, sampled every 200 ms (the sampler itself took {mem.sampler:.1f} CPU s of it, {mem.sampler / mem.wall * 100:.0f}% of a core).

| run | `--workers 1` | `--workers 2` | ratio | episodes' CPU (1 → 2) | engine CPU (1 / 2) | client CPU (1 / 2) | tail | load before (1 / 2) | `--workers 2`: machine idle / others' CPU |
|---|---|---|---|---|---|---|---|---|---|
{chr(10).join(_run_row(n, a, b) for n, (a, b) in enumerate(runs, 1))}

Scheduling cost: {STUBS:,} stub tasks (each sleeps 10 ms) submitted and tracked through the batch's own
code path (`run_batch`, catalog.json and all) on a `dask scheduler` with two `dask worker` processes:
{stubs["wall"]:.1f} s wall, {stubs["per_task_ms"]:.2f} ms per task, of which {stubs["overhead_ms"]:.2f} ms
beyond the sleep shared by two workers. Scheduler memory: {stubs["sched_base"]:.0f} MB idle,
{stubs["sched_peak"]:.0f} MB at peak ({stubs["sched_per_task_kb"]:.1f} kB per task held). On paper, Dask's
scheduler costs about 1 ms of its own CPU per task: 10,000 episodes are 10 s of scheduling against hours
of alignment, so the engine is not what limits a catalogue.

Extrapolation to 10,000 one-hour episodes, from the measured {cpu_per_audio * 60:.1f} CPU seconds per minute
of audio of a single-process `audiokit run` ({hour / 60:.1f} CPU minutes per one-hour episode on this
machine's cores), one single-threaded worker per core:

| workers (cores) | alignment work | with measured scheduling overhead |
|---|---|---|
{chr(10).join(rows)}

Workers needed to finish in 24 hours: {day:.0f}; in a week: {week:.0f}. Memory for a one-hour episode
per worker is not measured here (the episodes are 3-6 minutes); `bench_align.py --long` measures a
3-hour alignment's memory.
"""
    update_section("batch", md)
    print(md)


if __name__ == "__main__":
    main()
