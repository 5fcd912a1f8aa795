"""Small helpers shared by the command modules: messages on stderr, option checks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable

from audiokit.errors import InputError, OutputError


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
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("folder does not exist", path=folder)
    return path
