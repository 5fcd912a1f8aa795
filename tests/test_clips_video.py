"""``audiokit clips --video square|vertical``: an MP4 audiogram per clip (1080x1080 or 1080x1920), and the
filtergraph escaping."""

from __future__ import annotations

import doctest
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_clips_cli import AUDIO, fixture_episode, run

from audiokit import episode_json
from audiokit.clips import audiogram
from audiokit.clips.audiogram import drawtext_value, filter_value, render_audiogram
from audiokit.clips.writer import check_folder


def _ffmpeg_lists() -> tuple[str, str]:
    if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
        return "", ""
    enc = subprocess.run(
        ["ffmpeg", "-hide_banner", "-encoders"], check=False, capture_output=True, text=True
    ).stdout
    fil = subprocess.run(
        ["ffmpeg", "-hide_banner", "-filters"], check=False, capture_output=True, text=True
    ).stdout
    return enc, fil


_ENCODERS, _FILTERS = _ffmpeg_lists()
needs_video = pytest.mark.skipif(
    " libx264 " not in _ENCODERS or " subtitles " not in _FILTERS or " showwaves " not in _FILTERS,
    reason="ffmpeg lacks libx264, the subtitles filter (libass) or showwaves",
)


def ffprobe(path: Path) -> dict:
    proc = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "stream=codec_type,codec_name,width,height,pix_fmt:format=duration",
            "-of",
            "json",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def test_escaping_levels() -> None:
    # Option parser (\ ' :) first, then the filtergraph parser (\ ' [ ] , ;).
    assert filter_value("plain") == "plain"
    assert filter_value("a:b") == r"a\\:b"
    assert filter_value("a,b;c[d]") == r"a\,b\;c\[d\]"
    assert filter_value("it's") == r"it\\\'s"
    assert filter_value("back\\slash") == r"back\\\\slash"
    # drawtext expands % and \ itself, before the two filter levels.
    assert drawtext_value("100%") == r"100\\\\%"
    assert drawtext_value("a\\b") == "a" + "\\" * 8 + "b"
    assert drawtext_value("O'Brien: yes, no") == r"O\\\'Brien\\: yes\, no"
    assert drawtext_value("two\nlines") == "two lines"
    assert doctest.testmod(audiogram).failed == 0


@needs_video
def test_nasty_name_and_path_render(tmp_path: Path) -> None:
    """ffmpeg accepts the escaped graph: a speaker name and a caption path full of the
    characters the filtergraph treats specially (an unescaped %{ fails in drawtext)."""
    folder = tmp_path / "we'ird: dir, [x]; 100%"
    folder.mkdir()
    wav = folder / "a-1.wav"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i", "sine=f=220:d=1", str(wav)], check=True
    )
    vtt = folder / "a-1.vtt"
    vtt.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:00.900\nHello, world: 100% 'quoted'\n")
    out = render_audiogram(wav, vtt, folder / "a-1.mp4", "O'Brien: 100%{pts}, [x]; back\\slash")
    assert out == folder / "a-1.mp4" and out.is_file()
    assert sorted(p.name for p in folder.iterdir()) == ["a-1.mp4", "a-1.vtt", "a-1.wav"]  # no temp left
    info = ffprobe(out)
    assert {s["codec_type"] for s in info["streams"]} == {"video", "audio"}
    assert float(info["format"]["duration"]) == pytest.approx(1.0, abs=0.2)


@needs_video
def test_burned_in_captions_never_show_the_voice_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ffmpeg's WebVTT decoder prints the entities inside a voice tag: the clip captions of
    "Tom & Jerry" were burned in as "& Jerry>Hello ..." on every cue."""
    import re

    vtt = tmp_path / "a-1.vtt"
    vtt.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:00.900\n<v Tom &amp; Jerry &lt;live&gt;>Hello &amp; welcome\n")
    burned: list[str] = []

    def fake_ffmpeg_into(target: Path, cmd: list[str], what: str) -> Path:
        graph = cmd[cmd.index("-filter_complex") + 1]
        path = re.search(r"subtitles=filename=(.*?):original_size", graph)
        assert path is not None
        ass = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-i", path.group(1).replace("\\", ""), "-f", "ass", "-"],
                             capture_output=True, text=True, check=True).stdout
        burned.extend(line for line in ass.splitlines() if line.startswith("Dialogue:"))
        return target

    monkeypatch.setattr(audiogram, "ffmpeg_into", fake_ffmpeg_into)
    render_audiogram(tmp_path / "a-1.wav", vtt, tmp_path / "a-1.mp4", "Tom & Jerry <live>")
    assert len(burned) == 1 and burned[0].endswith(",Hello & welcome"), burned


@needs_video
@pytest.mark.parametrize(("shape", "size"), [("square", (1080, 1080)), ("vertical", (1080, 1920))])
def test_clips_video_end_to_end(tmp_path: Path, shape: str, size: tuple[int, int]) -> None:
    episode = tmp_path / "episode.json"
    episode_json.save(fixture_episode(), episode)
    out = tmp_path / "clips"
    args = ("--min-seconds", "5", "--max-seconds", "8", "--per-speaker", "1", "--video", shape, "-q")
    assert run(AUDIO, episode, "-o", out, *args) == 0
    doc = json.loads((out / "clips.json").read_text())
    clips = doc["clips"]
    assert 1 <= len(clips) <= len({t.speaker for t in fixture_episode().turns})
    for c in clips:
        assert c["video"] == Path(c["file"]).with_suffix(".mp4").name
        info = ffprobe(out / c["video"])
        kinds = [s["codec_type"] for s in info["streams"]]
        assert sorted(kinds) == ["audio", "video"]
        v = next(s for s in info["streams"] if s["codec_type"] == "video")
        a = next(s for s in info["streams"] if s["codec_type"] == "audio")
        assert (v["width"], v["height"]) == size
        assert v["codec_name"] == "h264" and v["pix_fmt"] == "yuv420p" and a["codec_name"] == "aac"
        assert float(info["format"]["duration"]) == pytest.approx(c["duration"], abs=0.2)
    names = {p.name for p in out.iterdir()}
    expected = {"clips.json", "soundbites.xml"} | {c["file"] for c in clips} | {c["video"] for c in clips}
    expected |= {c["captions"] for c in clips if c["captions"]}
    assert names == expected
    # The audiograms are the run's own files: --force may replace them.
    assert check_folder(out, force=True) == names


@needs_video
@pytest.mark.parametrize(("name", "drawn"), [("Zoë Dvořáková", True), ("\ue000\ue001", False)])
def test_a_name_no_font_can_draw_is_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             name: str, drawn: bool) -> None:
    """The speaker's name is drawn in a font that has all its letters, or not at all: a Hindi name
    in DejaVu Sans came out as a row of empty boxes (private-use letters stand in for it here,
    as no font on a test machine has them)."""
    graphs: list[str] = []

    def fake_ffmpeg_into(target: Path, cmd: list[str], what: str) -> Path:
        graphs.append(cmd[cmd.index("-filter_complex") + 1])
        return target

    monkeypatch.setattr(audiogram, "ffmpeg_into", fake_ffmpeg_into)
    render_audiogram(tmp_path / "a-1.wav", None, tmp_path / "a-1.mp4", name)
    assert ("drawtext=" in graphs[0]) == (drawn and audiogram.find_font() is not None)
    assert (audiogram.font_for(name) is None) == (not drawn or audiogram.find_font() is None)


@needs_video
def test_clips_say_whose_audiograms_show_no_name(tmp_path: Path) -> None:
    episode = tmp_path / "episode.json"
    episode_json.save(fixture_episode(), episode)
    episode.write_text(episode.read_text(encoding="utf-8").replace("Owen Mercer", "\ue000\ue001"), encoding="utf-8")
    out = tmp_path / "clips"
    args = ("--min-seconds", "5", "--max-seconds", "8", "--per-speaker", "1", "--video", "square", "-q")
    assert run(AUDIO, episode, "-o", out, *args) == 0
    doc = json.loads((out / "clips.json").read_text())
    said = [n for n in doc["warnings"] if "show no speaker name" in n]
    assert "\ue000\ue001" in {c["speaker"] for c in doc["clips"]}
    if audiogram.find_font() is not None:
        assert said == [("audiograms of \ue000\ue001 show no speaker name: no installed font has all its letters "
                        "(a font such as Debian's fonts-noto-core has them)")]
    assert not any("Nadia Brooks" in n for n in said)
