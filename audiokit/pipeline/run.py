"""The whole pipeline for one episode: align, captions, chapters, clips, preview.

:func:`run` calls the stage libraries in order and writes everything into one output folder::

    OUT/episode.json  report.json                          alignment
    OUT/captions.vtt  captions.srt  transcript.json  transcript.html
    OUT/chapters.json chapters.vtt  chapters.txt  chapters.ffmetadata  chapters.psc.xml
    OUT/<audio>.chapters.mp3|m4a                           chapters embedded (MP3/M4A input)
    OUT/clips/                                             clips, clips.json, soundbites.xml
    OUT/timeline.png  index.html                           the preview
    OUT/.audiokit-cache/                                   finished stages (see .cache)

Each stage is keyed by the content of its inputs, its options and the stages it reads
(:func:`audiokit.pipeline.cache.stage_key`); a stage whose key is in the cache is not run
again, and an output that still holds what the cache says is not written again. Only files
audiokit wrote are ever replaced; every file goes to a temporary name first.

Library code: progress goes to the ``progress(stage, done, total)`` callback, and what a
person should read comes back in the :class:`Result`.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from audiokit import episode_json
from audiokit.errors import AudiokitError, InputError, MismatchError, OutputError
from audiokit.model import Episode
from audiokit.pipeline.cache import Cache, copy_atomic, stage_key
from audiokit.textio import write_bytes_atomic

__all__ = ["SKIPPABLE", "STAGES", "Options", "Result", "StageRun", "run"]

Progress = Callable[[str, int, int], None]

STAGES = ("align", "captions", "chapters", "clips", "preview")
SKIPPABLE = STAGES[1:]
CLIP_FORMAT = "mp3"
CHAPTER_FILES = {
    "podcast-json": "chapters.json",
    "vtt": "chapters.vtt",
    "youtube": "chapters.txt",
    "ffmetadata": "chapters.ffmetadata",
    "psc": "chapters.psc.xml",
}
CAPTION_FILES = {"vtt": "captions.vtt", "srt": "captions.srt", "json": "transcript.json", "html": "transcript.html"}


@dataclass(frozen=True)
class Options:
    """What the stages are asked for (the defaults are those of the single commands)."""

    style: str = "netflix"
    count: int | None = None
    min_length: float = 30.0
    per_speaker: int = 3
    min_seconds: float = 15.0
    max_seconds: float = 60.0
    lufs: float = -16.0
    video: str | None = None  # "square" or "vertical": an MP4 audiogram beside each clip
    platform: str | None = None  # the length preset max_seconds came from (part of the clips key)
    skip: frozenset[str] = frozenset()
    workers: int | None = None
    speaker_names: tuple[tuple[str, str], ...] = ()  # --speaker-names: (label, name) pairs

    def __post_init__(self) -> None:
        from audiokit.captions import STYLES

        unknown = set(self.skip) - set(SKIPPABLE)
        if unknown:
            raise InputError(f"cannot skip {', '.join(sorted(unknown))} (stages: {', '.join(SKIPPABLE)})")
        if self.style not in STYLES:
            raise InputError(f"unknown caption style {self.style!r} (choose from {', '.join(STYLES)})")
        if self.count is not None and self.count < 1:
            raise InputError("--count must be at least 1")
        if self.per_speaker < 1:
            raise InputError("--per-speaker must be at least 1")
        if not 1.0 <= self.min_seconds <= self.max_seconds:
            raise InputError(f"need 1 <= --min-seconds <= --max-seconds, got {self.min_seconds:g} and "
                             f"{self.max_seconds:g}")
        if not -40.0 <= self.lufs <= -5.0:
            raise InputError(f"--lufs {self.lufs:g} is out of range (-40 to -5)")
        from audiokit.clips.audiogram import SHAPES
        from audiokit.clips.platforms import PLATFORMS

        if self.video is True:  # the earlier boolean form: a square audiogram
            object.__setattr__(self, "video", "square")
        if self.video is not None and self.video not in SHAPES:
            raise InputError(f"--video {self.video!r} is not one of {', '.join(SHAPES)}")
        if self.platform is not None and self.platform not in PLATFORMS:
            raise InputError(f"--platform {self.platform!r} is not one of {', '.join(PLATFORMS)}")


@dataclass(frozen=True)
class StageRun:
    """How a stage went: ``cached`` when its result came from the cache."""

    name: str
    cached: bool
    seconds: float


@dataclass(frozen=True)
class Result:
    """What :func:`run` did: the stages, the files written or kept (in OUT), lines for people
    (``notes``) and ``warnings``."""

    out: Path
    stages: tuple[StageRun, ...]
    files: tuple[Path, ...]
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    coverage: float


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class _State:
    audio: Path
    transcript: Path
    out: Path
    options: Options
    progress: Progress
    cache: Cache
    decoded: Any = None  # the episode's 16 kHz mono samples, when this run decoded them
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stages: list[StageRun] = field(default_factory=list)

    # -- writing into OUT --------------------------------------------------------------

    def put_bytes(self, name: str, data: bytes) -> Path:
        """Write ``OUT/name`` unless it already holds exactly ``data`` (written by us)."""
        path = self.out / name
        digest = _sha(data)
        if not (self.cache.wrote(path) and self.cache.digest(path) == digest):
            self.cache.claim(path)
            write_bytes_atomic(path, data)
            self.cache.remember(path, digest)
            self.cache.record(path, digest)
        self.files.append(path)
        return path

    def put_text(self, name: str, text: str) -> Path:
        return self.put_bytes(name, text.encode("utf-8"))

    def timed(self, name: str, began: float, cached: bool) -> None:
        self.stages.append(StageRun(name, cached, time.perf_counter() - began))
        self.progress(name + (" (reused)" if cached else ""), 1, 1)


def run(
    audio: str | Path,
    transcript: str | Path,
    out: str | Path,
    options: Options | None = None,
    progress: Progress | None = None,
) -> Result:
    """Run every stage not in ``options.skip`` for one episode into the folder ``out``."""
    opts = options or Options()
    audio, transcript, out = Path(audio), Path(transcript), Path(out)
    for given in (audio, transcript):
        if not given.exists():
            raise InputError("no such file", path=given)
        if given.is_dir():
            raise InputError("is a folder, not a file", path=given)
    if out.exists() and not out.is_dir():
        raise OutputError("exists and is not a folder", path=out)
    if not out.exists() and not (out.parent if str(out.parent) else Path(".")).is_dir():
        raise OutputError("cannot create the output folder: its parent folder does not exist", path=out)
    cache = Cache(out)
    cache.open()
    st = _State(audio, transcript, out, opts, progress or (lambda stage, done, total: None), cache)
    try:
        align_key, episode, report = _align(st)
        cues_data = None if "captions" in opts.skip else _captions(st, align_key, episode)
        chapters_key, chapters, chapters_vtt = (
            (None, None, None) if "chapters" in opts.skip else _chapters(st, align_key, episode)
        )
        clips_key, manifest = (None, None) if "clips" in opts.skip else _clips(st, align_key, chapters_key,
                                                                               chapters, episode)
        if "preview" not in opts.skip:
            _preview(st, align_key, episode, report, cues_data, (chapters_key, chapters, chapters_vtt),
                     clips_key, manifest)
    finally:
        cache.flush()
    return Result(out, tuple(st.stages), tuple(dict.fromkeys(st.files)), tuple(st.notes),
                  tuple(dict.fromkeys(st.warnings)), float(report.get("coverage", 0.0)))


# -- stages -----------------------------------------------------------------------------


def _align(st: _State) -> tuple[str, Episode, dict[str, Any]]:
    began = time.perf_counter()
    renames = {"speaker_names": [list(pair) for pair in st.options.speaker_names]} if st.options.speaker_names else {}
    key = stage_key("align", renames, inputs=[st.cache.digest(st.audio), st.cache.digest(st.transcript)])
    record = st.cache.load("align", key)
    if record is None:
        st.progress("align", 0, 1)
        st.progress("reading", 0, 1)
        data = _align_compute(st)
        st.cache.save("align", key, data)
    else:
        data = record["data"]
    episode = episode_json.loads(data["episode"], st.transcript)
    episode = replace(episode, metadata=replace(episode.metadata, audio=str(st.audio)))
    st.put_text("episode.json", episode_json.dumps(episode))
    st.put_text("report.json", json.dumps(data["report"], indent=1, ensure_ascii=False) + "\n")
    st.notes.extend(data["summary"].splitlines())
    st.warnings.extend(data["warnings"])
    report = dict(data["report"])
    report["envelope"] = data["envelope"]
    report["audio_duration"] = data["duration"]
    st.timed("align", began, record is not None)
    return key, episode, report


def _align_compute(st: _State) -> dict[str, Any]:
    from audiokit.align.aligner import align
    from audiokit.audio import decode
    from audiokit.preview.timeline import envelope
    from audiokit.transcripts import load

    parsed = load(st.transcript, speaker_names=dict(st.options.speaker_names) or None)
    samples = decode(st.audio)
    st.decoded = samples  # kept for the clips stage's prosody: the audio is decoded once
    st.progress("reading", 1, 1)
    try:
        result = align(parsed.episode, samples, workers=st.options.workers, progress=st.progress)
    except MismatchError as exc:
        raise MismatchError(exc.message, path=st.audio) from None
    report = result.report
    return {
        "episode": episode_json.dumps(result.episode, indent=None),
        "report": report.to_dict(),
        "summary": report.summary(),
        "warnings": list(parsed.warnings) + [f"{st.transcript}: {w}" for w in report.warnings],
        "envelope": envelope(samples.samples),
        "duration": samples.duration,
    }


def _captions(st: _State, align_key: str, episode: Episode) -> dict[str, Any]:
    from audiokit.captions import build_cues, check, get_style, render, summary
    from audiokit.captions.readers import parse

    began = time.perf_counter()
    key = stage_key("captions", {"style": st.options.style}, upstream=[align_key])
    record = st.cache.load("captions", key)
    if record is None:
        st.progress("captions", 0, 1)
        style = get_style(st.options.style)
        cues = build_cues(episode, style)
        texts = {fmt: render(cues, fmt, episode) for fmt in ("vtt", "json", "html")}
        texts["srt"] = render(build_cues(episode, style, inline_speakers=True), "srt", episode)
        warnings = []
        lines = {}
        for fmt in ("vtt", "srt"):
            shown = parse(texts[fmt], fmt)
            violations = check(shown, style)
            lines[fmt] = summary(violations, len(shown))
            if violations:
                warnings.append(f"{CAPTION_FILES[fmt]} ({style.name} style): {lines[fmt]}")
                warnings += [f"{CAPTION_FILES[fmt]}: {v}" for v in violations if v.hard][:5]
        data: dict[str, Any] = {
            "texts": texts,
            "cues": len(cues),
            "summary": f"captions ({style.name} style): {lines['vtt']}",
            "warnings": warnings,
        }
        st.cache.save("captions", key, data)
    else:
        data = record["data"]
    for fmt, name in CAPTION_FILES.items():
        st.put_text(name, data["texts"][fmt])
    st.notes.append(data["summary"])
    st.warnings.extend(data["warnings"])
    st.timed("captions", began, record is not None)
    return dict(data)


Chapters = list[tuple[float, float, str, int]]


def _chapters(st: _State, align_key: str, episode: Episode) -> tuple[str, Chapters, str | None]:
    from audiokit.chapters import Chapter, find_chapters, render

    began = time.perf_counter()
    key = stage_key("chapters", {"count": st.options.count, "min_length": st.options.min_length},
                    upstream=[align_key])
    record = st.cache.load("chapters", key)
    if record is None:
        st.progress("chapters", 0, 1)
        try:
            found = find_chapters(episode, count=st.options.count, min_length=st.options.min_length)
        except AudiokitError as exc:
            raise InputError(exc.message, path=exc.path or st.transcript) from None
        texts: dict[str, str] = {}
        warnings: list[str] = []
        for fmt, name in CHAPTER_FILES.items():
            try:
                texts[fmt] = render(found, fmt, episode)
            except AudiokitError as exc:
                warnings.append(f"{name} not written: {exc.message}")
        data: dict[str, Any] = {
            "chapters": [[c.start, c.end, c.title, c.first_sentence_index] for c in found],
            "texts": texts,
            "warnings": warnings,
        }
        st.cache.save("chapters", key, data)
    else:
        data = record["data"]
    for fmt, text in data["texts"].items():
        st.put_text(CHAPTER_FILES[fmt], text)
    chapters = [(float(s), float(e), str(t), int(i)) for s, e, t, i in data["chapters"]]
    st.notes.append(f"{len(chapters)} chapters: " + "; ".join(t for _, _, t, _ in chapters[:6])
                    + (" ..." if len(chapters) > 6 else ""))
    st.warnings.extend(data["warnings"])
    embedded = _embed(st, key, record, [Chapter(*c) for c in chapters])
    if embedded is not None:
        st.files.append(embedded)
    st.timed("chapters", began, record is not None)
    return key, chapters, data["texts"].get("vtt")


def embedded_name(audio: Path) -> str | None:
    """The name of the copy of ``audio`` with chapters inside, or None when its format
    cannot carry chapters audiokit writes (MP3: ID3; M4A/M4B/MP4: MP4 chapters).

    >>> embedded_name(Path("show/ep 12.mp3")), embedded_name(Path("a.flac"))
    ('ep 12.chapters.mp3', None)
    """
    from audiokit.chapters import mp4

    suffix = audio.suffix.lower()
    if suffix == ".mp3" or suffix in mp4.SUFFIXES:
        return f"{audio.stem}.chapters{audio.suffix}"
    return None


def _embed(st: _State, key: str, record: dict[str, Any] | None, chapters: list[Any]) -> Path | None:
    from audiokit.chapters import id3, mp4

    name = embedded_name(st.audio)
    if name is None or not chapters:
        return None
    target = st.out / name
    if record is not None and st.cache.outputs_match(record, [target]):
        return target
    st.cache.claim(target)
    try:
        if st.audio.suffix.lower() == ".mp3":
            id3.embed(st.audio, target, chapters)
        else:
            mp4.embed(st.audio, target, chapters)
    except InputError as exc:
        st.warnings.append(f"chapters not embedded into a copy of the audio: {exc}")
        return None
    st.cache.record(target)
    st.cache.set_outputs("chapters", key, [target])
    return target


def _clips(
    st: _State, align_key: str, chapters_key: str | None, chapters: list[Any] | None, episode: Episode
) -> tuple[str, dict[str, Any]]:
    began = time.perf_counter()
    o = st.options
    key = stage_key(
        "clips",
        {"per_speaker": o.per_speaker, "min_seconds": o.min_seconds, "max_seconds": o.max_seconds,
         "lufs": o.lufs, "style": o.style, "format": CLIP_FORMAT, "video": o.video, "platform": o.platform,
         "prosody": 1},
        upstream=[align_key, chapters_key or "own-chapters"],
    )
    folder = st.out / "clips"
    record = st.cache.load("clips", key)
    if record is not None:
        names = record["files"]
        paths = [folder / n for n in names]
        if not st.cache.outputs_match(record, paths):
            from audiokit.clips.writer import check_folder  # imported only when needed: it loads scipy

            present = check_folder(folder, force=True)
            folder.mkdir(exist_ok=True)
            for stale in sorted(present - set(names)):
                (folder / stale).unlink(missing_ok=True)  # an earlier run's own clip file
            for n in names:
                copy_atomic(st.cache.file("clips", key, n), folder / n)
            st.cache.set_outputs("clips", key, paths)
        data = record["data"]
    else:
        from audiokit.audio import decode
        from audiokit.clips import cut_clips, select_clips
        from audiokit.clips.audio import probe
        from audiokit.clips.captions import caption_maker
        from audiokit.clips.prosody import measure
        from audiokit.clips.writer import check_audio, check_folder

        st.progress("clips", 0, 1)
        check_folder(folder, force=True)
        info = probe(st.audio)
        check_audio(info, episode, st.audio)
        sections: Any = [c[0] for c in chapters] if chapters is not None else "chapters"
        decoded = st.decoded if st.decoded is not None else decode(st.audio)
        contours = measure(decoded.samples, decoded.rate)
        try:
            selection = select_clips(episode, o.per_speaker, o.min_seconds, o.max_seconds,
                                     audio_end=info.duration, sections=sections, prosody=contours)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        written = cut_clips(st.audio, episode, selection, folder, fmt=CLIP_FORMAT, lufs=o.lufs, force=True,
                            captions=caption_maker(o.style), warnings=selection.warnings, video=o.video)
        produced = [*written.files, *written.captions, *written.videos, written.manifest, written.soundbites]
        manifest = json.loads(written.manifest.read_text(encoding="utf-8"))
        data = {"manifest": manifest, "warnings": list(selection.warnings)}
        st.cache.save("clips", key, data, {p.name: p for p in produced})
        paths = produced
        st.cache.set_outputs("clips", key, paths)
    for p in paths:
        st.cache.record(p)
    st.files.extend(paths)
    clips = data["manifest"].get("clips", [])
    st.notes.append(f"{len(clips)} clips in {folder}")
    st.warnings.extend(f"clips: {w}" for w in data["warnings"])
    st.timed("clips", began, record is not None)
    return key, data["manifest"]


def _audio_href(st: _State, chapters_key: str | None) -> str:
    """The episode audio as the page refers to it: the copy with chapters, the input itself
    when it lies inside OUT, or a hard link (else a copy) of it in OUT."""
    name = embedded_name(st.audio)
    if chapters_key is not None and name is not None and (st.out / name).is_file():
        return quote(name)
    out, src = st.out.resolve(), st.audio.resolve()
    if src.is_relative_to(out):
        return quote(src.relative_to(out).as_posix())
    target = st.out / st.audio.name
    if target.exists() and os.path.samefile(target, src):
        st.files.append(target)
        return quote(st.audio.name)
    st.cache.claim(target)
    tmp = st.out / f".{st.audio.name}.{os.getpid()}.part"
    try:
        os.link(src, tmp)
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)
        copy_atomic(src, target)
    st.cache.record(target, st.cache.digest(src))
    st.files.append(target)
    return quote(st.audio.name)


def _preview(
    st: _State,
    align_key: str,
    episode: Episode,
    report: dict[str, Any],
    captions: dict[str, Any] | None,
    chapter_data: tuple[str | None, Chapters | None, str | None],
    clips_key: str | None,
    manifest: dict[str, Any] | None,
) -> None:
    from audiokit.preview import page, timeline

    began = time.perf_counter()
    chapters_key, chapters, chapters_vtt = chapter_data
    st.progress("preview", 0, 1)
    duration = float(report.get("audio_duration") or report.get("duration") or 0.0)
    key = stage_key("timeline", {}, upstream=[align_key, chapters_key or "", clips_key or ""])
    record = st.cache.load("timeline", key)
    clip_items = (manifest or {}).get("clips", [])
    if record is not None:
        png = st.cache.file("timeline", key, "timeline.png").read_bytes()
    else:
        spans: dict[str, list[tuple[float, float]]] = {}
        for turn in episode.turns:
            if turn.start is not None and turn.end is not None:
                spans.setdefault(turn.speaker, []).append((turn.start, turn.end))
        order = [s.name for s in episode.speakers if s.name in spans] + [n for n in spans
                                                                           if not episode.speaker(n)]
        lanes = [timeline.Lane(name or "(unnamed)", tuple(spans[name])) for name in order]
        clip_spans = [
            timeline.ClipSpan(float(c["start"]), float(c["end"]), c["speaker"] or "(unnamed)",
                              f"{(c['speaker'] or '?').split()[0]} #{c['n']}")
            for c in clip_items
        ]
        png = timeline.render(duration, report.get("envelope", []), lanes,
                              [(c[0], c[2]) for c in chapters or []], clip_spans, episode.metadata.title)
    st.put_bytes("timeline.png", png)
    if record is None:
        st.cache.save("timeline", key, None, {"timeline.png": st.out / "timeline.png"})
    cards = [
        page.ClipCard(
            href="clips/" + quote(c["file"]), speaker=c["speaker"], n=int(c["n"]), start=float(c["start"]),
            end=float(c["end"]), title=c["title"], text=c["text"], score=float(c["score"]),
            scores={k: float(v) for k, v in (c.get("scores") or {}).items()},
            reasons=[str(r) for r in c.get("reasons") or []], caption=str(c.get("social_caption") or ""),
        )
        for c in clip_items
    ]
    preview = page.Preview(
        episode=episode,
        audio=_audio_href(st, chapters_key),
        captions_vtt=captions["texts"]["vtt"] if captions else None,
        chapters_vtt=chapters_vtt,
        chapters=[page.ChapterMark(s, e, t) for s, e, t, _ in chapters or []],
        clips=cards,
        timeline_png=png,
        report={k: v for k, v in report.items() if k != "envelope"},
        warnings=[w for w in st.warnings if not w.startswith(str(st.transcript))],
    )
    st.put_text("index.html", page.render(preview))
    st.timed("preview", began, record is not None)
