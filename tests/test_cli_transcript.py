"""``audiokit transcript``: summary, --json, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cli_main
import pytest
import sample_facts
import typer

from audiokit import episode_json
from audiokit.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "episode.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"


def argv(*args: str) -> list[str]:
    """Command-line arguments for the transcript command (typer runs a lone command
    without its name)."""
    is_group = isinstance(getattr(typer.main.get_command(app), "commands", None), dict)
    return ["transcript", *args] if is_group else list(args)


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    return cli_main.run(capsys, monkeypatch, *argv(*args))


def test_summary(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(capsys, monkeypatch, str(SAMPLE))
    assert code == 0, err
    assert err == ""
    assert "format:    plain" in out
    assert f"title:     {sample_facts.title()}" in out
    host = sample_facts.speakers()[0]
    assert f"{host} ({sample_facts.roles()[host]}): {sample_facts.turn_count(host)} turns" in out
    assert f"turns:     {sample_facts.turn_count()}" in out
    assert f"words:     {sample_facts.word_count()}" in out
    assert "preamble (not speech):" in out


def test_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, monkeypatch, str(SAMPLE), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "audiokit-episode"
    assert [s["name"] for s in doc["speakers"]] == sample_facts.speakers()
    assert all(w["start"] is None for t in doc["turns"] for w in t["words"])
    assert len(episode_json.loads(out).turns) == sample_facts.turn_count()


def test_warnings_go_to_stderr(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    p = tmp_path / "mono.txt"
    p.write_bytes("Just words, caf\xe9 style.\n".encode("cp1252"))
    code, out, err = run(capsys, monkeypatch, str(p), "--json")
    assert code == 0
    json.loads(out)
    assert "cp1252" in err and "no speaker labels" in err
    assert all(line.startswith("audiokit: warning: ") for line in err.splitlines())


def test_format_option(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, monkeypatch, str(FIXTURES / "interview.srt"), "--format", "srt")
    assert code == 0 and "format:    srt" in out and "JOHN SMITH" in out


def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\n")
    (tmp_path / "binary.txt").write_bytes(b"ID3\x00\x00\x01\x02" * 10)
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "bad.json").write_text('{"segments": [{"startTime": "soon", "body": "x"}]}')
    # JSON cut short (a download that stopped) is broken JSON, not a plain transcript of braces.
    (tmp_path / "cut.json").write_text('{"segments": [{"start": 0, "end": 1, "text": "hi"}')
    (tmp_path / "cut-list.txt").write_text('[{"start": 0, "end": 1, "text": "hi"},')
    return {
        "empty": tmp_path / "empty.txt",
        "blank": tmp_path / "blank.txt",
        "binary": tmp_path / "binary.txt",
        "folder": tmp_path / "folder.txt",
        "missing": tmp_path / "missing.txt",
        "bad-json": tmp_path / "bad.json",
        "cut-json": tmp_path / "cut.json",
        "cut-list": tmp_path / "cut-list.txt",
    }


@pytest.mark.parametrize("case", ["empty", "blank", "binary", "folder", "missing", "bad-json", "cut-json", "cut-list"])
def test_bad_input_is_one_line_exit_2(
    case: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = bad_inputs(tmp_path)[case]
    code, out, err = run(capsys, monkeypatch, str(path))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("audiokit: error: ") and path.name in lines[0]
    assert "Traceback" not in err
    if case.startswith("cut-"):
        assert "not valid JSON" in lines[0] and "line 1, column" in lines[0]


def test_bracketed_text_is_still_text(tmp_path: Path) -> None:
    """Only text that opens as JSON is held to JSON: "[00:01:02] Name:" and "[Music]" lines are not."""
    from audiokit.transcripts import detect_format

    assert detect_format("[00:00:01] Ann Lee: Hi.\n[00:00:04] Bob Roy: Yo.") == "timestamped"
    assert detect_format("[Music]\nAnn Lee: Hi there.\nBob Roy: Yo.\nAnn Lee: Bye.") == "plain"


def test_console_script_in_a_subprocess(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    cmd = [sys.executable, "-m", "audiokit", *argv(str(tmp_path / "empty.txt"))]
    result = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == f"audiokit: error: {tmp_path / 'empty.txt'}: file is empty"
    ok = subprocess.run(
        [sys.executable, "-m", "audiokit", *argv(str(SAMPLE), "--json")],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    assert len(json.loads(ok.stdout)["turns"]) == sample_facts.turn_count()
