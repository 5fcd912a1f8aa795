"""Transcribers' notes in the catalogue: shown in their passages, never indexed as words.

"[MUSIC PLAYING]", "(laughter)", "[inaudible 00:00:42]" are not speech: searching "music" or
"laughter" must find only passages where someone says it, the snippet shows the note (without
the transcriber's clock) and its marks still fall on the said words; the page's index tells its
script which words are notes. A catalogue of schema 5 indexed them and is rebuilt.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from catalog_fixtures import record

from audiokit.catalog import index_episode, open_catalog, search
from audiokit.catalog.db import SCHEMA_VERSION
from audiokit.catalog.page import compact_index
from audiokit.catalog.segments import passages
from audiokit.errors import OutputError
from audiokit.model import Episode, Sentence, Speaker, Turn, Word


def _episode(*turns: tuple[str, list[tuple[str, float]]]) -> Episode:
    """Turns of (word, start) pairs, each word 0.25 s long; a note is timed as the aligner times
    it (the pause it sits in, here until the next word)."""
    out = []
    for speaker, words in turns:
        timed = []
        for k, (text, start) in enumerate(words):
            end = words[k + 1][1] if Word(text).note and k + 1 < len(words) else start + 0.25
            timed.append(Word(text, start, end, interpolated=Word(text).note))
        out.append(Turn(speaker, (Sentence(tuple(timed)),)))
    return Episode(tuple(out), tuple(Speaker(s) for s in dict.fromkeys(t[0] for t in turns)))


def _said(text: str, start: float, step: float = 0.5) -> list[tuple[str, float]]:
    return [(w, round(start + step * k, 3)) for k, w in enumerate(text.split())]


INTRO = _episode(
    ("Ann", [("[MUSIC PLAYING]", 0.0)] + _said("Welcome to the show about bees.", 30.0)),
    ("Bob", _said("Thanks, Ann.", 34.0) + [("(laughter)", 35.0)] + _said("I keep bees on a roof.", 36.0)),
    ("Ann", _said("Is the music", 40.0) + [("[inaudible 00:00:42]", 41.5)] + _said("loud up there?", 43.0)),
)


@pytest.fixture()
def conn() -> sqlite3.Connection:
    c = open_catalog(":memory:")
    index_episode(c, record("ep", "Bees", "done"), passages(INTRO))
    return c


def test_a_passage_shows_its_notes_without_the_clock_one_time_per_word() -> None:
    found = passages(INTRO)
    assert [p.text for p in found] == [
        "[MUSIC\u00a0PLAYING] Welcome to the show about bees.",
        "Thanks, Ann. (laughter) I keep bees on a roof.",
        "Is the music [inaudible] loud up there?",
    ]
    assert all(len(p.times) == len(p.text.split(" ")) for p in found)
    # The passage starts where Ann speaks, not at the intro music's 0.0; notes are no words of the count.
    assert [p.start for p in found] == [30000, 34000, 40000]
    assert [p.own_words for p in found] == [6, 8, 6]


def test_searching_a_note_s_word_finds_only_passages_that_say_it(conn: sqlite3.Connection) -> None:
    hits = search(conn, "music")
    assert [(h.start, h.snippet) for h in hits] == [(41.0, "Is the music [inaudible] loud up there?")]
    assert [hits[0].snippet[s:e] for s, e in hits[0].marks] == ["music"]
    for query in ("laughter", "playing", "inaudible", '"music playing"', "laugh*", "00", "42"):
        assert search(conn, query) == [], query
    assert conn.execute("SELECT words FROM episodes").fetchone() == (20,)


def test_marks_line_up_after_a_note_and_a_phrase_runs_across_it(conn: sqlite3.Connection) -> None:
    (hit,) = search(conn, '"ann i keep"')  # "Ann. (laughter) I keep": the laugh is not in the way
    assert hit.start == 34.5 and hit.snippet == "Thanks, Ann. (laughter) I keep bees on a roof."
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["Ann.", "I keep"]
    (hit,) = search(conn, "welcome")
    assert hit.start == 30.0 and [hit.snippet[s:e] for s, e in hit.marks] == ["Welcome"]
    (hit,) = search(conn, '"music loud"')
    assert hit.start == 41.0 and [hit.snippet[s:e] for s, e in hit.marks] == ["music", "loud"]


def test_a_note_in_the_lead_of_a_cut_sentence_counts_the_match_once() -> None:
    # A 70-word sentence with notes is two passages (words 0-59 and 48-69, 48-59 repeated): a
    # phrase around a note in the repeated words is found once, at its first word.
    words = [(f"w{k}", 0.3 * k) for k in range(70)]
    words[50] = ("[laughs]", 15.0)
    words[30] = ("(applause)", 9.0)
    c = open_catalog(":memory:")
    index_episode(c, record("long", "Long", "done"), passages(_episode(("Ann", words))))
    assert [h.start for h in search(c, '"w49 w51"')] == [14.7]
    assert [h.start for h in search(c, '"w59 w60"')] == [17.7]
    assert search(c, "laughs") == [] and search(c, "applause") == []
    assert c.execute("SELECT words FROM episodes").fetchone() == (68,)


def test_the_page_index_names_the_notes_of_each_passage(conn: sqlite3.Connection) -> None:
    index = compact_index(conn, ["ep"])
    assert [p[4:] for p in index["passages"]] == [[0, [0]], [0, [2]], [0, [3]]]


def test_a_version_5_catalogue_with_indexed_notes_is_rebuilt(tmp_path: Path) -> None:
    from audiokit.catalog import db

    path = tmp_path / "catalog.sqlite"
    old = sqlite3.connect(path)
    old.executescript(db._SCHEMA + "INSERT INTO meta VALUES ('schema_version', '5');"
                      "INSERT INTO episodes(id, title, status, words, updated) VALUES ('old', 'v5', 'done', 3, 'x');"
                      "INSERT INTO passages VALUES (1, 'old', 0, 'Ann', 0.0, '[MUSIC] Hello there', x'01', 0);"
                      "INSERT INTO passages_fts(rowid, text, grams) VALUES (1, '[music] hello there', '');")
    old.commit()
    old.close()
    with pytest.raises(OutputError, match=f"schema version 5 is not {SCHEMA_VERSION} .*audiokit batch"):
        open_catalog(path, readonly=True)
    conn = open_catalog(path)
    assert conn.execute("SELECT count(*) FROM passages").fetchone() == (0,) and search(conn, "music") == []
    index_episode(conn, record("ep", "Bees", "done"), passages(INTRO))
    assert [h.start for h in search(conn, "music")] == [41.0]
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
    index_episode(conn, record("ep", "Bees", "done"), passages(INTRO))  # replaced: the contentless index forgets it
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
    assert [h.start for h in search(conn, "music")] == [41.0]
    conn.close()
    assert open_catalog(path, readonly=True).execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)



# Ranking: (query, the passage a reader wants first), marked before any run. Each pair holds the
# query's word as often, and the wanted passage says fewer words, many notes aside. (r7 had a
# "[MUSIC PLAYING]" too, which the fixture cut at its space: it was left out after the first run.)
RANKED = {
    "r1": "Honey [laughs] (laughter) [applause] [crosstalk] [inaudible] [laughs] (laughter) [applause] is sweet.",
    "r2": "We talked about honey and bees and wax.",
    "r3": "Rain again, rain (laughter) [laughter] [laughter] [laughter] (applause) (applause) [MUSIC] [MUSIC] all day.",
    "r4": "It rained, then rain came and rain stayed the whole weekend.",
    "r5": "The garden party (laughs) was in the garden.",
    "r6": "A garden.",
    "r7": "Wax (music) [music] (laughs) [laughs] (applause) candles.",
    "r8": "Candles of wax burn slowly and smell nice.",
}
FIRST = [("honey", "r1"), ("rain", "r3"), ("garden", "r5"), ('"wax candles"', "r7"), ("candles", "r7")]


def test_ranking_weighs_the_said_words_only() -> None:
    # Before (notes counted in a passage's length): 3 of the 5 wanted passages first (honey and
    # rain ranked the passage of more said words first); after: 5 of 5.
    from catalog_fixtures import passages_catalog, synthetic_episode

    c = passages_catalog(RANKED, "Ann")
    assert [search(c, q)[0].episode for q, _ in FIRST] == [want for _, want in FIRST]
    # A passage's notes change nothing of its score.
    index_episode(c, record("plain", "plain", "done"), passages(synthetic_episode("p", [("Ann", "Honey is sweet.", 1.0)])))
    scores = {h.episode: h.score for h in search(c, "honey")}
    assert scores["plain"] == scores["r1"]


def test_a_snippet_names_its_notes(conn: sqlite3.Connection) -> None:
    (hit,) = search(conn, '"ann i keep"')
    assert [hit.snippet[s:e] for s, e in hit.notes] == ["(laughter)"]
    (hit,) = search(conn, "music")
    assert [hit.snippet[s:e] for s, e in hit.notes] == ["[inaudible]"]
    (hit,) = search(conn, "welcome")
    assert [hit.snippet[s:e] for s, e in hit.notes] == ["[MUSIC\u00a0PLAYING]"]
