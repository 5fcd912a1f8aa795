"""The preview's transcript from the keyboard, in headless Chromium (Debian's, through
Playwright): one Tab stop whose focus roves over the timed words (arrows by word and sentence,
Page Up/Down by turn, Home/End), Enter or Space taking the player to the word as a click does,
the roving word named with its time, and the follow-playback scroll leaving a keyboard user's
word and view alone. Every check reads the real DOM: the focused element, tabindex counts, the
player's currentTime.

Skipped where /usr/bin/chromium or the playwright package is absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_browser_a11y import _open
from test_browser_preview import CHROMIUM, WORD_STEP, browser, long_page, long_preview  # noqa: F401
from test_pipeline_shared import pipeline_out  # noqa: F401

from audiokit import episode_json
from audiokit.pipeline import Result
from audiokit.preview.page import clock

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium")

# The focused element as an index into the transcript's timed words (-1: another element, null: none).
AT = """() => { const e = document.activeElement;
  if (!e || e === document.body) return null;
  return Array.from(document.querySelectorAll('#transcript .w[data-s]')).indexOf(e); }"""
# Elements of the transcript that Tab stops at.
TAB_STOPS = "() => Array.from(document.querySelectorAll('#transcript *')).filter((e) => e.tabIndex >= 0).length"
TIME = "document.getElementById('player').currentTime"


def _starts(out: Path) -> tuple[list[str], list[int], list[int]]:
    """The timed words of the sample as the page lists them, and the indices (into them) where a
    sentence and a turn begin."""
    ep = episode_json.load(out / "episode.json")
    texts: list[str] = []
    sentences: list[int] = []
    turns: list[int] = []
    for turn in ep.turns:
        opened = False
        for sentence in turn.sentences:
            timed = [w for w in sentence.words if w.start is not None and w.end is not None]
            if timed:
                sentences.append(len(texts))
                if not opened:
                    turns.append(len(texts))
                    opened = True
            texts += [w.text for w in timed]
    return texts, sentences, turns


def _back(starts: list[int], k: int) -> int:
    """Where Up (sentences) or Page Up (turns) goes from word k: the last start before it."""
    return max(s for s in starts if s < k)


def _tab_in(page: Any) -> None:
    """Tab from the follow box (the stop just before the transcript) into the transcript."""
    page.locator("#follow").focus()
    page.keyboard.press("Tab")


def test_the_transcript_is_one_tab_stop_and_tab_comes_back_to_the_same_word(
        browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    page = _open(browser, (out / "index.html").as_uri())
    # Before: every turn's time was a stop of its own (27 on the sample) and no word was one.
    assert page.evaluate(TAB_STOPS) == 1
    assert page.locator("#transcript [tabindex='0']").count() == 1
    assert page.locator("#transcript .turn h3 button[tabindex='-1']").count() == page.locator("#transcript .turn h3 button").count() > 5
    _tab_in(page)
    assert page.evaluate(AT) == 0  # the first word while nothing has played
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(AT) == 2
    assert page.evaluate(TAB_STOPS) == 1  # the stop moved with focus, none added
    page.keyboard.press("Tab")
    assert page.evaluate(AT) == -1  # out of the transcript in one press (to the clips)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(AT) == 2  # back in, on the word left


def test_arrows_page_keys_home_and_end_move_by_word_sentence_and_turn(
        browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    texts, sentences, turns = _starts(out)
    page = _open(browser, (out / "index.html").as_uri())
    assert page.locator("#transcript .w[data-s]").all_inner_texts() == texts
    _tab_in(page)

    def walk(key: str, presses: int) -> list[int]:
        seen = []
        for _ in range(presses):
            page.keyboard.press(key)
            seen.append(page.evaluate(AT))
        return seen

    assert walk("ArrowRight", 3) == [1, 2, 3] and walk("ArrowLeft", 4) == [2, 1, 0, 0]  # stops at the ends
    assert walk("ArrowDown", 6) == sentences[1:7]
    assert walk("PageDown", 4) == [t for t in turns if t > sentences[6]][:4]
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    here = page.evaluate(AT)
    assert here not in sentences  # in the middle of a sentence: Up goes to its start, then to the one before
    assert walk("ArrowUp", 2) == [_back(sentences, here), _back(sentences, _back(sentences, here))]
    here = page.evaluate(AT)
    assert walk("PageUp", 2) == [_back(turns, here), _back(turns, _back(turns, here))]
    assert walk("End", 1) == [len(texts) - 1] and walk("ArrowDown", 1) == [len(texts) - 1]
    assert walk("Home", 1) == [0]
    assert page.evaluate(TAB_STOPS) == 1


def test_enter_and_space_take_the_player_to_the_focused_word_as_a_click_does_and_k_plays(
        browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    page = _open(browser, (out / "index.html").as_uri())
    _tab_in(page)
    for _ in range(3):
        page.keyboard.press("PageDown")
    page.keyboard.press("ArrowRight")
    word = page.locator("#transcript .w[data-s]").nth(page.evaluate(AT))
    page.keyboard.press("Enter")
    assert page.evaluate(TIME) == pytest.approx(float(word.get_attribute("data-s") or "nan"), abs=0.01)
    assert "now" in (word.get_attribute("class") or "").split()
    assert page.evaluate("document.getElementById('player').paused")  # a click does not start it either
    assert page.evaluate(AT) >= 0 and word.evaluate("(e) => e === document.activeElement")  # focus stays
    page.keyboard.press("ArrowDown")
    other = page.locator("#transcript .w[data-s]").nth(page.evaluate(AT))
    scrolled = page.evaluate("scrollY")
    page.keyboard.press("Space")
    assert page.evaluate(TIME) == pytest.approx(float(other.get_attribute("data-s") or "nan"), abs=0.01)
    assert page.evaluate("scrollY") == scrolled  # Space took the player there, it did not scroll the page
    page.keyboard.press("k")  # plays from there, and again pauses, focus staying on the word
    page.wait_for_function("!document.getElementById('player').paused")
    page.keyboard.press("k")
    assert page.evaluate("document.getElementById('player').paused")
    assert other.evaluate("(e) => e === document.activeElement")


def test_the_focused_word_is_named_with_its_time_and_the_keys_are_told_once(
        browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    page = _open(browser, (out / "index.html").as_uri())
    help_line = page.locator("#transcript-keys")
    assert help_line.is_visible()
    assert all(k in help_line.inner_text() for k in ("←", "↑", "Page Up", "Home", "Enter"))
    _tab_in(page)
    for _ in range(5):
        page.keyboard.press("PageDown")
    focused = page.locator("#transcript .w[data-s]").nth(page.evaluate(AT))
    start = float(focused.get_attribute("data-s") or "nan")
    name = f"{focused.inner_text()}, {clock(start)}"
    assert page.get_by_role("button", name=name, exact=True).evaluate("(e) => e === document.activeElement")
    # Only the roving word carries a name: the other words stay plain text, and light.
    assert page.locator("#transcript [aria-label]").count() == 1
    assert page.locator("#transcript [role='button']").count() == 1
    # The keys are described on the way in, not on every word after it.
    assert focused.get_attribute("aria-describedby") is None
    page.keyboard.press("Tab")
    assert focused.get_attribute("aria-describedby") == "transcript-keys"
    page.keyboard.press("Shift+Tab")
    assert page.get_by_role("button", name=name, exact=True).evaluate(
        "(e) => e === document.activeElement && e.getAttribute('aria-describedby') === 'transcript-keys'")


def test_the_roving_word_follows_playback_only_while_focus_is_outside(
        browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    page = _open(browser, (out / "index.html").as_uri())
    page.evaluate("window.audiokitPreview.seek(40)")  # as the player does while playing
    now = page.locator("#transcript .w.now")
    assert now.get_attribute("tabindex") == "0" and page.evaluate(TAB_STOPS) == 1
    _tab_in(page)
    assert now.evaluate("(e) => e === document.activeElement")  # Tab lands where the audio is
    page.keyboard.press("End")
    last = page.evaluate(AT)
    scrolled = page.evaluate("scrollY")
    shown = """() => { const r = document.querySelector('#transcript .w.now').getBoundingClientRect();
                       return r.bottom > 0 && r.top < innerHeight; }"""
    # Playing on while the keyboard is in the transcript: the highlight moves, focus, the Tab
    # stop and the view stay.
    page.evaluate("(() => { const a = document.getElementById('player'); a.currentTime = 20; return a.play(); })()")
    page.wait_for_function("() => document.getElementById('player').currentTime > 21.5")
    assert page.evaluate(AT) == last and page.evaluate("scrollY") == scrolled
    assert page.locator("#transcript [tabindex='0']").evaluate("(e) => e === document.activeElement")
    playing = page.evaluate("document.querySelector('#transcript .w.now').dataset.s")
    assert float(playing) < 23 and not page.evaluate(shown)
    # Focus leaves: the page follows the playing word again, and the Tab stop with it.
    page.keyboard.press("Tab")
    page.wait_for_function("() => document.querySelector('#transcript .w.now[tabindex=\"0\"]') !== null")
    page.wait_for_function(shown)
    page.evaluate("document.getElementById('player').pause()")
    assert page.evaluate(TAB_STOPS) == 1


def test_a_click_on_the_playing_word_does_not_stop_the_page_following(
        browser: Any, pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    # The roving word is focusable, so a click focuses it; only keyboard focus keeps the view.
    out, _ = pipeline_out
    page = _open(browser, (out / "index.html").as_uri())
    page.evaluate("window.audiokitPreview.seek(20)")
    page.locator("#transcript .w.now").click()
    page.evaluate("document.getElementById('player').play()")
    page.wait_for_function("() => parseFloat(document.querySelector('#transcript .w.now').dataset.s) > 21")
    assert page.locator("#transcript .w.now").get_attribute("tabindex") == "0"
    page.evaluate("document.getElementById('player').pause()")


def test_three_hour_transcript_keys_stay_light_and_keep_focus_in_view(browser: Any, long_page: Path) -> None:  # noqa: F811
    page = _open(browser, long_page.as_uri())
    preview = long_preview()
    n = preview.episode.timed_word_count
    assert page.evaluate(TAB_STOPS) == 1
    assert page.locator("#transcript [aria-label], #transcript [tabindex]").count() == 1 + len(preview.episode.turns)
    _tab_in(page)
    in_view = """() => { const r = document.activeElement.getBoundingClientRect();
                         const h = document.querySelector('header.player').getBoundingClientRect().bottom;
                         return r.top >= h - 0.5 && r.bottom <= innerHeight; }"""
    page.keyboard.press("End")
    assert page.evaluate(AT) == n - 1 and page.evaluate(in_view)
    # Back up by turns and sentences: nothing focused hides under the sticky player.
    for key in ["PageUp"] * 6 + ["ArrowUp"] * 6:
        page.keyboard.press(key)
        assert page.evaluate(in_view), key
    turns = len(preview.episode.turns)
    per_turn = n // turns  # every turn of the synthetic show has as many words, one sentence each
    assert page.evaluate(AT) == (turns - 12) * per_turn  # the last turn's start, 5 more, then 6 sentences
    page.keyboard.press("Enter")
    assert page.evaluate(TIME) == pytest.approx((turns - 12) * 20.0, abs=WORD_STEP)
    page.keyboard.press("Home")
    assert page.evaluate(AT) == 0 and page.evaluate(in_view)


def test_in_a_right_to_left_transcript_left_is_the_next_word(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    # An Arabic transcript runs right to left, so the word after the focused one is on its left:
    # ← must go there, as it does in any right-to-left text field.
    from audiokit.model import Episode, Metadata, Sentence, Speaker, Turn, Word
    from audiokit.preview import page as preview_page

    texts = ["مرحبا", "بكم", "في", "حلقة", "جديدة."]
    words = tuple(Word(t, 0.5 * k, 0.5 * k + 0.4) for k, t in enumerate(texts))
    episode = Episode((Turn("سارة", (Sentence(words),)),), (Speaker("سارة"),), Metadata(language="ar"))
    (tmp_path / "index.html").write_text(preview_page.render(preview_page.Preview(episode, "none.flac")),
                                         encoding="utf-8")
    page = _open(browser, (tmp_path / "index.html").as_uri())
    _tab_in(page)
    assert page.evaluate(AT) == 0
    lefts = page.evaluate("() => Array.from(document.querySelectorAll('#transcript .w[data-s]'), "
                          "(w) => w.getBoundingClientRect().left)")
    assert lefts == sorted(lefts, reverse=True)  # laid out right to left
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(AT) == 2
    page.keyboard.press("ArrowRight")
    assert page.evaluate(AT) == 1
