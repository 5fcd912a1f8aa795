"""Golden files for every chapter format, ffmetadata escaping, YouTube rules, edited files."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.chapters import FORMATS, Chapter, ffmetadata, render, youtube
from audiokit.chapters.edit import from_json
from audiokit.chapters.model import TimedSentence
from audiokit.errors import FormatError
from audiokit.model import Episode, Metadata

GOLDEN = Path(__file__).parent / "golden" / "chapters"
SUFFIX = {"podcast-json": "json", "vtt": "vtt", "youtube": "youtube.txt", "ffmetadata": "ffmeta", "psc": "psc.xml"}
CHAPTERS = (
    Chapter(0.0, 51.287, "Introductions", 0),
    Chapter(51.287, 342.387, "Safety Benchmarks and Red Teaming", 14),
    Chapter(342.387, 3725.5, 'Q&A: "Open" <Licences>; #1 = best\\', 80),
    Chapter(3725.5, 3790.0, "Wrap-Up", 201),
)
EPISODE = Episode((), metadata=Metadata(title="Llama 2 = open?"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt):
    text = render(CHAPTERS, fmt, EPISODE)
    path = GOLDEN / f"chapters.{SUFFIX[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_podcast_json_shape():
    doc = json.loads(render(CHAPTERS, "podcast-json"))
    assert doc["version"] == "1.2.0"
    starts = [c["startTime"] for c in doc["chapters"]]
    assert starts == sorted(starts) and starts[0] == 0
    assert all(set(c) == {"startTime", "title"} for c in doc["chapters"])


def test_vtt_cues_cover_episode_without_overlap():
    import webvtt

    cues = list(webvtt.from_buffer(__import__("io").StringIO(render(CHAPTERS, "vtt"))))
    assert next(c.start for c in cues) == "00:00:00.000"
    assert all(a.end == b.start for a, b in itertools.pairwise(cues))
    assert cues[-1].end == "01:03:10.000"


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown chapter format"):
        render(CHAPTERS, "mp3")


def test_youtube_rules_named():
    assert youtube.problems(CHAPTERS) == []
    short = (Chapter(0, 8, "A", 0), Chapter(8, 100, "B", 3), Chapter(100, 200, "C", 9))
    assert "at least 10 s" in youtube.problems(short)[0]
    late = (Chapter(5, 80, "A", 0), Chapter(80, 100, "B", 3), Chapter(100, 200, "C", 9))
    assert "0:00" in youtube.problems(late)[0]
    with pytest.raises(FormatError, match="at least 3 chapters"):
        youtube.render(CHAPTERS[:2])


def test_ffmetadata_parse_golden():
    tags, chapters = ffmetadata.parse((GOLDEN / "chapters.ffmeta").read_text(encoding="utf-8"))
    assert tags == {"title": "Llama 2 = open?"}
    assert chapters[2] == (342387, 3725500, CHAPTERS[2].title)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\0"),
                        min_size=1, max_size=30), min_size=1, max_size=5),
       st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\0"), max_size=20))
def test_ffmetadata_escaping_round_trip(titles, episode_title):
    chapters = [Chapter(float(k * 10), float(k * 10 + 10), t, k) for k, t in enumerate(titles)]
    tags, parsed = ffmetadata.parse(ffmetadata.render(chapters, episode_title or None))
    assert [p[2] for p in parsed] == titles
    assert [p[0] for p in parsed] == [k * 10000 for k in range(len(titles))]
    assert tags.get("title", "") == episode_title


SENTENCES = [TimedSentence(i, t, t + 3, "x", i, "A", True, 0.5) for i, t in
             enumerate([0.4, 10.0, 20.0, 30.0, 41.0, 52.0])]


def edited(*chapters):
    return json.dumps({"version": "1.2.0", "chapters": [{"startTime": s, "title": t} for s, t in chapters]})


def test_edit_renames_moves_deletes():
    out = from_json(edited((0, "Hello"), (19.0, "Renamed"), (44.0, "Moved")), SENTENCES, 60.0)
    assert [(c.start, c.title, c.first_sentence_index) for c in out] == [
        (0.0, "Hello", 0), (19.75, "Renamed", 2), (40.75, "Moved", 4)]  # 0.25 s lead-in before the sentence
    assert out[-1].end == 60.0


def test_edit_first_chapter_opens_at_zero():
    out = from_json(edited((9.0, "A"), (30.0, "B")), SENTENCES, 60.0)
    assert out[0].start == 0.0


@pytest.mark.parametrize(("doc", "message"), [
    (edited((0, "A"), (30, "B"), (20, "C")), "overlap"),
    (edited((0, "A"), (30, "B"), (30, "C")), "overlap"),
    (edited((0, "A"), (99, "B")), "after the episode ends"),
    (edited((-1, "A")), "negative"),
    (json.dumps({"chapters": [{"startTime": 0, "endTime": 25, "title": "A"}, {"startTime": 20, "title": "B"}]}),
     "overlap"),
    (edited((0, "A"), (21, "B"), (22, "C")), "same sentence"),
    (edited((0, "")), "missing title"),
    (json.dumps({"chapters": [{"startTime": 0}]}), "missing title"),
    (json.dumps({"chapters": [{"startTime": 0, "title": 5}]}), "chapter 1 title: expected text, got 5"),
    ('{"chapters": []}', "not a chapters file"),
    ("{nope", "not valid JSON"),
])
def test_edit_rejects(doc, message):
    with pytest.raises(FormatError, match=message):
        from_json(doc, SENTENCES, 60.0)
