"""The one pipeline run on samples/ that the pipeline, preview and browser tests share.

Alignment of the 7-minute sample takes about half a minute, so it runs once per test session, into a
temporary folder, the first time a test asks for :func:`pipeline_out`. Other test modules
import the fixture from here (``from test_pipeline_shared import pipeline_out``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from audiokit.pipeline import Result, run

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
AUDIO, TRANSCRIPT = SAMPLES / "episode.mp3", SAMPLES / "episode.txt"

_RUN: dict[str, tuple[Path, Result]] = {}


def needs_tools() -> None:
    """Skip when ffmpeg or espeak-ng (used by alignment) is missing."""
    for tool in ("ffmpeg", "ffprobe", "espeak-ng"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")


def shared_run(factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """(OUT folder, result) of the session's one pipeline run on samples/."""
    if "run" not in _RUN:
        needs_tools()
        out = factory.mktemp("pipeline") / "out"
        _RUN["run"] = (out, run(AUDIO, TRANSCRIPT, out))
    return _RUN["run"]


@pytest.fixture(scope="session")
def pipeline_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """The shared pipeline run (see the module docstring). Tests must not change its folder:
    copy it (:func:`copy_out`) to try something else."""
    return shared_run(tmp_path_factory)


def copy_out(out: Path, target: Path) -> Path:
    """A copy of an output folder, cache included, to run the pipeline on again."""
    shutil.copytree(out, target, symlinks=True)
    return target
