"""Letters of any script, combining marks included.

Python's ``\\w`` and ``str.isalpha`` leave out combining marks (Unicode category M): the vowel
signs and viramas of Devanagari, Telugu and the other Indic scripts, and decomposed accents.
A regular expression built on ``[^\\W\\d_]`` cuts "नमस्ते" into "नमस", "त"; these helpers keep
such a word whole.
"""

from __future__ import annotations

import unicodedata


def _mark_ranges(end: int = 0x30000) -> str:
    """A character-class body of every combining mark below ``end`` (by default those beyond the
    Basic Multilingual Plane too: the vowel signs of Chakma, Brahmi, Sharada, Adlam, ..., which
    ``\\w`` leaves out as well)."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x300, end):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(_esc(a) if a == b else f"{_esc(a)}-{_esc(b)}" for a, b in ranges)


def _esc(code: int) -> str:
    """A code point as a regular-expression escape (``\\u`` in the BMP, else ``\\U``)."""
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


MARKS = _mark_ranges()
# Those of the Basic Multilingual Plane: a class of them matches 3 times as fast (its ranges
# beyond it are tried one by one on every character that is not in it), for text without others.
BMP_MARKS = _mark_ranges(0x10000)
# One letter of a word: a letter of any script or a combining mark (use as ``LETTER + "+"``).
LETTER = rf"(?:[^\W\d_]|[{MARKS}])"
# One character of a word token: a letter or digit of any script, or a combining mark.
WORD_CHAR = rf"(?:[^\W_]|[{MARKS}])"


def letters(text: str, keep: str = "'") -> str:
    """The letters, digits, combining marks and ``keep`` characters of ``text``.

    >>> letters("नमस्ते,"), letters("l'euro!"), letters("మాట్లాడుదాం।")
    ('नमस्ते', "l'euro", 'మాట్లాడుదాం')
    """
    return "".join(c for c in text if c.isalnum() or c in keep or unicodedata.category(c).startswith("M"))
