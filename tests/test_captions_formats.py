"""Golden files for every caption format, escaping of markup, and the HLS split.

Regenerate the golden files after an intended change with
``AUDIOKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_captions_formats.py``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import webvtt
from hypothesis import example, given, settings
from hypothesis import strategies as st

from audiokit.captions import FORMATS, STYLES, build_cues, render, shows_labels
from audiokit.captions.readers import parse
from audiokit.captions.turns import cue_text
from audiokit.model import Episode, Metadata, Sentence, Speaker, Turn, Word

GOLDEN = Path(__file__).parent / "golden" / "captions"
SUFFIX = {"ebu-tt-d": "ebuttd.xml"}  # the file name `audiokit captions` gives each format


def _turn(speaker: str, start: float, sentences: list[str], untimed: set[str] = frozenset(), pace: float = 0.32) -> tuple[Turn, float]:
    t = start
    out = []
    for text in sentences:
        words = []
        for token in text.split():
            if token in untimed:
                words.append(Word(token))
                continue
            dur = pace + 0.02 * len(token)
            words.append(Word(token, round(t, 3), round(t + dur, 3), interpolated=token == "interpolated"))
            t += dur + 0.04
        out.append(Sentence(tuple(words)))
        t += 0.35
    return Turn(speaker, tuple(out)), t + 0.6


def sample_episode() -> Episode:
    """A small two-speaker episode with markup characters, an untimed word, an
    interpolated word and a word longer than a caption line."""
    a, t = _turn(
        "Ann & Lee <host>",
        0.5,
        [
            "Welcome to “Signal & Noise”, the show about 7.61% of everything.",
            "I’m Ann Lee, and today we read the Llama 2 paper with Michael Schiff.",
        ],
    )
    b, t = _turn(
        "Michael Schiff",
        t,
        [
            "Thanks! Quick note: a <b> tag and an arrow --> are just text here.",
            "The link is https://example.com/a/very/long/path/that/does/not/fit/on/one/line today.",
            "This word was SKIPPED by the aligner, and this one was interpolated by it.",
        ],
        untimed={"SKIPPED"},
    )
    c, _ = _turn("Ann & Lee <host>", t + 0.4, ["Great. Let’s jump in."])
    return Episode(
        (a, b, c),
        (Speaker("Ann & Lee <host>"), Speaker("Michael Schiff")),
        Metadata(title="Signal & Noise <ep. 1>"),
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str) -> None:
    ep = sample_episode()
    cues = build_cues(ep, STYLES["netflix"], inline_speakers=shows_labels(fmt, STYLES["netflix"], ep))
    text = render(cues, fmt, ep, STYLES["netflix"])
    path = GOLDEN / f"sample.{SUFFIX.get(fmt, fmt)}"
    if os.environ.get("AUDIOKIT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("style", ["bbc", "podcast"])
def test_golden_styles(style: str) -> None:
    ep = sample_episode()
    fmt = "srt" if style == "podcast" else "vtt"
    text = render(build_cues(ep, STYLES[style], inline_speakers=fmt == "srt"), fmt, ep)
    path = GOLDEN / f"sample.{style}.{fmt}"
    if os.environ.get("AUDIOKIT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def _timed_texts(ep: Episode) -> list[str]:
    return [w.text for w in ep.words() if w.timed]


def test_vtt_round_trips_through_webvtt_py_with_voices_and_markup() -> None:
    ep = sample_episode()
    cues = build_cues(ep)
    text = render(cues, "vtt", ep)
    doc = webvtt.WebVTT.from_string(text)
    assert len(doc.captions) == len(cues)
    assert doc.captions[0].voice == "Ann &amp; Lee &lt;host&gt;"  # raw annotation, escaped
    shown = parse(text, "vtt")
    assert [c.display_lines for c in shown] == [c.lines for c in cues]
    assert [c.speakers for c in shown] == [c.speakers for c in cues]
    assert [(c.start, c.end) for c in shown] == [(c.start, c.end) for c in cues]
    joined = " ".join(" ".join(c.display_lines) for c in shown)
    assert "a <b> tag and an arrow --> are" in joined
    assert "-->" not in "".join(line for c in doc.captions for line in c.lines)


def test_srt_labels_speaker_changes_and_escapes() -> None:
    ep = sample_episode()
    cues = build_cues(ep, STYLES["podcast"], inline_speakers=True)
    text = render(cues, "srt", ep)
    shown = parse(text, "srt")
    assert len(shown) == len(cues)
    firsts = [c.display_lines[0] for c in shown]
    assert firsts[0].startswith("Ann & Lee <host>:") or shown[0].display_lines[0] == "Ann & Lee <host>:"
    labelled = [c for c in cues if c.label]
    assert [c.speaker for c in labelled] == ["Ann & Lee <host>", "Michael Schiff", "Ann & Lee <host>"]
    assert "a &lt;b> tag" in text and "arrow --&gt;" in text
    assert text.count("-->") == len(cues)  # only the timing lines have an arrow
    assert re.search(r"^\d+:\d\d:\d\d,\d{3} --> \d+:\d\d:\d\d,\d{3}$", text, re.MULTILINE)
    # Every line within the podcast style, label included.
    assert all(len(line) <= 32 for c in shown for line in c.display_lines)


def test_words_once_in_order_in_every_format() -> None:
    ep = sample_episode()
    expected = _timed_texts(ep)
    assert "SKIPPED" not in expected and "interpolated" in expected
    cues = build_cues(ep)
    assert [w.text for c in cues for w in c.words] == expected
    assert " ".join(cue_text(c) for c in cues) == " ".join(expected)
    # A word too long for a line is broken across lines of one cue, without a space.
    url = next(c for c in cues if any(w.text.startswith("https://") for w in c.words))
    assert "".join(url.lines).startswith("https://example.com/a/very/long/path/that/does/not/fit/on/one/line")
    doc = json.loads(render(cues, "json", ep))
    assert doc["version"] == "1.0.0"
    assert " ".join(s["body"] for s in doc["segments"]) == " ".join(expected)
    assert {s["speaker"] for s in doc["segments"]} == {"Ann & Lee <host>", "Michael Schiff"}


def test_html_escapes_and_marks_turns() -> None:
    ep = sample_episode()
    page = render(build_cues(ep), "html", ep)
    assert page.count("<cite>") == 3 and page.count("<p>") == 3 and page.count("<time ") == 3
    assert "<cite>Ann &amp; Lee &lt;host&gt;:</cite>" in page
    assert "a &lt;b&gt; tag and an arrow --&gt; are" in page
    assert "<title>Signal &amp; Noise &lt;ep. 1&gt;</title>" in page
    from html.parser import HTMLParser

    tags: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            tags.append(tag)

    Collect().feed(page)
    assert set(tags) == {"html", "head", "meta", "title", "style", "body", "main", "h1", "cite", "time", "p"}
    assert '<meta name="viewport"' in page and page.index("<main>") < page.index("<cite>")


def test_text_transcript_has_a_time_per_turn() -> None:
    ep = sample_episode()
    txt = render(build_cues(ep), "txt", ep)
    heads = [line for line in txt.splitlines() if line.startswith("[")]
    assert heads == ["[0:00] Ann & Lee <host>", "[0:13] Michael Schiff", "[0:30] Ann & Lee <host>"]
    assert "a <b> tag and an arrow --> are just text here." in txt


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown caption format"):
        render([], "ass")


def test_hls_split(tmp_path: Path) -> None:
    from audiokit.captions.hls import write_hls

    ep = sample_episode()
    text = render(build_cues(ep), "vtt", ep)
    files = write_hls(text, tmp_path / "hls", 10)
    assert files[-1].name == "prog_index.m3u8"
    playlist = files[-1].read_text()
    segments = [f for f in files if f.suffix == ".webvtt"]
    assert playlist.startswith("#EXTM3U") and "#EXT-X-ENDLIST" in playlist
    assert [line for line in playlist.splitlines() if line.endswith(".webvtt")] == [f.name for f in segments]
    assert len(segments) >= 3
    for seg in segments:
        body = seg.read_text()
        assert body.startswith("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000")
    # Every cue is in the segment(s) it is shown in.
    cues = webvtt.WebVTT.from_string(text).captions
    seen = {c.start for seg in segments for c in webvtt.WebVTT.from_string(seg.read_text()).captions}
    assert seen == {c.start for c in cues}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_html_transcript_names_the_episode_language() -> None:
    turns = (Turn("Tereza", (Sentence((Word("Ahoj", 0.5, 0.9), Word("všichni.", 0.9, 1.5))),)),)
    ep = Episode(turns, (Speaker("Tereza"),), Metadata(title="Díl 7", language="cs"))
    assert '<html lang="cs">' in render(build_cues(ep), "html", ep)
    assert '<html lang="en">' in render(build_cues(ep), "html", Episode(turns, (Speaker("Tereza"),)))
    hebrew = Episode(turns, (Speaker("Tereza"),), Metadata(language="he"))
    assert '<html lang="he" dir="rtl">' in render(build_cues(hebrew), "html", hebrew)  # runs right to left
    # its heading: the episode's title, or untitled the one English word, marked as English
    assert "<h1>Díl 7</h1>" in render(build_cues(ep), "html", ep)
    assert '<h1 lang="en" dir="ltr">Transcript</h1>' in render(build_cues(hebrew), "html", hebrew)
    assert "<h1>Transcript</h1>" in render(build_cues(ep), "html", Episode(turns, (Speaker("Tereza"),)))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=40), st.integers(min_value=1, max_value=30), st.floats(0.0, 1.0))
@example(2, 1, 0.001)  # 1.001 - 1 is 0.000999...: the last segment kept its full second
def test_hls_playlist_ends_with_the_episode(segments: int, seconds: int, share: float) -> None:
    from audiokit.captions.hls import last_segment

    playlist = "#EXTM3U\n" + "".join(f"#EXTINF:{seconds:.5f},\nfileSequence{k}.webvtt\n" for k in range(segments))
    total = (segments - 1 + share) * seconds
    got = [float(x[8:].rstrip(",")) for x in last_segment(playlist, seconds, total).splitlines()
           if x.startswith("#EXTINF:")]
    assert got[:-1] == [float(seconds)] * (segments - 1) and 0 < got[-1] <= seconds
    if share * seconds >= 0.001:
        assert sum(got) == pytest.approx(total, abs=1e-4)


def test_times_past_one_and_ten_hours_in_every_format() -> None:
    # A 3-hour live show's captions: hours written in full (HH:MM:SS.mmm, SRT HH:MM:SS,mmm),
    # minutes wrapping at 60, and read back to the millisecond.
    from audiokit.captions.cue import Cue

    times = [(59.5, 61.25), (3599.9995, 3725.5), (11533.26, 11536.7), (36061.001, 36065.0)]
    cues = [Cue(a, b, "Ann" if k % 2 == 0 else "Bob", (f"line {k}",), label="")
            for k, (a, b) in enumerate(times)]
    vtt, srt = render(cues, "vtt"), render(cues, "srt")
    stamps = ["00:00:59.500 --> 00:01:01.250", "01:00:00.000 --> 01:02:05.500",
              "03:12:13.260 --> 03:12:16.700", "10:01:01.001 --> 10:01:05.000"]
    assert re.findall(r"^\S+ --> \S+", vtt, re.MULTILINE) == stamps
    assert re.findall(r"^\S+ --> \S+", srt, re.MULTILINE) == [s.replace(".", ",") for s in stamps]
    for text, fmt in ((vtt, "vtt"), (srt, "srt")):
        assert [(c.start, c.end) for c in parse(text, fmt)] == [(59.5, 61.25), (3600.0, 3725.5), *times[2:]]
    assert [(c.start_in_seconds, c.end_in_seconds) for c in webvtt.WebVTT.from_string(vtt).captions][-1] == (36061, 36065)
    assert re.findall(r"\[(\S+)\]", render(cues, "txt")) == ["0:59", "1:00:00", "3:12:13", "10:01:01"]
    html = render(cues, "html")
    assert re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', html) == [
        ("PT59.5S", "0:59"), ("PT1H0S", "1:00:00"), ("PT3H12M13.26S", "3:12:13"), ("PT10H1M1.001S", "10:01:01")]
    starts = [s["startTime"] for s in json.loads(render(cues, "json"))["segments"]]
    assert starts == [59.5, 3600.0, 11533.26, 36061.001]  # to the millisecond VTT and SRT write


@pytest.mark.parametrize("duration", [20.0, 20.0004, None])
def test_hls_playlist_has_no_segment_past_the_episode(tmp_path: Path, duration: float | None) -> None:
    # The last cue ends on a segment boundary, where the episode ends: the segmenter opens one
    # more segment for it (a cue is put in every segment from its start's to its end's), that
    # shows nothing, and the playlist ran 10 s past the end of a 20 s episode.
    from audiokit.captions.hls import write_hls

    text = "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nHello\n\n00:00:12.000 --> 00:00:20.000\nBye\n"
    files = write_hls(text, tmp_path / "hls", 10, duration=duration)
    assert [f.name for f in files] == ["fileSequence0.webvtt", "fileSequence1.webvtt", "prog_index.m3u8"]
    lengths = [float(x[8:].rstrip(",")) for x in files[-1].read_text().splitlines() if x.startswith("#EXTINF:")]
    assert lengths == [10.0, 10.0]
    assert "Bye" in files[1].read_text()
