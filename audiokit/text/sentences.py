"""A rule-based sentence splitter over whitespace tokens.

Words are never split or changed: the splitter only decides after which token a sentence
ends and returns ``(start, end)`` index pairs (``end`` exclusive) that cover every token.

>>> toks = "Hi Mr. Smith. Is 3.5 better than v1.2? Yes!".split()
>>> [" ".join(toks[a:b]) for a, b in split_sentences(toks)]
['Hi Mr. Smith.', 'Is 3.5 better than v1.2?', 'Yes!']

Closing quotes and brackets after the punctuation stay with their sentence:

>>> sentence_texts("He said “it is open.” Then he left (quietly.) The end")
['He said “it is open.”', 'Then he left (quietly.)', 'The end']

and so do closing marks written apart, as French writes them:

>>> sentence_texts("Il écrit : « Trop vite ! » Elle a raison.", "fr")
['Il écrit : « Trop vite ! »', 'Elle a raison.']

Abbreviations, initials and ellipses:

>>> sentence_texts("We compare e.g. GPT-4 vs. Llama 2. J. R. R. Tolkien wrote it.")
['We compare e.g. GPT-4 vs. Llama 2.', 'J. R. R. Tolkien wrote it.']
>>> sentence_texts("Apples, pears etc. are fruit. Made in the U.S. by hand. The end")
['Apples, pears etc. are fruit.', 'Made in the U.S. by hand.', 'The end']

An ellipsis marks a trailing-off inside the sentence, and a full stop followed by a
lowercase word is a transcription slip rather than a sentence end (both as in
hand-segmented podcast transcripts):

>>> sentence_texts("In terms of… And it was great... and then. but no. OK")
['In terms of… And it was great... and then. but no.', 'OK']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audiokit.text import arabic
from audiokit.text.notes import is_note

__all__ = ["ABBREVIATIONS", "ends_sentence", "has_rules", "leans_on_next", "sentence_texts", "split_sentences"]

# Closing characters that may follow the final punctuation: quotes, brackets, footnote stars.
_CLOSERS = "\"'”’»)]}*"
_OPENERS = "\"'“‘«([{¿¡"

# Abbreviations that never end a sentence (a name or a number follows them).
_NEVER_FINAL = {
    "mr.", "mrs.", "ms.", "mx.", "dr.", "prof.", "st.", "sr.", "jr.", "rev.", "hon.",
    "col.", "capt.", "lt.", "sgt.", "gov.", "sen.", "pres.", "mt.",
    "e.g.", "i.e.", "vs.", "v.", "cf.", "viz.", "approx.", "ca.", "fig.", "figs.", "eq.",
    "eqs.", "vol.", "vols.", "pp.", "ch.", "dept.", "incl.", "al.", "esp.", "resp.",
}
_INITIAL = re.compile(r"^[A-Z]\.$")  # J.
_ANY_INITIAL = re.compile(r"^[^\W\d_]\.$")  # Č., Ж.
_DOT_ORDINAL = re.compile(r"^[0-9]{1,2}\.$")  # German "am 3. Oktober", "im 21. Jahrhundert"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Per language: abbreviations that a name, a number or a noun follows, so never a sentence
# end (those that often close a sentence, like "ecc.", "usw." or "atd.", are left out, as
# "etc." is in English), and so are those spelled like a frequent word that ends sentences:
# Czech "nám." (us; náměstí), German "mag." (likes; Magister), French "vol." (flight; volume),
# Russian "им." (them; имени): each word is more frequent than the word abbreviated (wordfreq).
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "it": _words("sig. sigg. sig.ra sig.na dott. dott.ssa prof. prof.ssa ing. avv. geom. arch. on. "
                 "es. pag. pagg. n. nn. cap. art. vol. ca. cfr. p.es. tel. sez. fig. s. ss. v. "
                 "mons. gen. col. sen. dr."),
    "cs": _words("např. tzv. tj. tzn. resp. př. mj. pí. p. sv. č. str. odst. čl. písm. ing. mgr. bc. "
                 "doc. prof. mudr. judr. phdr. rndr. tis. mil. mld. ul. tel. viz. srov. "
                 "cca. popř. min. max. dr."),
    "sk": _words("napr. tzv. tj. resp. p. sv. č. str. ing. mgr. bc. doc. prof. mudr. judr. tis. mil. ul."),
    "de": _words("z.b. bzw. d.h. u.a. ca. dr. prof. nr. hr. fr. str. s. vgl. ggf. inkl. evtl. bspw. "
                 "sog. z.t. u.u. o.ä. mio. mrd. jh. st. abs. bd. dipl. ing. ev. ehem. gegr."),
    "es": _words("sr. sra. srta. dr. dra. ud. uds. lic. ing. prof. pág. págs. núm. art. p.ej. aprox. "
                 "vol. cap. av. avda. dña. d. sto. sta. fig. tel."),
    "fr": _words("m. mm. mme. mlle. dr. pr. p. ex. p.ex. cf. env. n°. chap. av. bd. st. ste. "
                 "me. mgr. fig. tél."),
    "pt": _words("sr. sra. srta. dr. dra. prof. profa. eng. pág. núm. art. p.ex. aprox. av. sto. sta. "
                 "fig. tel. vol. cap."),
    "pl": _words("np. tzn. tj. m.in. ok. ul. al. pl. nr. dr. prof. inż. mgr. godz. tys. mln. mld. "
                 "zob. ww. tzw. ks. św. płk. gen. wg. ds."),
    "nl": _words("bijv. dhr. mevr. mw. dr. prof. ir. ing. nr. d.w.z. o.a. m.b.t. ca. blz. vgl. zgn. "
                 "mr. drs. st. resp. t.o.v. i.p.v."),
    "fi": _words("esim. ns. mm. n. ks. tri. prof. v. vrt. s. os. puh. ts. ym. nk."),
    "ru": _words("т.е. т.к. т.н. напр. г. гг. проф. ул. д. см. тыс. млн. млрд. руб. в. вв. "
                 "акад. ст. стр. рис. пр. доц."),
    # Arabic has few (:data:`audiokit.text.arabic.ABBREVIATIONS`): "د. محمد", "أ.د. سعاد".
    "ar": arabic.ABBREVIATIONS,
}


# English abbreviations spelled like a word of another language that ends sentences, so not
# abbreviations there: Dutch "al" (already) and "vol" (full), Finnish "sen" (it), Swedish "hon"
# (she) and "sen" (late), Turkish "sen" (you), Czech, Slovak and Polish "sen" (dream), Latvian
# "sen" (long ago), French "vol" (flight), Catalan "vol" (wants); each of Zipf 4.5 or more there.
_WORDS_ELSEWHERE: dict[str, frozenset[str]] = {
    "nl": _words("al. vol."), "fi": _words("sen."), "sv": _words("hon. sen."), "tr": _words("sen."),
    "cs": _words("sen."), "sk": _words("sen."), "pl": _words("sen."), "lv": _words("sen."),
    "fr": _words("vol."), "ca": _words("vol."),
}


def has_rules(language: str) -> bool:
    """Whether sentence splitting knows ``language``'s abbreviations (else: generic rules).

    >>> has_rules("en"), has_rules("it"), has_rules("sv")
    (True, True, False)
    """
    return language == "en" or language in ABBREVIATIONS


# Sentence-final marks that are never an abbreviation's dot: Devanagari (and other Indic) danda
# and double danda, the Arabic question mark, the Urdu full stop, the Armenian and Ethiopic full stops.
_TERMINAL = ("?", "!", "‽", "।", "॥", "؟", "۔", "։", "።")


def _core(token: str) -> str:
    """The token without opening quotes/brackets and closing quotes/brackets."""
    return token.lstrip(_OPENERS).rstrip(_CLOSERS)


def _starts_upper(token: str | None) -> bool:
    if not token:
        return False
    stripped = token.lstrip(_OPENERS + "–—-")
    # A script without case (Devanagari, Telugu, Arabic ...) may open a sentence with any letter.
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit()
                               or (stripped[0].isalpha() and not stripped[0].islower()))


def ends_sentence(token: str, following: str | None = None, language: str = "en") -> bool:
    """True when a sentence ends after ``token`` given the ``following`` token (or None
    at the end of the text), in ``language`` (an ISO 639-1 code; its abbreviations and
    initials in any script, see :data:`ABBREVIATIONS`).

    >>> ends_sentence("např.", "Praha", "cs"), ends_sentence("3.", "Oktober", "de"), ends_sentence("Ž.", "Nováková", "cs")
    (False, False, False)
    >>> ends_sentence("z.", "B.", "de"), ends_sentence("u.", "U.", "de")
    (False, False)

    >>> ends_sentence("then.", "So")
    True
    >>> ends_sentence("Dr.", "Smith")
    False
    >>> ends_sentence("etc.", "and")
    False
    >>> ends_sentence("etc.", "The")
    True
    >>> ends_sentence("right?", "if")
    True
    >>> ends_sentence("fine-tuning.", "and")
    False
    >>> ends_sentence("है।", "मैं", "hi"), ends_sentence("స్వాగతం.", "నేను", "te"), ends_sentence("вечер.", "и", "ru")
    (True, True, False)
    >>> ends_sentence("هناك؟", "الطماطم", "ar"), ends_sentence("د.", "محمد", "ar"), ends_sentence("البيت.", "ثم", "ar")
    (True, False, True)
    """
    core = _core(token)
    if not core:
        return False
    if core.endswith(_TERMINAL):
        return True
    if following is None:
        return True
    if core.endswith(("...", "…")) or not core.endswith("."):
        return False
    if not _starts_upper(following):
        return False
    lower = core.lower()
    if lower in _NEVER_FINAL and lower not in _WORDS_ELSEWHERE.get(language, ()):
        return False
    if language != "en":
        # "OK." in capitals is "okay", not Polish "ok." (około, about).
        abbreviation = lower in ABBREVIATIONS.get(language, ()) and not (len(core) > 2 and core[:-1].isupper())
        if abbreviation or (_ANY_INITIAL.match(core) and core[0].isupper()):
            return False
        if language == "de" and _DOT_ORDINAL.match(core):
            return False
        if _ANY_INITIAL.match(core) and _ANY_INITIAL.match(_core(following)):
            # An abbreviation spelled with spaces, as German writes "z. B.", "u. U.", "i. d. R.".
            return False
    if _INITIAL.match(core):
        # An initial ("J.") is followed by a name; only the pronoun "I." ends a sentence.
        return core == "I."
    # Anything else ("then.", "etc.", "U.S.", "v1.2.") before a capital ends the sentence
    # (best effort: "U.S. Army" splits too).
    return True


def leans_on_next(token: str, following: str, language: str = "en") -> bool:
    """``token``'s dot is an abbreviation's that a name, a number or a noun follows ("Dr. Meier",
    "ca. 20", "z. B.", German "1. Mai"), not a sentence end: a caption line should not end on it.

    >>> leans_on_next("1.", "Mai", "de"), leans_on_next("z.", "B.", "de"), leans_on_next("dr.", "Eva", "nl")
    (True, True, True)
    >>> leans_on_next("Dr.", "Smith"), leans_on_next("then.", "So"), leans_on_next("etc.", "and"), leans_on_next("1.", "Mai")
    (True, False, False, False)
    >>> leans_on_next("B.", "zwölf", "de"), leans_on_next("ca.", "ein", "de")
    (False, True)
    """
    core = _core(token)
    if not core.endswith(".") or ends_sentence(token, following, language):
        return False
    lower = core.lower()
    if lower in _NEVER_FINAL and lower not in _WORDS_ELSEWHERE.get(language, ()):
        return True
    if language == "en":
        return bool(_INITIAL.match(core))
    if lower in ABBREVIATIONS.get(language, ()) or (language == "de" and _DOT_ORDINAL.match(core)):
        return True
    # An initial before a name ("Ž. Nováková") or the next letter of a spaced abbreviation
    # ("z. B."); not the abbreviation's last letter before what it introduces ("z. B. zwölf").
    return bool(_ANY_INITIAL.match(core)) and (
        bool(_ANY_INITIAL.match(_core(following))) or (core[0].isupper() and _starts_upper(following)))


def split_sentences(tokens: Sequence[str], language: str = "en") -> list[tuple[int, int]]:
    """Split ``tokens`` into sentences: ``(start, end)`` index pairs, ``end`` exclusive,
    in order, covering every token exactly once, by the rules of ``language``.

    >>> split_sentences(["Hello", "there.", "How", "are", "you?"])
    [(0, 2), (2, 5)]
    >>> split_sentences([])
    []
    >>> split_sentences(["[Music]", "Hi,", "Nadia.", "(laughs)", "Hello."])
    [(0, 4), (4, 5)]
    """
    said = [i for i, t in enumerate(tokens) if not is_note(t)]
    if not said:
        return [(0, len(tokens))] if tokens else []
    # Notes are read past: a sentence ends by what is said around them, and the notes right after
    # its end stay with it ("Thanks, Nadia. [laughs] I keep bees": the laugh answers the thanks).
    spans: list[tuple[int, int]] = []
    start = 0
    pending = False  # the sentence ended, but closing marks written apart follow ("lundi ! »")
    for k, i in enumerate(said):
        token = tokens[i]
        following = tokens[said[k + 1]] if k + 1 < len(said) else None
        ends = following is None or ends_sentence(token, following, language) or (pending and _only_closers(token))
        pending = ends and following is not None and _only_closers(following)
        if ends and not pending:
            end = said[k + 1] if k + 1 < len(said) else len(tokens)
            spans.append((start, end))
            start = end
    return spans


def _only_closers(token: str) -> bool:
    # Straight quotes are left out: written apart, one may as well open the next sentence.
    return bool(token) and all(c in "”’»)]}" for c in token)


def sentence_texts(text: str, language: str = "en") -> list[str]:
    """The sentences of ``text`` (tokens joined by single spaces); for tests and docs.

    >>> sentence_texts("Yes. No.")
    ['Yes.', 'No.']
    """
    tokens = text.split()
    return [" ".join(tokens[a:b]) for a, b in split_sentences(tokens, language)]
