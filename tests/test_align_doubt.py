"""The pause path's check (audiokit.align.doubt): which windows are doubtful, which stretches are heard again."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.align.doubt import UNCOVERED, is_doubtful, share, stretches


def test_a_window_is_doubtful_when_unplaced_or_leaving_speech_uncovered():
    assert not is_doubtful(True, 0.0)
    assert not is_doubtful(True, UNCOVERED)
    assert is_doubtful(True, UNCOVERED + 0.01)
    assert is_doubtful(False, 0.0)
    assert not is_doubtful(True, 0.9, limit=1.0)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 60).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.integers(0, n - 1), max_size=n),
                                                      st.integers(0, 3))))
def test_stretches_cover_every_doubtful_window_with_its_margin_and_end_at_trusted_cuts(case):
    n, doubtful, margin = case
    runs = stretches(doubtful, n, margin)
    covered = {i for a, b in runs for i in range(a, b + 1)}
    # Every doubtful window and its neighbours within the margin are heard again ...
    for i in doubtful:
        assert set(range(max(0, i - margin), min(n, i + margin + 1))) <= covered
    # ... and nothing else: each window heard again is within the margin of a doubtful one.
    for i in covered:
        assert any(abs(i - d) <= margin for d in doubtful)
    # Runs are in order, within the episode, and apart: a trusted window lies between two runs,
    # so each run begins and ends at a cut that has a window that checks out on its far side.
    for a, b in runs:
        assert 0 <= a <= b < n
    for (_, b), (a, _) in itertools.pairwise(runs):
        assert a > b + 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0.1, 20.0), min_size=1, max_size=30), st.data())
def test_share_is_the_time_the_runs_cover(lengths, data):
    bounds = [0.0]
    for x in lengths:
        bounds.append(bounds[-1] + x)
    n = len(lengths)
    runs = stretches(data.draw(st.lists(st.integers(0, n - 1), max_size=n)), n)
    expected = sum(lengths[i] for a, b in runs for i in range(a, b + 1)) / bounds[-1]
    assert abs(share(runs, bounds) - expected) < 1e-9
    assert abs(share(stretches(range(n), n), bounds) - 1.0) < 1e-9
    assert share([], bounds) == 0.0
