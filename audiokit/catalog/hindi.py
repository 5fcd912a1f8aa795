"""Devanagari words as search sees them (pure): Hindi's inflectional endings taken off.

Hindi marks number, gender, case and tense with endings, so "बात" (talk) must find "बातें"
(talks) and "लड़का" (boy) "लड़के". This is the light stemmer of Ramanathan and Rao ("A
Lightweight Stemmer for Hindi", EACL 2003 workshop on Computational Linguistics for South-Asian
Languages), as Lucene has it (``org.apache.lucene.analysis.hi.HindiStemmer``; its spelling
variants are ``HindiNormalizer``'s): the longest ending of :data:`SUFFIXES` (5 letters, then 4,
... then 1) is taken off when at least 2 letters remain (and again, unlike Lucene, while the
stem still ends so: search needs a stem to be its own stem). The normalizer's nukta and candrabindu
rules are already the fold's (:mod:`audiokit.catalog.tokens`), so the endings are listed with
the anusvara only (Lucene's "ाँ" is "ां" here). Its other rules are left out: they merge long
and short vowels (दिन, day, with दीन, poor) and ऐ with ए, which a reader keeps apart.

The catalogue does not know a passage's language, and a query has none: the rule is the
script's, as catalog.arabic's is. Every whole word of Devanagari letters (no letter, digit or
mark of another script in it) is stemmed, in the index and in the query alike, so a word finds
its inflected forms and nothing of another stem. Marathi is written in Devanagari too, with
other endings; what Hindi's endings do to it was measured (below) and is left as it is.

Measured (tests/test_catalog_hindi.py): on the hand-made set of 24 Hindi sentences and 17
queries, whose wanted passages were marked before any run, 21 of the 47 wanted passages were
found before, 45 after; false matches none before, 2 after (लड़की, girl, for लड़का and लड़के,
boy: one stem; missed: जाऊंगा, whose ऊ is a letter, not the sign of "ूंगा", and करके). Every
distinct word of the benchmark transcripts as a query (bench-out/lang-{hi,mr}, each sentence a
passage), passages found that do not hold the word itself (before: none): Hindi, 45 sentences
and 216 words, 82 passages, from 18 groups of words made one, all inflections of a word but
जी/जीता (sir, won) and वह/वही (that, that very); Marathi, 35 sentences and 166 words, 10
passages, from 4 groups: एक/एका, त्या/त्यांना and पुण्याचा/पुण्याची are inflections, तर/तरी
(then, yet) is not. One wrong merge in 166 Marathi words is too little harm to keep Hindi's
endings from Marathi words (which the catalogue could not tell apart anyway: it knows no passage's language).

>>> stem("बातें"), stem("लड़के"), stem("लड़का"), stem("की"), stem("जाएंगे")
('बात', 'लड़क', 'लड़क', 'की', 'जा')
>>> search_form("बातें, GPT बातें2 २०२४ किताबों")
'बात, GPT बातें2 २०२४ किताब'
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from audiokit.text.letters import WORD_CHAR

__all__ = ["SCRIPT", "SUFFIXES", "search_form", "stem"]

# Ramanathan and Rao's endings by length, longest first (Lucene's lists, anusvara for candrabindu).
SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("ाएंगी", "ाएंगे", "ाऊंगी", "ाऊंगा", "ाइयां", "ाइयों"),
    ("ाएगी", "ाएगा", "ाओगी", "ाओगे", "एंगी", "ेंगी", "एंगे", "ेंगे", "ूंगी", "ूंगा", "ातीं", "नाओं", "नाएं",
     "ताओं", "ताएं", "ियां", "ियों"),
    ("ाकर", "ाइए", "ाईं", "ाया", "ेगी", "ेगा", "ोगी", "ोगे", "ाने", "ाना", "ाते", "ाती", "ाता", "तीं", "ाओं",
     "ाएं", "ुओं", "ुएं", "ुआं"),
    ("कर", "ाओ", "िए", "ाई", "ाए", "ने", "नी", "ना", "ते", "ीं", "ती", "ता", "ां", "ों", "ें"),
    ("ो", "े", "ू", "ु", "ी", "ि", "ा"),
)
# Devanagari letters and marks, not its digits or dandas (a class body).
_LETTERS = "\u0900-\u0963\u0971-\u097f"
# A whole word of them, at least 3 long (a shorter one keeps its ending): the words stemmed.
_STEMMED = re.compile(f"(?<!{WORD_CHAR})[{_LETTERS}]{{3,}}(?!{WORD_CHAR})")
_ANY = re.compile(f"[{_LETTERS}]")


def stem(word: str) -> str:
    """The folded Devanagari word without its longest ending of :data:`SUFFIXES`, when at least
    2 letters remain (see the module docstring), and again while one is left: a stem must be its
    own stem, or the stem typed as a query would not find the words it came from.

    >>> stem("सवालों"), stem("अच्छी"), stem("करते"), stem("कर"), stem("है"), stem("ँँाा")
    ('सवाल', 'अच्छ', 'कर', 'कर', 'है', 'ँँ')
    """
    while True:
        for size, endings in zip(range(5, 0, -1), SUFFIXES, strict=True):
            if len(word) > size + 1 and word.endswith(endings):
                word = word[:-size]
                break
        else:
            return word


def search_form(text: str) -> str:
    """Folded ``text`` with each whole Devanagari word stemmed; everything else as it was."""
    if text.isascii() or _ANY.search(text) is None:
        return text
    return _STEMMED.sub(lambda m: _stem(m.group()), text)


@lru_cache(maxsize=1 << 15)
def _stem(word: str) -> str:
    """stem, remembered: words repeat (Zipf)."""
    return stem(word)


# The page's rules (page_assets puts them in the page; catalog.tokens' fold calls hindi()).
SCRIPT = r"""
  const HI_SUFFIXES = @SUFFIXES@;
  const HI_STEMMED = /(?<![\p{L}\p{N}\p{M}])[@LETTERS@]{3,}(?![\p{L}\p{N}\p{M}])/gu;
  function hiStem(w) {
    for (let k = 0; k < HI_SUFFIXES.length; k++) {
      const size = 5 - k;
      if (w.length > size + 1 && HI_SUFFIXES[k].some((e) => w.endsWith(e))) return hiStem(w.slice(0, -size));
    }
    return w;
  }
  function hindi(s) { return s.replace(HI_STEMMED, (w) => hiStem(w)); }
""".replace("@SUFFIXES@", json.dumps(SUFFIXES)).replace("@LETTERS@", r"\u0900-\u0963\u0971-\u097f")
