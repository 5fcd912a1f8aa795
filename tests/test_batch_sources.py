"""Reading catalogues (folder, manifest, feed), ids, and writing the feed back: pure or file-level
logic, no engine."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.batch.feed import NAMESPACE, annotate_feed, item_elements, podcast_prefix, read_feed, write_feed
from audiokit.batch.ids import MAX_LENGTH, IdRegistry, file_safe_id
from audiokit.batch.sources import read_source
from audiokit.errors import InputError

SAFE = re.compile(r"^[a-z0-9_][a-z0-9_.-]*$")


@given(st.text(max_size=200))
def test_ids_are_file_safe(text: str) -> None:
    out = file_safe_id(text)
    assert SAFE.match(out) and len(out) <= MAX_LENGTH and ".." not in out
    assert file_safe_id(out) == out  # stable: an id given back stays the same


@given(st.lists(st.text(max_size=30), max_size=30))
def test_derived_ids_are_unique(titles: list[str]) -> None:
    ids = IdRegistry()
    got = [ids.claim(t, f"item {n}", derived=True) for n, t in enumerate(titles)]
    assert all(problem is None for _, problem in got)
    assert len({i for i, _ in got}) == len(got)


def _touch(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).write_bytes(b"x")


def test_folder_pairs_audio_with_transcripts(tmp_path: Path) -> None:
    _touch(tmp_path, "ep1.mp3", "ep1.txt", "ep2.flac", "ep2.vtt", "ep2.txt", "ep3.opus", "notes.md", ".hidden.mp3")
    items = {i.id: i for i in read_source(tmp_path).items}
    assert set(items) == {"ep1", "ep2", "ep3"}
    assert items["ep1"].transcript == str((tmp_path / "ep1.txt").resolve()) and items["ep1"].problem is None
    assert items["ep2"].transcript.endswith("ep2.vtt")  # WebVTT preferred to plain text
    assert items["ep3"].status == "skipped" and "no transcript" in items["ep3"].problem


def test_only_a_title_the_source_gives_is_kept_over_the_transcripts(tmp_path: Path) -> None:
    # A folder's stem and a manifest row's id or stem are stand-ins; a manifest's title and a
    # feed item's <title> are the producer's (audiokit.batch.task.record_title makes the choice).
    _touch(tmp_path, "ep042.mp3", "ep042.txt", "a.wav", "a.txt")
    assert [(i.id, i.title, i.title_given) for i in read_source(tmp_path).items] == [
        ("a", "a", False), ("ep042", "ep042", False)]
    (tmp_path / "list.csv").write_text("id,audio,transcript,title\nfirst,a.wav,a.txt,The First\n"
                                       "second,a.wav,a.txt,\n,ep042.mp3,ep042.txt,\n", encoding="utf-8")
    rows = read_source(tmp_path / "list.csv").items
    assert [(i.id, i.title, i.title_given) for i in rows] == [
        ("first", "The First", True), ("second", "second", False), ("ep042", "ep042", False)]
    (tmp_path / "feed.xml").write_text(
        f'<rss xmlns:podcast="{NAMESPACE}"><channel>'
        '<item><title>Named</title><enclosure url="a.wav"/><podcast:transcript url="a.txt" type="text/plain"/></item>'
        '<item><enclosure url="ep042.mp3"/><podcast:transcript url="ep042.txt" type="text/plain"/></item>'
        '</channel></rss>', encoding="utf-8")
    items = read_source(tmp_path / "feed.xml").items
    assert [(i.title, i.title_given) for i in items] == [("Named", True), ("ep042", False)]


def test_folder_pairs_audio_with_word_and_opendocument_transcripts(tmp_path: Path) -> None:
    _touch(tmp_path, "ep1.mp3", "ep1.docx", "~$ep1.docx", "ep2.wav", "ep2.odt", "ep3.mp3", "ep3.txt", "ep3.docx")
    catalogue = read_source(tmp_path)
    assert [Path(i.transcript or "").name for i in catalogue.items] == ["ep1.docx", "ep2.odt", "ep3.txt"]
    assert catalogue.unmatched == ()  # Word's lock file of an open document is no transcript


def test_folder_transcripts_without_audio_are_named_not_run(tmp_path: Path) -> None:
    _touch(tmp_path, "ep1.mp3", "ep1.txt", "ep2.aiff", "ep2.srt", "ep3.json", "notes.md")
    catalogue = read_source(tmp_path)
    assert [i.id for i in catalogue.items] == ["ep1"]
    assert catalogue.unmatched == ("ep2.srt", "ep3.json")
    note = catalogue.unmatched_note()
    assert note is not None and note.startswith("not run: ep2.srt, ep3.json, transcripts with no audio")


def test_folder_stems_on_one_id_are_an_error(tmp_path: Path) -> None:
    _touch(tmp_path, "Show.mp3", "Show.txt", "show.wav", "show.txt")
    items = read_source(tmp_path).items
    assert [i.problem is None for i in items] == [True, False]
    assert "the same id as Show.mp3" in items[1].problem and items[1].id != items[0].id


def test_csv_manifest_rows(tmp_path: Path) -> None:
    _touch(tmp_path, "a.mp3", "a.txt", "b.mp3")
    (tmp_path / "list.csv").write_text(
        "id,audio,transcript,title\n"
        "first,a.mp3,a.txt,The First\n"
        ",b.mp3,missing.txt,\n"
        "First,a.mp3,a.txt,Again\n"
        "x,,a.txt,\n"
        ",,,\n", encoding="utf-8")  # an empty row as spreadsheets save it: no episode, no failure
    items = read_source(tmp_path / "list.csv").items
    assert len(items) == 4
    assert [i.id for i in items][:2] == ["first", "b"]
    assert items[0].title == "The First" and items[0].problem is None
    assert items[1].problem.startswith("transcript file not found") and items[1].where == "list.csv line 3"
    assert "the same id as list.csv line 2" in items[2].problem
    assert items[3].problem == "no audio given"
    assert len({i.id for i in items}) == len(items)


def test_jsonl_manifest_bad_lines_are_listed(tmp_path: Path) -> None:
    _touch(tmp_path, "a.mp3", "a.txt")
    (tmp_path / "list.jsonl").write_text(
        json.dumps({"audio": "a.mp3", "transcript": "a.txt"}) + "\n\n{not json\n[1, 2]\n", encoding="utf-8")
    items = read_source(tmp_path / "list.jsonl").items
    assert items[0].problem is None and items[0].id == "a"
    assert items[1].problem.startswith("not JSON") and items[2].problem == "not a JSON object"


@pytest.mark.parametrize("name, text, message", [
    ("list.csv", "path,text\nx,y\n", "needs a header line with audio and transcript"),
    ("list.csv", "audio,transcript\n", "lists no episodes"),
    ("list.csv", "audio,transcript\n,\n", "lists no episodes"),
    ("feed.xml", "<rss><channel><item>", "not an XML file"),
    ("feed.xml", "<rss version='2.0'><channel><title>t</title></channel></rss>", "has no <item>"),
    ("feed.xml", "<html><body/></html>", "not an RSS feed"),
    ("notes.txt", "hello", "is not a folder, a manifest"),
])
def test_unreadable_sources_are_one_error(tmp_path: Path, name: str, text: str, message: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        read_source(tmp_path / name)


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment that must survive -->
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>Show &amp; Tell</title>
    <item>
      <title>One</title>
      <guid isPermaLink="false">show-001</guid>
      <description><![CDATA[<p>Not an </item> tag</p>]]></description>
      <enclosure url="media/one.mp3" type="audio/mpeg" length="1"/>
      <podcast:transcript url="media/one.html" type="text/html"/>
      <podcast:transcript url="media/one.txt" type="text/plain"/>
      <itunes:duration>1:02</itunes:duration>
    </item>
    <item>
      <title>Two</title>
      <enclosure url="{file_url}" type="audio/mpeg" length="1"/>
      <podcast:transcript url="{vtt_url}" type="text/vtt"/>
    </item>
    <item><title>Three</title><enclosure url="https://cdn.example.org/three.mp3" type="audio/mpeg"/>
      <podcast:transcript url="https://cdn.example.org/three.json" type="application/json"/></item>
    <item><title>Four</title><enclosure url="media/four.mp3" type="audio/mpeg"/></item>
    <item><title>Five</title><guid>show-001</guid><enclosure url="media/one.mp3" type="audio/mpeg"/>
      <podcast:transcript url="media/one.txt" type="text/plain"/></item>
  </channel>
</rss>
"""


def _feed(tmp_path: Path) -> Path:
    media = tmp_path / "media"
    media.mkdir()
    _touch(media, "one.mp3", "one.txt", "two one.mp3", "two.vtt", "four.mp3")
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED.format(file_url=(media / "two one.mp3").as_uri(), vtt_url=(media / "two.vtt").as_uri()),
                    encoding="utf-8")
    return feed


def test_feed_items_resolve_relative_and_file_urls(tmp_path: Path) -> None:
    items = list(read_feed(_feed(tmp_path)))
    one, two, three, four, five = items
    assert one.id == "show-001" and one.audio == str((tmp_path / "media/one.mp3").resolve())
    assert one.transcript.endswith("one.txt") and one.length_hint == 62.0  # HTML transcript passed over
    assert two.id == "two" and two.audio == str((tmp_path / "media/two one.mp3").resolve())
    assert two.transcript.endswith("two.vtt") and two.problem is None
    assert three.audio == "https://cdn.example.org/three.mp3" and three.problem is None
    assert four.status == "skipped" and four.problem == "no <podcast:transcript>"
    assert five.problem.startswith("<guid> the same id as feed.xml item 1")
    assert [i.index for i in items] == [0, 1, 2, 3, 4]


def test_an_older_feeds_capitalised_itunes_namespace_is_read(tmp_path: Path) -> None:
    """Older feeds declare the iTunes namespace as ``.../DTDs/Podcast-1.0.dtd``: the same namespace to podcast apps."""
    feed = _feed(tmp_path)
    feed.write_text(feed.read_text(encoding="utf-8").replace("/dtds/podcast-1.0.dtd", "/DTDs/Podcast-1.0.dtd"),
                    encoding="utf-8")
    assert next(read_feed(feed)).length_hint == 62.0


def test_written_feed_names_each_episodes_transcript_language(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    folders = {n: tmp_path / "out" / name for n, name in ((0, "show-001"), (1, "two"))}
    for (n, folder), language in zip(folders.items(), ("cs", None)):
        folder.mkdir(parents=True)
        metadata = {"language": language} if language else {}
        (folder / "episode.json").write_text(json.dumps({"metadata": metadata}), encoding="utf-8")
    target, _ = write_feed(feed, tmp_path / "out" / "feed.xml", "https://ex.org/site", folders)
    items = ET.fromstring(target.read_bytes()).find("channel").findall("item")
    ours = [[t.get("language") for t in item.findall(f"{{{NAMESPACE}}}transcript")
             if t.get("url", "").startswith("https://ex.org/")] for item in items[:2]]
    assert ours == [["cs", "cs"], [None, None]]


def test_feed_is_kept_and_given_podcast_elements(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    data = feed.read_bytes()
    bites = '<podcast:soundbite startTime="1.5" duration="20">Tomatoes &amp; “frost”</podcast:soundbite>'
    added = annotate_feed(data, {0: item_elements("https://ex.org/site/", "show-001", True, bites),
                                 2: item_elements("https://ex.org/site", "three", False)},
                          *podcast_prefix(data))
    # Everything that was there is still there, byte for byte, in order.
    rest = iter(added.decode())
    assert all(ch in rest for ch in data.decode())
    assert b"<!-- a comment that must survive -->" in added and b"<![CDATA[<p>Not an </item> tag</p>]]>" in added
    root = ET.fromstring(added)
    items = root.find("channel").findall("item")
    p = f"{{{NAMESPACE}}}"
    transcripts = items[0].findall(p + "transcript")
    ours = [t.attrib for t in transcripts if t.get("url", "").startswith("https://ex.org/")]
    assert ours == [
        {"url": "https://ex.org/site/show-001/captions.vtt", "type": "text/vtt", "rel": "captions"},
        {"url": "https://ex.org/site/show-001/transcript.json", "type": "application/json"},
    ]
    assert items[0].find(p + "chapters").attrib == {"url": "https://ex.org/site/show-001/chapters.json",
                                                     "type": "application/json+chapters"}
    bite = items[0].find(p + "soundbite")
    assert set(bite.attrib) == {"startTime", "duration"} and bite.text == "Tomatoes & “frost”"
    assert items[2].find(p + "chapters") is None and len(items[2].findall(p + "transcript")) == 3
    assert items[1].find(p + "chapters") is None and items[3].find(p + "transcript") is None


def test_feed_without_the_namespace_gets_it_declared() -> None:
    data = b'<rss version="2.0"><channel><item><title>A</title></item></channel></rss>'
    prefix, declare = podcast_prefix(data)
    added = annotate_feed(data, {0: item_elements("http://h/", "a", True, "", prefix)}, prefix, declare)
    item = ET.fromstring(added).find("channel/item")
    assert item.find(f"{{{NAMESPACE}}}chapters") is not None
    assert ET.fromstring(added).get("version") == "2.0"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=6),
       st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_annotating_keeps_the_feed_and_adds_only_to_chosen_items(chosen: list[bool], title: str) -> None:
    from xml.sax.saxutils import escape

    items = "".join(f"\n  <item><title>{escape(title)}</title><guid>g{n}</guid></item>" for n in range(len(chosen)))
    data = f'<?xml version="1.0"?>\n<rss version="2.0"><channel>{items}\n</channel></rss>'.encode()
    adds = {n: item_elements("https://h.example/x", f"e{n}", n % 2 == 0, "", "podcast")
            for n, yes in enumerate(chosen) if yes}
    root = ET.fromstring(annotate_feed(data, adds))
    for n, item in enumerate(root.find("channel").findall("item")):
        assert item.findtext("title") == title
        found = item.findall(f"{{{NAMESPACE}}}transcript")
        assert len(found) == (2 if chosen[n] else 0)
        if chosen[n]:
            assert found[0].get("url") == f"https://h.example/x/e{n}/captions.vtt"


LEVELLED_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:it="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <!-- <item><enclosure url="in-a-comment.mp3"/></item> -->
    <item/>
    <item>
      <title>One &amp; only</title>
      <description><![CDATA[<enclosure url="in-cdata.mp3"/> <it:duration>9:99</it:duration> </item>]]></description>
      <enclosure length="1" url="media/one.mp3" type="audio/mpeg" />
      <it:duration>1:02</it:duration>
      <podcast:transcript url="media/one.txt" type="text/plain"/>
    </item>
    <item>
      <title>Two</title>
      <enclosure url='media/two.aiff' type='audio/aiff' length='1' data-x='kept'/>
      <!-- <it:duration>9:99</it:duration> -->
      <it:duration>3</it:duration>
      <podcast:transcript url="media/two.txt" type="text/plain"/>
    </item>
    <item><title>Three</title><enclosure url="media/three.mp3" type="audio/mpeg" length="1"/>
      <podcast:transcript url="media/three.txt" type="text/plain"/></item>
    <item><title>Four</title><enclosure url="media/four.mp3" type="audio/mpeg" length="1"/>
      <podcast:transcript url="media/four.txt" type="text/plain"/></item>
  </channel>
</rss>
"""


def _tone(path: Path, seconds: float) -> None:
    import subprocess

    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
                    str(path)], check=True)


@pytest.mark.parametrize("itunes", ["http://www.itunes.com/dtds/podcast-1.0.dtd",
                                    "http://www.itunes.com/DTDs/Podcast-1.0.dtd"])  # as older feeds write it
def test_levelled_feed_publishes_the_levelled_copies(itunes: str, tmp_path: Path) -> None:
    """With --level each finished item's enclosure is its levelled copy, named as the feed's
    transcripts are (under the base URL), with its own length, type and duration."""
    feed = tmp_path / "feed.xml"
    feed.write_text(LEVELLED_FEED.replace("http://www.itunes.com/dtds/podcast-1.0.dtd", itunes), encoding="utf-8")
    out = tmp_path / "out"
    folders = {}
    for n, (name, audio) in enumerate([("one", "one.mp3"), ("two", "two.aiff"), ("three", "three.mp3")], start=1):
        folders[n] = out / name
        folders[n].mkdir(parents=True)
        metadata = {"audio": str(tmp_path / "media" / audio), "language": "en"}
        (folders[n] / "episode.json").write_text(json.dumps({"metadata": metadata}), encoding="utf-8")
    _tone(out / "one" / "one.levelled.mp3", 3)  # the feed says 1:02
    _tone(out / "two" / "two.levelled.flac", 3)  # AIFF is levelled into FLAC; the feed says 3
    # three: done, but no levelled copy in its folder (four: not done)
    plain, notes = write_feed(feed, tmp_path / "plain.xml", "https://ex.org/site/", folders)
    assert notes == []
    target, notes = write_feed(feed, out / "feed.xml", "https://ex.org/site/", folders, levelled=True)
    assert notes == ["feed item 4 keeps its own <enclosure>: no levelled copy in three/"]
    items = ET.fromstring(target.read_bytes()).find("channel").findall("item")
    it = f"{{{itunes}}}"
    one, two = (out / "one" / "one.levelled.mp3").stat().st_size, (out / "two" / "two.levelled.flac").stat().st_size
    assert [i.find("enclosure").attrib for i in items[1:]] == [
        {"url": "https://ex.org/site/one/one.levelled.mp3", "type": "audio/mpeg", "length": str(one)},
        {"url": "https://ex.org/site/two/two.levelled.flac", "type": "audio/flac", "length": str(two),
         "data-x": "kept"},
        {"url": "media/three.mp3", "type": "audio/mpeg", "length": "1"},
        {"url": "media/four.mp3", "type": "audio/mpeg", "length": "1"},
    ]
    assert [i.findtext(f"{it}duration") for i in items[1:]] == ["0:03", "3", None, None]
    # The transcripts point where the enclosures do; nothing else moved: against the feed written
    # without --level, only the two enclosure lines and one duration line differ, in place.
    assert items[1].find(f"{{{NAMESPACE}}}transcript[@rel='captions']").get("url") == \
        "https://ex.org/site/one/captions.vtt"
    before, after = plain.read_text(encoding="utf-8").splitlines(), target.read_text(encoding="utf-8").splitlines()
    changed = [(a.strip(), b.strip()) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        ('<enclosure length="1" url="media/one.mp3" type="audio/mpeg" />',
         f'<enclosure length="{one}" url="https://ex.org/site/one/one.levelled.mp3" type="audio/mpeg" />'),
        ("<it:duration>1:02</it:duration>", "<it:duration>0:03</it:duration>"),
        ("<enclosure url='media/two.aiff' type='audio/aiff' length='1' data-x='kept'/>",
         f"<enclosure url='https://ex.org/site/two/two.levelled.flac' type='audio/flac' length='{two}' data-x='kept'/>"),
    ]
    assert "in-a-comment.mp3" in after[4] and 'url="in-cdata.mp3"' in after[8]
    # A duration in a comment or CDATA is text, not the item's: left as it was, the element rewritten.
    assert "<it:duration>9:99</it:duration> </item>]]>" in after[8]


@pytest.mark.parametrize(("said", "hint", "written"), [
    ("1:02", 62.0, "0:03"), ("soon", 0.0, "3"), ("inf", 0.0, "3"), ("nan", 0.0, "3"), ("-5", 0.0, "3"),
])
def test_an_unreadable_itunes_duration_is_no_hint_and_is_rewritten(said: str, hint: float, written: str,
                                                                   tmp_path: Path) -> None:
    """One reading of ``<itunes:duration>`` for the feed's length hint and the --level rewrite: a
    duration that is not one (infinite, not a number, below zero) is unknown, and the levelled
    copy's replaces it in whole seconds (an infinite one crashed the rewrite)."""
    from audiokit.batch.enclosure import Enclosure, relink

    text = ('<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><item><title>A</title>'
            f'<enclosure url="a.mp3"/><itunes:duration>{said}</itunes:duration></item></channel></rss>')
    feed = tmp_path / "feed.xml"
    feed.write_text(text, encoding="utf-8")
    assert next(read_feed(feed)).length_hint == hint
    new = relink(text.encode(), {0: Enclosure("https://ex.org/a.mp3", 5, "audio/mpeg", 3.2)}).decode()
    assert f"<itunes:duration>{written}</itunes:duration>" in new
