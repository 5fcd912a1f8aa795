#!/usr/bin/env python3
"""Word times for ``scripts/make_sample.py``, taken from the synthesizers that speak the sample.

Standard library only, like make_sample.py. Festival (``text2wave``) prints each utterance's
tokens with their words' first-segment start and last-segment end (the Scheme below, evaluated
as a second ``-eval``: it only reads the utterance, so the audio is bit for bit what text2wave
writes without it), and each utterance's length, since text2wave joins the utterances' waves.
eSpeak NG gives WORD events only through its library: :func:`espeak_starts` runs it in a fresh
process per paragraph (its voices' noise generator carries state from one synthesis to the next,
and a fresh ``espeak-ng`` command is what speaks the sample), checks that its samples are the
command's, and reads the events' times (ms; they fall 0-20 ms before the word's sound, as in
``scripts/make_espeak_clip.py``), a word's end being the next word's start pulled back over
silence.

    python3 scripts/sample_words.py espeak VOICE WPM TEXTFILE   # (internal) one paragraph's events as JSON
"""

from __future__ import annotations

import array
import ctypes
import ctypes.util
import hashlib
import json
import math
import re
import subprocess
import sys
import wave
from pathlib import Path

# One utterance per UTT line (its samples and rate), then its tokens: the token's name and, per
# word, its name, first-segment start and last-segment end (seconds in the utterance).
FESTIVAL_DUMP = r"""
(define (ak_word w)
  (format t "\t%s\t%s\t%s" (item.name w)
    (item.feat w "R:SylStructure.daughter1.daughter1.segment_start")
    (item.feat w "R:SylStructure.daughtern.daughtern.end")))
(define (ak_dump utt)
  (let ((info (wave.info (utt.wave utt))))
    (format t "UTT\t%d\t%d\n" (cadr (assoc 'num_samples info)) (cadr (assoc 'sample_rate info))))
  (let ((tok (utt.relation.first utt 'Token)))
    (while tok
      (format t "TOK\t%s" (item.name tok))
      (mapcar ak_word (item.daughters tok))
      (format t "\n")
      (set! tok (item.next tok))))
  utt)
(set! tts_hooks (append tts_hooks (list ak_dump)))
"""

Times = list[tuple[float, float] | None]  # per written token, seconds in the synthesizer's audio


def festival_tokens(printout: str) -> list[tuple[float, float] | None]:
    """Festival's tokens in order over all utterances: (first word start, last word end) in the
    joined audio, or None for a token with no spoken word (a lone "-").

    >>> festival_tokens("UTT\\t16000\\t16000\\nTOK\\ta\\ta\\t0.2\\t0.4\\nUTT\\t800\\t16000\\nTOK\\t-\\t-\\t0\\t0\\nTOK\\tb\\tb\\t0.1\\t0.3\\n")
    [(0.2, 0.4), None, (1.1, 1.3)]
    """
    out: list[tuple[float, float] | None] = []
    offset = length = 0.0
    for line in printout.splitlines():
        kind, *rest = line.split("\t")
        if kind == "UTT":
            offset += length
            length = int(rest[0]) / int(rest[1])
        elif kind == "TOK":
            words = [(float(rest[k + 1]), float(rest[k + 2])) for k in range(1, len(rest) - 2, 3)]
            words = [(s, e) for s, e in words if e > s]
            out.append((round(offset + words[0][0], 4), round(offset + words[-1][1], 4)) if words else None)
    return out


def per_written(pieces: list[int], times: list[tuple[float, float] | None]) -> Times:
    """Each written token's times from the times of its ``pieces[k]`` synthesizer tokens.

    >>> per_written([1, 2, 0, 1], [(0.0, 0.2), (0.3, 0.4), (0.4, 0.6), None])
    [(0.0, 0.2), (0.3, 0.6), None, None]
    """
    if sum(pieces) != len(times):
        raise SystemExit(f"the synthesizer made {len(times)} tokens of {sum(pieces)}")
    out: Times = []
    k = 0
    for n in pieces:
        said = [t for t in times[k:k + n] if t is not None]
        out.append((said[0][0], said[-1][1]) if said else None)
        k += n
    return out


def read_wav(path: Path) -> tuple[array.array, int]:
    with wave.open(str(path), "rb") as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2, path
        pcm = array.array("h", w.readframes(w.getnframes()))
        rate = w.getframerate()
    if sys.byteorder == "big":
        pcm.byteswap()
    return pcm, rate


def espeak_starts(voice: str, wpm: int, txt: Path, wav: Path) -> list[float | None]:
    """Each whitespace token's WORD-event start (seconds) in the eSpeak NG audio ``wav`` the
    ``espeak-ng`` command made of ``txt``: the library, in a fresh process, must say the same samples."""
    run = subprocess.run([sys.executable, __file__, "espeak", voice, str(wpm), str(txt)], capture_output=True,
                         text=True, check=True)
    said = json.loads(run.stdout)
    pcm, rate = read_wav(wav)
    n = said["samples"]
    if rate != said["rate"] or hashlib.sha256(pcm[:n].tobytes()).hexdigest() != said["sha256"] or any(pcm[n:]):
        raise SystemExit(f"eSpeak NG's library did not say what the espeak-ng command said for {txt}")
    text = txt.read_text(encoding="ascii")
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    starts: list[float | None] = [None] * len(spans)
    for position, ms in said["events"]:  # positions count characters from 1
        k = next((i for i, (a, b) in enumerate(spans) if a <= position - 1 < b), None)
        if k is not None and starts[k] is None:
            starts[k] = ms / 1000
    return starts


def espeak_times(starts: list[float | None], pcm: array.array, rate: int) -> list[tuple[float, float] | None]:
    """(start, end) per token: the end is the next timed token's start (or the audio's end) pulled
    back over 10 ms frames 40 dB under the paragraph's loudest, as make_espeak_clip.py does (and
    never past that start: the frames are coarser than the events)."""
    hop = rate // 100
    db = [10 * math.log10(sum(v * v for v in pcm[i:i + hop]) / hop + 1e-9) for i in range(0, len(pcm) - hop + 1, hop)]
    loud = [d > max(db) - 40 for d in db]
    timed = [k for k, s in enumerate(starts) if s is not None]
    out: list[tuple[float, float] | None] = [None] * len(starts)
    for k, nxt in zip(timed, [*timed[1:], None]):
        until = starts[nxt] if nxt is not None else len(pcm) / rate
        a, b = round(starts[k] * 100), round(until * 100)
        sound = [f for f in range(a, min(b, len(loud))) if loud[f]]
        out[k] = (starts[k], min((sound[-1] + 1) / 100, until) if sound else until)
    return out


def _espeak_events(voice: str, wpm: int, txt: Path) -> dict:
    """The library saying ``txt`` as ``espeak-ng -v VOICE -s WPM -f TXT`` does (the voice chosen by
    name, else by language, variant after "+"): its samples' digest and WORD events."""
    class Voice(ctypes.Structure):
        _fields_ = [("name", ctypes.c_char_p), ("languages", ctypes.c_char_p), ("identifier", ctypes.c_char_p),
                    ("gender", ctypes.c_ubyte), ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte),
                    ("xx1", ctypes.c_ubyte), ("score", ctypes.c_int), ("spare", ctypes.c_void_p)]

    class Event(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint), ("text_position", ctypes.c_int),
                    ("length", ctypes.c_int), ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                    ("user_data", ctypes.c_void_p), ("id", ctypes.c_char * 8)]

    lib = ctypes.CDLL(ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1")
    lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                 ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
    rate = lib.espeak_Initialize(2, 0, None, 0)  # synchronous output
    samples, events = array.array("h"), []

    def on_audio(wav, n, ev) -> int:
        if n > 0 and wav:
            samples.extend(wav[:n])
        k = 0
        while ev[k].type != 0:
            if ev[k].type == 1:  # a WORD event
                events.append((ev[k].text_position, ev[k].audio_position))
            k += 1
        return 0

    callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                                ctypes.POINTER(Event))(on_audio)
    lib.espeak_SetSynthCallback(callback)
    if lib.espeak_SetVoiceByName(voice.encode()) != 0:
        chosen = Voice(languages=voice.encode())
        if lib.espeak_SetVoiceByProperties(ctypes.byref(chosen)) != 0:
            raise SystemExit(f"eSpeak NG has no voice {voice}")
    lib.espeak_SetParameter(1, wpm, 0)  # words per minute
    data = txt.read_bytes() + b"\0"
    lib.espeak_Synth(data, len(data), 0, 1, 0, 1, None, None)  # positions in characters, UTF-8
    lib.espeak_Synchronize()
    if sys.byteorder == "big":
        samples.byteswap()
    return {"rate": rate, "samples": len(samples), "sha256": hashlib.sha256(samples.tobytes()).hexdigest(),
            "events": events}


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] != "espeak":
        sys.exit(__doc__.strip().splitlines()[-1])
    print(json.dumps(_espeak_events(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))))
