"""TTML captions in the IMSC 1.1 Text profile (W3C), the timed-text format Netflix and Apple TV
take: :func:`render`.

The document says its profile with ``ttp:contentProfiles`` (the IMSC 1.1 Text designator),
counts time in media time (``ttp:timeBase="media"``, ``HH:MM:SS.mmm``), takes its language from
the episode (``xml:lang``; a right-to-left language gets ``tts:direction="rtl"`` and a ``rltb``
region) and shows each cue as one ``<p>`` in one bottom region, its lines split by ``<br/>``.
Each speaker is a ``ttm:agent`` in the head (``ttm:name`` the transcript's name) and each cue
names its own (``<p ttm:agent="...">``). A player shows none of that metadata, so the cue text
also carries the ``Name:`` labels at speaker changes, as the SRT captions do (build the cues
with ``inline_speakers=True``); transcribers' notes are shown as in every other format.

>>> from audiokit.captions.cue import Cue
>>> text = render([Cue(1.0, 2.5, "Ann & Bo", ("Hi <there>,", "you."), label="Ann & Bo: ")], language="en")
>>> [line.strip() for line in text.splitlines() if "agent" in line]  # doctest: +NORMALIZE_WHITESPACE
['<ttm:agent xml:id="a1" type="person"><ttm:name type="full">Ann &amp; Bo</ttm:name></ttm:agent>',
 '<p xml:id="c1" begin="00:00:01.000" end="00:00:02.500" style="p" ttm:agent="a1"><span style="text">Ann &amp; Bo: Hi &lt;there&gt;,<br/>you.</span></p>']
"""

from __future__ import annotations

from collections.abc import Sequence

from audiokit.captions.cue import Cue
from audiokit.captions.ttml_core import document, layout, paragraph, root_attrs, xml_attr, xml_text
from audiokit.lang.codes import direction

__all__ = ["PROFILE", "agent_ids", "render"]

PROFILE = "http://www.w3.org/ns/ttml/profile/imsc1.1/text"
"""The IMSC 1.1 Text profile designator (IMSC 1.1, section 5.2)."""


def agent_ids(cues: Sequence[Cue]) -> dict[str, str]:
    """Each speaker's ``xml:id`` (``a1``, ``a2``, ... in order of first appearance).

    >>> agent_ids([Cue(0, 1, "Bo", ("x",)), Cue(1, 2, "", ("[laughs]",)), Cue(2, 3, "Ann", ("y",))])
    {'Bo': 'a1', 'Ann': 'a2'}
    """
    names = dict.fromkeys(c.speaker for c in cues if c.speaker)
    return {name: f"a{k}" for k, name in enumerate(names, start=1)}


def render(cues: Sequence[Cue], language: str | None = None, title: str | None = None) -> str:
    """The IMSC 1.1 Text document of ``cues`` in ``language`` (ISO 639-1), titled ``title``.

    >>> print(render([Cue(0.5, 1.7, "", ("[laughs]",))], "ar").splitlines()[1])  # doctest: +ELLIPSIS
    <tt xmlns="http://www.w3.org/ns/ttml" ... xml:lang="ar" ttp:timeBase="media" ttp:cellResolution="32 15" ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text">
    """
    agents = agent_ids(cues)
    rtl = ' tts:direction="rtl"' if direction(language) == "rtl" else ""
    head = ["<metadata>"]
    if title:
        head.append(f"  <ttm:title>{xml_text(title)}</ttm:title>")
    head += [f'  <ttm:agent xml:id="{aid}" type="person"><ttm:name type="full">{xml_text(name)}</ttm:name></ttm:agent>'
             for name, aid in agents.items()]
    head += [
        "</metadata>",
        "<styling>",
        ('  <style xml:id="p" tts:fontFamily="proportionalSansSerif" tts:fontSize="100%" tts:lineHeight="120%"'
         f' tts:textAlign="center" tts:color="#FFFFFF"{rtl}/>'),
        '  <style xml:id="text" tts:backgroundColor="#000000C2"/>',
        "</styling>",
        *layout(language),
    ]
    paragraphs = [paragraph(k, cue.start, cue.end, "text", cue.display_lines,
                            f' ttm:agent="{xml_attr(agents[cue.speaker])}"' if cue.speaker else "")
                  for k, cue in enumerate(cues, start=1)]
    root = f'{root_attrs(language)} ttp:contentProfiles="{PROFILE}"'
    return document(["ttp", "tts", "ttm"], root, head, paragraphs, 'region="bottom"')
