"""Timestamped, WebVTT, SRT and Podcasting 2.0 JSON readers, and format detection."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from audiokit import transcripts
from audiokit.errors import FormatError, InputError
from audiokit.model import Span
from audiokit.transcripts import (
    _common,
    detect_format,
    from_string,
    load,
    plain,
    podcast_json,
    srt,
    timestamped,
    webvtt,
)

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"


@pytest.mark.parametrize("module", [transcripts, _common, plain, timestamped, webvtt, srt, podcast_json])
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


def turns(name: str) -> list[tuple[str, str, Span | None]]:
    t = load(FIXTURES / name)
    return [(turn.speaker, turn.text, turn.hint) for turn in t.episode.turns]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("descript.txt", "timestamped"),
        ("otter.txt", "timestamped"),
        ("riverside.txt", "timestamped"),
        ("youtube.vtt", "webvtt"),
        ("interview.srt", "srt"),
        ("podcast.json", "podcast-json"),
    ],
)
def test_detection(name: str, fmt: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert detect_format(text) == fmt
    t = load(FIXTURES / name)
    assert t.format == fmt
    assert t.warnings == ()
    assert t.episode.metadata.source == str(FIXTURES / name)
    assert all(not w.timed for w in t.episode.words())


def test_detection_plain() -> None:
    assert detect_format("Ann: We met at 10:30.\nBob: At 11:00 we left.") == "plain"
    assert detect_format("Just text.") == "plain"


def test_descript_style() -> None:
    got = turns("descript.txt")
    assert [s for s, _, _ in got] == ["Dana Whitfield", "Luis Ortega"] * 3
    assert got[0][2] == Span(0.0, 9.0)
    assert got[-1][2] == Span(35.0, 35.0)
    assert got[3][1].endswith("So the tools got a lot more interchangeable.")
    meta = load(FIXTURES / "descript.txt").episode.metadata
    assert meta.title == "Open Source Radio, Episode 12: Packaging Python"


def test_otter_style() -> None:
    got = turns("otter.txt")
    assert [(s, h) for s, _, h in got] == [
        ("Speaker 1", Span(0.0, 5.0)),
        ("Priya Nair", Span(5.0, 14.0)),
        ("Speaker 1", Span(14.0, 17.0)),
        ("Priya Nair", Span(17.0, 17.0)),
    ]
    assert got[1][1].startswith("Yes, loud and clear.") and got[1][1].endswith("on Tuesday.")


def test_riverside_style() -> None:
    got = turns("riverside.txt")
    assert [s for s, _, _ in got] == ["Tom Becker", "Amara Osei"] * 2
    assert got[2] == ("Tom Becker", "So, Amara, you study sleep. How much do we actually need?", Span(10.0, 15.0))


def test_timestamped_variants() -> None:
    text = "[1:02] Ann Lee, Host: Hi.\nAnn Lee (1:05): Again.\n[01:01:10.5]\nBob: Late.\n[1:01:20] no name here."
    got = [(t.speaker, t.text, t.hint) for t in from_string(text).episode.turns]
    assert got == [
        ("Ann Lee", "Hi.", Span(62.0, 65.0)),
        ("Ann Lee", "Again.", Span(65.0, 3670.5)),
        ("Bob", "Late.", Span(3670.5, 3680.0)),
        ("Bob", "no name here.", Span(3680.0, 3680.0)),
    ]
    assert from_string(text).episode.speaker("Ann Lee").role == "Host"


def test_timestamped_without_names_warns() -> None:
    t = from_string("[00:01] Hello there.\n[00:04] And more.", format="timestamped")
    assert [s.name for s in t.episode.speakers] == ["Speaker"]
    assert any("no speaker labels" in w for w in t.warnings)


@pytest.mark.parametrize("text", [
    "Ann  0:15\nHello there, this is the show.\n\nBob  0:05\nThanks for having me here.\n",  # Otter
    "[00:00:10] Ann: Hello there.\n[00:00:05] Bob: Thanks.\n",  # timestamped turns
    "Ann (00:10):\nHello there.\n\nBob (00:05):\nThanks.\n",  # Rev
    "[0:10] Ann\nHello there.\n[0:05] Bob\nThanks.\n",  # name lines
])
def test_times_going_backwards_are_no_hints_and_are_warned_about(text: str) -> None:
    # The README promises it; these shapes kept such times as hints, silently.
    t = from_string(text, path="show.txt")
    assert [turn.hint for turn in t.episode.turns] == [None, None]
    assert [w for w in t.warnings if "backwards" in w] == ["show.txt: times go backwards (turn 2): not used as hints"]
    assert [turn.text for turn in t.episode.turns][1].startswith("Thanks")


def test_webvtt_voices() -> None:
    got = turns("youtube.vtt")
    assert got == [
        ("Host", "Welcome to Science Friday Shorts. Today: why do cats purr?", Span(0.5, 6.0)),
        (
            "Dr. Lena Park",
            (
                "It's a great question. Cats purr at 25–150 Hz & that range may help bones heal. "
                "nobody knows for sure, though."
            ),
            Span(6.0, 11.0),
        ),
        ("Host", "Fascinating. Thank you!", Span(11.0, 13.4)),
        ("Dr. Lena Park", "My pleasure.", Span(11.0, 13.4)),
    ]


def test_webvtt_youtube_rolling_auto_captions() -> None:
    vtt = (
        "WEBVTT\nKind: captions\nLanguage: en\n\n"
        "00:00:00.000 --> 00:00:02.000 align:start position:0%\n \n"
        "so<00:00:00.400><c> today</c><00:00:00.800><c> we</c>\n\n"
        "00:00:02.000 --> 00:00:02.010 align:start position:0%\nso today we\n \n\n"
        "00:00:02.010 --> 00:00:04.000 align:start position:0%\nso today we\n"
        "talk<00:00:02.500><c> about</c><00:00:03.000><c> &lt;tags&gt;</c>\n"
    )
    t = from_string(vtt)
    assert t.format == "webvtt"
    assert [w.text for w in t.episode.words()] == ["so", "today", "we", "talk", "about", "<tags>"]
    assert any("no speaker labels" in w for w in t.warnings)


def test_webvtt_speaker_prefixes_without_voices() -> None:
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nANN: Hi.\n\n00:02.000 --> 00:03.000\nStill me.\n\n00:03.000 --> 00:04.000\nBOB: Yo."
    got = [(t.speaker, t.text, t.hint) for t in from_string(vtt).episode.turns]
    assert got == [("ANN", "Hi. Still me.", Span(1.0, 3.0)), ("BOB", "Yo.", Span(3.0, 4.0))]


def test_webvtt_fallback_parser() -> None:
    # SRT-style comma times: webvtt-py reads no cues at all; the header runs into the first cue
    vtt = "WEBVTT\n00:00:01,000 --> 00:00:02,000\n<v Ann>Hi.\n\n2\n00:00:02,000 --> 00:00:03,000\n<v Bob>Yo."
    got = [(t.speaker, t.text, t.hint) for t in from_string(vtt).episode.turns]
    assert got == [("Ann", "Hi.", Span(1.0, 2.0)), ("Bob", "Yo.", Span(2.0, 3.0))]


def test_webvtt_cue_with_a_bad_time_is_an_error_not_lost_words() -> None:
    """webvtt-py skips a cue whose time it cannot read; its words must not vanish unsaid."""
    vtt = ("WEBVTT\n\nNOTE times --> not a cue\n\n99:99.000 --> 00:03.000\n<v Dana>Hello.\n\n"
           "00:03.000 --> 00:04.000\n<v Luis>Bye.\n")
    with pytest.raises(FormatError) as info:
        from_string(vtt, path="x.vtt")
    assert str(info.value) == "x.vtt: WebVTT: line 5: bad cue timing line '99:99.000 --> 00:03.000'"
    fine = vtt.replace("99:99.000", "00:01.000")
    assert [w.text for w in from_string(fine, path="x.vtt").episode.words()] == ["Hello.", "Bye."]


def test_srt_prefixes() -> None:
    got = turns("interview.srt")
    assert got == [
        ("MARIA", "Good evening, and welcome to Night Desk. Tonight we talk about the new bridge.", Span(1.0, 6.0)),
        (
            "JOHN SMITH",
            "Thanks, Maria. The bridge opened on 3 March, two years late. It cost $1.2 billion in the end.",
            Span(6.2, 12.0),
        ),
        ("MARIA", "Was it worth it?", Span(12.1, 14.0)),
        ("JOHN SMITH", "Ask me in ten years.", Span(14.1, 16.5)),
    ]


def test_srt_first_name_after_full_name_is_the_same_speaker() -> None:
    cue = "{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{text}\n\n"
    lines = ["Ann Lee: Hello.", "JOHN SMITH: Hi.", "Ann: Bye.", "JOHN: Yes.", "Ann Smith: Me too.", "Ann: Who?"]
    text = "".join(cue.format(n=k + 1, text=line) for k, line in enumerate(lines))
    got = [t.speaker for t in from_string(text, path="x.srt").episode.turns]
    # "Ann" is Ann Lee (the only full name so far starting with it); the last "Ann" could be
    # either Ann and is a speaker of its own.
    assert got == ["Ann Lee", "JOHN SMITH", "Ann Lee", "JOHN SMITH", "Ann Smith", "Ann"]


def test_srt_title_case_and_sentence_colons() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nAnn Lee: Hello.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nNote: this is speech.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nBob: Yes.\n\n"
        "4\n00:00:04,000 --> 00:00:05,000\nBob: Again.\n"
    )
    got = [(t.speaker, t.text) for t in from_string(text).episode.turns]
    assert got == [("Ann Lee", "Hello. Note: this is speech."), ("Bob", "Yes. Again.")]


def test_podcast_json() -> None:
    got = turns("podcast.json")
    assert got == [
        ("Rachel", "Hello and welcome. This is the Podcasting 2.0 show.", Span(0.8, 4.5)),
        ("Adam Curry", "Good to be here, Rachel! Let's talk about value-for-value.", Span(4.7, 9.0)),
        ("Rachel", "Sounds good.", Span(9.3, 10.0)),
    ]
    ep = load(FIXTURES / "podcast.json").episode
    assert [len(s.words) for s in ep.turns[0].sentences] == [3, 6]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"segments": [{"speaker": "A", "startTime": "x", "body": "Hi"}]}', "startTime"),
        ('{"segments": [{"speaker": 3, "startTime": 1, "body": "Hi"}]}', "speaker"),
        ('{"segments": "nope"}', "segments"),
        ('{"turns": []}', "segments"),
        ('{"segments": []}', "no speech"),
    ],
)
def test_podcast_json_errors(text: str, message: str) -> None:
    with pytest.raises(FormatError) as info:
        from_string(text, path="bad.json")
    assert info.value.path == "bad.json"
    assert message in str(info.value)


def test_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        from_string("  \n", path="x.txt")
    with pytest.raises(InputError, match="unknown transcript format"):
        from_string("Ann Lee: Hi.", format="docx", path="x.txt")
    with pytest.raises(FormatError, match="no subtitle cues"):
        from_string("hello", format="srt", path="x.srt")
    with pytest.raises(FormatError, match="WEBVTT"):
        from_string("hello", format="webvtt", path="x.vtt")
    with pytest.raises(FormatError, match="no timestamped turns"):
        from_string("hello", format="timestamped", path="x.txt")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    with pytest.raises(InputError, match="binary"):
        load(tmp_path / "bin.txt")
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        load(tmp_path)


def test_explicit_format_overrides_detection() -> None:
    t = from_string("[00:01] Ann: Hi.", format="plain")
    assert t.format == "plain"


def test_build_keeps_every_metadata_field_a_reader_gives() -> None:
    # build() copied the metadata field by field to add the source, and a language a reader
    # had set was silently dropped.
    from audiokit.model import Metadata
    from audiokit.transcripts._common import Piece, build

    given = Metadata(title="Díl 7", description="O trzích.", preamble="Díl 7", audio="a.mp3", duration=12.5,
                     language="cs")
    got = build("plain", [Piece("Tereza", "Ahoj všichni.")], path="t.txt", metadata=given).episode.metadata
    assert got == Metadata(**{**vars(given), "source": "t.txt"})
