"""German "der/die/das" and Dutch "die/dat": a determiner before its noun phrase (never end a line
on it), and a relative pronoun or the conjunction "that" opening a clause (the break is before it,
at the clause's comma; after it the clause leans on it, as on a conjunction)."""

from __future__ import annotations

import itertools

import pytest

from audiokit.captions import STYLES, build_cues, function_words
from audiokit.captions.breaks import AFTER_FUNCTION_WORD, BEFORE_FUNCTION_WORD, CLAUSE, NEVER, break_cost
from audiokit.model import Episode, Metadata, Sentence, Turn, Word
from audiokit.text.sentences import split_sentences


@pytest.mark.parametrize(("lang", "word", "after"), [
    ("de", "die", "Frau"), ("de", "das", "erste"), ("de", "der", "Radverkehr"), ("de", "die", "sehr"),
    ("de", "das", "größte"), ("de", "dem", "Markt"), ("nl", "dat", "boek"), ("nl", "die", "oude"),
    ("nl", "die", "film"), ("nl", "die", "heel"), ("nl", "dat", "klopt"),  # a Dutch verb looks like a noun
])
def test_a_determiner_never_ends_a_line(lang: str, word: str, after: str) -> None:
    assert break_cost(word, after, language=lang) >= NEVER


@pytest.mark.parametrize(("lang", "word", "after"), [
    ("de", "die", "ich"), ("de", "das", "verzeiht"), ("de", "Das", "stimmt."), ("de", "den", "man"),
    ("de", "die", "seit"), ("de", "dem", "das"), ("nl", "die", "is"), ("nl", "dat", "er"), ("nl", "dat", "we"),
    ("nl", "die", "in"), ("nl", "dat", "de"),
])
def test_a_clause_opening_relative_leans_like_a_conjunction(lang: str, word: str, after: str) -> None:
    assert break_cost(word, after, language=lang) == AFTER_FUNCTION_WORD


def test_the_break_is_before_the_relative() -> None:
    assert break_cost("Roggenmehl an,", "das", language="de") == CLAUSE
    assert break_cost("proberen,", "die", language="nl") == CLAUSE
    # Dutch writes no comma before "dat" (that): the break before it is a conjunction's.
    assert break_cost("zegt", "dat", language="nl") == BEFORE_FUNCTION_WORD
    assert "dat" not in function_words.RULES["nl"].conjunctions  # a relative, read by what follows


@pytest.mark.parametrize(("lang", "text"), [
    ("de", ("Fangt mit Roggenmehl an, das verzeiht mehr Fehler. Die Frau, die ich gestern getroffen habe, "
            "kennt deinen Bruder. Das ist das größte Problem, das wir in der Stadt haben.")),
    ("nl", ("Dan moet je de oude kaas eens proberen, die is lekker pittig en een beetje zout. "
            "Zij zegt dat er vooral te weinig kleine woningen zijn. Dat boek heb ik gelezen.")),
])
def test_lines_keep_determiners_with_their_noun(lang: str, text: str) -> None:
    words = [Word(t, 0.4 * k, 0.4 * k + 0.35) for k, t in enumerate(text.split())]
    sentences = tuple(Sentence(tuple(words[a:b])) for a, b in split_sentences(text.split(), lang))
    ep = Episode((Turn("A", sentences),), metadata=Metadata(language=lang))
    rules = function_words.RULES[lang]
    for style in STYLES.values():
        lines = [line.split() for c in build_cues(ep, style) for line in c.lines]
        for line, nxt in itertools.pairwise(lines):
            last = line[-1]
            if last.lower() in rules.relatives:
                assert break_cost(last, nxt[0], language=lang) < NEVER, (style.name, lines)
            assert last.lower() not in rules.binding - rules.relatives, (style.name, lines)
