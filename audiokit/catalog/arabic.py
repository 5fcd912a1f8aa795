"""Arabic-script words as search sees them (pure): the spelling variants folded, the attached
prefixes taken off.

Arabic, Persian and Urdu writers and keyboards mix letter forms that a reader takes for one
word, and Arabic writes the conjunction و, the prepositions ب ك ل and the article ال attached
to the word, so "النعناع" (the mint) must find "والنعناع" (and the mint). This is what standard
Arabic information retrieval does (Larkey, Ballesteros and Connell, "Improving stemming for
Arabic information retrieval: light stemming and co-occurrence analysis", SIGIR 2002, and
"Light stemming for Arabic information retrieval", in *Arabic Computational Morphology*, 2007;
the same normalization as Lucene's ArabicNormalizer and PersianNormalizer):

- **normalization** (:func:`normalize`): the harakat and other Arabic marks, the superscript
  alef and the tatweel are dropped; alef forms أ إ آ ٱ are ا; hamza on a waw or yeh seat is
  dropped (ؤ → و, ئ → ي: so the Arabic "سؤال" is the Persian and Urdu "سوال"); alef maksura ى
  and Farsi yeh ی are ي; keheh ک is ك; teh marbuta ة (and Urdu ۃ), heh goal ہ and heh with yeh
  ۀ are ه; Arabic-Indic and Persian digits are 0-9. Urdu yeh barree ے is kept: merging it
  with ی would make ہے (is) and ہی (only) one word. A hamza seat before و is و whichever seat
  it is written on (مسؤول, Egyptian and Persian مسئول; شؤون, شئون): writers choose the seat
  differently there, and the rule above alone would make them مسوول and مسيول.
- **the joiners** (:data:`JOINERS`): a zero-width non-joiner (or joiner) after an Arabic-script
  letter is dropped. Persian writes its bound morphemes (the verbal prefix می, the plural ها,
  the comparative تر) with a non-joiner, "می‌خواهم", which keyboards without it turn into
  "میخواهم": one word either way, so the two forms index alike (before, the non-joiner cut the
  word in two and each form found only itself). The third spelling, "می خواهم" with a space, stays
  two words: the space is where the index, its marks and its moments divide a passage into words
  (:mod:`audiokit.catalog.segments`), and a standalone می cannot be told from the word (wine) it
  also is; the phrase "می خواهم" finds it. The ezafe written with the non-joiner after heh
  ("خانه‌ی", the house of) is heh, as its other spelling ۀ is.
- **light stemming** (:func:`stem`), the prefixes of Larkey's light10: و when 3 letters remain,
  then one of ال بال كال فال لل when 2 remain. The name الله keeps its article (else every له,
  "for him", would be a hit for it), and لله (for God) is it too. Suffixes are not stripped:
  light10's suffixes (ها ان ات ون ين يه ية ه ة ي) merge distinct words a search box should keep
  apart (العربية, Arabic, with العرب, the Arabs; كله, all of it, with كل), and a search for a
  word with any ending is what the prefix search ``كتاب*`` is for.

Measured on the hand-made set of tests/test_catalog_arabic.py (38 Arabic, 8 Persian and 6
Urdu sentences, 34 queries): of the 66 passages wanted, 33 were found before, 43 with the
letters normalized, 64 with the prefixes too (6 false matches: على / علي and the Urdu کل /
Arabic كل from the letters; وزارة / زاره, والده / ده, Persian ورود / رود, Urdu بالکل / کل from
the prefixes), 65 with light10's suffixes as well (8 false matches).

Measured on the hand-made Persian set of tests/test_catalog_persian.py (25 sentences: the three
spellings of 5 words with bound morphemes, 3 ezafes, 2 hamza-seat pairs; 20 queries, marked
before any run): of the 49 passages wanted, 30 were found before, 40 with the joiners dropped and
the hamza seats folded; missed still: the spaced forms (3) and a word for its plural (4: کتاب for
کتاب‌ها). False matches: none before, 3 after (خانه‌ی, the house of, finds خانه, house, as
خانۀ did already).

Only Arabic-script words are touched; a word with a digit or a letter of another script in it
is only normalized. Hebrew has the same kind of prefixes but no agreed light stemmer, and is
left as it is. The same rules run in the catalogue page's script (:data:`SCRIPT`).

>>> normalize("وَالنَّعْنَاعُ"), stem("والنعناع"), stem("النعناع")
('والنعناع', 'نعناع', 'نعناع')
>>> search_form("Café والنعناع، مدرسة ٢٠٢٤ GPTال")
'Café نعناع، مدرسه 2024 GPTال'
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from audiokit.text.letters import WORD_CHAR

__all__ = ["JOINERS", "MARKS", "SCRIPT", "SEAT", "has_arabic", "normalize", "search_form", "stem"]

_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF))
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")  # ligatures and contextual forms: NFKD


def _ranges(codes: list[int]) -> str:
    """A regular-expression class body for the code points (ascending), as \\u ranges."""
    out, start = [], None
    for k, c in enumerate(codes):
        start = c if start is None else start
        if k + 1 == len(codes) or codes[k + 1] != c + 1:
            out.append(f"\\u{start:04x}" + ("" if c == start else f"-\\u{c:04x}"))
            start = None
    return "".join(out)


_CODES = [c for lo, hi in _BLOCKS for c in range(lo, hi + 1) if unicodedata.category(chr(c))[0] in "LMN"]
_ANY = re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _BLOCKS) + "\ufb50-\ufdff\ufe70-\ufefc]")

_TO = {"ا": "أإآٱ", "و": "ؤ", "ي": "ئىی", "ك": "ک", "ه": "ةۃہۀۂ", "ے": "ۓ"}
_MAP: dict[str, str] = {c: to for to, froms in _TO.items() for c in froms}
_MAP.update({chr(0x0660 + d): str(d) for d in range(10)} | {chr(0x06F0 + d): str(d) for d in range(10)})
_MAP.update({chr(c): "" for c in _CODES if unicodedata.category(chr(c)).startswith("M")} | {"\u0640": ""})
_TABLE = str.maketrans(_MAP)
# The Arabic-block marks (harakat and the rest, all dropped by normalize), a class body.
MARKS = _ranges([c for c in _CODES if unicodedata.category(chr(c))[0] == "M"])
# ۀ decomposed (NFD puts a harakah before the hamza): heh with yeh, not the Kurdish ە, its base.
_AE_HAMZA = re.compile("\u06d5(?=[" + MARKS + "]*\u0654)")
JOINERS = "\u200c\u200d"  # zero-width non-joiner, joiner
# The hamza on a yeh seat before waw, composed or (as the fold gives it) decomposed, with marks
# between (see the module docstring).
SEAT = "(?:\u0626|[\u064a\u06cc\u0649][" + MARKS + "]*\u0654)(?=[" + MARKS + "]*\u0648)"
_SEAT = re.compile(SEAT)
_ARTICLES = ("ال", "بال", "كال", "فال", "لل")
# In normalized text, a whole word of Arabic letters (no letter, digit or mark of any script
# touching it) that begins as a prefix does: the words whose stem may differ from them.
_FIRST = _ranges(sorted({ord(p[0]) for p in (*_ARTICLES, "و")}))
_LETTERS = _ranges([c for c in _CODES if unicodedata.category(chr(c))[0] == "L"])
_STEMMED = re.compile(f"(?<!{WORD_CHAR})[{_FIRST}][{_LETTERS}]{{2,}}(?!{WORD_CHAR})")
# In normalized text: the ezafe after heh, then any joiner after an Arabic-script letter.
_EZAFE = re.compile(f"\u0647[{JOINERS}]+\u064a(?!{WORD_CHAR})")
_JOINER = re.compile(f"(?<=[{_LETTERS}])[{JOINERS}]+")


def has_arabic(text: str) -> bool:
    """Whether ``text`` holds a character of the Arabic blocks (the check before any work).

    >>> has_arabic("naïve"), has_arabic("سلام")
    (False, True)
    """
    return _ANY.search(text) is not None


def normalize(word: str) -> str:
    """The word with the spelling variants folded (see the module docstring); idempotent.

    >>> normalize("أحمد"), normalize("مكتبة"), normalize("کتابی"), normalize("۱۴۰۲"), normalize("سؤال")
    ('احمد', 'مكتبه', 'كتابي', '1402', 'سوال')
    >>> normalize("می\u200cخواهم") == normalize("میخواهم"), normalize("خانه\u200cی") == normalize("خانۀ")
    (True, True)
    >>> normalize("مسئول") == normalize("مسؤول") == "مسوول", normalize("رئيس")
    (True, 'رييس')
    """
    if "\u06d5" in word:
        word = _AE_HAMZA.sub("ه", word)
    if "\u0626" in word or "\u0654" in word:
        word = _SEAT.sub("\u0648", word)
    word = word.translate(_TABLE)
    if "\u200c" in word or "\u200d" in word:
        word = _JOINER.sub("", _EZAFE.sub("\u0647", word))
    return word


def stem(word: str) -> str:
    """The normalized word without its attached prefixes (light10's, see the module docstring).

    >>> stem("وبالبيت"), stem("للطلاب"), stem("والله"), stem("لله"), stem("وقت"), stem("الحب")
    ('بيت', 'طلاب', 'الله', 'الله', 'وقت', 'حب')
    """
    if len(word) >= 4 and word[0] == "و":
        word = word[1:]
    if word == "لله":  # li-llah, for God: ل and the name
        return "الله"
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            rest = word[len(article):]
            return "الله" if rest == "له" and article.endswith("ال") else rest
    return word


def search_form(text: str) -> str:
    """``text`` with each Arabic-script word in its search form: normalized, and stemmed when
    it is a whole word of Arabic letters; everything else as it was.

    >>> search_form("Straße हिन्दी") == "Straße हिन्दी", search_form("ﻻ ﷲ")
    (True, 'لا الله')
    """
    if text.isascii() or not has_arabic(text):
        return text
    # No word's form depends on the next one, and words repeat (Zipf): each is made once and
    # remembered (generated Zipfian Arabic, a 54-word passage: 48 us folded word by word without
    # the cache, 14 with it, 4 for the fold without Arabic rules; English never gets here).
    return " ".join(map(_form, text.split(" ")))


@lru_cache(maxsize=1 << 15)
def _form(word: str) -> str:
    """search_form of a stretch of text without spaces (the letters folded in C, by a table,
    then only the words a prefix may begin are stemmed)."""
    if _PRESENTATION.search(word):
        word = _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKD", m.group()), word)
    return _STEMMED.sub(lambda m: stem(m.group()), normalize(word))


# The page's Arabic rules (page_assets puts them in the page, after the fold of catalog.tokens,
# which drops the Arabic marks, MARKS): the Arabic-script words as here, from the same tables.
SCRIPT = r"""
  const AR_CHAR = /[@KEYS@]/gu;
  const AR_MAP = @MAP@;
  const AR_ARTICLES = @ARTICLES@;
  const AR_STEMMED = /(?<![\p{L}\p{N}\p{M}])[@FIRST@][@LETTERS@]{2,}(?![\p{L}\p{N}\p{M}])/gu;
  function arStem(w) {
    if (w.length >= 4 && w[0] === "\u0648") w = w.slice(1);
    if (w === "\u0644\u0644\u0647") return "\u0627\u0644\u0644\u0647";
    for (const a of AR_ARTICLES) {
      if (w.startsWith(a) && w.length - a.length >= 2) {
        const rest = w.slice(a.length);
        return rest === "\u0644\u0647" && a.endsWith("\u0627\u0644") ? "\u0627\u0644\u0644\u0647" : rest;
      }
    }
    return w;
  }
  function arabic(s) {
    s = s.replace(AR_CHAR, (c) => AR_MAP[c])
      .replace(/\u0647[\u200c\u200d]+\u064a(?![\p{L}\p{N}\p{M}])/gu, "\u0647").replace(/(?<=[@LETTERS@])[\u200c\u200d]+/gu, "");
    return s.replace(AR_STEMMED, (w) => arStem(w));
  }
""".replace("@FIRST@", _FIRST).replace("@LETTERS@", _LETTERS).replace("@ARTICLES@", json.dumps(_ARTICLES))
_PAGE_MAP = {k: v for k, v in _MAP.items() if not unicodedata.category(k).startswith("M")}
SCRIPT = SCRIPT.replace("@KEYS@", _ranges(sorted(map(ord, _PAGE_MAP)))).replace("@MAP@", json.dumps(_PAGE_MAP))
