#!/usr/bin/env python3
"""Issue 14: does the forced pass have to run everywhere? Measures, per English set:

- where the alignment's CPU goes, stage by stage, as shipped (the recogniser's times kept inside
  runs where the background is quiet, :mod:`audiokit.align.reuse`) and with the forced pass over
  every region (what main did before); one process (``workers=1``), so this process's CPU clock
  sees every stage; the CLI's decoding and start-up are not included;
- for the words the recognition pass matched to the transcript (tokens inside runs of at least
  two, ``Plan.matched``), the word-start error against the truth of the full forced pass (after
  edge tightening), of the recogniser's own start, and of that start after
  :func:`energy.tighten_edges`; split into words inside a run (both neighbours matched and heard
  one after the other: the words :func:`reuse.kept_tokens` keeps) and at a run's edge, and
  into words heard right after a pause and words joined to the one before;
- the share of regions whose background :func:`reuse.quiet_background` calls quiet.

    .venv/bin/python scripts/measure_recognition_times.py [--only seed-full]

Prints tables; writes nothing into BENCHMARKS.md (``scripts/bench_align.py`` benchmarks the
shipped aligner).
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_align import audio_of
from benchlib import BENCH, require_bench

from audiokit import episode_json, transcripts
from audiokit.align import aligner, anchored, dtw_fill, reuse
from audiokit.align.energy import frame_energy, tighten_edges
from audiokit.audio import decode

SETS = ["seed-full", "seed-rough", "real-gold", "real-mfa"]


def scorer():
    spec = importlib.util.spec_from_file_location("score_alignment", BENCH / "score_alignment.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_instrumented(name: str, reuse_times: bool) -> tuple[dict, dict, list[tuple[str, float]]]:
    """Align set ``name`` in this process, with the aligner's internals captured and CPU per stage;
    without ``reuse_times`` every region is force-aligned whole."""
    folder = BENCH / name
    parsed = transcripts.load(folder / "transcript.txt")
    audio = decode(audio_of(folder))
    captured: dict = {}
    cpu_laps: list[tuple[str, float]] = []
    last = [time.process_time()]

    def lap(self, stage: str, _orig=aligner._Stopwatch.lap) -> None:
        now = time.process_time()
        cpu_laps.append((stage, now - last[0]))
        last[0] = now
        _orig(self, stage)

    def token_times(tokens, heard, plan, placed, _orig=anchored._token_times):
        captured.update(tokens=list(tokens), heard=list(heard), plan=plan, placed=list(placed))
        return _orig(tokens, heard, plan, placed)

    def tighten(times, db, language, _orig=aligner._tighten_edges):
        captured.update(raw_times=list(times), language=language)
        out = _orig(times, db, language)
        now = time.process_time()
        cpu_laps.append(("times + tighten", now - last[0]))
        last[0] = now
        return out

    def fill(*args, _orig=dtw_fill.fill_unplaced):
        out = _orig(*args)
        now = time.process_time()
        cpu_laps.append(("dtw fill", now - last[0]))
        last[0] = now
        return out

    def words(episode, forms, tokens, times, _orig=aligner._words):
        captured.update(forms=list(forms))
        return _orig(episode, forms, tokens, times)

    patches = [(aligner._Stopwatch, "lap", lap), (anchored, "_token_times", token_times), (aligner, "_words", words),
               (aligner, "_tighten_edges", tighten), (dtw_fill, "fill_unplaced", fill)]
    if not reuse_times:
        patches.append((reuse, "quiet_background", lambda *args, **kw: False))
    saved = [(obj, attr, getattr(obj, attr)) for obj, attr, _ in patches]
    for obj, attr, new in patches:
        setattr(obj, attr, new)
    try:
        began = time.process_time()
        last[0] = began
        result = aligner.align(parsed.episode, audio, workers=1)
        now = time.process_time()
        cpu_laps.append(("words + report", now - last[0]))
        cpu_laps.append(("total", now - began))
    finally:
        for obj, attr, old in saved:
            setattr(obj, attr, old)
    captured["db"] = frame_energy(audio.samples, audio.rate)
    return result, captured, cpu_laps


def variants(result, cap: dict) -> tuple[list[str], dict[str, list[float | None]], dict[int, tuple[str, str]]]:
    """Word texts (episode order); per variant, each matched word's start (None elsewhere); and
    each matched word's (place in its run, pause before it as heard)."""
    words = list(result.episode.words())
    tokens, heard, plan = cap["tokens"], cap["heard"], cap["plan"]
    matched = plan.matched
    inside = reuse.kept_tokens(matched, len(tokens))
    first_token: dict[int, int] = {}
    for k, t in enumerate(tokens):
        first_token.setdefault(t.word, k)
    spans = [(heard[matched[k]].start, heard[matched[k]].end) if k in matched else None for k in range(len(tokens))]
    tight = tighten_edges(spans, cap["db"])
    out: dict[str, list[float | None]] = {"forced": [], "heard": [], "heard+tighten": []}
    where: dict[int, tuple[str, str]] = {}
    for i, w in enumerate(words):
        k = first_token.get(i)
        if k is None or k not in matched or w.start is None:
            for v in out.values():
                v.append(None)
            continue
        h = matched[k]
        pause = h > 0 and heard[h].start - heard[h - 1].end > 0.005
        where[i] = ("inside" if k in inside else "edge", "after pause" if pause else "joined")
        out["forced"].append(w.start)
        out["heard"].append(spans[k][0])
        out["heard+tighten"].append(tight[k][0])
    return [w.text for w in words], out, where


def errors(sa, truth: dict, texts: list[str], starts: list[float | None]) -> list[tuple[int, float]]:
    """(word index, signed start error in seconds) for every word with a start that matches the truth."""
    ref = sa.truth_words(truth)
    keys = [sa.norm(t) for t in texts]
    idx = [i for i, k in enumerate(keys) if k]
    matcher = difflib.SequenceMatcher(a=[r[0] for r in ref], b=[keys[i] for i in idx], autojunk=False)
    out = []
    for block in matcher.get_matching_blocks():
        for n in range(block.size):
            i = idx[block.b + n]
            if starts[i] is not None:
                out.append((i, starts[i] - ref[block.a + n][1]))
    return out


def summary(errs: list[float]) -> str:
    if not errs:
        return "n     0"
    a = sorted(abs(e) for e in errs)
    med = statistics.median(a) * 1000
    signed = statistics.median(errs) * 1000
    w50 = sum(e <= 0.05 for e in a) / len(a)
    w100 = sum(e <= 0.1 for e in a) / len(a)
    return (f"n {len(a):5d}  median {med:5.1f} ms  signed median {signed:+6.1f} ms  "
            f"p90 {a[int(0.9 * (len(a) - 1))] * 1000:6.0f} ms  <=50 {w50:6.1%}  <=100 {w100:6.1%}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", action="append", choices=SETS)
    args = ap.parse_args()
    require_bench()
    sa = scorer()
    for name in args.only or SETS:
        shipped, _, shipped_laps = run_instrumented(name, True)
        result, cap, laps = run_instrumented(name, False)
        truth = json.loads((BENCH / name / "truth.json").read_text())
        print(f"\n== {name}: CPU s by stage (one process): as shipped / forced pass everywhere ==")
        for (stage, a), (_, b) in zip(shipped_laps, laps):
            print(f"  {stage:18s} {a:7.2f} {b:7.2f}")
        regions = cap["plan"].regions
        quiet = sum(reuse.quiet_background(cap["db"], r.start, r.end) for r in regions)
        print(f"  regions with a quiet background: {quiet} of {len(regions)}")
        for label, ep in (("as shipped", shipped.episode), ("forced everywhere", result.episode)):
            sc = sa.score(truth, json.loads(episode_json.dumps(ep)))
            ws = sc["word_start"]
            print(f"  {label:18s} all words: start median {ws['median_ms']} ms, within 50 ms {ws['within_50ms']:.1%}, "
                  f"within 100 ms {ws['within_100ms']:.1%}; end within 50 ms {sc['word_end']['within_50ms']:.1%}")
        texts, starts, where = variants(result, cap)
        timed = sum(1 for w in result.episode.words() if w.start is not None)
        print(f"  start errors of the {len(where)} words recognition matched (of {timed} timed), by where they sit:")
        for v, s in starts.items():
            errs = errors(sa, truth, texts, s)
            for part in ("all", "inside", "edge", "after pause", "joined"):
                sel = [e for i, e in errs if part == "all" or part in where[i]]
                print(f"  {v:14s} {part:12s} {summary(sel)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
