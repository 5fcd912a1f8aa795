"""Transcribers' notes ("[laughs]", "(applause)", "[MUSIC PLAYING]") in chapters: never a title
word, cue or cohesion word, never a chapter's start, and no effect on boundaries when what is
said is the same."""

from __future__ import annotations

import pytest

from audiokit.chapters import find_chapters, render
from audiokit.chapters.find import content_text, topic_changes
from audiokit.chapters.model import said, timed_sentences
from audiokit.errors import InputError
from audiokit.model import Episode, Sentence, Turn, Word

TOPICS = [
    "The transmitter tower needs a new antenna. Antenna repairs cost money. The tower crew climbs the mast.",
    "Volunteers schedule shifts with the app. The scheduling app sends reminders. Shifts swap in the app.",
    "Transcripts help deaf listeners. Captions and transcripts make episodes searchable. Write transcripts.",
]
# Notes a transcriber writes, as many as the said words of a sentence, so that counted as words
# they would be the episode's most frequent content words.
NOTES = ["(laughter)", "[laughter.]", "[crosstalk]", "(applause)", "[inaudible 00:01:02]", "(laughs)"]
NOTE_WORDS = ("laugh", "crosstalk", "applause", "inaudible", "music")


def build(paragraphs: list[str], notes: bool, rate: float = 0.4, pause: float = 0.6) -> Episode:
    """One turn per paragraph, speakers alternating, words ``rate`` s apart; with ``notes``, the
    same said words at the same times with notes in the pauses as the aligner times them (the
    whole pause between the said words around), a "[MUSIC PLAYING]" turn between paragraphs and
    one opening the episode."""
    turns: list[Turn] = []
    t, k = 0.5, 0

    def note(start: float, end: float) -> Word:
        nonlocal k
        k += 1
        return Word(NOTES[k % len(NOTES)], round(start, 3), round(end, 3), interpolated=True)

    if notes:
        turns.append(Turn("", (Sentence((Word("[MUSIC PLAYING]", 0.0, 0.5, interpolated=True),)),)))
    for n, para in enumerate(paragraphs):
        sentences = []
        for text in [s.strip() + "." for s in para.split(".") if s.strip()]:
            words: list[Word] = []
            for w in text.split():
                words.append(Word(w, round(t, 3), round(t + rate * 0.8, 3)))
                t += rate
            if notes:  # "Antenna repairs cost money. (laughter) (applause) ..." in the pause after
                words += [note(words[-1].end or 0.0, t)] * 3
            sentences.append(Sentence(tuple(words)))
        turns.append(Turn(("Ann", "Ben")[n % 2], tuple(sentences)))
        if notes and n % 3 == 2:
            turns.append(Turn("", (Sentence((Word("[MUSIC PLAYING]", round(t - rate * 0.2, 3), round(t + pause, 3),
                                                  interpolated=True),)),)))
        t += pause
    return Episode(tuple(turns))


PARAGRAPHS = [TOPICS[i] for i in range(3) for _ in range(4)]


def test_said_drops_notes_and_their_times():
    s = said(Sentence((Word("[MUSIC PLAYING]", 0.0, 4.0), Word("Welcome", 4.0, 4.4), Word("back.", 4.4, 4.8),
                       Word("[laughs]", 4.8, 6.0))))
    assert s.text == "Welcome back."
    assert (s.span.start, s.span.end) == (4.0, 4.8)


def test_timed_sentences_read_said_words_only():
    plain, noted = timed_sentences(build(PARAGRAPHS, False)), timed_sentences(build(PARAGRAPHS, True))
    # Note-only sentences ("[MUSIC PLAYING]") are left out; the rest is read exactly as without notes.
    assert [(s.text, s.start, s.end, s.pause, s.speaker) for s in noted] == \
        [(s.text, s.start, s.end, s.pause, s.speaker) for s in plain]
    assert noted[0].index == 1  # the sentence index still counts the music turn
    assert not any(w in content_text(s.text) for s in noted for w in NOTE_WORDS)


def test_boundaries_unaffected_by_notes():
    plain, noted = build(PARAGRAPHS, False), build(PARAGRAPHS, True)
    assert topic_changes(noted) == topic_changes(plain)
    for count in (None, 3):
        a, b = find_chapters(plain, count, min_length=5.0), find_chapters(noted, count, min_length=5.0)
        assert [(c.start, c.title) for c in a] == [(c.start, c.title) for c in b]
        # The last chapter runs to the episode's end, which includes the laughter after its last word.
        assert [c.end for c in a[:-1]] == [c.end for c in b[:-1]] and a[-1].end < b[-1].end


def test_note_heavy_episode_has_no_note_in_titles():
    chapters = find_chapters(build(PARAGRAPHS, True), 3, min_length=5.0)
    assert len(chapters) == 3
    for c in chapters:
        assert c.title and not any(w in c.title.lower() for w in NOTE_WORDS), c.title
    for fmt in ("youtube", "vtt", "podcast-json", "ffmetadata", "psc"):
        assert not any(w in render(chapters, fmt).lower() for w in ("laugh", "crosstalk", "applause")), fmt


BANTER = "Yeah. [crosstalk] Okay. [crosstalk] (laughter) Right. (laughter) [crosstalk] (applause) So yeah. [crosstalk]"


def written(paragraphs: list[str]) -> Episode:
    """One turn per paragraph as written, notes included (timed in the pause after a word)."""
    turns, t = [], 0.5
    for n, para in enumerate(paragraphs):
        words: list[Word] = []
        for token in para.split():
            if Word(token).note:
                words.append(Word(token, round(t - 0.1, 3), round(t + 0.2, 3), interpolated=True))
                t += 0.3
            else:
                words.append(Word(token, round(t, 3), round(t + 0.3, 3)))
                t += 0.4
        turns.append(Turn(("Ann", "Ben")[n % 2], (Sentence(tuple(words)),)))
        t += 0.6
    return Episode(tuple(turns))


def test_chapter_of_banter_is_not_titled_by_its_notes():
    # Titled from its text as written, the banter chapter would be "Crosstalk and Laughter".
    chapters = find_chapters(written([TOPICS[0]] * 4 + [BANTER] * 3 + [TOPICS[2]] * 4), 3, min_length=5.0)
    assert len(chapters) == 3
    for c in chapters:
        assert c.title and not any(w in c.title.lower() for w in NOTE_WORDS), c.title


def test_chapter_starts_at_first_said_word_after_music():
    ep = build(PARAGRAPHS, True)
    chapters = find_chapters(ep, 3, min_length=5.0)
    said_starts = {w.start for w in ep.words() if not w.note}
    note_starts = {w.start for w in ep.words() if w.note} - said_starts
    for c in chapters[1:]:
        assert c.start not in note_starts
        # Within the lead-in before a said word (0.25 s at most), never back in the pause's notes.
        assert any(0 <= s - c.start <= 0.25 for s in said_starts if s is not None)


def test_sentence_opening_with_a_note_starts_at_its_first_word():
    ep = Episode((Turn("A", (Sentence((Word("Hello", 0.5, 0.9), Word("there.", 1.0, 1.4))),)),
                  Turn("B", (Sentence((Word("[MUSIC PLAYING]", 1.4, 9.0, interpolated=True),
                                       Word("Next", 9.0, 9.4), Word("topic.", 9.5, 9.9))),))))
    second = timed_sentences(ep)[1]
    assert (second.text, second.start, second.pause) == ("Next topic.", 9.0, 7.6)
    assert second.chapter_start == 8.75


@pytest.mark.parametrize("said_sentences", [1, 2])
def test_few_said_sentences_among_notes_make_one_chapter(said_sentences):
    music = Sentence((Word("[MUSIC PLAYING]", 0.0, 1.0, interpolated=True),))
    talk = [Sentence((Word("Bees", 1.0 + 2 * i, 1.4 + 2 * i), Word("swarm.", 1.5 + 2 * i, 1.9 + 2 * i),
                      Word("(laughter)", 1.9 + 2 * i, 3.0 + 2 * i, interpolated=True)))
            for i in range(said_sentences)]
    laughs = [Sentence((Word("[laughter.]", 6.0 + i, 7.0 + i, interpolated=True),)) for i in range(4)]
    ep = Episode((Turn("", (music,)), Turn("A", tuple(talk)), Turn("B", tuple(laughs))))
    chapters = find_chapters(ep)
    assert len(chapters) == 1
    assert chapters[0].start == 0.0 and chapters[0].end == 10.0
    assert "laugh" not in chapters[0].title.lower() and "music" not in chapters[0].title.lower()


def test_episode_of_notes_only_is_a_clear_error():
    ep = Episode((Turn("", (Sentence((Word("[MUSIC PLAYING]", 0.0, 30.0, interpolated=True),)),)),))
    with pytest.raises(InputError, match="only transcribers' notes"):
        find_chapters(ep)
