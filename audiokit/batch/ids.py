"""Episode ids: file-safe names for ``OUT/<id>/``, unique within a catalogue.

An id is lowercase ASCII letters, digits, dots, underscores and hyphens, at most 64
characters, never starting with a dot, never a name Windows reserves and never the name of a
file the batch writes beside the episode folders. Ids given by the
catalogue (a manifest's ``id``, a feed's ``<guid>``, a file's stem) must stay distinct once
made file-safe: two episodes on one id is an error in the catalogue, reported for the
second. Ids only derived from titles are numbered ``-2``, ``-3``... instead, as shows
often reuse a title ("Bonus").

>>> file_safe_id("Episode 12: Ünïcode & Friends"), file_safe_id("https://ex.org/ep?p=12")
('episode-12-unicode-friends', 'ex.org-ep-p-12')
>>> file_safe_id("../../etc/passwd"), file_safe_id("李雷"), file_safe_id("CON"), file_safe_id("Index.html")
('etc-passwd', 'episode', 'con-episode', 'index.html-episode')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["MAX_LENGTH", "IdRegistry", "file_safe_id"]

MAX_LENGTH = 64
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))]
)
# What a batch writes beside the episode folders (catalog.sqlite has -wal and -shm companions).
_OUT_FILES = frozenset(["catalog.json", "catalog.sqlite", "catalog.sqlite-wal", "catalog.sqlite-shm",
                        "index.html", "feed.xml"])


def file_safe_id(text: str) -> str:
    """The file-safe form of ``text`` (see the module docstring). Long ids are cut and given
    a short hash of the whole text, so that two long titles sharing a beginning stay apart.

    >>> len(file_safe_id("a" * 100)), file_safe_id("a" * 100) != file_safe_id("a" * 99 + "b")
    (64, True)
    """
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text.strip(), flags=re.IGNORECASE)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    out = "-".join(re.findall(r"[a-z0-9_.]+", folded))
    out = re.sub(r"\.{2,}", ".", out).strip(".-_")
    out = re.sub(r"-?\.-?", ".", out)
    if len(out) > MAX_LENGTH:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        out = out[: MAX_LENGTH - 9].rstrip(".-_") + "-" + digest
    if not out:
        return "episode"
    if out.split(".")[0] in _RESERVED or out in _OUT_FILES:
        out = f"{out}-episode"
    return out


class IdRegistry:
    """Hands out ids in catalogue order.

    >>> ids = IdRegistry()
    >>> ids.claim("Ep 1", "row 2", derived=False), ids.claim("ep-1", "row 3", derived=False)
    (('ep-1', None), ('ep-1', 'the same id as row 2 (ep-1)'))
    >>> ids.claim("Bonus", "item 4", derived=True), ids.claim("Bonus", "item 5", derived=True)
    (('bonus', None), ('bonus-2', None))
    """

    def __init__(self) -> None:
        self._owner: dict[str, str] = {}

    def claim(self, text: str, where: str, *, derived: bool) -> tuple[str, str | None]:
        """``(id, problem)``: the id for the episode at ``where``, and why it cannot have it
        (an id given by the catalogue and already taken) or None."""
        base = file_safe_id(text)
        if base not in self._owner:
            self._owner[base] = where
            return base, None
        if not derived:
            return base, f"the same id as {self._owner[base]} ({base})"
        n = 2
        while f"{base}-{n}" in self._owner:
            n += 1
        self._owner[f"{base}-{n}"] = where
        return f"{base}-{n}", None

    def spare(self, base: str) -> str:
        """An unused id for a record that cannot have ``base`` (a duplicate), so that the
        catalogue can still list it."""
        n = 2
        while f"{base}-duplicate-{n}" in self._owner:
            n += 1
        self._owner[f"{base}-duplicate-{n}"] = "(duplicate)"
        return f"{base}-duplicate-{n}"
