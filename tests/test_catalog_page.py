"""The catalogue page (OUT/index.html): structure, escaping, the embedded search index."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from catalog_fixtures import language_catalog, record, synthetic_episode, write_episode_folder

from audiokit.catalog import open_catalog, record_episode, write_catalog_page
from audiokit.catalog.page import EMBED_LIMIT, render

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" \'single\' </tbody>'


class Tags(HTMLParser):
    """Start tags with their attributes, and the text of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Tags:
    t = Tags()
    t.feed(html)
    return t


def _records() -> list[dict]:
    return [
        record("ep-1", "First & best", "done", duration=3725.0, coverage=0.987, chapters=4, clips=6,
               loudness=-19.42, loudness_problems=["Bo is 4.1 LU quieter than Ann: level the speakers <now>"],
               preview="ep-1/index.html"),
        record("ep 2", EVIL, "failed", reason=EVIL),
        record("ep-3", "Third", "skipped", reason="no transcript in the feed item"),
    ]


def test_every_episode_has_a_row_with_status_duration_coverage_and_link() -> None:
    html = render(_records(), None, "My show")
    tags = parse(html)
    rows = [a for t, a in tags.tags if t == "tr" and "data-id" in a]
    assert [a["data-id"] for a in rows] == ["ep-1", "ep 2", "ep-3"]
    links = [a["href"] for t, a in tags.tags if t == "a"]
    assert links == ["ep-1/index.html"]  # only finished episodes link to a preview
    text = "".join(tags.text)
    assert "1:02:05" in text and "98.7%" in text and "First & best" in text
    assert "-19.4\u00a0LUFS" in text and "loudness: Bo is 4.1 LU quieter than Ann: level the speakers <now>" in text
    assert "&lt;now&gt;" in html
    assert "3 episodes: 1 done, 1 failed, 1 skipped" in text
    assert "no transcript in the feed item" in text
    assert [a["class"] for t, a in tags.tags if t == "span" and "status" in (a.get("class") or "")] == [
        "status done", "status failed", "status skipped"]


def test_transcript_and_record_text_is_escaped() -> None:
    html = render(_records(), {"episodes": [["ep-1", EVIL]], "speakers": [EVIL], "passages": [[0, 0, EVIL, [0]]]})
    tags = parse(html)
    assert [t for t, _ in tags.tags].count("script") == 2
    assert not any(t == "img" for t, _ in tags.tags)
    assert html.count("</script>") == 2 and html.count("</tbody>") == 1
    assert EVIL in "".join(tags.text)  # shown as text, exactly


def test_policy_allows_only_the_page_script_and_style() -> None:
    html = render(_records(), None)
    policy = next(a["content"] for t, a in parse(html).tags if a.get("http-equiv") == "Content-Security-Policy")
    assert policy is not None
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL).group(1)  # type: ignore[union-attr]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert "connect-src 'self'" in policy


def _index(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="catalog-index">(.*?)</script>', html, re.DOTALL)
    assert block is not None
    return json.loads(block.group(1))


def test_written_page_embeds_every_finished_transcript_with_times(tmp_path: Path) -> None:
    conn = open_catalog(tmp_path / "catalog.sqlite")
    ep = synthetic_episode("One", [("Ann", "hello there everyone", 5.0), ("Bo", "and welcome back", 9.0)])
    write_episode_folder(tmp_path / "one", ep, None, [], [])
    records = [record("one", "One", "done", preview="one/index.html"), record("two", "Two", "failed", reason="x")]
    record_episode(conn, records[0], tmp_path / "one")
    record_episode(conn, records[1], None)
    page = write_catalog_page(tmp_path, records, conn)
    assert page == tmp_path / "index.html"
    index = _index(page.read_text(encoding="utf-8"))
    assert index["episodes"] == [["one", "One", "en"]] and index["speakers"] == ["Ann", "Bo"]  # no language: English
    texts = [p[2] for p in index["passages"]]
    assert texts == ["hello there everyone", "and welcome back"]
    for p, turn in zip(index["passages"], ep.turns):
        starts = [sum(p[3][: k + 1]) / 1000 for k in range(len(p[3]))]
        assert starts == [w.start for w in turn.words]
    assert not list(tmp_path.glob("*.part"))


def test_big_catalogues_leave_search_to_the_server(tmp_path: Path) -> None:
    conn = open_catalog(tmp_path / "catalog.sqlite")
    records = [record(f"e{k}", f"E{k}", "skipped", reason="none") for k in range(EMBED_LIMIT + 1)]
    html = write_catalog_page(tmp_path, records, conn).read_text(encoding="utf-8")
    assert _index(html) == {}
    assert "audiokit serve" in html
    assert len([1 for t, a in parse(html).tags if t == "tr" and "data-id" in a]) == EMBED_LIMIT + 1


def test_table_and_search_box_are_labelled_for_screen_readers() -> None:
    # The episodes table had no name and its headers no scope; the search box's instructions
    # (quotes, word*) were a paragraph a screen reader never tied to the box.
    tags = parse(render(_records(), None, "My show"))
    by_id = {a["id"]: (t, a) for t, a in tags.tags if a.get("id")}
    assert by_id["episodes"][1]["aria-labelledby"] == "episodes-heading" and by_id["episodes-heading"][0] == "h2"
    heads = [a for t, a in tags.tags if t == "th"]
    assert len(heads) == 7 and all(a.get("scope") == "col" for a in heads)
    box = by_id["q"][1]
    assert box["aria-label"] == "Search the transcripts" and by_id[box["aria-describedby"] or ""][0] == "p"
    assert by_id["search-status"][1]["aria-live"] == "polite"  # the count of results is told once it changes


def test_a_page_written_before_any_episode_says_so_in_its_table() -> None:
    # A batch writes the page before its first episode is done: headers over no cells read as a
    # broken table (axe: th-has-data-cells).
    tags = parse(render([], None))
    assert [a.get("colspan") for t, a in tags.tags if t == "td"] == ["7"]
    assert "No episodes yet." in "".join(tags.text)
    assert "No episodes yet." not in render(_records(), None)


def test_arabic_and_hindi_titles_among_english_ones_carry_their_lang(tmp_path: Path) -> None:
    # WCAG 3.1.2 (language of parts): a screen reader read an Arabic or Hindi title with the
    # page's English voice. The English page marks each title in another language; English
    # ones and a failed episode's (whose language nobody knows) stay as they were.
    records = language_catalog(tmp_path)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    tags = parse(html)
    assert ("html", {"lang": "en"}) in tags.tags
    titles = [a for t, a in tags.tags if t == "bdi"]
    assert [a.get("lang") for a in titles] == [None, "ar", "hi", None, None]
    # The direction is the language's where it is known; else the browser's to find (bdi).
    assert [a.get("dir") for a in titles] == [None, "rtl", "ltr", None, None]
    assert '<bdi lang="ar" dir="rtl">الشاي بالنعناع</bdi>' in html
    assert '<bdi lang="hi" dir="ltr">पुदीने की चाय</bdi>' in html
    index = _index(html)
    assert index["episodes"] == [[r["id"], r["title"], r["language"]] for r in records if r["status"] == "done"]


def test_a_lang_is_given_only_for_a_language_tag_other_than_the_page_s() -> None:
    rows = [record(f"e{k}", "Title", "done", language=code, preview=None)
            for k, code in enumerate(["ar", "EN", "pt-BR", "x", 'ar" onclick="alert(1)', 7])]
    langs = [a.get("lang") for t, a in parse(render(rows, None)).tags if t == "bdi"]
    assert langs == ["ar", None, "pt-BR", None, None, None]


def test_an_arabic_title_opening_on_a_latin_word_runs_right_to_left() -> None:
    # <bdi> alone takes the first strong letter's direction: "iPhone" made this title run left
    # to right, its Arabic words in the wrong order. Its language says otherwise.
    rows = [record("e0", "iPhone مراجعة هاتف", "done", language="ar", preview=None)]
    bdi = [a for t, a in parse(render(rows, None)).tags if t == "bdi"]
    assert bdi == [{"lang": "ar", "dir": "rtl"}]
