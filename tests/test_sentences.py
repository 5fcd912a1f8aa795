"""The rule-based sentence splitter."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audiokit.text import sentences
from audiokit.text.sentences import sentence_texts, split_sentences


def test_doctests() -> None:
    assert doctest.testmod(sentences).failed == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello there. How are you? Fine!", ["Hello there.", "How are you?", "Fine!"]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("We compare e.g. GPT-4 vs. Llama, i.e. two models. Done.", ["We compare e.g. GPT-4 vs. Llama, i.e. two models.", "Done."]),
        ("Version 3.5 beat v1.2. Then 7.61% more.", ["Version 3.5 beat v1.2.", "Then 7.61% more."]),
        ("He said “stop.” Then he left.", ["He said “stop.”", "Then he left."]),
        ("(It was late.) We went home.", ["(It was late.)", "We went home."]),
        ("She wrote: 'Is it done?' Nobody answered.", ["She wrote: 'Is it done?'", "Nobody answered."]),
        ("J. R. R. Tolkien wrote it. Fine.", ["J. R. R. Tolkien wrote it.", "Fine."]),
        ("In the U.S. we drive. The U.S. The end.", ["In the U.S. we drive.", "The U.S.", "The end."]),
        ("Apples etc. are fine. Pears etc. Good.", ["Apples etc. are fine.", "Pears etc.", "Good."]),
        ("In terms of… And so on... and on. Next.", ["In terms of… And so on... and on.", "Next."]),
        ("it was. but pretty good. OK", ["it was. but pretty good.", "OK"]),
        ("It’s like–Llama 2. We’ll see", ["It’s like–Llama 2.", "We’ll see"]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ("no punctuation at all", ["no punctuation at all"]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentence_texts(text) == expected


def test_empty() -> None:
    assert split_sentences([]) == []


@given(st.lists(st.text(alphabet="abcAB.?!…”) ", min_size=1, max_size=6).map(str.strip).filter(bool), max_size=40))
def test_spans_cover_tokens_in_order(tokens: list[str]) -> None:
    tokens = [t for tok in tokens for t in tok.split()]
    spans = split_sentences(tokens)
    assert [i for a, b in spans for i in range(a, b)] == list(range(len(tokens)))
    assert all(a < b for a, b in spans)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("आपका स्वागत है। मैं हूँ प्रिया।", "hi", ["आपका स्वागत है।", "मैं हूँ प्रिया।"]),
        ("పాడ్కాస్ట్ కు స్వాగతం. నేను లక్ష్మి.", "te", ["పాడ్కాస్ట్ కు స్వాగతం.", "నేను లక్ష్మి."]),
        ("Добрый вечер. и всё", "ru", ["Добрый вечер. и всё"]),
    ],
)
def test_danda_and_scripts_without_case(text: str, language: str, expected: list[str]) -> None:
    tokens = text.split()
    assert [" ".join(tokens[a:b]) for a, b in split_sentences(tokens, language)] == expected
