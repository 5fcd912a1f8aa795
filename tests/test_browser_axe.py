"""Every HTML page audiokit writes, audited with axe-core (axe-playwright-python's bundled
axe.min.js; nothing fetched) in headless Chromium for WCAG 2.0/2.1 A and AA and axe's best
practices: the transcript of ``audiokit captions --format html`` (English, transcribers' notes,
Arabic titled and untitled), the preview of ``audiokit run`` (the sample's run while playing;
small pages in English, Arabic, with notes and with nothing optional, each also playing; on a
phone; with a skip link focused) and the catalogue of ``audiokit batch`` (from disk before and
after a search, with no hit, at 400% zoom, too big to search inside, with no episode yet, and
through ``audiokit serve``; of English, Arabic and Hindi episodes, their titles and results
marked with their ``lang``, after a search that finds all three). Last, what axe does not check: a long word's reflow at 400% zoom.

The pages have one colour theme (``color-scheme: light``; the transcript has no colours), so a
dark preference changes nothing to audit; the states that recolour text (the playing word, the
current chapter, a hovered word or chapter, search marks) are each audited.

Skipped where /usr/bin/chromium, the playwright package or axe-playwright-python is absent.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from catalog_fixtures import (  # noqa: F401  (fixtures)
    Server,
    catalog,
    pipeline_out,
    record,
    server,
    synthetic_episode,
    write_episode_folder,
)
from test_browser_preview import AUDIO, CHROMIUM, browser  # noqa: F401
from test_captions_formats import sample_episode
from test_captions_notes import notes_episode
from test_preview_notes import noted_preview
from test_preview_page import evil_preview
from test_text_languages import _GOLDEN_TEXTS, _timed_turn

from audiokit.captions import build_cues, render
from audiokit.catalog import open_catalog, record_episode, write_catalog_page
from audiokit.catalog.page import render as catalog_page
from audiokit.model import Episode, Metadata, Speaker
from audiokit.pipeline import Result
from audiokit.preview import page as preview_page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium")

# WCAG 2.0 and 2.1, levels A and AA, and axe's best practices; no rule is left out.
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
         "resultTypes": ["violations", "incomplete"]}
LOCAL = ("file:", "blob:", "data:")


@pytest.fixture(scope="module")
def axe() -> Any:
    module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                 reason="axe-playwright-python is not installed")
    return module.Axe()


def audit(axe: Any, browser: Any, url: str, act: Callable[[Any], None] | None = None,  # noqa: F811
          allowed: tuple[str, ...] = LOCAL, covered: tuple[str, ...] = (), **options: Any) -> None:
    """Open ``url`` (nothing from elsewhere), do ``act`` on it, and assert axe finds no violation,
    nor any text whose contrast it could not decide (a "needs review" of color-contrast) but the
    ``covered`` elements, which something ``act`` showed lies over."""
    page = browser.new_page(**{"viewport": {"width": 1000, "height": 700}, **options})
    try:
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(allowed) else r.abort())
        page.goto(url)
        page.wait_for_load_state("load")
        if act is not None:
            act(page)
        # The CSP allows only the page's own script: axe goes in through the DevTools protocol,
        # which the page's policy does not govern.
        results = axe.run(page, options=RULES)
        unsure = [n["target"] for v in results.response["incomplete"] if v["id"] == "color-contrast" for n in v["nodes"]]
        assert results.violations_count == 0, results.generate_report()
        assert [t for t in unsure if t not in [[c] for c in covered]] == [], unsure
    finally:
        page.close()


# --- the HTML transcript -------------------------------------------------------------------------


def arabic_episode() -> Episode:
    first, second, one, two = _GOLDEN_TEXTS["ar"]
    a = _timed_turn(first, one, 0.0)
    b = _timed_turn(second, two, (a.sentences[-1].words[-1].end or 0.0) + 0.6)
    return Episode((a, b), (Speaker(first), Speaker(second)), Metadata(title="حديقة على السطح", language="ar"))


TRANSCRIPTS = {"english": sample_episode, "notes": notes_episode, "arabic": arabic_episode,
               "arabic-untitled": lambda: replace(arabic_episode(), metadata=Metadata(language="ar"))}


@pytest.mark.parametrize("name", sorted(TRANSCRIPTS))
def test_transcript_page_passes_axe(axe: Any, browser: Any, tmp_path: Path, name: str) -> None:  # noqa: F811
    episode = TRANSCRIPTS[name]()
    path = tmp_path / "transcript.html"
    path.write_text(render(build_cues(episode), "html", episode), encoding="utf-8")
    audit(axe, browser, path.as_uri())  # (its reflow at 400% zoom: the last test)


# --- the preview of `audiokit run` ---------------------------------------------------------------


def arabic_preview() -> preview_page.Preview:
    episode = arabic_episode()
    end = episode.turns[-1].sentences[-1].words[-1].end or 0.0
    return preview_page.Preview(
        episode=episode, audio="episode.mp3",
        captions_vtt="WEBVTT\n\n00:00:00.000 --> 00:00:03.000\n<v سارة>بدأت حديقتي\n",
        chapters=[preview_page.ChapterMark(0.0, end, "حديقة على السطح")],
        clips=[preview_page.ClipCard("clips/sara-1.mp3", "سارة", 1, 0.0, 6.0, "حديقتي", "بدأت حديقتي على سطح البيت",
                                     0.6, {"opening": 1.0})],
        report={"words": 40, "placed": 39, "warnings": [],
                "absent": [{"speaker": "عمر", "after": 6.0, "text": "نحن نجمع"}]})


def bare_preview() -> preview_page.Preview:
    return preview_page.Preview(episode=replace(evil_preview().episode, metadata=Metadata()), audio="episode.mp3")


SMALL = {"english": evil_preview, "arabic": arabic_preview, "notes": noted_preview, "bare": bare_preview}


def _playing(page: Any) -> None:
    # A word lit, its chapter current, and a word and a chapter hovered: each recolours text.
    page.evaluate("window.audiokitPreview.seek(1.0)")
    words, chapters = page.locator("#transcript .w[data-s]"), page.locator("#chapter-list button")
    if chapters.count():
        chapters.last.hover()
    words.last.hover()


def _skip_focused(page: Any) -> None:
    page.keyboard.press("Tab")


@pytest.mark.parametrize("name", sorted(SMALL))
def test_small_preview_pages_pass_axe(axe: Any, browser: Any, tmp_path: Path, name: str) -> None:  # noqa: F811
    shutil.copyfile(AUDIO, tmp_path / "episode.mp3")
    path = tmp_path / "index.html"
    path.write_text(preview_page.render(SMALL[name]()), encoding="utf-8")
    audit(axe, browser, path.as_uri())
    audit(axe, browser, path.as_uri(), _playing)
    if name in ("english", "arabic"):  # the phone's one-column layout, each way of writing
        audit(axe, browser, path.as_uri(), viewport={"width": 390, "height": 844})


def test_preview_with_a_skip_link_focused_passes_axe(axe: Any, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "index.html"
    path.write_text(preview_page.render(replace(evil_preview(), episode=sample_episode())), encoding="utf-8")
    # The focused link is shown over the start of the title, in the sticky player (as it is meant
    # to be: it sits over whatever the page has scrolled under the player), so axe cannot tell the
    # contrast of the title's covered letters; the link's own is checked.
    audit(axe, browser, path.as_uri(), _skip_focused, covered=("h1",))


def test_preview_of_the_sample_run_passes_axe(axe: Any, browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    # The sample's run: every part of the page from real stages (about 6 s of axe: 1,400 words).
    audit(axe, browser, (pipeline_out[0] / "index.html").as_uri(), _playing)


# --- the catalogue of `audiokit batch` -----------------------------------------------------------


def _searched(query: str) -> Callable[[Any], None]:
    def act(page: Any) -> None:
        page.fill("#q", query)
        page.press("#q", "Enter")
        page.locator("#search-status:not(:empty)").wait_for()
        if page.locator("#results a").count():
            page.locator("#results a").first.hover()
    return act


def test_catalogue_page_passes_axe(axe: Any, browser: Any, catalog: tuple[Path, Any], tmp_path: Path,  # noqa: F811
                                   server: Server) -> None:  # noqa: F811
    out, built = catalog
    url = (out / "index.html").as_uri()
    audit(axe, browser, url)
    audit(axe, browser, url, _searched("the"))
    audit(axe, browser, url, _searched("zzqqxx"))  # no hit
    audit(axe, browser, url, viewport={"width": 320, "height": 256})
    audit(axe, browser, server.url, _searched("the"), allowed=(server.url, "blob:", "data:"))
    # too big to search inside the page; written before the first episode is done
    pages: list[tuple[str, list[dict[str, Any]], dict[str, Any] | None]] = [
        ("big", built["records"], None), ("empty", [], {"episodes": [], "speakers": [], "passages": []})]
    for name, records, index in pages:
        (tmp_path / f"{name}.html").write_text(catalog_page(records, index, "A <show>"), encoding="utf-8")
        audit(axe, browser, (tmp_path / f"{name}.html").as_uri())


def test_catalogue_of_three_languages_passes_axe(axe: Any, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    # Titles and results in Arabic and Hindi carry lang="ar" / "hi" (WCAG 3.1.2): axe checks each
    # is a valid language (valid-lang) on the table and on the results of a search finding all three.
    from catalog_fixtures import language_catalog

    language_catalog(tmp_path / "OUT")
    audit(axe, browser, (tmp_path / "OUT" / "index.html").as_uri(), _searched("2019"))


# --- what axe does not check: reflow (WCAG 1.4.10) of a long word ------------------------------------


def test_a_long_word_wraps_at_400_percent_zoom_on_every_page(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    # A URL read out in the sample's transcript pushed the HTML transcript to 541 pixels and the
    # preview to 552 at 320 (400% zoom); a passage holding one did the same to the catalogue.
    episode = sample_episode()
    (tmp_path / "transcript.html").write_text(render(build_cues(episode), "html", episode), encoding="utf-8")
    (tmp_path / "preview.html").write_text(preview_page.render(replace(evil_preview(), episode=episode)), encoding="utf-8")
    url = "https://example.com/a/very/long/path/that/does/not/fit/on/one/line"
    long = synthetic_episode(f"See {url}", [("Ann", f"the link is {url} today", 5.0)])
    write_episode_folder(tmp_path / "one", long, None, [], [])
    rec = record("one", f"See {url}", "done", preview="one/index.html")
    conn = open_catalog(tmp_path / "catalog.sqlite")
    record_episode(conn, rec, tmp_path / "one")
    write_catalog_page(tmp_path, [rec], conn, title=f"Links {url}")
    conn.close()
    size = {"width": 320, "height": 256}
    for name in ("transcript.html", "preview.html", "index.html"):
        page = browser.new_page(viewport=size)
        page.goto((tmp_path / name).as_uri())
        if name == "index.html":
            page.fill("#q", "link")
            page.press("#q", "Enter")
            page.locator("#results li").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
        page.close()
