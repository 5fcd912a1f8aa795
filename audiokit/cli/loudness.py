"""``audiokit loudness AUDIO [EPISODE.json]``: the episode's loudness and its speakers' balance;
``audiokit level AUDIO EPISODE.json -o OUT``: a copy with every speaker at the target loudness."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from audiokit import episode_json
from audiokit.cli.app import app
from audiokit.cli.common import existing_file, note, safe_output, warn_all
from audiokit.loudness import TARGETS, level_episode, lines, measure_episode, problems, to_json
from audiokit.loudness.apply import encoder_args
from audiokit.loudness.check import target as loudness_target
from audiokit.textio import write_text_atomic

TargetOpt = Annotated[str, typer.Option("--target", help=f"Where it will play: {', '.join(TARGETS)}.")]


@app.command("loudness")
def loudness_command(
    audio: Annotated[Path, typer.Argument(help="The episode's audio (any format ffmpeg reads).")],
    episode: Annotated[Path | None, typer.Argument(
        help="Its aligned episode.json (from `audiokit align` or `run`): each speaker is measured too.")] = None,
    target: TargetOpt = "apple",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Also write the measures as JSON.")] = None,
) -> None:
    """Measure the episode's loudness (EBU R128: integrated LUFS, true peak, range) against a
    podcast app's target, and each speaker's loudness from an aligned episode. Exit status 1
    when something needs fixing before publishing (a true peak over -1 dBTP, speakers more than
    3 LU apart).

    Example: audiokit loudness episode.mp3 episode-out/episode.json --target spotify
    """
    chosen = loudness_target(target)
    ep = None
    if episode is not None:
        ep = episode_json.require_timed(episode_json.load(existing_file(episode)), episode)
    if output is not None:
        safe_output(output, [audio, episode])
    report = measure_episode(audio, ep)
    for line in lines(report, chosen):
        print(line)
    if output is not None:
        write_text_atomic(output, json.dumps(to_json(report, chosen), indent=1, ensure_ascii=False) + "\n")
        note(f"wrote {output}")
    found = problems(report, chosen)
    warn_all(found)
    if found:
        raise typer.Exit(1)


@app.command("level")
def level_command(
    audio: Annotated[Path, typer.Argument(help="The episode's audio (any format ffmpeg reads).")],
    episode: Annotated[Path, typer.Argument(help="Its aligned episode.json (from `audiokit align` or `run`).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The levelled copy: .mp3, .m4a, .wav, .flac, .ogg or .opus.")],
    target: TargetOpt = "apple",
    ride: Annotated[bool, typer.Option("--ride", help="Also ride the level within each speaker: a passage "
                                       "(5 s or more of whole sentences) more than 1.5 LU from its speaker's "
                                       "usual level is moved back to it, by at most 9 dB.")] = False,
) -> None:
    """Write a copy of the episode with every speaker brought to the target loudness (one gain
    per speaker, changed in the pauses between turns) and peaks held under -2 dBFS; prints the
    loudness before and after. The audio you gave is not changed. Exit status 1 when the copy
    still has something to fix (see `audiokit loudness`).

    Example: audiokit level episode.wav episode-out/episode.json -o episode-levelled.mp3 --ride
    """
    chosen = loudness_target(target)
    encoder_args(output)
    ep = episode_json.require_timed(episode_json.load(existing_file(episode)), episode)
    safe_output(output, [audio, episode, ep.metadata.source], text=False)
    before, after, plan = level_episode(audio, ep, output, chosen, ride=ride)
    gains = ", ".join(f"{name} {gain:+.1f} dB" for name, gain in plan.gains.items())
    print("before: " + "; ".join(lines(before, chosen)))
    print(f"gains: {gains or 'none (no speaker measured)'}; between turns {plan.between:+.1f} dB")
    if ride:
        moves = [r for _, _, r in plan.ridden]
        what = (f", {min(moves):+.1f} to {max(moves):+.1f} dB beyond their speaker's gain" if moves
                else " (every passage within 1.5 LU of its speaker's usual level)")
        print(f"ridden: {len(moves)} passage{'' if len(moves) == 1 else 's'}{what}")
    print("after: " + "; ".join(lines(after, chosen)))
    note(f"wrote {output}")
    left = problems(after, chosen)
    warn_all(left)
    if left:
        raise typer.Exit(1)
