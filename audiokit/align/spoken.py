"""Written transcript tokens to the words a speaker says for them.

A transcript writes ``7.61%``, ``GPT-4`` and ``$3.50``; a speaker says "seven point six one
percent", "g p t four" and "three dollars fifty". The aligner needs spoken words because the
pronouncing dictionary only knows words. Everything here is pure string logic: every word
returned is lowercase letters and apostrophes, and a token that says nothing returns ``()``.

>>> spoken_form("7.61%")
('seven', 'point', 'six', 'one', 'percent')
>>> spoken_form("GPT-4")
('g', 'p', 't', 'four')
>>> spoken_form("it–Llama")
('it', 'llama')
>>> spoken_forms(["$", "2", "million", "in", "1998"])
[(), ('two',), ('million', 'dollars'), ('in',), ('nineteen', 'ninety', 'eight')]

Where speakers differ, one reading is chosen: letter suffixes such as model sizes are read as
letters (``70B`` -> "seventy b", not "seventy billion"; ``4K`` -> "four k"; ``2x`` -> "two x"),
cents are read without the word "cents" (``$3.50`` -> "three dollars fifty"), and a four-digit
number from 1100 to 2099 is a year unless a unit or a currency says it is a count.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from audiokit.align.spoken_lang import spoken_forms_in

IsWord = Callable[[str], bool]

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ("thousand", "million", "billion", "trillion", "quadrillion", "quintillion")
_ORDINALS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
             "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
NUMBER_VOCAB = frozenset([*_ONES, *_TENS[2:], "hundred", *_SCALES, "minus", "point", "oh"])

_CURRENCY = {"$": ("dollar", "dollars", "cent", "cents"), "£": ("pound", "pounds", "penny", "pence"),
             "€": ("euro", "euros", "cent", "cents"), "¥": ("yen", "yen", "sen", "sen")}
_MONEY_SCALES = {"k": "thousand", "m": "million", "mm": "million", "mn": "million", "b": "billion",
                 "bn": "billion", "t": "trillion", "tn": "trillion", "thousand": "thousand",
                 "million": "million", "billion": "billion", "trillion": "trillion"}
_UNITS = {"khz": ("kilohertz",), "hz": ("hertz",), "mhz": ("megahertz",), "ghz": ("gigahertz",),
          "ms": ("milliseconds",), "km": ("kilometers",), "kg": ("kilograms",)}
Words = dict[str, tuple[str, ...]]
_SYMBOLS: Words = {"&": ("and",), "+": ("plus",), "%": ("percent",), "@": ("at",), "=": ("equals",),
                   "#": ("hashtag",), "°": ("degrees",), "×": ("times",), "$": ("dollars",),
                   "£": ("pounds",), "€": ("euros",), "¥": ("yen",), "§": ("section",)}
_URL_SYMBOLS: Words = {**_SYMBOLS, ".": ("dot",), "/": ("slash",), "-": ("dash",), "_": ("underscore",),
                       ":": ("colon",), "#": ("hash",), "?": (), "~": ("tilde",)}
_ABBREVIATIONS = {"vs": ("versus",), "w/": ("with",), "w/o": ("without",), "c#": ("c", "sharp"),
                  "f#": ("f", "sharp"), "www": ("w", "w", "w")}
# Words after a number that make it a count, not a year ("1500 people").
_COUNT_WORDS = frozenset((
    "%", "percent", "people", "users", "times", "dollars", "euros", "pounds", "words", "tokens",
    "parameters", "hours", "minutes", "seconds", "days", "weeks", "months", "miles", "meters",
    "kilometers", "employees", "customers", "examples", "samples", "points", "steps", "x", "thousand",
    "million", "billion", "gpus",
))
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'"})
_STRIP = "\"'“”„«»‹›()[]{}<>,.?!;:…*_~¡¿ \t\n"
_DASHES = "-‐‑‒–—―"
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'")
_TRANSLIT = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe",
                           "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "ð": "d"})

_NUM = r"(?:[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)*|\.[0-9]+)"
_MONEY_RE = re.compile(
    rf"([$£€¥])({_NUM})(k|mm|mn|m|bn|b|tn|t|thousand|million|billion|trillion)?", re.IGNORECASE
)
_PERCENT_RE = re.compile(rf"({_NUM})%")
_CLOCK_RE = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?(?:([ap])\.?m\.?)?", re.IGNORECASE)
_HOUR_RE = re.compile(r"([0-9]{1,2})([ap])\.?m\.?", re.IGNORECASE)
_ORDINAL_RE = re.compile(r"([0-9]+(?:,[0-9]{3})*)(st|nd|rd|th)", re.IGNORECASE)
_DECADE_RE = re.compile(r"'?((?:[0-9]{2})?[0-9]0)'?s")
_NUMBER_RE = re.compile(_NUM)
_UNIT_RE = re.compile(rf"({_NUM})([^\W\d_]+)")
_HASH_NUMBER_RE = re.compile(r"#([0-9]+)")
_FRACTION_RE = re.compile(r"([0-9]+)⁄([0-9]+)")
_DOTTED_LETTERS_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?")
_URL_RE = re.compile(
    r"://|^www\.|@\w|\w\.(?:com|org|net|io|ai|dev|co|edu|gov|fm|ly|app|me|tv|uk)\b", re.IGNORECASE
)
_RUN_RE = re.compile(rf"{_NUM}|[^\W\d_]+(?:'[^\W\d_]+)*|\S")
_CAMEL_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z']+")


def _any_word(word: str) -> bool:
    return True


def number_words(n: int) -> list[str]:
    """Cardinal words for an integer, without "and" or hyphens.

    >>> number_words(0)
    ['zero']
    >>> number_words(70)
    ['seventy']
    >>> number_words(1_234_021)
    ['one', 'million', 'two', 'hundred', 'thirty', 'four', 'thousand', 'twenty', 'one']
    >>> number_words(-40)
    ['minus', 'forty']
    """
    if n < 0:
        return ["minus", *number_words(-n)]
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        return [_TENS[n // 10]] + ([_ONES[n % 10]] if n % 10 else [])
    if n < 1000:
        return [_ONES[n // 100], "hundred"] + (number_words(n % 100) if n % 100 else [])
    if n >= 1000 ** (len(_SCALES) + 1):
        return digit_words(str(n))
    words: list[str] = []
    for power in range(len(_SCALES), 0, -1):
        if n >= 1000**power:
            words += number_words(n // 1000**power) + [_SCALES[power - 1]]
            n %= 1000**power
    return words + (number_words(n) if n else [])


def digit_words(digits: str) -> list[str]:
    """One word per digit: ``digit_words("61")`` is ``['six', 'one']``."""
    return [_ONES[int(c)] for c in digits if c in "0123456789"]


def year_words(n: int) -> list[str]:
    """A year as said aloud.

    >>> year_words(1998), year_words(2005), year_words(2023), year_words(1905), year_words(1900)
    (['nineteen', 'ninety', 'eight'], ['two', 'thousand', 'five'], ['twenty', 'twenty', 'three'], \
['nineteen', 'oh', 'five'], ['nineteen', 'hundred'])
    """
    if not 1000 <= n <= 9999 or 2000 <= n <= 2009:
        return number_words(n)
    high, low = divmod(n, 100)
    if low == 0:
        return number_words(high) + ["hundred"]
    return number_words(high) + (["oh", _ONES[low]] if low < 10 else number_words(low))


def ordinal_words(n: int) -> list[str]:
    """``ordinal_words(21)`` is ``['twenty', 'first']``; ``ordinal_words(100)`` ends in "hundredth"."""
    *head, last = number_words(n)
    if last in _ORDINALS:
        return [*head, _ORDINALS[last]]
    return [*head, last[:-1] + "ieth" if last.endswith("y") else last + "th"]


def _plural(words: list[str]) -> list[str]:
    *head, last = words
    return [*head, last[:-1] + "ies" if last.endswith("y") else last + ("es" if last.endswith("x") else "s")]


def is_number_word(word: str) -> bool:
    """True for the words :func:`number_words` and decimals use: ``is_number_word("seventy")``."""
    return word in NUMBER_VOCAB


def _number(text: str, year_ok: bool = True) -> list[str]:
    """Words for a written number: ``1,000``, ``7.61``, ``007``, ``1.2.3`` or a year."""
    if "." in text:
        head, *rest = text.split(".")
        words = _number(head, year_ok=False) if head else []
        for part in rest:
            words += ["point", *digit_words(part)]
        return words
    digits = text.replace(",", "")
    if len(digits) > 18 or (len(digits) > 1 and digits.startswith("0") and "," not in text):
        return digit_words(digits)
    n = int(digits)
    if year_ok and len(text) == 4 and 1100 <= n <= 2099:
        return year_words(n)
    return number_words(n)


def _money(symbol: str, amount: str, scale: str | None) -> list[str]:
    one, many, sub_one, sub_many = _CURRENCY[symbol]
    if scale:
        return _number(amount, year_ok=False) + [_MONEY_SCALES[scale.lower()], many]
    whole, _, cents = amount.partition(".")
    if cents and len(cents) != 2 or "." in cents or len(whole) > 18:
        return _number(amount, year_ok=False) + [many]
    units, sub = int(whole.replace(",", "") or 0), int(cents or 0)
    if units == 0 and sub:
        return number_words(sub) + [sub_one if sub == 1 else sub_many]
    return number_words(units) + [one if units == 1 else many] + (number_words(sub) if sub else [])


def _clock(hours: str, minutes: str, seconds: str | None, half: str | None) -> list[str]:
    words = number_words(int(hours))
    for i, part in enumerate(p for p in (minutes, seconds) if p is not None):
        value = int(part)
        if value == 0 and i == 0 and not seconds and not half:
            words.append("o'clock")
        elif 0 < value < 10:
            words += ["oh", _ONES[value]]
        elif value:
            words += number_words(value)
    return words + ([half.lower(), "m"] if half else [])


def _clean(token: str) -> str:
    normal = unicodedata.normalize("NFKC", token).translate(_APOSTROPHES)
    text = normal.strip(_STRIP)
    lead = normal[: len(normal) - len(normal.lstrip(_STRIP))]
    return "." + text if lead.endswith(".") and text[:1].isdigit() else text  # ".5"


def _ascii_letters(run: str) -> str:
    text = unicodedata.normalize("NFKD", run.translate(_TRANSLIT))
    return "".join(c for c in text if c in _ASCII_LETTERS)


def _reads_as_word(caps: str, is_word: IsWord) -> bool:
    return len(caps) >= 4 and any(c in "AEIOUY" for c in caps) and is_word(caps.lower())


def _letters(run: str, is_word: IsWord) -> list[str]:
    """A run of letters: a word, or an acronym spelled letter by letter."""
    run = _ascii_letters(run).strip("'")
    core, low = run.replace("'", ""), run.lower()
    if not core:
        return []
    if low in _ABBREVIATIONS:
        return list(_ABBREVIATIONS[low])
    acronym = re.fullmatch(r"([A-Z]{2,})(?:'[sS]|s)", run)
    if acronym and not _reads_as_word(acronym[1], is_word):
        *spelled, last = list(acronym[1].lower())
        return [*spelled, last + "'s" if is_word(last + "'s") else last]
    if "'" in run and is_word(low):  # I'M, DON'T
        return [low]
    if core.isupper() and len(core) > 1:
        return [low] if _reads_as_word(core, is_word) else list(core.lower())
    if len(core) == 1 or is_word(low):
        return [low]
    if not core[1:].islower():
        parts = _CAMEL_RE.findall(run)
        if len(parts) > 1:
            return [w for part in parts for w in _letters(part, is_word)]
    if len(core) <= 5 and not any(c in "aeiouy" for c in low):
        return list(core.lower())
    return [low]


def _runs(text: str, is_word: IsWord, symbols: Words) -> list[str]:
    """Mixed letters, digits and symbols (``MP3``, ``C++``, ``arize.com``), run by run."""
    runs = _RUN_RE.findall(text)
    words: list[str] = []
    for i, run in enumerate(runs):
        if run[0] in "0123456789" or run[:1] == "." and run[1:2].isdigit():
            words += _number(run, year_ok=False)
        elif run[0].isalpha():
            words += _letters(run, is_word)
        elif run == "." and symbols is _SYMBOLS:  # a dot between two runs: "node.js", "v1.x"
            if 0 < i < len(runs) - 1 and runs[i - 1][-1].isalnum() and runs[i + 1][0].isalnum():
                words.append("dot")
        else:
            words += symbols.get(run, ())
    return words


def _read(token: str, is_word: IsWord, year_ok: bool = True) -> list[str]:
    """Spoken words for one token, without context."""
    text = _clean(token)
    if not text:
        return []
    if text.lower() in _ABBREVIATIONS:
        return list(_ABBREVIATIONS[text.lower()])
    if _URL_RE.search(text):
        return _runs(re.sub(r"^[a-z]+://", "", text, flags=re.IGNORECASE), is_word, _URL_SYMBOLS)
    if _DOTTED_LETTERS_RE.fullmatch(text):  # U.S., e.g., a.m.
        return [c.lower() for c in _ascii_letters(text)]
    if len(text) > 1 and text[0] in "-−+" and (text[1] in "0123456789.$£€¥"):
        return ["plus" if text[0] == "+" else "minus", *_read(text[1:], is_word, year_ok)]
    if m := _MONEY_RE.fullmatch(text):
        return _money(m[1], m[2], m[3])
    if m := _PERCENT_RE.fullmatch(text):
        return _number(m[1], year_ok=False) + ["percent"]
    if m := _CLOCK_RE.fullmatch(text):
        return _clock(m[1], m[2], m[3], m[4])
    if m := _HOUR_RE.fullmatch(text):
        return number_words(int(m[1])) + [m[2].lower(), "m"]
    if m := _ORDINAL_RE.fullmatch(text):
        return ordinal_words(int(m[1].replace(",", ""))) if len(m[1]) <= 18 else digit_words(m[1])
    if m := _DECADE_RE.fullmatch(text):
        return _plural(year_words(int(m[1])) if len(m[1]) == 4 else number_words(int(m[1])))
    if (m := re.fullmatch(r"(.*[0-9])'s", text)) and (said := _read(m[1], is_word, year_ok)):
        return [*said[:-1], said[-1] + "'s"]  # 2023's
    if _NUMBER_RE.fullmatch(text):
        return _number(text, year_ok)
    if m := _UNIT_RE.fullmatch(text):
        unit = m[2]
        return _number(m[1], year_ok=False) + list(_UNITS.get(unit.lower()) or _letters(unit, is_word))
    if m := _HASH_NUMBER_RE.fullmatch(text):
        return ["number", *number_words(int(m[1]))] if len(m[1]) <= 18 else digit_words(m[1])
    if m := _FRACTION_RE.fullmatch(text):
        return _fraction(m[1], m[2])
    parts = re.split(rf"([{_DASHES}/])", text)
    if len(parts) > 1:
        pieces = [p for p in parts[::2] if p]
        numeric = len(pieces) == 2 and all(re.match(r"[$£€¥]?[0-9]", p) for p in pieces)
        words: list[str] = []
        for i, part in enumerate(parts):
            if i % 2 == 0:
                words += _read(part, is_word, year_ok)
            elif numeric and part != "/" and words:
                words.append("to")
        return words
    return _runs(text, is_word, _SYMBOLS)


def _fraction(numerator: str, denominator: str) -> list[str]:
    if len(numerator) > 18 or len(denominator) > 18:
        return digit_words(numerator) + digit_words(denominator)
    top, bottom = int(numerator), int(denominator)
    name = {2: ["half"], 4: ["quarter"]}.get(bottom) or ordinal_words(bottom)
    if top != 1:
        name = ["halves"] if bottom == 2 else _plural(name)
    return number_words(top) + name


def _sanitize(words: list[str]) -> tuple[str, ...]:
    clean = (re.sub(r"'+", "'", re.sub(r"[^a-z']", "", w.lower())).strip("'") for w in words)
    return tuple(w for w in clean if w)


def spoken_forms(tokens: Sequence[str], is_word: IsWord = _any_word, language: str = "en") -> list[tuple[str, ...]]:
    """Spoken words for each token of a run, using neighbouring tokens as context.

    ``language`` is the episode's ISO 639-1 code; other languages than English are read by
    :func:`audiokit.align.spoken_lang.spoken_forms_in` (words in their own script).

    Context covers a currency symbol written apart (``$ 5``), a scale word after an amount
    (``$2 million``), ``am``/``pm`` after a clock time, ``x`` between numbers, ``No. 5`` and
    ``# 5``, and four-digit counts followed by a unit (``2000 people`` is not a year).

    >>> spoken_forms(["from", "7", "to", "70"])
    [('from',), ('seven',), ('to',), ('seventy',)]
    >>> spoken_forms(["1500", "people", "at", "3", "pm"])
    [('one', 'thousand', 'five', 'hundred'), ('people',), ('at',), ('three',), ('p', 'm')]
    """
    if language != "en":
        return spoken_forms_in(tokens, language)
    raw = list(tokens)
    texts = [_clean(t) for t in raw]
    lows = [t.lower() for t in texts]
    amounts = [_MONEY_RE.fullmatch(texts[i - 1] + t if i and texts[i - 1] in _CURRENCY else t)
               for i, t in enumerate(texts)]
    forms: list[tuple[str, ...]] = []
    for i, text in enumerate(texts):
        prev, low = texts[i - 1] if i else "", lows[i]
        nxt = lows[i + 1] if i + 1 < len(texts) else ""
        is_scale = low in _MONEY_SCALES and len(low) > 1
        if text in _CURRENCY and i + 1 < len(texts) and amounts[i + 1]:
            words: list[str] = []
        elif m := amounts[i]:
            scaled = nxt in _MONEY_SCALES and len(nxt) > 1 and not m[3]
            words = _number(m[2], year_ok=False) if scaled else _money(m[1], m[2], m[3])
        elif is_scale and i and (m := amounts[i - 1]) and not m[3]:
            words = [_MONEY_SCALES[low], _CURRENCY[m[1]][1]]
        elif low in ("am", "pm") and re.fullmatch(r"[0-9]{1,2}(?::[0-9]{2})?", prev):
            words = [low[0], "m"]
        elif low in ("x", "×") and _NUMBER_RE.fullmatch(prev) and _NUMBER_RE.match(nxt):
            words = ["times"]
        elif (raw[i].strip() == "No." or text == "#") and _NUMBER_RE.match(nxt):
            words = ["number"]
        else:
            words = _read(raw[i], is_word, year_ok=nxt not in _COUNT_WORDS)
        forms.append(_sanitize(words))
    return forms


def spoken_form(token: str, is_word: IsWord = _any_word) -> tuple[str, ...]:
    """Spoken words for one whitespace-separated transcript token, lowercase, letters and apostrophes only.

    ``is_word`` says whether a lowercase word is in the pronouncing dictionary; it decides
    whether capitals are read as a word (``NASA``) or spelled (``RLHF``).

    >>> spoken_form("RLHF"), spoken_form("We’ll"), spoken_form("$3.50"), spoken_form("—")
    (('r', 'l', 'h', 'f'), ("we'll",), ('three', 'dollars', 'fifty'), ())
    """
    return tuple(w for form in spoken_forms(token.split(), is_word) for w in form)
