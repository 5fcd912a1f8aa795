"""What a batch runs over: the episodes of a folder, a manifest or an RSS feed file.

:func:`read_source` tells the three apart and returns a :class:`Catalogue` of :class:`Item`
values in catalogue order. A whole source that cannot be read (none of the three forms, a
manifest without an ``audio`` column, a feed that is not XML or has no items) raises
:class:`~audiokit.errors.InputError`; a single bad row or item becomes an item with a
``problem`` (listed, never run), so that one typo does not stop a catalogue.

- a folder: audio files (``.mp3 .m4a .wav .flac .ogg .opus``) each with a transcript of the
  same stem (``.json``, ``.vtt``, ``.srt`` or ``.txt``, preferred in that order), titled by
  the stem until the transcript gives a title (:attr:`Item.title_given`);
- a manifest, CSV (``.csv``) or JSON Lines (``.jsonl``, ``.ndjson``), with ``audio``,
  ``transcript`` and optional ``id`` and ``title``; paths relative to the manifest;
- an RSS feed file (``.xml``, ``.rss``, or any file starting with ``<``): see :mod:`.feed`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audiokit.batch.ids import IdRegistry
from audiokit.errors import InputError
from audiokit.textio import read_text

__all__ = ["AUDIO_SUFFIXES", "TRANSCRIPT_SUFFIXES", "Catalogue", "Item", "read_source"]

AUDIO_SUFFIXES = (".mp3", ".m4a", ".wav", ".flac", ".ogg", ".opus")
TRANSCRIPT_SUFFIXES = (".json", ".vtt", ".srt", ".txt", ".docx", ".odt")  # the first one beside the audio
MANIFEST_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
FEED_SUFFIXES = (".xml", ".rss")


@dataclass(frozen=True)
class Item:
    """One episode of a catalogue.

    ``audio`` and ``transcript`` are absolute paths or ``http(s)`` URLs; ``where`` says where
    the catalogue names it ("episodes.csv line 3"); ``problem`` is why it cannot run, with
    ``status`` ``failed`` (an error in the catalogue) or ``skipped`` (nothing to do, such as a
    feed item without a transcript); ``index`` is the item's position in a feed;
    ``title_given``: the source gave ``title`` (a feed item's ``<title>``, a manifest's
    ``title``), rather than it being a stand-in (a file stem, an id) that the transcript's own
    title replaces once the episode is done.
    """

    id: str
    title: str
    audio: str | None
    transcript: str | None
    where: str
    problem: str | None = None
    status: str = "failed"
    index: int = -1
    length_hint: float = 0.0  # seconds, from the feed; 0 when unknown
    title_given: bool = True


@dataclass(frozen=True)
class Catalogue:
    """The items of ``source``, which is a ``folder``, a ``manifest`` or a ``feed``; ``unmatched``:
    a folder's transcripts with no audio of the same name beside them (not episodes, but most
    likely one whose audio is misnamed or in a format the folder source does not take);
    ``title``: a feed's channel title (None for the others, or a feed without one)."""

    kind: str
    source: Path
    items: tuple[Item, ...]
    unmatched: tuple[str, ...] = ()
    title: str | None = None

    def unmatched_note(self) -> str | None:
        """One line about :attr:`unmatched` for people, or None.

        >>> Catalogue("folder", Path("show"), (), ("ep3.txt",)).unmatched_note()
        'not run: ep3.txt, a transcript with no audio of the same name (.mp3 .m4a .wav .flac .ogg .opus)'
        """
        if not self.unmatched:
            return None
        names = ", ".join(self.unmatched[:3]) + (f" and {len(self.unmatched) - 3} more" if len(self.unmatched) > 3 else "")
        what = "a transcript" if len(self.unmatched) == 1 else "transcripts"
        return f"not run: {names}, {what} with no audio of the same name ({' '.join(AUDIO_SUFFIXES)})"


def read_source(source: str | Path) -> Catalogue:
    """Read the catalogue at ``source`` (see the module docstring)."""
    path = Path(source)
    if not path.exists():
        raise InputError("no such file or folder", path=path)
    if path.is_dir():
        # Word's "~$name.docx" is the lock file of a document open in Word, not a transcript.
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))
        return Catalogue("folder", path, tuple(_folder(path, files)), _unmatched(files))
    suffix = path.suffix.lower()
    if suffix in MANIFEST_SUFFIXES:
        return Catalogue("manifest", path, tuple(_manifest(path, MANIFEST_SUFFIXES[suffix])))
    if suffix in FEED_SUFFIXES or _starts_with_markup(path):
        from audiokit.batch.feed import read_channel

        title, items = read_channel(path)
        return Catalogue("feed", path, items, title=title)
    raise InputError("is not a folder, a manifest (.csv, .jsonl) or an RSS feed file (.xml, .rss)", path=path)


def _starts_with_markup(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path=path) from None
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _folder(folder: Path, files: list[Path]) -> Iterator[Item]:
    by_stem: dict[str, list[Path]] = {}
    for p in files:
        by_stem.setdefault(p.stem, []).append(p)
    ids = IdRegistry()
    audios = [p for p in files if p.suffix.lower() in AUDIO_SUFFIXES]
    if not audios:
        raise InputError(f"holds no audio files ({' '.join(AUDIO_SUFFIXES)})", path=folder)
    for audio in audios:
        where = audio.name
        id_, clash = ids.claim(audio.stem, where, derived=False)
        twins = {p.suffix.lower(): p for p in by_stem[audio.stem]}
        transcript = next((twins[s] for s in TRANSCRIPT_SUFFIXES if s in twins), None)
        if clash:
            yield Item(ids.spare(id_), audio.stem, str(audio.resolve()), None, where, clash, title_given=False)
        elif transcript is None:
            yield Item(id_, audio.stem, str(audio.resolve()), None, where,
                       f"no transcript named {audio.stem}{{{','.join(TRANSCRIPT_SUFFIXES)}}} beside it",
                       status="skipped", title_given=False)
        else:
            yield Item(id_, audio.stem, str(audio.resolve()), str(transcript.resolve()), where, title_given=False)


def _unmatched(files: list[Path]) -> tuple[str, ...]:
    audio = {p.stem for p in files if p.suffix.lower() in AUDIO_SUFFIXES}
    return tuple(sorted(p.name for p in files if p.suffix.lower() in TRANSCRIPT_SUFFIXES and p.stem not in audio))


def _rows(path: Path, form: str) -> Iterator[tuple[int, Mapping[str, Any] | str]]:
    """``(line, row)`` for each row; a row that cannot be read comes as the reason (str)."""
    text = read_text(path).text
    if form == "csv":
        reader = csv.DictReader(text.splitlines())
        fields = [f.strip().lower() for f in reader.fieldnames or []]
        if "audio" not in fields or "transcript" not in fields:
            raise InputError("a CSV manifest needs a header line with audio and transcript columns "
                             f"(found: {', '.join(fields) or 'nothing'})", path=path)
        for row in reader:
            cells = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            if any(cells.values()):  # a spreadsheet's empty row (",,,") is no episode
                yield reader.line_num, cells
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, f"not JSON ({exc.msg})"
            continue
        yield n, ({str(k).lower(): v for k, v in row.items()} if isinstance(row, dict)
                  else "not a JSON object")


def _manifest(path: Path, form: str) -> Iterator[Item]:
    base = path.resolve().parent
    ids = IdRegistry()
    count = 0
    for line, row in _rows(path, form):
        count += 1
        where = f"{path.name} line {line}"
        if isinstance(row, str):
            yield Item(ids.spare(f"line-{line}"), where, None, None, where, row, title_given=False)
            continue
        audio, transcript = (str(row.get(k) or "").strip() for k in ("audio", "transcript"))
        given = str(row.get("id") or "").strip()
        title = str(row.get("title") or "").strip()
        id_, clash = ids.claim(given or Path(audio).stem or f"line-{line}", where, derived=False)
        title_given = bool(title)
        title = title or given or Path(audio).stem
        problem = None
        resolved = [None if not p else str((base / p).resolve()) for p in (audio, transcript)]
        if clash:
            id_, problem = ids.spare(id_), clash
        elif not audio:
            problem = "no audio given"
        elif not transcript:
            problem = "no transcript given"
        else:
            for label, given, p in zip(("audio", "transcript"), (audio, transcript), resolved):
                if p is not None and not Path(p).is_file():
                    problem = f"{label} file not found: {given}"  # as written, not the local absolute path
                    break
        yield Item(id_, title, resolved[0], resolved[1], where, problem, title_given=title_given)
    if count == 0:
        raise InputError("the manifest lists no episodes", path=path)
