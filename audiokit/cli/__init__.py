"""Command-line interface: thin wrappers that parse options, call the library and turn
:class:`~audiokit.errors.AudiokitError` into one line on stderr and exit status 2.

Each command lives in its own module and registers itself on :data:`app`.
"""

from __future__ import annotations

import sys

from audiokit.cli.app import app
from audiokit.errors import AudiokitError

# Command modules, in pipeline order (importing one registers its commands).
from audiokit.cli import run  # noqa: E402,F401,I001
from audiokit.cli import transcript  # noqa: E402,F401
from audiokit.cli import align  # noqa: E402,F401
from audiokit.cli import captions  # noqa: E402,F401
from audiokit.cli import chapters  # noqa: E402,F401
from audiokit.cli import clips  # noqa: E402,F401
from audiokit.cli import batch  # noqa: E402,F401
from audiokit.cli import serve  # noqa: E402,F401

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``audiokit`` console script."""
    try:
        app()
    except AudiokitError as exc:
        print(f"audiokit: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("audiokit: interrupted", file=sys.stderr)
        sys.exit(130)
