"""Spoken cues that open or close a topic, one table per language (data only; written for
audiokit by translating the meaning of the English lists, not fitted to any benchmark).

Each table has three lists, the same three kinds as English:

- ``openers``: phrases a host or chair uses to open a topic or an agenda item ("let's move on",
  "next question", "let's talk about", "to wrap up", "welcome to");
- ``closers``: short acknowledgements that close an exchange ("thanks", "great", "makes sense");
  they count only in a sentence of at most four words;
- ``starts``: discourse markers that begin a sentence that may turn the talk ("so", "okay",
  "now", "and now"); they count only as a sentence's first words, followed by a space or comma.

Syntax: lower case, words as the language writes them (accents, ``'`` for any apostrophe,
hyphens as spaces or hyphens alike). A word ending in ``*`` matches any word it begins, for
languages that inflect the word (``следующ* вопрос*`` matches «следующему вопросу»). Matching
folds case and, as :mod:`audiokit.chapters.cues` describes, each script's accent variants, so a
transcript written without accents still matches.
"""

from __future__ import annotations

from audiokit.chapters.cue_phrases.other_families import CS, EL, FI, HI, ID, MR, PL, RU, SK, TE, TR, UK
from audiokit.chapters.cue_phrases.romance_germanic import CA, DA, DE, EN, ES, FR, IT, NB, NL, PT, RO, SV

__all__ = ["CUES", "EN"]

# ISO 639-1 code -> that language's table.
CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": EN, "it": IT, "es": ES, "pt": PT, "fr": FR, "ca": CA, "de": DE, "nl": NL, "cs": CS, "sk": SK,
    "pl": PL, "ru": RU, "uk": UK, "fi": FI, "sv": SV, "da": DA, "nb": NB, "ro": RO, "tr": TR, "el": EL,
    "id": ID, "hi": HI, "mr": MR, "te": TE,
}
