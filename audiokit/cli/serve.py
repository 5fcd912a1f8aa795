"""``audiokit serve OUT/``: the catalogue of a batch in a browser, with search over every
transcript (a local web server, on 127.0.0.1 unless ``--host`` says otherwise)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from audiokit.cli.app import app


@app.command("serve")
def serve_command(
    folder: Annotated[Path, typer.Argument(metavar="OUT", help="A folder `audiokit batch` wrote.")],
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port (0: any free port).")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0: every network).")] = "127.0.0.1",
) -> None:
    """Serve the catalogue page, every episode's preview and search over all transcripts."""
    from audiokit.catalog.server import serve

    def ready(url: str) -> None:
        print(f"serving {folder} at {url} (Ctrl-C to stop)", file=sys.stderr, flush=True)

    try:
        serve(folder, host=host, port=port, ready=ready)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
