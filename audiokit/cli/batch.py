"""``audiokit batch SOURCE -o OUT/``: ``audiokit run`` for every episode of a catalogue, on a
local Dask cluster or an existing one."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, TextIO

import typer

from audiokit.batch.runner import BatchOptions, Progress, run_batch, summary_lines
from audiokit.cli.app import app
from audiokit.cli.common import (
    CleanOpt,
    LanguageOpt,
    LevelOpt,
    LoudnessTargetOpt,
    RideOpt,
    SpeakerNamesOpt,
    note,
    warn,
)
from audiokit.cli.run import (
    CountOpt,
    LufsOpt,
    MaxSecondsOpt,
    MinLengthOpt,
    MinSecondsOpt,
    PerSpeakerOpt,
    PlatformOpt,
    QuietOpt,
    SkipOpt,
    StyleOpt,
    VideoOpt,
    _options,
)


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class BatchProgress:
    """The batch's progress on stderr: episodes done/failed/total, hours of audio done and
    time left, redrawn in place on a terminal; one line per finished episode otherwise."""

    def __init__(self, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.drawn = False

    def __call__(self, p: Progress) -> None:
        if self.quiet:
            return
        finished = p.done + p.failed + p.skipped
        left = p.left
        status = (f"{finished}/{p.total} episodes ({p.done} done, {p.failed} failed, {p.skipped} skipped), "
                  f"{p.audio_done / 3600:.2f} of {p.audio_total / 3600:.2f} h of audio, "
                  f"{_clock(left) + ' left' if left is not None else 'time left: estimating'}")
        rec = p.last or {}
        line = None
        if rec.get("status") == "done":
            cached = "all stages cached" if rec.get("seconds") == 0 else f"{rec.get('seconds') or 0:.1f} s"
            line = f"done: {rec['id']} ({cached})"
        elif rec:
            line = f"{rec['status']}: {rec['id']}: {rec.get('reason')}"
        if self.tty:
            self.stream.write("\r\033[K" + (line + "\n" if line else "") + status)
            self.drawn = True
        else:
            self.stream.write(f"[{finished}/{p.total}] {line}" + (f"; {_clock(left)} left" if left else "") + "\n")
        self.stream.flush()

    def close(self) -> None:
        """End the status line redrawn in place, if one was drawn."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


@app.command("batch")
def batch_command(
    source: Annotated[Path, typer.Argument(
        metavar="SOURCE", help="A folder of audio files with same-named transcripts, a manifest (.csv, .jsonl) "
                               "or an RSS feed file (.xml).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for the whole catalogue (created if missing).")],
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Worker processes of the local cluster (default: all cores).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="tcp://HOST:PORT",
        help="Use this existing Dask cluster (its workers need audiokit and the same paths).")] = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="Download http(s) enclosures and transcripts.")] = False,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", metavar="URL", help="Where OUT/ will be published: needed to write OUT/feed.xml.")] = None,
    retries: Annotated[int, typer.Option(
        "--retries", min=0, help="Times an episode whose worker died is tried again on another.")] = 2,
    connect_timeout: Annotated[float, typer.Option(
        "--connect-timeout", min=0.1, help="Seconds to wait for --scheduler and its first worker.")] = 10.0,
    style: StyleOpt = "netflix",
    clean: CleanOpt = False,
    loudness_target: LoudnessTargetOpt = "apple",
    level: LevelOpt = False,
    ride: RideOpt = False,
    count: CountOpt = None,
    min_length: MinLengthOpt = 30.0,
    per_speaker: PerSpeakerOpt = 3,
    min_seconds: MinSecondsOpt = 15.0,
    max_seconds: MaxSecondsOpt = None,
    platform: PlatformOpt = None,
    lufs: LufsOpt = -16.0,
    video: VideoOpt = None,
    skip: SkipOpt = None,
    names: SpeakerNamesOpt = None,
    lang: LanguageOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """`audiokit run` for every episode of a catalogue, in parallel, with OUT/catalog.json, the
    catalogue database and page, and (for a feed, with --base-url) OUT/feed.xml. A re-run does
    only what is new or changed. Exit status: 0 all done, 1 some episode failed, 2 bad arguments,
    130 interrupted.

    Example: audiokit batch show/feed.xml -o site/ --base-url https://example.org/site
    """
    if workers is not None and scheduler is not None:
        raise typer.BadParameter("give --workers or --scheduler, not both", param_hint="--workers")
    started = time.perf_counter()
    options = _options(style, count, min_length, per_speaker, min_seconds, max_seconds, lufs, skip, None, video,
                       platform, names, lang, clean, loudness_target, level, ride)
    bar = BatchProgress(quiet)

    def engine_up(engine: str, differences: Sequence[str]) -> None:
        # Said before any episode runs, so a mismatched cluster can be stopped at once (Ctrl-C).
        note(f"running on {engine}", quiet)
        for line in differences:
            warn(line)

    try:
        result = run_batch(source, output, options,
                           BatchOptions(workers=workers, scheduler=scheduler, fetch=fetch, base_url=base_url,
                                        retries=retries, connect_timeout=connect_timeout),
                           progress=bar, started=engine_up)
    finally:
        bar.close()
    lines = list(summary_lines(result))
    note(lines[0] + f" ({time.perf_counter() - started:.1f} s)", quiet)
    for line in lines[1:]:
        print(f"audiokit: {line}", file=sys.stderr)  # failures and skips are listed even with --quiet
    for line in result.notes:
        note(line, quiet)
    for line in result.warnings:
        warn(line)
    wrote = ["catalog.json"] + [n for n in ("catalog.sqlite", "index.html") if (result.out / n).is_file()]
    if result.feed is not None:
        wrote.append(result.feed.name)
    done = result.count("done")
    folders = "" if not done else " and a folder per episode" if done == len(result.records) else \
        " and a folder per finished episode"  # none when every episode was skipped or failed
    note(f"wrote {result.out}/: {', '.join(wrote)}{folders}", quiet)
    if result.interrupted:
        print("audiokit: interrupted: finished episodes are kept; run the same command again to go on",
              file=sys.stderr)
        raise typer.Exit(130)
    if result.count("failed"):
        raise typer.Exit(1)
