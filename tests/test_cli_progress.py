"""The progress display on a terminal: what stays on screen once the stages have run."""

from __future__ import annotations

import io

import pytest

from audiokit.cli.progress import ProgressBar
from audiokit.cli.run import StageProgress


class Terminal(io.StringIO):
    """A stream that says it is a terminal; :meth:`screen` is what a terminal would show."""

    def isatty(self) -> bool:
        return True

    def screen(self) -> list[str]:
        # Each line shows what was written after its last carriage return.
        return [line.split("\r")[-1].strip() for line in self.getvalue().split("\n") if line.split("\r")[-1].strip()]


@pytest.mark.parametrize("kind", [ProgressBar, StageProgress])
def test_a_pass_given_up_for_another_leaves_no_frozen_bar(kind: type[ProgressBar]) -> None:
    # The aligner's pass between pauses may stop part-way and hand over to recognition: its bar
    # stood frozen at 59% above the new ones, which read as a hang.
    term = Terminal()
    bar = kind(stream=term)
    for k in range(1, 8):
        bar("aligning", k, 12)  # given up at 7 of 12
    for k in range(1, 4):
        bar("recognizing", k, 3)
    for k in range(1, 5):
        bar("aligning", k, 4)
    bar.close()
    shown = term.screen()
    assert [line.split()[0] for line in shown] == ["recognizing", "aligning"]
    assert all("#" * 30 in line for line in shown)  # both bars full


def test_finished_stages_stay_on_screen() -> None:
    term = Terminal()
    bar = StageProgress(stream=term)
    for stage in ("reading", "captions", "chapters"):
        bar(stage, 0, 2)
        bar(stage, 2, 2)
    bar.close()
    assert [line.split()[0] for line in term.screen()] == ["reading", "captions", "chapters"]
