"""Which stretches of an episode's audio to leave out: long pauses shortened and written
hesitations ("um", "uh") removed. Pure logic over the aligned episode and the audio's frame
energy (:func:`audiokit.align.energy.frame_energy`, 10 ms frames); no I/O.

Nothing is cut on the strength of the alignment alone, since aligned word edges are some tens
of milliseconds out on real speech. A stretch is cut only where the audio is quiet (under the
recording's pause level, :func:`quiet_level`), between words the aligner placed. Time around a word it could only estimate (interpolated or not found) and around a
transcriber's note ("[laughs]", "[MUSIC PLAYING]": a sound someone chose to mark) is never cut.
A hesitation goes only when its sound stands apart from the words either side, with quiet
before and after it; one said in the same breath as its neighbours ("and-um-the") stays. A
listener's "mm" or "hmm" is an answer, not a hesitation, and stays too.

>>> import numpy as np
>>> from audiokit.model import Episode, Sentence, Turn, Word
>>> words = (Word("So,", 0.5, 0.9), Word("um,", 1.5, 1.9), Word("we", 2.5, 2.7), Word("won.", 2.7, 3.0))
>>> ep = Episode((Turn("Ann", (Sentence(words),)),))
>>> db = np.full(350, -70.0, np.float32)
>>> for a, b in ((0.5, 0.9), (1.5, 1.9), (2.5, 3.0)):
...     db[int(a * 100):int(b * 100)] = -20.0
>>> [(c.start, c.end, c.reason) for c in plan_cuts(ep, db, Settings(max_pause=0.4))]
[(0.2, 0.3, 'pause'), (1.1, 2.3, 'hesitation'), (3.2, 3.3, 'pause')]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from audiokit.align.energy import HOP, SILENCE_FLOOR_DB, background_level
from audiokit.align.report import is_said
from audiokit.model import Episode, Word
from audiokit.text.language import language_of
from audiokit.text.stopwords import is_hesitation

__all__ = ["Cut", "Settings", "cuttable", "plan_cuts", "quiet_level"]

BLIP = 3  # frames: a sound this short inside a pause (a click, a lip smack) does not end the pause
BRIDGE = 30  # frames: a sound this short between placed words (a breath) leaves the pause around it one pause
_ANSWERS = frozenset(["mm", "mmm", "hm", "hmm", "mhm", "mm-hmm", "uh-huh"])  # a listener's answers, kept
GUARD = 3  # frames of quiet kept between a splice and the sound of a hesitation it removes
SLACK = 0.1  # seconds a hesitation's sound may reach beyond where it was placed before it counts as another word


@dataclass(frozen=True)
class Settings:
    """How much to tighten: pauses longer than ``max_pause`` seconds become ``max_pause`` long;
    ``hesitations`` removes the written ones; a cut shorter than ``min_cut`` seconds is not
    worth a splice.

    >>> Settings().max_pause
    0.8
    """

    max_pause: float = 0.8
    hesitations: bool = True
    min_cut: float = 0.1


@dataclass(frozen=True)
class Cut:
    """A stretch of the original audio left out (seconds), why, and the hesitations it removes
    (their indices in :meth:`Episode.words` order)."""

    start: float
    end: float
    reason: str  # "pause" or "hesitation" (a cut holding a hesitation, pause trimmed with it or not)
    words: tuple[int, ...] = ()

    @property
    def duration(self) -> float:
        return self.end - self.start


def plan_cuts(episode: Episode, db: np.ndarray, settings: Settings | None = None, hop: float = HOP) -> tuple[Cut, ...]:
    """The cuts that tighten ``episode`` (its words aligned to the audio whose frame energy in dB
    is ``db``), in time order, never overlapping. See the module's description for the rules."""
    settings = settings or Settings()
    words = list(episode.words())
    language = language_of(episode)
    drop = [settings.hesitations and cuttable(w, language) for w in words]
    occupied = _occupied(words, drop, len(db) * hop)
    quiet = _quiet(db, quiet_level(db, words, hop))
    removed = np.zeros(len(db), bool)
    owner: list[tuple[int, int]] = []  # (first frame of a hesitation's cut, its word index)
    for i, w in enumerate(words):
        if drop[i] and w.timed and not w.interpolated:
            span = _hesitation_cut(w, occupied, quiet, hop)
            if span is not None:
                removed[span[0]:span[1]] = True
                owner.append((span[0], i))
    free = np.ones(len(db), bool)
    for a, b in occupied:
        free[_frame(a, hop):_frame(b, hop, up=True)] = False
    _shorten_pauses(quiet & free, free, removed, round(settings.max_pause / hop))
    return _as_cuts(removed, owner, settings.min_cut, hop)


def _frame(t: float, hop: float, up: bool = False) -> int:
    return max(0, int(np.ceil(t / hop - 1e-6)) if up else int(np.floor(t / hop + 1e-6)))


def cuttable(word: Word, language: str) -> bool:
    """Whether ``word`` is a hesitation :func:`plan_cuts` may remove: "um", "uh", "er" and each
    language's own (:func:`~audiokit.text.stopwords.is_hesitation`), but not a listener's "mm" or
    "hmm", which answers.

    >>> cuttable(Word("Um,"), "en"), cuttable(Word("äh"), "de"), cuttable(Word("Mm."), "en"), cuttable(Word("um"), "de")
    (True, True, False, False)
    """
    return (not word.note and is_hesitation(word.text, language)
            and word.text.strip(".,;:!?…\"'“”‘’«»()-–—").lower() not in _ANSWERS)


def _occupied(words: Sequence[Word], drop: Sequence[bool], length: float) -> list[tuple[float, float]]:
    """The stretches no cut may touch, merged and sorted: every kept word's span, every note's,
    and the whole stretch between reliably placed words around a word that is not one.
    Punctuation written as a token of its own (French "?" and "»") says nothing and is passed over."""
    spans: list[tuple[float, float]] = []
    last_end = 0.0
    doubt = False  # a word since the last reliable one had no measured place
    for w, dropped in zip(words, drop):
        if not w.note and not is_said(w):
            continue
        reliable = w.start is not None and w.end is not None and not w.interpolated
        if not reliable:
            doubt = True
            continue
        assert w.start is not None and w.end is not None
        if doubt:
            spans.append((min(last_end, w.start), w.start))
            doubt = False
        if not dropped or w.note:
            spans.append((w.start, w.end))
        last_end = max(last_end, w.end)
    if doubt:
        spans.append((last_end, length))
    spans.sort()
    merged: list[tuple[float, float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def quiet_level(db: np.ndarray, words: Sequence[Word], hop: float = HOP) -> float:
    """The energy (dB) under which a frame of this recording is a pause: 6 dB above the usual
    level of its pauses between words or 6 dB under its words' usual level, whichever is lower,
    and never under its background level (:func:`~audiokit.align.energy.background_level`). So a
    room's steady noise counts as quiet, and soft speech does not.

    >>> db = np.array([-38.0] * 50 + [-25.0] * 50 + [-38.0] * 50 + [-25.0] * 50, np.float32)
    >>> words = [Word("a", 0.5, 1.0), Word("b", 1.5, 2.0)]
    >>> round(quiet_level(db, words), 1)
    -32.0
    """
    said = [(w.start, w.end) for w in words if is_said(w) and w.start is not None and w.end is not None]
    speech = [db[_frame(a, hop): _frame(b, hop, up=True)] for a, b in said]
    gaps = [db[_frame(a[1], hop) + 5: _frame(b[0], hop) - 5] for a, b in itertools.pairwise(said) if b[0] - a[1] > 0.3]
    floor = background_level(db)
    between = np.concatenate(gaps) if gaps else np.zeros(0, np.float32)
    between = between[between > SILENCE_FLOOR_DB + 10]  # digital silence says nothing of the room's level
    if not speech or not len(between):
        return floor
    speaking, pausing = float(np.median(np.concatenate(speech))), float(np.median(between))
    return max(floor, min(pausing + 6.0, speaking - 6.0))


def _quiet(db: np.ndarray, level: float) -> np.ndarray:
    """Frames under ``level`` dB, a sound shorter than :data:`BLIP` frames between two quiet
    ones counting as quiet."""
    quiet = np.asarray(db, np.float64) < level
    loud = np.flatnonzero(np.diff(np.concatenate([[1], quiet.astype(np.int8), [1]])))
    for a, b in zip(loud[::2], loud[1::2]):  # runs of loud frames [a, b)
        if b - a < BLIP and a > 0 and b < len(quiet):
            quiet[a:b] = True
    return quiet


def _hesitation_cut(word: Word, occupied: Sequence[tuple[float, float]], quiet: np.ndarray,
                    hop: float) -> tuple[int, int] | None:
    """Frames ``[a, b)`` that remove ``word``'s sound with a little quiet either side, or
    ``None`` when its sound is not clearly its own: no sound where it was placed, sound running
    into the words either side or far beyond where it was placed."""
    assert word.start is not None and word.end is not None
    # A kept word whose placing overlaps this one's (the aligner's words overlap now and then)
    # would go with it: the hesitation stays.
    if any(a < word.end and b > word.start for a, b in occupied):
        return None
    left = max((b for a, b in occupied if b <= word.start), default=0.0)
    right = min((a for a, b in occupied if a >= word.end), default=len(quiet) * hop)
    lo, hi = _frame(left, hop, up=True), min(len(quiet), _frame(right, hop))
    ws, we = _frame(word.start, hop), _frame(word.end, hop, up=True)
    if not lo < ws < we <= hi or np.count_nonzero(~quiet[ws:we]) < (we - ws) / 2:
        return None  # not where it was placed, or not clearly: at least half of that must sound
    # The sound the word was placed on, widened to the quiet frames that bound it: it must stay
    # near where the word was placed (else it is a neighbour the aligner misplaced), and apart
    # from the words either side.
    sounding = np.flatnonzero(~quiet[ws:we])  # all of it: an "um" dips between its vowel and its nasal
    a, b = ws + int(sounding[0]), ws + int(sounding[-1]) + 1
    while a > lo and not quiet[a - 1]:
        a -= 1
    while b < hi and not quiet[b]:
        b += 1
    slack = round(SLACK / hop)
    if a <= lo or b >= hi or a < ws - slack or b > we + slack:
        return None
    before = a - max(lo, _run_start(quiet, a - 1))
    after = min(hi, _run_end(quiet, b)) - b
    if before < 2 or after < 2:
        return None  # too little quiet to splice in: the crossfade would reach the sound
    return a - min(GUARD, before // 2), b + min(GUARD, after // 2)


def _run_start(mask: np.ndarray, i: int) -> int:
    """Where the run of equal values holding index ``i`` begins."""
    while i > 0 and mask[i - 1] == mask[i]:
        i -= 1
    return i


def _run_end(mask: np.ndarray, i: int) -> int:
    """Where the run of equal values holding index ``i`` ends (exclusive)."""
    while i + 1 < len(mask) and mask[i + 1] == mask[i]:
        i += 1
    return i + 1


def _shorten_pauses(pause: np.ndarray, free: np.ndarray, removed: np.ndarray, longest: int) -> None:
    """Mark, in ``removed``, quiet from the middle of every pause longer than ``longest`` frames
    as heard after the cuts already there, so that ``longest`` frames of its quiet stay, half at
    each end. ``pause``: frames that may be cut (quiet, between placed words); a removed frame
    joins the quiet either side of it into one heard pause, and so does a short sound between
    placed words (``free``) that no word accounts for, a breath or a cough, which stays."""
    heard = _bridged(pause | removed, free)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], heard.astype(np.int8), [0]])))
    for a, b in zip(edges[::2], edges[1::2]):
        kept = np.flatnonzero(pause[a:b] & ~removed[a:b]) + a
        if len(kept) <= longest:
            continue
        removed[kept[longest // 2: len(kept) - (longest - longest // 2)]] = True


def _bridged(heard: np.ndarray, free: np.ndarray) -> np.ndarray:
    """``heard`` with every run of other frames shorter than :data:`BRIDGE`, wholly ``free`` and
    between two heard runs of at least :data:`BRIDGE` frames each, counted as heard. Speech the
    transcript lacks is free too, but the quiet between its syllables is short, so it is never
    taken for a pause.

    >>> heard = np.array([1] * 30 + [0] * 5 + [1] * 30 + [0] * 5 + [1] * 3, bool)
    >>> out = _bridged(heard, np.ones(len(heard), bool))
    >>> bool(out[32]), bool(out[67])
    (True, False)
    """
    out = heard.copy()
    edges = np.flatnonzero(np.diff(np.concatenate([[0], heard.astype(np.int8), [0]])))
    runs = list(zip(edges[::2], edges[1::2]))  # heard runs [a, b)
    for (a1, b1), (a2, b2) in itertools.pairwise(runs):
        if a2 - b1 < BRIDGE and free[b1:a2].all() and b1 - a1 >= BRIDGE and b2 - a2 >= BRIDGE:
            out[b1:a2] = True
    return out


def _as_cuts(removed: np.ndarray, owner: Sequence[tuple[int, int]], min_cut: float, hop: float) -> tuple[Cut, ...]:
    edges = np.flatnonzero(np.diff(np.concatenate([[0], removed.astype(np.int8), [0]])))
    cuts = []
    for a, b in zip(edges[::2], edges[1::2]):
        held = tuple(sorted(i for f, i in owner if a <= f < b))
        if held or b - a >= round(min_cut / hop):
            cuts.append(Cut(round(float(a) * hop, 3), round(float(b) * hop, 3), "hesitation" if held else "pause", held))
    return tuple(cuts)
