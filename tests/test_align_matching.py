"""Pure anchor logic: matching heard words to the transcript, absent sentences, regions."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.align.matching import (
    Block,
    Heard,
    Token,
    drop_stray_runs,
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
    for a, b in itertools.pairwise(blocks):
        assert a.ref + a.size <= b.ref and a.hyp + a.size <= b.hyp


EXTRA = ["um", "buy", "our", "sponsor", "chairs", "today", "now", "please", "thanks", "bye"]


def test_two_common_words_heard_inside_other_speech_are_not_an_anchor():
    # s2 is spoken, then speech the transcript lacks; the recogniser hears s2 wrongly except two
    # words that also begin s3, and then s3's tail. Matched, "a lazy" would claim s2's audio for
    # s3 and leave s2 no room (judged absent); dropped, s2 is heard again in its gap.
    s1, s2 = WORDS[0:8], ["seven", "cats", "watch", "from", "their", "warm", "window"]
    s3 = ["a", "lazy", "dog", "while", "the", "quick", "fox", "jumps"]
    tokens = tokens_of([s1, s2, s3])
    heard = (speak(s1) + speak(["a", "lazy"], start=2.7) + speak(EXTRA[:8], start=3.4)
             + speak(s3[2:], start=6.5))
    blocks = matching_blocks([t.text for t in tokens], [h.text for h in heard])
    assert any(b.ref == 15 and b.size == 2 for b in blocks)
    kept = drop_stray_runs(blocks, heard, 0.3)
    assert not any(b.ref == 15 for b in kept)
    plan = plan_regions(tokens, heard, duration=9.0, quiet=quiet_mid, min_seconds=1.0)
    assert 15 not in plan.matched and not {8, 9, 10} & plan.absent
    assert [g.first for g in unmatched_gaps(tokens, heard, duration=9.0)] == [8]


def test_a_word_or_two_the_recogniser_swallowed_do_not_make_a_run_stray():
    # "some" between two runs was not heard (no time between them): that is no contradiction.
    s = ["there", "is", "some", "speech", "errors", "but", "who", "cares", "about", "them", "now"]
    tokens = tokens_of([s])
    heard = speak(s[:2]) + speak(s[3:6], start=0.6) + speak(s[7:], start=1.5)
    blocks = matching_blocks([t.text for t in tokens], [h.text for h in heard])
    assert drop_stray_runs(blocks, heard, 0.3) == blocks


def test_a_short_run_that_agrees_with_one_neighbour_stays():
    # A never-spoken sentence before a spoken one that only two words of were heard: the short
    # run is too close to the run before it (the sentence is absent), but fits the run after it.
    s1, never, s3 = WORDS[0:8], ["weather", "report", "calls", "for", "heavy", "rain"], WORDS[8:16]
    tokens = tokens_of([s1, never, s3])
    heard = speak(s1) + speak(["seven", "cats", "zzz", "qqq"], start=2.5) + speak(s3[4:], start=3.7)
    blocks = matching_blocks([t.text for t in tokens], [h.text for h in heard])
    assert drop_stray_runs(blocks, heard, 0.3) == blocks
    plan = plan_regions(tokens, heard, duration=6.0, quiet=quiet_mid)
    assert {tokens[k].text for k in plan.absent} == set(never)


def test_three_words_heard_where_the_rest_of_their_sentence_cannot_fit_do_not_keep_it():
    # A never-spoken sentence in the transcript, other speech in its place in the audio (a
    # substitution), in which a recogniser biased towards the gap's text hears three of its
    # words, followed so closely by the next sentence that the rest of the never-spoken one
    # cannot fit; the next sentence's first three words were not heard.
    s1, s3 = WORDS[0:8], WORDS[8:16]
    never = ["weather", "report", "calls", "for", "heavy", "rain", "on", "thursday", "and", "friday"]
    tokens = tokens_of([s1, never, s3])
    heard = (speak(s1) + speak(EXTRA[:7], start=2.6) + speak(["calls", "for", "heavy"], start=4.7)
             + speak(s3[3:], start=5.7))
    plan = plan_regions(tokens, heard, duration=8.0, quiet=quiet_mid, min_seconds=1.0)
    assert {tokens[k].text for k in plan.absent} == set(never)
    assert all(k in r.tokens for r in plan.regions for k in range(18, 21) if r.tokens[-1] >= 21)


def test_sentence_after_speech_missing_from_transcript_starts_at_the_pause_before_it():
    # The next sentence's first words were not heard; its region starts at the quietest point
    # its allowance leaves room for (the pause after the extra speech), not at the allowance's edge.
    s1, s2 = WORDS[0:8], WORDS[8:16]
    tokens = tokens_of([s1, s2])
    heard = speak(s1) + speak(EXTRA, start=2.6) + speak(["zzz"], start=6.5) + speak(s2[3:], start=7.0)
    pause = 5.9  # between the extra speech and s2

    def quiet(a: float, b: float) -> float:
        return pause if a <= pause <= b else (a + b) / 2

    plan = plan_regions(tokens, heard, duration=10.0, quiet=quiet, min_seconds=1.0)
    second = next(r for r in plan.regions if 8 in r.tokens)
    assert second.start == pause
    assert plan.extra_audio and plan.extra_audio[0][1] == pause


def test_sentence_start_is_not_moved_past_a_word_heard_in_it():
    # The same, but two of the sentence's first words were heard (a short run): its region
    # may not start after them, whatever is quieter later.
    s1, s2 = WORDS[0:8], WORDS[8:16]
    tokens = tokens_of([s1, s2])
    heard = (speak(s1) + speak(EXTRA[:6], start=2.6) + speak(s2[:2], start=4.7) + speak(["zzz"], start=5.5)
             + speak(s2[4:], start=6.5))
    late = 5.8  # inside the allowance, after the heard words

    def quiet(a: float, b: float) -> float:
        return late if a <= late <= b else a

    plan = plan_regions(tokens, heard, duration=9.0, quiet=quiet, min_seconds=1.0)
    second = next(r for r in plan.regions if 8 in r.tokens)
    assert second.start <= heard[14].start


def test_a_never_spoken_sentence_matched_only_by_its_first_word_is_still_absent():
    # The next sentence begins with the same word as the never-spoken one; heard after the last
    # word before it, that word matches the never-spoken sentence's first word (a run across the
    # sentence boundary), which is no evidence that the sentence was said.
    s1 = WORDS[0:8]
    never = ["the", "weather", "report", "calls", "for", "heavy", "rain"]
    s3 = ["the", "warm", "window", "cats", "watch", "from", "their", "seats"]
    tokens = tokens_of([s1, never, s3])
    heard = speak(s1) + speak(["the", "zzz", "qqq", "xxx"], start=2.5) + speak(s3[3:], start=3.7)
    plan = plan_regions(tokens, heard, duration=6.0, quiet=quiet_mid)
    assert 8 in plan.matched  # "lazy the" matched across the boundary ...
    assert {tokens[k].text for k in plan.absent} == set(never)  # ... yet the sentence is absent


def test_a_short_sentence_over_a_pause_with_no_sound_is_absent():
    # Three words never said: the recogniser heard nothing between the sentences around them,
    # in a pause long enough not to be far too short for them by time alone. Little sound in it
    # is what tells; the same pause with sound in it (a quiet speaker) keeps the benefit of the doubt.
    s1, never, s3 = WORDS[0:8], ["see", "you", "soon"], WORDS[8:16]
    tokens = tokens_of([s1, never, s3])
    heard = speak(s1) + speak(s3, start=3.2)
    silent = plan_regions(tokens, heard, duration=6.0, quiet=quiet_mid, sounding=lambda a, b: 0.05)
    assert {tokens[k].text for k in silent.absent} == set(never)
    voiced = plan_regions(tokens, heard, duration=6.0, quiet=quiet_mid, sounding=lambda a, b: 0.8 * (b - a))
    assert not voiced.absent
    assert not plan_regions(tokens, heard, duration=6.0, quiet=quiet_mid).absent


def test_a_sentence_heard_before_speech_missing_from_the_transcript_stays_before_the_cut():
    # s2 was said right after s1 (two of its words heard there), then speech the transcript
    # lacks, then s3: s2 belongs before the cut, not with s3 after the extra speech.
    s1, s2, s3 = WORDS[0:8], ["seven", "cats", "watch", "from", "their"], WORDS[8:16]
    tokens = tokens_of([s1, s2, s3])
    heard = (speak(s1) + speak(["zzz", "cats", "watch", "qqq"], start=2.4) + speak(EXTRA, start=3.8)
             + speak(s3, start=7.0))
    plan = plan_regions(tokens, heard, duration=10.0, quiet=quiet_mid, min_seconds=1.0)
    first = next(r for r in plan.regions if 0 in r.tokens)
    last = next(r for r in plan.regions if 13 in r.tokens)
    assert set(range(8, 13)) <= set(first.tokens) and not set(range(8, 13)) & set(last.tokens)
    assert last.start > 6.0


def test_a_lone_equal_word_does_not_vouch_for_a_stray_run():
    # "p q" sits far too early for the run before it and far too late for the run after it; a
    # single word heard just before it that equals the transcript word before "p q" is no match,
    # so it cannot make "p q" agree with a neighbour.
    said = [("a", 0.0), ("b", 0.3), ("c", 0.6), ("d", 0.9), ("e", 1.2), ("o", 2.0), ("p", 2.4), ("q", 2.7)]
    said += [(f"z{k}", 3.0 + 0.4 * k) for k in range(8)] + [(w, 9.0 + 0.3 * k) for k, w in enumerate("rstuv")]
    heard = [Heard(w, t, t + 0.28) for w, t in said]
    blocks = [Block(0, 0, 5), Block(19, 5, 1), Block(20, 6, 2), Block(30, 16, 5)]
    assert drop_stray_runs(blocks, heard, 0.3) == [Block(0, 0, 5), Block(30, 16, 5)]


def test_a_gap_too_short_for_all_its_sentences_keeps_the_one_that_fits():
    # A long never-spoken sentence and a short spoken one the recogniser missed, in audio far too
    # short for both: the short one fits it, the long one does not, so only the long one is absent.
    s1, s4 = WORDS[0:8], WORDS[8:16]
    never = ["weather", "report", "calls", "for", "heavy", "rain", "on", "thursday", "and", "friday",
             "in", "the", "north", "west"]
    said = ["see", "you", "all", "next", "week"]
    tokens = tokens_of([s1, never, said, s4])
    heard = speak(s1) + speak(["x", "y", "z", "w"], start=2.45, rate=0.45) + speak(s4, start=4.38)
    plan = plan_regions(tokens, heard, duration=8.0, quiet=quiet_mid, min_seconds=1.0)
    assert {tokens[k].text for k in plan.absent} == set(never)


def test_a_spoken_sentence_with_only_its_first_word_heard_is_not_absent_when_its_audio_fits():
    # The same shape as a never-spoken sentence matched only by its first word, but the audio
    # after that word holds nearly the time the sentence needs: it was said, misheard.
    s1 = WORDS[0:8]
    said = ["seven", "cats", "watch", "from", "their", "warm", "window", "while", "a", "dog", "naps"]
    tokens = tokens_of([s1, said])
    heard = speak(s1 + said[:1]) + speak(["qqq", "zzz", "xxx"], start=3.5, rate=0.6)
    plan = plan_regions(tokens, heard, duration=heard[7].end + 3.1, quiet=quiet_mid)  # 0.95 of 11 words
    assert not plan.absent


def test_a_short_sentence_heard_whole_between_a_never_spoken_sentence_and_extra_speech_is_an_anchor():
    # A never-spoken sentence, then a short spoken one heard word for word, then speech the
    # transcript lacks, then the next sentence. Neither neighbour of the short run agrees with it
    # (the never-spoken sentence needs time before it, the extra speech is after it), yet it is
    # the sentence said there: kept, the never-spoken one is absent and the extra speech cut out.
    s1, s4 = WORDS[0:8], WORDS[8:16]
    never = ["weather", "report", "calls", "for", "heavy", "rain", "on", "thursday", "and", "friday"]
    short = ["change", "of", "topic"]
    tokens = tokens_of([s1, never, short, s4])
    heard = speak(s1) + speak(short, start=2.7) + speak(EXTRA, start=3.8) + speak(s4, start=7.5)
    plan = plan_regions(tokens, heard, duration=11.0, quiet=quiet_mid, min_seconds=1.0)
    assert {tokens[k].text for k in plan.absent} == set(never)
    assert all(k in plan.matched for k in range(18, 21))
    assert plan.extra_audio and 3.6 <= plan.extra_audio[0][0] and plan.extra_audio[0][1] <= 7.5


def test_a_one_word_sentence_between_pauses_is_kept_by_its_sound_not_its_gap():
    # A one-word reply between two turns (pauses on both sides) and a long never-spoken sentence,
    # none of it heard: the 1.4 s gap is far too short for both and, pauses and all, nearly four
    # times what one word needs; its 0.45 s of sound fit the one word, not the long sentence.
    s1, s4 = WORDS[0:8], WORDS[8:16]
    never = ["weather", "report", "calls", "for", "heavy", "rain", "on", "thursday", "and", "friday",
             "in", "the", "north", "west", "and", "east"]
    tokens = tokens_of([s1, ["indeed"], never, s4])
    heard = speak(s1) + speak(s4, start=2.38 + 1.4)

    def sounding(a: float, b: float) -> float:
        return 0.45 if (a, b) == (heard[7].end, heard[8].start) else 0.9 * (b - a)

    plan = plan_regions(tokens, heard, duration=7.0, quiet=quiet_mid, min_seconds=1.0, sounding=sounding)
    assert {tokens[k].text for k in plan.absent} == set(never)
    # Without the sound to go by, the gap's length alone cannot tell the two apart.
    assert 8 in plan_regions(tokens, heard, duration=7.0, quiet=quiet_mid, min_seconds=1.0).absent


def test_sentence_after_extra_speech_starts_in_the_pause_that_fits_not_the_quietest():
    # The extra speech has a pause of its own (a comma), as quiet as the one after it; the
    # sentence's first two words were heard, the first a little early (inside the pause before
    # it). Given the pauses, its region starts in the one that ends where the heard word
    # begins; the quietest point alone picks the comma.
    s1, s2 = WORDS[0:8], WORDS[8:16]
    tokens = tokens_of([s1, s2])
    heard = (speak(s1) + speak(EXTRA[:5], start=3.8) + speak(EXTRA[5:8], start=5.6) + speak(s2[:2], start=6.9)
             + speak(["zzz"], start=7.5) + speak(s2[3:], start=7.8))
    pauses = [(5.3, 5.6), (6.5, 6.95)]

    def quiet(a: float, b: float) -> float:
        return 5.45 if a <= 5.45 <= b else (a + b) / 2

    def pauses_in(a: float, b: float) -> list[tuple[float, float]]:
        return [(p, q) for p, q in pauses if p < b and q > a]

    plain = plan_regions(tokens, heard, duration=10.0, quiet=quiet, min_seconds=1.0)
    assert plain.extra_audio[0][1] == 5.45 and next(r for r in plain.regions if 8 in r.tokens).start < 6.5
    plan = plan_regions(tokens, heard, duration=10.0, quiet=quiet, min_seconds=1.0, pauses=pauses_in)
    assert next(r for r in plan.regions if 8 in r.tokens).start == 6.725
    assert plan.extra_audio[0][1] == 6.725


def test_a_short_never_spoken_sentence_is_absent_when_the_sound_fits_only_its_neighbours():
    # The last word of one sentence, a four-word sentence never said and the first two words of
    # the next went unheard (one word heard there matches nothing); the audio between the heard
    # words holds the sound of about three words. Without the four, the sound fits; with them,
    # it is far too little: judged absent, however short. With the sound of seven words, said.
    s1, s3 = WORDS[0:8], WORDS[8:16]
    never = ["see", "you", "all", "soon"]
    tokens = tokens_of([s1, never, s3])
    heard = speak(s1[:7]) + speak(["zzz"], start=2.6) + speak(s3[2:], start=2.1 + 1.6)
    gap = (heard[6].end, heard[8].start)

    def sounding(seconds: float):
        return lambda a, b: seconds if (a, b) == gap else 0.8 * (b - a)

    plan = plan_regions(tokens, heard, duration=7.0, quiet=quiet_mid, min_seconds=1.0, sounding=sounding(0.75))
    assert {tokens[k].text for k in plan.absent} == set(never)
    said = plan_regions(tokens, heard, duration=7.0, quiet=quiet_mid, min_seconds=1.0, sounding=sounding(1.6))
    assert not said.absent


def test_regions_do_not_overlap_where_the_allowances_around_extra_speech_do():
    # Found by the property test above: two sides aligned apart around audio too short to say
    # where the extra speech lies were given overlapping regions (4.98 s against 4.85 s).
    sentences = [["the"] * 6, ["the", "the", "the", "the", "quick", "the", "quick", "quick", "brown", "the"],
                 ["fox", "the", "the", "brown", "the", "quick", "the", "quick", "the"],
                 ["the", "quick", "the", "brown", "quick", "the", "quick", "the", "the", "quick"],
                 ["the", "the", "quick", "the", "the", "fox"], ["the", "the", "the", "the", "the", "the", "brown", "the"],
                 ["quick", "the", "the", "the", "the", "the", "quick", "quick", "the", "quick"]]
    tokens = tokens_of(sentences)
    heard = speak([t.text for t, keep in zip(tokens, "00000000110001011101000011101101100111001100000100000110111") if keep == "1"], start=0.5)
    plan = plan_regions(tokens, heard, heard[-1].end + 1.0, quiet=quiet_mid)
    for a, b in zip(plan.regions, plan.regions[1:]):
        assert a.end <= b.start + 1e-9


def test_a_chance_pair_far_into_a_region_does_not_narrow_its_start():
    # real-mfa: "sick corpus", heard inside "acoustic corpus" 5 s after it was really said, started
    # the region of the quiet words said before it 4.7 s before where it was heard, after them.
    words = [*WORDS, "the", "dog"]
    tokens = tokens_of([words[:5], words[5:14], words[14:]])
    heard = speak(["over", "a"], start=9.0) + speak(words[12:], start=9.8)
    plan = plan_regions(tokens, heard, duration=heard[-1].end + 1.0, quiet=quiet_mid)
    first = next(r for r in plan.regions if 0 in r.tokens)
    assert first.start <= 2.0
