"""Episodes with transcribers' notes timed as the aligner times them, for tests: a transcript read
by the plain reader, its said words placed evenly, and the notes given the pauses they sit in."""

from __future__ import annotations

from dataclasses import replace

from audiokit.align.notes import with_notes, without_notes
from audiokit.model import Episode
from audiokit.transcripts import plain


def timed_plain(text: str, first_pause: float, step: float, length: float, pause: float = 0.0) -> Episode:
    """``text`` read as plain turns, each said word ``step`` seconds after the one before (lasting
    ``length``), with ``first_pause`` seconds after the first turn and ``pause`` after the others."""
    ep = plain.parse(text).episode
    said, t, timed = without_notes(ep), 0.0, []
    for k, turn in enumerate(said.turns):
        for w in turn.words:
            timed.append(replace(w, start=round(t, 3), end=round(t + length, 3), confidence=1.0))
            t += step
        t += first_pause if k == 0 else pause
    return with_notes(ep, said.with_words(timed), t + 1.0)
