"""Transcribers' notes around the aligner: taken out before it, put back after it. Pure.

The aligners place what is said; a note ("[laughs]", "[MUSIC PLAYING]": :mod:`audiokit.text.notes`)
has nothing to hear as words, and read aloud as "laughs" it would pull its neighbours out of
place. So the aligner gets the episode without notes, and each note then takes the pause it
sits in: from the end of the timed word before it to the start of the timed word after it
(the episode's start or end where there is none), shared in order by notes written together.
Such times are estimates, marked ``interpolated``, with no confidence.

>>> from audiokit.model import Episode, Sentence, Turn, Word
>>> ep = Episode((Turn("Ann", (Sentence((Word("Hi."), Word("[laughs]"))), Sentence((Word("Bye."),)))),))
>>> said = without_notes(ep)
>>> [w.text for w in said.words()]
['Hi.', 'Bye.']
>>> aligned = said.with_words([Word("Hi.", 1.0, 1.4), Word("Bye.", 2.0, 2.3)])
>>> [(w.text, w.start, w.end) for w in with_notes(ep, aligned, 5.0).words()]
[('Hi.', 1.0, 1.4), ('[laughs]', 1.4, 2.0), ('Bye.', 2.0, 2.3)]
"""

from __future__ import annotations

from dataclasses import replace

from audiokit.model import Episode, Sentence, Span, Turn, Word
from audiokit.text.notes import shown


def without_notes(episode: Episode) -> Episode:
    """``episode`` without its notes; sentences and turns left with no word are dropped."""
    turns: list[Turn] = []
    for turn in episode.turns:
        sentences = tuple(Sentence(kept) for s in turn.sentences if (kept := tuple(w for w in s.words if not w.note)))
        if sentences:
            turns.append(replace(turn, sentences=sentences))
    return replace(episode, turns=tuple(turns))


def with_notes(episode: Episode, aligned: Episode, duration: float) -> Episode:
    """``episode`` with the times of ``aligned`` (:func:`without_notes` of it, aligned) and its
    notes timed by the pauses they sit in; ``duration`` is the audio's, in seconds."""
    said = iter(aligned.words())
    words = [w if w.note else next(said) for w in episode.words()]
    return replace(aligned, turns=episode.with_words(_timed_notes(words, duration)).turns)


def _timed_notes(words: list[Word], duration: float) -> list[Word]:
    # Timed neighbours once each way, so an episode with many notes stays linear.
    ends: list[float | None] = []
    last: float | None = None
    for w in words:
        ends.append(last)
        last = w.end if w.end is not None and not w.note else last
    starts: list[float | None] = [None] * len(words)
    nxt: float | None = None
    for i in range(len(words) - 1, -1, -1):
        starts[i] = nxt
        nxt = words[i].start if words[i].start is not None and not words[i].note else nxt
    out = list(words)
    k = 0
    while k < len(out):
        if not out[k].note:
            k += 1
            continue
        j = k
        while j < len(out) and out[j].note:
            j += 1
        before, after = ends[k], starts[j - 1]
        if before is not None or after is not None:
            t0 = before if before is not None else 0.0
            t1 = max(t0, after if after is not None else duration)
            step = (t1 - t0) / (j - k)
            for i in range(k, j):
                out[i] = replace(out[i], start=round(t0 + step * (i - k), 3), end=round(t0 + step * (i - k + 1), 3),
                                 confidence=None, spoken=(), interpolated=True, phones=())
        k = j
    return out


def note_over(episode: Episode, stretch: Span) -> str | None:
    """The note (as shown) that covers most of ``stretch``, when one covers at least half of it:
    audio the aligner found no words for, which the transcript marked ("[Music]" over an intro).

    >>> ep = Episode((Turn("Ann", (Sentence((Word("[Music]", 0.0, 11.5), Word("Hi.", 11.5, 12.0))),)),))
    >>> note_over(ep, Span(0.0, 11.4)), note_over(ep, Span(11.6, 30.0))
    ('[Music]', None)
    """
    best, most = None, 0.5 * stretch.duration
    for w in episode.words():
        span = w.span
        if w.note and span is not None:
            covered = min(span.end, stretch.end) - max(span.start, stretch.start)
            if covered >= most and covered > 0:
                best, most = shown(w.text), covered
    return best
