"""Which characters an installed font file can draw: the timeline picture and the audiograms
choose fonts by it, so a name in another script is drawn, or said to be missing, not boxed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["charmap"]


@lru_cache(maxsize=32)
def charmap(path: str | Path) -> frozenset[int]:
    """The code points the font file ``path`` has glyphs for (empty when it cannot be read).

    >>> charmap("no-such-font.ttf")
    frozenset()
    """
    from matplotlib.ft2font import FT2Font  # matplotlib reads the font; it is loaded only here

    try:
        return frozenset(FT2Font(str(path)).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()
