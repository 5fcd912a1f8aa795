"""Riding the level within a speaker (``audiokit level --ride``): passages, their corrections,
the gain curve they make, and a levelled copy of a speaker who leans away from the microphone."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from cli_main import run
from hypothesis import given
from hypothesis import strategies as st
from test_loudness import RATE, speech_like, write_wav

from audiokit import episode_json
from audiokit.loudness import level_episode, measure_episode, problems
from audiokit.loudness.gating import speaker_loudness
from audiokit.loudness.level import gain_plan
from audiokit.loudness.meter import measure
from audiokit.loudness.ride import DEADBAND, MIN_PAUSE, PASSAGE, RIDE_MAX, corrections, offsets, passages
from audiokit.model import Episode, Sentence, Turn, Word

spans = st.lists(st.tuples(st.floats(0.2, 8.0), st.floats(0.0, 1.0)), min_size=1, max_size=12)


def _turn(start: float, pieces: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sentence spans from (length, pause after) pairs."""
    out, t = [], start
    for length, pause in pieces:
        out.append((t, t + length))
        t += length + pause
    return out


@given(st.lists(spans, min_size=1, max_size=4))
def test_property_passages_are_whole_sentences_cut_only_at_pauses(turns: list[list[tuple[float, float]]]) -> None:
    given_turns, t = [], 0.0
    for k, pieces in enumerate(turns):
        sentences = _turn(t, pieces)
        given_turns.append((f"S{k % 2}", sentences))
        t = sentences[-1][1] + 1.0
    out = passages(given_turns)
    for speaker, sentences in given_turns:
        mine = [(a, b) for name, a, b in out if sentences[0][0] <= a and b <= sentences[-1][1]]
        # They tile the turn from its first sentence's start to its last one's end ...
        assert mine[0][0] == sentences[0][0] and mine[-1][1] == sentences[-1][1]
        starts = {a for a, _ in sentences}
        ends = {b for _, b in sentences}
        for (a, b), (c, _) in itertools.pairwise(mine):
            # ... each cut between two sentences, in a pause a ramp fits in, after PASSAGE seconds.
            assert b in ends and c in starts and c - b >= MIN_PAUSE and b - a >= PASSAGE


@given(st.lists(st.one_of(st.none(), st.floats(-60.0, 0.0)), min_size=1, max_size=20))
def test_property_corrections_move_towards_the_speaker_and_stop_at_the_deadband(levels: list[float | None]) -> None:
    moves = corrections(levels, ["Ann"] * len(levels))
    measured = [v for v in levels if v is not None]
    own = float(np.median(measured)) if measured else 0.0
    for level, move in zip(levels, moves):
        if level is None or abs(level - own) <= DEADBAND:
            assert move == 0.0
            continue
        assert DEADBAND - 0.01 <= abs(move) <= RIDE_MAX and (move > 0) == (level < own)  # towards the speaker
        assert abs(level + move - own) == pytest.approx(max(0.0, abs(level - own) - RIDE_MAX), abs=0.011)


def test_each_speaker_is_ridden_against_their_own_passages() -> None:
    assert corrections([-40.0, -10.0], ["Ann", "Bo"]) == [0.0, 0.0]  # one passage each: nothing to compare
    assert corrections([-30.0, -20.0, -20.0, -30.0, -30.0], ["Ann", "Ann", "Ann", "Bo", "Bo"]) == [9.0, 0, 0, 0, 0]


def test_ride_changes_gain_only_in_the_pause_between_passages() -> None:
    plan = gain_plan([("Ann", 0.0, 6.0), ("Ann", 6.4, 12.0), ("Bo", 12.5, 18.0)],
                     {"Ann": -20.0, "Bo": -20.0}, -20.0, ride=[0.0, 5.0, 0.0])
    assert plan.ridden == ((6.4, 12.0, 5.0),)
    assert all(plan.at(t) == pytest.approx(0.0) for t in (0.5, 5.99, 12.6, 17.9))
    assert all(plan.at(t) == pytest.approx(5.0) for t in (6.4, 9.0, 12.0))
    with pytest.raises(ValueError):
        gain_plan([("Ann", 0.0, 6.0)], {"Ann": -20.0}, -20.0, ride=[1.0, 2.0])


@pytest.fixture(scope="module")
def leaning(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Episode]:
    # Ann: three 7 s sentences, the middle one 8 dB quieter (she leans away), 0.5 s pauses;
    # then Bo for 8 s at the reference level.
    pause = np.zeros(RATE // 2)
    signal = np.concatenate([speech_like(7, 0, 1), pause, speech_like(7, -8, 2), pause, speech_like(7, 0, 3),
                             pause, speech_like(8, 0, 4)])
    path = write_wav(tmp_path_factory.mktemp("ride") / "leaning.wav", signal)

    def sentence(start: float, length: float) -> Sentence:
        return Sentence((Word("Some", start, start + length / 2), Word("words.", start + length / 2, start + length)))

    ep = Episode((Turn("Ann", (sentence(0.0, 7.0), sentence(7.5, 7.0), sentence(15.0, 7.0))),
                  Turn("Bo", (sentence(22.5, 8.0),))))
    return path, ep


def _levels(path: Path, stretches: list[tuple[str, float, float]]) -> list[float]:
    m = measure(path)
    keyed = speaker_loudness(m.ends, m.blocks, [(str(k), a, b) for k, (_, a, b) in enumerate(stretches)], 20)
    return [keyed[str(k)] for k in range(len(stretches))]  # type: ignore[misc]


def test_the_quiet_passage_comes_back_and_the_others_stay(leaning: tuple[Path, Episode], tmp_path: Path) -> None:
    path, ep = leaning
    stretches = [("Ann", 0.0, 7.0), ("Ann", 7.5, 14.5), ("Ann", 15.0, 22.0), ("Bo", 22.5, 30.5)]
    before = _levels(path, stretches)
    assert before[0] - before[1] == pytest.approx(8.0, abs=0.3)
    _, plain_after, plain = level_episode(path, ep, tmp_path / "plain.wav")
    _, ridden_after, plan = level_episode(path, ep, tmp_path / "ridden.wav", ride=True)
    assert plain.ridden == () and len(plan.ridden) == 1 and plan.ridden[0][:2] == (7.5, 14.5)
    plain_levels, ridden_levels = _levels(tmp_path / "plain.wav", stretches), _levels(tmp_path / "ridden.wav", stretches)
    # Without riding the quiet passage stays 8 LU down; ridden, it meets the median of Ann's
    # passages (her two loud ones).
    assert plain_levels[0] - plain_levels[1] == pytest.approx(8.0, abs=0.3)
    assert ridden_levels[0] - ridden_levels[1] == pytest.approx(0.0, abs=0.3)
    # Each speaker's gain is measured on the ridden speech: both still meet at the target.
    assert abs(ridden_after.speakers["Ann"] - ridden_after.speakers["Bo"]) < 0.5  # type: ignore[operator]
    assert ridden_after.integrated == pytest.approx(-19.0, abs=1.0)
    assert ridden_after.true_peak <= -1.0 and plain_after.true_peak <= -1.0


def test_level_cli_says_what_it_rode(leaning: tuple[Path, Episode], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path, ep = leaning
    episode_path = episode_json.save(ep, tmp_path / "episode.json")
    out = tmp_path / "ridden.wav"
    code, stdout, err = run(capsys, monkeypatch, "level", str(path), str(episode_path), "-o", str(out), "--ride")
    assert code == 0, err
    ridden = [line for line in stdout.splitlines() if line.startswith("ridden: ")]
    assert ridden and ridden[0].startswith("ridden: 1 passage, +") and out.stat().st_size > 0
    # Levelled without riding, the quiet passage is still there: exit 1, and the way to fix it.
    code, stdout, err = run(capsys, monkeypatch, "level", str(path), str(episode_path), "-o", str(tmp_path / "p.wav"))
    assert code == 1 and "ridden" not in stdout and "quieter than usual at 0:07-0:14" in err and "--ride" in err


def test_offsets_are_from_the_median_of_the_speaker_s_own_passages() -> None:
    assert offsets([-26.0, -20.0, -21.0, -30.0, None], ["Ann", "Ann", "Ann", "Bo", "Bo"]) == [-5.0, 1.0, 0.0, 0.0, None]


def test_loudness_names_the_passage_a_speaker_leaned_away_in(leaning: tuple[Path, Episode], tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path, ep = leaning
    report = measure_episode(path, ep)
    assert [(name, start, end) for name, start, end, _ in report.uneven] == [("Ann", 7.5, 14.5)]
    assert report.uneven[0][3] == pytest.approx(-8.0, abs=0.3)
    assert any(p.startswith("Ann is 8.0 LU quieter than usual at 0:07-0:14") and "level --ride" in p
               for p in problems(report))
    episode_path = episode_json.save(ep, tmp_path / "episode.json")
    code, _, err = run(capsys, monkeypatch, "loudness", str(path), str(episode_path), "-o", str(tmp_path / "l.json"))
    assert code == 1 and "quieter than usual at 0:07-0:14" in err
    saved = json.loads((tmp_path / "l.json").read_text())
    assert saved["uneven"] == [{"speaker": "Ann", "start": 7.5, "end": 14.5, "off_lu": pytest.approx(-8.0, abs=0.3)}]
    # Ridden, the copy has nothing uneven left to report.
    _, after, _ = level_episode(path, ep, tmp_path / "ridden.wav", ride=True)
    assert after.uneven == ()
