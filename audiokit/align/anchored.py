"""The anchored path: recognition, anchors and regions, the forced pass (steps 2-4 of
:mod:`audiokit.align.aligner`), over a whole episode or one stretch of it.

A recognition pass with a language model built from the transcript itself hears the audio in
~30 s chunks cut at quiet points, on all cores (a chunk whose pass collapsed into one endless
"word" is heard again in pieces: :mod:`audiokit.align.collapse`); gaps where whole sentences went
unheard are heard again with a model biased to their text. :func:`matching.plan_regions` keeps
runs of agreeing words as anchors, judges never-spoken sentences absent and cuts regions in the
pauses between anchors; :mod:`audiokit.align.forcing` force-aligns them. A stretch (the fallback
of :mod:`audiokit.align.at_pauses` for its doubtful windows) is handled like a short episode.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from audiokit.align import forcing, sphinx
from audiokit.align.collapse import hear_apart
from audiokit.align.energy import HOP, background_level, frame_energy, pauses, quietest, sounding_seconds
from audiokit.align.fit import refuse_mismatch
from audiokit.align.matching import (
    STRONG_RUN,
    Heard,
    Plan,
    Region,
    Token,
    in_runs,
    plan_regions,
    unmatched_gaps,
)
from audiokit.align.workers import Jobs
from audiokit.audio import Audio

Progress = Callable[[str, int, int], None]

RECOGNITION_CHUNK = 30.0
CONTEXT_SENTENCES = 10  # neighbouring sentences in a gap's language model
SWALLOWED = 0.5  # seconds a forced word may start before the recogniser heard it
# A word's confidence is the share of words timed the same way whose start lies within 100 ms of the
# truth on the benchmark sets (scripts/measure_confidence.py: heard 99.0% of 8773 words, forced
# between anchors 98.0% of 4931). Fallback and interpolated words are too few there (25, 21) to
# measure; their values only rank them below the measured classes.
CONF_HEARD, CONF_FORCED, CONF_FALLBACK, CONF_INTERPOLATED = 0.99, 0.98, 0.5, 0.2
# A heard word the forced pass placed more than APART seconds from where it was heard: one of the
# two passes is wrong (real-mfa's "cough here", forced 1.1-1.9 s late behind the cough; in the rough
# sets mostly the recogniser, hearing a word early with an unwritten filler), and its times stay
# the forced ones. 71% of 42 such words start within 100 ms (both halves of the sets 71%); 8 of
# the 23 sure words more than 300 ms off are among them (scripts/measure_forced_errors.py).
CONF_DISAGREED, APART = 0.71, 0.3
# Seconds per word under which words left to interpolation between two placed ones are crammed:
# no stretch of three words in a row of any benchmark truth is spoken faster (the fastest:
# real-mfa's hoarse voice, 0.093 s a word; seed-full 0.112 s).
CRAMMED = 0.09


@dataclass(frozen=True)
class TokenTime:
    """A token's times, how far they are trusted, and its phones ``(label, start, end)``.
    ``provisional``: where a recursion's recogniser heard a word no forced pass placed; the
    eSpeak NG + DTW fill (:mod:`audiokit.align.dtw_fill`) may place it instead."""

    start: float
    end: float
    confidence: float
    interpolated: bool = False
    phones: tuple[tuple[str, float, float], ...] = ()
    provisional: bool = False


def recognition_chunks(db, duration: float, length: float = RECOGNITION_CHUNK,
                       start: float = 0.0) -> list[tuple[float, float]]:
    """Chunks of about ``length`` seconds from ``start`` over ``duration`` seconds, each cut at
    the quietest point near its end."""
    end, chunks = start + duration, []
    while end - start > length * 1.5:
        cut = quietest(db, start + length - 5.0, start + length + 5.0, HOP, window=15)
        chunks.append((start, cut))
        start = cut
    chunks.append((start, end))
    return chunks


def anchored(pool: Jobs, res: sphinx.Resources, audio: Audio, tokens: Sequence[Token],
             sentences: dict[int, list[str]], db: np.ndarray, phones: bool, language: str, word_count: int,
             lap: Callable[[str], None], progress: Progress, start: float = 0.0,
             end: float | None = None, background: float | None = None) -> tuple[list[TokenTime | None], Plan]:
    """Every token's times and the plan (see the module docstring) for ``tokens`` spoken between
    ``start`` and ``end`` (the whole episode by default). A stretch of an episode is planned in
    its own time (heard words shifted to start at 0) and the plan shifted back, so the pure
    matching sees a stretch exactly as it would see an episode of that length; only a whole
    episode is refused when the transcript does not fit (:func:`fit.refuse_mismatch`). A stretch's
    ``db`` need hold only its own frames (:class:`energy.EnergyStretch`) when ``background``, the
    whole episode's :func:`energy.background_level`, is given."""
    end = audio.duration if end is None else end
    chunks = recognition_chunks(db, end - start, start=start)
    futures = [pool.submit(_recognize, res, a, b) for a, b in chunks]
    heard: list[Heard] = []
    for done, f in enumerate(futures, 1):
        heard += f.result()
        progress("recognizing", done, len(futures))

    lap("recognize")
    heard = _listen_again(pool, res, audio, tokens, heard, sentences, start, end)
    lap("listen again")

    def quiet(a: float, b: float) -> float:
        return quietest(db, a + start, b + start) - start

    background = background_level(db) if background is None else background

    def sounding(a: float, b: float) -> float:
        return sounding_seconds(db, background, a + start, b + start)

    def pauses_in(a: float, b: float) -> list[tuple[float, float]]:
        return [(x - start, y - start) for x, y in pauses(db, a + start, b + start, background)]

    outside_english = language != "en"  # English keeps the rules it was measured with
    local = plan_regions(tokens, _shifted(heard, -start), end - start, quiet, sounding=sounding,
                         pauses=pauses_in if outside_english else None, long_runs=outside_english)
    plan = _shifted_plan(local, start)
    if start == 0.0 and end == audio.duration:
        refuse_mismatch(tokens, heard, plan, word_count)
    lap("plan")
    placed = forcing.force(pool, res, tokens, heard, plan, db, phones,
                           lambda done, total: progress("aligning", done, total))
    lap("align")
    placed = forcing.retry_merged(pool, res, tokens, plan, placed, phones)
    lap("realign failures")
    return _token_times(tokens, heard, plan, placed, language), plan


def _shifted(heard: Sequence[Heard], by: float) -> list[Heard]:
    return list(heard) if by == 0.0 else [Heard(h.text, h.start + by, h.end + by) for h in heard]


def _shifted_plan(plan: Plan, by: float) -> Plan:
    if by == 0.0:
        return plan
    return replace(plan, regions=tuple(Region(r.tokens, round(r.start + by, 3), round(r.end + by, 3))
                                       for r in plan.regions),
                   extra_audio=tuple((round(a + by, 3), round(b + by, 3)) for a, b in plan.extra_audio))


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
                  heard: list[Heard], sentences: dict[int, list[str]], start: float, end: float) -> list[Heard]:
    """Recognise again the gaps where whole sentences went unheard, with a language model
    biased to the gap's own text (plus its neighbourhood, so that other speech can still come
    out as other words), and splice what is heard there into the first pass."""
    gaps = [replace(g, start=g.start + start, end=g.end + start)
            for g in unmatched_gaps(tokens, _shifted(heard, -start), end - start)]
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
) -> list[TokenTime | None]:
    times: list[TokenTime | None] = [None] * len(tokens)
    runs = in_runs(plan.matched, STRONG_RUN) if language != "en" else frozenset()
    said = frozenset(plan.matched.values())
    for region, result in zip(plan.regions, placed):
        moved = forcing.heard_instead(region.tokens, result, plan.matched, heard, runs, SWALLOWED) if runs else {}
        for k, p in zip(region.tokens, result):
            if k in moved:  # issue 13: forced wholly apart from where a run heard it
                times[k] = TokenTime(*moved[k], CONF_FALLBACK)
            elif p is not None and p.heard and k not in plan.matched:
                # No forced pass placed it and the first recognition pass did not hear it; the
                # recursion's did: eSpeak NG + DTW may place it, else those times stand. (Words the
                # first pass heard keep its times below, as they always did: DTW placing them
                # instead put seed-rough's "Bard, Claude." 0.4-0.5 s late in its noise.)
                times[k] = TokenTime(p.start, p.end, CONF_FALLBACK, provisional=True)
            elif p is not None and not p.heard:
                conf = CONF_HEARD if k in plan.matched else CONF_FORCED
                start = p.start
                if k in plan.matched:
                    # A word that swallowed speech the transcript lacks (it starts long before
                    # the recogniser heard it) starts where it was heard.
                    at = plan.matched[k]
                    start = forcing.swallowed_start(p.start, p.end, heard[at], SWALLOWED)
                    if language != "en" and (k == 0 or tokens[k - 1].sentence != tokens[k].sentence):
                        other = heard[at - 1] if at > 0 and at - 1 not in said else None
                        start = forcing.after_other_speech(start, p.end, heard[at], other)  # issue 13
                    if forcing.heard_elsewhere(start, heard[at], APART):
                        conf = CONF_DISAGREED
                times[k] = TokenTime(start, p.end, conf, False, p.phones)
            elif k in plan.matched:
                # The aligner could not place it: keep what the recogniser heard ...
                h = heard[plan.matched[k]]
                times[k] = TokenTime(h.start, h.end, CONF_FALLBACK)
        _drop_out_of_order(times, region.tokens)
        _drop_cramming(times, region.tokens, region.start, region.end)
        # ... and interpolate the rest.
        interpolate(times, region.tokens, tokens, region.start, region.end)
    return times


def _drop_out_of_order(times: list[TokenTime | None], ks: Sequence[int]) -> None:
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


def _drop_cramming(times: list[TokenTime | None], ks: Sequence[int], start: float, end: float) -> None:
    """Forget recogniser fall-back times that leave three or more unplaced words between them and
    their placed neighbour (or the region's edge) less than :data:`CRAMMED` seconds a word: heard
    in the wrong place (a word matched to another occurrence of it), they would be spread at a
    speed no one speaks (the sample's "Haddad. I light streets," in 0.35 s before a misplaced
    "and"). They are interpolated instead, and the eSpeak NG + DTW fill may place them."""
    changed = True
    while changed:
        changed = False
        placed = {i: t for i, k in enumerate(ks) if (t := times[k]) is not None}
        edges = list(placed)
        for a, b in zip([-1, *edges], [*edges, len(ks)]):
            t0 = placed[a].end if a >= 0 else start
            t1 = placed[b].start if b < len(ks) else end
            if b - a - 1 < 3 or t1 - t0 >= (b - a - 1) * CRAMMED:
                continue
            for i in (a, b):
                if i in placed and placed[i].confidence == CONF_FALLBACK:
                    times[ks[i]] = None
                    changed = True
            if changed:
                break


def interpolate(times: list[TokenTime | None], ks: Sequence[int], tokens: Sequence[Token],
                 start: float, end: float) -> None:
    """Give the unplaced (``None``) tokens ``ks`` of a region times between their placed
    neighbours in ``ks`` (``start``, ``end`` at the ends), in proportion to their length in
    letters; marked interpolated.

    A run that shares its sentence with only one neighbour (it opens or closes a sentence) is
    kept next to that neighbour at the region's own pace, when the gap holds more than that:
    the rest of the gap is most likely the pause between sentences or turns. Spread over it,
    real-mfa's turn-opening "uh" sat 2.4 s early, at the end of the last recording.

    >>> toks = [Token("so", 0, 0), Token("uh", 1, 1), Token("well", 2, 1), Token("then", 3, 1)]
    >>> times = [TokenTime(0.0, 0.3, 0.99), None, TokenTime(5.0, 5.3, 0.99), TokenTime(5.3, 5.7, 0.99)]
    >>> interpolate(times, range(4), toks, 0.0, 6.0)
    >>> times[1].start, times[1].end, times[1].interpolated
    (4.84, 5.0, True)
    """
    ks = list(ks)
    pace = _pace(times, ks, tokens)
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
        natural = total * pace
        if t1 - t0 > natural:
            run = {tokens[k].sentence for k in ks[i:j]}
            with_prev = prev is not None and tokens[ks[i - 1]].sentence in run
            with_next = nxt is not None and tokens[ks[j]].sentence in run
            if with_next and not with_prev:
                t0 = t1 - natural
            elif with_prev and not with_next:
                t1 = t0 + natural
        for k, w in zip(ks[i:j], weights):
            a = t0 + (t1 - t0) * acc / total
            acc += w
            b = t0 + (t1 - t0) * acc / total
            times[k] = TokenTime(round(a, 3), round(b, 3), CONF_INTERPOLATED, True)
        i = j


PACE = 0.08  # seconds a letter, about 150 words a minute: the pace when too few words are placed


def _pace(times: list[TokenTime | None], ks: Sequence[int], tokens: Sequence[Token]) -> float:
    """Seconds a letter over the placed tokens of ``ks`` (their median, so a word stretched over
    a pause does not count), or :data:`PACE` when fewer than five are placed.

    >>> toks = [Token("abcd", k, 0) for k in range(5)]
    >>> _pace([TokenTime(k, k + 0.4, 0.99) for k in range(5)], range(5), toks)
    0.1
    """
    rates = sorted((t.end - t.start) / max(1, len(tokens[k].text))
                   for k in ks if (t := times[k]) is not None and not t.interpolated)
    return round(rates[len(rates) // 2], 4) if len(rates) >= 5 else PACE
