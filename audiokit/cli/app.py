"""The typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="audiokit",
    help=(
        "Podcast production from an episode's audio and transcript: forced alignment, "
        "captions, chapters and highlight clips. Offline."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
