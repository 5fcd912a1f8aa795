"""``audiokit clips AUDIO EPISODE -o FOLDER``: each speaker's best moments as ready-to-post clips."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from audiokit import episode_json
from audiokit.audio import decode
from audiokit.cli.app import app
from audiokit.cli.common import existing_file, note, warn_all
from audiokit.clips import cut_clips, select_clips
from audiokit.clips.audio import FORMATS, probe
from audiokit.clips.audiogram import SHAPES
from audiokit.clips.captions import caption_maker
from audiokit.clips.platforms import PLATFORMS
from audiokit.clips.platforms import max_seconds as platform_max
from audiokit.clips.prosody import measure
from audiokit.clips.writer import check_audio, check_folder
from audiokit.errors import InputError
from audiokit.model import Episode
from audiokit.text.language import generic_warnings, language_of


def _speaker(episode: Episode, name: str, path: Path) -> str:
    """The episode's speaker called ``name`` (exactly, else case-insensitively)."""
    names = list(dict.fromkeys([s.name for s in episode.speakers] + [t.speaker for t in episode.turns]))
    spoken = {t.speaker for t in episode.turns}
    names = [n for n in names if n in spoken]
    if name in names:
        return name
    folded = [n for n in names if n.casefold() == name.casefold()]
    if len(folded) == 1:
        return folded[0]
    raise InputError(f"no speaker named {name!r} (speakers: {', '.join(names) or 'none'})", path=path)


@app.command("clips")
def clips_command(
    audio: Annotated[Path, typer.Argument(metavar="AUDIO", help="The episode's audio (any format ffmpeg reads).")],
    episode_file: Annotated[Path, typer.Argument(metavar="EPISODE", help="Aligned episode.json.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for the clips (new or empty).")],
    per_speaker: Annotated[int, typer.Option("--per-speaker", min=1, help="Clips per speaker.")] = 3,
    min_seconds: Annotated[
        float, typer.Option("--min-seconds", min=1.0, help="Shortest clip, seconds.")
    ] = 15.0,
    max_seconds: Annotated[
        float | None,
        typer.Option("--max-seconds", min=1.0, help="Longest clip, seconds (default 60, or the --platform's)."),
    ] = None,
    platform: Annotated[
        str | None,
        typer.Option("--platform", help=f"Length preset: {', '.join(f'{k} ({v:g} s)' for k, v in PLATFORMS.items())}."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help=f"Audio format: {', '.join(FORMATS)}.")] = "mp3",
    lufs: Annotated[
        float, typer.Option("--lufs", min=-40.0, max=-5.0, help="Target integrated loudness (LUFS).")
    ] = -16.0,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only this speaker's clips.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace clips an earlier run wrote here.")] = False,
    video: Annotated[
        str | None,
        typer.Option(
            "--video",
            help="Also render an MP4 audiogram per clip (waveform, speaker, captions): "
            "square (1080x1080) or vertical (1080x1920, for Reels, Shorts, TikTok).",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Pick each speaker's most quotable passages and cut them as loudness-matched clips with
    captions, reasons and social captions in clips.json, and Podcasting 2.0 soundbites; with
    --video square|vertical, an MP4 audiogram per clip."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    if video is not None and video not in SHAPES:
        raise typer.BadParameter(f"{video!r} is not one of {', '.join(SHAPES)}", param_hint="--video")
    if platform is not None and platform not in PLATFORMS:
        raise typer.BadParameter(f"{platform!r} is not one of {', '.join(PLATFORMS)}", param_hint="--platform")
    max_seconds = platform_max(platform, max_seconds)
    if min_seconds > max_seconds:
        raise typer.BadParameter(
            f"--min-seconds {min_seconds:g} is above --max-seconds {max_seconds:g}",
            param_hint="--min-seconds",
        )
    episode = episode_json.require_timed(episode_json.load(existing_file(episode_file)), episode_file)
    info = probe(audio)
    check_audio(info, episode, audio)
    check_folder(output, force)
    makes_captions = caption_maker()
    video_notes: list[str] = []
    if video:
        from audiokit.clips.audiogram import video_support

        video_notes = video_support()  # fails before any cutting
    name = None if speaker is None else _speaker(episode, speaker, episode_file)
    decoded = decode(audio)  # once, to 16 kHz mono: the prosody reads it; clips are cut from the source
    if decoded.duration + 1.0 < info.duration:
        # A file cut short keeps its header's length (an MP3's Xing frame says 7:17 of 0:06):
        # only what decodes can be cut, and a clip past it ended in a traceback.
        header, info = info.duration, replace(info, duration=decoded.duration)
        check_audio(info, episode, audio, header=header)
    contours = measure(decoded.samples, decoded.rate)
    del decoded  # 370 MB for 3 hours; nothing after the prosody reads it (clips are cut from the source)
    selection = select_clips(
        episode, per_speaker, min_seconds, max_seconds, name, audio_end=info.duration, prosody=contours
    )
    warn_all([*generic_warnings(language_of(episode), ("clips",)), *selection.warnings, *video_notes])
    written = cut_clips(
        audio,
        episode,
        selection,
        output,
        fmt=fmt,
        lufs=lufs,
        force=force,
        captions=makes_captions,
        warnings=selection.warnings,
        video=video,
    )
    for clip, path, (level, _) in zip(selection, written.files, written.loudness):
        note(f"{path}  {clip.duration:5.1f} s  {level:6.1f} LUFS  {clip.title}", quiet)
    if written.videos:
        note(f"audiograms: {', '.join(p.name for p in written.videos)}", quiet)
    note(f"{written.manifest}, {written.soundbites}", quiet)
