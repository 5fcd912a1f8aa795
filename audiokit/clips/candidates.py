"""Candidate clips: runs of whole sentences by one speaker, within the duration bounds.

Pure: reads an :class:`~audiokit.model.Episode`, returns values. A candidate starts at the
first word of a sentence and ends at the last word of a sentence of the same speaker, with
no other speaker in between (consecutive turns of one speaker count as one stretch) and no
music break (a pause of a second or more noted as music: :data:`MUSIC_BREAK`). Its
first and last said words must be timed, since the cut is placed around them; a transcriber's
note ("[laughs]", :attr:`~audiokit.model.Word.note`) is not one of them, so a sentence of notes
only never opens or ends a candidate, and the span is the speech's, not the pause a note spans.

>>> from audiokit.model import Episode, Turn, Sentence, Word
>>> s = lambda t0, *ws: Sentence(tuple(Word(w, t0 + i, t0 + i + 0.8) for i, w in enumerate(ws)))
>>> ep = Episode((Turn("Ann", (s(0, "One", "two."), s(3, "Three", "four."))),))
>>> index = SentenceIndex.of(ep)
>>> [(c.first, c.last, round(c.span.duration, 3)) for c in candidates(index, 1.0, 5.0)]
[(0, 0, 1.8), (0, 1, 4.8), (1, 1, 1.8)]
"""

from __future__ import annotations

from dataclasses import dataclass

from audiokit.model import Episode, Sentence, Span, Word
from audiokit.text.notes import kind

__all__ = ["MUSIC_BREAK", "Candidate", "SentenceIndex", "SentenceRef", "candidates"]

MUSIC_BREAK = 1.0
"""Seconds of a pause noted as music ("[MUSIC PLAYING]" between two turns) that end a stretch: a
clip never runs across a music break (as long as a caption of the note alone needs, in every
style of :mod:`audiokit.captions`)."""


@dataclass(frozen=True)
class SentenceRef:
    """A sentence of the episode with its place: global sentence index, turn index, speaker,
    and the global index of its first word (spoken order)."""

    index: int
    turn: int
    speaker: str
    first_word: int
    sentence: Sentence

    @property
    def words(self) -> tuple[Word, ...]:
        """The sentence's words."""
        return self.sentence.words

    @property
    def last_word(self) -> int:
        """The global index of its last word."""
        return self.first_word + len(self.sentence.words) - 1

    @property
    def said(self) -> tuple[Word, ...]:
        """Its words that are not transcribers' notes."""
        return tuple(w for w in self.words if not w.note)

    @property
    def duration(self) -> float:
        """Seconds from its first said word's start to its last said word's end (0 when either
        is untimed, or it holds notes only)."""
        said = self.said
        a, b = (said[0].start, said[-1].end) if said else (None, None)
        return b - a if a is not None and b is not None else 0.0

    @property
    def first_said(self) -> int | None:
        """The global index of its first word that is not a note (``None`` for notes only)."""
        return next((self.first_word + i for i, w in enumerate(self.words) if not w.note), None)

    @property
    def last_said(self) -> int | None:
        """The global index of its last word that is not a note (``None`` for notes only)."""
        n = len(self.words)
        return next((self.first_word + n - 1 - i for i, w in enumerate(reversed(self.words)) if not w.note), None)


@dataclass(frozen=True)
class SentenceIndex:
    """Every sentence of an episode in spoken order, and every word (flattened)."""

    sentences: tuple[SentenceRef, ...]
    words: tuple[Word, ...]

    @classmethod
    def of(cls, episode: Episode) -> SentenceIndex:
        """The index of ``episode`` (sentences without words left out)."""
        refs: list[SentenceRef] = []
        w = 0
        for t, turn in enumerate(episode.turns):
            for sentence in turn.sentences:
                if not sentence.words:
                    continue
                refs.append(SentenceRef(len(refs), t, turn.speaker, w, sentence))
                w += len(sentence.words)
        return cls(tuple(refs), tuple(episode.words()))


@dataclass(frozen=True)
class Candidate:
    """Sentences ``first``..``last`` (inclusive, global indices) spoken by ``speaker``;
    ``span`` runs from the first said word's start to the last said word's end, words
    ``first_word``..``last_word`` (global indices; notes before or after them are left out)."""

    speaker: str
    first: int
    last: int
    span: Span
    sentences: tuple[tuple[Word, ...], ...]
    first_word: int
    last_word: int

    @property
    def words(self) -> tuple[Word, ...]:
        """Every word of its sentences, in order."""
        return tuple(w for s in self.sentences for w in s)

    @property
    def text(self) -> str:
        """Its words as written, joined by spaces."""
        return " ".join(w.text for w in self.words)


def _music_break(words: tuple[Word, ...]) -> bool:
    """Whether the notes ``words`` between two said words hold music over a pause of at least
    ``MUSIC_BREAK`` seconds: a break in the show, not a bed under the talk."""
    timed = [w for w in words if w.start is not None and w.end is not None]
    return (any(kind(w.text) == "music" for w in words) and bool(timed)
            and timed[-1].end - timed[0].start >= MUSIC_BREAK)  # type: ignore[operator]


def _stretches(index: SentenceIndex) -> list[list[SentenceRef]]:
    """Maximal runs of consecutive sentences by one speaker with no music break between them."""
    runs: list[list[SentenceRef]] = []
    said = -1  # the global index of the last said word so far
    for ref in index.sentences:
        first = ref.first_said
        cut = first is not None and _music_break(index.words[said + 1:first])
        if runs and runs[-1][-1].speaker == ref.speaker and not cut:
            runs[-1].append(ref)
        else:
            runs.append([ref])
        said = ref.last_said if ref.last_said is not None else said
    return runs


def candidates(
    index: SentenceIndex, min_seconds: float, max_seconds: float, speakers: frozenset[str] | None = None
) -> list[Candidate]:
    """Every run of whole sentences by one speaker whose speech lasts between ``min_seconds``
    and ``max_seconds``, for the given ``speakers`` (all when ``None``), in spoken order."""
    out: list[Candidate] = []
    for run in _stretches(index):
        if speakers is not None and run[0].speaker not in speakers:
            continue
        for i, head in enumerate(run):
            first = head.first_said
            if first is None:
                continue  # notes only: "[MUSIC PLAYING]" opens nothing
            start = index.words[first].start
            if start is None:
                continue
            sents: list[tuple[Word, ...]] = []
            for tail in run[i:]:
                sents.append(tail.words)
                last = tail.last_said
                end = None if last is None else index.words[last].end
                if last is None or end is None or end < start:
                    continue
                duration = end - start
                if duration > max_seconds:
                    break
                if duration >= min_seconds:
                    out.append(
                        Candidate(
                            head.speaker,
                            head.index,
                            tail.index,
                            Span(start, end),
                            tuple(sents),
                            first,
                            last,
                        )
                    )
    return out
