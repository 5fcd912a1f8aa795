"""Where no forced pass places words: the recursion's heard times (only from runs of three or more
matched words), the eSpeak NG + DTW fill trying them first, and no words crammed between them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from audiokit.align.anchored import (
    CONF_FALLBACK,
    CONF_FORCED,
    CRAMMED,
    TokenTime,
    _drop_cramming,
    interpolate,
)
from audiokit.align.dtw_fill import _unsettle
from audiokit.align.forcing import forced
from audiokit.align.matching import Heard, Token, in_runs
from audiokit.align.recursive import heard_where_unplaced
from audiokit.align.sphinx import Placed


def test_tokens_the_forced_pass_missed_keep_where_a_run_of_three_heard_them():
    heard = [Heard("so", 0.8, 1.0), Heard("this", 1.0, 1.3), Heard("is", 1.3, 1.4), Heard("x", 2.0, 2.2)]
    out = heard_where_unplaced([None, None, None, Placed(3.0, 3.2), None], {0: 0, 1: 1, 2: 2}, heard, 30.0)
    assert [(p.start, p.end, p.heard) if p else None for p in out] == [
        (30.8, 31.0, True), (31.0, 31.3, True), (31.3, 31.4, True), (3.0, 3.2, False), None]
    assert [forced(p) for p in out] == [False, False, False, True, False]  # retries still count them as unplaced


def test_a_pair_heard_in_order_is_no_evidence_of_where_it_was_said():
    # The sample: "and I" heard at 28.9 s (the first "I") was matched to the second "and I".
    heard = [Heard("and", 28.94, 29.13), Heard("i", 29.59, 29.72)]
    assert heard_where_unplaced([None, None], {0: 0, 1: 1}, heard, 0.0) == [None, None]


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=30), st.integers(0, 3))
def test_heard_times_only_from_strong_runs_and_never_over_a_placed_token(flags, gap):
    # flags: (matched, placed by the forced pass) per token; matched tokens heard in order, with
    # a jump of `gap` heard words after every unmatched token (a new run).
    matched, heard, h = {}, [], 0
    for k, (is_matched, _) in enumerate(flags):
        if is_matched:
            matched[k] = h
            heard.append(Heard("w", h * 0.3, h * 0.3 + 0.25))
            h += 1
        else:
            heard += [Heard("x", (h + j) * 0.3, (h + j) * 0.3 + 0.25) for j in range(gap)]
            h += gap
    out = [Placed(k, k + 0.5) if placed else None for k, (_, placed) in enumerate(flags)]
    got = heard_where_unplaced(out, matched, heard, 10.0)
    strong = in_runs(matched, 3)
    for k, (p, q) in enumerate(zip(out, got)):
        if p is not None:
            assert q is p
        elif k in strong:
            assert q.heard and q.start == round(10.0 + heard[matched[k]].start, 3)
        else:
            assert q is None


def tt(start: float, end: float, conf: float = CONF_FORCED, **kw) -> TokenTime:
    return TokenTime(start, end, conf, **kw)


def test_a_heard_word_that_crams_the_words_before_it_is_dropped():
    # The sample before the fix: a region from 28.595 s, "and" heard at 28.94 s with "Haddad. I
    # light streets," to go before it (really said at 28.6-30.7 s): 0.086 s a word.
    tokens = [Token(w, k, 0) for k, w in enumerate(["haddad", "i", "light", "streets", "and", "i", "switch"])]
    times = [None, None, None, None, tt(28.94, 29.13, CONF_FALLBACK), tt(29.59, 29.72, CONF_FALLBACK),
             tt(31.25, 31.7)]
    ks = list(range(7))
    _drop_cramming(times, ks, 28.595, 33.0)
    assert times[4] is None and times[5] is not None
    interpolate(times, ks, tokens, 28.595, 33.0)
    assert (times[4].end - 28.595) / 5 > CRAMMED  # spread at a speaking pace up to the second "I"


def test_placed_words_are_never_dropped_for_cramming():
    times = [tt(0.0, 0.5), None, None, None, tt(0.6, 0.9), tt(1.0, 1.2, CONF_FALLBACK)]
    _drop_cramming(times, list(range(6)), 0.0, 2.0)
    assert times[0] is not None and times[4] is not None and times[5] is not None


@given(st.lists(st.one_of(st.none(), st.floats(0.0, 1.0), st.floats(0.0, 1.0).map(lambda x: -x - 0.01)),
                min_size=1, max_size=25))
def test_after_dropping_no_fallback_time_crams_three_words(spec):
    # spec per token: None (unplaced), x >= 0 (forced, at a growing time), x < 0 (fall-back)
    times, at = [], 0.0
    for x in spec:
        if x is None:
            times.append(None)
            continue
        at += abs(x)
        times.append(tt(round(at, 3), round(at + 0.05, 3), CONF_FALLBACK if x < 0 else CONF_FORCED))
        at += 0.05
    forced_before = [k for k, t in enumerate(times) if t is not None and t.confidence == CONF_FORCED]
    ks = list(range(len(times)))
    _drop_cramming(times, ks, 0.0, at + 1.0)
    assert forced_before == [k for k, t in enumerate(times) if t is not None and t.confidence == CONF_FORCED]
    placed = [k for k, t in enumerate(times) if t is not None]
    for a, b in zip([-1, *placed], [*placed, len(times)]):
        n = b - a - 1
        t0 = times[a].end if a >= 0 else 0.0
        t1 = times[b].start if b < len(times) else at + 1.0
        if n >= 3 and t1 - t0 < n * CRAMMED:
            assert times[a].confidence == CONF_FORCED if a >= 0 else True
            assert times[b].confidence == CONF_FORCED if b < len(times) else True


def test_heard_times_dtw_contradicts_become_interpolated():
    out = [tt(10.0, 10.3, 0.6), tt(9.5, 9.8, CONF_FALLBACK, provisional=True),
           tt(10.4, 10.6, CONF_FALLBACK, provisional=True), tt(11.0, 11.2, 0.6)]
    _unsettle(out, [0, 1, 2, 3], None, None)
    assert [t.interpolated for t in out] == [False, True, False, False]
