"""The whole-chapter likelihood experiment (scripts/chapters_segcost.py, issue 11): the sequential
Dirichlet-multinomial likelihood against its closed form, and its dynamic program against brute
force."""

import doctest
import itertools
import sys
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import chapters_segcost as seg

from audiokit.chapters import choose


def test_doctests():
    assert doctest.testmod(seg).failed == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from("abcde"), max_size=4), min_size=1, max_size=7),
       st.sampled_from([0.1, 0.5, 2.0]))
def test_sequential_likelihood_is_the_closed_form(sentences, alpha):
    ids, pos, v = seg.token_ids(sentences)
    table = seg.segment_loglik(ids, pos, max(v, 1), alpha)
    n = len(sentences)
    for i in range(n):
        for j in range(i + 1, n + 1):
            counts = np.bincount(ids[pos[i]:pos[j]], minlength=max(v, 1)).astype(float)
            assert abs(table[i, j] - seg.dcm_check(counts, alpha)) < 1e-9


def brute(p, times, end, count, spacing, opening, table, weight):
    best, arg = -np.inf, None
    for gaps in itertools.combinations(range(1, len(times)), count - 1):
        cuts = [0, *gaps]
        if any(times[g] < opening or times[g] > end - spacing for g in gaps):
            continue
        if any(times[b] - times[a] < spacing for a, b in itertools.pairwise(gaps)):
            continue
        total = sum(p[g] + 1e-6 for g in gaps) + weight * sum(
            table[a, b] for a, b in itertools.pairwise([*cuts, len(times)]))
        if total > best + 1e-12:
            best, arg = total, cuts
    return arg


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=2, max_value=7), st.integers(min_value=0, max_value=10_000), st.integers(2, 4))
def test_dynamic_program_is_brute_force(n, seed, count):
    rng = np.random.default_rng(seed)
    times = np.cumsum(rng.uniform(1, 10, n)) - 1.0
    times[0] = 0.0
    end = float(times[-1] + rng.uniform(1, 10))
    p = rng.uniform(0, 1, n)
    table = rng.normal(0, 1, (n, n + 1))
    got = seg._dp(p + 1e-6, times, end, count, 5.0, choose.opening_length(5.0, end), table, 0.7)
    want = brute(p, times, end, count, 5.0, choose.opening_length(5.0, end), table, 0.7)
    assert got == want
