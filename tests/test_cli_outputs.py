"""No command writes over its own inputs or over a file of another kind: the output name is
checked before any work (one line on stderr, exit 2, every file as it was)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from cli_main import run

from audiokit import episode_json
from audiokit.cli.common import safe_output
from audiokit.errors import InputError, OutputError
from audiokit.model import Episode, Metadata, Sentence, Speaker, Turn, Word

SAMPLE_AUDIO = Path(__file__).resolve().parents[1] / "samples" / "episode.mp3"
TRANSCRIPT = "Dana: Welcome back. Today we talk about captions.\nLuis: Thanks for having me.\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An episode's files: audio, transcript, an aligned episode.json that names them, a word
    processor's binary notes and a text file of links."""
    shutil.copyfile(SAMPLE_AUDIO, tmp_path / "episode.mp3")
    (tmp_path / "notes.txt").write_bytes(b"\x00 notes from a word processor")
    (tmp_path / "links.txt").write_text("https://example.org/show-notes\n")
    (tmp_path / "episode.txt").write_text(TRANSCRIPT)
    t, turns = 0.5, []
    for speaker, text in [("Dana", "Welcome back. Today we talk about captions."), ("Luis", "Thanks for having me.")]:
        words = []
        for token in text.split():
            words.append(Word(token, round(t, 3), round(t + 0.3, 3)))
            t += 0.4
        turns.append(Turn(speaker, (Sentence(tuple(words)),)))
    ep = Episode(tuple(turns), (Speaker("Dana"), Speaker("Luis")), 
                 Metadata(source=str(tmp_path / "episode.txt"), audio=str(tmp_path / "episode.mp3")))
    episode_json.save(ep, tmp_path / "episode.json")
    return tmp_path


def test_new_and_own_kind_outputs_pass(folder: Path) -> None:
    inputs = [folder / "episode.json", None]
    assert safe_output(folder / "captions.vtt", inputs) == folder / "captions.vtt"
    (folder / "captions.vtt").write_text("WEBVTT\n\n")  # an earlier run's captions are replaced
    assert safe_output(folder / "captions.vtt", inputs) == folder / "captions.vtt"
    assert safe_output(folder / "copy.mp3", inputs, text=False) == folder / "copy.mp3"
    shutil.copyfile(SAMPLE_AUDIO, folder / "copy.mp3")
    assert safe_output(folder / "copy.mp3", inputs, text=False) == folder / "copy.mp3"


def test_an_input_under_any_name_is_refused(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    transcript = folder / "episode.txt"
    os.link(transcript, folder / "hard.txt")
    (folder / "soft.txt").symlink_to(transcript)
    monkeypatch.chdir(folder)
    for name in (transcript, Path("episode.txt"), Path("./sub/../episode.txt"), folder / "hard.txt",
                 folder / "soft.txt"):
        (folder / "sub").mkdir(exist_ok=True)
        with pytest.raises(InputError, match="is an input of this command"):
            safe_output(name, [folder / "episode.mp3", transcript])


def test_a_file_of_another_kind_is_refused(folder: Path) -> None:
    with pytest.raises(InputError, match="is not a text file; not overwritten"):
        safe_output(folder / "episode.mp3", [])
    with pytest.raises(InputError, match="is a text file, not audio"):
        safe_output(folder / "episode.txt", [], text=False)
    (folder / "utf16.txt").write_text(TRANSCRIPT, encoding="utf-16")  # text, but not as audiokit writes it
    with pytest.raises(InputError, match="not a text file"):
        safe_output(folder / "utf16.txt", [])
    # A multi-byte character cut by the 64 KB read is still text.
    (folder / "long.txt").write_bytes(b"a" * 65535 + "é".encode())
    assert safe_output(folder / "long.txt", []) == folder / "long.txt"


def test_folders_are_refused(folder: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        safe_output(folder, [])
    with pytest.raises(OutputError, match="folder does not exist"):
        safe_output(folder / "missing" / "x.vtt", [])


@pytest.mark.parametrize(
    ("args", "target", "message"),
    [
        (("align", "{d}/episode.mp3", "{d}/episode.txt", "-o", "{d}/episode.txt"), "episode.txt",
         "is an input of this command"),
        (("align", "{d}/episode.mp3", "{d}/episode.txt", "-o", "{d}/new.json", "--report", "{d}/episode.mp3"),
         "episode.mp3", "is an input of this command"),
        (("align", "{d}/episode.mp3", "{d}/episode.txt", "-o", "{d}/episode.json", "--report", "{d}/episode.json"),
         "episode.json", "--report names the same file as -o"),
        (("captions", "{d}/episode.json", "-o", "{d}/episode.json", "--format", "json"), "episode.json",
         "is an input of this command"),
        (("captions", "{d}/episode.json", "-o", "{d}/episode.mp3", "--format", "vtt"), "episode.mp3",
         "is an input of this command"),
        (("chapters", "{d}/episode.json", "-o", "{d}/episode.json"), "episode.json", "is an input of this command"),
        (("chapters", "{d}/episode.json", "-o", "{d}/episode.txt"), "episode.txt", "is an input of this command"),
        (("chapters", "{d}/episode.json", "-o", "{d}/notes.txt"), "notes.txt", "is not a text file; not overwritten"),
        (("chapters", "{d}/episode.json", "--embed", "{d}/episode.mp3", "--embed-out", "{d}/links.txt"),
         "links.txt", "is a text file, not audio"),
        (("chapters", "{d}/episode.json", "-o", "{d}/both.mp3", "--format", "podcast-json", "--embed", "{d}/episode.mp3",
          "--embed-out", "{d}/both.mp3"), "both.mp3", "--embed-out names the same file as -o"),
    ],
)
def test_commands_refuse_before_writing(folder: Path, args: tuple[str, ...], target: str, message: str,
                                        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p.name: digest(p) for p in folder.iterdir()}
    code, _, err = run(capsys, monkeypatch, *(a.format(d=folder) for a in args))
    assert code == 2, err
    assert len(err.splitlines()) == 1 and message in err and str(folder / target) in err, err
    assert {p.name: digest(p) for p in folder.iterdir()} == before
