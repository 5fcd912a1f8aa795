"""The text of a Word ``document.xml`` or an OpenDocument ``content.xml``, one line per paragraph,
as the tool's own TXT export holds it. Pure: elements in, lines out.

A walker reads the children of the document's body one at a time (:meth:`WordWalker.one`), so
:mod:`.documents` can parse a large part as a stream and drop each paragraph or table once
read; :func:`word_lines` and :func:`odf_lines` read a whole parsed tree.

>>> w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
>>> word_lines(ET.fromstring(f'<w:document {w}><w:body><w:p><w:r><w:t>Ann: Hello.</w:t></w:r></w:p>'
...     '<w:p/><w:p><w:r><w:t>Bob:</w:t><w:tab/><w:t>Hi.</w:t></w:r></w:p></w:body></w:document>'))
['Ann: Hello.', '', 'Bob:\\tHi.']
"""

from __future__ import annotations

from typing import Protocol
from xml.etree import ElementTree as ET

from audiokit.transcripts.doc_tables import table_lines

__all__ = ["DRAW", "MC", "OFFICE", "TABLE", "TEXT", "W_NAMESPACES", "OdfWalker", "Walker", "WordWalker",
           "collapse", "odf_lines", "read_tree", "word_lines"]

W_NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "http://purl.oclc.org/ooxml/wordprocessingml/main")  # transitional, strict
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
MAX_SPACES = 10_000  # one ODF <text:s text:c="..."/>: no transcript pads a line further


class Walker(Protocol):
    """Reads a document's body one child at a time into lines."""

    body: str  # the tag of the body element

    def one(self, el: ET.Element, lines: list[str]) -> None:
        """Add the lines of ``el``, one child of the body (or of a container in it)."""

    def finish(self, lines: list[str]) -> None:
        """Add what is still held once the body has been read."""


def cell_lines(walker: Walker, el: ET.Element) -> list[str]:
    """The lines of a table cell ``el``: its paragraphs (and anything nested), walked as the body is."""
    out: list[str] = []
    for child in el:
        walker.one(child, out)
    return out


def read_tree(walker: Walker, root: ET.Element) -> list[str]:
    """The lines of a whole parsed part, read by ``walker``."""
    lines: list[str] = []
    body = root.find(walker.body) if root.tag != walker.body else root
    for child in body if body is not None else root:
        walker.one(child, lines)
    walker.finish(lines)
    return lines


# Word: what is not the document's text (its own parts are never read: comments, footnotes,
# headers), by local name within the w: namespace, plus mc:Fallback (a copy of mc:Choice).
_W_SKIP = frozenset({"del", "moveFrom", "delText", "instrText", "txbxContent", "drawing", "pict",
                     "object", "pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "sdtPr",
                     "sdtEndPr", "rt", "fldData"})


class WordWalker:
    """Word's body: each paragraph (in tables, content controls and tracked insertions too) one
    line, in reading order; a paragraph whose mark is a deleted tracked change joins the next,
    as Word shows it with the changes accepted. ``root_tag`` gives the namespace (transitional
    or strict)."""

    def __init__(self, root_tag: str) -> None:
        w = self.w = root_tag.split("}")[0] + "}"
        self.body = w + "body"
        self.skip = {w + name for name in _W_SKIP} | {MC + "Fallback"}
        self.chars = {w + "tab": "\t", w + "ptab": "\t", w + "br": "\n", w + "cr": "\n", w + "noBreakHyphen": "-"}
        self.carried = ""  # the text of paragraphs whose mark was deleted

    def one(self, el: ET.Element, lines: list[str]) -> None:
        w = self.w
        if el.tag == w + "p":
            out: list[str] = [self.carried]
            self.inline(el, out)
            if el.find(f"{w}pPr/{w}rPr/{w}del") is not None:
                self.carried = "".join(out)
            else:
                lines.extend("".join(out).split("\n"))
                self.carried = ""
        elif el.tag == w + "tbl" and el.find(f".//{w}tbl") is None:  # not nested: rows of cells
            lines.extend(table_lines([[cell_lines(self, tc) for tc in tr.iter(w + "tc")] for tr in el.iter(w + "tr")]))
        elif el.tag not in self.skip:  # nested tables, content controls, mc:Choice
            for child in el:
                self.one(child, lines)

    def inline(self, el: ET.Element, out: list[str]) -> None:
        for child in el:
            if child.tag == self.w + "t":
                out.append(child.text or "")
            elif child.tag in self.chars:
                out.append(self.chars[child.tag])
            elif child.tag not in self.skip:  # runs, w:ins, w:hyperlink, w:fldSimple, w:smartTag, w:sdt...
                self.inline(child, out)

    def finish(self, lines: list[str]) -> None:
        if self.carried:
            lines.extend(self.carried.split("\n"))
            self.carried = ""


def word_lines(root: ET.Element) -> list[str]:
    """The lines of a parsed Word ``document.xml`` (see :class:`WordWalker`).

    >>> w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    >>> word_lines(ET.fromstring(f'<w:document {w}><w:body><w:p><w:r><w:t>A</w:t><w:tab/>'
    ...     f'<w:t>b</w:t><w:br/><w:t>c</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>'
    ...     f'</w:p></w:body></w:document>'))
    ['A\\tb', 'c']
    """
    return read_tree(WordWalker(root.tag), root)


# ODF: what is not the paragraph's character content (ODF 1.2 part 1, 6.1.1), or not the text at all.
_ODF_SKIP = frozenset({TEXT + "note", TEXT + "tracked-changes", TEXT + "ruby-text", TEXT + "soft-page-break",
                       TEXT + "sequence-decls", TEXT + "variable-decls", TEXT + "user-field-decls",
                       TEXT + "table-of-content-source", OFFICE + "annotation", OFFICE + "forms",
                       TABLE + "covered-table-cell", TABLE + "table-columns"})
_ODF_CHARS = {TEXT + "tab": "\t", TEXT + "line-break": "\n"}


class OdfWalker:
    """OpenDocument's body: each ``text:p``/``text:h`` (in lists, tables and sections too) one
    line, its white space collapsed as ODF says (runs of spaces, tabs and newlines in the XML
    are one space; ``text:s``, ``text:tab`` and ``text:line-break`` are kept)."""

    body = OFFICE + "text"

    def one(self, el: ET.Element, lines: list[str]) -> None:
        if el.tag in (TEXT + "p", TEXT + "h"):
            pieces: list[tuple[str, bool]] = []
            self.inline(el, pieces)
            lines.extend(collapse(pieces).split("\n"))
        elif el.tag == TABLE + "table" and el.find(f".//{TABLE}table") is None:  # not nested
            lines.extend(table_lines([[cell_lines(self, tc) for tc in tr.iter(TABLE + "table-cell")]
                                      for tr in el.iter(TABLE + "table-row")]))
        elif el.tag not in _ODF_SKIP and not el.tag.startswith(DRAW):
            for child in el:
                self.one(child, lines)

    def inline(self, el: ET.Element, out: list[tuple[str, bool]]) -> None:
        if el.text:
            out.append((el.text, True))
        for child in el:
            if child.tag == TEXT + "s":
                count = child.get(TEXT + "c", "1")
                out.append((" " * min(int(count) if count.isascii() and count.isdigit() else 1, MAX_SPACES), False))
            elif child.tag in _ODF_CHARS:
                out.append((_ODF_CHARS[child.tag], False))
            elif child.tag not in _ODF_SKIP and not child.tag.startswith(DRAW):  # spans, links, metadata
                self.inline(child, out)
            if child.tail:
                out.append((child.tail, True))

    def finish(self, lines: list[str]) -> None:
        """Nothing is held across paragraphs."""


def odf_lines(root: ET.Element) -> list[str]:
    """The lines of a parsed ODF ``content.xml`` (see :class:`OdfWalker`).

    >>> ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ...       ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    >>> odf_lines(ET.fromstring(f'<office:document-content {ns}><office:body><office:text>'
    ...     '<text:h>Ann</text:h><text:p> Hi,\\n  <text:span>you</text:span><text:note><text:note-body>'
    ...     '<text:p>a note</text:p></text:note-body></text:note>.<text:s text:c="2"/>x</text:p>'
    ...     '</office:text></office:body></office:document-content>'))
    ['Ann', 'Hi, you.  x']
    """
    return read_tree(OdfWalker(), root)


def collapse(pieces: list[tuple[str, bool]]) -> str:
    """A paragraph's text from ``(text, collapsed)`` pieces: in collapsed pieces each run of
    white space is one space, none at the paragraph's start or end; the rest is kept as is.

    >>> collapse([("  a \\n b ", True), ("  ", False), (" c  ", True)])
    'a b    c'
    """
    out: list[str] = []
    after_space, trailing = True, False  # the paragraph's start counts as white space
    for text, collapsed in pieces:
        if not collapsed:
            out.append(text)
            after_space = trailing = False
            continue
        for ch in text:
            if ch in " \t\r\n":
                if not after_space:
                    out.append(" ")
                    after_space = trailing = True
            else:
                out.append(ch)
                after_space = trailing = False
    if trailing:
        out.pop()
    return "".join(out)
