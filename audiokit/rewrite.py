"""Writing a changed copy of an audio file, at the edge: one ffmpeg decodes the file (its own
channels and sample rate, as 32-bit floats), a pure function of the stream of sample blocks
changes them (:mod:`audiokit.loudness` multiplies them by gains, :mod:`audiokit.edit` leaves
stretches out), and a second ffmpeg encodes the result, through a filter graph if asked.
Memory stays at a block whatever the length; the output is written to a temporary name in its
folder and renamed when complete, so a failed write leaves nothing half-written behind.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np

from audiokit.audio import audio_file, ffmpeg_path, ffmpeg_reason
from audiokit.errors import InputError, OutputError
from audiokit.textio import parent_folder, temporary_sibling

__all__ = ["BLOCK", "Transform", "rewrite"]

BLOCK = 1 << 16  # sample frames per block
# Blocks of the source (frames x channels, float32) and its sample rate -> the blocks to write.
Transform = Callable[[Iterator[np.ndarray], int], Iterable[np.ndarray]]


def rewrite(audio: str | Path, output: str | Path, transform: Transform, codec: list[str],
            filters: Callable[[int], str] | None = None) -> Path:
    """Write ``output`` (encoded with ffmpeg's ``codec`` arguments) from ``audio``'s samples as
    ``transform`` changes them, through ffmpeg's ``filters(sample_rate)`` when given.
    :class:`InputError` when ``audio`` cannot be decoded, :class:`OutputError` when ``output``
    cannot be written."""
    source, target = audio_file(audio), Path(output)
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
    encode = [ffmpeg, "-v", "error", "-y", "-f", "f32le", "-ar", str(rate), "-ac", str(channels), "-i", "-",
              *(["-af", filters(rate)] if filters else []), "-map_metadata", "-1", *codec, str(temp)]
    try:
        with tempfile.TemporaryFile() as dec_err, tempfile.TemporaryFile() as enc_err:
            dec = subprocess.Popen(decode, stdout=subprocess.PIPE, stderr=dec_err)
            enc = subprocess.Popen(encode, stdin=subprocess.PIPE, stderr=enc_err)
            assert dec.stdout is not None and enc.stdin is not None
            broken = False
            try:
                for block in transform(_blocks(dec.stdout, channels), rate):
                    enc.stdin.write(np.ascontiguousarray(block, "<f4").tobytes())
                enc.stdin.close()
            except BrokenPipeError:
                # The encoder stopped (a full disk, a codec ffmpeg lacks): stop the decoder too,
                # which nobody reads any more and would otherwise wait on a full pipe for ever.
                broken = True
                dec.kill()
            except BaseException:
                dec.kill()
                enc.kill()
                raise
            finally:
                dec.stdout.close()
                dec.wait()
                try:
                    enc.stdin.close()
                except BrokenPipeError:
                    broken = True
                enc.wait()
            if dec.returncode != 0 and not broken:
                dec_err.seek(0)
                reason = ffmpeg_reason(dec_err.read().decode("utf-8", "replace"), str(source))
                raise InputError(f"cannot decode audio ({reason})", path=source)
            if enc.returncode != 0 or broken:
                enc_err.seek(0)
                said = enc_err.read().decode("utf-8", "replace").strip().splitlines()
                raise OutputError(f"cannot write audio ({(said[-1] if said else 'ffmpeg failed')[:160]})", path=target)
        os.chmod(temp, 0o644)  # a temporary file is private; the copy is an ordinary file, as clips are
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return target


def _blocks(stream: object, channels: int) -> Iterator[np.ndarray]:
    """Whole sample frames from ffmpeg's float output, :data:`BLOCK` at a time."""
    frame = 4 * channels
    pending = b""
    read = stream.read  # type: ignore[attr-defined]
    while chunk := read(BLOCK * frame):
        data = pending + chunk
        whole = len(data) // frame * frame
        data, pending = data[:whole], data[whole:]
        if data:
            yield np.frombuffer(data, dtype="<f4").reshape(-1, channels)
