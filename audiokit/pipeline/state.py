"""One run's working state: the options, the cache, the files written into OUT and the lines
for people, shared by the stage functions (:mod:`.stages`, :mod:`.media`)."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audiokit.pipeline.cache import Cache
from audiokit.pipeline.options import Options
from audiokit.textio import write_bytes_atomic

__all__ = ["Progress", "StageRun", "State"]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class StageRun:
    """How a stage went: ``cached`` when its result came from the cache."""

    name: str
    cached: bool
    seconds: float


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class State:
    """What the stages of one run share (see the module docstring)."""

    audio: Path
    transcript: Path
    out: Path
    options: Options
    progress: Progress
    cache: Cache
    decoded: Any = None  # the episode's 16 kHz mono samples, when this run decoded them
    measured: Any = None  # the loudness meter's reading of the audio, when this run measured it
    # Told the episode's language (ISO 639-1) once the run knows it: a caller can then name it
    # for a run that fails after that (a batch's catalogue does).
    on_language: Callable[[str], None] = lambda code: None
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stages: list[StageRun] = field(default_factory=list)

    # -- writing into OUT --------------------------------------------------------------

    def put_bytes(self, name: str, data: bytes) -> Path:
        """Write ``OUT/name`` unless it already holds exactly ``data`` (written by us)."""
        path = self.out / name
        digest = _sha(data)
        if not (self.cache.wrote(path) and self.cache.digest(path) == digest):
            self.cache.claim(path)
            write_bytes_atomic(path, data)
            self.cache.remember(path, digest)
            self.cache.record(path, digest)
        self.files.append(path)
        return path

    def put_text(self, name: str, text: str) -> Path:
        """:meth:`put_bytes` of ``text`` as UTF-8."""
        return self.put_bytes(name, text.encode("utf-8"))

    def timed(self, name: str, began: float, cached: bool) -> None:
        """Record that stage ``name`` (begun at ``began``, a perf-counter time) finished."""
        self.stages.append(StageRun(name, cached, time.perf_counter() - began))
        self.progress(name + (" (reused)" if cached else ""), 1, 1)
