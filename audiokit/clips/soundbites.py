"""Podcasting 2.0 ``<podcast:soundbite>`` lines for an episode's feed item.

>>> print(soundbite_lines([(73.25, 31.5, "AI & “evals” <now>")]))
<podcast:soundbite startTime="73.25" duration="31.5">AI &amp; “evals” &lt;now&gt;</podcast:soundbite>
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

__all__ = ["NAMESPACE", "soundbite_lines"]

NAMESPACE = "https://podcastindex.org/namespace/1.0"
_TITLE_MAX = 128  # the namespace's limit on a soundbite title


def _seconds(t: float) -> str:
    return f"{round(t, 3):.3f}".rstrip("0").rstrip(".")


def soundbite_lines(bites: Iterable[tuple[float, float, str]]) -> str:
    """One ``<podcast:soundbite startTime duration>title</podcast:soundbite>`` line per
    ``(start, duration, title)``; titles are escaped and cut to 128 characters."""
    lines = []
    for start, duration, title in bites:
        t = title if len(title) <= _TITLE_MAX else title[: _TITLE_MAX - 1].rstrip() + "…"
        lines.append(
            f"<podcast:soundbite startTime={quoteattr(_seconds(start))} "
            f"duration={quoteattr(_seconds(duration))}>{escape(t)}</podcast:soundbite>"
        )
    return "\n".join(lines)
