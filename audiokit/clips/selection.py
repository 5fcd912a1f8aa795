"""Choosing each speaker's best clips: keep the candidates the conversation allows (see
:mod:`audiokit.clips.judge`) and that can be cut cleanly, score them (text, and prosody when
the audio's contours are given), pick greedily with a preference for variety across the
episode, and say why each was chosen.

Pure. Variety: once a clip is chosen, other candidates of the same speaker lose up to 40% of
their score the more likely they are on its topic: by default the chance that the boundary
model finds no topic change between the two (so a near tie between two boundaries cannot flip
a choice); by section when section starts are given (same section: full penalty); otherwise
by time (penalty decaying over the episode's length over twice the clips wanted: a sixth of
it for three). Clips of one speaker never overlap, nor repeat one passage said twice (a
re-aired segment of a long show). Fewer clips than asked for are reported as warnings in the
result, never printed.

>>> from audiokit.model import Episode, Turn, Sentence, Word
>>> def sent(t0, text):
...     return Sentence(tuple(Word(w, t0 + 0.5 * i, t0 + 0.5 * i + 0.4, 1.0) for i, w in enumerate(text.split())))
>>> ep = Episode((Turn("Ann", (sent(0, "Testing every change is the key to shipping."),
...                           sent(5, "We found that testing catches regressions early."))),))
>>> sel = select_clips(ep, per_speaker=2, min_seconds=5, max_seconds=10)
>>> [(c.speaker, c.n, round(c.start, 2), round(c.end, 2)) for c in sel]
[('Ann', 1, 0.0, 8.9)]
>>> sel.warnings
('Ann: 1 clip of 5-10 s instead of 2 (not enough material)',)
>>> sel[0].reasons[:2], sel[0].caption
(('a complete point', 'opens on a sentence that needs no context'), 'Testing every change is the key to shipping.')
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from audiokit.clips.background import LogProb, english_logprob
from audiokit.clips.candidates import Candidate, SentenceIndex, candidates
from audiokit.clips.cut import Cut, Timeline, choose_cut
from audiokit.clips.judge import Verdict, judge, reasons
from audiokit.clips.language import background_logprob
from audiokit.clips.moments import kinds, social_caption, strength
from audiokit.clips.prosody import (
    Baseline,
    Contours,
    Features,
    Lively,
    baseline,
    features,
    liveliness,
    syllables,
)
from audiokit.clips.said import GAP_FACTOR, GapNotes, music_in, said, said_text, shown_text, without_notes
from audiokit.clips.said import texts as written
from audiokit.clips.score import KeyTerms, Score, content_terms, normalize, score
from audiokit.clips.structure import Structure
from audiokit.errors import AudiokitError
from audiokit.model import Episode, Span
from audiokit.text.stopwords import is_hesitation

__all__ = ["Clip", "Selection", "select_clips"]

_VARIETY = 0.4
_MIN_SPEECH = 0.4  # share of a clip its words must fill
_TITLE_WORDS = 8


@dataclass(frozen=True)
class Clip:
    """A chosen clip: ``start``/``end`` are the cut (seconds in the episode), ``speech`` the
    span of its words; ``n`` its rank among the speaker's clips (1 = best); sentences
    ``first_sentence``..``last_sentence`` are global indices in spoken order; ``text`` is what they
    say with transcribers' notes as shown ("[inaudible]", without the transcriber's clock)."""

    speaker: str
    n: int
    start: float
    end: float
    speech: Span
    score: float
    scores: Score
    text: str
    first_sentence: int
    last_sentence: int
    first_word: int
    last_word: int
    fade_in: float
    fade_out: float
    reasons: tuple[str, ...] = ()
    caption: str = ""
    language: str = "en"

    @property
    def duration(self) -> float:
        """Seconds of the cut."""
        return self.end - self.start

    @property
    def span(self) -> Span:
        """The cut as a :class:`~audiokit.model.Span`."""
        return Span(self.start, self.end)

    @property
    def title(self) -> str:
        """The opening words, for tags and soundbite titles.

        >>> _title("One two three four five six seven eight nine ten.")
        'One two three four five six seven eight…'
        >>> _title("They came in and stung us all violently. Then we ran.")
        'They came in and stung us all violently.'
        >>> _title("The repair night changed how I shop. After that, everything.")
        'The repair night changed how I shop.'
        >>> _title("Alright so this is the sick corpus uh hopefully the levels are okay")
        'Alright so this is the sick corpus hopefully…'
        """
        return _title(without_notes(self.text), self.language)


def _title(text: str, language: str = "en") -> str:
    # A hesitation is no part of a title ("...the sick corpus uh…" in a soundbite and the clip's
    # ID3 tag); only the language's own: "um" is a word in German and Portuguese.
    words = [w for w in text.split() if not is_hesitation(w, language)]
    if len(words) <= _TITLE_WORDS:
        return " ".join(words)
    # A first sentence of four words or more that ends within the title is the title, whole.
    ends = [i for i, w in enumerate(words[:_TITLE_WORDS]) if i >= 3 and w.endswith((".", "!", "?", "…", "؟"))]
    if ends:
        return " ".join(words[: ends[-1] + 1])
    return " ".join(words[:_TITLE_WORDS]).rstrip(",;:—–-،؛") + "…"


@dataclass(frozen=True)
class Selection:
    """The chosen clips (grouped by speaker in the episode's speaker order, best first) and
    warnings about speakers with fewer clips than asked for. Iterates over the clips."""

    clips: tuple[Clip, ...]
    warnings: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Clip]:
        return iter(self.clips)

    def __len__(self) -> int:
        return len(self.clips)

    def __getitem__(self, i: int) -> Clip:
        return self.clips[i]


@dataclass(frozen=True)
class _Option:
    candidate: Candidate
    cut: Cut
    score: Score
    verdict: Verdict
    lively: Lively | None


_ANY = Score(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)  # every cuttable passage alike: how many could there be?


Nearness = Callable[[float, float], float]  # how alike two moments' topics are: 1 same, 0 unrelated


def _by_time(scale: float) -> Nearness:
    return lambda a, b: math.exp(-abs(a - b) / scale)


def _by_sections(starts: Sequence[float]) -> Nearness:
    return lambda a, b: 1.0 if bisect.bisect_right(starts, a) == bisect.bisect_right(starts, b) else 0.0


def _by_topic_changes(changes: Sequence[tuple[float, float]]) -> Nearness:
    """The chance that no topic change lies between two moments: the product of (1 - p) over
    the changes between them, from running sums of -log(1 - p).

    >>> near = _by_topic_changes([(10.0, 0.5), (20.0, 0.9)])
    >>> round(near(0, 5), 3), round(near(5, 15), 3), round(near(15, 5), 3), round(near(0, 30), 3)
    (1.0, 0.5, 0.5, 0.05)
    """
    times = [t for t, _ in changes]
    totals = [0.0]
    for _, p in changes:
        totals.append(totals[-1] - math.log(1.0 - min(p, 0.999)))

    def near(a: float, b: float) -> float:
        return math.exp(-abs(totals[bisect.bisect_right(times, a)] - totals[bisect.bisect_right(times, b)]))

    return near


def _closeness(a: _Option, b: _Option, near: Nearness) -> float:
    return near(a.cut.speech.middle, b.cut.speech.middle)


def _pairs_of(text: str) -> frozenset[tuple[str, str]]:
    """The adjacent word pairs of ``text``, words normalized."""
    words = [normalize(w) for w in text.split()]
    return frozenset(itertools.pairwise(words))


def _repeats(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> bool:
    """Whether two passages are mostly the same words in the same order (half the word pairs
    of the shorter in the other): one passage said twice, as a long show's re-aired segment,
    recap or repeated ad read is. Two different passages share a few pairs at most.

    >>> p = lambda t: frozenset(itertools.pairwise(t.split()))
    >>> _repeats(p("so what we see in production is drift"), p("and what we see in production is drift today"))
    True
    >>> _repeats(p("what we see in production is drift"), p("what we measured in training was loss"))
    False
    """
    return bool(a) and bool(b) and len(a & b) >= 0.5 * min(len(a), len(b))


def _pick(options: list[_Option], k: int, near: Nearness) -> list[_Option]:
    """Up to ``k`` options, greedily by score lowered for topics already chosen; never two that
    overlap in time or repeat one passage (said twice in the episode)."""
    chosen: list[_Option] = []
    pool = sorted(options, key=lambda o: (-o.score.total, o.cut.start))
    pairs = {id(o): _pairs_of(said_text(o.candidate.words)) for o in pool}  # once per option, not per pick
    while pool and len(chosen) < k:
        best = max(
            pool,
            key=lambda o: (
                o.score.total
                * (1 - _VARIETY * max((_closeness(o, c, near) for c in chosen), default=0)),
                -o.cut.start,
            ),
        )
        chosen.append(best)
        pool = [o for o in pool if not (o.cut.start < best.cut.end and best.cut.start < o.cut.end)
                and not _repeats(pairs[id(o)], pairs[id(best)])]
    return chosen


def _topic_nearness(episode: Episode) -> Nearness | None:
    """How alike two moments' topics are, from the boundary model's chance of a topic change
    at every sentence between them (:func:`audiokit.chapters.find.topic_changes`), or None when
    that cannot be said (no chapter finder installed, or too little timed text)."""
    try:
        from audiokit.chapters.find import topic_changes
    except ImportError:
        return None
    try:
        changes = topic_changes(episode)
    except (AudiokitError, ValueError):
        return None
    return _by_topic_changes(changes) if changes else None


def _prosody(index: SentenceIndex, contours: Contours | None) -> tuple[list[Features], dict[str, Baseline]] | None:
    """Each sentence's delivery features and each speaker's usual ones, or None."""
    if contours is None:
        return None
    feats: list[Features] = []
    for ref in index.sentences:
        words = ref.said
        a, b = (words[0].start, words[-1].end) if words else (None, None)
        if a is None or b is None or b <= a:
            feats.append(Features(math.nan, math.nan, math.nan))
            continue
        feats.append(features(contours, (a, b), sum(syllables(w.text) for w in words)))
    usual = {
        name: baseline([f for f, r in zip(feats, index.sentences) if r.speaker == name])
        for name in {r.speaker for r in index.sentences}
    }
    return feats, usual


def _key_terms(terms: KeyTerms, text: str) -> list[str]:
    words = [normalize(w) for w in text.split()]
    found = {t: terms.weights[t] for t in content_terms(words, terms.language) if t in terms.weights}
    return [t for t, _ in sorted(found.items(), key=lambda kv: -kv[1])]


def select_clips(
    episode: Episode,
    per_speaker: int = 3,
    min_seconds: float = 15.0,
    max_seconds: float = 60.0,
    speaker: str | None = None,
    audio_end: float | None = None,
    sections: Sequence[float] | Literal["chapters"] | None = "chapters",
    background: LogProb | None | Literal["english"] = "english",
    prosody: Contours | None = None,
) -> Selection:
    """Each speaker's best ``per_speaker`` clips lasting ``min_seconds``..``max_seconds`` (cut
    included), or only ``speaker``'s. ``audio_end`` (the audio's length) keeps cuts inside the
    audio; ``sections`` are section start times for variety (default ``"chapters"``:
    the boundary model's chance of a topic change between two clips; ``None``: spread by time
    alone); ``background`` judges which terms are key (default: the general word frequencies of
    the episode's language; ``None``: TF-IDF over the episode alone); ``prosody``: the episode's pitch and loudness contours
    (:func:`audiokit.clips.prosody.measure`), without which delivery is not judged. Raises
    :class:`ValueError` for an unknown speaker or inconsistent bounds."""
    if per_speaker < 1:
        raise ValueError("per_speaker must be at least 1")
    if not 1.0 <= min_seconds <= max_seconds:
        raise ValueError(f"need 1 <= min_seconds <= max_seconds, got {min_seconds} and {max_seconds}")
    names = [s.name for s in episode.speakers]
    for t in episode.turns:
        if t.speaker not in names:
            names.append(t.speaker)
    spoken = {t.speaker for t in episode.turns}
    names = [n for n in names if n in spoken]
    if speaker is not None:
        if speaker not in names:
            raise ValueError(f"no speaker named {speaker!r} (speakers: {', '.join(names)})")
        names = [speaker]
    language = episode.metadata.language or "en"
    if background == "english":  # the default: general frequencies of the episode's language
        background = english_logprob() if language == "en" else background_logprob(language)
    index = SentenceIndex.of(episode)
    terms = KeyTerms.of((ref.sentence.text for ref in index.sentences), background, language=language)
    structure = Structure.of(index, language)
    durations = [r.duration for r in index.sentences]
    delivery = _prosody(index, prosody)
    timeline, gap_notes = Timeline.of(index.words), GapNotes.of(index.words)
    end_limit = math.inf if audio_end is None else audio_end
    spans = [w.end for w in index.words if w.end is not None and not w.note]
    length = max(spans) if spans else 0.0
    near = None
    if sections == "chapters":
        near = _topic_nearness(episode)
    elif sections and len(sections) > 1:
        near = _by_sections(sorted(sections))
    near = near or _by_time(max(1.0, length / (2 * per_speaker)))
    by_speaker: dict[str, list[_Option]] = {n: [] for n in names}
    cuttable: dict[str, list[_Option]] = {n: [] for n in names}
    for cand in candidates(index, min_seconds, max_seconds, frozenset(names)):
        cut = choose_cut(timeline, cand.first_word, cand.last_word, cand.span, max_seconds, end_limit)
        if cut is None or cut.duration < min_seconds:
            continue
        spoken_time = sum(w.end - w.start for w in said(cand.words) if w.start is not None and w.end is not None)
        if spoken_time < _MIN_SPEECH * cut.duration:
            continue  # mostly silence (or words the aligner could not place): never a clip
        verdict = judge(structure, cand.first, cand.last, durations)
        if not verdict.ok:
            cuttable[cand.speaker].append(_Option(cand, cut, _ANY, verdict, None))
            continue
        lively = None
        if delivery is not None:
            feats, usual = delivery
            lively = liveliness(feats[cand.first : cand.last + 1], durations[cand.first : cand.last + 1],
                                usual[cand.speaker])
        s = score(cand.sentences, terms, 0.5 if lively is None else lively.score,
                  0.6 if verdict.backref else 1.0, strength(kinds(written(index, cand), verdict.opens_on_question)))
        # Audio the transcript marks "[inaudible]" or "[crosstalk]" (the cut's, padding included) a producer would not post.
        unclear = GAP_FACTOR ** len(gap_notes.of_clip(index, cand, cut.start, cut.end))
        s = replace(s, total=round(s.total * (1 - verdict.bad_share) * (1 - 0.5 * verdict.fragments) * unclear, 4))
        by_speaker[cand.speaker].append(_Option(cand, cut, s, verdict, lively))
        cuttable[cand.speaker].append(by_speaker[cand.speaker][-1])
    clips: list[Clip] = []
    warnings: list[str] = []
    for name in names:
        picked = _pick(by_speaker[name], per_speaker, near)
        for n, o in enumerate(picked, 1):
            c = o.candidate
            texts = written(index, c)
            found = kinds(texts, o.verdict.opens_on_question)
            gaps = gap_notes.of_clip(index, c, o.cut.start, o.cut.end)
            why = reasons(found, o.verdict, o.score.ending, _key_terms(terms, said_text(c.words)), o.lively,
                          gaps, GAP_FACTOR ** len(gaps), music_in(c.words))
            clips.append(
                Clip(
                    name,
                    n,
                    o.cut.start,
                    o.cut.end,
                    o.cut.speech,
                    o.score.total,
                    o.score,
                    shown_text(c.words),
                    c.first,
                    c.last,
                    c.first_word,
                    c.last_word,
                    o.cut.fade_in,
                    o.cut.fade_out,
                    tuple(why),
                    social_caption(texts, language=language),
                    language,
                )
            )
        if len(picked) < per_speaker:
            got = f"{len(picked)} clip{'s' if len(picked) != 1 else ''}" if picked else "no clips"
            any_kind = [replace(o, score=_ANY) for o in cuttable[name]]
            why_not = (
                "not enough material"
                if len(_pick(any_kind, per_speaker, near)) <= len(picked)
                else f"their {'other ' if picked else ''}passages of that length are questions, hand-overs or "
                "housekeeping, or lack an opening that stands alone"
            )
            warnings.append(f"{name}: {got} of {min_seconds:g}-{max_seconds:g} s instead of {per_speaker} ({why_not})")
    return Selection(tuple(clips), tuple(warnings))
