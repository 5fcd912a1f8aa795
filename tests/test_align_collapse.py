"""A recognition pass that collapsed into one endless word is heard again in pieces."""

from __future__ import annotations

from audiokit.align.collapse import COLLAPSED, collapsed, hear_apart
from audiokit.align.matching import Heard

MUSIC_ENDS = 12.3  # the quiet point where the intro music gives way to speech


def fake_recogniser(calls: list[tuple[float, float]]):
    """Hears a word every 0.5 s of speech, nothing in the music, and collapses into one word over
    any stretch holding both (as pocketsphinx did over a rough variant's intro running into speech)."""
    def hear(a: float, b: float) -> list[Heard]:
        calls.append((a, b))
        if a < MUSIC_ENDS - 0.5 < b and b > MUSIC_ENDS + 0.5:
            return [Heard("vah", a + 0.2, b - 0.02)]
        first = max(a, MUSIC_ENDS)
        return [Heard(f"w{k}", first + 0.5 * k, first + 0.5 * k + 0.4) for k in range(int((b - first) / 0.5))]
    return hear


def quietest_near_music_end(a: float, b: float) -> float:
    return MUSIC_ENDS if a <= MUSIC_ENDS <= b else (a + b) / 2


def test_a_collapsed_pass_is_heard_again_in_halves_cut_at_the_quiet_point():
    calls: list[tuple[float, float]] = []
    heard = hear_apart(fake_recogniser(calls), quietest_near_music_end, 0.0, 36.5)
    assert not collapsed(heard)
    assert heard[0].start == MUSIC_ENDS and heard[-1].end <= 36.5
    assert len(heard) == int((36.5 - MUSIC_ENDS) / 0.5)
    assert calls[0] == (0.0, 36.5) and (0.0, MUSIC_ENDS) in calls and any(a == MUSIC_ENDS for a, _ in calls)


def test_a_pass_that_did_not_collapse_is_heard_once():
    calls: list[tuple[float, float]] = []
    heard = hear_apart(fake_recogniser(calls), quietest_near_music_end, 14.0, 40.0)
    assert calls == [(14.0, 40.0)] and not collapsed(heard)


def test_a_short_piece_that_still_collapses_loses_only_its_endless_word():
    # Below twice COLLAPSED seconds nothing is cut again; the endless word is dropped, not heard.
    def hear(a: float, b: float) -> list[Heard]:
        return [Heard("a", a, a + 0.3), Heard("vah", a + 0.3, a + 0.3 + COLLAPSED)]
    assert hear_apart(hear, quietest_near_music_end, 0.0, 2 * COLLAPSED - 1) == [Heard("a", 0.0, 0.3)]


def test_words_heard_after_a_collapsed_word_stay_as_heard():
    # Only the collapsed word's audio is heard again: the words after it keep their times.
    calls: list[tuple[float, float]] = []

    def hear(a: float, b: float) -> list[Heard]:
        calls.append((a, b))
        if (a, b) == (0.0, 30.0):
            return [Heard("vah", 0.2, 13.1), Heard("one", 13.2, 13.6), Heard("two", 29.0, 29.4)]
        return [Heard("music", a + 0.5, a + 1.0)]

    heard = hear_apart(hear, quietest_near_music_end, 0.0, 30.0)
    assert [h.text for h in heard][-2:] == ["one", "two"] and not collapsed(heard)
    assert all(b <= 13.1 for _, b in calls[1:])
