"""``audiokit loudness AUDIO [EPISODE.json]``: the episode's loudness and its speakers' balance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from audiokit import episode_json
from audiokit.cli.app import app
from audiokit.cli.common import existing_file, note, safe_output, warn_all
from audiokit.errors import InputError
from audiokit.loudness import TARGETS, lines, measure_episode, problems, to_json
from audiokit.textio import write_text_atomic


@app.command("loudness")
def loudness_command(
    audio: Annotated[Path, typer.Argument(help="The episode's audio (any format ffmpeg reads).")],
    episode: Annotated[Path | None, typer.Argument(
        help="Its aligned episode.json (from `audiokit align` or `run`): each speaker is measured too.")] = None,
    target: Annotated[str, typer.Option("--target", help=f"Where it will play: {', '.join(TARGETS)}.")] = "apple",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Also write the measures as JSON.")] = None,
) -> None:
    """Measure the episode's loudness (EBU R128: integrated LUFS, true peak, range) against a
    podcast app's target, and each speaker's loudness from an aligned episode. Exit status 1
    when something needs fixing before publishing (a true peak over -1 dBTP, speakers more than
    3 LU apart).

    Example: audiokit loudness episode.mp3 episode-out/episode.json --target spotify
    """
    if target not in TARGETS:
        raise InputError(f"unknown loudness target {target!r} (choose from {', '.join(TARGETS)})")
    ep = None
    if episode is not None:
        ep = episode_json.require_timed(episode_json.load(existing_file(episode)), episode)
    if output is not None:
        safe_output(output, [audio, episode])
    report = measure_episode(audio, ep)
    chosen = TARGETS[target]
    for line in lines(report, chosen):
        print(line)
    if output is not None:
        write_text_atomic(output, json.dumps(to_json(report, chosen), indent=1, ensure_ascii=False) + "\n")
        note(f"wrote {output}")
    found = problems(report, chosen)
    warn_all(found)
    if found:
        raise typer.Exit(1)
