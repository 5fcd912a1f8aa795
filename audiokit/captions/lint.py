"""Checking cues against a caption style (pure).

Hard rules (a file breaking one is not fit to publish): lines per cue, characters per line,
overlapping cues, maximum duration, more than one speaker in a cue, a cue that ends before it
starts (a typo in its end time: no player shows it). Soft rules: reading
speed, minimum duration, gap between cues (cues that touch, with no gap at all, are taken
as deliberately chained). A transcriber's note shown in a cue ("[laughs]") is displayed text, so
it counts toward the reading speed like every other character (Netflix counts all displayed
text); audiokit gives a note a cue of its own only in a pause that holds its reading time
(:mod:`.notes`), so such a cue breaks neither reading speed nor minimum duration.

>>> from audiokit.captions.cue import Cue
>>> from audiokit.captions.styles import STYLES
>>> cues = [Cue(0.0, 1.0, "A", ("x" * 43,)), Cue(0.9, 9.0, "A", ("ok",))]
>>> [(v.index, v.rule, v.hard) for v in check(cues, STYLES["netflix"])]
[(1, 'chars-per-line', True), (1, 'reading-speed', False), (2, 'overlap', True), (2, 'max-duration', True)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from audiokit.captions.styles import Style
from audiokit.captions.timefmt import ms, vtt_time

__all__ = ["HARD_RULES", "SOFT_RULES", "Shown", "Violation", "check", "summary"]

HARD_RULES = ("lines-per-cue", "chars-per-line", "overlap", "max-duration", "mixed-speakers", "ends-before-start")
SOFT_RULES = ("reading-speed", "min-duration", "gap")


class Shown(Protocol):
    """What the linter needs of a cue (:class:`~.cue.Cue` and :class:`~.readers.ShownCue`)."""

    @property
    def start(self) -> float: ...
    @property
    def end(self) -> float: ...
    @property
    def display_lines(self) -> tuple[str, ...]: ...
    @property
    def speakers(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Violation:
    """One broken rule: 1-based cue ``index``, cue ``start`` (s), the measured value."""

    index: int
    start: float
    rule: str
    measured: str
    limit: str

    @property
    def hard(self) -> bool:
        """Whether the rule is one of :data:`HARD_RULES`."""
        return self.rule in HARD_RULES

    def __str__(self) -> str:
        kind = "hard" if self.hard else "soft"
        return f"cue {self.index} at {vtt_time(self.start)}: {self.rule} {self.measured} (limit {self.limit}, {kind})"


def _num(x: float) -> str:
    return f"{x:.1f}" if x != int(x) else str(int(x))


def reading_speed(cue: Shown) -> tuple[float, float]:
    """(characters a second, words a minute) of a cue: every shown character counts,
    spaces and punctuation included, line breaks not."""
    span = ms(cue.end) - ms(cue.start)
    chars = sum(len(line) for line in cue.display_lines)
    words = sum(len(line.split()) for line in cue.display_lines)
    if span <= 0:
        return float("inf"), float("inf")
    return chars * 1000 / span, words * 60000 / span


def check(cues: Sequence[Shown], style: Style) -> list[Violation]:
    """Every violation of ``style`` by ``cues`` (in file order), cue by cue."""
    out: list[Violation] = []
    previous: Shown | None = None
    for index, cue in enumerate(cues, start=1):
        def add(rule: str, measured: str, limit: str, index: int = index, cue: Shown = cue) -> None:
            out.append(Violation(index, cue.start, rule, measured, limit))

        lines = list(cue.display_lines)
        if len(lines) > style.max_lines:
            add("lines-per-cue", f"{len(lines)} lines", str(style.max_lines))
        longest = max((len(line) for line in lines), default=0)
        if longest > style.max_chars:
            add("chars-per-line", f"{longest} characters", str(style.max_chars))
        if len(set(cue.speakers)) > 1:
            add("mixed-speakers", " + ".join(cue.speakers), "1 speaker")
        start, end = ms(cue.start), ms(cue.end)
        if previous is not None:
            gap = start - ms(previous.end)
            if gap < 0:
                add("overlap", f"{-gap / 1000:.3f} s over cue {index - 1}", "none")
            elif 0 < gap < ms(style.min_gap):
                add("gap", f"{gap / 1000:.3f} s", f"{style.min_gap:.3f} s or touching")
        duration = (end - start) / 1000
        if end < start:  # shown from start until before end: never; its speed and length mean nothing
            add("ends-before-start", f"{duration:.3f} s", "0 s or more")
            previous = cue
            continue
        if duration > style.max_duration + 1e-9:
            add("max-duration", f"{duration:.3f} s", f"{_num(style.max_duration)} s")
        cps, wpm = reading_speed(cue)
        if style.max_cps is not None and cps > style.max_cps + 1e-9:
            add("reading-speed", f"{cps:.2f} characters/s", f"{_num(style.max_cps)}")
        elif style.max_wpm is not None and wpm > style.max_wpm + 1e-9:
            add("reading-speed", f"{wpm:.0f} words/min", f"{_num(style.max_wpm)}")
        if duration < style.min_duration - 1e-9:
            add("min-duration", f"{duration:.3f} s", f"{style.min_duration:.3f} s")
        previous = cue
    return out


def summary(violations: Sequence[Violation], cue_count: int) -> str:
    """One line: the number of cues and the violations by rule, hard first.

    >>> summary([], 12)
    '12 cues: no violations'
    """
    if not violations:
        return f"{cue_count} cues: no violations"
    counts = Counter(v.rule for v in violations)
    hard = [f"{r} {counts[r]}" for r in HARD_RULES if counts[r]]
    soft = [f"{r} {counts[r]}" for r in SOFT_RULES if counts[r]]
    n_hard = sum(counts[r] for r in HARD_RULES)
    n_soft = sum(counts[r] for r in SOFT_RULES)
    parts = [f"{n_hard} hard" + (f" ({', '.join(hard)})" if hard else "")]
    parts.append(f"{n_soft} soft" + (f" ({', '.join(soft)})" if soft else ""))
    return f"{cue_count} cues: " + ", ".join(parts) + " violations"
