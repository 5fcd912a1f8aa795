"""Cutting an episode's transcript into the passages the full-text index holds (pure).

A passage is a run of whole sentences of one turn, at most :data:`MAX_WORDS` words (a longer
sentence is cut), so a hit names one speaker and a short stretch of time. Its ``text`` is the
words as written joined by single spaces (a word never contains a space), and ``times`` holds
each word's start in milliseconds, ``None`` for a word the aligner did not place: the k-th
space-separated word of ``text`` starts at ``times[k]``.

>>> from audiokit.model import Episode, Turn, Sentence, Word
>>> ep = Episode((Turn("Ann", (Sentence((Word("Hi", 0.5, 0.7), Word("there.", 0.8, 1.1))),)),))
>>> [(p.speaker, p.text, p.times) for p in passages(ep)]
[('Ann', 'Hi there.', (500, 800))]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from audiokit.model import Episode, Word

MAX_WORDS = 60

__all__ = ["MAX_WORDS", "Passage", "moment", "passages"]


@dataclass(frozen=True)
class Passage:
    """A stretch of one turn as indexed: ``times`` in milliseconds, one per word."""

    turn: int
    speaker: str
    text: str
    times: tuple[int | None, ...]

    @property
    def start(self) -> int | None:
        """The first placed word's start (ms), or None when no word of it was placed."""
        return next((t for t in self.times if t is not None), None)


def _ms(word: Word) -> int | None:
    return None if word.start is None else round(word.start * 1000)


def _one_word(text: str) -> str:
    # A word never holds a space in practice; keep it so, as word k is the k-th space-separated one.
    return "\u00a0".join(text.split())


def _chunks(words: Sequence[Word], limit: int) -> Iterator[Sequence[Word]]:
    for i in range(0, len(words), limit):
        yield words[i : i + limit]


def _groups(sentences: Sequence[Sequence[Word]], max_words: int) -> Iterator[list[Word]]:
    """Whole sentences packed into groups of at most ``max_words`` (a longer one is cut)."""
    pending: list[Word] = []
    for sentence in sentences:
        for chunk in _chunks([w for w in sentence if w.text.strip()], max_words):
            if pending and len(pending) + len(chunk) > max_words:
                yield pending
                pending = []
            pending.extend(chunk)
    if pending:
        yield pending


def passages(episode: Episode, max_words: int = MAX_WORDS) -> list[Passage]:
    """The episode's passages in spoken order (see the module docstring)."""
    return [
        Passage(index, turn.speaker, " ".join(_one_word(w.text) for w in group), tuple(_ms(w) for w in group))
        for index, turn in enumerate(episode.turns)
        for group in _groups([s.words for s in turn.sentences], max_words)
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
