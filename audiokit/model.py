"""The episode model: one immutable value that flows through every stage.

A transcript reader builds an :class:`Episode` whose words have no times; the aligner
returns a new :class:`Episode` with times filled in; captions, chapters and clips read it.
Nothing here touches files or processes. Values are frozen dataclasses holding tuples,
and "changing" one means building a new one with :func:`dataclasses.replace`.

>>> w = Word("GPT-4", start=1.0, end=1.5)
>>> w.span
Span(start=1.0, end=1.5)
>>> w.timed
True
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from audiokit.text.notes import is_note


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of time in seconds, ``start <= end``.

    >>> Span(1.0, 3.0).duration
    2.0
    >>> Span(1.0, 3.0).overlaps(Span(2.5, 4.0))
    True
    >>> Span(1.0, 3.0) | Span(5.0, 6.0)
    Span(start=1.0, end=6.0)
    """

    start: float
    end: float

    def __post_init__(self) -> None:
        if not self.start <= self.end:
            raise ValueError(f"span end {self.end} is before its start {self.start}")

    @property
    def duration(self) -> float:
        return self.end - self.start

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share more than a single instant."""
        return self.start < other.end and other.start < self.end

    def contains(self, t: float) -> bool:
        """True when ``t`` lies in the span, either end included."""
        return self.start <= t <= self.end

    def __or__(self, other: Span) -> Span:
        """The smallest span covering both."""
        return Span(min(self.start, other.start), max(self.end, other.end))

    def shifted(self, offset: float) -> Span:
        """The span ``offset`` seconds later (negative: earlier)."""
        return Span(self.start + offset, self.end + offset)


@dataclass(frozen=True)
class Word:
    """One whitespace-separated word of the transcript, as written (a transcriber's note written
    over several, such as ``"[inaudible 00:12:34]"``, is one word: :attr:`note`).

    ``text`` is exactly as written (``"7.61%"``, ``"We’ll"``, ``"it–Llama"``); ``spoken`` is
    what a speaker says for it (``("seven", "point", "six", "one", "percent")``), filled in
    by the aligner. ``start``/``end`` are seconds or ``None`` when the word was not found in
    the audio. ``interpolated`` marks a time that was estimated between acoustically
    placed neighbours rather than measured.
    """

    text: str
    start: float | None = None
    end: float | None = None
    confidence: float | None = None
    spoken: tuple[str, ...] = ()
    interpolated: bool = False
    phones: tuple[Phone, ...] = ()

    def __post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError(f"word {self.text!r} has only one of start and end")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"word {self.text!r} ends ({self.end}) before it starts ({self.start})")

    @property
    def note(self) -> bool:
        """Whether the word is a transcriber's note, not speech: ``"[laughs]"``, ``"(applause)"``
        (:mod:`audiokit.text.notes`). Captions show it; alignment, chapters, clips and search
        leave it out.

        >>> Word("[MUSIC PLAYING]").note, Word("(laughter)").note, Word("(P2SH)").note
        (True, True, False)
        """
        return is_note(self.text)

    @property
    def timed(self) -> bool:
        """Whether the word has times (it was found in the audio)."""
        return self.start is not None

    @property
    def span(self) -> Span | None:
        """The word's times as a :class:`Span`, ``None`` when untimed."""
        if self.start is None or self.end is None:
            return None
        return Span(self.start, self.end)


@dataclass(frozen=True)
class Phone:
    """A phone of a word's pronunciation with its time (seconds)."""

    label: str
    start: float
    end: float


@dataclass(frozen=True)
class Sentence:
    """A sentence of a turn: a run of the turn's words."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def said_text(self) -> str:
        """The text without transcribers' notes (:attr:`Word.note`): what the speaker says.

        >>> Sentence((Word("Thanks."), Word("[laughs]"))).said_text
        'Thanks.'
        """
        return " ".join(w.text for w in self.words if not w.note)

    @property
    def span(self) -> Span | None:
        return _span_of(self.words)


@dataclass(frozen=True)
class Speaker:
    """A speaker as the transcript names them; ``role`` is what follows the name on first
    mention (``"Chief Product Officer and Co-Founder, Arize AI"``)."""

    name: str
    role: str | None = None


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted stretch of talk.

    ``hint`` is a time the transcript itself gave for the turn (a timestamped export),
    used by the aligner as a prior, never as the result.
    """

    speaker: str
    sentences: tuple[Sentence, ...]
    hint: Span | None = None

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for s in self.sentences for w in s.words)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def span(self) -> Span | None:
        return _span_of(self.words)

    @property
    def start(self) -> float | None:
        span = self.span
        return None if span is None else span.start

    @property
    def end(self) -> float | None:
        span = self.span
        return None if span is None else span.end


@dataclass(frozen=True)
class Metadata:
    """What the transcript says about the episode besides its speech."""

    title: str | None = None
    description: str | None = None
    preamble: str = ""
    source: str | None = None
    audio: str | None = None
    duration: float | None = None
    # ISO 639-1 code of the spoken language ("en", "it", ...); None means not yet decided,
    # which every stage reads as English, the language audiokit began with.
    language: str | None = None


@dataclass(frozen=True)
class Episode:
    """An episode: metadata, speakers and turns in spoken order."""

    turns: tuple[Turn, ...]
    speakers: tuple[Speaker, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)

    def words(self) -> Iterator[Word]:
        """Every word of every turn, in spoken order."""
        for turn in self.turns:
            yield from turn.words

    def sentences(self) -> Iterator[tuple[int, Sentence]]:
        """Every sentence with the index of its turn."""
        for index, turn in enumerate(self.turns):
            for sentence in turn.sentences:
                yield index, sentence

    @property
    def word_count(self) -> int:
        return sum(len(s.words) for t in self.turns for s in t.sentences)

    @property
    def timed_word_count(self) -> int:
        """How many words have times."""
        return sum(1 for w in self.words() if w.timed)

    @property
    def aligned(self) -> bool:
        """Whether any word has times (the episode went through the aligner)."""
        return any(w.timed for w in self.words())

    def speaker(self, name: str) -> Speaker | None:
        """The speaker called ``name``, ``None`` when the episode lists none by that name."""
        return next((s for s in self.speakers if s.name == name), None)

    def with_words(self, words: list[Word] | tuple[Word, ...]) -> Episode:
        """A copy whose words are replaced, in order, by ``words`` (same count).

        This is how the aligner returns its result without touching the structure.
        """
        if len(words) != self.word_count:
            raise ValueError(f"expected {self.word_count} words, got {len(words)}")
        it = iter(words)
        turns = tuple(
            replace(t, sentences=tuple(Sentence(tuple(next(it) for _ in s.words)) for s in t.sentences))
            for t in self.turns
        )
        return replace(self, turns=turns)


def _span_of(words: tuple[Word, ...]) -> Span | None:
    # When someone talks: a turn opening on "[MUSIC]" starts with its first said word. Only a
    # run of notes alone (a "[MUSIC PLAYING]" sentence) is spanned by its notes.
    words = tuple(w for w in words if not w.note) or words
    starts = [w.start for w in words if w.start is not None]
    ends = [w.end for w in words if w.end is not None]
    if not starts or not ends:
        return None
    return Span(min(starts), max(ends))
