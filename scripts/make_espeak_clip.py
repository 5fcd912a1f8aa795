#!/usr/bin/env python3
"""A short two-host Russian clip spoken by eSpeak NG, with exact word times, for the alignment
method benchmark (`scripts/bench_align_methods.py`): bench-out/espeak-ru/{episode.wav,
transcript.txt, truth.json} in the format of ../shared/bench (see its README).

    .venv/bin/python scripts/make_espeak_clip.py [OUT_DIR]

The clip is read by eSpeak NG's variants ``ru+f2`` and ``ru+m3`` at 150 and 165
words a minute; the DTW aligner synthesises with the plain ``ru`` voice at 175, so the two are
not the same signal. It is still eSpeak NG on both sides: the easiest case for DTW, and the
case the English acoustic model hears worst. Word times are eSpeak NG's WORD events.
"""

from __future__ import annotations

import itertools
import json
import sys
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
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


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bench-out/espeak-ru")
    out.mkdir(parents=True, exist_ok=True)
    pieces, t = [np.zeros(int(GAP * RATE), np.int16)], GAP
    turns, lines = [], []
    for name, role, voice, wpm, text in TURNS:
        words = text.split()
        speech = synth.speak(words, voice, rate=wpm)
        # eSpeak NG speaks at 22.05 kHz: resample to 16 kHz by linear interpolation.
        n = int(len(speech.samples) * RATE / speech.rate)
        samples = np.interp(np.arange(n) * speech.rate / RATE, np.arange(len(speech.samples)),
                            speech.samples.astype(np.float64)).astype(np.int16)
        tokens = [{"text": w, "start": round(t + s, 3), "end": None} for w, s in zip(words, speech.starts)]
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


if __name__ == "__main__":
    main()
