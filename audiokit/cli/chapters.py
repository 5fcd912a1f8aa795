"""``audiokit chapters EPISODE``: chapter markers by topic, titled, in the format podcast apps
read, optionally embedded into a copy of the audio."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from audiokit import episode_json
from audiokit.chapters import FORMATS, SUFFIXES, find_chapters, id3, into_audio, mp4, render
from audiokit.chapters.edit import read_edited
from audiokit.chapters.find import fewer_note
from audiokit.chapters.model import Chapter, episode_end, listed, timed_sentences
from audiokit.chapters.timefmt import short_clock
from audiokit.cli.app import app
from audiokit.cli.common import distinct_outputs, existing_file, note, safe_output, warn, warn_all
from audiokit.errors import AudiokitError, InputError
from audiokit.text.counts import counted
from audiokit.text.language import generic_warnings, language_of
from audiokit.textio import read_text, write_text_atomic

# Also the names `audiokit run` gives these formats: chapters.txt (YouTube lines), chapters.ffmetadata.
_SUFFIXES = {**SUFFIXES, ".txt": "youtube", ".ffmetadata": "ffmetadata"}
# An edited file's first chapter later than this is moved to 0:00 with a warning (earlier ones
# are a rounding or a snap, not a choice).
LATE_OPENING = 1.0


def _format_for(output: Path | None, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError(f"unknown --format {fmt!r} (choose from {', '.join(FORMATS)})")
        return fmt
    if output is None:
        return "podcast-json"
    if output.suffix.lower() not in _SUFFIXES:
        # Writing JSON into chapters.txt or chapters.foo would surprise whoever opens it.
        raise InputError(f"cannot tell the chapter format from {output.name!r}: use a "
                         f"{', '.join(sorted(_SUFFIXES))} name or pass --format ({', '.join(FORMATS)})", path=output)
    return _SUFFIXES[output.suffix.lower()]


def _embed_target(embed: Path | None, embed_out: Path | None, in_place: bool) -> Path | None:
    """Where embedded chapters go, after checking the options and the audio file."""
    if embed is None:
        if embed_out is not None or in_place:
            raise InputError("--embed-out and --in-place need --embed AUDIO")
        return None
    existing_file(embed)
    if in_place and embed_out is not None:
        raise InputError("give either --embed-out or --in-place, not both")
    if not in_place and embed_out is None:
        raise InputError("--embed needs --embed-out OUT (or --in-place to modify the audio file itself)")
    target = embed if in_place else embed_out
    assert target is not None
    if not in_place and target.resolve() == embed.resolve():
        raise InputError("--embed-out is the input audio; use --in-place to modify it", path=target)
    suffix = embed.suffix.lower()
    if suffix == ".mp3":
        id3.check_mp3(embed)
    elif suffix not in mp4.SUFFIXES:
        raise InputError(f"cannot embed chapters into a {suffix or 'suffix-less'} file: "
                         f"use an MP3 (ID3 chapters) or {'/'.join(mp4.SUFFIXES)} (MP4 chapters)", path=embed)
    return target


@app.command("chapters")
def chapters_command(
    episode: Annotated[Path, typer.Argument(help="Aligned episode.json (from `audiokit align`).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Chapters file to write (default: print to stdout).")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help=f"One of {', '.join(FORMATS)} (default: from the -o suffix; podcast-json when printed)."),
    ] = None,
    count: Annotated[int | None, typer.Option("--count", help="This many chapters (fewer, with a warning, when they cannot fit).")] = None,
    min_length: Annotated[
        float, typer.Option("--min-length", min=1.0,
                            help="Shortest chapter in seconds (--count gives at most as many as fit).")
    ] = 30.0,
    embed: Annotated[Path | None, typer.Option("--embed", help="MP3 or M4A/MP4 to embed the chapters into.")] = None,
    embed_out: Annotated[
        Path | None, typer.Option("--embed-out", help="Where the copy of --embed with chapters goes.")
    ] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Write the chapters into the --embed file itself.")] = False,
    from_file: Annotated[
        Path | None, typer.Option("--from", help="Re-export a hand-edited chapters.json instead of finding chapters.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No status line.")] = False,
) -> None:
    """Find chapters by topic, title them, write them (and embed them into the audio)."""
    fmt = _format_for(output, fmt)
    if from_file is not None and count is not None:
        raise InputError("--count cannot be combined with --from (the edited file sets the chapters)")
    target = _embed_target(embed, embed_out, in_place)
    ep = episode_json.require_timed(episode_json.load(episode), episode)
    inputs = [episode, from_file, embed, ep.metadata.source, ep.metadata.audio]
    if output is not None:
        safe_output(output, inputs)
    if target is not None and not in_place:
        distinct_outputs(o=output, embed_out=target)
        safe_output(target, inputs, text=False)
    if from_file is not None:
        try:
            edited = read_edited(read_text(from_file).text, timed_sentences(ep), episode_end(ep))
        except AudiokitError as exc:
            raise InputError(exc.message, path=exc.path or from_file) from None
        chapters = edited.chapters
        if edited.opening > LATE_OPENING:
            warn(f"{from_file}: the first chapter starts at {short_clock(edited.opening)}; it opens at 0:00 "
                 "(a chapter list covers the episode from its start)")
    else:
        try:
            chapters = find_chapters(ep, count=count, min_length=min_length)
            fewer = fewer_note(count, len(chapters), min_length)
            if fewer is not None:
                warn(f"{episode}: {fewer}")
            warn_all(generic_warnings(language_of(ep), ("titles",)))
        except AudiokitError as exc:
            raise InputError(exc.message, path=exc.path or episode) from None
    try:
        text = render(chapters, fmt, ep)
    except AudiokitError as exc:
        raise InputError(exc.message, path=exc.path or output or episode) from None
    if embed is not None and target is not None:
        try:
            embedded = into_audio.embed(embed, target, chapters)
        except AudiokitError as exc:
            raise InputError(exc.message, path=exc.path or embed) from None
        if embedded.note is not None:
            warn(f"{embed}: {embedded.note}")
        note(f"{counted(len(embedded.chapters), 'chapter')} embedded in {target}", quiet)
    if output is not None:
        write_text_atomic(output, text)
        note(f"{_written(chapters, fmt)} ({fmt}) -> {output}", quiet)
    elif embed is None:
        sys.stdout.write(text)


def _written(chapters: Sequence[Chapter], fmt: str) -> str:
    """How many chapters the file lists: the formats that are only a list leave out the ones
    marked ``"toc": false``, which the message says rather than counting chapters not there.

    >>> cs = [Chapter(0, 60, "A", 0), Chapter(60, 90, "Ad", 3, toc=False), Chapter(90, 150, "B", 6)]
    >>> _written(cs, "vtt")
    '2 chapters (1 marked "toc": false left out)'
    >>> _written(cs, "podcast-json")
    '3 chapters'
    """
    shown = len(chapters) if fmt == "podcast-json" else len(listed(chapters))
    hidden = len(chapters) - shown
    left_out = f' ({hidden} marked "toc": false left out)' if hidden else ""
    return counted(shown, "chapter") + left_out
