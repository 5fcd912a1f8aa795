"""The caption linter: rules, readers for others' WebVTT and SRT, and `audiokit lint`."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_main import run

from audiokit.captions import STYLES, Cue, check, read_captions, render, summary
from audiokit.captions.readers import detect_format, parse
from audiokit.model import Episode, Metadata

NETFLIX = STYLES["netflix"]

OTHERS_VTT = """\ufeffWEBVTT - made elsewhere
Kind: captions

STYLE
::cue(.loud) { color: red }

NOTE a comment --> not a cue

intro
00:00:01.000 --> 00:00:03.000 line:90% align:center
<v.host Ann>Hello <c.loud>there</c> &amp; welcome.

00:00:03.083 --> 00:00:05.000
<v Ann>Ann again, then</v> <v Bo>Bo in the same cue.</v>

00:00:04.500 --> 00:00:13.000
This line is far too long for any broadcast caption style at all
two
three
"""

OTHERS_SRT = """1
00:00:01,000 --> 00:00:02,000
<i>Sarah:</i> In today's episode,
you'll learn whether or not you

2
00:00:02,010 --> 00:00:02,500
- Are you sure?
- Yes.

3
00:00:03,000 --> 00:00:09,000
Q&A &lt;live&gt;
"""


def rules(cues, style=NETFLIX):  # type: ignore[no-untyped-def]
    return [(v.index, v.rule) for v in check(cues, style)]


def test_reads_others_webvtt() -> None:
    cues = parse(OTHERS_VTT, "vtt")
    assert [c.display_lines for c in cues][:2] == [("Hello there & welcome.",), ("Ann again, then Bo in the same cue.",)]
    assert cues[0].speakers == ("Ann",)
    assert cues[1].speakers == ("Ann", "Bo")
    found = rules(cues)
    assert (2, "mixed-speakers") in found
    assert (2, "gap") not in found  # 83 ms is the minimum gap
    assert (3, "overlap") in found and (3, "max-duration") in found
    assert (3, "lines-per-cue") in found and (3, "chars-per-line") in found


def test_reads_others_srt() -> None:
    cues = parse(OTHERS_SRT, "srt")
    assert cues[0].display_lines == ("Sarah: In today's episode,", "you'll learn whether or not you")
    assert cues[0].speakers == ("Sarah",)
    assert len(cues[1].speakers) == 2  # dialogue dashes: two speakers
    assert cues[2].display_lines == ("Q&A <live>",)
    found = rules(cues)
    assert (1, "reading-speed") in found
    assert (2, "gap") in found and (2, "mixed-speakers") in found and (2, "min-duration") in found
    assert all(rule != "chars-per-line" for _, rule in found)
    assert (1, "chars-per-line") in rules(cues, STYLES["podcast"].with_overrides(max_chars=30))


def test_touching_cues_are_deliberate_and_bbc_reads_words() -> None:
    cues = [Cue(0.0, 2.0, "A", ("one two three four five six seven",)), Cue(2.0, 4.0, "A", ("eight nine",))]
    assert rules(cues) == []
    # 7 words in 2 s is 210 words a minute: over the BBC's 180.
    assert rules(cues, STYLES["bbc"]) == [(1, "reading-speed")]


def test_a_cue_that_ends_before_it_starts_is_hard() -> None:
    """A typo'd end time is never on screen: not a fast cue (soft), a broken one (hard)."""
    cues = parse("WEBVTT\n\n00:01.000 --> 00:03.000\nHello.\n\n00:03.000 --> 00:02.000\nBackwards.\n", "vtt")
    violations = check(cues, NETFLIX)
    assert [(v.index, v.rule, v.hard) for v in violations] == [(2, "ends-before-start", True)]
    assert str(violations[0]) == "cue 2 at 00:00:03.000: ends-before-start -1.000 s (limit 0 s or more, hard)"


def test_summary_and_violation_text() -> None:
    cues = parse(OTHERS_VTT, "vtt")
    violations = check(cues, NETFLIX)
    text = summary(violations, len(cues))
    assert text.startswith("3 cues: 5 hard (lines-per-cue 1, chars-per-line 1, overlap 1, max-duration 1, mixed-speakers 1)")
    assert str(violations[0]).startswith("cue 2 at 00:00:03.083: mixed-speakers Ann + Bo")


def test_detect_format() -> None:
    assert detect_format(OTHERS_VTT) == "vtt"
    assert detect_format(OTHERS_SRT) == "srt"
    assert detect_format("", "x.srt") == "srt"


def test_lint_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "others.vtt"
    bad.write_text(OTHERS_VTT, encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, "lint", str(bad))
    assert code == 1
    assert "cue 3 at 00:00:04.500: overlap 0.500 s over cue 2 (limit none, hard)" in out
    assert out.strip().splitlines()[-1].startswith(f"{bad}: 3 cues: 5 hard")

    soft = tmp_path / "soft.srt"
    soft.write_text("1\n00:00:01,000 --> 00:00:01,500\nHi.\n", encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, "lint", str(soft))
    assert code == 0 and "min-duration 0.500 s" in out
    code, out, _ = run(capsys, monkeypatch, "lint", str(soft), "--min-duration", "0.4")
    assert code == 0 and out.strip().endswith("1 cues: no violations (netflix style)")


@pytest.mark.parametrize("name, text, message", [
    ("typo.vtt", "WEBVTT\n\n99:99.000 --> 00:03.000\nLost.\n\n00:03.000 --> 00:04.000\nKept.\n",
     "not a valid WebVTT file (line 3: bad cue timing line '99:99.000 --> 00:03.000')"),
    ("typo.srt", "1\n00:00:01,000 --> 00:00:02,000\nKept.\n\n2\n00:00:0x,000 --> 00:00:05,000\nLost.\n",
     "not a valid SRT file (line 6: bad cue timing line '00:00:0x,000 --> 00:00:05,000')"),
])
def test_a_cue_the_reader_cannot_time_is_not_passed_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str, text: str,
    message: str,
) -> None:
    """webvtt-py skips such a cue: linted without it, a broken file read as 'no violations'."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, "lint", str(path))
    assert code == 2 and out == "" and err.strip() == f"audiokit: error: {path}: {message}"


def test_lint_command_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, monkeypatch, "lint", str(tmp_path / "missing.vtt"))
    assert code == 2 and "missing.vtt: no such file" in err
    junk = tmp_path / "junk.srt"
    junk.write_text("this is not\na caption file\n")
    code, _, err = run(capsys, monkeypatch, "lint", str(junk))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "not a valid SRT file" in err
    good = tmp_path / "ok.vtt"
    good.write_text("WEBVTT\n")
    code, _, err = run(capsys, monkeypatch, "lint", str(good), "--style", "itv")
    assert code == 2 and "unknown caption style 'itv'" in err


def test_read_captions_from_file(tmp_path: Path) -> None:
    f = tmp_path / "a.srt"
    f.write_text(OTHERS_SRT, encoding="utf-8")
    assert len(read_captions(f)) == 3


# Every format `audiokit captions` writes that lint reads (the others, JSON, HTML and text, have no cue
# rules to check): the cli's _READ_BACK.
@pytest.mark.parametrize(("fmt", "name"), [
    ("vtt", "none.vtt"), ("srt", "none.srt"), ("ttml", "none.ttml"), ("ebu-tt-d", "none.ebuttd.xml"),
])
@pytest.mark.parametrize("style", ["netflix", "bbc"])
def test_zero_cues_round_trip(fmt: str, name: str, style: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of no cues as audiokit writes it (an empty SRT file; WebVTT's header alone; TTML
    with no ``<body>``) reads back as no cues, and lint passes it as it passes an empty WebVTT."""
    text = render([], fmt, Episode((), metadata=Metadata(language="cs")), STYLES[style])
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert parse(text, fmt) == [] and read_captions(path) == []
    code, out, err = run(capsys, monkeypatch, "lint", str(path), "--style", style)
    assert (code, out, err) == (0, f"{path}: 0 cues: no violations ({style} style)\n", "")


def test_an_empty_file_is_refused_unless_it_is_srt(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """An SRT file with no cues has nothing in it at all; WebVTT and TTML have a header or a root."""
    for name in ("empty.vtt", "empty.ttml", "empty.ebuttd.xml"):
        path = tmp_path / name
        path.write_text("\n", encoding="utf-8")
        code, out, err = run(capsys, monkeypatch, "lint", str(path))
        assert (code, out, err.strip()) == (2, "", f"audiokit: error: {path}: file is empty")


@pytest.mark.parametrize("data", [b"", b"\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\n\x00",
                                  b"\xef\xbb\xbf\r\n"])
def test_an_empty_srt_with_only_a_byte_order_mark_has_no_cues(data: bytes, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A UTF-8 or UTF-16 (either order) byte-order mark and nothing else is an empty SRT file still."""
    path = tmp_path / "none.srt"
    path.write_bytes(data)
    assert read_captions(path) == []
    code, out, err = run(capsys, monkeypatch, "lint", str(path))
    assert (code, out, err) == (0, f"{path}: 0 cues: no violations (netflix style)\n", "")
