"""When each person talks (pure): a turn's said words, not the transcribers' notes in it.

A note ("[MUSIC PLAYING]", "(laughter)") is timed by the pause it sits in
(:mod:`audiokit.align.notes`), so a turn that opens with 30 s of intro music has a
:attr:`~audiokit.model.Turn.span` from 0.0: drawn or listed as that speaker's talk, the music
would be theirs. :func:`talk_span` is the span of the turn's said words (a turn of notes only
keeps its notes' span: there is nothing else to show it by).

>>> from audiokit.model import Sentence, Turn, Word
>>> turn = Turn("Ann", (Sentence((Word("[MUSIC PLAYING]", 0.0, 30.0), Word("Welcome.", 30.0, 30.6))),))
>>> turn.span, talk_span(turn)
(Span(start=0.0, end=30.6), Span(start=30.0, end=30.6))
"""

from __future__ import annotations

from audiokit.model import Episode, Span, Turn

__all__ = ["talk_span", "talk_spans"]


def talk_span(turn: Turn) -> Span | None:
    """The span of the turn's timed said words (None when none is timed); of its notes when it
    has no said word."""
    if all(w.note for w in turn.words):
        return turn.span
    said = [w.span for w in turn.words if w.span is not None and not w.note]
    if not said:
        return None
    return Span(min(s.start for s in said), max(s.end for s in said))


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
        if all(w.note for w in turn.words):
            continue
        span = talk_span(turn)
        if span is not None:
            out.setdefault(turn.speaker, []).append((span.start, span.end))
    return out
