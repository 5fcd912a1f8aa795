"""Transcribers' notes in captions: how they are shown, which get a cue of their own, the linter,
the transcript formats (golden files) and hypothesis properties.

Regenerate the golden files after an intended change with
``AUDIOKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_captions_notes.py``.
"""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audiokit.align.notes import with_notes, without_notes
from audiokit.captions import FORMATS, STYLES, build_cues, check, render, shows_labels
from audiokit.captions.lint import reading_speed
from audiokit.captions.notes import alone_ms, parts, reading_ms, shown_note
from audiokit.captions.readers import parse
from audiokit.captions.styles import Style
from audiokit.model import Episode, Metadata, Sentence, Speaker, Turn, Word

GOLDEN = Path(__file__).parent / "golden" / "captions"
NETFLIX, BBC, PODCAST = STYLES["netflix"], STYLES["bbc"], STYLES["podcast"]


def _episode(turns: list[tuple[str, list[str]]], pauses: dict[str, float], duration: float | None = None) -> Episode:
    """Turns of sentences; said words 0.3 s each with 0.05 s between them, ``pauses`` seconds of
    silence where a note of that text sits; notes then timed by the aligner's own rule."""
    written = Episode(
        tuple(Turn(s, tuple(Sentence(tuple(Word(t) for t in _tokens(text))) for text in texts)) for s, texts in turns),
        tuple(Speaker(s) for s in dict.fromkeys(s for s, _ in turns)),
        Metadata(title="Notes & <sounds>", language="en"),
    )
    t, said = 0.5, []
    for w in written.words():
        if w.note:
            t += pauses.get(w.text, 0.0)
            continue
        said.append(Word(w.text, round(t, 3), round(t + 0.3, 3)))
        t += 0.35
    total = duration if duration is not None else t + 1.0
    timed = with_notes(written, without_notes(written).with_words(said), total)
    return replace(timed, metadata=replace(timed.metadata, duration=total))


def _tokens(text: str) -> list[str]:
    from audiokit.text.notes import join_notes

    return join_notes(text.split())


def notes_episode() -> Episode:
    """A laugh between sentences, a long music bed between turns, crosstalk, an inaudible
    passage with the transcriber's clock, a sigh in a long mid-sentence pause."""
    return _episode(
        [
            ("Ann Lee", ["Welcome back, Bo.", "(laughs) Good to see you.", "[inaudible 00:00:42] So, the bees?"]),
            ("Bo Ma", ["[MUSIC PLAYING]", "Thanks, Ann. (crosstalk) The bees are fine.", "I was [sighs] tired."]),
            ("Ann Lee", ["Great <news> & more. [applause]"]),
        ],
        {"[MUSIC PLAYING]": 90.0, "[sighs]": 2.5, "(laughs)": 0.2, "(crosstalk)": 0.1, "[applause]": 3.0},
    )


# How a note is shown


def test_shown_without_clock_in_every_style() -> None:
    for style in STYLES.values():
        assert shown_note("[inaudible 00:12:34]", style) == "[inaudible]"
        assert shown_note("[crosstalk 1:02:03.5].", style) == "[crosstalk]."


def test_netflix_square_brackets_lowercase_keeps_proper_nouns() -> None:
    assert shown_note("(laughs)", NETFLIX) == "[laughs]"
    assert shown_note("(laughter).", NETFLIX) == "[laughter]."
    assert shown_note("[MUSIC PLAYING]", NETFLIX) == "[music playing]"
    assert shown_note("(Amiti laughs)", NETFLIX) == "[Amiti laughs]"
    assert shown_note("[Laughter.]", NETFLIX) == "[Laughter.]"


def test_bbc_and_podcast_keep_the_transcribers_form() -> None:
    for style in (BBC, PODCAST):
        assert shown_note("(laughs)", style) == "(laughs)"
        assert shown_note("[MUSIC PLAYING]", style) == "[MUSIC PLAYING]"


def test_note_form_is_checked() -> None:
    with pytest.raises(ValueError, match="note_form"):
        NETFLIX.with_overrides(note_form="curly")


# Which notes get a cue of their own


def test_threshold_is_the_notes_reading_time_and_two_gaps() -> None:
    # Netflix: 5/6 s on screen and 2 frames each side: a laugh needs a 1.0 s pause.
    assert alone_ms("[laughs]", NETFLIX) == 1000
    # Longer notes need their reading time at 17 characters a second.
    assert reading_ms("[audience applauding loudly]", NETFLIX) == 1648
    # BBC reads by words (180 a minute): two words still take the minimum 5/6 s.
    assert reading_ms("[MUSIC PLAYING]", BBC) == 834
    for pause, alone in ((1.0, True), (0.999, False)):
        ws = [Word("Hi.", 0.0, 0.4), Word("[laughs]", 0.4, round(0.4 + pause, 3)), Word("Bye.", round(0.4 + pause, 3), 2.0)]
        assert (1, 2, True) in parts(ws, NETFLIX) if alone else parts(ws, NETFLIX) == [(0, 3, False)]


def test_notes_written_together_share_one_cue() -> None:
    ws = [Word("Hi.", 0.0, 0.4), Word("[inaudible]", 0.4, 1.0), Word("[music]", 1.0, 1.7), Word("Bye.", 1.7, 2.0)]
    assert parts(ws, NETFLIX) == [(0, 1, False), (1, 3, True), (3, 4, False)]


def test_short_notes_stay_inline_in_the_speakers_cue() -> None:
    cues = build_cues(notes_episode(), NETFLIX)
    laugh = next(c for c in cues if any(w.text == "[laughs]" for w in c.words))
    assert laugh.speaker == "Ann Lee" and any(w.note is False for w in laugh.words)
    cross = next(c for c in cues if any(w.text == "[crosstalk]" for w in c.words))
    assert cross.speaker == "Bo Ma" and "Thanks, Ann. [crosstalk]" in " ".join(cross.lines)


def test_a_note_in_a_long_pause_is_its_own_cue_capped_at_the_maximum() -> None:
    ep = notes_episode()
    cues = build_cues(ep, NETFLIX)
    music = next(c for c in cues if any(w.text == "[music playing]" for w in c.words))
    before = cues[cues.index(music) - 1]
    pause_start = next(w for w in ep.words() if w.text == "[MUSIC PLAYING]").start
    assert music.speaker == "" and music.lines == ("[music playing]",)
    # From the start of the pause, after the gap (or up to the start tolerance later, where the
    # speech before needs the time, as any cue may start).
    assert pause_start + 0.083 <= music.start <= pause_start + 0.083 + NETFLIX.start_tolerance
    assert music.duration == pytest.approx(NETFLIX.max_duration, abs=NETFLIX.start_tolerance)  # a 90 s bed: one 7 s cue
    assert before.end <= music.start - 0.083 + 1e-9  # the speech before it keeps its time
    # A sigh in a 2.5 s pause inside a sentence interrupts it, as Netflix's SDH guide shows.
    sigh = next(c for c in cues if any(w.text == "[sighs]" for w in c.words))
    assert sigh.lines == ("[sighs]",) and sigh.speaker == ""
    assert cues[cues.index(sigh) - 1].lines[-1].endswith("I was")


def test_note_cues_break_no_rule_and_count_in_the_reading_speed() -> None:
    ep = notes_episode()
    for name, style in STYLES.items():
        for fmt in ("vtt", "srt"):
            cues = build_cues(ep, style, inline_speakers=fmt == "srt")
            shown = parse(render(cues, fmt, ep), fmt)
            alone = {k + 1 for k, c in enumerate(cues) if not c.speaker}
            assert alone, name
            bad = [v for v in check(shown, style) if v.index in alone]
            assert not bad, (name, fmt, [str(v) for v in bad])
    # A note is displayed text: it counts, as every character shown does (Netflix counts all).
    cue = next(c for c in build_cues(ep, NETFLIX) if any(w.text == "[laughs]" for w in c.words))
    chars = sum(len(line) for line in cue.display_lines)
    assert "[laughs]" in cue.text and reading_speed(cue)[0] == pytest.approx(chars / cue.duration, rel=1e-3)


def test_srt_names_nobody_on_a_note_cue_and_keeps_the_turn() -> None:
    cues = build_cues(notes_episode(), NETFLIX, inline_speakers=True)
    assert all(c.label == "" for c in cues if c.speaker == "")
    sigh = next(k for k, c in enumerate(cues) if c.lines == ("[sighs]",))
    assert cues[sigh + 1].speaker == "Bo Ma" and cues[sigh + 1].label == ""  # same turn goes on
    first_bo = next(c for c in cues if c.speaker == "Bo Ma")
    assert first_bo.label.startswith("Bo Ma:")


def test_a_note_longer_than_a_line_is_never_split() -> None:
    long = "[" + "very long sound description " * 3 + "]"
    ep = _episode([("Ann", [f"Hi. {long} Bye."])], {long: 0.1})
    cues = build_cues(ep, NETFLIX)
    whole = "[" + long.strip("[] ") + "]"
    assert sum(whole in line for c in cues for line in c.lines) == 1  # one line (lint: chars-per-line)


# Formats


@pytest.mark.parametrize(("fmt", "style"), [*((f, NETFLIX) for f in FORMATS), ("vtt", BBC), ("ebu-tt-d", BBC)])
def test_golden(fmt: str, style: Style) -> None:
    ep = notes_episode()
    text = render(build_cues(ep, style, inline_speakers=shows_labels(fmt, style, ep)), fmt, ep, style)
    suffix = "ebuttd.xml" if fmt == "ebu-tt-d" else fmt
    path = GOLDEN / (f"notes.{suffix}" if style is NETFLIX else f"notes.{style.name}.{suffix}")
    if os.environ.get("AUDIOKIT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_vtt_note_cue_has_no_voice_and_no_clock() -> None:
    ep = notes_episode()
    text = render(build_cues(ep, NETFLIX), "vtt", ep)
    assert "\n[music playing]\n" in text and "<v Bo Ma>[music" not in text
    assert "00:00:42]" not in text and "[inaudible] So, the bees?" in text


def test_podcast_json_note_segment_names_no_speaker() -> None:
    ep = notes_episode()
    segments = json.loads(render(build_cues(ep, NETFLIX), "json", ep))["segments"]
    music = next(s for s in segments if s["body"] == "[music playing]")
    assert "speaker" not in music
    assert all("00:00:42" not in s["body"] for s in segments)


def test_html_marks_notes_and_escapes_them() -> None:
    ep = _episode([("Ann", ["Hi <b>. [a <b> & c] Bye."])], {"[a <b> & c]": 0.1})
    page = render(build_cues(ep, NETFLIX), "html", ep)
    assert '<p>Hi &lt;b&gt;. <span class="note">[a &lt;b&gt; &amp; c]</span> Bye.</p>' in page


# Properties

FIXED = settings(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow], max_examples=60)
SAID = st.text(alphabet="abcdefghijklmnop,.?", min_size=1, max_size=12).filter(lambda t: t.strip(".,?"))
NOTE = st.sampled_from(["[laughs]", "(applause)", "[MUSIC PLAYING]", "[inaudible 00:01:02]", "(crosstalk)", "[sighs]."])


@st.composite
def noted_episodes(draw: st.DrawFn) -> tuple[Episode, dict[str, float]]:
    turns, pauses = [], {}
    for k in range(draw(st.integers(1, 4))):
        texts = []
        for _ in range(draw(st.integers(1, 3))):
            tokens = draw(st.lists(st.one_of(SAID, SAID, SAID, NOTE), min_size=1, max_size=12))
            texts.append(" ".join(tokens))
        turns.append((["Ann Lee", "Bo Ma"][k % 2], texts))
    for note in ["[laughs]", "(applause)", "[MUSIC PLAYING]", "[inaudible 00:01:02]", "(crosstalk)", "[sighs]."]:
        pauses[note] = draw(st.sampled_from([0.0, 0.3, 0.9, 1.05, 2.0, 12.0, 95.0]))
    return _episode(turns, pauses), pauses


@FIXED
@given(noted_episodes(), st.sampled_from(list(STYLES)), st.booleans())
def test_every_word_once_notes_whole_no_hard_rule(case: tuple[Episode, dict[str, float]], name: str, srt: bool) -> None:
    ep, _ = case
    style = STYLES[name]
    cues = build_cues(ep, style, inline_speakers=srt)
    seen = [w for c in cues for w in c.words]
    timed = [w for w in ep.words() if w.timed]
    assert [w.text for w in seen] == [shown_note(w.text, style) if w.note else w.text for w in timed]
    for prev, cue in itertools.pairwise(cues):
        assert prev.end <= cue.start
    for cue in cues:
        for w in cue.words:
            if w.note:  # one word: whole on one line of one cue
                assert sum(w.text in line for line in cue.lines) >= 1
        if not cue.speaker:  # a note's own cue (every turn here names its speaker)
            assert cue.words and all(w.note for w in cue.words) and cue.label == ""
            assert cue.duration <= style.max_duration + 1e-9
    assert not [v for v in check(cues, style) if v.hard]
    fmt = "srt" if srt else "vtt"
    # A note's own cue breaks no rule. (A turn of notes alone in a short pause, "Bo: [laughs]",
    # stays its speaker's cue and is as short as the transcript makes it, like a short "Yes.")
    alone = {k + 1 for k, c in enumerate(cues) if not c.speaker}
    assert not [v for v in check(parse(render(cues, fmt, ep), fmt), style) if v.index in alone]


def test_lint_reads_a_note_cue_in_anyones_file_as_text_not_a_speaker() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\n[MUSIC PLAYING]\n\n"
        "2\n00:00:02,083 --> 00:00:04,000\nAnn: Hi. (APPLAUSE)\n\n"
        "3\n00:00:04,083 --> 00:00:04,600\n[laughs]\n"
    )
    shown = parse(srt, "srt")
    assert [c.speakers for c in shown] == [(), ("Ann",), ()]
    # The music cue is readable in its second (15 characters); the half-second laugh is not.
    assert [(v.index, v.rule) for v in check(shown, NETFLIX)] == [(3, "min-duration")]


def test_opening_music_starts_the_episode() -> None:
    ep = _episode([("Ann Lee", ["[MUSIC PLAYING] Welcome to the show."])], {"[MUSIC PLAYING]": 4.0})
    cues = build_cues(ep, NETFLIX)
    assert (cues[0].start, cues[0].lines, cues[0].speaker) == (0.0, ("[music playing]",), "")
    assert cues[0].end <= cues[1].start - NETFLIX.min_gap + 1e-3 and cues[1].speaker == "Ann Lee"
