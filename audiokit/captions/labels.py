"""Speaker labels shown as cue text, for SRT (pure): :func:`turn_labels`.

SRT has no speaker markup, so a cue at a change of speaker starts with ``Name:`` (the
Podcasting 2.0 convention). The label is read like the words, but a cue's time is its words'
time: an 18-character name takes a second more reading than the speech leaves, so nearly
every cue at a speaker change came out faster than the reading speed, however the cue was
laid out. A captioner names a speaker in full once and after that by the shortest name that
is still unambiguous (the Podcasting 2.0 SRT example writes ``Sarah:``): here the first
name, when it is a plain word (no title such as ``Dr.``, no ``Speaker 1``) that no other
speaker of the episode starts with. Readers map the short label back to the full name
(:mod:`audiokit.transcripts.srt`).

>>> turn_labels(["Aparna Dhinakaran", "Michael Schiff", "Aparna Dhinakaran", "Aparna Dhinakaran", "Michael Schiff"])
['Aparna Dhinakaran:', 'Michael Schiff:', 'Aparna:', '', 'Michael:']
>>> turn_labels(["Ann Lee", "Ann Smith", "Ann Lee", "Speaker 1", "Dr. Jo Wu", "Speaker 1", "Dr. Jo Wu"])[2:]
['Ann Lee:', 'Speaker 1:', 'Dr. Jo Wu:', 'Speaker 1:', 'Dr. Jo Wu:']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from audiokit.text.letters import LETTER

__all__ = ["short_names", "turn_labels"]

_PLAIN_WORD = re.compile(rf"^{LETTER}+(?:[-'’]{LETTER}+)*$")


def short_names(speakers: Sequence[str]) -> dict[str, str]:
    """Each speaker's label after the first: the first word of a name whose every word is a
    plain word, when no other speaker's name starts with that word (or is it); else the name.

    >>> short_names(["Zoë Dvořáková", "अनु शर्मा", "Ann", "Tom & Jerry"])
    {'Zoë Dvořáková': 'Zoë', 'अनु शर्मा': 'अनु', 'Ann': 'Ann', 'Tom & Jerry': 'Tom & Jerry'}
    """
    names = list(dict.fromkeys(speakers))
    firsts = Counter(name.split()[0] for name in names if name.split())
    out = {}
    for name in names:
        words = name.split()
        plain = len(words) >= 2 and all(_PLAIN_WORD.match(w) for w in words)
        out[name] = words[0] if plain and firsts[words[0]] == 1 else name
    return out


def turn_labels(speakers: Sequence[str]) -> list[str]:
    """The label of each turn of ``speakers`` (in order): ``"Name:"`` where the speaker
    changes, in full at the speaker's first label and short after it; ``""`` where the same
    speaker goes on or the transcript names none."""
    short = short_names([s for s in speakers if s])
    named: set[str] = set()
    labels = []
    previous: str | None = None
    for speaker in speakers:
        label = ""
        if speaker and speaker != previous:
            label = f"{speaker if speaker not in named else short[speaker]}:"
            named.add(speaker)
        labels.append(label)
        previous = speaker
    return labels
