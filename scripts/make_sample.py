#!/usr/bin/env python3
"""Synthesize the audiokit sample episode from ``samples/episode.txt``.

Usage (from the repository root)::

    python3 scripts/make_sample.py            # or: .venv/bin/python scripts/make_sample.py

Writes:

* ``samples/episode.mp3``        44.1 kHz mono MP3 (libmp3lame, 64 kbit/s)
* ``samples/episode.truth.json`` ground truth: duration and per-turn speaker/start/end/text

Requirements: Python 3.11+ (standard library only) and these Debian packages::

    apt-get install festival festvox-us-slt-hts festvox-kallpc16k espeak-ng sox ffmpeg

How it works: the transcript's preamble (title, host line, description) is skipped; every
paragraph after it is spoken.  A paragraph starting with ``Name:`` or ``Name, Role, Org:``
(Name being one of ``SPEAKERS`` below) opens a new turn; an unlabelled paragraph continues
the previous speaker's turn.  Each paragraph is synthesized separately (Festival
``text2wave`` for two speakers, espeak-ng for the third), resampled to 44.1 kHz mono,
trimmed to the first/last sample above -40 dBFS (plus a short pad), loudness-matched, its
sentence pauses capped at 0.5 s (Festival's kal voice pauses ~0.8 s between sentences), and
concatenated with fixed speech-to-speech gaps.  Turn times in the truth file are where the
speech of the turn's first paragraph starts and of its last paragraph ends, in the final
audio.  Only the text sent to the synthesizers is rewritten (ASCII quotes, "AI" spelled as
letters); ``episode.txt`` is never modified.  The output is deterministic for a given set of
installed package versions.
"""

from __future__ import annotations

import array
import json
import math
import re
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TEXT_PATH = SAMPLES / "episode.txt"
MP3_PATH = SAMPLES / "episode.mp3"
TRUTH_PATH = SAMPLES / "episode.truth.json"

RATE = 44100
# speaker name -> synthesizer command; "{txt}" and "{wav}" are filled in per paragraph
SPEAKERS: dict[str, list[str]] = {
    "Nadia Brooks": ["text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", "{wav}", "{txt}"],
    "Owen Mercer": ["text2wave", "-eval", "(voice_kal_diphone)", "-o", "{wav}", "{txt}"],
    "Leila Haddad": ["espeak-ng", "-v", "en-gb+f3", "-s", "140", "-w", "{wav}", "-f", "{txt}"],
}

GAP_IN_TURN = 0.35  # seconds from the end of one paragraph's speech to the next, same speaker
GAP_BETWEEN_TURNS = 0.70  # seconds between the end of one turn's speech and the next turn's
EDGE_SILENCE = 1.0  # seconds of silence before the first and after the last speech
MAX_PAUSE = 0.5  # longer quiet stretches inside a paragraph are shortened to this (kal: ~0.8 s)
PAD = 0.03  # seconds of (quiet) synthesizer audio kept around each trimmed piece
THRESHOLD_DBFS = -40.0  # speech starts/ends at the first/last sample above this level
TARGET_RMS_DBFS = -20.0  # each piece is scaled to this RMS (over its speech part) ...
PEAK_LIMIT_DBFS = -1.0  # ... unless that would push its peak above this
BITRATE = "64k"

# Rewrites applied only to the text handed to the synthesizers.
TTS_CHARS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": ", ",
        "\u2026": "...",
    }
)
TTS_REGEXES: list[tuple[str, str]] = [
    (r"\bAI\b", "A I"),  # Festival's lexicon reads "AI" as the word "eye"
]

LABEL_RE = re.compile(
    r"^(?P<name>" + "|".join(re.escape(n) for n in SPEAKERS) + r")(?:,[^:]*)?:\s+(?P<text>.*)$"
)


def parse_turns(text: str) -> list[dict]:
    """Return [{"speaker": name, "paragraphs": [str, ...]}] for the spoken part of the text."""
    turns: list[dict] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        m = LABEL_RE.match(line)
        if m:
            turns.append({"speaker": m.group("name"), "paragraphs": [m.group("text").strip()]})
        elif turns:
            turns[-1]["paragraphs"].append(line)
        # lines before the first labelled turn are the preamble and are not spoken
    if not turns:
        sys.exit(f"no speaker turns found in {TEXT_PATH}")
    return turns


def tts_text(text: str) -> str:
    text = text.translate(TTS_CHARS)
    for pattern, repl in TTS_REGEXES:
        text = re.sub(pattern, repl, text)
    text.encode("ascii")  # fail loudly on any other non-ASCII character
    return text


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def synthesize(speaker: str, text: str, workdir: Path, index: int) -> array.array:
    """Synthesize one paragraph; return 44.1 kHz mono float samples in [-1, 1]."""
    txt = workdir / f"p{index:03d}.txt"
    raw = workdir / f"p{index:03d}.raw.wav"
    out = workdir / f"p{index:03d}.wav"
    txt.write_text(text + "\n", encoding="ascii")
    run([a.format(txt=txt, wav=raw) for a in SPEAKERS[speaker]])
    # -D: no dither, so the result is bit-for-bit repeatable
    run(["sox", "-D", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", "-e", "signed-integer", str(out)])
    with wave.open(str(out), "rb") as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1 and w.getsampwidth() == 2
        pcm = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        pcm.byteswap()
    return array.array("d", (s / 32768.0 for s in pcm))


def speech_bounds(x: array.array) -> tuple[int, int]:
    """Index of the first sample above the threshold and one past the last one."""
    thr = 10 ** (THRESHOLD_DBFS / 20)
    first = next((i for i, v in enumerate(x) if abs(v) > thr), None)
    if first is None:
        raise RuntimeError("synthesizer produced silence")
    last = next(i for i in range(len(x) - 1, -1, -1) if abs(x[i]) > thr)
    return first, last + 1


def cap_pauses(x: array.array) -> array.array:
    """Shorten quiet stretches (10 ms frames whose peak is below the threshold) to MAX_PAUSE."""
    thr = 10 ** (THRESHOLD_DBFS / 20)
    frame, keep = RATE // 100, round(MAX_PAUSE * RATE)
    a, b = speech_bounds(x)
    y = array.array("d", x[:a])
    i = quiet_from = a
    while i < b:
        if max(abs(v) for v in x[i : i + frame]) >= thr:
            if i - quiet_from > keep:  # drop the middle of the pause, keep both edges
                half = keep // 2
                y.extend(x[quiet_from : quiet_from + half])
                y.extend(x[i - (keep - half) : i])
            else:
                y.extend(x[quiet_from:i])
            y.extend(x[i : i + frame])
            i = quiet_from = i + frame
        else:
            i += frame
    y.extend(x[quiet_from:])
    return y


def prepare_piece(x: array.array) -> tuple[array.array, int, int]:
    """Loudness-match, cap pauses, trim to speech +- PAD. Returns (samples, speech_start, speech_end)."""
    a, b = speech_bounds(x)
    rms = math.sqrt(sum(v * v for v in x[a:b]) / (b - a))
    peak = max(abs(v) for v in x[a:b])
    gain = min(10 ** (TARGET_RMS_DBFS / 20) / rms, 10 ** (PEAK_LIMIT_DBFS / 20) / peak)
    y = cap_pauses(array.array("d", (v * gain for v in x)))
    a, b = speech_bounds(y)  # re-measure: the threshold applies to the final level
    pad = round(PAD * RATE)
    lo, hi = max(0, a - pad), min(len(y), b + pad)
    return y[lo:hi], a - lo, b - lo


def main() -> None:
    turns = parse_turns(TEXT_PATH.read_text(encoding="utf-8"))
    out = array.array("d")
    truth_turns = []
    n_par = sum(len(t["paragraphs"]) for t in turns)
    done = 0
    speech_end = None  # sample index (in `out`) where the previous paragraph's speech ended
    with tempfile.TemporaryDirectory(prefix="make_sample-") as tmp:
        workdir = Path(tmp)
        for ti, turn in enumerate(turns):
            turn_start = turn_end = None
            for pi, para in enumerate(turn["paragraphs"]):
                piece, s0, s1 = prepare_piece(synthesize(turn["speaker"], tts_text(para), workdir, done))
                done += 1
                print(
                    f"  [{done:2d}/{n_par}] {turn['speaker']}: {para[:60]}{'...' if len(para) > 60 else ''}"
                )
                if speech_end is None:
                    target = round(EDGE_SILENCE * RATE)
                else:
                    gap = GAP_IN_TURN if pi > 0 else GAP_BETWEEN_TURNS
                    target = speech_end + round(gap * RATE)
                # place the piece so that its speech starts at `target`
                piece_at = target - s0
                assert piece_at >= len(out), "pad longer than gap"
                out.extend([0.0] * (piece_at - len(out)))
                out.extend(piece)
                speech_start, speech_end = piece_at + s0, piece_at + s1
                if turn_start is None:
                    turn_start = speech_start
                turn_end = speech_end
            truth_turns.append(
                {
                    "speaker": turn["speaker"],
                    "start": round(turn_start / RATE, 3),
                    "end": round(turn_end / RATE, 3),
                    "text": "\n\n".join(turn["paragraphs"]),
                }
            )
        total = speech_end + round(EDGE_SILENCE * RATE)
        out.extend([0.0] * (total - len(out)))

        pcm = array.array("h", (max(-32768, min(32767, round(v * 32767))) for v in out))
        if sys.byteorder == "big":
            pcm.byteswap()
        full = workdir / "episode.wav"
        with wave.open(str(full), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(pcm.tobytes())

        title = next(
            line.strip() for line in TEXT_PATH.read_text(encoding="utf-8").splitlines() if line.strip()
        )
        host = turns[0]["speaker"]
        run(
            [
                "ffmpeg", "-nostdin", "-y", "-loglevel", "error", "-i", str(full),
                "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
                "-ac", "1", "-ar", str(RATE), "-c:a", "libmp3lame", "-b:a", BITRATE,
                "-metadata", f"title={title}", "-metadata", f"artist={host}",
                "-metadata", "comment=Synthesized with Festival and espeak-ng by scripts/make_sample.py",
                str(MP3_PATH),
            ]
        )  # fmt: skip

    duration = round(total / RATE, 3)
    truth = {"duration": duration, "turns": truth_turns}
    TRUTH_PATH.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    words = sum(len(p.split()) for t in turns for p in t["paragraphs"])
    print(f"wrote {MP3_PATH.relative_to(ROOT)} ({MP3_PATH.stat().st_size / 1e6:.2f} MB, {duration:.3f} s)")
    print(
        f"wrote {TRUTH_PATH.relative_to(ROOT)} ({len(truth_turns)} turns, {n_par} paragraphs, {words} words)"
    )


if __name__ == "__main__":
    main()
