"""Minimal Word (.docx) and OpenDocument (.odt) files built with zipfile, for the document
reader's tests and the reading benchmark (scripts/bench_readers.py): only the parts a reader
needs ([Content_Types].xml and word/document.xml; mimetype and content.xml)."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ODF_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
}
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
    'document.main+xml"/></Types>'
)


def zip_bytes(parts: dict[str, str | bytes]) -> bytes:
    """A ZIP archive of ``parts`` (name: content), the ODF ``mimetype`` first and stored."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            kind = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)
    return buffer.getvalue()


def word_run(text: str) -> str:
    """One run holding ``text``, its tabs as ``w:tab`` and newlines as ``w:br``."""
    lines = [
        "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(bit)}</w:t>' if bit else "" for bit in line.split("\t"))
        for line in text.split("\n")
    ]
    return f"<w:r>{'<w:br/>'.join(lines)}</w:r>"


def word_xml(body: str) -> str:
    """A ``word/document.xml`` whose body is the ``body`` XML (``w:`` bound)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        f' mc:Ignorable="wps"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )


def docx_xml(body: str, **extra: str) -> bytes:
    """A .docx whose document body is the ``body`` XML; ``extra`` adds parts (``word/comments.xml``...)."""
    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": word_xml(body),
                      **{name.replace("__", "/"): text for name, text in extra.items()}})


def docx(paragraphs: list[str]) -> bytes:
    """A .docx holding ``paragraphs``, one ``w:p`` each (an empty one for "")."""
    return docx_xml("".join(f"<w:p>{word_run(p) if p else ''}</w:p>" for p in paragraphs))


def odt_xml(body: str) -> bytes:
    """An .odt whose text is the ``body`` XML (``office:``, ``text:``, ``table:``, ``draw:`` bound)."""
    names = " ".join(f'xmlns:{k}="{v}"' for k, v in ODF_NS.items())
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {names} office:version="1.2">'
               f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    return zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content})


def odt(paragraphs: list[str]) -> bytes:
    """An .odt holding ``paragraphs``, one ``text:p`` each, as LibreOffice writes them: a space
    that white-space collapsing would lose (leading, trailing, after another) as ``text:s``."""
    def para(text: str) -> str:
        out = []
        for i, ch in enumerate(text):
            if ch == " ":
                lost = i == 0 or i == len(text) - 1 or text[i - 1] in " \t\n"
                out.append("<text:s/>" if lost else " ")
            else:
                out.append({"\t": "<text:tab/>", "\n": "<text:line-break/>"}.get(ch) or escape(ch))
        return f"<text:p>{''.join(out)}</text:p>"

    return odt_xml("".join(para(p) for p in paragraphs))


def docx_styled(paragraphs: list[str]) -> bytes:
    """A .docx as Word writes one after editing: each word its own run with its formatting and
    revision ids (about 200 bytes of XML a word, some 30 times the text)."""
    props = ('<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:color w:val="000000"/>'
             '<w:sz w:val="22"/><w:lang w:val="en-US"/></w:rPr>')

    def para(text: str) -> str:
        words = text.split(" ") if text else []
        runs = "".join(f'<w:r w:rsidRPr="00A1B2C3">{props}<w:t xml:space="preserve">{escape(w)}'
                       f'{" " if k < len(words) - 1 else ""}</w:t></w:r>' for k, w in enumerate(words))
        return f'<w:p w:rsidR="00B1C2D3" w:rsidRDefault="00B1C2D3"><w:pPr><w:spacing w:after="0"/></w:pPr>{runs}</w:p>'

    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": word_xml("".join(map(para, paragraphs)))})
