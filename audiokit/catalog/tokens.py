"""Words as the search index sees them (pure): folded tokens and the word pairs of phrases.

A token is a run of letters, digits and combining marks (:data:`TOKEN_CHAR`): a word of an
Indic script is one token with its vowel signs and viramas ("हिन्दी", not "ह", "न", "द").
:func:`fold` makes the text that tokens are cut from: compatibility forms as their letters
(NFKD: "ﬁ" is "fi", "²" is "2", as the catalogue page folds them too), lower case (the Greek
final sigma ς as σ, as FTS5 folds it: tests/test_catalog_fold.py compares the two), the Latin
letters Unicode does not decompose spelt in ASCII (:mod:`audiokit.catalog.latin`: ø is o, ß is
ss, as Lucene's ASCIIFoldingFilter spells them), without the marks search ignores (:data:`IGNORED`: Latin accents, Hebrew points, the Devanagari nukta; the
Devanagari candrabindu is the anusvara; a zero-width joiner or non-joiner after an Indic letter,
which only shapes it, is dropped), Arabic-script words in their search form
(:mod:`audiokit.catalog.arabic`: spelling variants folded, the joiners of Persian's bound
morphemes dropped, attached prefixes taken off), and
Devanagari words without Hindi's inflectional endings (:mod:`audiokit.catalog.hindi`). The
index's ``text`` column holds the folded text, and FTS5's ``unicode61`` tokenizer, told to keep
marks inside tokens (``categories 'L* N* Co M*'``, see :mod:`audiokit.catalog.db`), cuts it
into these very tokens. Besides the words, the index holds each passage's *grams*: every two
adjacent tokens joined by :data:`JOIN` (a private-use character, which ``unicode61`` keeps
inside a token and no transcript holds). A phrase of n tokens is looked up as the phrase of its
n-1 grams, whose lists in the index are short even when the words are common ("of the"): FTS5
then never walks the long lists of common words, which is what keeps phrase search fast in a
catalogue of tens of millions of words.

A transcriber's note in a passage ("[MUSIC PLAYING]", "(laughter)": :mod:`audiokit.text.notes`) is
not speech: it is shown with the passage but gives no tokens (:func:`said`), so "music" does not
find it and a phrase runs across it ("so [laughs] funny" holds "so funny").

>>> tokens("Café GPT-4’s")
['cafe', 'gpt', '4', 's']
>>> grams("It's the GPT-4 model.").replace(JOIN, "_")
'it_s s_the the_gpt gpt_4 4_model'
>>> owned_tokens("It's the GPT-4 model.".split(" "))
(['it', 's', 'the', 'gpt', '4', 'model'], [0, 0, 1, 2, 2, 3])
>>> owned_tokens("So (laughs) funny [MUSIC\u00a0PLAYING]".split(" "))
(['so', 'funny'], [0, 2])
>>> tokens("وَالنَّعْنَاعُ الطازج") == tokens("النعناع والطازج") == ["نعناع", "طازج"]
True
>>> tokens("हिन्दी पॉडकास्ट में आपका स्वागत है")
['हिन्द', 'पॉडकास्ट', 'में', 'आपक', 'स्वागत', 'है']
>>> tokens("తెలుగు పాడ్\u200cకాస్ట్‌కు స్వాగతం!") == ["తెలుగు", "పాడ్కాస్ట్కు", "స్వాగతం"]
True
>>> tokens("फ़िल्म, हूँ") == tokens("फिल्म हूं")
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import pairwise

from audiokit.catalog.arabic import MARKS as ARABIC_MARKS
from audiokit.catalog.arabic import SEAT, search_form
from audiokit.catalog.hindi import search_form as hindi_form
from audiokit.catalog.latin import search_form as latin_form
from audiokit.text.letters import BMP_MARKS, MARKS
from audiokit.text.letters import WORD_CHAR as TOKEN_CHAR
from audiokit.text.notes import is_note

__all__ = ["IGNORED", "JOIN", "SCRIPT", "TOKEN_CHAR", "columns", "fold", "folded_tokens", "gram_list", "grams",
           "owned_tokens", "said", "tokens"]

JOIN = "\ue000"
# TOKEN_CHAR as one class, which runs 3 times as fast as its alternation; it holds "_" as well,
# which folded_tokens turns into a space first.
_TOKEN = re.compile(f"[\\w{BMP_MARKS}]+")
# Text with a character beyond the BMP is cut with every mark (a 250-character Latin passage:
# 16 us with this class, 5 with the BMP's).
_WIDE_TOKEN = re.compile(f"[\\w{MARKS}]+")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
# The combining marks search ignores (a character-class body), once the text is in NFKD: the
# Latin-range diacritics (as FTS5's remove_diacritics does), Hebrew points and cantillation
# (optional, as the Arabic harakat, which arabic.normalize drops), and the Devanagari nukta,
# which Hindi writers often leave out (फ़िल्म, फिल्म; Lucene's HindiNormalizer drops it too).
IGNORED = ("\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
           "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u093c")
_IGNORED = re.compile(f"[{IGNORED}]")
_CANDRABINDU, _ANUSVARA = "\u0901", "\u0902"  # हूँ and हूं: writers and keyboards use either
# ZWNJ and ZWJ choose how an Indic consonant cluster is drawn (पाड्‌कास्ट), not where a word
# ends; in Persian, ZWNJ ends a morpheme of one word (کتاب‌ها, کتابها), which catalog.arabic joins.
_INDIC_JOINER = re.compile("(?<=[\u0900-\u0dff])[\u200c\u200d]")


def fold(text: str) -> str:
    """Lower case without the marks search ignores, compatibility forms as their letters,
    Arabic-script and Devanagari words in their search form (ASCII text, the common case, takes
    the fast path).
    A word is folded on its own: the fold of words joined by spaces is their folds joined by spaces.

    >>> fold("Ｃafé ﬁx²"), fold("हूँ") == fold("हूं"), fold("Søren ÆRØ Straße")
    ('cafe fix2', True, 'soren aero strasse')
    """
    if text.isascii():
        return text.lower()
    folded = _IGNORED.sub("", unicodedata.normalize("NFKD", text))
    if _CANDRABINDU in folded:
        folded = folded.replace(_CANDRABINDU, _ANUSVARA)
    if "\u200c" in folded or "\u200d" in folded:
        folded = _INDIC_JOINER.sub("", folded)
    folded = folded.lower()
    if "\u03c2" in folded:  # final sigma: FTS5 folds it, so must the marks and counts
        folded = folded.replace("\u03c2", "\u03c3")
    return hindi_form(search_form(latin_form(folded)))


def _js_class(body: str) -> str:
    """A character-class body of real characters, as \\u escapes for the page's script."""
    return "".join(c if c == "-" else f"\\u{ord(c):04x}" for c in body)


# The page's fold and tokens (page_assets puts them in the page, after catalog.arabic's,
# catalog.hindi's and catalog.latin's SCRIPT):
# the same steps as fold, the Arabic marks dropped with the others before the Arabic rules.
SCRIPT = r"""
  const IGNORED = /[@IGNORED@@ARABIC@]/gu;
  function fold(s) {
    s = s.normalize("NFKD").replace(/\u06d5(?=[@ARABIC@]*\u0654)/gu, "\u0647").replace(/@SEAT@/gu, "\u0648")
      .replace(IGNORED, "")
      .replace(/\u0901/g, "\u0902").replace(/(?<=[\u0900-\u0dff])[\u200c\u200d]/gu, "");
    return hindi(arabic(latin(s.toLowerCase().replace(/\u03c2/g, "\u03c3"))));
  }
  function tokens(s) { return fold(s).match(/[\p{L}\p{N}\p{M}]+/gu) || []; }
""".replace("@IGNORED@", _js_class(IGNORED)).replace("@SEAT@", SEAT).replace("@ARABIC@", ARABIC_MARKS)


def folded_tokens(folded: str) -> list[str]:
    """The tokens of text already folded, in order."""
    text = folded.replace("_", " ") if "_" in folded else folded
    return (_TOKEN if folded.isascii() or not _BEYOND_BMP.search(folded) else _WIDE_TOKEN).findall(text)


def tokens(text: str) -> list[str]:
    """The tokens of ``text`` in order."""
    return folded_tokens(fold(text))


def gram_list(found: Sequence[str]) -> list[str]:
    """The grams of a list of tokens: gram k is tokens k and k+1."""
    return [a + JOIN + b for a, b in pairwise(found)]


def grams(text: str) -> str:
    """The passage's grams, space-separated, in order."""
    return " ".join(gram_list(tokens(text)))


def said(text: str) -> str:
    """A passage's text (words joined by single spaces) without its transcribers' notes: what
    the index holds and search matches in. Word k of a passage is still word k of its text; only
    the tokens leave the notes out.

    >>> said("Thanks. [laughs] So (both\u00a0laugh) (P2SH)")
    'Thanks. So (P2SH)'
    """
    if "[" not in text and "(" not in text:  # nearly every passage: no note
        return text
    return " ".join(w for w in text.split(" ") if not is_note(w))


def columns(text: str) -> tuple[str, str]:
    """The index's two columns for a passage's text: the folded text and the grams (one fold),
    its notes left out (:func:`said`).

    >>> columns("Café بالبيت")
    ('cafe بيت', 'cafe\\ue000بيت')
    >>> columns("[MUSIC] Hi (laughter) all")
    ('hi all', 'hi\\ue000all')
    """
    folded = fold(said(text))
    return folded, " ".join(gram_list(folded_tokens(folded)))


def owned_tokens(words: Sequence[str]) -> tuple[list[str], list[int]]:
    """The tokens of a run of words, and for each token the index of its word (a note has none)."""
    found: list[str] = []
    owner: list[int] = []
    for k, word in enumerate(words):
        if word[:1] in "[(" and is_note(word):
            continue
        for token in folded_tokens(fold(word)):
            found.append(token)
            owner.append(k)
    return found, owner
