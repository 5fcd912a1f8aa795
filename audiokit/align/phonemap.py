"""Pronunciations in other languages: eSpeak NG's phonemes mapped to the nearest English phones.

pocketsphinx ships an English acoustic model only. For an episode in another language each
spoken word is read by eSpeak NG in that language (its IPA), and every IPA segment becomes
the nearest of the 39 CMU phones the model knows (cross-language phone mapping): the en-us
table of :mod:`audiokit.align.lexicon`, plus the sounds English lacks, each mapped to the
English phone(s) closest in place and manner (palatal stops ``c ɟ`` -> ``T Y``/``D Y``, but the
Indic affricates eSpeak NG writes with the same letters -> ``CH``/``JH``,
retroflex and alveolo-palatal fricatives -> ``SH``/``ZH``, the Czech ``ř`` -> ``ZH``, trills
and taps -> ``R``, front rounded vowels -> the rounded or central English vowel nearest).
Length, stress, palatalisation (``ʲ``; before a back vowel a Y glide) and nasalisation marks
are dropped; geminates collapse.

>>> cross_phones("kaffˈɛ")
('K', 'AA', 'F', 'EH')
>>> cross_phones("dvˈor̝aːk"), cross_phones("vʲidˈuɕʌja")
(('D', 'V', 'OW', 'ZH', 'AA', 'K'), ('V', 'IY', 'D', 'UW', 'SH', 'AH', 'Y', 'AA'))
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from types import MappingProxyType

from audiokit.align.lexicon import EN_US_IPA, PHONES, Pronunciation, espeak_ipa, ipa_to_phones
from audiokit.lang import name, voice
from audiokit.text.letters import letters

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
# Where a language's own inventory gives a symbol another value than the table above. eSpeak NG
# writes the Indic palatal series (Hindi च ज, Telugu చ జ) with the palatal stop letters c ɟ, but
# they are affricates, English CH JH; Russian ы (eSpeak ``y``) is the unrounded central [ɨ], and
# Russian ``ɵ`` is ё after a soft consonant, an [o].
_INDIC = {"c": "CH", "ɟ": "JH"}
_INDIC_CODES = frozenset({"hi", "mr", "ne", "bn", "pa", "gu", "or", "as", "sa", "te", "kn", "ta", "ml", "si"})
_BY_LANGUAGE = {
    **{code: _INDIC for code in _INDIC_CODES},
    "ru": {"y": "IH", "ɵ": "OW"},
}
_TABLES = {code: MappingProxyType({**CROSS_IPA, **extra}) for code, extra in _BY_LANGUAGE.items()}
# Marks and letters folded before the table is read (``r̝`` is a raised trill: Czech ř).
_BEFORE = (("r̝", "ʒ"), ("ʲ", ""), ("ʷ", ""), ("ˠ", ""), ("ˤ", ""), ("ʰ", ""), ("ʱ", ""), ("ʼ", ""))
# eSpeak NG's language switches inside a word's IPA, "(en)ˈɪt(ru)", and its stray marks.
_SWITCH = re.compile(r"\([a-z]{2,3}(?:-[a-z0-9]+)?\)|[\^\"]")


# A vowel and a [j] that does not start the next syllable make a falling diphthong (Russian
# давай, мной, рублей, the endings -ый/-ий; eSpeak NG writes the glide as j): English has them
# only as AY, OY, EY and a long IY, never as a vowel and a syllable-final Y, which the English
# model knows only before a vowel (lang-ru: 88.3% -> 89.3% of word starts within 50 ms; the
# other languages the same).
_VOWEL_CHARS = "aɑɐʌəoɔɵeɛæiɪyɨuʊɯøœɤ"
_DIPHTHONGS = {"a": "aɪ", "ɑ": "aɪ", "o": "ɔɪ", "ɔ": "ɔɪ", "e": "eɪ", "ɛ": "eɪ", "i": "i", "ɪ": "i", "y": "i", "ɨ": "i"}
_FALLING = re.compile(f"([{''.join(_DIPHTHONGS)}])ː?j(?![ˈˌ]?[{_VOWEL_CHARS}])")


# A palatalised consonant before a back vowel (Russian рядом, пять, люди, тётя: я ю ё after a
# consonant) releases through an [i]-like glide that the back vowel then leaves audibly; English
# has that only as a consonant and Y (cute, music). Before a front vowel the palatalisation
# vanishes into the vowel, and elsewhere it is only a secondary articulation, so there the mark is
# dropped (a glide after every soft consonant was measured worse: lang-ru 85.7%). The hushing
# consonants (ч щ) are soft by nature, not followed by a glide.
_SOFT_BACK = re.compile(r"(?<![ʃʒɕʑ])ʲ([ˈˌ]?)([ɑauɵoɔʊ])")


# Russian unstressed а/о after a hard consonant are reduced in two degrees (eSpeak NG writes
# both ʌ): word-initially and in the syllable just before the stress an open [ɐ] (окном, пора,
# один), elsewhere a short [ə] (рядом). English AH is mostly its reduced schwa, so the open [ɐ]
# is nearer AA; as AH, the word's first vowel went to an [a] before it (за окном: 80 ms late).
_PRETONIC = re.compile(f"^ʌ|ʌ(?=[^{_VOWEL_CHARS}ˈˌ]*ˈ)")


def cross_phones(ipa: str, language: str = "") -> Pronunciation:
    """The nearest CMU phones for eSpeak NG IPA of ``language`` (see the module docstring).

    >>> cross_phones("ɟˈʌjpˌʊɾ", "hi"), cross_phones("dˈobryj", "ru"), cross_phones("(en)ˈɪt(ru)", "ru")
    (('JH', 'AH', 'Y', 'P', 'UH', 'R'), ('D', 'OW', 'B', 'R', 'IY'), ('IH', 'T'))
    """
    ipa = _SWITCH.sub("", ipa)
    if language in _INDIC_CODES:  # aspirated and breathy stops contrast there: their release is an [h]
        ipa = ipa.replace("ʰ", "h").replace("ʱ", "h")
    ipa = _SOFT_BACK.sub(r"\1j\2", ipa)  # before the marks are folded: ʲ is one of them
    for before, after in _BEFORE:
        ipa = ipa.replace(before, after)
    ipa = _FALLING.sub(lambda m: _DIPHTHONGS[m.group(1)], ipa)
    if language == "ru":
        ipa = _PRETONIC.sub("ɑ", ipa)
    return ipa_to_phones(ipa, table=_TABLES.get(language, CROSS_IPA))


def pronounce(words: Iterable[str], language: str) -> dict[str, tuple[Pronunciation, ...]]:
    """CMU phones for each word as eSpeak NG reads it in ``language`` (one eSpeak NG process),
    with a second pronunciation where the language has a common variant (:func:`variants`).

    Words eSpeak NG says nothing for, or that map to no phone, are left out: they have no
    pronunciation and the aligner counts them as unplaced. ``{}`` without eSpeak NG.

    >>> pronounce(["в"], "ru")
    {'в': (('V',), ('F',))}
    """
    unique = list(dict.fromkeys(w for w in words if w))
    sayable = {w: letters(w, keep="'’%,.€$£-").strip("'’") for w in unique}
    ipa = espeak_ipa([s for s in dict.fromkeys(sayable.values()) if s], voice(language))
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for word in unique:
        if language in _SLAVIC and word.lower() in _PROCLITICS:
            out[word] = tuple((p,) for p in _PROCLITICS[word.lower()])
            continue
        phones = cross_phones(ipa.get(sayable[word], ""), language)
        if phones and all(p in PHONES for p in phones):
            out[word] = variants(word, phones, language)
    return out


# The one-consonant prepositions of Slavic languages (Russian в к с, Czech v k s z, Polish w z)
# are said as a bare consonant joined to the next word, voiced or devoiced like its first sound;
# read alone, eSpeak NG says the letter's name ("вэ", "ká", "es").
_SLAVIC = frozenset({"ru", "uk", "be", "bg", "mk", "sr", "hr", "bs", "sl", "cs", "sk", "pl"})
_PROCLITICS = {"в": ("V", "F"), "к": ("K", "G"), "с": ("S", "Z"), "з": ("Z", "S"),
               "v": ("V", "F"), "k": ("K", "G"), "s": ("S", "Z"), "z": ("Z", "S"), "w": ("V", "F")}


# Indo-Aryan languages written in Brahmic scripts drop a word's final inherent vowel in speech
# (Hindi हम [həm]), and eSpeak NG follows that; careful reading, recitation and some synthetic
# voices keep it ([həmə]), so such words also get the pronunciation with the schwa (variants).
_FINAL_SCHWA = frozenset({"hi", "mr", "ne", "pa", "gu"})
_VOWELS = frozenset(["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"])


def variants(word: str, phones: Pronunciation, language: str) -> tuple[Pronunciation, ...]:
    """``phones`` and the common variant the written word allows in ``language``, if any:

    - a final inherent schwa, where an Indo-Aryan word ends in a bare consonant letter;
    - a nasal murmur [n], where a Brahmic word ends in a nasalised vowel (anusvara or
      candrabindu: Hindi हैं, में, हूँ). eSpeak NG writes the bare nasal vowel, which the English
      model hears as a short oral one, so the word ended early and the next began early (lang-hi:
      most words more than 50 ms off followed one of these); spoken, the vowel is long and
      often ends in a nasal murmur.

    >>> variants("हम", ("HH", "AH", "M"), "hi"), variants("हमें", ("HH", "AH", "M", "EH"), "hi")
    ((('HH', 'AH', 'M'), ('HH', 'AH', 'M', 'AH')), (('HH', 'AH', 'M', 'EH'), ('HH', 'AH', 'M', 'EH', 'N')))
    >>> variants("dom", ("D", "OW", "M"), "cs")
    (('D', 'OW', 'M'),)
    """
    last = word.rstrip("़")[-1:]
    if language in _INDIC_CODES and phones[-1] in _VOWELS and _nasal_sign(last):
        return (phones, (*phones, "N"))
    if language not in _FINAL_SCHWA or phones[-1] in _VOWELS or not _bare_consonant(last):
        return (phones,)
    return (phones, (*phones, "AH"))


def _nasal_sign(char: str) -> bool:
    """A Brahmic anusvara or candrabindu (हैं, हूँ): the vowel before it is nasalised."""
    return unicodedata.name(char, "").endswith(("SIGN ANUSVARA", "SIGN CANDRABINDU", "SIGN BINDI", "TIPPI"))


def _bare_consonant(char: str) -> bool:
    """A Brahmic consonant letter (its Unicode name ends in a syllable like KA, NNA, YA; an
    independent vowel is A, AA, AI, AU ...)."""
    parts = unicodedata.name(char, "").split()
    return len(parts) >= 3 and parts[1] == "LETTER" and parts[-1].endswith("A") and parts[-1][0] not in "AEIOU"


def method_of(language: str) -> str:
    """How an episode in ``language`` is aligned, for the report.

    >>> method_of("it")
    'pocketsphinx (English acoustic model), eSpeak NG Italian phonemes mapped to English phones'
    """
    if language == "en":
        return "pocketsphinx (English acoustic model, CMU dictionary)"
    return f"pocketsphinx (English acoustic model), eSpeak NG {name(language)} phonemes mapped to English phones"
