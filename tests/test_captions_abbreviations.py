"""Caption breaks after an abbreviation's dot, which is no sentence end ("Dr. / Meier" split the
title from the name, German "z. / B." the abbreviation itself, "1. / Mai" the date)."""

from __future__ import annotations

import itertools

import pytest

from audiokit.captions import STYLES, build_cues
from audiokit.captions.breaks import NEVER, SENTENCE, break_cost
from audiokit.model import Episode, Metadata, Sentence, Turn, Word
from audiokit.text.sentences import split_sentences


@pytest.mark.parametrize(("lang", "before", "after"), [
    ("de", "1.", "Mai"), ("de", "z.", "B."), ("de", "ca.", "ein"), ("de", "Dr.", "Anke"), ("nl", "dr.", "Eva"),
    ("fr", "M.", "Durand"), ("es", "Sra.", "García"), ("en", "Dr.", "Smith"), ("cs", "např.", "Praha"),
])
def test_an_abbreviation_stays_with_what_follows(lang: str, before: str, after: str) -> None:
    assert break_cost(before, after, language=lang) >= NEVER


@pytest.mark.parametrize(("lang", "before", "after"), [
    ("en", "then.", "So"), ("de", "Mai.", "Dann"), ("nl", "al.", "Ik"), ("de", "B.", "zwölf"), ("en", "etc.", "and"),
])
def test_other_dots_still_end_a_line_cheaply(lang: str, before: str, after: str) -> None:
    assert break_cost(before, after, language=lang) < NEVER
    assert break_cost(before, after, sentence_end=True, language=lang) == SENTENCE


@pytest.mark.parametrize(("lang", "text", "pairs"), [
    ("de", ("Man braucht Mehl, Wasser, Salz und vor allem Geduld, z. B. zwölf Stunden Gehzeit über Nacht. "
            "Seit dem 1. Mai gibt es in der Innenstadt drei neue Fahrradstraßen."), [("z.", "B."), ("1.", "Mai")]),
    ("nl", "Volgens het CBS zijn de prijzen gestegen. Ik sprak erover met dr. Eva Bakker van de universiteit.",
     [("dr.", "Eva")]),
])
def test_lines_never_end_on_an_abbreviation(lang: str, text: str, pairs: list[tuple[str, str]]) -> None:
    words = [Word(t, 0.4 * k, 0.4 * k + 0.35) for k, t in enumerate(text.split())]
    sentences = tuple(Sentence(tuple(words[a:b])) for a, b in split_sentences(text.split(), lang))
    ep = Episode((Turn("A", sentences),), metadata=Metadata(language=lang))
    for style in STYLES.values():
        lines = [line.split() for c in build_cues(ep, style) for line in c.lines]
        ends = {(line[-1], nxt[0]) for line, nxt in itertools.pairwise(lines)}
        assert not ends & set(pairs), (style.name, lines)
