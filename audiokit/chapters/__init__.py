"""Chapter markers by topic: find them, title them, write them in the formats podcast apps
read, embed them into the audio.

>>> from audiokit.chapters import Chapter, render
>>> chapters = (Chapter(0.0, 70.0, "Introductions", 0), Chapter(70.0, 200.0, "Red Teaming", 9),
...             Chapter(200.0, 320.0, "Open License", 21))
>>> print(render(chapters, "youtube"), end="")
0:00 Introductions
1:10 Red Teaming
3:20 Open License

``find_chapters(episode, count=None, min_length=30.0)`` segments an aligned episode (see
:mod:`audiokit.chapters.segment` and :mod:`audiokit.chapters.titles`); :func:`render` writes
one of :data:`FORMATS`; :mod:`audiokit.chapters.id3` and :mod:`audiokit.chapters.mp4` embed
chapters into a copy of an MP3 or M4A; :mod:`audiokit.chapters.edit` reads a hand-edited
chapters.json back.
"""

from __future__ import annotations

from collections.abc import Sequence

from audiokit.chapters import ffmetadata, podcast_json, psc, vtt, youtube
from audiokit.chapters.find import find_chapters
from audiokit.chapters.model import Chapter, listed
from audiokit.model import Episode

FORMATS = ("podcast-json", "vtt", "youtube", "ffmetadata", "psc")
SUFFIXES = {".json": "podcast-json", ".vtt": "vtt", ".xml": "psc", ".psc": "psc", ".ffmeta": "ffmetadata"}

__all__ = ["FORMATS", "Chapter", "find_chapters", "render"]


def render(chapters: Sequence[Chapter], fmt: str, episode: Episode | None = None) -> str:
    """The text of ``chapters`` in format ``fmt`` (one of :data:`FORMATS`); ``episode`` lends
    its title to the formats that carry one. Raises :class:`ValueError` for an unknown format
    and :class:`~audiokit.errors.FormatError` when a YouTube list breaks YouTube's rules. Only the
    Podcasting 2.0 JSON keeps chapters marked ``toc=False``; the others list
    :func:`~audiokit.chapters.model.listed`."""
    title = episode.metadata.title if episode is not None else None
    if fmt == "podcast-json":
        return podcast_json.render(chapters, title)
    chapters = listed(chapters)  # the other formats are tables of contents: no toc=false chapter
    if fmt == "vtt":
        return vtt.render(chapters)
    if fmt == "youtube":
        return youtube.render(chapters)
    if fmt == "ffmetadata":
        return ffmetadata.render(chapters, title)
    if fmt == "psc":
        return psc.render(chapters)
    raise ValueError(f"unknown chapter format {fmt!r} (known: {', '.join(FORMATS)})")
