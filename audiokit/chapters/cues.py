"""Finding the spoken topic cues of :mod:`~audiokit.chapters.cue_phrases` in sentences. Pure.

Phrases and sentences are normalised the same way before they are compared, so a phrase matches
the spellings a transcript uses for it:

- case is folded (German "ß" becomes "ss"), and every apostrophe is ``'``;
- accents on Latin and Greek letters are dropped ("perché" = "perche", "přejdeme" = "prejdeme"),
  as transcripts often write them loosely; Cyrillic keeps its letters ("й" is not "и") except
  that "ё" is "е", as Russian mostly writes it; Devanagari drops the nukta ("ख़" = "ख");
  Indic vowel signs stay in their word;
- French, Italian and Catalan split an elided article or preposition from its word ("l'economia"
  is "l' economia"), so "parliamo dell'" matches whatever noun follows;
- English keeps exactly the form the shipped boundary model was trained on (lower case and
  ``'`` only).

>>> cue = matcher("it")
>>> cue.opens("Bene. Passiamo all'economia, allora."), cue.opens("Passo il sale.")
(True, False)
>>> cue.closes("Grazie mille!"), cue.starts("Allora, che cosa è cambiato?"), cue.starts("Allora.")
(True, True, False)
>>> matcher("ru").opens("Переходим к следующему вопросу."), matcher("xx") is None
(True, True)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from audiokit.chapters.cue_phrases import CUES
from audiokit.text.letters import MARKS

WORD = re.compile(rf"[\w{MARKS}']+")  # marks: Indic vowel signs stay in their word
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "ı": "i", "ё": "е"})
# A Latin or Greek base letter followed by the combining accents NFD gave it.
_ACCENTED = re.compile(r"([A-Za-z\u00c0-\u024f\u0370-\u03ff\u1e00-\u1fff])[\u0300-\u036f]+")
_NUKTA = "\u093c"
_ELISION = re.compile(rf"(?<=[\w{MARKS}])'(?=[\w{MARKS}])")
ELIDING = frozenset({"fr", "it", "ca"})  # languages that write "l'", "d'", "all'" onto the next word
_LEADING = re.compile(r"^[\W_]+")


def normalise(text: str, language: str) -> str:
    """``text`` in the form cue phrases of ``language`` are compared in.

    >>> normalise("Ça  MARCHE, d’accord", "fr"), normalise("Ещё ДАЛЬШЕ", "ru"), normalise("Let’s GO", "en")
    ("ca marche, d' accord", 'еще дальше', "let's go")
    """
    if language == "en":
        return " ".join(text.lower().replace("’", "'").split())
    text = unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES)
    text = _ACCENTED.sub(r"\1", unicodedata.normalize("NFD", text)).replace(_NUKTA, "")
    text = unicodedata.normalize("NFC", text)
    if language in ELIDING:
        text = _ELISION.sub("' ", text)
    return " ".join(text.split())


def words(text: str, language: str) -> str:
    """The normalised words of ``text``, one space between them (punctuation dropped)."""
    return " ".join(WORD.findall(normalise(text, language)))


def _phrase(phrase: str, language: str) -> str:
    """A regular expression for one phrase: its normalised words, a trailing ``*`` a prefix."""
    parts: list[str] = []
    for word in phrase.split():
        tokens = WORD.findall(normalise(word.rstrip("*"), language))
        parts.extend(re.escape(t) for t in tokens)
        if word.endswith("*") and parts:
            parts[-1] += rf"[\w{MARKS}']*"
    return " ".join(parts)


def _alternatives(phrases: Sequence[str], language: str) -> str:
    return "|".join(sorted({_phrase(p, language) for p in phrases} - {""}, key=len, reverse=True))


@dataclass(frozen=True)
class CueMatcher:
    """The compiled cue phrases of one language."""

    language: str
    openers: re.Pattern[str]
    closers: re.Pattern[str]
    heads: re.Pattern[str]

    def opens(self, text: str) -> bool:
        """Whether ``text`` contains a phrase that opens a topic."""
        return bool(self.openers.search(words(text, self.language)))

    def opener_tokens(self, tokens: Sequence[str]) -> set[int]:
        """Indices of the ``tokens`` (words and punctuation as written) inside a phrase that opens
        a topic.

        >>> sorted(matcher("fi").opener_tokens(["Siirrytään", "seuraavaan", "aiheeseen", ":", "sauna"]))
        [0, 1, 2]
        """
        owner: list[int] = []
        parts: list[str] = []
        for k, token in enumerate(tokens):
            for w in WORD.findall(normalise(token, self.language)):
                parts.append(w)
                owner.extend([k] * (len(w) + 1))  # the word and the space after it
        joined = " ".join(parts)
        covered: set[int] = set()
        for start in (0, *(m.end() for m in re.finditer(" ", joined))):  # overlapping phrases too
            m = self.openers.match(joined, start)
            if m:
                covered.update(owner[i] for i in range(m.start(), m.end()))
        return covered

    def closes(self, text: str) -> bool:
        """Whether ``text`` contains an acknowledgement that closes an exchange."""
        return bool(self.closers.search(words(text, self.language)))

    def starts(self, text: str) -> bool:
        """Whether ``text`` begins with a discourse marker followed by a space or comma."""
        norm = normalise(text, self.language)
        if self.language != "en":  # "¿Entonces, ..." and "«Allora, ...» begin with the marker too
            norm = _LEADING.sub("", norm)
        return bool(self.heads.match(norm))


@cache
def matcher(language: str) -> CueMatcher | None:
    """The cue matcher for an ISO 639-1 code, None for a language without a cue table."""
    table = CUES.get(language)
    if table is None:
        return None

    def within(phrases: Sequence[str]) -> re.Pattern[str]:
        return re.compile(rf"(?<![^ ])(?:{_alternatives(phrases, language)})(?![^ ])")

    heads = re.compile(rf"(?:{_alternatives(table['starts'], language)})[ ,]")
    return CueMatcher(language, within(table["openers"]), within(table["closers"]), heads)


def languages() -> tuple[str, ...]:
    """The ISO 639-1 codes with a cue table.

    >>> "en" in languages() and "it" in languages()
    True
    """
    return tuple(sorted(CUES))
