"""Length presets for the platforms clips are posted to (``--platform``).

The longest clip to cut for each: YouTube Shorts 60 s (the long-standing Shorts limit; longer
uploads have been accepted since late 2024, but 60 s is what every Shorts surface takes),
Instagram Reels 90 s (the long-standing Reels limit), TikTok 60 s (TikTok takes far longer
videos; a minute keeps a clip a highlight), X 140 s (2:20, the longest video a standard
account may post). An explicit ``--max-seconds`` wins over the preset.

>>> max_seconds("reels"), max_seconds(None, 45.0), max_seconds("x", 30.0)
(90.0, 45.0, 30.0)
"""

from __future__ import annotations

__all__ = ["DEFAULT_MAX_SECONDS", "PLATFORMS", "max_seconds"]

DEFAULT_MAX_SECONDS = 60.0
PLATFORMS = {"shorts": 60.0, "reels": 90.0, "tiktok": 60.0, "x": 140.0}


def max_seconds(platform: str | None, given: float | None = None) -> float:
    """The longest clip: ``given`` when set, else the platform's preset, else 60 s.
    :class:`ValueError` for an unknown platform."""
    if platform is not None and platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r} (one of {', '.join(PLATFORMS)})")
    if given is not None:
        return float(given)
    return PLATFORMS[platform] if platform is not None else DEFAULT_MAX_SECONDS
