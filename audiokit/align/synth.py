"""eSpeak NG speaking words, with where each word starts in its audio: the only eSpeak NG
library code of the DTW aligner (:mod:`audiokit.align.dtw_align`).

libespeak-ng (Debian's ``libespeak-ng1``, which the ``espeak-ng`` command needs) is called
through ctypes in synchronous mode: its synth callback hands over the samples and WORD events
whose ``audio_position`` says where each word begins, as aeneas's C extension reads them. The
library keeps global state, so calls are serialised with a lock.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from audiokit.errors import MissingToolError

_OUTPUT_SYNCHRONOUS = 2
_EVENT_LIST_TERMINATED, _EVENT_WORD = 0, 1
_CHARS_UTF8, _POS_CHARACTER = 1, 1
_RATE_PARAMETER = 1  # espeakRATE, words per minute


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint), ("text_position", ctypes.c_int),
        ("length", ctypes.c_int), ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p), ("id", _EventId),
    ]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


@dataclass(frozen=True, eq=False)
class Speech:
    """Synthetic speech of some words: int16 samples at ``rate`` and each word's start (seconds;
    ``None`` for a word eSpeak NG said nothing for)."""

    samples: np.ndarray
    rate: int
    starts: tuple[float | None, ...]


class _Library:
    def __init__(self) -> None:
        path = ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1"
        try:
            self.lib = ctypes.CDLL(path)
        except OSError as e:
            raise MissingToolError("libespeak-ng is not installed (sudo apt-get install espeak-ng)") from e
        self.lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                          ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.rate = self.lib.espeak_Initialize(_OUTPUT_SYNCHRONOUS, 0, None, 0)
        if self.rate <= 0:
            raise MissingToolError("libespeak-ng could not start (is espeak-ng-data installed?)")
        self.chunks: list[np.ndarray] = []
        self.events: list[tuple[int, int]] = []  # (text position, audio position in ms)
        self.callback = _CALLBACK(self._on_audio)  # kept alive as long as the library
        self.lib.espeak_SetSynthCallback(self.callback)

    def _on_audio(self, wav, n: int, events) -> int:
        if n > 0 and wav:
            self.chunks.append(np.ctypeslib.as_array(wav, shape=(n,)).copy())
        k = 0
        while events[k].type != _EVENT_LIST_TERMINATED:
            if events[k].type == _EVENT_WORD:
                self.events.append((events[k].text_position, events[k].audio_position))
            k += 1
        return 0


_lock = threading.Lock()
_library: _Library | None = None

# What libespeak-ng prints to stderr on setting a voice that tells the user nothing. Debian's 1.51
# says "Full dictionary is not installed for 'be'" each time the Belarusian voice is set: its voice
# file asks for a dictionary of 20000 bytes, a line copied from Russian's (upstream removed it,
# espeak-ng PR 1417), and no larger Belarusian dictionary exists to install: be_dict, rules and a
# short word list, is all of it, as for Ukrainian, which prints nothing.
_NOISE = {"be": b"Full dictionary is not installed for 'be'\n"}


@contextmanager
def _stderr_without(noise: bytes) -> Iterator[None]:
    """Keep ``noise`` (a line the C library writes to file descriptor 2) from the terminal;
    anything else written to stderr meanwhile, by the library or another thread, follows after."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with tempfile.TemporaryFile() as caught:
            os.dup2(caught.fileno(), 2)
            try:
                yield
            finally:
                os.dup2(saved, 2)
                caught.seek(0)
                rest = caught.read().replace(noise, b"")
                if rest:
                    os.write(2, rest)
    finally:
        os.close(saved)


def speak(words: list[str], voice: str, rate: int = 175) -> Speech:
    """eSpeak NG ``voice`` saying ``words`` (joined by spaces, read as plain text) at ``rate``
    words a minute, and where each word starts. Words that eSpeak NG splits (numbers, hyphens)
    start at their first part."""
    global _library
    text = " ".join(words)
    spans, at = [], 0
    for w in words:
        spans.append((at, at + len(w)))
        at += len(w) + 1
    with _lock:
        if _library is None:
            _library = _Library()
        lib = _library
        lib.chunks, lib.events = [], []
        noise = _NOISE.get(voice)
        if noise is None:
            refused = lib.lib.espeak_SetVoiceByName(voice.encode()) != 0
        else:
            with _stderr_without(noise):
                refused = lib.lib.espeak_SetVoiceByName(voice.encode()) != 0
        if refused:
            raise MissingToolError(f"eSpeak NG has no voice {voice!r}")
        lib.lib.espeak_SetParameter(_RATE_PARAMETER, rate, 0)
        data = text.encode("utf-8") + b"\0"
        lib.lib.espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        lib.lib.espeak_Synchronize()
        chunks, events = lib.chunks, lib.events
    samples = np.concatenate(chunks) if chunks else np.zeros(0, np.int16)
    return Speech(samples, lib.rate, tuple(_word_starts(spans, events)))


def _word_starts(spans: list[tuple[int, int]], events: list[tuple[int, int]]) -> list[float | None]:
    """The first WORD event inside each word's characters (eSpeak NG counts characters from 1);
    for a word with none, the first event on the space just before it: after an abbreviation
    eSpeak NG puts the next word's event there (German "z. B. am": "am"'s event on the space).

    >>> _word_starts([(0, 3), (4, 7)], [(1, 0), (5, 250), (6, 400)])
    [0.0, 0.25]
    >>> _word_starts([(0, 2), (3, 5), (6, 8)], [(1, 0), (4, 300), (6, 500)])
    [0.0, 0.3, 0.5]
    >>> _word_starts([(0, 2), (3, 5), (6, 8)], [(1, 0), (4, 300), (7, 700), (6, 900)])
    [0.0, 0.3, 0.7]
    """
    starts: list[float | None] = [None] * len(spans)
    k = 0
    for position, ms in sorted(events):
        while k < len(spans) and spans[k][1] < position - 1:
            k += 1
        if k < len(spans) and spans[k][0] <= position - 1 and starts[k] is None:
            starts[k] = ms / 1000.0
    before: dict[int, int] = {}
    for position, ms in events:
        before.setdefault(position, ms)  # the first event at each position, in time order
    for k, (first, _) in enumerate(spans):
        if starts[k] is None and first >= 1 and first in before:  # position first (from 1) is the space
            starts[k] = before[first] / 1000.0
    return starts
