"""`audiokit captions`: every format end to end, style options, HLS, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import webvtt
from cli_main import run

from audiokit import episode_json
from audiokit.captions.readers import read
from audiokit.model import Episode, Sentence, Speaker, Turn, Word


def make_episode(path: Path) -> Episode:
    t, turns = 0.4, []
    for speaker, text in [
        ("Marisol Vega", "Welcome back to Signal Boost. Today we talk about captions, open tools and small stations."),
        ("Dev Okafor", "Thanks for having me. Captions matter more than people think, and they are easy."),
        ("Marisol Vega", "Let’s start with the basics: what makes a caption readable?"),
    ]:
        words = []
        for token in text.split():
            words.append(Word(token, round(t, 3), round(t + 0.28, 3)))
            t += 0.33
        turns.append(Turn(speaker, (Sentence(tuple(words)),)))
        t += 0.9
    ep = Episode(tuple(turns), (Speaker("Marisol Vega"), Speaker("Dev Okafor")))
    episode_json.save(ep, path)
    return ep


@pytest.fixture
def ep_path(tmp_path: Path) -> Path:
    path = tmp_path / "episode.json"
    make_episode(path)
    return path


def test_vtt_default(ep_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "captions.vtt"
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(out))
    assert code == 0, err
    assert "(netflix style)" in err and "0 hard" not in err or "no violations" in err
    doc = webvtt.read(str(out))
    assert doc.captions[0].voice == "Marisol Vega"
    assert {c.voice for c in doc.captions} == {"Marisol Vega", "Dev Okafor"}
    assert all(len(line) <= 42 for c in read(out) for line in c.display_lines)


@pytest.mark.parametrize("ext,fmt", [("srt", "srt"), ("json", "json"), ("html", "html"), ("txt", "txt"), ("out", "vtt")])
def test_formats(ext: str, fmt: str, ep_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / f"captions.{ext}"
    args = ["captions", str(ep_path), "-o", str(out)]
    if ext == "out":
        args += ["--format", fmt]
    code, _, err = run(capsys, monkeypatch, *args)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    if fmt == "srt":
        assert text.startswith("1\n00:00:00,")
        assert "Marisol Vega: Welcome back" in text and "Dev Okafor:" in text
    elif fmt == "json":
        doc = json.loads(text)
        assert doc["version"] == "1.0.0" and doc["segments"][0]["speaker"] == "Marisol Vega"
    elif fmt == "html":
        assert text.count("<cite>") == 3
    elif fmt == "txt":
        assert text.startswith("[0:00] Marisol Vega\nWelcome back")
    else:
        assert text.startswith("WEBVTT")


def test_style_and_overrides(ep_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "c.srt"
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(out), "--style", "podcast")
    assert code == 0, err
    assert all(len(line) <= 32 for c in read(out) for line in c.display_lines)
    code, _, err = run(
        capsys, monkeypatch, "captions", str(ep_path), "-o", str(tmp_path / "c.vtt"), "--max-chars", "20", "--max-lines", "1",
        "--max-cps", "0",
    )
    assert code == 0, err
    cues = read(tmp_path / "c.vtt")
    assert all(len(c.display_lines) == 1 and len(c.display_lines[0]) <= 20 for c in cues)


def test_split_hls(ep_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "captions.vtt"
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(out), "--split-hls", "6")
    assert code == 0, err
    folder = tmp_path / "captions-hls"
    playlist = (folder / "prog_index.m3u8").read_text()
    assert "#EXT-X-TARGETDURATION:6" in playlist
    assert (folder / "fileSequence0.webvtt").read_text().startswith("WEBVTT\nX-TIMESTAMP-MAP=")
    # Every segment lasts 6 s but the last, which ends with the episode (it said 6 s too).
    durations = [float(line[8:].rstrip(",")) for line in playlist.splitlines() if line.startswith("#EXTINF:")]
    assert set(durations[:-1]) == {6.0} and 0 < durations[-1] <= 6.0
    ep = episode_json.load(ep_path)
    cue_end = max(c.end_in_seconds for c in webvtt.read(str(out)))
    total = max(ep.metadata.duration or 0.0, cue_end)
    assert sum(durations) == pytest.approx(total, abs=1e-4) or total > 6 * len(durations)
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(tmp_path / "c.srt"), "--split-hls", "6")
    assert code == 2 and "--split-hls needs WebVTT" in err


def test_bad_hls_dir_writes_nothing(ep_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A --hls-dir that cannot be made is refused before the captions file is written."""
    out = tmp_path / "captions.vtt"
    hls = tmp_path / "missing" / "hls"
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(out), "--split-hls", "6", "--hls-dir", str(hls))
    assert code == 2 and err.count("\n") == 1 and "missing: folder does not exist" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [ep_path.name]
    (tmp_path / "taken").write_text("mine")
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(out), "--split-hls", "6", "--hls-dir", str(tmp_path / "taken"))
    assert code == 2 and "taken: exists and is not a folder" in err
    assert not out.exists() and (tmp_path / "taken").read_text() == "mine"


def _hls(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, ep_path: Path, seconds: int) -> tuple[int, str]:
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(ep_path.parent / "captions.vtt"),
                       "--split-hls", str(seconds))
    return code, err


@pytest.mark.parametrize("name", ["prog_index.m3u8", "fileSequence1.webvtt", "fileSequence40.webvtt"])
def test_hls_refuses_segment_files_it_did_not_write(ep_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Someone else's playlist or segment in the HLS folder stops the command before anything is written."""
    folder = tmp_path / "captions-hls"
    folder.mkdir()
    (folder / name).write_text("theirs")
    code, err = _hls(capsys, monkeypatch, ep_path, 6)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"audiokit: error: {folder / name}: exists and was not written by audiokit")
    assert (folder / name).read_text() == "theirs"
    assert sorted(p.name for p in folder.iterdir()) == [name]
    assert not (tmp_path / "captions.vtt").exists()


def test_hls_rerun_replaces_its_own_segments(ep_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Re-running replaces audiokit's own segments; a shorter split deletes the longer run's extra
    segments unless someone changed one since; files of other names are left alone."""
    folder = tmp_path / "captions-hls"
    folder.mkdir()
    (folder / "video0.ts").write_text("video")
    assert _hls(capsys, monkeypatch, ep_path, 2)[0] == 0
    many = sorted(p.name for p in folder.glob("fileSequence*.webvtt"))
    code, err = _hls(capsys, monkeypatch, ep_path, 2)  # the same command again
    assert code == 0 and "warning" not in err, err
    assert sorted(p.name for p in folder.glob("fileSequence*.webvtt")) == many
    edited = folder / many[-1]
    edited.write_text(edited.read_text() + "\nNOTE mine\n")
    code, err = _hls(capsys, monkeypatch, ep_path, 6)
    assert code == 0, err
    listed = [line for line in (folder / "prog_index.m3u8").read_text().splitlines() if line.endswith(".webvtt")]
    assert len(listed) < len(many) - 1
    kept = sorted(p.name for p in folder.glob("fileSequence*.webvtt"))
    assert kept == sorted([*listed, edited.name])  # the stale ones gone but the changed one
    assert f"{edited}: left in place" in err and "NOTE mine" in edited.read_text()
    assert (folder / "video0.ts").read_text() == "video"
    code, err = _hls(capsys, monkeypatch, ep_path, 6)  # still recorded as audiokit's: no refusal, left again
    assert code == 0 and f"{edited}: left in place" in err and "NOTE mine" in edited.read_text()


def test_output_under_a_file_says_so(ep_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(ep_path / "c.vtt"))
    assert code == 2 and f"{ep_path}: is a file, not a folder" in err
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(tmp_path / "c.vtt"), "--split-hls", "6",
                       "--hls-dir", str(ep_path / "hls"))
    assert code == 2 and f"{ep_path}: is a file, not a folder" in err and not (tmp_path / "c.vtt").exists()


@pytest.mark.parametrize(
    "content,message",
    [
        ("{not json", "not valid JSON"),
        # json's own message ends "starting at": the place follows after a colon, not a second "at".
        ('{"turns": "cut sh', "not valid JSON (Unterminated string starting at: line 1, column 11)"),
        ('{"format": "audiokit-episode", "version": 99, "turns": []}', "version 99 is not supported"),
        ('{"turns": [{"speaker": "A", "words": [{"text": "hi", "start": null, "end": null}]}]}', "no timed words"),
        ('{"turns": "nope"}', "not a valid episode file"),
        ('{"turns": [{"speaker": "A", "words": [{"text": "hi", "start": 1e300, "end": 1e301}]}]}',
         "later than any episode"),
    ],
)
def test_bad_episode(content: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "episode.json"
    bad.write_text(content)
    out = tmp_path / "captions.vtt"
    code, _stdout, err = run(capsys, monkeypatch, "captions", str(bad), "-o", str(out))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["episode.json"]


def test_bad_options(ep_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(tmp_path / "c.xyz"))
    assert code == 2 and "pass --format" in err
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(tmp_path / "c.vtt"), "--style", "itv")
    assert code == 2 and "unknown caption style" in err
    code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(tmp_path / "no" / "c.vtt"))
    assert code == 2 and "folder does not exist" in err
    code, _, err = run(
        capsys, monkeypatch, "captions", str(ep_path), "-o", str(tmp_path / "c.vtt"), "--min-duration", "9"
    )
    # The options as typed and the preset's numbers as set, not Python's floats.
    assert code == 2 and "need 0 <= --min-duration < --max-duration, got 9 and 7" in err and "netflix" in err
    for option in ("--max-duration", "--min-gap", "--start-tolerance", "--max-end-lag"):
        code, _, err = run(capsys, monkeypatch, "captions", str(ep_path), "-o", str(tmp_path / "c.vtt"), option, "inf")
        assert code == 2 and "must be a number of seconds, got inf" in err and "Traceback" not in err, (option, err)
        assert len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["episode.json"]


@pytest.mark.parametrize("ext", ["html", "txt"])
def test_turn_formats_report_turns_not_cue_rules(
    ext: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # An HTML or text transcript has a paragraph per turn and no cues: counting the style's cue
    # violations for it (and warning that cues are too fast) described a file it did not write.
    path = tmp_path / "episode.json"
    make_episode(path)
    out = tmp_path / f"transcript.{ext}"
    code, _, err = run(capsys, monkeypatch, "captions", str(path), "-o", str(out), "--max-cps", "5")
    assert code == 0, err
    assert err.strip() == f"wrote {out}: 3 turns"
    assert out.is_file()
    vtt = tmp_path / "captions.vtt"  # the same tight rule still counts for cues
    code, _, err = run(capsys, monkeypatch, "captions", str(path), "-o", str(vtt), "--max-cps", "5")
    assert code == 0 and "reading-speed" in err and "faster than the reading speed" in err
