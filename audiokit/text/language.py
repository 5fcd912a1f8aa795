"""The episode's language for the text stages: which stages have rules of their own for it,
the warnings for those that fall back to generic rules, and sentences re-split by its rules.

Every stage reads the language as ``episode.metadata.language or "en"`` (an ISO 639-1 code).
Library code never prints: :func:`generic_warnings` returns the lines a command shows.

>>> generic_warnings("it")
[]
>>> for line in generic_warnings("sv"): print(line)
language 'sv': sentence splitting uses generic rules (no abbreviation list for sv)
language 'sv': caption line breaks use generic rules (wordfreq's most frequent words, no article or preposition list for sv)
language 'sv': clip scoring uses generic rules (stopwords and word frequencies only, no filler list for sv)
language 'sv': chapter titles use generic wording (no word for an introduction or a numbered chapter in sv)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from audiokit.model import Episode, Sentence
from audiokit.text.sentences import split_sentences

__all__ = ["STAGES", "generic_warnings", "language_of", "resplit_sentences"]

STAGES = ("sentences", "captions", "clips", "titles")


def language_of(episode: Episode) -> str:
    """The episode's language code, English when undecided."""
    return episode.metadata.language or "en"


def _covered(stage: str, language: str) -> tuple[bool, str]:
    # Imported here: the stages import this package, not the other way round.
    if stage == "sentences":
        from audiokit.text.sentences import has_rules

        return has_rules(language), f"sentence splitting uses generic rules (no abbreviation list for {language})"
    if stage == "captions":
        from audiokit.captions.function_words import has_rules

        return has_rules(language), ("caption line breaks use generic rules (wordfreq's most frequent words, "
                                     f"no article or preposition list for {language})")
    if stage == "clips":
        from audiokit.clips.language import has_rules

        return has_rules(language), ("clip scoring uses generic rules (stopwords and word frequencies only, "
                                     f"no filler list for {language})")
    if stage == "titles":
        from audiokit.chapters.titles_lang import has_rules

        return language == "en" or has_rules(language), (
            f"chapter titles use generic wording (no word for an introduction or a numbered chapter in {language})")
    raise ValueError(f"unknown stage {stage!r}; stages: {', '.join(STAGES)}")


def generic_warnings(language: str, stages: Sequence[str] = STAGES) -> list[str]:
    """One line per stage in ``stages`` that has no rules of its own for ``language``."""
    out = []
    for stage in stages:
        ok, message = _covered(stage, language)
        if not ok:
            out.append(f"language '{language}': {message}")
    return out


def resplit_sentences(episode: Episode) -> Episode:
    """The episode with each turn's words regrouped into sentences by the rules of its language
    (the readers split before the language is known). Words, times and turns are unchanged;
    an English episode is returned as it is.

    >>> from audiokit.model import Metadata, Turn, Word
    >>> words = tuple(Word(t) for t in "Lo dice il sig. Rossi. Va bene.".split())
    >>> ep = Episode((Turn("A", (Sentence(words[:4]), Sentence(words[4:]))),), metadata=Metadata(language="it"))
    >>> [s.text for s in resplit_sentences(ep).turns[0].sentences]
    ['Lo dice il sig. Rossi.', 'Va bene.']
    """
    language = language_of(episode)
    if language == "en":
        return episode
    turns = []
    for turn in episode.turns:
        words = [w for s in turn.sentences for w in s.words]
        spans = split_sentences([w.text for w in words], language)
        turns.append(replace(turn, sentences=tuple(Sentence(tuple(words[a:b])) for a, b in spans)))
    return replace(episode, turns=tuple(turns))
