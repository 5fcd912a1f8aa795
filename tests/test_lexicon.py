"""Pronunciations from the CMU dictionary and guessed ones for unknown words."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from audiokit.align import lexicon as lexicon_module
from audiokit.align.lexicon import (
    PHONES,
    Lexicon,
    guess_pronunciations,
    ipa_to_phones,
    letters_to_phones,
    split_batch,
)

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")

NAMES = ["dhinakaran", "arize", "aparna", "okonkwo", "rlhf", "huggingface"]
COMMON = [  # 50 of the most frequent English words
    "the", "of", "and", "to", "in", "is", "you", "that", "it", "he", "was", "for", "on", "are", "as",
    "with", "his", "they", "at", "be", "this", "have", "from", "or", "one", "had", "by", "word", "but",
    "not", "what", "all", "were", "we", "when", "your", "can", "said", "there", "use", "an", "each",
    "which", "she", "do", "how", "their", "if", "will", "about",
]


def phone_error_rate(guesses: dict[str, tuple[str, ...]], lexicon: Lexicon) -> float:
    """Edit distance to the closest dictionary variant, over the length of that variant."""
    errors = length = 0
    for word, guess in guesses.items():
        distance, ref_len = min((_edit_distance(guess, ref), len(ref)) for ref in lexicon.pronunciations(word))
        errors += distance
        length += ref_len
    return errors / length


def _edit_distance(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[:], i
        for j, y in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x != y))
    return row[-1]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def test_load_is_cached_and_complete(lexicon: Lexicon) -> None:
    assert Lexicon.load().entries is lexicon.entries
    assert len(lexicon.entries) > 120_000
    assert "hello" in lexicon and "HELLO" in lexicon and "dhinakaran" not in lexicon
    assert lexicon.pronunciations("llama") == (("L", "AA", "M", "AH"),)
    assert lexicon.pronunciations("dhinakaran") == ()


def test_variants(lexicon: Lexicon) -> None:
    assert lexicon.pronunciations("read") == (("R", "EH", "D"), ("R", "IY", "D"))
    assert "read(2)" not in lexicon.entries


def test_dictionary_phones_are_the_sphinx_set(lexicon: Lexicon) -> None:
    used = {p for prons in lexicon.entries.values() for pron in prons for p in pron}
    assert used == PHONES
    # The acoustic model's binary mdef lists its context-independent phones, NUL-terminated.
    mdef = lexicon_module.default_dict_path().parent / "en-us" / "mdef"
    data = mdef.read_bytes()
    start = data.index(b"+NSN+")
    ci_phones = set(data[start : data.index(b"ZH\0", start) + 2].decode().split("\0"))
    assert ci_phones - {"+NSN+", "+SPN+", "SIL"} == PHONES


def test_load_other_path(tmp_path: Path) -> None:
    path = tmp_path / "tiny.dict"
    path.write_text("hello HH AH L OW\nhello(2) HH EH L OW\n\nworld W ER L D\n")
    tiny = Lexicon.load(path)
    assert tiny.pronunciations("hello") == (("HH", "AH", "L", "OW"), ("HH", "EH", "L", "OW"))
    assert "llama" not in tiny


def test_dict_lines_format(lexicon: Lexicon) -> None:
    assert lexicon.dict_lines(["read", "Llama", "read"]) == [
        "read R EH D",
        "read(2) R IY D",
        "llama L AA M AH",
    ]
    with pytest.raises(KeyError):
        lexicon.dict_lines(["dhinakaran"])


def test_with_guesses_is_a_new_lexicon(lexicon: Lexicon) -> None:
    guessed = lexicon.with_guesses(["Dhinakaran", "hello", "Arize"])
    assert "dhinakaran" in guessed and "dhinakaran" not in lexicon
    assert guessed.is_guessed("arize") and not guessed.is_guessed("hello")
    assert guessed.pronunciations("hello") == lexicon.pronunciations("hello")
    assert guessed.entries is lexicon.entries
    assert set(guessed.guesses) == {"dhinakaran", "arize"}
    assert lexicon.with_guesses(["hello"]) is lexicon
    line, = guessed.dict_lines(["dhinakaran"])
    word, *phones = line.split()
    assert word == "dhinakaran" and phones and set(phones) <= PHONES


def test_split_batch_normal_and_odd_output() -> None:
    normal = "sep\nwʌn\nsep\ntˈuː\nsep\n"
    assert split_batch(normal, 2) == ["wʌn", "tˈuː"]
    joined = "sep wʌn sˈep\ntˈuː sep\n"
    assert split_batch(joined, 2) == ["wʌn", "tˈuː"]
    spaced = "sep\nw ʌn\nsep\nt ˈuː\n\nsep\n"
    assert split_batch(spaced, 2) == ["wʌn", "tˈuː"]
    assert split_batch("sep\nwʌn\nsep\n", 2) is None
    assert split_batch("", 1) is None


def test_ipa_mapping() -> None:
    assert ipa_to_phones("dˈɪnɐkˌæɹən") == ("D", "IH", "N", "AH", "K", "AE", "R", "AH", "N")
    assert ipa_to_phones("bˈɜːd") == ("B", "ER", "D")
    assert ipa_to_phones("slˈeɪvɚɹi") == ("S", "L", "EY", "V", "ER", "IY")
    assert ipa_to_phones("fˈaɪɚ") == ("F", "AY", "ER")
    assert ipa_to_phones("t͡ʃˈɜːt͡ʃ") == ("CH", "ER", "CH")
    assert ipa_to_phones("ʌʔoʊ") == ("AH", "OW")
    assert ipa_to_phones("lˈæɾɚ", "ladder") == ("L", "AE", "D", "ER")


@pytest.mark.parametrize("word", ["dhinakaran", "arize", "schiff", "x", "", "'", "queue", "rhythm", "zzz"])
def test_letter_fallback_is_never_empty(word: str) -> None:
    phones = letters_to_phones(word)
    assert phones and set(phones) <= PHONES


def test_guesses_without_espeak(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module.shutil, "which", lambda name: None)
    guesses = guess_pronunciations([*NAMES, "", "O'Neil"])
    assert set(guesses) == {*NAMES, "", "O'Neil"}
    assert all(p and set(p) <= PHONES for p in guesses.values())


@needs_espeak
def test_guesses_for_names() -> None:
    guesses = guess_pronunciations([*NAMES, "Schiff", "Llama"])
    assert all(p and set(p) <= PHONES for p in guesses.values())
    assert guesses["dhinakaran"] == ("D", "IH", "N", "AH", "K", "AE", "R", "AH", "N")
    assert guesses["arize"][-3:] == ("R", "AY", "Z")
    assert guesses["aparna"] == ("AH", "P", "AA", "R", "N", "AH")
    assert guesses["Schiff"][-2:] == ("IH", "F")
    assert guesses["Llama"] == ("L", "AA", "M", "AH")
    assert guesses["okonkwo"][-2:] == ("W", "OW")


@needs_espeak
def test_espeak_batch_keeps_words_apart() -> None:
    words = ["separator", "mr", "dr", "etc", "a", "the", "of"] * 2 + ["zyxwv"]
    guesses = guess_pronunciations(words)
    assert guesses["separator"][:3] == ("S", "EH", "P")
    assert guesses["of"] == ("AH", "V")
    assert guesses["a"] in {("EY",), ("AH",)}


@needs_espeak
def test_phone_error_rate_common_words(lexicon: Lexicon) -> None:
    assert phone_error_rate(guess_pronunciations(COMMON), lexicon) < 0.25


@needs_espeak
def test_phone_error_rate_random_dictionary_words(lexicon: Lexicon) -> None:
    words = sorted(w for w in lexicon.entries if w.isalpha())
    sample = random.Random(0).sample(words, 300)
    assert phone_error_rate(guess_pronunciations(sample), lexicon) < 0.15
