"""Written transcript tokens to spoken words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.align.spoken import (
    NUMBER_VOCAB,
    is_number_word,
    number_words,
    ordinal_words,
    spoken_form,
    spoken_forms,
    year_words,
)

# A tiny stand-in for the pronouncing dictionary.
KNOWN = {"i'm", "nasa", "nasa's", "llama", "llama's", "we'll", "m's", "u's", "chat", "open", "hello", "node",
         "iphone", "fine", "tuned", "pre", "training", "and", "or", "it", "arize", "com", "blog"}


def is_word(word: str) -> bool:
    return word in KNOWN


CASES = {
    # required by the brief
    "7.61%": ("seven", "point", "six", "one", "percent"),
    "GPT-4": ("g", "p", "t", "four"),
    "RLHF": ("r", "l", "h", "f"),
    "PII": ("p", "i", "i"),
    "OSS": ("o", "s", "s"),
    "70B": ("seventy", "b"),
    "We’ll": ("we'll",),
    "it–Llama": ("it", "llama"),
    "2023": ("twenty", "twenty", "three"),
    "1st": ("first",),
    "$12": ("twelve", "dollars"),
    "3:30": ("three", "thirty"),
    "2019-2023": ("twenty", "nineteen", "to", "twenty", "twenty", "three"),
    "fine-tuned": ("fine", "tuned"),
    "&": ("and",),
    # punctuation and apostrophes
    "“Hello,”": ("hello",),
    "(hello)": ("hello",),
    "‘hello’": ("hello",),
    "hello?!": ("hello",),
    "hello…": ("hello",),
    "Llama’s": ("llama's",),
    "I’M": ("i'm",),
    "—": (),
    "...": (),
    "😀": (),
    # acronyms
    "LLM": ("l", "l", "m"),
    "CTO": ("c", "t", "o"),
    "AI": ("a", "i"),
    "NASA": ("nasa",),
    "NASA's": ("nasa's",),
    "LLM’s": ("l", "l", "m's"),
    "GPUs": ("g", "p", "u's"),
    "U.S.": ("u", "s"),
    "OpenAI": ("open", "a", "i"),
    "ChatGPT": ("chat", "g", "p", "t"),
    "rlhf": ("r", "l", "h", "f"),
    # compounds and slashes
    "pre-training": ("pre", "training"),
    "2-Chat": ("two", "chat"),
    "and/or": ("and", "or"),
    "7-70": ("seven", "to", "seventy"),
    "2019–2023": ("twenty", "nineteen", "to", "twenty", "twenty", "three"),
    "7B-70B": ("seven", "b", "to", "seventy", "b"),
    "Llama-2-70B": ("llama", "two", "seventy", "b"),
    # numbers
    "70": ("seventy",),
    "1,000": ("one", "thousand"),
    "7.61": ("seven", "point", "six", "one"),
    "0.5": ("zero", "point", "five"),
    ".5": ("point", "five"),
    "007": ("zero", "zero", "seven"),
    "-5": ("minus", "five"),
    "50%": ("fifty", "percent"),
    "½": ("one", "half"),
    "3⁄4": ("three", "quarters"),
    # years and decades
    "1998": ("nineteen", "ninety", "eight"),
    "2005": ("two", "thousand", "five"),
    "2010": ("twenty", "ten"),
    "1905": ("nineteen", "oh", "five"),
    "1990s": ("nineteen", "nineties"),
    "80s": ("eighties",),
    "'90s": ("nineties",),
    "2023's": ("twenty", "twenty", "three's"),
    # ordinals
    "2nd": ("second",),
    "3rd": ("third",),
    "21st": ("twenty", "first"),
    "100th": ("one", "hundredth"),
    # currency
    "$1": ("one", "dollar"),
    "$3.50": ("three", "dollars", "fifty"),
    "$0.99": ("ninety", "nine", "cents"),
    "$2M": ("two", "million", "dollars"),
    "$2.5B": ("two", "point", "five", "billion", "dollars"),
    "£5": ("five", "pounds"),
    "€20": ("twenty", "euros"),
    # times
    "10:00": ("ten", "o'clock"),
    "3:05": ("three", "oh", "five"),
    "3pm": ("three", "p", "m"),
    "10:30am": ("ten", "thirty", "a", "m"),
    # units and model sizes
    "7B": ("seven", "b"),
    "34B": ("thirty", "four", "b"),
    "4K": ("four", "k"),
    "2x": ("two", "x"),
    "16kHz": ("sixteen", "kilohertz"),
    # symbols
    "+": ("plus",),
    "%": ("percent",),
    "@": ("at",),
    "=": ("equals",),
    "#1": ("number", "one"),
    "#AI": ("hashtag", "a", "i"),
    "C++": ("c", "plus", "plus"),
    "AT&T": ("a", "t", "and", "t"),
    # letters and digits
    "MP3": ("m", "p", "three"),
    "GPT4": ("g", "p", "t", "four"),
    "L2": ("l", "two"),
    "GPT-3.5": ("g", "p", "t", "three", "point", "five"),
    # addresses
    "arize.com": ("arize", "dot", "com"),
    "https://arize.com/blog": ("arize", "dot", "com", "slash", "blog"),
    "hello@arize.com": ("hello", "at", "arize", "dot", "com"),
    "Node.js": ("node", "dot", "j", "s"),
    # unicode
    "café": ("cafe",),
    "ＧＰＴ": ("g", "p", "t"),
}


@pytest.mark.parametrize(("token", "expected"), CASES.items(), ids=list(CASES))
def test_spoken_form(token: str, expected: tuple[str, ...]) -> None:
    assert spoken_form(token, is_word) == expected


def test_default_is_word_reads_pronounceable_capitals_as_words() -> None:
    assert spoken_form("NASA") == ("nasa",)
    assert spoken_form("RLHF") == ("r", "l", "h", "f")  # no vowel: always spelled


def test_spoken_form_splits_on_whitespace_with_context() -> None:
    assert spoken_form("$ 5 million") == ("five", "million", "dollars")


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["$", "5"], [(), ("five", "dollars")]),
        (["$2", "million"], [("two",), ("million", "dollars")]),
        (["$", "2", "billion"], [(), ("two",), ("billion", "dollars")]),
        (["from", "7", "to", "70"], [("from",), ("seven",), ("to",), ("seventy",)]),
        (["in", "1998"], [("in",), ("nineteen", "ninety", "eight")]),
        (["1500", "people"], [("one", "thousand", "five", "hundred"), ("people",)]),
        (["2000", "%"], [("two", "thousand"), ("percent",)]),
        (["at", "3", "pm"], [("at",), ("three",), ("p", "m")]),
        (["I", "am"], [("i",), ("am",)]),
        (["3", "x", "4"], [("three",), ("times",), ("four",)]),
        (["No.", "5"], [("number",), ("five",)]),
        (["Llama", "2-Chat"], [("llama",), ("two", "chat")]),
    ],
)
def test_spoken_forms_context(tokens: list[str], expected: list[tuple[str, ...]]) -> None:
    assert spoken_forms(tokens, is_word) == expected


def test_year_and_ordinal_words() -> None:
    assert year_words(1900) == ["nineteen", "hundred"]
    assert year_words(2000) == ["two", "thousand"]
    assert ordinal_words(12) == ["twelfth"]
    assert ordinal_words(40) == ["fortieth"]
    assert is_number_word("seventy") and not is_number_word("llama")


_UNITS = {w: i for i, w in enumerate(number_words(i)[0] for i in range(20))}
_TENS = {number_words(10 * i)[0]: 10 * i for i in range(2, 10)}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def parse_number(words: list[str]) -> int:
    """The inverse of number_words."""
    total = current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current *= 100
        else:
            total += current * _SCALES[word]
            current = 0
    return total + current


@given(st.integers(min_value=0, max_value=10**9))
def test_number_words_round_trip(n: int) -> None:
    words = number_words(n)
    assert words and set(words) <= NUMBER_VOCAB
    assert parse_number(words) == n


WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
TRICKY = st.text(alphabet=st.sampled_from(list("0123456789$£%.,:-–/+#@&'’“”()aAbBkKmMsSxX½⁄−_ ")), max_size=14)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), TRICKY))
def test_spoken_form_never_raises_and_gives_clean_words(text: str) -> None:
    for words in (spoken_form(text), spoken_form(text, is_word)):
        assert all(WORD.fullmatch(w) for w in words), words


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=8), TRICKY), max_size=6))
def test_spoken_forms_one_form_per_token(tokens: list[str]) -> None:
    forms = spoken_forms(tokens, is_word)
    assert len(forms) == len(tokens)
    assert all(WORD.fullmatch(w) for form in forms for w in form)
