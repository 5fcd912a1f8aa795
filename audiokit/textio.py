"""Reading text files robustly and writing any output atomically.

Every output goes to a temporary file in the destination folder and is renamed into place,
so a failure never leaves a half-written file and never touches an input.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from audiokit.errors import FormatError, InputError, OutputError


@dataclass(frozen=True)
class DecodedText:
    """Text read from a file, with the encoding used and any warning about it."""

    text: str
    encoding: str
    warning: str | None = None


def decode_text(data: bytes, path: str | Path = "<text>") -> DecodedText:
    """Decode transcript bytes: UTF-16 with a BOM, UTF-8 (with or without BOM), else cp1252
    with a warning.

    Raises :class:`InputError` for empty or binary data.

    >>> decode_text("café".encode()).text
    'café'
    >>> decode_text("café".encode("cp1252")).encoding
    'cp1252'
    >>> decode_text("café".encode("utf-16")).text
    'café'
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows tools (Notepad's "Unicode", some caption exporters) write UTF-16 with a BOM.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("file starts like UTF-16 text but is not valid UTF-16", path=path) from None
        if not text.strip():
            raise InputError("file is empty", path=path)
        return DecodedText(text, "utf-16")
    if not data.strip():
        raise InputError("file is empty", path=path)
    if b"\x00" in data[:8192]:
        raise InputError("file is binary, not text (it contains NUL bytes)", path=path)
    try:
        return DecodedText(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("file is neither UTF-8 nor Windows-1252 text", path=path) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > max(2, len(text) // 100):
        raise InputError("file is binary, not text", path=path)
    return DecodedText(text, "cp1252", f"{path}: not valid UTF-8; read as Windows-1252 (cp1252)")


def read_text(path: str | Path) -> DecodedText:
    """Read a text file with :func:`decode_text`; missing or unreadable files raise
    :class:`InputError` naming the path."""
    return decode_text(read_bytes(path), path)


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes; missing or unreadable files raise :class:`InputError` naming the path."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=path)
    if p.is_dir():
        raise InputError("is a folder, not a file", path=path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})", path=path) from None
    return data


def parent_folder(path: str | Path) -> Path:
    """The folder ``path`` would be written in; :class:`OutputError` naming it unless it is one.

    >>> parent_folder("captions.vtt")
    PosixPath('.')
    """
    folder = Path(path).parent if str(Path(path).parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("is a file, not a folder" if folder.exists() else "folder does not exist", path=folder)
    return folder


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    target = Path(path)
    folder = parent_folder(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write here ({exc.strerror or exc})", path=target) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write file ({exc.strerror or exc})", path=target) from None
    return target


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write UTF-8 text to ``path`` atomically (see :func:`write_bytes_atomic`)."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def temporary_sibling(path: str | Path) -> Path:
    """A fresh temporary file name next to ``path`` (for tools like ffmpeg that write
    files themselves); rename it onto ``path`` with :func:`os.replace` when done."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".part{target.suffix}", dir=target.parent)
    os.close(fd)
    return Path(tmp)


def refuse_doctype(data: str | bytes, what: str, path: str | Path) -> None:
    """:class:`FormatError` (naming ``what``) for XML with a DOCTYPE, which no Word, ODF or TTML
    file needs and which is how entity bombs get in.

    >>> refuse_doctype(b'<!DOCTYPE x [<!ENTITY a "aa">]><x>&a;</x>', "Word document: word/document.xml", "t.docx")
    Traceback (most recent call last):
    ...
    audiokit.errors.FormatError: t.docx: Word document: word/document.xml declares a DOCTYPE; refused
    """
    if isinstance(data, bytes):
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))  # the other encoding XML may come in
        found = b"<!DOCTYPE" in data or utf16 and "<!DOCTYPE" in data.decode("utf-16", "ignore")
    else:
        found = "<!DOCTYPE" in data
    if found:
        raise FormatError(f"{what} declares a DOCTYPE; refused", path=path)
