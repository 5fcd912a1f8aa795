"""``audiokit chapters`` end to end on the sample episode: files written, embedded chapters read
back with mutagen and ffprobe, the input audio unchanged, bad input refused in one line."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import pytest
from mutagen.id3 import ID3

from audiokit import episode_json
from audiokit.chapters.model import timed_sentences
from audiokit.cli import main
from audiokit.model import Word
from audiokit.transcripts import from_string, load

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``audiokit chapters ARGS`` in this process (the CLI's imports cost seconds per process)."""
    argv = ["audiokit", "chapters", *map(str, args)]
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with mock.patch.object(sys, "argv", argv), redirect_stdout(out), redirect_stderr(err):
        try:
            main()
        except SystemExit as exc:
            code = exc.code
    return subprocess.CompletedProcess(argv, code or 0, out.getvalue(), err.getvalue())


def test_console_script(episode, tmp_path):
    out = tmp_path / "chapters.psc"
    proc = subprocess.run([sys.executable, "-m", "audiokit", "chapters", str(episode), "-o", str(out)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "<psc:chapters" in out.read_text()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def episode(tmp_path_factory) -> Path:
    """samples/episode.txt with word times spread over each turn's true span (truth.json)."""
    ep = load(SAMPLES / "episode.txt").episode
    truth = json.loads((SAMPLES / "episode.truth.json").read_text())
    words = []
    for turn, span in zip(ep.turns, truth["turns"], strict=True):
        ws = turn.words
        size = sum(len(w.text) + 1 for w in ws)
        t, scale = span["start"], (span["end"] - span["start"]) / size
        for w in ws:
            d = (len(w.text) + 1) * scale
            words.append(Word(w.text, round(t, 3), round(t + d * 0.9, 3)))
            t += d
    path = tmp_path_factory.mktemp("ep") / "episode.json"
    episode_json.save(ep.with_words(words), path)
    return path


def test_writes_podcast_json(episode, tmp_path):
    out = tmp_path / "chapters.json"
    proc = run(episode, "-o", out, "--count", "3")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text())
    starts = [c["startTime"] for c in doc["chapters"]]
    assert len(starts) == 3 and starts[0] == 0 and starts == sorted(starts)
    assert len({c["title"] for c in doc["chapters"]}) == 3
    assert "3 chapters (podcast-json)" in proc.stderr


def test_one_chapter_is_counted_in_the_singular(episode, tmp_path):
    proc = run(episode, "-o", tmp_path / "chapters.json", "--count", "1")
    assert proc.returncode == 0, proc.stderr
    assert "1 chapter (podcast-json)" in proc.stderr


def test_automatic_count_and_format_from_suffix(episode, tmp_path):
    out = tmp_path / "chapters.vtt"
    assert run(episode, "-o", out).returncode == 0
    assert out.read_text().startswith("WEBVTT")


@pytest.mark.parametrize("name,start", [("chapters.txt", "0:00 "), ("chapters.ffmetadata", ";FFMETADATA1")])
def test_format_from_the_names_run_writes(episode, tmp_path, name, start):
    out = tmp_path / name
    proc = run(episode, "-o", out, "--count", "3")
    assert proc.returncode == 0, proc.stderr
    assert out.read_text().startswith(start)


def test_unknown_suffix_is_refused(episode, tmp_path):
    out = tmp_path / "chapters.foo"
    proc = run(episode, "-o", out)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert f"{out}: cannot tell the chapter format" in proc.stderr and "--format" in proc.stderr
    assert not out.exists()
    assert run(episode, "-o", out, "--format", "vtt").returncode == 0 and out.read_text().startswith("WEBVTT")


def test_min_length_below_one_second_is_refused(episode, tmp_path):
    out = tmp_path / "chapters.json"
    proc = run(episode, "-o", out, "--min-length", "0")
    assert proc.returncode == 2 and "--min-length" in proc.stderr
    assert not out.exists()


def test_stdout_youtube_rule_error(episode):
    proc = run(episode, "--format", "youtube", "--count", "2")
    assert proc.returncode == 2
    assert "at least 3 chapters" in proc.stderr and proc.stderr.count("\n") == 1
    ok = run(episode, "--format", "youtube", "--count", "3")
    assert ok.returncode == 0 and ok.stdout.startswith("0:00 ")


def test_id3_embedding_into_copy(episode, tmp_path):
    audio = tmp_path / "episode.mp3"
    shutil.copyfile(SAMPLES / "episode.mp3", audio)
    before = sha(audio)
    out = tmp_path / "episode.chapters.mp3"
    proc = run(episode, "-o", tmp_path / "c.json", "--count", "3", "--embed", audio, "--embed-out", out)
    assert proc.returncode == 0, proc.stderr
    assert sha(audio) == before
    tags = ID3(out)
    toc = tags.getall("CTOC")[0]
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert toc.child_element_ids == [c.element_id for c in chaps]
    titles = [c["title"] for c in json.loads((tmp_path / "c.json").read_text())["chapters"]]
    assert [c.sub_frames["TIT2"].text[0] for c in chaps] == titles
    assert chaps[0].start_time == 0 and all(a.end_time == b.start_time for a, b in itertools.pairwise(chaps))


def test_id3_chapters_are_in_the_file_in_time_order(episode, tmp_path):
    # ffmpeg reads CHAP frames in file order (not the CTOC's): mutagen wrote them by size, so
    # `ffmpeg -i episode.chapters.mp3 out.m4a` gave 1 ms chapters under the wrong titles.
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps({"chapters": [
        {"startTime": 0, "title": "A rather long opening chapter title"}, {"startTime": 100, "title": "B"},
        {"startTime": 200, "title": "Middling title"}, {"startTime": 300, "title": "Cc"}]}))
    audio = tmp_path / "episode.mp3"
    shutil.copyfile(SAMPLES / "episode.mp3", audio)
    out = tmp_path / "episode.chapters.mp3"
    assert run(episode, "--from", edited, "--embed", audio, "--embed-out", out).returncode == 0
    tag = out.read_bytes()
    size = int.from_bytes(bytes(b & 0x7F for b in tag[6:10]), "big")
    at, starts = 10, []
    while at < 10 + size and tag[at] != 0:
        length = int.from_bytes(tag[at + 4 : at + 8], "big")
        if tag[at : at + 4] == b"CHAP":
            body = tag[at + 10 : at + 10 + length]
            starts.append(int.from_bytes(body.partition(b"\0")[2][:4], "big"))
        at += 10 + length
    assert len(starts) == 4 and starts == sorted(starts)
    if shutil.which("ffprobe"):
        probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(out)],
                                          capture_output=True, text=True, check=True).stdout)
        titles = [c["tags"]["title"] for c in probe["chapters"]]
        assert titles == ["A rather long opening chapter title", "B", "Middling title", "Cc"]


def test_id3_in_place(episode, tmp_path):
    audio = tmp_path / "episode.mp3"
    shutil.copyfile(SAMPLES / "episode.mp3", audio)
    assert run(episode, "--count", "2", "--embed", audio, "--in-place").returncode == 0
    assert len(ID3(audio).getall("CHAP")) == 2


@pytest.mark.skipif(shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None, reason="needs ffmpeg")
def test_m4a_chapters_read_back_with_ffprobe(episode, tmp_path):
    audio = tmp_path / "episode.m4a"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(SAMPLES / "episode.mp3"),
                    "-ac", "1", "-ar", "16000", "-c:a", "aac", "-b:a", "16k", str(audio)], check=True)
    before = sha(audio)
    out = tmp_path / "episode.chapters.m4a"
    proc = run(episode, "-o", tmp_path / "c.json", "--count", "3", "--embed", audio, "--embed-out", out)
    assert proc.returncode == 0, proc.stderr
    assert sha(audio) == before
    probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(out)],
                                      capture_output=True, text=True, check=True).stdout)
    titles = [c["title"] for c in json.loads((tmp_path / "c.json").read_text())["chapters"]]
    assert [c["tags"]["title"] for c in probe["chapters"]] == titles
    assert float(probe["chapters"][0]["start_time"]) == 0.0
    # Again, into the copy that now has chapters (its chapter track stopped ffmpeg: "Error
    # initializing output stream 0:1"), in place: the new chapters replace the old.
    proc = run(episode, "--count", "2", "--embed", out, "--in-place")
    assert proc.returncode == 0, proc.stderr
    probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(out)],
                                      capture_output=True, text=True, check=True).stdout)
    assert len(probe["chapters"]) == 2


def test_round_trip_from_edited_file(episode, tmp_path):
    first = tmp_path / "chapters.json"
    assert run(episode, "-o", first, "--count", "3").returncode == 0
    doc = json.loads(first.read_text())
    doc["chapters"][1]["title"] = "Renamed by Hand"
    doc["chapters"][1]["startTime"] += 1.234
    doc["chapters"].pop(2)
    first.write_text(json.dumps(doc))
    out = tmp_path / "edited.ffmeta"
    proc = run(episode, "--from", first, "-o", out)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text()
    assert text.count("[CHAPTER]") == 2 and "title=Renamed by Hand" in text
    ep = episode_json.load(episode)
    chapter_starts = {round(s.chapter_start * 1000) for s in timed_sentences(ep)}
    moved = int(text.split("START=")[2].split()[0])
    assert moved in chapter_starts  # snapped: just before a sentence's first word


def test_a_late_first_chapter_is_moved_to_the_start_with_a_warning(episode, tmp_path):
    # A producer who starts the first chapter after the intro music learns that it opens at 0:00.
    first = tmp_path / "chapters.json"
    assert run(episode, "-o", first, "--count", "3").returncode == 0
    doc = json.loads(first.read_text())
    doc["chapters"][0]["startTime"] = 12.0
    first.write_text(json.dumps(doc))
    again = tmp_path / "again.json"
    proc = run(episode, "--from", first, "-o", again)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(again.read_text())["chapters"][0]["startTime"] == 0
    warnings = [line for line in proc.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "first chapter starts at 0:12" in warnings[0] and str(first) in warnings[0]
    doc["chapters"][0]["startTime"] = 0.4  # a rounding, not a choice: no warning
    first.write_text(json.dumps(doc))
    proc = run(episode, "--from", first, "-o", again)
    assert proc.returncode == 0 and "warning" not in proc.stderr


def test_edited_file_keeps_chapter_art_links_and_toc(episode, tmp_path):
    # A producer adds Podcasting 2.0 chapter art and links by hand; re-exporting must keep them
    # (they were silently dropped), in the JSON, as PSC href/image and as an ID3 WXXX link.
    first = tmp_path / "chapters.json"
    assert run(episode, "-o", first, "--count", "3").returncode == 0
    doc = json.loads(first.read_text())
    doc["chapters"][0].update(img="https://example.org/art/1.jpg", url="https://example.org/?a=1&b=2")
    doc["chapters"][2]["toc"] = False
    first.write_text(json.dumps(doc))
    again = tmp_path / "again.json"
    assert run(episode, "--from", first, "-o", again).returncode == 0
    chapters = json.loads(again.read_text())["chapters"]
    assert chapters[0]["img"] == "https://example.org/art/1.jpg" and chapters[0]["url"] == "https://example.org/?a=1&b=2"
    assert "img" not in chapters[1] and "toc" not in chapters[1] and chapters[2]["toc"] is False
    psc = tmp_path / "chapters.psc.xml"
    assert run(episode, "--from", first, "-o", psc).returncode == 0
    assert 'href="https://example.org/?a=1&amp;b=2" image="https://example.org/art/1.jpg"/>' in psc.read_text()
    # The list formats leave the toc=false chapter out; the chapter before it runs on to the end.
    assert psc.read_text().count("<psc:chapter ") == 2
    vtt = tmp_path / "chapters.vtt"
    proc = run(episode, "--from", first, "-o", vtt)
    assert proc.returncode == 0
    # The message counts what the file lists (it said "3 chapters" over a file of 2).
    assert f'2 chapters (1 marked "toc": false left out) (vtt) -> {vtt}' in proc.stderr
    assert "3 chapters (podcast-json)" in run(episode, "--from", first, "-o", again).stderr
    every = tmp_path / "every.vtt"
    assert run(episode, "--count", "3", "-o", every).returncode == 0

    def cues(path: Path) -> list[list[str]]:
        return [block.splitlines() for block in path.read_text().strip().split("\n\n")[1:]]

    listed, whole = cues(vtt), cues(every)
    assert len(listed) == 2 and listed[-1][-1] == chapters[1]["title"]
    assert listed[-1][-2].split(" --> ")[1] == whole[-1][-2].split(" --> ")[1]
    audio = tmp_path / "episode.mp3"
    shutil.copyfile(SAMPLES / "episode.mp3", audio)
    out = tmp_path / "episode.chapters.mp3"
    assert run(episode, "--from", first, "--embed", audio, "--embed-out", out).returncode == 0
    tags = ID3(out)
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert chaps[0].sub_frames.getall("WXXX")[0].url == "https://example.org/?a=1&b=2"
    assert tags.getall("CTOC")[0].child_element_ids == [chaps[0].element_id, chaps[1].element_id]
    bad = tmp_path / "bad.json"
    doc["chapters"][1]["img"] = 7
    bad.write_text(json.dumps(doc))
    proc = run(episode, "--from", bad, "-o", tmp_path / "x.json")
    assert proc.returncode == 2 and "chapter 2 img" in proc.stderr


def test_bad_inputs_one_line_exit_2(episode, tmp_path):
    untimed = tmp_path / "untimed.json"
    untimed.write_text(episode_json.dumps(load(SAMPLES / "episode.txt").episode))
    not_mp3 = tmp_path / "fake.mp3"
    not_mp3.write_text("this is not audio\n" * 50)
    bad_edit = tmp_path / "bad.json"
    bad_edit.write_text(json.dumps({"chapters": [{"startTime": 0, "title": "A"}, {"startTime": 9999, "title": "B"}]}))
    overlap = tmp_path / "overlap.json"
    overlap.write_text(json.dumps({"chapters": [{"startTime": 0, "title": "A"}, {"startTime": 50, "title": "B"},
                                                {"startTime": 40, "title": "C"}]}))
    out = tmp_path / "out.json"
    cases = [
        ((untimed, "-o", out), "no timed words"),
        ((episode, "-o", out, "--count", "100000"), "more than"),
        ((episode, "-o", out, "--embed", not_mp3, "--embed-out", tmp_path / "x.mp3"), "not a readable MP3"),
        ((episode, "-o", out, "--embed", tmp_path / "missing.mp3", "--embed-out", tmp_path / "x.mp3"), "no such file"),
        ((episode, "-o", out, "--from", bad_edit), "after the episode ends"),
        ((episode, "-o", out, "--from", overlap), "overlap"),
    ]
    for args, message in cases:
        proc = run(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert message in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
        assert not out.exists()
    assert not (tmp_path / "x.mp3").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.skipif(not (SHARED / "bench" / "seed-full").is_dir(), reason="needs ../shared benchmark episodes")
def test_seed_full_runs_fast_with_count_14(tmp_path):
    episode = ROOT / "bench-out" / "truth-episodes" / "seed-full.episode.json"
    if not episode.exists():
        pytest.skip("no truth episode in bench-out")
    out = tmp_path / "c.json"
    assert run(episode, "-o", out, "--count", "14").returncode == 0
    assert len(json.loads(out.read_text())["chapters"]) == 14


@pytest.mark.parametrize("content", [None, "{ truncated"])
def test_missing_or_corrupt_model_file_is_one_line_and_exit_2(episode, tmp_path, monkeypatch, content):
    from audiokit.chapters import boundary_model

    model = tmp_path / "boundary_model.json"
    if content is not None:
        model.write_text(content)
    monkeypatch.setattr(boundary_model, "MODEL_FILE", model)
    boundary_model.default.cache_clear()
    try:
        out = tmp_path / "c.json"
        proc = run(episode, "-o", out)
    finally:
        boundary_model.default.cache_clear()
    assert proc.returncode == 2
    assert str(model) in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
    assert not out.exists()


def test_count_more_than_fit_gives_what_fits_with_one_warning(tmp_path):
    # 31 s of talk: three chapters of 30 s cannot fit; one chapter and one line say so.
    ep = from_string("Ann: The transmitter tower needs a new antenna. Antenna repairs cost money.\n\n"
                           "Ben: Volunteers schedule shifts with the app. The app sends reminders.\n").episode
    words = [Word(w.text, round(1.5 * k, 3), round(1.5 * k + 1.2, 3)) for k, w in enumerate(ep.words())]
    path = tmp_path / "episode.json"
    episode_json.save(ep.with_words(words), path)
    assert 25 < words[-1].end < 35
    out = tmp_path / "chapters.json"
    proc = run(path, "-o", out, "--count", "3")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(out.read_text())["chapters"]) == 1
    warnings = [ln for ln in proc.stderr.splitlines() if "warning" in ln]
    assert warnings == [(f"audiokit: warning: {path}: --count 3: only 1 chapter of at least 30 s fits in the episode; "
                         "a smaller --min-length allows more")]
    proc = run(path, "-o", out, "--count", "3", "--min-length", "5")
    assert proc.returncode == 0 and "warning" not in proc.stderr
    assert len(json.loads(out.read_text())["chapters"]) == 3


@pytest.mark.skipif(shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None, reason="needs ffmpeg")
@pytest.mark.parametrize("suffix", [".mp3", ".m4a"])
def test_embedding_into_a_shorter_cut_drops_the_chapters_past_its_end(episode, tmp_path, suffix):
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps({"chapters": [{"startTime": t, "title": f"Part {k}"}
                                               for k, t in enumerate((0, 100, 200, 300))]}))
    audio = tmp_path / f"cut{suffix}"
    if suffix == ".mp3":  # cut off mid-download: its Info frame still says 437 s
        data = (SAMPLES / "episode.mp3").read_bytes()
        audio.write_bytes(data[: len(data) * 2 // 5])
    else:
        subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(SAMPLES / "episode.mp3"), "-t", "150",
                        "-c:a", "aac", "-b:a", "32k", str(audio)], check=True)
    out = tmp_path / f"out{suffix}"
    proc = run(episode, "--from", edited, "--embed", audio, "--embed-out", out)
    assert proc.returncode == 0, proc.stderr
    warnings = [ln for ln in proc.stderr.splitlines() if "warning" in ln]
    assert len(warnings) == 1 and warnings[0].startswith(f"audiokit: warning: {audio}: the audio ends at ")
    assert "2 of the 4 chapters start" in warnings[0] and "2 chapters embedded" in proc.stderr
    probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(out)],
                                      capture_output=True, text=True, check=True).stdout)["chapters"]
    assert [c["tags"]["title"] for c in probe] == ["Part 0", "Part 1"]
    assert 95 < float(probe[1]["start_time"]) < 105 and 148 < float(probe[1]["end_time"]) < 176  # starts snapped
    if suffix == ".mp3":
        chaps = sorted(ID3(out).getall("CHAP"), key=lambda c: c.start_time)
        assert [c.sub_frames["TIT2"].text[0] for c in chaps] == ["Part 0", "Part 1"] and chaps[0].start_time == 0
        assert ID3(out).getall("CTOC")[0].child_element_ids == [c.element_id for c in chaps]
        assert chaps[1].end_time == round(float(probe[1]["end_time"]) * 1000)
