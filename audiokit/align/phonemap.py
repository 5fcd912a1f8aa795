"""Pronunciations in other languages: eSpeak NG's phonemes mapped to the nearest English phones.

pocketsphinx ships an English acoustic model only. For an episode in another language each
spoken word is read by eSpeak NG in that language (its IPA), and every IPA segment becomes
the nearest of the 39 CMU phones the model knows (cross-language phone mapping): the en-us
table of :mod:`audiokit.align.lexicon`, plus the sounds English lacks, each mapped to the
English phone(s) closest in place and manner (palatal stops ``c ɟ`` -> ``T Y``/``D Y``,
retroflex and alveolo-palatal fricatives -> ``SH``/``ZH``, the Czech ``ř`` -> ``ZH``, trills
and taps -> ``R``, front rounded vowels -> the rounded or central English vowel nearest).
Length, stress, palatalisation (``ʲ``) and nasalisation marks are dropped; geminates collapse.

>>> cross_phones("kaffˈɛ")
('K', 'AA', 'F', 'EH')
>>> cross_phones("dvˈor̝aːk"), cross_phones("vʲidˈuɕʌja")
(('D', 'V', 'OW', 'ZH', 'AA', 'K'), ('V', 'IY', 'D', 'UW', 'SH', 'AH', 'Y', 'AA'))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import MappingProxyType

from audiokit.align.lexicon import EN_US_IPA, PHONES, Pronunciation, espeak_ipa, ipa_to_phones
from audiokit.lang import name, voice

# Segments other languages use (or use differently from en-us), on top of the en-us table.
_CROSS = {
    "ɾ": "R", "r": "R", "ʀ": "R", "ʁ": "R", "ɽ": "R", "ɺ": "L",
    "ts": "T S", "dz": "D Z", "tɕ": "CH", "dʑ": "JH", "tʂ": "CH", "dʐ": "JH", "tʃ": "CH", "dʒ": "JH",
    "ɕ": "SH", "ʑ": "ZH", "ʂ": "SH", "ʐ": "ZH", "ʒ": "ZH", "ʃ": "SH",
    "c": "T Y", "ɟ": "D Y", "ɲ": "N Y", "ʎ": "L Y", "ɳ": "N", "ɱ": "M", "ɴ": "NG", "ɭ": "L", "ʟ": "L",
    "ʈ": "T", "ɖ": "D", "ɦ": "HH", "ħ": "HH", "ʕ": "HH", "ʜ": "HH", "ʝ": "Y", "ɥ": "W", "ɰ": "W",
    "ʋ": "V", "ɸ": "F", "β": "V", "x": "HH", "χ": "HH", "ɣ": "G",
    "ɯ": "UW", "ɤ": "AH", "ɘ": "AH", "ɵ": "ER", "ɞ": "ER", "ʏ": "UH", "ɶ": "AA", "ɜ": "AH", "ɨ": "IH",
    "y": "UW", "ø": "ER", "œ": "ER", "e": "EH", "o": "OW", "ɔ": "AO",
}
CROSS_IPA = MappingProxyType({**EN_US_IPA, **_CROSS})
# Marks and letters folded before the table is read (``r̝`` is a raised trill: Czech ř).
_BEFORE = (("r̝", "ʒ"), ("ʲ", ""), ("ʷ", ""), ("ˠ", ""), ("ˤ", ""), ("ʰ", ""), ("ʼ", ""))


def cross_phones(ipa: str) -> Pronunciation:
    """The nearest CMU phones for eSpeak NG IPA of any language (see the module docstring)."""
    for before, after in _BEFORE:
        ipa = ipa.replace(before, after)
    return ipa_to_phones(ipa, table=CROSS_IPA)


_SAYABLE = re.compile(r"[^\w'’%,.€$£-]")


def pronounce(words: Iterable[str], language: str) -> dict[str, Pronunciation]:
    """CMU phones for each word as eSpeak NG reads it in ``language`` (one eSpeak NG process).

    Words eSpeak NG says nothing for, or that map to no phone, are left out: they have no
    pronunciation and the aligner counts them as unplaced. ``{}`` without eSpeak NG.
    """
    unique = list(dict.fromkeys(w for w in words if w))
    sayable = {w: _SAYABLE.sub("", w).strip("'’") for w in unique}
    ipa = espeak_ipa([s for s in dict.fromkeys(sayable.values()) if s], voice(language))
    out = {}
    for word in unique:
        phones = cross_phones(ipa.get(sayable[word], ""))
        if phones and all(p in PHONES for p in phones):
            out[word] = phones
    return out


def method_of(language: str) -> str:
    """How an episode in ``language`` is aligned, for the report.

    >>> method_of("it")
    'pocketsphinx (English acoustic model), eSpeak NG Italian phonemes mapped to English phones'
    """
    if language == "en":
        return "pocketsphinx (English acoustic model, CMU dictionary)"
    return f"pocketsphinx (English acoustic model), eSpeak NG {name(language)} phonemes mapped to English phones"
