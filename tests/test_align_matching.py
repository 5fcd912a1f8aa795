"""Pure anchor logic: matching heard words to the transcript, absent sentences, regions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.align.matching import (
    Heard,
    Token,
    matched_pairs,
    matching_blocks,
    plan_regions,
    seconds_per_token,
    unmatched_gaps,
)

WORDS = ["the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog", "while", "seven", "cats", "watch", "from", "their", "warm", "window"]


def tokens_of(sentences: list[list[str]]) -> list[Token]:
    out, w = [], 0
    for s, words in enumerate(sentences):
        for k, text in enumerate(words):
            out.append(Token(text, w, s, turn_start=(k == 0 and s == 0)))
            w += 1
    return out


def speak(words: list[str], start: float = 0.0, rate: float = 0.3, pause_every: int = 0) -> list[Heard]:
    """Heard words one after another, each ``rate`` long with a 20 ms gap (a 0.4 s pause every n)."""
    out, t = [], start
    for i, w in enumerate(words):
        out.append(Heard(w, round(t, 3), round(t + rate - 0.02, 3)))
        t += rate + (0.4 if pause_every and (i + 1) % pause_every == 0 else 0.0)
    return out


def quiet_mid(a: float, b: float) -> float:
    return (a + b) / 2


def test_blocks_are_monotonic_runs():
    blocks = matching_blocks(["a", "b", "c", "d"], ["a", "b", "x", "d"])
    assert [(b.ref, b.hyp, b.size) for b in blocks] == [(0, 0, 2), (3, 3, 1)]
    assert matched_pairs(blocks, 2) == {0: 0, 1: 1}


def test_seconds_per_token_from_anchor_runs():
    heard = speak(WORDS)
    blocks = matching_blocks(WORDS, [h.text for h in heard])
    assert abs(seconds_per_token(heard, blocks) - 0.3) < 0.01


def test_perfect_recognition_gives_regions_covering_every_token_once():
    sentences = [WORDS[i : i + 8] for i in range(0, 16, 8)] * 6
    tokens = tokens_of(sentences)
    heard = speak([t.text for t in tokens], start=1.0, pause_every=8)
    plan = plan_regions(tokens, heard, duration=heard[-1].end + 1.0, quiet=quiet_mid)
    covered = [k for r in plan.regions for k in r.tokens]
    assert covered == list(range(len(tokens)))
    assert not plan.absent
    assert len(plan.regions) > 1  # long enough to be cut
    for a, b in zip(plan.regions, plan.regions[1:]):
        assert a.end <= b.start
    for r in plan.regions:  # a region's audio holds its words
        first, last = heard[r.tokens[0]], heard[r.tokens[-1]]
        assert r.start <= first.start and last.end <= r.end


def test_sentence_with_no_audio_is_absent():
    spoken = [WORDS[0:6], WORDS[6:12], WORDS[0:6]]
    never = ["weather", "report", "calls", "for", "heavy", "rain", "on", "thursday"]
    sentences = [spoken[0], spoken[1], never, spoken[2]]
    tokens = tokens_of(sentences)
    heard = speak(spoken[0] + spoken[1] + spoken[2], pause_every=6)
    plan = plan_regions(tokens, heard, duration=heard[-1].end + 0.5, quiet=quiet_mid)
    absent_words = {tokens[k].text for k in plan.absent}
    assert absent_words == set(never)
    assert all(k not in plan.absent for r in plan.regions for k in r.tokens)


def test_speech_missing_from_transcript_is_cut_out():
    s1, s2 = WORDS[0:8], WORDS[8:16]
    tokens = tokens_of([s1, s2])
    extra = ["um", "buy", "our", "sponsor", "chairs", "today", "now", "please", "thanks", "bye"] * 2
    heard = speak(s1) + speak(extra, start=3.0) + speak(s2, start=10.0)
    plan = plan_regions(tokens, heard, duration=13.0, quiet=quiet_mid, min_seconds=1.0)
    assert plan.extra_audio and plan.extra_audio[0][0] >= heard[7].end - 0.01
    assert plan.extra_audio[0][1] <= 10.0 + 0.01
    for r in plan.regions:  # no region spans the advert
        assert not (r.start < 5.0 < r.end)


def test_short_extra_speech_between_unheard_words_still_splits_the_region():
    # Too short a stretch to cut out once each side keeps room for its unheard words, but the
    # two sentences are still aligned apart, each near its own anchor.
    s1, s2 = WORDS[0:8], WORDS[8:16]
    tokens = tokens_of([s1, s2])
    heard = speak(s1[:5]) + speak(["zzz", "qqq", "xxx", "yyy"], start=2.5, rate=0.8) + speak(s2[3:], start=6.5)
    t_end, t_next = heard[4].end, heard[9].start
    plan = plan_regions(tokens, heard, duration=9.0, quiet=quiet_mid, min_seconds=1.0)
    assert not plan.extra_audio and not plan.absent
    first = next(r for r in plan.regions if 0 in r.tokens)
    second = next(r for r in plan.regions if 15 in r.tokens)
    assert first is not second
    assert set(first.tokens) == set(range(8)) and set(second.tokens) == set(range(8, 16))
    assert t_end < first.end < t_next and t_end < second.start < t_next


def test_gap_with_unheard_sentence_gets_a_second_listen():
    s1, s2, s3 = WORDS[0:6], WORDS[6:12], WORDS[12:16] + ["cats", "watch"]
    tokens = tokens_of([s1, s2, s3])
    heard = speak(s1) + speak(["zzz", "qqq"], start=2.0) + speak(s3, start=4.5)
    gaps = unmatched_gaps(tokens, heard, duration=7.0)
    assert len(gaps) == 1
    assert (gaps[0].first, gaps[0].last) == (6, 12)
    assert gaps[0].start == heard[5].end and gaps[0].end == heard[8].start


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=2, max_size=10), min_size=1, max_size=12),
    st.data(),
)
def test_regions_partition_live_tokens_in_order(sentences, data):
    tokens = tokens_of(sentences)
    spoken = [t.text for t in tokens]
    # The recogniser drops and inserts some words.
    heard_words = [w for w in spoken if data.draw(st.booleans()) or len(spoken) < 3]
    heard = speak(heard_words, start=0.5)
    duration = (heard[-1].end if heard else 0.0) + 1.0
    plan = plan_regions(tokens, heard, duration, quiet=quiet_mid)
    covered = [k for r in plan.regions for k in r.tokens]
    assert covered == sorted(covered)
    assert set(covered) | set(plan.absent) == set(range(len(tokens)))
    assert not set(covered) & set(plan.absent)
    for r in plan.regions:
        assert 0.0 <= r.start <= r.end <= duration
    for a, b in zip(plan.regions, plan.regions[1:]):
        assert a.end <= b.start + 1e-9


def test_repeated_passages_match_copy_to_copy():
    """The same passage three times (a recap, a repeated sponsor read): each transcript copy
    must match the audio copy in the same place, not a later one."""
    passage = (WORDS * 3)[:40]
    ref = passage * 3
    hyp: list[str] = []
    for copy in range(3):
        heard = list(passage)
        heard[5 + 10 * copy] = "zzz"  # a different misrecognition in each copy
        hyp += heard
    pairs = matched_pairs(matching_blocks(ref, hyp), 2)
    assert len(pairs) >= 0.9 * len(ref)
    assert all(i // 40 == j // 40 for i, j in pairs.items())


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(WORDS[:6]), max_size=60), st.lists(st.sampled_from(WORDS[:6]), max_size=60))
def test_blocks_are_equal_monotonic_and_disjoint(ref, hyp):
    blocks = matching_blocks(ref, hyp)
    for b in blocks:
        assert ref[b.ref : b.ref + b.size] == hyp[b.hyp : b.hyp + b.size]
    for a, b in zip(blocks, blocks[1:]):
        assert a.ref + a.size <= b.ref and a.hyp + a.size <= b.hyp
