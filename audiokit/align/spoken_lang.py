"""Spoken forms of written tokens in languages other than English (pure but for num2words).

num2words gives the words of cardinals, ordinals and years in the language; this module
reads the written shapes around them as that language writes them: a decimal comma and a dot
or a space between thousands (``1,20`` and ``1.500`` in Italian), ``20 %`` with a space,
ordinals written ``21.`` (Czech, German, Polish...) or ``1º``/``1er``, currency signs, clock
times and the language's common abbreviations (:data:`ABBREVIATIONS`). Words come back
lowercase in the language's own script, letters and apostrophes only (``dell'espresso``
stays one word); what no rule covers is passed on as written for eSpeak NG to read. Where num2words lacks the language, numbers stay as digits for eSpeak NG. Acronyms
without a vowel are spelled letter by letter (eSpeak NG says a lone letter's name in the
language).

>>> spoken_forms_in(["costava", "1,20", "euro,", "circa", "il", "20%."], "it")
[('costava',), ('uno', 'virgola', 'venti'), ('euro',), ('circa',), ('il',), ('venti', 'per', 'cento')]
>>> spoken_forms_in(["v", "roce", "2019", "o", "20", "%"], "cs")
[('v',), ('roce',), ('dva', 'tisíce', 'devatenáct'), ('o',), ('dvacet',), ('procent',)]
>>> spoken_forms_in(["am", "3.", "Oktober", "z.B.", "DPH"], "de")
[('am',), ('dritte',), ('oktober',), ('zum', 'beispiel'), ('d', 'p', 'h')]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from audiokit.text.letters import LETTER, letters

__all__ = ["ABBREVIATIONS", "PERCENT", "number_in", "spoken_forms_in"]

# The word between the whole and the decimal part ("1,5": "uno virgola cinque").
_DECIMAL_WORD = {
    "it": "virgola", "de": "komma", "es": "coma", "fr": "virgule", "pt": "vírgula", "pl": "przecinek",
    "nl": "komma", "fi": "pilkku", "cs": "celá", "sk": "celá", "ru": "целых", "uk": "кома", "sv": "komma",
    "da": "komma", "no": "komma", "nb": "komma", "ro": "virgulă", "hu": "egész", "tr": "virgül",
    "ca": "coma", "hr": "zarez", "sl": "vejica", "bg": "цяло", "el": "κόμμα", "lt": "kablelis", "lv": "komats",
    "ar": "فاصلة",
}
PERCENT = {
    "it": ("per", "cento"), "de": ("prozent",), "es": ("por", "ciento"), "fr": ("pour", "cent"),
    "pt": ("por", "cento"), "pl": ("procent",), "nl": ("procent",), "fi": ("prosenttia",), "cs": ("procent",),
    "sk": ("percent",), "ru": ("процентов",), "uk": ("відсотків",), "sv": ("procent",), "da": ("procent",),
    "no": ("prosent",), "nb": ("prosent",), "ro": ("la", "sută"), "hu": ("százalék",), "tr": ("yüzde",),
    "ca": ("per", "cent"), "hr": ("posto",), "sl": ("odstotkov",), "bg": ("процента",), "el": ("τοις", "εκατό"),
    "hi": ("प्रतिशत",), "ne": ("प्रतिशत",), "mr": ("टक्के",), "gu": ("ટકા",), "bn": ("শতাংশ",), "te": ("శాతం",),
    "ta": ("சதவீதம்",), "kn": ("ಶೇಕಡಾ",), "ml": ("ശതമാനം",), "ar": ("بالمئة",),
}
# Languages that write a decimal point, not a comma (the others write 1,5 and 1.500).
_DECIMAL_POINT = frozenset({"en", "he", "hi", "ga", "mt", "ms", "sw", "tl", "th", "ko", "ja", "zh"})
# Languages that write ordinals as a number with a full stop ("21. října").
_DOT_ORDINALS = frozenset({"cs", "sk", "de", "pl", "fi", "da", "no", "nb", "hu", "hr", "sl", "sr", "et", "lv",
                           "lt", "is", "tr", "bs"})
_CURRENCY_CODES = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₽": "RUB", "zł": "PLN", "kč": "CZK"}
_CURRENCY_NAMES = {"€": ("euro",), "$": ("dollar",), "£": ("pound",), "¥": ("yen",), "₽": ("rubl",)}

Words = tuple[str, ...]
ABBREVIATIONS: dict[str, dict[str, Words]] = {
    "it": {"ecc.": ("eccetera",), "sig.": ("signor",), "sig.ra": ("signora",), "dott.": ("dottor",),
           "prof.": ("professor",), "es.": ("esempio",), "pag.": ("pagina",), "n.": ("numero",),
           "km": ("chilometri",), "kg": ("chili",)},
    "cs": {"např.": ("například",), "tj.": ("to", "jest"), "atd.": ("a", "tak", "dále"), "tzv.": ("takzvaný",),
           "mil.": ("milionů",), "tis.": ("tisíc",), "kč": ("korun",), "str.": ("strana",), "č.": ("číslo",),
           "km": ("kilometrů",), "kg": ("kilo",), "min.": ("minut",), "hod.": ("hodin",)},
    "sk": {"napr.": ("napríklad",), "tj.": ("to", "jest"), "atď.": ("a", "tak", "ďalej"), "mil.": ("miliónov",)},
    "de": {"z.b.": ("zum", "beispiel"), "usw.": ("und", "so", "weiter"), "bzw.": ("beziehungsweise",),
           "d.h.": ("das", "heißt"), "nr.": ("nummer",), "ca.": ("circa",), "mio.": ("millionen",),
           "mrd.": ("milliarden",), "dr.": ("doktor",), "km": ("kilometer",), "kg": ("kilo",)},
    "es": {"sr.": ("señor",), "sra.": ("señora",), "etc.": ("etcétera",), "dr.": ("doctor",),
           "ud.": ("usted",), "uds.": ("ustedes",), "km": ("kilómetros",), "kg": ("kilos",)},
    "fr": {"m.": ("monsieur",), "mme": ("madame",), "etc.": ("et", "cetera"), "dr": ("docteur",),
           "km": ("kilomètres",), "kg": ("kilos",), "env.": ("environ",)},
    "pt": {"sr.": ("senhor",), "sra.": ("senhora",), "etc.": ("etcetera",), "dr.": ("doutor",),
           "km": ("quilómetros",), "kg": ("quilos",)},
    "pl": {"np.": ("na", "przykład",), "itd.": ("i", "tak", "dalej"), "tzn.": ("to", "znaczy"),
           "zł": ("złotych",), "mln": ("milionów",), "tys.": ("tysięcy",), "km": ("kilometrów",),
           "dr": ("doktor",), "ok.": ("około",)},
    "nl": {"bijv.": ("bijvoorbeeld",), "enz.": ("enzovoort",), "dhr.": ("de", "heer"), "mevr.": ("mevrouw",),
           "km": ("kilometer",), "kg": ("kilo",), "d.w.z.": ("dat", "wil", "zeggen")},
    "fi": {"esim.": ("esimerkiksi",), "jne.": ("ja", "niin", "edelleen"), "ym.": ("ynnä", "muuta"),
           "km": ("kilometriä",), "kg": ("kiloa",), "milj.": ("miljoonaa",)},
    "ru": {"т.е.": ("то", "есть"), "т.д.": ("так", "далее"), "руб.": ("рублей",), "млн": ("миллионов",),
           "тыс.": ("тысяч",), "км": ("километров",), "кг": ("килограммов",), "г.": ("года",)},
    # Arabic's few dotted abbreviations (audiokit.text.arabic); not "كم" (km), also "how many".
    "ar": {"د.": ("دكتور",), "أ.": ("أستاذ",), "أ.د.": ("أستاذ", "دكتور"), "ص.ب.": ("صندوق", "بريد")},
}
_STRIP = "\"'“”„«»‹›()[]{}<>,.?!;:…*_~¡¿ \t\n"
# Arabic-Indic and Persian digits, the Arabic percent sign, decimal and thousands separators,
# read as the digits, "%", "," and "." they stand for ("٣٠٪" is "30%"): the languages that write
# them (Arabic, Persian, Urdu) write a decimal comma.
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٪٫٬", "01234567890123456789%,.")
_DASHES = "‐‑‒–—―/-"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_VOWELS = frozenset("aeiouyáéíóúýàèìòùâêîôûäëïöüåæøœěůőűąęіїєаеёиоуыэюя")
_SIGNS = "€$£¥₽"
_AMOUNT = r"[0-9]+(?:[.,\u00a0\u202f ][0-9]{3})*(?:[.,][0-9]+)?"
_MONEY_RE = re.compile(rf"([{_SIGNS}])?({_AMOUNT})([{_SIGNS}])?")
_PERCENT_RE = re.compile(rf"({_AMOUNT})%")
_CLOCK_RE = re.compile(r"([0-9]{1,2})[:.h]([0-9]{2})")
_ORDINAL_RE = re.compile(r"([0-9]{1,4})(?:\.|º|ª|°|er|re|e|ème|o|a)")
_RUN_RE = re.compile(rf"[0-9]+|{LETTER}+(?:'{LETTER}+)*")


# num2words knows these languages but composes their numbers wrongly, so eSpeak NG reads the
# digits instead: num2words 0.5.14 gives Telugu 150 as "ఒకటి వందల యాభై" ("one hundreds fifty")
# and 2019 with "వేయిల", where Telugu says "నూట యాభై" and "రెండు వేల", as eSpeak NG does.
_NUM2WORDS_WRONG = frozenset({"te"})


@lru_cache(maxsize=4096)
def _n2w(value: int | Decimal, language: str, to: str = "cardinal") -> Words | None:
    from num2words import num2words  # the engine at the edge; only this function calls it

    if language in _NUM2WORDS_WRONG:
        return None
    try:
        text = num2words(value, lang=language, to=to)
    except (NotImplementedError, ValueError, TypeError, OverflowError, KeyError, IndexError, AttributeError):
        return None
    return _split(text)


def _split(text: str) -> Words:
    words = re.split(rf"[\s{re.escape(_DASHES)},]+", unicodedata.normalize("NFC", text.lower()))
    return tuple(w for w in (letters(x).strip("'") for x in words) if w and not w.isdigit())


def _minus(language: str) -> Words:
    neg, pos = _n2w(-1, language), _n2w(1, language)
    if neg and pos and neg[-len(pos):] == pos:
        return neg[: -len(pos)]
    return ()


def number_in(text: str, language: str) -> Words | None:
    """Words for a written number as ``language`` writes it, or ``None`` when num2words does not
    know the language. Four digits from 1100 to 2099, written without a separator, are a year.

    >>> number_in("1.500", "it"), number_in("0,05", "de")
    (('millecinquecento',), ('null', 'komma', 'null', 'fünf'))
    """
    point = language in _DECIMAL_POINT
    whole, frac = text, ""
    if m := re.fullmatch(r"([0-9.,\u00a0\u202f ]*?)([.,])([0-9]+)", text):
        decimal_mark = "." if point else ","
        groups = len(m[3]) == 3 and re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(m[2])}[0-9]{{3}})*", m[1])
        if m[2] == decimal_mark or not groups:  # "1.5" is a decimal too, "1.500" is not
            whole, frac = m[1], m[3]
    digits = re.sub(r"[.,\u00a0\u202f ]", "", whole)
    if not digits.isdigit() or len(digits) > 15:
        return None
    n = int(digits)
    year = _n2w(n, language, "year") if len(text) == 4 and 1100 <= n <= 2099 else None
    words = year or _n2w(n, language)
    if words is None:
        return None
    if frac:
        said = _n2w(int(frac), language) if not frac.startswith("0") else None
        if said is None:
            said = tuple(w for c in frac for w in (_n2w(int(c), language) or ()))
        mark = (_DECIMAL_WORD[language],) if language in _DECIMAL_WORD else ()
        words = (*words, *mark, *said)
    return words


def _num(text: str, language: str) -> Words:
    """:func:`number_in`, or the digits as written for eSpeak NG to read when num2words does not
    know the language."""
    said = number_in(text, language)
    return said if said is not None else tuple(re.findall(r"[0-9]+", text))


def _money(m: re.Match[str], language: str) -> Words | None:
    sign = m[1] or m[3]
    amount = number_in(m[2], language)
    if amount is None:
        return None
    return amount + _CURRENCY_NAMES.get(sign, ())


def _letters(run: str) -> Words:
    low = run.lower()
    if run.isupper() and 1 < len(run) <= 5 and not any(c in _VOWELS for c in low):
        return tuple(low)  # DPH, NHS: spelled
    return (low,)


def _runs(text: str, language: str) -> Words:
    """Mixed letters and digits (``GPT-4``, ``MP3``, ``U2``), run by run."""
    out: list[str] = []
    for run in _RUN_RE.findall(text):
        out += _num(run, language) if run[0].isdigit() else _letters(run)
    return tuple(out)


def _read(token: str, language: str, nxt: str) -> Words:
    text = unicodedata.normalize("NFKC", token).translate(_APOSTROPHES)
    low = text.strip(_STRIP.replace(".", "")).lower()
    table = ABBREVIATIONS.get(language, {})
    if low in table or low.rstrip(".") in table:
        return table.get(low) or table[low.rstrip(".")]
    core = text.strip(_STRIP)
    if not core:
        return ()
    if core == "%":
        return PERCENT.get(language, ())
    if core in _SIGNS:
        return _CURRENCY_NAMES.get(core, ())
    if len(core) > 1 and core[0] in "-−+" and core[1].isdigit():
        rest = _read(core[1:], language, nxt)
        return (*(_minus(language) if core[0] != "+" else ()), *rest)
    if (m := _ORDINAL_RE.fullmatch(text.strip(_STRIP.replace(".", "")))) and _is_ordinal(text, m, language, nxt):
        return _n2w(int(m[1]), language, "ordinal") or _n2w(int(m[1]), language) or ()
    if m := _PERCENT_RE.fullmatch(core):
        return (*_num(m[1], language), *PERCENT.get(language, ()))
    if (m := _MONEY_RE.fullmatch(core)) and (said := _money(m, language)) is not None:
        return said
    if (m := _CLOCK_RE.fullmatch(core)) and int(m[1]) < 24 and int(m[2]) < 60:
        return (_n2w(int(m[1]), language) or ()) + ((_n2w(int(m[2]), language) or ()) if int(m[2]) else ())
    parts = [p for p in re.split(rf"[{re.escape(_DASHES)}]", core) if p]
    return tuple(w for p in parts for w in _runs(p, language))


def _is_ordinal(text: str, m: re.Match[str], language: str, nxt: str) -> bool:
    """``21.`` is an ordinal in a dot-ordinal language when a word follows in the same sentence
    (German capitalises nouns, so any word there, but a four-digit number before a capital is a
    year ending its sentence: "seit Januar 2023. Mein ..."); ``1º``, ``1er`` always are."""
    mark = m[0][len(m[1]):]
    if mark != ".":
        return mark != "°" and not (mark in ("o", "a", "e") and language not in ("it", "es", "pt", "fr", "nl"))
    if language not in _DOT_ORDINALS or not text.rstrip(_STRIP.replace(".", "")).endswith(".") or not nxt:
        return False
    first = nxt.lstrip(_STRIP)[:1]
    return bool(first) and (first.islower() or language == "de" and first.isalpha() and len(m[1]) <= 3)


def spoken_forms_in(tokens: Sequence[str], language: str) -> list[Words]:
    """Spoken words for each token of a turn in ``language`` (see the module docstring); one
    tuple per token, ``()`` for a token that says nothing (a dash).

    >>> spoken_forms_in(["٣٠٪", "د.", "1٫5"], "ar")
    [('ثلاثون', 'بالمئة'), ('دكتور',), ('واحد', 'فاصلة', 'خمسة')]
    """
    texts = [t.translate(_EASTERN_DIGITS) for t in tokens]
    out: list[Words] = []
    for i, token in enumerate(texts):
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        sign, amount = token.strip(_STRIP), re.fullmatch(_AMOUNT, nxt.strip(_STRIP))
        if sign and sign in _SIGNS and amount:  # "€ 5": said after the amount
            out.append(())
            continue
        if i and (sign := texts[i - 1].strip(_STRIP)) and sign in _SIGNS and re.fullmatch(_AMOUNT, token.strip(_STRIP)):
            out.append(tuple(map(_clean, (*_num(token.strip(_STRIP), language), *_CURRENCY_NAMES.get(sign, ())))))
            continue
        words = _read(token, language, nxt)
        out.append(tuple(w for w in (_clean(w) for w in words) if w))
    return out


def _clean(word: str) -> str:
    word = unicodedata.normalize("NFC", word.lower())
    if word.isdigit():
        return word  # a number in a language num2words lacks: eSpeak NG reads it
    return re.sub(r"'+", "'", "".join(c for c in letters(word) if not c.isdigit())).strip("'")

