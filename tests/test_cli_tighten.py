"""`audiokit tighten` end to end on a made-up recording: the files it writes (the copy, the
re-timed episode, the Audacity labels), their agreement with each other, and bad input."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pytest
from cli_main import run
from test_loudness import RATE, write_wav

from audiokit import episode_json
from audiokit.model import Episode, Metadata, Sentence, Turn, Word


def _sound(seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 0.2 * rng.standard_normal(round(seconds * RATE))


def _quiet(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * RATE))


@pytest.fixture
def recording(tmp_path: Path) -> tuple[Path, Path]:
    """Ann: "Hello," (0.5-1.0) "um," (1.6-2.0) "there." (2.6-3.0), a 3 s pause, Bo: "Hi." (6.0-6.4)."""
    pieces = [_quiet(0.5), _sound(0.5, 1), _quiet(0.6), _sound(0.4, 2), _quiet(0.6), _sound(0.4, 3),
              _quiet(3.0), _sound(0.4, 4), _quiet(0.6)]
    samples = np.concatenate(pieces)
    audio = write_wav(tmp_path / "talk.wav", samples)
    ep = Episode((Turn("Ann", (Sentence((Word("Hello,", 0.5, 1.0), Word("um,", 1.6, 2.0), Word("there.", 2.6, 3.0))),)),
                  Turn("Bo", (Sentence((Word("Hi.", 6.0, 6.4),)),))),
                 metadata=Metadata(duration=len(samples) / RATE))
    return audio, episode_json.save(ep, tmp_path / "episode.json")


def _seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def test_tighten_writes_the_copy_the_episode_and_the_labels(recording: tuple[Path, Path], tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    audio, episode = recording
    before = audio.read_bytes()
    out = tmp_path / "tight.wav"
    code, stdout, err = run(capsys, monkeypatch, "tighten", str(audio), str(episode), "-o", str(out))
    assert code == 0, err
    assert stdout.startswith("cut 1 pause (2.2 s) and 1 of 1 written hesitation")
    assert audio.read_bytes() == before  # the input is not touched
    labels = [line.split("\t") for line in (tmp_path / "tight.cuts.txt").read_text().splitlines()]
    assert [label[2].split()[0] for label in labels] == ["hesitation", "pause"]
    removed = sum(float(b) - float(a) for a, b, _ in labels)
    assert _seconds(out) == pytest.approx(_seconds(audio) - removed, abs=0.001)
    tight = episode_json.load(tmp_path / "tight.episode.json")
    assert [w.text for w in tight.words()] == ["Hello,", "there.", "Hi."]
    assert tight.metadata.audio == str(out)
    assert tight.metadata.duration == pytest.approx(_seconds(out), abs=0.001)
    # Each word is where its sound now is: the loud samples of the copy lie under the words.
    with wave.open(str(out), "rb") as w:
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(float) / 32767
    for word in tight.words():
        assert word.start is not None and word.end is not None
        inside = samples[int((word.start + 0.02) * RATE): int((word.end - 0.02) * RATE)]
        assert np.sqrt(np.mean(inside ** 2)) > 0.1, word
    gaps = [b.start - a.end for a, b in zip(list(tight.words()), list(tight.words())[1:])]  # type: ignore[operator]
    # The 3 s pause keeps 0.8 s of quiet (the frames at the words' edges ring from resampling).
    assert max(gaps) == pytest.approx(0.8, abs=0.03)
    assert "wrote" in err and "warning" not in err


def test_keep_hesitations_and_a_longer_pause(recording: tuple[Path, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    audio, episode = recording
    out = tmp_path / "t.flac"
    code, stdout, _ = run(capsys, monkeypatch, "tighten", str(audio), str(episode), "-o", str(out),
                          "--keep-hesitations", "--max-pause", "2", "--episode-out", str(tmp_path / "e.json"),
                          "--labels", str(tmp_path / "cuts.txt"), "-q")
    assert code == 0 and stdout.startswith("cut 1 pause (1.0 s): 0:07 -> 0:06")
    assert [w.text for w in episode_json.load(tmp_path / "e.json").words()] == ["Hello,", "um,", "there.", "Hi."]
    assert len((tmp_path / "cuts.txt").read_text().splitlines()) == 1


def test_bad_input_is_one_line_and_nothing_is_written(recording: tuple[Path, Path], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    audio, episode = recording
    cases = [
        (["tighten", str(audio), str(tmp_path / "none.json"), "-o", str(tmp_path / "a.wav")], "none.json: no such file"),
        (["tighten", str(audio), str(episode), "-o", str(tmp_path / "a.txt")], "cannot write .txt"),
        (["tighten", str(audio), str(episode), "-o", str(audio)], "is an input of this command"),
        (["tighten", str(audio), str(episode), "-o", str(tmp_path / "a.wav"), "--labels", str(episode)],
         "is an input of this command"),
        (["tighten", str(audio), str(episode), "-o", str(tmp_path / "a.wav"), "--max-pause", "0"], "--max-pause"),
    ]
    for args, said in cases:
        code, stdout, err = run(capsys, monkeypatch, *args)
        assert code == 2 and stdout == "" and err.count("\n") == 1 and said in err, err
    other = tmp_path / "other.json"
    data = json.loads(episode.read_text())
    data["metadata"]["duration"] = 600.0
    other.write_text(json.dumps(data))
    code, _, err = run(capsys, monkeypatch, "tighten", str(audio), str(other), "-o", str(tmp_path / "a.wav"))
    assert code == 2 and err.count("\n") == 1 and "is this the audio the episode was aligned to?" in err
    # Half a second out (an intro trimmed after aligning) is enough to refuse: every cut would shift.
    data["metadata"]["duration"] = _seconds(audio) + 0.5
    other.write_text(json.dumps(data))
    code, _, err = run(capsys, monkeypatch, "tighten", str(audio), str(other), "-o", str(tmp_path / "a.wav"))
    assert code == 2 and err.count("\n") == 1 and "is this the audio the episode was aligned to?" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["episode.json", "other.json", "talk.wav"]
