"""Timestamps as caption formats write them (pure).

>>> vtt_time(3723.4567)
'01:02:03.457'
>>> srt_time(62.5)
'00:01:02,500'
>>> clock(62.5), clock(3723.0)
('1:02', '1:02:03')
>>> iso_duration(62.5)
'PT1M2.5S'
"""

from __future__ import annotations

__all__ = ["clock", "iso_duration", "ms", "srt_time", "vtt_time"]


def ms(seconds: float) -> int:
    """Seconds to whole milliseconds, halves away from zero (as webvtt-py writes them)."""
    return int(seconds * 1000 + 0.5) if seconds >= 0 else -int(-seconds * 1000 + 0.5)


def _hmsm(seconds: float) -> tuple[int, int, int, int]:
    total = ms(max(0.0, seconds))
    h, rest = divmod(total, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return h, m, s, milli


def vtt_time(seconds: float) -> str:
    h, m, s, milli = _hmsm(seconds)
    return f"{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def srt_time(seconds: float) -> str:
    return vtt_time(seconds).replace(".", ",")


def clock(seconds: float) -> str:
    """``M:SS`` under an hour, ``H:MM:SS`` from then on (whole seconds, rounded down)."""
    h, m, s, _ = _hmsm(seconds)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration, for the ``datetime`` attribute of HTML ``<time>``."""
    h, m, s, milli = _hmsm(seconds)
    sec = f"{s}.{milli:03d}".rstrip("0").rstrip(".") if milli else str(s)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + f"{sec}S"
