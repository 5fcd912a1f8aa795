"""Value types of the chapters package: a :class:`Chapter` and the timed sentences chapters
are cut from.

>>> c = Chapter(0.0, 61.5, "Introductions", 0)
>>> c.duration
61.5
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from audiokit.model import Episode, Sentence

LEAD_IN = 0.25  # seconds of silence a chapter may start before its first word


@dataclass(frozen=True, order=True)
class Chapter:
    """One chapter: ``start``/``end`` in seconds, a title, and the index (into the episode's
    sentences in spoken order) of the sentence it starts with; a hand-edited chapters file
    may also give the Podcasting 2.0 ``url`` and ``img`` of a chapter, and ``toc=False`` for
    one players keep out of their table of contents."""

    start: float
    end: float
    title: str
    first_sentence_index: int
    url: str | None = field(default=None, compare=False, repr=False)
    img: str | None = field(default=None, compare=False, repr=False)
    toc: bool = field(default=True, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"chapter {self.title!r} needs 0 <= start < end, got {self.start}..{self.end}")

    @property
    def duration(self) -> float:
        """Seconds from start to end."""
        return self.end - self.start


def listed(chapters: Sequence[Chapter]) -> tuple[Chapter, ...]:
    """The chapters a table of contents lists: those without ``toc=False`` (a Podcasting 2.0
    marker players keep off the list, such as an ad break or a change of chapter art), for the
    formats that are nothing but such a list (YouTube, WebVTT and Podlove chapters, ffmetadata,
    MP4). A hidden chapter's time goes to the listed one before it (to the first listed one when
    it opens the episode), so the list still covers the episode from where it began.

    >>> cs = [Chapter(0, 5, "Art", 0, toc=False), Chapter(5, 60, "A", 1),
    ...       Chapter(60, 90, "Ad", 4, toc=False), Chapter(90, 150, "B", 6)]
    >>> [(c.title, c.start, c.end, c.first_sentence_index) for c in listed(cs)]
    [('A', 0, 90, 0), ('B', 90, 150, 6)]
    >>> [c.title for c in listed(cs[1:2] + cs[2:3])]
    ['A']
    """
    ordered = sorted(chapters)
    out: list[Chapter] = []
    opening: Chapter | None = None  # hidden chapters before the first listed one
    for c in ordered:
        if not c.toc:
            if out:
                out[-1] = replace(out[-1], end=max(out[-1].end, c.end))
            elif opening is None:
                opening = c
            continue
        if not out and opening is not None:
            c = replace(c, start=opening.start, first_sentence_index=opening.first_sentence_index)
        out.append(c)
    return tuple(out)


def said(sentence: Sentence) -> Sentence:
    """``sentence`` without its transcribers' notes (:attr:`audiokit.model.Word.note`): what
    chapters read of it. A note is not speech, so it is no topic word, cue phrase or title
    ("Laughter"), and its time is a guess (the whole pause it sits in), so it neither starts
    a chapter nor fills the pause before a sentence.

    >>> from audiokit.model import Word
    >>> s = said(Sentence((Word("[MUSIC PLAYING]", 0.0, 4.0), Word("Welcome.", 4.0, 4.5), Word("(laughs)", 4.5, 6.0))))
    >>> s.text, s.span
    ('Welcome.', Span(start=4.0, end=4.5))
    >>> said(Sentence((Word("[applause]", 1.0, 2.0),))).words
    ()
    """
    return Sentence(tuple(w for w in sentence.words if not w.note))


@dataclass(frozen=True)
class TimedSentence:
    """A sentence that has at least one timed said word, with what segmentation needs of it;
    its ``text``, ``start`` and ``end`` are those of its said words (:func:`said`).

    ``index`` counts every sentence of the episode in spoken order (timed or not, notes only or
    not); ``turn_start`` says a turn (speaker change) begins here; ``pause`` is the silence
    before its first timed word, in seconds (0 for the first sentence).
    """

    index: int
    start: float
    end: float
    text: str
    turn: int
    speaker: str
    turn_start: bool
    pause: float

    @property
    def word_count(self) -> int:
        """Whitespace-separated words of the sentence's text."""
        return len(self.text.split())

    @property
    def chapter_start(self) -> float:
        """Where a chapter opening with this sentence starts: in the silence just before its
        first word (up to 0.25 s, at most half the pause), so a player jumping there does not
        clip the first sound, and the time is not after the word even if alignment placed
        that word a few milliseconds late.

        The first *said* word: a note before it ("[MUSIC PLAYING]") is timed only as the whole
        pause it sits in, from the end of the last word said before, so starting there would
        start on the previous segment's close or outro as often as on this one's jingle, while
        a listener jumping to a chapter expects to hear it begin; the first word is where it
        audibly does."""
        return max(0.0, round(self.start - min(LEAD_IN, self.pause / 2), 3))


def timed_sentences(episode: Episode) -> tuple[TimedSentence, ...]:
    """The sentences of ``episode`` that have timed said words, in spoken order, read without
    their notes (:func:`said`): a sentence of nothing but notes ("[MUSIC PLAYING]") is left out.

    >>> from audiokit.model import Episode, Turn, Sentence, Word
    >>> s1 = Sentence((Word("Hi.", 0.5, 0.9),))
    >>> s2 = Sentence((Word("Bye.", 2.0, 2.4),))
    >>> [(t.index, t.turn_start, t.pause) for t in timed_sentences(Episode((Turn("A", (s1,)), Turn("B", (s2,)))))]
    [(0, True, 0.0), (1, True, 1.1)]
    """
    out: list[TimedSentence] = []
    index = 0
    previous_end: float | None = None
    for turn_index, turn in enumerate(episode.turns):
        first_in_turn = True
        for sentence in map(said, turn.sentences):
            span = sentence.span
            if span is not None:
                pause = 0.0 if previous_end is None else max(0.0, round(span.start - previous_end, 3))
                out.append(
                    TimedSentence(index, span.start, span.end, sentence.text, turn_index, turn.speaker,
                                  first_in_turn, pause)
                )
                previous_end = span.end if previous_end is None else max(previous_end, span.end)
                first_in_turn = False
            index += 1
    return tuple(out)


def episode_end(episode: Episode) -> float:
    """The end of the episode in seconds: its known duration, or the end of its last timed word."""
    last = max((w.end for w in episode.words() if w.end is not None), default=0.0)
    return max(last, episode.metadata.duration or 0.0)
