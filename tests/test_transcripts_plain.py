"""Plain speaker-turn transcripts: the seed, the sample and the benchmark transcripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sample_facts

from audiokit.transcripts import from_string, load

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "llama2-paper-reading.txt"
BENCH = SHARED / "bench"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def test_seed_speakers_roles_turns() -> None:
    t = load(need(SEED))
    ep = t.episode
    assert t.format == "plain"
    assert t.warnings == ()
    assert [(s.name, s.role) for s in ep.speakers] == [
        ("Aparna Dhinakaran", "Chief Product Officer and Co-Founder, Arize AI"),
        ("Michael Schiff", "Chief Technology Officer, Arize AI"),
    ]
    assert len(ep.turns) == 37
    assert [t.speaker for t in ep.turns[:4]] == ["Aparna Dhinakaran", "Michael Schiff"] * 2
    assert ep.metadata.title == "Llama 2: Open Foundation and Fine-Tuned Chat Models Paper Reading"
    assert ep.metadata.preamble.startswith("Aparna Dhinakaran\n")
    assert ep.metadata.preamble.endswith("Dive in:")
    assert ep.metadata.description and ep.metadata.description.startswith("In this paper reading")
    assert ep.metadata.source == str(SEED)
    words = [w.text for w in ep.words()]
    assert words[:3] == ["We’ll", "start", "soon"]
    # tokens exactly as written
    for token in ("it–Llama", "7.61%", "We’ll", "then.", "GPT-4.", "pre-training."):
        assert token in words
    # preamble is not speech; colons inside sentences are not speakers
    assert "Sarah" not in words
    assert "Obligatory:" in words and "channel:" in words and "question:" in words
    assert all(not w.timed for w in ep.words())


def test_seed_words_are_the_speech_text() -> None:
    text = need(SEED).read_text(encoding="utf-8")
    ep = load(SEED).episode
    speech = text[text.index("Aparna Dhinakaran, Chief") :]
    for s in ep.speakers:
        speech = speech.replace(f"{s.name}, {s.role}:", " ").replace(f"{s.name}:", " ")
    assert [w.text for w in ep.words()] == speech.split()


@pytest.mark.parametrize("name", ["seed-full", "real-gold", "real-mfa", "seed-rough"])
def test_bench_transcripts_match_truth(name: str) -> None:
    folder = need(BENCH / name)
    ep = load(folder / "transcript.txt").episode
    truth = json.loads((folder / "truth.json").read_text())
    assert [t.speaker for t in ep.turns] == [t["speaker"] for t in truth["turns"]]
    assert {s.name for s in ep.speakers} == set(truth["speakers"])
    tokens = [
        k["text"]
        for turn in truth["turns"]
        for s in turn["sentences"]
        if s.get("in_transcript", True)
        for k in s["tokens"]
    ]
    if name != "seed-rough":  # seed-rough's transcript has sentences that were never spoken
        assert len(list(ep.words())) == len(tokens)
    if name == "seed-full":
        assert [w.text for w in ep.words()] == tokens
        truth_sentences = [s["text"] for turn in truth["turns"] for s in turn["sentences"]]
        assert [s.text for _, s in ep.sentences()] == truth_sentences


def test_sample_episode() -> None:
    ep = load(ROOT / "samples" / "episode.txt").episode
    roles = sample_facts.roles()
    assert [(s.name, s.role) for s in ep.speakers] == [(name, roles[name]) for name in sample_facts.speakers()]
    assert len(ep.turns) == sample_facts.turn_count()
    assert ep.metadata.title == sample_facts.title()
    truth = json.loads((ROOT / "samples" / "episode.truth.json").read_text())
    assert [t.text for t in ep.turns] == [" ".join(t["text"].split()) for t in truth["turns"]]


def test_unlabelled_paragraphs_continue_the_speaker() -> None:
    text = "Ann Lee, Host, Radio One: Hello.\n\nSecond paragraph.\nBob Roy: Hi.\nAnn Lee: Bye."
    ep = from_string(text).episode
    assert [(t.speaker, t.text) for t in ep.turns] == [
        ("Ann Lee", "Hello. Second paragraph."),
        ("Bob Roy", "Hi."),
        ("Ann Lee", "Bye."),
    ]
    assert ep.speaker("Ann Lee").role == "Host, Radio One"


@pytest.mark.parametrize(
    "line",
    [
        "Llama 2: Open Foundation and Fine-Tuned Chat Models",
        "Dive in: now we go.",
        "We have a question in the channel: what now?",
        "Obligatory: I am not a lawyer.",
        "We have one last question: what metric did they use?",
        "So they said: it works.",
        "Here’s the rule: publish first.",
        "Note: this is speech.",
        "At 10:30 we started.",
        "See https://example.com for more.",
    ],
)
def test_colons_in_sentences_are_not_speakers(line: str) -> None:
    text = f"Ann Lee: Hello there.\n\n{line}\n\nBob Roy: Yes."
    ep = from_string(text).episode
    assert [s.name for s in ep.speakers] == ["Ann Lee", "Bob Roy"]
    assert ep.turns[0].text == f"Hello there. {' '.join(line.split())}"


def test_single_word_labels_used_twice() -> None:
    ep = from_string("Michael: One.\n\nMichael: Two.\n\nObligatory: three.").episode
    assert [(t.speaker, t.text) for t in ep.turns] == [("Michael", "One."), ("Michael", "Two. Obligatory: three.")]


def test_single_word_label_with_role() -> None:
    ep = from_string("Cher, Singer: Hi.\nCher: Bye.").episode
    assert [(s.name, s.role) for s in ep.speakers] == [("Cher", "Singer")]
    assert len(ep.turns) == 2


def test_arabic_comma_between_name_and_role() -> None:
    # Arabic, Persian and Urdu write "Name، Role:" with the Arabic comma; with only the Latin
    # comma understood, an Arabic transcript was read as one unnamed speaker.
    text = ("حديقة المدينة\n\nسارة، مقدمة البرنامج: مرحبا بكم في حلقة جديدة.\n\n"
            "عمر، مزارع: شكرا يا سارة.\n\nسارة: وما الذي تزرعه هناك؟\n\nعمر: الطماطم.")
    t = from_string(text)
    assert [(s.name, s.role) for s in t.episode.speakers] == [("سارة", "مقدمة البرنامج"), ("عمر", "مزارع")]
    assert [turn.speaker for turn in t.episode.turns] == ["سارة", "عمر", "سارة", "عمر"]
    assert t.episode.metadata.title == "حديقة المدينة" and t.warnings == ()


def test_no_labels_is_one_unnamed_speaker_with_warning() -> None:
    t = from_string("Just some words. More words.\n\nA second paragraph.", path="mono.txt")
    assert [s.name for s in t.episode.speakers] == ["Speaker"]
    assert len(t.episode.turns) == 2
    assert len(t.warnings) == 1 and "no speaker labels" in t.warnings[0] and "mono.txt" in t.warnings[0]


def test_cp1252_file_warns(tmp_path: Path) -> None:
    p = tmp_path / "old.txt"
    p.write_bytes("Ann Lee: Caf\xe9 au lait. Na\xefve.\n".encode("latin-1"))
    t = load(p)
    assert [w.text for w in t.episode.words()] == ["Café", "au", "lait.", "Naïve."]
    assert any("cp1252" in w for w in t.warnings)


@pytest.mark.parametrize("title", ["Kitchen Talk, Episode 4: Cricket, rain and your questions",
                                   "शाम की बातें, एपिसोड 4: क्रिकेट, मानसून और आपके सवाल"])
def test_a_title_with_an_episode_number_is_not_a_speaker(title: str) -> None:
    text = f"{title}\n\nPriya Sharma, host: Hello and welcome.\n\nRahul Verma, co-host: Hello all!\n"
    assert [t.speaker for t in from_string(text).episode.turns] == ["Priya Sharma", "Rahul Verma"]


@pytest.mark.parametrize("title", ["Small Talk: Bees", "Deep Dive: Why cities need bees",
                                   "Tech Talk: The Future of Open Models"])
def test_show_name_and_sentence_case_title_is_not_a_speaker(title: str) -> None:
    # "Deep Dive: Why cities need bees" made a speaker "Deep Dive" who said the title and the
    # description, and the episode had no title.
    text = (f"{title}\n\nIn this episode we talk about bees and cities.\n\n"
            "Nadia Brooks, Host: Welcome to the show. Today we talk about bees.\n\n"
            "Owen Mercer, Beekeeper: Thanks for having me. Bees are great.\n\n"
            "Nadia Brooks: Why a roof?\n\nOwen Mercer: Because it is quiet up there.\n")
    t = from_string(text)
    assert t.episode.metadata.title == title
    assert [s.name for s in t.episode.speakers] == ["Nadia Brooks", "Owen Mercer"]
    assert t.episode.turns[0].text.startswith("Welcome")


def test_a_first_speaker_who_comes_back_is_still_a_speaker() -> None:
    t = from_string("Dana Whitfield: Hi everyone\n\nLuis Ortega: Hello.\n\nDana Whitfield: Let us start.\n")
    assert [turn.speaker for turn in t.episode.turns] == ["Dana Whitfield", "Luis Ortega", "Dana Whitfield"]


def test_a_one_word_label_used_once_is_read_as_words_with_a_warning_naming_the_line() -> None:
    # "Bob:" said once was silently Ann's words (the word "Bob" included), with no warning.
    t = from_string("Ann: Hello there.\n\nBob: Fine thanks.\n\nAnn: Good to hear.\n", path="t.txt")
    assert [(s.speaker, s.text) for s in t.episode.turns] == [("Ann", "Hello there. Bob: Fine thanks."),
                                                            ("Ann", "Good to hear.")]
    assert len(t.warnings) == 1 and t.warnings[0].startswith('t.txt:3: "Bob:" was read as words')
    # The warning's own advice makes Bob a speaker.
    fixed = from_string("Ann: Hello there.\n\nBob, Guest: Fine thanks.\n\nAnn: Good to hear.\n").episode
    assert [t.speaker for t in fixed.turns] == ["Ann", "Bob", "Ann"] and fixed.speaker("Bob").role == "Guest"


def test_no_labels_at_all_names_the_one_word_labels_it_read_as_words() -> None:
    t = from_string("Ann: Hello there.\n\nBob: Fine thanks.\n", path="t.txt")
    assert [s.name for s in t.episode.speakers] == ["Speaker"]
    assert "no speaker labels" in t.warnings[0]
    assert [w.split(" was ")[0] for w in t.warnings[1:]] == ['t.txt:1: "Ann:"', 't.txt:3: "Bob:"']


@pytest.mark.parametrize("text", ["Ann Lee: Hi.\nBob: said inside a paragraph, not opening one.",
                                  "Ann Lee: Hi.\n\nAt 10:30 we started.", "Ann Lee: Hi.\n\nSo they said: it works."])
def test_no_warning_for_colons_that_do_not_open_a_paragraph_with_a_one_word_name(text: str) -> None:
    assert from_string(text).warnings == ()


def test_the_sample_reads_without_warnings() -> None:
    assert load(ROOT / "samples" / "episode.txt").warnings == ()


def test_the_seed_and_the_bench_transcripts_read_without_warnings() -> None:
    paths = [need(SEED), *sorted(need(BENCH).glob("*/transcript.txt"))]
    assert [(p.parent.name, load(p).warnings) for p in paths if load(p).warnings] == []


@pytest.mark.parametrize("end", ["[laughs]", "(laughter)", "[MUSIC PLAYING] [applause]"])
def test_a_first_turn_ending_in_a_note_is_not_a_title(end: str) -> None:
    # The sentence end was looked for after the note, so the first speaker's turn, label and
    # all, became the episode's title.
    text = (f"Ann Lee: Welcome to the show. It ends here. {end}\n\nBob Stone: Thanks, Ann.\n\n"
            "Cara Diaz: Let us begin.\n")
    t = from_string(text)
    assert t.episode.metadata.title is None
    assert [turn.speaker for turn in t.episode.turns] == ["Ann Lee", "Bob Stone", "Cara Diaz"]
