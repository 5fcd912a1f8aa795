"""What the aligner found: coverage, unplaced passages, audio the transcript lacks. Pure.

>>> r = Report(words=10, placed=9, interpolated=1, absent=(), extra_audio=(), silences=(), duration=5.0)
>>> r.coverage
0.8

Words judged never spoken (whole sentences the audio does not hold) leave the share of spoken
words placed, never the transcript's:

>>> r = Report(words=10, placed=8, interpolated=0, absent=(), extra_audio=(), silences=(), duration=5.0,
...            absent_words=2)
>>> r.coverage, r.spoken_coverage
(0.8, 1.0)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from audiokit.lang import name
from audiokit.model import Episode, Word
from audiokit.text.notes import shown

LOW_COVERAGE = 0.5  # below this the transcript probably belongs to other audio
# Judged never spoken above this share of the transcript's words: said, not left in a parenthesis
# (the rough sets leave 5-7% of their words unspoken by design; the English model lost a third of an
# eSpeak-voiced Dutch episode so).
MANY_ABSENT = 0.15


@dataclass(frozen=True)
class Passage:
    """Consecutive transcript words that were not found in the audio."""

    turn: int
    speaker: str
    first_word: int  # index over all words of the episode
    last_word: int
    text: str
    after: float | None  # time of the last placed word before it


@dataclass(frozen=True)
class Stretch:
    """A stretch of audio (seconds) and what it holds."""

    start: float
    end: float
    kind: str  # "speech not in transcript" | "silence" | "unaligned sound"
    # The transcriber's note the stretch lies under ("[Music]"): the transcript accounts for it.
    note: str | None = None


@dataclass(frozen=True)
class Report:
    """What an alignment found (see the module docstring); ``words`` counts the transcript's
    said words (:func:`is_said`)."""

    words: int
    placed: int  # words with a time (measured or interpolated)
    interpolated: int
    absent: tuple[Passage, ...]
    extra_audio: tuple[Stretch, ...]
    silences: tuple[Stretch, ...]
    duration: float
    wall_seconds: float | None = None
    stages: tuple[tuple[str, float], ...] = ()  # seconds spent in each stage
    language: str = "en"  # ISO 639-1
    language_detected: bool | None = None  # detected from the transcript (None: not known here)
    method: str = ""  # how the words were placed
    # Stretches where eSpeak NG + DTW placed words the method could not: (start, end, words).
    dtw: tuple[tuple[float, float, int], ...] = ()
    # Words of sentences judged never spoken (the absence test); untimed, listed in ``absent``.
    # A word left unplaced for any other reason (no pronunciation, a failed region) is not one.
    absent_words: int = 0
    # Transcribers' notes ("[laughs]") as written, in order: not said, so not among ``words``;
    # timed by their pauses.
    notes: tuple[str, ...] = ()

    @property
    def dtw_words(self) -> int:
        """Of the words placed from the audio, those DTW placed where the method could not."""
        return sum(n for _, _, n in self.dtw)

    @property
    def coverage(self) -> float:
        """Share of the transcript's words placed from the audio (interpolated ones are not)."""
        return (self.placed - self.interpolated) / self.words if self.words else 0.0

    @property
    def spoken_coverage(self) -> float:
        """Share of the words judged spoken placed from the audio: the transcript's words less
        those of sentences judged never spoken (the issue's "coverage of spoken words")."""
        spoken = self.words - self.absent_words
        return (self.placed - self.interpolated) / spoken if spoken > 0 else 0.0

    @property
    def warnings(self) -> tuple[str, ...]:
        """Lines for people when the transcript seems not to fit the audio."""
        out = []
        if self.coverage < LOW_COVERAGE:
            out.append(
                f"only {self.coverage:.0%} of the transcript was found in the audio: "
                "the transcript probably belongs to other audio"
            )
        elif self.words and self.absent_words / self.words > MANY_ABSENT:
            out.append(
                f"{self.absent_words} of the transcript's {self.words} words ({self.absent_words / self.words:.0%}) "
                "were judged never spoken and have no times: check the passages listed against the audio"
            )
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready report (``report.json``), with the derived coverages and warnings."""
        d = asdict(self)
        d["coverage"] = round(self.coverage, 4)
        d["spoken_coverage"] = round(self.spoken_coverage, 4)
        d["dtw_words"] = self.dtw_words
        d["warnings"] = list(self.warnings)
        return d

    def summary(self) -> str:
        """A few lines for people: coverage, what is missing, what is extra."""
        placed = self.placed - self.interpolated
        if self.absent_words:
            head = (f"aligned {placed} of the {self.words - self.absent_words} words judged spoken from the audio "
                    f"({self.spoken_coverage:.1%}; {self.coverage:.1%} of all {self.words} transcript words)")
        else:
            head = f"aligned {placed} of {self.words} words from the audio ({self.coverage:.1%})"
        lines = [head + (f"; {self.interpolated} more interpolated between them" if self.interpolated else "")
                 + f" over {_clock(self.duration)} of audio"]
        if self.notes:
            kinds = list(dict.fromkeys(shown(n) for n in self.notes))
            lines.append(f"{len(self.notes)} transcriber's notes kept for the captions, not aligned (each is timed by "
                         "the pause it sits in): " + ", ".join(kinds[:4]) + (" ..." if len(kinds) > 4 else ""))
        if self.method:
            how = {True: ", detected", False: ", given", None: ""}[self.language_detected]
            lines.append(f"language: {name(self.language)} ({self.language}{how}); method: {self.method}")
        if self.dtw:
            lines.append(f"{self.dtw_words} of the words placed from the audio were placed by eSpeak NG speech "
                         "and dynamic time warping, where the method above could not place them: "
                         + ", ".join(f"{_clock(a)}-{_clock(b)}" for a, b, _ in self.dtw[:5])
                         + (" ..." if len(self.dtw) > 5 else ""))
        if self.absent:
            n = sum(p.last_word - p.first_word + 1 for p in self.absent)
            judged = f" ({self.absent_words} of them in sentences judged never spoken)" if self.absent_words else ""
            lines.append(f"{n} words in {len(self.absent)} passages not found in the audio{judged}:")
            for p in self.absent[:8]:
                where = f"after {_clock(p.after)}" if p.after is not None else "at the start"
                lines.append(f"  turn {p.turn + 1} ({p.speaker}), {where}: {_clip(p.text)}")
            if len(self.absent) > 8:
                lines.append(f"  ... and {len(self.absent) - 8} more (see the report)")
        for kind in ("speech not in transcript", "unaligned sound"):
            spans = [s for s in self.extra_audio if s.kind == kind]
            if spans:
                total = sum(s.end - s.start for s in spans)
                lines.append(f"{len(spans)} stretches ({total:.0f} s) of {kind}: "
                             + ", ".join(f"{_clock(s.start)}-{_clock(s.end)}" + (f" (noted: {s.note})" if s.note else "")
                                         for s in spans[:5])
                             + (" ..." if len(spans) > 5 else ""))
        if self.silences:
            lines.append(f"{len(self.silences)} silences longer than 3 s: "
                         + ", ".join(f"{_clock(s.start)} ({s.end - s.start:.0f} s)" for s in self.silences[:5]))
        return "\n".join(lines)


def is_said(word: Word) -> bool:
    """Whether a transcript token is something a speaker says: it has a spoken form or a letter or
    digit. A French ``?`` or ``»`` written after a space, or a dash, is punctuation: never counted
    as a word placed, interpolated or missing.

    >>> is_said(Word("?")), is_said(Word("»")), is_said(Word("vélos")), is_said(Word("&", spoken=("and",)))
    (False, False, True, True)

    A transcriber's note ("[laughs]") is not said either.
    """
    return not word.note and (bool(word.spoken) or any(c.isalnum() for c in word.text))


def absent_passages(episode: Episode) -> tuple[Passage, ...]:
    """Runs of untimed words, with where they sit in the transcript."""
    passages: list[Passage] = []
    index, last_time = 0, None
    for t, turn in enumerate(episode.turns):
        run: list[tuple[int, str]] = []
        for w in turn.words:
            if w.timed:
                if run:
                    passages.append(_passage(t, turn.speaker, run, last_time))
                    run = []
                last_time = w.end
            elif is_said(w):
                run.append((index, w.text))
            index += 1
        if run:
            passages.append(_passage(t, turn.speaker, run, last_time))
    return tuple(passages)


def _passage(turn: int, speaker: str, run: list[tuple[int, str]], after: float | None) -> Passage:
    return Passage(turn, speaker, run[0][0], run[-1][0], " ".join(t for _, t in run), after)


def _clip(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _clock(t: float | None) -> str:
    if t is None:
        return "?"
    # int(): under numpy 1.x, round() of a numpy float gives a float
    t = int(round(t))  # noqa: RUF046
    return f"{t // 3600}:{t // 60 % 60:02d}:{t % 60:02d}" if t >= 3600 else f"{t // 60}:{t % 60:02d}"
