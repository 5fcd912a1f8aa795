"""The :class:`Cue` value: one caption on screen.

>>> from audiokit.model import Word
>>> c = Cue(1.0, 2.5, "Ann", ("Hello there,", "my friend."), (Word("Hello", 1.0, 1.2),))
>>> c.text
'Hello there,\\nmy friend.'
>>> c.duration
1.5
>>> c.speakers
('Ann',)
"""

from __future__ import annotations

from dataclasses import dataclass

from audiokit.model import Word

__all__ = ["Cue"]


@dataclass(frozen=True)
class Cue:
    """A caption: ``start``/``end`` in seconds (millisecond precision), one ``speaker``
    (``""`` when the transcript names none), the ``lines`` of text (as written, no markup,
    no speaker label) and the episode ``words`` it shows, in order.

    ``label`` is the speaker label shown as text before the first line in formats without
    speaker markup (SRT): ``"Name: "`` on the same line or ``"Name:\\n"`` on a line of its
    own; empty when the cue does not start a speaker change or labels were not asked for.
    """

    start: float
    end: float
    speaker: str
    lines: tuple[str, ...]
    words: tuple[Word, ...] = ()
    label: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"cue ends ({self.end}) before it starts ({self.start})")

    @property
    def text(self) -> str:
        """The lines joined by newlines."""
        return "\n".join(self.lines)

    @property
    def display_lines(self) -> tuple[str, ...]:
        """The lines as shown with the speaker label (see :attr:`label`).

        >>> Cue(0.0, 1.0, "Ann", ("Hi.",), label="Ann: ").display_lines
        ('Ann: Hi.',)
        """
        return tuple((self.label + self.text).split("\n"))

    @property
    def duration(self) -> float:
        """Seconds on screen."""
        return self.end - self.start

    @property
    def speakers(self) -> tuple[str, ...]:
        """The speakers shown (at most one for cues audiokit makes)."""
        return (self.speaker,) if self.speaker else ()

    def shifted(self, offset: float) -> Cue:
        """The same cue ``offset`` seconds later (negative: earlier), for clip-relative
        captions; times are kept at millisecond precision and never below zero.

        >>> Cue(10.0, 12.0, "", ("Hi",)).shifted(-9.5).start
        0.5
        """
        return Cue(
            max(0.0, round(self.start + offset, 3)),
            max(0.0, round(self.end + offset, 3)),
            self.speaker,
            self.lines,
            self.words,
            self.label,
        )
