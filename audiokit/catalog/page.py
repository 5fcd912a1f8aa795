"""``OUT/index.html``: the catalogue page, one self-contained file that works from disk.

Every episode with its status (and the reason when it failed or was skipped), duration,
alignment coverage, loudness (with what to fix before publishing), chapter and clip counts, and
a link to its preview. For catalogues of at most :data:`EMBED_LIMIT` episodes a compact index of
every transcript is embedded, and the page's own script searches it (phrases in quotes, ``word*`` prefixes); a result opens the
episode preview at the moment (``<id>/index.html#t=SECONDS``). A bigger catalogue is searched
through ``audiokit serve``, which answers ``search?q=`` from ``catalog.sqlite``.

The compact index (a JSON data block)::

    {"episodes": [[id, title, language], ...], "speakers": [name, ...],
     "passages": [[episode index, speaker index, text, [word start deltas, milliseconds](, lead(, notes))], ...]}

``lead`` (left out when 0 and there are no notes) is how many words at the passage's start repeat
the passage before (after the cut of a long sentence): the script, as the server, skips a match
lying wholly in them. ``notes`` (left out when none) lists the words (by index) that are
transcribers' notes, which the script, as the server, shows but never matches
(:func:`audiokit.catalog.tokens.said`).

``language`` is the episode's ISO 639-1 code (null when unknown). The page is English
(``<html lang="en">``); a title, a speaker's name or a snippet of an episode in another language
carries that language (``lang="ar"``: WCAG 3.1.2, language of parts), in the episodes table and
in the results of the page's script and of the server alike, so a screen reader reads it with a
voice of its language, and runs in its language's direction (``dir``; text of no known language
keeps ``<bdi>``'s and ``dir="auto"``'s own guess).

Safety as in the episode preview: all text goes through :func:`html.escape`, the JSON block
cannot close its ``<script>``, the script builds results with ``textContent`` only, and a
Content-Security-Policy allows only the page's own script and style.
"""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import quote

from audiokit.catalog.page_assets import SCRIPT, STYLE
from audiokit.catalog.segments import moment
from audiokit.catalog.times import unpack_times
from audiokit.lang.codes import direction
from audiokit.preview.head import csp_hash, page_head
from audiokit.preview.page import clock, json_block
from audiokit.text.notes import is_note
from audiokit.textio import write_text_atomic

__all__ = ["EMBED_LIMIT", "PAGE_LANGUAGE", "compact_index", "lang_attribute", "render", "write_catalog_page"]

EMBED_LIMIT = 200
PAGE_LANGUAGE = "en"  # the page's own text (preview.head's <html lang>)
# A language tag (BCP 47's shape: "ar", "pt-BR"); anything else gets no lang, which would be
# an invalid one (axe: valid-lang). The page's script checks the same.
_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


CSP = "; ".join([
    "default-src 'none'", f"script-src {csp_hash(SCRIPT)}", f"style-src {csp_hash(STYLE)}", "img-src data:",
    "connect-src 'self'", "base-uri 'none'", "form-action 'none'",
])


def lang_attribute(code: Any) -> str:
    """`` lang="xx" dir="..."`` for text in language ``code`` inside the page, when it is not
    the page's own; else nothing (and nothing for what is not a language tag). The direction is
    the language's: an Arabic title that opens on a Latin word still runs right to left, where
    ``<bdi>``'s own guess (its first strong letter) turned it around.

    >>> lang_attribute("ar"), lang_attribute("hi"), lang_attribute("en"), lang_attribute(None)
    (' lang="ar" dir="rtl"', ' lang="hi" dir="ltr"', '', '')
    >>> lang_attribute('x" onclick="')
    ''
    """
    if not isinstance(code, str) or not _TAG.fullmatch(code) or code.lower() == PAGE_LANGUAGE:
        return ""
    return f' lang="{_e(code)}" dir="{direction(code.split("-")[0].lower())}"'


def compact_index(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Any]:
    """The embedded search index of the episodes ``ids`` (see the module docstring), in order.

    Each word gets a time: an unplaced word takes its nearest placed neighbour's.
    """
    known = {i: (title, language) for i, title, language in conn.execute("SELECT id, title, language FROM episodes")}
    episodes = [[i, *known.get(i, (i, None))] for i in ids]
    speakers: dict[str, int] = {}
    passages: list[list[Any]] = []
    for k, eid in enumerate(ids):
        rows = conn.execute("SELECT speaker, text, times, lead FROM passages WHERE episode = ? ORDER BY id", (eid,))
        for speaker, text, blob, lead in rows:
            times = unpack_times(blob)
            filled = [moment(times, w) for w in range(len(times))]
            if any(t is None for t in filled):
                continue  # a passage with no placed word has no moment to open
            ms = [t for t in filled if t is not None]
            deltas = [ms[0]] + [b - a for a, b in pairwise(ms)]
            notes = [n for n, w in enumerate(text.split(" ")) if is_note(w)] if "[" in text or "(" in text else []
            extra = [lead, notes] if notes else [lead] if lead else []
            passages.append([k, speakers.setdefault(speaker, len(speakers)), text, deltas] + extra)
    return {"episodes": episodes, "speakers": list(speakers), "passages": passages}


def _percent(value: Any) -> str:
    return "" if value is None else f"{float(value):.1%}"


def _lufs(value: Any) -> str:
    return "" if value is None else f"{float(value):.1f}\u00a0LUFS"


def _row(r: Mapping[str, Any]) -> str:
    status = str(r.get("status") or "?")
    # An Arabic title runs right to left, and is read in Arabic.
    title = f'<bdi{lang_attribute(r.get("language"))}>{_e(r.get("title") or r.get("id"))}</bdi>'
    preview = r.get("preview")
    name = f'<a href="{_e(quote(str(preview)))}">{title}</a>' if preview and status == "done" else title
    notes = [str(r["reason"])] if r.get("reason") else []
    notes += [f"loudness: {p}" for p in r.get("loudness_problems") or []]
    reason = "".join(f'<div class="reason">{_e(n)}</div>' for n in notes)
    duration = r.get("duration")
    counts = ["" if r.get(k) is None else str(int(r[k])) for k in ("chapters", "clips")]
    return (f'<tr data-id="{_e(r.get("id"))}"><td>{name}{reason}</td>'
            f'<td><span class="status {_e(status)}">{_e(status)}</span></td>'
            f'<td class="num">{"" if duration is None else clock(float(duration))}</td>'
            f'<td class="num">{_percent(r.get("coverage"))}</td>'
            f'<td class="num">{_lufs(r.get("loudness"))}</td>'
            f'<td class="num">{counts[0]}</td><td class="num">{counts[1]}</td></tr>')


def render(records: Sequence[Mapping[str, Any]], index: Mapping[str, Any] | None, title: str = "Catalogue") -> str:
    """The page for catalog.json ``records``, with ``index`` (:func:`compact_index`) embedded
    when given."""
    by_status = {s: sum(1 for r in records if r.get("status") == s) for s in ("done", "failed", "skipped")}
    hours = sum(float(r.get("duration") or 0) for r in records if r.get("status") == "done") / 3600
    summary = (f"{len(records)} episode{'s' if len(records) != 1 else ''}: {by_status['done']} done, "
               f"{by_status['failed']} failed, {by_status['skipped']} skipped; {hours:.1f} hours of audio")
    how = ("Search every transcript on this page: words, <q>quoted phrases</q> and <code>word*</code> prefixes."
           if index is not None else
           "This catalogue is too big to search inside the page: run <code>audiokit serve</code> on its folder.")
    # Before a batch's first episode is done the page is already written: a row says so, as a
    # table of headers over nothing reads as a broken table (axe's th-has-data-cells).
    rows = "\n".join(_row(r) for r in records) or '<tr><td colspan="7">No episodes yet.</td></tr>'
    return page_head(title, CSP, STYLE) + f"""<header><h1>{_e(title)}</h1><p id="summary">{_e(summary)}</p></header>
<main>
<section class="search"><h2>Search the transcripts</h2>
<p id="search-how">{how}</p>
<form id="search" class="search" role="search"><input id="q" type="search" name="q" dir="auto" autocomplete="off"
 placeholder="&quot;a phrase&quot; or word*" aria-label="Search the transcripts" aria-describedby="search-how"><button
 type="submit">Search</button></form>
<p id="search-status" aria-live="polite"></p>
<ol id="results"></ol>
</section>
<section class="episodes"><h2 id="episodes-heading">Episodes</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="episodes-heading">
<table id="episodes" aria-labelledby="episodes-heading">
<thead><tr>{"".join(f'<th scope="col">{h}</th>' for h in ("Episode", "Status", "Duration", "Coverage", "Loudness", "Chapters", "Clips"))}</tr></thead>
<tbody>
{rows}
</tbody>
</table></div></section>
</main>
<script type="application/json" id="catalog-index">{json_block(index if index is not None else {})}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""


def write_catalog_page(
    out_dir: Path, records: Sequence[Mapping[str, Any]], conn: sqlite3.Connection | None, title: str | None = None
) -> Path:
    """Write ``OUT/index.html`` atomically, headed ``title`` (a feed's channel title; when None or
    blank, the folder's name); embeds the search index (from ``conn``) when there are at most
    :data:`EMBED_LIMIT` records."""
    index = None
    if conn is not None and len(records) <= EMBED_LIMIT:
        index = compact_index(conn, [str(r["id"]) for r in records if r.get("status") == "done"])
    heading = (title or "").strip() or Path(out_dir).resolve().name
    return write_text_atomic(Path(out_dir) / "index.html", render(records, index, heading))
