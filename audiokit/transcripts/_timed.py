"""What the speech-to-text and caption readers share: checked access to a parsed JSON
document (errors naming the shape and the path inside the file), times in the many ways
services write them, and timed tokens merged into turns.

A token is a word or a run of words with its times (``None`` when the service gave none)
and its speaker (``None``: the previous token's speaker). Punctuation the service gives as
its own token (AWS Transcribe) is attached to the word before it, or to the word after it
when it opens (``(``, ``“``, ``¿``), so it is never a word of its own. Consecutive tokens of
one speaker are one turn whose hint spans their times.

>>> doc = Doc("Demo JSON", "demo.json")
>>> toks = [Token("Hi", 0.5, 0.8, "spk_0"), Token(",", punct=True), Token("Bob", 0.9, 1.2),
...         Token(".", punct=True), Token("Yo.", 1.5, 1.9, "spk_1")]
>>> t = doc.transcript("demo", toks)
>>> [(turn.speaker, turn.text, turn.hint) for turn in t.episode.turns]
[('spk_0', 'Hi, Bob.', Span(start=0.5, end=1.2)), ('spk_1', 'Yo.', Span(start=1.5, end=1.9))]
>>> doc.time("1.400s", "w"), doc.time({"seconds": "2", "nanos": 500000000}, "w"), doc.time("3.25", "w")
(1.4, 2.5, 3.25)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from audiokit.errors import FormatError
from audiokit.model import Metadata, Span
from audiokit.transcripts._common import NO_LABELS_WARNING, UNNAMED, Piece, Transcript, build

_OPENING = frozenset("([{“‘«¿¡")


@dataclass(frozen=True)
class Token:
    """A word (or words) as a service wrote it, with optional times and speaker."""

    text: str
    start: float | None = None
    end: float | None = None
    speaker: str | None = None
    punct: bool = False


class Doc:
    """Checked reading of one shape's JSON: every problem becomes a :class:`FormatError`
    such as ``AWS Transcribe JSON: results.items[12]: no alternatives``; times that cannot
    be hints (negative, ending before they start) are counted and dropped with a warning."""

    def __init__(self, label: str, path: str) -> None:
        self.label = label
        self.path = path
        self.dropped = 0

    def fail(self, where: str, problem: str) -> FormatError:
        """The error for ``problem`` at ``where`` (a path inside the document), to raise."""
        return FormatError(f"{self.label}: {where}: {problem}", path=self.path)

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        """``value`` if it is an object, else the error naming ``where``."""
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, got {_show(value)}")
        return value

    def list(self, value: Any, where: str) -> list[Any]:
        """``value`` if it is a list, else the error naming ``where``."""
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {_show(value)}")
        return value

    def text(self, value: Any, where: str) -> str:
        """``value`` if it is a string, else the error naming ``where``."""
        if not isinstance(value, str):
            raise self.fail(where, f"expected text, got {_show(value)}")
        return value

    def time(self, value: Any, where: str, scale: float = 1.0) -> float | None:
        """Seconds from a number, a numeric string (``"4.87"``, Google's ``"1.400s"``) or a
        ``{"seconds", "nanos"}`` object, times ``scale`` (0.001 for milliseconds); ``None``
        when absent or negative (counted in :attr:`dropped`)."""
        if value is None:
            return None
        if isinstance(value, dict) and set(value) <= {"seconds", "nanos"}:
            # A protobuf Duration; zero fields are left out, so {} is 0 s.
            whole = self._number(value.get("seconds", 0), f"{where}.seconds")
            t = whole + self._number(value.get("nanos", 0), f"{where}.nanos") / 1e9
        else:
            t = self._number(value, where) * scale
        if t < 0:
            self.dropped += 1
            return None
        return round(t, 3)

    def _number(self, value: Any, where: str) -> float:
        if isinstance(value, str):
            raw = value.strip()
            raw = raw.removesuffix("s")
            try:
                value = float(raw)
            except ValueError:
                raise self.fail(where, f"expected a time, got {_show(value)}") from None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise self.fail(where, f"expected a time, got {_show(value)}")
        return float(value)

    def span(self, start: float | None, end: float | None) -> tuple[float | None, float | None]:
        """``(start, end)`` for a token, or ``(None, None)`` (counted) when it ends first."""
        if start is not None and end is not None and end < start:
            self.dropped += 1
            return None, None
        return start, end

    def transcript(self, fmt: str, tokens: Iterable[Token], title: str | None = None) -> Transcript:
        """The transcript of ``tokens`` (see the module docstring)."""
        pieces, named = to_pieces(tokens, self)
        warnings = [] if named else [f"{self.path}: {NO_LABELS_WARNING}"]
        if self.dropped:
            warnings.append(
                f"{self.path}: {self.dropped} time(s) negative, out of order or ending before they start:"
                " not used as hints"
            )
        meta = Metadata(title=title)
        return build(fmt, pieces, self.path, metadata=meta, warnings=warnings, shape=self.label)


def to_pieces(tokens: Iterable[Token], doc: Doc | None = None) -> tuple[list[Piece], bool]:
    """Turns from tokens: ``(pieces, whether any speaker was named)``. A turn whose hint
    would start before the previous turn's hint is left without one (counted in ``doc``)."""
    words: list[list[str]] = []
    pieces: list[Piece] = []
    spans: list[list[float | None]] = []
    speaker: str | None = None
    named = False
    opening = ""
    for tok in tokens:
        text = tok.text.strip()
        if not text:
            continue
        if tok.punct and text[0] in _OPENING:
            opening += text
            continue
        if tok.punct and words and words[-1]:
            words[-1][-1] += text
            continue
        who = tok.speaker if tok.speaker is not None else speaker
        if tok.speaker is not None:
            named = True
        if not pieces or who != speaker:
            pieces.append(Piece(who or UNNAMED, ""))
            words.append([])
            spans.append([None, None])
            speaker = who
        words[-1].append(opening + text)
        opening = ""
        span = spans[-1]
        if tok.start is not None:
            span[0] = tok.start if span[0] is None else min(span[0], tok.start)
            stop = tok.end if tok.end is not None else tok.start
            span[1] = stop if span[1] is None else max(span[1], stop)
    if opening and words:
        words[-1].append(opening)
    last_start = -1.0
    for piece, body, (start, end) in zip(pieces, words, spans, strict=True):
        piece.text = " ".join(body)
        if start is None or end is None:
            continue
        if start < last_start:
            if doc is not None:
                doc.dropped += 1
            continue
        piece.hint = Span(start, max(start, end))
        last_start = start
    return pieces, named


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
