"""Speech the transcript lacks, between two anchors: where to cut it out of the regions. Pure.

Used by :func:`audiokit.align.matching.plan_regions`: audio where the recogniser heard several
words the transcript lacks, for far longer than the transcript words between two anchors need,
is left out of every region, and the unheard words there go to the side they were said on.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audiokit.align.matching import Heard, Token


HEARD_EARLY = 0.1  # seconds a recognised word's start may lie before the word (in its pause)
LONE_LETTERS = 4  # letters of a lone heard word that tells which side of extra speech its sentence lies on


def extra_speech_cuts(
    tokens: Sequence[Token], heard: Sequence[Heard], live: Sequence[int], matched: dict[int, int],
    weak: dict[int, int], per_token: float, quiet: Callable[[float, float], float],
    pauses: Callable[[float, float], list[tuple[float, float]]] | None = None,
) -> tuple[list[tuple[int, float, float]], list[tuple[float, float]]]:
    """Cut out audio where the recogniser heard several words the transcript lacks, between
    two matched words, for far longer than the transcript words between them need.

    Unmatched transcript words in between go with the sentence they belong to: those of the
    earlier word's sentence stay before the cut, and so do whole sentences that a shorter run
    (``weak``) heard close after the earlier word (:func:`_cut_at`); the rest go after it.
    Those after it begin a sentence, which follows a pause: their region starts at the quietest point of their
    allowance that still leaves them half the usual time per word, and that is not later than
    where a shorter run (``weak``) heard one of them allows. Started at the edge of the
    allowance, the forced pass spread them over the extra speech before it (2.5 s early in
    lang-ca-rough and lang-hi-rough). Given ``pauses(start, end)`` (the clear pauses begun before
    ``end``, see :func:`audiokit.align.energy.pauses`), they start in the pause of that allowance
    whose end lies nearest to where they would begin at the usual time per word, counted back
    from the first of them heard (or from the later anchor): the extra speech has pauses of its
    own, as quiet as the one that counts, and the quietest point picked one of them (1.1 and 2.3 s
    early in two rough Catalan variants); the latest pause picked a comma inside the sentence. A
    first word heard itself may have been heard up to :data:`HEARD_EARLY` seconds before it
    begins, inside the pause. Given ``pauses`` (outside English), a lone heard word counts as
    heard in a shorter run too where it is the only one of its text on both sides
    (:func:`lone_words`).
    """
    cuts: list[tuple[int, float, float]] = []
    spans: list[tuple[float, float]] = []
    anchored = [p for p, k in enumerate(live) if k in matched]
    for pa, pb in itertools.pairwise(anchored):
        a, b = live[pa], live[pb]
        ha, hb = matched[a], matched[b]
        t_end, t_next = heard[ha].end, heard[hb].start
        between = live[pa + 1 : pb]
        expected = len(between) * per_token
        if hb - ha - 1 < 2 or (t_next - t_end) - expected <= 1.5:
            continue
        near = weak
        if pauses is not None:
            near = {**lone_words(tokens, heard, between, ha + 1, hb), **weak}
        before = between[: _cut_at(tokens, heard, between, tokens[a].sentence, t_end, t_next, near, per_token)]
        after = len(between) - len(before)
        left = t_end + (len(before) * per_token * 2.5 + 0.3 if before else 0.0)
        right = t_next - (after * per_token * 2.5 + 0.3 if after else 0.0)
        latest, slack, usual = t_next - 0.5 * after * per_token, 0.0, t_next - after * per_token
        for q, k in enumerate(between[len(before):]):
            if k in near:
                latest = min(latest, heard[near[k]].start - 0.5 * q * per_token)
                slack = HEARD_EARLY if q == 0 and latest == heard[near[k]].start else 0.0
                usual = heard[near[k]].start - q * per_token
                break
        start = right
        if after:
            found = pauses(right, max(right, latest) + slack) if pauses is not None else []
            best = min(found, key=lambda p: abs(p[1] - usual), default=None)
            start = quiet(right, max(right, latest)) if best is None else max(right, (best[0] + best[1]) / 2)
        if right - left < 1.0:
            # Too little room left to say where the extra speech lies. Where the audio still holds
            # 2.5 s or more beyond what the words need, the two sides are aligned apart, each
            # within its own allowance of its anchor: one region over both spread its words over
            # the extra speech (a sentence said but not written at a turn start moved the next 30
            # words 3-5 s early in lang-hi-rough). Less is slow speech or a long pause as often as
            # extra speech (up to 2.2 s on the clean lang-ru and lang-mr).
            if (t_next - t_end) - expected >= 2.5:
                end, begin = min(left, t_next), max(start, t_end)
                if end > begin:  # the allowances overlap: the regions meet at the overlap's quietest point
                    end = begin = quiet(begin, end)
                cuts.append((pa + 1 + len(before), end, begin))
            continue
        left = quiet(left, min(left + 0.25, right)) if not before else left
        right = quiet(max(right - 0.25, left), right) if not after else start
        cuts.append((pa + 1 + len(before), left, right))
        spans.append((round(left, 3), round(right, 3)))
    return cuts, spans


def _cut_at(tokens: Sequence[Token], heard: Sequence[Heard], between: Sequence[int], sentence: int,
            t_end: float, t_next: float, weak: dict[int, int], per_token: float) -> int:
    """How many of the transcript tokens ``between`` two anchors (heard ending at ``t_end`` and
    starting at ``t_next``, with speech the transcript lacks somewhere between) go before the cut:
    those of the earlier anchor's ``sentence``, and every whole sentence up to the last one with
    a token heard (in a shorter run) nearer to where it would be said right after the earlier
    anchor than right before the later one. A sentence said before the extra speech was
    otherwise aligned after it ("Passem a les vostres preguntes", "les vostres" heard 1.5 s
    after the earlier anchor, 4.6 s before the later one).
    """
    n = sum(1 for k in between if tokens[k].sentence == sentence)
    for q, k in enumerate(between):
        if q < n or k not in weak:
            continue
        h = heard[weak[k]].start
        if abs((h - t_end) - q * per_token) < abs((t_next - h) - (len(between) - q) * per_token):
            n = q + 1
            while n < len(between) and tokens[between[n]].sentence == tokens[k].sentence:
                n += 1
    return n


def lone_words(tokens: Sequence[Token], heard: Sequence[Heard], between: Sequence[int], first: int,
               last: int) -> dict[int, int]:
    """Tokens of ``between`` (two anchors) that were heard alone among ``heard[first:last]``: each
    token of :data:`LONE_LETTERS` letters or more whose text occurs once among the tokens and once
    among those heard words, with no more heard words between it and one of the anchors than
    transcript tokens, plus one (token -> heard word). Unwritten speech sits between the anchors,
    and such a word says which side of it its sentence was said on: "дача", heard alone (its
    sentence's other word misheard), was placed with its sentence 1.8 s late, after the unwritten
    speech. The recogniser's language model is the transcript's, so it hears transcript words in
    the unwritten speech too: "этом", heard amid a dozen other words, is no evidence.

    >>> from audiokit.align.matching import Heard, Token
    >>> tokens = [Token(w, k, 0) for k, w in enumerate(["итак", "дача", "и", "и"])]
    >>> heard = [Heard(w, t, t + 0.4) for t, w in enumerate(["привет", "дача", "мной", "и", "дача"])]
    >>> lone_words(tokens, heard, [0, 1, 2, 3], 0, 4), lone_words(tokens, heard, [0, 1, 2, 3], 0, 5)
    ({1: 1}, {})
    >>> lone_words(tokens, heard[2:3] * 4 + heard[1:2] + heard[2:3] * 4, [0, 1, 2, 3], 0, 9)
    {}
    """
    texts = [tokens[k].text for k in between]
    said = [h.text for h in heard[first:last]]
    out = {}
    for q, (k, t) in enumerate(zip(between, texts)):
        if len(t) < LONE_LETTERS or texts.count(t) != 1 or said.count(t) != 1:
            continue
        i = said.index(t)
        if i <= q + 1 or len(said) - 1 - i <= len(between) - q:
            out[k] = first + i
    return out
