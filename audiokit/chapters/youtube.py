"""YouTube / Apple Podcasts description chapters: ``0:00 Title`` lines.

YouTube only turns such lines into chapters when the first is at 0:00, there are at least
three, each lasts at least 10 seconds and they ascend; :func:`problems` names the rule a list
breaks and :func:`render` refuses such a list.

>>> from audiokit.chapters.model import Chapter
>>> cs = [Chapter(0.0, 75.0, "Intro", 0), Chapter(75.0, 130.0, "Safety", 5), Chapter(130.0, 4000.0, "Licence", 9)]
>>> print(render(cs), end="")
0:00 Intro
1:15 Safety
2:10 Licence
>>> problems(cs[:2])
['YouTube needs at least 3 chapters, this list has 2']
"""

from __future__ import annotations

from collections.abc import Sequence

from audiokit.chapters.model import Chapter
from audiokit.chapters.timefmt import short_clock
from audiokit.errors import FormatError

MIN_CHAPTERS = 3
MIN_SECONDS = 10


def problems(chapters: Sequence[Chapter]) -> list[str]:
    """The YouTube chapter rules ``chapters`` breaks, in words (empty when it follows them)."""
    out = []
    if len(chapters) < MIN_CHAPTERS:
        out.append(f"YouTube needs at least {MIN_CHAPTERS} chapters, this list has {len(chapters)}")
    if chapters and int(chapters[0].start) != 0:
        out.append(f"the first chapter must start at 0:00, not {short_clock(chapters[0].start)}")
    shown = [int(c.start + 1e-6) for c in chapters]
    for k in range(1, len(chapters)):
        if shown[k] <= shown[k - 1]:
            out.append(
                f"chapters must ascend: chapter {k + 1} ({short_clock(chapters[k].start)}) "
                f"does not come after chapter {k} ({short_clock(chapters[k - 1].start)})"
            )
            break
    for k, c in enumerate(chapters):
        following = shown[k + 1] if k + 1 < len(chapters) else c.end
        if following - shown[k] < MIN_SECONDS:
            out.append(
                f"each chapter must last at least {MIN_SECONDS} s: chapter {k + 1} "
                f"{c.title!r} at {short_clock(c.start)} lasts {following - shown[k]:.0f} s"
            )
            break
    return out


def render(chapters: Sequence[Chapter]) -> str:
    """The description lines; raises :class:`FormatError` naming the first rule broken."""
    broken = problems(chapters)
    if broken:
        raise FormatError(f"chapters do not follow YouTube's rules: {broken[0]}")
    return "".join(f"{short_clock(c.start)} {' '.join(c.title.split())}\n" for c in chapters)
