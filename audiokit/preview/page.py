"""``index.html``: one self-contained page to check an episode in a browser, from disk.

The page carries everything but the audio itself: its CSS and script are inline, the
timeline picture is a ``data:`` image, and the caption and chapter tracks are WebVTT text
kept in a JSON data block and handed to ``<track>`` as Blob URLs by the inline script
(Chromium refuses a ``file://`` page's ``<track src>`` to a sibling file). The audio and the
clips are ``<audio src>`` by relative path, which browsers play from ``file://``.

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from audiokit.model import Episode
from audiokit.preview.head import csp_hash, page_head

__all__ = ["ChapterMark", "ClipCard", "Preview", "clock", "render"]


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
    ``warnings`` further lines to show (caption rule breaks, clip shortfalls...)."""

    episode: Episode
    audio: str
    captions_vtt: str | None = None
    chapters_vtt: str | None = None
    chapters: Sequence[ChapterMark] = ()
    clips: Sequence[ClipCard] = ()
    timeline_png: bytes | None = None
    report: Mapping[str, Any] | None = None
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


def json_block(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    >>> json_block("</script><b>&")
    '"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"'
    """
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


STYLE = """
:root { color-scheme: light; --accent: #0b5fff; --muted: #5f6368; --line: #dde1e6; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d1d1f;
       background: #fafafa; }
header.player { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
                padding: .8rem 1.2rem; }
header.player h1 { font-size: 1.2rem; margin: 0 0 .4rem; }
header.player audio { width: 100%; }
#caption { min-height: 3em; margin-top: .3rem; padding: .3rem .6rem; background: #111; color: #fff;
           border-radius: 4px; white-space: pre-line; font-size: .95rem; }
#caption:empty { background: transparent; }
main { display: grid; grid-template-columns: minmax(14rem, 20rem) 1fr; gap: 1.5rem; padding: 1rem 1.2rem;
       max-width: 84rem; margin: 0 auto; }
@media (max-width: 50rem) { main { grid-template-columns: 1fr; } }
section { margin-bottom: 1.6rem; }
h2 { font-size: 1.05rem; margin: 0 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
button.seek { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer;
              text-align: left; }
#chapter-list { list-style: none; padding: 0; margin: 0; }
#chapter-list li button { display: block; width: 100%; padding: .3rem .4rem; border-radius: 4px; }
#chapter-list li button:hover { background: #eef3ff; }
#chapter-list li.current button { background: #dfe9ff; font-weight: 600; }
#chapter-list time, .turn time { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: .4rem; }
/* A 3-hour transcript is some 30,000 word spans: only the turns near the view are laid out and
   painted (content-visibility), which takes a third off the page load; find-in-page and
   scrollIntoView still reach every word. */
.turn { margin-bottom: 1rem; content-visibility: auto; contain-intrinsic-size: auto 12rem; }
.turn h3 { font-size: .95rem; margin: 0 0 .15rem; }
.turn p { margin: 0; }
.w { cursor: pointer; border-radius: 3px; }
.w:hover { background: #eef3ff; }
.w.now { background: #ffe066; }
.w.missing { color: #a33; text-decoration: underline dotted; cursor: default; }
.timeline img { width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
.clip { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem;
        margin-bottom: .8rem; }
.clip h3 { font-size: .95rem; margin: 0 0 .3rem; }
.clip audio { width: 100%; }
.clip p { margin: .3rem 0; }
.clip .scores { color: var(--muted); font-size: .85rem; }
.clip .social { font-weight: 600; }
.clip ul.reasons { margin: .3rem 0; padding-left: 1.2rem; font-size: .85rem; }
.warnings li { margin-bottom: .3rem; }
.warnings .quote { color: #a33; }
.ok { color: #2a7a2a; }
label.follow { font-size: .85rem; color: var(--muted); }
"""

SCRIPT = """
(() => {
  "use strict";
  const audio = document.getElementById("player");
  const data = JSON.parse(document.getElementById("tracks").textContent);
  function attach(id, text) {
    const el = document.getElementById(id);
    if (!el) return;
    if (text === null) { el.remove(); return; }
    el.src = URL.createObjectURL(new Blob([text], {type: "text/vtt"}));
  }
  attach("captions-track", data.captions);
  attach("chapters-track", data.chapters);
  for (const track of audio.textTracks) {
    if (track.mode === "disabled") track.mode = "hidden";
  }

  const box = document.getElementById("caption");
  const captions = Array.from(audio.textTracks).find((t) => t.kind === "captions");
  if (captions) {
    captions.mode = "hidden";
    captions.addEventListener("cuechange", () => {
      const lines = [];
      for (const cue of Array.from(captions.activeCues || [])) {
        const shown = cue.getCueAsHTML();
        const voice = shown.querySelector ? shown.querySelector("span[title]") : null;
        lines.push((voice ? voice.title + ": " : "") + shown.textContent);
      }
      box.textContent = lines.join("\\n");
    });
  }

  function seek(t) {
    if (!Number.isFinite(t)) return;
    audio.currentTime = t;
    update();
  }
  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-seek]");
    if (target) { seek(parseFloat(target.dataset.seek)); return; }
    const word = event.target.closest(".w[data-s]");
    if (word) seek(parseFloat(word.dataset.s));
  });

  const words = Array.from(document.querySelectorAll("#transcript .w[data-s]"));
  const starts = words.map((w) => parseFloat(w.dataset.s));
  const ends = words.map((w) => parseFloat(w.dataset.e));
  const chapterItems = Array.from(document.querySelectorAll("#chapter-list li"));
  const chapterStarts = chapterItems.map((li) => parseFloat(li.dataset.start));
  const follow = document.getElementById("follow");
  let current = -1, currentChapter = -1;

  function lastAtOrBefore(list, t) {
    let lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] <= t + 1e-6) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function update() {
    const t = audio.currentTime;
    let k = lastAtOrBefore(starts, t);
    if (k >= 0 && t > ends[k] + 1.0) k = -1;
    if (k !== current) {
      if (current >= 0) words[current].classList.remove("now");
      current = k;
      if (k >= 0) {
        words[k].classList.add("now");
        if (follow && follow.checked && !audio.paused) words[k].scrollIntoView({block: "nearest"});
      }
    }
    const c = lastAtOrBefore(chapterStarts, t);
    if (c !== currentChapter) {
      if (currentChapter >= 0) chapterItems[currentChapter].classList.remove("current");
      currentChapter = c;
      if (c >= 0) chapterItems[c].classList.add("current");
    }
  }
  function tick() {
    update();
    if (!audio.paused) requestAnimationFrame(tick);
  }
  audio.addEventListener("play", () => requestAnimationFrame(tick));
  audio.addEventListener("seeked", update);
  audio.addEventListener("timeupdate", update);
  // A link to "index.html#t=SECONDS" (or #t=[h:]mm:ss, as in media fragments) opens the
  // episode at that moment, e.g. from a catalogue search result.
  function fromHash() {
    const m = /^#t=(?:npt:)?(\\d+(?:\\.\\d+)?|(?:\\d+:)?\\d+:\\d+(?:\\.\\d+)?)(?:,|$)/.exec(location.hash);
    if (!m) return;
    const t = m[1].split(":").reduce((acc, part) => acc * 60 + parseFloat(part), 0);
    const go = () => {
      seek(t);
      if (current >= 0) words[current].scrollIntoView({block: "center"});
    };
    if (audio.readyState >= 1) go(); else audio.addEventListener("loadedmetadata", go, {once: true});
  }
  fromHash();
  window.addEventListener("hashchange", fromHash);
  window.audiokitPreview = {seek, current: () => (current >= 0 ? words[current] : null)};
})();
"""


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


def _transcript(episode: Episode) -> str:
    parts: list[str] = []
    for turn in episode.turns:
        start = turn.start
        head = _e(turn.speaker or "Unnamed speaker")
        when = (
            f'<button class="seek" data-seek="{_num(start)}"><time>{clock(start)}</time></button>'
            if start is not None
            else "<time>?</time>"
        )
        words = []
        for w in turn.words:
            if w.start is not None and w.end is not None:
                words.append(f'<span class="w" data-s="{_num(w.start)}" data-e="{_num(w.end)}">{_e(w.text)}</span>')
            else:
                words.append(f'<span class="w missing" title="not found in the audio">{_e(w.text)}</span>')
        parts.append(f'<div class="turn"><h3>{when}{head}</h3><p>{" ".join(words)}</p></div>')
    return "\n".join(parts)


def _chapters(chapters: Sequence[ChapterMark], lang: str) -> str:
    if not chapters:
        return ""
    items = "\n".join(
        f'<li data-start="{_num(c.start)}"><button class="seek" data-seek="{_num(c.start)}">'
        f"<time>{clock(c.start)}</time>{_e(c.title)}</button></li>"
        for c in chapters
    )
    return f'<section class="chapters"><h2>Chapters</h2><ol id="chapter-list" {lang}>\n{items}\n</ol></section>'


def _clips(clips: Sequence[ClipCard], lang: str) -> str:
    if not clips:
        return ""
    cards = []
    for c in clips:
        scores = ", ".join(f"{_e(k)} {v:.2f}" for k, v in c.scores.items())
        cards.append(
            f'<article class="clip"><h3>{_e(c.speaker)} #{c.n}: <span {lang}>{_e(c.title)}</span></h3>'
            f'<audio controls preload="none" src="{_e(c.href)}"></audio>'
            + (f'<p class="social">Caption: “<span {lang}>{_e(c.caption)}</span>”</p>' if c.caption else "")
            + f"<p {lang}>{_e(c.text)}</p>"
            + (
                '<ul class="reasons">' + "".join(f"<li>{_e(r)}</li>" for r in c.reasons) + "</ul>"
                if c.reasons
                else ""
            )
            + f'<p class="scores">score {c.score:.2f}' + (f" ({scores})" if scores else "") + " · "
            f'<button class="seek" data-seek="{_num(c.start)}">{clock(c.start)}–{clock(c.end)} in the episode'
            f"</button> · {c.end - c.start:.1f} s</p></article>"
        )
    return f'<section class="clips"><h2>Clips</h2>\n{"".join(cards)}\n</section>'


def _warnings(report: Mapping[str, Any] | None, warnings: Sequence[str]) -> str:
    items: list[str] = []
    if report is not None:
        words, interpolated = report.get("words", 0), report.get("interpolated", 0)
        placed = report.get("placed", 0) - interpolated  # from the audio; interpolated ones apart
        coverage = placed / words if words else 0.0
        items.append(f'<li class="{"ok" if coverage >= 0.9 else ""}">Aligned {placed} of {words} words '
                     f"from the audio ({coverage:.1%})"
                     + (f"; {interpolated} more interpolated between them" if interpolated else "") + ".</li>")
        for line in report.get("warnings", []):
            items.append(f"<li>{_e(line)}</li>")
        for p in report.get("absent", []):
            after = p.get("after")
            where = (f'after <button class="seek" data-seek="{_num(after)}">{clock(after)}</button>'
                     if after is not None else "at the start")
            items.append(
                f"<li>Not found in the audio ({_e(p.get('speaker', ''))}, {where}): "
                f'<span class="quote">{_e(p.get("text", ""))}</span></li>'
            )
    items += [f"<li>{_e(line)}</li>" for line in warnings]
    if not items:
        return ""
    return f'<section class="warnings"><h2>Report</h2><ul>{"".join(items)}</ul></section>'


def render(preview: Preview) -> str:
    """The page (see the module docstring)."""
    ep = preview.episode
    title = ep.metadata.title or "Episode preview"
    code = _e(ep.metadata.language or "en")
    lang = f'lang="{code}"'  # on the episode's words (and srclang on its tracks), for screen readers
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
    return page_head(title, _csp(), STYLE) + f"""<header class="player">
<h1 {lang}>{_e(title)}</h1>
<audio id="player" controls preload="metadata" src="{_e(preview.audio)}">
{"".join(tracks)}
</audio>
<div id="caption" aria-live="polite" {lang}></div>
</header>
<main>
<aside>
{_chapters(preview.chapters, lang)}
{_warnings(preview.report, preview.warnings)}
</aside>
<div>
{timeline}
<section class="transcript-section"><h2>Transcript</h2>
<p {lang}>{speakers}</p>{description}
<label class="follow"><input type="checkbox" id="follow" checked> follow the playing word</label>
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
