"""Words the anchored pocketsphinx pipeline could not place, placed by eSpeak NG and DTW.

The English acoustic model hears some voices poorly (another language's; in English, eSpeak NG's
voices, such as the sample's third speaker), and whole regions come back interpolated. Each run
of interpolated words is aligned again with :func:`audiokit.align.dtw_align.align_words`,
together with up to :data:`CONTEXT` words placed from the audio on either side, over the audio
from the first of those to the last. A run's new times are kept only when three checks agree:

- the stretch's transcript fits its audio (:func:`dtw_align.fits`, with at least
  :data:`dtw_align.MIN_WORDS` words);
- DTW puts the context words, which pocketsphinx placed, where pocketsphinx did (within
  :data:`AGREE` seconds, for :data:`AGREEING` of them): an independent check of the path;
- each word's running score passes (:func:`dtw_align.confident`) and its time lies between
  its placed neighbours.

Words that pass become placed from the audio, with confidence :data:`CONF_DTW`; the rest stay
interpolated. Words only a recursion's recogniser heard (``provisional``: neither a forced pass nor
the first recognition pass placed them) are tried like interpolated ones and keep their heard
times where DTW does not place them, or drop to interpolation where those contradict the order
of the words DTW placed. Kept first, the heard "not" and "holds" of the sample were 0.3 and 0.6 s
late, and the words after them interpolated as far off, where DTW places them within 10 ms (in
the eSpeak NG voice, DTW's own synthesizer); real-mfa's quiet voice, which the checks refuse,
keeps its heard times. Words pocketsphinx placed are moved only when they sit in a short island between
two runs and DTW puts them more than :data:`GROSS` away (:func:`_runs`).

Words of a run left interpolated are spread again between their placed neighbours
(:func:`_respread`), so that word times stay in order.

English too: the fill touches only interpolated runs and their islands. On the English bench
sets the checks refused real-mfa's 9 interpolated words (17 when this was written) and placed one
of seed-rough's 2 (scores unchanged); on the sample it placed 45 of the 52 words pocketsphinx left interpolated,
all in the eSpeak NG voice (against eSpeak NG's own word events, median start error 92 -> 4 ms).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from audiokit.align.anchored import interpolate
from audiokit.align.dtw_align import MIN_WORDS, Timed, align_words, confident, fits
from audiokit.audio import Audio
from audiokit.model import Episode

CONTEXT = 10  # placed words either side of a run, aligned with it
AGREE = 0.1  # seconds: a context word's DTW start this close to pocketsphinx's agrees
AGREEING = 2 / 3  # share of context words that must agree
MARGIN = 0.3  # seconds of audio beyond the context words
CONF_DTW = 0.6
ISLAND = 2  # placed words between two runs that are aligned again with them
GROSS = 0.3  # seconds: an island word DTW puts this far from pocketsphinx was misheard


def fill_unplaced(times: list[Any], tokens: Sequence[Any], episode: Episode, audio: Audio,
                  language: str) -> tuple[list[Any], tuple[tuple[float, float, int], ...]]:
    """``times`` (one per token: ``start``, ``end``, ``confidence``, ``interpolated``, or
    ``None``) with interpolated runs placed by DTW where the checks pass, and the stretches
    DTW placed words in: (start, end, words newly placed)."""
    texts = [w.text for w in episode.words()]
    word_times = _by_word(times, tokens)
    token_ids: dict[int, list[int]] = {}
    for i, tok in enumerate(tokens):
        token_ids.setdefault(tok.word, []).append(i)
    # Words with nothing to say (a French " ?" or "»" written apart) are passed over: they must
    # not end a run's context or split a run.
    silent = frozenset(range(len(texts))) - token_ids.keys()
    out = list(times)
    stretches = []
    for first, last in _runs(word_times, silent):
        lo, hi = _context(word_times, first, last, silent)
        start = word_times[lo].start - MARGIN if lo < first else _bound_before(word_times, first)
        end = word_times[hi].end + MARGIN if hi > last else _bound_after(word_times, last, audio.duration)
        start, end = max(0.0, start), min(audio.duration, end)
        if end - start < 0.5 or hi - lo + 1 < MIN_WORDS:
            continue
        got = align_words(audio.slice(start, end), audio.rate, [texts[lo: hi + 1]], language, offset=start)
        if not _agrees(got, word_times, lo, first, last):
            continue
        ok = confident(got)
        placed, span = 0, [end, start]
        for k in range(first, last + 1):  # first the island words DTW finds grossly elsewhere
            t, have = got[k - lo], word_times.at(k)
            if t is not None and ok[k - lo] and have is not None and not have.interpolated \
                    and abs(t.start - have.start) > GROSS:
                have.interpolated = True  # misheard: placed afresh below
        for k in range(first, last + 1):
            t = got[k - lo]
            have = word_times.at(k)
            if t is None or not ok[k - lo] or have is None or not have.interpolated:
                continue
            prev, nxt = _placed(word_times, k, -1), _placed(word_times, k, 1)
            if (prev is not None and t.start < prev.end - 0.05) or (nxt is not None and t.end > nxt.start + 0.05):
                continue
            placed += 1
            span = [min(span[0], t.start), max(span[1], t.end)]
            _assign(out, tokens, token_ids[k], t)
            word_times[k] = _Fixed(t.start, t.end)
        if placed:
            stretches.append((round(span[0], 3), round(span[1], 3), placed))
            ks = [i for k in range(first, last + 1) for i in token_ids.get(k, ())]
            prev, nxt = _placed(word_times, first, -1), _placed(word_times, last, 1)
            _unsettle(out, ks, prev, nxt)
            _respread(out, tokens, ks, prev, nxt)
    return out, tuple(stretches)


def _unsettle(out: list[Any], ks: list[int], prev: _Fixed | None, nxt: _Fixed | None) -> None:
    """Provisional tokens of ``ks`` DTW left (heard by a recursion's recogniser only) whose heard
    times contradict the order of the words placed around them become interpolated.

    >>> from audiokit.align.anchored import TokenTime
    >>> out = [TokenTime(1.0, 1.2, 0.6), TokenTime(0.5, 0.7, 0.5, provisional=True), TokenTime(1.4, 1.6, 0.5, provisional=True)]
    >>> [t.interpolated for t in (_unsettle(out, [0, 1, 2], None, None) or out)]
    [False, True, False]
    """
    settled = [(n, out[i]) for n, i in enumerate(ks)
               if out[i] is not None and not out[i].interpolated and not out[i].provisional]
    for n, i in enumerate(ks):
        t = out[i]
        if t is None or not t.provisional:
            continue
        before = [u.end for m, u in settled if m < n] + ([prev.end] if prev is not None else [])
        after = [u.start for m, u in settled if m > n] + ([nxt.start] if nxt is not None else [])
        if (before and t.start < max(before) - 0.05) or (after and t.end > min(after) + 0.05):
            out[i] = replace(t, interpolated=True, provisional=False)


def _respread(out: list[Any], tokens: Sequence[Any], ks: list[int], prev: _Fixed | None,
              nxt: _Fixed | None) -> None:
    """The run's tokens that stay interpolated spread again between their placed neighbours: DTW
    may have placed a later word of the run before where they were interpolated (on the sample,
    "midnight" before "dim the lamps after")."""
    ks = [i for i in ks if out[i] is not None]
    if not any(out[i].interpolated for i in ks):
        return
    start = prev.end if prev is not None else out[ks[0]].start
    end = nxt.start if nxt is not None else out[ks[-1]].end
    for i in ks:
        if out[i].interpolated:
            out[i] = None
    interpolate(out, ks, tokens, start, end)


class _Fixed:
    """A word's time once DTW placed it (for the checks of later runs)."""

    def __init__(self, start: float, end: float) -> None:
        self.start, self.end, self.interpolated = start, end, False


def _by_word(times: Sequence[Any], tokens: Sequence[Any]) -> _Words:
    """Each word's first token time, spanning to its last token's end; interpolated (for the fill:
    not placed) if any token is interpolated or provisional."""
    out: dict[int, _Fixed] = {}
    for t, tt in zip(tokens, times):
        if tt is None:
            continue
        have = out.get(t.word)
        if have is None:
            out[t.word] = have = _Fixed(tt.start, tt.end)
            have.interpolated = tt.interpolated or tt.provisional
        else:
            have.end = max(have.end, tt.end)
            have.interpolated = have.interpolated or tt.interpolated or tt.provisional
    return _Words(out)


class _Words(dict[int, _Fixed]):
    """Word index -> time of the words that have one; knows its first and last index."""

    def __init__(self, items: dict[int, _Fixed]) -> None:
        super().__init__(items)
        self.lo, self.hi = (min(items), max(items)) if items else (0, -1)

    def at(self, k: int) -> _Fixed | None:
        """Word ``k``'s time, ``None`` for a word without one."""
        return self.get(k)


def _runs(word_times: _Words, silent: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Runs of consecutive words (by index) that are timed but interpolated; runs apart by an
    island of at most :data:`ISLAND` placed words join, so that they are aligned in one stretch.
    An island word keeps pocketsphinx's time unless DTW puts it more than :data:`GROSS` away (on
    the eSpeak Russian clip such words had been misheard 2 s off; on the Telugu set DTW moved one
    by 0.1 s the wrong way).

    >>> w = _Words({k: _Fixed(k, k + 1) for k in range(12)})
    >>> for k in (2, 3, 5, 9): w[k].interpolated = True
    >>> _runs(w)
    [(2, 5), (9, 9)]

    Words with nothing to say (``silent``, without a time) do not split a run:

    >>> del w[7]; w[8].interpolated = True
    >>> _runs(w), _runs(w, frozenset({7}))
    ([(2, 5), (8, 9)], [(2, 9)])
    """
    runs: list[tuple[int, int]] = []
    for k in sorted(word_times):
        if not word_times[k].interpolated:
            continue
        between = [j for j in range(runs[-1][1] + 1, k) if j not in silent] if runs else []
        if runs and len(between) <= ISLAND and all(j in word_times for j in between):
            runs[-1] = (runs[-1][0], k)
        else:
            runs.append((k, k))
    return runs


def _context(word_times: _Words, first: int, last: int, silent: frozenset[int] = frozenset()) -> tuple[int, int]:
    """The first and last word of up to :data:`CONTEXT` placed words on each side of a run, passing
    over ``silent`` words (a French " ?" between a question and the run is no end of context).

    >>> w = _Words({k: _Fixed(k, k + 1) for k in range(6) if k != 2})
    >>> w[3].interpolated = True
    >>> _context(w, 3, 3), _context(w, 3, 3, frozenset({2}))
    ((3, 5), (0, 5))
    """
    lo, n, j = first, 0, first - 1
    while j >= 0 and n < CONTEXT:
        if j not in silent:
            if (w := word_times.at(j)) is None or w.interpolated:
                break
            lo, n = j, n + 1
        j -= 1
    hi, n, j = last, 0, last + 1
    while n < CONTEXT:
        if j not in silent:
            if (w := word_times.at(j)) is None or w.interpolated:
                break
            hi, n = j, n + 1
        j += 1
    return lo, hi


def _bound_before(word_times: _Words, k: int) -> float:
    prev = _placed(word_times, k, -1)
    return prev.end if prev is not None else 0.0


def _bound_after(word_times: _Words, k: int, duration: float) -> float:
    nxt = _placed(word_times, k, 1)
    return nxt.start if nxt is not None else duration


def _placed(word_times: _Words, k: int, step: int) -> _Fixed | None:
    """The nearest word before (``step=-1``) or after (``1``) ``k`` placed from the audio."""
    j = k + step
    while word_times.lo <= j <= word_times.hi:
        t = word_times.at(j)
        if t is not None and not t.interpolated:
            return t
        j += step
    return None


def _agrees(got: Sequence[Timed | None], word_times: _Words, lo: int, first: int, last: int) -> bool:
    if not fits(got):
        return False
    context = [k for k in range(lo, lo + len(got)) if not first <= k <= last and k in word_times]
    if not context:
        return True
    # _context took in only words with a time, so each context word has one in word_times.
    near = sum(1 for k in context if (t := got[k - lo]) is not None and abs(t.start - word_times[k].start) <= AGREE)
    return near >= AGREEING * len(context)


def _assign(out: list[Any], tokens: Sequence[Any], ids: list[int], t: Timed) -> None:
    """The word's tokens share its DTW time in proportion to their letters."""
    ks = [i for i in ids if out[i] is not None]
    weights = [max(1, len(tokens[i].text)) for i in ks]
    total, acc = sum(weights), 0
    for i, w in zip(ks, weights):
        a = t.start + (t.end - t.start) * acc / total
        acc += w
        b = t.start + (t.end - t.start) * acc / total
        out[i] = replace(out[i], start=round(a, 3), end=round(b, 3), confidence=CONF_DTW, interpolated=False,
                         provisional=False)
