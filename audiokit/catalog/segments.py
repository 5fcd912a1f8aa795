"""Cutting an episode's transcript into the passages the full-text index holds (pure).

A passage is a run of whole sentences of one turn, at most :data:`MAX_WORDS` words (a longer
sentence is cut), so a hit names one speaker and a short stretch of time. Its ``text`` is the
words as written joined by single spaces (a word never contains a space), and ``times`` holds
each word's start in milliseconds, ``None`` for a word the aligner did not place: the k-th
space-separated word of ``text`` starts at ``times[k]``. A transcriber's note ("[laughs]",
"[MUSIC PLAYING]") is a word of the passage as well, shown without the transcriber's clock
(:func:`audiokit.text.notes.shown`), with the time of the pause it sits in; it is no word of
the index (:func:`audiokit.catalog.tokens.said`), of the word counts, or of a passage's start.

Where a long sentence is cut, the next passage begins with the last :data:`LEAD` words before
the cut again (its ``lead``), so that a phrase across the cut is whole in one passage. Search
counts a match lying wholly in the lead only in the earlier passage (where it is whole too) and
word counts leave the lead out, so every phrase of up to ``LEAD + 1`` words is found exactly
once. Unpunctuated transcripts (automatic captions) make a whole turn one sentence, so these
cuts are common there.

>>> from audiokit.model import Episode, Turn, Sentence, Word
>>> ep = Episode((Turn("Ann", (Sentence((Word("Hi", 0.5, 0.7), Word("there.", 0.8, 1.1))),)),))
>>> [(p.speaker, p.text, p.times) for p in passages(ep)]
[('Ann', 'Hi there.', (500, 800))]
>>> ep = Episode((Turn("Ann", (Sentence((Word("[inaudible 00:00:42]", 0.0, 0.5), Word("Hi.", 0.5, 0.7))),)),))
>>> [(p.text, p.times, p.start, p.own_words) for p in passages(ep)]
[('[inaudible] Hi.', (0, 500), 500, 1)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from audiokit.model import Episode, Word
from audiokit.text.notes import is_note, shown

MAX_WORDS = 60
# Words repeated after a cut: a phrase of up to 13 words across it is found. That covers an
# unquoted query of the most words search takes (search.MAX_TERMS = 12) spoken in a row, and
# quoted phrases longer than people type (13 words are 4-5 s of speech), for 12 repeated words
# every 48 (25% more text) in the cut sentences only.
LEAD = 12

__all__ = ["LEAD", "MAX_WORDS", "Passage", "moment", "passages"]


@dataclass(frozen=True)
class Passage:
    """A stretch of one turn as indexed: ``times`` in milliseconds, one per word; the first
    ``lead`` words repeat the end of the passage before (see the module docstring)."""

    turn: int
    speaker: str
    text: str
    times: tuple[int | None, ...]
    lead: int = 0

    @property
    def own_words(self) -> int:
        """The said words of its own (the lead and the notes left out), what the word counts add up.

        >>> Passage(0, "Ann", "a b c (laughs)", (1, 2, 3, 4), lead=2).own_words
        1
        """
        return sum(1 for w in self.text.split(" ")[self.lead:] if not is_note(w))

    @property
    def start(self) -> int | None:
        """The first placed said word's start (ms), else the first placed note's, or None when
        no word of it was placed (a passage may open with a note that began long before its speech)."""
        timed = [(w, t) for w, t in zip(self.text.split(" "), self.times) if t is not None]
        return next((t for w, t in timed if not is_note(w)), timed[0][1] if timed else None)


def _ms(word: Word) -> int | None:
    return None if word.start is None else round(word.start * 1000)


def _one_word(text: str) -> str:
    # A word never holds a space in practice; keep it so, as word k is the k-th space-separated one.
    return "\u00a0".join(text.split())


def _chunks(words: Sequence[Word], limit: int, lead: int) -> Iterator[tuple[Sequence[Word], int]]:
    """Pieces of at most ``limit`` words, each after the first beginning with the last ``lead``
    words of the one before; with how many words it repeats.

    >>> [(len(c), n) for c, n in _chunks(list(range(70)), 30, 5)]
    [(30, 0), (30, 5), (20, 5)]
    """
    if not words:
        return
    yield words[:limit], 0
    for i in range(limit - lead, len(words) - lead, limit - lead):
        yield words[i : i + limit], lead


def _groups(sentences: Sequence[Sequence[Word]], max_words: int, lead: int) -> Iterator[tuple[list[Word], int]]:
    """Whole sentences packed into groups of at most ``max_words`` (a longer one is cut, see
    :func:`_chunks`), each with the number of words it repeats at its start."""
    pending: list[Word] = []
    repeats = 0
    for sentence in sentences:
        for chunk, overlap in _chunks([w for w in sentence if w.text.strip()], max_words, lead):
            # A chunk with a lead follows a full one, so it always opens a group (its lead first).
            if pending and (overlap or len(pending) + len(chunk) > max_words):
                yield pending, repeats
                pending, repeats = [], 0
            if not pending:
                repeats = overlap
            pending.extend(chunk)
    if pending:
        yield pending, repeats


def passages(episode: Episode, max_words: int = MAX_WORDS, lead: int = LEAD) -> list[Passage]:
    """The episode's passages in spoken order (see the module docstring); ``lead`` is at most
    ``(max_words - 1) // 2``, so that a word is repeated in one passage at most."""
    lead = max(0, min(lead, (max_words - 1) // 2))
    return [
        Passage(index, turn.speaker, " ".join(_one_word(shown(w.text) if w.note else w.text) for w in group),
                tuple(_ms(w) for w in group),
                repeats)
        for index, turn in enumerate(episode.turns)
        for group, repeats in _groups([s.words for s in turn.sentences], max_words, lead)
    ]


def moment(times: Sequence[int | None], word: int) -> int | None:
    """The start (ms) of word ``word``, else of the nearest placed word after it, else before.

    >>> moment((None, 1200, 1500), 0), moment((100, None), 1), moment((None,), 0) is None
    (1200, 100, True)
    """
    word = max(0, min(word, len(times) - 1)) if times else 0
    for t in times[word:]:
        if t is not None:
            return t
    for t in reversed(times[:word]):
        if t is not None:
            return t
    return None
