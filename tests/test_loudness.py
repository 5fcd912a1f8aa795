"""Loudness (audiokit/loudness): BS.1770 gating over parts of an episode, ffmpeg's meter checked
against pyloudnorm and against signals of known level, the verdicts, and `audiokit loudness`."""

from __future__ import annotations

import json
import math
import wave
from pathlib import Path

import numpy as np
import pytest
from cli_main import run
from hypothesis import given
from hypothesis import strategies as st

from audiokit import episode_json
from audiokit.loudness import measure_episode
from audiokit.loudness.check import Report, lines, problems
from audiokit.loudness.gating import integrated, speaker_loudness
from audiokit.loudness.meter import measure
from audiokit.model import Episode, Sentence, Turn, Word

RATE = 48_000


def write_wav(path: Path, samples: np.ndarray) -> Path:
    """``samples`` (float in -1..1; one column per channel) as 16-bit PCM."""
    data = np.clip(samples, -1, 1)
    data = data[:, None] if data.ndim == 1 else data
    with wave.open(str(path), "wb") as w:
        w.setnchannels(data.shape[1])
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((data * 32767).astype("<i2").tobytes())
    return path


def speech_like(seconds: float, gain_db: float, seed: int) -> np.ndarray:
    """Band-limited noise in syllable-length bursts, at ``gain_db`` relative to a fixed level."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    noise = np.convolve(rng.standard_normal(n), np.ones(8) / 8, mode="same")
    bursts = (np.sin(np.arange(n) * 2 * np.pi * 4 / RATE) > -0.3).astype(float)
    return 0.1 * 10 ** (gain_db / 20) * noise * bursts


@given(st.lists(st.floats(-45, -5), min_size=1, max_size=40), st.floats(-20, 20))
def test_property_gating_moves_with_the_level(blocks: list[float], shift: float) -> None:
    # Loudness is relative: every block louder by `shift` makes the result louder by `shift`
    # (while all stay above the absolute gate), and a constant programme measures its level.
    base = integrated(blocks)
    moved = integrated([b + shift for b in blocks])
    assert base is not None and moved is not None
    assert moved == pytest.approx(base + shift, abs=1e-6)
    assert integrated([blocks[0]] * 5) == pytest.approx(blocks[0], abs=1e-9)
    assert min(blocks) - 1e-9 <= base <= max(blocks) + 1e-9


def test_blocks_shared_by_two_speakers_or_outside_turns_count_for_nobody() -> None:
    ends = [0.4 + 0.1 * k for k in range(120)]
    blocks = [-20.0] * 120
    levels = speaker_loudness(ends, blocks, [("Ann", 0.0, 5.0), ("Bo", 4.0, 6.0), ("Ann", 9.0, 12.5)])
    # Ann: blocks wholly in 0-4 (before Bo starts) and in 9-12.5: 37 + 32; Bo: 4-6 overlaps Ann up to 5: 10 blocks.
    assert levels["Ann"] == pytest.approx(-20.0) and levels["Bo"] is None


@pytest.fixture(scope="module")
def two_voices(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Episode]:
    # Ann speaks 0-12 s at the reference level, Bo 12.5-24.5 s 6 dB lower.
    signal = np.concatenate([speech_like(12, 0, 1), np.zeros(RATE // 2), speech_like(12, -6, 2)])
    path = write_wav(tmp_path_factory.mktemp("loud") / "two.wav", signal)
    ep = Episode((Turn("Ann", (Sentence((Word("Hello", 0.0, 6.0), Word("there.", 6.0, 12.0))),)),
                  Turn("Bo", (Sentence((Word("Hi", 12.5, 18.0), Word("back.", 18.0, 24.5))),))))
    return path, ep


def test_each_speaker_is_measured_at_their_own_level(two_voices: tuple[Path, Episode]) -> None:
    path, ep = two_voices
    report = measure_episode(path, ep)
    assert report.speakers["Ann"] - report.speakers["Bo"] == pytest.approx(6.02, abs=0.15)  # type: ignore[operator]
    m = measure(path)
    assert integrated(m.blocks) == pytest.approx(m.integrated, abs=0.1)  # our gating = ffmpeg's, from its blocks
    assert problems(report) == ["Bo is 6.0 LU quieter than Ann: level the speakers (they are more than 3 LU apart)"]


def test_ffmpeg_agrees_with_pyloudnorm_and_stereo_is_3_lu_louder(tmp_path: Path) -> None:
    import pyloudnorm

    mono = speech_like(20, -3, 7)
    ours = measure(write_wav(tmp_path / "mono.wav", mono))
    theirs = pyloudnorm.Meter(RATE).integrated_loudness(np.round(mono * 32767) / 32767)
    assert ours.channels == 1 and ours.integrated == pytest.approx(theirs, abs=0.2)
    stereo = measure(write_wav(tmp_path / "stereo.wav", np.stack([mono, mono], axis=1)))
    assert stereo.channels == 2
    assert stereo.integrated - ours.integrated == pytest.approx(10 * math.log10(2), abs=0.15)  # type: ignore[operator]


def test_verdict_lines_and_problems() -> None:
    loud = Report(-13.2, 6.0, 0.3, 2, {"Ann": -13.0})
    assert lines(loud)[0].startswith("loudness: -13.2 LUFS integrated (Apple Podcasts asks -16 LUFS +-1; 2.8 LU too loud)")
    assert problems(loud) == ["true peak 0.3 dBTP is above -1 dBTP: it may clip once encoded"]
    assert len(lines(loud)) == 1  # one speaker: no balance to tell
    assert lines(Report(None, 0.0, -200.0, 2)) == ["loudness: the audio is silent"]


def test_cli(two_voices: tuple[Path, Episode], tmp_path: Path, capsys: pytest.CaptureFixture[str],
             monkeypatch: pytest.MonkeyPatch) -> None:
    path, ep = two_voices
    code, out, err = run(capsys, monkeypatch, "loudness", str(path))
    assert code == 0 and out.startswith("loudness: ") and "speakers" not in out
    episode_path = episode_json.save(ep, tmp_path / "episode.json")
    result = tmp_path / "loudness.json"
    code, out, err = run(capsys, monkeypatch, "loudness", str(path), str(episode_path), "--target", "spotify",
                         "-o", str(result))
    assert code == 1 and "Spotify asks -17 LUFS" in out  # mono: 3 LU under Spotify's -14
    assert "audiokit: warning: Bo is 6.0 LU quieter than Ann" in err
    data = json.loads(result.read_text())
    assert data["target"]["name"] == "Spotify" and set(data["speakers"]) == {"Ann", "Bo"} and data["problems"]
    code, _, err = run(capsys, monkeypatch, "loudness", str(path), "--target", "radio")
    assert code == 2 and err.count("\n") == 1 and "unknown loudness target 'radio'" in err
    code, _, err = run(capsys, monkeypatch, "loudness", str(episode_path))
    assert code == 2 and err.count("\n") == 1 and "cannot measure loudness" in err and "episode.json" in err


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(float) / 32767


def test_gain_plan_ramps_only_in_pauses() -> None:
    from audiokit.loudness.level import gain_plan

    turns = [("Ann", 1.0, 4.0), ("Bo", 4.5, 9.0), ("Ann", 9.0, 12.0), ("Cy", 12.2, 12.5)]
    plan = gain_plan(turns, {"Ann": -20.0, "Bo": -26.0, "Cy": None}, -20.0)
    assert plan.gains == {"Ann": 0.0, "Bo": 6.0}  # Cy: too little speech to measure
    for speaker, start, end in turns:  # each turn at its own gain over all its words
        want = plan.gains.get(speaker, plan.between)
        assert all(plan.at(t) == pytest.approx(want) for t in np.linspace(start + 0.03, end - 0.03, 20))
    assert plan.at(0.0) == pytest.approx(plan.between) and plan.at(30.0) == pytest.approx(plan.between)
    times = [p[0] for p in plan.points]
    assert times == sorted(times)


@given(st.lists(st.tuples(st.sampled_from(["Ann", "Bo", "Cy"]), st.floats(0.05, 5), st.floats(-0.5, 2)),
                min_size=1, max_size=12),
       st.dictionaries(st.sampled_from(["Ann", "Bo", "Cy"]), st.one_of(st.none(), st.floats(-40, -10))))
def test_property_the_gain_curve_is_defined_and_bounded_everywhere(steps: list[tuple[str, float, float]],
                                                                   levels: dict[str, float | None]) -> None:
    from audiokit.loudness.level import MAX_GAIN, gain_plan

    t, turns = 0.0, []
    for speaker, length, gap in steps:  # a negative gap overlaps the turn before
        start = max(0.0, t + gap)
        turns.append((speaker, start, start + length))
        t = start + length
    plan = gain_plan(turns, levels, -19.0)
    times = [p[0] for p in plan.points]
    assert times == sorted(times)
    curve = plan.curve(0.0, 2000, 100)
    assert np.all(np.isfinite(curve)) and np.all(curve > 0)
    assert np.all(curve <= 10 ** (MAX_GAIN / 20) + 1e-9) and np.all(curve >= 10 ** (-MAX_GAIN / 20) - 1e-9)


@pytest.mark.parametrize("resampler", ["soxr", "ffmpeg's own"])
def test_levelling_brings_the_speakers_together_without_moving_a_sample(two_voices: tuple[Path, Episode],
                                                                          tmp_path: Path, resampler: str,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from audiokit.loudness import apply, level_episode

    if resampler != "soxr":  # an ffmpeg built without libsoxr
        monkeypatch.setattr(apply, "_resampler", lambda ffmpeg: ":filter_size=256:cutoff=0.995:phase_shift=12")
    path, ep = two_voices
    before_bytes = path.read_bytes()
    out = tmp_path / "levelled.wav"
    before, after, plan = level_episode(path, ep, out)
    assert before.speakers["Ann"] - before.speakers["Bo"] == pytest.approx(6.02, abs=0.15)  # type: ignore[operator]
    assert path.read_bytes() == before_bytes  # the input is not touched
    assert plan.gains["Bo"] - plan.gains["Ann"] == pytest.approx(6.02, abs=0.15)
    assert abs(after.speakers["Ann"] - after.speakers["Bo"]) < 0.3  # type: ignore[operator]
    assert after.integrated == pytest.approx(-19.0, abs=1.0)  # mono: Apple's -16 less 3 LU
    assert after.true_peak <= -1.0
    original, levelled = read_wav(path), read_wav(out)
    assert len(levelled) == len(original)  # the limiter's look-ahead is compensated: no word moves
    inside = slice(int(2 * RATE), int(10 * RATE))  # Ann's turn, away from the ramps
    gain = 10 ** (plan.gains["Ann"] / 20)
    loud = np.abs(original[inside] * gain) < 0.7  # where the limiter did not act
    assert np.allclose(levelled[inside][loud], original[inside][loud] * gain, atol=2e-3)
    assert not list(tmp_path.glob(".levelled-*"))  # no temporary file left


def test_peaks_between_samples_are_held_too(tmp_path: Path) -> None:
    # A quiet 16 kHz recording with peaks between its samples, brought up ~13 dB: limiting only the samples
    # let the peaks between them reach about -0.1 dBTP on real-mfa. And the limiter's loss of
    # loudness is made up, so the copy still meets the target.
    from audiokit.loudness import level_episode

    rate = 16_000
    rng = np.random.default_rng(7)
    n = 20 * rate
    signal = 0.03 * np.convolve(rng.standard_normal(n), np.ones(4) / 4, mode="same")
    # Bursts of a quarter-rate tone sampled 45 degrees off its crests (sibilance-like): every
    # sample is 3 dB under the wave's true peak, which lies between samples.
    t = np.arange(n)
    burst = (t % rate) < rate // 100
    signal[burst] += 0.15 * np.sin(2 * np.pi * t[burst] / 4 + np.pi / 4)
    path = tmp_path / "quiet16k.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((signal * 32767).astype("<i2").tobytes())
    ep = Episode((Turn("Ann", (Sentence((Word("Hello", 0.0, 10.0), Word("there.", 10.0, 20.0))),)),))
    before, after, _ = level_episode(path, ep, tmp_path / "up.wav")
    assert before.integrated is not None and before.integrated < -30
    assert after.true_peak <= -1.0
    assert after.integrated == pytest.approx(-19.0, abs=1.0)


def test_level_cli(two_voices: tuple[Path, Episode], tmp_path: Path, capsys: pytest.CaptureFixture[str],
                   monkeypatch: pytest.MonkeyPatch) -> None:
    path, ep = two_voices
    episode_path = episode_json.save(ep, tmp_path / "episode.json")
    out = tmp_path / "levelled.mp3"
    code, stdout, err = run(capsys, monkeypatch, "level", str(path), str(episode_path), "-o", str(out))
    assert code == 0, err
    assert stdout.splitlines()[0].startswith("before: ") and "gains: Ann +" in stdout and "Bo +" in stdout
    assert "speakers within 0." in stdout.splitlines()[2] and out.read_bytes()[:3] in (b"ID3", b"\xff\xfb")
    code, _, err = run(capsys, monkeypatch, "level", str(path), str(episode_path), "-o", str(tmp_path / "x.txt"))
    assert code == 2 and err.count("\n") == 1 and "cannot write .txt" in err
    before = path.read_bytes()
    code, _, err = run(capsys, monkeypatch, "level", str(path), str(episode_path), "-o", str(path))
    assert code == 2 and err.count("\n") == 1 and path.read_bytes() == before  # never over its own input


def test_an_episode_of_other_audio_is_refused(two_voices: tuple[Path, Episode], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Its speakers would be measured over someone else's audio, and `level` would write a copy so.
    from dataclasses import replace

    from audiokit.model import Metadata

    path, ep = two_voices
    longer = replace(ep, metadata=Metadata(duration=600.0))
    episode_path = episode_json.save(longer, tmp_path / "other.json")
    for command in (["loudness", str(path), str(episode_path)],
                    ["level", str(path), str(episode_path), "-o", str(tmp_path / "l.wav")]):
        code, out, err = run(capsys, monkeypatch, *command)
        assert code == 2 and out == "" and err.count("\n") == 1
        assert "aligned to 600.0 s of audio; is this the audio the episode was aligned to?" in err
    assert not (tmp_path / "l.wav").exists()


def test_the_levelled_copy_keeps_the_source_s_rate_and_channels(tmp_path: Path) -> None:
    # A 16 kHz mono episode stays 16 kHz mono, sample for sample (clips are made at 44.1 kHz; a copy is not).
    from audiokit.loudness.apply import apply_plan
    from audiokit.loudness.level import Plan

    source = tmp_path / "low.wav"
    with wave.open(str(source), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes((speech_like(2, -6, 3)[: 32_000] * 32767).astype("<i2").tobytes())
    out = apply_plan(source, Plan({}, 0.0, ()), tmp_path / "copy.wav")
    with wave.open(str(out), "rb") as w:
        assert (w.getframerate(), w.getnchannels(), w.getnframes()) == (16_000, 1, 32_000)
