"""Searching every transcript of the catalogue: phrases, prefixes, ranked, with the moment.

What a person types is turned into a safe FTS5 expression by :func:`fts_query`: a
``"quoted phrase"`` stays a phrase, a word ending in ``*`` is a prefix, everything else is
a word; all of them must occur (in one passage). Nothing typed reaches FTS5 unquoted, so
markup, quotes and SQL or FTS5 operators are only ever text to look for. An Arabic-script word
finds its other spellings and its forms with the prefixes و ال بال ... attached
(:mod:`audiokit.catalog.arabic`).

>>> fts_query('"large language" model*')
'grams : "large\ue000language" AND text : "model"*'
>>> print(fts_query("it's <b>; DROP TABLE--").replace("\ue000", "_"))
grams : "it_s" AND text : "<b>;" AND text : "drop" AND text : "table--"
>>> fts_query('  "" *** ') is None
True

A phrase (or a word such as "GPT-4" that holds several tokens) is looked up as its grams
(:mod:`audiokit.catalog.tokens`); a word of one token goes to the text folded as the index's
text is (:func:`~audiokit.catalog.tokens.fold`), quoted, and FTS5 cuts it as it cut the
transcripts. The index only finds the passages: the words that match are found again in each
passage's text (the same tokens), which gives the marks, the moment and the term frequency for
ranking. A passage that begins with the repeated words after the cut of a long sentence (its
``lead``, see :mod:`audiokit.catalog.segments`) does not count a match lying wholly in them: the passage before holds it whole and counts it.
A match that begins in the lead and ends after it crosses the cut and is counted here.
A transcriber's note ("[MUSIC PLAYING]", "(laughter)") is shown in a snippet (``Hit.notes``) but
neither matched nor counted in the passage's length that ranking weighs (:func:`_length`): "music"
finds the passages where someone says it (:func:`~audiokit.catalog.tokens.said`).
"""

from __future__ import annotations

import heapq
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from audiokit.catalog.segments import moment
from audiokit.catalog.times import unpack_times
from audiokit.catalog.tokens import fold, folded_tokens, gram_list, owned_tokens, said, tokens
from audiokit.text.notes import is_note

__all__ = ["MAX_QUERY", "Hit", "fts_query", "search"]

MAX_QUERY = 500  # characters of a query that count; more is cut
MAX_TERMS = 12
MIN_PREFIX = 3  # letters before a "*"
RANK_WINDOW = 1000  # the newest matches that are ranked (see search)
BM25_K1, BM25_B = 1.2, 0.75
AVERAGE_WORDS = 40  # words in a typical passage (segments.MAX_WORDS is the most)
SNIPPET_BEFORE, SNIPPET_AFTER = 10, 20  # words of a snippet around the first match
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ue000]")  # FTS5 ends a string at NUL; JOIN is the index's own
_TOKEN = re.compile(r'"([^"]*)("?)|(\S+)')


@dataclass(frozen=True)
class _Term:
    """One thing to find: its tokens in order, whether the last is a prefix, and the FTS5
    expression that finds the passages holding it."""

    tokens: tuple[str, ...]
    prefix: bool
    expr: str


@dataclass(frozen=True)
class Hit:
    """One passage that matches: the moment ``start`` (seconds) is where the first matching
    word begins. ``snippet`` is plain text (escape it to show it); ``marks`` are the
    (start, end) character ranges of the matching words in it, ``notes`` those of the
    transcribers' notes (shown muted, as the episode preview shows them). ``language``: the
    episode's ISO 639-1 code (None when the catalogue does not know it), for the ``lang`` a
    page gives the title and the snippet (WCAG 3.1.2)."""

    episode: str
    title: str
    speaker: str
    start: float | None
    snippet: str
    marks: tuple[tuple[int, int], ...]
    score: float
    notes: tuple[tuple[int, int], ...] = ()
    language: str | None = None

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


def _terms(query: str) -> list[_Term]:
    """The terms of what a person typed (see the module docstring), at most MAX_TERMS."""
    terms: list[_Term] = []
    for m in _TOKEN.finditer(query[:MAX_QUERY]):
        phrase, word = m.group(1), m.group(3)
        raw = _CONTROL.sub(" ", phrase.strip() if phrase is not None else word)
        found = tokens(raw)
        if not found:
            continue
        # A prefix of one or two letters would make FTS5 merge the lists of a good part of
        # the vocabulary (seconds in a big catalogue): it counts as a whole word.
        prefix = raw.rstrip().endswith("*") and len(found[-1]) >= MIN_PREFIX
        star = "*" if prefix else ""
        if len(found) > 1:
            expr = "grams : " + _quote(" ".join(gram_list(found))) + star
        else:  # the word folded as the index's text: FTS5 cuts it as it cut the transcripts
            expr = "text : " + _quote(fold(raw.replace("*", " ").strip())) + star
        terms.append(_Term(tuple(found), prefix, expr))
    return terms[:MAX_TERMS]


def fts_query(query: str) -> str | None:
    """The FTS5 expression for what a person typed, or None when nothing in it is searchable."""
    return " AND ".join(t.expr for t in _terms(query)) or None


def _pattern(term: _Term) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regular expressions for the term's tokens, one after the other: in folded ASCII text, and
    in the tokens of any other folded text joined by single spaces (:func:`_searched`). A token is
    a whole run of letters, digits and marks (see :mod:`audiokit.catalog.tokens`): ASCII text
    has no marks, and the spaced tokens keep these expressions small, which matters as they are
    made for each query (one of the class of all marks takes a millisecond to compile)."""
    escaped = [re.escape(t) for t in term.tokens]
    # A lookahead, so that overlapping occurrences ("ha ha" in "ha ha ha") count each.
    # The match is captured, so its end tells whether it lies wholly in a passage's lead.
    # The first letter is tried before the look behind (a 45-word English passage: 7 us, against
    # 14 the other way round).
    ascii_ = "(?=(" + r"[\W_]+".join(escaped) + ("" if term.prefix else r"(?![^\W_])") + r"))(?<![^\W_])"
    spaced = "(?=(" + " ".join(escaped) + ("" if term.prefix else r"(?![^ ])") + r"))(?<![^ ])"
    return re.compile(ascii_), re.compile(spaced)


def _searched(folded: str) -> tuple[str, int]:
    """The text the term patterns look in, and which of them (see :func:`_pattern`)."""
    return (folded, 0) if folded.isascii() else (" ".join(folded_tokens(folded)), 1)


def _count(patterns: Sequence[tuple[re.Pattern[str], re.Pattern[str]]], text: str, lead: int) -> int:
    """How many matches of the patterns the passage ``text`` counts: those lying wholly in its
    first ``lead`` words are the passage before's.

    >>> (term,) = _terms('"b c"')
    >>> [_count([_pattern(term)], "a b c b c", lead) for lead in (0, 2, 3, 5)]
    [2, 2, 1, 0]
    >>> (term,) = _terms('"बातें करते"')  # बात and बातें are one word (catalog.hindi)
    >>> [_count([_pattern(term)], "की बात करते हैं, बातें करते हैं", lead) for lead in (0, 4, 6)]
    [2, 1, 0]
    >>> (term,) = _terms("music")
    >>> _count([_pattern(term)], "[MUSIC] (music) music", 0), _count([_pattern(term)], "a [MUSIC] b", 0)
    (1, 0)
    """
    searched, k = _searched(fold(said(text)))
    if not lead:
        return sum(len(p[k].findall(searched)) for p in patterns)
    # fold, said and the tokens never change a word by its neighbours, so the lead ends here.
    head = fold(said(" ".join(text.split(" ", lead)[:lead])))
    cut = len(head) if k == 0 else len(" ".join(folded_tokens(head)))
    return sum(1 for p in patterns for m in p[k].finditer(searched) if m.end(1) > cut)


def _found(words: Sequence[str], terms: Sequence[_Term], lead: int = 0) -> tuple[set[int], int]:
    """The words of a passage that the terms cover, and the first word of the hit: of each
    term's first match, the earliest. A term's matches lying wholly in the ``lead`` words are
    passed over when it has another (they are the passage before's), else they are its part in
    this hit (a word of the lead wanted with one after it)."""
    toks, owner = owned_tokens(words)
    marked: set[int] = set()
    first = len(words)
    for term in terms:
        n, whole, last = len(term.tokens), list(term.tokens[:-1]), term.tokens[-1]
        starts: list[tuple[bool, int]] = []  # (wholly in the lead, first word) of each match
        for i in range(len(toks) - n + 1):
            end = toks[i + n - 1]
            if (end == last or (term.prefix and end.startswith(last))) and toks[i : i + n - 1] == whole:
                marked.update(owner[i : i + n])
                starts.append((owner[i + n - 1] < lead, owner[i]))
        if starts:
            first = min(first, min(starts)[1])
    return marked, first if first < len(words) else 0


def _score(tf: int, length: int) -> float:
    """BM25 of a candidate passage, the query counted as one term: every candidate holds every
    term, so the inverse document frequency is the same for all of them and drops out."""
    tf = max(tf, 1)
    return tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / AVERAGE_WORDS))


def _length(text: str, lead: int) -> int:
    """The said words of a passage's own (its lead and its transcribers' notes left out), the
    length BM25 weighs: ten notes ("[laughter]") in a passage do not make it a long one.

    >>> _length("so [laughs] (laughter) funny", 0), _length("a b c d", 1)
    (2, 3)
    """
    if "[" not in text and "(" not in text:  # nearly every passage: no note
        return text.count(" ") + 1 - lead
    return sum(1 for w in text.split(" ")[lead:] if not is_note(w))


Ranges = tuple[tuple[int, int], ...]


def _snippet(words: list[str], marked: set[int], first: int) -> tuple[str, Ranges, Ranges]:
    """Plain text around word ``first``, the character ranges of its marked words (a run of
    marked words is one range) and of its transcribers' notes (each word its own range).

    >>> _snippet(["so", "[laughs]", "funny"], {0, 2}, 0)
    ('so [laughs] funny', ((0, 2), (12, 17)), ((3, 11),))
    """
    lo, hi = max(0, first - SNIPPET_BEFORE), min(len(words), first + SNIPPET_AFTER)
    text = "…" if lo > 0 else ""
    marks: list[tuple[int, int]] = []
    notes: list[tuple[int, int]] = []
    for k in range(lo, hi):
        if k > lo:
            text += " "
        if k in marked and k - 1 in marked and marks and k > lo:
            marks[-1] = (marks[-1][0], len(text) + len(words[k]))
        elif k in marked:
            marks.append((len(text), len(text) + len(words[k])))
        elif is_note(words[k]):
            notes.append((len(text), len(text) + len(words[k])))
        text += words[k]
    return text + ("…" if hi < len(words) else ""), tuple(marks), tuple(notes)


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[Hit]:
    """The best ``limit`` passages for ``query`` (BM25), never raising on what was typed.

    >>> import sqlite3
    >>> search(sqlite3.connect(":memory:"), "anything")  # not even a catalogue: nothing found
    []
    """
    terms = _terms(query)
    if not terms or limit < 1:
        return []
    try:
        # Candidates newest first, at most RANK_WINDOW of them: FTS5 streams these and stops
        # early, where ranking inside FTS5 would visit every match of every term (hundreds of
        # milliseconds for common words in a big catalogue).
        ids = [r[0] for r in conn.execute(
            "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            (" AND ".join(t.expr for t in terms), RANK_WINDOW))]
        if not ids:
            return []
        rows = conn.execute(
            "SELECT p.id, p.episode, e.title, p.speaker, p.text, p.times, p.lead, e.language FROM passages p"
            f" JOIN episodes e ON e.id = p.episode WHERE p.id IN ({','.join('?' * len(ids))})", ids).fetchall()
    except sqlite3.Error:
        # An expression FTS5 still refuses, or no catalogue tables: nothing found.
        return []
    # Every candidate is counted (in C, by regular expressions over its folded text); only the
    # best are cut into words for their marks and moment.
    patterns = [_pattern(t) for t in terms]
    scored = []
    for rowid, episode, title, speaker, text, blob, lead, language in rows:
        tf = _count(patterns, text, lead)
        if lead and not tf:
            continue  # every match lies in the repeated words: the passage before is the hit
        scored.append((_score(tf, _length(text, lead)), rowid, episode, title, speaker, text, blob, lead, language))
    hits = []
    for score, _rowid, episode, title, speaker, text, blob, lead, language in heapq.nlargest(min(int(limit), 200),
                                                                                           scored):
        words = text.split(" ")
        marked, first = _found(words, terms, lead)
        ms = moment(unpack_times(blob), first)
        snippet, spans, notes = _snippet(words, marked, first)
        hits.append(Hit(episode, title, speaker, None if ms is None else ms / 1000, snippet, spans, score, notes,
                        language))
    return hits
