"""Ranking title phrases by keyness, for languages other than English.

Without a part-of-speech tagger for the language, what tells a chapter's topic from the words
around it is how the words are spread: the topic's noun is said several times in its chapter,
rarely in the others, and is rarer in the language at large than the verbs, adverbs and
pronouns of conversation ("sauna", "bicicletta", "metro" against "quasi", "nessuno", "usa").
So each content lemma of a chapter (:func:`audiokit.chapters.titles_lang.content_lemmas`) gets

    keyness = tf * share * rarity * (NAME if a name)

where ``tf`` is its count in the chapter, ``share`` the part of the episode's uses that fall
in this chapter, and ``rarity`` its negative log frequency in the language over that of a very
common word (:func:`rarity_of`, from wordfreq's lists; 1 for every word in a language wordfreq
has no list for, such as Marathi and Telugu). A name (only ever capitalised inside sentences)
weighs less: it says who speaks or writes in, seldom what about. A candidate phrase
(:func:`audiokit.chapters.titles_lang.by_sentence`) scores the keyness of its content lemmas,
less ``EXTRA`` of the chapter's best keyness for each word past the first, so a second word
must add keyness of its own ("stanice metra", but not "mercat cada dissabte"). Phrases of the
chapter's first sentence with any, where a conversation names its new topic ("Passem a les
vostres preguntes", "Итак, дача"), weigh ``FIRST_BONUS`` times more. A lone word is titled in
its dictionary form ("trh" for "trhu").

The settings were chosen on lang-it, lang-cs, lang-ca, lang-hi and lang-ru and checked on
lang-fi, lang-mr and lang-te (``scripts/bench_languages_text.py``). The English embedding
centrality that reranks English titles made these worse ("Обычную карту и наушники" over
"Станций метро"), so it is not used here.

>>> texts = ["Il prezzo del caffè è salito. Il caffè costa. Il prezzo sale ancora.",
...          "Parliamo di sauna. La sauna finlandese è calda. In sauna si parla poco del caffè."]
>>> [[p.text for p in chapter[:2]] for chapter in rank(texts, "it", rarity_of("it"))]
[['prezzo del caffè', 'prezzo'], ['sauna', 'sauna finlandese']]
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from audiokit.chapters import titles_lang
from audiokit.chapters.title_text import written_form
from audiokit.chapters.titles import Phrase

__all__ = ["JOIN", "Rarity", "rank", "rarity_of"]

Rarity = Callable[[str], float]

NAME = 0.5
EXTRA = 0.5
FIRST_BONUS = 3.0
# A second phrase joins the title ("Barish aur mansoon") only when it scores nearly as well as
# the first: the authors' titles of the tuning sets name one topic.
JOIN = 0.9
# wordfreq's natural-log frequency of a very common content word (Zipf 6, about 1 in 1,000
# words) and the clamp on the ratio, so a word wordfreq has never seen counts as rare, not as
# infinitely so.
_COMMON_LOGPROB = math.log(1e-3)
_RARITY_RANGE = (0.5, 2.5)
# How much rarer (in rarity, 1/3 per Zipf point) a lemma may be than the word as written for a
# title to use it.
_LEMMA_RARER = 0.5


def rarity_of(language: str) -> Rarity | None:
    """How rare a word is in ``language``: 1 for a word of Zipf frequency 6 (1 in 1,000 words),
    2 for one of Zipf 3, and :data:`_RARITY_RANGE`'s top for a word wordfreq does not know;
    ``None`` where wordfreq has no list for the language.

    >>> rarity = rarity_of("it")
    >>> rarity("quasi") < rarity("sauna"), rarity_of("te")
    (True, None)
    """
    from audiokit.clips.language import background_logprob  # wordfreq, at the edge

    logprob = background_logprob(language)
    if logprob is None:
        return None

    def rarity(word: str) -> float:
        low, high = _RARITY_RANGE
        return min(high, max(low, logprob((word,)) / _COMMON_LOGPROB))

    return rarity


def _keyness(texts: Sequence[str], language: str, rarity: Rarity | None) -> tuple[list[dict[str, float]], set[str]]:
    """Each chapter's content lemmas with their keyness, and the lemmas that are names (see the
    module docstring)."""
    counts: list[Counter[str]] = []
    capitals: defaultdict[str, set[bool]] = defaultdict(set)
    for text in texts:
        found = titles_lang.content_lemmas(text, language)
        counts.append(Counter(lemma for lemma, _ in found))
        for lemma, capital in found:
            if capital is not None:
                capitals[lemma].add(capital)
    names = {lemma for lemma, seen in capitals.items() if seen == {True}}
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c)
    keys = []
    for c in counts:
        key = {}
        for lemma, tf in c.items():
            weight = tf * tf / total[lemma] * (rarity(lemma) if rarity else 1.0)
            key[lemma] = weight * (NAME if lemma in names else 1.0)
        keys.append(key)
    return keys, names


def rank(texts: Sequence[str], language: str, rarity: Rarity | None = None, top: int = 12) -> list[list[Phrase]]:
    """The best ``top`` candidate phrases of every chapter text, best first (see the module
    docstring); ``rarity`` is :func:`rarity_of` the language, or ``None`` to weigh every word
    alike."""
    keys, names = _keyness(texts, language, rarity)
    ranked = []
    for text, key in zip(texts, keys, strict=True):
        best_word = max(key.values(), default=0.0)
        scores: dict[tuple[str, ...], float] = {}
        forms: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        first = True
        for sentence in titles_lang.by_sentence(text, language):
            for phrase, written in sentence:
                words = [key[lemma] for lemma in phrase if lemma in key]
                if not words:
                    continue
                score = sum(words) - EXTRA * best_word * (len(words) - 1)
                scores[phrase] = max(scores.get(phrase, 0.0), score * (FIRST_BONUS if first else 1.0))
                forms[phrase][written] += 1
            first = first and not sentence
        phrases = [Phrase(p, _title_form(p, forms[p], rarity, names), s) for p, s in scores.items() if s > 0]
        phrases.sort(key=lambda p: (-p.score, p.text))
        ranked.append(phrases[:top])
    return ranked


def _title_form(phrase: tuple[str, ...], forms: Counter[str], rarity: Rarity | None, names: set[str]) -> str:
    """How a phrase is written in its title: a lone word that is no name in its dictionary
    form (its lemma: "trh" for "trhu", "картошка" for "Картошку") where the language's word
    list knows that form about as well as the written one (at most :data:`_LEMMA_RARER` rarer:
    not "vaio", simplemma's lemma of the verb "vai") and that begins as the written one does (not
    "člověk" for "lidé": a suppletive lemma is a word the chapter never says); else as the
    chapter writes it most often.

    >>> cs, it = rarity_of("cs"), rarity_of("it")
    >>> _title_form(("trh",), Counter({"trhu": 2, "trhy": 1}), cs, set())
    'trh'
    >>> _title_form(("vaio",), Counter({"vai": 1}), it, set())
    'vai'
    >>> _title_form(("člověk",), Counter({"lidé": 3}), cs, set())
    'lidé'
    """
    written = written_form(forms)
    if len(phrase) > 1 or phrase[0] in names or rarity is None:
        return written
    if phrase[0][:1].casefold() != written[:1].casefold():
        return written
    lemma = rarity(phrase[0])
    return phrase[0] if lemma < _RARITY_RANGE[1] and lemma <= rarity(written.lower()) + _LEMMA_RARER else written
