#!/usr/bin/env python3
"""seed-notes: seed-full's audio and transcript, with transcribers' notes written into the transcript.

Real transcripts carry notes nobody says: "[laughs]", "(laughter)", "[crosstalk]", "[inaudible
00:12:34]", a "[Music]" line before the first turn (podcasts-dev has about four per episode, a Rev
or Descript export one a minute). The audio has none of those sounds, so a note aligned as a word
would have to take time from its neighbours; read as a note it changes no word's time, and the set
should score as seed-full does.

    .venv/bin/python scripts/notes_set.py        # writes bench-out/sets/seed-notes/

With a fixed seed: a "[Music]" line after the preamble, and NOTES notes after sentence ends, each
a sentence not the last of its turn, drawn from real transcripts' notes. The truth is seed-full's.
The audio is linked, not copied.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import BENCH, OUT
from edited_set import write_set

SEED = 11
NOTES = 30  # about one a minute over seed-full's 24 minutes
# As real transcripts write them: the dev sets' own ("(laughter)", "[inaudible.]"), YouTube's
# ("[Music]", "[Applause]") and Rev's, whose unclear passages carry the time they occur.
KINDS = ("[laughs]", "(laughter)", "[crosstalk]", "[inaudible {clock}]", "(laughs)", "[Laughter.]",
         "[pause]", "(both laugh)", "[inaudible.]", "[sic]")


def build(source: Path = BENCH / "seed-full", target: Path = OUT / "sets" / "seed-notes", seed: int = SEED) -> Path:
    """Write the set's transcript.txt and truth.json, and link its audio; returns the folder."""
    text = (source / "transcript.txt").read_text(encoding="utf-8")
    truth = json.loads((source / "truth.json").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    first = truth["turns"][0]["sentences"][0]["text"]
    label_at = text.rfind("\n", 0, text.index(first)) + 1  # the first turn's label line
    text = text[:label_at] + "[Music]\n\n" + text[label_at:]
    inner = [s for t in truth["turns"] for s in t["sentences"][:-1] if text.count(s["text"]) == 1]
    for s in sorted(rng.sample(inner, NOTES), key=lambda s: s["start"]):
        minutes, seconds = divmod(int(s["end"]), 60)
        note = rng.choice(KINDS).format(clock=f"00:{minutes:02d}:{seconds:02d}")
        text = text.replace(s["text"], s["text"] + " " + note, 1)
    return write_set(target, text, truth, source / "episode.flac")


if __name__ == "__main__":
    print(build())
