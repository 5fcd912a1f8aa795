"""scripts/ad_set.py: the seed-ad benchmark set (seed-full with a 90 s ad break the transcript
lacks): the cut, the ad's window in the sample, the truth shift, the splice, and a small build."""

from __future__ import annotations

import doctest
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import ad_set

ROOT = Path(__file__).resolve().parents[1]
SEED_FULL = ad_set.BENCH / "seed-full"


def test_doctests() -> None:
    assert doctest.testmod(ad_set).failed == 0


def truth_of(turns: list[tuple[float, float]], speakers: str = "AB") -> dict:
    """A truth with one sentence of two tokens per turn."""
    out = []
    for i, (a, b) in enumerate(turns):
        mid = round((a + b) / 2, 3)
        tokens = [{"text": "one", "start": a, "end": mid}, {"text": "two.", "start": mid, "end": b}]
        out.append({"speaker": speakers[i % len(speakers)], "start": a, "end": b,
                    "sentences": [{"text": "one two.", "start": a, "end": b, "in_transcript": True,
                                   "tokens": tokens}]})
    return {"duration": turns[-1][1] + 1.0, "speakers": list(speakers), "turns": out}


def test_cut_is_the_middle_of_the_turn_gap_nearest_600_s() -> None:
    truth = truth_of([(0.5, 540.0), (540.6, 590.0), (590.8, 612.0), (612.4, 700.0)])
    assert ad_set.cut_point(truth) == 590.4  # 590.4 is 9.6 s away, 612.2 is 12.2 s
    assert ad_set.cut_point(truth, near=700) == 612.2


def test_cut_skips_turns_that_touch_or_overlap() -> None:
    truth = truth_of([(0.0, 599.0), (599.0, 601.0), (600.5, 650.0), (651.0, 700.0)])
    assert ad_set.cut_point(truth) == 650.5
    with pytest.raises(ValueError):
        ad_set.cut_point(truth_of([(0.0, 10.0), (10.0, 20.0)]))


@given(st.lists(st.tuples(st.integers(1, 60_000), st.integers(0, 3_000)), min_size=2, max_size=30),
       st.integers(0, 2_000_000))
def test_cut_lies_in_a_silence_between_turns(steps: list[tuple[int, int]], near_ms: int) -> None:
    turns, t = [], 0
    for speech, gap in steps:  # integer milliseconds, as the truth files have them
        turns.append((t / 1000, (t + speech) / 1000))
        t += speech + gap
    truth = truth_of(turns)
    gaps = ad_set.turn_gaps(truth)
    if not gaps:
        return
    cut = ad_set.cut_point(truth, near=near_ms / 1000)
    assert any(a <= cut <= b for a, b in gaps)
    assert round(cut * ad_set.RATE) == pytest.approx(cut * ad_set.RATE, abs=1e-6)  # a whole sample
    best = min(abs((a + b) / 2 - near_ms / 1000) for a, b in gaps)
    assert abs(cut - near_ms / 1000) <= best + 0.001


def test_ad_window_opens_before_a_sentence_and_closes_in_a_pause() -> None:
    sample = json.loads((ROOT / "samples" / "episode.truth.json").read_text(encoding="utf-8"))
    begin = ad_set.ad_window(sample)
    spans = [(s["start"], s["end"]) for t in sample["turns"] for s in t["sentences"]]
    end = begin + ad_set.AD_SECONDS
    for edge in (begin, end):  # both ends in a pause, clear of every sentence
        assert not any(a - ad_set.EDGE + 1e-6 < edge < b + ad_set.EDGE - 1e-6 for a, b in spans)
    onset = min(a for a, _ in spans if a > begin)
    assert 0 < onset - begin <= 1.0 and 0 <= begin and end < sample["duration"]
    assert begin == 26.847  # the set's truth names it; a change here changes the set


def times(truth: dict) -> list[float | None]:
    out: list[float | None] = []
    for turn in truth["turns"]:
        out += [turn["start"], turn["end"]]
        for s in turn["sentences"]:
            out += [s["start"], s["end"]]
            for k in s["tokens"]:
                out += [k["start"], k["end"]]
    return out


@st.composite
def truths(draw: st.DrawFn) -> dict:
    """Truths with ordered word times in ms, some null, turns and sentences spanning their words."""
    turns = []
    t = draw(st.integers(0, 5_000))
    for _ in range(draw(st.integers(1, 6))):
        sentences = []
        for _ in range(draw(st.integers(1, 3))):
            tokens: list[dict] = []
            for _ in range(draw(st.integers(1, 4))):
                length = draw(st.integers(1, 2_000))
                timed = draw(st.booleans()) or not tokens
                tokens.append({"text": "w", "start": t / 1000 if timed else None,
                               "end": (t + length) / 1000 if timed else None})
                t += length + draw(st.integers(0, 1_500))
            ends = [k["end"] for k in tokens if k["end"] is not None]
            sentences.append({"text": "w", "start": tokens[0]["start"], "end": max(ends), "in_transcript": True,
                              "tokens": tokens})
        turns.append({"speaker": "A", "start": sentences[0]["start"], "end": sentences[-1]["end"],
                      "sentences": sentences})
    return {"duration": t / 1000 + 1.0, "speakers": ["A"], "turns": turns}


@settings(max_examples=200)
@given(truths(), st.integers(0, 60_000), st.integers(1, 200_000))
def test_shift_moves_exactly_the_times_at_or_after_the_cut(truth: dict, at_ms: int, by_ms: int) -> None:
    at, by = at_ms / 1000, by_ms / 1000
    before = json.dumps(truth)
    shifted = ad_set.shift_truth(truth, at, by, source="ad.mp3", source_start=1.5)
    assert json.dumps(truth) == before  # the input is left as it was
    old, new = times(truth), times(shifted)
    assert len(old) == len(new)
    for o, n in zip(old, new):
        if o is None:
            assert n is None
        elif o < at:
            assert n == o
        else:
            assert n == pytest.approx(o + by, abs=1e-6)
        # Nothing lands inside the inserted audio.
        assert n is None or not at <= n < at + by - 1e-6
    starts = [k["start"] for t in shifted["turns"] for s in t["sentences"] for k in s["tokens"]]
    placed = [x for x in starts if x is not None]
    assert placed == sorted(placed)  # word order kept
    assert shifted["duration"] == pytest.approx(truth["duration"] + by)
    assert shifted["inserted"] == {"start": at, "end": pytest.approx(at + by), "source": "ad.mp3",
                                   "source_start": 1.5}
    # Everything but the times is kept.
    assert [s["text"] for t in shifted["turns"] for s in t["sentences"]] == \
        [s["text"] for t in truth["turns"] for s in t["sentences"]]


@given(st.binary(max_size=40).map(lambda b: b[: len(b) // 2 * 2]), st.binary(max_size=20).map(
    lambda b: b[: len(b) // 2 * 2]), st.integers(0, 20))
def test_splice_keeps_both_sides_and_the_insert_whole(main: bytes, insert: bytes, at: int) -> None:
    if at * 2 > len(main):
        with pytest.raises(ValueError):
            ad_set.splice(main, insert, at)
        return
    out = ad_set.splice(main, insert, at)
    assert out[: at * 2] == main[: at * 2] and out[at * 2: at * 2 + len(insert)] == insert
    assert out[at * 2 + len(insert):] == main[at * 2:]


def test_ad_found_measures_the_hull_of_overlapping_extra_speech() -> None:
    ins = {"start": 615.386, "end": 705.386}
    extra = [{"start": 10.0, "end": 12.0, "kind": ad_set.EXTRA_KIND},
             {"start": 615.0, "end": 660.0, "kind": ad_set.EXTRA_KIND},
             {"start": 661.0, "end": 705.9, "kind": ad_set.EXTRA_KIND},
             {"start": 1400.0, "end": 1442.0, "kind": "unaligned sound"}]
    found = ad_set.ad_found(extra, ins)
    assert found["found"] and found["pieces"] == 2
    assert (found["start_ms"], found["end_ms"]) == (386.0, 514.0)
    assert found["covered"] == pytest.approx((660.0 - 615.386 + 705.386 - 661.0) / 90, abs=1e-4)
    assert not ad_set.ad_found([], ins)["found"]


def _tone(path: Path, seconds: float) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency=300:sample_rate=16000:duration={seconds}", "-c:a", "flac", str(path)],
                   check=True)


def _pcm(path: Path) -> bytes:
    return subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-i", str(path), "-f", "s16le", "-"],
                          capture_output=True, check=True).stdout


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
def test_build_splices_the_ad_and_skips_when_up_to_date(tmp_path: Path) -> None:
    source = tmp_path / "seed-full"
    source.mkdir()
    _tone(source / "episode.flac", 12.0)
    (source / "transcript.txt").write_text("A: one two.\n\nB: one two.\n", encoding="utf-8")
    truth = truth_of([(0.5, 5.0), (5.6, 11.0)])
    (source / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    target = tmp_path / "seed-ad"
    assert ad_set.build(source, ROOT / "samples", target) == target

    made = json.loads((target / "truth.json").read_text(encoding="utf-8"))
    assert made["inserted"]["start"] == 5.3 and made["inserted"]["end"] == 95.3
    assert made["turns"][1]["start"] == 95.6 and made["turns"][0]["end"] == 5.0
    assert (target / "transcript.txt").read_bytes() == (source / "transcript.txt").read_bytes()
    pcm, original = _pcm(target / "episode.flac"), _pcm(source / "episode.flac")
    cut, ad = round(5.3 * 16000) * 2, 90 * 16000 * 2
    assert len(pcm) == len(original) + ad
    assert pcm[:cut] == original[:cut] and pcm[cut + ad:] == original[cut:]
    assert pcm[cut: cut + ad] != b"\0" * ad  # speech from the sample, not silence

    stamp = (target / "stamp.json").stat().st_mtime_ns
    audio = (target / "episode.flac").stat().st_mtime_ns
    ad_set.build(source, ROOT / "samples", target)
    assert (target / "stamp.json").stat().st_mtime_ns == stamp
    assert (target / "episode.flac").stat().st_mtime_ns == audio
    (source / "truth.json").write_text(json.dumps(truth_of([(0.5, 4.0), (4.6, 11.0)])), encoding="utf-8")
    ad_set.build(source, ROOT / "samples", target)
    assert json.loads((target / "truth.json").read_text(encoding="utf-8"))["inserted"]["start"] == 4.3


@pytest.mark.skipif(not (SEED_FULL / "truth.json").exists(), reason="../shared/bench/seed-full is absent")
def test_seed_full_is_cut_between_turns_near_ten_minutes() -> None:
    truth = json.loads((SEED_FULL / "truth.json").read_text(encoding="utf-8"))
    cut = ad_set.cut_point(truth)
    assert abs(cut - 600) < 30
    ends = [t["end"] for t in truth["turns"] if t["end"] < cut]
    starts = [t["start"] for t in truth["turns"] if t["start"] > cut]
    assert len(ends) + len(starts) == len(truth["turns"])  # no turn spans the cut
    shifted = ad_set.shift_truth(truth, cut, ad_set.AD_SECONDS)
    words = [k["start"] for t in shifted["turns"] for s in t["sentences"] for k in s["tokens"] if k["start"] is not None]
    assert not any(cut <= w < cut + ad_set.AD_SECONDS for w in words)


def test_bench_align_says_how_the_ad_was_reported() -> None:
    import bench_align

    assert doctest.testmod(bench_align, verbose=False).failed == 0
    assert "seed-ad" in bench_align.SETS and "seed-ad" in bench_align.TARGETS
