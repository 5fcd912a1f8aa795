"""Renaming a transcript's speakers (``spk_0`` -> ``Dana Whitfield``), as the
``--speaker-names`` option of every command that reads a transcript does.

>>> parse_speaker_names("spk_0=Dana Whitfield, spk_1 = Luis Ortega")
{'spk_0': 'Dana Whitfield', 'spk_1': 'Luis Ortega'}
>>> from audiokit.transcripts import from_string
>>> t = rename_speakers(from_string("Ann: Hi.\\nAnn: Again.\\nBob Roy: Yo."), {"Ann": "Ann Lee"})
>>> [turn.speaker for turn in t.episode.turns], [s.name for s in t.episode.speakers]
(['Ann Lee', 'Ann Lee', 'Bob Roy'], ['Ann Lee', 'Bob Roy'])
"""

from __future__ import annotations

from dataclasses import replace

from audiokit.model import Episode, Speaker
from audiokit.transcripts._common import Transcript


def parse_speaker_names(text: str) -> dict[str, str]:
    """``"LABEL=Name,LABEL=Name"`` as a mapping; raises :class:`ValueError` with a message
    for people on a malformed entry, an empty side or a label given twice. A label may hold
    commas (Teams names people ``Whitfield, Dana``); a name may not, so the first comma after
    a name ends it.

    >>> parse_speaker_names("Whitfield, Dana=Dana Whitfield,Ortega, Luis=Luis Ortega")
    {'Whitfield, Dana': 'Dana Whitfield', 'Ortega, Luis': 'Luis Ortega'}
    """
    example = "e.g. spk_0=Dana Whitfield,spk_1=Luis Ortega"
    chunks = text.split("=")
    if len(chunks) < 2:
        raise ValueError(f"{text.strip()!r} is not LABEL=Name ({example})")
    labels = [chunks[0]]
    names_given = []
    for middle in chunks[1:-1]:
        name, comma, label = middle.partition(",")
        if not comma:
            raise ValueError(f"{middle.strip()!r} must be followed by ,LABEL=Name ({example})")
        names_given.append(name)
        labels.append(label)
    names_given.append(chunks[-1].rstrip(", "))
    names: dict[str, str] = {}
    for raw_label, raw_name in zip(labels, names_given, strict=True):
        label, name = " ".join(raw_label.split()), " ".join(raw_name.split())
        if not label or not name:
            raise ValueError(f"{raw_label.strip()}={raw_name.strip()} is not LABEL=Name ({example})")
        if label in names:
            raise ValueError(f"{label!r} is given twice")
        names[label] = name
    return names


def rename_episode(episode: Episode, names: dict[str, str]) -> Episode:
    """``episode`` with its speakers renamed; two labels given one name become one speaker
    (the first one's role kept). Labels not in ``names`` keep their name."""
    turns = tuple(replace(t, speaker=names.get(t.speaker, t.speaker)) for t in episode.turns)
    speakers: dict[str, Speaker] = {}
    for s in episode.speakers:
        name = names.get(s.name, s.name)
        if name not in speakers:
            speakers[name] = Speaker(name, s.role)
    return replace(episode, turns=turns, speakers=tuple(speakers.values()))


def rename_speakers(transcript: Transcript, names: dict[str, str]) -> Transcript:
    """``transcript`` with its speakers renamed (see :func:`rename_episode`), plus a warning
    naming any label the transcript does not have (a typo would otherwise pass silently)."""
    known = {s.name for s in transcript.episode.speakers}
    missing = [label for label in names if label not in known]
    warnings = transcript.warnings
    if missing:
        have = ", ".join(sorted(known)) or "none"
        source = transcript.episode.metadata.source or "<transcript>"
        warnings = (
            *warnings,
            f"{source}: --speaker-names: no speaker {', '.join(map(repr, missing))} here (speakers: {have})",
        )
    return replace(transcript, episode=rename_episode(transcript.episode, names), warnings=warnings)
