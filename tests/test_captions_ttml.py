"""TTML captions: IMSC 1.1 Text (``ttml``) and EBU-TT-D (``ebu-tt-d``) written, read back by
``audiokit lint`` and by ttconv (Sandflow's IMSC implementation) as an independent reader.

The golden files of the sample and notes episodes in both formats are in
tests/test_captions_formats.py and tests/test_captions_notes.py; the BBC-coloured and the
right-to-left ones are here. Regenerate after an intended change with
``AUDIOKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_captions_ttml.py``.
"""

from __future__ import annotations

import logging
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cli_main import run
from hypothesis import given, settings
from hypothesis import strategies as st
from test_captions_formats import sample_episode
from test_captions_notes import notes_episode
from ttconv.imsc import reader as ttconv_reader  # a dev dependency: Sandflow's IMSC implementation

from audiokit import episode_json
from audiokit.captions import STYLES, build_cues, ebutt, render, shows_labels, ttml
from audiokit.captions.cue import Cue
from audiokit.captions.readers import detect_format, parse, read
from audiokit.captions.styles import Style
from audiokit.errors import FormatError
from audiokit.model import Episode, Metadata, Sentence, Speaker, Turn, Word

GOLDEN = Path(__file__).parent / "golden" / "captions"
TT = "{http://www.w3.org/ns/ttml}"
TTS = "{http://www.w3.org/ns/ttml#styling}"
TTP = "{http://www.w3.org/ns/ttml#parameter}"
TTM = "{http://www.w3.org/ns/ttml#metadata}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NETFLIX, BBC = STYLES["netflix"], STYLES["bbc"]
SUFFIX = {"ttml": "ttml", "ebu-tt-d": "ebuttd.xml"}


def _turn(speaker: str, text: str, start: float) -> tuple[Turn, float]:
    words, t = [], start
    for token in text.split():
        words.append(Word(token, round(t, 3), round(t + 0.3, 3)))
        t += 0.36
    return Turn(speaker, (Sentence(tuple(words)),)), t + 0.8


def arabic_episode() -> Episode:
    a, t = _turn("سارة", "بدأت حديقتي على سطح البيت قبل ثلاث سنوات، والآن نزرع فيها الطماطم والنعناع والفلفل.", 0.2)
    b, _ = _turn("عمر", "هذا رائع يا سارة. نحن نجمع مياه المطر في خزان صغير.", t)
    return Episode((a, b), (Speaker("سارة"), Speaker("عمر")), Metadata(language="ar"))


def five_speakers() -> Episode:
    turns, t = [], 0.0
    for name, n in [("Ann Lee", 9), ("Bo Ma", 7), ("Cy Dee", 5), ("Di Fox", 4), ("Ed Gil", 3), ("Ann Lee", 2)]:
        turn, t = _turn(name, " ".join(["word"] * n), t)
        turns.append(turn)
    return Episode(tuple(turns))


def _render(ep: Episode, fmt: str, style: Style) -> tuple[list[Cue], str]:
    cues = build_cues(ep, style, inline_speakers=shows_labels(fmt, style, ep))
    return cues, render(cues, fmt, ep, style)


# --- golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt", "style"), [
    ("sample.bbc", "ebu-tt-d", BBC), ("lang-ar", "ttml", NETFLIX), ("lang-ar", "ebu-tt-d", BBC),
    ("five.bbc", "ebu-tt-d", BBC),
])
def test_golden(name: str, fmt: str, style: Style) -> None:
    ep = {"sample.bbc": sample_episode, "lang-ar": arabic_episode, "five.bbc": five_speakers}[name]()
    _, text = _render(ep, fmt, style)
    path = GOLDEN / f"{name}.{SUFFIX[fmt]}"
    if os.environ.get("AUDIOKIT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


# --- what the documents say --------------------------------------------------------------------


def test_imsc_profile_language_agents_and_labels() -> None:
    ep = sample_episode()
    cues, text = _render(ep, "ttml", NETFLIX)
    root = ET.fromstring(text.encode())
    assert root.get(f"{TTP}contentProfiles") == ttml.PROFILE == "http://www.w3.org/ns/ttml/profile/imsc1.1/text"
    assert root.get(f"{TTP}timeBase") == "media" and root.get(f"{TTP}cellResolution") == "32 15"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    agents = {a.get(XML_ID): a.find(f"{TTM}name").text for a in root.iter(f"{TTM}agent")}  # type: ignore[union-attr]
    assert agents == {"a1": "Ann & Lee <host>", "a2": "Michael Schiff"}
    ps = list(root.iter(f"{TT}p"))
    assert [agents[p.get(f"{TTM}agent")] for p in ps] == [c.speaker for c in cues]
    # The labels a viewer reads are the SRT captions' own.
    srt = build_cues(ep, NETFLIX, inline_speakers=True)
    assert [c.display_lines for c in parse(text, "ttml")] == [c.display_lines for c in srt]
    assert all(region.get(f"{TTS}extent") for region in root.iter(f"{TT}region"))


def test_ebu_tt_d_keeps_to_the_distribution_profile() -> None:
    for ep, style in [(sample_episode(), BBC), (sample_episode(), NETFLIX), (notes_episode(), BBC), (arabic_episode(), BBC)]:
        _, text = _render(ep, "ebu-tt-d", style)
        root = ET.fromstring(text.encode())
        head = root.find(f"{TT}head")
        assert head is not None and [_local(c.tag) for c in head] == ["metadata", "styling", "layout"]
        assert head.findtext("{urn:ebu:tt:metadata}conformsToStandard", namespaces=None) is None  # in <metadata>
        meta = head.find(f"{TT}metadata")
        assert meta is not None and meta.findtext("{urn:ebu:tt:metadata}conformsToStandard") == ebutt.STANDARD
        assert root.get(f"{TTP}timeBase") == "media" and root.get(f"{TTP}cellResolution") == "32 15"
        # Tech 3380 prohibits these on <tt>, and ttm:agent, inline styles and nested spans anywhere.
        assert not {f"{TTS}extent", f"{TTP}contentProfiles", f"{TTP}profile", f"{TTP}frameRate", XML_ID} & set(root.attrib)
        assert TTM + "agent" not in text and "ttm:agent" not in text
        body = root.find(f"{TT}body")
        assert body is not None
        for el in body.iter():
            assert not [a for a in el.attrib if a.startswith(TTS)], el.attrib
            if el.tag == f"{TT}span":
                assert el.find(f"{TT}span") is None
        assert all(p.get(XML_ID) for p in body.iter(f"{TT}p"))
        colours = {s.get(f"{TTS}color") for s in root.iter(f"{TT}style") if s.get(f"{TTS}color")}
        assert colours and all(c is not None and len(c) == 7 and c.startswith("#") for c in colours)
        assert all(_media_time(p) for p in body.iter(f"{TT}p"))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _media_time(p: ET.Element) -> bool:
    import re

    return all(re.fullmatch(r"\d{2}:\d{2}:\d{2}\.\d{3}", p.get(k, "")) for k in ("begin", "end"))


def test_bbc_colours_speakers_in_order_of_priority() -> None:
    ep = sample_episode()  # Michael Schiff says more than Ann & Lee <host>
    cues, text = _render(ep, "ebu-tt-d", BBC)
    assert not any(c.label for c in cues)  # two speakers, two colours: no labels
    shown = parse(text, "ebu-tt-d")
    by_speaker = {c.speaker: s.speakers for c, s in zip(cues, shown, strict=True)}
    assert by_speaker == {"Michael Schiff": ("colour #FFFFFF",), "Ann & Lee <host>": ("colour #FFFF00",)}
    assert [s.display_lines for s in shown] == [c.lines for c in cues]


def test_bbc_beyond_four_speakers_white_ones_keep_labels() -> None:
    ep = five_speakers()
    assert shows_labels("ebu-tt-d", BBC, ep)
    cues, text = _render(ep, "ebu-tt-d", BBC)
    colours = ebutt.speaker_colours(cues, BBC.speaker_colours)
    assert colours == {"Ann Lee": "#FFFFFF", "Bo Ma": "#FFFF00", "Cy Dee": "#00FFFF", "Di Fox": "#00FF00",
                       "Ed Gil": "#FFFFFF"}
    shown = parse(text, "ebu-tt-d")
    firsts: dict[str, list[str]] = {}
    for c, s in zip(cues, shown, strict=True):
        firsts.setdefault(c.speaker, []).append(s.display_lines[0])
    # White is shared: the white speakers are labelled (in full, then by first name) ...
    assert firsts["Ann Lee"][0].startswith("Ann Lee:") and firsts["Ed Gil"][0].startswith("Ed Gil:")
    assert firsts["Ann Lee"][-1].startswith("Ann:")
    assert not any(line.startswith("Bo") for line in firsts["Bo Ma"])  # ... the coloured ones are not


def test_right_to_left_language() -> None:
    ep = arabic_episode()
    for fmt in ("ttml", "ebu-tt-d"):
        cues, text = _render(ep, fmt, NETFLIX)
        root = ET.fromstring(text.encode())
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
        assert {r.get(f"{TTS}writingMode") for r in root.iter(f"{TT}region")} == {"rltb"}
        assert any(s.get(f"{TTS}direction") == "rtl" for s in root.iter(f"{TT}style"))
        assert [s.display_lines for s in parse(text, fmt)] == [c.display_lines for c in cues]


def test_markup_characters_are_escaped_and_controls_dropped() -> None:
    cue = Cue(1.0, 2.0, 'Ann "A" & <Bo>', ("1 < 2 & 3 > 2, 'quoted' \"too\"", "]]> &amp; \x0bend\x00"), label='Ann "A" & <Bo>: ')
    for fmt in ("ttml", "ebu-tt-d"):
        text = render([cue], fmt)
        ET.fromstring(text.encode())  # well-formed
        [shown] = parse(text, fmt)
        assert shown.display_lines == ('Ann "A" & <Bo>: 1 < 2 & 3 > 2, \'quoted\' "too"', "]]> &amp; end")
    assert parse(render([cue], "ttml"), "ttml")[0].speakers == ('Ann "A" & <Bo>',)


# --- round trip ------------------------------------------------------------------------------

_word = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Z", "Cn", "Co")), min_size=1, max_size=7)
_line = st.lists(_word, min_size=1, max_size=5).map(" ".join)
_speaker = st.sampled_from(["Ann Lee", "Bo & Co <x>", 'Zoë "Z"', "سارة", ""])


@st.composite
def _cues(draw: st.DrawFn) -> list[Cue]:
    out, t = [], draw(st.integers(0, 3_600_000))
    previous = None
    for _ in range(draw(st.integers(1, 8))):  # audiokit captions only episodes with timed words
        t += draw(st.integers(0, 5000))
        length = draw(st.integers(0, 7000))
        speaker = draw(_speaker)
        label = f"{speaker}: " if speaker and speaker != previous else ""
        out.append(Cue(t / 1000, (t + length) / 1000, speaker, tuple(draw(st.lists(_line, min_size=1, max_size=2))),
                       label=label))
        previous, t = speaker, t + length
    return out


@settings(max_examples=150, deadline=None)
@given(_cues(), st.sampled_from(["en", "ar", None]))
def test_render_then_parse_round_trips(cues: list[Cue], language: str | None) -> None:
    colours = BBC.speaker_colours
    for fmt, text, coloured in [("ttml", ttml.render(cues, language), False),
                                ("ebu-tt-d", ebutt.render(cues, language), False),
                                ("ebu-tt-d", ebutt.render(cues, language, colours), True)]:
        shown = parse(text, fmt)
        assert [(round(s.start * 1000), round(s.end * 1000)) for s in shown] == \
            [(round(c.start * 1000), round(c.end * 1000)) for c in cues]
        if not coloured:  # the labels a viewer reads
            assert [s.display_lines for s in shown] == [c.display_lines for c in cues]
        else:  # a colour per speaker (at most four here), no labels
            assert [s.display_lines for s in shown] == [c.lines for c in cues]
            pairs = {(c.speaker, s.speakers) for c, s in zip(cues, shown, strict=True) if c.speaker}
            if len({sp for sp, _ in pairs}) >= 2:  # one colour alone names nobody: the text's labels do
                assert len({sp for sp, _ in pairs}) == len(pairs) == len({col for _, col in pairs})
        if fmt == "ttml":
            assert [s.speakers for s in shown] == [c.speakers for c in cues]


# --- ttconv, an independent IMSC reader -------------------------------------------------------


def _ttconv_cues(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(begin ms, end ms, lines) of each ``<p>`` as ttconv's TTML reader models it."""
    from ttconv import model

    doc = ttconv_reader.to_model(ET.ElementTree(ET.fromstring(text.encode())))
    assert doc is not None
    out = []

    def walk(el: model.ContentElement, t0: object) -> None:
        start = t0 + (el.get_begin() or 0)  # type: ignore[operator]
        if isinstance(el, model.P):
            lines: list[list[str]] = [[]]
            for node in el.dfs_iterator():
                if isinstance(node, model.Text):
                    lines[-1].append(node.get_text())
                elif isinstance(node, model.Br):
                    lines.append([])
            out.append((round(start * 1000), round((t0 + el.get_end()) * 1000),  # type: ignore[operator]
                        tuple(" ".join("".join(line).split()) for line in lines)))
            return
        for child in el:
            walk(child, start)

    body = doc.get_body()
    if body is not None:
        walk(body, 0)
    return out


CASES = [(sample_episode, "ttml", NETFLIX), (sample_episode, "ebu-tt-d", BBC), (sample_episode, "ebu-tt-d", NETFLIX),
         (notes_episode, "ttml", NETFLIX), (notes_episode, "ebu-tt-d", BBC), (arabic_episode, "ttml", NETFLIX),
         (arabic_episode, "ebu-tt-d", BBC), (five_speakers, "ebu-tt-d", BBC)]


@pytest.mark.parametrize(("make", "fmt", "style"), CASES)
def test_ttconv_reads_ours_as_we_do(make: object, fmt: str, style: Style, caplog: pytest.LogCaptureFixture) -> None:
    ep = make()  # type: ignore[operator]
    cues, text = _render(ep, fmt, style)
    with caplog.at_level(logging.WARNING, logger="ttconv"):
        theirs = _ttconv_cues(text)
    assert not [r for r in caplog.records if r.name.startswith("ttconv")], caplog.text
    ours = [(round(s.start * 1000), round(s.end * 1000), s.display_lines) for s in parse(text, fmt)]
    assert theirs == ours
    assert [(a, b) for a, b, _ in ours] == [(round(c.start * 1000), round(c.end * 1000)) for c in cues]


@pytest.mark.parametrize(("fmt", "language", "colours"), [
    ("ttml", "en", ()), ("ebu-tt-d", "en", ()), ("ebu-tt-d", "ar", BBC.speaker_colours),
])
def test_zero_cues_have_no_body_and_read_as_none(fmt: str, language: str, colours: tuple[str, ...],
                                                 caplog: pytest.LogCaptureFixture) -> None:
    """No cues, no ``<body>`` (EBU-TT-D allows no empty ``<div>``; TTML2 8.1.1 makes ``<body>``
    optional): ttconv reads the document as one with no body, without a warning, and so do we."""
    text = ttml.render([], language) if fmt == "ttml" else ebutt.render([], language, colours)
    root = ET.fromstring(text.encode())
    assert _local(root.tag) == "tt" and root.find(f"{TT}body") is None and root.find(f"{TT}head") is not None
    with caplog.at_level(logging.WARNING, logger="ttconv"):
        doc = ttconv_reader.to_model(ET.ElementTree(root))
        assert doc is not None and doc.get_body() is None and _ttconv_cues(text) == []
    assert not [r for r in caplog.records if r.name.startswith("ttconv")], caplog.text
    assert parse(text, fmt) == []


@pytest.mark.parametrize("make", [arabic_episode, five_speakers])
def test_ttconv_converts_our_ttml_to_the_same_srt(make: object) -> None:
    """Episodes without markup characters: ttconv's SRT writer writes ``<`` and ``-->`` in the
    text as they are (so an SRT reader takes ``<news>`` for a tag), which is ttconv's business."""
    from ttconv.srt import writer as srt_writer

    ep = make()  # type: ignore[operator]
    cues, text = _render(ep, "ttml", NETFLIX)
    doc = ttconv_reader.to_model(ET.ElementTree(ET.fromstring(text.encode())))
    srt = parse(srt_writer.from_model(doc), "srt")
    assert [(round(s.start * 1000), round(s.end * 1000), s.display_lines) for s in srt] == \
        [(round(c.start * 1000), round(c.end * 1000), c.display_lines) for c in cues]


@pytest.mark.parametrize("make", [arabic_episode, five_speakers])
def test_reads_ttconvs_own_imsc(make: object) -> None:
    """Another tool's TTML: our SRT turned into IMSC by ttconv (its region-styled, span-per-line
    layout) reads back as the SRT cues."""
    import io

    from ttconv.imsc import writer as imsc_writer
    from ttconv.srt import reader as srt_reader

    cues, srt = _render(make(), "srt", NETFLIX)  # type: ignore[operator]
    text = ET.tostring(imsc_writer.from_model(srt_reader.to_model(io.StringIO(srt))).getroot(), encoding="unicode")
    assert [(s.start, s.end, s.display_lines) for s in parse(text, "ttml")] == \
        [(c.start, c.end, c.display_lines) for c in cues]


# --- reading other tools' TTML --------------------------------------------------------------

OTHERS = """<?xml version="1.0" encoding="UTF-16"?>
<tt:tt xmlns:tt="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
  xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xmlns:tts="http://www.w3.org/ns/ttml#styling"
  ttp:frameRate="25" ttp:tickRate="10000000" xml:lang="en">
  <tt:head><tt:metadata>
    <ttm:agent xml:id="dana" type="person"><ttm:name type="alias">D</ttm:name><ttm:name type="full">Dana Whitfield</ttm:name></ttm:agent>
  </tt:metadata>
  <tt:styling><tt:style xml:id="y" tts:color="yellow"/></tt:styling></tt:head>
  <tt:body><tt:div begin="10s">
    <tt:p begin="00:00:01.5" end="12.5s" ttm:agent="dana">
      <tt:span>Hello,</tt:span>
      <tt:span style="y">nested <tt:span>spans</tt:span></tt:span>
      <tt:br/>
      second   line
      <tt:metadata><ttm:desc>not shown</ttm:desc></tt:metadata>
    </tt:p>
    <tt:p begin="300f" dur="25f">Luis: frames</tt:p>
    <tt:p begin="150000000t" end="00:00:16:12">- Ticks<tt:br/>- and frames</tt:p>
  </tt:div></tt:body>
</tt:tt>
"""


def test_reads_dfxp_and_ttml_without_a_namespace() -> None:
    for root in ('<tt xmlns="http://www.w3.org/2006/10/ttaf1">', "<tt>"):
        cues = parse(f'{root}<body><div><p begin="0:00:01.000" end="2s">Ann: Hi</p></div></body></tt>', "ttml")
        assert [(c.start, c.end, c.display_lines, c.speakers) for c in cues] == [(1.0, 2.0, ("Ann: Hi",), ("Ann",))]


def test_the_earliest_end_wins() -> None:
    doc = ('<tt xmlns="http://www.w3.org/ns/ttml"><body><div begin="1s" end="9s"><p begin="1s" end="5s" dur="2s">a</p>'
           '<p begin="4s" end="20s">b</p><p begin="2s">c</p></div></body></tt>')
    assert [(c.start, c.end) for c in parse(doc, "ttml")] == [(2.0, 4.0), (5.0, 9.0), (3.0, 9.0)]


def test_reads_another_tools_ttml() -> None:
    assert detect_format(OTHERS) == "ttml"
    cues = parse(OTHERS, "ttml")
    assert [(c.start, c.end) for c in cues] == [(11.5, 22.5), (22.0, 23.0), (25.0, 26.48)]
    assert cues[0].display_lines == ("Hello, nested spans", "second line")
    assert cues[0].speakers == ("Dana Whitfield",)
    assert cues[1].speakers == ("Luis",) and cues[2].speakers == ("speaker 1", "speaker 2")


@pytest.mark.parametrize(("text", "message"), [
    ("<tt xmlns='http://www.w3.org/ns/ttml'><body><div><p begin='1s' end='2s'>Hi</div></body></tt>",
     "TTML: not well-formed XML (mismatched tag: line 1, column 76)"),
    (('<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
     "<tt xmlns='http://www.w3.org/ns/ttml'><body><div><p begin='1s' end='2s'>&b;</p></div></body></tt>"),
     "TTML: declares a DOCTYPE; refused"),
    ("<tt xmlns='http://www.w3.org/ns/ttml'><body><div><p begin='1s'>Hi</p></div></body></tt>",
     "TTML: cue 1 (<p>) has no end time"),
    ("<tt xmlns='http://www.w3.org/ns/ttml'><body><div><p begin='1 s' end='2s'>Hi</p></div></body></tt>",
     "TTML: <p> begin: bad time expression '1 s'"),
    (("<tt xmlns='http://www.w3.org/ns/ttml' xmlns:ttp='http://www.w3.org/ns/ttml#parameter' ttp:timeBase='clock'>"
     "<body/></tt>"), 'TTML: ttp:timeBase="clock" (wall-clock times) is not read; media or smpte time is'),
    # Cues, but no <body> in the document's namespace: refused, not read as no captions.
    ('<tt:tt xmlns:tt="http://www.w3.org/ns/ttml"><tt:head/><body><div><p begin="1s" end="2s">Hi</p></div></body></tt:tt>',
     "TTML: no <body>, so no captions (found <body> in no namespace)"),
    ("<tt xmlns='http://www.w3.org/ns/ttml'><head/><Body><div><p begin='1s' end='2s'>Hi</p></div></Body></tt>",
     "TTML: no <body>, so no captions (found <Body>)"),
    ("<tt xmlns='http://www.w3.org/ns/ttml'><div><p begin='1s' end='2s'>Hi</p></div></tt>",
     "TTML: no <body>, so no captions (found <div>)"),
    ("<tt><head xmlns='http://www.w3.org/ns/ttml'/></tt>",
     "TTML: no <body>, so no captions (found <head> in namespace http://www.w3.org/ns/ttml)"),
])
def test_lint_refuses_bad_ttml_in_one_line(text: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bad.ttml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError):
        read(path)
    code, out, err = run(capsys, monkeypatch, "lint", str(path))
    assert code == 2 and out == "" and err.strip() == f"audiokit: error: {path}: {message}"


@pytest.mark.parametrize("text", [
    "<tt xmlns='http://www.w3.org/ns/ttml'><head/></tt>", "<tt xmlns='http://www.w3.org/ns/ttml'/>",
    '<?xml version="1.0"?><!-- no captions --><tt:tt xmlns:tt="http://www.w3.org/ns/ttml"><tt:head/></tt:tt>',
])
def test_a_tt_without_body_is_a_file_with_no_captions(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "none.ttml"
    path.write_text(text, encoding="utf-8")
    assert read(path) == []
    code, out, err = run(capsys, monkeypatch, "lint", str(path))
    assert (code, out, err) == (0, f"{path}: 0 cues: no violations (netflix style)\n", "")


def test_an_xml_file_of_another_kind_is_not_read_as_captions(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<rss><channel/></rss>", encoding="utf-8")
    with pytest.raises(FormatError, match=r"not a TTML document \(its root is <rss>, not <tt>\)"):
        read(path)


# --- the command line --------------------------------------------------------------------------


@pytest.fixture
def ep_path(tmp_path: Path) -> Path:
    path = tmp_path / "episode.json"
    episode_json.save(sample_episode(), path)
    return path


@pytest.mark.parametrize(("name", "args", "fmt"), [
    ("out.ttml", [], "ttml"), ("out.ebuttd.xml", ["--style", "bbc"], "ebu-tt-d"),
    ("out.xml", ["--format", "ttml"], "ttml"), ("out.data", ["--format", "ebu-tt-d"], "ebu-tt-d"),
])
def test_cli_writes_the_file_and_lint_reads_it(name: str, args: list[str], fmt: str, ep_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / name
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", out, *args)
    assert code == 0, err
    assert f"wrote {out}" in err
    text = out.read_text(encoding="utf-8")
    style = BBC if "bbc" in args else NETFLIX
    assert text == _render(sample_episode(), fmt, style)[1]
    assert ("ttp:contentProfiles" in text) == (fmt == "ttml") and ("urn:ebu:tt:distribution:2018-04" in text) == (fmt != "ttml")
    code, stdout, _ = run(capsys, monkeypatch, "lint", str(out), "--style", style.name)
    assert code == 0 and stdout.strip().splitlines()[-1].startswith(f"{out}: 8 cues:")


def test_cli_cannot_tell_a_bare_xml_file(ep_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", tmp_path / "out.xml")
    assert code == 2 and "cannot tell the caption format from 'out.xml'" in err
    assert not (tmp_path / "out.xml").exists()
