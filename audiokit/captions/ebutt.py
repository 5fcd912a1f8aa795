"""EBU-TT-D captions (EBU Tech 3380), the distribution format the BBC asks for: :func:`render`.

The document says its standard with ``ebuttm:conformsToStandard`` (``urn:ebu:tt:distribution:2018-04``,
Tech 3380 v1.0.1, directly in the head's ``<metadata>``), counts media time (``ttp:timeBase="media"``,
``HH:MM:SS.mmm``), sets ``ttp:cellResolution`` and ``xml:lang`` on the root, styles by reference
only (no ``tts:`` attribute on content, no nested ``<span>``) and gives every ``<p>`` an
``xml:id``, as the profile requires. EBU-TT-D has no ``ttm:agent``, so speakers are shown in the
text:

- with ``colours`` (the ``bbc`` style's :attr:`~.styles.Style.speaker_colours`), as the BBC
  Subtitle Guidelines do (section 8.3): white, yellow, cyan, green in that order of priority, the
  speaker with the most words first, each speaker keeping their colour; speakers beyond the
  colours share white ("White can be used for any number of speakers", 8.5), and then the white
  speakers keep their ``Name:`` labels, which tell them apart;
- otherwise by the ``Name:`` labels at speaker changes, as the SRT captions show them (build the
  cues with ``inline_speakers=True``).

Text is white (or the speaker's colour) on black, a background per line (``<span>``) padded by
half a cell (``ebutts:linePadding``), lines 8% of the picture high, in the BBC's fonts, in one
bottom region (``rltb`` for a right-to-left language).

>>> from audiokit.captions.cue import Cue
>>> cues = [Cue(0, 1, "Ann", ("Hi.",)), Cue(1, 2, "Bo", ("Yo & co.",)), Cue(2, 3, "Ann", ("So.",))]
>>> [line.strip() for line in render(cues, colours=("#FFFFFF", "#FFFF00")).splitlines() if "<p " in line]
... # doctest: +NORMALIZE_WHITESPACE
['<p xml:id="c1" begin="00:00:00.000" end="00:00:01.000" style="p"><span style="white">Hi.</span></p>',
 '<p xml:id="c2" begin="00:00:01.000" end="00:00:02.000" style="p"><span style="yellow">Yo &amp; co.</span></p>',
 '<p xml:id="c3" begin="00:00:02.000" end="00:00:03.000" style="p"><span style="white">So.</span></p>']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from audiokit.captions.cue import Cue
from audiokit.captions.ttml_core import document, layout, paragraph, root_attrs, xml_attr
from audiokit.lang.codes import direction

__all__ = ["STANDARD", "WHITE", "render", "speaker_colours"]

STANDARD = "urn:ebu:tt:distribution:2018-04"
"""The EBU-TT-D conformance designator (Tech 3380 v1.0.1)."""

WHITE = "#FFFFFF"
_FONTS = "ReithSans, Arial, Roboto, proportionalSansSerif, default"  # as the BBC's own TTML validator asks
# Style ids for the BBC's speaker colours (readable in the file); any other colour is numbered.
_NAMES = {"#FFFFFF": "white", "#FFFF00": "yellow", "#00FFFF": "cyan", "#00FF00": "green"}


def speaker_colours(cues: Sequence[Cue], colours: Sequence[str]) -> dict[str, str]:
    """Each speaker's colour: ``colours`` in order to the speakers by the words they speak (most
    first, ties by first appearance), white for every speaker beyond them.

    >>> cues = [Cue(0, 1, "Bo", ("a",), ("a",)), Cue(1, 2, "Ann", ("b c",), ("b", "c")), Cue(2, 3, "Cy", ("d",), ("d",))]
    >>> speaker_colours(cues, ("#FFFFFF", "#FFFF00"))
    {'Ann': '#FFFFFF', 'Bo': '#FFFF00', 'Cy': '#FFFFFF'}
    """
    words: Counter[str] = Counter()
    for cue in cues:
        if cue.speaker:
            words[cue.speaker] += max(len(cue.words), 1)
    ranked = sorted(words, key=lambda s: -words[s])  # stable: first appearance breaks ties
    return {s: colours[k] if k < len(colours) else WHITE for k, s in enumerate(ranked)}


def _style_id(colour: str, order: list[str]) -> str:
    return _NAMES.get(colour.upper(), f"colour{order.index(colour) + 1}")


def render(cues: Sequence[Cue], language: str | None = None, colours: Sequence[str] = ()) -> str:
    """The EBU-TT-D document of ``cues`` in ``language`` (ISO 639-1), speakers coloured with
    ``colours`` when given (see the module docstring), else labelled.

    >>> text = render([Cue(0.5, 1.7, "Ann", ("Hi.",), label="Ann: ")], "en")
    >>> [line.strip() for line in text.splitlines() if "conformsTo" in line or "<p " in line]  # doctest: +NORMALIZE_WHITESPACE
    ['<ebuttm:conformsToStandard>urn:ebu:tt:distribution:2018-04</ebuttm:conformsToStandard>',
     '<p xml:id="c1" begin="00:00:00.500" end="00:00:01.700" style="p"><span style="white">Ann: Hi.</span></p>']
    """
    chosen = speaker_colours(cues, colours) if colours else {}
    whites = [s for s, c in chosen.items() if c == WHITE]
    order = list(dict.fromkeys([WHITE, *chosen.values()]))
    rtl = ' tts:direction="rtl"' if direction(language) == "rtl" else ""
    head = [
        "<metadata>",
        f"  <ebuttm:conformsToStandard>{STANDARD}</ebuttm:conformsToStandard>",
        "</metadata>",
        "<styling>",
        # The BBC's font list and a 120% line: 1/15 of the height x 1.2 = 8%, the top of the
        # guidelines' 7-8% (9.2.1); a background per line, padded half a cell, no gaps (9.2.4).
        (f'  <style xml:id="p" tts:fontFamily="{_FONTS}" tts:fontSize="100%" tts:lineHeight="120%"'
         f' tts:textAlign="center" ebutts:linePadding="0.5c" itts:fillLineGap="true"{rtl}/>'),
        *(f'  <style xml:id="{_style_id(c, order)}" tts:color="{xml_attr(c)}" tts:backgroundColor="#000000"/>'
          for c in order),
        "</styling>",
        *layout(language),
    ]
    paragraphs = []
    for k, cue in enumerate(cues, start=1):
        colour = chosen.get(cue.speaker, WHITE)
        # A coloured speaker needs no label; white ones need theirs when white is shared.
        labelled = not chosen or (colour == WHITE and len(whites) > 1)
        lines = cue.display_lines if labelled else cue.lines or ("",)
        paragraphs.append(paragraph(k, cue.start, cue.end, _style_id(colour, order), lines))
    return document(["ttp", "tts", "ebuttm", "ebutts", "itts"], root_attrs(language), head, paragraphs,
                    'region="bottom"')
