"""Caption style presets: the numbers a broadcaster's rules set, every one overridable.

A :class:`Style` is a frozen value; change a number by building a new one::

>>> STYLES["netflix"].max_chars
42
>>> s = STYLES["netflix"].with_overrides(max_chars=37, max_cps=None)
>>> (s.max_chars, s.max_cps, s.max_lines)
(37, None, 2)
>>> round(STYLES["netflix"].min_gap, 3)   # 2 frames at 24 fps
0.083

Presets:

- ``netflix`` (default): 2 lines of at most 42 characters, at most 17 characters a second
  (spaces and punctuation count), on screen 5/6 s to 7 s, 2 frames between cues, start
  within 3 frames of the first word, end at most 0.5 s after the last word.
- ``bbc``: 2 lines of 37 characters; reading speed 160-180 words a minute (checked at 180).
- ``podcast``: the Podcasting 2.0 SRT convention, 2 lines of at most 32 characters.

Transcribers' notes ("(laughs)", "[MUSIC PLAYING]") are shown as sound descriptions (SDH) in the
style's ``note_form``: ``netflix`` writes them in square brackets, lowercase ("[laughs]",
"[music playing]"), as Netflix's English SDH Timed Text Style Guide asks ("Use brackets [ ] to
enclose speaker IDs or sound effects", "all lowercase, except for proper nouns"); ``bbc`` and
``podcast`` keep them as the transcriber wrote them: the BBC Subtitle Guidelines mark sound
labels by colour and capitals, which WebVTT/SRT text cannot carry faithfully, and the
Podcasting 2.0 transcript spec sets no form for them.

Speakers: in formats that can colour text (EBU-TT-D), ``bbc`` tells speakers apart by colour, as
the BBC Subtitle Guidelines prefer (8.3: white, yellow, cyan, green, in that order of priority);
the others, and every format without colour, show ``Name:`` labels at speaker changes (SRT, TTML).

Every preset captions the transcript verbatim, as written. ``clean=True`` (``--clean``) is clean
verbatim: hesitation sounds ("um", "uh") are left out and the text around them mended
(:mod:`.clean`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["FRAME", "NOTE_FORMS", "STYLES", "Style", "get_style"]

NOTE_FORMS = ("brackets", "as-written")
"""How a style shows transcribers' notes (see the module docstring)."""

FRAME = 1 / 24
"""One frame at 24 frames a second, the unit broadcast style guides time gaps in."""


@dataclass(frozen=True)
class Style:
    """The rules captions are laid out and timed by (times in seconds).

    ``max_cps`` and ``max_wpm`` are the reading-speed limits (characters a second, spaces and
    punctuation included; words a minute); ``None`` switches one off.
    """

    name: str = "netflix"
    max_lines: int = 2
    max_chars: int = 42
    max_cps: float | None = 17.0
    max_wpm: float | None = None
    min_duration: float = 5 / 6
    max_duration: float = 7.0
    min_gap: float = 2 * FRAME
    start_tolerance: float = 3 * FRAME
    max_end_lag: float = 0.5
    note_form: str = "brackets"  # "brackets" (Netflix SDH: "[laughs]") or "as-written"
    clean: bool = False  # clean verbatim: hesitation sounds left out (.clean)
    # Colours (#RRGGBB) telling speakers apart where the format can colour text (EBU-TT-D), in
    # order of priority; empty: labels instead.
    speaker_colours: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.note_form not in NOTE_FORMS:
            raise ValueError(f"note_form must be one of {', '.join(NOTE_FORMS)}, got {self.note_form!r}")
        bad = [c for c in self.speaker_colours if not re.fullmatch(r"#[0-9A-Fa-f]{6}", c)]
        if bad:
            raise ValueError(f"speaker_colours must be #RRGGBB colours, got {bad[0]!r}")
        if self.max_lines < 1:
            raise ValueError(f"max_lines must be at least 1, got {self.max_lines}")
        if self.max_chars < 8:
            raise ValueError(f"max_chars must be at least 8, got {self.max_chars}")
        for name in ("max_cps", "max_wpm"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ValueError(f"{name} must be above zero, got {value}")
        # Times become whole milliseconds when cues are timed: an infinite one cannot.
        for name in ("min_duration", "max_duration", "min_gap", "start_tolerance", "max_end_lag"):
            if not math.isfinite(getattr(self, name)):
                raise ValueError(f"{name} must be a number of seconds, got {getattr(self, name)}")
        if not 0 <= self.min_duration < self.max_duration:
            raise ValueError(
                f"need 0 <= min_duration < max_duration, got {self.min_duration:.3g} and {self.max_duration:.3g}"
            )
        for name in ("min_gap", "start_tolerance", "max_end_lag"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative, got {getattr(self, name)}")

    def with_overrides(self, **overrides: Any) -> Style:
        """A copy with the given settings replaced (``max_cps=None`` switches that check off).

        >>> STYLES["bbc"].with_overrides(max_lines=3).max_lines
        3
        """
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"unknown style setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **overrides)


STYLES: dict[str, Style] = {
    "netflix": Style("netflix"),
    "bbc": Style("bbc", max_chars=37, max_cps=None, max_wpm=180.0, note_form="as-written",
                 speaker_colours=("#FFFFFF", "#FFFF00", "#00FFFF", "#00FF00")),
    "podcast": Style("podcast", max_chars=32, note_form="as-written"),
}
"""The presets by name."""


def get_style(name: str) -> Style:
    """The preset called ``name``; :class:`KeyError` naming the choices otherwise.

    >>> get_style("bbc").max_chars
    37
    """
    try:
        return STYLES[name]
    except KeyError:
        raise KeyError(f"unknown caption style {name!r} (choose from {', '.join(STYLES)})") from None
