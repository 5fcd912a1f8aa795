"""The whole pipeline for one episode: align, captions, chapters, clips, preview.

:func:`run` calls the stage libraries in order and writes everything into one output folder::

    OUT/episode.json  report.json                          alignment
    OUT/captions.vtt  captions.srt  transcript.json  transcript.html
    OUT/chapters.json chapters.vtt  chapters.txt  chapters.ffmetadata  chapters.psc.xml
    OUT/<audio>.chapters.mp3|m4a                           chapters embedded (MP3/M4A input)
    OUT/<audio>.tight.<ext>  episode.tight.json  cuts.txt  --tighten: the stages below work on this copy
    OUT/clips/                                             clips, clips.json, soundbites.xml
    OUT/timeline.png  index.html                           the preview
    OUT/.audiokit-cache/                                   finished stages (see .cache)

Each stage is keyed by the content of its inputs, its options and the stages it reads
(:func:`audiokit.pipeline.cache.stage_key`); a stage whose key is in the cache is not run
again, and an output that still holds what the cache says is not written again. Only files
audiokit wrote are ever replaced; every file goes to a temporary name first.

Library code: progress goes to the ``progress(stage, done, total)`` callback, and what a
person should read comes back in the :class:`Result`. ``on_language(code)`` is told the
episode's language as soon as the run knows it (``--language``'s, else once the transcript is
read), so that a caller can say it of a run that fails after that.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from audiokit.errors import InputError, OutputError
from audiokit.pipeline import media, stages, tighten
from audiokit.pipeline.cache import Cache
from audiokit.pipeline.options import CAPTION_FILES, CHAPTER_FILES, SKIPPABLE, STAGES, Options
from audiokit.pipeline.state import Progress, StageRun, State

__all__ = ["SKIPPABLE", "STAGES", "Options", "Result", "StageRun", "run"]


@dataclass(frozen=True)
class Result:
    """What :func:`run` did: the stages, the files written or kept (in OUT), lines for people
    (``notes``) and ``warnings``; ``title``: the episode's title as its transcript gives it
    (``metadata.title``), None when it gives none; ``language``: the aligned episode's
    ``metadata.language`` (ISO 639-1; None reads as English)."""

    out: Path
    stages: tuple[StageRun, ...]
    files: tuple[Path, ...]
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    coverage: float
    title: str | None = None
    language: str | None = None


def _planned_files(audio: Path, opts: Options) -> list[str]:
    """The files a run with ``opts`` writes into OUT under fixed names (the clips stage
    checks its own folder; the preview's link to the audio depends on the chapters).

    >>> _planned_files(Path("ep.wav"), Options(skip=frozenset({"captions", "chapters", "clips", "loudness"})))
    ['episode.json', 'report.json', 'timeline.png', 'index.html']
    >>> _planned_files(Path("ep.mp3"), Options(skip=frozenset({"captions", "clips", "preview"}), tighten=True, level=True))[2:]
    ['ep.tight.mp3', 'episode.tight.json', 'cuts.txt', 'chapters.json', 'chapters.vtt', 'chapters.txt', 'chapters.ffmetadata', 'chapters.psc.xml', 'ep.tight.chapters.mp3', 'loudness.json', 'ep.tight.levelled.mp3']
    """
    names = ["episode.json", "report.json"]
    if opts.tighten:
        names += [tighten.tightened_name(audio), *tighten.FILES]
        audio = Path(tighten.tightened_name(audio))  # the later stages' audio
    if "captions" not in opts.skip:
        names += CAPTION_FILES.values()
    if "chapters" not in opts.skip:
        names += CHAPTER_FILES.values()
        embedded = stages.embedded_name(audio)
        names += [embedded] if embedded else []
    if "loudness" not in opts.skip:
        names += ["loudness.json"]
    if opts.level:
        names += [media.levelled_name(audio)]
    if "preview" not in opts.skip:
        names += ["timeline.png", "index.html"]
    return names


def run(
    audio: str | Path,
    transcript: str | Path,
    out: str | Path,
    options: Options | None = None,
    progress: Progress | None = None,
    on_language: Callable[[str], None] | None = None,
) -> Result:
    """Run every stage not in ``options.skip`` for one episode into the folder ``out``;
    ``on_language`` is told the episode's language once the run knows it."""
    opts = options or Options()
    if on_language is not None and opts.language is not None:
        on_language(opts.language)
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
    for name in _planned_files(audio, opts):
        cache.claim(out / name)  # someone else's file in the way stops the run now, not after the alignment
    created = not out.exists()
    cache.open()
    st = State(audio, transcript, out, opts, progress or (lambda stage, done, total: None), cache,
               on_language=on_language or (lambda code: None))
    try:
        align_key, episode, report = stages.align(st)
        if opts.tighten:
            st, align_key, episode, report = tighten.tighten(st, align_key, episode, report)
        cues_data = None if "captions" in opts.skip else stages.captions(st, align_key, episode)
        chapters_key, chapters, chapters_vtt = (
            (None, None, None) if "chapters" in opts.skip else stages.chapters(st, align_key, episode)
        )
        clips_key, manifest = (None, None) if "clips" in opts.skip else media.clips(st, align_key, episode)
        measures = [] if "loudness" in opts.skip else stages.loudness(st, align_key, episode)
        if opts.level:
            measures += media.level(st, align_key, episode, chapters_key, chapters)
        if "preview" not in opts.skip:
            media.preview(st, align_key, episode, report, cues_data, (chapters_key, chapters, chapters_vtt),
                          clips_key, manifest, measures)
    except BaseException:
        if created and not st.stages:
            # Bad input found before any stage finished (audio ffmpeg cannot read, a transcript of
            # other audio): the folder this run made holds only what it wrote, and nothing of use.
            shutil.rmtree(out, ignore_errors=True)
        else:
            cache.flush()
        raise
    cache.flush()
    return Result(out, tuple(st.stages), tuple(dict.fromkeys(st.files)), tuple(st.notes),
                  tuple(dict.fromkeys(st.warnings)), float(report.get("coverage", 0.0)), episode.metadata.title,
                  episode.metadata.language)
