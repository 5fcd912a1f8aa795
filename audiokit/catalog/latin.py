"""Latin letters as search sees them (pure): the letters Unicode does not decompose, spelt in ASCII.

The fold (:mod:`audiokit.catalog.tokens`) takes the accents off what Unicode decomposes into a
letter and marks (é is e + ◌́, so "cafe" finds "café"), as FTS5's ``remove_diacritics`` does.
A letter with a stroke, a ligature or a letter of its own has no decomposition, so it stayed
itself and a reader typing on a keyboard without it found nothing: "soren" missed "Søren",
"lodz" "Łódź", "dokovic" "Đoković", "strasse" "Straße", "thorn" "Þorn". :data:`LETTERS` spells
each of them as Lucene's ``ASCIIFoldingFilter`` does (``org.apache.lucene.analysis.miscellaneous``;
ICU's Latin-ASCII transliteration agrees on every one), for the letters of Latin-1 and Latin
Extended-A, the alphabets of Europe's languages, that Unicode does not decompose. Their capitals
need no entry: the fold lowers the case first (Ø is ø, ẞ is ß, and Turkish İ decomposes to I and
a dot, which is i). Letters that Unicode does decompose are folded already by NFKD: ǿ ǽ (ø æ and an
accent, then ASCII here), ſ (s), ĳ (ij), and the Catalan ŀ (l and a middle dot, which ends a token
as the l·l typed on a keyboard does). Lucene's other entries (Latin Extended-B, IPA and phonetic
letters: ƀ ǥ ɨ ...) are left out: no living European alphabet has them.

Two spellings become one word, as a keyboard without the letter makes them: Danish "tør" (dare)
is found by "tor", and Turkish "kır" (countryside) by "kir" (dirt; tests/test_catalog_fold.py counts
such merges). Measured on Debian's word lists (every form of a word; wdanish, wnorwegian, wngerman,
wpolish, hunspell-tr), the words holding one of these letters that now fold as another word of the
list: Danish 626 of 67,225 (0.9%: for/før, bors/børs), Norwegian Bokmål 1,638 of 135,325 (1.2%:
ost/øst), German 35 of 6,693 (0.5%: Masse/Maße, many of them the spellings before and after 1996,
Floß/floss), Polish 12,545 of 888,538 (1.4%: lajkom/łajkom), Turkish 536 of 144,650 (0.4%:
takim/takım). French's list writes oeuvre, which œuvre now finds.

>>> search_form("søren łodz đokovic ħal ılık æble œuvre straße þorn ðu ŋ ĸ ŧ")
'soren lodz dokovic hal ilik aeble oeuvre strasse thorn du n q t'
"""

from __future__ import annotations

__all__ = ["LETTERS", "SCRIPT", "search_form"]

# Small letters only (the fold has lowered the case), each as ASCIIFoldingFilter spells it; ĸ
# (kra, Greenlandic before 1973) is q there and in ICU: the letter that took its place.
LETTERS = {
    "æ": "ae", "ð": "d", "ø": "o", "þ": "th", "ß": "ss",
    "đ": "d", "ħ": "h", "ı": "i", "ĸ": "q", "ł": "l", "ŋ": "n", "œ": "oe", "ŧ": "t",
}
_LETTERS = tuple(LETTERS.items())


def search_form(folded: str) -> str:
    """Lower-case text with the letters of :data:`LETTERS` spelt in ASCII."""
    # A str.replace for each letter the text holds: a 250-character passage with 20 of them, 1.3
    # us (str.translate, 12.6; re.sub with a function, 6.5); one without any, 0.4.
    for letter, spelt in _LETTERS:
        if letter in folded:
            folded = folded.replace(letter, spelt)
    return folded


# The page's search_form (page_assets puts it in the page, before catalog.tokens' SCRIPT).
SCRIPT = """
  const LATIN = @LETTERS@;
  function latin(s) { return s.replace(/[@CLASS@]/g, (c) => LATIN[c]); }
""".replace("@LETTERS@", "{" + ", ".join(f'"\\u{ord(k):04x}": "{v}"' for k, v in LETTERS.items()) + "}").replace(
    "@CLASS@", "".join(f"\\u{ord(k):04x}" for k in LETTERS))
