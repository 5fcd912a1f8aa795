"""Transcript readers: one module per format, the format detected from the text.

:func:`load` reads a file (UTF-8, or UTF-16 with a BOM, else cp1252 with a warning) and :func:`from_string`
parses text into a :class:`Transcript`: an :class:`~audiokit.model.Episode` with untimed
words (each exactly as written), sentences, speakers with roles and metadata.

Formats (the readers; :data:`FORMATS`): ``"plain"`` (speaker turns, :mod:`.plain`),
``"timestamped"`` (Otter, Rev, Descript, Riverside, Zoom text exports: :mod:`.exports`,
:mod:`.timestamped`), ``"webvtt"`` (including Zoom, Teams, YouTube and Whisper VTT),
``"srt"``, ``"sbv"``/``"youtube-srv3"``/``"youtube-json3"`` (:mod:`.youtube`),
speech-to-text JSON (:mod:`.cloud_stt`, :mod:`.whisper`) and ``"podcast-json"``; Word and
OpenDocument files are read as their text, in any of these shapes (:mod:`.documents`). Which
one a file needs is decided from its content (:mod:`.registry`), and
:attr:`Transcript.shape` names the tool whose layout was recognised.

>>> t = from_string("Ann Lee, Host: Hello there. Welcome!\\nBob Roy: Thanks.")
>>> t.format, [s.name for s in t.episode.speakers], t.episode.word_count
('plain', ['Ann Lee', 'Bob Roy'], 4)
>>> detect_format("WEBVTT\\n\\n00:01.000 --> 00:02.000\\nHi")
'webvtt'
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from audiokit.errors import InputError
from audiokit.lang import choose
from audiokit.text.language import resplit_sentences
from audiokit.textio import decode_text, read_bytes
from audiokit.transcripts import documents
from audiokit.transcripts._common import Transcript
from audiokit.transcripts.registry import FORMATS, detect, read_json, unknown_json
from audiokit.transcripts.speakers import parse_speaker_names, rename_speakers

__all__ = [
    "FORMATS",
    "Transcript",
    "detect_format",
    "from_string",
    "load",
    "parse_speaker_names",
    "rename_speakers",
    "with_language",
]


def detect_format(text: str) -> str:
    """The format of transcript ``text`` (one of :data:`FORMATS`, or ``"json"`` for JSON
    that is no transcript shape audiokit reads).

    >>> detect_format('{"version": "1.0.0", "segments": []}')
    'podcast-json'
    >>> detect_format("1\\n00:00:01,000 --> 00:00:02,000\\nHi\\n")
    'srt'
    >>> detect_format("[00:00:01] Ann: Hi.\\n[00:00:03] Bob: Yo.")
    'timestamped'
    >>> detect_format("Ann: Hi at 10:30.\\nBob: Yo.")
    'plain'
    """
    return detect(text)[0]


def from_string(text: str, format: str | None = None, path: str = "<transcript>") -> Transcript:
    """Parse transcript ``text`` as ``format`` (detected when ``None``).

    Raises :class:`InputError` for empty text or an unknown format name and
    :class:`FormatError` for text that does not follow the format; both name ``path``.
    """
    path = str(path)
    if not text.strip():
        raise InputError("file is empty", path=path)
    if format is None:
        fmt, doc = detect(text, path)
        if fmt == "json":
            raise unknown_json(path)
        if doc is not None:
            return read_json(doc, path, fmt)
    else:
        fmt = format
    parser = FORMATS.get(fmt)
    if parser is None:
        raise InputError(f"unknown transcript format {fmt!r} (known: {', '.join(FORMATS)})", path=path)
    return parser(text.lstrip("\ufeff"), path)


def load(path: str | Path, format: str | None = None, speaker_names: dict[str, str] | None = None,
         language: str | None = None) -> Transcript:
    """Read and parse a transcript file; a decoding warning (cp1252 fallback) comes first
    in :attr:`Transcript.warnings`. A Word (.docx) or OpenDocument (.odt) file is read as its
    text (:mod:`.documents`), its shape then saying so: ``"Rev text export (from a Word document)"``. ``speaker_names`` renames the file's speakers
    (``{"spk_0": "Dana Whitfield"}``, see :func:`rename_speakers`). The episode's language
    is ``language`` (an ISO 639-1 code) or detected from the text (see :func:`with_language`)."""
    data = read_bytes(path)
    if documents.is_document(data):
        document = documents.read_document(data, str(path))
        transcript = from_string(document.text, format, str(path))
        transcript = replace(transcript, shape=f"{transcript.shape} (from {document.a_kind})")
    else:
        decoded = decode_text(data, path)
        transcript = from_string(decoded.text, format, str(path))
        if decoded.warning:
            transcript = replace(transcript, warnings=(decoded.warning, *transcript.warnings))
    if speaker_names:
        transcript = rename_speakers(transcript, speaker_names)
    return with_language(transcript, language)


def with_language(transcript: Transcript, language: str | None = None) -> Transcript:
    """The transcript with its language in ``episode.metadata.language``: ``language`` when
    given, else detected from the spoken text (English when unsure); a mismatch between the
    two is a warning. Raises :class:`InputError` (naming the file) for an unsupported code or
    a transcript in a script written without spaces.

    >>> t = with_language(from_string("Ann: Ciao a tutti, oggi parliamo di caffè e di lavoro da casa."))
    >>> t.episode.metadata.language, t.language.detected
    ('it', True)
    """
    episode = transcript.episode
    # What is said: English notes ("[Music]", "[laughs]") in an Italian transcript say nothing of its language.
    text = " ".join(s.said_text for turn in episode.turns for s in turn.sentences)
    try:
        chosen = choose(text, language)
    except InputError as exc:
        raise InputError(exc.message, path=episode.metadata.source) from None
    path = episode.metadata.source or "<transcript>"
    episode = replace(episode, metadata=replace(episode.metadata, language=chosen.language))
    # The readers split sentences before the language was known; its own rules (abbreviations
    # such as "sig." or "tj.") regroup them now.
    episode = resplit_sentences(episode)
    return replace(transcript, episode=episode, language=chosen,
                   warnings=(*transcript.warnings, *(f"{path}: {w}" for w in chosen.warnings)))
