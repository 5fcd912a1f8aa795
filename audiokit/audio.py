"""Decoding audio with ffmpeg: any format, rate and channel count, to 16 kHz mono samples.

The aligner decodes an episode once and hands slices of it around; nothing else here keeps
state. ffmpeg honours the MP3 encoder delay (LAME gapless header), so an MP3 and a WAV of the
same audio decode to the same samples with no timing offset.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audiokit.errors import InputError, MissingToolError
from audiokit.model import Episode

RATE = 16000


@dataclass(frozen=True, eq=False)
class Audio:
    """Mono 16-bit samples at ``rate`` Hz (read-only numpy array)."""

    samples: np.ndarray
    rate: int = RATE

    @property
    def duration(self) -> float:
        """Seconds of audio."""
        return len(self.samples) / self.rate

    def slice(self, start: float, end: float) -> np.ndarray:
        """The samples between ``start`` and ``end`` seconds (clamped to the audio)."""
        # int(): under numpy 1.x, round() of a numpy float gives a float
        a = max(0, int(round(start * self.rate)))  # noqa: RUF046
        b = min(len(self.samples), int(round(end * self.rate)))  # noqa: RUF046
        return self.samples[a:max(a, b)]


def ffmpeg_path() -> str:
    """The ffmpeg executable, or :class:`MissingToolError` saying how to install it."""
    path = shutil.which("ffmpeg")
    if path is None:
        raise MissingToolError("ffmpeg is not installed (sudo apt-get install ffmpeg)")
    return path


def audio_file(path: str | Path) -> Path:
    """``path`` if it can be given to ffmpeg or ffprobe as audio, else :class:`InputError`
    naming it: missing, a folder, or empty (where ffmpeg would only say "Invalid argument")."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=path)
    if p.is_dir():
        raise InputError("is a folder, not an audio file", path=path)
    if p.stat().st_size == 0:
        raise InputError("cannot decode audio: the file is empty (0 bytes)", path=path)
    return p


def decode(path: str | Path, rate: int = RATE) -> Audio:
    """Decode ``path`` to mono ``rate`` Hz samples with ffmpeg.

    Raises :class:`InputError` naming the file when it is missing, not audio, or empty.
    """
    p = audio_file(path)
    cmd = _pcm_command(p, rate)
    pcm, returncode, stderr = _run_collecting(cmd)
    if returncode != 0:
        detail = ffmpeg_reason(stderr.decode("utf-8", "replace"), str(p))
        raise InputError(f"cannot decode audio ({detail})", path=path)
    samples = np.frombuffer(pcm, dtype="<i2")
    samples.flags.writeable = False
    if len(samples) < rate // 10:
        raise InputError("audio is empty (less than 0.1 s)", path=path)
    return Audio(samples, rate)


def _pcm_command(path: Path, rate: int) -> list[str]:
    """ffmpeg's command for ``path``'s first audio stream as mono 16-bit ``rate`` Hz on stdout."""
    return [ffmpeg_path(), "-nostdin", "-v", "error", "-i", str(path), "-map", "0:a:0", "-ac", "1",
            "-ar", str(rate), "-f", "s16le", "-acodec", "pcm_s16le", "-"]


def decode_blocks(path: str | Path, rate: int = RATE, block: int = 1 << 20) -> Iterator[np.ndarray]:
    """:func:`decode`'s samples ``block`` at a time (the last block shorter), for a pass over a
    long episode that needs none of it kept: memory stays at a block.

    Raises :class:`InputError` naming the file, after the last block, when ffmpeg could not
    decode it.
    """
    p = audio_file(path)
    cmd = _pcm_command(p, rate)
    with tempfile.TemporaryFile() as err:
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err) as proc:
            assert proc.stdout is not None
            pending = b""
            while chunk := proc.stdout.read(2 * block - len(pending)):
                pending += chunk
                if len(pending) == 2 * block:
                    yield np.frombuffer(pending, dtype="<i2")
                    pending = b""
            if len(pending) >= 2:
                yield np.frombuffer(pending[: len(pending) // 2 * 2], dtype="<i2")
        if proc.returncode != 0:
            err.seek(0)
            detail = ffmpeg_reason(err.read().decode("utf-8", "replace"), str(p))
            raise InputError(f"cannot decode audio ({detail})", path=path)


def check_belongs(audio: str | Path, episode: Episode, length: float, slack: float | None = None) -> None:
    """:class:`InputError` naming ``audio`` (``length`` seconds long) when it cannot be what
    ``episode`` was aligned to, so that nothing is measured or cut by someone else's times. The
    lengths may differ by a second and 1% (a measurement tolerates another encoding of the same
    audio), or by ``slack`` seconds when given (an edit does not).

    >>> from audiokit.model import Sentence, Turn, Word
    >>> ep = Episode((Turn("Ann", (Sentence((Word("hi", 0.0, 80.0),)),)),))
    >>> check_belongs("short.wav", ep, 60.0)
    Traceback (most recent call last):
    ...
    audiokit.errors.InputError: short.wav: audio is 60.0 s long but the episode has words until 80.0 s; is this the audio the episode was aligned to?
    """
    last = max((w.end for w in episode.words() if w.end is not None), default=0.0)
    aligned = episode.metadata.duration
    if slack is None:
        short = length + 0.5 < last
        off = aligned is not None and abs(aligned - length) > 1.0 + 0.01 * aligned
    else:
        short = length + slack < last
        off = aligned is not None and abs(aligned - length) > slack
    if short or off:
        said = f"was aligned to {aligned:.1f} s of audio" if aligned is not None else f"has words until {last:.1f} s"
        raise InputError(f"audio is {length:.1f} s long but the episode {said}; is this the audio the "
                         "episode was aligned to?", path=audio)


def _run_collecting(cmd: list[str]) -> tuple[bytearray, int, bytes]:
    """Run ``cmd`` and return its stdout, exit status and stderr. Its stdout grows one bytearray
    in place: ``subprocess.run`` keeps the output's pieces and then joins them, twice the
    audio's size at once (740 MB for three hours of 16 kHz samples, of which 370 MB are kept).
    stderr goes to a temporary file, so a chatty ffmpeg can never block on a full pipe."""
    with tempfile.TemporaryFile() as err:
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err) as proc:
            assert proc.stdout is not None
            out = bytearray()
            while chunk := proc.stdout.read(1 << 20):
                out += chunk
        err.seek(0)
        return out, proc.returncode, err.read()


def playable_length(path: str | Path) -> float:
    """Seconds of audio in ``path``'s first audio stream as far as its packets run: demuxed,
    not decoded (a tenth of a second for an hour of MP3), and short of the true end by at most
    the last packet (some 20-50 ms). Unlike the length a header states, which ffprobe and
    mutagen report, it is right for a file cut short: an MP3 cut off in a download keeps the
    Info frame of the whole episode.

    Raises :class:`InputError` naming the file when ffmpeg cannot read audio from it.
    """
    p = audio_file(path)
    cmd = [ffmpeg_path(), "-nostdin", "-v", "error", "-nostats", "-i", str(p), "-map", "0:a:0", "-c", "copy",
           "-f", "null", "-", "-progress", "pipe:1"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise InputError(f"cannot read audio ({ffmpeg_reason(proc.stderr, str(p))})", path=path)
    times = [value for key, _, value in (line.partition("=") for line in proc.stdout.splitlines())
             if key == "out_time_us" and value.strip().isdigit()]
    if not times:
        raise InputError("cannot read audio (no audio packets)", path=path)
    return int(times[-1]) / 1e6


def decode_in_background(path: str | Path, rate: int = RATE) -> Callable[[], Audio]:
    """Start :func:`decode` of ``path`` and return a function that waits for its audio (and
    raises what :func:`decode` raised). ffmpeg works in its own process while the caller goes on
    (the aligner's CLI reads the transcript meanwhile: seed-full's 0.5 s of ffmpeg off the wall
    time); the thread here only collects ffmpeg's output. A daemon thread: a caller that fails
    before asking for the audio does not wait for it."""
    outcome: list[Audio | BaseException] = []

    def work() -> None:
        try:
            outcome.append(decode(path, rate))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller when it asks
            outcome.append(exc)

    thread = threading.Thread(target=work, name="audiokit-decode", daemon=True)
    thread.start()

    def result() -> Audio:
        thread.join()
        got = outcome[0]
        if isinstance(got, BaseException):
            raise got
        return got

    return result


def ffmpeg_reason(stderr: str, path: str) -> str:
    """ffmpeg's reason, without the input's path it starts with (the error names the file).

    >>> ffmpeg_reason("/music/ep 1.mp3: Invalid argument\\n", "/music/ep 1.mp3")
    'Invalid argument'
    """
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        low = line.lower()
        if "invalid data" in low or "does not contain any stream" in low or "matches no streams" in low:
            return "not an audio file ffmpeg can read"
    if not lines:
        return "ffmpeg failed"
    return lines[-1].removeprefix(f"{path}: ")[:160]
