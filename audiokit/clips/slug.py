"""Safe file-name slugs for speaker labels.

A slug is lowercase ASCII letters and digits joined by single hyphens, at most 40
characters, never empty and never a name Windows reserves, whatever the label contains
(accents are folded, other scripts and symbols dropped).

>>> slug("Aparna Dhinakaran"), slug("José Núñez-O'Brien"), slug("../../etc"), slug("李雷")
('aparna-dhinakaran', 'jose-nunez-o-brien', 'etc', 'speaker')
>>> speaker_slugs(["Ann", "ANN", "Bob"])
{'Ann': 'ann', 'ANN': 'ann-2', 'Bob': 'bob'}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["MAX_LENGTH", "slug", "speaker_slugs"]

MAX_LENGTH = 40
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))]
)


def slug(label: str) -> str:
    """The slug of one label (see the module docstring)."""
    folded = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii").lower()
    parts = re.findall(r"[a-z0-9]+", folded)
    out = ""
    for p in parts:
        candidate = f"{out}-{p}" if out else p
        if len(candidate) > MAX_LENGTH:
            if not out:
                out = p[:MAX_LENGTH]
            break
        out = candidate
    if not out:
        return "speaker"
    if out in _RESERVED:
        out = f"{out}-speaker"
    return out


def speaker_slugs(labels: Iterable[str]) -> dict[str, str]:
    """A distinct slug for each distinct label, numbered ``-2``, ``-3``... on collisions."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for label in labels:
        if label in out:
            continue
        base = slug(label)
        name, k = base, 1
        while name in used:
            k += 1
            suffix = f"-{k}"
            name = base[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        used.add(name)
        out[label] = name
    return out
