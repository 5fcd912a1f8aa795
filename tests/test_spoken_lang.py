"""Spoken forms in languages other than English (num2words plus the language's written shapes)."""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from audiokit.align import spoken_lang
from audiokit.align.spoken import spoken_forms
from audiokit.align.spoken_lang import PERCENT, number_in, spoken_forms_in
from audiokit.text.letters import LETTER

LANGUAGES = ("it", "cs", "de", "es", "fr", "pt", "pl", "nl", "fi", "ru")
# How each language groups thousands when it writes them (a dot, or a no-break space).
GROUPING = {"it": ".", "de": ".", "es": ".", "pt": ".", "nl": ".", "cs": "\u00a0", "fr": "\u00a0",
            "pl": "\u00a0", "fi": "\u00a0", "ru": "\u00a0"}
# A spoken word: letters of any script with their combining marks (Arabic "ألفاً" ends in a
# tanween, which ``\w`` leaves out), or digits eSpeak NG reads itself.
WORD = re.compile(rf"{LETTER}+(?:'{LETTER}+)*|[0-9]+")


def test_doctests() -> None:
    assert doctest.testmod(spoken_lang).failed == 0


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s,-]+", text.lower()) if w)


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(LANGUAGES), st.integers(min_value=0, max_value=10**9))
def test_written_numbers_round_trip(language: str, n: int) -> None:
    """A number written the language's way (grouped thousands) reads as the words num2words
    gives for its value, so the written form and its value agree both ways."""
    expected = _words(num2words(n, lang=language))
    assert number_in(_grouped(n, GROUPING[language]), language) == expected
    year = _words(num2words(n, lang=language, to="year")) if 1100 <= n <= 2099 else expected
    assert spoken_forms_in([str(n)], language) == [year]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(LANGUAGES), st.integers(min_value=0, max_value=9999), st.integers(min_value=1, max_value=99))
def test_decimal_comma_round_trip(language: str, whole: int, frac: int) -> None:
    """``12,34``: the whole part, the decimal word, then the fractional part as a number."""
    said = number_in(f"{whole},{frac}", language)
    assert said is not None
    head = _words(num2words(whole, lang=language))
    tail = _words(num2words(frac, lang=language))
    assert said[: len(head)] == head and said[-len(tail):] == tail
    assert len(said) == len(head) + len(tail) + 1  # one decimal word between


@pytest.mark.parametrize("language", LANGUAGES)
def test_percent_in_language(language: str) -> None:
    forms = spoken_forms_in(["20%", "20", "%"], language)
    twenty = _words(num2words(20, lang=language))
    assert forms[0] == twenty + PERCENT[language]
    assert forms[1] == twenty and forms[2] == PERCENT[language]


@pytest.mark.parametrize(
    ("language", "tokens", "expected"),
    [
        ("it", ["costava", "1,20", "euro"], [("costava",), ("uno", "virgola", "venti"), ("euro",)]),
        ("it", ["fino", "al", "2019,"], [("fino",), ("al",), ("duemiladiciannove",)]),
        ("it", ["il", "1º", "maggio"], [("il",), ("primo",), ("maggio",)]),
        ("it", ["ecc."], [("eccetera",)]),
        ("it", ["dell'ISTAT"], [("dell'istat",)]),
        ("cs", ["600", "Kč"], [("šestset",), ("korun",)]),
        ("cs", ["např.", "DPH"], [("například",), ("d", "p", "h")]),
        ("de", ["am", "3.", "Oktober"], [("am",), ("dritte",), ("oktober",)]),
        ("de", ["es", "kostet", "3."], [("es",), ("kostet",), ("drei",)]),  # a sentence end, not an ordinal
        # A year ending its sentence before a capitalised word is not an ordinal; "im 21. Jahrhundert" is.
        ("de", ["Januar", "2023.", "Mein"], [("januar",), ("zweitausenddreiundzwanzig",), ("mein",)]),
        ("de", ["im", "21.", "Jahrhundert"], [("im",), ("einundzwanzigste",), ("jahrhundert",)]),
        ("de", ["z.B.", "1.500", "Euro"], [("zum", "beispiel"), ("eintausendfünfhundert",), ("euro",)]),
        ("fr", ["le", "1er", "mai", "M.", "Dupont"], [("le",), ("premier",), ("mai",), ("monsieur",), ("dupont",)]),
        ("es", ["€", "5"], [(), ("cinco", "euro")]),
        ("pl", ["np.", "100", "zł"], [("na", "przykład"), ("sto",), ("złotych",)]),
        ("ru", ["в", "2019", "году"], [("в",), ("две", "тысячи", "девятнадцать"), ("году",)]),
        ("fi", ["esim.", "-5"], [("esimerkiksi",), ("miinus", "viisi")]),
        ("nl", ["GPT-4"], [("g", "p", "t", "vier")]),
        ("it", ["—", "10:30"], [(), ("dieci", "trenta")]),
        # Arabic-Indic digits are digits; the Arabic percent sign, decimal separator, abbreviations.
        ("ar", ["قبل", "٣", "سنوات"], [("قبل",), ("ثلاثة",), ("سنوات",)]),
        ("ar", ["٣٠٪"], [("ثلاثون", "بالمئة")]),
        ("ar", ["30%", "د.", "سلمى"], [("ثلاثون", "بالمئة"), ("دكتور",), ("سلمى",)]),
        ("ar", ["١٫٥", "مليون"], [("واحد", "فاصلة", "خمسة"), ("مليون",)]),
        ("fa", ["۱۵"], [("پانزده",)]),
    ],
)
def test_cases(language: str, tokens: list[str], expected: list[tuple[str, ...]]) -> None:
    assert spoken_forms_in(tokens, language) == expected


def test_language_without_num2words_leaves_digits_for_espeak() -> None:
    assert spoken_forms_in(["2019", "20%"], "el") == [("2019",), ("20", "τοις", "εκατό")]


def test_telugu_numbers_are_read_by_espeak_not_num2words() -> None:
    """num2words' Telugu says 150 as "one hundreds fifty"; eSpeak NG reads the digits right."""
    assert spoken_forms_in(["150", "2019", "20%"], "te") == [("150",), ("2019",), ("20", "శాతం")]


def test_english_path_unchanged() -> None:
    tokens = ["$", "2", "million", "in", "1998", "7.61%"]
    assert spoken_forms(tokens) == spoken_forms(tokens, language="en")
    assert spoken_forms(tokens)[4] == ("nineteen", "ninety", "eight")
    assert spoken_forms(["1998"], language="it") == [("millenovecentonovantotto",)]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from((*LANGUAGES, "el", "sv", "ar")),
       st.lists(st.text(alphabet="0123456789.,%€$:-–/ºaAbBčŘé'’ ٣٠٪٫٬۵سل", max_size=10), max_size=6))
def test_never_raises_and_one_clean_form_per_token(language: str, tokens: list[str]) -> None:
    forms = spoken_forms_in(tokens, language)
    assert len(forms) == len(tokens)
    assert all(WORD.fullmatch(w) and w == w.lower() for form in forms for w in form)
