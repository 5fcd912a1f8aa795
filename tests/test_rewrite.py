"""audiokit.rewrite: the decode -> change -> encode pipe fails cleanly, whichever side fails."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from audiokit.errors import InputError, OutputError
from audiokit.rewrite import rewrite


@pytest.fixture
def long_wav(tmp_path: Path) -> Path:
    path = tmp_path / "tone.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:d=30", "-ac", "2", str(path)],
                   check=True)
    return path


def test_an_encoder_that_stops_is_an_output_error_not_a_hang(long_wav: Path, tmp_path: Path) -> None:
    # 30 s of stereo fills the decoder's pipe many times over: it must be stopped, not waited on.
    with pytest.raises(OutputError, match="Unknown encoder"):
        rewrite(long_wav, tmp_path / "out.wav", lambda blocks, rate: blocks, ["-c:a", "no_such_codec", "-f", "wav"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tone.wav"]


def test_a_transform_that_fails_stops_both_processes(long_wav: Path, tmp_path: Path) -> None:
    def failing(blocks: object, rate: int) -> list[np.ndarray]:
        raise RuntimeError("a bug in the transform")

    with pytest.raises(RuntimeError, match="a bug"):
        rewrite(long_wav, tmp_path / "out.wav", failing, ["-c:a", "pcm_s16le", "-f", "wav"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tone.wav"]


def test_audio_that_cannot_be_decoded_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.wav"
    bad.write_text("not audio at all\n")
    with pytest.raises(InputError, match="not an audio file"):
        rewrite(bad, tmp_path / "out.wav", lambda blocks, rate: blocks, ["-c:a", "pcm_s16le", "-f", "wav"])
