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

import re

__all__ = ["SRT_TIMING", "VTT_TIMING", "clock", "iso_duration", "ms", "srt_time", "timing_lines", "vtt_time"]

_VTT_STAMP = r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"  # WebVTT's own: minutes and seconds under 60
_SRT_STAMP = r"\d{1,2}:[0-5]\d:[0-5]\d[,.]\d{1,3}"
VTT_TIMING = re.compile(rf"^[^\S\n]*{_VTT_STAMP}[^\S\n]+-->[^\S\n]+{_VTT_STAMP}(?:[^\S\n]|$)")
SRT_TIMING = re.compile(rf"^[^\S\n]*{_SRT_STAMP}[^\S\n]*-->[^\S\n]*{_SRT_STAMP}(?:[^\S\n]|$)")


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
    """``HH:MM:SS.mmm`` (negative times as zero)."""
    h, m, s, milli = _hmsm(seconds)
    return f"{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def srt_time(seconds: float) -> str:
    """``HH:MM:SS,mmm``, SRT's comma before the milliseconds."""
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


def timing_lines(text: str, form: re.Pattern[str]) -> tuple[int, tuple[int, str] | None]:
    """How many cue timing lines (with ``-->``, outside NOTE, STYLE and REGION blocks) ``text``
    has, and the first as (line number, line) that does not match ``form``: caption readers
    (webvtt-py) pass over a cue whose time they cannot read, and these tell that it happened.

    >>> timing_lines("WEBVTT\\n\\nNOTE a --> b\\n\\n00:01.000 --> 00:02.000\\nHi\\n\\n99:99.000 --> 00:03.000\\nYo", VTT_TIMING)
    (2, (8, '99:99.000 --> 00:03.000'))
    """
    count, bad, skipping, block_start = 0, None, False, True
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if not line.strip():
            skipping, block_start = False, True
            continue
        if block_start:
            skipping = line.startswith(("NOTE", "STYLE", "REGION"))
            block_start = False
        if not skipping and "-->" in line:
            count += 1
            if bad is None and not form.match(line):
                bad = (number, line.strip())
    return count, bad
