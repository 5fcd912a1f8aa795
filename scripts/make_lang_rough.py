#!/usr/bin/env python3
"""Rough variants of the generated language episodes, like ../shared/bench/seed-rough for English.

    .venv/bin/python scripts/make_lang_rough.py [--only ru] [--out bench-out] [--seed 21]

Reads a clean set `OUT/lang-<code>/` (written by `scripts/make_lang_episodes.py`: audio, transcript,
truth), and the shared sets ../shared/bench/lang-it and lang-cs (read only; real transcripts written
by others), and writes `OUT/lang-<code>-rough/` with:
- 12 s of synthetic intro music and 8 s of outro music (chords and percussion made here with numpy);
- noise (pink-ish) at 25 dB SNR against the speech;
- about 5% of sentences spoken but left out of the transcript (`"in_transcript": false` in the truth);
- about 3% of transcript sentences never spoken: their audio is cut out of the episode and their text
  kept, so the truth lacks them, as seed-rough's truth lacks its never-spoken sentences;
- `truth.json` with every time shifted by the intro and by the cuts before it, and `rough.json`
  saying what was done (the sentences left out and never spoken, by text).
Spoken fillers (in seed-rough) are not added: the clean audio has none, and adding them would need
the voices to say them. At most one sentence per turn is changed, never a turn's only sentence, and
a never-spoken sentence is never the first of its turn (so every turn keeps its label and start).
Deterministic: a fixed seed per language. `--seed N` makes another variant of each set, written to
`OUT/lang-<code>-rough-sN/`, to check that a fix holds beyond the one variant it was found on.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import zlib
from pathlib import Path

import numpy as np
from benchlib import BENCH
from make_lang_episodes import RATE, write_flac  # the generator beside this script

from audiokit.audio import decode

ROOT = Path(__file__).resolve().parent.parent
INTRO, OUTRO, SNR_DB = 12.0, 8.0, 25.0
LEFT_OUT, NEVER_SPOKEN = 0.05, 0.03
SEED = 13
FADE = 0.005  # seconds of fade on each side of a cut
SHARED_SETS = ("lang-it", "lang-cs")  # clean sets with exact truth in ../shared/bench, never written to


def sentence_list(truth: dict) -> list[tuple[int, int]]:
    """(turn index, sentence index) of every sentence in spoken order.

    >>> sentence_list({"turns": [{"sentences": [{}, {}]}, {"sentences": [{}]}]})
    [(0, 0), (0, 1), (1, 0)]
    """
    return [(t, s) for t, turn in enumerate(truth["turns"]) for s in range(len(turn["sentences"]))]


def choose(truth: dict, rng: np.random.Generator) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Sentences to leave out of the transcript and sentences to cut from the audio.

    At least two of each (the episodes are short); only turns of two or more sentences, at most one change per turn; a cut
    sentence is neither the first of its turn nor the episode's last sentence.
    """
    order = sentence_list(truth)
    n = len(order)
    n_cut = max(2, round(NEVER_SPOKEN * n))
    n_left = max(2, round(LEFT_OUT * n))
    turns = [t for t, turn in enumerate(truth["turns"]) if len(turn["sentences"]) >= 2]
    turns = list(rng.permutation(turns))
    cut: list[tuple[int, int]] = []
    left: list[tuple[int, int]] = []
    for t in turns:
        size = len(truth["turns"][t]["sentences"])
        if len(cut) < n_cut:
            s = int(rng.integers(1, size))
            if (t, s) != order[-1]:
                cut.append((int(t), s))
                continue
        if len(left) < n_left:
            left.append((int(t), int(rng.integers(0, size))))
    return sorted(left), sorted(cut)


def cut_spans(truth: dict, cut: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """Audio spans removed for never-spoken sentences: from the sentence's start to the next one's.

    >>> truth = {"turns": [{"sentences": [{"start": 0.5}, {"start": 2.0}]}, {"sentences": [{"start": 4.0}]}]}
    >>> cut_spans(truth, [(0, 1)])
    [(2.0, 4.0)]
    """
    order = sentence_list(truth)
    spans = []
    for key in cut:
        k = order.index(key)
        t2, s2 = order[k + 1]
        spans.append((truth["turns"][key[0]]["sentences"][key[1]]["start"], truth["turns"][t2]["sentences"][s2]["start"]))
    return spans


def shift_time(t: float | None, spans: list[tuple[float, float]], offset: float) -> float | None:
    """A clean-audio time in the rough audio: later by the intro, earlier by the cut spans before it.

    >>> shift_time(5.0, [(2.0, 4.0)], 12.0), shift_time(1.0, [(2.0, 4.0)], 12.0)
    (15.0, 13.0)
    """
    if t is None:
        return None
    return round(t + offset - sum(b - a for a, b in spans if b <= t + 1e-9), 3)


def rough_truth(truth: dict, left: list[tuple[int, int]], cut: list[tuple[int, int]],
                offset: float, duration: float) -> dict:
    """The clean truth made rough: cut sentences dropped, left-out ones marked, every time shifted.

    >>> tok = lambda w, a, b: {"text": w, "start": a, "end": b}
    >>> sent = lambda w, a, b: {"text": w, "start": a, "end": b, "in_transcript": True, "tokens": [tok(w, a, b)]}
    >>> truth = {"duration": 6, "speakers": ["A"], "chapters": [{"title": "x", "start": 0.5, "turn": 0}],
    ...          "turns": [{"speaker": "A", "start": 0.5, "end": 5.0, "sentences": [
    ...              sent("a.", 0.5, 1.0), sent("b.", 2.0, 3.0), sent("c.", 4.0, 5.0)]}]}
    >>> r = rough_truth(truth, [(0, 2)], [(0, 1)], 10.0, 20.0)
    >>> [(s["text"], s["start"], s["end"], s["in_transcript"]) for s in r["turns"][0]["sentences"]]
    [('a.', 10.5, 11.0, True), ('c.', 12.0, 13.0, False)]
    >>> r["turns"][0]["start"], r["turns"][0]["end"], r["chapters"][0]["start"], r["duration"]
    (10.5, 13.0, 10.5, 20.0)
    """
    spans = cut_spans(truth, cut)
    out = copy.deepcopy(truth)
    for t, s in left:
        out["turns"][t]["sentences"][s]["in_transcript"] = False
    for t, s in sorted(cut, reverse=True):
        del out["turns"][t]["sentences"][s]
    for turn in out["turns"]:
        for sent in turn["sentences"]:
            for tok in sent["tokens"]:
                tok["start"], tok["end"] = shift_time(tok["start"], spans, offset), shift_time(tok["end"], spans, offset)
            sent["start"], sent["end"] = shift_time(sent["start"], spans, offset), shift_time(sent["end"], spans, offset)
        turn["start"], turn["end"] = turn["sentences"][0]["start"], turn["sentences"][-1]["end"]
    for chapter in out["chapters"]:
        chapter["start"] = out["turns"][chapter["turn"]]["start"]
    out["duration"] = round(duration, 3)
    return out


def drop_sentences(transcript: str, order_texts: list[str], drop: set[int]) -> str:
    """The transcript without the sentences at the given spoken-order indices (found in order).

    >>> drop_sentences("Title\\n\\nA: One. Two.\\n\\nB: Three. Four.\\n", ["One.", "Two.", "Three.", "Four."], {1, 2})
    'Title\\n\\nA: One.\\n\\nB: Four.\\n'
    """
    pos, pieces = 0, []
    for k, text in enumerate(order_texts):
        at = transcript.find(text, pos)
        if at < 0:
            raise ValueError(f"sentence not found in the transcript: {text!r}")
        end = at + len(text)
        if k in drop:
            pieces.append(transcript[pos:at])
            while end < len(transcript) and transcript[end] == " ":
                end += 1
        else:
            pieces.append(transcript[pos:end])
        pos = end
    pieces.append(transcript[pos:])
    return "".join(pieces).replace(" \n", "\n")


def music(seconds: float, rng: np.random.Generator, fade_in: bool) -> np.ndarray:
    """Synthetic music: a four-chord progression (triads of harmonic tones) with a kick and hi-hat."""
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    out = np.zeros(n)
    beat = 0.5  # 120 bpm
    chords = [[220.0, 277.18, 329.63], [196.0, 246.94, 293.66], [174.61, 220.0, 261.63], [196.0, 246.94, 311.13]]
    bar = 4 * beat
    for k in range(int(np.ceil(seconds / bar))):
        a, b = int(k * bar * RATE), min(n, int((k + 1) * bar * RATE))
        if a >= n:
            break
        seg = t[a:b] - t[a]
        env = np.minimum(1, seg / 0.05) * np.exp(-seg / 1.5)
        for f in chords[k % 4]:
            for h, amp in ((1, 1.0), (2, 0.4), (3, 0.2)):
                out[a:b] += amp * env * np.sin(2 * np.pi * f * h * seg)
    for k in range(int(seconds / beat)):
        a = int(k * beat * RATE)
        m = min(n - a, int(0.25 * RATE))
        seg = np.arange(m) / RATE
        if k % 2 == 0:  # kick: a falling sine
            out[a:a + m] += 3.0 * np.exp(-seg / 0.08) * np.sin(2 * np.pi * (50 + 100 * np.exp(-seg / 0.03)) * seg)
        h = min(m, int(0.05 * RATE))
        out[a:a + h] += 0.8 * rng.standard_normal(h) * np.exp(-np.arange(h) / RATE / 0.01)
        half = a + int(beat / 2 * RATE)
        if half + h <= n:
            out[half:half + h] += 0.5 * rng.standard_normal(h) * np.exp(-np.arange(h) / RATE / 0.01)
    # The intro fades in over 1 s and out over 1 s into the speech; the outro starts at once, fades out.
    out *= np.minimum(1, t / (1.0 if fade_in else 0.05)) * np.minimum(1, (seconds - t) / 1.0)
    return out / np.sqrt(np.mean(out ** 2))


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """Noise falling 3 dB per octave (white noise shaped in the frequency domain), unit RMS."""
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / RATE)
    spec /= np.sqrt(np.maximum(f, 20.0))
    out = np.fft.irfft(spec, n)
    return out / np.sqrt(np.mean(out ** 2))


def cut_audio(audio: np.ndarray, spans: list[tuple[float, float]]) -> np.ndarray:
    """The audio without the spans; each join faded out and in over a few ms (no overlap, so every
    time after a cut moves by exactly the span's length)."""
    pieces, pos = [], 0
    for a, b in sorted(spans):
        pieces.append(audio[pos:round(a * RATE)].copy())
        pos = round(b * RATE)
    pieces.append(audio[pos:].copy())
    f = int(FADE * RATE)
    ramp = np.linspace(0, 1, f)
    for before, after in itertools.pairwise(pieces):
        before[-f:] *= ramp[::-1][-len(before[-f:]):]
        after[:f] *= ramp[:len(after[:f])]
    return np.concatenate(pieces)


def speech_rms(audio: np.ndarray) -> float:
    """RMS of the speech: of 20 ms frames within 30 dB of the loudest ones."""
    frames = audio[: len(audio) // 320 * 320].reshape(-1, 320)
    energy = np.mean(frames ** 2, axis=1)
    loud = energy > np.percentile(energy, 99) * 10 ** (-30 / 10)
    return float(np.sqrt(np.mean(energy[loud])))


def read_audio(path: Path) -> np.ndarray:
    """The episode's samples as floats in -1..1 (decoded as audiokit decodes any episode)."""
    return decode(path, RATE).samples.astype(np.float64) / 32768


def make(clean: Path, out: Path, seed: int = SEED) -> dict:
    """Write the rough variant of one clean set; returns what was done."""
    truth = json.loads((clean / "truth.json").read_text(encoding="utf-8"))
    transcript = (clean / "transcript.txt").read_text(encoding="utf-8")
    rng = np.random.default_rng([seed, zlib.crc32(clean.name.encode())])
    left, cut = choose(truth, rng)
    order = sentence_list(truth)
    texts = [truth["turns"][t]["sentences"][s]["text"] for t, s in order]
    speech = cut_audio(read_audio(clean / "episode.flac"), cut_spans(truth, cut))
    level = speech_rms(speech)
    intro = music(INTRO, rng, fade_in=True) * level * 0.7
    outro = music(OUTRO, rng, fade_in=False) * level * 0.7
    audio = np.concatenate([intro, speech, outro])
    audio = audio + pink_noise(len(audio), rng) * level * 10 ** (-SNR_DB / 20)
    audio *= min(1.0, 10 ** (-1 / 20) / np.max(np.abs(audio)))
    out.mkdir(parents=True, exist_ok=True)
    write_flac(out / "episode.flac", audio)
    rough = drop_sentences(transcript, texts, {order.index(k) for k in left})
    (out / "transcript.txt").write_text(rough, encoding="utf-8")
    new_truth = rough_truth(truth, left, cut, INTRO, len(audio) / RATE)
    (out / "truth.json").write_text(json.dumps(new_truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    info = {"source": clean.name, "seed": seed, "intro_s": INTRO, "outro_s": OUTRO, "snr_db": SNR_DB,
            "sentences": len(order), "left_out": [texts[order.index(k)] for k in left],
            "never_spoken": [texts[order.index(k)] for k in cut], "fillers": "none added"}
    (out / "rough.json").write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return info


def clean_sets(out: Path, shared: Path = BENCH) -> list[Path]:
    """The clean sets to make rough: the shared ones present, then the generated ones under `out`.

    >>> clean_sets(Path("/nonexistent"), Path("/nonexistent"))
    []
    """
    found = [shared / name for name in SHARED_SETS if (shared / name / "truth.json").exists()]
    for folder in sorted(out.glob("lang-*")):
        if "-rough" not in folder.name and (folder / "truth.json").exists() and folder.name not in SHARED_SETS:
            found.append(folder)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="a language code such as ru")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--seed", type=int, default=SEED, help=f"another variant (default {SEED}: lang-<code>-rough)")
    args = parser.parse_args()
    suffix = "-rough" if args.seed == SEED else f"-rough-s{args.seed}"
    for clean in clean_sets(args.out):
        code = clean.name.removeprefix("lang-")
        if args.only and code not in args.only:
            continue
        info = make(clean, args.out / f"{clean.name}{suffix}", args.seed)
        print(f"{clean.name}{suffix}: {info['sentences']} sentences, {len(info['left_out'])} left out of the transcript, "
              f"{len(info['never_spoken'])} never spoken")


if __name__ == "__main__":
    main()
