"""The alignment, captions, chapters and loudness stages of :func:`audiokit.pipeline.run`: each
computes its result or takes it from the cache, then writes its files into OUT."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from audiokit import episode_json
from audiokit.errors import AudiokitError, InputError, MismatchError
from audiokit.model import Episode
from audiokit.pipeline.cache import stage_key
from audiokit.pipeline.options import CAPTION_FILES, CHAPTER_FILES
from audiokit.pipeline.state import State
from audiokit.text.counts import counted

__all__ = ["Chapters", "align", "captions", "chapters", "embedded_name", "loudness"]


def align(st: State) -> tuple[str, Episode, dict[str, Any]]:
    """The alignment stage: ``(key, aligned episode, report)``, writing ``episode.json`` and
    ``report.json``. The report carries the envelope and audio length the preview draws."""
    began = time.perf_counter()
    renames: dict[str, Any] = {"speaker_names": [list(pair) for pair in st.options.speaker_names]} if st.options.speaker_names else {}
    if st.options.language is not None:
        renames["language"] = st.options.language
    key = stage_key("align", renames, inputs=[st.cache.digest(st.audio), st.cache.digest(st.transcript)])
    record = st.cache.load("align", key)
    if record is None:
        st.progress("align", 0, 1)
        st.progress("reading", 0, 1)
        data = align_compute(st)
        st.cache.save("align", key, data)
    else:
        data = record["data"]
    episode = episode_json.loads(data["episode"], st.transcript)
    st.on_language(episode.metadata.language or "en")  # None reads as English (model.Metadata)
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


def align_compute(st: State) -> dict[str, Any]:
    """Read the transcript, decode the audio and align them: the JSON-able record the cache
    keeps (the episode as text, report, summary, warnings, envelope, audio length)."""
    from audiokit.align.aligner import align
    from audiokit.audio import decode
    from audiokit.preview.timeline import envelope
    from audiokit.transcripts import load

    parsed = load(st.transcript, speaker_names=dict(st.options.speaker_names) or None, language=st.options.language)
    st.on_language(parsed.episode.metadata.language or "en")  # known now, should the audio fail
    samples = decode(st.audio)
    st.decoded = samples  # kept for the clips stage's prosody: the audio is decoded once
    st.progress("reading", 1, 1)
    try:
        result = align(parsed.episode, samples, workers=st.options.workers, progress=st.progress)
    except MismatchError as exc:
        raise MismatchError(exc.message, path=st.audio) from None
    report = replace(result.report, language_detected=parsed.language.detected if parsed.language else None)
    return {
        "episode": episode_json.dumps(result.episode, indent=None),
        "report": report.to_dict(),
        "summary": report.summary(),
        "warnings": list(parsed.warnings) + [f"{st.transcript}: {w}" for w in report.warnings],
        "envelope": envelope(samples.samples),
        "duration": samples.duration,
    }


def captions(st: State, align_key: str, episode: Episode) -> dict[str, Any]:
    """The captions stage: every caption file of :data:`CAPTION_FILES` in the chosen style,
    each WebVTT and SRT file linted (hard violations become warnings); returns its record."""
    from audiokit.captions import build_cues, check, render, summary
    from audiokit.captions.clean import style_named
    from audiokit.captions.readers import parse
    from audiokit.text.language import generic_warnings, language_of

    began = time.perf_counter()
    key = stage_key("captions", {"style": st.options.style, "clean": st.options.clean}, upstream=[align_key])
    record = st.cache.load("captions", key)
    if record is None:
        st.progress("captions", 0, 1)
        style = st.options.caption_style()
        cues = build_cues(episode, style)
        texts = {fmt: render(cues, fmt, episode) for fmt in ("vtt", "json", "html")}
        texts["srt"] = render(build_cues(episode, style, inline_speakers=True), "srt", episode)
        warnings = generic_warnings(language_of(episode))  # every text stage without rules for the language
        lines = {}
        for fmt in ("vtt", "srt"):
            shown = parse(texts[fmt], fmt)
            violations = check(shown, style)
            lines[fmt] = summary(violations, len(shown))
            # Only hard rules warn: a soft one (reading speed of a fast talker, kept verbatim)
            # is in the summary line, as `audiokit lint` exits 0 for it.
            hard = [v for v in violations if v.hard]
            if hard:
                warnings.append(f"{CAPTION_FILES[fmt]} ({style.name} style): {lines[fmt]}")
                warnings += [f"{CAPTION_FILES[fmt]}: {v}" for v in hard][:5]
        srt_line = "" if lines["srt"] == lines["vtt"] else f"; {CAPTION_FILES['srt']} {lines['srt']}"
        data: dict[str, Any] = {
            "texts": texts,
            "cues": len(cues),
            "summary": f"captions ({style_named(style, episode)}): {lines['vtt']}{srt_line}",
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


def chapters(st: State, align_key: str, episode: Episode) -> tuple[str, Chapters, str | None]:
    """The chapters stage: the chapter files of :data:`CHAPTER_FILES` (a format that cannot hold
    these chapters is a warning) and, for MP3 or MP4 audio, a copy of it with the chapters
    inside; returns ``(key, chapters, chapters.vtt text)``."""
    from audiokit.chapters import Chapter, find_chapters, render
    from audiokit.chapters.boundary_model import MODEL_FILE
    from audiokit.chapters.find import fewer_note

    began = time.perf_counter()
    key = stage_key("chapters", {"count": st.options.count, "min_length": st.options.min_length},
                    inputs=[st.cache.digest(MODEL_FILE)], upstream=[align_key])
    record = st.cache.load("chapters", key)
    if record is None:
        st.progress("chapters", 0, 1)
        try:
            found = find_chapters(episode, count=st.options.count, min_length=st.options.min_length)
        except AudiokitError as exc:
            raise InputError(exc.message, path=exc.path or st.transcript) from None
        texts: dict[str, str] = {}
        fewer = fewer_note(st.options.count, len(found), st.options.min_length)
        warnings: list[str] = [] if fewer is None else [f"chapters: {fewer}"]
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
    st.notes.append(f"{counted(len(chapters), 'chapter')}: " + "; ".join(t for _, _, t, _ in chapters[:6])
                    + (" ..." if len(chapters) > 6 else ""))
    st.warnings.extend(data["warnings"])
    embedded = embed(st, key, record, [Chapter(*c) for c in chapters])
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


def embed(st: State, key: str, record: dict[str, Any] | None, chapters: list[Any]) -> Path | None:
    """The copy of the audio with ``chapters`` inside (:func:`embedded_name`), kept when an
    unchanged one is there already; None when its format carries no chapters, and with a
    warning when the audio cannot take them."""
    from audiokit.chapters import into_audio

    name = embedded_name(st.audio)
    if name is None or not chapters:
        return None
    target = st.out / name
    if record is not None and st.cache.outputs_match(record, [target]):
        return target
    st.cache.claim(target)
    try:
        embedded = into_audio.embed(st.audio, target, chapters)
    except InputError as exc:
        st.warnings.append(f"chapters not embedded into a copy of the audio: {exc}")
        return None
    if embedded.note is not None:
        st.warnings.append(f"{st.audio}: {embedded.note}")
    st.cache.record(target)
    st.cache.set_outputs("chapters", key, [target])
    return target


def loudness(st: State, align_key: str, episode: Episode) -> list[str]:
    """The loudness stage: ``loudness.json`` (:mod:`audiokit.loudness`), the episode's loudness
    against the chosen target and its speakers' balance in the summary (returned, for the
    preview), and what a producer should fix (a true peak over the ceiling, speakers far apart,
    a speaker's passage far from their usual level) as warnings, unless ``--level`` writes a
    levelled copy, whose own problems are then the warnings (:func:`~.media.level`)."""
    from audiokit.loudness import TARGETS, lines, measure_episode, problems, to_json
    from audiokit.loudness.meter import measure

    began = time.perf_counter()
    target = st.options.loudness_target
    key = stage_key("loudness", {"target": target}, upstream=[align_key])  # the audio is in the align key
    record = st.cache.load("loudness", key)
    if record is None:
        st.progress("loudness", 0, 1)
        st.measured = measure(st.audio)  # the level stage reads the same audio's blocks
        report = measure_episode(st.audio, episode, st.measured)
        data: dict[str, Any] = {"json": to_json(report, TARGETS[target]), "lines": lines(report, TARGETS[target]),
                                "warnings": problems(report, TARGETS[target])}
        st.cache.save("loudness", key, data)
    else:
        data = record["data"]
    st.put_text("loudness.json", json.dumps(data["json"], indent=1, ensure_ascii=False) + "\n")
    st.notes.extend(data["lines"])
    if not st.options.level:  # else the levelled copy's own problems are what is left to fix
        st.warnings.extend(f"loudness: {w}" for w in data["warnings"])
    st.timed("loudness", began, record is not None)
    return list(data["lines"])
