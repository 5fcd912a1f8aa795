"""Which languages audiokit handles: ISO 639-1 codes, their names and eSpeak NG voices. Pure.

Supported are the languages eSpeak NG speaks that are written with spaces between words
(the aligner needs words). Languages written without spaces (Chinese, Japanese, Thai, ...)
are refused with one clear line rather than aligned into garbage.

>>> resolve("IT"), resolve("pt-BR"), resolve("cs_CZ"), resolve("no")
('it', 'pt', 'cs', 'nb')
>>> name("cs"), voice("en"), voice("fr")
('Czech', 'en-us', 'fr')
>>> resolve("zh")
Traceback (most recent call last):
...
audiokit.errors.InputError: Chinese (zh) is written without spaces between words, which audiokit cannot align yet
"""

from __future__ import annotations

import re

from audiokit.errors import InputError

# code -> English name, for every eSpeak NG voice with an ISO 639-1 code whose language is
# written with spaces.
NAMES: dict[str, str] = {
    "af": "Afrikaans", "am": "Amharic", "an": "Aragonese", "ar": "Arabic", "as": "Assamese",
    "az": "Azerbaijani", "ba": "Bashkir", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali",
    "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cv": "Chuvash", "cy": "Welsh", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish",
    "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "ga": "Irish", "gd": "Scottish Gaelic", "gn": "Guarani", "gu": "Gujarati", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian", "hy": "Armenian",
    "ia": "Interlingua", "id": "Indonesian", "io": "Ido", "is": "Icelandic", "it": "Italian",
    "ka": "Georgian", "kk": "Kazakh", "kl": "Greenlandic", "kn": "Kannada", "ko": "Korean",
    "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lt": "Lithuanian",
    "lv": "Latvian", "mi": "Maori", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi",
    "ms": "Malay", "mt": "Maltese", "nb": "Norwegian", "ne": "Nepali", "nl": "Dutch", "om": "Oromo",
    "or": "Odia", "pa": "Punjabi", "pl": "Polish", "pt": "Portuguese", "qu": "Quechua",
    "ro": "Romanian", "ru": "Russian", "sd": "Sindhi", "si": "Sinhala", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tk": "Turkmen", "tn": "Tswana", "tr": "Turkish", "tt": "Tatar",
    "ug": "Uyghur", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
}
SUPPORTED: tuple[str, ...] = tuple(sorted(NAMES))

# Written without spaces between words: refused.
WITHOUT_SPACES: dict[str, str] = {
    "zh": "Chinese", "ja": "Japanese", "th": "Thai", "lo": "Lao", "km": "Khmer", "my": "Burmese",
    "bo": "Tibetan", "dz": "Dzongkha",
}

# Codes people use for a supported language (older or macro-language codes).
_ALIASES = {"no": "nb", "nn": "nb", "iw": "he", "in": "id"}

# eSpeak NG voice names where they differ from the code. French is "fr": libespeak-ng's
# espeak_SetVoiceByName (the DTW aligner's synthesis) refuses "fr-fr", which only the command takes.
_VOICES = {"en": "en-us"}

# Written right to left (Hebrew, and Arabic script as eSpeak NG reads these languages; its
# Kurdish is Kurmanji, in Latin letters): pages set dir="rtl" on their text.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "sd", "ug", "ur"})

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


def name(code: str) -> str:
    """English name of a supported or refused language code (the code itself when unknown)."""
    return NAMES.get(code) or WITHOUT_SPACES.get(code) or code


def voice(code: str) -> str:
    """The eSpeak NG voice that reads a supported language."""
    return _VOICES.get(code, code)


def direction(code: str | None) -> str:
    """``"rtl"`` for a language written right to left, else ``"ltr"`` (the HTML ``dir`` value).

    >>> direction("ar"), direction("he"), direction("it"), direction(None)
    ('rtl', 'rtl', 'ltr', 'ltr')
    """
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def describe(code: str) -> str:
    """``"Italian (it)"``."""
    return f"{name(code)} ({code})"


def supported_line() -> str:
    """The supported codes, for error messages."""
    return "supported: " + " ".join(SUPPORTED)


def resolve(code: str) -> str:
    """The supported ISO 639-1 code for a code or a language tag (``"IT"``, ``"it-IT"``).

    Raises :class:`InputError` naming the problem and listing the supported codes.
    """
    text = (code or "").strip()
    m = _TAG.match(text)
    base = m.group(1).lower() if m else text.lower()
    base = _ALIASES.get(base, base) or ""
    if base in WITHOUT_SPACES:
        raise InputError(f"{describe(base)} is written without spaces between words, which audiokit cannot align yet")
    if base not in NAMES:
        raise InputError(f"unsupported language {code!r}; {supported_line()}")
    return base
