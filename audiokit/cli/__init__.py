"""Command-line interface: thin wrappers that parse options, call the library and turn
:class:`~audiokit.errors.AudiokitError` into one line on stderr and exit status 2.

Each command lives in its own module and registers itself on :data:`app`.
"""

from __future__ import annotations

import importlib
import sys

from audiokit.cli.app import app
from audiokit.errors import AudiokitError

# Importing a command module registers its commands; in pipeline order, which `--help` keeps.
for _module in ("run", "transcript", "align", "captions", "chapters", "clips", "batch", "serve"):
    importlib.import_module(f"audiokit.cli.{_module}")

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
