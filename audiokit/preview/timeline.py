"""``timeline.png``: the episode at a glance, drawn with matplotlib (Agg, no display).

From top to bottom: chapter titles, the waveform envelope, one lane per speaker showing when
they talk, and the clip spans. Chapter boundaries run as vertical lines through every lane.
The picture keeps one width whatever the length of the episode; the time axis ticks at
round intervals (every 10 s for a minute of audio, every 10 minutes for three hours) and
chapter titles are staggered on up to three rows and shortened to the room they have; a clip
too narrow for its label (any clip of a long episode) has it beside its bar.

:func:`envelope` (pure numpy) reduces samples to a few thousand loudness values;
:func:`render` draws the picture and returns PNG bytes.
"""

from __future__ import annotations

import functools
import io
import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from audiokit.fonts import charmap
from audiokit.model import Episode
from audiokit.preview.spans import talk_spans

__all__ = ["ClipSpan", "Lane", "clip_labels", "envelope", "lanes", "render", "tick_step", "undrawable"]

BINS = 3000
WIDTH_IN = 16.0
DPI = 100
# Families tried in order for each character: matplotlib's own DejaVu Sans (Latin, Greek, Cyrillic),
# then the usual Debian fonts for the scripts audiokit aligns (Devanagari for Hindi and Marathi,
# Telugu) and other scripts speakers' names come in; only the installed ones are used.
FONTS = ("DejaVu Sans", "Noto Sans", "Noto Sans Devanagari", "Lohit Devanagari", "Noto Sans Telugu",
         "Lohit Telugu", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans CJK JP", "FreeSans")
COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
          "#bcbd22")


@dataclass(frozen=True)
class Lane:
    """A speaker and the stretches (seconds) they talk."""

    speaker: str
    spans: tuple[tuple[float, float], ...]


def lanes(episode: Episode) -> list[Lane]:
    """One lane per speaker with a timed said word, the episode's listed speakers first: each
    turn drawn from its first to its last said word (:attr:`audiokit.model.Turn.span`),
    so intro music or a laugh noted in a turn is not drawn as that speaker's talk.

    >>> from audiokit.model import Sentence, Turn, Word
    >>> lanes(Episode((Turn("", (Sentence((Word("[MUSIC]", 0.0, 30.0), Word("Hi.", 30.0, 30.4))),)),)))
    [Lane(speaker='(unnamed)', spans=((30.0, 30.4),))]
    """
    spans = talk_spans(episode)
    order = [s.name for s in episode.speakers if s.name in spans] + [n for n in spans if not episode.speaker(n)]
    return [Lane(name or "(unnamed)", tuple(spans[name])) for name in order]


@dataclass(frozen=True)
class ClipSpan:
    """A clip: where it was cut, whose it is, its label (``"Ann #1"``)."""

    start: float
    end: float
    speaker: str
    label: str


def envelope(samples: np.ndarray, bins: int = BINS) -> list[float]:
    """RMS loudness of ``samples`` in ``bins`` equal stretches, scaled so the loudest is 1.

    Works chunk by chunk, so a 3-hour recording needs no float copy of itself.

    >>> envelope(np.array([0, 0, 100, -100], dtype=np.int16), bins=2)
    [0.0, 1.0]
    """
    n = len(samples)
    if n == 0 or bins < 1:
        return []
    bins = min(bins, n)
    edges = np.linspace(0, n, bins + 1).astype(np.int64)
    out = np.empty(bins, dtype=np.float64)
    for i in range(bins):
        seg = samples[edges[i] : edges[i + 1]].astype(np.float64)
        out[i] = math.sqrt(float(np.mean(seg * seg))) if len(seg) else 0.0
    top = float(out.max())
    if top > 0:
        out /= top
    return [round(float(v), 4) for v in out]


def tick_step(duration: float) -> float:
    """A round tick interval giving about 6-16 ticks over ``duration`` seconds.

    >>> tick_step(180), tick_step(24 * 60), tick_step(3 * 3600)
    (15.0, 120.0, 900.0)
    """
    steps = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200)
    for s in steps:
        if duration / s <= 16:
            return float(s)
    return float(steps[-1])


@functools.cache
def _fonts() -> tuple[tuple[str, frozenset[int]], ...]:
    """The installed families of :data:`FONTS`, each with the characters it has."""
    from matplotlib import font_manager

    out = []
    for family in FONTS:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            continue
        out.append((family, charmap(path)))
    return tuple(out)


def undrawable(texts: Iterable[str]) -> list[str]:
    """The texts (names, titles) with a character no installed font of :data:`FONTS` has:
    the picture shows those characters as empty boxes.

    >>> undrawable(["Zoë Dvořáková", "Анна", "\ue000 private"])
    ['\ue000 private']
    """
    have = frozenset().union(*(chars for _, chars in _fonts()))
    return [t for t in dict.fromkeys(texts) if any(not ch.isspace() and ord(ch) not in have for ch in t)]


def _clock(t: float) -> str:
    s = round(t)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def _shorten(text: str, chars: int) -> str:
    text = " ".join(text.split())
    if chars < 2:
        return ""
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def clip_labels(clips: Sequence[ClipSpan], duration: float, chars: float) -> list[tuple[float, str, bool]]:
    """Where each clip's label goes, as (x in seconds, text, inside the bar?), ``chars`` being
    how many label characters the whole time axis holds. A label goes inside its bar, as
    ``#n`` when the name does not fit (the colour says whose clip it is); a bar too narrow
    even for that (a 40 s clip in three hours is 5 pixels) gets its label beside it, in the
    room before the next clip, so no clip of a long episode is left unnamed.

    >>> clip_labels([ClipSpan(60, 120, "Ann", "Ann #1")], 600.0, 200.0)
    [(90.0, 'Ann #1', True)]
    >>> clip_labels([ClipSpan(600, 640, "Ann", "Ann #1"), ClipSpan(800, 830, "Bob", "Bob #1"),
    ...              ClipSpan(2400, 2430, "Ann", "Ann #2")], 10800.0, 200.0)
    [(661.6, '#1', False), (851.6, 'Bob #1', False), (2451.6, 'Ann #2', False)]
    """
    out: list[tuple[float, str, bool]] = []
    per_second = chars / duration
    ordered = sorted(clips, key=lambda c: (c.start, c.end))
    for k, clip in enumerate(ordered):
        short = clip.label[clip.label.index("#"):] if "#" in clip.label else clip.label
        room = (clip.end - clip.start) * per_second
        if room >= len(clip.label) or (room >= 2 and room >= len(short)):
            text = clip.label if room >= len(clip.label) else short
            out.append(((clip.start + clip.end) / 2, _shorten(text, int(room)), True))
            continue
        following = next((c.start for c in ordered[k + 1:] if c.start >= clip.end), duration)
        gap = 0.002 * duration  # as the chapter titles stand off their lines
        beside = (following - clip.end - 2 * gap) * per_second
        text = clip.label if beside >= len(clip.label) else short
        if beside >= 2:
            out.append((round(clip.end + gap, 3), _shorten(text, int(beside)), False))
    return out


def render(
    duration: float,
    levels: Sequence[float],
    lanes: Sequence[Lane],
    chapters: Sequence[tuple[float, str]] = (),
    clips: Sequence[ClipSpan] = (),
    title: str | None = None,
    language: str | None = None,
) -> bytes:
    """The timeline picture as PNG bytes (see the module docstring).

    ``levels`` is the :func:`envelope` of the audio, ``chapters`` the (start, title) of each
    chapter; speakers keep the colour of their lane in the clip row. ``language`` (the
    episode's BCP 47 code) selects a font's local letter forms, such as Marathi's."""
    import logging

    import matplotlib

    logging.getLogger("matplotlib").setLevel(logging.WARNING)  # no font-cache notes on stderr
    matplotlib.use("Agg", force=True)
    # A list of families makes matplotlib take each character from the first that has it;
    # matplotlib >= 3.11 shapes the text (libraqm), so Arabic joins and runs right to left and
    # Indic conjuncts form.
    families = [family for family, _ in _fonts()] or ["DejaVu Sans"]
    with matplotlib.rc_context({"font.family": families, "text.language": language}):
        return _draw(duration, levels, lanes, chapters, clips, title)


def _draw(
    duration: float,
    levels: Sequence[float],
    lanes: Sequence[Lane],
    chapters: Sequence[tuple[float, str]],
    clips: Sequence[ClipSpan],
    title: str | None,
) -> bytes:
    from matplotlib.figure import Figure

    duration = max(duration, 1e-3)
    speakers = [lane.speaker for lane in lanes]
    colors = {name: COLORS[k % len(COLORS)] for k, name in enumerate(speakers)}
    rows = 3 if len(chapters) > 12 else 2 if len(chapters) > 4 else 1
    heights = [0.32 * rows + 0.15, 1.1] + [0.42] * len(lanes) + ([0.5] if clips else [])
    fig = Figure(figsize=(WIDTH_IN, sum(heights) + 1.0 + (0.35 if title else 0)), dpi=DPI)
    grid = fig.add_gridspec(len(heights), 1, height_ratios=heights, hspace=0.08,
                            left=0.13, right=0.985, top=0.93 if title else 0.97, bottom=0.09)
    axes = [fig.add_subplot(grid[k, 0]) for k in range(len(heights))]
    for ax in axes[1:]:
        ax.sharex(axes[1])
    for ax in axes:
        ax.set_xlim(0, duration)
        ax.set_yticks([])
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="x", labelbottom=False, length=0)
    if title:
        fig.suptitle(title, fontsize=13, x=0.13, ha="left")

    # Chapter titles, staggered over ``rows`` rows and cut to the room before the next title
    # on the same row.
    head = axes[0]
    head.set_ylim(0, rows)
    head.spines["bottom"].set_visible(False)
    head.set_ylabel("chapters", rotation=0, ha="right", va="center", fontsize=9)
    axes_px = WIDTH_IN * DPI * (0.985 - 0.13)
    char_px = 6.6
    starts = [s for s, _ in chapters]
    for k, (start, name) in enumerate(chapters):
        row = k % rows
        nxt = starts[k + rows] if k + rows < len(starts) else duration
        room = (nxt - start) / duration * axes_px / char_px
        label = _shorten(f"{k + 1}. {name}", int(room) - 1)
        head.text(start + duration * 0.002, rows - row - 0.5, label, fontsize=9, va="center", ha="left", clip_on=True)
        head.axvline(start, color="#555555", linewidth=0.8)

    wave = axes[1]
    if levels:
        xs = (np.arange(len(levels)) + 0.5) * duration / len(levels)
        ys = np.asarray(levels, dtype=float)
        wave.fill_between(xs, -ys, ys, color="#4a4a4a", linewidth=0)
    wave.set_ylim(-1.05, 1.05)
    wave.set_ylabel("audio", rotation=0, ha="right", va="center", fontsize=9)

    for ax, lane in zip(axes[2 : 2 + len(lanes)], lanes):
        bars = [(a, max(b - a, duration / 4000)) for a, b in lane.spans]
        ax.broken_barh(bars, (0.15, 0.7), facecolors=colors[lane.speaker], linewidth=0)
        ax.set_ylim(0, 1)
        ax.set_ylabel(_shorten(lane.speaker, 22), rotation=0, ha="right", va="center", fontsize=9)

    if clips:
        strip = axes[-1]
        strip.set_ylim(0, 1)
        strip.set_ylabel("clips", rotation=0, ha="right", va="center", fontsize=9)
        for clip in clips:
            strip.broken_barh([(clip.start, clip.end - clip.start)], (0.2, 0.6),
                            facecolors=colors.get(clip.speaker, "#777777"), edgecolors="black", linewidth=0.6)
        for x, text, inside in clip_labels(clips, duration, axes_px / (char_px * 0.85)):
            strip.text(x, 0.5, text, fontsize=7.5, ha="center" if inside else "left", va="center",
                       color="white" if inside else "#222222", clip_on=True)

    for ax in axes[1:]:
        for start in starts:
            ax.axvline(start, color="#555555", linewidth=0.8, alpha=0.7)

    step = tick_step(duration)
    ticks = np.arange(0, duration + 1e-9, step)
    last = axes[-1]
    last.tick_params(axis="x", labelbottom=True, length=4)
    last.set_xticks(ticks, [_clock(t) for t in ticks], fontsize=9)
    last.set_xlim(0, duration)

    buf = io.BytesIO()
    with warnings.catch_warnings():
        # A character no font has is drawn as a box; the pipeline names such texts once
        # (:func:`undrawable`) instead of matplotlib warning for every glyph on stderr.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()
