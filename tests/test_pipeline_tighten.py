"""``audiokit run --tighten``: a tightened copy right after the alignment, and every later stage
(captions, chapters, the preview) of that copy and the episode re-timed to it; keyed like the
other stages, and never written over a file audiokit did not write."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_main import run as run_cli
from test_pipeline_shared import AUDIO, TRANSCRIPT, copy_out, pipeline_out  # noqa: F401

from audiokit import episode_json
from audiokit.audio import playable_length
from audiokit.edit import TimeMap
from audiokit.edit.plan import Cut
from audiokit.errors import InputError, OutputError
from audiokit.pipeline import Options, Result, run

TIGHT = "episode.tight.mp3"
SKIP = frozenset({"clips", "loudness"})


def _cuts(path: Path) -> tuple[Cut, ...]:
    rows = [line.split("\t") for line in path.read_text().splitlines()]
    return tuple(Cut(float(a), float(b), label.split()[0]) for a, b, label in rows)


def test_the_later_stages_are_of_the_tightened_copy(pipeline_out: tuple[Path, Result],  # noqa: F811
                                                    tmp_path: Path) -> None:
    out = copy_out(pipeline_out[0], tmp_path / "tight")
    result = run(AUDIO, TRANSCRIPT, out, Options(tighten=True, max_pause=0.5, skip=SKIP))
    cached = {s.name: s.cached for s in result.stages}
    assert cached == {"align": True, "tighten": False, "captions": False, "chapters": False, "preview": False}
    cuts = _cuts(out / "cuts.txt")
    assert cuts and all(c.reason == "pause" for c in cuts)  # the sample writes no hesitation
    timemap = TimeMap(cuts)
    original = episode_json.load(out / "episode.json")  # still the original's alignment
    tight = episode_json.load(out / "episode.tight.json")
    assert tight.metadata.audio is not None and tight.metadata.audio.endswith(TIGHT)
    assert [w.text for w in tight.words()] == [w.text for w in original.words()]
    assert all(b.start == timemap(a.start) for a, b in zip(original.words(), tight.words()) if a.start is not None)
    length = playable_length(out / TIGHT)
    assert length == pytest.approx(playable_length(AUDIO) - timemap.removed, abs=0.06)
    # The captions and chapters are of the copy: the last cue ends within it, the chapters'
    # starts are the re-timed episode's, and the page plays the copy with its chapters inside.
    ends = re.findall(r"--> (\d\d):(\d\d):(\d\d)\.(\d\d\d)", (out / "captions.vtt").read_text())
    h, m, s, ms = map(int, ends[-1])
    assert 3600 * h + 60 * m + s + ms / 1000 <= length + 0.01
    assert tight.metadata.duration == pytest.approx(length, abs=0.06)
    starts = [c["startTime"] for c in json.loads((out / "chapters.json").read_text())["chapters"]]
    opens = [s.span.start for _, s in tight.sentences() if s.span is not None]
    assert all(any(abs(t + 0.25 - x) < 0.002 for x in opens) for t in starts[1:])  # a chapter opens 0.25 s early
    before = [s.span.start for _, s in original.sentences() if s.span is not None]
    assert not all(any(abs(t + 0.25 - x) < 0.002 for x in before) for t in starts[1:])  # not the original's times
    page = (out / "index.html").read_text()
    assert 'src="episode.tight.chapters.mp3"' in page
    assert any(n.startswith(f"tightened copy {TIGHT}: ") and "pauses shortened" in n for n in result.notes)

    # Unchanged: reused. Another --max-pause: the copy again, and the stages after it.
    stamp = (out / TIGHT).stat().st_mtime_ns
    again = run(AUDIO, TRANSCRIPT, out, Options(tighten=True, max_pause=0.5, skip=SKIP))
    assert all(s.cached for s in again.stages) and (out / TIGHT).stat().st_mtime_ns == stamp
    longer = run(AUDIO, TRANSCRIPT, out, Options(tighten=True, max_pause=1.5, skip=SKIP))
    assert {s.name: s.cached for s in longer.stages} == {"align": True, "tighten": False, "captions": False,
                                                         "chapters": False, "preview": False}
    assert playable_length(out / TIGHT) > length


def test_a_file_of_that_name_that_audiokit_did_not_write_stops_the_run(pipeline_out: tuple[Path, Result],  # noqa: F811
                                                                       tmp_path: Path) -> None:
    out = copy_out(pipeline_out[0], tmp_path / "foreign")
    (out / "cuts.txt").write_text("the producer's own notes\n")
    with pytest.raises(OutputError, match="cuts.txt"):
        run(AUDIO, TRANSCRIPT, out, Options(tighten=True, skip=SKIP))
    assert (out / "cuts.txt").read_text() == "the producer's own notes\n" and not (out / TIGHT).exists()


def test_max_pause_is_checked() -> None:
    with pytest.raises(InputError, match="--max-pause 0.1 is out of range"):
        Options(tighten=True, max_pause=0.1)


def test_run_passes_tighten_and_max_pause(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import audiokit.cli.run as run_module

    seen: list[Options] = []

    def fake_run(audio: object, transcript: object, output: object, options: Options, quiet: bool) -> None:
        seen.append(options)

    monkeypatch.setattr(run_module, "_run", fake_run)
    run_cli(capsys, monkeypatch, "run", AUDIO, TRANSCRIPT, "-o", tmp_path / "o", "--tighten", "--max-pause", "1.2")
    run_cli(capsys, monkeypatch, "run", AUDIO, TRANSCRIPT, "-o", tmp_path / "o", "--max-pause", "0.5")  # implies it
    run_cli(capsys, monkeypatch, "run", AUDIO, TRANSCRIPT, "-o", tmp_path / "o", "--tighten")
    run_cli(capsys, monkeypatch, "run", AUDIO, TRANSCRIPT, "-o", tmp_path / "o")
    assert [(o.tighten, o.max_pause) for o in seen] == [(True, 1.2), (True, 0.5), (True, 0.8), (False, 0.8)]
