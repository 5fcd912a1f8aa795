"""Writing clips: the audio files, ``clips.json`` and ``soundbites.xml`` in an output folder.

The folder is audiokit's own: a new or empty folder, or one holding only files an earlier
run listed in its ``clips.json`` (replaced with ``force``). Files it did not write are never
deleted or overwritten. Every file goes to a temporary name first and is renamed into
place; ``clips.json`` is written before the clips (listing what will be written, so a
failed run can be replaced with ``force``) and again at the end with the measurements.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from audiokit.clips.audio import FORMATS, AudioInfo, export, fade, normalize, probe, read_span
from audiokit.clips.selection import Clip
from audiokit.clips.slug import speaker_slugs
from audiokit.clips.soundbites import soundbite_lines
from audiokit.errors import InputError, OutputError
from audiokit.model import Episode
from audiokit.textio import write_text_atomic

__all__ = ["MANIFEST", "SOUNDBITES", "Written", "check_audio", "check_folder", "cut_clips", "prepare_folder"]

MANIFEST = "clips.json"
SOUNDBITES = "soundbites.xml"
FORMAT = "audiokit-clips"
_OWN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-[0-9]+\.(?:mp3|wav|m4a|vtt|mp4)$")
_TOLERANCE = 0.25  # seconds the audio may fall short of the last word's end (decoder rounding)

CaptionMaker = Callable[[Episode, Clip], str]
"""Builds the clip-relative WebVTT text of a clip (times start at 0)."""


@dataclass(frozen=True)
class Written:
    """What :func:`cut_clips` wrote: the clip files, their captions, the manifest and the
    soundbites file, each clip's measured loudness (LUFS) and true peak (dBTP), and the
    audiograms (empty without ``video``)."""

    files: tuple[Path, ...]
    captions: tuple[Path, ...]
    manifest: Path
    soundbites: Path
    loudness: tuple[tuple[float, float], ...]
    videos: tuple[Path, ...] = ()


def check_audio(info: AudioInfo, episode: Episode, path: str | Path, header: float | None = None) -> None:
    """:class:`InputError` when the audio is shorter than the episode's aligned words.
    ``header`` is the length the file's header claims when more than ``info`` found decoded."""
    ends = [w.end for w in episode.words() if w.end is not None]
    last = max(ends, default=0.0)
    if info.duration + _TOLERANCE < last:
        if header is not None:
            raise InputError(
                f"audio decodes to {info.duration:.1f} s though its header says {header:.1f} s "
                f"and the episode has words until {last:.1f} s: the file is cut short",
                path=path,
            )
        raise InputError(
            f"audio is {info.duration:.1f} s long but the episode has words until {last:.1f} s; "
            "is this the audio the episode was aligned to?",
            path=path,
        )


def _owned(folder: Path) -> set[str] | None:
    """Names listed in the folder's own clips.json, or None when there is none of ours."""
    manifest = folder / MANIFEST
    try:
        doc = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("clips"), list):
        return None
    names = {MANIFEST, SOUNDBITES}
    for clip in doc["clips"]:
        if isinstance(clip, dict):
            for key in ("file", "captions", "video"):
                name = clip.get(key)
                if isinstance(name, str) and _OWN.match(name):
                    names.add(name)
    return names


def check_folder(folder: str | Path, force: bool = False) -> set[str]:
    """Check, without changing anything, that ``folder`` can take the clips: it does not exist
    yet but its parent is a writable folder, or it is empty, or it holds only an earlier
    run's files (then ``force`` is needed). Returns the names of the earlier run's files."""
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise OutputError("exists and is not a folder", path=out)
    if not out.exists():
        parent = out.parent if str(out.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError("cannot create the output folder: its parent folder does not exist", path=out)
        if not os.access(parent, os.W_OK | os.X_OK):
            raise OutputError("cannot create the output folder: its parent folder is not writable", path=out)
        return set()
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError("output folder is not writable", path=out)
    present = {p.name for p in out.iterdir()}
    if not present:
        return set()
    own = _owned(out)
    others = sorted(present - own) if own is not None else sorted(present)
    if others:
        shown = ", ".join(others[:3]) + (" ..." if len(others) > 3 else "")
        raise OutputError(
            f"output folder holds files audiokit clips did not write ({shown}); choose a new or empty folder",
            path=out,
        )
    if not force:
        raise OutputError("output folder already holds clips; use --force to replace them", path=out)
    return present


def prepare_folder(folder: str | Path, force: bool = False) -> set[str]:
    """:func:`check_folder`, then create the folder when it does not exist yet."""
    out = Path(folder)
    present = check_folder(out, force)
    if not out.exists():
        try:
            out.mkdir()
        except OSError as exc:
            raise OutputError(f"cannot create the output folder ({exc.strerror or exc})", path=out) from None
    return present


def _manifest(
    episode: Episode,
    audio: Path,
    clips: Sequence[Clip],
    names: Sequence[str],
    captions: Sequence[str | None],
    videos: Sequence[str | None],
    fmt: str,
    lufs: float,
    warnings: Iterable[str],
    loudness: Sequence[tuple[float, float]] | None,
) -> str:
    items = []
    for k, (clip, name, cap, video) in enumerate(zip(clips, names, captions, videos)):
        item = {
            "file": name,
            "captions": cap,
            "speaker": clip.speaker,
            "n": clip.n,
            "start": round(clip.start, 3),
            "end": round(clip.end, 3),
            "duration": round(clip.duration, 3),
            "speech_start": round(clip.speech.start, 3),
            "speech_end": round(clip.speech.end, 3),
            "score": round(clip.score, 3),
            "scores": {
                k2: round(getattr(clip.scores, k2), 3)
                for k2 in ("opening", "ending", "substance", "moment", "keyness", "fluency", "prosody", "alignment")
            },
            "reasons": list(clip.reasons),
            "social_caption": clip.caption,
            "title": clip.title,
            "text": clip.text,
            "sentences": [clip.first_sentence, clip.last_sentence],
        }
        if video is not None:
            item["video"] = video
        if loudness is not None:
            item["loudness"] = round(loudness[k][0], 2)
            item["true_peak"] = round(loudness[k][1], 2)
        items.append(item)
    doc = {
        "format": FORMAT,
        "version": 1,
        "episode": {"title": episode.metadata.title, "audio": audio.name},
        "audio_format": fmt,
        "target_lufs": lufs,
        "complete": loudness is not None,
        "warnings": list(warnings),
        "clips": items,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def cut_clips(
    audio_path: str | Path,
    episode: Episode,
    clips: Iterable[Clip],
    out_dir: str | Path,
    fmt: str = "mp3",
    lufs: float = -16.0,
    force: bool = False,
    captions: CaptionMaker | None = None,
    warnings: Iterable[str] = (),
    video: bool | str | None = None,
) -> Written:
    """Cut ``clips`` from ``audio_path`` into ``out_dir`` as ``<speaker-slug>-<n>.<fmt>``,
    loudness-normalized to ``lufs`` (true peak under -1 dBTP), faded, tagged (title = opening
    words, artist = speaker, album = episode title), with ``clips.json``, ``soundbites.xml``
    and, when ``captions`` is given, a clip-relative ``.vtt`` beside each clip. With ``video``
    (``"square"``, 1080x1080, or ``True``; ``"vertical"``, 1080x1920), also an MP4 audiogram
    ``<speaker-slug>-<n>.mp4`` per clip (waveform, speaker's name, burned-in captions; see
    :mod:`audiokit.clips.audiogram`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if not -70.0 <= lufs <= -5.0:
        raise ValueError(f"target loudness {lufs} LUFS is out of range (-70 to -5)")
    shape = "square" if video is True else (video or None)
    audio = Path(audio_path)
    chosen = list(clips)
    info = probe(audio)
    check_audio(info, episode, audio)
    out = Path(out_dir)
    notes = list(warnings)
    if shape:
        from audiokit.clips.audiogram import SHAPES, find_font, font_for, render_audiogram, video_support

        if shape not in SHAPES:
            raise ValueError(f"unknown video shape {shape!r} (one of {', '.join(SHAPES)})")

        notes += [w for w in video_support(captions is not None) if w not in notes]
        if find_font() is not None:
            notes += [f"audiograms of {name} show no speaker name: no installed font has all its letters "
                      "(a font such as Debian's fonts-noto-core has them)"
                      for name in dict.fromkeys(c.speaker for c in chosen) if font_for(name) is None]
    previous = prepare_folder(out, force)
    slugs = speaker_slugs(c.speaker for c in chosen)
    names = [f"{slugs[c.speaker]}-{c.n}.{fmt}" for c in chosen]
    caps: list[str | None] = [f"{slugs[c.speaker]}-{c.n}.vtt" if captions else None for c in chosen]
    mp4s: list[str | None] = [f"{slugs[c.speaker]}-{c.n}.mp4" if shape else None for c in chosen]
    keep = set(names) | {n for n in caps if n} | {n for n in mp4s if n} | {MANIFEST, SOUNDBITES}
    for stale in sorted(previous - keep):
        (out / stale).unlink(missing_ok=True)  # an earlier run's own file, not written again
    write_text_atomic(
        out / MANIFEST, _manifest(episode, audio, chosen, names, caps, mp4s, fmt, lufs, notes, None)
    )
    files, vtts, videos, measured = [], [], [], []
    album = episode.metadata.title or audio.stem
    for clip, name, cap, mp4 in zip(chosen, names, caps, mp4s):
        samples = read_span(audio, clip.start, clip.duration, info)
        samples = fade(samples, info.sample_rate, clip.fade_in, clip.fade_out)
        samples, level = normalize(samples, info.sample_rate, lufs)
        tags = {"title": clip.title, "artist": clip.speaker, "album": album}
        files.append(export(samples, info.sample_rate, out / name, fmt, tags))
        measured.append((level.integrated, level.true_peak))
        if captions and cap:
            vtts.append(write_text_atomic(out / cap, captions(episode, clip)))
        if mp4 and shape:
            videos.append(render_audiogram(files[-1], out / cap if cap else None, out / mp4, clip.speaker, shape))
    bites = soundbite_lines((c.start, c.duration, c.title) for c in chosen)
    soundbites = write_text_atomic(out / SOUNDBITES, bites + "\n" if bites else "")
    manifest = write_text_atomic(
        out / MANIFEST, _manifest(episode, audio, chosen, names, caps, mp4s, fmt, lufs, notes, measured)
    )
    return Written(tuple(files), tuple(vtts), manifest, soundbites, tuple(measured), tuple(videos))
