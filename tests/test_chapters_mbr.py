"""Minimum-Bayes-risk chapter choice (scripts/mbr_decode.py, issue 11's decoding experiment): the
dynamic program against brute force, the window chances against enumeration, and the
chapter-length rules."""

import doctest
import itertools
import sys
from pathlib import Path

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import mbr_decode as mbr


def objective(chosen, gain1, gain2, k):
    """Summed window gains of a set of gaps, counted window by window."""
    windows = len(gain1)
    total = 0.0
    for w in range(windows):
        h = sum(w + 1 <= j <= w + k for j in chosen)
        if h:
            total += gain1[w] + (h - 1) * gain2[w]
    return total


def feasible(chosen, times, end, min_length, opening):
    if not chosen:
        return True
    points = [times[j] for j in chosen]
    return (points[0] >= opening and end - points[-1] >= min_length
            and all(b - a >= min_length for a, b in itertools.pairwise(points)))


@st.composite
def problems(draw):
    n = draw(st.integers(3, 11))
    k = draw(st.integers(1, 4))
    windows = max(1, n - k)
    g1 = draw(st.lists(st.floats(-1, 1, allow_nan=False), min_size=windows, max_size=windows))
    g2 = draw(st.lists(st.floats(-1, 0.2, allow_nan=False), min_size=windows, max_size=windows))
    steps = draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0]), min_size=n - 1, max_size=n - 1))
    times = np.r_[0.0, np.cumsum(steps)]
    end = float(times[-1]) + draw(st.sampled_from([0.5, 1.0, 3.0]))
    most = draw(st.integers(1, 4))
    min_length = draw(st.sampled_from([0.0, 0.5, 1.0, 2.0]))
    opening = draw(st.sampled_from([None, 0.5]))
    return np.array(g1), np.array(g2), k, times, end, most, min_length, opening


@settings(max_examples=300, deadline=None)
@given(problems())
def test_the_dynamic_program_finds_the_brute_force_optimum(problem):
    g1, g2, k, times, end, most, min_length, opening = problem
    first = min_length if opening is None else opening
    best = None
    for chosen in itertools.combinations(range(1, len(times)), most):
        if feasible(chosen, times, end, min_length, first):
            value = objective(chosen, g1, g2, k)
            best = value if best is None else max(best, value)
    got = mbr.best_cover(g1, g2, k, times, end, most, min_length, opening)
    if best is None:
        assert got is None
    else:
        assert got is not None and len(got) == most
        assert feasible(got, times, end, min_length, first)
        assert abs(objective(got, g1, g2, k) - best) < 1e-9


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0.01, 0.99), min_size=4, max_size=9), st.integers(1, 3), st.integers(2, 4),
       st.sampled_from([0.5, 1.0, 2.0]))
@example(ps=[0.75, 0.99, 0.25, 0.25], k=1, count=4, temperature=2.0)  # 1.1e-9 where 0 is exact
def test_exact_chances_match_enumerating_every_set_of_the_count(ps, k, count, temperature):
    p = np.array([0.0, *ps])
    n = len(p)
    if count > n - 1 or n <= k:
        return
    r = (np.array(ps) / (1 - np.array(ps))) ** temperature
    weights = {s: float(np.prod(r[[j - 1 for j in s]])) for s in itertools.combinations(range(1, n), count - 1)}
    total = sum(weights.values())
    got = mbr.chances(p, k, count, temperature, "exact")
    assert got.shape == (n - k, 3)
    for w in range(n - k):
        want = [0.0, 0.0, 0.0]
        for s, weight in weights.items():
            h = sum(w + 1 <= j <= w + k for j in s)
            if h <= 2:
                want[h] += weight / total
        # atol: the chances are sums of products of odds up to (0.99 / 0.01) ** 2, so rounding
        # leaves about 1e-9 where the enumeration has an exact 0
        assert np.allclose(got[w], want, atol=1e-7)


def test_independent_chances_expect_the_count():
    p = np.array([0, 0.9, 0.2, 0.7, 0.1, 0.05, 0.6, 0.3])
    c = mbr.chances(p, 1, 3, 1.0, "independent")
    # With k = 1 each window is one gap: its boundary chances sum to the count's boundaries.
    assert abs(c[:, 1].sum() - 2) < 1e-6
    assert np.allclose(c.sum(axis=1), 1.0, atol=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=2, max_size=60), st.integers(1, 8), st.sampled_from([0.0, 5.0, 20.0]),
       st.sampled_from(["pk", "windowdiff"]), st.sampled_from(["exact", "independent", "segments"]))
def test_exactly_count_chapters_first_at_zero_and_long_enough_where_they_fit(ps, count, min_length, metric, model):
    p = np.array([0.0, *ps])
    n = len(p)
    if count > n:
        return
    starts = [10.0 * i for i in range(n)]
    end = 10.0 * n
    got = mbr.choose_mbr(p, starts, end, count, min_length, 1.0, model, "pk" if model == "segments" else metric)
    assert len(got) == count and got[0] == 0 and got == sorted(set(got))
    if 10.0 * n >= count * min_length:  # room for count chapters of min_length (opening included)
        lengths = np.diff([starts[i] for i in got] + [end])
        assert lengths[1:].min(initial=np.inf) >= min_length - 1e-9
        assert end - starts[got[-1]] >= min_length - 1e-9


def test_a_near_miss_beats_a_far_gap_of_equal_probability():
    # Two peaks: the choice under Pk takes the gaps that cover the likely windows best.
    p = np.zeros(41)
    p[10], p[30] = 0.9, 0.9
    got = mbr.choose_mbr(p, list(range(41)), 41.0, 3, 1.0)
    assert got == [0, 10, 30]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(0.01, 0.99), min_size=4, max_size=9), st.integers(1, 3), st.integers(2, 4),
       st.sampled_from([0.5, 1.0, 2.0]), st.lists(st.floats(0.5, 2.0), min_size=9, max_size=9),
       st.sampled_from([0.0, 1.0, 2.0]))
def test_segment_chances_match_enumerating_every_segmentation(ps, k, count, temperature, steps, weight):
    p = np.array([0.0, *ps])
    n = len(p)
    if count > n or n <= k:
        return
    times = np.r_[0.0, np.cumsum(steps[: n - 1])]
    end = float(times[-1]) + 1.0
    prior = mbr.length_prior(times, end, count, -0.2, 0.6, weight)
    log_odds = np.r_[0.0, np.log(mbr.odds(p, temperature))]
    total, empty = 0.0, np.zeros(n - k)
    for s in itertools.combinations(range(1, n), count - 1):
        points = [0, *s, n]
        w = np.exp(sum(log_odds[j] for j in s) + sum(prior[a, b] for a, b in itertools.pairwise(points)))
        total += w
        for i in range(n - k):
            if not any(i < j <= i + k for j in s):
                empty[i] += w
    got = mbr.segment_chances(p, times, end, k, count, temperature, prior)
    if count == 1:
        assert got is None
    else:
        assert np.allclose(got, empty / total, atol=1e-7)  # rounding, as in the exact chances above


def test_doctests():
    assert doctest.testmod(mbr).failed == 0


def conversation(name, series, starts, truth, dataset="meetings-dev"):
    """A dev conversation of sentences starting at ``starts`` (the end 10 s after the last)."""
    from chapters_data import Conversation

    from audiokit.chapters.model import TimedSentence

    sentences = tuple(TimedSentence(i, t, t + 1.0, "x.", i, "A", True, 0.5) for i, t in enumerate(starts))
    return Conversation(name, dataset, series, sentences, np.zeros((len(starts), 1)), truth, starts[-1] + 10.0,
                        np.zeros((len(starts), 1)), truth)


def test_length_fit_separates_the_opening_chapters():
    import chapters_mbr as cm

    # Chapters of 10, 30 and 20 s: the mean chapter is 20 s.
    c = conversation("a", "s", [0.0, 10.0, 40.0, 50.0], [0, 1, 2])
    every, first, rest = cm.length_fit([c]), cm.length_fit([c], True), cm.length_fit([c], False)
    assert np.isclose(first[0], np.log(0.5)) and first[1] == 0.0
    assert np.isclose(rest[0], (np.log(1.5) + np.log(1.0)) / 2)
    assert np.isclose(every[0], (np.log(0.5) + np.log(1.5) + np.log(1.0)) / 3)


def test_select_scores_each_fold_with_the_variant_best_on_the_other_folds():
    import chapters_mbr as cm

    convs = [conversation(f"{s}{i}", s, [0.0, 10.0], [0, 1], ds)
             for s, ds in (("pod", "podcasts-dev"), ("ES2008", "meetings-dev")) for i in range(2)]
    rows = [{"name": c.name, "series": c.series, "dataset": c.dataset} for c in convs]
    # Variant "a" wins on podcasts, "b" on meetings: each fold takes the other fold's winner.
    table = {("a",): [dict(x, pk=0.1 if x["dataset"] == "podcasts-dev" else 0.5) for x in rows],
             ("b",): [dict(x, pk=0.5 if x["dataset"] == "podcasts-dev" else 0.05) for x in rows]}
    held_out, chosen = cm.select(convs, table)
    assert chosen == {"pod": ("b",), "meetings-0": ("a",)}
    assert sorted(x["pk"] for x in held_out) == [0.5] * 4
