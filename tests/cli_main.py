"""Running ``audiokit`` in the test's own process (the CLI's imports cost a second per process)."""

from __future__ import annotations

import sys

import pytest

from audiokit.cli import main


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: object) -> tuple[int, str, str]:
    """``audiokit ARGS``: (exit status, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["audiokit", *map(str, args)])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err
