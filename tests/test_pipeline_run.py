"""End-to-end: ``audiokit run`` on samples/ writes every output, reuses finished stages,
redoes what a changed option touches, and never overwrites a file it did not write."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import pytest
from test_pipeline_shared import AUDIO, TRANSCRIPT, copy_out, pipeline_out  # noqa: F401

from audiokit import episode_json
from audiokit.captions.readers import read as read_captions
from audiokit.cli import main
from audiokit.errors import InputError, OutputError
from audiokit.pipeline import Options, Result, run, stages

EXPECTED = [
    "episode.json", "report.json", "captions.vtt", "captions.srt", "transcript.json", "transcript.html",
    "chapters.json", "chapters.vtt", "chapters.ffmetadata", "chapters.psc.xml", "episode.chapters.mp3",
    "clips/clips.json", "clips/soundbites.xml", "loudness.json", "timeline.png", "index.html",
]


def test_writes_every_output(pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    out, result = pipeline_out
    for name in EXPECTED:
        assert (out / name).is_file(), name
    assert [s.name for s in result.stages] == ["align", "captions", "chapters", "clips", "loudness", "preview"]
    assert not any(s.cached for s in result.stages)
    assert result.coverage > 0.9
    ep = episode_json.load(out / "episode.json")
    assert ep.aligned and ep.metadata.audio == str(AUDIO)
    report = json.loads((out / "report.json").read_text())
    assert report["words"] == ep.word_count
    assert len(read_captions(out / "captions.vtt")) > 10
    assert json.loads((out / "transcript.json").read_text())["segments"]
    chapters = json.loads((out / "chapters.json").read_text())["chapters"]
    assert chapters[0]["startTime"] == 0
    clips = json.loads((out / "clips" / "clips.json").read_text())
    for clip in clips["clips"]:
        assert (out / "clips" / clip["file"]).is_file()
    assert (out / "timeline.png").read_bytes().startswith(b"\x89PNG")
    loudness = json.loads((out / "loudness.json").read_text())
    assert -40 < loudness["integrated_lufs"] < -5 and set(loudness["speakers"]) == {s.name for s in ep.speakers}
    assert any(line.startswith("loudness: ") for line in result.notes)
    assert '<li class="measure">Loudness: ' in (out / "index.html").read_text()  # in the preview's report too
    # Every file the result names is inside OUT and exists.
    assert all(p.exists() and p.is_relative_to(out) for p in result.files)


def test_chapters_are_embedded_in_a_copy_of_the_mp3(pipeline_out: tuple[Path, Result]) -> None:  # noqa: F811
    from mutagen.id3 import ID3

    out, _ = pipeline_out
    tags = ID3(out / "episode.chapters.mp3")
    # mutagen may store CHAP frames in any order; the chapter order is their start times.
    frames = sorted(tags.getall("CHAP"), key=lambda f: f.start_time)
    titles = [f.sub_frames["TIT2"].text[0] for f in frames]
    chapters = json.loads((out / "chapters.json").read_text())["chapters"]
    assert titles == [c["title"] for c in chapters]
    assert not ID3(AUDIO).getall("CHAP")  # the input is untouched


def test_rerun_reuses_every_stage(pipeline_out: tuple[Path, Result], tmp_path: Path) -> None:  # noqa: F811
    out = copy_out(pipeline_out[0], tmp_path / "again")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and ".audiokit-cache" not in p.parts}
    result = run(AUDIO, TRANSCRIPT, out)
    assert all(s.cached for s in result.stages)
    after = {p: p.stat().st_mtime_ns for p in before}
    assert before == after  # nothing rewritten: every output still holds what the cache says


def test_changed_option_redoes_what_depends_on_it(pipeline_out: tuple[Path, Result], tmp_path: Path) -> None:  # noqa: F811
    out = copy_out(pipeline_out[0], tmp_path / "bbc")
    old_vtt = (out / "captions.vtt").read_text()
    result = run(AUDIO, TRANSCRIPT, out, Options(style="bbc", skip=frozenset({"clips"})))
    cached = {s.name: s.cached for s in result.stages}
    assert cached == {"align": True, "captions": False, "chapters": True, "loudness": True, "preview": False}
    assert (out / "captions.vtt").read_text() != old_vtt
    assert (out / "clips" / "clips.json").is_file()  # a skipped stage leaves its earlier files alone


def test_clean_verbatim_redoes_the_captions_and_the_clips_captions(pipeline_out: tuple[Path, Result],  # noqa: F811
                                                                  tmp_path: Path) -> None:
    out = copy_out(pipeline_out[0], tmp_path / "clean")
    result = run(AUDIO, TRANSCRIPT, out, Options(clean=True, skip=frozenset({"preview"})))
    cached = {s.name: s.cached for s in result.stages}
    assert cached == {"align": True, "captions": False, "chapters": True, "clips": False, "loudness": True}
    # The sample is written without hesitations, so the captions are the same, and say how they were made.
    assert any("netflix style, clean verbatim: 0 hesitations left out" in line for line in result.notes)
    assert (out / "captions.vtt").read_text() == (pipeline_out[0] / "captions.vtt").read_text()


def test_a_retrained_boundary_model_redoes_chapters_and_clips(pipeline_out: tuple[Path, Result],  # noqa: F811
                                                             tmp_path: Path) -> None:
    from audiokit.chapters import boundary_model

    model = json.loads(boundary_model.MODEL_FILE.read_text())
    model.setdefault("training", {})["note"] = "retrained"  # same weights, another file
    retrained = tmp_path / "boundary_model.json"
    retrained.write_text(json.dumps(model))
    out = copy_out(pipeline_out[0], tmp_path / "retrained")
    with mock.patch.object(boundary_model, "MODEL_FILE", retrained):
        result = run(AUDIO, TRANSCRIPT, out, Options(skip=frozenset({"preview"})))
    cached = {s.name: s.cached for s in result.stages}
    assert cached == {"align": True, "captions": True, "chapters": False, "clips": False, "loudness": True}


def test_deleted_output_is_restored_from_the_cache(pipeline_out: tuple[Path, Result], tmp_path: Path) -> None:  # noqa: F811
    out = copy_out(pipeline_out[0], tmp_path / "restore")
    clip = next((out / "clips").glob("*.mp3"))
    data = clip.read_bytes()
    clip.unlink()
    (out / "captions.srt").unlink()
    result = run(AUDIO, TRANSCRIPT, out)
    assert all(s.cached for s in result.stages)
    assert clip.read_bytes() == data
    assert (out / "captions.srt").read_text() == (pipeline_out[0] / "captions.srt").read_text()


def test_never_overwrites_a_file_it_did_not_write(pipeline_out: tuple[Path, Result], tmp_path: Path) -> None:  # noqa: F811
    out = copy_out(pipeline_out[0], tmp_path / "foreign")
    written = out / ".audiokit-cache" / "written.json"
    record = json.loads(written.read_text())
    del record["captions.vtt"]
    written.write_text(json.dumps(record))
    (out / "captions.vtt").write_text("my own captions\n")
    (out / "notes.txt").write_text("keep me\n")
    with pytest.raises(OutputError, match="captions.vtt"):
        run(AUDIO, TRANSCRIPT, out)
    assert (out / "captions.vtt").read_text() == "my own captions\n"
    assert (out / "notes.txt").read_text() == "keep me\n"


def test_a_file_in_the_way_stops_the_run_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_align(st: object) -> None:
        raise AssertionError("aligned although a file it may not replace is in the way")

    monkeypatch.setattr(stages, "align", no_align)
    out = tmp_path / "foreign"
    out.mkdir()
    (out / "chapters.txt").write_text("my show notes\n")
    with pytest.raises(OutputError, match="chapters.txt: exists and was not written by audiokit"):
        run(AUDIO, TRANSCRIPT, out)
    assert [p.name for p in out.iterdir()] == ["chapters.txt"]  # nothing written, not even the cache
    assert (out / "chapters.txt").read_text() == "my show notes\n"


def test_bad_audio_leaves_no_output_folder(tmp_path: Path) -> None:
    not_audio = tmp_path / "episode.mp3"
    not_audio.write_text("not audio at all\n")
    out = tmp_path / "new"
    with pytest.raises(InputError, match="cannot decode audio"):
        run(not_audio, TRANSCRIPT, out)
    assert not out.exists()  # it made the folder, and took it away again
    kept = tmp_path / "kept"
    kept.mkdir()
    with pytest.raises(InputError):
        run(not_audio, TRANSCRIPT, kept)
    assert kept.is_dir()  # a folder that was there stays


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``audiokit ARGS`` in this process (the CLI's imports cost seconds per process)."""
    argv = ["audiokit", *args]
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with mock.patch.object(sys, "argv", argv), redirect_stdout(out), redirect_stderr(err):
        try:
            main()
        except SystemExit as exc:
            code = exc.code
    return subprocess.CompletedProcess(argv, code or 0, out.getvalue(), err.getvalue())


def _process(*args: str) -> subprocess.CompletedProcess[str]:
    """``audiokit ARGS`` as its own process, through the installed entry point."""
    return subprocess.run([sys.executable, "-m", "audiokit", *args], check=False, capture_output=True, text=True,
                          timeout=120)


def test_cli_rerun_prints_what_was_written(pipeline_out: tuple[Path, Result], tmp_path: Path) -> None:  # noqa: F811
    out = copy_out(pipeline_out[0], tmp_path / "cli")
    proc = _process("run", str(AUDIO), str(TRANSCRIPT), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "reused align, captions, chapters, clips, loudness, preview" in proc.stderr
    assert f"wrote {out}/:" in proc.stderr and "index.html" in proc.stderr
    assert "audiokit: warning:" not in proc.stderr  # what a new user sees first is clean
    quiet = _cli("run", str(AUDIO), str(TRANSCRIPT), "-o", str(out), "--quiet")
    assert quiet.returncode == 0
    assert "wrote" not in quiet.stderr


def test_demo_runs_the_sample_episode(pipeline_out: tuple[Path, Result], tmp_path: Path) -> None:  # noqa: F811
    out = copy_out(pipeline_out[0], tmp_path / "demo")
    proc = _cli("demo", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"results: {out.resolve()}\n"
    assert proc.stderr.count("index.html in a browser") == 1  # said once, in the summary
    assert (out / "index.html").is_file()


def test_cli_bad_input_is_one_line(tmp_path: Path) -> None:
    proc = _cli("run", str(tmp_path / "missing.mp3"), str(TRANSCRIPT), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"audiokit: error: {tmp_path / 'missing.mp3'}: no such file"
    assert not (tmp_path / "out").exists()
    skip = _cli("run", str(AUDIO), str(TRANSCRIPT), "-o", str(tmp_path / "out"), "--skip", "align")
    assert skip.returncode == 2 and "--skip" in skip.stderr
    (tmp_path / "file").write_text("x")
    proc = _cli("run", str(AUDIO), str(TRANSCRIPT), "-o", str(tmp_path / "file"))
    assert proc.returncode == 2 and "not a folder" in proc.stderr
