"""``audiokit align AUDIO TRANSCRIPT -o episode.json``: place every word in the audio."""

from __future__ import annotations

import json
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from audiokit import episode_json
from audiokit.align.aligner import align
from audiokit.align.textgrid import to_textgrid
from audiokit.audio import decode_in_background
from audiokit.cli.app import app
from audiokit.cli.common import (
    LanguageOpt,
    SpeakerNamesOpt,
    distinct_outputs,
    existing_file,
    language,
    note,
    safe_output,
    speaker_names,
    warn_all,
)
from audiokit.cli.progress import ProgressBar
from audiokit.errors import MismatchError
from audiokit.textio import write_text_atomic
from audiokit.transcripts import load


class OutputFormat(str, Enum):
    """What ``--format`` writes: episode.json or a Praat TextGrid."""

    json = "json"
    textgrid = "textgrid"


@app.command("align")
def align_command(
    audio: Annotated[Path, typer.Argument(help="The episode's audio (any format ffmpeg reads).")],
    transcript: Annotated[Path, typer.Argument(help="Its transcript (plain speaker turns, timestamped, VTT, SRT, JSON).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the aligned episode.")],
    report: Annotated[Path | None, typer.Option("--report", help="Also write the alignment report (JSON).")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="episode.json, or a Praat TextGrid with word and phone tiers.")] = OutputFormat.json,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Processes to use (default: all cores).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    names: SpeakerNamesOpt = None,
    lang: LanguageOpt = None,
) -> None:
    """Align every transcript word and turn to the audio (acoustic forced alignment, offline).

    Example: audiokit align episode.mp3 transcript.txt -o episode.json --report report.json
    """
    renames = speaker_names(names)
    code = language(lang)
    existing_file(audio)
    distinct_outputs(o=output, report=report)
    safe_output(output, [audio, transcript])
    if report is not None:
        safe_output(report, [audio, transcript])
    decoded = decode_in_background(audio)  # ffmpeg decodes while the transcript is read
    parsed = load(transcript, speaker_names=renames, language=code)
    warn_all(parsed.warnings)
    samples = decoded()
    bar = ProgressBar(quiet)
    try:
        result = align(parsed.episode, samples, workers=workers, phones=fmt is OutputFormat.textgrid, progress=bar)
    except MismatchError as exc:
        raise MismatchError(exc.message, path=audio) from None
    finally:
        bar.close()
    episode = replace(result.episode, metadata=replace(result.episode.metadata, audio=str(audio)))
    detected = parsed.language.detected if parsed.language is not None else None
    result = replace(result, report=replace(result.report, language_detected=detected))
    if fmt is OutputFormat.textgrid:
        write_text_atomic(output, to_textgrid(episode, samples.duration))
    else:
        episode_json.save(episode, output)
    if report is not None:
        write_text_atomic(report, json.dumps(result.report.to_dict(), indent=1, ensure_ascii=False) + "\n")
    note(result.report.summary(), quiet)
    warn_all(f"{transcript}: {w}" for w in result.report.warnings)
    note(f"wrote {output}" + (f" and {report}" if report else ""), quiet)
