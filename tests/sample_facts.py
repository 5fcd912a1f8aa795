"""Facts of the sample episode in samples/, read from its own files, so tests hold for any
sample that ``scripts/make_sample.py`` regenerates (its speakers, turns and title are never
written into a test)."""

from __future__ import annotations

import json
import re
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TEXT = SAMPLES / "episode.txt"
TRUTH = json.loads((SAMPLES / "episode.truth.json").read_text(encoding="utf-8"))


def speakers() -> list[str]:
    """Speaker names in order of first appearance (from the synthesis truth)."""
    return list(dict.fromkeys(t["speaker"] for t in TRUTH["turns"]))


def title() -> str:
    """The transcript's title: its first non-empty line."""
    return next(line.strip() for line in TEXT.read_text(encoding="utf-8").splitlines() if line.strip())


def roles() -> dict[str, str]:
    """Each speaker's role as the first labelled turn writes it (``Name, Role, Org: ...``)."""
    out: dict[str, str] = {}
    for name in speakers():
        m = re.search(rf"^{re.escape(name)}, ([^:]*):", TEXT.read_text(encoding="utf-8"), re.MULTILINE)
        if m:
            out[name] = m.group(1).strip()
    return out


def turn_count(speaker: str | None = None) -> int:
    """Number of turns (of ``speaker``, or of everyone)."""
    return sum(1 for t in TRUTH["turns"] if speaker is None or t["speaker"] == speaker)


def word_count() -> int:
    """Whitespace-separated words of the spoken turns."""
    return sum(len(t["text"].split()) for t in TRUTH["turns"])
