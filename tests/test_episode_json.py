"""The versioned episode.json form: round trips and the documented contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit import episode_json
from audiokit.errors import FormatError
from audiokit.model import Episode, Metadata, Phone, Sentence, Span, Speaker, Turn, Word
from audiokit.transcripts import load

ROOT = Path(__file__).resolve().parents[1]

ms = st.integers(min_value=0, max_value=10_000_000).map(lambda n: n / 1000)
text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@st.composite
def words(draw: st.DrawFn) -> Word:
    if draw(st.booleans()):
        a, b = sorted((draw(ms), draw(ms)))
        phones = tuple(
            Phone(label, *sorted((draw(ms), draw(ms))))
            for label in draw(st.lists(st.sampled_from(["AH", "B", "K", "S"]), max_size=3))
        )
        return Word(
            draw(text),
            a,
            b,
            confidence=draw(st.none() | st.integers(0, 1000).map(lambda n: n / 1000)),
            spoken=tuple(draw(st.lists(st.sampled_from(["seven", "point", "one"]), max_size=3))),
            interpolated=draw(st.booleans()),
            phones=phones,
        )
    return Word(draw(text), spoken=tuple(draw(st.lists(st.sampled_from(["gpt", "four"]), max_size=2))))


@st.composite
def episodes(draw: st.DrawFn) -> Episode:
    names = draw(st.lists(text, min_size=1, max_size=4, unique=True))
    turns = []
    for _ in range(draw(st.integers(0, 5))):
        sentences = tuple(
            Sentence(tuple(draw(st.lists(words(), min_size=1, max_size=4))))
            for _ in range(draw(st.integers(1, 3)))
        )
        hint = None
        if draw(st.booleans()):
            hint = Span(*sorted((draw(ms), draw(ms))))
        turns.append(Turn(draw(st.sampled_from(names)), sentences, hint))
    speakers = tuple(Speaker(n, draw(st.none() | text)) for n in names)
    metadata = Metadata(
        title=draw(st.none() | text),
        description=draw(st.none() | text),
        preamble=draw(st.text(max_size=30)),
        source=draw(st.none() | text),
        audio=draw(st.none() | text),
        duration=draw(st.none() | ms),
    )
    return Episode(tuple(turns), speakers, metadata)


@settings(max_examples=60, deadline=None)
@given(episodes())
def test_round_trip(ep: Episode) -> None:
    assert episode_json.loads(episode_json.dumps(ep)) == ep
    assert episode_json.loads(episode_json.dumps(ep, indent=None)) == ep


@settings(max_examples=30, deadline=None)
@given(episodes())
def test_to_dict_contract(ep: Episode) -> None:
    d = episode_json.to_dict(ep)
    assert set(d) == {"format", "version", "metadata", "speakers", "turns"}
    assert d["format"] == "audiokit-episode" and d["version"] == 1
    assert set(d["metadata"]) == {"title", "description", "preamble", "source", "audio", "duration", "language"}
    assert all(set(s) == {"name", "role"} for s in d["speakers"])
    for turn, src in zip(d["turns"], ep.turns, strict=True):
        assert set(turn) == {"speaker", "start", "end", "hint", "sentences", "words"}
        assert sum(turn["sentences"]) == len(turn["words"])
        assert turn["start"] == src.start and turn["end"] == src.end
        for w in turn["words"]:
            assert {"text", "start", "end", "confidence", "spoken"} <= set(w)
            assert set(w) <= {"text", "start", "end", "confidence", "spoken", "interpolated", "phones"}
    json.dumps(d)  # JSON-ready


def test_transcript_episode_round_trips_with_null_times() -> None:
    ep = load(ROOT / "samples" / "episode.txt").episode
    d = json.loads(episode_json.dumps(ep))
    assert all(w["start"] is None and w["end"] is None for t in d["turns"] for w in t["words"])
    assert all(t["hint"] is None for t in d["turns"])
    assert episode_json.loads(episode_json.dumps(ep)) == ep


def test_minimal_file_loads() -> None:
    ep = episode_json.loads('{"turns": [{"speaker": "Ann", "words": [{"text": "Hi."}]}]}')
    assert ep.speakers == (Speaker("Ann"),)
    assert [s.text for _, s in ep.sentences()] == ["Hi."]


@pytest.mark.parametrize(
    "doc",
    [
        "[]",
        '{"format": "other", "turns": []}',
        '{"version": 2, "turns": []}',
        '{"turns": [{"speaker": "A", "words": [{"text": "x", "start": 2, "end": 1}]}]}',
        '{"turns": [{"speaker": "A", "words": [{"text": "x"}], "sentences": [2]}]}',
        "{not json",
        # A hand edit's slip: no episode lasts 1e300 s, and captions could not be timed for it.
        '{"turns": [{"speaker": "A", "words": [{"text": "x", "start": 1e300, "end": 1e301}]}]}',
    ],
)
def test_bad_files_raise_format_error(doc: str) -> None:
    with pytest.raises(FormatError) as info:
        episode_json.loads(doc, path="ep.json")
    assert str(info.value).startswith("ep.json: ")
