"""Searching every transcript of the catalogue: phrases, prefixes, ranked, with the moment.

What a person types is turned into a safe FTS5 expression by :func:`fts_query`: a
``"quoted phrase"`` stays a phrase, a word ending in ``*`` is a prefix, everything else is
a word; all of them must occur (in one passage). Nothing typed reaches FTS5 unquoted, so
markup, quotes and SQL or FTS5 operators are only ever text to look for.

>>> fts_query('"large language" model*')
'grams : "large_language" AND text : "model"*'
>>> print(fts_query("it's <b>; DROP TABLE--"))
grams : "it_s" AND text : "<b>;" AND text : "DROP" AND text : "TABLE--"
>>> fts_query('  "" *** ') is None
True

A phrase (or a word such as "GPT-4" that holds several tokens) is looked up as its grams
(:mod:`audiokit.catalog.tokens`); a word of one token goes to the text as typed, quoted.
"""

from __future__ import annotations

import heapq
import re
import sqlite3
from dataclasses import dataclass
from itertools import pairwise

from audiokit.catalog.db import unpack_times
from audiokit.catalog.segments import moment
from audiokit.catalog.tokens import owners, tokens

__all__ = ["MAX_QUERY", "Hit", "fts_query", "search"]

MAX_QUERY = 500  # characters of a query that count; more is cut
MAX_TERMS = 12
MIN_PREFIX = 3  # letters before a "*"
RANK_WINDOW = 1000  # the newest matches that are ranked (see search)
BM25_K1, BM25_B = 1.2, 0.75
AVERAGE_WORDS = 40  # words in a typical passage (segments.MAX_WORDS is the most)
SNIPPET_BEFORE, SNIPPET_AFTER = 10, 20  # words of a snippet around the first match
_OPEN, _CLOSE = "\x02", "\x03"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # FTS5 ends a string at NUL
_TOKEN = re.compile(r'"([^"]*)("?)|(\S+)')


@dataclass(frozen=True)
class Hit:
    """One passage that matches: the moment ``start`` (seconds) is where the first matching
    word begins. ``snippet`` is plain text (escape it to show it); ``marks`` are the
    (start, end) character ranges of the matching words in it."""

    episode: str
    title: str
    speaker: str
    start: float | None
    snippet: str
    marks: tuple[tuple[int, int], ...]
    score: float

    @property
    def href(self) -> str:
        """The episode preview at this moment, relative to OUT.

        >>> Hit("ep 1", "", "", 4321.25, "", (), 0.0).href
        'ep%201/index.html#t=4321.25'
        """
        from urllib.parse import quote

        base = quote(self.episode, safe="") + "/index.html"
        return base if self.start is None else f"{base}#t={self.start:.3f}".rstrip("0").rstrip(".")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(query: str) -> str | None:
    """The FTS5 expression for what a person typed, or None when nothing in it is searchable."""
    terms: list[str] = []
    for m in _TOKEN.finditer(query[:MAX_QUERY]):
        phrase, word = m.group(1), m.group(3)
        raw = phrase.strip() if phrase is not None else word
        prefix = raw.endswith("*")
        found = tokens(raw)
        if not found:
            continue
        # Only letters and digits reach FTS5, inside a quoted string; "*" after it marks a prefix.
        if len(found) > 1:
            terms.append("grams : " + _quote(" ".join(a + "_" + b for a, b in pairwise(found))))
        else:
            # A prefix of one or two letters would make FTS5 merge the lists of a good part of
            # the vocabulary (seconds in a big catalogue): it counts as a whole word.
            prefix = prefix and len(found[0]) >= MIN_PREFIX
            # The word as typed: FTS5 folds it exactly as it folded the transcript.
            terms.append("text : " + _quote(_CONTROL.sub(" ", raw).replace("*", " ").strip()))
        terms[-1] += "*" if prefix else ""
    return " AND ".join(terms[:MAX_TERMS]) or None


def _runs(marked: str) -> set[int]:
    """Indexes of the space-separated items of a highlight() text that are marked."""
    out, inside = set(), False
    for k, item in enumerate(marked.split(" ")):
        if inside or _OPEN in item:
            out.add(k)
        opened, closed = item.rfind(_OPEN), item.rfind(_CLOSE)
        inside = opened > closed or (inside and closed < 0)
    return out


def _score(text_marked: str, grams_marked: str) -> float:
    """BM25 of a candidate passage, the query counted as one term: every candidate holds every
    term, so the inverse document frequency is the same for all of them and drops out."""
    tf = text_marked.count(_OPEN) + grams_marked.count(_OPEN)
    length = text_marked.count(" ") + 1
    return tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / AVERAGE_WORDS))


def _snippet(words: list[str], marked: set[int], first: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text around word ``first`` and the character ranges of its marked words (a run
    of marked words is one range)."""
    lo, hi = max(0, first - SNIPPET_BEFORE), min(len(words), first + SNIPPET_AFTER)
    text = "…" if lo > 0 else ""
    marks: list[tuple[int, int]] = []
    for k in range(lo, hi):
        if k > lo:
            text += " "
        if k in marked and k - 1 in marked and marks and k > lo:
            marks[-1] = (marks[-1][0], len(text) + len(words[k]))
        elif k in marked:
            marks.append((len(text), len(text) + len(words[k])))
        text += words[k]
    return text + ("…" if hi < len(words) else ""), tuple(marks)


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[Hit]:
    """The best ``limit`` passages for ``query`` (BM25), never raising on what was typed.

    >>> import sqlite3
    >>> search(sqlite3.connect(":memory:"), "anything")  # not even a catalogue: nothing found
    []
    """
    expr = fts_query(query)
    if expr is None or limit < 1:
        return []
    try:
        # Candidates newest first, at most RANK_WINDOW of them: FTS5 streams these and stops
        # early, where its own bm25() would visit every match of every term (hundreds of
        # milliseconds for a phrase of common words in a big catalogue).
        rows = conn.execute(
            "SELECT rowid, highlight(passages_fts, 0, char(2), char(3)), highlight(passages_fts, 1, char(2), char(3))"
            " FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            (expr, RANK_WINDOW),
        ).fetchall()
        best = heapq.nlargest(min(int(limit), 200), ((_score(t, g), rowid, t, g) for rowid, t, g in rows))
        if not best:
            return []
        marks = ",".join("?" * len(best))
        info = {
            r[0]: r[1:]
            for r in conn.execute(
                "SELECT p.id, p.episode, e.title, p.speaker, p.times FROM passages p"
                f" JOIN episodes e ON e.id = p.episode WHERE p.id IN ({marks})",
                [b[1] for b in best],
            )
        }
    except sqlite3.Error:
        # An expression FTS5 still refuses, or no catalogue tables: nothing found.
        return []
    hits = []
    for score, rowid, text_marked, grams_marked in best:
        if rowid not in info:
            continue
        episode, title, speaker, blob = info[rowid]
        text = text_marked.replace(_OPEN, "").replace(_CLOSE, "")
        marked = _runs(text_marked)
        gram_runs = _runs(grams_marked)
        if gram_runs:
            owner = owners(text)
            marked |= {owner[t] for g in gram_runs for t in (g, g + 1) if t < len(owner)}
        first = min(marked, default=0)
        ms = moment(unpack_times(blob), first)
        snippet, spans = _snippet(text.split(" "), marked, first)
        hits.append(Hit(episode, title, speaker, None if ms is None else ms / 1000, snippet, spans, score))
    return hits
