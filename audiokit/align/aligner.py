"""Align an episode's transcript to its audio: the anchored pocketsphinx pipeline.

1. Every written word gets its spoken form (:mod:`audiokit.align.spoken`) and every spoken
   word a pronunciation (:mod:`audiokit.align.lexicon`, espeak-ng guesses for names).
2. A recognition pass with a language model built from the transcript itself runs over the
   audio in ~30 s chunks cut at quiet points, on all cores (a chunk whose pass collapsed into
   one endless "word" is heard again in pieces: :mod:`audiokit.align.collapse`).
3. :func:`audiokit.align.matching.plan_regions` matches what was heard to the transcript,
   keeps runs of agreeing words as anchors, judges never-spoken sentences absent, and cuts the
   episode in the pauses between anchors into regions of 6-20 s.
4. In English, words inside runs the recogniser heard one after the other keep its times where
   the background is quiet; the rest of each region (run edges, words it did not match, all of it
   in noise) is force-aligned to its audio in windows (``set_align_text``), on all cores
   (:mod:`audiokit.align.forcing`, :mod:`audiokit.align.reuse`). With phones asked for, and in
   other languages, every region is force-aligned whole. A region the aligner cannot place keeps
   the recogniser's times for the words it heard and interpolates the rest, marked
   ``interpolated``.
"""

from __future__ import annotations

import bisect
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from audiokit.align import dtw_episode, dtw_fill, forcing, onsets, sphinx
from audiokit.align.collapse import hear_apart
from audiokit.align.energy import (
    HOP,
    frame_energy,
    pauses,
    quiet_runs,
    quietest,
    sounding_seconds,
    speech_threshold,
    tighten_edges,
)
from audiokit.align.fit import refuse_mismatch
from audiokit.align.lexicon import Lexicon
from audiokit.align.matching import Heard, Plan, Token, plan_regions, unmatched_gaps
from audiokit.align.phonemap import method_of
from audiokit.align.report import Report, Stretch, absent_passages
from audiokit.align.spoken import spoken_forms
from audiokit.align.workers import Jobs, jobs
from audiokit.audio import Audio
from audiokit.errors import MismatchError
from audiokit.model import Episode, Phone, Word

Progress = Callable[[str, int, int], None]

RECOGNITION_CHUNK = 30.0
CONTEXT_SENTENCES = 10  # neighbouring sentences in a gap's language model
SWALLOWED = 0.5  # seconds a forced word may start before the recogniser heard it
CONF_HEARD, CONF_FORCED, CONF_FALLBACK, CONF_INTERPOLATED = 0.95, 0.7, 0.5, 0.2


@dataclass(frozen=True)
class Alignment:
    """The aligned episode and the report on how well the transcript fits the audio."""

    episode: Episode
    report: Report


class _Stopwatch:
    """Seconds spent in each stage, for the report."""

    def __init__(self) -> None:
        self.laps: list[tuple[str, float]] = []
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps.append((name, round(now - self.last, 2)))
        self.last = now


@dataclass(frozen=True)
class _TokenTime:
    start: float
    end: float
    confidence: float
    interpolated: bool = False
    phones: tuple[tuple[str, float, float], ...] = ()


def spoken_episode(episode: Episode, lexicon: Lexicon) -> tuple[list[tuple[str, ...]], list[Token]]:
    """Spoken form of every word (in episode order) and the flat list of spoken tokens."""
    forms: list[tuple[str, ...]] = []
    tokens: list[Token] = []
    sentence = 0
    for turn in episode.turns:
        texts = [w.text for s in turn.sentences for w in s.words]
        turn_forms = spoken_forms(texts, lambda w: w in lexicon.entries, episode.metadata.language or "en")
        k = 0
        first = True
        for s in turn.sentences:
            for _ in s.words:
                for text in turn_forms[k]:
                    tokens.append(Token(text, len(forms), sentence, first))
                    first = False
                forms.append(turn_forms[k])
                k += 1
            sentence += 1
    return forms, tokens


def recognition_chunks(db, duration: float, length: float = RECOGNITION_CHUNK) -> list[tuple[float, float]]:
    """Chunks of about ``length`` seconds, each cut at the quietest point near its end."""
    chunks, start = [], 0.0
    while duration - start > length * 1.5:
        cut = quietest(db, start + length - 5.0, start + length + 5.0, HOP, window=15)
        chunks.append((start, cut))
        start = cut
    chunks.append((start, duration))
    return chunks


def align(
    episode: Episode,
    audio: Audio,
    *,
    workers: int | None = None,
    phones: bool = False,
    progress: Progress | None = None,
    lexicon: Lexicon | None = None,
) -> Alignment:
    """Place every word of ``episode`` in ``audio`` (see the module docstring)."""
    began = time.perf_counter()
    clock = _Stopwatch()
    report_progress = progress or (lambda stage, done, total: None)
    language = episode.metadata.language or "en"
    if dtw_episode.whole_episode(language):  # issue 13: DTW measured better for this language
        return Alignment(*dtw_episode.align_episode(episode, audio))
    base = lexicon or Lexicon.for_language(language)
    forms, tokens = spoken_episode(episode, base)
    lex = base.with_guesses(t.text for t in tokens)
    tokens = [t for t in tokens if t.text in lex]  # a word without a pronunciation stays unplaced
    if not tokens:
        raise MismatchError("the transcript has no words to align")
    db = frame_energy(audio.samples, audio.rate)
    workers = workers or os.cpu_count() or 1

    sentences: dict[int, list[str]] = {}
    for t in tokens:
        sentences.setdefault(t.sentence, []).append(t.text)

    with tempfile.TemporaryDirectory(prefix="audiokit-align-") as tmp:
        res = sphinx.write_resources(list(sentences.values()), lex, Path(tmp))
        clock.lap("prepare")
        with jobs(audio, workers) as pool:
            chunks = recognition_chunks(db, audio.duration)
            futures = [pool.submit(_recognize, res, a, b) for a, b in chunks]
            heard: list[Heard] = []
            for done, f in enumerate(futures, 1):
                heard += f.result()
                report_progress("recognizing", done, len(futures))

            clock.lap("recognize")
            heard = _listen_again(pool, res, audio, tokens, heard, sentences)
            clock.lap("listen again")

            def quiet(a: float, b: float) -> float:
                return quietest(db, a, b)

            background = speech_threshold(db) - 10.0  # as the report's silences

            def sounding(a: float, b: float) -> float:
                return sounding_seconds(db, background, a, b)

            def pauses_in(a: float, b: float) -> list[tuple[float, float]]:
                return pauses(db, a, b, background)

            plan = plan_regions(tokens, heard, audio.duration, quiet, sounding=sounding,
                                pauses=pauses_in if language != "en" else None)  # English: as measured
            refuse_mismatch(tokens, heard, plan, episode.word_count)
            clock.lap("plan")
            placed = forcing.force(pool, res, tokens, heard, plan, db, phones,
                                   lambda done, total: report_progress("aligning", done, total))
            clock.lap("align")
            placed = forcing.retry_merged(pool, res, tokens, plan, placed, phones)
            clock.lap("realign failures")

    times = _tighten_edges(_token_times(tokens, heard, plan, placed, language), db, language)
    if language != "en":  # issue 13; English keeps the rules it was measured with
        times = _sentence_onsets(times, tokens, episode, db)
    times, by_dtw = dtw_fill.fill_unplaced(times, tokens, episode, audio, language)  # issue 13: eSpeak NG + DTW
    words = _words(episode, forms, tokens, times)
    duration = round(audio.duration, 3)
    aligned = replace(episode.with_words(words), metadata=replace(episode.metadata, duration=duration))
    judged = {tokens[k].word for k in plan.absent}  # whole sentences: no word is partly absent
    report = replace(_report(aligned, plan, db, duration, time.perf_counter() - began),
                     stages=tuple(clock.laps), language=language, method=method_of(language), dtw=by_dtw,
                     absent_words=sum(1 for i, w in enumerate(aligned.words()) if i in judged and not w.timed))
    return Alignment(aligned, report)


def _recognize(audio: Audio, res: sphinx.Resources, start: float, end: float) -> list[Heard]:
    return hear_apart(lambda a, b: sphinx.recognize(res, audio.slice(a, b).tobytes(), a), _quiet_in(audio), start, end)


def _recognize_text(audio: Audio, res: sphinx.Resources, corpus: list[list[str]], start: float,
                    end: float) -> list[Heard]:
    return hear_apart(lambda a, b: sphinx.recognize_text(res, corpus, audio.slice(a, b).tobytes(), a),
                      _quiet_in(audio), start, end)


def _quiet_in(audio: Audio) -> Callable[[float, float], float]:
    """The quietest point between two times (energy computed only when a pass collapsed)."""
    return lambda a, b: a + quietest(frame_energy(audio.slice(a, b), audio.rate), 0.0, b - a)


def _listen_again(pool: Jobs, res: sphinx.Resources, audio: Audio, tokens: Sequence[Token],
                  heard: list[Heard], sentences: dict[int, list[str]]) -> list[Heard]:
    """Recognise again the gaps where whole sentences went unheard, with a language model
    biased to the gap's own text (plus its neighbourhood, so that other speech can still come
    out as other words), and splice what is heard there into the first pass."""
    gaps = unmatched_gaps(tokens, heard, audio.duration)
    if not gaps:
        return heard
    work = []
    for g in gaps:
        ids = sorted({tokens[k].sentence for k in range(g.first, g.last)})
        near = range(max(0, ids[0] - CONTEXT_SENTENCES), ids[-1] + CONTEXT_SENTENCES + 1)
        corpus = [sentences[i] for i in ids] * 3 + [sentences[i] for i in near if i in sentences]
        work.append(pool.submit(_recognize_text, res, corpus, g.start, g.end))
    kept = [h for h in heard if not any(g.start <= h.start < g.end for g in gaps)]
    for job in work:
        kept += job.result()
    return sorted(kept, key=lambda h: h.start)


def _token_times(
    tokens: Sequence[Token], heard: Sequence[Heard], plan: Plan, placed: Sequence[list[sphinx.Placed | None]],
    language: str = "en",
) -> list[_TokenTime | None]:
    times: list[_TokenTime | None] = [None] * len(tokens)
    runs = forcing.in_runs(plan.matched, 3) if language != "en" else frozenset()
    for region, result in zip(plan.regions, placed):
        moved = forcing.heard_instead(region.tokens, result, plan.matched, heard, runs, SWALLOWED) if runs else {}
        for k, p in zip(region.tokens, result):
            if k in moved:  # issue 13: forced wholly apart from where a run heard it
                times[k] = _TokenTime(*moved[k], CONF_FALLBACK)
            elif p is not None:
                conf = CONF_HEARD if k in plan.matched else CONF_FORCED
                start = p.start
                if k in plan.matched:
                    # A word that swallowed speech the transcript lacks (it starts long before
                    # the recogniser heard it) starts where it was heard.
                    start = forcing.swallowed_start(p.start, p.end, heard[plan.matched[k]], SWALLOWED)
                times[k] = _TokenTime(start, p.end, conf, False, p.phones)
            elif k in plan.matched:
                # The aligner could not place it: keep what the recogniser heard ...
                h = heard[plan.matched[k]]
                times[k] = _TokenTime(h.start, h.end, CONF_FALLBACK)
        _drop_out_of_order(times, region.tokens)
        # ... and interpolate the rest.
        _interpolate(times, region.tokens, tokens, region.start, region.end)
    return times


def _drop_out_of_order(times: list[_TokenTime | None], ks: Sequence[int]) -> None:
    """Forget recogniser fall-back times that contradict the order of their neighbours (a word
    matched to the wrong occurrence in the audio); they are interpolated instead."""
    last_end = float("-inf")
    for i, k in enumerate(ks):
        t = times[k]
        if t is None:
            continue
        later = next((u for u in (times[j] for j in ks[i + 1:]) if u is not None and u.confidence != CONF_FALLBACK),
                     None) if t.confidence == CONF_FALLBACK else None
        if t.confidence == CONF_FALLBACK and (t.start < last_end - 0.05 or (later and t.end > later.start + 0.05)):
            times[k] = None
            continue
        last_end = max(last_end, t.end)


def _tighten_edges(times: list[_TokenTime | None], db, language: str) -> list[_TokenTime | None]:
    """Trim background off word edges that border a pause (:func:`energy.tighten_edges`); in other
    languages also where the aligner hid a pause between two words (:func:`energy.hidden_pauses`),
    keeping a word's weak onset (an unaspirated stop's burst) with it, and in noisy audio a pause
    hidden under the recording's background level (as the report's silences)."""
    other = language != "en"  # English keeps the rules it was measured with
    spans = tighten_edges([None if t is None else (t.start, t.end) for t in times], db,
                          {k for k, t in enumerate(times) if t is not None and t.interpolated},
                          hidden=other, weak=other, floor=speech_threshold(db) - 10.0 if other else None)
    # tighten_edges gives None exactly where it was given None, that is where t is None.
    return [t if t is None or s is None else replace(t, start=s[0], end=s[1]) for t, s in zip(times, spans)]


def _sentence_onsets(times: list[_TokenTime | None], tokens: Sequence[Token], episode: Episode,
                     db) -> list[_TokenTime | None]:
    """Each sentence's first word begun at the end of the last pause before the rest of its
    sentence (:func:`onsets.sentence_onsets`; pauses at the recording's background level)."""
    floor = speech_threshold(db) - 10.0
    texts = [w.text for w in episode.words()]
    spans = onsets.sentence_onsets(
        [None if t is None else (t.start, t.end) for t in times], [t.sentence for t in tokens],
        [t.word for t in tokens], texts.__getitem__, lambda a, b: pauses(db, a, b, floor),
        keep={k for k, t in enumerate(times) if t is not None and t.interpolated}, letters=[len(t.text) for t in tokens])
    return [t if t is None or s is None else replace(t, start=s[0], end=s[1]) for t, s in zip(times, spans)]


def _interpolate(times: list[_TokenTime | None], ks: Sequence[int], tokens: Sequence[Token],
                 start: float, end: float) -> None:
    """Spread unplaced tokens of a region over the time between their placed neighbours,
    in proportion to their length in letters; marked interpolated."""
    i = 0
    while i < len(ks):
        if times[ks[i]] is not None:
            i += 1
            continue
        j = i
        while j < len(ks) and times[ks[j]] is None:
            j += 1
        prev = times[ks[i - 1]] if i > 0 else None
        nxt = times[ks[j]] if j < len(ks) else None
        t0 = prev.end if prev else start
        t1 = nxt.start if nxt else end
        t1 = max(t0, t1)
        weights = [max(1, len(tokens[k].text)) for k in ks[i:j]]
        total, acc = sum(weights), 0
        for k, w in zip(ks[i:j], weights):
            a = t0 + (t1 - t0) * acc / total
            acc += w
            b = t0 + (t1 - t0) * acc / total
            times[k] = _TokenTime(round(a, 3), round(b, 3), CONF_INTERPOLATED, True)
        i = j


def _words(episode: Episode, forms: Sequence[tuple[str, ...]], tokens: Sequence[Token],
           times: Sequence[_TokenTime | None]) -> list[Word]:
    by_word: dict[int, list[_TokenTime | None]] = {}
    for t, tt in zip(tokens, times):
        by_word.setdefault(t.word, []).append(tt)
    words: list[Word] = []
    for i, w in enumerate(episode.words()):
        ts = by_word.get(i)
        if ts is None:  # no spoken form (a dash, a symbol): placed between neighbours later
            words.append(replace(w, spoken=forms[i], start=None, end=None))
            continue
        got = [t for t in ts if t is not None]
        if not got:
            words.append(replace(w, spoken=forms[i], start=None, end=None, confidence=None))
            continue
        words.append(replace(
            w, spoken=forms[i], start=got[0].start, end=max(t.end for t in got),
            confidence=min(t.confidence for t in got), interpolated=any(t.interpolated for t in got),
            phones=tuple(Phone(*p) for t in got for p in t.phones),
        ))
    return _place_silent(words, by_word)


def _place_silent(words: list[Word], by_word: dict[int, list[_TokenTime | None]]) -> list[Word]:
    """Words with no spoken form (a dash, a lone symbol) sit, zero-length and interpolated, at
    the end of the previous spoken word, when it and the next spoken word were both placed."""
    out = list(words)
    spoken = [i for i in range(len(out)) if i in by_word]
    for i, w in enumerate(out):
        if i in by_word or w.timed:
            continue
        k = bisect.bisect_left(spoken, i)
        prev = out[spoken[k - 1]] if k > 0 else None
        nxt = out[spoken[k]] if k < len(spoken) else None
        if prev is not None and nxt is not None and prev.end is not None and nxt.timed:
            out[i] = replace(w, start=prev.end, end=prev.end, interpolated=True, confidence=None)
    return out


def _report(episode: Episode, plan: Plan, db, duration: float, wall: float) -> Report:
    words = list(episode.words())
    threshold = speech_threshold(db)
    silences = tuple(Stretch(a, b, "silence") for a, b in quiet_runs(db, threshold - 10.0, 3.0, HOP))
    extra = [Stretch(a, b, "speech not in transcript") for a, b in plan.extra_audio]
    timed = [w for w in words if w.timed]
    spans = [s for w in timed if (s := w.span) is not None]  # a timed word has both start and end
    if spans:
        first, last = min(s.start for s in spans), max(s.end for s in spans)
        if first > 3.0:
            extra.insert(0, Stretch(0.0, round(first, 3), "unaligned sound"))
        if duration - last > 3.0:
            extra.append(Stretch(round(last, 3), duration, "unaligned sound"))
    return Report(
        words=len(words),
        placed=len(timed),
        interpolated=sum(1 for w in timed if w.interpolated),
        absent=absent_passages(episode),
        extra_audio=tuple(extra),
        silences=silences,
        duration=duration,
        wall_seconds=round(wall, 2),
    )

