"""A content-keyed cache of finished pipeline stages, kept in ``OUT/.audiokit-cache/``.

A stage's key is a hash of what its result depends on: the contents of its input files, its
options, the keys of the stages it reads, and the code that made it (the version and a digest
of the package's files, :func:`audiokit.fingerprint.code_version`; :func:`stage_key`). Under
``OUT/.audiokit-cache/<stage>/<key>/`` the cache keeps the stage's result (``data.json``, any
JSON value) and, for stages whose outputs are expensive to write again (clips, the timeline
picture), copies of those files. Same key, same result: a re-run reuses it; a changed input or
option gives a new key and the stage runs again, and so does every stage keyed on it.

The cache also remembers which files in OUT/ audiokit wrote, and their digests
(``written.json``), so a re-run can tell an untouched output from a changed or foreign file and
never overwrites a file it did not write. File digests are memoized by path, size, inode and
modification time (``digests.json``), so a cached re-run does not read a long recording again;
the memo names each path by a hash of it (:func:`memo_key`), so a folder uploaded as it is
(an HLS folder, a preview) does not publish where the user keeps their files.

>>> stage_key("captions", {"style": "netflix"}, upstream=["abc"], version="1") == \\
...     stage_key("captions", {"style": "netflix"}, upstream=["abc"], version="1")
True
>>> stage_key("captions", {"style": "bbc"}, version="1") == stage_key("captions", {"style": "netflix"}, version="1")
False
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from audiokit.errors import OutputError
from audiokit.fingerprint import code_version
from audiokit.textio import write_text_atomic

__all__ = ["CACHE_DIR", "Cache", "copy_atomic", "memo_key", "stage_key"]

CACHE_DIR = ".audiokit-cache"
KEEP = 3  # entries kept per stage (the newest), so switching an option back is quick too
_CHUNK = 1 << 20


def stage_key(
    stage: str,
    options: Mapping[str, Any],
    *,
    inputs: Sequence[str] = (),
    upstream: Sequence[str] = (),
    version: str | None = None,
) -> str:
    """The cache key of a stage: a hash of its name, options (JSON-able), the digests of its
    input files, the keys of the stages it reads and ``version`` (by default the running
    code's, :func:`~audiokit.fingerprint.code_version`)."""
    doc = {
        "stage": stage,
        "version": version or code_version(),
        "options": dict(options),
        "inputs": list(inputs),
        "upstream": list(upstream),
    }
    text = json.dumps(doc, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def memo_key(path: str | Path) -> str:
    """The name of ``path`` (resolved) in the digest memo: a hash, not the path itself.

    >>> memo_key("/a/episode.mp3") == memo_key("/a/../a/episode.mp3")
    True
    >>> "episode" in memo_key("/a/episode.mp3")
    False
    """
    return hashlib.sha256(str(Path(path).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def copy_atomic(source: str | Path, target: str | Path) -> Path:
    """Copy ``source`` to ``target`` through a temporary name in the target's folder."""
    target = Path(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write here ({exc.strerror or exc})", path=target) from None
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write file ({exc.strerror or exc})", path=target) from None
    return target


class Cache:
    """The stage cache of one output folder (see the module docstring)."""

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.root = self.out / CACHE_DIR
        self._digests: dict[str, list[Any]] = self._read_json("digests.json", {})
        self._written: dict[str, str] = self._read_json("written.json", {})
        self._dirty = False

    # -- bookkeeping files -------------------------------------------------------------

    def _read_json(self, name: str, default: Any) -> Any:
        try:
            value = json.loads((self.root / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return default
        return value if isinstance(value, type(default)) else default

    def open(self) -> None:
        """Create the cache folder (and OUT/) when missing."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the output folder ({exc.strerror or exc})", path=self.out) from None

    def flush(self) -> None:
        """Save the digest memo and the record of written files."""
        if not self._dirty:
            return
        self.open()
        write_text_atomic(self.root / "digests.json", json.dumps(self._digests, indent=0) + "\n")
        write_text_atomic(self.root / "written.json", json.dumps(self._written, indent=1, sort_keys=True) + "\n")
        self._dirty = False

    # -- file digests ------------------------------------------------------------------

    def digest(self, path: str | Path) -> str:
        """SHA-256 of a file's contents, memoized by path, size, inode and mtime."""
        p = Path(path).resolve()
        st = p.stat()
        stamp = [st.st_size, st.st_ino, st.st_mtime_ns]
        memo = self._digests.get(memo_key(p))
        if memo is not None and memo[:3] == stamp:
            return str(memo[3])
        value = _sha256(p)
        self._digests[memo_key(p)] = [*stamp, value]
        self._dirty = True
        return value

    # -- files audiokit wrote into OUT -------------------------------------------------

    def _rel(self, path: Path) -> str:
        return os.path.relpath(Path(path).absolute(), self.out.absolute())

    def claim(self, path: str | Path) -> Path:
        """``path`` if audiokit may write it: it does not exist, or an earlier run wrote it.

        Raises :class:`OutputError` for a file someone else put there."""
        p = Path(path)
        if p.is_symlink() or p.exists():
            if self._rel(p) not in self._written:
                raise OutputError(
                    "exists and was not written by audiokit; move it away or choose another output folder",
                    path=p,
                )
            if p.is_dir() and not p.is_symlink():
                raise OutputError("is a folder where audiokit writes a file", path=p)
        return p

    def record(self, path: str | Path, digest: str | None = None) -> None:
        """Note that audiokit wrote ``path`` (with its digest, computed unless given)."""
        p = Path(path)
        value = digest if digest is not None else self.digest(p) if p.is_file() else ""
        if self._written.get(self._rel(p)) != value:
            self._written[self._rel(p)] = value
            self._dirty = True

    def remember(self, path: str | Path, digest: str) -> None:
        """Memoize the digest of a file audiokit has just written (it knows the content)."""
        p = Path(path).resolve()
        st = p.stat()
        self._digests[memo_key(p)] = [st.st_size, st.st_ino, st.st_mtime_ns, digest]
        self._dirty = True

    def forget(self, path: str | Path) -> None:
        """Drop ``path`` from the record of files audiokit wrote (it has been deleted)."""
        if self._written.pop(self._rel(Path(path)), None) is not None:
            self._dirty = True

    def wrote(self, path: str | Path) -> bool:
        """True when audiokit wrote ``path`` and it still holds what audiokit wrote."""
        p = Path(path)
        want = self._written.get(self._rel(p))
        if not want or not p.is_file():
            return False
        return self.digest(p) == want

    # -- stage entries ----------------------------------------------------------------

    def entry(self, stage: str, key: str) -> Path:
        """The folder of a stage's entry under ``key`` (it may not exist)."""
        return self.root / stage / key

    def load(self, stage: str, key: str) -> dict[str, Any] | None:
        """The entry's record (``{"data": ..., "files": [...], "outputs": {...}}``) or None."""
        folder = self.entry(stage, key)
        try:
            doc = json.loads((folder / "data.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(doc, dict) or "data" not in doc:
            return None
        if not all((folder / "files" / name).is_file() for name in doc.get("files", [])):
            return None
        os.utime(folder)  # newest use first when pruning
        return doc

    def file(self, stage: str, key: str, name: str) -> Path:
        """The stored copy of an output file of a stage entry."""
        return self.entry(stage, key) / "files" / name

    def save(self, stage: str, key: str, data: Any, files: Mapping[str, Path] | None = None) -> None:
        """Store a finished stage: its JSON-able ``data`` and copies of ``files`` (name -> path)."""
        self.open()
        stage_dir = self.root / stage
        stage_dir.mkdir(exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=stage_dir))
        try:
            names = sorted((files or {}).keys())
            if names:
                (tmp / "files").mkdir()
            for name in names:
                target = tmp / "files" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile((files or {})[name], target)
            record = {"data": data, "files": names, "outputs": {}}
            (tmp / "data.json").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
            final = self.entry(stage, key)
            if final.exists():
                shutil.rmtree(final)
            os.replace(tmp, final)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise OutputError(f"cannot write the stage cache ({exc.strerror or exc})", path=self.root) from None
        self._prune(stage_dir)

    def set_outputs(self, stage: str, key: str, paths: Iterable[Path]) -> None:
        """Record the OUT files an entry produced, with their digests (see :meth:`outputs_match`)."""
        folder = self.entry(stage, key)
        try:
            record = json.loads((folder / "data.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        record["outputs"] = {self._rel(Path(p)): self.digest(p) for p in paths if Path(p).is_file()}
        write_text_atomic(folder / "data.json", json.dumps(record, ensure_ascii=False) + "\n")

    def outputs_match(self, record: Mapping[str, Any], paths: Iterable[Path]) -> bool:
        """True when each of ``paths`` is an OUT file the entry produced and still unchanged."""
        outputs = record.get("outputs") or {}
        for p in paths:
            want = outputs.get(self._rel(Path(p)))
            if want is None or not Path(p).is_file() or self.digest(p) != want:
                return False
        return True

    def _prune(self, stage_dir: Path) -> None:
        entries = sorted(
            (p for p in stage_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for old in entries[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
