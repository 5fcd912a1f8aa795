r"""Audiograms: an MP4 per clip for social feeds, rendered by one ffmpeg command.

Square 1080x1080 (feeds) or vertical 1080x1920 (Reels, Shorts, TikTok) at 25 fps on a dark
background: the clip's waveform animated in the middle (``showwaves``), the speaker's name
above it (``drawtext``) and the clip's captions burned in below (``subtitles``, from the
clip-relative ``.vtt``), H.264 (yuv420p) with AAC audio. Vertical captions are larger (about
80 px, for a phone held at arm's length) and sit above the bottom fifth of the frame, where
the apps draw their own buttons and text.

Text and file names go into an ffmpeg filtergraph, which has its own escaping in up to three
levels: drawtext's text expansion (``\`` and ``%``), the filter's option parser (``\``, ``'``
and ``:``) and the filtergraph parser (``\``, ``'``, ``[``, ``]``, ``,`` and ``;``).

>>> print(filter_value("a:b,c"))
a\\:b\,c
>>> print(drawtext_value("100% it's"))
100\\\\% it\\\'s
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from audiokit.clips.audio import ffmpeg_into
from audiokit.errors import MissingToolError
from audiokit.fonts import charmap

__all__ = [
    "FONT_CANDIDATES",
    "SHAPES",
    "SIZE",
    "drawtext_value",
    "filter_value",
    "find_font",
    "font_for",
    "render_audiogram",
    "video_support",
]

SIZE = 1080
SHAPES = {"square": (1080, 1080), "vertical": (1080, 1920)}
FPS = 25
BACKGROUND = "0x15171e"
WAVE_COLOR = "0x5ec8f2"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
# Caption style for libass: sizes are in its 384x288 script space (scaled to the frame), so
# FontSize 16 is about 60 px on a 1080 px frame; white on a dark box, bottom centre.
CAPTION_STYLE = (
    "FontName=DejaVu Sans,FontSize=16,PrimaryColour=&H00FFFFFF,OutlineColour=&H00000000,"
    "BackColour=&H80000000,BorderStyle=1,Outline=1.5,Shadow=0,Alignment=2,MarginV=40,MarginL=20,MarginR=20"
)
# Vertical: the script space is scaled to 1920 px high (x6.7), so FontSize 12 is about 80 px;
# MarginV 70 lifts the captions about 470 px off the bottom, clear of the apps' own overlay.
VERTICAL_CAPTION_STYLE = (
    "FontName=DejaVu Sans,FontSize=12,PrimaryColour=&H00FFFFFF,OutlineColour=&H00000000,"
    "BackColour=&H80000000,BorderStyle=1,Outline=1.2,Shadow=0,Alignment=2,MarginV=70,MarginL=12,MarginR=12"
)


def _escape(text: str, special: str) -> str:
    return "".join("\\" + ch if ch in special else ch for ch in text)


def filter_value(value: str) -> str:
    """``value`` escaped for use as one option value inside an ``-filter_complex`` graph:
    first for the filter's option parser, then for the filtergraph parser."""
    return _escape(_escape(value, "\\':"), "\\'[],;")


def drawtext_value(text: str) -> str:
    """``text`` escaped as drawtext's ``text=`` value: drawtext's own expansion (``%`` and
    ``\\``), then :func:`filter_value`. Line breaks become spaces."""
    flat = " ".join(text.split())
    return filter_value(_escape(flat, "\\%"))


@lru_cache(maxsize=1)
def _capabilities(ffmpeg: str) -> tuple[frozenset[str], frozenset[str]]:
    """Names of ffmpeg's encoders and filters."""

    def names(kind: str) -> frozenset[str]:
        proc = subprocess.run(
            [ffmpeg, "-hide_banner", "-nostdin", f"-{kind}"], check=False, capture_output=True, text=True
        )
        found = set()
        for line in proc.stdout.splitlines():
            parts = line.split()
            # "V....D libx264  ..." (encoders) / " ... showwaves  A->V  ..." (filters)
            if len(parts) >= 2 and parts[0] not in {"Encoders:", "Filters:", "------"}:
                found.add(parts[1])
        return frozenset(found)

    return names("encoders"), names("filters")


def _ffmpeg() -> str:
    path = shutil.which("ffmpeg")
    if path is None:
        raise MissingToolError("ffmpeg is not installed (Debian: sudo apt-get install ffmpeg)")
    return path


def video_support(captions: bool = True) -> list[str]:
    """Check that ffmpeg can render audiograms (libx264, aac, the showwaves, overlay and color
    filters and, with captions, subtitles); :class:`MissingToolError` when it cannot. Returns warnings about what will be
    left out (the speaker's name, when drawtext or a font is missing)."""
    encoders, filters = _capabilities(_ffmpeg())
    missing = [e for e in ("libx264", "aac") if e not in encoders]
    missing += [f for f in ("showwaves", "overlay", "color") if f not in filters]
    if captions and "subtitles" not in filters:
        missing.append("subtitles (libass)")
    if missing:
        raise MissingToolError(
            f"--video needs ffmpeg with {', '.join(missing)}; this ffmpeg lacks them "
            "(Debian's ffmpeg package has all of them)"
        )
    warnings = []
    if "drawtext" not in filters:
        warnings.append("ffmpeg has no drawtext filter (libfreetype); audiograms show no speaker name")
    elif find_font() is None:
        warnings.append("no font file found (fonts-dejavu-core); audiograms show no speaker name")
    return warnings


@lru_cache(maxsize=1)
def find_font() -> Path | None:
    """A TrueType font for the speaker's name: fontconfig's sans-serif bold, else a known
    Debian font path, else None."""
    fc = shutil.which("fc-match")
    if fc is not None:
        proc = subprocess.run(
            [fc, "-f", "%{file}", "sans-serif:bold"], check=False, capture_output=True, text=True
        )
        found = Path(proc.stdout.strip()) if proc.returncode == 0 and proc.stdout.strip() else None
        if found is not None and found.suffix.lower() in {".ttf", ".otf"} and found.is_file():
            return found
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    return None


def font_for(text: str) -> Path | None:
    """A font file with every letter of ``text`` (a speaker's name): :func:`find_font` when it
    has them, else a font fontconfig lists as having them all, else None, and the name is left
    out rather than drawn as empty boxes (a Hindi name in DejaVu Sans).

    >>> font_for("") == find_font()
    True
    >>> font_for("\ue000")  # a private-use character no font has
    """
    need = frozenset(ord(ch) for ch in text if not ch.isspace())
    first = find_font()
    if first is None or need <= charmap(first):
        return first
    fc = shutil.which("fc-list")
    if fc is None:
        return None
    charset = " ".join(f"{c:x}" for c in sorted(need))
    proc = subprocess.run([fc, f":charset={charset}", "file"], check=False, capture_output=True, text=True)
    files = sorted({Path(line.split(":")[0]) for line in proc.stdout.splitlines() if line.strip()})
    bold = [f for f in files if "bold" in f.name.lower()]
    return next((f for f in [*bold, *files] if f.suffix.lower() in {".ttf", ".otf"} and need <= charmap(f)), None)


def _graph(
    speaker: str, captions: Path | None, font: Path | None, name_filter: bool, shape: str = "square"
) -> str:
    width, height = SHAPES[shape]
    vertical = shape == "vertical"
    wave_h = width // 3
    wave_y = (height - wave_h) // 2 - (height // 10 if vertical else 0)
    chains = [
        f"color=c={BACKGROUND}:s={width}x{height}:r={FPS}[bg]",
        f"[0:a]showwaves=s={width - 120}x{wave_h}:mode=cline:rate={FPS}:colors={WAVE_COLOR}"
        + ":scale=sqrt,format=rgba[wave]",
    ]
    video = f"[bg][wave]overlay=x=60:y={wave_y}:shortest=1:format=auto"
    if font is not None and name_filter and speaker.strip():
        video += (
            f",drawtext=fontfile={filter_value(str(font))}:text={drawtext_value(speaker)}"
            f":expansion=normal:fontsize={80 if vertical else 64}:fontcolor=white:x=(w-text_w)/2"
            f":y={height // 5 if vertical else height // 6}"
        )
    if captions is not None:
        style = VERTICAL_CAPTION_STYLE if vertical else CAPTION_STYLE
        video += (
            f",subtitles=filename={filter_value(str(captions))}:original_size={width}x{height}"
            f":force_style={filter_value(style)}"
        )
    video += ",format=yuv420p[v]"
    return ";".join([*chains, video])


_VOICE_TAG = re.compile(r"</?v(?:[.\s][^>]*)?>")


def burn_in_text(vtt: str) -> str:
    """The WebVTT ``vtt`` without voice spans, for ffmpeg to burn in: its WebVTT decoder prints
    the entities inside a tag, so ``<v Tom &amp; Jerry>`` showed as "& Jerry" before every line
    (the name is drawn above the waveform anyway). Valid WebVTT escapes ``>`` in a voice name.

    >>> burn_in_text('00:00.000 --> 00:01.000\\n<v Tom &amp; Jerry>Hi &amp; bye</v>')
    '00:00.000 --> 00:01.000\\nHi &amp; bye'
    """
    return _VOICE_TAG.sub("", vtt)


def render_audiogram(
    audio: str | Path, captions: str | Path | None, target: str | Path, speaker: str, shape: str = "square"
) -> Path:
    """Render ``target`` (MP4): the audiogram of the clip ``audio`` with ``speaker``'s name and
    the clip-relative captions file ``captions`` (None: no captions) burned in, ``shape``
    ``"square"`` (1080x1080) or ``"vertical"`` (1080x1920). Written to a
    temporary name beside ``target`` and renamed into place; :class:`OutputError` naming
    ``target`` when ffmpeg fails."""
    ffmpeg = _ffmpeg()
    out = Path(target)
    _, filters = _capabilities(ffmpeg)
    if shape not in SHAPES:
        raise ValueError(f"unknown video shape {shape!r} (one of {', '.join(SHAPES)})")
    with tempfile.TemporaryDirectory(prefix="audiokit-audiogram-") as work:
        burn = None
        if captions is not None:
            burn = Path(work) / "captions.vtt"
            burn.write_text(burn_in_text(Path(captions).read_text(encoding="utf-8")), encoding="utf-8")
        return _render(ffmpeg, Path(audio), burn, out, speaker, shape, "drawtext" in filters)


def _render(ffmpeg: str, audio: Path, captions: Path | None, out: Path, speaker: str, shape: str,
            name_filter: bool) -> Path:
    graph = _graph(speaker, captions, font_for(speaker), name_filter, shape)
    cmd = [
        ffmpeg,
        "-v",
        "error",
        "-nostdin",
        "-y",
        "-i",
        str(audio),
        "-filter_complex",
        graph,
        "-map",
        "[v]",
        "-map",
        "0:a",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-crf",
        "23",
        "-pix_fmt",
        "yuv420p",
        "-r",
        str(FPS),
        "-c:a",
        "aac",
        "-b:a",
        "160k",
        "-shortest",
        "-movflags",
        "+faststart",
        "-f",
        "mp4",
    ]
    return ffmpeg_into(out, cmd, "cannot render the audiogram")

