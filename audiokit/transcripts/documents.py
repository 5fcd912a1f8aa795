"""Word (.docx) and OpenDocument (.odt) transcripts, read as the text the tool's own TXT
export would hold: one line per paragraph (an empty paragraph an empty line), tabs and line
breaks kept, and a table laid out as a transcript a turn a row (:mod:`.doc_xml`,
:mod:`.doc_tables`). That text then goes through the same detection as any text transcript, so a Rev,
Otter or Descript export saved as Word reads exactly like its TXT export.

Which one a file is comes from its content, never its name: a ZIP archive (``PK``) holding
``word/document.xml`` is Word, one whose ``mimetype`` is an OpenDocument text (or that holds
``content.xml``) is ODF; an old OLE file (``D0 CF 11 E0``, Word 97-2003) and any other ZIP
(a workbook, a presentation, a folder of files) are refused with one line saying why. Only the
main text is read: deleted tracked changes, field codes, text boxes, comments, footnotes and
headers are not what was said. Stdlib only (:mod:`zipfile`, :mod:`xml.etree`); a part that
declares a DOCTYPE, or unpacks to more than :data:`MAX_BYTES`, is refused; a part over
:data:`STREAM_ABOVE` is parsed as a stream, each paragraph or table dropped once read.

>>> w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
>>> part_lines(f'<w:document {w}><w:body><w:p><w:r><w:t>Ann: Hello.</w:t></w:r></w:p><w:p/><w:p><w:r>'
...     '<w:t>Bob:</w:t><w:tab/><w:t>Hi.</w:t></w:r></w:p></w:body></w:document>'.encode(), WORD, "t.docx")
['Ann: Hello.', '', 'Bob:\\tHi.']
>>> is_document(b"Ann: Hello there."), is_document(b"PK\\x03\\x04\\x14\\x00")
(False, True)
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import cast
from xml.etree import ElementTree as ET

from audiokit.errors import FormatError, InputError
from audiokit.textio import refuse_doctype
from audiokit.transcripts.doc_xml import OFFICE, W_NAMESPACES, OdfWalker, Walker, WordWalker, read_tree

__all__ = ["MAX_BYTES", "ODF", "WORD", "Document", "is_document", "part_lines", "read_document"]

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # an archive's first entry, or an empty archive
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and every old Office file
# Documents audiokit does not read, told apart so the line says what to do rather than "binary".
OTHER_MAGIC = {b"%PDF-": "a PDF file", b"{\\rtf": "an RTF document"}
MAX_BYTES = 256 * 1024 * 1024  # what the parts read may unpack to: a 3-hour transcript's is 1-7 MB
CHUNK = 1 << 20  # bytes fed to the XML parser at a time
# Parts larger than this are parsed as a stream (half the speed, a third of the memory); a
# 3-hour transcript's document.xml (1-7 MB) is parsed whole.
STREAM_ABOVE = 16 * 1024 * 1024
WORD, ODF = "Word document", "OpenDocument text"
READS = ("audiokit reads Word (.docx) and OpenDocument (.odt) documents and text, caption and JSON"
         " transcripts")

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
            return self.text(ODF, "content.xml")
        main = None if mimetype else self.word_part()
        if mimetype.startswith("application/vnd.oasis.opendocument."):
            what = ODF_KINDS.get(mimetype.rsplit(".", 1)[-1].split("-")[0], f"an OpenDocument file ({mimetype})")
        elif main is not None:
            return self.text(WORD, main)
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
        data = self.part("_rels/.rels")
        refuse_doctype(data, "_rels/.rels", self.path)
        try:
            rels = ET.fromstring(data)
        except (ET.ParseError, ValueError, LookupError) as exc:
            raise FormatError(f"_rels/.rels is not well-formed XML ({exc})", path=self.path) from None
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

    def text(self, kind: str, name: str) -> Document:
        """The text of part ``name`` of a ``kind`` document, one line per paragraph."""
        text = "\n".join(part_lines(self.part(name), kind, self.path, name))
        if not text.strip():
            raise InputError(f"{with_article(kind)} with no text", path=self.path)
        return Document(text, kind)


def part_lines(data: bytes, kind: str, path: str, name: str = "") -> list[str]:
    """The lines of the main part ``name`` of a ``kind`` document (:data:`WORD`: ``document.xml``,
    :data:`ODF`: ``content.xml``), read by the kind's walker (:mod:`.doc_xml`). Over
    :data:`STREAM_ABOVE` bytes it is parsed a chunk at a time, each child of the body read as soon
    as it ends, then dropped. A wrong root element, broken XML or a DOCTYPE is a
    :class:`FormatError` naming ``path`` and the part."""
    what = f"{kind}: {name or 'main part'}"
    refuse_doctype(data, what, path)
    if len(data) <= STREAM_ABOVE:
        try:
            root = ET.fromstring(data)
            return read_tree(_walker(kind, root.tag, what, path), root)
        except (ET.ParseError, ValueError, LookupError) as exc:  # ValueError, LookupError: its encoding
            raise FormatError(f"{what} is not well-formed XML ({exc})", path=path) from None
        except RecursionError:  # elements nested thousands deep: no editor writes that
            raise FormatError(f"{what} is nested too deeply to read", path=path) from None
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    walker: Walker | None = None
    body: ET.Element | None = None
    depth = body_depth = 0
    lines: list[str] = []
    try:
        for at in range(0, len(data), CHUNK):
            parser.feed(data[at : at + CHUNK])
            # "start" and "end" events carry elements (typeshed allows any event's payload)
            for event, el in cast("list[tuple[str, ET.Element]]", parser.read_events()):
                if event == "start":
                    depth += 1
                    if walker is None:
                        walker = _walker(kind, el.tag, what, path)
                    elif body is None and el.tag == walker.body:
                        body, body_depth = el, depth
                    continue
                if body is not None and walker is not None and depth == body_depth + 1:
                    walker.one(el, lines)
                    body.remove(el)  # read: let it go
                elif el is body:
                    body = None
                elif depth == 2:
                    el.clear()  # styles, fonts, settings: not the text
                depth -= 1
        parser.close()
    except (ET.ParseError, ValueError, LookupError) as exc:  # ValueError, LookupError: its encoding
        raise FormatError(f"{what} is not well-formed XML ({exc})", path=path) from None
    except RecursionError:  # elements nested thousands deep: no editor writes that
        raise FormatError(f"{what} is nested too deeply to read", path=path) from None
    if walker is not None:
        walker.finish(lines)
    return lines


def _walker(kind: str, root_tag: str, what: str, path: str) -> Walker:
    if tuple(root_tag[1:].split("}", 1)) not in _ROOTS[kind]:
        raise FormatError(f"{what} is not a document's text (its root is <{root_tag}>)", path=path)
    return WordWalker(root_tag) if kind == WORD else OdfWalker()
