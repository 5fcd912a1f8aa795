#!/usr/bin/env python3
"""Issue 14: what each second of audio costs in each pass, and what sparse recognition could save.

For each English set, in one process (this process's CPU clock sees every decoder call):

- the recognition pass over every ~30 s chunk (as shipped: ``ds 2``, the transcript's trigram);
- the forced pass over every planned region *whole* (one plain try, default beams);
- the forced pass over only the windows :mod:`audiokit.align.reuse` picks where the background
  is quiet (as shipped), the recogniser's times kept elsewhere;

each in CPU milliseconds per second of audio, over the chunks and regions whose background is
quiet (:func:`reuse.quiet_background`, the test sparse recognition would use per chunk) and over
the rest. Sparse recognition leaves a quiet chunk unheard and forces its transcript whole
across it: each such second saves the recognition and the windows and costs a whole forcing.
The script prints that balance and the saving it bounds for every other quiet chunk left unheard,
before any chunk has to be heard after all (a region that fails its plain forced try).

    .venv/bin/python scripts/measure_pass_costs.py [--only seed-full]

Prints tables; writes nothing into BENCHMARKS.md. The bound is not reached: the sparse aligner
(parked on the branch ``align-sparse-clean-wip``) cost seed-full 40.7 CPU s against 33.4-35.4 s
as shipped. The forced window across an unheard chunk (25-35 s) cost 14-16 ms per second, more
than the short regions measured here, and 5 of the 25 chunks left unheard failed that window:
each then cost the window, its region's whole try, the recognition after all and a new plan.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_align import audio_of
from benchlib import BENCH, require_bench

from audiokit import transcripts
from audiokit.align import aligner, anchored, reuse, sphinx
from audiokit.align.energy import frame_energy, quietest
from audiokit.align.lexicon import Lexicon
from audiokit.align.matching import plan_regions
from audiokit.audio import decode

SETS = ["seed-full", "seed-rough", "real-gold", "real-mfa"]


def cpu(work) -> tuple[object, float]:
    began = time.process_time()
    out = work()
    return out, time.process_time() - began


def english_set(name: str):
    """A bench set as the aligner sees it: episode, audio, spoken forms, tokens with a
    pronunciation, the lexicon with guesses, frame energies."""
    folder = BENCH / name
    episode = transcripts.load(folder / "transcript.txt").episode
    audio = decode(audio_of(folder))
    base = Lexicon.for_language("en")
    forms, tokens = aligner.spoken_episode(episode, base)
    lex = base.with_guesses(t.text for t in tokens)
    tokens = [t for t in tokens if t.text in lex]
    return episode, audio, forms, tokens, lex, frame_energy(audio.samples, audio.rate)


def measure(name: str) -> None:
    _, audio, _, tokens, lex, db = english_set(name)
    sentences: dict[int, list[str]] = {}
    for t in tokens:
        sentences.setdefault(t.sentence, []).append(t.text)
    with tempfile.TemporaryDirectory() as tmp:
        res = sphinx.write_resources(list(sentences.values()), lex, Path(tmp))
        rec = {"quiet": [0.0, 0.0], "noisy": [0.0, 0.0]}  # kind -> [CPU s, audio s]
        heard = []
        chunks = anchored.recognition_chunks(db, audio.duration)
        quiet_chunks = [reuse.quiet_background(db, a, b) for a, b in chunks]
        for (a, b), quiet in zip(chunks, quiet_chunks):
            got, spent = cpu(lambda a=a, b=b: sphinx.recognize(res, audio.slice(a, b).tobytes(), a))
            heard += got
            rec["quiet" if quiet else "noisy"][0] += spent
            rec["quiet" if quiet else "noisy"][1] += b - a
        plan = plan_regions(tokens, heard, audio.duration, lambda a, b: quietest(db, a, b))
        whole = {"quiet": [0.0, 0.0], "noisy": [0.0, 0.0]}
        windows = {"quiet": [0.0, 0.0], "noisy": [0.0, 0.0]}
        runs = reuse.kept_tokens(plan.matched, len(tokens))
        quiet_regions = [reuse.quiet_background(db, r.start, r.end) for r in plan.regions]
        kept = frozenset(k for r, q in zip(plan.regions, quiet_regions) if q for k in r.tokens if k in runs)
        failed = 0
        for r, quiet in zip(plan.regions, quiet_regions):
            words = [tokens[k].text for k in r.tokens]
            got, spent = cpu(lambda r=r, words=words: sphinx.force_align(
                res, audio.slice(r.start, r.end).tobytes(), words, r.start, relax=False))
            failed += got is None
            whole["quiet" if quiet else "noisy"][0] += spent
            whole["quiet" if quiet else "noisy"][1] += r.end - r.start
            windows["quiet" if quiet else "noisy"][1] += r.end - r.start
        for w in reuse.windows(plan, heard, kept):
            words = [tokens[k].text for k in w.tokens]
            _, spent = cpu(lambda w=w, words=words: sphinx.force_align(
                res, audio.slice(w.start, w.end).tobytes(), words, w.start, relax=False))
            windows["quiet" if quiet_regions[w.region] else "noisy"][0] += spent

    def rate(d: dict, kind: str) -> float:
        return 1000 * d[kind][0] / d[kind][1] if d[kind][1] else float("nan")

    print(f"\n== {name}: {audio.duration:.0f} s, {len(chunks)} chunks ({sum(quiet_chunks)} with a quiet background), "
          f"{len(plan.regions)} regions ({failed} failing a plain whole try) ==")
    print("  CPU ms per audio second      quiet   noisy")
    for label, d in (("recognition (ds 2)", rec), ("forced, whole regions", whole), ("forced, windows (shipped)", windows)):
        print(f"  {label:28s} {rate(d, 'quiet'):6.1f}  {rate(d, 'noisy'):6.1f}")
    shipped = rec["quiet"][0] + rec["noisy"][0] + windows["quiet"][0] + windows["noisy"][0]
    gain = rate(rec, "quiet") + rate(windows, "quiet") - rate(whole, "quiet")
    deferred = sum(b - a for i, ((a, b), q) in enumerate(zip(chunks, quiet_chunks))
                   if q and 0 < i < len(chunks) - 1 and i % 2 == 1) if len(chunks) >= 4 else 0.0
    if deferred:
        print(f"  an unheard quiet second saves {gain:.1f} ms; every other quiet chunk unheard ({deferred:.0f} s) "
              f"saves at most {gain * deferred / 1000:.1f} of {shipped:.1f} CPU s ({gain * deferred / 1000 / shipped:.0%})")
    else:
        print(f"  nothing to leave unheard (recognition + forced windows: {shipped:.1f} CPU s)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", action="append", choices=SETS)
    args = ap.parse_args()
    require_bench()
    for name in args.only or SETS:
        measure(name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
