"""The stage cache: keys, digest memo, stored entries, and the record of written files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audiokit.errors import InputError, OutputError
from audiokit.pipeline import Options
from audiokit.pipeline.cache import CACHE_DIR, KEEP, Cache, copy_atomic, stage_key

options = st.dictionaries(st.text(max_size=5), st.one_of(st.none(), st.integers(), st.floats(allow_nan=False),
                                                          st.text(max_size=5)), max_size=4)


@given(options, options)
def test_key_changes_exactly_when_options_change(a: dict[str, object], b: dict[str, object]) -> None:
    assert (stage_key("s", a) == stage_key("s", b)) == (a == b)


def test_key_depends_on_inputs_upstream_stage_and_version() -> None:
    base = stage_key("clips", {"n": 1}, inputs=["aa"], upstream=["k"], version="1")
    assert base == stage_key("clips", {"n": 1}, inputs=["aa"], upstream=["k"], version="1")
    assert base != stage_key("clips", {"n": 1}, inputs=["ab"], upstream=["k"], version="1")
    assert base != stage_key("clips", {"n": 1}, inputs=["aa"], upstream=["j"], version="1")
    assert base != stage_key("clips", {"n": 1}, inputs=["aa"], upstream=["k"], version="2")
    assert base != stage_key("captions", {"n": 1}, inputs=["aa"], upstream=["k"], version="1")


def test_digest_is_of_the_content_and_memoized(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("same")
    b.write_text("same")
    cache = Cache(tmp_path / "out")
    assert cache.digest(a) == cache.digest(b)
    cache.flush()
    memo = Cache(tmp_path / "out")
    assert memo.digest(a) == cache.digest(a)
    a.write_text("changed")
    os.utime(a, ns=(1, 1))
    assert memo.digest(a) != memo.digest(b)


def test_the_bookkeeping_files_name_no_absolute_path(tmp_path: Path) -> None:
    """An output folder is often uploaded as it is; where the user keeps files stays private."""
    source = tmp_path / "private-name" / "episode.mp3"
    source.parent.mkdir()
    source.write_bytes(b"audio")
    cache = Cache(tmp_path / "out")
    cache.digest(source)
    written = cache.claim(tmp_path / "out" / "captions.vtt")
    written.parent.mkdir(parents=True, exist_ok=True)
    written.write_text("WEBVTT\n")
    cache.record(written)
    cache.flush()
    for name in ("digests.json", "written.json"):
        text = (tmp_path / "out" / CACHE_DIR / name).read_text(encoding="utf-8")
        assert "private-name" not in text and str(tmp_path) not in text
    assert Cache(tmp_path / "out").wrote(written)


def test_entries_round_trip_and_old_ones_are_pruned(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    payload = tmp_path / "clip.mp3"
    payload.write_bytes(b"\x00\x01")
    cache.save("clips", "k0", {"n": 0}, {"clip.mp3": payload})
    record = cache.load("clips", "k0")
    assert record is not None and record["data"] == {"n": 0}
    assert cache.file("clips", "k0", "clip.mp3").read_bytes() == b"\x00\x01"
    assert cache.load("clips", "other") is None
    for k in range(1, KEEP + 2):
        os.utime(cache.entry("clips", f"k{k - 1}"), ns=(k, k))
        cache.save("clips", f"k{k}", {"n": k})
    kept = sorted(p.name for p in (tmp_path / CACHE_DIR / "clips").iterdir())
    assert len(kept) == KEEP and "k0" not in kept


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    payload = tmp_path / "x.bin"
    payload.write_bytes(b"x")
    cache.save("timeline", "k", None, {"x.bin": payload})
    cache.file("timeline", "k", "x.bin").unlink()
    assert cache.load("timeline", "k") is None
    cache.save("align", "k", {"a": 1})
    (cache.entry("align", "k") / "data.json").write_text("{not json")
    assert cache.load("align", "k") is None


def test_only_its_own_files_are_claimed(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    mine, theirs = tmp_path / "index.html", tmp_path / "captions.vtt"
    assert cache.claim(mine) == mine  # not there yet
    mine.write_text("page")
    cache.record(mine)
    theirs.write_text("someone else's")
    assert cache.claim(mine) == mine and cache.wrote(mine)
    with pytest.raises(OutputError, match="not written by audiokit"):
        cache.claim(theirs)
    mine.write_text("edited by hand")
    assert not cache.wrote(mine)
    cache.flush()
    assert Cache(tmp_path).claim(mine) == mine  # the record survives between runs


def test_outputs_match_tracks_the_files_an_entry_produced(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    out = tmp_path / "a.mp3"
    out.write_bytes(b"abc")
    cache.save("chapters", "k", {})
    cache.set_outputs("chapters", "k", [out])
    record = cache.load("chapters", "k")
    assert record is not None and cache.outputs_match(record, [out])
    out.write_bytes(b"abd")
    assert not cache.outputs_match(record, [out])
    assert not cache.outputs_match(record, [tmp_path / "never.mp3"])


def test_copy_atomic_leaves_no_partial_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.write_bytes(b"data")
    copy_atomic(src, tmp_path / "dst")
    assert (tmp_path / "dst").read_bytes() == b"data"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dst", "src"]
    with pytest.raises(OutputError):
        copy_atomic(src, tmp_path / "missing" / "dst")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"skip": frozenset({"align"})}, "cannot skip align"),
        ({"style": "fancy"}, "unknown caption style"),
        ({"min_seconds": 30.0, "max_seconds": 20.0}, "min-seconds"),
        ({"lufs": -60.0}, "out of range"),
        ({"count": 0}, "--count"),
    ],
)
def test_options_are_checked(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        Options(**kwargs)  # type: ignore[arg-type]
