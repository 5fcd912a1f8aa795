"""Matching a recognition pass to the transcript, and planning what to force-align where.

This is the anchored approach of Moreno et al. (1998) and Gentle: a speech recogniser whose
language model is built from the transcript hears the audio; runs of its words that equal runs
of transcript words are *anchors*, trusted islands of known time. The audio is cut only in the
pauses between anchored words, so each stretch of transcript is force-aligned against its own
stretch of audio. Transcript sentences the recogniser never heard, in audio too short to hold
them, are judged absent; audio holding words the transcript lacks is left out of every region.

Everything here is pure: it sees token strings and times, never audio or files (the caller
passes a ``quiet(start, end) -> time`` function for choosing cut points).

>>> blocks = matching_blocks("a b c d e".split(), "x a b c e".split())
>>> [(b.ref, b.hyp, b.size) for b in blocks]
[(0, 1, 3), (4, 4, 1)]
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from audiokit.align.absence import Gap, absent_tokens, cannot_hold, gaps, sentence_inside, without_lone_edges
from audiokit.align.extra import extra_speech_cuts

STRONG_RUN = 3  # words in a row that make an anchor
MATCHED_RUN = 2  # shorter runs can be chance ("the", "a")
CHAIN_RUN = 4  # runs this long are chained over the whole episode; shorter ones fill the gaps
LONG_RUN_LETTERS = 12  # letters of a short run of words heard in order that is no chance match (outside English)


@dataclass(frozen=True)
class Token:
    """One spoken word of the transcript (a dictionary word), linked to what was written.

    ``word`` indexes the transcript word it belongs to, ``sentence`` the sentence (counted over
    the whole episode); ``turn_start`` marks the first token of a speaker turn.
    """

    text: str
    word: int
    sentence: int
    turn_start: bool = False


@dataclass(frozen=True)
class Heard:
    """A word the recogniser heard, with its time in seconds."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Block:
    """``size`` transcript tokens from ``ref`` equal ``size`` heard words from ``hyp``."""

    ref: int
    hyp: int
    size: int


@dataclass(frozen=True)
class Region:
    """A run of transcript tokens (indices, in order) to force-align within ``start``..``end`` seconds."""

    tokens: tuple[int, ...]
    start: float
    end: float


@dataclass(frozen=True)
class Plan:
    """What to force-align where, what is absent, and what audio the transcript does not cover."""

    regions: tuple[Region, ...]
    absent: frozenset[int]  # token indices judged not spoken
    extra_audio: tuple[tuple[float, float], ...]  # heard speech the transcript lacks
    matched: dict[int, int]  # token index -> heard word index (runs of >= MATCHED_RUN)
    seconds_per_token: float


def matching_blocks(ref: Sequence[str], hyp: Sequence[str], seed: int = CHAIN_RUN) -> list[Block]:
    """Monotonic runs of equal words between transcript tokens and heard words.

    First the heaviest chain of long runs (every run of at least ``seed`` words that the two
    share, chained so that both sides only move forward, maximising the words covered): unlike
    a greedy longest-match-first alignment, it is not led astray when the same passage occurs
    several times (a repeated sponsor read, a recap). Then the gaps between chained runs are
    matched word by word with :class:`difflib.SequenceMatcher`.
    """
    chain = _heaviest_chain(_shared_runs(ref, hyp, seed))
    blocks: list[Block] = []
    i = j = 0
    for b in [*chain, Block(len(ref), len(hyp), 0)]:
        if b.ref > i and b.hyp > j:
            sm = difflib.SequenceMatcher(None, list(ref[i : b.ref]), list(hyp[j : b.hyp]), autojunk=False)
            blocks += [Block(i + x, j + y, n) for x, y, n in sm.get_matching_blocks() if n > 0]
        if b.size:
            blocks.append(b)
        i, j = b.ref + b.size, b.hyp + b.size
    return blocks


def _shared_runs(ref: Sequence[str], hyp: Sequence[str], seed: int) -> list[Block]:
    """Every maximal run of at least ``seed`` equal words (on any diagonal)."""
    where: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(hyp) - seed + 1):
        where.setdefault(tuple(hyp[j : j + seed]), []).append(j)
    runs: list[Block] = []
    open_runs: dict[int, tuple[int, int]] = {}  # diagonal (i - j) -> (start i, last i)
    for i in range(len(ref) - seed + 1):
        for j in where.get(tuple(ref[i : i + seed]), ()):
            d = i - j
            start, last = open_runs.get(d, (i, i - 1))
            if last != i - 1:  # the run on this diagonal broke: close it
                runs.append(Block(start, start - d, last - start + seed))
                start = i
            open_runs[d] = (start, i)
    runs += [Block(start, start - d, last - start + seed) for d, (start, last) in open_runs.items()]
    return runs


def _heaviest_chain(runs: Sequence[Block]) -> list[Block]:
    """The chain of non-overlapping runs, increasing on both sides, covering the most words
    (weighted longest increasing subsequence, with a Fenwick tree over heard positions)."""
    if not runs:
        return []
    ordered = sorted(runs, key=lambda b: (b.ref, b.hyp))
    ends = sorted({b.hyp + b.size for b in ordered})
    rank = {e: k + 1 for k, e in enumerate(ends)}
    tree = [(0, -1)] * (len(ends) + 1)  # (best total, index of the run ending the chain)

    def best_before(hyp_start: int) -> tuple[int, int]:
        k = bisect.bisect_right(ends, hyp_start)
        out = (0, -1)
        while k > 0:
            out = max(out, tree[k])
            k -= k & -k
        return out

    def record(hyp_end: int, value: tuple[int, int]) -> None:
        k = rank[hyp_end]
        while k < len(tree):
            tree[k] = max(tree[k], value)
            k += k & -k

    by_ref_end = sorted(range(len(ordered)), key=lambda n: ordered[n].ref + ordered[n].size)
    total = [0] * len(ordered)
    back = [-1] * len(ordered)
    pending = 0
    for n, b in enumerate(ordered):
        while pending < len(by_ref_end) and ordered[by_ref_end[pending]].ref + ordered[by_ref_end[pending]].size <= b.ref:
            m = by_ref_end[pending]
            record(ordered[m].hyp + ordered[m].size, (total[m], m))
            pending += 1
        prev_total, prev = best_before(b.hyp)
        total[n], back[n] = prev_total + b.size, prev
    n = max(range(len(ordered)), key=total.__getitem__)
    chain = []
    while n >= 0:
        chain.append(ordered[n])
        n = back[n]
    return chain[::-1]


def matched_pairs(blocks: Sequence[Block], min_run: int) -> dict[int, int]:
    """Token index -> heard index for tokens inside runs of at least ``min_run``."""
    return {b.ref + k: b.hyp + k for b in blocks if b.size >= min_run for k in range(b.size)}


def in_runs(matched: dict[int, int], size: int) -> frozenset[int]:
    """The tokens of ``matched`` (token -> heard word) in runs of ``size`` or more tokens heard in order.

    >>> sorted(in_runs({1: 5, 2: 6, 3: 7, 6: 9, 7: 10}, 3))
    [1, 2, 3]
    """
    out: set[int] = set()
    run: list[int] = []
    for k in sorted(matched):
        if run and (k != run[-1] + 1 or matched[k] != matched[run[-1]] + 1):
            out.update(run if len(run) >= size else ())
            run = []
        run.append(k)
    out.update(run if len(run) >= size else ())
    return frozenset(out)


def drop_stray_runs(blocks: Sequence[Block], heard: Sequence[Heard], per_token: float,
                    tokens: Sequence[Token] = (), long_runs: bool = False) -> list[Block]:
    """The runs of ``MATCHED_RUN`` words or more, less the short ones (under ``CHAIN_RUN``
    words: found word by word inside a gap of the chain, not chained over the episode) whose
    timing contradicts the runs on both sides of them: the audio between the run and the run
    before it is far too short for the transcript tokens between them
    (:func:`~audiokit.align.absence.cannot_hold`), or it holds two or more heard words and
    1.5 s or more beyond what those tokens need, and the same holds towards the run after it.
    A right match has at least one neighbour that agrees. Common words heard inside other
    speech have none: "ja en" (for "jo encara") 6 s before the run it belongs to hid the
    sentence said there, and "de pressa i", heard in a sentence the transcript lacks by a
    recogniser biased towards a never-spoken one, kept that sentence from being judged absent.
    A lone equal word is no match, and no neighbour either. A short run that holds a whole
    sentence of ``tokens`` (three words or more, every one heard in order) is no chance match and
    stays, whatever its neighbours: a never-spoken sentence on one side and speech the transcript
    lacks on the other contradict both ("Canviem de tema", heard whole between them, was dropped,
    and the never-spoken sentence before it was placed over the unwritten speech after it).
    With ``long_runs`` (outside English), a short run of three or more words with
    :data:`LONG_RUN_LETTERS` letters or more stays too where only speech the transcript lacks
    contradicts its neighbours (on neither side is the audio too short for the tokens between): so long
    a string of words in order is no chance match. "sale spegni subito", heard in place between
    two sentences left out of the transcript, was dropped, and its sentence was placed 5 s late.

    >>> said = zip("a b c x y g h d e f".split(), [0, .3, .6, 1.2, 1.5, 4, 6, 9, 9.3, 9.6])
    >>> heard = [Heard(w, t, t + 0.3) for w, t in said]
    >>> refs = "a b c p q r s t u v w x y d e f".split()
    >>> blocks = matching_blocks(refs, [h.text for h in heard])
    >>> [(b.ref, b.size) for b in drop_stray_runs(blocks, heard, 0.3)]
    [(0, 3), (13, 3)]
    """
    def short(a: Block, b: Block) -> bool:  # a before b: the audio between cannot hold the tokens between
        return cannot_hold(heard[b.hyp].start - heard[a.hyp + a.size - 1].end, b.ref - a.ref - a.size, per_token)

    def fits(a: Block, b: Block) -> bool:  # a before b
        needed = (b.ref - a.ref - a.size) * per_token
        span = heard[b.hyp].start - heard[a.hyp + a.size - 1].end
        extra = b.hyp - a.hyp - a.size >= 2 and span - needed >= 1.5
        return not (short(a, b) or extra)

    def long_run(k: int, b: Block) -> bool:
        return (long_runs and b.size >= STRONG_RUN and not short(runs[k - 1], b) and not short(b, runs[k + 1])
                and sum(len(heard[b.hyp + i].text) for i in range(b.size)) >= LONG_RUN_LETTERS)

    runs = [b for b in blocks if b.size >= MATCHED_RUN]
    return [b for k, b in enumerate(runs)
            if b.size >= CHAIN_RUN or k == 0 or k == len(runs) - 1 or _holds_sentence(b, tokens)
            or fits(runs[k - 1], b) or fits(b, runs[k + 1]) or long_run(k, b)]


def _holds_sentence(b: Block, tokens: Sequence[Token]) -> bool:
    """Whether run ``b`` covers every token of a sentence of at least ``STRONG_RUN`` tokens.

    >>> tokens = [Token(w, k, s) for k, (w, s) in enumerate(zip("a b c d e".split(), [0, 1, 1, 1, 2]))]
    >>> _holds_sentence(Block(1, 7, 3), tokens), _holds_sentence(Block(0, 7, 3), tokens)
    (True, False)
    """
    if not tokens:
        return False
    ks = range(b.ref, b.ref + b.size)
    for s in {tokens[k].sentence for k in ks}:
        whole = [k for k in ks if tokens[k].sentence == s]
        if (len(whole) >= STRONG_RUN and (whole[0] == 0 or tokens[whole[0] - 1].sentence != s)
                and (whole[-1] + 1 == len(tokens) or tokens[whole[-1] + 1].sentence != s)):
            return True
    return False


def seconds_per_token(heard: Sequence[Heard], blocks: Sequence[Block], default: float = 0.3) -> float:
    """Typical time per spoken word, measured over the anchors (pauses included)."""
    rates = []
    for b in blocks:
        if b.size >= 5:
            span = heard[b.hyp + b.size - 1].end - heard[b.hyp].start
            rates.append(span / b.size)
    return statistics.median(rates) if rates else default


def unmatched_gaps(tokens: Sequence[Token], heard: Sequence[Heard], duration: float,
                   min_tokens: int = 12) -> list[Gap]:
    """Gaps worth a second, more focused listen: they hold a whole sentence (or at least
    ``min_tokens`` tokens) the recogniser missed, in audio long enough to hold it."""
    blocks = matching_blocks([t.text for t in tokens], [h.text for h in heard])
    per_token = seconds_per_token(heard, blocks)
    matched = matched_pairs(drop_stray_runs(blocks, heard, per_token, tokens), MATCHED_RUN)
    found = []
    for gap in gaps(tokens, heard, matched, duration):
        i, j = gap.first, gap.last
        whole = any(sentence_inside(tokens, s, i, j) for s in {tokens[k].sentence for k in range(i, j)})
        if (whole or j - i >= min_tokens) and gap.end - gap.start >= max(0.5, 0.4 * (j - i) * per_token):
            found.append(replace(gap, start=round(gap.start, 3), end=round(gap.end, 3)))
    return found


def plan_regions(
    tokens: Sequence[Token],
    heard: Sequence[Heard],
    duration: float,
    quiet: Callable[[float, float], float],
    min_seconds: float = 6.0,
    max_seconds: float = 20.0,
    sounding: Callable[[float, float], float] | None = None,
    pauses: Callable[[float, float], list[tuple[float, float]]] | None = None,
    long_runs: bool = False,
) -> Plan:
    """Cut the episode into regions for forced alignment (see the module docstring).

    Cuts fall in the pause between two consecutive anchored words that were heard one after
    the other; a cut is taken once a region is ``min_seconds`` long at a clear pause (or a
    turn change), and at the first possible pause after ``max_seconds``. ``sounding`` (seconds of
    sound above the background between two times) helps judge sentences absent
    (:func:`~audiokit.align.absence.absent_tokens`). Audio where the
    recogniser heard several words the transcript lacks is cut out on both sides, the sentence
    after it starting in the fitting one of the ``pauses`` of its allowance when those are given
    (:func:`~audiokit.align.extra.extra_speech_cuts`).
    ``long_runs``: long short runs stay where only unwritten speech contradicts them (:func:`drop_stray_runs`).
    """
    refs = [t.text for t in tokens]
    blocks = matching_blocks(refs, [h.text for h in heard])
    per_token = seconds_per_token(heard, blocks)
    blocks = drop_stray_runs(blocks, heard, per_token, tokens, long_runs)
    matched = matched_pairs(blocks, MATCHED_RUN)
    strong = matched_pairs(blocks, STRONG_RUN)
    evidence = without_lone_edges(tokens, matched)
    absent = absent_tokens(tokens, heard, evidence, per_token, duration, sounding, frozenset(matched) - set(evidence))
    live = [k for k in range(len(tokens)) if k not in absent]

    extra_cuts, extra = extra_speech_cuts(tokens, heard, live, strong, matched, per_token, quiet, pauses)
    inside_extra = {p for p, _, _ in extra_cuts}
    # Cuts in pauses between consecutive anchored words: (index into live of the first token
    # after the cut, end of the region before, start of the region after).
    cuts: list[tuple[int, float, float]] = list(extra_cuts)
    last_cut = 0.0
    for p in range(len(live) - 1):
        a, b = live[p], live[p + 1]
        if p + 1 in inside_extra:
            last_cut = next(r for q, _, r in extra_cuts if q == p + 1)
            continue
        if a not in strong or b not in strong or strong[b] != strong[a] + 1:
            continue
        t_end, t_next = heard[strong[a]].end, heard[strong[b]].start
        pause = t_next - t_end
        length = t_end - last_cut
        turn_change = tokens[b].turn_start
        if length >= max_seconds or (length >= min_seconds and (pause >= 0.15 or turn_change)):
            t = quiet(max(t_end - 0.02, 0.0), t_next + 0.02) if pause > 0 else (t_end + t_next) / 2
            t = min(max(t, t_end - 0.02), t_next + 0.02)
            cuts.append((p + 1, t, t))
            last_cut = t
    cuts.sort()

    regions: list[Region] = []
    bounds = [(0, 0.0, 0.0)] + cuts + [(len(live), duration, duration)]
    for (p0, _, start), (p1, end, _) in itertools.pairwise(bounds):
        if p1 <= p0:
            continue
        ks = tuple(live[p0:p1])
        start, end = _trim(ks, start, end, strong, heard, per_token)
        start = min(max(round(start, 3), 0.0), duration)
        regions.append(Region(ks, start, min(round(max(end, start), 3), duration)))
    return Plan(tuple(regions), absent, tuple(extra), matched, per_token)


def _trim(
    ks: tuple[int, ...], start: float, end: float, matched: dict[int, int], heard: Sequence[Heard],
    per_token: float,
) -> tuple[float, float]:
    """Narrow a region's audio when long unmatched audio (music, chatter) lies at its edges.

    ``matched``: anchors of :data:`STRONG_RUN` words or more. A shorter run can be chance, and
    trusted here it left speech out of every region: "sick corpus", heard at 37.4 s inside
    "acoustic corpus" (real-mfa), started its region at 32.7 s, after the quiet "uh so this is
    the sick corpus" really said at 30.4-32.7 s."""
    first = next((i for i, k in enumerate(ks) if k in matched), None)
    if first is None:
        return start, end
    last = max(i for i, k in enumerate(ks) if k in matched)
    head = heard[matched[ks[first]]].start
    allowance = first * per_token * 2.5 + 1.0
    if head - start > allowance:
        start = head - allowance
    tail = heard[matched[ks[last]]].end
    allowance = (len(ks) - 1 - last) * per_token * 2.5 + 1.0
    if end - tail > allowance:
        end = tail + allowance
    return start, end
