"""Choosing each speaker's best clips: keep the candidates the conversation allows (see
:mod:`audiokit.clips.judge`) and that can be cut cleanly, score them (text, and prosody when
the audio's contours are given), pick greedily with a preference for variety across the
episode, and say why each was chosen.

Pure. Variety: once a clip is chosen, other candidates of the same speaker lose up to 40% of
their score the closer they are to it, by section when section starts are given (same
section: full penalty; by default topic sections of about two minutes each), otherwise by
time (penalty decaying over a sixth of the episode per clip wanted). Clips of one speaker never overlap. Fewer clips than asked for are reported
as warnings in the result, never printed.

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
import math
from collections.abc import Iterator, Sequence
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
from audiokit.clips.score import KeyTerms, Score, content_terms, normalize, score
from audiokit.clips.structure import Structure
from audiokit.errors import AudiokitError
from audiokit.model import Episode, Span

__all__ = ["Clip", "Selection", "select_clips"]

_VARIETY = 0.4
_SECTION_SECONDS = 120.0  # clip variety: one topic section per two minutes of talk
_MIN_SPEECH = 0.4  # share of a clip its words must fill
_TITLE_WORDS = 8


@dataclass(frozen=True)
class Clip:
    """A chosen clip: ``start``/``end`` are the cut (seconds in the episode), ``speech`` the
    span of its words; ``n`` its rank among the speaker's clips (1 = best); sentences
    ``first_sentence``..``last_sentence`` are global indices in spoken order."""

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

    @property
    def duration(self) -> float:
        return self.end - self.start

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def title(self) -> str:
        """The opening words, for tags and soundbite titles.

        >>> _title("One two three four five six seven eight nine ten.")
        'One two three four five six seven eight…'
        """
        return _title(self.text)


def _title(text: str) -> str:
    words = text.split()
    head = " ".join(words[:_TITLE_WORDS])
    if len(words) > _TITLE_WORDS:
        head = head.rstrip(",;:—–-") + "…"
    return head


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


def _closeness(a: _Option, b: _Option, sections: Sequence[float] | None, scale: float) -> float:
    ma, mb = a.cut.speech.middle, b.cut.speech.middle
    if sections:
        return 1.0 if bisect.bisect_right(sections, ma) == bisect.bisect_right(sections, mb) else 0.0
    return math.exp(-abs(ma - mb) / scale)


def _pick(options: list[_Option], k: int, sections: Sequence[float] | None, scale: float) -> list[_Option]:
    chosen: list[_Option] = []
    pool = sorted(options, key=lambda o: (-o.score.total, o.cut.start))
    while pool and len(chosen) < k:
        best = max(
            pool,
            key=lambda o: (
                o.score.total
                * (1 - _VARIETY * max((_closeness(o, c, sections, scale) for c in chosen), default=0)),
                -o.cut.start,
            ),
        )
        chosen.append(best)
        pool = [o for o in pool if not (o.cut.start < best.cut.end and best.cut.start < o.cut.end)]
    return chosen


def section_starts(episode: Episode) -> list[float] | None:
    """Start times of the episode's topic sections for variety, or None when they cannot be
    found (no chapter finder installed, or too little timed text). One section per two minutes
    of talk (:func:`audiokit.chapters.find.topic_sections`), placed where the topic changes: the
    sections follow the content but not how many chapters the automatic count chose."""
    try:
        from audiokit.chapters.find import topic_sections
    except ImportError:
        return None
    try:
        return topic_sections(episode, _SECTION_SECONDS) or None
    except (AudiokitError, ValueError):
        return None


def _prosody(index: SentenceIndex, contours: Contours | None) -> tuple[list[Features], dict[str, Baseline]] | None:
    """Each sentence's delivery features and each speaker's usual ones, or None."""
    if contours is None:
        return None
    feats: list[Features] = []
    for ref in index.sentences:
        a, b = ref.words[0].start, ref.words[-1].end
        if a is None or b is None or b <= a:
            feats.append(Features(math.nan, math.nan, math.nan))
            continue
        feats.append(features(contours, (a, b), sum(syllables(w.text) for w in ref.words)))
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
    audio; ``sections`` are section start times for variety (default: topic sections of
    about two minutes, :func:`section_starts`; ``None``: spread by time alone); ``background`` judges which
    terms are key (default: word frequencies of general English; ``None``: TF-IDF over the
    episode alone); ``prosody``: the episode's pitch and loudness contours
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
    if sections == "chapters":
        sections = section_starts(episode)
    language = episode.metadata.language or "en"
    if background == "english":  # the default: general frequencies of the episode's language
        background = english_logprob() if language == "en" else background_logprob(language)
    index = SentenceIndex.of(episode)
    terms = KeyTerms.of((ref.sentence.text for ref in index.sentences), background, language=language)
    structure = Structure.of(index)
    durations = [
        (r.words[-1].end - r.words[0].start) if r.words[-1].end is not None and r.words[0].start is not None else 0.0
        for r in index.sentences
    ]
    delivery = _prosody(index, prosody)
    timeline = Timeline.of(index.words)
    end_limit = math.inf if audio_end is None else audio_end
    spans = [w.end for w in index.words if w.end is not None]
    length = max(spans) if spans else 0.0
    scale = max(1.0, length / (2 * per_speaker))
    secs = sorted(sections) if sections and len(sections) > 1 else None
    by_speaker: dict[str, list[_Option]] = {n: [] for n in names}
    cuttable: dict[str, list[_Option]] = {n: [] for n in names}
    for cand in candidates(index, min_seconds, max_seconds, frozenset(names)):
        cut = choose_cut(timeline, cand.first_word, cand.last_word, cand.span, max_seconds, end_limit)
        if cut is None or cut.duration < min_seconds:
            continue
        spoken_time = sum(w.end - w.start for w in cand.words if w.start is not None and w.end is not None)
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
        texts = [" ".join(w.text for w in ws) for ws in cand.sentences]
        s = score(cand.sentences, terms, 0.5 if lively is None else lively.score,
                  0.6 if verdict.backref else 1.0, strength(kinds(texts, verdict.opens_on_question)))
        s = replace(s, total=round(s.total * (1 - verdict.bad_share) * (1 - 0.5 * verdict.fragments), 4))
        by_speaker[cand.speaker].append(_Option(cand, cut, s, verdict, lively))
        cuttable[cand.speaker].append(by_speaker[cand.speaker][-1])
    clips: list[Clip] = []
    warnings: list[str] = []
    for name in names:
        picked = _pick(by_speaker[name], per_speaker, secs, scale)
        for n, o in enumerate(picked, 1):
            c = o.candidate
            texts = [" ".join(w.text for w in ws) for ws in c.sentences]
            found = kinds(texts, o.verdict.opens_on_question)
            why = reasons(found, o.verdict, o.score.ending, _key_terms(terms, c.text), o.lively)
            clips.append(
                Clip(
                    name,
                    n,
                    o.cut.start,
                    o.cut.end,
                    o.cut.speech,
                    o.score.total,
                    o.score,
                    c.text,
                    c.first,
                    c.last,
                    c.first_word,
                    c.last_word,
                    o.cut.fade_in,
                    o.cut.fade_out,
                    tuple(why),
                    social_caption(texts),
                )
            )
        if len(picked) < per_speaker:
            got = f"{len(picked)} clip{'s' if len(picked) != 1 else ''}" if picked else "no clips"
            any_kind = [replace(o, score=_ANY) for o in cuttable[name]]
            why_not = (
                "not enough material"
                if len(_pick(any_kind, per_speaker, secs, scale)) <= len(picked)
                else f"their {'other ' if picked else ''}passages of that length are questions, hand-overs or "
                "housekeeping, or lack an opening that stands alone"
            )
            warnings.append(f"{name}: {got} of {min_seconds:g}-{max_seconds:g} s instead of {per_speaker} ({why_not})")
    return Selection(tuple(clips), tuple(warnings))
