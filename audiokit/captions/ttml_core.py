"""What the two TTML profiles audiokit writes share (pure): namespaces, escaping, media times,
the language and its direction, and the document's frame. :mod:`.ttml` (IMSC 1.1 Text) and
:mod:`.ebutt` (EBU-TT-D) each add their own head and paragraphs.

Both are written as text, not through ElementTree: the prefixes a broadcaster's checker expects
(``tts:``, ``ttm:``, ``ebuttm:``) stay as written, and each ``<p>`` is one line, so no indentation
ends up inside the caption text. Times are media time ``HH:MM:SS.mmm`` (``ttp:timeBase="media"``),
the form EBU-TT-D requires and every IMSC reader takes.

>>> xml_text('Q&A: a <b> "c"'), xml_attr('Ann "A" & Bo')
('Q&amp;A: a &lt;b&gt; "c"', 'Ann &quot;A&quot; &amp; Bo')
>>> media_time(3723.4567), language_tag(None), language_tag("ar")
('01:02:03.457', 'en', 'ar')
>>> region_line("bottom", "ar")
'<region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after" tts:writingMode="rltb"/>'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audiokit.captions.timefmt import vtt_time
from audiokit.captions.vtt import escape
from audiokit.lang.codes import direction

__all__ = ["CELLS", "NS", "document", "language_tag", "layout", "lines_markup", "media_time", "paragraph",
           "region_line", "root_attrs", "xml_attr", "xml_text"]

NS = {
    "tt": "http://www.w3.org/ns/ttml",
    "ttp": "http://www.w3.org/ns/ttml#parameter",
    "tts": "http://www.w3.org/ns/ttml#styling",
    "ttm": "http://www.w3.org/ns/ttml#metadata",
    "itts": "http://www.w3.org/ns/ttml/profile/imsc1#styling",
    "ebuttm": "urn:ebu:tt:metadata",
    "ebutts": "urn:ebu:tt:style",
}
"""The namespaces by their usual prefix (TTML2, IMSC 1.1, EBU-TT)."""

CELLS = "32 15"
"""``ttp:cellResolution``: the EBU-TT-D default grid (32 columns, 15 rows), which BBC and IMSC
files also use, so ``tts:fontSize="100%"`` is one fifteenth of the video height."""

# Characters XML 1.0 cannot hold at all (C0 controls but tab and newline, U+FFFE/U+FFFF, lone
# surrogates): a transcript may carry one, a well-formed file cannot; they show nothing, so they go.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """``text`` as XML character data (``&``, ``<``, ``>`` escaped; characters XML cannot hold dropped).

    >>> xml_text("a < b &\\x0b c")
    'a &lt; b &amp; c'
    """
    return escape(_NOT_XML.sub("", text))


def xml_attr(text: str) -> str:
    """``text`` as a double-quoted XML attribute value (quotes escaped too; a newline or tab as a
    character reference, which attribute normalisation would otherwise turn into a space).

    >>> xml_attr('say "hi"\\n')
    'say &quot;hi&quot;&#10;'
    """
    out = xml_text(text).replace('"', "&quot;")
    return out.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def media_time(seconds: float) -> str:
    """``HH:MM:SS.mmm`` media time (whole milliseconds, negative times as zero).

    >>> media_time(62.5), media_time(-1)
    ('00:01:02.500', '00:00:00.000')
    """
    return vtt_time(seconds)


def language_tag(code: str | None) -> str:
    """The ``xml:lang`` of an episode in ``code`` (ISO 639-1; English when undecided, as every
    stage reads it).

    >>> language_tag("cs"), language_tag(None)
    ('cs', 'en')
    """
    return code or "en"


def region_line(region_id: str, code: str | None) -> str:
    """The one region captions sit in: the lower part of the 80% safe area, text from the bottom
    up; right to left for a language written so (``tts:writingMode="rltb"``).

    >>> region_line("r", "it")
    '<region xml:id="r" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after" tts:writingMode="lrtb"/>'
    """
    mode = "rltb" if direction(code) == "rtl" else "lrtb"
    return (f'<region xml:id="{region_id}" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after"'
            f' tts:writingMode="{mode}"/>')


def layout(code: str | None) -> list[str]:
    """The head's ``<layout>`` lines: the one region ``bottom`` (:func:`region_line`).

    >>> len(layout("en")), layout("en")[0]
    (3, '<layout>')
    """
    return ["<layout>", f"  {region_line('bottom', code)}", "</layout>"]


def root_attrs(code: str | None) -> str:
    """The ``<tt>`` attributes both profiles need: language, media time base, cell grid.

    >>> root_attrs(None)
    'xml:lang="en" ttp:timeBase="media" ttp:cellResolution="32 15"'
    """
    return f'xml:lang="{xml_attr(language_tag(code))}" ttp:timeBase="media" ttp:cellResolution="{CELLS}"'


def paragraph(number: int, start: float, end: float, span_style: str, lines: Sequence[str], extra: str = "") -> str:
    """Cue ``number`` as one ``<p>`` line (``xml:id="c{number}"``, paragraph style ``p``, the
    attributes ``extra``), its ``lines`` in one ``<span>`` of style ``span_style`` (a background
    per line).

    >>> paragraph(3, 1.0, 2.5, "text", ["a", "b"])
    '<p xml:id="c3" begin="00:00:01.000" end="00:00:02.500" style="p"><span style="text">a<br/>b</span></p>'
    """
    return (f'<p xml:id="c{number}" begin="{media_time(start)}" end="{media_time(end)}" style="p"{extra}>'
            f'<span style="{span_style}">{lines_markup(lines)}</span></p>')


def lines_markup(lines: Sequence[str]) -> str:
    """The lines of one cue as TTML content: escaped, joined by ``<br/>``.

    >>> lines_markup(["a & b", "c"])
    'a &amp; b<br/>c'
    """
    return "<br/>".join(xml_text(line) for line in lines)


def document(prefixes: Sequence[str], root_attrs: str, head: Sequence[str], paragraphs: Sequence[str],
             div_attrs: str = "") -> str:
    """A whole TTML document: the XML declaration, ``<tt>`` declaring ``prefixes`` (from
    :data:`NS`) with ``root_attrs``, the ``head`` lines and one ``<div>`` (with ``div_attrs``) of ``paragraphs``
    (no ``<body>`` without any: EBU-TT-D allows no empty ``<div>``).

    >>> print(document(["tts"], 'xml:lang="en"', ["<styling/>"], ["<p/>"]))
    <?xml version="1.0" encoding="UTF-8"?>
    <tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en">
      <head>
        <styling/>
      </head>
      <body>
        <div>
          <p/>
        </div>
      </body>
    </tt>
    <BLANKLINE>
    """
    declared = " ".join([f'xmlns="{NS["tt"]}"', *(f'xmlns:{p}="{NS[p]}"' for p in prefixes)])
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f"<tt {declared} {root_attrs}>", "  <head>"]
    out += [f"    {line}" for line in head]
    out.append("  </head>")
    if paragraphs:
        out += ["  <body>", f"    <div{' ' + div_attrs if div_attrs else ''}>", *(f"      {p}" for p in paragraphs), "    </div>", "  </body>"]
    out += ["</tt>", ""]
    return "\n".join(out)
