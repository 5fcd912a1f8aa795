"""The clips and preview stages of :func:`audiokit.pipeline.run`: they cut audio and draw the
timeline, and link the episode's audio into OUT for the preview page."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from audiokit.errors import InputError
from audiokit.model import Episode
from audiokit.pipeline.cache import copy_atomic, stage_key
from audiokit.pipeline.options import CLIP_FORMAT
from audiokit.pipeline.stages import Chapters, embedded_name
from audiokit.pipeline.state import State
from audiokit.text.counts import counted

__all__ = ["clips", "level", "levelled_name", "preview"]


def clips(st: State, align_key: str, episode: Episode) -> tuple[str, dict[str, Any]]:
    """The clips stage. Variety follows the boundary model's topic changes, as in ``audiokit clips``,
    not the chapters: the clips do not move when the automatic chapter count does. The model
    file is one of the stage's inputs, so a retrained model picks the clips again."""
    from audiokit.chapters.boundary_model import MODEL_FILE

    began = time.perf_counter()
    o = st.options
    key = stage_key(
        "clips",
        {"per_speaker": o.per_speaker, "min_seconds": o.min_seconds, "max_seconds": o.max_seconds,
         "lufs": o.lufs, "style": o.style, "clean": o.clean, "format": CLIP_FORMAT, "video": o.video, "platform": o.platform,
         "prosody": 1},
        inputs=[st.cache.digest(MODEL_FILE)],
        upstream=[align_key, "topic-changes"],
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
        decoded = st.decoded if st.decoded is not None else decode(st.audio)
        contours = measure(decoded.samples, decoded.rate)
        # No later stage reads the samples (370 MB for 3 hours): released before the clips are picked and cut.
        st.decoded = None
        del decoded
        try:
            selection = select_clips(episode, o.per_speaker, o.min_seconds, o.max_seconds,
                                     audio_end=info.duration, prosody=contours)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        written = cut_clips(st.audio, episode, selection, folder, fmt=CLIP_FORMAT, lufs=o.lufs, force=True,
                            captions=caption_maker(o.caption_style()), warnings=selection.warnings, video=o.video)
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
    st.notes.append(f"{counted(len(clips), 'clip')} in {folder}")
    st.warnings.extend(f"clips: {w}" for w in data["warnings"])
    st.timed("clips", began, record is not None)
    return key, data["manifest"]


def copy_name(audio: Path, kind: str) -> str:
    """The name of a ``kind`` copy of ``audio`` that a stage writes: in its own format where
    audiokit writes that format, else FLAC.

    >>> copy_name(Path("show/ep 12.mp3"), "levelled"), copy_name(Path("a.aiff"), "tight")
    ('ep 12.levelled.mp3', 'a.tight.flac')
    """
    from audiokit.loudness.apply import SUFFIXES

    return f"{audio.stem}.{kind}{audio.suffix if audio.suffix.lower() in SUFFIXES else '.flac'}"


def levelled_name(audio: Path) -> str:
    """The name of the levelled copy of ``audio`` (:func:`level`, :func:`copy_name`).

    >>> levelled_name(Path("show/ep 12.mp3")), levelled_name(Path("a.aiff"))
    ('ep 12.levelled.mp3', 'a.levelled.flac')
    """
    return copy_name(audio, "levelled")


def level(st: State, align_key: str, episode: Episode, chapters_key: str | None,
          chapters: Chapters | None) -> list[str]:
    """The level stage (``--level``; ``--ride``): a copy of the audio with every speaker at the
    loudness target, each passage far from its speaker's usual level ridden back with ``--ride``
    (:func:`audiokit.loudness.level_episode`), and the chapters inside where its format carries
    them; returns its lines for the preview. What the copy still has to fix is a warning."""
    from audiokit.chapters import Chapter, into_audio
    from audiokit.loudness import TARGETS, level_episode, lines, problems

    began = time.perf_counter()
    o = st.options
    key = stage_key("level", {"target": o.loudness_target, "ride": o.ride}, upstream=[align_key, chapters_key or ""])
    target = st.out / levelled_name(st.audio)
    record = st.cache.load("level", key)
    cached = record is not None and st.cache.outputs_match(record, [target])
    if record is not None and cached:
        data = record["data"]
    else:
        st.progress("level", 0, 1)
        st.cache.claim(target)
        aim = TARGETS[o.loudness_target]
        _, after, plan = level_episode(st.audio, episode, target, aim, ride=o.ride, measured=st.measured)
        warnings = [f"{target.name}: {p}" for p in problems(after, aim)]
        if chapters and embedded_name(target) is not None:
            try:
                into_audio.embed(target, target, [Chapter(*c) for c in chapters])
            except InputError as exc:
                warnings.append(f"chapters not embedded into {target.name}: {exc}")
        gains = ", ".join(f"{name} {gain:+.1f} dB" for name, gain in plan.gains.items()) or "no speaker measured"
        ridden = f"; {counted(len(plan.ridden), 'passage')} ridden" if o.ride else ""
        data = {"lines": [f"levelled copy {target.name}: {gains}{ridden}"]
                + [f"levelled {line}" for line in lines(after, aim)],
                "warnings": warnings}
        st.cache.save("level", key, data)
        st.cache.record(target)
        st.cache.set_outputs("level", key, [target])
    st.files.append(target)
    st.notes.extend(data["lines"])
    st.warnings.extend(data["warnings"])
    st.timed("level", began, cached)
    return list(data["lines"])


def audio_href(st: State, chapters_key: str | None) -> str:
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


def preview(
    st: State,
    align_key: str,
    episode: Episode,
    report: dict[str, Any],
    captions: dict[str, Any] | None,
    chapter_data: tuple[str | None, Chapters | None, str | None],
    clips_key: str | None,
    manifest: dict[str, Any] | None,
    measures: Sequence[str] = (),
) -> None:
    """The preview stage: ``timeline.png`` (kept in the cache) and ``index.html``, the page
    with the audio, captions, chapters and clips of the stages that ran, and ``measures``
    (the loudness stage's lines) in its report."""
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
        lanes = timeline.lanes(episode)
        clip_spans = [
            timeline.ClipSpan(float(c["start"]), float(c["end"]), c["speaker"] or "(unnamed)",
                              f"{(c['speaker'] or '?').split()[0]} #{c['n']}")
            for c in clip_items
        ]
        chapter_marks = [(c[0], c[2]) for c in chapters or []]
        png = timeline.render(duration, report.get("envelope", []), lanes, chapter_marks, clip_spans,
                              episode.metadata.title, episode.metadata.language)
    st.put_bytes("timeline.png", png)
    boxed = timeline.undrawable([episode.metadata.title or "", *(t.speaker for t in episode.turns),
                                 *(c[2] for c in chapters or [])])
    if boxed:  # said on cached runs too, like the other stages' warnings
        st.warnings.append(f"timeline.png: no installed font has every letter of {', '.join(map(repr, boxed))} "
                           "(shown as boxes; a font such as Debian's fonts-noto-core draws them)")
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
        audio=audio_href(st, chapters_key),
        captions_vtt=captions["texts"]["vtt"] if captions else None,
        chapters_vtt=chapters_vtt,
        chapters=[page.ChapterMark(s, e, t) for s, e, t, _ in chapters or []],
        clips=cards,
        timeline_png=png,
        report={k: v for k, v in report.items() if k != "envelope"},
        measures=measures,
        warnings=[w for w in st.warnings if not w.startswith(str(st.transcript))],
    )
    st.put_text("index.html", page.render(preview))
    st.timed("preview", began, record is not None)
