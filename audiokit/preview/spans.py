"""When each person talks (pure): each speaker's turns, without turns of transcribers' notes only.

A turn's :attr:`~audiokit.model.Turn.span` runs from its first to its last said word (a note such as
"[MUSIC PLAYING]" opening it is timed by the pause it sits in, :mod:`audiokit.align.notes`, and is not
that speaker's talk); a turn of notes only is nobody's talk.
"""

from __future__ import annotations

from audiokit.model import Episode

__all__ = ["talk_spans"]


def talk_spans(episode: Episode) -> dict[str, list[tuple[float, float]]]:
    """Each speaker's stretches of talk (seconds), in order of first turn, skipping turns of
    notes only (a "[MUSIC PLAYING]" line is nobody's talk) and untimed turns.

    >>> from audiokit.model import Sentence, Turn, Word
    >>> ep = Episode((Turn("Ann", (Sentence((Word("[Music]", 0.0, 9.0), Word("Hi.", 9.0, 9.4))),)),
    ...               Turn("Bob", (Sentence((Word("(laughs)", 9.4, 10.0),)),)),
    ...               Turn("Bob", (Sentence((Word("Hello.", 10.0, 10.5),)),))))
    >>> talk_spans(ep)
    {'Ann': [(9.0, 9.4)], 'Bob': [(10.0, 10.5)]}
    """
    out: dict[str, list[tuple[float, float]]] = {}
    for turn in episode.turns:
        span = turn.span
        if span is not None and not all(w.note for w in turn.words):
            out.setdefault(turn.speaker, []).append((span.start, span.end))
    return out
