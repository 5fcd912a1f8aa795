"""Whether an episode is already done, told from files alone: no episode process, no model.

After an episode finishes, its process writes a stamp, ``OUT/<id>/.audiokit-cache/batch.json``:
a key and the episode's record, the title its transcript gives (so that a done episode's record
is titled without reading the transcript or ``episode.json``), and the size, inode and
modification time of every file the run wrote or kept. The key is a hash of what every stage
key of ``audiokit run`` is made of (:func:`audiokit.pipeline.cache.stage_key`): the contents
of the audio and the transcript (their SHA-256, as the stage cache's digest memo holds them),
the options, the code that made it (:func:`audiokit.fingerprint.code_version`), plus the paths
(``episode.json`` names the audio). Same key and untouched files: a run would take every stage from the cache and
write nothing, so the record is returned as it is, with ``seconds`` 0.

:func:`done_record` costs a few small JSON reads and a ``stat`` per file; it never hashes
audio (a file whose size, inode or time changed is simply not known to be done, and the
episode runs, where the stage cache still serves what is unchanged).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from audiokit.fingerprint import code_version
from audiokit.pipeline.cache import CACHE_DIR, memo_key
from audiokit.textio import write_text_atomic

__all__ = ["STAMP", "done_record", "forget", "stamp_key", "write_stamp"]

STAMP = "batch.json"  # in OUT/<id>/.audiokit-cache/
# what a done record adds to the job's
_KEPT = ("coverage", "duration", "chapters", "clips", "loudness", "loudness_problems", "language", "preview")


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_ino, st.st_mtime_ns]


def _memo_digest(path: Path, memo: Mapping[str, Any]) -> str | None:
    """The file's SHA-256 from the stage cache's digest memo, when the file is as it was then."""
    entry = memo.get(memo_key(path))
    stamp = _stat(path)
    if not isinstance(entry, list) or len(entry) < 4 or stamp is None or entry[:3] != stamp:
        return None
    return str(entry[3])


def _options(options: Any) -> dict[str, Any]:
    """The options a run's results depend on (not ``workers``: the words are the same however many processes align them)."""
    return {f.name: getattr(options, f.name) for f in fields(options) if f.name != "workers"}


def stamp_key(audio: Path, transcript: Path, out: Path, options: Any, memo: Mapping[str, Any]) -> str | None:
    """The key of a whole run, or None when the memo does not hold both inputs' digests as
    they are now.

    >>> from audiokit.pipeline import Options
    >>> stamp_key(Path("/nowhere/a.mp3"), Path("/nowhere/a.txt"), Path("/o"), Options(), {}) is None
    True
    """
    digests = [_memo_digest(audio, memo), _memo_digest(transcript, memo)]
    if None in digests:
        return None
    doc = {"version": code_version(), "options": _options(options), "digests": digests,
           "paths": [str(audio), str(transcript), str(out)]}
    text = json.dumps(doc, sort_keys=True, ensure_ascii=True, default=lambda v: sorted(v))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def forget(out: Path) -> None:
    """Remove the stamp before the episode runs again (its files are about to change)."""
    try:
        (out / CACHE_DIR / STAMP).unlink(missing_ok=True)
    except OSError:
        pass


def write_stamp(audio: Path, transcript: Path, out: Path, options: Any, record: Mapping[str, Any],
                stages: Iterable[str], files: Iterable[Path], transcript_title: str | None = None) -> bool:
    """After a run that finished: the stamp for ``record`` (status done), the ``stages`` that
    ran (from the cache or not), the ``files`` it wrote or kept and the ``transcript_title``
    (the episode's ``metadata.title``, None when it has none). False (and nothing written)
    when the key cannot be made."""
    memo = _read(out / CACHE_DIR / "digests.json")
    key = stamp_key(audio, transcript, out, options, memo if isinstance(memo, dict) else {})
    stats = {os.path.relpath(p, out): _stat(Path(p)) for p in files}
    if key is None or None in stats.values():
        return False
    doc = {"key": key, "record": {k: record.get(k) for k in _KEPT}, "transcript_title": transcript_title,
           "stages": list(stages), "files": stats}
    write_text_atomic(out / CACHE_DIR / STAMP, json.dumps(doc, ensure_ascii=False) + "\n")
    return True


def done_record(audio: Path, transcript: Path, out: Path, options: Any) -> dict[str, Any] | None:
    """``{"coverage": ..., "duration": ..., "chapters": ..., "clips": ..., "loudness": ...,
    "loudness_problems": ..., "language": ..., "preview": ..., "cached": [stages],
    "transcript_title": str | None}`` of an episode whose stamp says it is done with these
    inputs, options and untouched files; None otherwise (it has to run). A stamp written before
    the title was kept gives ``transcript_title`` None. A stamp written by other code (before
    the language was kept, say) never matches: the code is in the key, so that episode runs,
    its stages from the cache, and its record is whole again."""
    stamp = _read(out / CACHE_DIR / STAMP)
    if not isinstance(stamp, dict) or not isinstance(stamp.get("files"), dict):
        return None
    memo = _read(out / CACHE_DIR / "digests.json")
    if stamp.get("key") != stamp_key(audio, transcript, out, options, memo if isinstance(memo, dict) else {}):
        return None
    for rel, want in stamp["files"].items():
        if _stat(out / rel) != want:
            return None
    said = stamp.get("transcript_title")
    return {**{k: stamp["record"].get(k) for k in _KEPT}, "cached": list(stamp.get("stages") or []),
            "transcript_title": said if isinstance(said, str) else None}
