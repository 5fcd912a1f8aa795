"""A whole episode aligned by eSpeak NG speech and DTW (:mod:`audiokit.align.dtw_align`), for
the languages where that measures better than the anchored pocketsphinx pipeline
(:data:`WHOLE_EPISODE`, from ``scripts/bench_align_methods.py``; none today).

The transcript's written words are spoken turn by turn; the path's open ends skip intro and
outro music, and sentences at either end that were never spoken (a preamble read as a turn):
their words stay untimed and are reported absent. Unspoken sentences in the middle are not
detected: DTW squeezes them in, and their words and their neighbours fail the running score. A transcript that does not fit the audio as a whole (:func:`dtw_align.fits`) is
refused like any mismatched transcript. Words whose running score fails
(:func:`dtw_align.confident`) or that eSpeak NG says nothing for are interpolated between
their placed neighbours and reported apart, never counted as placed.
"""

from __future__ import annotations

import time
from dataclasses import replace

from audiokit.align.dtw_align import Timed, align_words, confident, fits
from audiokit.align.energy import HOP, background_level, frame_energy, quiet_runs
from audiokit.align.report import Report, Stretch, absent_passages, is_said
from audiokit.audio import Audio
from audiokit.errors import MismatchError
from audiokit.lang import name
from audiokit.model import Episode, Word

# Languages whose episodes DTW aligns whole: where it measures better than the first method.
# None today: with main's phone mapping pocketsphinx measured better on every generated set
# (it, cs, ca, fi, hi, mr, ru, te; scripts/bench_align_methods.py). Before that mapping it
# refused the right Hindi and Telugu transcripts, and DTW alone placed 91% and 86%.
WHOLE_EPISODE: frozenset[str] = frozenset()
CONF_DTW, CONF_INTERPOLATED = 0.6, 0.2


def whole_episode(language: str) -> bool:
    """Whether episodes in ``language`` are aligned whole by DTW (see :data:`WHOLE_EPISODE`).

    >>> whole_episode("it")
    False
    """
    return language in WHOLE_EPISODE


def method_name(language: str) -> str:
    """The report's method line for a whole episode aligned by DTW."""
    return f"eSpeak NG {name(language)} speech and MFCC dynamic time warping (whole episode)"


def align_episode(episode: Episode, audio: Audio) -> tuple[Episode, Report]:
    """Every word of ``episode`` placed in ``audio`` by DTW; refuses a transcript that does not fit."""
    began = time.perf_counter()
    language = episode.metadata.language or "en"
    sentences = [[w.text for w in s.words] for t in episode.turns for s in t.sentences]
    if not any(sentences):
        raise MismatchError("the transcript has no words to align")
    got = align_words(audio.samples, audio.rate, sentences, language)
    spoken = _spoken(sentences, got)
    if not fits(got):
        raise MismatchError(f"the transcript does not match the audio: eSpeak NG's {name(language)} reading of it "
                            "matches the audio no better than chance (the transcript probably belongs to other "
                            "audio, or is in another language)")
    ok = confident(got)
    absent = [not k for s, k in zip(sentences, spoken) for _ in s]
    words = _interpolated([w for w in episode.words()], got, ok, absent, audio.duration)
    duration = round(audio.duration, 3)
    aligned = replace(episode.with_words(words), metadata=replace(episode.metadata, duration=duration))
    return aligned, _report(aligned, audio, time.perf_counter() - began, language)


def _spoken(sentences: list[list[str]], got: list[Timed | None]) -> list[bool]:
    """Whether each sentence was spoken: not when the path left all its words out."""
    out, k = [], 0
    for s in sentences:
        out.append(any(t is not None for t in got[k: k + len(s)]) or not s)
        k += len(s)
    return out


def _interpolated(words: list[Word], times: list[Timed | None], ok: list[bool], absent: list[bool],
                  duration: float) -> list[Word]:
    """Placed words keep their times. A word that failed the running score keeps its DTW time
    (a better guess than spreading by letters) but is marked interpolated and not counted as
    placed; words without any time share the time between their neighbours in proportion to
    their letters, marked interpolated; words of sentences judged unspoken stay untimed."""
    out = list(words)
    k = 0
    while k < len(words):
        t = times[k]
        if absent[k]:
            out[k] = replace(words[k], start=None, end=None, confidence=None)
            k += 1
            continue
        if t is not None:
            out[k] = replace(words[k], start=t.start, end=t.end, confidence=CONF_DTW if ok[k] else CONF_INTERPOLATED,
                             interpolated=not ok[k])
            k += 1
            continue
        j = k
        while j < len(words) and times[j] is None and not absent[j]:
            j += 1
        prev_end = out[k - 1].end if k > 0 else None
        nxt = times[j] if j < len(words) else None
        t0 = prev_end if prev_end is not None else 0.0
        t1 = max(t0, nxt.start if nxt is not None else duration)
        weights = [max(1, len(w.text)) for w in words[k:j]]
        total, acc = sum(weights), 0
        for i, w in zip(range(k, j), weights):
            a = t0 + (t1 - t0) * acc / total
            acc += w
            out[i] = replace(words[i], start=round(a, 3), end=round(t0 + (t1 - t0) * acc / total, 3),
                             confidence=CONF_INTERPOLATED, interpolated=True)
        k = j
    return out


def _report(episode: Episode, audio: Audio, wall: float, language: str) -> Report:
    words = [w for w in episode.words() if is_said(w)]
    db = frame_energy(audio.samples, audio.rate)
    silences = tuple(Stretch(a, b, "silence") for a, b in quiet_runs(db, background_level(db), 3.0, HOP))
    placed = [s for w in words if not w.interpolated and (s := w.span) is not None]  # in order
    extra = []
    duration = round(audio.duration, 3)
    if placed:
        first, last = placed[0].start, placed[-1].end
        if first > 3.0:
            extra.append(Stretch(0.0, round(first, 3), "unaligned sound"))
        if duration - last > 3.0:
            extra.append(Stretch(round(last, 3), duration, "unaligned sound"))
    return Report(words=len(words), placed=sum(1 for w in words if w.timed),
                  interpolated=sum(1 for w in words if w.timed and w.interpolated),
                  absent=absent_passages(episode), extra_audio=tuple(extra), silences=silences, duration=duration,
                  wall_seconds=round(wall, 2), language=language, method=method_name(language))
