"""End to end: ``audiokit clips`` on samples/episode.mp3, and its refusals of bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import mutagen
import pytest
import sample_facts

import audiokit.cli.clips  # noqa: F401  (registers the command)
from audiokit import episode_json
from audiokit.cli import main
from audiokit.model import Episode, Sentence, Turn, Word
from audiokit.transcripts import load

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
AUDIO = SAMPLES / "episode.mp3"


def fixture_episode() -> Episode:
    """TEST FIXTURE ONLY, not alignment: word times for samples/episode.mp3 made up from the
    synthesis truth's turn spans, spreading each turn's words over its span in proportion to
    their length, with 15% of the turn as pauses between sentences. Clips only need
    plausible, consistent times here; real times come from ``audiokit align``."""
    episode = load(SAMPLES / "episode.txt").episode
    truth = json.loads((SAMPLES / "episode.truth.json").read_text())["turns"]
    turns = []
    for turn, span in zip(episode.turns, truth, strict=True):
        start, end = span["start"], span["end"]
        gaps = len(turn.sentences) - 1
        pause = 0.15 * (end - start) / gaps if gaps else 0.0
        letters = sum(len(w.text) + 1 for w in turn.words)
        per = (end - start - pause * gaps) / letters
        t, sentences = start, []
        for k, sentence in enumerate(turn.sentences):
            words = []
            for w in sentence.words:
                d = (len(w.text) + 1) * per
                words.append(replace(w, start=round(t, 3), end=round(t + d, 3), confidence=1.0))
                t += d
            sentences.append(Sentence(tuple(words)))
            if k < gaps:
                t += pause
        turns.append(Turn(turn.speaker, tuple(sentences)))
    return replace(episode, turns=tuple(turns))


@pytest.fixture(scope="module")
def episode_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("episode") / "episode.json"
    episode_json.save(fixture_episode(), path)
    return path


def run(*args: str | Path) -> int:
    old = sys.argv
    sys.argv = ["audiokit", "clips", *map(str, args)]
    try:
        main()
    except SystemExit as exc:
        return int(exc.code or 0)
    finally:
        sys.argv = old
    return 0


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) measured by ffmpeg's ebur128 filter."""
    proc = subprocess.run(
        [
            "ffmpeg",
            "-nostats",
            "-hide_banner",
            "-i",
            str(path),
            "-af",
            "ebur128=peak=true",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = proc.stderr[proc.stderr.rfind("Summary:") :]
    loud = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))  # type: ignore[union-attr]
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))  # type: ignore[union-attr]
    return loud, peak


ARGS = ("--min-seconds", "5", "--max-seconds", "20", "--per-speaker", "2")


@pytest.fixture(scope="module")
def clips_dir(episode_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "clips"
    assert run(AUDIO, episode_file, "-o", out, *ARGS, "-q") == 0
    return out


def test_clips_files_tags_and_manifest(clips_dir: Path, episode_file: Path) -> None:
    doc = json.loads((clips_dir / "clips.json").read_text())
    assert doc["format"] == "audiokit-clips" and doc["complete"] is True
    clips = doc["clips"]
    speakers = {c["speaker"] for c in clips}
    assert speakers == set(sample_facts.speakers())
    episode = episode_json.load(episode_file)
    words = [w for w in episode.words() if w.timed]
    for c in clips:
        assert re.fullmatch(re.escape(c["speaker"].lower().replace(" ", "-")) + r"-[12]\.mp3", c["file"])
        assert 5 <= c["duration"] <= 20 and c["duration"] == pytest.approx(c["end"] - c["start"], abs=0.002)
        assert c["text"] and c["title"] and c["text"].startswith(c["title"].rstrip("…"))
        # Why it was chosen, and a hook line from its own words.
        assert c["reasons"] and all(isinstance(r, str) and r for r in c["reasons"])
        assert 0 < len(c["social_caption"]) <= 100
        said = {w.strip(",.;:!?–—…“”\"'").lower() for w in c["text"].split()}
        assert all(w.strip(",.;:!?–—…“”\"'").lower() in said for w in c["social_caption"].split()[1:])
        assert set(c["scores"]) >= {"opening", "ending", "moment", "prosody"}
        assert (clips_dir / c["file"]).is_file()
        tags = mutagen.File(clips_dir / c["file"], easy=True)
        assert tags["title"] == [c["title"]] and tags["artist"] == [c["speaker"]]
        assert tags["album"] == [episode.metadata.title]
        assert tags.info.length == pytest.approx(c["duration"], abs=0.1)
        # Only this speaker's words fall inside the cut.
        inside = {
            t.speaker
            for t in episode.turns
            for w in t.words
            if w.timed and c["start"] < w.end and w.start < c["end"]
        }
        assert inside == {c["speaker"]}
        assert all(min(abs(c["start"] - w.start), abs(c["start"] - w.end)) >= 0.0195 for w in words)
    names = sorted(p.name for p in clips_dir.iterdir())
    expected = {c["file"] for c in clips} | {"clips.json", "soundbites.xml"}
    expected |= {c["captions"] for c in clips if c["captions"]}
    assert set(names) == expected


def test_clips_loudness_measured_by_ffmpeg(clips_dir: Path) -> None:
    doc = json.loads((clips_dir / "clips.json").read_text())
    for c in doc["clips"]:
        loud, peak = ebur128(clips_dir / c["file"])
        assert abs(loud - -16.0) <= 1.0, (c["file"], loud)
        assert peak <= -1.0, (c["file"], peak)


def test_soundbites_xml(clips_dir: Path) -> None:
    doc = json.loads((clips_dir / "clips.json").read_text())
    text = (clips_dir / "soundbites.xml").read_text()
    root = ET.fromstring(f'<item xmlns:podcast="https://podcastindex.org/namespace/1.0">{text}</item>')
    bites = list(root)
    assert len(bites) == len(doc["clips"])
    for bite, c in zip(bites, doc["clips"], strict=True):
        assert float(bite.get("startTime")) == pytest.approx(c["start"], abs=0.001)  # type: ignore[arg-type]
        assert float(bite.get("duration")) == pytest.approx(c["duration"], abs=0.002)  # type: ignore[arg-type]
        assert bite.text == c["title"]


def test_captions_are_clip_relative_when_captions_module_exists(clips_dir: Path) -> None:
    doc = json.loads((clips_dir / "clips.json").read_text())
    vtts = [c["captions"] for c in doc["clips"] if c["captions"]]
    if not vtts:
        pytest.skip("audiokit.captions has not landed: no caption files")
    for c in doc["clips"]:
        text = (clips_dir / c["captions"]).read_text()
        assert text.startswith("WEBVTT")
        times = re.findall(r"(\d+):(\d\d):(\d\d)\.(\d{3}) --> ", text) or re.findall(
            r"()(\d+):(\d\d)\.(\d{3}) --> ", text
        )
        first = times[0]
        start = int(first[0] or 0) * 3600 + int(first[1]) * 60 + int(first[2]) + int(first[3]) / 1000
        assert start < 1.0  # starts near 0, not at the episode time


def test_clip_captions_end_within_the_clip(clips_dir: Path) -> None:
    # The last cue may stay up to half a second after its last word, but never past the end of
    # the clip's audio (it ran 0.19-0.29 s past on the sample's clips).
    doc = json.loads((clips_dir / "clips.json").read_text())
    for c in doc["clips"]:
        if not c["captions"]:
            continue
        ends = re.findall(r" --> (\d+):(\d\d):(\d\d)\.(\d{3})", (clips_dir / c["captions"]).read_text())
        h, m, s, ms = (int(x) for x in ends[-1])
        assert h * 3600 + m * 60 + s + ms / 1000 <= c["duration"] + 0.001, c["file"]


def test_force_replaces_only_its_own_files(clips_dir: Path, episode_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "again"
    guest = sample_facts.speakers()[1]
    assert run(AUDIO, episode_file, "-o", out, *ARGS, "--format", "wav", "--speaker", guest.lower(), "-q") == 0
    first = sorted(p.name for p in out.iterdir())
    assert all(n.startswith(guest.lower().replace(" ", "-") + "-") for n in first if n.endswith(".wav"))
    # Without --force: refused, nothing changed.
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    assert run(AUDIO, episode_file, "-o", out, *ARGS, "-q") == 2
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    # With --force: old own files replaced by the new set.
    assert run(AUDIO, episode_file, "-o", out, *ARGS, "--per-speaker", "1", "--force", "-q") == 0
    names = sorted(p.name for p in out.iterdir())
    assert not any(n.endswith(".wav") for n in names)
    assert len([n for n in names if n.endswith(".mp3")]) == len(sample_facts.speakers())


def test_foreign_files_are_never_touched(
    episode_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    clash = sample_facts.speakers()[1].lower().replace(" ", "-") + "-1.mp3"  # a name the tool would write
    (out / clash).write_bytes(b"not ours")
    assert run(AUDIO, episode_file, "-o", out, *ARGS, "--force") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "did not write" in err[0]
    assert (out / "notes.txt").read_text() == "keep me"
    assert (out / clash).read_bytes() == b"not ours"
    assert sorted(p.name for p in out.iterdir()) == sorted([clash, "notes.txt"])


@pytest.mark.parametrize(
    ("option", "value"), [("--platform", "myspace"), ("--video", "round")]
)
def test_unknown_platform_or_video_shape(
    episode_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    assert run(AUDIO, episode_file, "-o", tmp_path / "c", option, value) == 2
    assert value in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


def test_platform_sets_the_longest_clip(episode_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "c"
    assert run(AUDIO, episode_file, "-o", out, "--platform", "reels", "--min-seconds", "5", "-q") == 0
    doc = json.loads((out / "clips.json").read_text())
    assert doc["clips"] and all(c["duration"] <= 90 for c in doc["clips"])
    # An explicit --max-seconds wins over the preset.
    out2 = tmp_path / "c2"
    assert run(AUDIO, episode_file, "-o", out2, "--platform", "x", "--min-seconds", "5", "--max-seconds", "9",
               "-q") == 0
    doc = json.loads((out2 / "clips.json").read_text())
    assert doc["clips"] and all(c["duration"] <= 9 for c in doc["clips"])


def test_audio_shorter_than_the_episode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ep = Episode((Turn("Ann", (Sentence((Word("Late.", 500.0, 500.5),)),)),))
    path = tmp_path / "late.json"
    episode_json.save(ep, path)
    assert run(AUDIO, path, "-o", tmp_path / "out") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "episode.mp3" in err[0] and "500.5 s" in err[0]
    assert not (tmp_path / "out").exists()


def test_audio_cut_short(episode_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A download cut short: its MP3 header still says 7:17, but only seconds decode."""
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(AUDIO.read_bytes()[:60_000])
    assert run(cut, episode_file, "-o", tmp_path / "out") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cut.mp3" in err[0] and "cut short" in err[0], err
    assert not (tmp_path / "out").exists()


def test_unknown_speaker(episode_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(AUDIO, episode_file, "-o", tmp_path / "out", "--speaker", "Nobody") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no speaker named 'Nobody'" in err[0] and sample_facts.speakers()[0] in err[0]
    assert not (tmp_path / "out").exists()


def test_unwritable_output(episode_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert run(AUDIO, episode_file, "-o", blocker / "clips") == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert run(AUDIO, episode_file, "-o", blocker) == 2
    assert blocker.read_text() == "x"
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        try:
            assert run(AUDIO, episode_file, "-o", locked) == 2
            assert "not writable" in capsys.readouterr().err
        finally:
            locked.chmod(0o755)


def test_unaligned_episode_and_missing_audio(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plain.json"
    episode_json.save(load(SAMPLES / "episode.txt").episode, path)
    assert run(AUDIO, path, "-o", tmp_path / "out") == 2
    assert "align" in capsys.readouterr().err
    episode_json.save(fixture_episode(), path)
    assert run(tmp_path / "missing.mp3", path, "-o", tmp_path / "out") == 2
    assert "missing.mp3: no such file" in capsys.readouterr().err
