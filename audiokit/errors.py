"""Errors audiokit raises for bad input, each carrying the file it is about.

The CLI turns an :class:`AudiokitError` into one line on stderr and exit status 2;
library code never prints.

>>> str(InputError("empty file", path="talk.txt"))
'talk.txt: empty file'
"""

from __future__ import annotations

import json
from pathlib import Path


class AudiokitError(Exception):
    """Base class: a problem with the user's input or environment, not a bug.

    ``path`` names the file the problem is about, when there is one.
    """

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(AudiokitError):
    """An input file is missing, unreadable, empty or not what it claims to be."""


class FormatError(InputError):
    """A file was read but its content does not follow the expected format."""

    @classmethod
    def broken_json(cls, exc: json.JSONDecodeError, path: str | Path | None = None) -> FormatError:
        """The one line for text that should be JSON but does not parse.

        >>> try:
        ...     json.loads('{"a": ')
        ... except json.JSONDecodeError as exc:
        ...     print(FormatError.broken_json(exc, "x.json"))
        x.json: not valid JSON (Expecting value: line 1, column 7)
        """
        return cls(f"not valid JSON ({exc.msg}: line {exc.lineno}, column {exc.colno})", path=path)


class OutputError(AudiokitError):
    """An output could not be written."""


class MissingToolError(AudiokitError):
    """A required external program (ffmpeg, espeak-ng) is not installed."""


class MismatchError(AudiokitError):
    """The transcript and the audio do not belong together (or the audio holds no speech)."""
