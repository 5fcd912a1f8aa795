"""Applying a levelling :class:`~.level.Plan` to an audio file, at the edge: ffmpeg decodes
the file (its own channels and sample rate, as 32-bit floats), each block of samples is
multiplied by the plan's gain curve here, and a second ffmpeg encodes the result through a
look-ahead limiter (``alimiter``, delay compensated so no word moves) that holds peaks under
:data:`LIMIT_DBFS`, leaving room for lossy encoding. It limits at four times the sample rate, so
the peaks between samples are held too (a true-peak limiter): limiting the samples alone let a
16 kHz recording brought up 14 dB reach -0.1 dBTP, its samples all under -2 dBFS.
Memory stays at a block whatever the length; the output is written to a temporary name in its
folder and renamed when complete.
"""

from __future__ import annotations

import functools
import os
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from audiokit.audio import audio_file, ffmpeg_path, ffmpeg_reason
from audiokit.errors import InputError, OutputError
from audiokit.loudness.level import Plan
from audiokit.textio import parent_folder, temporary_sibling

__all__ = ["LIMIT_DBFS", "apply_plan", "encoder_args"]

LIMIT_DBFS = -2.0
BLOCK = 1 << 16  # sample frames per block
# Besides the clips' formats (audiokit.clips.audio.FORMATS), the lossless and open ones an episode may be.
_MORE = {".flac": ["-c:a", "flac", "-f", "flac"], ".ogg": ["-c:a", "libvorbis", "-q:a", "6", "-f", "ogg"],
         ".opus": ["-c:a", "libopus", "-b:a", "96k", "-f", "opus"]}
SUFFIXES = (".mp3", ".m4a", ".wav", *_MORE)


def encoder_args(output: Path) -> list[str]:
    """The codec arguments for ``output``'s extension; :class:`InputError` for one audiokit
    does not write.

    >>> encoder_args(Path("ep.mp3"))[:2]
    ['-c:a', 'libmp3lame']
    """
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"cannot write {output.suffix or 'a file without an extension'}: "
                         f"name it .{', .'.join(k[1:] for k in SUFFIXES)}", path=output)
    if suffix in _MORE:
        return _MORE[suffix]
    from audiokit.clips.audio import FORMATS  # imported only when needed: the clips package is large

    return FORMATS[suffix[1:]]


@functools.cache
def _resampler(ffmpeg: str) -> str:
    """aresample's options for the limiter's round trip to four times the rate and back: soxr
    where ffmpeg has it (Debian's does), else ffmpeg's own resampler with a long filter. Both keep
    the band to 99.5% of Nyquist, so where the limiter does not act the copy is the input times
    the gain (within 0.002 of full scale on white noise; tested)."""
    try:
        conf = subprocess.run([ffmpeg, "-hide_banner", "-buildconf"], check=False, capture_output=True,
                              text=True).stdout
    except OSError:
        conf = ""
    if "--enable-libsoxr" in conf:
        return ":resampler=soxr:precision=20:cutoff=0.995"
    return ":filter_size=256:cutoff=0.995:phase_shift=12"


def apply_plan(audio: str | Path, plan: Plan, output: str | Path) -> Path:
    """Write ``audio`` with ``plan``'s gains applied to ``output`` (format from its extension)."""
    source, target = audio_file(audio), Path(output)
    codec = encoder_args(target)
    from audiokit.clips.audio import source_info  # imported only when needed: the clips package is large

    info = source_info(source)
    rate, channels = info.sample_rate, info.channels
    parent_folder(target)
    try:
        temp = temporary_sibling(target)
    except OSError as exc:
        raise OutputError(f"cannot write here ({exc.strerror or exc})", path=target) from None
    ffmpeg = ffmpeg_path()
    decode = [ffmpeg, "-nostdin", "-v", "error", "-i", str(source), "-map", "0:a:0", "-ac", str(channels),
              "-ar", str(rate), "-f", "f32le", "-"]
    limit = 10 ** (LIMIT_DBFS / 20)
    quality = _resampler(ffmpeg)
    encode = [ffmpeg, "-v", "error", "-y", "-f", "f32le", "-ar", str(rate), "-ac", str(channels), "-i", "-",
              "-af", (f"aresample={4 * rate}{quality},alimiter=limit={limit:.4f}:level=false:latency=true,"
                      f"aresample={rate}{quality}"), "-map_metadata", "-1", *codec, str(temp)]
    try:
        with tempfile.TemporaryFile() as dec_err, tempfile.TemporaryFile() as enc_err:
            dec = subprocess.Popen(decode, stdout=subprocess.PIPE, stderr=dec_err)
            enc = subprocess.Popen(encode, stdin=subprocess.PIPE, stderr=enc_err)
            assert dec.stdout is not None and enc.stdin is not None
            done = 0
            frame = 4 * channels
            pending = b""
            try:
                while chunk := dec.stdout.read(BLOCK * frame):
                    data = pending + chunk
                    whole = len(data) // frame * frame
                    data, pending = data[:whole], data[whole:]
                    samples = np.frombuffer(data, dtype="<f4").reshape(-1, channels)
                    gains = plan.curve(done / rate, len(samples), rate)[:, None]
                    enc.stdin.write((samples * gains).astype("<f4").tobytes())
                    done += len(samples)
                enc.stdin.close()
            except BrokenPipeError:
                pass
            dec.wait()
            enc.wait()
            if dec.returncode != 0:
                dec_err.seek(0)
                reason = ffmpeg_reason(dec_err.read().decode("utf-8", "replace"), str(source))
                raise InputError(f"cannot decode audio ({reason})", path=source)
            if enc.returncode != 0:
                enc_err.seek(0)
                said = enc_err.read().decode("utf-8", "replace").strip().splitlines()
                raise OutputError(f"cannot write audio ({(said[-1] if said else 'ffmpeg failed')[:160]})", path=target)
        os.chmod(temp, 0o644)  # a temporary file is private; the copy is an ordinary file, as clips are
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return target

