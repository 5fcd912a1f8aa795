"""What identifies the code that made a result: the version and a digest of the package's files.

The stage cache and the batch stamps are keyed by it, so a result made by other code is never
served as this code's, even when the version number was not bumped between two changes (a
checkout of another commit, a local edit, an upgraded wheel with a shipped model retrained).

>>> code_version().startswith(__version__ + "+")
True
>>> len(code_version().split("+")[1])
12
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from audiokit import __version__

__all__ = ["code_version", "tree_digest"]

_PACKAGE = Path(__file__).parent
_SKIPPED = {"__pycache__"}


def tree_digest(root: Path) -> str:
    """A SHA-256 over every file under ``root`` (skipping compiled caches), named by their
    paths relative to it: any added, removed, renamed or edited file changes it."""
    h = hashlib.sha256()
    files = sorted(p for p in root.rglob("*")
                   if p.is_file() and p.suffix != ".pyc"
                   and not _SKIPPED.intersection(p.relative_to(root).parts))
    for path in files:
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """``<version>+<digest>``: the digest covers every file in the package (code, models,
    data), so it changes when any of them does. About 15 ms, once per process."""
    return f"{__version__}+{tree_digest(_PACKAGE)[:12]}"
