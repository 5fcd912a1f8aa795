"""HTML transcript (Podcasting 2.0): per turn a ``<cite>`` speaker, a ``<time>`` and a ``<p>``,
under an ``<h1>`` of the episode's title.

A transcriber's note is marked ``<span class="note">`` so a page can style it, and a screen
reader or script can tell it from the words said; a turn of notes alone (a "[music playing]"
cue) names no speaker.

>>> from audiokit.captions.cue import Cue
>>> print(render([Cue(62.5, 64.0, "Ann", ("a <b> & c",))], title="Ep <1>"))
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ep &lt;1&gt;</title>
<style>body { overflow-wrap: anywhere; }</style>
</head>
<body>
<main>
<h1>Ep &lt;1&gt;</h1>
<cite>Ann:</cite>
<time datetime="PT1M2.5S">1:02</time>
<p>a &lt;b&gt; &amp; c</p>
</main>
</body>
</html>
<BLANKLINE>
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from audiokit.captions.cue import Cue
from audiokit.captions.timefmt import clock, iso_duration
from audiokit.captions.turns import SpeakerTurn, turns
from audiokit.lang.codes import direction

__all__ = ["render"]


def _text(turn: SpeakerTurn) -> str:
    """The turn's text, escaped, each note in a ``note`` span.

    >>> _text(SpeakerTurn("A", 0, 1, "", (("Hi <b>.", False), ("[laughs]", True))))
    'Hi &lt;b&gt;. <span class="note">[laughs]</span>'
    """
    if not turn.pieces:
        return html.escape(turn.text, quote=False)
    return " ".join(f'<span class="note">{html.escape(t, quote=False)}</span>' if note else html.escape(t, quote=False)
                    for t, note in turn.pieces)


def render(cues: Sequence[Cue], title: str | None = None, language: str | None = None) -> str:
    """The HTML transcript of ``cues``, titled ``title``, in ``language`` (ISO 639-1)."""
    # The page's language (ISO 639-1, English when not given) tells screen readers which voice
    # reads it: without it a Czech transcript was read out with English rules. Arabic, Hebrew and
    # the like also run right to left.
    rtl = ' dir="rtl"' if direction(language) == "rtl" else ""
    out = ["<!DOCTYPE html>", f'<html lang="{html.escape(language or "en")}"{rtl}>', "<head>", '<meta charset="utf-8">']
    # Readable on a phone without zooming sideways, and its turns in a main landmark a screen
    # reader can jump to; the cite/time/p turns themselves stay as Podcasting 2.0 has them.
    out.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    out.append(f"<title>{html.escape(title or 'Transcript', quote=False)}</title>")
    # A long word (a URL read out) wraps: at 320 pixels (400% zoom) it pushed the page sideways.
    out.append("<style>body { overflow-wrap: anywhere; }</style>")
    out += ["</head>", "<body>", "<main>"]
    # A heading to start from: a screen reader user lists a page's headings or jumps to its first
    # (axe's page-has-heading-one). Untitled, the page's one English word says so in its own
    # language, not read out in the transcript's voice.
    english = "" if (language or "en") == "en" else ' lang="en" dir="ltr"'
    out.append(f"<h1>{html.escape(title, quote=False)}</h1>" if title else f"<h1{english}>Transcript</h1>")
    for turn in turns(cues):
        if turn.speaker:
            out.append(f"<cite>{html.escape(turn.speaker, quote=False)}:</cite>")
        out.append(f'<time datetime="{iso_duration(turn.start)}">{clock(turn.start)}</time>')
        out.append(f"<p>{_text(turn)}</p>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)
