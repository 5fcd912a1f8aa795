"""Where to cut a clip: in the silence around its speech, never inside a word.

Pure. Every cut lies at least ``guard`` (20 ms) from any timed word of the episode, whoever
speaks it; a transcriber's note ("[laughs]", :attr:`~audiokit.model.Word.note`) is no word here:
it spans the pause it sits in, and a cut may fall inside that pause. No word outside the clip
(another speaker's or the same speaker's) falls inside the cut, so the clip's audio is its own
speaker's sentences only. Padding is short: up to 150 ms before the first word and 500 ms after
the last, but never more than 65% of the way to a neighbouring word. Fades stay within the
padding where they can. A laugh the transcript notes right after the clip ("That's the joke.
[laughter]") is the punchline's answer, so the clip keeps it: the tail runs to the end of the
laughter note's pause, up to 2.5 s, still short of the next word, and never past a music note.

>>> from audiokit.model import Word
>>> words = (Word("Hi.", 0.0, 0.5), Word("Yes", 1.0, 1.4), Word("indeed.", 1.4, 2.0), Word("Ok.", 2.3, 2.6))
>>> tl = Timeline.of(words)
>>> c = choose_cut(tl, 1, 2, Span(1.0, 2.0))
>>> (round(c.start, 3), round(c.end, 3), c.fade_in, round(c.fade_out, 3))
(0.85, 2.195, 0.05, 0.195)
>>> choose_cut(tl, 0, 1, Span(0.0, 1.4)) is None   # would end inside "indeed."
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from audiokit.model import Span, Word
from audiokit.text.notes import kind

__all__ = ["FADE_IN", "FADE_OUT", "GUARD", "LAUGH_OUT", "PAD_IN", "PAD_OUT", "Cut", "Timeline", "choose_cut"]

GUARD = 0.020
PAD_IN = 0.150
PAD_OUT = 0.500
FADE_IN = 0.050
FADE_OUT = 0.300
_SHARE = 0.65  # how far into a gap towards the neighbouring word a cut may go
LAUGH_OUT = 2.5  # the most of a noted laugh after the last word a clip keeps


@dataclass(frozen=True)
class Cut:
    """The cut of a clip (seconds in the episode) around its speech, with fade lengths."""

    start: float
    end: float
    speech: Span
    fade_in: float
    fade_out: float

    @property
    def duration(self) -> float:
        """Seconds from cut to cut."""
        return self.end - self.start


@dataclass(frozen=True)
class Timeline:
    """Words in spoken order with, for each index, the latest end among words up to it and
    the earliest start among words from it on (timed said words only: notes left out)."""

    words: tuple[Word, ...]
    max_end_upto: tuple[float, ...]
    min_start_from: tuple[float, ...]

    @classmethod
    def of(cls, words: Sequence[Word]) -> Timeline:
        """The timeline of ``words`` (the episode's, in spoken order)."""
        upto, best = [], -math.inf
        for w in words:
            if w.end is not None and not w.note:
                best = max(best, w.end)
            upto.append(best)
        after, low = [0.0] * len(words), math.inf
        for i in range(len(words) - 1, -1, -1):
            s = words[i].start
            if s is not None and not words[i].note:
                low = min(low, s)
            after[i] = low
        return cls(tuple(words), tuple(upto), tuple(after))

    def previous_end(self, first: int) -> float:
        """Latest end among timed words before index ``first`` (``-inf`` when none)."""
        return self.max_end_upto[first - 1] if first > 0 else -math.inf

    def next_start(self, last: int) -> float:
        """Earliest start among timed words after index ``last`` (``inf`` when none)."""
        return self.min_start_from[last + 1] if last + 1 < len(self.words) else math.inf

    def laugh_after(self, last: int) -> float | None:
        """The end of a timed laughter note among the notes right after index ``last`` (before the
        next said word and before any music note), or None: "[MUSIC PLAYING] [laughter]" after a
        turn is a music break first, and the tail would be the music."""
        ends = []
        for w in self.words[last + 1:]:
            if not w.note or kind(w.text) == "music":
                break
            if w.end is not None and kind(w.text) == "laughter":
                ends.append(w.end)
        return max(ends, default=None)

    def untimed_next_to(self, first: int, last: int) -> bool:
        """Whether the said word right before ``first`` or right after ``last`` (notes passed
        over) is untimed: it could lie anywhere, inside the cut too."""
        words = self.words
        i = first - 1
        while i >= 0 and words[i].note:
            i -= 1
        j = last + 1
        while j < len(words) and words[j].note:
            j += 1
        return (i >= 0 and not words[i].timed) or (j < len(words) and not words[j].timed)


def choose_cut(
    timeline: Timeline,
    first: int,
    last: int,
    speech: Span,
    max_duration: float = math.inf,
    audio_end: float = math.inf,
    guard: float = GUARD,
) -> Cut | None:
    """The cut for the words ``first``..``last`` (indices into the timeline) whose speech is
    ``speech``, or ``None`` when no cut keeps ``guard`` from every other word: an untimed
    said word right next to the clip, a neighbouring word closer than ``2 * guard``, a word of
    someone else inside the speech, or speech longer than ``max_duration - 2 * guard``."""
    if timeline.untimed_next_to(first, last):
        return None
    before, after = timeline.previous_end(first), timeline.next_start(last)
    if before > speech.start - 2 * guard or after < speech.end + 2 * guard:
        return None
    if speech.end + guard > audio_end:
        return None
    lead_room = speech.start - before  # inf at the start of the episode
    tail_room = min(after, audio_end + guard) - speech.end
    lead = max(guard, min(PAD_IN, _SHARE * lead_room, lead_room - guard, speech.start))
    tail = max(guard, min(PAD_OUT, _SHARE * tail_room, tail_room - guard))
    laugh = timeline.laugh_after(last)
    if laugh is not None:
        tail = max(tail, min(laugh - speech.end, LAUGH_OUT, tail_room - guard))
    lead = min(lead, speech.start)  # never before 0
    tail = min(tail, max(0.0, audio_end - speech.end)) if audio_end < math.inf else tail
    excess = speech.duration + lead + tail - max_duration
    if excess > 0:  # shorten the tail first, then the lead, down to the guard
        cut_tail = min(excess, max(0.0, tail - guard))
        tail -= cut_tail
        excess -= cut_tail
        cut_lead = min(excess, max(0.0, lead - guard))
        lead -= cut_lead
        excess -= cut_lead
        if excess > 1e-9:
            return None
    start, end = speech.start - lead, speech.end + tail
    return Cut(start, end, speech, fade_in=min(FADE_IN, lead), fade_out=min(FADE_OUT, tail))
