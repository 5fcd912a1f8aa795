"""Clip-relative captions: the clip's sentences as a small episode of their own, with word
times shifted so the clip starts at 0, captioned by :mod:`audiokit.captions`. A transcriber's
note ("[laughs]") stays, as captions show sounds, but without the transcriber's clock
("[inaudible 00:00:42]" shows "[inaudible]") and within the clip: the pause it spans may begin
before the clip or run on after it.

>>> from audiokit.model import Episode, Turn, Sentence, Word
>>> ep = Episode((Turn("Ann", (Sentence((Word("Hi.", 10.0, 10.4),)), Sentence((Word("Bye.", 11.0, 11.3),)))),))
>>> sub = clip_episode(ep, 1, 1, 10.8)
>>> [(w.text, round(w.start, 3), round(w.end, 3)) for w in sub.words()]
[('Bye.', 0.2, 0.5)]
>>> ep = Episode((Turn("Ann", (Sentence((Word("Hi.", 10.0, 10.4), Word("[inaudible 0:42]", 10.4, 19.0))),)),))
>>> [(w.text, round(w.start, 3), round(w.end, 3)) for w in clip_episode(ep, 0, 0, 9.8, 11.0).words()]
[('Hi.', 0.2, 0.6), ('[inaudible]', 0.6, 1.2)]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from audiokit.clips.candidates import SentenceIndex
from audiokit.model import Episode, Sentence, Turn, Word
from audiokit.text.notes import shown

if TYPE_CHECKING:
    from audiokit.captions import Style
    from audiokit.clips.selection import Clip

__all__ = ["caption_maker", "clip_episode"]


def _shift(w: Word, offset: float) -> Word:
    if w.start is None or w.end is None:
        return w
    phones = tuple(
        replace(p, start=max(0.0, p.start + offset), end=max(0.0, p.end + offset)) for p in w.phones
    )
    return replace(w, start=max(0.0, w.start + offset), end=max(0.0, w.end + offset), phones=phones)


def _note_within(w: Word, length: float | None) -> Word:
    if not w.note:
        return w
    if w.start is None or w.end is None or length is None:
        return replace(w, text=shown(w.text))
    return replace(w, text=shown(w.text), start=min(w.start, length), end=min(w.end, length))


def clip_episode(episode: Episode, first: int, last: int, start: float, end: float | None = None) -> Episode:
    """Sentences ``first``..``last`` (global indices) of ``episode`` as an episode whose
    times start at ``start`` = 0, one turn per original turn, speakers and metadata kept but
    the duration: the clip's, ``end - start``, when ``end`` is given, so no cue outlasts the
    clip's audio (the episode's duration let the last cue run up to half a second past it)."""
    index = SentenceIndex.of(episode)
    turns: list[Turn] = []
    length = None if end is None else max(0.0, end - start)
    for ref in index.sentences[first : last + 1]:
        sentence = Sentence(tuple(_note_within(_shift(w, -start), length) for w in ref.words))
        if turns and turns[-1].speaker == ref.speaker:
            turns[-1] = replace(turns[-1], sentences=turns[-1].sentences + (sentence,))
        else:
            turns.append(Turn(ref.speaker, (sentence,)))
    metadata = episode.metadata if length is None else replace(episode.metadata, duration=length)
    return replace(episode, turns=tuple(turns), metadata=metadata)


def caption_maker(style: Style | str | None = None) -> Callable[[Episode, Clip], str]:
    """A function writing a clip's WebVTT with :mod:`audiokit.captions` (its default style
    unless ``style`` is one or names a preset)."""
    from audiokit.captions import build_cues, get_style, render

    chosen = get_style(style) if isinstance(style, str) else style

    def make(episode: Episode, clip: Clip) -> str:
        sub = clip_episode(episode, clip.first_sentence, clip.last_sentence, clip.start, clip.end)
        cues = build_cues(sub) if chosen is None else build_cues(sub, chosen)
        return str(render(cues, "vtt", sub))

    return make
