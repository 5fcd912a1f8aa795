"""Clean verbatim captions (captions/clean.py): which words go, how the text around them is
mended, that every other word keeps its times, and `audiokit captions --clean` end to end."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from cli_main import run
from hypothesis import given
from hypothesis import strategies as st

from audiokit import episode_json
from audiokit.captions import STYLES, build_cues
from audiokit.captions.clean import mended, without_hesitations
from audiokit.model import Episode, Metadata, Sentence, Turn, Word


def texts(line: str, language: str = "en") -> list[str]:
    return [w.text for w in mended(tuple(Word(t) for t in line.split()), language)]


@pytest.mark.parametrize("line,expected", [
    ("Um, I think so.", "I think so."),  # the comma only set the sound off
    ("so, um, the point", "so the point"),  # commas on both sides only set it off
    ("so, um the point", "so, the point"),  # one before it alone may be the speaker's own
    ("so um, the point", "so the point"),
    ("the corpus um.", "the corpus."),  # the sentence end moves to the word before
    ("the corpus, uh?", "the corpus?"),
    ("Uh so this is it.", "So this is it."),  # the sentence's capital passes on
    ("uh so this is it.", "so this is it."),  # a transcript written in lower case stays so
    ("Um iPhone sales.", "iPhone sales."),  # a word mixing cases is left as written
    ("“Um, well…", "“Well…"),  # an opening quote stays at the front
    ("(Uh, right.)", "(Right.)"),
    ("Erm... Hmm, I, uh, I mean it.", "I I mean it."),
    ("I like, you know, like it.", "I like, you know, like it."),  # words, not sounds
    ("The umbrella, the uhlan.", "The umbrella, the uhlan."),
])
def test_english_mending(line: str, expected: str) -> None:
    assert " ".join(texts(line)) == expected


@pytest.mark.parametrize("line,language,expected", [
    ("Um acht gehen wir, äh, los.", "de", "Um acht gehen wir los."),  # German "um" is a preposition
    ("Euh, on commence.", "fr", "On commence."),
    ("Tenho um livro, hmm.", "pt", "Tenho um livro."),  # Portuguese "um" is "a"
])
def test_other_languages(line: str, language: str, expected: str) -> None:
    assert " ".join(texts(line, language)) == expected


def test_notes_stay_and_are_not_capitalised_onto() -> None:
    assert texts("Um [laughs] so yes.") == ["[laughs]", "So", "yes."]
    assert texts("Right. [laughs] um.") == ["Right.", "[laughs]"]


def episode(*turns: tuple[str, str], language: str = "en") -> Episode:
    t, built = 0.0, []
    for speaker, text in turns:
        sentences = []
        for part in text.split(" | "):
            words = []
            for token in part.split():
                words.append(Word(token, round(t, 3), round(t + 0.25, 3), confidence=0.9))
                t += 0.3
            sentences.append(Sentence(tuple(words)))
        built.append(Turn(speaker, tuple(sentences)))
        t += 0.5
    return Episode(tuple(built), metadata=Metadata(language=language))


def test_a_turn_of_only_hesitations_is_kept() -> None:
    ep = episode(("Ann", "So what do you think?"), ("Bo", "Hmm."), ("Ann", "Um. | Take your time."))
    clean = without_hesitations(ep)
    assert [t.text for t in clean.turns] == ["So what do you think?", "Hmm.", "Take your time."]
    assert len(clean.turns[2].sentences) == 1  # a sentence of only hesitations goes


def test_words_keep_their_times_and_the_input_is_untouched() -> None:
    ep = episode(("Ann", "Uh so the corpus um. | It is, uh, big."))
    before = list(ep.words())
    clean = without_hesitations(ep)
    assert list(ep.words()) == before
    kept = list(clean.words())
    assert [w.text for w in kept] == ["So", "the", "corpus.", "It", "is", "big."]
    originals = [w for w in before if w.text.strip(",.").lower() not in {"uh", "um"}]
    assert [(w.start, w.end, w.confidence) for w in kept] == [(w.start, w.end, w.confidence) for w in originals]


def test_cues_start_at_the_first_word_left() -> None:
    ep = episode(("Ann", "Uh so this is the sick corpus."))
    plain, clean = build_cues(ep)[0], build_cues(ep, STYLES["netflix"].with_overrides(clean=True))[0]
    assert plain.text.startswith("Uh so") and clean.text.startswith("So this")
    assert clean.start == pytest.approx(0.3, abs=0.13)  # "so" starts at 0.3 s (3 frames of tolerance)
    assert plain.start == pytest.approx(0.0, abs=1e-9)


HESITATIONS = ["um", "Um,", "uh", "uh.", "Erm...", "hmm,"]
WORDS = ["so", "the", "corpus", "It", "is,", "big.", "I", "mean", "[laughs]", "well…"]


@given(st.lists(st.lists(st.sampled_from(HESITATIONS + WORDS), min_size=1, max_size=12), min_size=1, max_size=5))
def test_property_every_other_word_once_in_order_with_its_times(sentences: list[list[str]]) -> None:
    t, built = 0.0, []
    for tokens in sentences:
        words = []
        for token in tokens:
            words.append(Word(token, round(t, 3), round(t + 0.2, 3)))
            t += 0.25
        built.append(Sentence(tuple(words)))
    ep = Episode((Turn("Ann", tuple(built)),))
    clean = without_hesitations(ep)
    said = [w for w in ep.words() if not w.note]
    if said and all(w.text.strip(",.").lower() in {"um", "uh", "erm", "hmm"} for w in said):
        assert clean == ep  # nothing else said: the turn is kept whole
        return
    expected = [w for w in ep.words() if w.note or w.text.strip(",.").lower() not in {"um", "uh", "erm", "hmm"}]
    got = list(clean.words())
    assert [(w.start, w.end) for w in got] == [(w.start, w.end) for w in expected]
    for old, new in zip(expected, got):  # only a capital or the punctuation around a word changes
        assert new.text.strip(",.;:—–-?!…").lower() == old.text.strip(",.;:—–-?!…").lower()
    assert not any(w.text.strip(",.").lower() in {"um", "uh", "erm", "hmm"} for w in got)
    cues = build_cues(clean)
    shown = " ".join(c.text for c in cues).split()
    assert len(shown) == len(got)


def test_cli_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "episode.json"
    ep = episode(("Ann", "Um, welcome back. | So, uh, today we talk about captions um."),
                 ("Bo", "Thanks. | Uh I think they matter."))
    episode_json.save(replace(ep, metadata=Metadata(language="en")), path)
    before = path.read_bytes()
    out = tmp_path / "clean.vtt"
    code, _, err = run(capsys, monkeypatch, "captions", str(path), "-o", str(out), "--clean")
    assert code == 0, err
    assert "clean verbatim: 4 hesitations left out" in err
    text = out.read_text(encoding="utf-8")
    assert "Welcome back.\nSo today we talk about captions.\n" in text and "I think they matter." in text
    assert "um" not in text.lower().split() and "uh" not in text.lower()
    assert path.read_bytes() == before
    plain = tmp_path / "plain.vtt"
    code, _, err = run(capsys, monkeypatch, "captions", str(path), "-o", str(plain))
    assert code == 0 and "clean verbatim" not in err
    assert "Um, welcome back." in plain.read_text(encoding="utf-8")
