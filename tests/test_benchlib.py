"""scripts/benchlib.py: the bench's machine-load label judges other processes, not its own runs."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import benchlib


def test_own_runs_do_not_make_the_machine_busy(monkeypatch):
    # A bench that kept both cores busy itself for 100 s (a high load average at its end) while
    # other processes took 2 CPU seconds: a quiet machine.
    monkeypatch.setattr(benchlib, "_START", (0.0, 1000.0, 10.0))
    monkeypatch.setattr(benchlib.time, "perf_counter", lambda: 100.0)
    monkeypatch.setattr(benchlib, "_machine_busy", lambda: 1000.0 + 202.0)
    monkeypatch.setattr(benchlib, "_own_cpu", lambda: 10.0 + 200.0)
    monkeypatch.setattr(benchlib.os, "getloadavg", lambda: (2.7, 2.5, 2.0))
    monkeypatch.setattr(benchlib.os, "cpu_count", lambda: 2)
    note = benchlib.load_note()
    assert note.startswith("other processes took 0.02 of 2 cores")
    assert "a quiet machine" in note and "load average 2.7" in note


def test_others_load_makes_it_busy(monkeypatch):
    # The same bench beside another job that took one core throughout.
    monkeypatch.setattr(benchlib, "_START", (0.0, 1000.0, 10.0))
    monkeypatch.setattr(benchlib.time, "perf_counter", lambda: 100.0)
    monkeypatch.setattr(benchlib, "_machine_busy", lambda: 1000.0 + 300.0)
    monkeypatch.setattr(benchlib, "_own_cpu", lambda: 10.0 + 200.0)
    assert "a busy machine" in benchlib.load_note()


def test_threshold():
    assert "quiet" in benchlib.load_label(benchlib.BUSY_CORES, 2, 0.0)
    assert "busy" in benchlib.load_label(benchlib.BUSY_CORES + 0.01, 2, 0.0)
    assert benchlib.others_cores(50.0, 20.0, 0.0) == 0.0


def test_measures_this_machine():
    # The real sources: the machine's busy time includes this process's own.
    busy, own = benchlib._machine_busy(), benchlib._own_cpu()
    assert busy > 0 and own > 0


def test_docstring_examples():
    import doctest

    assert doctest.testmod(benchlib).failed == 0
