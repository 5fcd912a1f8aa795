"""``audiokit run --level`` / ``--ride``: the levelled copy of the episode is one more stage,
keyed like the others, with the chapters inside, and never written over a file it did not write."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_main import run as run_cli
from mutagen.id3 import ID3
from test_pipeline_shared import AUDIO, TRANSCRIPT, copy_out, pipeline_out  # noqa: F401

from audiokit import episode_json
from audiokit.errors import OutputError
from audiokit.loudness import measure_episode
from audiokit.pipeline import Options, Result, run

LEVELLED = "episode.levelled.mp3"


def test_level_writes_a_levelled_copy_with_the_chapters(pipeline_out: tuple[Path, Result],  # noqa: F811
                                                        tmp_path: Path) -> None:
    out = copy_out(pipeline_out[0], tmp_path / "level")
    result = run(AUDIO, TRANSCRIPT, out, Options(level=True, skip=frozenset({"clips", "preview"})))
    cached = {s.name: s.cached for s in result.stages}
    assert cached == {"align": True, "captions": True, "chapters": True, "loudness": True, "level": False}
    levelled = out / LEVELLED
    assert levelled in result.files and (out / "loudness.json").is_file()
    episode = episode_json.load(out / "episode.json")
    before, after = measure_episode(AUDIO, episode), measure_episode(levelled, episode)
    spread = [v for v in after.speakers.values() if v is not None]
    assert after.integrated == pytest.approx(-19.0, abs=1.0) and max(spread) - min(spread) < 1.0
    assert before.integrated is not None and after.integrated > before.integrated + 1.0  # the sample is quiet
    assert after.true_peak <= -1.0
    chapters = ID3(levelled).getall("CHAP")
    assert len(chapters) == len((out / "chapters.txt").read_text().splitlines())
    assert any(n.startswith(f"levelled copy {LEVELLED}: ") and "dB" in n for n in result.notes)
    assert any(n.startswith("levelled loudness: ") and "on target" in n for n in result.notes)
    assert not any("ridden" in n for n in result.notes)

    # Unchanged: reused, the file as it was. --ride: the stage again, and only it.
    stamp = levelled.stat().st_mtime_ns
    again = run(AUDIO, TRANSCRIPT, out, Options(level=True, skip=frozenset({"clips", "preview"})))
    assert all(s.cached for s in again.stages) and levelled.stat().st_mtime_ns == stamp
    ridden = run(AUDIO, TRANSCRIPT, out, Options(ride=True, skip=frozenset({"clips", "preview"})))
    assert {s.name: s.cached for s in ridden.stages}["level"] is False
    assert any(n.startswith(f"levelled copy {LEVELLED}: ") and "ridden" in n for n in ridden.notes)
    # Deleted: made again.
    levelled.unlink()
    restored = run(AUDIO, TRANSCRIPT, out, Options(ride=True, skip=frozenset({"clips", "preview"})))
    assert {s.name: s.cached for s in restored.stages}["level"] is False and levelled.is_file()


def test_ride_implies_level() -> None:
    assert Options(ride=True).level and not Options().level


def test_a_file_of_that_name_that_audiokit_did_not_write_stops_the_run(pipeline_out: tuple[Path, Result],  # noqa: F811
                                                                       tmp_path: Path) -> None:
    out = copy_out(pipeline_out[0], tmp_path / "foreign")
    (out / LEVELLED).write_bytes(b"the producer's own master")
    with pytest.raises(OutputError, match="levelled"):
        run(AUDIO, TRANSCRIPT, out, Options(level=True, skip=frozenset({"clips", "preview"})))
    assert (out / LEVELLED).read_bytes() == b"the producer's own master"


@pytest.mark.parametrize("flags, level, ride", [([], False, False), (["--level"], True, False),
                                                (["--ride"], True, True)])
def test_batch_passes_level_and_ride_to_every_episode_s_run(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch, flags: list[str],
                                                            level: bool, ride: bool) -> None:
    import audiokit.cli.batch as batch_cli

    seen: list[Options] = []

    def fake_run_batch(source: object, output: object, options: Options, *args: object, **kwargs: object) -> None:
        seen.append(options)
        raise KeyboardInterrupt  # stop before any engine starts

    monkeypatch.setattr(batch_cli, "run_batch", fake_run_batch)
    run_cli(capsys, monkeypatch, "batch", tmp_path, "-o", tmp_path / "site", *flags)
    assert [(o.level, o.ride) for o in seen] == [(level, ride)]
