"""The versioned JSON form of an :class:`~audiokit.model.Episode` (``episode.json``).

Every command reads or writes this file. Version 1::

    {
      "format": "audiokit-episode",
      "version": 1,
      "metadata": {"title": str|null, "description": str|null, "preamble": str,
                   "source": str|null, "audio": str|null, "duration": s|null,
                   "language": str|null},       # ISO 639-1; null reads as English
      "speakers": [{"name": str, "role": str|null}],
      "turns": [{
        "speaker": str,
        "start": s|null, "end": s|null,          # derived from the words
        "hint": {"start": s, "end": s} | null,   # a time the transcript itself gave
        "sentences": [int, ...],                  # word count of each sentence, in order
        "words": [{"text": str, "start": s|null, "end": s|null,
                   "confidence": float|null, "spoken": [str, ...],
                   "interpolated": bool,          # optional, default false
                   "phones": [[label, start, end], ...]}]   # optional
      }]
    }

Times are seconds rounded to the millisecond; words are in spoken order and ``text`` is
exactly as written in the transcript. Readers accept files without ``format``/``version``
(treated as version 1) and without ``sentences`` (one sentence per turn), so any
``{"turns": [{"speaker", "words": [...]}]}`` file loads.

>>> from audiokit.model import Episode, Turn, Sentence, Speaker, Word
>>> ep = Episode((Turn("Ann", (Sentence((Word("Hi.", 0.5, 0.9),)),)),), (Speaker("Ann"),))
>>> loads(dumps(ep)) == ep
True
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from audiokit.errors import FormatError, InputError
from audiokit.model import Episode, Metadata, Phone, Sentence, Span, Speaker, Turn, Word
from audiokit.textio import read_text, write_text_atomic

FORMAT = "audiokit-episode"
VERSION = 1
# No episode is this long: a later time is a slip of a hand edit, and captions could not be
# written for it (a word at 1e300 s overflowed when its cue was timed in milliseconds).
MAX_SECONDS = 1000 * 3600.0


def _ms(t: float | None) -> float | None:
    return None if t is None else round(float(t), 3)


def _word_to_dict(w: Word) -> dict[str, Any]:
    d: dict[str, Any] = {
        "text": w.text,
        "start": _ms(w.start),
        "end": _ms(w.end),
        "confidence": None if w.confidence is None else round(w.confidence, 3),
        "spoken": list(w.spoken),
    }
    if w.interpolated:
        d["interpolated"] = True
    if w.phones:
        d["phones"] = [[p.label, _ms(p.start), _ms(p.end)] for p in w.phones]
    return d


def to_dict(episode: Episode) -> dict[str, Any]:
    """The JSON-ready dictionary of ``episode`` (see the module docstring)."""
    m = episode.metadata
    return {
        "format": FORMAT,
        "version": VERSION,
        "metadata": {
            "title": m.title,
            "description": m.description,
            "preamble": m.preamble,
            "source": m.source,
            "audio": m.audio,
            "duration": _ms(m.duration),
            "language": m.language,
        },
        "speakers": [{"name": s.name, "role": s.role} for s in episode.speakers],
        "turns": [
            {
                "speaker": t.speaker,
                "start": _ms(t.start),
                "end": _ms(t.end),
                "hint": None if t.hint is None else {"start": _ms(t.hint.start), "end": _ms(t.hint.end)},
                "sentences": [len(s.words) for s in t.sentences],
                "words": [_word_to_dict(w) for w in t.words],
            }
            for t in episode.turns
        ],
    }


def dumps(episode: Episode, indent: int | None = 1) -> str:
    """Serialize ``episode`` to JSON text."""
    return json.dumps(to_dict(episode), ensure_ascii=False, indent=indent) + "\n"


class _Reader:
    """Validates a decoded JSON document, naming where a problem is."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> FormatError:
        return FormatError(f"not a valid episode file: {where}: {problem}", path=self.path)

    def time(self, value: Any, where: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise self.fail(where, f"expected seconds or null, got {value!r}")
        if value < 0:
            raise self.fail(where, f"negative time {value}")
        if value > MAX_SECONDS:
            raise self.fail(where, f"time {value} s is later than any episode (over 1000 hours)")
        return float(value)

    def text(self, value: Any, where: str, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.fail(where, f"expected text, got {value!r}")
        return value

    def word(self, d: Any, where: str) -> Word:
        if not isinstance(d, dict):
            raise self.fail(where, "expected an object")
        start = self.time(d.get("start"), f"{where}.start")
        end = self.time(d.get("end"), f"{where}.end")
        if (start is None) != (end is None):
            raise self.fail(where, "has only one of start and end")
        if start is not None and end is not None and end < start:
            raise self.fail(where, f"ends ({end}) before it starts ({start})")
        conf = d.get("confidence")
        if conf is not None and (isinstance(conf, bool) or not isinstance(conf, (int, float))):
            raise self.fail(f"{where}.confidence", f"expected a number, got {conf!r}")
        spoken = d.get("spoken", [])
        if not isinstance(spoken, list) or not all(isinstance(s, str) for s in spoken):
            raise self.fail(f"{where}.spoken", "expected a list of words")
        phones = []
        for k, p in enumerate(d.get("phones") or []):
            if not (isinstance(p, list) and len(p) == 3 and isinstance(p[0], str)):
                raise self.fail(f"{where}.phones[{k}]", "expected [label, start, end]")
            ps, pe = self.time(p[1], f"{where}.phones[{k}]"), self.time(p[2], f"{where}.phones[{k}]")
            phones.append(Phone(p[0], ps or 0.0, pe or 0.0))
        return Word(
            text=str(self.text(d.get("text"), f"{where}.text")),
            start=start,
            end=end,
            confidence=None if conf is None else float(conf),
            spoken=tuple(spoken),
            interpolated=bool(d.get("interpolated", False)),
            phones=tuple(phones),
        )

    def turn(self, d: Any, where: str) -> Turn:
        if not isinstance(d, dict):
            raise self.fail(where, "expected an object")
        speaker = self.text(d.get("speaker", ""), f"{where}.speaker")
        raw_words = d.get("words")
        if not isinstance(raw_words, list):
            raise self.fail(f"{where}.words", "expected a list")
        words = [self.word(w, f"{where}.words[{k}]") for k, w in enumerate(raw_words)]
        counts = d.get("sentences")
        if counts is None:
            counts = [len(words)] if words else []
        if (
            not isinstance(counts, list)
            or not all(isinstance(c, int) and not isinstance(c, bool) and c > 0 for c in counts)
            or sum(counts) != len(words)
        ):
            raise self.fail(f"{where}.sentences", "sentence word counts do not add up to the words")
        sentences, i = [], 0
        for c in counts:
            sentences.append(Sentence(tuple(words[i : i + c])))
            i += c
        hint = d.get("hint")
        span = None
        if hint is not None:
            if not isinstance(hint, dict):
                raise self.fail(f"{where}.hint", "expected {start, end} or null")
            hs, he = self.time(hint.get("start"), f"{where}.hint"), self.time(hint.get("end"), f"{where}.hint")
            if hs is None or he is None or he < hs:
                raise self.fail(f"{where}.hint", "needs start <= end")
            span = Span(hs, he)
        return Turn(speaker=str(speaker), sentences=tuple(sentences), hint=span)

    def episode(self, doc: Any) -> Episode:
        if not isinstance(doc, dict):
            raise self.fail("top level", "expected an object")
        fmt = doc.get("format", FORMAT)
        if fmt != FORMAT:
            raise self.fail("format", f"expected {FORMAT!r}, got {fmt!r}")
        version = doc.get("version", VERSION)
        if version != VERSION:
            raise FormatError(
                f"episode file version {version!r} is not supported (this audiokit reads version {VERSION})",
                path=self.path,
            )
        raw_turns = doc.get("turns")
        if not isinstance(raw_turns, list):
            raise self.fail("turns", "missing or not a list")
        turns = tuple(self.turn(t, f"turns[{k}]") for k, t in enumerate(raw_turns))
        m = doc.get("metadata") or {}
        if not isinstance(m, dict):
            raise self.fail("metadata", "expected an object")
        metadata = Metadata(
            title=self.text(m.get("title"), "metadata.title", optional=True),
            description=self.text(m.get("description"), "metadata.description", optional=True),
            preamble=self.text(m.get("preamble", ""), "metadata.preamble") or "",
            source=self.text(m.get("source"), "metadata.source", optional=True),
            audio=self.text(m.get("audio"), "metadata.audio", optional=True),
            duration=self.time(m.get("duration"), "metadata.duration"),
            language=self.text(m.get("language"), "metadata.language", optional=True),
        )
        speakers = []
        for k, s in enumerate(doc.get("speakers") or []):
            if not isinstance(s, dict):
                raise self.fail(f"speakers[{k}]", "expected an object")
            speakers.append(
                Speaker(
                    str(self.text(s.get("name"), f"speakers[{k}].name")),
                    self.text(s.get("role"), f"speakers[{k}].role", optional=True),
                )
            )
        known = {s.name for s in speakers}
        for t in turns:
            if t.speaker not in known:
                speakers.append(Speaker(t.speaker))
                known.add(t.speaker)
        return Episode(turns=turns, speakers=tuple(speakers), metadata=metadata)


def loads(text: str, path: str | Path = "<episode.json>") -> Episode:
    """Parse episode JSON text; raises :class:`FormatError` naming the problem."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError.broken_json(exc, path) from None
    return _Reader(str(path)).episode(doc)


def load(path: str | Path) -> Episode:
    """Read an ``episode.json`` file."""
    return loads(read_text(path).text, path)


def save(episode: Episode, path: str | Path) -> Path:
    """Write ``episode`` to ``path`` atomically."""
    return write_text_atomic(path, dumps(episode))


def require_timed(episode: Episode, path: str | Path) -> Episode:
    """Return ``episode`` if it has at least one timed word, else raise :class:`InputError`."""
    if not episode.aligned:
        raise InputError("episode has no timed words; run `audiokit align` first", path=str(path))
    return episode
