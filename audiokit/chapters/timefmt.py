"""Clock-time spellings the chapter formats use.

>>> clock(3725.5), clock(3725.5, hours=False), short_clock(65.9), short_clock(3725.0)
('01:02:05.500', '62:05.500', '1:05', '1:02:05')
"""

from __future__ import annotations


def _ms(seconds: float) -> int:
    return max(0, round(seconds * 1000))


def clock(seconds: float, hours: bool = True) -> str:
    """``HH:MM:SS.mmm`` (or ``MM:SS.mmm`` with ``hours=False``, minutes not wrapped)."""
    ms = _ms(seconds)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    if hours:
        return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"
    return f"{h * 60 + m:02d}:{s:02d}.{ms:03d}"


def short_clock(seconds: float) -> str:
    """``M:SS`` below an hour, ``H:MM:SS`` from an hour on, seconds truncated (YouTube style)."""
    whole = max(0, int(seconds + 1e-6))
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
