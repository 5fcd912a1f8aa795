"""A count with its noun, for the one-line notes commands print."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, the noun plural (an ``s`` added) unless ``n`` is 1.

    >>> counted(1, "chapter"), counted(7, "chapter"), counted(0, "clip")
    ('1 chapter', '7 chapters', '0 clips')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
