"""The local web server of ``audiokit serve``: a catalogue folder and search over it.

Built on Tornado (its HTTP server, request parsing and static files with ``Range`` requests,
which the players need to seek), so no HTTP is parsed here. Routes:

- ``/search?q=QUERY[&limit=N]``: JSON ``{"query": str, "hits": [{episode, title, language,
  speaker, start, snippet, marks, notes, href}]}`` (``language``: the episode's ISO 639-1 code) from ``OUT/catalog.sqlite`` (see :func:`audiokit.catalog.search`);
  plain data, never markup, served as ``application/json`` with ``nosniff``.
- everything else: the files of OUT (``index.html`` for a folder), hidden files excepted.

The database is opened read-only, so the server can run while a batch writes it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tornado import httpserver, netutil, web

from audiokit.catalog.db import open_catalog
from audiokit.catalog.search import search
from audiokit.errors import AudiokitError, InputError, OutputError
from audiokit.preview.page import json_block

__all__ = ["display_url", "make_app", "serve"]

MAX_LIMIT = 200


LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class _Headers:
    def set_default_headers(self: Any) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")

    def prepare(self: Any) -> None:
        # Served on loopback, answer only requests addressed to loopback: a web page elsewhere
        # cannot read the catalogue through a DNS name rebound to 127.0.0.1.
        names = self.application.settings.get("hosts")
        if names is not None and self.request.host_name not in names:
            raise web.HTTPError(403)


class SearchHandler(_Headers, web.RequestHandler):
    """Answers ``/search`` from the catalogue database."""

    def initialize(self, database: Path) -> None:
        self.database = database

    def _conn(self) -> sqlite3.Connection | None:
        settings = self.application.settings
        if settings.get("conn") is None and self.database.is_file():
            try:
                settings["conn"] = open_catalog(self.database, readonly=True)
            except AudiokitError:
                return None
        return settings.get("conn")

    def get(self) -> None:
        query = self.get_argument("q", "")
        try:
            limit = max(1, min(MAX_LIMIT, int(self.get_argument("limit", "20"))))
        except ValueError:
            limit = 20
        conn = self._conn()
        if conn is None:
            self.set_status(503)
            self._json({"error": f"no usable catalogue database at {self.database.name}", "hits": []})
            return
        hits = search(conn, query, limit)
        self._json({
            "query": query,
            "hits": [{"episode": h.episode, "title": h.title, "language": h.language, "speaker": h.speaker,
                      "start": h.start,
                      "snippet": h.snippet, "marks": [list(m) for m in h.marks],
                      "notes": [list(n) for n in h.notes], "href": h.href} for h in hits],
        })

    def _json(self, value: Any) -> None:
        # <, > and & as \u escapes: no markup in the answer, even echoed from the query.
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json_block(value))


class FileHandler(_Headers, web.StaticFileHandler):
    """The files of OUT; hidden files and folders (the stage cache) are not served."""

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        inside = Path(absolute_path).relative_to(Path(root).resolve()) if Path(absolute_path).is_absolute() else None
        if inside is not None and any(part.startswith(".") for part in inside.parts):
            raise web.HTTPError(404)
        return super().validate_absolute_path(root, absolute_path)

    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        return str(Path(root).resolve() / path)


def make_app(out: Path, hosts: frozenset[str] | None = LOOPBACK_NAMES) -> web.Application:
    """The Tornado application serving the catalogue folder ``out``, answering requests for
    the host names ``hosts`` only (None: any)."""
    root = Path(out).resolve()
    return web.Application(
        [
            (r"/search", SearchHandler, {"database": root / "catalog.sqlite"}),
            (r"/(.*)", FileHandler, {"path": str(root), "default_filename": "index.html"}),
        ],
        compress_response=True,
        hosts=hosts,
    )


def display_url(address: str, port: int) -> str:
    """The address to open for a server listening on ``address``: listening on every network
    (0.0.0.0, ::), the machine's name, which other machines can open, rather than 0.0.0.0.

    >>> display_url("127.0.0.1", 8000), display_url("::1", 8080)
    ('http://127.0.0.1:8000/', 'http://[::1]:8080/')
    >>> display_url("0.0.0.0", 8000) == f"http://{socket.gethostname()}:8000/"
    True
    """
    if ipaddress.ip_address(address).is_unspecified:
        address = socket.gethostname()
    return f"http://[{address}]:{port}/" if ":" in address else f"http://{address}:{port}/"


def serve(out: Path, host: str = "127.0.0.1", port: int = 8000,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve ``out`` on ``host:port`` until interrupted; ``ready(url)`` is called once listening
    (port 0 picks a free port)."""
    out = Path(out)
    if not out.is_dir():
        raise InputError("no such folder" if not out.exists() else "is not a folder", path=out)
    if not (out / "index.html").is_file():
        # A mistyped folder would otherwise be served as a page of 404s.
        raise InputError("has no index.html: not a folder `audiokit batch` or `audiokit run` wrote", path=out)
    try:
        sockets = netutil.bind_sockets(port, address=host)
    except OSError as exc:
        raise OutputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None

    async def main() -> None:
        loopback = all(ipaddress.ip_address(s.getsockname()[0]).is_loopback for s in sockets)
        server = httpserver.HTTPServer(make_app(out, LOOPBACK_NAMES if loopback else None))
        server.add_sockets(sockets)
        bound = sockets[0].getsockname()
        if ready is not None:
            ready(display_url(bound[0], bound[1]))
        await asyncio.Event().wait()

    asyncio.run(main())
