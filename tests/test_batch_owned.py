"""OUT's catalogue files are replaced only when a batch wrote them (audiokit.batch.owned)."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiokit.batch.feed import annotate_feed, item_elements, podcast_prefix
from audiokit.batch.owned import check_catalogue_files
from audiokit.catalog.db import open_catalog
from audiokit.catalog.page import write_catalog_page
from audiokit.errors import OutputError

FEED = (b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Show</title>\n'
        b'<item><title>A</title><enclosure url="a.mp3" type="audio/mpeg"/>\n</item>\n</channel></rss>\n')


def _written_by_a_batch(out: Path, source: Path) -> None:
    out.mkdir()
    (out / "catalog.json").write_text('{"version": 1, "episodes": []}\n', encoding="utf-8")
    conn = open_catalog(out / "catalog.sqlite")
    write_catalog_page(out, [], conn)
    conn.close()
    prefix, declare = podcast_prefix(FEED)
    (out / "feed.xml").write_bytes(annotate_feed(FEED, {0: item_elements("https://h.example/", "a", True,
                                                                           prefix=prefix)}, prefix, declare))


def test_a_batch_own_files_may_be_replaced(tmp_path: Path) -> None:
    source = tmp_path / "feed.xml"
    source.write_bytes(FEED)
    _written_by_a_batch(tmp_path / "out", source)
    check_catalogue_files(tmp_path / "out", source)
    # A feed written back before any item finished is the source with the namespace declared.
    (tmp_path / "out" / "feed.xml").write_bytes(annotate_feed(FEED, {}, *podcast_prefix(FEED)))
    check_catalogue_files(tmp_path / "out", source)
    check_catalogue_files(tmp_path / "new")  # nothing there yet


@pytest.mark.parametrize("name, content", [
    ("index.html", b"<!DOCTYPE html><title>My show's home page</title>"),
    ("catalog.json", b'{"mine": true}'),
    ("catalog.sqlite", b"SQLite format 3\x00" + bytes(200)),
    ("feed.xml", FEED.replace(b"<title>A</title>", b"<title>A, edited</title>")),
])
def test_someone_elses_file_stops_the_batch(tmp_path: Path, name: str, content: bytes) -> None:
    source = tmp_path / "feed.xml"
    source.write_bytes(FEED)
    _written_by_a_batch(tmp_path / "out", source)
    (tmp_path / "out" / name).write_bytes(content)
    with pytest.raises(OutputError) as info:
        check_catalogue_files(tmp_path / "out", source)
    assert str(info.value) == (f"{tmp_path / 'out' / name}: exists and was not written by audiokit; "
                               "move it away or choose another output folder")
    if name == "feed.xml":  # only a batch that writes the feed looks at it
        check_catalogue_files(tmp_path / "out")
