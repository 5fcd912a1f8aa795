"""scripts/make_lang_rough.py: the pure parts (which sentences change, the cut spans, the truth
shifted and cut, the transcript without left-out sentences) on a small made-up truth."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import make_lang_rough as mlr


def _truth(sizes: list[int]) -> dict:
    """A truth of turns with the given sentence counts: each sentence 1 s long with 0.5 s pauses."""
    turns, t = [], 0.6
    for n, size in enumerate(sizes):
        sentences = []
        for k in range(size):
            words = [f"w{n}x{k}a", f"w{n}x{k}b."]
            tokens = [{"text": w, "start": round(t + 0.5 * i, 3), "end": round(t + 0.5 * i + 0.4, 3)}
                      for i, w in enumerate(words)]
            sentences.append({"text": " ".join(words), "start": tokens[0]["start"], "end": tokens[-1]["end"],
                              "in_transcript": True, "tokens": tokens})
            t = round(t + 1.5, 3)
        turns.append({"speaker": "AB"[n % 2], "start": sentences[0]["start"], "end": sentences[-1]["end"],
                      "sentences": sentences})
    return {"duration": t + 1.0, "speakers": ["A", "B"], "chapters": [{"title": "x", "start": 0.6, "turn": 0}],
            "turns": turns}


def test_doctests() -> None:
    assert doctest.testmod(mlr).failed == 0


def test_choice_is_deterministic_and_keeps_every_turn() -> None:
    truth = _truth([3, 1, 2, 4, 2, 3, 2, 2, 3, 1, 2, 2])
    first = mlr.choose(truth, np.random.default_rng(5))
    assert first == mlr.choose(truth, np.random.default_rng(5))
    left, cut = first
    assert len(left) >= 2 and len(cut) >= 2
    changed = [t for t, _ in left + cut]
    assert len(changed) == len(set(changed))  # at most one change per turn
    assert all(len(truth["turns"][t]["sentences"]) >= 2 for t in changed)
    assert all(s >= 1 for _, s in cut)  # a turn's first sentence is never cut


def test_rough_truth_shifts_and_cuts_consistently() -> None:
    truth = _truth([3, 2, 3, 2])
    left, cut = [(1, 0)], [(0, 2), (2, 1)]
    spans = mlr.cut_spans(truth, cut)
    removed = sum(b - a for a, b in spans)
    rough = mlr.rough_truth(truth, left, cut, 12.0, truth["duration"] + 12.0 - removed)
    kept = [s for turn in rough["turns"] for s in turn["sentences"]]
    assert len(kept) == 10 - 2
    cut_texts = {truth["turns"][t]["sentences"][s]["text"] for t, s in cut}
    assert not cut_texts & {s["text"] for s in kept}
    assert [s["in_transcript"] for s in rough["turns"][1]["sentences"]] == [False, True]
    starts = [tok["start"] for s in kept for tok in s["tokens"]]
    assert starts == sorted(starts) and starts[0] == 12.6
    # Every kept sentence keeps its length and its pauses; only the cut stretches disappear.
    assert all(abs((s["end"] - s["start"]) - 0.9) < 1e-6 for s in kept)
    assert abs(kept[-1]["end"] - (truth["turns"][-1]["end"] + 12.0 - removed)) < 1e-6
    assert [c["start"] for c in rough["chapters"]] == [rough["turns"][0]["start"]]
    assert truth["turns"][0]["start"] == 0.6  # the input is not modified


def test_transcript_keeps_labels_and_other_sentences() -> None:
    texts = ["Один раз.", "Два!", "Три?", "Четыре."]
    transcript = "Заголовок\n\nАнна, ведущая: Один раз. Два!\n\nИгорь: Три? Четыре.\n"
    assert mlr.drop_sentences(transcript, texts, {2}) == "Заголовок\n\nАнна, ведущая: Один раз. Два!\n\nИгорь: Четыре.\n"
    assert mlr.drop_sentences(transcript, texts, set()) == transcript


def test_cut_audio_length_and_noise_level() -> None:
    audio = np.ones(mlr.RATE * 4)
    assert len(mlr.cut_audio(audio, [(1.0, 2.0)])) == mlr.RATE * 3  # times after the cut move by exactly 1 s
    noise = mlr.pink_noise(mlr.RATE * 2, np.random.default_rng(1))
    assert abs(np.sqrt(np.mean(noise ** 2)) - 1.0) < 1e-9


def test_clean_sets_take_the_shared_ones_and_skip_rough_variants(tmp_path: Path) -> None:
    shared, out = tmp_path / "shared", tmp_path / "out"
    for folder in (shared / "lang-it", out / "lang-ru", out / "lang-ru-rough", out / "lang-fi-rough-s21"):
        folder.mkdir(parents=True)
        (folder / "truth.json").write_text("{}")
    (shared / "lang-cs").mkdir()  # no truth: not a set
    assert [f.relative_to(tmp_path).as_posix() for f in mlr.clean_sets(out, shared)] == ["shared/lang-it", "out/lang-ru"]
