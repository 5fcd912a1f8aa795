"""Cutting an aligned episode into cues (pure): :func:`build_cues`.

Each speaker turn is cut separately (a cue never holds two speakers) by dynamic
programming over the places between words: every candidate cue must fit the style's lines
and characters and last no longer than its maximum duration; among those, the cuts minimise
a cost that prefers sentence and clause boundaries and pauses, avoids splitting an article
from its noun, a name, a number from its unit or (in English, by the tagger of
:mod:`audiokit.text.tagger`) any noun phrase (:mod:`.breaks`), and heavily penalises a
cue faster than the reading-speed limit or shorter than the minimum duration. Timing:

- a cue starts at its first word (up to ``start_tolerance`` earlier when it needs the time
  and the silence before it allows);
- it ends at most ``max_end_lag`` after its last word, ``min_gap`` before the next cue
  (extending into the silence that follows, never over the next cue), and never more than
  ``max_duration`` after its start;
- a pause of 2 s or more between two words ends a cue.

Untimed words (not found in the audio) are left out; interpolated words are kept. Every
timed word appears exactly once, in order, as written (with ``style.clean``, every one but the
hesitation sounds :mod:`.clean` leaves out).

>>> from audiokit.model import Episode, Sentence, Speaker, Turn, Word
>>> words = [Word(t, 0.4 * k, 0.4 * k + 0.3) for k, t in enumerate("Hi there. How are you?".split())]
>>> ep = Episode((Turn("Ann", (Sentence(tuple(words[:2])), Sentence(tuple(words[2:])))),),)
>>> [(c.start, c.end, c.lines) for c in build_cues(ep)]
[(0.0, 2.4, ('Hi there. How are you?',))]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from audiokit.captions import notes as note_rules
from audiokit.captions.breaks import NEUTRAL, NEVER, break_cost
from audiokit.captions.clean import without_hesitations
from audiokit.captions.cue import Cue
from audiokit.captions.labels import turn_labels
from audiokit.captions.layout import break_lines, join_tokens, split_long
from audiokit.captions.styles import STYLES, Style
from audiokit.captions.timer import Timer, ms
from audiokit.model import Episode, Word
from audiokit.text import tagger

__all__ = ["build_cues"]

# Costs of the cue-level search (break costs from .breaks are 0..60).
_PER_CUE = 8.0
_BOUNDARY_WEIGHT = 4.0
_TOO_FAST, _TOO_FAST_PER_UNIT, _TOO_SHORT = 400.0, 40.0, 150.0
_LONG_PAUSE_MS, _LONG_PAUSE_PER_100MS = 1200, 1.0
# A pause this long ends a cue: its words would be on screen seconds before they are said.
# Netflix's English guide takes 2 s as a break in the dialogue (an ellipsis marks a sentence
# running on across one).
_APART_MS = 2000
_TOUCH = 10_000  # a touching boundary counts as this many ms of movement (used only when it helps)


@dataclass(frozen=True)
class _Token:
    text: str
    start: int  # ms, monotonic across the episode
    end: int
    word: int  # index into the list of timed words
    source: Word
    glue: bool  # continues the previous token without a space
    brk: float  # cost of a break after this token


@dataclass(frozen=True)
class _Block:
    speaker: str
    label: str  # "Name:" when the cue text shows the speaker (.labels), else ""
    tokens: tuple[_Token, ...]
    layout_aware: bool = False  # every poor inner line break adds to a cue's cost; English: only a never-split one (_segment)
    alone: bool = False  # transcribers' notes in a cue of their own (.notes)


def _blocks(episode: Episode, style: Style, inline_speakers: bool) -> tuple[list[_Block], list[Word]]:
    """Turns as runs of timed tokens with break costs, times in monotonic milliseconds.

    Word times need not be: a word may start before the one ahead of it or overlap the next.
    Every token (each piece of a long word included) starts no earlier than the token before
    it, and the pieces of a long word share out its time only up to the next word's start,
    so the cue times built from the tokens are monotonic and never overlap.
    """
    language = episode.metadata.language or "en"  # break costs by the language's own words
    timed: list[Word] = []
    blocks: list[_Block] = []
    starts = [ms(w.start) for w in episode.words() if w.timed and w.start is not None]
    joins = tagger.noun_phrase_joins([w.text for w in episode.words() if w.timed]) if language == "en" else None
    last_start = 0
    for turn in episode.turns:
        raw: list[tuple[Word, bool]] = []  # (word, ends a sentence)
        for sentence in turn.sentences:
            kept = [w for w in sentence.words if w.timed]
            raw.extend((w, k == len(kept) - 1) for k, w in enumerate(kept))
        if not raw:
            continue
        pieces: list[tuple[str, int, int, int, bool, bool, Word]] = []
        base = len(timed)
        for word, ends in raw:
            assert word.start is not None and word.end is not None
            start = max(ms(word.start), last_start)
            end = max(ms(word.end), start)
            index = len(timed)
            timed.append(word)
            if word.note:  # shown as the style writes sound descriptions, and never split (one word)
                word = replace(word, text=note_rules.shown_note(word.text, style))
            long = len(word.text) > style.max_chars and not word.note
            parts = split_long(word.text, style.max_chars) if long else [word.text]
            total = sum(len(p) for p in parts)
            # Where the next word starts before this one ends, the pieces stop at its start.
            share = end if index + 1 == len(starts) else max(start, min(end, starts[index + 1]))
            offset = 0
            for k, part in enumerate(parts):
                p_start = start + (share - start) * offset // total
                offset += len(part)
                p_end = end if k == len(parts) - 1 else start + (share - start) * offset // total
                last_start = p_start
                pieces.append((part, p_start, p_end, index, k > 0, ends and k == len(parts) - 1, word))
        tokens = []
        for k, (text, start, end, index, glue, ends, source) in enumerate(pieces):
            if k + 1 == len(pieces):
                cost = 0.0
            elif pieces[k + 1][4]:
                cost = NEUTRAL
            else:
                following = pieces[k + 2][0] if k + 2 < len(pieces) else None
                cost = break_cost(text, pieces[k + 1][0], ends, language, following, bool(joins and joins[index]))
                pause = pieces[k + 1][1] - end
                if pause >= 250 and cost < NEVER:
                    cost = max(0.0, cost - min(pause, 1000) / 250)
            tokens.append(_Token(text, start, end, index, source, glue, cost))
        for a, z, alone in note_rules.parts([w for w, _ in raw], style):
            run = [t for t in tokens if a <= t.word - base < z]
            if alone:  # nobody's line, shown over its pause from the gap after the speech before it
                gap = ms(style.min_gap) if blocks or a else 0  # none before the episode's first cue
                first = min(run[0].start + gap, run[-1].end)
                times = note_rules.spread([t.text for t in run], first, run[-1].end, style)
                run = [replace(t, start=t0, end=t1) for t, (t0, t1) in zip(run, times)]
            blocks.append(_Block("" if alone else turn.speaker, "", tuple(run), language != "en", alone))
    if inline_speakers:
        # A note's own cue names nobody, and the speech around it is still the same speaker's turn.
        labels = iter(turn_labels([b.speaker for b in blocks if not b.alone]))
        blocks = [b if b.alone else replace(b, label=next(labels)) for b in blocks]
    return blocks, timed


def build_cues(episode: Episode, style: Style = STYLES["netflix"], *, inline_speakers: bool = False) -> list[Cue]:
    """The captions of ``episode`` under ``style``, in time order.

    ``inline_speakers=True`` makes room in the first line of each cue at a speaker change for
    a ``Name:`` label shown as text (SRT; short after the first, :mod:`.labels`), put in :attr:`Cue.label`.
    """
    if style.clean:
        episode = without_hesitations(episode)
    blocks, _ = _blocks(episode, style, inline_speakers)
    duration = None if episode.metadata.duration is None else ms(episode.metadata.duration)
    timer = Timer(style, duration)
    drafts: list[tuple[_Block, int, int]] = []
    starts: list[int] = []
    ends: list[int] = []
    for b, block in enumerate(blocks):
        prev_end = blocks[b - 1].tokens[-1].end if b else None
        next_start = blocks[b + 1].tokens[0].start if b + 1 < len(blocks) else None
        for a, z, start, end in _segment(block, style, timer, prev_end, next_start):
            drafts.append((block, a, z))
            starts.append(start)
            ends.append(end)
    _rebalance(drafts, starts, ends, timer)
    # Whatever the word times, a cue never starts before the one ahead of it ends.
    for k in range(1, len(starts)):
        starts[k] = max(starts[k], ends[k - 1])
        ends[k] = max(ends[k], starts[k])
    return [_make_cue(block, a, z, start, end, style) for (block, a, z), start, end in zip(drafts, starts, ends)]


def _needed_ms(block: _Block, a: int, z: int, style: Style) -> int:
    """How long a cue must stay up to be within the reading speed and minimum duration."""
    cue = _make_cue(block, a, z, 0, 0, style)
    chars = sum(len(line) for line in cue.display_lines)
    words = sum(len(line.split()) for line in cue.display_lines)
    need = style.min_duration * 1000
    if style.max_cps is not None:
        need = max(need, chars * 1000 / style.max_cps)
    if style.max_wpm is not None:
        need = max(need, words * 60000 / style.max_wpm)
    return int(need + 0.999)


def _rebalance(drafts: list[tuple[_Block, int, int]], starts: list[int], ends: list[int], timer: Timer) -> None:
    """Lend time between neighbouring cues in continuous speech.

    Where one cue follows another with only the minimum gap between them, the boundary
    may move: the later cue may start up to ``start_tolerance`` before or after its first
    word, the earlier one end up to that much before its last word (and no later than
    ``max_end_lag`` after it). A dynamic programme over the boundaries picks the positions
    that leave the fewest cues faster than the reading speed or shorter than the minimum
    duration, then the smallest total shortfall, then the least movement. Changes
    ``starts``/``ends`` in place.
    """
    n = len(drafts)
    if n < 2:
        return
    need = [_needed_ms(*d, timer.style) for d in drafts]
    first = [d[0].tokens[d[1]].start for d in drafts]
    last = [d[0].tokens[d[2] - 1].end for d in drafts]
    step = max(1, timer.tol // 5)
    # Candidate (end of cue k, start of cue k+1) pairs for each boundary k.
    options: list[list[tuple[int, int]]] = []
    for k in range(n - 1):
        natural = (ends[k], starts[k + 1])
        cands = [natural]
        if starts[k + 1] - ends[k] == timer.gap and timer.tol > 0:
            for d in range(-timer.tol, timer.tol + 1, step):
                start = first[k + 1] + d
                end = start - timer.gap
                if last[k] - timer.tol <= end <= last[k] + timer.tail and end > starts[k] and start < ends[k + 1]:
                    cands.append((end, start))
                # In speech without a pause, cues may touch deliberately (no gap at all).
                if first[k + 1] - last[k] < timer.gap and end + timer.gap > starts[k] and start < ends[k + 1]:
                    cands.append((start, start))
        options.append(cands)

    def cost(k: int, start: int, end: int, moved: int) -> tuple[float, float, float]:
        span = end - start
        if span > timer.max_dur or span < 0:
            return (float("inf"), 0.0, 0.0)
        short = max(0, need[k] - span)
        return (1.0 if short else 0.0, short, moved)

    def add(a: tuple[float, float, float], b: tuple[float, float, float]) -> tuple[float, float, float]:
        return (a[0] + b[0], a[1] + b[1], a[2] + b[2])

    # best[k][c]: cost of cues 0..k when boundary k takes option c.
    best: list[list[tuple[float, float, float]]] = []
    back: list[list[int]] = []
    for k in range(n - 1):
        row, row_back = [], []
        for end, start in options[k]:
            moved = abs(start - starts[k + 1]) + (_TOUCH if start == end else 0)
            if k == 0:
                row.append(add(cost(0, starts[0], end, moved), (0.0, 0.0, 0.0)))
                row_back.append(-1)
                continue
            choice = min(
                range(len(options[k - 1])),
                key=lambda c: add(best[k - 1][c], cost(k, options[k - 1][c][1], end, moved)),
            )
            row.append(add(best[k - 1][choice], cost(k, options[k - 1][choice][1], end, moved)))
            row_back.append(choice)
        best.append(row)
        back.append(row_back)
    final = min(
        range(len(options[-1])),
        key=lambda c: add(best[-1][c], cost(n - 1, options[-1][c][1], ends[-1], 0)),
    )
    c = final
    for k in range(n - 2, -1, -1):
        ends[k], starts[k + 1] = options[k][c]
        c = back[k][c]


def _segment(block: _Block, style: Style, timer: Timer, prev_end: int | None,
             next_start: int | None) -> list[tuple[int, int, int, int]]:
    """Cuts of one block as (first token, last token + 1, start ms, end ms)."""
    toks = block.tokens
    n = len(toks)
    inf = float("inf")
    best = [0.0] + [inf] * n
    back: list[tuple[int, int, int] | None] = [None] * (n + 1)
    widths = [len(t.text) for t in toks]
    lead_chars = len(block.label)
    for i in range(n):
        if best[i] == inf:
            continue
        lead = lead_chars if i == 0 else 0
        before = prev_end if i == 0 else toks[i - 1].end
        line, cur = 1, lead
        chars = lead
        words = len(block.label.split()) if i == 0 else 0
        pause_cost = 0.0
        for j in range(i, n):
            t = toks[j]
            # Greedy line filling, extended one token at a time.
            need = widths[j] if cur == 0 else cur + widths[j] + (0 if t.glue else 1)
            if need <= style.max_chars:
                cur = need
            else:
                line, cur = line + 1, widths[j]
                if line > style.max_lines:
                    break
            chars += widths[j] + (0 if chars == 0 or t.glue else 1)
            words += 0 if t.glue else 1
            if j > i:
                pause = t.start - toks[j - 1].end
                if pause >= _APART_MS:
                    break
                if pause > _LONG_PAUSE_MS:
                    pause_cost += (pause - _LONG_PAUSE_MS) / 100 * _LONG_PAUSE_PER_100MS
            if j > i and t.end - toks[i].start > timer.max_dur:
                break
            following = toks[j + 1].start if j + 1 < n else next_start
            shown = chars - (line - 1)  # a line break shows no space
            start, end = timer.times(toks[i].start, before, t.end, following, lead=False)
            if timer.needs_time(start, end, shown, words):
                start, end = timer.times(toks[i].start, before, t.end, following, lead=True)
            cost = best[i] + _PER_CUE + pause_cost + _BOUNDARY_WEIGHT * t.brk
            # Its best line break, weighed as a cue break would be; in English only one splitting a
            # never-split unit ("the / things"): weighing every poor one moved poor breaks to cue ends.
            inner = _inner_break(toks, widths, i, j, style.max_chars, lead) if line > 1 else 0.0
            if inner >= NEVER or block.layout_aware:
                cost += _BOUNDARY_WEIGHT * (NEVER if inner >= NEVER else max(0.0, inner - NEUTRAL))
            excess = timer.speed_excess(start, end, shown, words)
            if excess > 0:
                cost += _TOO_FAST + _TOO_FAST_PER_UNIT * min(excess, 100.0)
            if end - start < timer.min_dur:
                cost += _TOO_SHORT * (1 + (timer.min_dur - (end - start)) / max(timer.min_dur, 1))
            if j + 1 < n and toks[j + 1].glue:
                continue  # the pieces of a long word stay in one cue
            if cost < best[j + 1]:
                best[j + 1] = cost
                back[j + 1] = (i, start, end)
        if best[i + 1] == inf:  # not even one token fits: take it alone anyway (lint reports it)
            following = toks[i + 1].start if i + 1 < n else next_start
            start, end = timer.times(toks[i].start, before, toks[i].end, following, lead=True)
            best[i + 1], back[i + 1] = best[i] + 10 * _TOO_FAST, (i, start, end)
    cuts: list[tuple[int, int, int, int]] = []
    z = n
    while z > 0:
        entry = back[z]
        assert entry is not None
        i, start, end = entry
        cuts.append((i, z, start, end))
        z = i
    cuts.reverse()
    return cuts


def _inner_break(toks: Sequence[_Token], widths: Sequence[int], i: int, j: int, max_chars: int, lead: int) -> float:
    """The cheapest line break inside a two-line cue of tokens ``i..j`` (inf when none fits)."""
    total, best, words = sum(widths[i : j + 1]) + (j - i), float("inf"), -1  # total: all on one line
    for k in range(i, j):
        words += widths[k] + 1  # tokens i..k with their spaces
        if words + (lead + 1 if lead else 0) <= max_chars and total - words - 1 <= max_chars:
            best = min(best, toks[k].brk)
    return best


def _make_cue(block: _Block, a: int, z: int, start: int, end: int, style: Style) -> Cue:
    toks = block.tokens[a:z]
    texts = [t.text for t in toks]
    glue = [t.glue and k > 0 for k, t in enumerate(toks)]
    costs = [t.brk for t in toks]
    label = block.label if a == 0 else ""
    ranges = break_lines(texts, glue, costs, style.max_lines, style.max_chars, lead=len(label))
    lines = tuple(join_tokens(texts[p:q], glue[p:q]) for p, q in ranges if q > p)
    if label:
        label = label + ("\n" if ranges[0][1] == ranges[0][0] else " ")
    return Cue(start / 1000, end / 1000, block.speaker, lines, _words_of(toks), label)


def _words_of(toks: Sequence[_Token]) -> tuple[Word, ...]:
    """The episode words behind the tokens, each once (a long word may be several tokens)."""
    words: list[Word] = []
    last = -1
    for t in toks:
        if t.word != last:
            words.append(t.source)
            last = t.word
    return tuple(words)
