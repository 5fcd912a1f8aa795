"""The catalogue page in headless Chromium (Debian's, through Playwright), from disk and
through ``audiokit serve``: search finds a phrase of the third episode, and its link opens
that episode's preview at that moment; hostile queries run no script and inject no markup.

Skipped where /usr/bin/chromium or the playwright package is absent.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from catalog_fixtures import (  # noqa: F401  (fixtures)
    Server,
    catalog,
    passages_catalog,
    pipeline_out,
    record,
    server,
    synthetic_episode,
    tokens,
    unique_phrase,
)
from test_browser_preview import CHROMIUM, browser  # noqa: F401

from audiokit.catalog import open_catalog, write_catalog_page
from audiokit.catalog.page import EMBED_LIMIT

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium")

HOSTILE = ['<img src=x onerror=alert(1)>', "'; DROP TABLE episodes; --", '"<script>alert(2)</script>',
           'NEAR(" OR 1=1', "*", '""', "\\u003c/script\\u003e"]


class Page:
    """A browser page that records errors and dialogs and may only reach ``allowed`` URLs."""

    def __init__(self, browser: Any, url: str, allowed: tuple[str, ...]) -> None:  # noqa: F811
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(allowed) else r.abort())
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def search(self, query: str) -> None:
        self.page.evaluate("() => { document.getElementById('search-status').textContent = ''; }")
        self.page.fill("#q", query)
        self.page.press("#q", "Enter")
        # A CSS wait: the page's policy forbids the eval that a JavaScript predicate would need.
        self.page.locator("#search-status:not(:empty)").wait_for()

    def player_time(self) -> float:
        return float(self.page.evaluate(
            """() => new Promise((ok) => { const a = document.getElementById("player");
                 const done = () => ok(a.currentTime);
                 if (a.readyState >= 1 && !a.seeking && a.currentTime > 0) done();
                 else { a.addEventListener("seeked", done, {once: true}); setTimeout(done, 5000); } })"""))


def _passages_page(chromium: Any, folder: Path, texts: dict[str, str], speaker: str) -> tuple[Page, Any]:
    """The catalogue page (opened from disk) and database of one passage per episode."""
    conn = passages_catalog(texts, speaker, folder / "catalog.sqlite")
    records = [record(pid, pid, "done", preview=f"{pid}/index.html") for pid in texts]
    write_catalog_page(folder, records, conn)
    return Page(chromium, (folder / "index.html").as_uri(), ("file:", "blob:", "data:")), conn


def _shown_and_served(page: Page, conn: Any, query: str) -> tuple[list[Any], list[Any]]:
    """What the page lists for ``query`` and what the server's search finds: (link, marked words)."""
    from audiokit.catalog import search

    page.search(query)
    items = page.page.locator("#results li")
    shown = sorted((item.locator("a").get_attribute("href") or "", tuple(item.locator("mark").all_inner_texts()))
                   for item in items.all())
    served = sorted((h.href, tuple(h.snippet[s:e] for s, e in h.marks)) for h in search(conn, query, limit=100))
    return shown, served


def _agreed(page: Page, conn: Any, query: str) -> list[Any]:
    """What the page lists for ``query``, after checking the server finds the same, marked alike."""
    shown, served = _shown_and_served(page, conn, query)
    assert shown == served, query
    return shown


def _page_tokens(chromium: Any, texts: list[str]) -> list[list[str]]:
    """The tokens the catalogue page's own script makes of each of ``texts``."""
    from audiokit.catalog.page_assets import TOKENS_SCRIPT

    page = chromium.new_page()
    found = page.evaluate("(texts) => {" + TOKENS_SCRIPT + " return texts.map(tokens); }", texts)
    page.close()
    return list(found)


def _find_and_open(page: Page, catalog: tuple[Path, Any]) -> None:  # noqa: F811
    phrase, start = unique_phrase(catalog[1]["episodes"], "part-3")
    page.search(f'"{phrase}"')
    results = page.page.locator("#results li")
    assert results.count() == 1
    first = results.first
    assert tokens(first.locator("mark").first.inner_text()) == phrase.split()
    assert catalog[1]["records"][2]["title"] in first.inner_text()
    with page.page.expect_navigation():
        first.locator("a").click()
    assert page.page.url.split("#")[0].endswith("/part-3/index.html")
    assert page.player_time() == pytest.approx(start, abs=0.05)
    now = page.page.locator("#transcript .w.now")
    assert now.count() == 1 and float(now.get_attribute("data-s") or "nan") == pytest.approx(start, abs=0.001)
    assert page.errors == [] and page.dialogs == []


def test_file_page_search_opens_the_third_episode_at_the_phrase(browser: Any, catalog: tuple[Path, Any]) -> None:  # noqa: F811
    page = Page(browser, (catalog[0] / "index.html").as_uri(), ("file:", "blob:", "data:"))
    assert page.page.locator("#episodes tbody tr").count() == len(catalog[1]["records"])
    _find_and_open(page, catalog)


def test_served_page_search_opens_the_third_episode_at_the_phrase(browser: Any, catalog: tuple[Path, Any],  # noqa: F811
                                                                   server: Server) -> None:  # noqa: F811
    page = Page(browser, server.url, (server.url, "blob:", "data:"))
    _find_and_open(page, catalog)


def test_a_big_catalogue_is_searched_through_the_server(browser: Any, catalog: tuple[Path, Any],  # noqa: F811
                                                        tmp_path: Path) -> None:
    big = tmp_path / "OUT"
    shutil.copytree(catalog[0], big)
    records = catalog[1]["records"] + [record(f"more-{k}", f"More {k}", "skipped", reason="no transcript")
                                       for k in range(EMBED_LIMIT)]
    conn = open_catalog(big / "catalog.sqlite")
    write_catalog_page(big, records, conn)  # too many episodes to embed the index
    conn.close()
    s = Server(big)
    try:
        page = Page(browser, s.url, (s.url, "blob:", "data:"))
        assert page.page.evaluate("JSON.parse(document.getElementById('catalog-index').textContent)") == {}
        _find_and_open(page, catalog)
    finally:
        s.stop()


@pytest.mark.parametrize("where", ["file", "served"])
def test_hostile_queries_show_results_or_nothing_and_inject_nothing(browser: Any, catalog: tuple[Path, Any],  # noqa: F811
                                                                    server: Server, where: str) -> None:  # noqa: F811
    if where == "file":
        page = Page(browser, (catalog[0] / "index.html").as_uri(), ("file:", "blob:", "data:"))
    else:
        page = Page(browser, server.url, (server.url, "blob:", "data:"))
    for query in HOSTILE:
        page.search(query)
        status = page.page.locator("#search-status").inner_text()
        assert status == "Nothing found." or "passage" in status
        assert page.page.locator("#results img, #results script, #results b").count() == 0
    page.page.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == []
    assert page.page.evaluate("document.querySelectorAll('script').length") == 2


def test_file_page_search_counts_a_match_across_a_cut_once(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    # One 90-word sentence: passages of words 0-59 and 48-89, 48-59 repeated (the lead). The page's
    # script must agree with the server's search: once each, at the first word.
    from audiokit.catalog import index_episode, search
    from audiokit.catalog.segments import passages
    from audiokit.model import Episode, Sentence, Speaker, Turn, Word

    words = [f"w{k}" for k in range(90)]
    words[50:52] = words[70:72] = ["alpha", "beta"]
    ep = Episode((Turn("Ann", (Sentence(tuple(Word(w, 0.3 * k, 0.3 * k + 0.25) for k, w in enumerate(words))),)),),
                 (Speaker("Ann"),))
    conn = open_catalog(tmp_path / "catalog.sqlite")
    index_episode(conn, record("long", "Long", "done"), passages(ep))
    write_catalog_page(tmp_path, [record("long", "Long", "done", preview="long/index.html")], conn)
    page = Page(browser, (tmp_path / "index.html").as_uri(), ("file:", "blob:", "data:"))
    for query, starts in [('"w59 w60"', ["17.7"]), ('"w55 w56"', ["16.5"]), ('"alpha beta"', ["15", "21"]),
                          ("w49 w65", ["14.7"]), ("w49 w55", ["14.7"]), ('"w47 w48 w49"', ["14.1"])]:
        page.search(query)
        links = page.page.locator("#results li a")
        shown = sorted(links.nth(k).get_attribute("href").split("#t=")[1] for k in range(links.count()))
        assert shown == starts, query
        assert sorted(f"{h.start:g}" for h in search(conn, query)) == starts, query
    assert page.errors == [] and page.dialogs == []


def test_an_arabic_passage_runs_right_to_left_inside_the_english_page(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    # The catalogue knows no episode's language: an Arabic title, name and passage are isolated
    # (bdi, dir=auto) so they run right to left and the English around them stays as it is.
    from audiokit.catalog import index_episode
    from audiokit.catalog.segments import passages
    from audiokit.model import Episode, Sentence, Speaker, Turn, Word

    text = "مرحبا بكم في حلقة جديدة عن الزراعة في المدينة."
    ep = Episode((Turn("سارة", (Sentence(tuple(Word(w, 0.5 * k, 0.5 * k + 0.4) for k, w in enumerate(text.split()))),)),),
                 (Speaker("سارة"),))
    conn = open_catalog(tmp_path / "catalog.sqlite")
    index_episode(conn, record("ar", "الزراعة في المدينة", "done"), passages(ep))
    write_catalog_page(tmp_path, [record("ar", "الزراعة في المدينة", "done", preview="ar/index.html")], conn)
    page = Page(browser, (tmp_path / "index.html").as_uri(), ("file:", "blob:", "data:"))
    page.search("الزراعة")
    hit = page.page.locator("#results li").first
    assert hit.locator("p").evaluate("(p) => getComputedStyle(p).direction") == "rtl"
    assert hit.locator("a bdi").inner_text() == "الزراعة في المدينة" and hit.locator("a").inner_text().endswith(" at 0:03")  # the 7th word, at 3.0 s
    assert hit.locator(".where > bdi").inner_text() == "سارة"
    assert page.page.locator("table bdi").first.inner_text() == "الزراعة في المدينة"
    assert page.page.locator("#q").evaluate("(q) => getComputedStyle(q).direction") == "rtl"  # typed Arabic too
    assert page.errors == [] and page.dialogs == []


def test_file_page_search_agrees_with_the_server_on_arabic_script(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    # The page folds Arabic script as the server does (catalog.arabic): on the hand-made set of
    # Arabic, Persian and Urdu passages, every query finds the same passages at the same moments.
    from test_catalog_arabic import PASSAGES, QUERIES

    page, conn = _passages_page(browser, tmp_path, PASSAGES, "Sara")
    queries = [q for q, _ in QUERIES] + ["وَالنَّعْنَاعُ", "نعنا*", "ﷲ", "١٤٠٢", "1402", '"كتب الطالب"', "בית"]
    for query in queries:
        shown = _agreed(page, conn, query)
        assert query[0] in "ﷲב" or shown, query  # each query of the set finds something
    assert page.errors == [] and page.dialogs == []


def test_file_page_search_agrees_with_the_server_on_persian_joiners(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    # The page drops the joiners after Arabic-script letters and folds the hamza seat before waw
    # as the server does (catalog.arabic): on the Persian set, every query finds the same
    # passages, marked alike, and exactly what the tokens find.
    from test_catalog_persian import PASSAGES, QUERIES, _found

    from audiokit.catalog.tokens import tokens

    page, conn = _passages_page(browser, tmp_path, PASSAGES, "Sara")
    queries = [q for q, _ in QUERIES] + ["مسؤُول", "کتاب*", '"من می خواهم"', "خانه\u200d\u200cی", "میخو*"]
    for query in queries:
        shown = _agreed(page, conn, query)
        assert query.endswith("*") or {href.split("/")[0] for href, _ in shown} == _found(tokens, query), query
    assert page.errors == [] and page.dialogs == []


def test_the_page_s_tokens_are_the_server_s_for_every_letter_and_mark(browser: Any) -> None:  # noqa: F811
    # The fold and tokens the page embeds (catalog.tokens.SCRIPT and the scripts it calls), on
    # every letter, mark and digit of the first three planes within a word and in capitals: the
    # server's tokens (test_catalog_fold). Before: 1,670 disagreed (marks beyond the BMP).
    from test_catalog_fold import _texts

    from audiokit.catalog.tokens import tokens

    text = " ".join(_texts())  # one string: a word folds on its own (catalog.tokens.fold)
    shown, served = _page_tokens(browser, [text])[0], tokens(text)
    first = next((k for k, (a, b) in enumerate(zip(shown, served)) if a != b), None)
    assert first is None and len(shown) == len(served), (first, shown[first:][:3], served[first or 0:][:3])


def test_the_page_s_tokens_are_the_server_s_on_random_arabic_script(browser: Any) -> None:  # noqa: F811
    # Sequences the letter-by-letter check cannot see: joiners, ezafes, hamza seats before waw,
    # marks between, prefixes (3,000 random words of Persian and Arabic letters, seeded).
    import random

    from audiokit.catalog.tokens import tokens

    rng = random.Random(8)
    alphabet = list("میخواهکتبنزرگدسؤئوؤلیۀةهالأى ") + ["\u200c", "\u200d", "\u064f", "\u0654", "\u0651", "a"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    shown = _page_tokens(browser, texts)
    assert [t for t, got in zip(texts, shown, strict=True) if got != tokens(t)] == []


def test_the_page_s_tokens_are_the_server_s_on_random_latin_letters(browser: Any) -> None:  # noqa: F811
    # The Latin letters spelt in ASCII (catalog.latin) in any case and order, among accented
    # letters, marks and the letters they become (3,000 random words, seeded).
    import random

    from audiokit.catalog import latin
    from audiokit.catalog.tokens import tokens

    rng = random.Random(9)
    alphabet = [*latin.LETTERS, *"".join(latin.LETTERS).upper(), *"ẞǿǽǢŀĿſĳİiIsthoeéÅ'- ", "\u0301", "\u0308"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    shown = _page_tokens(browser, texts)
    assert [t for t, got in zip(texts, shown, strict=True) if got != tokens(t)] == []


def test_file_page_search_agrees_with_the_server_on_greek_sigma_and_strokes(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    from test_catalog_fold import PASSAGES, QUERIES

    page, conn = _passages_page(browser, tmp_path, PASSAGES, "Ann")
    # The Latin letters' set is in QUERIES: each query finds on the page what it finds on the
    # server, every hit marked.
    for query in [q for q, _ in QUERIES] + ["λογ*", "𑄌𑄋𑄴*", "bjø*", "STRAẞE", "ærø*", "ılı*"]:
        assert all(marks for _, marks in _agreed(page, conn, query)), query
    assert page.errors == [] and page.dialogs == []


def test_file_page_search_agrees_with_the_server_on_indic_scripts(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    # The page keeps an Indic word whole with its vowel signs, as the server does (catalog.tokens):
    # on the Hindi, Marathi and Telugu set, every query finds the same passages at the same
    # moments, and exactly the passages wanted (not every word of the same consonants).
    from test_catalog_indic import PASSAGES, QUERIES, _found

    from audiokit.catalog.tokens import tokens

    more = {"x1": "ﬁne tuning at x² speed", "x2": "fine tuning at x2 speed", "x3": "Ｃafé naïve"}
    page, conn = _passages_page(browser, tmp_path, PASSAGES | more, "Priya")
    # What the server's tokens find (Devanagari words stemmed: बात finds बातें too).
    queries = [(q, _found(tokens, q)) for q, _ in QUERIES] + [("हिन", set()), ("बात*", {"h0", "h2", "h4", "h9", "h20", "h27"}),
                         ("ప్రశ్న*", {"t0", "t2", "t26"}), ("fine", {"x1", "x2"}), ('"x2 speed"', {"x1", "x2"}),
                         ("cafe", {"x3"}), ("NAIVE", {"x3"})]
    for query, want in queries:
        assert {href.split("/")[0] for href, _ in _agreed(page, conn, query)} == want, query
    assert page.errors == [] and page.dialogs == []


def test_file_page_search_agrees_with_the_server_on_hindi_inflections(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    # The page stems Devanagari words as the server does (catalog.hindi): on the hand-made Hindi
    # set, every query finds the same passages at the same moments, marked alike.
    from test_catalog_hindi import PASSAGES, QUERIES, _found

    from audiokit.catalog.tokens import tokens

    page, conn = _passages_page(browser, tmp_path, PASSAGES, "Priya")
    queries = [q for q, _ in QUERIES] + ['"लड़के मैदान"', "लड़क*", "ँँाा", "जाएंगे", "नदियों"]
    for query in queries:
        shown = _agreed(page, conn, query)
        assert {href.split("/")[0] for href, _ in shown} == _found(tokens, query.strip('"').rstrip("*"), PASSAGES) \
            or query.endswith("*") or query.startswith('"'), query
    assert page.errors == [] and page.dialogs == []


def test_file_page_search_agrees_with_the_server_on_transcribers_notes(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    # A note ("[MUSIC PLAYING]", "(laughter)") is shown in its passage but never matched, by the
    # page's script as by the server: "music" finds only the passage that says it, and the marks
    # fall on the said words after a note.
    from test_catalog_notes import INTRO

    from audiokit.catalog import index_episode
    from audiokit.catalog.segments import passages

    conn = open_catalog(tmp_path / "catalog.sqlite")
    index_episode(conn, record("bees", "Bees", "done"), passages(INTRO))
    write_catalog_page(tmp_path, [record("bees", "Bees", "done", preview="bees/index.html")], conn)
    page = Page(browser, (tmp_path / "index.html").as_uri(), ("file:", "blob:", "data:"))
    for query, want in [("music", [("bees/index.html#t=41", ("music",))]), ("laughter", []), ("playing", []),
                        ("inaudible", []), ("laugh*", []), ('"ann i keep"', [("bees/index.html#t=34.5", ("Ann.", "I keep"))]),
                        ("welcome", [("bees/index.html#t=30", ("Welcome",))]), ('"music loud"', [("bees/index.html#t=41", ("music", "loud"))])]:
        assert _agreed(page, conn, query) == want, query
    page.search("music")
    assert page.page.locator("#results li p").inner_text() == "Is the music [inaudible] loud up there?"
    assert page.page.locator("#results li p span.note").all_inner_texts() == ["[inaudible]"]  # muted, as in the preview
    page.search('"ann i keep"')
    assert page.page.locator("#results li p span.note").all_inner_texts() == ["(laughter)"]
    assert page.errors == [] and page.dialogs == []


@pytest.mark.parametrize("where", ["file", "served"])
def test_a_snippet_shows_its_notes_muted_and_a_hostile_note_as_text(browser: Any, tmp_path: Path,  # noqa: F811
                                                                     where: str) -> None:
    from catalog_fixtures import one_episode_server

    hostile = "[<img/src=x/onerror=alert(1)>]"
    served = one_episode_server(tmp_path / "OUT", "laughs", "Laughs", [("Ann", f"So (laughs) {hostile} funny", 1.0)],
                                "Funny", 5.0)
    if where == "served":  # no index in the page: the server's search answers (its JSON notes)
        write_catalog_page(tmp_path / "OUT", [record("laughs", "Laughs", "done", preview="laughs/index.html")], None)
    try:
        url = served.url if where == "served" else (tmp_path / "OUT" / "index.html").as_uri()
        page = Page(browser, url, (served.url, "blob:", "data:") if where == "served" else ("file:", "blob:", "data:"))
        page.search('"so funny"')
        assert page.page.evaluate("JSON.parse(document.getElementById('catalog-index').textContent).passages === undefined") \
            == (where == "served")
        p = page.page.locator("#results li p")
        assert p.locator("span.note").all_inner_texts() == ["(laughs)", hostile]
        assert p.locator("mark").all_inner_texts() == ["So", "funny"]
        assert p.locator("img").count() == 0 and p.inner_text() == f"So (laughs) {hostile} funny"
        color = p.locator("span.note").first.evaluate("(e) => getComputedStyle(e).fontStyle")
        assert color == "italic"
        page.page.wait_for_timeout(100)
        assert page.errors == [] and page.dialogs == []
    finally:
        served.stop()


@pytest.mark.parametrize("where", ["file", "served"])
def test_results_of_an_arabic_and_a_hindi_episode_carry_their_lang(browser: Any, tmp_path: Path,  # noqa: F811
                                                                    where: str) -> None:
    # WCAG 3.1.2: a screen reader reads a result with the voice of its lang. "2019" is said once
    # in each episode of three languages: the Arabic and Hindi results' title, speaker and snippet
    # carry lang="ar" / "hi"; the English one, the moment and the page around them none (English).
    from catalog_fixtures import language_catalog

    out = tmp_path / "OUT"
    records = language_catalog(out)
    served = Server(out) if where == "served" else None
    try:
        if served is not None:  # no index in the page: the server's search answers (its JSON language)
            write_catalog_page(out, records, None)
            page = Page(browser, served.url, (served.url, "blob:", "data:"))
        else:
            page = Page(browser, (out / "index.html").as_uri(), ("file:", "blob:", "data:"))
        page.search("2019")
        shown = page.page.locator("#results li").evaluate_all("""(items) => items.map((li) => [
            li.querySelector("a").getAttribute("href").split("/")[0], li.querySelector("a bdi").lang,
            li.querySelector(".where > bdi").lang, li.querySelector("p").lang, li.querySelector("a").lang, li.lang,
            li.querySelector("p").getAttribute("dir"), li.querySelector("a bdi").getAttribute("dir") || ""])""")
        # The direction is the language's where it is known, else the browser's guess (auto).
        assert sorted(shown) == [["ar", "ar", "ar", "ar", "", "", "rtl", "rtl"],
                                 ["en-1", "", "", "", "", "", "auto", ""],
                                 ["hi", "hi", "hi", "hi", "", "", "ltr", "ltr"]]
        arabic = page.page.locator("#results li", has=page.page.locator('p[lang="ar"]'))
        assert arabic.locator("p").evaluate("(p) => getComputedStyle(p).direction") == "rtl"
        assert arabic.locator("mark").all_inner_texts() == ["٢٠١٩"]
        assert page.page.locator("table bdi[lang]").evaluate_all("(b) => b.map((e) => e.lang)") == ["ar", "hi"]
        assert page.errors == [] and page.dialogs == []
    finally:
        if served is not None:
            served.stop()
