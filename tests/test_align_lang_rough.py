"""Rules for rough audio outside English (issue 13): which side of speech the transcript lacks a
sentence lies on. Pure planning (heard words and times in, regions out)."""

from __future__ import annotations

from audiokit.align.matching import Heard, Token, drop_stray_runs, matching_blocks, plan_regions

S1 = ["the", "quick", "brown", "fox", "jumps", "over", "a", "lazy"]
S3 = ["dog", "while", "seven", "cats", "watch", "from", "their", "window"]
EXTRA = ["um", "buy", "our", "sponsor", "chairs", "today", "now", "please", "thanks", "bye"]


def tokens_of(sentences: list[list[str]]) -> list[Token]:
    out, w = [], 0
    for s, words in enumerate(sentences):
        for k, text in enumerate(words):
            out.append(Token(text, w, s, turn_start=k == 0))
            w += 1
    return out


def speak(words: list[str], start: float = 0.0, rate: float = 0.3) -> list[Heard]:
    return [Heard(w, round(start + rate * i, 3), round(start + rate * (i + 1) - 0.02, 3)) for i, w in enumerate(words)]


def no_pauses(a: float, b: float) -> list[tuple[float, float]]:
    return []


def quiet_mid(a: float, b: float) -> float:
    return (a + b) / 2


def test_a_long_short_run_between_two_stretches_of_unwritten_speech_stays_outside_english():
    # s2's last three words, 25 letters, heard in place; speech the transcript lacks on both
    # sides of it contradicts both neighbouring runs, and a short run is dropped as chance unless
    # it is this long (outside English).
    s2 = ["and", "then", "seventeen", "purple", "elephants"]
    tokens = tokens_of([S1, s2, S3])
    heard = (speak(S1) + speak(EXTRA[:8], start=2.6) + speak(["zzz"], start=5.1) + speak(s2[2:], start=5.4)
             + speak(EXTRA[:8], start=6.6) + speak(S3, start=9.3))
    blocks = matching_blocks([t.text for t in tokens], [h.text for h in heard])
    run = next(b for b in blocks if b.ref == 10)
    assert run.size == 3
    assert run not in drop_stray_runs(blocks, heard, 0.3, tokens)
    assert run in drop_stray_runs(blocks, heard, 0.3, tokens, long_runs=True)
    plan = plan_regions(tokens, heard, 12.0, quiet_mid, min_seconds=1.0, pauses=no_pauses, long_runs=True)
    assert {10, 11, 12} <= set(plan.matched)
    english = plan_regions(tokens, heard, 12.0, quiet_mid, min_seconds=1.0)
    assert not {10, 11, 12} & set(english.matched)


def test_a_short_run_of_few_letters_is_still_dropped():
    # "a lazy" style chance matches: three short words (7 letters) inside other speech.
    s2 = ["so", "it", "is", "and", "more"]
    tokens = tokens_of([S1, s2, S3])
    heard = (speak(S1) + speak(EXTRA[:8], start=2.6) + speak(["zzz"], start=5.1) + speak(s2[1:4], start=5.4)
             + speak(EXTRA[:8], start=6.6) + speak(S3, start=9.3))
    blocks = matching_blocks([t.text for t in tokens], [h.text for h in heard])
    run = next(b for b in blocks if b.ref == 9)
    assert run not in drop_stray_runs(blocks, heard, 0.3, tokens, long_runs=True)


def test_a_lone_heard_word_keeps_its_sentence_before_the_unwritten_speech():
    # s2 ("well garden") was said right after s1; "well" misheard, "garden" heard alone; then
    # speech the transcript lacks, then s3. Outside English (pauses given), s2 stays before the cut.
    s2 = ["well", "garden"]
    tokens = tokens_of([S1, s2, S3])
    heard = speak(S1) + speak(["zzz", "garden"], start=2.6) + speak(EXTRA, start=3.6) + speak(S3, start=7.0)
    english = plan_regions(tokens, heard, 10.0, quiet_mid, min_seconds=1.0)
    assert next(r for r in english.regions if 8 in r.tokens).start > 3.6  # placed after the unwritten speech
    plan = plan_regions(tokens, heard, 10.0, quiet_mid, min_seconds=1.0, pauses=no_pauses)
    region = next(r for r in plan.regions if 8 in r.tokens)
    assert 0 in region.tokens and 10 not in region.tokens and region.end < 5.0


def test_a_sentence_no_method_placed_is_judged_unsaid_but_not_one_the_recogniser_heard():
    from audiokit.align.absence import unplaced_sentences

    # Never spoken: the forced pass and DTW failed on all nine tokens; two heard by chance.
    never = ["interpolated"] * 3 + ["heard"] * 2 + ["interpolated"] * 4
    # Spoken, the forced pass failed too, but the recogniser heard most of it.
    spoken = ["heard", "heard", "heard", "interpolated", "heard"]
    # Spoken, placed in part.
    partly = ["placed", "interpolated", "interpolated"]
    sentence = [0] * 9 + [1] * 5 + [2] * 3
    assert unplaced_sentences(sentence, never + spoken + partly) == frozenset(range(9))
