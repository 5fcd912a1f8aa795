"""The generated WebVTT, read by a real client: Chromium's own parser, driven by Playwright.

The page carries the track itself (a blob made from inline text), since a page cannot load
files next to it. Skipped where /usr/bin/chromium is absent (``scripts/test`` installs it
when run as root).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audiokit.captions import STYLES, build_cues, render

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium")

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<video id="v" muted></video>
<script>
window.loadTrack = (text) => new Promise((resolve, reject) => {
  const url = URL.createObjectURL(new Blob([text], {type: "text/vtt"}));
  const video = document.getElementById("v");
  const track = document.createElement("track");
  track.kind = "captions";
  track.default = true;
  track.src = url;
  track.addEventListener("load", () => {
    const cues = Array.from(track.track.cues).map((c) => ({
      start: c.startTime, end: c.endTime, raw: c.text,
      shown: c.getCueAsHTML().textContent,
      voices: Array.from(c.getCueAsHTML().querySelectorAll("span[title]")).map((s) => s.title),
    }));
    resolve(cues);
  });
  track.addEventListener("error", () => reject(new Error("track failed to load")));
  video.appendChild(track);
  track.track.mode = "hidden";
});
</script></body></html>"""


def browser_cues(vtt_text: str) -> list[dict[str, object]]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content(PAGE)
            return page.evaluate(f"window.loadTrack({json.dumps(vtt_text)})")
        finally:
            browser.close()


def test_chromium_reads_our_webvtt() -> None:
    from test_captions_formats import sample_episode

    ep = sample_episode()
    cues = build_cues(ep, STYLES["netflix"])
    seen = browser_cues(render(cues, "vtt", ep))
    assert len(seen) == len(cues)
    for mine, theirs in zip(cues, seen):
        assert theirs["start"] == pytest.approx(mine.start, abs=1e-6)
        assert theirs["end"] == pytest.approx(mine.end, abs=1e-6)
        assert theirs["shown"] == "\n".join(mine.lines)
        assert theirs["voices"] == [mine.speaker]
    # The markup in the transcript is text to the browser, not tags.
    assert any("a <b> tag" in str(c["shown"]) for c in seen)
    assert any("-->" in str(c["shown"]) for c in seen)
