#!/usr/bin/env python3
"""Episodes spoken by eSpeak NG, with word starts from eSpeak NG's WORD events, in the format of
../shared/bench (see its README). A plumbing check, not acoustic evidence: eSpeak NG speaks the
episode and audiokit's phonemes and DTW come from eSpeak NG too, so these sets show what breaks
on the way through the pipeline (detection, labels, numbers, sentences, captions, chapters), not
how well audiokit hears real voices.

    .venv/bin/python scripts/make_espeak_clip.py [OUT_DIR]              # the Russian clip
    .venv/bin/python scripts/make_espeak_clip.py --episodes [--only de] [--out bench-out]

Without options: a 17 s two-host Russian clip for the alignment-method benchmark
(`scripts/bench_align_methods.py`), bench-out/espeak-ru/{episode.wav, transcript.txt, truth.json},
read by ``ru+f2`` and ``ru+m3`` at 150 and 165 words a minute (the DTW aligner synthesises with
the plain ``ru`` voice at 175, so the two are not the same signal).

With ``--episodes``: each ``scripts/espeak_episodes/<code>.txt`` (the source format of
`scripts/make_lang_episodes.py`: `# key: value` header, preamble, `Name, role:` first mentions,
`## Title` chapters, `{written|spoken}` marks; a voice line is ``Name = VOICE WORDS_PER_MINUTE``)
becomes bench-out/espeak-<code>/ with episode.flac, transcript.txt and truth.json, chapters
included. Word starts are the WORD events (eSpeak NG counts them in ms; they fall 0-20 ms before
the word's sound); a word's end is the next word's start pulled back over silence (10 ms
frames 40 dB under the paragraph's loudest); a token that is only punctuation (a French `?`
after a space) is zero-length at its word's edge (the scorer skips it).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from make_lang_episodes import Source, parse_source, truth_of, write_flac
from make_lang_episodes import sentences as mle_sentences

from audiokit.align import synth

TURNS = [
    ("Анна Соколова", "ведущая", "ru+f2", 150,
     "Добрый вечер, друзья! Сегодня мы говорим о погоде в Москве и о том, как она меняется."),
    ("Игорь Волков", "гость", "ru+m3", 165,
     "Спасибо, Анна. Зима в этом году была тёплой, а весна пришла на две недели раньше."),
    ("Анна Соколова", None, "ru+f2", 150, "Это хорошая новость для всех, кто любит гулять по городу."),
]
GAP = 0.8
RATE = 16000
SOURCES = ROOT / "scripts" / "espeak_episodes"
LEAD, TAIL, GAP_IN_TURN, GAP_BETWEEN_TURNS = 0.6, 1.0, 0.35, 0.7  # seconds, as make_lang_episodes.py
PAD = 0.04
OPENERS = "«¿¡\"“„‘([{"


def spoken(words: list[str], voice: str, wpm: int) -> tuple[np.ndarray, list[float | None]]:
    """eSpeak NG saying ``words``: int16 samples at 16 kHz and each word's start (seconds)."""
    speech = synth.speak(words, voice, rate=wpm)
    # eSpeak NG speaks at 22.05 kHz: resample to 16 kHz by linear interpolation.
    n = int(len(speech.samples) * RATE / speech.rate)
    samples = np.interp(np.arange(n) * speech.rate / RATE, np.arange(len(speech.samples)),
                        speech.samples.astype(np.float64)).astype(np.int16)
    return samples, list(speech.starts)


def russian_clip(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    pieces, t = [np.zeros(int(GAP * RATE), np.int16)], GAP
    turns, lines = [], []
    for name, role, voice, wpm, text in TURNS:
        words = text.split()
        samples, starts = spoken(words, voice, wpm)
        tokens = [{"text": w, "start": round(t + s, 3), "end": None} for w, s in zip(words, starts)]
        for a, b in itertools.pairwise(tokens):
            a["end"] = b["start"]
        tokens[-1]["end"] = round(t + len(samples) / RATE, 3)
        sentences, first = [], 0
        for k, token in enumerate(tokens):
            if token["text"][-1] in ".!?" or k == len(tokens) - 1:
                part = tokens[first: k + 1]
                sentences.append({"text": " ".join(x["text"] for x in part), "start": part[0]["start"],
                                  "end": part[-1]["end"], "in_transcript": True, "tokens": part})
                first = k + 1
        turns.append({"speaker": name, "start": tokens[0]["start"], "end": tokens[-1]["end"],
                      "sentences": sentences})
        lines.append(f"{name}, {role}: {text}" if role else f"{name}: {text}")
        pieces += [samples, np.zeros(int(GAP * RATE), np.int16)]
        t += len(samples) / RATE + GAP
    audio = np.concatenate(pieces)
    with wave.open(str(out / "episode.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(audio.tobytes())
    (out / "transcript.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    truth = {"duration": round(len(audio) / RATE, 3), "speakers": sorted({tn[0] for tn in TURNS}),
             "chapters": [], "turns": turns}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{out}: {truth['duration']} s, {sum(len(tn[4].split()) for tn in TURNS)} words")


def is_word(token: str) -> bool:
    """Whether a written token is a word (has a letter or digit).

    >>> is_word("?"), is_word("«"), is_word("l'économie"), is_word("23%")
    (False, False, True, True)
    """
    return any(c.isalnum() for c in token)


def sentences(words: list[str], abbreviations: list[str]) -> list[list[int]]:
    """The truth's sentences (token indices): those of make_lang_episodes.py, with closing marks
    written apart (the » after a !) moved to the sentence they close.

    >>> sentences("Il dit : « Non ! » Bon . Oui !".split(), [])
    [[0, 1, 2, 3, 4, 5, 6], [7, 8], [9, 10]]
    """
    out: list[list[int]] = []
    for group in mle_sentences(words, abbreviations):
        while out and group and not is_word(words[group[0]]) and words[group[0]][0] not in OPENERS:
            out[-1].append(group.pop(0))
        if group:
            out.append(group)
    return out


def word_times(samples: np.ndarray, starts: list[float | None]) -> list[tuple[float | None, float]]:
    """Each word's (start, end) in its paragraph: the WORD event's start; the end is the next word's
    start (or the audio's end) pulled back over frames 40 dB under the paragraph's loudest. A word
    eSpeak NG says as one with the word before (Polish "ze mną") has no event: the word before
    ends where the pair does, and the word has no times in the truth (the scorer skips it)."""
    frames = samples[: len(samples) // 160 * 160].astype(np.float64).reshape(-1, 160)
    db = 20 * np.log10(np.sqrt((frames ** 2).mean(axis=1)) + 1e-9)
    loud = db > db.max() - 40
    if starts[0] is None:
        raise SystemExit("eSpeak NG gave no WORD event for the first word of a paragraph")
    timed = [k for k, s in enumerate(starts) if s is not None]
    ends = {}
    for k, nxt in zip(timed, [*timed[1:], None]):
        until = starts[nxt] if nxt is not None else len(samples) / RATE
        a, b = round(starts[k] * 100), round(until * 100)  # type: ignore[operator]
        sound = np.flatnonzero(loud[a:b])
        ends[k] = (a + sound[-1] + 1) / 100 if sound.size else until
    out: list[tuple[float | None, float]] = []
    for k, s in enumerate(starts):
        out.append((s, ends[k]) if s is not None else (None, out[-1][1]))
    return out


def punctuation_times(i: int, token: str, times: dict[int, tuple[float, float]]) -> tuple[float, float]:
    """A punctuation token's times: none of its own, so zero-length where its word is, at the next
    word's start for an opening mark (« ¿ ¡ "), else at the previous word's end (a French ``?``).

    >>> punctuation_times(1, "«", {0: (1.0, 1.5), 2: (2.0, 2.5)}), punctuation_times(2, "?", {0: (1.0, 1.5)})
    ((2.0, 2.0), (1.5, 1.5))
    """
    before = [times[j][1] for j in sorted(times) if j < i]
    after = [times[j][0] for j in sorted(times) if j > i]
    t = after[0] if after and (token[0] in OPENERS or not before) else before[-1]
    return t, t


def build(src: Source, out: Path) -> dict:
    """Speak every paragraph, lay them out with fixed gaps, write the set; returns its summary."""
    pieces, n, last_end = [], 0, None
    for p in src.paragraphs:
        voice, wpm = src.voices[p.speaker]
        words = [i for i, (w, _) in enumerate(p.tokens) if is_word(w)]
        samples, starts = spoken([p.tokens[i][1] for i in words], voice, int(wpm))
        local = word_times(samples, starts)
        first, last = local[0][0] or 0.0, local[-1][1]
        a, b = max(0, int((first - PAD) * RATE)), min(len(samples), int((last + PAD) * RATE))
        want = LEAD if last_end is None else last_end + (GAP_BETWEEN_TURNS if p.new_turn else GAP_IN_TURN)
        start = max(n, round(want * RATE - (first * RATE - a)))
        pieces += [np.zeros(start - n), samples[a:b].astype(np.float64) / 32768]
        n = start + (b - a)
        offset = (start - a) / RATE
        times = {i: (round(s + offset, 3), round(e + offset, 3)) for i, (s, e) in zip(words, local) if s is not None}
        merged = {i: (None, round(e + offset, 3)) for i, (s, e) in zip(words, local) if s is None}
        p.times = [times.get(i) or merged.get(i) or punctuation_times(i, p.tokens[i][0], times)  # type: ignore[misc]
                   for i in range(len(p.tokens))]
        last_end = last + offset
    pieces.append(np.zeros(int(TAIL * RATE)))
    audio = np.concatenate(pieces)
    out.mkdir(parents=True, exist_ok=True)
    write_flac(out / "episode.flac", audio)
    transcript = "\n\n".join([*src.preamble, *(p.written for p in src.paragraphs)]) + "\n"
    (out / "transcript.txt").write_text(transcript, encoding="utf-8")
    truth = truth_of(src, len(audio) / RATE)
    for turn in truth["turns"]:
        kept: list[dict] = []
        for sentence in turn["sentences"]:
            for t in sentence["tokens"]:
                if t["start"] is None:  # said as one with the word before: neither edge is known
                    t["end"] = None
            if not any(is_word(t["text"]) for t in sentence["tokens"]):  # a closing » after the ! is its sentence's
                kept[-1]["text"] += " " + sentence["text"]
                kept[-1]["tokens"] += sentence["tokens"]
                continue
            assert sentence["tokens"][0]["start"] is not None and sentence["end"] is not None, sentence["text"]
            kept.append(sentence)
        turn["sentences"] = kept
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    info = {"language": src.code, "duration": round(len(audio) / RATE, 3),
            "words": sum(is_word(k["text"]) for t in truth["turns"] for s in t["sentences"] for k in s["tokens"]),
            "voices": {s: {"voice": v, "words_per_minute": int(w)} for s, (v, w) in src.voices.items()},
            "note": "eSpeak NG on both sides: a plumbing check, not acoustic evidence"}
    (out / "generation.json").write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clip_out", nargs="?", type=Path, default=ROOT / "bench-out" / "espeak-ru")
    parser.add_argument("--episodes", action="store_true", help="the scripts/espeak_episodes/*.txt episodes")
    parser.add_argument("--only", action="append", help="language code (with --episodes)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    args = parser.parse_args()
    if not args.episodes:
        russian_clip(args.clip_out)
        return
    for path in sorted(SOURCES.glob("*.txt")):
        if args.only and path.stem not in args.only:
            continue
        src = parse_source(path.read_text(encoding="utf-8"))
        info = build(src, args.out / f"espeak-{src.code}")
        print(f"espeak-{src.code}: {info['duration']:.0f} s, {info['words']} words", file=sys.stderr)


if __name__ == "__main__":
    main()
