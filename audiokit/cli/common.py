"""Small helpers shared by the command modules: messages on stderr, option checks."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from audiokit.errors import InputError
from audiokit.lang import resolve
from audiokit.loudness.check import TARGETS
from audiokit.textio import parent_folder
from audiokit.transcripts import parse_speaker_names

SpeakerNamesOpt = Annotated[
    str | None,
    typer.Option(
        "--speaker-names",
        metavar="LABEL=NAME,...",
        help='Rename the transcript\'s speakers, e.g. "spk_0=Dana Whitfield,spk_1=Luis Ortega" '
        "(the labels as `audiokit transcript` lists them).",
    ),
]


LoudnessTargetOpt = Annotated[str, typer.Option(
    "--loudness-target", help=f"Where the episode will play, for the loudness check: {', '.join(TARGETS)}.")]
LevelOpt = Annotated[bool, typer.Option(
    "--level", help="Also write a levelled copy of the audio (AUDIO-NAME.levelled.EXT): every speaker at the "
                    "--loudness-target, peaks limited, chapters inside (as `audiokit level`).")]
RideOpt = Annotated[bool, typer.Option(
    "--ride", help="Level, and ride each passage more than 1.5 LU from its speaker's usual level back to it "
                   "(as `audiokit level --ride`).")]
TightenOpt = Annotated[bool, typer.Option(
    "--tighten", help="Also write a tightened copy (AUDIO-NAME.tight.EXT: long pauses shortened, written "
                      "hesitations cut, as `audiokit tighten`); captions, chapters, clips, loudness, the "
                      "levelled copy and the preview are then of it.")]
MaxPauseOpt = Annotated[float | None, typer.Option(
    "--max-pause", help="Tighten, keeping pauses up to this many seconds (0.2-10; --tighten alone: 0.8).")]
CleanOpt = Annotated[bool, typer.Option(
    "--clean", help="Clean verbatim captions: leave out hesitation sounds (um, uh), mending the text around them.")]
LanguageOpt = Annotated[
    str | None,
    typer.Option(
        "--language",
        metavar="CODE",
        help="The episode's language as an ISO 639-1 code (it, cs, de, es, fr, ...); "
        "default: detected from the transcript, English when unclear.",
    ),
]


def language(value: str | None) -> str | None:
    """The ``--language`` value as a supported code (``None`` when not given); an unsupported
    code is an :class:`InputError` naming the option and listing the supported codes.

    >>> language("IT"), language(None)
    ('it', None)
    """
    if value is None:
        return None
    try:
        return resolve(value)
    except InputError as exc:
        raise InputError(f"--language: {exc.message}") from None


def speaker_names(value: str | None) -> dict[str, str] | None:
    """The ``--speaker-names`` value as a mapping (``None`` when not given); a malformed
    value is a usage error naming the option.

    >>> speaker_names("spk_0=Dana Whitfield,spk_1=Luis Ortega")
    {'spk_0': 'Dana Whitfield', 'spk_1': 'Luis Ortega'}
    """
    if value is None:
        return None
    try:
        return parse_speaker_names(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--speaker-names") from None


def note(message: str, quiet: bool = False) -> None:
    """A status line on stderr (suppressed by ``--quiet``)."""
    if not quiet:
        print(message, file=sys.stderr)


def warn(message: str) -> None:
    """A warning on stderr; never suppressed."""
    print(f"audiokit: warning: {message}", file=sys.stderr)


def warn_all(messages: Iterable[str]) -> None:
    """:func:`warn` each of ``messages``."""
    for m in messages:
        warn(m)


def existing_file(path: Path) -> Path:
    """``path`` if it is an existing file, else :class:`InputError`."""
    if not path.exists():
        raise InputError("no such file", path=path)
    if path.is_dir():
        raise InputError("is a folder, not a file", path=path)
    return path


def output_folder_exists(path: Path) -> Path:
    """``path`` if the folder it goes in exists, else :class:`OutputError` (checked before long
    work starts, so that a typo does not cost a whole alignment)."""
    parent_folder(path)
    return path


def safe_output(path: Path, inputs: Iterable[Path | str | None], text: bool = True) -> Path:
    """``path`` if writing it loses nothing the user has; else :class:`InputError` naming it.

    Checked before any work: ``path`` is none of the command's ``inputs`` under any name (the
    same file reached by another spelling, a symbolic or a hard link), and a file already there
    is of the kind the command writes (``text``, or binary audio when ``text`` is false), so an
    episode's audio named as the captions file by mistake is not replaced. Its folder must exist
    (:class:`OutputError`).

    >>> safe_output(Path("captions.vtt"), [Path("episode.json"), None])
    PosixPath('captions.vtt')
    """
    output_folder_exists(path)
    if not path.exists():
        return path
    if path.is_dir():
        raise InputError("is a folder; name the file to write", path=path)
    for source in inputs:
        if source is not None and Path(source).exists() and os.path.samefile(path, source):
            same = "" if Path(source).absolute() == path.absolute() else f" ({source})"
            raise InputError(f"is an input of this command{same}; choose another output name", path=path)
    if _looks_like_text(path) != text:
        kind = "not a text file" if text else "a text file, not audio"
        raise InputError(f"already exists and is {kind}; not overwritten (move it or choose another name)",
                         path=path)
    return path


def distinct_outputs(**named: Path | None) -> None:
    """:class:`InputError` when two of a command's outputs (keyword: the option's name with
    ``_`` for ``-``) are the same file, so that one does not silently replace the other.

    >>> distinct_outputs(o=Path("episode.json"), report=Path("report.json"), embed_out=None)
    """
    seen: dict[Path, str] = {}
    for name, path in named.items():
        if path is None:
            continue
        flag = "-o" if name == "o" else "--" + name.replace("_", "-")
        first = seen.setdefault(path.resolve(), flag)
        if first != flag:
            raise InputError(f"{flag} names the same file as {first}; give each output its own name", path=path)


def _looks_like_text(path: Path) -> bool:
    """Whether the file's first 64 KB read as UTF-8 without NUL bytes (every file audiokit
    writes does; audio, images and UTF-16 text do not). An unreadable file counts as text, so
    the write itself reports the problem."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return True
    if b"\0" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut last character is fine
    except UnicodeDecodeError:
        return False
    return True
