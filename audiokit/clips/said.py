"""What a clip says, apart from the transcriber's notes in it ("[laughs]", "[inaudible 00:12:34]").

Pure. A note (:attr:`audiokit.model.Word.note`) is not speech: it never opens or ends a clip,
never counts as a key term, a filler or a timed word to cut around (it spans a pause, and a cut
may fall inside that pause). Two kinds of note still tell something about a clip: laughter
(:func:`laughter`, a sign of a funny moment) and a gap the transcriber could not make out
(:func:`gap`, "[inaudible]", "[crosstalk]": a passage a producer would not post).

>>> from audiokit.model import Word
>>> ws = (Word("Thanks."), Word("[laughs]"), Word("Well"), Word("[inaudible 00:00:42]"), Word("yes."))
>>> said_text(ws), shown_text(ws)
('Thanks. Well yes.', 'Thanks. [laughs] Well [inaudible] yes.')
>>> [w.text for w in ws if laughter(w.text)], [w.text for w in ws if gap(w.text)]
(['[laughs]'], ['[inaudible 00:00:42]'])
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from audiokit.clips.candidates import Candidate, SentenceIndex
from audiokit.model import Word
from audiokit.text.notes import is_note, join_notes, kind, shown

__all__ = ["GAP_FACTOR", "GapNotes", "gap", "gaps_in", "laughter", "music_in", "said", "said_text", "shown_text", "texts",
           "tokens", "without_notes"]

GAP_FACTOR = 0.5
"""What each gap note in a clip multiplies its score by: a producer would not post a passage the
transcript marks inaudible, though it may still be a speaker's only good one."""

def laughter(note: str) -> bool:
    """Whether ``note`` (one word's text) is a transcriber's note of laughter.

    >>> laughter("[Laughter.]"), laughter("(both laugh)"), laughter("(risas)"), laughter("laughs")
    (True, True, True, False)
    """
    return kind(note) == "laughter"


def gap(note: str) -> bool:
    """Whether ``note`` marks speech the transcriber could not make out or tell apart.

    >>> gap("[inaudible 00:12:34]"), gap("(crosstalk)"), gap("[Unintelligible.]"), gap("[laughs]")
    (True, True, True, False)
    """
    return kind(note) == "gap"


def said(words: Iterable[Word]) -> tuple[Word, ...]:
    """``words`` without the transcriber's notes."""
    return tuple(w for w in words if not w.note)


def said_text(words: Iterable[Word]) -> str:
    """The text of ``words`` without notes: what the speaker says."""
    return " ".join(w.text for w in said(words))


def shown_text(words: Iterable[Word]) -> str:
    """The text of ``words`` with each note as a viewer should see it (:func:`audiokit.text.notes.shown`,
    without the transcriber's clock)."""
    return " ".join(shown(w.text) if w.note else w.text for w in words)


def tokens(text: str) -> tuple[list[str], list[str]]:
    """The said tokens and the notes of a written ``text``.

    >>> tokens("Ha. [MUSIC PLAYING] So (laughs) yes.")
    (['Ha.', 'So', 'yes.'], ['[MUSIC PLAYING]', '(laughs)'])
    """
    spoken: list[str] = []
    notes: list[str] = []
    for t in join_notes(text.split()):
        (notes if is_note(t) else spoken).append(t)
    return spoken, notes


def without_notes(text: str) -> str:
    """``text`` without its notes, single-spaced.

    >>> without_notes("So [inaudible 00:12:34] (laughs) yes.")
    'So yes.'
    """
    return " ".join(tokens(text)[0])


def gaps_in(words: Sequence[Word]) -> list[str]:
    """The gap notes among ``words``, as shown ("[inaudible]")."""
    return [shown(w.text) for w in words if w.note and gap(w.text)]


@dataclass(frozen=True)
class GapNotes:
    """An episode's gap notes (:func:`gap`) with their places in spoken order, to find the ones a
    clip posts: a gap is in the audio, not in a sentence, so a neighbour's "[inaudible]" in the
    padding of a cut, or one noted in the pause the cut runs into, is posted too.

    >>> ws = (Word("Hi.", 0.0, 0.5), Word("[inaudible]", 0.5, 3.0), Word("Yes", 3.0, 3.4), Word("indeed.", 3.4, 4.0),
    ...       Word("(crosstalk)", 4.0, 4.0), Word("[laughs]", 4.0, 6.0), Word("[inaudible 1:02]"), Word("Ok.", 6.0, 6.5))
    >>> notes = GapNotes.of(ws)
    >>> notes.posted(2.85, 4.5, range(2, 7)), notes.posted(3.1, 3.9, range(2, 4))
    (['[inaudible]', '(crosstalk)', '[inaudible]'], [])
    """

    at: tuple[tuple[int, Word], ...]

    @classmethod
    def of(cls, words: Sequence[Word]) -> GapNotes:
        """The gap notes among ``words`` (the episode's, in spoken order)."""
        return cls(tuple((i, w) for i, w in enumerate(words) if w.note and gap(w.text)))

    def posted(self, start: float, end: float, own: range) -> list[str]:
        """The gap notes, as shown, whose time overlaps the cut ``start``..``end`` (one of no length
        inside it), and the untimed ones among the clip's own words (indices ``own``): the
        transcript put them there, and no time says they are outside."""
        out = []
        for i, w in self.at:
            a, b = w.start, w.end
            if a is None or b is None:
                hit = i in own
            else:
                hit = max(a, start) < min(b, end) or (a == b and start <= a <= end)
            if hit:
                out.append(shown(w.text))
        return out

    def of_clip(self, index: SentenceIndex, candidate: Candidate, start: float, end: float) -> list[str]:
        """:meth:`posted` for ``candidate`` cut ``start``..``end``: its own words are its sentences'."""
        own = range(index.sentences[candidate.first].first_word, index.sentences[candidate.last].last_word + 1)
        return self.posted(start, end, own)


def music_in(words: Sequence[Word]) -> list[str]:
    """The music notes between the first and the last said word of ``words``, as shown: music
    under a clip may not be the show's to post (a jingle noted after its last sentence is outside
    the cut).

    >>> music_in((Word("So"), Word("[MUSIC PLAYING]"), Word("yes."), Word("[Music]")))
    ['[MUSIC PLAYING]']
    """
    said_at = [i for i, w in enumerate(words) if not w.note]
    inner = words[said_at[0]:said_at[-1]] if said_at else ()
    return [shown(w.text) for w in inner if w.note and kind(w.text) == "music"]


def texts(index: SentenceIndex, candidate: Candidate) -> list[str]:
    """The written sentences of ``candidate``, notes included, and after them the notes that open
    the next sentence, for :func:`audiokit.clips.moments.kinds`: laughter right after a clip, as
    the next speaker's "(laughs) That's so true.", is a sign it ended on a punchline.

    >>> from audiokit.clips.candidates import candidates
    >>> from audiokit.model import Episode, Turn, Sentence
    >>> s = lambda t0, text: Sentence(tuple(Word(w, t0 + i, t0 + i + 0.5) for i, w in enumerate(text.split())))
    >>> ep = Episode((Turn("Ann", (s(0, "It was a spring and a timer."),)), Turn("Bo", (s(8, "[laughs] Right."),))))
    >>> index = SentenceIndex.of(ep)
    >>> texts(index, candidates(index, 1.0, 10.0)[0])
    ['It was a spring and a timer.', '[laughs]']
    """
    out = [" ".join(w.text for w in ws) for ws in candidate.sentences]
    if candidate.last + 1 < len(index.sentences):
        after = index.sentences[candidate.last + 1].words
        opening = list(itertools.takewhile(lambda w: w.note, after))
        if opening and len(opening) < len(after):
            out.append(" ".join(w.text for w in opening))
    return out
