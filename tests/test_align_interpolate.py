"""Interpolation of the words no pass placed (`align.anchored.interpolate`): spread between their
placed neighbours, except that a run opening or closing a sentence stays next to the neighbour in
its own sentence when the gap is longer than the run takes to say."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from audiokit.align.anchored import TokenTime, interpolate
from audiokit.align.matching import Token


def _run(sentences: list[int], placed: dict[int, tuple[float, float]], start: float, end: float,
         texts: list[str] | None = None) -> list[TokenTime]:
    texts = texts or ["word"] * len(sentences)
    tokens = [Token(t, k, s) for k, (t, s) in enumerate(zip(texts, sentences))]
    times: list[TokenTime | None] = [TokenTime(*placed[k], 0.99) if k in placed else None
                                     for k in range(len(tokens))]
    interpolate(times, range(len(tokens)), tokens, start, end)
    assert all(t is not None for t in times)
    return times  # type: ignore[return-value]


def test_a_run_inside_one_sentence_is_spread_over_the_whole_gap() -> None:
    times = _run([0, 0, 0, 0], {0: (1.0, 1.3), 3: (5.0, 5.3)}, 0.0, 6.0)
    assert (times[1].start, times[2].end) == (1.3, 5.0)
    assert times[1].interpolated and times[2].interpolated


def test_a_sentence_opening_run_stays_before_its_sentence() -> None:
    # The turn-opening "uh" of real-mfa: region start 0.0, its sentence placed from 10.0.
    times = _run([0, 1, 1, 1], {0: (0.0, 0.3), 2: (10.0, 10.3), 3: (10.3, 10.6)}, 0.0, 11.0,
                 ["so", "uh", "well", "then"])
    assert times[1].end == 10.0
    assert 9.5 < times[1].start < 10.0


def test_a_sentence_closing_run_stays_after_its_sentence() -> None:
    times = _run([0, 0, 0, 1], {0: (1.0, 1.3), 3: (9.0, 9.3)}, 0.0, 10.0)
    assert times[1].start == 1.3
    assert times[2].end < 3.0


def test_a_run_with_no_placed_neighbour_in_its_sentence_is_spread() -> None:
    times = _run([0, 1, 1, 2], {0: (1.0, 1.3), 3: (9.0, 9.3)}, 0.0, 10.0)
    assert (times[1].start, times[2].end) == (1.3, 9.0)


def test_a_gap_shorter_than_the_run_is_filled_as_before() -> None:
    times = _run([0, 1, 1], {0: (1.0, 1.3), 2: (1.5, 1.8)}, 0.0, 2.0, ["so", "uhhhhhhhhh", "well"])
    assert (times[1].start, times[1].end) == (1.3, 1.5)


@st.composite
def _regions(draw: st.DrawFn) -> tuple[list[int], dict[int, tuple[float, float]], float, float]:
    n = draw(st.integers(1, 12))
    sentences = sorted(draw(st.lists(st.integers(0, 4), min_size=n, max_size=n)))
    start = draw(st.floats(0, 100, allow_nan=False))
    at = start
    placed = {}
    for k in range(n):
        at += draw(st.floats(0, 3, allow_nan=False))
        if draw(st.booleans()):
            length = draw(st.floats(0.01, 1, allow_nan=False))
            placed[k] = (round(at, 3), round(at + length, 3))
            at += length
    end = at + draw(st.floats(0, 3, allow_nan=False))
    return sentences, placed, start, end


@given(_regions())
def test_interpolated_words_stay_in_order_between_their_placed_neighbours(region) -> None:
    sentences, placed, start, end = region
    times = _run(sentences, placed, start, end)
    assert times[0].start >= round(start, 3) - 1e-9 and times[-1].end <= round(end, 3) + 1e-3
    for a, b in pairwise(times):
        assert a.start <= a.end <= b.start + 1e-3
    for k, t in enumerate(times):
        assert t.interpolated == (k not in placed)
