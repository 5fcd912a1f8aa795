"""Small helpers shared by the command modules: messages on stderr, option checks."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from audiokit.errors import InputError
from audiokit.lang import resolve
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
