"""The "don't care" training design of scripts/chapters_tolerance.py (issue 11): radius 0 is the
shipped design, and a radius zeroes only the true boundaries' neighbours, rebalancing the rest."""

import doctest
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import chapters_tolerance as tol
import train_chapters

from audiokit.chapters import features


def toy() -> list[SimpleNamespace]:
    rng = np.random.default_rng(3)
    width = len(features.FEATURE_NAMES)
    # Boundaries two apart (5 and 7), one at the last gap (11) and one near the start (1).
    return [SimpleNamespace(train_feats=rng.normal(size=(12, width)), train_truth=[0, 5, 7, 11]),
            SimpleNamespace(train_feats=rng.normal(size=(9, width)), train_truth=[0, 1, 6])]


def test_doctests():
    assert doctest.testmod(tol).failed == 0


def test_radius_zero_is_the_shipped_design():
    for got, want in zip(tol.tolerant_design(toy(), 0), train_chapters._design(toy()), strict=True):  # type: ignore[arg-type]
        assert np.array_equal(got, want)


def test_neighbours_weigh_nothing_and_the_rest_is_rebalanced():
    convs = toy()
    x, y, w = tol.tolerant_design(convs, 1)  # type: ignore[arg-type]
    sx, sy, _ = train_chapters._design(convs)  # type: ignore[arg-type]
    assert np.array_equal(x, sx) and np.array_equal(y, sy)  # rows and labels as shipped
    # First conversation: 11 rows (gaps 1-11) twice; gaps 4, 6, 8 and 10 are neighbours.
    first = w[:11]
    gaps = np.arange(1, 12)
    assert np.all(first[np.isin(gaps, [4, 6, 8, 10])] == 0.0)
    assert np.allclose(first[np.isin(gaps, [5, 7, 11])], 0.25 / 3)
    assert np.allclose(first[np.isin(gaps, [1, 2, 3, 9])], 0.25 / 4)
    assert np.array_equal(w[:11], w[11:22])  # the cue-zeroed copy weighs the same
    # Second conversation: gap 1 is a boundary, so it keeps its weight; gaps 2, 5, 7 are out.
    second = w[22:30]
    gaps = np.arange(1, 9)
    assert np.all(second[np.isin(gaps, [2, 5, 7])] == 0.0) and np.allclose(second[gaps == 1], 0.25 / 2)
    # Every conversation still weighs 1.
    assert np.isclose(w[:22].sum(), 1.0) and np.isclose(w[22:].sum(), 1.0)


def test_radius_two_covers_more_and_never_a_boundary():
    _, y, w1 = tol.tolerant_design(toy(), 1)  # type: ignore[arg-type]
    _, _, w2 = tol.tolerant_design(toy(), 2)  # type: ignore[arg-type]
    assert np.all(w2[y > 0] > 0) and np.all(w1[y > 0] > 0)
    assert ((w2 == 0) & (y == 0)).sum() > ((w1 == 0) & (y == 0)).sum()
    assert np.all(w2[w1 == 0] == 0)


def test_utterance_radius_spans_the_neighbouring_utterances():
    # Utterances start at sentences 0, 3, 4, 7, 9 (11 sentences); the true start is utterance 2.
    conv = SimpleNamespace(name="a", train_feats=np.zeros((11, len(features.FEATURE_NAMES))),
                           train_truth=[0, 4], truth=[0, 2])
    _, _, w = tol.tolerant_design([conv], 1, {"a": ([0, 3, 4, 7, 9], 11)})  # type: ignore[list-item]
    gaps = np.arange(1, 11)
    out = gaps[w[:10] == 0].tolist()
    assert out == [3, 5, 6, 7]  # utterance 1's start, utterance 2's inner sentences, utterance 3's start
    assert np.isclose(w[:10][gaps == 4][0], 0.25) and np.isclose(w.sum(), 1.0)
    _, _, w2 = tol.tolerant_design([conv], 2, {"a": ([0, 3, 4, 7, 9], 11)})  # type: ignore[list-item]
    assert gaps[w2[:10] == 0].tolist() == [1, 2, 3, 5, 6, 7, 8, 9]
