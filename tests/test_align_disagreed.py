"""Heard words the forced pass placed elsewhere keep their forced times with a lower confidence (pure)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from audiokit.align import sphinx
from audiokit.align.anchored import CONF_DISAGREED, CONF_FORCED, CONF_HEARD, _token_times
from audiokit.align.forcing import heard_elsewhere
from audiokit.align.matching import Heard, Plan, Region, Token


def _plan(matched: dict[int, int]) -> Plan:
    return Plan(regions=(Region((0, 1, 2, 3), 0.0, 4.0),), absent=frozenset(), extra_audio=(),
                matched=matched, seconds_per_token=0.3)


def test_a_heard_word_forced_far_from_where_it_was_heard_is_less_sure_but_keeps_its_times():
    tokens = [Token(w, i, 0) for i, w in enumerate(["probably", "gonna", "cough", "here"])]
    heard = [Heard("cough", 1.0, 1.3), Heard("here", 2.5, 2.7)]
    placed = [[sphinx.Placed(0.3, 0.9), sphinx.Placed(1.0, 1.2), sphinx.Placed(2.2, 2.4), sphinx.Placed(2.45, 2.7)]]
    times = _token_times(tokens, heard, _plan({2: 0, 3: 1}), placed)
    assert [t.confidence for t in times] == [CONF_FORCED, CONF_FORCED, CONF_DISAGREED, CONF_HEARD]
    assert (times[2].start, times[2].end) == (2.2, 2.4)  # the times are not changed, only trusted less


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0.01, 2))
def test_heard_elsewhere_is_symmetric_and_exactly_past_the_limit(forced, at, apart):
    assert heard_elsewhere(forced, Heard("w", at, at + 0.2), apart) == heard_elsewhere(at, Heard("w", forced, forced + 0.2), apart)
    assert heard_elsewhere(forced, Heard("w", at, at + 0.2), apart) == (abs(forced - at) > apart)

