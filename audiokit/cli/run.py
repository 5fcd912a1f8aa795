"""``audiokit run AUDIO TRANSCRIPT -o OUT/`` (everything for one episode) and ``audiokit demo``
(the same for the sample episode in ``samples/``)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, TextIO

import typer

from audiokit.captions import STYLES
from audiokit.cli.app import app
from audiokit.cli.common import (
    CleanOpt,
    LanguageOpt,
    LevelOpt,
    LoudnessTargetOpt,
    MaxPauseOpt,
    RideOpt,
    SpeakerNamesOpt,
    TightenOpt,
    language,
    note,
    speaker_names,
    warn_all,
)
from audiokit.cli.progress import ProgressBar
from audiokit.clips.audiogram import SHAPES
from audiokit.clips.platforms import PLATFORMS
from audiokit.clips.platforms import max_seconds as platform_max
from audiokit.errors import InputError
from audiokit.pipeline import SKIPPABLE, Options, Result, run

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
_STARTED = time.perf_counter()  # about when the command started (command modules load at start-up)


class StageProgress(ProgressBar):
    """The progress display of ``audiokit run``: stage, percent and time left, redrawn in place
    on a terminal; one line per finished stage otherwise."""

    def __init__(self, quiet: bool = False, stream: TextIO | None = None) -> None:
        super().__init__(quiet, stream)
        self.first_seen: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        self.first_seen.setdefault(stage, now)
        if stage != self.stage:
            self._switch(stage, now)
        self.finished = done >= total
        elapsed = now - self.began
        if self.tty:
            width = 30
            share = done / max(total, 1)
            left = elapsed / done * (total - done) if done else 0.0
            filled = int(width * share)
            self.stream.write(
                f"\r{stage:<18} [{'#' * filled}{'.' * (width - filled)}] {share:4.0%}"
                f"  {int(left) // 60}:{int(left) % 60:02d} left "
            )
            self.stream.flush()
        elif done == total:
            self.stream.write(f"{stage}: done ({now - self.first_seen[stage]:.1f} s)\n")
            self.stream.flush()


def _report(result: Result, quiet: bool) -> None:
    for line in result.notes:
        note(line, quiet)
    ran = [s.name for s in result.stages if not s.cached]
    reused = [s.name for s in result.stages if s.cached]
    how = f"ran {', '.join(ran) or 'nothing'}" + (f"; reused {', '.join(reused)} from the cache" if reused else "")
    out = result.out
    shown = sorted({p.relative_to(out).parts[0] if p.is_relative_to(out) else str(p) for p in result.files})
    shown = [f"{name}/" if (out / name).is_dir() else name for name in shown]
    note(f"wrote {out}/: {', '.join(shown)}", quiet)
    note(f"{how} ({time.perf_counter() - _STARTED:.1f} s)", quiet)
    if (out / "index.html") in result.files:
        note(f"open {out / 'index.html'} in a browser to check the episode", quiet)
    warn_all(result.warnings)


def _options(style: str, count: int | None, min_length: float, per_speaker: int, min_seconds: float,
             max_seconds: float | None, lufs: float, skip: list[str] | None, workers: int | None,
             video: str | None = None, platform: str | None = None, names: str | None = None,
             lang: str | None = None, clean: bool = False, loudness_target: str = "apple",
             level: bool = False, ride: bool = False, tighten: bool = False,
             max_pause: float | None = None) -> Options:
    for name in skip or []:
        if name not in SKIPPABLE:
            raise typer.BadParameter(f"{name!r} is not one of {', '.join(SKIPPABLE)}", param_hint="--skip")
    if video is not None and video not in SHAPES:
        raise typer.BadParameter(f"{video!r} is not one of {', '.join(SHAPES)}", param_hint="--video")
    if platform is not None and platform not in PLATFORMS:
        raise typer.BadParameter(f"{platform!r} is not one of {', '.join(PLATFORMS)}", param_hint="--platform")
    max_seconds = platform_max(platform, max_seconds)
    if min_seconds > max_seconds:
        raise typer.BadParameter(f"--min-seconds {min_seconds:g} is above --max-seconds {max_seconds:g}",
                                 param_hint="--min-seconds")
    return Options(style=style, count=count, min_length=min_length, per_speaker=per_speaker,
                   min_seconds=min_seconds, max_seconds=max_seconds, lufs=lufs, skip=frozenset(skip or []),
                   workers=workers, video=video, platform=platform,
                   speaker_names=tuple((speaker_names(names) or {}).items()), language=language(lang),
                   clean=clean, loudness_target=loudness_target, level=level, ride=ride,
                   tighten=tighten or max_pause is not None, max_pause=0.8 if max_pause is None else max_pause)


StyleOpt = Annotated[str, typer.Option("--style", help=f"Caption style: {', '.join(STYLES)}.")]
CountOpt = Annotated[int | None, typer.Option(
    "--count", min=1, help="This many chapters (fewer, with a warning, when they cannot fit).")]
MinLengthOpt = Annotated[float, typer.Option("--min-length", min=1.0, help="Shortest chapter, seconds.")]
PerSpeakerOpt = Annotated[int, typer.Option("--per-speaker", min=1, help="Clips per speaker.")]
MinSecondsOpt = Annotated[float, typer.Option("--min-seconds", min=1.0, help="Shortest clip, seconds.")]
MaxSecondsOpt = Annotated[
    float | None, typer.Option("--max-seconds", min=1.0, help="Longest clip, seconds (default 60, or the --platform's).")
]
PlatformOpt = Annotated[
    str | None,
    typer.Option("--platform", help="Clip length preset: " + ", ".join(f"{k} ({v:g} s)" for k, v in PLATFORMS.items()) + "."),
]
LufsOpt = Annotated[float, typer.Option("--lufs", min=-40.0, max=-5.0, help="Clip loudness (LUFS).")]
VideoOpt = Annotated[
    str | None,
    typer.Option("--video", help="Also render an MP4 audiogram per clip: square (1080x1080) or vertical (1080x1920)."),
]
SkipOpt = Annotated[
    list[str] | None,
    typer.Option("--skip", metavar="STAGE", help=f"Leave a stage out (repeatable): {', '.join(SKIPPABLE)}."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display or summary (warnings stay).")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", min=1, help="Processes for alignment (default: all cores).")]


def _run(audio: Path, transcript: Path, output: Path, options: Options, quiet: bool) -> None:
    bar = StageProgress(quiet)
    try:
        result = run(audio, transcript, output, options, progress=bar)
    finally:
        bar.close()
    _report(result, quiet)


@app.command("run")
def run_command(
    audio: Annotated[Path, typer.Argument(metavar="AUDIO", help="The episode's audio (any format ffmpeg reads).")],
    transcript: Annotated[Path, typer.Argument(metavar="TRANSCRIPT", help="Its transcript (any format audiokit reads).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for everything (created if missing).")],
    style: StyleOpt = "netflix",
    clean: CleanOpt = False,
    loudness_target: LoudnessTargetOpt = "apple",
    level: LevelOpt = False,
    ride: RideOpt = False,
    tighten: TightenOpt = False,
    max_pause: MaxPauseOpt = None,
    count: CountOpt = None,
    min_length: MinLengthOpt = 30.0,
    per_speaker: PerSpeakerOpt = 3,
    min_seconds: MinSecondsOpt = 15.0,
    max_seconds: MaxSecondsOpt = None,
    platform: PlatformOpt = None,
    lufs: LufsOpt = -16.0,
    video: VideoOpt = None,
    skip: SkipOpt = None,
    quiet: QuietOpt = False,
    workers: WorkersOpt = None,
    names: SpeakerNamesOpt = None,
    lang: LanguageOpt = None,
) -> None:
    """Everything for one episode: alignment, captions, chapters, clips, timeline and a preview
    page (OUT/index.html). A re-run reuses the stages whose inputs and options did not change.

    Example: audiokit run episode.mp3 transcript.txt -o episode-out/
    """
    options = _options(style, count, min_length, per_speaker, min_seconds, max_seconds, lufs, skip, workers, video,
                       platform, names, lang, clean, loudness_target, level, ride, tighten, max_pause)
    _run(audio, transcript, output, options, quiet)


@app.command("demo")
def demo_command(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Folder for the results.")
    ] = SAMPLES.parent / "out" / "demo",
    style: StyleOpt = "netflix",
    clean: CleanOpt = False,
    loudness_target: LoudnessTargetOpt = "apple",
    level: LevelOpt = False,
    ride: RideOpt = False,
    tighten: TightenOpt = False,
    max_pause: MaxPauseOpt = None,
    count: CountOpt = None,
    min_length: MinLengthOpt = 30.0,
    per_speaker: PerSpeakerOpt = 3,
    min_seconds: MinSecondsOpt = 15.0,
    max_seconds: MaxSecondsOpt = None,
    platform: PlatformOpt = None,
    lufs: LufsOpt = -16.0,
    video: VideoOpt = None,
    skip: SkipOpt = None,
    quiet: QuietOpt = False,
    workers: WorkersOpt = None,
) -> None:
    """`audiokit run` on the 7-minute sample episode in samples/ (episode.mp3, episode.txt)."""
    audio, transcript = SAMPLES / "episode.mp3", SAMPLES / "episode.txt"
    if not audio.is_file() or not transcript.is_file():
        raise InputError("the sample episode (episode.mp3 and episode.txt) is not there; "
                         "run the demo from a clone of the audiokit repository", path=SAMPLES)
    options = _options(style, count, min_length, per_speaker, min_seconds, max_seconds, lufs, skip, workers, video,
                       platform, clean=clean, loudness_target=loudness_target, level=level, ride=ride,
                       tighten=tighten, max_pause=max_pause)
    _run(audio, transcript, output, options, quiet)
    if not quiet:
        # Where, for scripts; the summary above already says which page to open, if one was written.
        print(f"results: {output.resolve()}", file=sys.stdout)
