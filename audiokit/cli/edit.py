"""``audiokit tighten AUDIO EPISODE.json -o OUT``: a copy with long pauses shortened and written
hesitations cut, and the episode re-timed to it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from audiokit import episode_json
from audiokit.chapters.timefmt import short_clock
from audiokit.cli.app import app
from audiokit.cli.common import distinct_outputs, existing_file, note, safe_output
from audiokit.edit import Settings, audacity_labels, tighten_episode
from audiokit.edit.plan import cuttable
from audiokit.loudness.apply import encoder_args
from audiokit.model import Episode
from audiokit.text.language import language_of
from audiokit.textio import write_text_atomic


@app.command("tighten")
def tighten_command(
    audio: Annotated[Path, typer.Argument(help="The episode's audio (any format ffmpeg reads).")],
    episode: Annotated[Path, typer.Argument(help="Its aligned episode.json (from `audiokit align` or `run`).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The tightened copy: .mp3, .m4a, .wav, .flac, "
                                         ".ogg or .opus.")],
    episode_out: Annotated[Path | None, typer.Option(
        "--episode-out", help="The episode re-timed to the copy (default: OUT's name with .episode.json).")] = None,
    labels: Annotated[Path | None, typer.Option(
        "--labels", help="The cuts as Audacity labels over the original (default: OUT's name with .cuts.txt).")] = None,
    max_pause: Annotated[float, typer.Option("--max-pause", min=0.2, max=10.0,
                                             help="Longest pause kept, in seconds: longer ones are shortened to it.")] = 0.8,
    keep_hesitations: Annotated[bool, typer.Option("--keep-hesitations",
                                                   help="Shorten pauses only; leave every um and uh.")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No status lines.")] = False,
) -> None:
    """Write a copy of the episode with every pause longer than --max-pause shortened to it and
    the hesitations the transcript writes (um, uh, er; each language's own) cut out. A cut falls
    only where the audio is quiet between words the aligner placed; a hesitation said in the same
    breath as its neighbours stays, and so does any pause holding a transcriber's note such as
    [laughs]. The episode re-timed to the copy is written beside it, so `audiokit captions`,
    `chapters` and `clips` work on the copy as they do on the original; the cuts are written as
    Audacity labels over the original so you can hear each one. The audio you gave is not changed.

    Example: audiokit tighten episode.wav episode-out/episode.json -o episode-tight.mp3 --max-pause 1.0
    """
    encoder_args(output)
    episode_out = episode_out or output.with_name(output.stem + ".episode.json")
    labels = labels or output.with_name(output.stem + ".cuts.txt")
    distinct_outputs(o=output, episode_out=episode_out, labels=labels)
    ep = episode_json.require_timed(episode_json.load(existing_file(episode)), episode)
    inputs = [audio, episode, ep.metadata.source]
    safe_output(output, inputs, text=False)
    safe_output(episode_out, inputs)
    safe_output(labels, inputs)
    done = tighten_episode(audio, ep, output, Settings(max_pause=max_pause, hesitations=not keep_hesitations))
    episode_json.save(done.episode, episode_out)
    write_text_atomic(labels, audacity_labels(done.cuts))
    pauses = [c for c in done.cuts if not c.words]
    held = [c for c in done.cuts if c.words]
    cut_words = sum(len(c.words) for c in held)
    written = _hesitations(ep)
    said = f"cut {len(pauses)} pause{'' if len(pauses) == 1 else 's'} ({sum(c.duration for c in pauses):.1f} s)"
    if written and not keep_hesitations:
        said += (f" and {cut_words} of {written} written hesitation{'' if written == 1 else 's'} "
                 f"({sum(c.duration for c in held):.1f} s)")
    print(f"{said}: {short_clock(done.duration)} -> {short_clock(done.duration - done.removed)}")
    if written > cut_words and not keep_hesitations:
        note(f"kept {written - cut_words} hesitation{'' if written - cut_words == 1 else 's'} said without a "
             "clear pause either side, or placed by estimate (a cut there could clip a word)", quiet)
    note(f"wrote {output}, {episode_out}, {labels}", quiet)


def _hesitations(ep: Episode) -> int:
    language = language_of(ep)
    return sum(1 for w in ep.words() if w.timed and cuttable(w, language))

