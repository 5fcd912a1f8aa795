"""When a candidate cue is on screen (pure): :class:`Timer`, the style's timing rules in milliseconds.

>>> from audiokit.captions.styles import STYLES
>>> Timer(STYLES["netflix"], None).times(1000, 0, 1800, 2000, lead=False)
(1000, 1917)
"""

from __future__ import annotations

from audiokit.captions.styles import Style

__all__ = ["Timer", "ms"]


def ms(t: float) -> int:
    """Seconds as whole milliseconds."""
    return round(t * 1000)


class Timer:
    """Start and end of a candidate cue from its first and last token (style in ms)."""

    def __init__(self, style: Style, duration_ms: int | None) -> None:
        self.style = style
        self.gap = ms(style.min_gap)
        self.tail = ms(style.max_end_lag)
        self.tol = ms(style.start_tolerance)
        self.max_dur = ms(style.max_duration)
        self.min_dur = ms(style.min_duration)
        self.duration_ms = duration_ms

    def times(self, start: int, prev_end: int | None, last_end: int, next_start: int | None, lead: bool) -> tuple[int, int]:
        """(start, end) of a cue whose words run from ``start`` to ``last_end``, between the cue before
        (ending ``prev_end``) and the next (starting ``next_start``); ``lead``: it may start early."""
        if lead:
            room = start if prev_end is None else start - prev_end - self.gap - self.tail
            start -= max(0, min(self.tol, room))
        end = last_end + self.tail
        if next_start is not None:
            limit = next_start - self.gap
            end = min(end, limit if limit > start else next_start)
        end = min(end, start + self.max_dur)
        if self.duration_ms is not None and self.duration_ms > start:
            end = min(end, self.duration_ms)
        return start, max(end, start)

    def needs_time(self, start: int, end: int, chars: int, words: int) -> bool:
        return self.speed_excess(start, end, chars, words) > 0 or end - start < self.min_dur

    def speed_excess(self, start: int, end: int, chars: int, words: int) -> float:
        """How far over the reading-speed limits (cps, or wpm/10), 0 when within them."""
        span = end - start
        excess = 0.0
        if self.style.max_cps is not None:
            cps = chars * 1000 / span if span > 0 else float("inf")
            excess = max(excess, cps - self.style.max_cps)
        if self.style.max_wpm is not None:
            wpm = words * 60000 / span if span > 0 else float("inf")
            excess = max(excess, (wpm - self.style.max_wpm) / 10)
        return excess
