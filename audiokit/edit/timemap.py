"""Times in the original audio to times in the tightened audio, and the episode re-timed to match
(pure). A time inside a cut lands on the splice; a time after it moves earlier by the cut's
length. Removed hesitations leave the transcript with their punctuation mended: "I think, um,
we" reads "I think, we"; "Um, so" opens "So".

>>> from audiokit.edit.plan import Cut
>>> m = TimeMap((Cut(1.0, 2.0, "pause"), Cut(5.0, 5.5, "pause")))
>>> m(0.5), m(1.5), m(3.0), m(6.0)
(0.5, 1.0, 2.0, 4.5)
>>> m.removed
1.5
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from audiokit.align.report import is_said
from audiokit.edit.plan import Cut
from audiokit.model import Episode, Phone, Sentence, Span, Turn, Word

__all__ = ["TimeMap", "retime"]

_CLOSING = ".?!…"
_OPENING = "\"“„‘«¿¡"
_CLOSERS = "\"”’»"
_QUOTES = "\"“”„‘’«»"


@dataclass(frozen=True)
class TimeMap:
    """The map of a set of cuts (in time order, not overlapping)."""

    cuts: tuple[Cut, ...]
    _starts: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _before: tuple[float, ...] = field(init=False, repr=False, compare=False)  # seconds removed before each cut

    def __post_init__(self) -> None:
        for a, b in zip(self.cuts, self.cuts[1:]):
            if b.start < a.end:
                raise ValueError(f"cuts overlap or are out of order: {a.start}-{a.end} and {b.start}-{b.end}")
        before = [0.0]
        for c in self.cuts:
            before.append(before[-1] + c.duration)
        object.__setattr__(self, "_starts", tuple(c.start for c in self.cuts))
        object.__setattr__(self, "_before", tuple(before))

    @property
    def removed(self) -> float:
        """Seconds left out in all."""
        return round(sum(c.duration for c in self.cuts), 6)

    def __call__(self, t: float) -> float:
        """``t`` (seconds of the original audio) in the tightened audio. Never decreasing."""
        k = bisect.bisect_right(self._starts, t)
        if k and t < self.cuts[k - 1].end:  # inside cut k - 1: on its splice
            return round(self.cuts[k - 1].start - self._before[k - 1], 6)
        return round(t - self._before[k], 6)

    def span(self, span: Span) -> Span:
        """``span`` in the tightened audio."""
        return Span(self(span.start), self(span.end))


def retime(episode: Episode, cuts: Sequence[Cut]) -> Episode:
    """``episode`` for the audio with ``cuts`` left out: every time mapped by :class:`TimeMap`, the
    hesitations the cuts remove gone (a sentence or turn left with no words goes too, and two turns
    of one speaker it leaves side by side become one), and the duration shortened.

    >>> words = (Word("Um,", 0.0, 0.3), Word("so", 0.5, 0.7), Word("yes.", 0.7, 1.0))
    >>> ep = Episode((Turn("Ann", (Sentence(words),)),))
    >>> out = retime(ep, [Cut(0.0, 0.4, "hesitation", (0,))])
    >>> [(w.text, w.start) for w in out.words()]
    [('So', 0.1), ('yes.', 0.3)]
    """
    timemap = TimeMap(tuple(cuts))
    gone = {i for c in cuts for i in c.words}
    index = 0
    turns: list[Turn] = []
    dropped = False  # a turn was left with no words since the last one kept
    for turn in episode.turns:
        sentences = []
        for sentence in turn.sentences:
            words = []
            for w in sentence.words:
                words.append(None if index in gone else _word(w, timemap))
                index += 1
            kept = _mended(sentence.words, words)
            if kept and (len(kept) == len(sentence.words) or any(w.note or is_said(w) for w in kept)):
                sentences.append(Sentence(kept))  # not a "?" left alone by its hesitation
        if not sentences:
            dropped = True
            continue
        hint = None if turn.hint is None else timemap.span(turn.hint)
        if dropped and turns and turns[-1].speaker == turn.speaker:  # a reply that was only "Uh." is gone
            dropped = False
            last = turns[-1]
            both = None if last.hint is None or hint is None else last.hint | hint
            turns[-1] = replace(last, sentences=last.sentences + tuple(sentences), hint=both)
        else:
            turns.append(replace(turn, sentences=tuple(sentences), hint=hint))
            dropped = False
    duration = episode.metadata.duration
    metadata = replace(episode.metadata, duration=None if duration is None else round(duration - timemap.removed, 6))
    return replace(episode, turns=tuple(turns), metadata=metadata)


def _word(w: Word, timemap: TimeMap) -> Word:
    if w.start is None or w.end is None:
        return w
    phones = tuple(Phone(p.label, timemap(p.start), timemap(p.end)) for p in w.phones)
    return replace(w, start=timemap(w.start), end=timemap(w.end), phones=phones)


def _mended(original: Sequence[Word], words: Sequence[Word | None]) -> tuple[Word, ...]:
    """The sentence's words without the removed ones (``None``), punctuation mended: a removed
    word's comma is not left doubled ("think, um, we" -> "think, we"), its closing mark and
    quote move to the word before ("so um." -> "so."), an opening quote to the word after, a
    quote around the removed word alone goes with it, and a capital it opened the sentence with
    goes to the next said word if that word takes one ("Um, so" -> "So"; "Um, iPhone" stays).

    >>> ws = [Word("I"), Word("think,"), Word("um,"), Word("we"), Word("uh.")]
    >>> [w.text for w in _mended(ws, [ws[0], ws[1], None, ws[3], None])]
    ['I', 'think,', 'we.']
    >>> ws = [Word("She"), Word("said,"), Word('"um."')]
    >>> [w.text for w in _mended(ws, [ws[0], ws[1], None])]
    ['She', 'said.']
    """
    out: list[Word] = []
    capital, lead = False, ""
    for old, new in zip(original, words):
        if new is None:
            opening, _, closing = _edges(old.text)
            if any(c in _QUOTES for c in opening) and any(c in _QUOTES for c in closing):
                opening = "".join(c for c in opening if c not in _QUOTES)  # quoted alone: the quote goes too
                closing = "".join(c for c in closing if c not in _QUOTES)
            closing = "".join(c for c in closing if c not in ",;:")
            if closing and out:
                before = out[-1].text.rstrip(",;:")
                if before[-1:] in _CLOSING:  # a closing mark already there is not doubled
                    closing = "".join(c for c in closing if c not in _CLOSING)
                out[-1] = replace(out[-1], text=before + closing)
            lead += opening
            if not any(not w.note for w in out) and _edges(old.text)[1][:1].isupper():
                capital = True
            continue
        if not new.note and lead:
            new = replace(new, text=lead + new.text)
            lead = ""
        if capital and is_said(new):  # the capital passes over notes and punctuation written apart ("—")
            opening, core, closing = _edges(new.text)
            if core[:1].islower() and core[1:] == core[1:].lower():  # not "iPhone"
                new = replace(new, text=opening + core[:1].upper() + core[1:] + closing)
            capital = False
        out.append(new)
    return tuple(out)


def _edges(text: str) -> tuple[str, str, str]:
    """``text`` as its opening quotes and marks, its core, and its closing punctuation.

    >>> _edges('"Um,'), _edges('uh."'), _edges("so")
    (('"', 'Um', ','), ('', 'uh', '."'), ('', 'so', ''))
    """
    core = text.lstrip(_OPENING)
    opening = text[: len(text) - len(core)]
    bare = core.rstrip(_CLOSING + _CLOSERS + ",;:")
    return opening, bare, core[len(bare):]
