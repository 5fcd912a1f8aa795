"""The preview page and the timeline picture: escaping, self-containment, content."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import time
import warnings
from pathlib import Path
from urllib.parse import unquote

import numpy as np
from test_pipeline_shared import pipeline_out  # noqa: F401

from audiokit import episode_json
from audiokit.model import Episode, Metadata, Sentence, Speaker, Turn, Word
from audiokit.pipeline import Result
from audiokit.preview import page, timeline

EVIL = "<script>alert(1)</script>"


def evil_episode() -> Episode:
    """A small aligned episode with markup everywhere a transcript can put text."""
    words = [Word(t, 0.5 + 0.4 * k, 0.8 + 0.4 * k) for k, t in enumerate(f"Hi {EVIL} &amp; \"quoted\" 'x'".split())]
    untimed = Word("<img src=x onerror=alert(2)>")
    return Episode(
        (
            Turn(f"Ann {EVIL}", (Sentence(tuple(words)),)),
            Turn("Bob", (Sentence((Word("Bye", 5.0, 5.3), untimed)),)),
        ),
        (Speaker(f"Ann {EVIL}", role=EVIL), Speaker("Bob")),
        Metadata(title=f"Title {EVIL}", description=EVIL),
    )


def evil_preview() -> page.Preview:
    vtt = f"WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n<v Ann>Hi &lt;/script&gt;{EVIL}\n"
    return page.Preview(
        episode=evil_episode(),
        audio="episode.mp3",
        captions_vtt=vtt,
        chapters_vtt="WEBVTT\n\n00:00:00.000 --> 00:00:06.000\n</script><b>Chapter</b>\n",
        chapters=[page.ChapterMark(0.0, 6.0, f"Chapter {EVIL}")],
        clips=[page.ClipCard("clips/ann-1.mp3", f"Ann {EVIL}", 1, 0.0, 4.0, EVIL, EVIL, 0.5, {"opening": 1.0},
                             reasons=[f"opinion {EVIL}"], caption=f"hook {EVIL}")],
        report={"words": 8, "placed": 7, "warnings": [EVIL],
                "absent": [{"speaker": "Bob", "after": 5.3, "text": EVIL}]},
        warnings=[EVIL],
    )


def test_transcript_text_is_escaped_everywhere() -> None:
    text = page.render(evil_preview())
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    # Exactly the page's own two script elements, and only the data block holds the tracks.
    assert text.count("<script") == 2 and text.count("</script>") == 2
    data = re.search(r'<script type="application/json" id="tracks">(.*?)</script>', text, re.DOTALL)
    assert data is not None
    tracks = json.loads(data.group(1))
    assert EVIL in tracks["captions"] and "</script><b>" in tracks["chapters"]


def test_the_only_script_is_allowed_by_its_hash_and_nothing_reaches_the_network() -> None:
    text = page.render(evil_preview())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text)
    assert csp is not None
    policy = csp.group(1).replace("&#x27;", "'")
    script = re.search(r"<script>(.*?)</script>", text, re.DOTALL)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", text)
    assert 'style="' not in text  # inline style attributes would break the style policy


def test_page_without_optional_parts() -> None:
    ep = Episode((Turn("Ann", (Sentence((Word("Hi.", 0.1, 0.4),)),)),))
    text = page.render(page.Preview(episode=ep, audio="a%20b.wav"))
    assert '<track' not in text and 'id="chapter-list"' not in text and 'class="clips"' not in text
    assert 'src="a%20b.wav"' in text and 'data-s="0.1"' in text


def test_measures_are_in_the_report_escaped() -> None:
    ep = Episode((Turn("Ann", (Sentence((Word("Hi.", 0.0, 0.5),)),)),))
    text = page.render(page.Preview(episode=ep, audio="a.wav", measures=["loudness: -21.3 LUFS <b>", "speakers within 1.7 LU"]))
    assert '<li class="measure">Loudness: -21.3 LUFS &lt;b&gt;.</li>' in text
    assert '<li class="measure">Speakers within 1.7 LU.</li>' in text
    assert "Report" in text


def test_times_in_report_lines_play_the_episode_from_there() -> None:
    # "at 3:09-3:15" in a loudness warning, or an alignment warning's stretch, is heard in one
    # click (the page's click handler seeks to any [data-seek]); the rest stays escaped text.
    ep = Episode((Turn("Ann", (Sentence((Word("Hi.", 0.0, 0.5),)),)),))
    text = page.render(page.Preview(
        episode=ep, audio="a.wav", report={"words": 1, "placed": 1, "warnings": ["speech not in the transcript at 1:02:03"]},
        warnings=["loudness: Ann is 6.2 LU quieter than usual at 3:09-3:15 <b>: ride the level there"]))
    assert ('Ann is 6.2 LU quieter than usual at <button class="seek" data-seek="189">3:09</button>-'
            '<button class="seek" data-seek="195">3:15</button> &lt;b&gt;: ride the level there') in text
    assert 'at <button class="seek" data-seek="3723">1:02:03</button>' in text


def test_page_of_the_sample_episode(pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, _ = pipeline_out
    text = (out / "index.html").read_text()
    ep = episode_json.load(out / "episode.json")
    for speaker in ep.speakers:
        assert f"{speaker.name}" in text
    assert text.count('class="w"') + text.count('class="w s"') == ep.timed_word_count
    chapters = json.loads((out / "chapters.json").read_text())["chapters"]
    for c in chapters:
        assert page._e(c["title"]) in text
    for src in re.findall(r'<audio[^>]* src="([^"]+)"', text):
        assert (out / unquote(src)).is_file(), src  # the player and every clip play from OUT
    assert "data:image/png;base64," in text


def test_envelope_is_scaled_and_bounded() -> None:
    samples = np.concatenate([np.zeros(1000, np.int16), np.full(1000, 2000, np.int16)])
    levels = timeline.envelope(samples, bins=4)
    assert levels == [0.0, 0.0, 1.0, 1.0]
    assert timeline.envelope(np.zeros(0, np.int16)) == []
    assert len(timeline.envelope(np.ones(10, np.int16), bins=50)) == 10


def test_timeline_of_a_three_hour_episode_renders_quickly() -> None:
    duration = 3 * 3600.0
    rng = np.random.default_rng(1)
    speakers = ["Marisol Vega", "Chidi Okonkwo", "Priya Ramaswamy", "A Guest With A Long Name Indeed"]
    spans: dict[str, list[tuple[float, float]]] = {s: [] for s in speakers}
    t = 0.0
    while t < duration - 30:
        length = float(rng.uniform(3, 40))
        spans[speakers[int(rng.integers(len(speakers)))]].append((t, t + length))
        t += length + 0.3
    lanes = [timeline.Lane(s, tuple(spans[s])) for s in speakers]
    chapters = [(k * 270.0, f"Chapter number {k} about a rather long topic title") for k in range(40)]
    clips = [timeline.ClipSpan(k * 900.0 + 30, k * 900.0 + 75, speakers[k % 4], f"Clip #{k}") for k in range(12)]
    began = time.perf_counter()
    png = timeline.render(duration, list(rng.uniform(0, 1, timeline.BINS)), lanes, chapters, clips, "Long show")
    assert time.perf_counter() - began < 20
    assert png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    assert width == int(timeline.WIDTH_IN * timeline.DPI)


def test_clip_cards_show_their_social_caption_and_reasons() -> None:
    text = page.render(evil_preview())
    card = re.search(r'<article class="clip">(.*?)</article>', text, re.DOTALL)
    assert card is not None
    assert "hook &lt;script&gt;" in card.group(1) and "<li>opinion &lt;script&gt;" in card.group(1)


def test_timeline_draws_names_of_any_script_without_warnings_on_stderr() -> None:
    # A Hindi host's name (and Czech chapter titles) must not make matplotlib print a
    # "Glyph ... missing from font" warning per letter; letters no font has are named once
    # by undrawable() instead, for the run's warnings.
    lanes = [timeline.Lane("अनु शर्मा", ((0.0, 20.0),)), timeline.Lane("Zoë Dvořáková", ((20.0, 40.0),))]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = timeline.render(40.0, [0.5] * 100, lanes, [(0.0, "Úvod a představení")], (), "हिंदी पॉडकास्ट")
    assert png.startswith(b"\x89PNG")
    assert timeline.undrawable(["Zoë Dvořáková", "Úvod", "Анна"]) == []
    assert timeline.undrawable(["\ue000 private use"]) == ["\ue000 private use"]


def _label_ink_width(png: bytes, other: bytes) -> int:
    """Width in pixels of the ink, left of the lanes, in the rows where two pictures differ."""
    from PIL import Image

    a = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=int)
    b = np.asarray(Image.open(io.BytesIO(other)).convert("L"), dtype=int)
    left = int(timeline.WIDTH_IN * timeline.DPI * 0.13) - 4
    rows = np.flatnonzero((a[:, :left] != b[:, :left]).any(axis=1))
    ink = np.flatnonzero((a[rows, :left] < 128).any(axis=0))
    return int(ink.max() - ink.min() + 1)


def test_timeline_joins_arabic_letters() -> None:
    # Unshaped, an Arabic name is drawn as separate letters in reverse order. Shaped (matplotlib
    # >= 3.11), the letters join, so the name is narrower than the same letters kept apart
    # by zero-width non-joiners.
    def drawn(name: str) -> bytes:
        return timeline.render(40.0, [0.5] * 100, [timeline.Lane(name, ((0.0, 20.0),))], language="ar")

    joined, apart = drawn("سلسبيل"), drawn("\u200c".join("سلسبيل"))
    assert _label_ink_width(joined, apart) < 0.85 * _label_ink_width(apart, joined)


def test_episode_language_is_marked_for_screen_readers_and_tracks() -> None:
    # A Czech episode's page said lang="en" everywhere and its caption track srclang="en", so
    # screen readers read the Czech transcript with English rules.
    from dataclasses import replace

    preview = evil_preview()
    ep = preview.episode
    czech = replace(preview, episode=replace(ep, metadata=replace(ep.metadata, language="cs")))
    text = page.render(czech)
    assert '<html lang="en">' in text  # the page's own words
    assert 'kind="captions" label="Captions" srclang="cs"' in text and 'srclang="en"' not in text
    assert '<div id="transcript" lang="cs">' in text and '<ol id="chapter-list" lang="cs">' in text
    assert 'srclang="en"' in page.render(preview)  # no language: English


def test_a_right_to_left_episode_runs_right_to_left_and_the_page_chrome_does_not() -> None:
    # An Arabic transcript was laid out left to right: each sentence's full stop stood at its left.
    from dataclasses import replace

    preview = evil_preview()
    ep = preview.episode
    text = page.render(replace(preview, episode=replace(ep, metadata=replace(ep.metadata, language="ar"))))
    assert '<html lang="en">' in text  # the page's own (English) words stay left to right
    assert '<div id="transcript" lang="ar" dir="rtl">' in text
    assert '<ol id="chapter-list" lang="ar" dir="rtl">' in text and '<div id="caption" lang="ar" dir="rtl">' in text
    assert 'dir="rtl"' not in page.render(preview)


def test_speaker_roles_and_clip_titles_carry_the_episode_language() -> None:
    # The roles ("moderátorka, Kuchyně bez stresu") and a clip's title (its opening words) are the
    # episode's text, but were left under <html lang="en">.
    from dataclasses import replace

    preview = evil_preview()
    ep = preview.episode
    text = page.render(replace(preview, episode=replace(ep, metadata=replace(ep.metadata, language="cs"))))
    speakers = re.search(r"<p( lang=\"cs\")?>Ann ", text)
    assert speakers is not None and speakers.group(1)
    card = re.search(r'<article class="clip"><h3>(.*?)</h3>', text, re.DOTALL)
    assert card is not None and '#1: <span lang="cs">' in card.group(1)


def test_players_chapters_and_missing_words_are_named_for_screen_readers() -> None:
    # The players had no name, the chapter list was not a landmark, a chapter button's name ran
    # its time into its title ("0:00Chapter"), and words not found in the audio were told only
    # by colour and a title attribute screen readers do not read on a span.
    text = page.render(evil_preview())
    assert '<audio id="player" controls preload="metadata" src="episode.mp3" aria-label="Episode audio">' in text
    assert 'aria-label="Clip 1 of Ann &lt;script&gt;alert(1)&lt;/script&gt;"' in text
    assert re.search(r'<nav class="chapters" aria-labelledby="chapters-heading"><h2 id="chapters-heading">', text)
    assert "<time>0:00</time> Chapter" in text
    assert re.search(r"</button> Ann &lt;script&gt;", text)  # the turn's time and speaker apart too
    # Bob's one untimed word: told once, in English, after it
    assert text.count('class="sr-only"') == 1
    assert re.search(r'onerror=alert\(2\)&gt;</span><span class="sr-only" lang="en"> \(not found in the audio\)', text)


def test_a_run_of_missing_words_is_told_once() -> None:
    words = (Word("a", 0.1, 0.2), Word("b"), Word("c"), Word("d", 1.0, 1.1), Word("e"))
    text = page.render(page.Preview(episode=Episode((Turn("Ann", (Sentence(words),)),)), audio="a.wav"))
    assert text.count("(not found in the audio)") == 2
    assert re.search(r">c</span><span class=\"sr-only\"[^>]*> \(not found", text)
    assert re.search(r">e</span><span class=\"sr-only\"[^>]*> \(not found", text)


def test_the_caption_box_is_not_a_live_region() -> None:
    # Announcing every cue would talk over the speech a screen-reader user is already hearing.
    text = page.render(evil_preview())
    assert re.search(r'<div id="caption"[^>]*>', text) and "aria-live" not in text


def test_every_clip_of_a_three_hour_timeline_is_labelled() -> None:
    # 45 s in three hours is a 6-pixel bar: its label used to be dropped, leaving unnamed slivers.
    duration = 3 * 3600.0
    speakers = ["Marisol Vega", "Chidi Okonkwo"]
    clips = [timeline.ClipSpan(k * 900.0 + 30, k * 900.0 + 75, speakers[k % 2], f"{speakers[k % 2].split()[0]} #{k // 2 + 1}")
             for k in range(12)]
    chars = timeline.WIDTH_IN * timeline.DPI * (0.985 - 0.13) / (6.6 * 0.85)  # as _draw measures the strip
    labels = timeline.clip_labels(clips, duration, chars)
    assert [text for _, text, _ in labels] == [c.label for c in clips]
    assert all(not inside and x > c.end for (x, _, inside), c in zip(labels, clips))
    # Bars wide enough keep their label inside; crowded ones fall back to "#n", and never overlap the next bar.
    short = timeline.clip_labels([timeline.ClipSpan(60, 120, "Ann", "Ann #1")], 600.0, chars)
    assert short == [(90.0, "Ann #1", True)]
    close = timeline.clip_labels([timeline.ClipSpan(0, 40, "Ann", "Ann #1"), timeline.ClipSpan(200, 240, "Bob", "Bob #1")],
                                 duration, chars)
    assert [(text, inside) for _, text, inside in close] == [("#1", False), ("Bob #1", False)]


def test_sentences_are_marked_for_the_keys_and_turn_times_leave_the_tab_order() -> None:
    # The transcript is one Tab stop (its words rove, by the script): the turns' times, one stop
    # each before, are out of the order, and the first timed word of each sentence is marked
    # (class "s") for Up and Down, without a wrapping span per sentence.
    words = (Word("a", 0.1, 0.2), Word("b.", 0.3, 0.4))
    untimed_first = (Word("c"), Word("d.", 1.0, 1.1))
    ep = Episode((Turn("Ann", (Sentence(words), Sentence(untimed_first))), Turn("Bob", (Sentence((Word("e", 2.0, 2.1),)),))))
    text = page.render(page.Preview(episode=ep, audio="a.wav"))
    assert re.findall(r'<span class="(w[^"]*)"[^>]*>([^<]*)<', text) == [
        ("w s", "a"), ("w", "b."), ("w missing", "c"), ("w s", "d."), ("w s", "e")]
    assert text.count('<button class="seek" data-seek') == text.count('tabindex="-1"><time>') == 2
    assert 'id="transcript-keys"' in text and "Page Up/Down" in text
