"""ffmpeg's EBU R128 meter at the edge: :func:`measure` runs it over an audio file.

ffmpeg's ``ebur128`` filter measures ITU-R BS.1770-4 loudness on the file's own channels and
sample rate (a mono file is measured as mono, a stereo one as stereo), streaming, so three hours
cost no more memory than a minute. It reports the integrated loudness, the loudness range and
the true peak (4x oversampled), and, through ``ametadata``, the momentary loudness of the 400 ms
ending at every 100 ms step: the gating blocks of BS.1770, from which :mod:`.gating` measures any
part of the episode.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from audiokit.audio import audio_file, ffmpeg_path, ffmpeg_reason
from audiokit.errors import InputError

__all__ = ["Measurement", "measure", "parse"]


@dataclass(frozen=True)
class Measurement:
    """What the meter read from a file: integrated loudness (LUFS; ``None`` for silence), loudness
    range (LU), true peak (dBTP), the number of channels, and the blocks: ``blocks[k]`` is the
    loudness (LUFS) of the 400 ms ending at ``ends[k]`` seconds."""

    integrated: float | None
    loudness_range: float
    true_peak: float
    channels: int
    ends: tuple[float, ...]
    blocks: tuple[float, ...]


_FRAME = re.compile(r"^frame:\d+\s+pts:\d+\s+pts_time:([0-9.]+)")
_VALUE = re.compile(r"^lavfi\.r128\.M=(-?[0-9.]+|-?inf|nan)")
_STREAM = re.compile(r"Stream #0:\d+.*?: Audio: [^,]+, \d+ Hz, ([^,]+)")
_LAYOUTS = {"mono": 1, "stereo": 2, "2.1": 3, "quad": 4, "5.0": 5, "5.1": 6, "7.1": 8}


def _summary(stderr: str, name: str) -> float | None:
    """The value after ``name:`` in the summary ffmpeg prints last (``None`` for ``-inf``)."""
    tail = stderr[stderr.rfind("Summary:"):]
    m = re.search(rf"\b{name}:\s+(-?inf|-?[0-9.]+)", tail)
    if m is None:
        raise ValueError(f"no {name} in ffmpeg's loudness summary")
    return None if "inf" in m.group(1) else float(m.group(1))


def _channels(stderr: str) -> int:
    m = _STREAM.search(stderr)
    if m is None:
        return 2
    layout = m.group(1).strip()
    count = re.match(r"(\d+) channels", layout)
    return int(count.group(1)) if count else _LAYOUTS.get(layout.split("(")[0], 2)


def parse(stdout: str, stderr: str) -> Measurement:
    """The :class:`Measurement` in ffmpeg's output: the ``ametadata`` lines on ``stdout``, the
    stream line and the summary on ``stderr``.

    >>> out = "frame:0    pts:0       pts_time:0\\nlavfi.r128.M=-120.7\\nframe:1    pts:4410    pts_time:0.1\\nlavfi.r128.M=-23.5\\n"
    >>> err = ("Stream #0:0: Audio: mp3, 44100 Hz, mono, fltp, 64 kb/s\\nSummary:\\n I: -23.5 LUFS\\n"
    ...        " LRA: 3.0 LU\\n Peak: -1.3 dBFS\\n")
    >>> m = parse(out, err)
    >>> m.integrated, m.true_peak, m.channels, m.ends, m.blocks
    (-23.5, -1.3, 1, (0.1, 0.2), (-120.7, -23.5))
    """
    ends, blocks, at = [], [], None
    for line in stdout.splitlines():
        if (frame := _FRAME.match(line)) is not None:
            at = float(frame.group(1))
        elif (value := _VALUE.match(line)) is not None and at is not None:
            text = value.group(1)
            ends.append(round(at + 0.1, 3))  # the frame's 100 ms are the last of the block
            blocks.append(-200.0 if "inf" in text or text == "nan" else float(text))
    loudness_range = _summary(stderr, "LRA")
    peak = _summary(stderr, "Peak")
    return Measurement(_summary(stderr, "I"), loudness_range or 0.0, -200.0 if peak is None else peak,
                       _channels(stderr), tuple(ends), tuple(blocks))


def measure(path: str | Path) -> Measurement:
    """Measure the first audio stream of ``path`` with ffmpeg's EBU R128 meter.

    Raises :class:`InputError` naming the file when ffmpeg cannot read it, and
    :class:`~audiokit.errors.MissingToolError` when ffmpeg is not installed.
    """
    p = audio_file(path)
    cmd = [ffmpeg_path(), "-nostdin", "-nostats", "-hide_banner", "-i", str(p), "-map", "0:a:0",
           "-af", "ebur128=metadata=1:peak=true,ametadata=mode=print:key=lavfi.r128.M:file=/dev/stdout",
           "-f", "null", "-"]
    proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace", check=False)
    if proc.returncode != 0:
        raise InputError(f"cannot measure loudness ({ffmpeg_reason(proc.stderr, str(p))})", path=path)
    try:
        return parse(proc.stdout, proc.stderr)
    except ValueError as exc:
        raise InputError(f"cannot measure loudness ({exc})", path=path) from None
