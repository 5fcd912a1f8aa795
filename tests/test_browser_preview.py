"""index.html in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright with ``executable_path``; never a downloaded browser), opened from disk.

Skipped where /usr/bin/chromium or the playwright package is absent.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sample_facts
from test_pipeline_shared import AUDIO, pipeline_out  # noqa: F401
from test_preview_page import EVIL, evil_preview

from audiokit.captions.readers import read as read_captions
from audiokit.pipeline import Result
from audiokit.preview import page as preview_page

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"])
        try:
            yield b
        finally:
            b.close()


class Opened:
    """A page opened from disk, with the console errors, page errors and dialogs it raised."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(("file:", "blob:", "data:")) else route.continue_())
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def cue_counts(self) -> dict[str, int]:
        return self.page.evaluate(
            """async () => {
              const audio = document.getElementById("player");
              for (const t of audio.textTracks) t.mode = "hidden";
              const els = Array.from(audio.querySelectorAll("track"));
              await Promise.all(els.map((el) => el.readyState === 2 ? null : new Promise((ok, bad) => {
                el.addEventListener("load", ok); el.addEventListener("error", () => bad(new Error(el.kind)));
              })));
              const out = {};
              for (const t of audio.textTracks) out[t.kind] = t.cues ? t.cues.length : -1;
              return out;
            }"""
        )


def test_sample_page_loads_its_tracks_without_errors(browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    opened = Opened(browser, out / "index.html")
    counts = opened.cue_counts()
    chapters = json.loads((out / "chapters.json").read_text())["chapters"]
    assert counts == {"captions": len(read_captions(out / "captions.vtt")), "chapters": len(chapters)}
    duration = opened.page.evaluate(
        """() => new Promise((ok) => { const a = document.getElementById("player");
             if (a.readyState >= 1) ok(a.duration); else a.addEventListener("loadedmetadata", () => ok(a.duration)); })"""
    )
    # the audio itself plays from disk
    assert duration == pytest.approx(sample_facts.TRUTH["duration"], abs=1.0)
    assert opened.errors == []


def test_clicking_a_chapter_jumps_to_its_start(browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    opened = Opened(browser, out / "index.html")
    chapters = json.loads((out / "chapters.json").read_text())["chapters"]
    last = opened.page.locator("#chapter-list li button").nth(len(chapters) - 1)
    last.click()
    now = opened.page.evaluate("document.getElementById('player').currentTime")
    assert now == pytest.approx(chapters[-1]["startTime"], abs=0.01)
    assert "current" in (opened.page.locator("#chapter-list li").nth(len(chapters) - 1).get_attribute("class") or "")
    opened.page.locator("#chapter-list li button").first.click()
    assert opened.page.evaluate("document.getElementById('player').currentTime") == pytest.approx(0.0, abs=0.01)
    assert opened.errors == []


def test_clicking_a_word_seeks_to_it_and_highlights_it(browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    opened = Opened(browser, out / "index.html")
    word = opened.page.locator("#transcript .w[data-s]").nth(200)
    start = float(word.get_attribute("data-s") or "nan")
    word.click()
    now = opened.page.evaluate("document.getElementById('player').currentTime")
    assert now == pytest.approx(start, abs=0.01)
    assert "now" in (word.get_attribute("class") or "").split()
    assert opened.page.locator("#transcript .w.now").count() == 1
    assert opened.errors == []


def test_transcript_markup_runs_no_script(browser: Any, tmp_path: Path) -> None:
    shutil.copyfile(AUDIO, tmp_path / "episode.mp3")
    (tmp_path / "index.html").write_text(preview_page.render(evil_preview()), encoding="utf-8")
    opened = Opened(browser, tmp_path / "index.html")
    counts = opened.cue_counts()
    assert counts == {"captions": 1, "chapters": 1}
    opened.page.locator("#transcript .w").nth(1).click()
    opened.page.wait_for_timeout(300)
    assert opened.dialogs == []
    assert opened.page.evaluate("document.querySelectorAll('script').length") == 2
    assert opened.page.evaluate("document.querySelectorAll('img[src=x]').length") == 0
    shown = opened.page.locator("#transcript").inner_text()
    assert EVIL in shown and "<img src=x onerror=alert(2)>" in shown
    assert EVIL in opened.page.locator("h1").inner_text()
    assert opened.errors == []
