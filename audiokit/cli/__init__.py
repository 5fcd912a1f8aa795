"""Command-line interface: thin wrappers that parse options, call the library and turn
:class:`~audiokit.errors.AudiokitError` and usage errors into one line on stderr and exit status 2.

Each command lives in its own module and registers itself on :data:`app`.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer

from audiokit.cli.app import app
from audiokit.errors import AudiokitError

# Importing a command module registers its commands; in pipeline order, which `--help` keeps.
for _module in ("run", "transcript", "align", "captions", "chapters", "clips", "loudness", "edit", "batch", "serve"):
    importlib.import_module(f"audiokit.cli.{_module}")

# The click typer runs on: its own copy (typer._click) since typer 0.26, click itself before.
# typer.BadParameter is public in both, and its module holds the rest of that click's errors.
_click_errors = sys.modules[typer.BadParameter.__module__]
_ClickException = _click_errors.ClickException
_NoArgsIsHelp = getattr(_click_errors, "NoArgsIsHelpError", ())  # click >= 8.2: help, not an error
_NoSuchOption = _click_errors.NoSuchOption

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``audiokit`` console script."""
    try:
        # Not standalone: click's errors come back here as exceptions instead of being printed
        # with the usage box; --help and typer.Exit come back as an exit status.
        status = app(standalone_mode=False)
    except AudiokitError as exc:
        print(f"audiokit: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except _NoArgsIsHelp as exc:  # `audiokit` alone: the help, on stderr, status 2 as before
        exc.show()
        sys.exit(exc.exit_code)
    except _ClickException as exc:
        print(usage_line(exc), file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.Abort:  # click's end of input at a prompt
        print("audiokit: aborted", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("audiokit: interrupted", file=sys.stderr)
        sys.exit(130)
    if isinstance(status, int) and status:  # typer.Exit(n), Ctrl-C (typer's Exit(130))
        sys.exit(status)


def usage_line(exc: Any) -> str:
    """One line for a click usage error: the command as typed after ``audiokit``, then click's
    message (its suggestions for an unknown option as "did you mean")."""
    ctx = getattr(exc, "ctx", None)
    names = []
    while ctx is not None and ctx.parent is not None:  # the root's name is however Python was run
        names.append(ctx.info_name)
        ctx = ctx.parent
    command = " ".join(["audiokit", *reversed(names)])
    if isinstance(exc, _NoSuchOption) and exc.possibilities:
        message = f"{exc.message} (did you mean {' or '.join(sorted(exc.possibilities))}?)"
    else:
        message = exc.format_message()
    message = " ".join(message.split())
    if message[:2].istitle():  # "Invalid value ...", "Missing argument ...": lower case as ours
        message = message[0].lower() + message[1:]
    return f"{command}: error: {message}"
