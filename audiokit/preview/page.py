"""``index.html``: one self-contained page to check an episode in a browser, from disk.

The page carries everything but the audio itself: its CSS and script are inline, the
timeline picture is a ``data:`` image, and the caption and chapter tracks are WebVTT text
kept in a JSON data block and handed to ``<track>`` as Blob URLs by the inline script
(Chromium refuses a ``file://`` page's ``<track src>`` to a sibling file). The audio and the
clips are ``<audio src>`` by relative path, which browsers play from ``file://``.

A transcriber's note ("[laughs]", "[MUSIC PLAYING]") is shown as a note (``span.note``, without
the transcriber's clock), in the transcript and the clips' text: it is not a word to click, nor
one the playing-word highlight lights up, and a turn's time is when its speaker starts talking.
Notes ending a turn in a pause of their own (a "[MUSIC PLAYING]" line between two turns, which the
readers put in the turn before) are a paragraph of their own after it, with no speaker.

Safety: every piece of transcript text goes through :func:`html.escape`; the JSON block
escapes ``<``, ``>`` and ``&`` so nothing in it can close its ``<script>`` element; and a
Content-Security-Policy allows only the page's own script (by its SHA-256), its own style,
``data:`` images, and media from the page's folder or Blob URLs: no network, and no script
that came from a transcript could run even if it slipped into the markup.

:func:`render` is pure: it takes a :class:`Preview` and returns the page text.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from audiokit.lang.codes import direction
from audiokit.model import Episode, Sentence, Turn
from audiokit.preview.assets import SCRIPT, STYLE
from audiokit.preview.head import csp_hash, page_head
from audiokit.text.notes import is_note, join_notes, shown
from audiokit.transcripts._common import parse_clock

__all__ = ["APART", "ChapterMark", "ClipCard", "Preview", "clock", "render", "with_notes"]

APART = 1.0
"""Seconds of pause that make the notes ending a turn a paragraph of their own, with no speaker
(the least a caption of a note alone needs in every style of :mod:`audiokit.captions`)."""


@dataclass(frozen=True)
class ChapterMark:
    """A chapter as the page lists it."""

    start: float
    end: float
    title: str


@dataclass(frozen=True)
class ClipCard:
    """A clip as the page shows it: ``href`` is the clip file relative to the page."""

    href: str
    speaker: str
    n: int
    start: float
    end: float
    title: str
    text: str
    score: float
    scores: Mapping[str, float] = field(default_factory=dict)
    reasons: Sequence[str] = ()
    caption: str = ""


@dataclass(frozen=True)
class Preview:
    """Everything the page shows. ``audio`` is the episode audio relative to the page;
    ``report`` the alignment report as :meth:`audiokit.align.report.Report.to_dict` gives it;
    ``measures`` lines measured from the audio (its loudness and the speakers' balance);
    ``warnings`` further lines to show (caption rule breaks, clip shortfalls...)."""

    episode: Episode
    audio: str
    captions_vtt: str | None = None
    chapters_vtt: str | None = None
    chapters: Sequence[ChapterMark] = ()
    clips: Sequence[ClipCard] = ()
    timeline_png: bytes | None = None
    report: Mapping[str, Any] | None = None
    measures: Sequence[str] = ()
    warnings: Sequence[str] = ()


def clock(t: float | None) -> str:
    """``m:ss`` or ``h:mm:ss``.

    >>> clock(75.4), clock(3725)
    ('1:15', '1:02:05')
    """
    if t is None:
        return "?"
    s = int(t)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(t: float) -> str:
    return f"{t:.3f}".rstrip("0").rstrip(".") or "0"


# A time on the episode's clock as the report writes it (clock(): m:ss or h:mm:ss), not part of a
# longer run of digits and colons or a decimal.
_CLOCK = re.compile(r"(?<![\d:.])(?:\d{1,2}:)?\d{1,2}:\d{2}(?![\d:]|\.\d)")


def _linked(line: str) -> str:
    """``line`` escaped, each time in it a button that plays the episode from there, so a
    report line such as "Ann is 6.2 LU quieter than usual at 3:09-3:15" is heard in one click.

    >>> _linked("Ann <b> at 3:09-3:15, 1:02:03 and 12.5:10")
    'Ann &lt;b&gt; at <button class="seek" data-seek="189">3:09</button>-<button class="seek" data-seek="195">3:15</button>, <button class="seek" data-seek="3723">1:02:03</button> and 12.5:10'
    """
    def button(m: re.Match[str]) -> str:
        return f'<button class="seek" data-seek="{_num(parse_clock(m.group(0)))}">{m.group(0)}</button>'

    return _CLOCK.sub(button, _e(line))


def json_block(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    >>> json_block("</script><b>&")
    '"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"'
    """
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _csp() -> str:
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {csp_hash(SCRIPT)}",
            f"style-src {csp_hash(STYLE)}",
            "img-src data:",
            "media-src 'self' file: blob: data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def _note(text: str) -> str:
    return f'<span class="note">{_e(shown(text))}</span>'


def with_notes(text: str) -> str:
    """``text`` escaped, its transcribers' notes shown as notes (:func:`audiokit.text.notes.shown`).

    >>> with_notes("So <b> [laughs] [inaudible 00:12:34]")
    'So &lt;b&gt; <span class="note">[laughs]</span> <span class="note">[inaudible]</span>'
    """
    return " ".join(_note(t) if is_note(t) else _e(t) for t in join_notes(text.split()))


def _when(start: float | None) -> str:
    # Out of the Tab order: the transcript is one stop (its words rove, see assets.SCRIPT)
    # and Page Up/Down moves by turn; a click or a screen reader's browse mode still reaches it.
    if start is None:
        return "<time>?</time>"
    return f'<button class="seek" data-seek="{_num(start)}" tabindex="-1"><time>{clock(start)}</time></button>'


def _apart(turn: Turn) -> int:
    """How many notes end ``turn`` in a pause of their own (:data:`APART` seconds or more) after
    its last said word: a "[MUSIC PLAYING]" line between two turns is read into the turn before,
    but it is nobody's line."""
    listed = turn.words
    said_at = [k for k, w in enumerate(listed) if not w.note]
    tail = listed[said_at[-1] + 1:] if said_at else ()
    a, b = (tail[0].start, tail[-1].end) if tail else (None, None)
    return len(tail) if a is not None and b is not None and b - a >= APART else 0


def _transcript(episode: Episode) -> str:
    parts: list[str] = []
    for whole in episode.turns:
        apart = _apart(whole)
        tail = whole.words[len(whole.words) - apart:] if apart else ()
        turn = replace(whole, sentences=_drop_tail(whole.sentences, apart)) if apart else whole
        start = turn.start  # its first said word: a "[MUSIC PLAYING]" opening the turn is not the speaker
        head = _e(turn.speaker or "Unnamed speaker")
        when = _when(start)
        words: list[str] = []
        listed = turn.words
        # The first timed word of each sentence is marked (class "s": 2 bytes a sentence, where a
        # wrapping span would cost 20) for the Up and Down keys.
        firsts: set[int] = set()
        at = 0
        for sentence in turn.sentences:
            timed = [j for j, w in enumerate(sentence.words) if w.start is not None and w.end is not None
                     and not w.note]
            firsts.update(at + j for j in timed[:1])
            at += len(sentence.words)
        for k, w in enumerate(listed):
            if w.note:
                # A transcriber's note is shown as one, not as a word to seek to or to light up
                # while "said": a 30 s "[MUSIC PLAYING]" is nobody's word.
                words.append(_note(w.text))
                continue
            if w.start is not None and w.end is not None:
                cls = "w s" if k in firsts else "w"
                words.append(f'<span class="{cls}" data-s="{_num(w.start)}" data-e="{_num(w.end)}">{_e(w.text)}</span>')
                continue
            words.append(f'<span class="w missing" title="not found in the audio">{_e(w.text)}</span>')
            following = next((v for v in listed[k + 1:] if not v.note), None)
            if following is None or following.start is not None:
                # Red and dotted is all a sighted reader gets; a screen reader is told in words,
                # once per run of missing words (a title on a span is not read out).
                words[-1] += '<span class="sr-only" lang="en"> (not found in the audio)</span>'
        parts.append(f'<div class="turn"><h3>{when} {head}</h3><p>{" ".join(words)}</p></div>')
        if tail:  # as the captions give it a cue of its own: no speaker, at its own time
            parts.append(f'<div class="turn break"><p>{_when(tail[0].start)} {" ".join(_note(w.text) for w in tail)}</p></div>')
    return "\n".join(parts)


def _drop_tail(sentences: tuple[Sentence, ...], n: int) -> tuple[Sentence, ...]:
    """``sentences`` without their last ``n`` words (sentences left empty dropped)."""
    out = list(sentences)
    while n > 0 and out:
        words = out[-1].words
        cut = min(n, len(words))
        n -= cut
        out[-1] = replace(out[-1], words=words[:len(words) - cut])
        if not out[-1].words:
            out.pop()
    return tuple(out)


def _chapters(chapters: Sequence[ChapterMark], lang: str) -> str:
    if not chapters:
        return ""
    items = "\n".join(
        f'<li data-start="{_num(c.start)}"><button class="seek" data-seek="{_num(c.start)}">'
        f"<time>{clock(c.start)}</time> {_e(c.title)}</button></li>"
        for c in chapters
    )
    return (f'<nav class="chapters" aria-labelledby="chapters-heading"><h2 id="chapters-heading">Chapters</h2>'
            f'<ol id="chapter-list" {lang}>\n{items}\n</ol></nav>')


def _clips(clips: Sequence[ClipCard], lang: str) -> str:
    if not clips:
        return ""
    cards = []
    for c in clips:
        scores = ", ".join(f"{_e(k)} {v:.2f}" for k, v in c.scores.items())
        cards.append(
            f'<article class="clip"><h3>{_e(c.speaker)} #{c.n}: <span {lang}>{_e(c.title)}</span></h3>'
            f'<audio controls preload="none" src="{_e(c.href)}" aria-label="Clip {c.n} of {_e(c.speaker)}"></audio>'
            + (f'<p class="social">Caption: “<span {lang}>{_e(c.caption)}</span>”</p>' if c.caption else "")
            + f"<p {lang}>{with_notes(c.text)}</p>"
            + (
                '<ul class="reasons">' + "".join(f"<li>{_e(r)}</li>" for r in c.reasons) + "</ul>"
                if c.reasons
                else ""
            )
            + f'<p class="scores">score {c.score:.2f}' + (f" ({scores})" if scores else "") + " · "
            f'<button class="seek" data-seek="{_num(c.start)}">{clock(c.start)}–{clock(c.end)} in the episode'
            f"</button> · {c.end - c.start:.1f} s</p></article>"
        )
    return f'<section class="clips"><h2 id="clips-heading" tabindex="-1">Clips</h2>\n{"".join(cards)}\n</section>'


def _warnings(report: Mapping[str, Any] | None, warnings: Sequence[str], measures: Sequence[str] = ()) -> str:
    items: list[str] = []
    if report is not None:
        words, interpolated = report.get("words", 0), report.get("interpolated", 0)
        placed = report.get("placed", 0) - interpolated  # from the audio; interpolated ones apart
        coverage = placed / words if words else 0.0
        items.append(f'<li class="{"ok" if coverage >= 0.9 else ""}">Aligned {placed} of {words} words '
                     f"from the audio ({coverage:.1%})"
                     + (f"; {interpolated} more interpolated between them" if interpolated else "") + ".</li>")
        for line in report.get("warnings", []):
            items.append(f"<li>{_linked(line)}</li>")
        for p in report.get("absent", []):
            after = p.get("after")
            where = (f'after <button class="seek" data-seek="{_num(after)}">{clock(after)}</button>'
                     if after is not None else "at the start")
            items.append(
                f"<li>Not found in the audio ({_e(p.get('speaker', ''))}, {where}): "
                f'<span class="quote">{_e(p.get("text", ""))}</span></li>'
            )
    items += [f'<li class="measure">{_e(line[:1].upper() + line[1:])}.</li>' for line in measures]
    items += [f"<li>{_linked(line)}</li>" for line in warnings]
    if not items:
        return ""
    return f'<section class="warnings"><h2>Report</h2><ul>{"".join(items)}</ul></section>'


def render(preview: Preview) -> str:
    """The page (see the module docstring)."""
    ep = preview.episode
    title = ep.metadata.title or "Episode preview"
    code = _e(ep.metadata.language or "en")
    # On the episode's words (and srclang on its tracks), for screen readers; an Arabic or Hebrew
    # transcript also runs right to left (without dir its full stops stood at the left).
    lang = f'lang="{code}"' + (' dir="rtl"' if direction(ep.metadata.language) == "rtl" else "")
    tracks = [f'<track id="{kind}-track" kind="{kind}" label="{kind.title()}" srclang="{code}"{extra}>'
              for kind, vtt, extra in (("captions", preview.captions_vtt, " default"),
                                       ("chapters", preview.chapters_vtt, "")) if vtt is not None]
    data = json_block({"captions": preview.captions_vtt, "chapters": preview.chapters_vtt})
    timeline = ""
    if preview.timeline_png:
        b64 = base64.b64encode(preview.timeline_png).decode("ascii")
        timeline = (
            '<section class="timeline"><h2>Timeline</h2>'
            f'<img src="data:image/png;base64,{b64}" alt="Who talks when, chapter marks and clip spans"></section>'
        )
    speakers = ", ".join(
        _e(s.name) + (f" ({_e(s.role)})" if s.role else "") for s in ep.speakers if s.name
    )
    description = f"<p {lang}>{_e(ep.metadata.description)}</p>" if ep.metadata.description else ""
    skips = '<a class="skip" href="#transcript-heading">Skip to the transcript</a>' + (
        '<a class="skip" href="#clips-heading">Skip to the clips</a>' if preview.clips else "")
    return page_head(title, _csp(), STYLE) + f"""{skips}
<header class="player">
<h1 {lang}>{_e(title)}</h1>
<audio id="player" controls preload="metadata" src="{_e(preview.audio)}" aria-label="Episode audio">
{"".join(tracks)}
</audio>
<div id="caption" {lang}></div>
</header>
<main>
<aside>
{_chapters(preview.chapters, lang)}
{_warnings(preview.report, preview.warnings, preview.measures)}
</aside>
<div>
{timeline}
<section class="transcript-section"><h2 id="transcript-heading" tabindex="-1">Transcript</h2>
<p {lang}>{speakers}</p>{description}
<label class="follow"><input type="checkbox" id="follow" checked> follow the playing word</label>
<p id="transcript-keys" class="keys">In the transcript (one Tab stop): ← → word, ↑ ↓ sentence, Page Up/Down turn,
Home/End first/last word; Enter or Space takes the player to the word, K plays or pauses.</p>
<div id="transcript" {lang}>
{_transcript(ep)}
</div></section>
{_clips(preview.clips, lang)}
</div>
</main>
<script type="application/json" id="tracks">{data}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
