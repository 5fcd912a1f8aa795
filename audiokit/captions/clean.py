"""Clean verbatim (pure): captions without the hesitation sounds a transcript writes.

Transcripts made for accuracy write every "um" and "uh"; caption editors working "clean
verbatim" leave them out (Rev's default transcript style; Netflix's English SDH guide keeps
dialogue whole but, where text must go, favours deleting over paraphrasing). Only hesitation
sounds go (:func:`audiokit.text.stopwords.is_hesitation`: "um", "uh", "erm" in English, "äh"
in German, "euh" in French; "um" stays a word in German and Portuguese). Discourse words such
as "like" and "you know" stay: they are words, and often meant.

The text around a dropped sound is mended as an editor would: commas that only set the sound
off go with it ("Um, I think" reads "I think", "I think, uh, we" reads "I think we"); a sentence end written on the sound moves to
the word before ("the corpus um." reads "the corpus."); a capital the sound took as a
sentence's first word passes to the next ("Uh so this" reads "So this"). A sentence of nothing
but hesitations goes, unless it is all its turn says: a turn that is only "Hmm." is someone
answering, and captions show that they spoke. Times are untouched: a cue simply starts or
ends at the words that remain.

>>> from audiokit.model import Episode, Sentence, Turn, Word
>>> ep = Episode((Turn("Ann", (Sentence(tuple(Word(t) for t in "Uh so, um, this is the corpus um.".split())),)),))
>>> without_hesitations(ep).turns[0].text
'So this is the corpus.'
"""

from __future__ import annotations

from dataclasses import replace

from audiokit.captions.styles import Style
from audiokit.model import Episode, Sentence, Turn, Word
from audiokit.text.counts import counted
from audiokit.text.language import language_of
from audiokit.text.stopwords import is_hesitation

__all__ = ["dropped", "mended", "style_named", "without_hesitations"]

_ENDS = ".?!…"  # what ends a sentence
_SOFT = ",;:—–-"  # what a dropped sound's sentence end replaces on the word before it
_OPENING = "\"'“‘«¿¡(["  # what may open a word before its first letter


def _hesitation(word: Word, language: str) -> bool:
    return not word.note and is_hesitation(word.text, language)


def _capitalized(text: str) -> str:
    """``text`` with its first letter in capitals, unless the word already mixes cases
    ("iPhone", "eBay" stay as written).

    >>> _capitalized("so"), _capitalized("“well"), _capitalized("iPhone"), _capitalized("3d")
    ('So', '“Well', 'iPhone', '3d')
    """
    for k, ch in enumerate(text):
        if ch.isalpha():
            rest = text[k + 1:]
            if not ch.islower() or any(c.isupper() for c in rest):
                return text
            return text[:k] + ch.upper() + rest
        if ch not in _OPENING:
            return text
    return text


def mended(words: tuple[Word, ...], language: str) -> tuple[Word, ...]:
    """A sentence's ``words`` without its hesitation sounds, the text around them mended
    (see the module docstring). Notes and every other word keep their times.

    >>> [w.text for w in mended(tuple(Word(t) for t in "“Um, well… it's, uh, fine uh.".split()), "en")]
    ['“Well…', "it's", 'fine.']
    >>> [w.text for w in mended(tuple(Word(t) for t in "Um, wir gehen um acht.".split()), "de")]
    ['Um,', 'wir', 'gehen', 'um', 'acht.']
    """
    kept: list[Word] = []
    carry_open, capital = "", False
    for word in words:
        if _hesitation(word, language):
            text = word.text
            core_at = next((k for k, ch in enumerate(text) if ch.isalpha()), len(text))
            carry_open += text[:core_at]
            said_before = any(not w.note for w in kept)
            if not said_before and text[core_at:core_at + 1].isupper():
                capital = True
            end = text.rstrip()[-1:] if text else ""
            last = next((k for k in range(len(kept) - 1, -1, -1) if not kept[k].note), None)
            if last is not None and end in _ENDS:
                if not kept[last].text.endswith(tuple(_ENDS)):
                    kept[last] = replace(kept[last], text=kept[last].text.rstrip(_SOFT) + end)
            elif last is not None and end == "," and kept[last].text.endswith(","):
                # Commas on both sides set the sound off: "I think, um, we" reads "I think we".
                kept[last] = replace(kept[last], text=kept[last].text[:-1])
            continue
        if not word.note and (carry_open or capital):
            text = carry_open + word.text
            word = replace(word, text=_capitalized(text) if capital else text)
            carry_open, capital = "", False
        kept.append(word)
    return tuple(kept)


def dropped(episode: Episode) -> int:
    """How many words :func:`without_hesitations` leaves out of ``episode``.

    >>> from audiokit.model import Episode, Sentence, Turn, Word
    >>> dropped(Episode((Turn("Ann", (Sentence((Word("Um,"), Word("yes."))),)),)))
    1
    """
    return episode.word_count - without_hesitations(episode).word_count


def without_hesitations(episode: Episode) -> Episode:
    """``episode`` with its hesitation sounds left out, sentence by sentence, for clean
    verbatim captions (the episode's language decides what is a hesitation; see the module
    docstring). A turn that says nothing else keeps them."""
    language = language_of(episode)
    turns: list[Turn] = []
    for turn in episode.turns:
        said = [w for w in turn.words if not w.note]
        if said and all(_hesitation(w, language) for w in said):
            turns.append(turn)
            continue
        sentences = []
        for sentence in turn.sentences:
            words = mended(sentence.words, language)
            if words:
                sentences.append(Sentence(words))
        turns.append(replace(turn, sentences=tuple(sentences)))
    return replace(episode, turns=tuple(turns))


def style_named(style: Style, episode: Episode) -> str:
    """How a status line names the captions' ``style`` for ``episode``.

    >>> from audiokit.captions.styles import STYLES
    >>> from audiokit.model import Episode, Sentence, Turn, Word
    >>> ep = Episode((Turn("Ann", (Sentence((Word("Um,"), Word("yes."))),)),))
    >>> style_named(STYLES["bbc"], ep), style_named(STYLES["bbc"].with_overrides(clean=True), ep)
    ('bbc style', 'bbc style, clean verbatim: 1 hesitation left out')
    """
    if not style.clean:
        return f"{style.name} style"
    return f"{style.name} style, clean verbatim: {counted(dropped(episode), 'hesitation')} left out"
