"""Podlove Simple Chapters (PSC 1.2), the XML chapter list of podcast feeds and web players.

>>> from audiokit.chapters.model import Chapter
>>> print(render([Chapter(0.0, 61.25, "Intro", 0), Chapter(61.25, 90.0, 'Q&A "live"', 7)]), end="")
<?xml version="1.0" encoding="UTF-8"?>
<psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters">
  <psc:chapter start="00:00:00.000" title="Intro"/>
  <psc:chapter start="00:01:01.250" title="Q&amp;A &quot;live&quot;"/>
</psc:chapters>
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from audiokit.chapters.model import Chapter
from audiokit.chapters.timefmt import clock

NAMESPACE = "http://podlove.org/simple-chapters"


def _attr(value: str) -> str:
    return quoteattr(value, {'"': "&quot;"})


def render(chapters: Sequence[Chapter]) -> str:
    """The PSC document (normal play time ``HH:MM:SS.mmm`` starts, titles as attributes)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<psc:chapters version="1.2" xmlns:psc="{NAMESPACE}">',
    ]
    for c in sorted(chapters):
        title = _attr(" ".join(c.title.split()))
        links = "".join(f" {name}={_attr(value)}" for name, value in (("href", c.url), ("image", c.img)) if value)
        lines.append(f'  <psc:chapter start="{clock(c.start)}" title={title}{links}/>')
    lines.append("</psc:chapters>")
    return "\n".join(lines) + "\n"
