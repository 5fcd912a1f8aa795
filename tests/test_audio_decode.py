"""decode_in_background gives what decode gives, and raises what decode raises, when asked."""

from __future__ import annotations

import wave

import numpy as np
import pytest

from audiokit.audio import decode, decode_in_background
from audiokit.errors import InputError


def _wav(path, samples: np.ndarray, rate: int = 16000) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype("<i2").tobytes())


def test_background_decode_gives_the_same_samples(tmp_path):
    path = tmp_path / "tone.wav"
    _wav(path, (np.sin(np.arange(8000) / 5) * 9000).astype(np.int16))
    got = decode_in_background(path)()
    assert np.array_equal(got.samples, decode(path).samples)
    assert got.rate == 16000


def test_background_decode_raises_when_asked(tmp_path):
    missing = tmp_path / "missing.wav"
    result = decode_in_background(missing)  # nothing raised yet: the caller goes on meanwhile
    with pytest.raises(InputError, match="no such file"):
        result()
    bad = tmp_path / "bad.mp3"
    bad.write_bytes(b"not audio at all" * 100)
    with pytest.raises(InputError, match="cannot decode audio"):
        decode_in_background(bad)()


def test_an_empty_file_is_named_as_such(tmp_path):
    """ffmpeg says only "<path>: Invalid argument" of a zero-byte file; a catalogue's failed
    download should read as what it is."""
    from audiokit.clips.audio import probe

    empty = tmp_path / "empty.mp3"
    empty.write_bytes(b"")
    for read in (decode, probe):
        with pytest.raises(InputError) as info:
            read(empty)
        assert str(info.value) == f"{empty}: cannot decode audio: the file is empty (0 bytes)"


def test_decoding_holds_the_samples_once(tmp_path):
    # A 3-hour episode is 370 MB of 16 kHz samples; collecting ffmpeg's output with
    # subprocess.run held its pieces and their join at once (740 MB peak).
    import tracemalloc

    rate, seconds = 16000, 600
    path = tmp_path / "ten-minutes.wav"
    samples = (np.sin(np.arange(rate * seconds) / 7) * 9000).astype(np.int16)
    _wav(path, samples)
    size = samples.nbytes
    del samples
    tracemalloc.start()
    try:
        got = decode(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(got.samples) == rate * seconds and got.samples.nbytes == size
    assert peak < 1.4 * size, f"decoding {size / 1e6:.0f} MB of samples peaked at {peak / 1e6:.0f} MB"
    assert not got.samples.flags.writeable  # as before: the decoded audio is shared, never changed
