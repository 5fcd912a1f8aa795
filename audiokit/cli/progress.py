"""A progress bar on stderr: redrawn in place on a terminal, a line per stage otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Callable as ``progress(stage, done, total)``; silent when ``quiet``."""

    def __init__(self, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.stage: str | None = None
        self.began = time.monotonic()
        self.finished = True  # whether the current stage's last report was its end

    def _switch(self, stage: str, now: float) -> None:
        """A new stage begins. On a terminal a finished stage's bar stays on its line; one left
        unfinished (a pass given up for another, as the aligner's pass between pauses may be)
        is cleared rather than left on screen, frozen part-way."""
        if self.stage is not None and self.tty:
            self.stream.write("\n" if self.finished else "\r" + " " * 72 + "\r")
        self.stage, self.began = stage, now

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if stage != self.stage:
            self._switch(stage, time.monotonic())
        self.finished = done >= total
        if self.tty:
            width = 30
            filled = int(width * done / max(total, 1))
            elapsed = time.monotonic() - self.began
            left = elapsed / done * (total - done) if done else 0.0
            self.stream.write(
                f"\r{stage:<12} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
                f"  {int(left) // 60}:{int(left) % 60:02d} left "
            )
            self.stream.flush()
        elif done == total:
            self.stream.write(f"{stage}: done ({total} parts, {time.monotonic() - self.began:.1f} s)\n")

    def close(self) -> None:
        """End the bar's line on a terminal."""
        if self.tty and self.stage is not None and not self.quiet:
            self.stream.write("\n")
            self.stream.flush()
