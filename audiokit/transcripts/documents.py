"""Word (.docx) and OpenDocument (.odt) transcripts, read as the text the tool's own TXT
export would hold: one line per paragraph (an empty paragraph an empty line), tabs and line
breaks kept, and a table laid out as a transcript a turn a row (:mod:`.doc_tables`). That text then goes through the same detection as any text transcript, so a Rev,
Otter or Descript export saved as Word reads exactly like its TXT export.

Which one a file is comes from its content, never its name: a ZIP archive (``PK``) holding
``word/document.xml`` is Word, one whose ``mimetype`` is an OpenDocument text (or that holds
``content.xml``) is ODF; an old OLE file (``D0 CF 11 E0``, Word 97-2003) and any other ZIP
(a workbook, a presentation, a folder of files) are refused with one line saying why. Only the
main text is read: deleted tracked changes, field codes, text boxes, comments, footnotes and
headers are not what was said. Stdlib only (:mod:`zipfile`, :mod:`xml.etree`); a part that
declares a DOCTYPE, or unpacks to more than :data:`MAX_BYTES`, is refused.

>>> w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
>>> word_lines(ET.fromstring(f'<w:document {w}><w:body><w:p><w:r><w:t>Ann: Hello.</w:t></w:r></w:p>'
...     '<w:p/><w:p><w:r><w:t>Bob:</w:t><w:tab/><w:t>Hi.</w:t></w:r></w:p></w:body></w:document>'))
['Ann: Hello.', '', 'Bob:\\tHi.']
>>> is_document(b"Ann: Hello there."), is_document(b"PK\\x03\\x04\\x14\\x00")
(False, True)
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from audiokit.errors import FormatError, InputError
from audiokit.transcripts.doc_tables import table_lines

__all__ = ["MAX_BYTES", "ODF", "WORD", "Document", "is_document", "odf_lines", "read_document", "word_lines"]

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # an archive's first entry, or an empty archive
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and every old Office file
# Documents audiokit does not read, told apart so the line says what to do rather than "binary".
OTHER_MAGIC = {b"%PDF-": "a PDF file", b"{\\rtf": "an RTF document"}
MAX_BYTES = 256 * 1024 * 1024  # what the parts read may unpack to: a 3-hour transcript's is 1-7 MB
MAX_SPACES = 10_000  # one ODF <text:s text:c="..."/>: no transcript pads a line further
WORD, ODF = "Word document", "OpenDocument text"
READS = ("audiokit reads Word (.docx) and OpenDocument (.odt) documents and text, caption and JSON"
         " transcripts")

W_NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "http://purl.oclc.org/ooxml/wordprocessingml/main")  # transitional, strict
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
ODF_TEXT_TYPES = ("application/vnd.oasis.opendocument.text",
                  "application/vnd.oasis.opendocument.text-template")
ODF_KINDS = {"spreadsheet": "an OpenDocument spreadsheet", "presentation": "an OpenDocument presentation",
             "graphics": "an OpenDocument drawing"}


@dataclass(frozen=True)
class Document:
    """A document's text (one line per paragraph) and what it was (:data:`WORD` or :data:`ODF`)."""

    text: str
    kind: str

    @property
    def a_kind(self) -> str:
        """The kind with its article, for messages and shapes: ``"an OpenDocument text"``."""
        return with_article(self.kind)


def with_article(kind: str) -> str:
    """``kind`` after "a" or "an".

    >>> with_article(WORD), with_article(ODF)
    ('a Word document', 'an OpenDocument text')
    """
    return f"{'an' if kind[0] in 'AEIOU' else 'a'} {kind}"


def is_document(data: bytes) -> bool:
    """Whether ``data`` is a ZIP archive, an old OLE Office file, a PDF or an RTF document, which
    :func:`read_document` reads or refuses (text transcripts never open with these bytes).

    >>> is_document(b"PK\\x03\\x04..."), is_document(OLE_MAGIC + b"..."), is_document(b"WEBVTT")
    (True, True, False)
    """
    return data.startswith((*ZIP_MAGIC, OLE_MAGIC, *OTHER_MAGIC))


def read_document(data: bytes, path: str = "<document>") -> Document:
    """The text of a .docx or .odt file's bytes. Raises :class:`InputError` naming ``path`` for a
    file that is no such document (an old .doc, a workbook, a damaged or oversized archive) and
    :class:`FormatError` for a document whose XML is broken or declares a DOCTYPE.

    >>> read_document(b"PK\\x03\\x04 cut short", "talk.docx")
    Traceback (most recent call last):
    ...
    audiokit.errors.InputError: talk.docx: a damaged ZIP archive, not a readable document (File is not a zip file)
    >>> read_document(OLE_MAGIC + "WordDocument".encode("utf-16-le"), "old.doc")
    Traceback (most recent call last):
    ...
    audiokit.errors.InputError: old.doc: a Word 97-2003 .doc file; save it as .docx or plain text
    """
    if data.startswith(OLE_MAGIC):
        raise InputError(_ole_kind(data), path=path)
    for magic, what in OTHER_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{what}, which audiokit does not read; save the transcript as .docx, .odt or"
                             " plain text", path=path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _Archive(archive, path).read()
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError,
            OSError) as exc:  # a truncated, damaged or encrypted archive, or an unknown compression
        raise InputError(f"a damaged ZIP archive, not a readable document ({exc})", path=path) from None


# The root element of each kind's main part, by (namespace, local name).
_ROOTS = {WORD: {(ns, "document") for ns in W_NAMESPACES}, ODF: {(OFFICE[1:-1], "document-content")}}


def _ole_kind(data: bytes) -> str:
    """What an OLE compound file is, from the stream names in its directory (UTF-16 LE)."""
    if "EncryptedPackage".encode("utf-16-le") in data:  # a password-protected .docx is an OLE file
        return "a password-protected Office document; remove the password or save it as plain text"
    if "WordDocument".encode("utf-16-le") in data:
        return "a Word 97-2003 .doc file; save it as .docx or plain text"
    return "an old Microsoft Office file (not a Word document); save the transcript as .docx or plain text"


class _Archive:
    """The parts of one open archive, read within :data:`MAX_BYTES` in all."""

    def __init__(self, archive: zipfile.ZipFile, path: str) -> None:
        self.archive, self.path, self.left = archive, path, MAX_BYTES
        self.names = set(archive.namelist())

    def read(self) -> Document:
        """The document's text, after telling which kind it is."""
        mimetype = self.part("mimetype").decode("ascii", "replace").strip() if "mimetype" in self.names else ""
        if mimetype in ODF_TEXT_TYPES or (not mimetype and "content.xml" in self.names):
            return self.text(ODF, "content.xml", odf_lines)
        main = None if mimetype else self.word_part()
        if mimetype.startswith("application/vnd.oasis.opendocument."):
            what = ODF_KINDS.get(mimetype.rsplit(".", 1)[-1].split("-")[0], f"an OpenDocument file ({mimetype})")
        elif main is not None:
            return self.text(WORD, main, word_lines)
        elif "xl/workbook.xml" in self.names:
            what = "an Excel workbook"
        elif "ppt/presentation.xml" in self.names:
            what = "a PowerPoint presentation"
        else:
            what = f"a ZIP archive ({mimetype})" if mimetype else "a ZIP archive of other files"
        raise InputError(f"{what}, not a transcript; {READS}", path=self.path)

    def word_part(self) -> str | None:
        """Word's main part: ``word/document.xml``, or the one the package's relationships name
        under ``word/`` (Word Online writes ``word/document2.xml``); ``None`` when there is none."""
        if "word/document.xml" in self.names:
            return "word/document.xml"
        if "_rels/.rels" not in self.names:
            return None
        rels = parse_xml(self.part("_rels/.rels"), "_rels/.rels", self.path)
        for rel in rels:
            target = rel.get("Target", "").lstrip("/")
            if rel.get("Type", "").endswith("/officeDocument") and target.startswith("word/") and target in self.names:
                return target
        return None

    def part(self, name: str) -> bytes:
        """One part's bytes; an :class:`InputError` once the parts unpack to more than the cap."""
        with self.archive.open(name) as fh:
            data = fh.read(self.left + 1)
        if len(data) > self.left:
            raise InputError(f"{name} unpacks to more than {MAX_BYTES // 2**20} MB; refused"
                             " (no transcript is that large: a ZIP bomb?)", path=self.path)
        self.left -= len(data)
        return data

    def text(self, kind: str, name: str, lines: Callable[[ET.Element], list[str]]) -> Document:
        """The text of part ``name`` of a ``kind`` document, one line per paragraph."""
        root = parse_xml(self.part(name), f"{kind}: {name}", self.path)
        if tuple(root.tag[1:].split("}", 1)) not in _ROOTS[kind]:
            raise FormatError(f"{kind}: {name} is not a document's text (its root is <{root.tag}>)",
                              path=self.path)
        try:
            text = "\n".join(lines(root))
        except RecursionError:  # elements nested thousands deep: no editor writes that
            raise FormatError(f"{kind}: {name} is nested too deeply to read", path=self.path) from None
        if not text.strip():
            raise InputError(f"{with_article(kind)} with no text", path=self.path)
        return Document(text, kind)


def parse_xml(data: bytes, what: str, path: str) -> ET.Element:
    """Parse one XML part; :class:`FormatError` (naming ``what``) for broken XML or a DOCTYPE,
    which no Word or ODF part has and which is how entity bombs get in.

    >>> parse_xml(b'<!DOCTYPE x [<!ENTITY a "aa">]><x>&a;</x>', "Word document: word/document.xml", "t.docx")
    Traceback (most recent call last):
    ...
    audiokit.errors.FormatError: t.docx: Word document: word/document.xml declares a DOCTYPE; refused
    """
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))  # the other encoding XML may come in
    if b"<!DOCTYPE" in data or utf16 and "<!DOCTYPE" in data.decode("utf-16", "ignore"):
        raise FormatError(f"{what} declares a DOCTYPE; refused", path=path)
    try:
        return ET.fromstring(data)
    except (ET.ParseError, ValueError, LookupError) as exc:  # ValueError, LookupError: its encoding
        raise FormatError(f"{what} is not well-formed XML ({exc})", path=path) from None


# Word: what is not the document's text (its own parts are never read: comments, footnotes,
# headers), by local name within the w: namespace, plus mc:Fallback (a copy of mc:Choice).
_W_SKIP = frozenset({"del", "moveFrom", "delText", "instrText", "txbxContent", "drawing", "pict",
                     "object", "pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "sdtPr",
                     "sdtEndPr", "rt", "fldData"})


def word_lines(root: ET.Element) -> list[str]:
    """The lines of a Word ``document.xml``: each body paragraph (in tables, content controls and
    tracked insertions too) one line, in reading order; a paragraph whose mark is a deleted tracked
    change joins the next, as Word shows it with the changes accepted.

    >>> w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    >>> word_lines(ET.fromstring(f'<w:document {w}><w:body><w:p><w:r><w:t>A</w:t><w:tab/>'
    ...     f'<w:t>b</w:t><w:br/><w:t>c</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>'
    ...     f'</w:p></w:body></w:document>'))
    ['A\\tb', 'c']
    """
    w = root.tag.split("}")[0] + "}"  # transitional or strict
    skip = {w + name for name in _W_SKIP} | {MC + "Fallback"}
    chars = {w + "tab": "\t", w + "ptab": "\t", w + "br": "\n", w + "cr": "\n", w + "noBreakHyphen": "-"}
    lines: list[str] = []
    carried = ""  # the text of paragraphs whose mark was deleted

    def inline(el: ET.Element, out: list[str]) -> None:
        for child in el:
            if child.tag == w + "t":
                out.append(child.text or "")
            elif child.tag in chars:
                out.append(chars[child.tag])
            elif child.tag not in skip:  # runs, w:ins, w:hyperlink, w:fldSimple, w:smartTag, w:sdt...
                inline(child, out)

    def block(el: ET.Element, lines: list[str]) -> None:
        nonlocal carried
        for child in el:
            if child.tag == w + "p":
                out: list[str] = [carried]
                inline(child, out)
                if child.find(f"{w}pPr/{w}rPr/{w}del") is not None:
                    carried = "".join(out)
                else:
                    lines.extend("".join(out).split("\n"))
                    carried = ""
            elif child.tag == w + "tbl" and child.find(f".//{w}tbl") is None:  # not nested: cells, rows
                lines.extend(table_lines([[cell_lines(tc) for tc in tr.iter(w + "tc")] for tr in child.iter(w + "tr")]))
            elif child.tag not in skip:  # nested tables, content controls, mc:Choice
                block(child, lines)

    def cell_lines(cell: ET.Element) -> list[str]:
        out: list[str] = []
        block(cell, out)
        return out

    body = root.find(w + "body")
    block(body if body is not None else root, lines)
    if carried:
        lines.extend(carried.split("\n"))
    return lines


# ODF: what is not the paragraph's character content (ODF 1.2 part 1, 6.1.1), or not the text at all.
_ODF_SKIP = frozenset({TEXT + "note", TEXT + "tracked-changes", TEXT + "ruby-text", TEXT + "soft-page-break",
                       TEXT + "sequence-decls", TEXT + "variable-decls", TEXT + "user-field-decls",
                       TEXT + "table-of-content-source", OFFICE + "annotation", OFFICE + "forms",
                       TABLE + "covered-table-cell", TABLE + "table-columns"})
_ODF_CHARS = {TEXT + "tab": "\t", TEXT + "line-break": "\n"}


def odf_lines(root: ET.Element) -> list[str]:
    """The lines of an ODF ``content.xml``: each ``text:p``/``text:h`` (in lists, tables and
    sections too) one line, its white space collapsed as ODF says (runs of spaces, tabs and
    newlines in the XML are one space; ``text:s``, ``text:tab`` and ``text:line-break`` are kept).

    >>> ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ...       ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    >>> odf_lines(ET.fromstring(f'<office:document-content {ns}><office:body><office:text>'
    ...     '<text:h>Ann</text:h><text:p> Hi,\\n  <text:span>you</text:span><text:note><text:note-body>'
    ...     '<text:p>a note</text:p></text:note-body></text:note>.<text:s text:c="2"/>x</text:p>'
    ...     '</office:text></office:body></office:document-content>'))
    ['Ann', 'Hi, you.  x']
    """
    lines: list[str] = []

    def block(el: ET.Element, lines: list[str]) -> None:
        for child in el:
            if child.tag in (TEXT + "p", TEXT + "h"):
                pieces: list[tuple[str, bool]] = []
                inline(child, pieces)
                lines.extend(collapse(pieces).split("\n"))
            elif child.tag == TABLE + "table" and child.find(f".//{TABLE}table") is None:  # not nested
                lines.extend(table_lines([[cell_lines(tc) for tc in tr.iter(TABLE + "table-cell")]
                                          for tr in child.iter(TABLE + "table-row")]))
            elif child.tag not in _ODF_SKIP and not child.tag.startswith(DRAW):
                block(child, lines)

    def cell_lines(cell: ET.Element) -> list[str]:
        out: list[str] = []
        block(cell, out)
        return out

    def inline(el: ET.Element, out: list[tuple[str, bool]]) -> None:
        if el.text:
            out.append((el.text, True))
        for child in el:
            if child.tag == TEXT + "s":
                count = child.get(TEXT + "c", "1")
                out.append((" " * min(int(count) if count.isascii() and count.isdigit() else 1, MAX_SPACES), False))
            elif child.tag in _ODF_CHARS:
                out.append((_ODF_CHARS[child.tag], False))
            elif child.tag not in _ODF_SKIP and not child.tag.startswith(DRAW):  # spans, links, metadata
                inline(child, out)
            if child.tail:
                out.append((child.tail, True))

    body = root.find(f"{OFFICE}body/{OFFICE}text")
    block(body if body is not None else root, lines)
    return lines


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
