"""End to end: `audiokit align` on the sample episode, MP3 against WAV, bad input."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from audiokit import episode_json
from audiokit.align.aligner import align
from audiokit.align.anchored import CONF_FALLBACK
from audiokit.align.textgrid import to_textgrid
from audiokit.audio import decode
from audiokit.model import Episode
from audiokit.transcripts import load

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_AUDIO = ROOT / "samples" / "episode.mp3"
SAMPLE_TEXT = ROOT / "samples" / "episode.txt"
TRUTH = json.loads((ROOT / "samples" / "episode.truth.json").read_text())

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")


def audiokit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audiokit", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, check=False)


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *map(str, args)], check=True)


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("align")
    run = audiokit("align", SAMPLE_AUDIO, SAMPLE_TEXT, "-o", out / "episode.json", "--report", out / "report.json")
    return out / "episode.json", out / "report.json", run


def test_sample_episode_aligns(aligned):
    episode_path, report_path, run = aligned
    assert run.returncode == 0, run.stderr
    assert "aligned" in run.stderr and "Traceback" not in run.stderr
    episode = episode_json.load(episode_path)
    transcript = load(SAMPLE_TEXT).episode
    assert [w.text for w in episode.words()] == [w.text for w in transcript.words()]
    assert episode.timed_word_count / episode.word_count >= 0.97
    report = json.loads(report_path.read_text())
    assert report["words"] == episode.word_count and report["placed"] / report["words"] >= 0.97
    # Coverage counts only the words placed from the audio, not those interpolated between them.
    assert report["coverage"] == pytest.approx((report["placed"] - report["interpolated"]) / report["words"], abs=1e-4)
    assert report["coverage"] >= 0.9


def test_sample_turns_land_where_they_were_spoken(aligned):
    episode = episode_json.load(aligned[0])
    assert len(episode.turns) == len(TRUTH["turns"])
    errors = [abs(t.start - truth["start"]) for t, truth in zip(episode.turns, TRUTH["turns"])]
    assert sorted(errors)[len(errors) // 2] < 0.1  # median turn start within 100 ms
    assert max(errors) < 0.5


def test_sample_words_land_where_the_synthesizers_said_them(aligned):
    # samples/episode.truth.json: each word's times from Festival's utterances and eSpeak NG's
    # WORD events (scripts/make_sample.py). main gave 97.4% within 100 ms; the heard-time fallback
    # as first merged 96.4%, with "Haddad. I light streets," crammed into 0.35 s before a
    # misplaced heard "and".
    words = list(episode_json.load(aligned[0]).words())
    truth = [k for t in TRUTH["turns"] for s in t["sentences"] for k in s["tokens"]]
    assert [w.text for w in words] == [k["text"] for k in truth]
    errors = sorted(abs(w.start - k["start"]) for w, k in zip(words, truth) if k["start"] is not None)
    assert sum(e <= 0.1 for e in errors) / len(errors) >= 0.97
    assert errors[len(errors) // 2] <= 0.02
    # Nobody says three words in under 0.25 s (the fastest three in any benchmark truth: 0.28 s);
    # no recogniser fall-back time (confidence CONF_FALLBACK) may leave words crammed next to it.
    # (One such run is left, behind a forced "dark." 2.3 s late: "We also dim the lamps after".)
    spoken = [w for w in words if any(c.isalnum() for c in w.text)]
    for i in range(len(spoken) - 2):
        if spoken[i + 2].end - spoken[i].start < 0.25:
            near = spoken[max(0, i - 1):i + 4]
            assert all(w.confidence != CONF_FALLBACK for w in near), [w.text for w in spoken[i:i + 3]]


def test_sample_word_times_are_ordered_and_inside_the_audio(aligned):
    episode = episode_json.load(aligned[0])
    timed = [w for w in episode.words() if w.timed]
    assert all(a.start <= b.start for a, b in itertools.pairwise(timed))
    assert all(w.start >= 0 and w.end <= TRUTH["duration"] + 0.05 for w in timed)
    for w in timed:
        assert w.spoken or not any(c.isalnum() for c in w.text)
    doc = json.loads(aligned[0].read_text())
    assert doc["version"] == 1 and doc["turns"][0]["start"] is not None


def excerpt(tmp_path: Path) -> tuple[Path, Episode]:
    """The first 3 turns of the sample (about half a minute) as WAV, with their transcript."""
    turns = TRUTH["turns"][:3]
    end = turns[-1]["end"] + 0.3
    wav = tmp_path / "excerpt.wav"
    ffmpeg("-i", SAMPLE_AUDIO, "-t", f"{end:.3f}", "-ar", "44100", wav)
    ep = load(SAMPLE_TEXT).episode
    return wav, replace(ep, turns=ep.turns[:3])


def test_mp3_and_wav_of_the_same_audio_align_identically(tmp_path):
    wav, ep = excerpt(tmp_path)
    mp3 = tmp_path / "excerpt.mp3"
    ffmpeg("-i", wav, "-codec:a", "libmp3lame", "-b:a", "96k", mp3)
    a, b = decode(wav), decode(mp3)
    n = min(len(a.samples), len(b.samples)) - 2000
    x, y = a.samples[1000:n].astype(float), b.samples[1000:n].astype(float)
    lags = range(-200, 201)
    best = max(lags, key=lambda k: float(np.dot(x[200:-200], np.roll(y, k)[200:-200])))
    assert best == 0  # no encoder delay
    ta = [w.start for w in align(ep, a, workers=1).episode.words()]
    tb = [w.start for w in align(ep, b, workers=1).episode.words()]
    diffs = [abs(p - q) for p, q in zip(ta, tb) if p is not None and q is not None]
    assert len(diffs) >= 0.95 * len(ta)
    assert sorted(diffs)[len(diffs) // 2] <= 0.011


def test_textgrid_has_word_and_phone_tiers(tmp_path):
    wav, ep = excerpt(tmp_path)
    text_path = tmp_path / "excerpt.txt"
    text_path.write_text("\n\n".join(f"{t.speaker}: {t.text}" for t in ep.turns), encoding="utf-8")
    out = tmp_path / "excerpt.TextGrid"
    run = audiokit("align", wav, text_path, "-o", out, "--format", "textgrid", "--quiet")
    assert run.returncode == 0, run.stderr
    text = out.read_text()
    assert 'name = "words"' in text and 'name = "phones"' in text
    assert text.count('text = "') > 3 * len(list(ep.words()))  # phones, not just words


def test_direct_library_use_gives_phones(tmp_path):
    wav, ep = excerpt(tmp_path)
    result = align(ep, decode(wav), workers=1, phones=True)
    words = [w for w in result.episode.words() if w.timed and w.spoken]
    with_phones = [w for w in words if w.phones]
    # pocketsphinx's phone pass (set_alignment) fails on some regions where the word pass
    # succeeded; those words keep their times but have no phones.
    assert len(with_phones) >= 0.8 * len(words)
    assert "HH" in to_textgrid(result.episode) or "AY" in to_textgrid(result.episode)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.mp3", "no such file"),
        (lambda d: (d / "notes.mp3").write_text("not audio at all") and d / "notes.mp3", "cannot decode audio"),
        (lambda d: (d / "empty.wav").write_bytes(b"") or d / "empty.wav", "cannot decode audio"),
    ],
)
def test_bad_audio_is_one_line_and_exit_2(tmp_path, make, message):
    audio = make(tmp_path)
    out = tmp_path / "episode.json"
    run = audiokit("align", audio, SAMPLE_TEXT, "-o", out)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and audio.name in lines[0], run.stderr
    assert not out.exists()


def test_silence_or_other_audio_is_refused_without_output(tmp_path):
    silence = tmp_path / "silence.wav"
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "5", silence)
    out = tmp_path / "episode.json"
    run = audiokit("align", silence, SAMPLE_TEXT, "-o", out, "--quiet")
    assert run.returncode == 2 and "transcript probably belongs to other audio" in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [silence]


def test_missing_output_folder_fails_before_aligning(tmp_path):
    out = tmp_path / "no-such-folder" / "episode.json"
    run = audiokit("align", SAMPLE_AUDIO, SAMPLE_TEXT, "-o", out)
    assert run.returncode == 2 and "folder does not exist" in run.stderr
    assert "recognizing" not in run.stderr and not out.parent.exists()


def _align_in_daemon(wav: Path, ep: Episode, queue) -> None:
    try:
        result = align(ep, decode(wav), workers=1)
        queue.put([w.start for w in result.episode.words()])
    except BaseException as exc:  # noqa: BLE001 - reported to the test, not lost in the child
        queue.put(repr(exc))


def test_one_worker_runs_inside_a_daemonic_process_like_the_pooled_path(tmp_path):
    """Dask workers are daemonic: `workers=1` must not start a pool, and must give the same
    times as the pooled path."""
    import multiprocessing

    wav, ep = excerpt(tmp_path)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_align_in_daemon, args=(wav, ep, queue), daemon=True)
    child.start()
    got = queue.get(timeout=300)
    child.join()
    assert isinstance(got, list), got
    pooled = [w.start for w in align(ep, decode(wav), workers=2).episode.words()]
    assert got == pooled


def test_transcribers_notes_change_no_word_time_and_sit_in_their_pauses(tmp_path):
    wav, ep = excerpt(tmp_path)
    plain = tmp_path / "plain.txt"
    plain.write_text("\n\n".join(f"{t.speaker}: {t.text}" for t in ep.turns), encoding="utf-8")
    noted = tmp_path / "noted.txt"
    texts = [t.text for t in ep.turns]
    texts[1] = texts[1].replace("Nadia.", "Nadia. [laughs]", 1)
    noted.write_text("[MUSIC PLAYING]\n\n" + "\n\n".join(f"{t.speaker}: {x} (crosstalk)" for t, x in zip(ep.turns, texts)),
                     encoding="utf-8")
    audio = decode(wav)
    a = align(load(plain).episode, audio, workers=1)
    b = align(load(noted).episode, audio, workers=1)
    said = [w for w in b.episode.words() if not w.note]
    assert [w.text for w in said] == [w.text for w in a.episode.words()]
    # The aligner sees the same words either way; in one process a few word ends still differ from
    # run to run (pocketsphinx), so this asks what test_mp3_and_wav_... asks of the same audio.
    diffs = sorted(abs(p.start - q.start) for p, q in zip(said, a.episode.words())
                   if p.start is not None and q.start is not None)
    assert len(diffs) >= 0.95 * len(said) and diffs[len(diffs) // 2] <= 0.011
    assert (b.report.words, b.report.placed) == (a.report.words, a.report.placed)
    assert b.report.notes == ("[MUSIC PLAYING]", "(crosstalk)", "[laughs]", "(crosstalk)", "(crosstalk)")
    words = list(b.episode.words())
    for k, w in enumerate(words):
        if w.note:
            assert w.timed and w.interpolated and not w.spoken
            before = [x.end for x in words[:k] if not x.note and x.end is not None]
            after = [x.start for x in words[k + 1:] if not x.note and x.start is not None]
            assert (before[-1] if before else 0.0) <= w.start <= w.end <= (after[0] if after else audio.duration) + 1e-6
    assert "transcriber's notes" in b.report.summary()


def test_sound_the_transcript_notes_is_reported_as_noted(tmp_path):
    wav, ep = excerpt(tmp_path)
    intro = tmp_path / "intro.wav"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=5:sample_rate=44100", "-i", wav,
           "-filter_complex", "[0:a]volume=0.3[a];[a][1:a]concat=n=2:v=0:a=1", intro)
    noted = tmp_path / "noted.txt"
    noted.write_text("[MUSIC]\n\n" + "\n\n".join(f"{t.speaker}: {t.text}" for t in ep.turns), encoding="utf-8")
    result = align(load(noted).episode, decode(intro), workers=1)
    music, first = list(result.episode.words())[:2]
    assert music.text == "[MUSIC]" and music.start == 0.0 and music.end == first.start
    assert abs(first.start - (5.0 + TRUTH["turns"][0]["start"])) <= 0.1
    sounds = [s for s in result.report.extra_audio if s.kind == "unaligned sound"]
    assert [s.note for s in sounds] == ["[MUSIC]"]
    assert "(noted: [MUSIC])" in result.report.summary()
