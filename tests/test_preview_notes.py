"""Transcribers' notes on the preview page and the timeline: shown as notes, not as speech.

A note ("[MUSIC PLAYING]", "(laughter)", "[inaudible 00:00:42]") is timed by the pause it sits
in: it must not be a word to click or to light up while "said", a turn that opens with intro
music starts when its speaker talks, and the timeline does not draw the music as their talk.
"""

from __future__ import annotations

import re

from notes_fixtures import timed_plain

from audiokit.model import Episode, Metadata, Sentence, Speaker, Turn, Word
from audiokit.preview import page, timeline
from audiokit.preview.spans import talk_spans


def _words(text: str, start: float, step: float = 0.5) -> list[Word]:
    return [Word(w, round(start + step * k, 3), round(start + step * k + 0.4, 3)) for k, w in enumerate(text.split())]


def noted_episode() -> Episode:
    """Intro music noted in Ann's first turn (0-30 s), a laugh, a noted gap with its clock, a
    "[MUSIC]" line as a turn of its own, and a stray markup note to escape."""
    ann = (Sentence((Word("[MUSIC PLAYING]", 0.0, 30.0, interpolated=True), *_words("Welcome to the show.", 30.0))),)
    bob = (Sentence((*_words("Thanks, Ann.", 33.0), Word("(laughter)", 34.4, 35.0, interpolated=True))),
           Sentence((*_words("I keep", 35.0), Word("[inaudible 00:00:36]", 35.9, 36.5, interpolated=True),
                     *_words("bees on a roof.", 36.5))))
    outro = (Sentence((Word("[<b>music</b>]", 38.5, 45.0, interpolated=True),)),)
    return Episode((Turn("Ann", ann), Turn("Bob", bob), Turn("Ann", outro)), (Speaker("Ann"), Speaker("Bob")),
                   Metadata(title="Bees"))


def noted_preview() -> page.Preview:
    clip = page.ClipCard("clips/bob-1.mp3", "Bob", 1, 33.0, 38.5, "Bees on a roof",
                         "Thanks, Ann. (laughter) I keep [inaudible 00:00:36] bees on a roof.", 0.7)
    return page.Preview(episode=noted_episode(), audio="episode.mp3", clips=[clip],
                        chapters=[page.ChapterMark(0.0, 45.0, "Bees")])


def test_notes_are_shown_as_notes_not_as_words() -> None:
    text = page.render(noted_preview())
    transcript = text.split('<div id="transcript"', 1)[1].split("</div></section>", 1)[0]
    assert re.findall(r'<span class="note">([^<]*)</span>', transcript) == [
        "[MUSIC PLAYING]", "(laughter)", "[inaudible]", "[&lt;b&gt;music&lt;/b&gt;]"]
    said = re.findall(r'<span class="w[^"]*" data-s="([^"]*)"[^>]*>([^<]*)<', transcript)
    assert [w for _, w in said] == ["Welcome", "to", "the", "show.", "Thanks,", "Ann.", "I", "keep", "bees", "on", "a", "roof."]
    assert "00:00:36" not in text and "missing" not in transcript and "<b>music" not in text
    # The first said word of each sentence is marked for the Up and Down keys (not the note before it).
    assert re.findall(r'<span class="w s"[^>]*>([^<]*)<', transcript) == ["Welcome", "Thanks,", "I"]


def test_a_turn_s_time_is_when_its_speaker_starts_talking() -> None:
    text = page.render(noted_preview())
    times = re.findall(r'<h3><button class="seek" data-seek="([^"]*)"[^>]*><time>([^<]*)</time>', text)
    assert times == [("30", "0:30"), ("33", "0:33"), ("38.5", "0:38")]  # the music-only turn keeps its note's time


def test_the_clip_text_shows_its_notes_as_notes() -> None:
    text = page.render(noted_preview())
    clip = text.split('<article class="clip">', 1)[1]
    assert ('Thanks, Ann. <span class="note">(laughter)</span> I keep <span class="note">[inaudible]</span> bees'
            in clip)


def test_a_missing_word_before_a_note_is_told_once_after_its_run() -> None:
    words = (Word("a", 0.1, 0.2), Word("b"), Word("[laughs]", 0.2, 1.0), Word("c"), Word("d", 1.0, 1.1))
    text = page.render(page.Preview(episode=Episode((Turn("Ann", (Sentence(words),)),)), audio="a.wav"))
    assert text.count("(not found in the audio)") == 1
    assert re.search(r">c</span><span class=\"sr-only\"[^>]*> \(not found", text)


def test_talk_spans_and_timeline_lanes_leave_the_notes_out() -> None:
    ep = noted_episode()
    assert [(s.start, s.end) for t in ep.turns if (s := t.span)] == [(30.0, 31.9), (33.0, 38.4), (38.5, 45.0)]
    assert talk_spans(ep) == {"Ann": [(30.0, 31.9)], "Bob": [(33.0, 38.4)]}
    assert timeline.lanes(ep) == [timeline.Lane("Ann", ((30.0, 31.9),)), timeline.Lane("Bob", ((33.0, 38.4),))]
    untimed = Episode((Turn("Ann", (Sentence((Word("[Music]", 0.0, 5.0), Word("hi"))),)),))
    assert untimed.turns[0].span is None and timeline.lanes(untimed) == []


def test_the_timeline_draws_no_talk_under_the_intro_music() -> None:
    import io

    import numpy as np
    from PIL import Image

    png = timeline.render(45.0, [0.5] * 100, timeline.lanes(noted_episode()))
    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    blue = np.all(np.abs(img - [0x1F, 0x77, 0xB4]) < 8, axis=2)  # Ann's lane colour
    columns = np.nonzero(blue.any(axis=0))[0]
    left = timeline.WIDTH_IN * timeline.DPI * 0.13
    axis = timeline.WIDTH_IN * timeline.DPI * (0.985 - 0.13)
    first = (columns.min() - left) / axis * 45.0
    assert 29.0 < first < 31.0  # Ann's bar begins when she talks, not at 0:00


def break_episode(pause: float) -> Episode:
    """Ann, a "[MUSIC PLAYING]" line of ``pause`` seconds, Bob: read by the plain reader (which puts
    the line at the end of Ann's turn) and timed as the aligner times notes."""
    text = "Bees\n\nAnn Lee: Welcome to the show. It ends here. [laughs]\n\n[MUSIC PLAYING]\n\nBob Roy: And we are back.\n"
    return timed_plain(text, pause, step=0.5, length=0.4)


def _turns(text: str) -> list[str]:
    transcript = text.split('<div id="transcript"', 1)[1].split("</div></section>", 1)[0]
    return re.findall(r'<div class="turn[^"]*">.*?</div>', re.sub(r'<span class="w[^"]*"[^>]*>([^<]*)</span>', r"\1",
                                                                 transcript))


def test_notes_ending_a_turn_in_a_pause_of_their_own_are_nobody_s_paragraph() -> None:
    ep = break_episode(30.0)
    assert [w.text for w in ep.turns[0].words][-2:] == ["[laughs]", "[MUSIC PLAYING]"]  # read into Ann's turn
    ann, music, bob = _turns(page.render(page.Preview(episode=ep, audio="episode.mp3")))
    assert "Ann Lee</h3><p>Welcome to the show. It ends here.</p>" in ann and "note" not in ann
    assert music.startswith('<div class="turn break"><p><button class="seek" data-seek="3.4"')  # when the pause begins
    assert music.endswith('<span class="note">[laughs]</span> <span class="note">[MUSIC PLAYING]</span></p></div>')
    assert "<h3>" not in music and "Ann" not in music
    assert "Bob Roy</h3><p>And we are back.</p>" in bob


def test_a_note_ending_a_turn_without_a_pause_of_its_own_stays_in_it() -> None:
    ep = break_episode(0.6)  # [laughs] and [MUSIC PLAYING] share 0.6 s + 0.1 s: under page.APART
    ann, bob = _turns(page.render(page.Preview(episode=ep, audio="episode.mp3")))
    assert ann.endswith('It ends here. <span class="note">[laughs]</span> <span class="note">[MUSIC PLAYING]</span>'
                        "</p></div>")
    assert "Bob Roy</h3>" in bob
