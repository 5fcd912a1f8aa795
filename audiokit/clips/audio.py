"""Clip audio: read a span of the episode with ffmpeg, fade, normalize loudness, export.

This and :mod:`.audiogram` are the modules of :mod:`audiokit.clips` that run processes.
Reading seeks in the source (``-ss`` before ``-i``, then ``-t``), so a one-minute clip of a
two-hour episode decodes about one minute, not the whole file. Loudness is integrated loudness (ITU-R BS.1770, pyloudnorm)
brought to the target; when that would push the true peak (4x oversampled estimate) above
the ceiling, a short look-ahead limiter holds the peaks and the gain is re-adjusted until the
integrated loudness is on target.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audiokit.audio import audio_file
from audiokit.errors import InputError, MissingToolError, OutputError
from audiokit.textio import temporary_sibling

__all__ = [
    "FORMATS",
    "AudioInfo",
    "Loudness",
    "export",
    "fade",
    "normalize",
    "probe",
    "read_span",
    "source_info",
    "true_peak_db",
]

FORMATS = {
    "mp3": ["-c:a", "libmp3lame", "-b:a", "192k", "-id3v2_version", "3", "-f", "mp3"],
    "wav": ["-c:a", "pcm_s16le", "-f", "wav"],
    "m4a": ["-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart", "-f", "ipod"],
}
_MIN_RATE = 32000  # sources below this (16 kHz speech files) are resampled to 44.1 kHz


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise MissingToolError(f"{name} is not installed (Debian: sudo apt-get install ffmpeg)")
    return path


@dataclass(frozen=True)
class AudioInfo:
    """What clips need to know about the source: length, and the rate and channel count the
    clips are processed at (the source's, or 44.1 kHz for low-rate sources)."""

    duration: float
    sample_rate: int
    channels: int


def probe(path: str | Path) -> AudioInfo:
    """Duration, sample rate and channels clips are made at (:func:`source_info`, a rate under
    32 kHz raised to 44.1 kHz, at most two channels; :class:`InputError` if it is missing or not
    audio)."""
    info = source_info(path)
    return AudioInfo(info.duration, info.sample_rate if info.sample_rate >= _MIN_RATE else 44100,
                     min(info.channels, 2))


def source_info(path: str | Path) -> AudioInfo:
    """Duration, sample rate and channels of an audio file's first audio stream, as the file has
    them (:class:`InputError` if it is missing or not audio)."""
    p = audio_file(path)
    cmd = [
        _tool("ffprobe"),
        "-v",
        "error",
        "-select_streams",
        "a:0",
        "-show_entries",
        "stream=sample_rate,channels,duration:format=duration",
        "-of",
        "json",
        str(p),
    ]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True)
    try:
        doc = json.loads(proc.stdout or "{}")
        stream = doc["streams"][0]
        rate, channels = int(stream["sample_rate"]), int(stream["channels"])
        duration = float(stream.get("duration") or doc["format"]["duration"])
    except (KeyError, IndexError, ValueError, TypeError):
        raise InputError("not an audio file ffmpeg can read", path=p) from None
    return AudioInfo(duration, rate, channels)


def read_span(path: str | Path, start: float, duration: float, info: AudioInfo) -> np.ndarray:
    """Samples ``start``..``start + duration`` seconds as float32, shape (frames, channels)."""
    cmd = [
        _tool("ffmpeg"),
        "-v",
        "error",
        "-nostdin",
        "-ss",
        f"{start:.6f}",
        "-t",
        f"{duration:.6f}",
        "-i",
        str(path),
        "-vn",
        "-ac",
        str(info.channels),
        "-ar",
        str(info.sample_rate),
        "-f",
        "f32le",
        "-c:a",
        "pcm_f32le",
        "pipe:1",
    ]
    proc = subprocess.run(cmd, check=False, capture_output=True)
    if proc.returncode != 0:
        last = (proc.stderr.decode(errors="replace").strip().splitlines() or ["ffmpeg failed"])[-1]
        raise InputError(f"cannot read audio at {start:.2f} s: {last}", path=path)
    data = np.frombuffer(proc.stdout, dtype="<f4").astype(np.float32)
    frames = len(data) // info.channels
    return data[: frames * info.channels].reshape(frames, info.channels)


def fade(samples: np.ndarray, rate: int, fade_in: float, fade_out: float) -> np.ndarray:
    """A copy with raised-cosine fades of the given lengths (seconds) at both ends.

    >>> x = fade(np.ones((100, 1), np.float32), 1000, 0.01, 0.02)
    >>> float(x[0, 0]), float(x[50, 0]), float(x[-1, 0])
    (0.0, 1.0, 0.0)
    """
    out = samples.astype(np.float32, copy=True)
    n = len(out)
    for length, head in ((fade_in, True), (fade_out, False)):
        k = min(n, round(length * rate))
        if k < 2:
            continue
        ramp = (0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, k))).astype(np.float32)[:, None]
        if head:
            out[:k] *= ramp
        else:
            out[n - k :] *= ramp[::-1]
    return out


def true_peak_db(samples: np.ndarray, rate: int) -> float:
    """True peak in dBTP, estimated by 4x oversampling (BS.1770 Annex 2).

    >>> t = np.arange(4800) / 48000
    >>> round(true_peak_db(np.sin(2 * np.pi * 1000 * t)[:, None] * 0.5, 48000), 1)
    -6.0
    """
    factor = 4 if rate < 96000 else 2
    from scipy.signal import resample_poly  # scipy loads in ~1 s: only when clips are cut

    up = resample_poly(samples, factor, 1, axis=0)
    peak = float(np.max(np.abs(up))) if up.size else 0.0
    return float(20 * np.log10(peak)) if peak > 0 else float("-inf")


def _peaks(samples: np.ndarray, rate: int) -> np.ndarray:
    """Per-frame true-peak envelope: the largest 4x-oversampled magnitude in each frame."""
    factor = 4 if rate < 96000 else 2
    from scipy.signal import resample_poly

    up = np.abs(resample_poly(samples, factor, 1, axis=0)).max(axis=1)
    frames = len(samples)
    up = np.pad(up, (0, max(0, frames * factor - len(up))))[: frames * factor]
    return up.reshape(frames, factor).max(axis=1)


def _limiter_gain(peaks: np.ndarray, rate: int, gain: float, ceiling_db: float) -> np.ndarray | None:
    """The gain envelope (10 ms look-ahead, 10 ms release) that keeps ``gain * peaks`` under
    the ceiling, or None when no limiting is needed."""
    need = np.minimum(1.0, 10 ** (ceiling_db / 20) / np.maximum(peaks * gain, 1e-12))
    if need.min() >= 1.0:
        return None
    w = max(1, int(0.010 * rate))
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    env = minimum_filter1d(need, size=2 * w + 1, mode="nearest")
    return uniform_filter1d(env, size=w + 1, mode="nearest")


@dataclass(frozen=True)
class Loudness:
    """Integrated loudness (LUFS) and true peak (dBTP) of the normalized clip."""

    integrated: float
    true_peak: float


def normalize(
    samples: np.ndarray, rate: int, lufs: float, ceiling_db: float = -1.5
) -> tuple[np.ndarray, Loudness]:
    """``samples`` brought to ``lufs`` integrated loudness with the true peak at or under
    ``ceiling_db`` (a little under -1 dBTP by default, leaving room for lossy encoding).
    Silence is returned unchanged.

    >>> rng = np.random.default_rng(0)
    >>> noise = (rng.standard_normal((48000 * 3, 1)) * 0.01).astype(np.float32)
    >>> y, m = normalize(noise, 48000, -16.0)
    >>> round(m.integrated, 1), m.true_peak <= -1.5
    (-16.0, True)
    """
    import pyloudnorm

    meter = pyloudnorm.Meter(rate)
    measured = meter.integrated_loudness(samples)
    if not np.isfinite(measured):
        return samples, Loudness(float(measured), true_peak_db(samples, rate))
    gain_db = lufs - measured
    peaks = _peaks(samples, rate)
    out = samples
    for _ in range(8):
        gain = 10 ** (gain_db / 20)
        env = _limiter_gain(peaks, rate, gain, ceiling_db)
        out = (samples * gain if env is None else samples * (gain * env)[:, None]).astype(np.float32)
        measured = meter.integrated_loudness(out)
        if abs(lufs - measured) < 0.05:
            break
        gain_db += lufs - measured
    return out, Loudness(float(measured), true_peak_db(out, rate))


def export(samples: np.ndarray, rate: int, path: str | Path, fmt: str, tags: Mapping[str, str]) -> Path:
    """Encode to ``path`` in ``fmt`` (mp3, wav, m4a) with metadata ``tags``, through a
    temporary file in the same folder renamed into place."""
    meta = [arg for k, v in tags.items() for arg in ("-metadata", f"{k}={v}")]
    args = [
        _tool("ffmpeg"),
        "-v",
        "error",
        "-nostdin",
        "-y",
        "-f",
        "f32le",
        "-ar",
        str(rate),
        "-ac",
        str(samples.shape[1]),
        "-i",
        "pipe:0",
        *meta,
        *FORMATS[fmt],
    ]
    return ffmpeg_into(Path(path), args, f"cannot encode {fmt}",
                       stdin=np.ascontiguousarray(samples, dtype="<f4").tobytes())


def ffmpeg_into(target: Path, args: list[str], what: str, stdin: bytes | None = None) -> Path:
    """Run ffmpeg with ``args`` (everything but the output file) writing to a temporary file
    next to ``target``, then rename it into place; :class:`OutputError` naming ``target``
    (with ``what`` failed and ffmpeg's last line) if anything goes wrong."""
    try:
        tmp = temporary_sibling(target)
    except OSError as exc:
        raise OutputError(f"cannot write here ({exc.strerror or exc})", path=target) from None
    try:
        proc = subprocess.run([*args, str(tmp)], check=False, input=stdin, capture_output=True)
        if proc.returncode != 0:
            last = (proc.stderr.decode(errors="replace").strip().splitlines() or ["ffmpeg failed"])[-1]
            raise OutputError(f"{what}: {last}", path=target)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"cannot write file ({exc.strerror or exc})", path=target) from None
    finally:
        tmp.unlink(missing_ok=True)
    return target
