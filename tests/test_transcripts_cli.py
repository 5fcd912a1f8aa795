"""The transcript readers from the command line: which shape was recognised, renaming
speakers with --speaker-names (transcript, align, run), and broken or unknown files as one
line on stderr with exit status 2."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from audiokit.cli.common import speaker_names
from audiokit.cli.run import _options
from audiokit.transcripts import load

ROOT = Path(__file__).resolve().parents[1]
SHAPES = Path(__file__).parent / "fixtures" / "transcripts" / "shapes"
SAMPLE_AUDIO = ROOT / "samples" / "episode.mp3"
SAMPLE_TEXT = ROOT / "samples" / "episode.txt"
AWS_NAMES = "spk_0=Dana Whitfield, spk_1=Luis Ortega"


def audiokit(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "audiokit", *map(str, args)], capture_output=True, text=True, check=False
    )


def test_transcript_says_which_shape() -> None:
    run = audiokit("transcript", SHAPES / "descript.txt")
    assert run.returncode == 0, run.stderr
    assert "format:    timestamped" in run.stdout
    assert "shape:     Descript text export" in run.stdout


def test_transcript_speaker_names(tmp_path: Path) -> None:
    run = audiokit("transcript", SHAPES / "aws-transcribe.json", "--speaker-names", AWS_NAMES, "--json")
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert [s["name"] for s in doc["speakers"]] == ["Dana Whitfield", "Luis Ortega"]
    assert [t["speaker"] for t in doc["turns"]] == ["Dana Whitfield", "Luis Ortega"] * 2
    assert doc["turns"][0]["hint"] is not None


def test_unknown_speaker_label_is_a_warning() -> None:
    run = audiokit("transcript", SHAPES / "aws-transcribe.json", "--speaker-names", "spk_7=Nobody")
    assert run.returncode == 0
    assert "warning" in run.stderr and "spk_7" in run.stderr and "spk_0" in run.stderr


@pytest.mark.parametrize("value", ["spk_0", "=Dana", "spk_0=", "a=B,a=C", ",", "a=B=C"])
def test_malformed_speaker_names_is_a_usage_error(value: str) -> None:
    with pytest.raises(typer.BadParameter) as info:
        speaker_names(value)
    assert "--speaker-names" in str(info.value.param_hint)


def test_every_command_that_reads_a_transcript_checks_speaker_names_first(tmp_path: Path) -> None:
    for command in (
        ["transcript", SHAPES / "rev.txt"],
        ["align", SAMPLE_AUDIO, SHAPES / "rev.txt", "-o", tmp_path / "x.json"],
        ["run", SAMPLE_AUDIO, SHAPES / "rev.txt", "-o", tmp_path / "out"],
    ):
        run = audiokit(*command, "--speaker-names", "spk_0")
        assert run.returncode == 2
        assert "--speaker-names" in run.stderr and "Traceback" not in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_run_passes_speaker_names_to_the_pipeline() -> None:
    options = _options("netflix", None, 30.0, 3, 15.0, 60.0, -16.0, None, None, names=AWS_NAMES)
    assert options.speaker_names == (("spk_0", "Dana Whitfield"), ("spk_1", "Luis Ortega"))
    assert _options("netflix", None, 30.0, 3, 15.0, 60.0, -16.0, None, None).speaker_names == ()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '{"results": {"items": [{"type": "pronunciation", "start_time": "0.1", "end_time": "0.2"}]}}',
            "AWS Transcribe JSON: results.items[0]: no alternatives",
        ),
        (
            '{"results": {"items": [{"start_time": "soon", "alternatives": [{"content": "Hi"}]}]}}',
            "AWS Transcribe JSON: results.items[0].start_time: expected a time, got 'soon'",
        ),
        (
            '{"monologues": [{"speaker": 0, "elements": "Hi"}]}',
            "Rev.ai JSON: monologues[0].elements: expected a list",
        ),
        (
            '{"segments": [{"start": 0, "end": 1, "text": 5}]}',
            "Whisper JSON: segments[0].text: expected text, got 5",
        ),
        (
            '{"results": {"channels": [{"alternatives": []}]}}',
            "Deepgram JSON: results.channels[0]: no alternatives",
        ),
        (
            '{"utterances": [{"speaker": "A", "start": "x", "text": "Hi", "words": []}]}',
            "AssemblyAI JSON: utterances[0].start: expected a time",
        ),
        ('{"events": [{"tStartMs": 0, "segs": [{"utf8": 3}]}]}', "YouTube json3: events[0].segs[0].utf8"),
        ('{"podcast": "Night Signals", "episodes": [1, 2]}', "not a transcript shape audiokit reads"),
        ("1\n00:00:01,000 --> later\nHi\n", "SubRip: line 2: bad cue timing line"),
        ("0:00:01.000,0:00:00.500\nHi\n", "YouTube SBV: line 1: cue ends before it starts"),
    ],
)
def test_broken_files_are_one_line_naming_the_shape(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "export.data"
    path.write_text(content)
    run = audiokit("transcript", path)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert str(path) in lines[0] and expected in lines[0]


def test_unknown_json_lists_the_shapes(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text('{"title": "Night Signals", "notes": ["tapes", "vinegar"]}')
    run = audiokit("transcript", path)
    assert run.returncode == 2
    for shape in (
        "AWS Transcribe JSON",
        "Deepgram JSON",
        "AssemblyAI JSON",
        "Rev.ai JSON",
        "WhisperX",
        "Google Speech-to-Text JSON",
        "YouTube json3",
        "Podcasting 2.0 JSON",
    ):
        assert shape in run.stderr


def test_bad_times_become_warnings_not_hints(tmp_path: Path) -> None:
    doc = json.loads((SHAPES / "deepgram.json").read_text())
    words = doc["results"]["channels"][0]["alternatives"][0]["words"]
    words[0]["start"] = -3.0  # negative
    words[-1]["end"] = words[-1]["start"] - 1  # ends before it starts
    words[-12]["start"], words[-12]["end"] = 1.0, 1.2  # a turn that jumps back in time
    path = tmp_path / "deepgram.json"
    path.write_text(json.dumps(doc))
    t = load(path)
    assert [w.text for w in t.episode.words()] == [w["punctuated_word"] for w in words]
    assert any("not used as hints" in w for w in t.warnings)
    hints = [turn.hint for turn in t.episode.turns if turn.hint is not None]
    assert [h.start for h in hints] == sorted(h.start for h in hints)
    run = audiokit("transcript", path)
    assert run.returncode == 0 and "not used as hints" in run.stderr


def test_zoom_captions_going_backwards_drop_their_hints(tmp_path: Path) -> None:
    text = (SHAPES / "zoom-captions.txt").read_text().replace("20:14:14", "20:13:00")
    path = tmp_path / "zoom.txt"
    path.write_text(text)
    t = load(path)
    assert all(turn.hint is None for turn in t.episode.turns)
    assert any("backwards" in w for w in t.warnings)


def _excerpt_with_every_speaker(folder: Path) -> tuple[Path, Path]:
    """The sample's first turns up to the first in which every speaker has spoken (from its
    truth file), as WAV with their transcript: a few seconds of alignment, not minutes."""
    truth = json.loads((SAMPLE_AUDIO.parent / "episode.truth.json").read_text())["turns"]
    everyone = {t["speaker"] for t in truth}
    count = next(k for k in range(1, len(truth) + 1) if {t["speaker"] for t in truth[:k]} == everyone)
    audio, text = folder / "excerpt.wav", folder / "excerpt.txt"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(SAMPLE_AUDIO), "-t",
                    f"{truth[count - 1]['end'] + 0.3:.3f}", str(audio)], check=True)
    turns = load(SAMPLE_TEXT).episode.turns[:count]
    text.write_text("\n\n".join(f"{t.speaker}: {t.text}" for t in turns), encoding="utf-8")
    return audio, text


@pytest.mark.skipif(
    shutil.which("ffmpeg") is None or not SAMPLE_AUDIO.exists(), reason="needs ffmpeg and samples/"
)
def test_align_renames_speakers_in_episode_json(tmp_path: Path) -> None:
    audio, text = _excerpt_with_every_speaker(tmp_path)
    speakers = [s.name for s in load(text).episode.speakers]
    assert speakers == [s.name for s in load(SAMPLE_TEXT).episode.speakers]
    names = {label: f"Guest {k}" for k, label in enumerate(speakers)}
    out = tmp_path / "episode.json"
    run = audiokit(
        "align",
        audio,
        text,
        "-o",
        out,
        "--quiet",
        "--speaker-names",
        ",".join(f"{a}={b}" for a, b in names.items()),
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads(out.read_text())
    assert [s["name"] for s in doc["speakers"]] == list(names.values())
    assert {t["speaker"] for t in doc["turns"]} <= set(names.values())
