"""Usage errors of every command: one line on stderr naming the command and the option, exit 2,
no usage box; --help and `audiokit` alone unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_main import run

ROOT = Path(__file__).resolve().parents[1]
AUDIO, TRANSCRIPT = ROOT / "samples" / "episode.mp3", ROOT / "samples" / "episode.txt"
COMMANDS = ("run", "demo", "transcript", "align", "captions", "lint", "chapters", "clips", "loudness", "level", "batch", "serve")
BOX = set("│─╭╮╰╯┌┐└┘")


def one_line(code: int, out: str, err: str) -> str:
    """The single stderr line of a usage error, after checking its shape."""
    assert code == 2, err
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n"), err
    assert "Usage:" not in err and "Try '" not in err and "Traceback" not in err
    assert not BOX & set(err)
    return lines[0]


def test_bad_choice_value(capsys, monkeypatch, tmp_path):
    out = tmp_path / "out"
    line = one_line(*run(capsys, monkeypatch, "run", AUDIO, TRANSCRIPT, "-o", out, "--skip", "foo"))
    assert line == "audiokit run: error: invalid value for --skip: 'foo' is not one of captions, chapters, clips, loudness, preview"
    line = one_line(*run(capsys, monkeypatch, "clips", tmp_path / "e.json", AUDIO, "-o", out, "--video", "round"))
    assert line.startswith("audiokit clips: error: invalid value for --video: 'round' is not one of ")
    line = one_line(*run(capsys, monkeypatch, "run", AUDIO, TRANSCRIPT, "-o", out, "--speaker-names", "nobody"))
    assert line.startswith("audiokit run: error: invalid value for --speaker-names: ")
    assert not out.exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option_of_every_command(capsys, monkeypatch, command):
    line = one_line(*run(capsys, monkeypatch, command, "--zzz"))
    assert line == f"audiokit {command}: error: no such option: --zzz"


def test_unknown_option_suggests_the_near_one(capsys, monkeypatch):
    line = one_line(*run(capsys, monkeypatch, "chapters", "e.json", "--cuont", "3"))
    assert line == "audiokit chapters: error: no such option: --cuont (did you mean --count?)"


def test_unknown_command(capsys, monkeypatch):
    line = one_line(*run(capsys, monkeypatch, "chapterz"))
    assert line.startswith("audiokit: error: no such command 'chapterz'.") and "'chapters'" in line


def test_missing_argument_and_option(capsys, monkeypatch, tmp_path):
    assert one_line(*run(capsys, monkeypatch, "chapters")) == "audiokit chapters: error: missing argument 'episode'."
    line = one_line(*run(capsys, monkeypatch, "run", AUDIO, TRANSCRIPT))
    assert line.startswith("audiokit run: error: missing option ") and "--output" in line


def test_not_an_integer(capsys, monkeypatch, tmp_path):
    line = one_line(*run(capsys, monkeypatch, "chapters", tmp_path / "e.json", "--count", "abc"))
    assert line.startswith("audiokit chapters: error: invalid value for '--count': ") and "integer" in line


def test_below_min_and_above_max(capsys, monkeypatch, tmp_path):
    line = one_line(*run(capsys, monkeypatch, "captions", tmp_path / "e.json", "--split-hls", "0"))
    assert line.startswith("audiokit captions: error: invalid value for '--split-hls': ") and "1" in line
    line = one_line(*run(capsys, monkeypatch, "serve", tmp_path, "--port", "70000"))
    assert line.startswith("audiokit serve: error: invalid value for '--port'") and "65535" in line


def test_help_is_unchanged(capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "chapters", "--help")
    assert code == 0 and err == "" and "Usage:" in out and "--count" in out
    code, out, err = run(capsys, monkeypatch)  # `audiokit` alone: the help, on stderr, as click does
    assert code == 2 and out == "" and "Usage:" in err and "chapters" in err


def test_console_script_in_a_subprocess(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "audiokit", "run", str(AUDIO), str(TRANSCRIPT), "-o",
                           str(tmp_path / "out"), "--video", "round"],
                          check=False, capture_output=True, text=True, timeout=120)
    assert one_line(proc.returncode, proc.stdout, proc.stderr).startswith("audiokit run: error: invalid value for --video")


@pytest.mark.parametrize("command", ["run", "demo", "batch"])
def test_skip_help_names_a_stage(capsys, monkeypatch, command):
    # `--skip <list[str]>` showed a Python type where the README says `--skip captions|...`.
    code, out, _ = run(capsys, monkeypatch, command, "--help")
    assert code == 0 and "--skip STAGE" in " ".join(out.split()) and "list[str]" not in out
