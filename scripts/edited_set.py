#!/usr/bin/env python3
"""seed-edited: seed-full's clean audio with a transcript that does not match it exactly.

Real transcripts are edited: a short reply, an aside or a repeated sentence is left out.
seed-rough tests that too, but in noise and music, where the aligner works hardest anyway; this
set keeps seed-full's clean audio, so a path that only clean audio takes (issue 14's fast paths)
meets a transcript that lacks speech here. A path that kept this episode and stretched the
neighbouring words over the speech nobody wrote down would show in the sentence starts. (Text
never spoken makes such paths give up and fall back; seed-rough covers it.)

    .venv/bin/python scripts/edited_set.py        # writes bench-out/sets/seed-edited/

Built from ``../shared/bench/seed-full`` with a fixed seed: 7 short spoken sentences (2-6 words,
not the first of their turn, so every speaker label stays) are left out of the transcript and marked
``"in_transcript": false`` in the truth. The audio is linked, not copied.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import BENCH, OUT

SEED = 7
LEFT_OUT = 7
SHORT = 6  # words: the replies and asides an editor drops (1-2 s of speech each)


def build(source: Path = BENCH / "seed-full", target: Path = OUT / "sets" / "seed-edited") -> Path:
    """Write the set's transcript.txt and truth.json, and link its audio; returns the folder."""
    text = (source / "transcript.txt").read_text(encoding="utf-8")
    truth = json.loads((source / "truth.json").read_text(encoding="utf-8"))
    later = [s for t in truth["turns"] for s in t["sentences"][1:]
             if text.count(s["text"]) == 1 and 2 <= len(s["tokens"]) <= SHORT]
    rng = random.Random(SEED)
    for s in rng.sample(later, LEFT_OUT):
        text = text.replace(" " + s["text"], "", 1) if " " + s["text"] in text else text.replace(s["text"], "", 1)
        s["in_transcript"] = False
    target.mkdir(parents=True, exist_ok=True)
    (target / "transcript.txt").write_text(text, encoding="utf-8")
    (target / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    audio = target / "episode.flac"
    if not audio.exists():
        audio.symlink_to((source / "episode.flac").resolve())
    return target


if __name__ == "__main__":
    print(build())
