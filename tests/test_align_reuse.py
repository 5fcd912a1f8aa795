"""Which words keep the recogniser's times, and which windows the forced pass gets (align/reuse.py)."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from audiokit.align.matching import Heard, Plan, Region
from audiokit.align.reuse import Window, assemble, kept_tokens, quiet_background, windows
from audiokit.align.sphinx import Placed


def test_kept_tokens_need_both_neighbours_heard_in_order():
    matched = {0: 0, 1: 1, 2: 2, 3: 3, 5: 5, 6: 6, 7: 7}  # token 4 unmatched
    assert kept_tokens(matched, 8) == {1, 2, 6}
    # an extra heard word between tokens 1 and 2 breaks the run there
    assert kept_tokens({0: 0, 1: 1, 2: 3, 3: 4, 4: 5}, 5) == {3}
    assert kept_tokens(matched, 8, margin=2) == set()


@st.composite
def plans(draw):
    """A plan of one to three regions over ``n`` tokens, most of them heard in order."""
    n = draw(st.integers(1, 40))
    hit = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    extra = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))  # heard words the transcript lacks
    durations = draw(st.lists(st.floats(0.05, 0.8), min_size=n, max_size=n))
    heard: list[Heard] = []
    matched: dict[int, int] = {}
    t = 0.2
    for k in range(n):
        for _ in range(extra[k]):
            heard.append(Heard("x", round(t, 3), round(t + 0.2, 3)))
            t += 0.2
        if hit[k]:
            matched[k] = len(heard)
            heard.append(Heard(f"w{k}", round(t, 3), round(t + durations[k], 3)))
        t += durations[k] + draw(st.sampled_from([0.0, 0.0, 0.1, 0.4]))
    cuts = sorted(set(draw(st.lists(st.integers(1, max(1, n - 1)), max_size=2))) - {n})
    bounds = [0, *cuts, n]
    regions, start = [], 0.0
    for a, b in itertools.pairwise(bounds):
        end = round(t + 0.2, 3) if b == n else (heard[matched[b]].start if b in matched else start)
        end = max(end, start)
        regions.append(Region(tuple(range(a, b)), start, end))
        start = end
    return Plan(tuple(regions), frozenset(), (), matched, 0.3), heard


@given(plans(), st.floats(0.0, 3.0))
def test_windows_cover_every_token_not_kept_once_inside_its_region(case, min_seconds):
    plan, heard = case
    kept = kept_tokens(plan.matched, sum(len(r.tokens) for r in plan.regions))
    wins = windows(plan, heard, kept, min_seconds)
    seen = [k for w in wins for k in w.tokens]
    assert len(seen) == len(set(seen))
    assert {k for r in plan.regions for k in r.tokens} - kept <= set(seen)
    for w in wins:
        region = plan.regions[w.region]
        assert set(w.tokens) <= set(region.tokens)
        i = region.tokens.index(w.tokens[0])
        assert region.tokens[i : i + len(w.tokens)] == w.tokens  # contiguous
        assert region.start <= w.start <= w.end <= region.end
        # long enough, unless it is the whole region
        assert w.end - w.start >= min_seconds - 1e-9 or len(w.tokens) == len(region.tokens)


@given(plans())
def test_assembled_times_are_the_windows_where_forced_and_heard_elsewhere(case):
    plan, heard = case
    kept = kept_tokens(plan.matched, sum(len(r.tokens) for r in plan.regions))
    wins = windows(plan, heard, kept)
    results = [[Placed(w.start, w.end) for _ in w.tokens] for w in wins]
    if wins:
        results[0][0] = None  # the first window failed
    placed, failed = assemble(plan, heard, wins, results)
    assert failed == ({wins[0].region} if wins else set())
    in_window = {k: w for w in wins for k in w.tokens}
    for region, row in zip(plan.regions, placed):
        assert len(row) == len(region.tokens)
        for k, p in zip(region.tokens, row):
            if k in in_window:
                assert p is None or (p.start, p.end) == (in_window[k].start, in_window[k].end)
            else:
                h = heard[plan.matched[k]]
                assert (p.start, p.end) == (h.start, h.end)


def test_a_region_with_nothing_kept_is_one_window():
    heard = [Heard("a", 0.1, 0.3), Heard("b", 0.3, 0.6)]
    plan = Plan((Region((0, 1), 0.0, 1.0),), frozenset(), (), {0: 0, 1: 1}, 0.3)
    assert windows(plan, heard, frozenset()) == [Window(0, (0, 1), 0.0, 1.0)]


def test_quiet_background_needs_the_background_well_under_loud_speech():
    speech = np.array(([-18.0] * 40 + [-75.0] * 10) * 4, np.float32)  # 2 s: words and pauses
    assert quiet_background(speech, 0.0, 2.0)
    noisy = np.maximum(speech, -45.0)  # 27 dB under the speech: seed-rough's kind of noise floor
    assert not quiet_background(noisy, 0.0, 2.0)
    assert quiet_background(np.concatenate([noisy, speech]), 2.0, 4.0)  # only the span counts
    assert not quiet_background(speech, 5.0, 6.0)  # no audio there
