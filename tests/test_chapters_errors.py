"""The pure parts of scripts/measure_chapters_errors.py: Pk's split, the oracles, the length prior."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import measure_chapters_errors as m
from chapters_data import Conversation, score

from audiokit.chapters import features
from audiokit.chapters.model import TimedSentence


def conversation(truth: list[int], n: int = 60, seconds: float = 10.0) -> Conversation:
    sentences = tuple(TimedSentence(i, i * seconds, i * seconds + seconds - 1, f"Sentence {i}.", i, "AB"[i % 2],
                                    True, 1.0) for i in range(n))
    feats = np.zeros((n, len(features.FEATURE_NAMES)))
    feats[:, features.FEATURE_NAMES.index("speaker_change")] = 1.0
    return Conversation("c", "meetings-dev", "s", sentences, feats, truth, n * seconds, feats, truth)


def test_pk_parts_add_up_to_pk():
    c = conversation([0, 20, 40])
    for hyp in ([0, 20, 40], [0, 25, 40], [0, 10], [0, 5, 30, 50]):
        fa, miss = m.pk_parts(c, hyp)
        assert abs(fa + miss - score(c, hyp)["pk"]) < 1e-9
    assert m.pk_parts(c, [0])[0] == 0.0  # one chapter never raises a false alarm


def test_oracles_place_boundaries_in_the_true_regions():
    c = conversation([0, 20, 40])
    p = np.zeros(60)
    p[[19, 43, 55]] = [0.9, 0.8, 0.95]
    assert m.shipped(c, p) == [0, 19, 55]
    assert m.oracle_region(c, p, 0.5) == [0, 19, 43]  # k = 10: regions of +-5 sentences
    assert m.oracle_shift(c, p, 3) == [0, 20, 55]
    assert m.oracle_shift(c, p, 3, only=-2) == [0, 19, 55]
    # Moved only onto a true boundary where the speaker does not change.
    assert m.oracle_shift(c, p, 1, only=-1, same_speaker=True) == [0, 19, 55]
    c.feats[20, features.FEATURE_NAMES.index("speaker_change")] = 0.0
    assert m.oracle_shift(c, p, 1, only=-1, same_speaker=True) == [0, 20, 55]


def test_length_prior_is_the_shipped_choice_at_weight_zero_and_evens_lengths_when_strong():
    c = conversation([0, 20, 40])
    rng = np.random.default_rng(0)
    p = rng.random(60) * 0.1
    p[0] = 0.0
    p[[5, 8]] = 0.5  # two strong gaps crowded at the start
    assert m.with_prior(c, p, 0.0, 0.0, 0.5) == m.shipped(c, p)
    even = m.with_prior(c, p, 10.0, 0.0, 0.5)
    assert len(even) == 3 and np.allclose(m.relative_lengths(c, even), 1.0, atol=0.2)
