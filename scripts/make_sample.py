#!/usr/bin/env python3
"""Synthesize the audiokit sample episode from ``samples/episode.txt``.

Usage (from the repository root)::

    python3 scripts/make_sample.py            # or: .venv/bin/python scripts/make_sample.py

Writes:

* ``samples/episode.mp3``        44.1 kHz mono MP3 (libmp3lame, 64 kbit/s)
* ``samples/episode.truth.json`` ground truth: duration, speakers, and per turn its speaker,
  start, end, text and sentences with each word's start and end, in the shape of the
  ``../shared/bench`` sets' ``truth.json`` (so the sample is an alignment benchmark set too)

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
audio.  Word times come from the synthesizers themselves (``scripts/sample_words.py``: Festival's
utterance, eSpeak NG's WORD events), carried through the trimming and pause capping; a token
that is only punctuation is zero-length at the end of the word before it.  Only the text sent to the synthesizers is rewritten (ASCII quotes, "AI" spelled as
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

from sample_words import FESTIVAL_DUMP, espeak_starts, espeak_times, festival_tokens, per_written, read_wav

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


def run(cmd: list[str]) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def synthesize(speaker: str, text: str, workdir: Path, index: int) -> tuple[array.array, list]:
    """Synthesize one paragraph; return 44.1 kHz mono float samples in [-1, 1] and each of the
    paragraph's whitespace tokens' (start, end) in seconds (None for one with no spoken word)."""
    txt = workdir / f"p{index:03d}.txt"
    raw = workdir / f"p{index:03d}.raw.wav"
    out = workdir / f"p{index:03d}.wav"
    txt.write_text(text + "\n", encoding="ascii")
    cmd = SPEAKERS[speaker]
    if cmd[0] == "text2wave":
        dump = workdir / "dump.scm"
        dump.write_text(FESTIVAL_DUMP, encoding="ascii")
        tokens = festival_tokens(run([a.format(txt=txt, wav=raw) for a in cmd] + ["-eval", str(dump)]))
    else:
        run([a.format(txt=txt, wav=raw) for a in cmd])
        pcm, rate = read_wav(raw)
        tokens = espeak_times(espeak_starts(cmd[cmd.index("-v") + 1], int(cmd[cmd.index("-s") + 1]), txt, raw),
                              pcm, rate)
    # -D: no dither, so the result is bit-for-bit repeatable
    run(["sox", "-D", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", "-e", "signed-integer", str(out)])
    with wave.open(str(out), "rb") as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1 and w.getsampwidth() == 2
        pcm = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        pcm.byteswap()
    return array.array("d", (s / 32768.0 for s in pcm)), tokens


def speech_bounds(x: array.array) -> tuple[int, int]:
    """Index of the first sample above the threshold and one past the last one."""
    thr = 10 ** (THRESHOLD_DBFS / 20)
    first = next((i for i, v in enumerate(x) if abs(v) > thr), None)
    if first is None:
        raise RuntimeError("synthesizer produced silence")
    last = next(i for i in range(len(x) - 1, -1, -1) if abs(x[i]) > thr)
    return first, last + 1


def cap_pauses(x: array.array) -> list[tuple[int, int]]:
    """Shorten quiet stretches (10 ms frames whose peak is below the threshold) to MAX_PAUSE:
    the stretches of ``x`` kept, in order."""
    thr = 10 ** (THRESHOLD_DBFS / 20)
    frame, keep = RATE // 100, round(MAX_PAUSE * RATE)
    a, b = speech_bounds(x)
    kept = [(0, a)]
    i = quiet_from = a
    while i < b:
        if max(abs(v) for v in x[i : i + frame]) >= thr:
            if i - quiet_from > keep:  # drop the middle of the pause, keep both edges
                half = keep // 2
                kept += [(quiet_from, quiet_from + half), (i - (keep - half), i)]
            else:
                kept.append((quiet_from, i))
            kept.append((i, min(i + frame, len(x))))
            i = quiet_from = i + frame
        else:
            i += frame
    kept.append((quiet_from, len(x)))
    return kept


def kept_index(kept: list[tuple[int, int]], i: float) -> float:
    """Where sample ``i`` of the original lies in the kept stretches joined (a dropped sample: at
    the cut that dropped it).

    >>> kept_index([(0, 10), (20, 30)], 25), kept_index([(0, 10), (20, 30)], 15)
    (15, 10)
    """
    at = 0
    for a, b in kept:
        if i < a:
            return at
        if i < b:
            return at + i - a
        at += b - a
    return at


def prepare_piece(x: array.array) -> tuple[array.array, int, int, list[tuple[int, int]], int]:
    """Loudness-match, cap pauses, trim to speech +- PAD. Returns (samples, speech_start, speech_end,
    the stretches of ``x`` kept, where the samples start in them)."""
    a, b = speech_bounds(x)
    rms = math.sqrt(sum(v * v for v in x[a:b]) / (b - a))
    peak = max(abs(v) for v in x[a:b])
    gain = min(10 ** (TARGET_RMS_DBFS / 20) / rms, 10 ** (PEAK_LIMIT_DBFS / 20) / peak)
    scaled = array.array("d", (v * gain for v in x))
    kept = cap_pauses(scaled)
    y = array.array("d")
    for i, j in kept:
        y.extend(scaled[i:j])
    a, b = speech_bounds(y)  # re-measure: the threshold applies to the final level
    pad = round(PAD * RATE)
    lo, hi = max(0, a - pad), min(len(y), b + pad)
    return y[lo:hi], a - lo, b - lo, kept, lo


def written_times(para: str, tts_times: list, kept: list[tuple[int, int]], lo: int, at: int) -> list[tuple]:
    """Each written token of ``para`` with its (start, end) in the episode, its piece placed at
    sample ``at``: the synthesizer's times carried through the pause capping and the trim. A word
    with no times of its own (eSpeak NG said it as one with the word before: no WORD event) has
    none in the truth either, as in make_espeak_clip.py (the scorer skips it); a token that is only
    punctuation is zero-length at the end of the word before it (at its paragraph's first word's start)."""
    pieces = [len(tts_text(w).split()) for w in para.split()]
    out: list[tuple] = []
    for w, t in zip(para.split(), per_written(pieces, tts_times)):
        if t is None:
            out.append((None, None) if any(c.isalnum() for c in w) else None)
            continue
        s, e = ((at + kept_index(kept, v * RATE) - lo) / RATE for v in t)
        out.append((round(s, 3), round(e, 3)))
    last = next(t[0] for t in out if t and t[0] is not None)
    for k, t in enumerate(out):
        if t is None:
            out[k] = (last, last)
        elif t[0] is not None:
            last = t[1]
    return out


def sentences(words: list[str]) -> list[list[int]]:
    """Token indices per sentence: one ends at a token ending in . ! ? or an ellipsis (closing
    quotes and brackets after it aside).

    >>> sentences("Hi there. “Yes!” she said… ok".split())
    [[0, 1], [2], [3, 4], [5]]
    """
    out, current = [], []
    for i, w in enumerate(words):
        current.append(i)
        if re.search(r"[.!?…][”’\")\]]*$", w):
            out.append(current)
            current = []
    return out + ([current] if current else [])


def sentence_truth(paras: list[str], times: list[list[tuple[float, float]]]) -> list[dict]:
    out = []
    for para, ts in zip(paras, times):
        words = para.split()
        for idx in sentences(words):
            out.append({"text": " ".join(words[k] for k in idx), "start": ts[idx[0]][0], "end": ts[idx[-1]][1],
                        "in_transcript": True,
                        "tokens": [{"text": words[k], "start": ts[k][0], "end": ts[k][1]} for k in idx]})
    return out


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
            word_times = []
            for pi, para in enumerate(turn["paragraphs"]):
                samples, tts_times = synthesize(turn["speaker"], tts_text(para), workdir, done)
                piece, s0, s1, kept, lo = prepare_piece(samples)
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
                word_times.append(written_times(para, tts_times, kept, lo, piece_at))
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
                    "sentences": sentence_truth(turn["paragraphs"], word_times),
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
    speakers = list(dict.fromkeys(t["speaker"] for t in turns))
    truth = {"duration": duration, "speakers": speakers, "chapters": [], "turns": truth_turns}
    TRUTH_PATH.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    words = sum(len(p.split()) for t in turns for p in t["paragraphs"])
    print(f"wrote {MP3_PATH.relative_to(ROOT)} ({MP3_PATH.stat().st_size / 1e6:.2f} MB, {duration:.3f} s)")
    print(
        f"wrote {TRUTH_PATH.relative_to(ROOT)} ({len(truth_turns)} turns, {n_par} paragraphs, {words} words)"
    )


if __name__ == "__main__":
    main()
