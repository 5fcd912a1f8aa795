"""Chapters fitted to the audio they are embedded into: a file cut short (trimmed, or cut off
in a download with the whole episode's MP3 Info frame kept) gets no chapter past its end."""

from __future__ import annotations

import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audiokit.audio import playable_length
from audiokit.chapters.into_audio import END_SLACK, fit
from audiokit.chapters.model import Chapter
from audiokit.errors import InputError

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "episode.mp3"
needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None,
                                  reason="needs ffmpeg")

CHAPTERS = [Chapter(0, 100, "A", 0), Chapter(100, 200, "B", 4), Chapter(200, 300, "C", 9), Chapter(300, 437, "D", 12)]


def test_chapters_past_the_end_are_dropped_and_the_last_kept_ends_with_the_audio():
    kept, note = fit(CHAPTERS, 150.0)
    assert [(c.title, c.start, c.end) for c in kept] == [("A", 0, 100), ("B", 100, 150.0)]
    assert note is not None and "ends at 2:30" in note and "2 of the 4 chapters start" in note


def test_a_chapter_starting_in_the_last_second_is_dropped_and_a_small_overshoot_is_silent():
    assert [c.title for c in fit(CHAPTERS, 300.5)[0]] == ["A", "B", "C"]
    kept, note = fit(CHAPTERS, 436.97)  # the lengths of the episode and of the file round apart
    assert note is None and kept == tuple(CHAPTERS)
    kept, note = fit(CHAPTERS, 430.0)
    assert kept[-1].end == 430.0 and note is not None and "7 s before the last chapter" in note


def test_no_chapter_within_the_audio_is_refused():
    with pytest.raises(InputError, match="before the first chapter starts"):
        fit([Chapter(5, 10, "A", 0)], 3.0)


@given(starts=st.lists(st.floats(1, 500), min_size=0, max_size=8, unique=True), length=st.floats(2, 600))
def test_fitted_chapters_lie_within_the_audio(starts, length):
    times = [0.0, *sorted(starts)]
    chapters = [Chapter(a, b, f"c{k}", k) for k, (a, b) in enumerate(zip(times, [*times[1:], 520.0]))]
    kept, note = fit(chapters, length)
    assert kept[0] == chapters[0] or kept[0].start == 0
    assert all(c.start < length - END_SLACK for c in kept)
    assert all(c.end <= length + 0.1 for c in kept)
    assert all(a.end == b.start for a, b in pairwise(kept))
    assert (note is None) == (len(kept) == len(chapters) and chapters[-1].end <= length + END_SLACK)


@needs_ffmpeg
def test_playable_length_is_that_of_the_packets_not_the_header(tmp_path):
    cut = tmp_path / "cut.mp3"
    data = SAMPLE.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 5])  # cut off mid-download: the Info frame says 437 s
    header = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                             str(cut)], capture_output=True, text=True, check=True).stdout
    assert float(header) > 430
    assert playable_length(cut) == pytest.approx(437.34 * 2 / 5, abs=1.0)
    assert playable_length(SAMPLE) == pytest.approx(437.34, abs=0.06)
    text = tmp_path / "notes.mp3"
    text.write_text("not audio")
    with pytest.raises(InputError, match="notes.mp3"):
        playable_length(text)
