"""Praat TextGrid (long text format) with a word tier and a phone tier. Pure.

Gaps between timed words become empty intervals, as Praat requires tiers to cover the whole
time range; untimed words are left out.

>>> from audiokit.model import Episode, Turn, Sentence, Word, Phone
>>> w = Word("Hi", 0.5, 0.8, phones=(Phone("HH", 0.5, 0.6), Phone("AY", 0.6, 0.8)))
>>> text = to_textgrid(Episode((Turn("Ann", (Sentence((w,)),)),)), duration=1.0)
>>> 'text = "Hi"' in text and 'text = "AY"' in text
True
"""

from __future__ import annotations

from collections.abc import Sequence

from audiokit.model import Episode


def _escape(text: str) -> str:
    return text.replace('"', '""')


def _tier(name: str, items: Sequence[tuple[float, float, str]], duration: float) -> list[str]:
    intervals: list[tuple[float, float, str]] = []
    t = 0.0
    for start, end, label in sorted(items):
        start, end = max(start, t), min(max(end, start), duration)
        if end <= start:
            continue
        if start > t:
            intervals.append((t, start, ""))
        intervals.append((start, end, label))
        t = end
    if t < duration:
        intervals.append((t, duration, ""))
    lines = [
        '        class = "IntervalTier"',
        f'        name = "{name}"',
        "        xmin = 0",
        f"        xmax = {duration:.3f}",
        f"        intervals: size = {len(intervals)}",
    ]
    for i, (a, b, label) in enumerate(intervals, 1):
        lines += [
            f"        intervals [{i}]:",
            f"            xmin = {a:.3f}",
            f"            xmax = {b:.3f}",
            f'            text = "{_escape(label)}"',
        ]
    return lines


def to_textgrid(episode: Episode, duration: float | None = None) -> str:
    """The episode's timed words and phones as a TextGrid."""
    words = [(w.start, w.end, w.text) for w in episode.words() if w.start is not None and w.end is not None]
    phones = [(p.start, p.end, p.label) for w in episode.words() for p in w.phones]
    end = duration or episode.metadata.duration or max((b for _, b, _ in words), default=0.0)
    tiers = [("words", words), ("phones", phones)]
    lines = [
        'File type = "ooTextFile"',
        'Object class = "TextGrid"',
        "",
        "xmin = 0",
        f"xmax = {end:.3f}",
        "tiers? <exists>",
        f"size = {len(tiers)}",
        "item []:",
    ]
    for i, (name, items) in enumerate(tiers, 1):
        lines.append(f"    item [{i}]:")
        lines += _tier(name, items, end)
    return "\n".join(lines) + "\n"
