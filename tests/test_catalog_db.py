"""catalog.sqlite: schema, idempotent upserts, passages with word times, search."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from catalog_fixtures import (
    record,
    synthetic_episode,
    version2_catalog,
    version9_catalog,
    write_episode_folder,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audiokit import episode_json
from audiokit.catalog import fts_query, index_episode, keep_only, open_catalog, record_episode, search
from audiokit.catalog.db import SCHEMA_VERSION, pack_times, unpack_times
from audiokit.catalog.segments import passages
from audiokit.catalog.tokens import tokens
from audiokit.chapters.model import Chapter
from audiokit.errors import FormatError, OutputError

TURNS_A = [("Ann Lee", "Welcome to the show about large language models today", 1.0),
           ("Bo Chen", "Large language models need careful evaluation and large datasets", 10.0),
           ("Ann Lee", "Thank you Bo for the careful answer", 30.0)]
TURNS_B = [("Cy Diaz", "Gardening in winter is about patience and careful planning", 2.0),
           ("Di Egan", "Winter gardens reward patience", 12.0)]
CLIP = {"file": "ann-1.mp3", "speaker": "Ann Lee", "n": 1, "start": 1.0, "end": 16.0, "title": "Welcome",
        "text": "Welcome to the show", "score": 0.8}


def _add(conn: sqlite3.Connection, root: Path, eid: str, turns: list[tuple[str, str, float]]) -> dict:
    ep = synthetic_episode(f"Episode {eid}", turns)
    write_episode_folder(root / eid, ep, None, [Chapter(0.0, 20.0, "Opening", 0), Chapter(20.0, 40.0, "Close", 3)],
                         [CLIP])
    rec = record(eid, f"Episode {eid}", "done", duration=40.0, coverage=1.0, chapters=2, clips=1,
                 preview=f"{eid}/index.html", cached=["align"])
    record_episode(conn, rec, root / eid)
    return rec


@pytest.fixture()
def catalog(tmp_path: Path) -> sqlite3.Connection:
    conn = open_catalog(tmp_path / "catalog.sqlite")
    _add(conn, tmp_path, "a", TURNS_A)
    _add(conn, tmp_path, "b", TURNS_B)
    return conn


def _counts(conn: sqlite3.Connection) -> tuple[int, ...]:
    """Rows of each table, then the words and the grams the full-text index holds."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, passages_fts, 'col')")
    index = dict(conn.execute("SELECT col, sum(cnt) FROM temp.vocab GROUP BY col").fetchall())
    return (*(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("episodes", "chapters", "clips", "passages")), index.get("text", 0), index.get("grams", 0))


def test_schema_is_created_in_wal_mode(tmp_path: Path) -> None:
    conn = open_catalog(tmp_path / "catalog.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meta", "episodes", "chapters", "clips", "passages", "passages_fts"} <= tables
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)


def test_record_episode_stores_rows_chapters_clips_and_every_word(catalog: sqlite3.Connection) -> None:
    assert _counts(catalog)[:3] == (2, 4, 2)
    row = catalog.execute("SELECT title, status, duration, chapters, clips, cached, words FROM episodes"
                          " WHERE id = 'a'").fetchone()
    words = sum(len(t.split()) for _, t, _ in TURNS_A)
    assert row == ("Episode a", "done", 40.0, 2, 1, '["align"]', words)
    assert catalog.execute("SELECT n, start, \"end\", title FROM chapters WHERE episode = 'a' ORDER BY n").fetchall() \
        == [(0, 0.0, 20.0, "Opening"), (1, 20.0, 40.0, "Close")]
    texts = [r[0] for r in catalog.execute("SELECT text FROM passages p"
                                           " WHERE p.episode = 'a' ORDER BY p.id")]
    assert texts == [t for _, t, _ in TURNS_A]


def test_recording_again_replaces_and_a_failure_clears_the_index(catalog: sqlite3.Connection,
                                                                 tmp_path: Path) -> None:
    before = _counts(catalog)
    _add(catalog, tmp_path / "again", "a", TURNS_A)
    assert _counts(catalog) == before
    record_episode(catalog, record("a", "Episode a", "failed", reason="bad audio"), None)
    assert catalog.execute("SELECT status, reason FROM episodes WHERE id = 'a'").fetchone() == ("failed", "bad audio")
    assert search(catalog, "careful") and all(h.episode == "b" for h in search(catalog, "careful"))
    assert catalog.execute("SELECT count(*) FROM passages WHERE episode = 'a'").fetchone() == (0,)
    words_b = [w for _, t, _ in TURNS_B for w in t.split()]
    assert _counts(catalog)[4:] == (len(words_b), len(words_b) - len(TURNS_B))  # only b's words and grams left


def test_phrase_search_gives_episode_speaker_and_exact_moment(catalog: sqlite3.Connection) -> None:
    hits = search(catalog, '"careful evaluation"')
    assert [(h.episode, h.speaker) for h in hits] == [("a", "Bo Chen")]
    words = TURNS_A[1][1].split()
    assert hits[0].start == pytest.approx(TURNS_A[1][2] + 0.3 * words.index("careful"))
    page, t = hits[0].href.split("#t=")
    assert page == "a/index.html" and float(t) == pytest.approx(hits[0].start, abs=0.0005)
    s, e = hits[0].marks[0]
    assert hits[0].snippet[s:e] == "careful evaluation"  # the phrase is marked whole
    assert search(catalog, '"evaluation careful"') == []


def test_prefix_and_ranking(catalog: sqlite3.Connection) -> None:
    assert {h.episode for h in search(catalog, "garden*")} == {"b"}
    assert search(catalog, "garden") == []
    hits = search(catalog, "large")
    assert hits[0].speaker == "Bo Chen"  # "large" twice in the shorter passage ranks first
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert search(catalog, "LARGE language") and search(catalog, "winter patience")[0].episode == "b"


@pytest.mark.parametrize("query", ['<script>alert(1)</script>', "'; DROP TABLE episodes; --", '"', '"""',
                                   "a OR", "NEAR(", "*", "col:careful", "^careful", "careful)", "(", "\\", "%",
                                   "large NOT", "-careful", "careful\x00x", "\u202ecareful"])
def test_hostile_queries_never_raise(catalog: sqlite3.Connection, query: str) -> None:
    hits = search(catalog, query)
    assert isinstance(hits, list)
    assert _counts(catalog)[0] == 2


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80))
def test_any_query_string_never_raises(catalog: sqlite3.Connection, query: str) -> None:
    assert isinstance(search(catalog, query), list)
    expr = fts_query(query)
    assert expr is None or catalog.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?",
                                           (expr,)).fetchone()[0] >= 0


def test_a_reader_sees_the_last_commit_while_a_writer_holds_a_transaction(catalog: sqlite3.Connection,
                                                                          tmp_path: Path) -> None:
    reader = open_catalog(tmp_path / "catalog.sqlite", readonly=True)
    catalog.execute("BEGIN IMMEDIATE")
    catalog.execute("DELETE FROM passages")
    assert search(reader, "careful")  # WAL: the reader is not blocked and sees committed data
    catalog.rollback()
    with pytest.raises(sqlite3.OperationalError):
        reader.execute("DELETE FROM episodes")


def test_bad_episode_files_name_the_file_and_change_nothing(catalog: sqlite3.Connection, tmp_path: Path) -> None:
    before = _counts(catalog)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "episode.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(FormatError, match="episode.json"):
        record_episode(catalog, record("c", "C", "done"), tmp_path / "c")
    assert _counts(catalog) == before


def test_a_file_that_is_not_a_catalogue_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(OutputError, match="x.sqlite"):
        open_catalog(tmp_path / "x.sqlite")
    with pytest.raises(OutputError):
        open_catalog(tmp_path / "missing.sqlite", readonly=True)


def test_passages_keep_one_time_per_word_and_split_long_turns() -> None:
    long = " ".join(f"w{k}" for k in range(150))
    ep = synthetic_episode("x", [("A", long, 0.0), ("B", "short one", 60.0)])
    found = passages(ep, max_words=60)
    # After each cut the next passage repeats the 12 words before it (its lead).
    assert [(len(p.times), p.lead) for p in found] == [(60, 0), (60, 12), (54, 12), (2, 0)]
    assert all(len(p.text.split(" ")) == len(p.times) for p in found)
    assert found[1].times[0] == round(48 * 0.3 * 1000) and found[1].times[12] == round(60 * 0.3 * 1000)


@given(st.lists(st.one_of(st.none(), st.integers(0, 2**31 - 1)), max_size=50))
def test_times_round_trip(times: list[int | None]) -> None:
    assert unpack_times(pack_times(times)) == tuple(times)


WORDISH = st.one_of(st.text(alphabet="abcxyzAÉéñüßø019'’-.,ǅﬁİ", min_size=1, max_size=8),
                    st.sampled_from(["GPT-4", "naïve", "Straße", "we’ll", "—", "7.61%"]),
                    # Indic letters and marks in any order (a mark may begin a word), and a danda
                    st.text(alphabet="कखनाकिीेोंँ़्।కసాిు్", min_size=1, max_size=6))


@settings(max_examples=80, deadline=None)
@given(st.lists(WORDISH, min_size=2, max_size=12), st.data())
def test_any_run_of_a_passages_words_finds_it_at_its_first_word(words: list[str], data: st.DataObject) -> None:
    conn = open_catalog(":memory:")
    ep = synthetic_episode("x", [("A", " ".join(words), 0.0)])
    index_episode(conn, record("x", "X", "done"), passages(ep))
    timed = ep.turns[0].words
    i = data.draw(st.integers(0, len(timed) - 1))
    n = data.draw(st.integers(1, min(4, len(timed) - i)))
    run = timed[i:i + n]
    query = '"' + " ".join(w.text for w in run) + '"'
    hits = search(conn, query)
    with_tokens = [w for w in run if tokens(w.text)]
    if not with_tokens:
        assert hits == []
        return
    assert hits, query
    assert hits[0].start is not None and hits[0].start <= with_tokens[0].start + 1e-9  # its first occurrence
    assert any(w.start == pytest.approx(hits[0].start) for w in timed)


def test_recording_unchanged_files_again_keeps_the_index_and_updates_the_row(catalog: sqlite3.Connection,
                                                                            tmp_path: Path) -> None:
    ids = catalog.execute("SELECT id FROM passages WHERE episode = 'a' ORDER BY id").fetchall()
    rec = record("a", "Renamed", "done", duration=40.0, preview="a/index.html", seconds=0.0)
    record_episode(catalog, rec, tmp_path / "a")
    assert catalog.execute("SELECT id FROM passages WHERE episode = 'a' ORDER BY id").fetchall() == ids
    assert catalog.execute("SELECT title, words FROM episodes WHERE id = 'a'").fetchone() == (
        "Renamed", sum(len(t.split()) for _, t, _ in TURNS_A))
    ep = synthetic_episode("Episode a", [("Ann Lee", "Entirely new words here", 1.0)])
    episode_json.save(ep, tmp_path / "a" / "episode.json")  # a changed episode is indexed again
    record_episode(catalog, rec, tmp_path / "a")
    assert search(catalog, '"entirely new words"')[0].episode == "a"
    assert search(catalog, '"careful evaluation"') == []


def test_a_prefix_needs_three_letters(catalog: sqlite3.Connection) -> None:
    assert fts_query("la*") == 'text : "la"'
    assert fts_query("lar*") == 'text : "lar"*'
    assert search(catalog, "la*") == [] and search(catalog, "lar*")


def _refused_then_opened(path: Path, version: str, script: str) -> sqlite3.Connection:
    """A catalogue made by ``script`` at schema ``version``: readers refuse it, naming the
    command that rebuilds it; the writer's connection (which empties it) is returned."""
    old = sqlite3.connect(path)
    old.executescript(script)
    old.commit()
    old.close()
    return _reopened(path, version)


def _reopened(path: Path, version: str) -> sqlite3.Connection:
    """The old catalogue at ``path`` (schema ``version``): readers refuse it, naming the command
    that rebuilds it; the writer's connection (which empties it) is returned."""
    with pytest.raises(OutputError, match=f"schema version {version} is not {SCHEMA_VERSION} .*audiokit batch"):
        open_catalog(path, readonly=True)
    return open_catalog(path)


def _one_old_passage(path: Path, version: int, speaker: str, text: str, indexed: str) -> sqlite3.Connection:
    """:func:`_refused_then_opened` for a catalogue of today's tables at schema ``version`` holding
    one passage, ``text`` by ``speaker``, indexed as that version indexed it (``indexed``)."""
    from audiokit.catalog import db

    return _refused_then_opened(path, str(version), db._SCHEMA + f"INSERT INTO meta VALUES ('schema_version', '{version}');"
                                "INSERT INTO episodes(id, title, status, words, updated) "
                                f"VALUES ('old', 'v{version}', 'done', {len(text.split())}, 'x');"
                                f"INSERT INTO passages VALUES (1, 'old', 0, '{speaker}', 0.0, '{text}', x'01', 0);"
                                f"INSERT INTO passages_fts(rowid, text, grams) VALUES (1, '{indexed}', '');")


def test_a_catalogue_of_an_older_schema_is_refused_by_readers_and_rebuilt_by_the_writer(tmp_path: Path) -> None:
    conn = _refused_then_opened(tmp_path / "catalog.sqlite", "1",
                                "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                                "INSERT INTO meta VALUES ('schema_version', '1');"
                                "CREATE TABLE episodes(id TEXT PRIMARY KEY, title TEXT);"
                                "INSERT INTO episodes VALUES ('old', 'From version 1');")
    assert conn.execute("SELECT count(*) FROM episodes").fetchone() == (0,)
    _add(conn, tmp_path, "a", TURNS_A)
    assert search(conn, '"large language models"')[0].episode == "a"


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDISH, min_size=1, max_size=15), st.data())
def test_counting_in_folded_text_agrees_with_the_tokens(words: list[str], data: st.DataObject) -> None:
    from audiokit.catalog.search import _pattern, _searched, _terms
    from audiokit.catalog.tokens import fold, owned_tokens

    toks, _ = owned_tokens(words)
    if not toks:
        return
    i = data.draw(st.integers(0, len(toks) - 1))
    n = data.draw(st.integers(1, min(3, len(toks) - i)))
    prefix = data.draw(st.booleans()) and len(toks[i + n - 1]) >= 3
    typed = '"' + " ".join(toks[i:i + n]) + ('*"' if prefix else '"')
    (term,) = _terms(typed)
    expected = sum(1 for k in range(len(toks) - n + 1) if toks[k:k + n - 1] == list(term.tokens[:-1])
                   and (toks[k + n - 1] == term.tokens[-1] or (prefix and toks[k + n - 1].startswith(term.tokens[-1]))))
    searched, k = _searched(fold(" ".join(words)))
    assert len(_pattern(term)[k].findall(searched)) == expected >= 1


def test_a_phrase_across_the_cut_of_a_long_sentence_is_found() -> None:
    # A 64-word sentence is two passages, words 0-59 and 48-63 (48-59 repeated, the lead): a phrase
    # across the cut is whole in the second, and one inside the lead is counted in the first only.
    from audiokit.model import Episode, Sentence, Speaker, Turn, Word

    words = tuple(Word(f"w{k:03d}{'.' if k == 63 else ''}", k * 0.3, k * 0.3 + 0.25) for k in range(64))
    conn = open_catalog(":memory:")
    index_episode(conn, {"id": "a", "title": "A", "status": "done"},
                  passages(Episode((Turn("Ann", (Sentence(words),)),), (Speaker("Ann"),))))
    assert [h.start for h in search(conn, '"w058 w059"')] == [17.4]  # inside the first passage: found
    assert [h.start for h in search(conn, '"w059 w060"')] == [17.7]
    assert [h.start for h in search(conn, '"w050 w051"')] == [15.0]  # in the lead too: found once
    assert [h.start for h in search(conn, '"w048 w049 w050 w051 w052 w053 w054 w055 w056 w057 w058 w059 w060"')] \
        == [14.4]
    assert conn.execute("SELECT words FROM episodes").fetchone() == (64,)


def test_a_version_2_catalogue_is_rebuilt_not_mixed(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    version2_catalog(path)
    conn = _reopened(path, "2")
    assert _counts(conn)[:4] == (0, 0, 0, 0) and search(conn, "stale") == []
    assert "lead" in [r[1] for r in conn.execute("PRAGMA table_info(passages)")]
    _add(conn, tmp_path, "a", TURNS_A)
    assert [h.episode for h in search(conn, '"large language models"')] == ["a", "a"]
    conn.close()
    assert open_catalog(path, readonly=True).execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)


def _vocab(conn: sqlite3.Connection) -> list[tuple[str, str, int, int]]:
    """Every term of the full-text index: column, documents and occurrences."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.cols USING fts5vocab(main, passages_fts, 'col')")
    return conn.execute("SELECT term, col, doc, cnt FROM temp.cols ORDER BY term, col").fetchall()


def test_keep_only_removes_an_episode_with_its_rows_and_index_entries(catalog: sqlite3.Connection,
                                                                      tmp_path: Path) -> None:
    # A contentless index forgets a row only given the values it indexed: what is left must be
    # exactly the index of episode b alone, not merely pass the integrity check.
    assert search(catalog, '"careful evaluation"') and search(catalog, "patience")
    assert keep_only(catalog, ["b", "not-recorded"]) == ["a"]
    assert search(catalog, '"careful evaluation"') == [] and search(catalog, "lar*") == []
    assert {h.episode for h in search(catalog, "careful")} == {"b"}  # b's own "careful" still found
    assert search(catalog, '"winter gardens"')[0].episode == "b"
    for table in ("episodes", "chapters", "clips", "passages"):
        column = "id" if table == "episodes" else "episode"
        assert catalog.execute(f"SELECT DISTINCT {column} FROM {table}").fetchall() == [("b",)], table
    catalog.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
    alone = open_catalog(tmp_path / "alone.sqlite")
    _add(alone, tmp_path / "alone", "b", TURNS_B)
    assert _vocab(catalog) == _vocab(alone)
    assert (tmp_path / "a" / "episode.json").is_file()  # rows only: the episode's folder stays
    assert keep_only(catalog, ["b"]) == []  # nothing left to remove
    assert keep_only(catalog, []) == ["b"] and _counts(catalog) == (0, 0, 0, 0, 0, 0)
    catalog.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
    _add(catalog, tmp_path, "a", TURNS_A)  # recorded again later: found again
    assert search(catalog, '"careful evaluation"')[0].episode == "a"


def test_a_version_4_catalogue_is_rebuilt_with_indic_words_whole(tmp_path: Path) -> None:
    # Version 4 cut an Indic word at its vowel signs (unicode61's default token characters): की
    # was the token क, as are का, के, को. Its index cannot be searched by version 5's rules.
    from audiokit.catalog import db

    path = tmp_path / "catalog.sqlite"
    conn = _refused_then_opened(path, "4", db._SCHEMA.replace(db.TOKENIZE, "unicode61 remove_diacritics 2")
                                + "INSERT INTO meta VALUES ('schema_version', '4');"
                                "INSERT INTO episodes(id, title, status, words, updated) VALUES ('old', 'v4', 'done', 3, 'x');"
                                "INSERT INTO passages VALUES (1, 'old', 0, 'Ann', 0.0, 'आज का खेल', x'01', 0);"
                                "INSERT INTO passages_fts(rowid, text, grams) VALUES (1, 'आज का खेल', '');")
    assert _counts(conn)[:4] == (0, 0, 0, 0) and search(conn, "खेल") == []
    _add(conn, tmp_path, "a", [("Ann", "आज का खेल", 1.0), ("Bo", "हम की बात करते हैं", 5.0)])
    assert [h.start for h in search(conn, "का")] == [1.3] and [h.start for h in search(conn, "की")] == [5.3]
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'passages_fts'").fetchone()[0]
    assert "categories 'L* N* Co M*'" in sql
    conn.close()
    assert open_catalog(path, readonly=True).execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)


def test_a_version_6_catalogue_is_rebuilt_with_devanagari_words_stemmed(tmp_path: Path) -> None:
    # Version 6 indexed बातें as itself; version 7's query बात looks up the stem बात only.
    path = tmp_path / "catalog.sqlite"
    conn = _one_old_passage(path, 6, "Ann", "शाम की बातें", "शाम की बातें")
    assert _counts(conn)[:4] == (0, 0, 0, 0) and search(conn, "बातें") == []
    _add(conn, tmp_path, "a", [("Ann", "शाम की बातें", 1.0), ("Bo", "इस बात से", 5.0)])
    assert sorted(h.start for h in search(conn, "बात")) == [1.6, 5.3]  # बातें, बात
    conn.close()
    assert open_catalog(path, readonly=True).execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)


def test_a_version_7_catalogue_is_rebuilt_with_persian_words_joined(tmp_path: Path) -> None:
    # Version 7 cut می‌خواهم at its non-joiner; version 8's query میخواهم looks up the one word.
    path = tmp_path / "catalog.sqlite"
    conn = _one_old_passage(path, 7, "Sara", "من می\u200cخواهم", "من مي\u200cخواهم")
    assert _counts(conn)[:4] == (0, 0, 0, 0) and search(conn, "خواهم") == []
    _add(conn, tmp_path, "a", [("Sara", "من می\u200cخواهم", 1.0), ("Reza", "میخواهم بروم", 5.0)])
    assert sorted(h.start for h in search(conn, "میخواهم")) == [1.3, 5.0]
    assert search(conn, "خواهم") == []  # no longer a word of its own
    conn.close()
    assert open_catalog(path, readonly=True).execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)


def test_a_version_8_catalogue_is_rebuilt_with_latin_letters_in_ascii(tmp_path: Path) -> None:
    # Version 8 indexed Søren as søren; version 9's query soren looks up soren only.
    path = tmp_path / "catalog.sqlite"
    conn = _one_old_passage(path, 8, "Ann", "Søren Straße", "søren straße")
    assert _counts(conn)[:4] == (0, 0, 0, 0) and search(conn, "søren") == []
    _add(conn, tmp_path, "a", [("Ann", "Søren on Straße", 1.0), ("Bo", "Soren on strasse", 5.0)])
    assert sorted(h.start for h in search(conn, "soren")) == [1.0, 5.0]
    assert sorted(h.start for h in search(conn, '"søren on strasse"')) == [1.0, 5.0]
    conn.close()
    assert open_catalog(path, readonly=True).execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)


def test_a_version_9_catalogue_is_rebuilt_with_loudness_and_language(tmp_path: Path) -> None:
    # Version 9 kept no episode's loudness nor language (WCAG 3.1.2: the page could not mark an
    # Arabic result lang="ar"): rebuilt empty, then each episode recorded with them.
    path = tmp_path / "catalog.sqlite"
    version9_catalog(path)
    conn = _reopened(path, "9")
    assert _counts(conn)[:4] == (0, 0, 0, 0) and search(conn, "stale") == []
    columns = [r[1] for r in conn.execute("PRAGMA table_info(episodes)")]
    assert {"loudness", "loudness_problems", "language"} <= set(columns)
    ep = synthetic_episode("Al-zira'a", [("Sara", "مرحبا بكم في حلقة جديدة عن الزراعة", 1.0)])
    write_episode_folder(tmp_path / "ar", ep, None, [], [])
    problems = ["Sara's passage at 0:01 is 4.0 LU louder: ride the level there (audiokit level --ride)"]
    record_episode(conn, record("ar", "الزراعة", "done", loudness=-23.46, loudness_problems=problems,
                                language="ar"), tmp_path / "ar")
    _add(conn, tmp_path, "a", TURNS_A)  # a record with no loudness measured
    conn.close()
    conn = open_catalog(path, readonly=True)
    assert conn.execute("SELECT title, loudness FROM episodes WHERE loudness < -20").fetchall() == [("الزراعة", -23.46)]
    rows = conn.execute("SELECT id, loudness, loudness_problems, language FROM episodes ORDER BY id").fetchall()
    assert rows == [("a", None, None, "en"), ("ar", -23.46, json.dumps(problems, ensure_ascii=False), "ar")]
    assert json.loads(rows[1][2]) == problems
    assert [(h.episode, h.language) for h in search(conn, "الزراعة")] == [("ar", "ar")]
    assert {h.language for h in search(conn, "careful")} == {"en"}
    assert conn.execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)


def test_an_episode_s_language_is_its_record_s_else_its_episode_json_s(tmp_path: Path) -> None:
    from dataclasses import replace

    conn = open_catalog(tmp_path / "catalog.sqlite")
    hindi = synthetic_episode("Hindi", [("Asha", "आज हम खेती की बात करेंगे", 1.0)])
    write_episode_folder(tmp_path / "hi", replace(hindi, metadata=replace(hindi.metadata, language="hi")), None, [], [])
    write_episode_folder(tmp_path / "en", synthetic_episode("English", TURNS_B), None, [], [])

    def language(eid: str) -> str | None:
        return conn.execute("SELECT language FROM episodes WHERE id = ?", (eid,)).fetchone()[0]

    # catalog.json written before records had a language: episode.json names it, or not (English)
    record_episode(conn, record("hi", "Hindi", "done"), tmp_path / "hi")
    record_episode(conn, record("en", "English", "done"), tmp_path / "en")
    assert (language("hi"), language("en")) == ("hi", "en")
    # recorded again from the same files (a resumed batch: only the row is written): kept
    record_episode(conn, record("hi", "Hindi, again", "done"), tmp_path / "hi")
    assert language("hi") == "hi" and search(conn, "खेती")[0].language == "hi"
    # the record's own language wins; a failed or skipped episode has none
    record_episode(conn, record("en", "English", "done", language="cy"), tmp_path / "en")
    record_episode(conn, record("gone", "Gone", "failed", reason="bad audio"), None)
    assert (language("en"), language("gone")) == ("cy", None)
