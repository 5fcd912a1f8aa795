"""Captions that meet broadcast rules, and a linter for caption files.

The public API is small::

    from audiokit.captions import STYLES, build_cues, render, check
    cues = build_cues(episode, STYLES["netflix"])     # list[Cue], pure
    text = render(cues, "vtt", episode)               # "vtt" | "srt" | "ttml" | "ebu-tt-d" | "json" | "html" | "txt"
    problems = check(cues, STYLES["netflix"])         # list[Violation]

- :class:`Style` / :data:`STYLES`: the presets (``netflix``, ``bbc``, ``podcast``), every
  number overridable with :meth:`Style.with_overrides`.
- :func:`build_cues`: an aligned episode cut into :class:`Cue` values (one speaker each,
  every timed word once, in order, as written). Pass ``inline_speakers=True`` where
  :func:`shows_labels` (SRT, TTML; EBU-TT-D without speaker colours), whose ``Name:`` labels
  take room in the text. :meth:`Cue.shifted` makes clip-relative cues.
- :func:`render`: cues as text in one of :data:`FORMATS`.
- :func:`check` (:mod:`.lint`) and :func:`read_captions` (:mod:`.readers`): lint any
  WebVTT, SRT or TTML (IMSC, EBU-TT-D) file or list of cues.

>>> from audiokit.model import Episode, Sentence, Turn, Word
>>> ep = Episode((Turn("Ann", (Sentence((Word("Hi", 0.5, 0.8), Word("there.", 0.8, 1.2))),)),))
>>> print(render(build_cues(ep), "vtt", ep))
WEBVTT
<BLANKLINE>
00:00:00.500 --> 00:00:01.700
<v Ann>Hi there.
<BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Sequence

from audiokit.captions import ebutt, podcast_json, srt, transcript_html, transcript_text, ttml, vtt
from audiokit.captions.cue import Cue
from audiokit.captions.lint import Violation, check, summary
from audiokit.captions.readers import ShownCue
from audiokit.captions.readers import read as read_captions
from audiokit.captions.segment import build_cues
from audiokit.captions.styles import STYLES, Style, get_style
from audiokit.model import Episode

__all__ = [
    "FORMATS",
    "STYLES",
    "Cue",
    "ShownCue",
    "Style",
    "Violation",
    "build_cues",
    "check",
    "get_style",
    "read_captions",
    "render",
    "shows_labels",
    "summary",
]

FORMATS = ("vtt", "srt", "ttml", "ebu-tt-d", "json", "html", "txt")
"""The output formats :func:`render` knows (``ttml``: IMSC 1.1 Text, :mod:`.ttml`;
``ebu-tt-d``: EBU Tech 3380, :mod:`.ebutt`)."""


def shows_labels(fmt: str, style: Style, episode: Episode) -> bool:
    """Whether cues in ``fmt`` show ``Name:`` labels at speaker changes (pass it to
    :func:`build_cues` as ``inline_speakers``): SRT and TTML always (a player shows no
    ``ttm:agent``), EBU-TT-D unless ``style`` has a colour for each of the episode's speakers.

    >>> from audiokit.model import Turn
    >>> ep = Episode((Turn("Ann", ()), Turn("Bo", ())))
    >>> [shows_labels(f, STYLES["bbc"], ep) for f in ("vtt", "srt", "ttml", "ebu-tt-d")]
    [False, True, True, False]
    >>> shows_labels("ebu-tt-d", STYLES["netflix"], ep)
    True
    """
    if fmt in ("srt", "ttml"):
        return True
    if fmt == "ebu-tt-d":
        return len({t.speaker for t in episode.turns if t.speaker}) > len(style.speaker_colours)
    return False


def render(cues: Sequence[Cue], fmt: str, episode: Episode | None = None, style: Style | None = None) -> str:
    """The text of ``cues`` in format ``fmt`` (see :data:`FORMATS`); ``episode`` supplies the
    title and language of the HTML transcript and TTML, ``style`` the speaker colours of EBU-TT-D."""
    language = episode.metadata.language if episode else None
    if fmt == "vtt":
        return vtt.render(cues)
    if fmt == "srt":
        return srt.render(cues)
    if fmt == "ttml":
        return ttml.render(cues, language, episode.metadata.title if episode else None)
    if fmt == "ebu-tt-d":
        return ebutt.render(cues, language, style.speaker_colours if style else ())
    if fmt == "json":
        return podcast_json.render(cues)
    if fmt == "html":
        return transcript_html.render(cues, title=episode.metadata.title if episode else None, language=language)
    if fmt == "txt":
        return transcript_text.render(cues)
    raise ValueError(f"unknown caption format {fmt!r} (choose from {', '.join(FORMATS)})")
