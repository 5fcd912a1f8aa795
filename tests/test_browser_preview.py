"""index.html in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright with ``executable_path``; never a downloaded browser), opened from disk.

Skipped where /usr/bin/chromium or the playwright package is absent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sample_facts
from test_pipeline_shared import AUDIO, pipeline_out  # noqa: F401
from test_preview_page import EVIL, evil_preview

from audiokit.captions.readers import read as read_captions
from audiokit.model import Episode, Metadata, Sentence, Speaker, Turn, Word
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


HOURS = 3.0
WORD_STEP = 0.35  # a word every 0.35 s: some 30,000 words over three hours, as a long show has


def long_preview() -> preview_page.Preview:
    """A three-hour, two-speaker episode of about 30,000 timed words (a turn every 20 s), with a
    chapter every quarter hour and a caption per turn, times written as the real writers do."""
    from audiokit.captions.timefmt import vtt_time

    duration = HOURS * 3600
    turns, cues = [], ["WEBVTT", ""]
    for k, t0 in enumerate(range(0, int(duration) - 20, 20)):
        words = tuple(Word(f"w{k}x{j}", t0 + j * WORD_STEP, t0 + j * WORD_STEP + 0.3) for j in range(int(19 / WORD_STEP)))
        speaker = ("Ann", "Bob")[k % 2]
        turns.append(Turn(speaker, (Sentence(words),)))
        cues += [f"{vtt_time(t0)} --> {vtt_time(t0 + 19)}", f"<v {speaker}>turn {k}", ""]
    marks = [preview_page.ChapterMark(q * 900.0, (q + 1) * 900.0, f"Quarter {q}") for q in range(int(duration // 900))]
    chapters_vtt = "WEBVTT\n\n" + "".join(f"{vtt_time(c.start)} --> {vtt_time(c.end)}\n{c.title}\n\n" for c in marks)
    episode = Episode(tuple(turns), (Speaker("Ann"), Speaker("Bob")), Metadata(title="Long show"))
    return preview_page.Preview(episode=episode, audio="long.flac", captions_vtt="\n".join(cues),
                              chapters_vtt=chapters_vtt, chapters=marks)


@pytest.fixture(scope="module")
def long_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long-page")
    # Three hours of silence: FLAC stores it in 2 MB, written in a second or two.
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono",
                    "-t", str(HOURS * 3600), "-c:a", "flac", str(folder / "long.flac")], check=True)
    (folder / "index.html").write_text(preview_page.render(long_preview()), encoding="utf-8")
    return folder / "index.html"


def test_three_hour_page_seeks_highlights_and_shows_the_word_far_down(browser: Any, long_page: Path) -> None:
    opened = Opened(browser, long_page)
    counts = opened.cue_counts()
    preview = long_preview()
    assert counts == {"captions": len(preview.episode.turns), "chapters": 12}
    assert opened.page.locator("#transcript .w[data-s]").count() == preview.episode.timed_word_count > 25_000
    # A link to 2:30:00 opens there: that word is highlighted and scrolled into the view,
    # although the transcript's far turns are laid out only when near the view.
    opened.page.goto(long_page.as_uri() + "#t=2:30:00")
    opened.page.wait_for_function("window.audiokitPreview && window.audiokitPreview.current() !== null")
    opened.page.wait_for_timeout(200)  # let the turns around it be laid out
    word = opened.page.evaluate("""() => { const w = window.audiokitPreview.current(), r = w.getBoundingClientRect();
                                           return {s: parseFloat(w.dataset.s), top: r.top, bottom: r.bottom, h: innerHeight}; }""")
    assert word["s"] == pytest.approx(9000.0, abs=WORD_STEP)
    assert 0 <= word["top"] and word["bottom"] <= word["h"]
    # The last chapter, past two hours, is listed in h:mm:ss, and a click there seeks and marks it.
    last = opened.page.locator("#chapter-list li").last
    assert last.locator("time").inner_text() == "2:45:00"
    last.locator("button").click()
    assert opened.page.evaluate("document.getElementById('player').currentTime") == pytest.approx(9900.0, abs=0.01)
    assert "current" in (last.get_attribute("class") or "").split()
    # A word near the end: clicked, it is the one highlighted word.
    far = opened.page.locator("#transcript .w[data-s]").nth(preview.episode.timed_word_count - 30)
    far.click()
    assert opened.page.evaluate("document.getElementById('player').currentTime") == pytest.approx(float(far.get_attribute("data-s") or "nan"), abs=0.01)
    assert opened.page.locator("#transcript .w.now").count() == 1 and "now" in (far.get_attribute("class") or "")
    assert opened.errors == []


def test_notes_are_neither_clicked_nor_lit_up_as_words(browser: Any, tmp_path: Path) -> None:
    # Intro music noted from 0 to 30 s, a laugh, a noted gap: in the page they are notes. Playing
    # inside the music lights up no word (it used to light "[MUSIC PLAYING]" as if said), a click
    # on a note does not seek, and the keyboard's word by word moves go from said word to said word.
    from test_preview_notes import noted_preview

    shutil.copyfile(AUDIO, tmp_path / "episode.mp3")
    (tmp_path / "index.html").write_text(preview_page.render(noted_preview()), encoding="utf-8")
    opened = Opened(browser, tmp_path / "index.html")
    page = opened.page
    notes = page.locator("#transcript .note")
    assert notes.all_inner_texts() == ["[MUSIC PLAYING]", "(laughter)", "[inaudible]", "[<b>music</b>]"]
    assert notes.first.evaluate("(n) => getComputedStyle(n).fontStyle") == "italic"
    assert page.locator("#transcript .w").count() == 12 and page.locator("#transcript b").count() == 0
    seek = "(t) => window.audiokitPreview.seek(t)"
    now = "() => { const w = window.audiokitPreview.current(); return w ? w.textContent : null; }"
    page.wait_for_function("document.getElementById('player').readyState >= 1")
    # (A said word stays lit for a second after it ends, over a short laugh as over any pause.)
    for t, lit in [(12.0, None), (29.9, None), (30.1, "Welcome"), (34.6, "Ann."), (36.0, "keep"), (36.6, "bees"),
                   (40.0, None)]:
        page.evaluate(seek, t)
        assert page.evaluate(now) == lit, t
        assert page.locator("#transcript .note.now, #transcript .now.note").count() == 0
    page.evaluate(seek, 5.0)
    notes.nth(1).click()
    assert page.evaluate("document.getElementById('player').currentTime") == pytest.approx(5.0, abs=0.01)
    page.locator("#transcript .w", has_text="Ann.").click()  # the word before the laugh
    assert page.evaluate("document.getElementById('player').currentTime") == pytest.approx(33.5, abs=0.01)
    page.locator("#transcript .w", has_text="Ann.").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "I"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "bees"
    assert opened.errors == [] and opened.dialogs == []
