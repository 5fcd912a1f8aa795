"""Line breaking inside a cue (pure): which words go on which line.

Widths count characters as displayed; a token with ``glue`` continues the previous one
without a space (the pieces of a word too long for a line). A speaker label shown in the
cue text (SRT's ``Name:``) takes ``lead`` characters at the start of the first line.

>>> words = "So we’ll hop into it and see what the paper says about safety.".split()
>>> costs = [4.0] * len(words)
>>> fits([len(w) for w in words], [False] * len(words), 2, 42)
True
>>> lines = break_lines(words, [False] * len(words), costs, 2, 42)
>>> [" ".join(words[a:b]) for a, b in lines]
['So we’ll hop into it and see', 'what the paper says about safety.']
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["break_lines", "fits", "join_tokens", "split_long"]


def join_tokens(texts: Sequence[str], glue: Sequence[bool]) -> str:
    """The tokens as displayed on one line.

    >>> join_tokens(["https://exa", "mple.com", "now"], [False, True, False])
    'https://example.com now'
    """
    out: list[str] = []
    for k, (text, g) in enumerate(zip(texts, glue)):
        if k and not g:
            out.append(" ")
        out.append(text)
    return "".join(out)


def split_long(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` characters (a URL longer than a line).

    >>> split_long("abcdefgh", 3)
    ['abc', 'def', 'gh']
    """
    return [text[k : k + width] for k in range(0, len(text), width)] or [text]


def fits(widths: Sequence[int], glue: Sequence[bool], max_lines: int, max_chars: int, lead: int = 0) -> bool:
    """Whether the tokens fit in ``max_lines`` lines of ``max_chars`` (greedy filling, which
    needs the fewest lines).

    >>> fits([10, 10, 10], [False] * 3, 1, 32)
    True
    >>> fits([10, 10, 10], [False] * 3, 1, 31)
    False
    """
    line, cur = 1, lead
    if lead > max_chars:
        return False
    for w, g in zip(widths, glue):
        need = w if cur == 0 else cur + w + (0 if g else 1)
        if need <= max_chars:
            cur = need
            continue
        line, cur = line + 1, w
        if line > max_lines or w > max_chars:
            return False
    return True


def _width(widths: Sequence[int], glue: Sequence[bool], a: int, b: int) -> int:
    return sum(widths[a:b]) + sum(1 for k in range(a + 1, b) if not glue[k])


def break_lines(
    texts: Sequence[str],
    glue: Sequence[bool],
    costs: Sequence[float],
    max_lines: int,
    max_chars: int,
    lead: int = 0,
) -> list[tuple[int, int]]:
    """The best split of the tokens into lines, as ``(start, end)`` token ranges.

    One line when everything fits on one; otherwise the fewest lines, choosing breaks with
    low ``costs[k]`` (the cost of breaking after token ``k``) and lines of similar length,
    the lower line slightly longer. With a ``lead``, the first range may be empty (the label
    alone on the first line). When the tokens cannot fit, lines are filled greedily and may
    overflow (the caller reports it).
    """
    n = len(texts)
    widths = [len(t) for t in texts]

    def line_width(a: int, b: int, first: bool) -> int:
        w = _width(widths, glue, a, b)
        if first and lead:
            return lead + (w + 1 if b > a else 0)
        return w

    # Fewest lines that can hold the tokens.
    need = next(
        (m for m in range(1, max(max_lines, n) + 1) if fits(widths, glue, m, max_chars, lead)), None
    )
    if need is None:
        return _greedy(widths, glue, max_chars, lead)
    inf = float("inf")
    # best[m][b]: cost of tokens[:b] in m lines; the last line ends at b.
    best = [[inf] * (n + 1) for _ in range(need + 1)]
    back = [[-1] * (n + 1) for _ in range(need + 1)]
    best[0][0] = 0.0
    for m in range(1, need + 1):
        for b in range(0 if (m == 1 and lead) else 1, n + 1):
            for a in range(b if (m == 1 and lead) else b - 1, -1, -1):
                if best[m - 1][a] == inf or (m > 1 and a == b):
                    continue
                w = line_width(a, b, m == 1)
                if w > max_chars:
                    break
                cost = best[m - 1][a]
                if b < n and m < need:
                    cost += costs[b - 1] if b > 0 else 8.0  # label alone on its line
                if cost < best[m][b]:
                    best[m][b], back[m][b] = cost, a
    if best[need][n] == inf:
        return _greedy(widths, glue, max_chars, lead)
    # Balance: among layouts within a small margin of the best break cost, prefer even lines.
    ranges: list[tuple[int, int]] = []
    b = n
    for m in range(need, 0, -1):
        a = back[m][b]
        ranges.append((a, b))
        b = a
    ranges.reverse()
    if need == 2:
        ranges = _balanced_two(texts, glue, costs, max_chars, lead, ranges, line_width)
    return ranges


def _balanced_two(texts, glue, costs, max_chars, lead, ranges, line_width):  # type: ignore[no-untyped-def]
    """Choose the two-line split with the best mix of break cost and balance."""
    n = len(texts)
    best, chosen = float("inf"), ranges
    for k in range(0 if lead else 1, n):
        top, bottom = line_width(0, k, True), line_width(k, n, False)
        if top > max_chars or bottom > max_chars:
            continue
        brk = costs[k - 1] if k > 0 else 8.0
        score = brk + abs(top - bottom) / 8 + (0.5 if top > bottom else 0.0)
        if score < best:
            best, chosen = score, [(0, k), (k, n)]
    return chosen


def _greedy(widths: Sequence[int], glue: Sequence[bool], max_chars: int, lead: int) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    a, cur = 0, lead
    for k, (w, g) in enumerate(zip(widths, glue)):
        need = w if cur == 0 else cur + w + (0 if g else 1)
        if need > max_chars and (k > a or cur > 0):
            ranges.append((a, k))
            a, cur = k, w
        else:
            cur = need
    ranges.append((a, len(widths)))
    return ranges
