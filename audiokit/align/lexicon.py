"""Pronunciations: the CMU dictionary shipped in pocketsphinx's wheel, plus guesses for the rest.

pocketsphinx can only align words its dictionary knows. :class:`Lexicon` reads the 135k-word
CMU dictionary once (cached), and :meth:`Lexicon.with_guesses` adds pronunciations for names
and jargon it lacks. Guesses come from espeak-ng's IPA output mapped onto the 39 CMU phones
(one espeak-ng process per batch); without espeak-ng, a crude letter-to-sound table still gives
every word some pronunciation, so an unknown word never stops an alignment.

>>> lexicon = Lexicon.load()
>>> lexicon.pronunciations("read")
(('R', 'EH', 'D'), ('R', 'IY', 'D'))
>>> "read" in lexicon, "dhinakaran" in lexicon
(True, False)
>>> lexicon.dict_lines(["read", "a"])
['read R EH D', 'read(2) R IY D', 'a AH', 'a(2) EY']
>>> ipa_to_phones("ɐpˈɑːɹnə")
('AH', 'P', 'AA', 'R', 'N', 'AH')
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

Pronunciation = tuple[str, ...]

PHONES = frozenset((
    "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH",
    "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V",
    "W", "Y", "Z", "ZH",
))
VOWELS = frozenset(("AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"))

# espeak-ng's IPA for en-us, longest match first. Stress and length marks, tie bars and the
# glottal stop are dropped before matching; r-coloured vowels become ER or a vowel plus R.
_IPA: dict[str, str] = {
    "aɪɚ": "AY ER", "aʊɚ": "AW ER", "aɪə": "AY AH", "aʊə": "AW AH", "iəɹ": "IH R", "ɪəɹ": "IH R",
    "ɑːɹ": "AA R", "ɔːɹ": "AO R", "oːɹ": "AO R", "ɔɹ": "AO R", "oɹ": "AO R", "ɛɹ": "EH R", "eɹ": "EH R",
    "ɛə": "EH R", "eə": "EH R", "ɪɹ": "IH R", "iɹ": "IH R", "ɪə": "IH R", "ʊɹ": "UH R", "ʊə": "UH R",
    "iə": "IY AH", "aɪ": "AY", "aʊ": "AW", "eɪ": "EY", "oʊ": "OW", "əʊ": "OW", "ɔɪ": "OY",
    "tʃ": "CH", "dʒ": "JH", "ɜː": "ER", "ɜ": "ER", "ɚ": "ER", "ɝ": "ER", "iː": "IY", "i": "IY",
    "uː": "UW", "u": "UW", "ʉ": "UW", "ʊ": "UH", "ɪ": "IH", "ᵻ": "IH", "ɨ": "IH", "ɛ": "EH", "e": "EH",
    "æ": "AE", "ʌ": "AH", "ə": "AH", "ɐ": "AH", "ɑː": "AA", "ɑ": "AA", "ɒ": "AA", "a": "AA",
    "ɔː": "AO", "ɔ": "AO", "oː": "OW", "o": "OW", "y": "UW", "ø": "ER", "œ": "ER",
    "p": "P", "b": "B", "t": "T", "d": "D", "k": "K", "ɡ": "G", "g": "G", "q": "K", "c": "K",
    "f": "F", "v": "V", "θ": "TH", "ð": "DH", "s": "S", "z": "Z", "ʃ": "SH", "ʒ": "ZH", "h": "HH",
    "x": "K", "χ": "K", "ç": "HH", "ɣ": "G", "β": "V", "ɸ": "F", "m": "M", "n": "N", "ŋ": "NG",
    "ɲ": "N Y", "l": "L", "ɫ": "L", "ɬ": "L", "ʎ": "L Y", "ɹ": "R", "r": "R", "ʁ": "R", "ɻ": "R",
    "w": "W", "ʍ": "W", "j": "Y", "ɾ": "T",
}
_IPA_KEYS = sorted(_IPA, key=len, reverse=True)
EN_US_IPA: Mapping[str, str] = MappingProxyType(_IPA)  # the table above, for other tables to build on
_IPA_DROP = re.compile(r"[ˈˌːˑ\s\u0361\u035c‿ʔ|_.\-]")

# Fallback spelling-to-sound rules, longest match first: crude, but only valid phones.
_LETTERS: dict[str, str] = {
    "tion": "SH AH N", "sion": "ZH AH N", "ough": "AO", "augh": "AO", "igh": "AY", "tch": "CH",
    "sch": "SH", "ch": "CH", "sh": "SH", "th": "TH", "ph": "F", "wh": "W", "dh": "D", "ng": "NG", "ck": "K",
    "qu": "K W", "kn": "N", "wr": "R", "gh": "G", "dg": "JH", "ee": "IY", "ea": "IY", "oo": "UW",
    "ou": "AW", "ow": "OW", "oa": "OW", "oi": "OY", "oy": "OY", "ai": "EY", "ay": "EY", "au": "AO",
    "aw": "AO", "ie": "IY", "ei": "EY", "ey": "EY", "ew": "UW", "er": "ER", "ir": "ER", "ur": "ER",
    "ar": "AA R", "or": "AO R", "a": "AE", "b": "B", "c": "K", "d": "D", "e": "EH", "f": "F", "g": "G",
    "h": "HH", "i": "IH", "j": "JH", "k": "K", "l": "L", "m": "M", "n": "N", "o": "AA", "p": "P",
    "q": "K", "r": "R", "s": "S", "t": "T", "u": "AH", "v": "V", "w": "W", "x": "K S", "y": "Y", "z": "Z",
}
_LETTER_KEYS = sorted(_LETTERS, key=len, reverse=True)

# A line between words in the espeak-ng batch, so that its output can be split back per word
# even when espeak-ng joins or splits lines.
_SEPARATOR = "separator"
_VARIANT = re.compile(r"\(\d+\)$")


def default_dict_path() -> Path:
    """The CMU dictionary in pocketsphinx's wheel."""
    import pocketsphinx

    return Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"


@functools.lru_cache(maxsize=4)
def _read_dict(path: Path) -> Mapping[str, tuple[Pronunciation, ...]]:
    # Half the CPU of a plain line loop (0.43 -> 0.21 s for the 135k lines, on every align):
    # the file read at once, and the comment split and variant regex only where they apply.
    entries: dict[str, tuple[Pronunciation, ...]] = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if "#" in line:
            line = line.split("#", 1)[0]
        parts = line.split()
        if len(parts) > 1:
            word = parts[0] if parts[0][-1] != ")" else _VARIANT.sub("", parts[0])
            entries[word] = (*entries.get(word, ()), tuple(parts[1:]))
    return MappingProxyType(entries)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The CMU dictionary shipped in pocketsphinx's wheel, plus pronunciations guessed for unknown words.

    Words are looked up lowercase. ``entries`` holds every variant of a dictionary word
    (``read`` and ``read(2)``); ``guesses`` holds one guessed pronunciation per word the
    dictionary lacks. In another language than English there is no dictionary: eSpeak NG's
    pronunciations go into ``entries``, with their variants, and ``guesses`` stays empty.
    "Adding" guesses returns a new :class:`Lexicon` sharing the dictionary.
    """

    entries: Mapping[str, tuple[Pronunciation, ...]] = field(repr=False)
    guesses: Mapping[str, Pronunciation] = field(default_factory=lambda: MappingProxyType({}))
    language: str = "en"  # the language guesses are made in (ISO 639-1)

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        """The dictionary at ``path`` (default: pocketsphinx's), parsed once per process."""
        return cls(_read_dict(Path(path or default_dict_path()).resolve()))

    @classmethod
    def for_language(cls, language: str) -> Lexicon:
        """The English dictionary for ``"en"``; for another language an empty lexicon whose
        pronunciations come from eSpeak NG in that language (:mod:`audiokit.align.phonemap`).

        >>> Lexicon.for_language("it").with_guesses(["caffè"]).pronunciations("caffè")
        (('K', 'AA', 'F', 'EH'),)
        """
        return cls.load() if language == "en" else cls(MappingProxyType({}), language=language)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word.lower() in self.entries or word.lower() in self.guesses)

    def pronunciations(self, word: str) -> tuple[Pronunciation, ...]:
        """Every pronunciation of ``word``, dictionary variants in order; ``()`` when unknown."""
        low = word.lower()
        if low in self.entries:
            return self.entries[low]
        return (self.guesses[low],) if low in self.guesses else ()

    def is_guessed(self, word: str) -> bool:
        """True when the word's pronunciation is a guess, not from the dictionary."""
        return word.lower() not in self.entries and word.lower() in self.guesses

    def with_guesses(self, words: Iterable[str]) -> Lexicon:
        """A new lexicon that also knows the words here missing from it (one espeak-ng run)."""
        missing = [w for w in dict.fromkeys(w.lower() for w in words) if w and w not in self]
        if not missing:
            return self
        if self.language != "en":
            from audiokit.align.phonemap import pronounce  # phonemap builds on this module

            # Words eSpeak NG cannot say stay missing: they have no pronunciation. A language's
            # variants (phonemap.variants) go in as dictionary variants, word(2).
            return replace(self, entries=MappingProxyType({**self.entries, **pronounce(missing, self.language)}))
        return replace(self, guesses=MappingProxyType({**self.guesses, **guess_pronunciations(missing)}))

    def dict_lines(self, words: Iterable[str]) -> list[str]:
        """Sphinx dictionary lines (``word PH1 PH2``, variants as ``word(2)``) for exactly these words.

        Raises :class:`KeyError` for a word without a pronunciation (see :meth:`with_guesses`).
        """
        lines = []
        for word in dict.fromkeys(w.lower() for w in words):
            if not word or any(c.isspace() for c in word):
                raise ValueError(f"not a dictionary word: {word!r}")
            prons = self.pronunciations(word)
            if not prons:
                raise KeyError(f"no pronunciation for {word!r}; add it with Lexicon.with_guesses")
            lines += [f"{word if i == 0 else f'{word}({i + 1})'} {' '.join(p)}" for i, p in enumerate(prons)]
        return lines


def guess_pronunciations(words: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """CMU/sphinx phones (no stress digits) for words, from espeak-ng, ONE espeak-ng process for the whole batch.

    Every word gets a non-empty pronunciation: when espeak-ng is missing or fails, or says
    nothing for a word, the letter-to-sound fallback answers instead. Keys are the words as given.
    """
    unique = list(dict.fromkeys(words))
    sayable = {w: re.sub(r"[^a-z']", "", w.lower()).strip("'") for w in unique}
    ipa = espeak_ipa([s for s in dict.fromkeys(sayable.values()) if s])
    guesses = {}
    for word in unique:
        text = sayable[word]
        phones = ipa_to_phones(ipa[text], text) if text in ipa else ()
        guesses[word] = phones or letters_to_phones(text)
    return guesses


def espeak_ipa(texts: list[str], voice: str = "en-us") -> dict[str, str]:
    """espeak-ng's IPA for each text read by ``voice``, or ``{}`` when espeak-ng is
    unavailable or misbehaves."""
    exe = shutil.which("espeak-ng")
    if not texts or exe is None:
        return {}
    script = "".join(f"{_SEPARATOR}.\n{text}.\n" for text in texts) + f"{_SEPARATOR}.\n"
    try:
        done = subprocess.run(
            [exe, "-q", "-v", voice, "--ipa"], input=script.encode(), capture_output=True,
            timeout=30 + len(texts) / 20, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    parts = split_batch(done.stdout.decode("utf-8", "replace"), len(texts)) if done.returncode == 0 else None
    return dict(zip(texts, parts)) if parts is not None else {}


def split_batch(output: str, count: int) -> list[str] | None:
    """Split espeak-ng's output for ``separator, w1, separator, ..., wN, separator`` into N parts.

    Normally each input line gives one output line. If espeak-ng joined or split lines, the
    separator's phonemes (the most frequent token, ignoring stress) are found among the output's
    tokens instead. ``None`` when the output cannot be split into exactly ``count`` parts.

    >>> split_batch("sep\\nwʌn\\nsep\\ntˈuː\\nsep\\n", 2)
    ['wʌn', 'tˈuː']
    >>> split_batch("sep wʌn\\nsˈep tˈu ː sep\\n", 2)
    ['wʌn', 'tˈuː']
    """
    lines = [line.strip() for line in output.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    if len(lines) == 2 * count + 1 and len(set(lines[0::2])) == 1:
        return lines[1::2]
    tokens = output.split()
    if not tokens:
        return None
    marker = Counter(_unstressed(t) for t in tokens).most_common(1)[0][0]
    segments: list[list[str]] = [[]]
    for token in tokens:
        if _unstressed(token) == marker:
            segments.append([])
        else:
            segments[-1].append(token)
    inner = segments[1:-1]
    if len(inner) != count or segments[0] or segments[-1] or not all(inner):
        return None
    return ["".join(segment) for segment in inner]


def _unstressed(token: str) -> str:
    return token.replace("ˈ", "").replace("ˌ", "")


def ipa_to_phones(ipa: str, spelling: str = "", table: Mapping[str, str] | None = None) -> Pronunciation:
    """CMU phones for espeak-ng's en-us IPA. ``spelling`` decides a flap ``ɾ``: D if spelt with d.
    ``table`` replaces the en-us table (IPA segment -> phones; see :mod:`audiokit.align.phonemap`).

    >>> ipa_to_phones("bˈʌɾɚ", "butter"), ipa_to_phones("ɹˈaɪɾɚ", "rider")
    (('B', 'AH', 'T', 'ER'), ('R', 'AY', 'D', 'ER'))
    >>> ipa_to_phones("bˈɑːt͡n̩")
    ('B', 'AA', 'T', 'AH', 'N')
    """
    text = re.sub(r"([nlm])\u0329", r"ə\1", unicodedata.normalize("NFD", ipa))
    text = "".join(c for c in _IPA_DROP.sub("", text) if not unicodedata.combining(c))
    flap = "D" if "d" in spelling and "t" not in spelling else "T"
    mapping, keys = (_IPA, _IPA_KEYS) if table is None else (table, sorted(table, key=len, reverse=True))
    phones: list[str] = []
    i = 0
    while i < len(text):
        key = next((k for k in keys if text.startswith(k, i)), None)
        if key is None:
            i += 1
            continue
        phones += (flap if key == "ɾ" and table is None else mapping[key]).split()
        i += len(key)
    return _tidy(phones)


def letters_to_phones(word: str) -> Pronunciation:
    """A crude spelling-based pronunciation; never empty, only valid phones.

    >>> letters_to_phones("shark"), letters_to_phones("")
    (('SH', 'AA', 'R', 'K'), ('AH',))
    """
    text = re.sub(r"[^a-z]", "", word.lower())
    if len(text) > 2 and text.endswith("e") and text[-2] not in "aeiouy":
        text = text[:-1]  # silent final e
    phones: list[str] = []
    i = 0
    while i < len(text):
        key = next(k for k in _LETTER_KEYS if text.startswith(k, i))
        phones += ("IY" if key == "y" and i > 0 else _LETTERS[key]).split()
        i += len(key)
    return _tidy(phones) or ("AH",)


def _tidy(phones: list[str]) -> Pronunciation:
    """Collapse doubled consonants and an R after ER (``ɚɹ``)."""
    out: list[str] = []
    for phone in phones:
        if out and (phone == out[-1] and phone not in VOWELS or phone == "R" and out[-1] == "ER"):
            continue
        out.append(phone)
    return tuple(out)
