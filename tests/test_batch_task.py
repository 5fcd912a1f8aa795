"""The per-episode task: each episode in a child process of the worker, its record back, and
whatever kills the child reported as that episode's failure."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from audiokit.batch.task import Job, run_episode
from audiokit.pipeline import Options


def _job(tmp_path: Path, audio: str = "missing.mp3") -> Job:
    (tmp_path / "t.txt").write_text("Ann: Hello there.\n", encoding="utf-8")
    return Job("ep", "Ep", str(tmp_path / audio), str(tmp_path / "t.txt"), str(tmp_path / "out" / "ep"), Options())


def test_the_child_returns_the_episode_record(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    rec = run_episode(_job(tmp_path))
    assert rec["id"] == "ep" and rec["status"] == "failed"
    assert "missing.mp3" in rec["reason"] and "no such file" in rec["reason"]


@pytest.mark.parametrize(("script", "said"), [
    ("kill -KILL $$", "the process running it was killed by SIGKILL (out of memory?)"),
    ("echo 'Segmentation fault' >&2; exit 139", "internal error (a bug in audiokit, please report it): Segmentation fault"),
])
def test_a_child_that_dies_fails_its_episode_alone(tmp_path: Path, monkeypatch, script: str, said: str) -> None:
    python = tmp_path / "python"
    python.write_text(f"#!/bin/sh\ncat >/dev/null\n{script}\n", encoding="utf-8")
    os.chmod(python, 0o755)
    monkeypatch.setattr(sys, "executable", str(python))
    rec = run_episode(_job(tmp_path))
    assert rec["status"] == "failed" and rec["reason"] == said
