"""Round trips: an aligned episode written by audiokit's own caption writers (WebVTT, SRT,
Podcasting 2.0 JSON, the ``[m:ss] Name`` text transcript) reads back to the same words and
speakers, with turn hints inside the episode's times."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.captions import build_cues, render
from audiokit.model import Episode, Sentence, Speaker, Turn, Word
from audiokit.transcripts import from_string

NAMES = ["Ann Lee", "Bob Roy", "Chidi Okafor"]
VOCAB = [
    "we",
    "kept",
    "the",
    "tapes",
    "1,200",
    "40%",
    "U.S.",
    "don't",
    "it’s",
    "radio",
    "archive",
    "OK",
    "of",
]
word = st.builds(lambda w, p: w + p, st.sampled_from(VOCAB), st.sampled_from(["", "", ",", ".", "?"]))
raw_turns = st.lists(
    st.tuples(st.integers(0, 2), st.lists(word, min_size=1, max_size=25)), min_size=1, max_size=6
)


def episode(raw: list[tuple[int, list[str]]]) -> Episode:
    turns: list[Turn] = []
    t = 0.5
    for spk, words in raw:
        if turns and turns[-1].speaker == NAMES[spk]:
            continue  # one turn per change of speaker: captions cannot say where a turn restarts
        timed = []
        for w in words:
            timed.append(Word(w, round(t, 3), round(t + 0.3, 3)))
            t += 0.35
        t += 1.0
        turns.append(Turn(NAMES[spk], (Sentence(tuple(timed)),)))
    speakers = tuple(Speaker(n) for n in dict.fromkeys(turn.speaker for turn in turns))
    return Episode(tuple(turns), speakers)


@pytest.mark.parametrize(
    ("fmt", "read_as"), [("vtt", "webvtt"), ("srt", "srt"), ("json", "podcast-json"), ("txt", "timestamped")]
)
@settings(max_examples=40, deadline=None)
@given(raw=raw_turns)
def test_written_captions_read_back(fmt: str, read_as: str, raw: list[tuple[int, list[str]]]) -> None:
    ep = episode(raw)
    cues = build_cues(ep, inline_speakers=fmt == "srt")
    text = render(cues, fmt, ep)
    t = from_string(text, path=f"episode.{fmt}")
    assert t.format == read_as
    assert [w.text for w in t.episode.words()] == [w.text for w in ep.words()]
    assert [turn.speaker for turn in t.episode.turns] == [turn.speaker for turn in ep.turns]
    first, last = ep.turns[0].words[0].start, ep.turns[-1].words[-1].end
    for turn in t.episode.turns:
        assert turn.hint is not None
        assert first - 1.0 <= turn.hint.start <= turn.hint.end <= last + 2.0  # captions lead in and linger


@pytest.mark.parametrize(("fmt", "read_as", "names"), [
    ("vtt", "webvtt", ["Tom & Jerry", "Zoë Dvořáková", "अनु शर्मा"]),
    ("json", "podcast-json", ["Tom & Jerry", "Zoë Dvořáková", "अनु शर्मा"]),
    # "Name:" prefixes are told from text by how names look: "Tom & Jerry:" read as no label.
    ("srt", "srt", ["Tom & Jerry", "Zoë Dvořáková", "अनु शर्मा"]),
    ("txt", "timestamped", ["Tom & Jerry", "Zoë Dvořáková", "अनु शर्मा"]),
])
def test_speaker_names_with_markup_characters_read_back(fmt: str, read_as: str, names: list[str]) -> None:
    # WebVTT escapes a voice name like cue text (<v Tom &amp; Jerry>); reading it back kept
    # "Tom &amp; Jerry" as the speaker.
    turns = tuple(Turn(name, (Sentence((Word("Hello", 1.0 + 3 * k, 1.4 + 3 * k), Word("there.", 1.5 + 3 * k,
                                                                                        2.0 + 3 * k))),))
                  for k, name in enumerate(names))
    ep = Episode(turns, tuple(Speaker(n) for n in names))
    text = render(build_cues(ep, inline_speakers=fmt == "srt"), fmt, ep)
    t = from_string(text, path=f"episode.{fmt}")
    assert t.format == read_as
    assert [turn.speaker for turn in t.episode.turns] == names
