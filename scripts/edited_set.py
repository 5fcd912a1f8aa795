#!/usr/bin/env python3
"""seed-edited: seed-full's clean audio with a transcript that does not match it exactly.

Real transcripts are edited: a short reply, an aside or a repeated sentence is left out.
seed-rough tests that too, but in noise and music, where the aligner works hardest anyway; this
set keeps seed-full's clean audio, so a path that only clean audio takes (issue 14's fast paths)
meets a transcript that lacks speech here. A path that kept this episode and stretched the
neighbouring words over the speech nobody wrote down would show in the sentence starts. (Text
never spoken makes such paths give up and fall back; seed-rough covers it.)

    .venv/bin/python scripts/edited_set.py        # writes bench-out/sets/seed-edited/
    .venv/bin/python scripts/edited_set.py --variant never --seed 3   # bench-out/sets/edited-never-3/

Built from ``../shared/bench/seed-full`` with a fixed seed: 7 short spoken sentences (2-6 words,
not the first of their turn, so every speaker label stays) are left out of the transcript and marked
``"in_transcript": false`` in the truth. The audio is linked, not copied.

``--variant`` makes other edits, with any seed, as tuning material for checks on such paths
(issue 14): ``left-out`` (as seed-edited), ``never`` (sentences nobody spoke added to the
transcript: the truth lacks them, so they should get no times), ``long`` (a run of consecutive
spoken sentences, 6-15 s, left out) and ``mixed`` (some of each).
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
VARIANTS = ("left-out", "never", "long", "mixed")
# Text nobody speaks in seed-full, as an editor's additions (a sponsor line, a correction) would be.
NEVER_SPOKEN = (
    "Our sponsor this week makes quiet mechanical keyboards for programmers.",
    "Editor's note: the benchmark numbers quoted here were corrected after recording.",
    "The weather report for the coast calls for heavy rain on Thursday.",
    "Please rate the show wherever you listen, it really helps.",
    "We recorded this conversation in a small studio in Berkeley.",
    "Tickets for the spring conference go on sale next Monday morning.",
)


def build(source: Path = BENCH / "seed-full", target: Path = OUT / "sets" / "seed-edited",
          variant: str = "left-out", seed: int = SEED) -> Path:
    """Write the set's transcript.txt and truth.json, and link its audio; returns the folder."""
    text = (source / "transcript.txt").read_text(encoding="utf-8")
    truth = json.loads((source / "truth.json").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    later = [s for t in truth["turns"] for s in t["sentences"][1:] if text.count(s["text"]) == 1]
    if variant in ("left-out", "mixed"):
        short = [s for s in later if 2 <= len(s["tokens"]) <= SHORT]
        for s in rng.sample(short, LEFT_OUT if variant == "left-out" else 4):
            text = _leave_out(text, s)
    if variant in ("long", "mixed"):
        text = _leave_out_run(text, truth, rng)
    if variant in ("never", "mixed"):
        hosts = [s for s in later if s.get("in_transcript", True)]
        for s, line in zip(rng.sample(hosts, 3 if variant == "never" else 2), rng.sample(NEVER_SPOKEN, 3)):
            text = text.replace(s["text"], s["text"] + " " + line, 1)
    return write_set(target, text, truth, source / "episode.flac")


def write_set(target: Path, text: str, truth: dict, audio: Path) -> Path:
    """Write a set's transcript.txt and truth.json into ``target`` and link ``audio`` there as
    episode.flac (not copied); returns ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    (target / "transcript.txt").write_text(text, encoding="utf-8")
    (target / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    link = target / "episode.flac"
    if not link.exists():
        link.symlink_to(audio.resolve())
    return target


def _leave_out(text: str, s: dict) -> str:
    """``text`` without spoken sentence ``s``, which the truth then marks as not in the transcript."""
    s["in_transcript"] = False
    return text.replace(" " + s["text"], "", 1) if " " + s["text"] in text else text.replace(s["text"], "", 1)


def _leave_out_run(text: str, truth: dict, rng: random.Random) -> str:
    """``text`` without a run of consecutive spoken sentences of one turn (not its first), 6-15 s long."""
    runs = []
    for t in truth["turns"]:
        ss = t["sentences"]
        for i in range(1, len(ss)):
            for j in range(i + 1, len(ss) + 1):
                span = ss[j - 1]["end"] - ss[i]["start"]
                if span > 15:
                    break
                if span >= 6 and all(s.get("in_transcript", True) and text.count(s["text"]) == 1 for s in ss[i:j]):
                    runs.append(ss[i:j])
    for s in rng.choice(runs):
        text = _leave_out(text, s)
    return text


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=VARIANTS)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    if args.variant is None:
        print(build())
    else:
        print(build(target=OUT / "sets" / f"edited-{args.variant}-{args.seed}", variant=args.variant, seed=args.seed))
