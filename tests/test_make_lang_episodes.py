"""scripts/make_lang_episodes.py: the source files, their parsing, and (where Festival and a voice
are installed) one small generated episode checked against the shared truth format."""

from __future__ import annotations

import doctest
import itertools
import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import make_lang_episodes as mle

from audiokit.lang import detect
from audiokit.transcripts import from_string

SOURCES = sorted(mle.TEXTS.glob("*.txt"))


def test_doctests() -> None:
    assert doctest.testmod(mle).failed == 0


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_source_is_a_two_host_episode_with_topics(path: Path) -> None:
    src = mle.parse_source(path.read_text(encoding="utf-8"))
    assert src.code == path.stem
    assert len(src.voices) == 2 and src.preamble
    assert {p.speaker for p in src.paragraphs} == set(src.voices)
    assert sum(1 for p in src.paragraphs if p.chapter) >= 4
    for p in src.paragraphs:
        assert len(p.tokens) == len(p.written.split(": ", 1)[1].split() if p.new_turn else p.written.split())
        assert all("{" not in w and "|" not in w for w, _ in p.tokens)
    # The first mention of each host carries a role; every turn opens with its label.
    firsts = [next(p for p in src.paragraphs if p.speaker == s) for s in src.voices]
    assert all(p.new_turn and p.written.startswith(p.speaker + ", ") for p in firsts)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_transcript_reads_as_its_speakers_and_language(path: Path) -> None:
    src = mle.parse_source(path.read_text(encoding="utf-8"))
    transcript = "\n\n".join([*src.preamble, *(p.written for p in src.paragraphs)]) + "\n"
    episode = from_string(transcript).episode
    assert {t.speaker for t in episode.turns} == set(src.voices)
    assert len(episode.turns) == sum(1 for p in src.paragraphs if p.new_turn)
    found = detect(transcript)
    assert found.sure and found.language == src.code


def test_generates_an_episode_in_the_shared_format(tmp_path: Path) -> None:
    path = next((p for p in SOURCES if p.stem == "ru"), None)
    if shutil.which("festival") is None or shutil.which("ffmpeg") is None or not mle.voice_installed(
            "msu_ru_nsh_clunits"):
        pytest.skip("festival, ffmpeg or the Russian Festival voice is not installed")
    text = path.read_text(encoding="utf-8")
    head, body = text.split("## ", 1)
    small = head + "## " + "\n\n".join(body.split("\n\n")[:2]) + "\n"  # a chapter heading and two turns
    src = mle.parse_source(small)
    info = mle.build(src, tmp_path / "lang-ru", tmp_path)
    truth = json.loads((tmp_path / "lang-ru" / "truth.json").read_text(encoding="utf-8"))
    assert set(truth) == {"duration", "speakers", "chapters", "turns"}
    assert truth["speakers"] == list(dict.fromkeys(p.speaker for p in src.paragraphs))
    tokens = [k for t in truth["turns"] for s in t["sentences"] for k in s["tokens"]]
    assert [k["text"] for k in tokens] == [w for p in src.paragraphs for w, _ in p.tokens]
    assert all(a["end"] <= b["start"] and a["start"] < a["end"] for a, b in itertools.pairwise(tokens))
    assert 0 < tokens[0]["start"] and tokens[-1]["end"] < truth["duration"]
    assert truth["chapters"][0]["turn"] == 0 and truth["chapters"][0]["start"] == tokens[0]["start"]
    assert info["check"]["words_with_speech"] == 1.0
    transcript = (tmp_path / "lang-ru" / "transcript.txt").read_text(encoding="utf-8")
    assert "{" not in transcript and "##" not in transcript
