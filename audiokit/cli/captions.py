"""``audiokit captions`` (captions from an aligned episode) and ``audiokit lint`` (check a
WebVTT, SRT or TTML file against a caption style)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Annotated, Any

import typer

from audiokit import episode_json
from audiokit.captions import FORMATS, STYLES, build_cues, check, read_captions, render, shows_labels, summary
from audiokit.captions.clean import style_named
from audiokit.captions.hls import check_folder, claim_present, replace_hls
from audiokit.captions.lint import Violation
from audiokit.captions.readers import parse
from audiokit.captions.styles import Style
from audiokit.captions.turns import turns
from audiokit.cli.app import app
from audiokit.cli.common import CleanOpt, existing_file, note, safe_output, warn, warn_all
from audiokit.errors import InputError
from audiokit.pipeline.cache import Cache
from audiokit.text.language import generic_warnings, language_of
from audiokit.textio import write_text_atomic

# A paragraph per turn, no cues: a style's cue rules (lines, reading speed) say nothing about them.
_TURN_FORMATS = ("html", "txt")
_EXTENSIONS = {".vtt": "vtt", ".webvtt": "vtt", ".srt": "srt", ".ttml": "ttml", ".json": "json", ".html": "html",
               ".htm": "html", ".txt": "txt"}
# EBU-TT-D files are .xml, which says nothing by itself: audiokit names them NAME.ebuttd.xml.
_DOUBLE_EXTENSIONS = {".ebuttd.xml": "ebu-tt-d"}
_READ_BACK = ("vtt", "srt", "ttml", "ebu-tt-d")  # written, then read back as a player would for the check


def format_of(output: Path) -> str | None:
    """The caption format a file name asks for (``None`` when it does not say).

    >>> format_of(Path("out.SRT")), format_of(Path("ep.ebuttd.xml")), format_of(Path("ep.xml"))
    ('srt', 'ebu-tt-d', None)
    """
    name = output.name.lower()
    for suffix, kind in _DOUBLE_EXTENSIONS.items():
        if name.endswith(suffix):
            return kind
    return _EXTENSIONS.get(output.suffix.lower())

StyleOpt = Annotated[str, typer.Option("--style", help=f"Style preset: {', '.join(STYLES)}.")]
MaxLines = Annotated[int | None, typer.Option("--max-lines", help="Lines per cue (netflix: 2).", min=1)]
MaxChars = Annotated[int | None, typer.Option("--max-chars", help="Characters per line (netflix: 42).", min=8)]
MaxCps = Annotated[
    float | None, typer.Option("--max-cps", help="Reading speed, characters a second (netflix: 17; 0: off).", min=0)
]
MaxWpm = Annotated[
    float | None, typer.Option("--max-wpm", help="Reading speed, words a minute (bbc: 180; 0: off).", min=0)
]
MinDuration = Annotated[float | None, typer.Option("--min-duration", help="Seconds (netflix: 0.833).", min=0)]
MaxDuration = Annotated[float | None, typer.Option("--max-duration", help="Seconds (netflix: 7).", min=0.1)]
MinGap = Annotated[float | None, typer.Option("--min-gap", help="Seconds between cues (netflix: 0.083).", min=0)]
StartTol = Annotated[
    float | None, typer.Option("--start-tolerance", help="Cue start vs first word, seconds (0.125).", min=0)
]
EndLag = Annotated[
    float | None, typer.Option("--max-end-lag", help="Cue end after the last word, seconds (0.5).", min=0)
]


def make_style(name: str, **numbers: Any) -> Style:
    """The preset ``name`` with the numbers given on the command line (0 switches a reading
    speed limit off)."""
    if name not in STYLES:
        raise InputError(f"unknown caption style {name!r} (choose from {', '.join(STYLES)})")
    given = {k: v for k, v in numbers.items() if v is not None}
    for key in ("max_cps", "max_wpm"):
        if given.get(key) == 0:
            given[key] = None
    try:
        return STYLES[name].with_overrides(**given)
    except ValueError as exc:
        message = str(exc)
        for key in (f.name for f in fields(Style)):
            message = message.replace(key, "--" + key.replace("_", "-"))  # as the user typed them
        raise InputError(f"invalid caption settings for style {name}: {message}") from None


def _report_lines(violations: list[Violation], count: int, style: Style) -> list[str]:
    if not violations:
        return []
    fast = [v for v in violations if v.rule == "reading-speed"]
    lines = []
    if fast:
        share = 100 * len({v.index for v in fast}) / max(count, 1)
        lines.append(
            f"{len(fast)} of {count} cues ({share:.1f}%) are faster than the reading speed even after "
            f"using the silence around them, e.g. cue {fast[0].index} at {fast[0].measured}"
        )
    others = [v for v in violations if v.rule != "reading-speed"]
    lines += [str(v) for v in others[:10]]
    if len(others) > 10:
        lines.append(f"... and {len(others) - 10} more ({summary(violations, count)})")
    return lines


@app.command("captions")
def captions_command(
    episode: Annotated[Path, typer.Argument(help="Aligned episode.json (from `audiokit align`).")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="File to write (.vtt, .srt, .ttml, .ebuttd.xml, .json, .html, .txt).")
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)} (default: from the extension)."),
    ] = None,
    style: StyleOpt = "netflix",
    clean: CleanOpt = False,
    split_hls: Annotated[
        int | None,
        typer.Option("--split-hls", help="Also write HLS WebVTT segments of this many seconds and a playlist.", min=1),
    ] = None,
    hls_dir: Annotated[
        Path | None, typer.Option("--hls-dir", help="Folder for the HLS segments (default: OUTPUT name + '-hls').")
    ] = None,
    max_lines: MaxLines = None,
    max_chars: MaxChars = None,
    max_cps: MaxCps = None,
    max_wpm: MaxWpm = None,
    min_duration: MinDuration = None,
    max_duration: MaxDuration = None,
    min_gap: MinGap = None,
    start_tolerance: StartTol = None,
    max_end_lag: EndLag = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No status lines.")] = False,
) -> None:
    """Write captions for an aligned episode: WebVTT with speaker voice tags, SRT, TTML (IMSC 1.1
    Text), EBU-TT-D, Podcasting 2.0 JSON, HTML or plain text, laid out and timed by a broadcast style."""
    chosen = make_style(
        style,
        max_lines=max_lines,
        max_chars=max_chars,
        max_cps=max_cps,
        max_wpm=max_wpm,
        min_duration=min_duration,
        max_duration=max_duration,
        min_gap=min_gap,
        start_tolerance=start_tolerance,
        max_end_lag=max_end_lag,
        clean=clean or None,
    )
    kind = fmt or format_of(output)
    if kind is None:
        raise InputError(f"cannot tell the caption format from {output.name!r}; pass --format ({', '.join(FORMATS)})")
    if kind not in FORMATS:
        raise InputError(f"unknown caption format {kind!r} (choose from {', '.join(FORMATS)})")
    if split_hls is not None and kind != "vtt":
        raise InputError("--split-hls needs WebVTT output (--format vtt)")
    folder, owner, earlier = None, None, []
    if split_hls is not None:
        folder = check_folder(hls_dir or output.with_name(output.stem + "-hls"))
        owner = Cache(folder)  # the record `audiokit run` keeps of the files it wrote into a folder
        earlier = claim_present(folder, owner)  # someone else's segment stops us before any writing
    ep = episode_json.require_timed(episode_json.load(existing_file(episode)), episode)
    safe_output(output, [episode, ep.metadata.source, ep.metadata.audio])
    cues = build_cues(ep, chosen, inline_speakers=shows_labels(kind, chosen, ep))
    text = render(cues, kind, ep, chosen)
    if kind in _TURN_FORMATS:
        write_text_atomic(output, text)
        note(f"wrote {output}: {len(turns(cues))} turns", quiet)
        return
    warn_all(generic_warnings(language_of(ep), ("captions",)))
    shown = parse(text, kind) if kind in _READ_BACK else cues
    violations = check(shown, chosen)
    write_text_atomic(output, text)
    note(f"wrote {output} ({style_named(chosen, ep)}): {summary(violations, len(cues))}", quiet)
    for line in _report_lines(violations, len(cues), chosen):
        warn(line)
    if folder is not None and owner is not None and split_hls is not None:
        files, kept = replace_hls(text, folder, split_hls, owner, earlier, ep.metadata.duration)
        for stale in kept:
            warn(f"{stale}: left in place: an earlier run wrote it but it has changed since")
        note(f"wrote {len(files) - 1} HLS segments and {files[-1]}", quiet)


@app.command("lint")
def lint_command(
    file: Annotated[Path, typer.Argument(help="A WebVTT (.vtt), SRT (.srt) or TTML (IMSC, EBU-TT-D) caption file.")],
    style: StyleOpt = "netflix",
    max_lines: MaxLines = None,
    max_chars: MaxChars = None,
    max_cps: MaxCps = None,
    max_wpm: MaxWpm = None,
    min_duration: MinDuration = None,
    max_duration: MaxDuration = None,
    min_gap: MinGap = None,
) -> None:
    """Check a WebVTT, SRT or TTML file against a caption style: print each violation (cue, time,
    rule, measured value) and a summary; exit status 1 when a hard rule is broken."""
    chosen = make_style(
        style,
        max_lines=max_lines,
        max_chars=max_chars,
        max_cps=max_cps,
        max_wpm=max_wpm,
        min_duration=min_duration,
        max_duration=max_duration,
        min_gap=min_gap,
    )
    cues = read_captions(existing_file(file))
    violations = check(cues, chosen)
    for v in violations:
        print(v)
    print(f"{file}: {summary(violations, len(cues))} ({chosen.name} style)")
    if any(v.hard for v in violations):
        raise typer.Exit(1)
