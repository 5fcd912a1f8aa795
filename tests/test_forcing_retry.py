"""audiokit/align/forcing.retry_merged: failed regions realigned merged with their neighbours,
but never across speech the plan cut out as missing from the transcript (a fake pool records
what would be aligned where)."""

from __future__ import annotations

import doctest

from audiokit.align import forcing, sphinx
from audiokit.align.matching import Plan, Region, Token


class _Done:
    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value


class _Pool:
    """Runs nothing: records each stretch submitted and places every token in it."""

    def __init__(self) -> None:
        self.stretches: list[tuple[float, float]] = []

    def submit(self, fn, res, start, end, tokens, phones, depth=0):
        self.stretches.append((start, end))
        step = (end - start) / len(tokens)
        return _Done([sphinx.Placed(start + i * step, start + (i + 1) * step)
                      for i, t in enumerate(tokens)])


def _plan(extra: tuple[tuple[float, float], ...]) -> tuple[list[Token], Plan]:
    tokens = [Token(f"w{k}", k, k // 2) for k in range(6)]
    regions = (Region((0, 1), 0.0, 5.0), Region((2, 3), 5.0, 8.0), Region((4, 5), 11.0, 20.0))
    return tokens, Plan(regions, frozenset(), extra, {}, 0.3)


def _placed(failed: int) -> list[list[sphinx.Placed | None]]:
    out: list[list[sphinx.Placed | None]] = [[sphinx.Placed(0.0, 1.0)] * 2 for _ in range(3)]
    out[failed] = [None, None]
    return out


def test_doctests() -> None:
    assert doctest.testmod(forcing).failed == 0


def test_a_failed_region_is_merged_with_its_neighbours() -> None:
    tokens, plan = _plan(())
    pool = _Pool()
    out = forcing.retry_merged(pool, None, tokens, plan, _placed(2), False)
    assert (5.0, 20.0) in pool.stretches and all(p is not None for r in out for p in r)


def test_never_merged_across_speech_missing_from_the_transcript() -> None:
    tokens, plan = _plan(((8.0, 11.0),))  # speech the transcript lacks between regions 1 and 2
    pool = _Pool()
    out = forcing.retry_merged(pool, None, tokens, plan, _placed(2), False)
    assert not any(a < 11.0 and b > 8.0 for a, b in pool.stretches)
    assert out[2] == [None, None]  # left failed: the recogniser's times stand
    # A region before the cut may still merge with its other neighbour.
    pool = _Pool()
    forcing.retry_merged(pool, None, tokens, plan, _placed(1), False)
    assert (0.0, 8.0) in pool.stretches and not any(b > 8.0 for _, b in pool.stretches)
