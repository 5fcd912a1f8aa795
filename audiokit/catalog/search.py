"""Searching every transcript of the catalogue: phrases, prefixes, ranked, with the moment.

What a person types is turned into a safe FTS5 expression by :func:`fts_query`: a
``"quoted phrase"`` stays a phrase, a word ending in ``*`` is a prefix, everything else is
a word; all of them must occur (in one passage). Nothing typed reaches FTS5 unquoted, so
markup, quotes and SQL or FTS5 operators are only ever text to look for.

>>> fts_query('"large language" model*')
'"large language" AND "model"*'
>>> print(fts_query("it's <b>; DROP TABLE--"))
"it's" AND "<b>;" AND "DROP" AND "TABLE--"
>>> fts_query('  "" *** ') is None
True
"""

from __future__ import annotations

import heapq
import re
import sqlite3
from dataclasses import dataclass

from audiokit.catalog.db import unpack_times
from audiokit.catalog.segments import moment

__all__ = ["MAX_QUERY", "Hit", "fts_query", "search"]

MAX_QUERY = 500  # characters of a query that count; more is cut
MAX_TERMS = 12
RANK_WINDOW = 1000  # the newest matches that are ranked (see search)
BM25_K1, BM25_B = 1.2, 0.75
AVERAGE_WORDS = 40  # words in a typical passage (segments.MAX_WORDS is the most)
SNIPPET_BEFORE, SNIPPET_AFTER = 10, 20  # words of a snippet around the first match
_OPEN, _CLOSE = "\x02", "\x03"
_TOKEN = re.compile(r'"([^"]*)("?)|(\S+)')
_WORDY = re.compile(r"\w")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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
        """The episode preview at this moment, relative to OUT."""
        from urllib.parse import quote

        base = quote(self.episode, safe="") + "/index.html"
        return base if self.start is None else f"{base}#t={self.start:g}"


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(query: str) -> str | None:
    """The FTS5 expression for what a person typed, or None when nothing in it is searchable."""
    terms: list[str] = []
    # FTS5 ends a string at NUL; control characters are never in a transcript anyway.
    query = _CONTROL.sub(" ", query[:MAX_QUERY])
    for m in _TOKEN.finditer(query):
        phrase, word = m.group(1), m.group(3)
        if phrase is not None:
            prefix = phrase.rstrip().endswith("*")
            text = phrase.strip().rstrip("*")
        else:
            prefix = word.endswith("*")
            text = word.strip("*")
        if not _WORDY.search(text):
            continue
        # FTS5 reads a quoted string as text and only text; "*" after it marks a prefix.
        terms.append(_quote(" ".join(text.replace("*", " ").split())) + ("*" if prefix else ""))
    return " AND ".join(terms[:MAX_TERMS]) or None


def _plain(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    text, marks, begin = [], [], None
    n = 0
    for ch in marked:
        if ch == _OPEN:
            begin = n
        elif ch == _CLOSE:
            if begin is not None:
                marks.append((begin, n))
            begin = None
        else:
            text.append(ch)
            n += 1
    return "".join(text), tuple(marks)


def _score(marked: str) -> float:
    """BM25 of a candidate passage, the query counted as one term: every candidate holds every
    term, so the inverse document frequency is the same for all of them and drops out."""
    tf = marked.count(_OPEN)
    length = marked.count(" ") + 1
    return tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / AVERAGE_WORDS))


def _window(words: list[str], first: int) -> str:
    lo, hi = max(0, first - SNIPPET_BEFORE), min(len(words), first + SNIPPET_AFTER)
    return ("…" if lo > 0 else "") + " ".join(words[lo:hi]) + ("…" if hi < len(words) else "")


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
            "SELECT rowid, highlight(passages_fts, 0, char(2), char(3)) FROM passages_fts"
            " WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            (expr, RANK_WINDOW),
        ).fetchall()
        best = heapq.nlargest(min(int(limit), 200), ((_score(m), rowid, m) for rowid, m in rows))
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
    for score, rowid, marked in best:
        if rowid not in info:
            continue
        episode, title, speaker, blob = info[rowid]
        words = marked.split(" ")
        first = next((k for k, w in enumerate(words) if _OPEN in w), 0)
        ms = moment(unpack_times(blob), first)
        text, spans = _plain(_window(words, first))
        hits.append(Hit(episode, title, speaker, None if ms is None else ms / 1000, text, spans, score))
    return hits
