"""How good a place between two words is for a line or cue break (pure).

Lower is better. Style guides ask to break after punctuation, or before a conjunction or
preposition, and never between an article and its noun, an adjective and its noun, a first
and last name, or a number and its unit. Those last are best effort with small word lists:

>>> break_cost("soon", "then.", sentence_end=False) > break_cost("then.", "So", sentence_end=True)
True
>>> break_cost("the", "model") > break_cost("model", "of")
True
>>> break_cost("Aparna", "Dhinakaran") >= NEVER
True
>>> break_cost("30", "minutes") >= NEVER
True
>>> break_cost("big", "model") > break_cost("model", "and")
True
>>> break_cost("rather", "than") > break_cost("flowers,", "rather")
True

An abbreviation's dot is no sentence end: the name or number after it stays with it:

>>> break_cost("Dr.", "Smith") >= NEVER, break_cost("z.", "B.", language="de") >= NEVER
(True, True)

Other languages use their own articles and prepositions (:mod:`.function_words`), or, for a
language without a set, a frequency rule (its most frequent short words lean on the next):

>>> break_cost("della", "tazzina", language="it") >= NEVER, break_cost("v", "Praze", language="cs") >= NEVER
(True, True)
>>> break_cost("caffè", "e", language="it") < break_cost("caffè", "crudo", language="it")
True
>>> break_cost("och", "sedan", language="sv") > break_cost("sedan", "och", language="sv")
True
"""

from __future__ import annotations

import re

from audiokit.captions.function_words import RULES, czech_se_is_with, frequent_word, number_word, opens_clause
from audiokit.text.arabic import conjunction_led, one_phrase
from audiokit.text.sentences import leans_on_next
from audiokit.text.stopwords import lookup_form

__all__ = ["BEFORE_FUNCTION_WORD", "CLAUSE", "NEUTRAL", "NEVER", "SENTENCE", "break_cost"]

SENTENCE = 0.0
CLAUSE = 1.0
BEFORE_FUNCTION_WORD = 2.5
NEUTRAL = 4.0
AFTER_FUNCTION_WORD = 12.0
# Inside a noun phrase by the tagger: as bad as right after a function word ("of / the"), no
# worse, since the tagger errs ("were building / an app" read as one phrase). At 16, cues on the
# sample episode reshuffled more, for no fewer phrases split on seed-full (31 against 34 of 312 lines).
PHRASE = 12.0
ADJECTIVE = 25.0
NEVER = 60.0
"""Breaks that split a unit the style guides say never to split (avoided unless impossible)."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OPENERS = "\"'“‘«([{¿¡"
_CLOSERS = "\"'”’»)]}*"

ARTICLES = _words(
    "a an the this these those that my your his her its our their some any each every no "
    "another either neither such what which whose"
)
CONJUNCTIONS = _words(
    "and but or nor so yet because although though while whereas since unless until if "
    "when whenever where wherever whether that which who whom whose how why than then "
    "as once after before"
)
PREPOSITIONS = _words(
    "of in on at to for with from by about into onto over under after before between "
    "through during without within across against among around along behind beyond "
    "beside besides despite except inside outside near past per toward towards upon via "
    "like unlike off up down throughout"
)
# Words that lean on the word after them: a break right after them reads badly.
_CLINGING = _words(
    "to of in on at for with from by and or but is are was were be been i you we they he "
    "she it i'm we're you're they're it's that's there's can could would should will "
    "might must may do does did not very more most less least so too just really"
)
ADJECTIVES = _words(
    "new old big small large huge tiny little long short high low good great bad best "
    "better worse worst first last next other same different few many several much more "
    "most less least whole entire full real main major minor key important open closed "
    "public private free early late recent previous final single double common general "
    "specific certain simple complex hard easy nice cool interesting original human "
    "natural special actual whole overall additional similar various particular local "
    "global initial top bottom quick fast slow strong weak wide narrow deep broad "
    "fine-tuned pretrained pre-trained open-source larger smaller bigger better higher "
    "lower longer shorter"
)
_ADJECTIVE_SUFFIXES = ("ous", "ful", "ive", "able", "ible", "ical", "less", "ish", "est")
UNITS = _words(
    "% percent per cent percentage points point million millions billion billions "
    "trillion thousand thousands hundred hundreds dozen k m b bn km m cm mm kg g mg lb lbs "
    "gb mb tb kb gpu gpus hours hour minutes minute min mins seconds second secs sec ms "
    "days day weeks week months month years year decades times x tokens token parameters "
    "params layers dollars dollar euros pounds bucks people points fps hz khz mhz ghz "
    "bits bit bytes byte am pm p.m. a.m."
)
# Two-word prepositions and conjunctions, read as one word: "rather / than" and "according /
# to" looked like the cheap break before a function word.
FIXED_PAIRS = frozenset(tuple(pair.split()) for pair in (
    "rather than", "other than", "instead of", "according to", "due to", "thanks to", "prior to",
    "regardless of", "ahead of", "out of", "apart from", "away from", "next to", "close to",
    "kind of", "sort of", "lot of", "well as", "even though", "even if", "order to",
))
_NUMBER = re.compile(r"^[$€£#~≈]?\d[\d,.:/]*(?:st|nd|rd|th|s|%|k|m|b|x)?$", re.IGNORECASE)
# With the Arabic question mark, comma and semicolon (؟ ، ؛) and the Urdu full stop (۔).
_SENTENCE_END = re.compile(r"[.?!…‽؟۔]$")
_CLAUSE_END = re.compile(r"[,;:–—،؛-]$")


def _core(token: str) -> str:
    return token.lstrip(_OPENERS).rstrip(_CLOSERS)


def _bare(token: str) -> str:
    """Lowercase, without surrounding quotes, brackets or punctuation."""
    return _core(token).rstrip(".,;:!?…،؛؟۔").lower()


def _capitalised(token: str) -> bool:
    core = _core(token)
    return bool(core) and core[0].isupper() and core.lower() != "i"


def break_cost(before: str, after: str, sentence_end: bool = False, language: str = "en",
               following: str | None = None, in_phrase: bool = False) -> float:
    """The cost of breaking between the word ``before`` and the word ``after`` (as written).

    ``sentence_end`` says ``before`` ends a sentence of the transcript; ``language`` is the
    episode's ISO 639-1 code; ``following`` is the word after ``after`` when known (whether
    Czech "se" is the reflexive or the preposition depends on it); ``in_phrase`` that the two
    lie inside one noun phrase (English, from the tagger: "the carbon / footprint", "a vast /
    number", which no word list knows).

    >>> break_cost("carbon", "footprint"), break_cost("carbon", "footprint", in_phrase=True)
    (4.0, 12.0)
    """
    core = _core(before)
    if not sentence_end and core.endswith(".") and leans_on_next(before, after, language):
        return NEVER  # "Dr. / Meier", "z. / B.", German "1. / Mai": no sentence ends there
    if sentence_end or (_SENTENCE_END.search(core) and not core.endswith("..")):
        return SENTENCE
    if _CLAUSE_END.search(core) or before != before.rstrip(")]}") or after[:1] in "([{" or after in ("–", "—"):
        return CLAUSE
    if language != "en":
        return _other_language(before, after, language, following)
    cost = _english(before, after, core)
    return max(cost, PHRASE) if in_phrase else cost


def _english(before: str, after: str, core: str) -> float:
    """:func:`break_cost` past punctuation for English."""
    b, a = _bare(before), _bare(after)
    if b in ARTICLES and b not in ("that", "which", "what", "whose") or b in ("a", "an", "the"):
        return NEVER
    if _NUMBER.match(core) and (a in UNITS or after.startswith("%")):
        return NEVER
    # First and last name, or a name and its number ("Llama 2"); a capitalised function
    # word ("So Maggie") is not a name. Best effort.
    if (
        _capitalised(before)
        and (_capitalised(after) or _NUMBER.match(_core(after)))
        and b not in CONJUNCTIONS | PREPOSITIONS | _CLINGING
    ):
        return NEVER
    if (b, a) in FIXED_PAIRS:
        return ADJECTIVE
    # A word that leans on the next one still does when a function word follows ("and / of
    # the", "to / the"): checked before the cheap break ahead of a function word.
    if b in _CLINGING or b in PREPOSITIONS or b in CONJUNCTIONS:
        return AFTER_FUNCTION_WORD
    if a in CONJUNCTIONS or a in PREPOSITIONS:
        return BEFORE_FUNCTION_WORD
    if b in ADJECTIVES or (len(b) > 4 and b.endswith(_ADJECTIVE_SUFFIXES)):
        return ADJECTIVE
    return NEUTRAL


def _other_language(before: str, after: str, language: str, following: str | None = None) -> float:
    """:func:`break_cost` past punctuation for a language other than English.

    Czech "se" is the preposition before its noun ("se / sestrou" never) and otherwise the
    reflexive clitic, which leans on the word before it ("Jmenuji se / Tereza", never "Jmenuji /
    se Tereza"); not knowing the next word, it is taken for the preposition.

    >>> break_cost("se", "Tereza", language="cs") < NEVER <= break_cost("se", "sestrou", language="cs")
    True
    >>> break_cost("Jmenuji", "se", language="cs", following="Tereza") >= NEVER
    True
    >>> break_cost("kávou", "se", language="cs", following="sladkým") < NEUTRAL
    True

    Arabic words are looked up folded (harakat dropped), and a word with the conjunction و or
    ف written onto its article ("والنعناع") is a good place to break before, as a conjunction is:

    German "die" and Dutch "dat" are a determiner before their noun phrase, and a relative
    pronoun or conjunction opening a clause before anything else; the clause leans on them as
    on a conjunction, without forbidding the break:

    >>> break_cost("die", "Frau", language="de") >= NEVER, break_cost("das", "verzeiht", language="de")
    (True, 12.0)
    >>> break_cost("dat", "boek", language="nl") >= NEVER, break_cost("dat", "er", language="nl")
    (True, 12.0)

    >>> break_cost("فِي", "المدينة", language="ar") >= NEVER, break_cost("بكم", "في", language="ar")
    (True, 2.5)
    >>> break_cost("الطماطم", "والنعناع", language="ar") < break_cost("الطماطم", "النعناع", language="ar")
    True

    A word before a noun with the article is most often a construct ("سطح البيت"), priced as
    a noun phrase: ``break_cost("سطح", "البيت", language="ar") == PHRASE``.
    """
    b, a = lookup_form(_bare(before), language), lookup_form(_bare(after), language)
    core = _core(before)
    rules = RULES.get(language)
    if rules is None:  # generic: the language's most frequent short words lean on the next
        if _NUMBER.match(core) and after.startswith(("%", "٪")):
            return NEVER
        if frequent_word(b, language):
            return AFTER_FUNCTION_WORD * 2
        return BEFORE_FUNCTION_WORD if frequent_word(a, language) else NEUTRAL
    reflexive_before = language == "cs" and b == "se" and not czech_se_is_with(a)
    # German "die" and Dutch "dat" open a clause, leaning on its next word as a conjunction does,
    # when what follows cannot begin a noun phrase ("die / ich", "dat / er"), else they are its
    # determiner ("die / Frau" never). Before them, the comma of the clause is the break.
    pronoun = b in rules.relatives and opens_clause(_core(after).rstrip(".,;:!?…"), language)
    # Dutch "'t", "'s" as written: the bare form has lost its apostrophe.
    elided = before[:1] in "'’" and "'" + before[1:].lower() in rules.binding
    if (b in rules.binding and not reflexive_before and not pronoun) or elided or before.endswith(("'", "’")):
        return NEVER  # "della", "v"; "'s ochtends"; "l'"
    if a in rules.enclitics:  # Hindi "में", Telugu "లో": they belong to the word before
        return NEVER
    if language == "cs" and a == "se" and following is not None and not czech_se_is_with(_bare(following)):
        return NEVER
    # German capitalises nouns: a number before one counts it ("300 / Quadratmetern", "drei / Tage").
    counted = (language == "de" and _capitalised(after) and _core(after)[:1].isalpha()
               and a not in rules.binding | rules.clinging | rules.conjunctions)  # not "2019 / Ich"
    if (_NUMBER.match(core) or number_word(b, language)) and (a in rules.units or after.startswith(("%", "٪")) or counted):
        return NEVER
    if _capitalised(before) and _capitalised(after) and b not in rules.conjunctions | rules.clinging:
        return NEVER  # a first and last name (best effort)
    # A word that leans on the next one still does when a function word follows ("e / con la
    # moka", "nebo / do Polska"): checked before the cheap break ahead of a function word.
    if b in rules.clinging or b in rules.conjunctions or pronoun:
        return AFTER_FUNCTION_WORD
    if language == "ar" and one_phrase(b, a):  # "سطح / البيت", as English's tagged noun phrases
        return PHRASE
    if a in rules.conjunctions or a in rules.binding or (language == "ar" and conjunction_led(a)):
        return BEFORE_FUNCTION_WORD
    return NEUTRAL
