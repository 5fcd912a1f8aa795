"""The server's fold and tokens against FTS5's ``unicode61`` and the page's script, letter by letter.

FTS5 is given the server's folded text and folds it again (``remove_diacritics 2``, case), and
cuts it into tokens by its own character classes; the server marks and counts the matches in its
own tokens, and the page searches with its own. Where they disagree, a passage is found with
nothing marked in it, or the page and the server find different passages. Measured on every
letter, mark and digit of Unicode's first three planes, within a word ("a?b") and as a word in
capitals and small letters ("?? ?"): before, 1,691 of 261,428 texts disagreed with FTS5 and 1,670
with the page; none now. None of them was a Latin letter: FTS5 removes only the diacritics of a
letter that Unicode decomposes into an ASCII letter and marks (as NFKD, which the server's fold
does first), so ø ł đ ħ æ œ ß þ stayed themselves there as here (Søren was not found by
"soren"); the fold now spells them in ASCII (audiokit.catalog.latin), before FTS5 sees them.
What disagreed: the Greek final sigma ς (and its lunate and mathematical forms), which FTS5
folds to σ; and the combining marks beyond the Basic Multilingual Plane (the vowel signs of
Chakma, Brahmi, Sharada, Adlam, ...), which FTS5 and the page keep inside a word and the server
cut it at (audiokit.text.letters.MARKS now holds them).

The hand-made sets below (each written before its runs): ``unmarked`` counts the hits with no
word marked.
"""

from __future__ import annotations

import sqlite3
import unicodedata

import pytest
from catalog_fixtures import passages_catalog

from audiokit.catalog import search
from audiokit.catalog.db import TOKENIZE
from audiokit.catalog.tokens import fold, tokens

PASSAGES = {
    "l1": "Søren Kierkegaard wrote in Danish",
    "l2": "Soren played the cello",
    "l3": "We flew to Łódź in May",
    "l4": "Lodz is a city in Poland",
    "l5": "Đuro and Ħal met in Malta",
    "g1": "Ο λόγος είναι σαφής",
    "g2": "ΛΟΓΟΣ ΚΑΙ ΠΡΑΞΗ",
    "g3": "ο λογοσ γράφτηκε χωρίς τελικό",
    "c1": "𑄌𑄋𑄴𑄟𑄳𑄦 𑄞𑄌𑄴",
    "c2": "𑄌𑄋 𑄞𑄌𑄴",
    # Latin letters Unicode does not decompose (catalog.latin), in the languages that have them,
    # beside the spellings of a keyboard without them, and words one letter apart.
    "da1": "Vi sejlede til Ærø og spiste rødgrød med fløde",
    "da2": "Jeg tør ikke sige det højt",
    "da3": "Tor kom hjem i går",
    "no1": "Bjørn bor i Tromsø ved sjøen",
    "no2": "Bjorn Borg vant i Paris",
    "pl1": "Łukasz mieszka w Łodzi przy ulicy Żółtej",
    "pl2": "Paweł i Michał pojechali do Gdańska",
    "hr1": "Novak Đoković je rođen u Beogradu",
    "hr2": "Djokovic won the final in Melbourne",
    "de1": "Die Straße nach Gießen war gesperrt",
    "de2": "Er wohnt in der Strasse am Fluss",
    "is1": "Þórður og Guðrún búa á Þingvöllum",
    "is2": "Thordur spilar fótbolta",
    "tr1": "Kırşehir'de ılık bir gün geçirdik",
    "tr2": "Kır evinde kaldık",
    "tr3": "Üstü kir içinde",
    "fr1": "Elle a lu l'œuvre complète de Zola",
    "fr2": "Un chef-d'oeuvre, disait-il",
}
# (query, the passages a reader wants found): the Latin letters' set, then the first one
LATIN_QUERIES = [
    ("aero", {"da1"}), ("ÆRØ", {"da1"}), ("rodgrod", {"da1"}), ("tor", {"da3"}), ("tør", {"da2"}),
    ("bjorn", {"no1", "no2"}), ("Bjørn", {"no1", "no2"}), ("tromso", {"no1"}), ("tromsø", {"no1"}),
    ("lukasz", {"pl1"}), ("lodzi", {"pl1"}), ("zoltej", {"pl1"}), ("pawel", {"pl2"}), ("michał", {"pl2"}),
    ("dokovic", {"hr1"}), ("Đoković", {"hr1"}), ("djokovic", {"hr1", "hr2"}), ("roden", {"hr1"}),
    ('"novak dokovic"', {"hr1"}), ("strasse", {"de1", "de2"}), ("STRASSE", {"de1", "de2"}),
    ("straße", {"de1", "de2"}), ("giessen", {"de1"}), ('"die strasse"', {"de1"}), ("thordur", {"is1", "is2"}),
    ("Þórður", {"is1", "is2"}), ("gudrun", {"is1"}), ("thingvollum", {"is1"}), ("kirsehir", {"tr1"}),
    ("ilik", {"tr1"}), ("kır", {"tr2"}), ("kir", {"tr3"}), ("oeuvre", {"fr1", "fr2"}), ("œuvre", {"fr1", "fr2"}),
    ("œuv*", {"fr1", "fr2"}),
]
QUERIES = [
    ("søren", {"l1", "l2"}), ("soren", {"l1", "l2"}), ("łódź", {"l3", "l4"}), ("lodz", {"l3", "l4"}),
    ("đuro", {"l5"}), ("ħal", {"l5"}), ("λόγος", {"g1", "g2", "g3"}), ("λογοσ", {"g1", "g2", "g3"}),
    ("ΛΟΓΟΣ", {"g1", "g2", "g3"}), ("σαφησ", {"g1"}), ("𑄌𑄋𑄴𑄟𑄳𑄦", {"c1"}), ("𑄌𑄋", {"c2"}),
] + LATIN_QUERIES



def _every_character() -> list[str]:
    return [chr(c) for c in range(0x80, 0x30000) if unicodedata.category(chr(c))[0] in "LMN"]


def _texts() -> list[str]:
    chars = _every_character()
    return ["a" + c + "b" for c in chars] + [c.upper() + c + " " + c for c in chars]


def test_fts5_cuts_and_folds_the_server_s_text_into_the_server_s_tokens() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = \"{TOKENIZE}\")")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    texts = _texts()
    conn.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", [(k + 1, fold(t)) for k, t in enumerate(texts)])
    got: dict[int, list[str]] = {}
    for term, doc in conn.execute("SELECT term, doc FROM v ORDER BY doc, offset"):
        got.setdefault(doc, []).append(term)
    assert [t for k, t in enumerate(texts) if got.get(k + 1, []) != tokens(t)] == []


def test_latin_letters_without_a_decomposition_are_spelt_in_ascii() -> None:
    assert tokens("Søren ŁÓDŹ Đuro Ħal æble œuvre STRAẞE Þór ılık") == [
        "soren", "lodz", "duro", "hal", "aeble", "oeuvre", "strasse", "thor", "ilik"]
    assert tokens("ΛΟΓΟΣ λόγος λογοσ") == ["λογοσ"] * 3


def test_the_latin_letters_are_lucene_s_and_have_no_decomposition() -> None:
    # Each is a letter of Latin-1 or Latin Extended-A that NFKD leaves alone, spelt in ASCII.
    from audiokit.catalog.latin import LETTERS

    for letter, spelt in LETTERS.items():
        assert unicodedata.normalize("NFKD", letter) == letter and letter.islower(), letter
        assert "\u00c0" <= letter <= "\u017f" and spelt.isascii() and spelt.isalpha(), letter


@pytest.fixture(scope="module")
def conn() -> sqlite3.Connection:
    return passages_catalog(PASSAGES, "Ann")


def _measure(db: sqlite3.Connection) -> tuple[int, int, int, int]:
    """(wanted passages found, of how many, false matches, hits with no word marked)."""
    hits = total = false = unmarked = 0
    for query, want in QUERIES:
        found = search(db, query, limit=100)
        got = {h.episode for h in found}
        hits, total, false = hits + len(got & want), total + len(want), false + len(got - want)
        unmarked += sum(1 for h in found if not h.marks)
    return hits, total, false, unmarked


def test_the_set_every_hit_marked(conn: sqlite3.Connection) -> None:
    # Before the Latin fold (the first set, 22 wanted): the same 18 of 22 found (FTS5 finds the
    # candidates), no false match, but 5 hits with nothing marked and no match counted for their
    # rank: λόγος, ΛΟΓΟΣ found λογοσ, and λογοσ, σαφησ found λόγος, σαφής, by FTS5's σ. Missed:
    # Søren for soren and back, Łódź for lodz and back (4): they hold no diacritic to FTS5 either.
    # The Latin letters' set (46 wanted): before catalog.latin 19 found, 0 false, 0 unmarked;
    # after, 45 found, 4 false, 0 unmarked. Missed: Đoković for "djokovic" (đ is d, as Lucene
    # has it, not the dj of English spelling). False: Danish tør (dare) for "tor" and Tor for
    # "tør", Turkish kir (dirt) for "kır" (countryside) and back: a keyboard without ø or ı
    # spells them alike, and so does search now.
    assert _measure(conn) == (67, 68, 4, 0)
