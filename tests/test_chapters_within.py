"""Within-episode objectives and transforms of the chapter boundary experiment
(scripts/chapters_within.py, issue 11): the gradients against finite differences, the
conditional logit against its direct definition, the transforms' invariances."""

import doctest
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
cw = pytest.importorskip("chapters_within")


def numeric_grad(f, beta, h=1e-6):
    g = np.zeros_like(beta)
    for k in range(len(beta)):
        e = np.zeros_like(beta)
        e[k] = h
        g[k] = (f(beta + e) - f(beta - e)) / (2 * h)
    return g


def groups(rng, local):
    out = []
    for n, weight in ((12, 0.5), (7, 0.5), (20, 1.0)):
        z = rng.normal(size=(n, 4))
        pos = np.sort(rng.choice(n, size=3, replace=False))
        lo, hi = cw.competitors(n, pos, local)
        out.append((z, pos, lo, hi, weight))
    return out


@pytest.mark.parametrize("local", [False, True])
def test_softmax_gradient_matches_finite_differences(local):
    rng = np.random.default_rng(0)
    g = groups(rng, local)
    beta = rng.normal(size=4)
    loss, grad = cw.softmax_loss(beta, cw.pack(g), 0.7)
    assert np.allclose(grad, numeric_grad(lambda b: cw.softmax_loss(b, cw.pack(g), 0.7)[0], beta), atol=1e-6)
    assert loss > 0


def test_softmax_loss_is_the_negative_log_likelihood_of_the_boundaries():
    rng = np.random.default_rng(1)
    z = rng.normal(size=(6, 3))
    beta = rng.normal(size=3)
    pos = np.array([1, 4])
    lo, hi = cw.competitors(6, pos, False)
    loss, _ = cw.softmax_loss(beta, cw.pack([(z, pos, lo, hi, 2.0)]), 0.0)
    s = z @ beta
    direct = -sum(np.log(np.exp(s[b]) / np.exp(s).sum()) for b in pos) * 2.0 / 2
    assert loss == pytest.approx(direct)


def test_softmax_ignores_a_shift_of_an_episode():
    """The conditional logit sees only differences within an episode: adding a constant row to
    every gap of an episode leaves the loss unchanged."""
    rng = np.random.default_rng(2)
    z = rng.normal(size=(9, 3))
    beta = rng.normal(size=3)
    pos = np.array([2, 5])
    lo, hi = cw.competitors(9, pos, True)
    a = cw.softmax_loss(beta, cw.pack([(z, pos, lo, hi, 1.0)]), 0.1)[0]
    b = cw.softmax_loss(beta, cw.pack([(z + rng.normal(size=3), pos, lo, hi, 1.0)]), 0.1)[0]
    assert a == pytest.approx(b)


def test_pair_gradient_matches_finite_differences():
    rng = np.random.default_rng(3)
    d = rng.normal(size=(30, 5)) * 3
    w = rng.uniform(0.1, 1.0, size=30)
    beta = rng.normal(size=5)
    _, grad = cw.pair_loss(beta, d, w, 0.3)
    assert np.allclose(grad, numeric_grad(lambda b: cw.pair_loss(b, d, w, 0.3)[0], beta), atol=1e-6)


def test_competitors_hold_their_boundary_and_no_other():
    pos = np.array([3, 8, 9, 15])
    lo, hi = cw.competitors(20, pos, True)
    for k, b in enumerate(pos):
        inside = set(range(lo[k], hi[k]))
        assert b in inside and not (inside & (set(pos) - {b}))


def test_zscore_and_rank_are_blind_to_an_episode_scale_and_shift():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(15, 3))
    cols = np.array([True, True, False])
    moved = x * np.array([3.0, 0.5, 1.0]) + np.array([10.0, -2.0, 0.0])
    assert np.allclose(cw.zscore(x, cols)[:, :2], cw.zscore(moved, cols)[:, :2])
    assert np.allclose(cw.rank_normal(x, cols)[:, :2], cw.rank_normal(moved, cols)[:, :2])
    assert np.array_equal(cw.zscore(x, cols)[:, 2], x[:, 2])
    r = cw.rank_normal(x, cols)[1:, 0]
    assert r.min() == -0.5 and r.max() == 0.5


def test_binary_columns():
    a = np.array([[0.0, 0.5, 1.0], [1.0, 0.0, 1.0]])
    assert cw.binary_columns([a, np.array([[1.0, 0.0, 2.0]])]).tolist() == [True, False, False]


def test_doctests():
    assert doctest.testmod(cw).failed == 0


def test_logistic_gradient_matches_finite_differences():
    rng = np.random.default_rng(5)
    z = rng.normal(size=(40, 3))
    y = (rng.uniform(size=40) < 0.3).astype(float)
    w = rng.uniform(0.1, 1.0, size=40)
    beta = rng.normal(size=4)
    _, grad = cw.logistic_loss(beta, z, y, w, 0.4)
    assert np.allclose(grad, numeric_grad(lambda b: cw.logistic_loss(b, z, y, w, 0.4)[0], beta), atol=1e-6)
