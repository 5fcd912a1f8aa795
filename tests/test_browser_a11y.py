"""The pages as a keyboard-only and a screen-reader user meets them, in headless Chromium
(Debian's, through Playwright): every control reached by Tab in reading order with a visible
focus ring and no trap, nothing focused hidden under the preview's sticky player, chapters and
turns operated from the keyboard, the current chapter told (not just shown), reduced motion
respected, and the catalogue searched and its results opened without a mouse, from disk and
through ``audiokit serve``; on both pages every control reached by Tab, operated by Enter or
Space, and its focus ring at least 3:1 against what it is drawn on (WCAG 1.4.11).

Skipped where /usr/bin/chromium or the playwright package is absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from catalog_fixtures import Server, catalog, pipeline_out, server  # noqa: F401  (fixtures)
from test_browser_preview import CHROMIUM, browser  # noqa: F401

from audiokit.pipeline import Result
from audiokit.preview.page import clock

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium")

LOCAL = ("file:", "blob:", "data:")

# What Tab stops at: controls, less those taken out of the order (the turns' times), plus the
# transcript's one roving word.
STOPS = 'a[href], button:not([tabindex="-1"]), input, audio[controls], [tabindex="0"]'
# What the focused element is, where it is, and how its focus is drawn.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const all = Array.from(document.querySelectorAll('""" + STOPS + """'));
  const style = getComputedStyle(e), box = e.getBoundingClientRect();
  const header = document.querySelector("header.player");
  return {index: all.indexOf(e), tag: e.tagName, top: box.top, bottom: box.bottom, skip: e.classList.contains("skip"),
          headerBottom: header ? header.getBoundingClientRect().bottom : 0,
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""
FOCUSABLE = "() => document.querySelectorAll('" + STOPS + "').length"


def _open(browser: Any, url: str, allowed: tuple[str, ...] = LOCAL, **options: Any) -> Any:  # noqa: F811
    page = browser.new_page(**{"viewport": {"width": 1000, "height": 700}, **options})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(allowed) else r.abort())
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def _walk(page: Any, key: str, presses: int) -> list[dict[str, Any]]:
    seen = []
    for _ in range(presses):
        page.keyboard.press(key)
        now = page.evaluate(FOCUSED)
        if now is not None:
            seen.append(now)
    return seen


def _distinct(seen: list[dict[str, Any]]) -> list[int]:
    order: list[int] = []
    for s in seen:
        if not order or order[-1] != s["index"]:
            order.append(s["index"])
    return order


def test_tab_reaches_every_preview_control_in_reading_order_with_a_visible_ring(
        browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    page = _open(browser, (out / "index.html").as_uri())
    total = page.evaluate(FOCUSABLE)
    # A player's own controls (play, time, volume, menu...) take several presses each.
    seen = _walk(page, "Tab", total * 8)
    order = _distinct(seen)
    # every control once, in document order: no trap, nothing skipped, nothing out of order
    assert order[:total] == list(range(total))
    drawn = [s for s in seen if s["tag"] != "AUDIO"]  # the players draw their controls' rings themselves
    assert drawn and all(s["outline"] == "solid" and s["width"] >= 2 for s in drawn)


def test_nothing_focused_hides_under_the_sticky_player(browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    # Going back up the transcript with Shift+Tab put the focused time under the player's
    # header (15 of 50 presses before the page kept a scroll padding of the header's height).
    out, _ = pipeline_out
    page = _open(browser, (out / "index.html").as_uri())
    total = page.evaluate(FOCUSABLE)
    page.locator("button, audio[controls]").last.focus()
    seen = [s for s in _walk(page, "Shift+Tab", total * 2) if s["tag"] != "AUDIO"]
    # The turns' times are no longer stops (the transcript is one, its word: going up it by keys is
    # checked in test_browser_transcript_keys.py); the chapters, report, word and clips remain.
    assert len({s["index"] for s in seen}) > 15 and any(s["tag"] == "SPAN" for s in seen)
    hidden = [s for s in seen if s["top"] < s["headerBottom"] - 0.5 and not s["skip"]]  # skip links sit over it
    assert hidden == []


def test_on_a_phone_the_title_scrolls_away_and_the_player_stays(browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    # The sample's title wraps to three lines at 390 pixels: sticking with the player, the header
    # kept 230 of 844 pixels on every scroll.
    page = _open(browser, (pipeline_out[0] / "index.html").as_uri(), viewport={"width": 390, "height": 844})
    rect = "(s) => { const r = document.querySelector(s).getBoundingClientRect(); return [r.top, r.bottom]; }"
    top, bottom = page.evaluate(rect, "header.player h1")
    assert top >= 0 and bottom > top  # the whole title at the top of the page
    page.locator("#transcript-heading").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 600)")
    assert page.evaluate(rect, "header.player h1")[1] <= 0.01  # gone with the page...
    audio_top, _ = page.evaluate(rect, "#player")
    header_bottom = page.evaluate(rect, "header.player")[1]
    assert audio_top >= 0 and header_bottom < 844 * 0.2  # ...the player still in view, in a fifth of the screen
    padding = float(page.evaluate("document.documentElement.style.scrollPaddingTop").removesuffix("px"))
    assert header_bottom <= padding <= header_bottom + 16  # focus is kept below what sticks, not below the title


def test_skip_links_come_first_and_jump_past_the_chapters(browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    # Without them a keyboard user tabbed through the player, every chapter and every turn's
    # time (some 40 stops on the sample) before reaching the clips.
    out, _ = pipeline_out
    page = _open(browser, (out / "index.html").as_uri())
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.textContent")
    assert (first, second) == ("Skip to the transcript", "Skip to the clips")
    box = page.evaluate("(() => { const b = document.activeElement.getBoundingClientRect(); return [b.left, b.top]; })()")
    assert box[0] >= 0 and box[1] >= 0  # shown while focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "clips-heading"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('section.clips') !== null")


def test_chapters_and_turns_work_from_the_keyboard_and_the_current_chapter_is_told(
        browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    chapters = json.loads((out / "chapters.json").read_text())["chapters"]
    page = _open(browser, (out / "index.html").as_uri())
    nav = page.get_by_role("navigation", name="Chapters")
    assert nav.count() == 1
    third = chapters[2]
    button = nav.get_by_role("button", name=f"{clock(third['startTime'])} {third['title']}", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('player').currentTime") == pytest.approx(third["startTime"], abs=0.01)
    assert page.locator("#chapter-list button[aria-current='true']").all_inner_texts() == [button.inner_text()]
    assert button.get_attribute("aria-current") == "true"

    turn = page.locator("#transcript .turn h3 button.seek").nth(5)
    turn.focus()
    page.keyboard.press("Space")
    start = float(turn.get_attribute("data-seek") or "nan")
    assert page.evaluate("document.getElementById('player').currentTime") == pytest.approx(start, abs=0.01)
    # the turn's heading reads "time speaker", not the two run together
    heading = turn.locator("xpath=..").inner_text()
    assert re.match(r"^\d+:\d\d \S", heading), heading
    assert page.get_by_role("button", name=re.compile(r"^\d+:\d\d[^\s\u2013]")).count() == 0  # a clip span "0:32–0:58" aside


def test_landmarks_and_names(browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    page = _open(browser, (out / "index.html").as_uri())
    assert page.get_by_role("banner").count() == 1 and page.get_by_role("main").count() == 1
    assert page.get_by_role("heading", level=1).count() == 1
    names = page.evaluate("Array.from(document.querySelectorAll('audio')).map((a) => a.getAttribute('aria-label'))")
    assert names[0] == "Episode audio" and all(n and n.startswith("Clip ") for n in names[1:])
    tracks = page.evaluate("Array.from(document.querySelectorAll('#player track')).map((t) => [t.kind, t.label, t.srclang])")
    assert ["captions", "Captions", "en"] in tracks


@pytest.mark.parametrize(("motion", "follows"), [("reduce", False), ("no-preference", True)])
def test_following_the_playing_word_respects_reduced_motion(browser: Any, pipeline_out: tuple[Path, Result],  # noqa: F811
                                                            motion: str, follows: bool) -> None:
    out, _ = pipeline_out
    page = _open(browser, (out / "index.html").as_uri(), reduced_motion=motion)
    assert page.locator("#follow").is_checked() is follows


@pytest.mark.parametrize("where", ["file", "served"])
def test_catalogue_is_searched_and_a_result_opened_from_the_keyboard(browser: Any, catalog: tuple[Path, Any],  # noqa: F811
                                                                     server: Server, where: str) -> None:  # noqa: F811
    if where == "file":
        page = _open(browser, (catalog[0] / "index.html").as_uri())
    else:
        page = _open(browser, server.url, (server.url, "blob:", "data:"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"  # the search box comes first
    assert page.get_by_role("searchbox", name="Search the transcripts").count() == 1
    page.keyboard.type("the")
    page.keyboard.press("Enter")
    page.locator("#search-status:not(:empty)").wait_for()
    assert re.match(r"^\d+ passages", page.locator("#search-status").inner_text())
    links = page.locator("#results a")
    names = links.all_inner_texts()
    hrefs = [links.nth(k).get_attribute("href") for k in range(links.count())]
    # each result's link is named by its episode and moment: no two links of one name go to
    # different places (to the second, as the name shows the moment)
    assert all(re.search(r" at \d+:\d\d$", n) for n in names)
    places = {(h or "").split("#")[0] + "@" + str(int(float((h or "t=0").split("t=")[-1]))) for h in hrefs}
    assert len(set(zip(names, places))) == len(set(names)) == len(places)
    seen = _walk(page, "Tab", 2)  # the Search button, then the first result
    assert seen[-1]["tag"] == "A" and seen[-1]["outline"] == "solid" and seen[-1]["width"] >= 2
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(hrefs[0] or "")


def test_zoomed_in_pages_reflow_and_the_player_stops_sticking(browser: Any, pipeline_out: tuple[Path, Result],  # noqa: F811
                                                              catalog: tuple[Path, Any]) -> None:  # noqa: F811
    # 400% zoom of a 1280 by 1024 screen: the sticky player took 231 of the 256 pixels, and the
    # catalogue's Search button and table pushed the page sideways.
    size = {"width": 320, "height": 256}
    preview = _open(browser, (pipeline_out[0] / "index.html").as_uri(), viewport=size)
    assert preview.evaluate("getComputedStyle(document.querySelector('header.player')).position") == "static"
    assert preview.evaluate("document.documentElement.style.scrollPaddingTop") == ""
    assert preview.evaluate("document.documentElement.scrollWidth") <= 320
    page = _open(browser, (catalog[0] / "index.html").as_uri(), viewport=size)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    wrap = page.get_by_role("region", name="Episodes")
    assert wrap.evaluate("(e) => e.scrollWidth > e.clientWidth")  # the table scrolls in its own box...
    wrap.focus()
    page.keyboard.press("ArrowRight")  # ...which the keyboard can scroll (the scroll may be animated)
    for _ in range(20):
        if wrap.evaluate("(e) => e.scrollLeft") > 0:
            break
        page.wait_for_timeout(50)
    assert wrap.evaluate("(e) => e.scrollLeft") > 0


def test_high_contrast_mode_keeps_the_playing_word_and_marks_seen(browser: Any, pipeline_out: tuple[Path, Result],  # noqa: F811
                                                                  catalog: tuple[Path, Any]) -> None:  # noqa: F811
    # Forced colours drop author backgrounds: the playing word and the current chapter vanished.
    page = _open(browser, (pipeline_out[0] / "index.html").as_uri(), forced_colors="active")
    page.evaluate("window.audiokitPreview.seek(40)")
    canvas = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert page.evaluate("getComputedStyle(document.querySelector('.w.now')).backgroundColor") != canvas
    current = page.locator("#chapter-list li.current button")
    assert "underline" in current.evaluate("(e) => getComputedStyle(e).textDecorationLine")
    cat = _open(browser, (catalog[0] / "index.html").as_uri(), forced_colors="active")
    cat.fill("#q", "the")
    cat.press("#q", "Enter")
    cat.locator("#results mark").first.wait_for()
    assert cat.evaluate("getComputedStyle(document.querySelector('#results mark')).backgroundColor") != \
        cat.evaluate("getComputedStyle(document.body).backgroundColor")


# The focused element's ring and its contrast with what it is drawn on (WCAG 1.4.11, 3:1): the
# ring sits outside the element (outline-offset), so against the nearest painted ancestor's background.
RING = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                     .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  let under = e.parentElement, back = [255, 255, 255];
  for (; under; under = under.parentElement) {
    const c = rgb(getComputedStyle(under).backgroundColor);
    if (c.length === 3 || c[3] > 0) { back = c.slice(0, 3); break; }
  }
  const [a, b] = [lum(rgb(s.outlineColor)), lum(back)];
  return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
}"""
# What each Tab stop is, to operate it as its kind is operated.
KIND = """() => { const e = document.activeElement;
  return {tag: e.tagName, cls: e.className, id: e.id, href: e.getAttribute("href"), seek: e.dataset.seek || e.dataset.s || null}; }"""


def _tab_stops(page: Any, presses: int) -> list[dict[str, Any]]:
    """Each element Tab reaches, once, in order, with its ring."""
    stops: list[dict[str, Any]] = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        kind = page.evaluate(KIND)
        if not stops or stops[-1]["kind"] != kind:
            stops.append({"kind": kind, "ring": page.evaluate(RING), "index": page.evaluate(FOCUSED)["index"]})
    return stops


def _now(page: Any) -> float:
    return float(page.evaluate("document.getElementById('player').currentTime"))


def test_every_preview_control_is_reached_by_tab_and_operated_by_enter_or_space(
        browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    page = _open(browser, (pipeline_out[0] / "index.html").as_uri())
    total = page.evaluate(FOCUSABLE)
    stops = _tab_stops(page, total * 8)
    assert sorted({s["index"] for s in stops}) == list(range(total))  # every control reached
    for s in stops:
        if s["kind"]["tag"] != "AUDIO":  # the players draw their controls' rings themselves
            assert s["ring"]["outline"] == "solid" and s["ring"]["width"] >= 2 and s["ring"]["ratio"] >= 3, s
    operated = 0
    for k, s in enumerate(stops):
        key = ("Enter", "Space")[k % 2]
        page.evaluate("(i) => document.querySelectorAll('" + STOPS + "')[i].focus()", s["index"])
        kind = page.evaluate(KIND)  # (the transcript's one stop roves: which word it is now)
        assert kind["tag"] == s["kind"]["tag"]
        if kind["tag"] == "A" and "skip" in kind["cls"]:
            page.keyboard.press("Enter")  # a link: Enter (Space scrolls the page, as on any link)
            assert "#" + page.evaluate("document.activeElement.id") == kind["href"]
        elif kind["tag"] == "BUTTON" or (kind["tag"] == "SPAN" and "w" in kind["cls"].split()):
            page.evaluate("window.audiokitPreview.seek(0.5)")
            page.keyboard.press(key)
            assert _now(page) == pytest.approx(float(kind["seek"]), abs=0.01), (kind, key)
        elif kind["tag"] == "INPUT":
            before = page.evaluate("document.activeElement.checked")
            page.keyboard.press("Space")
            assert page.evaluate("document.activeElement.checked") is not before
            page.keyboard.press("Space")
        elif kind["tag"] == "AUDIO":
            page.keyboard.press("Space")
            page.wait_for_function("!document.activeElement.paused")
            page.keyboard.press("Space")
            page.wait_for_function("document.activeElement.paused")
        else:
            raise AssertionError(f"a control of no known kind: {kind}")
        operated += 1
    assert operated == len(stops) >= total


def test_every_catalogue_control_is_reached_by_tab_and_operated_by_enter_or_space(
        browser: Any, catalog: tuple[Path, Any]) -> None:  # noqa: F811
    url = (catalog[0] / "index.html").as_uri()
    page = _open(browser, url)
    page.fill("#q", "the")
    page.press("#q", "Enter")  # the results' links join the stops
    page.locator("#results a").first.wait_for()
    page.click("h1")  # Tab goes on from the top
    total = page.evaluate(FOCUSABLE)
    stops = _tab_stops(page, total + 2)
    assert [s["index"] for s in stops] == list(range(total))
    assert all(s["ring"]["outline"] == "solid" and s["ring"]["width"] >= 2 and s["ring"]["ratio"] >= 3 for s in stops), stops
    for key, query, told in (("Enter", "zzqqxx", "^Nothing found"), ("Space", "the", "^\\d+ passages")):  # the Search button
        page.fill("#q", query)
        page.locator("form.search button").focus()
        page.keyboard.press(key)
        page.wait_for_function("(r) => new RegExp(r).test(document.getElementById('search-status').textContent)", arg=told)
    links = [s for s in stops if s["kind"]["tag"] == "A"]
    assert len(links) > 3  # the episodes' links and the results'
    # Where Enter on each link goes, answered "204 No Content" so the page stays to go on with.
    went: list[str] = []

    def nowhere(route: Any) -> None:
        went.append(route.request.url)
        route.fulfill(status=204)

    page.route("**/part-*/index.html*", nowhere)
    for s in links:
        page.evaluate("(i) => document.querySelectorAll('" + STOPS + "')[i].focus()", s["index"])
        page.keyboard.press("Enter")
        for _ in range(100):
            if len(went) == links.index(s) + 1:
                break
            page.wait_for_timeout(20)
        # (a request carries no #t=: the result's moment is checked in the test above)
        assert went[-1].endswith(s["kind"]["href"].split("#")[0]), (went, s)
    assert page.url == url
