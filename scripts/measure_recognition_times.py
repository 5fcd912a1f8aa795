#!/usr/bin/env python3
"""Issue 14: does the forced pass have to run everywhere? Measures, per English set:

- where the alignment's CPU goes, stage by stage (one process, ``--workers 1``, so this
  process's CPU clock sees every stage; the CLI's decode and start-up are not included);
- for the words the recognition pass matched to the transcript (tokens inside runs of at least
  two, ``Plan.matched``), the word-start error against the truth of
  - the full pipeline (forced pass, then edge tightening): what main ships,
  - the recogniser's own start for that word,
  - the recogniser's start after :func:`energy.tighten_edges` (edges that border a pause),
  split into words inside a run (both neighbours matched, heard one after the other) and at a
  run's edge.

    .venv/bin/python scripts/measure_recognition_times.py [--only seed-full] [--json OUT.json]

Prints a table; writes nothing into BENCHMARKS.md (a measurement, not a benchmark of main).
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

from audiokit import transcripts
from audiokit.align import aligner, dtw_fill
from audiokit.align.energy import frame_energy, tighten_edges
from audiokit.audio import decode

SETS = ["seed-full", "seed-rough", "real-gold", "real-mfa"]


def scorer():
    spec = importlib.util.spec_from_file_location("score_alignment", BENCH / "score_alignment.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_instrumented(name: str) -> tuple[dict, dict, list[tuple[str, float]]]:
    """Align set ``name`` in this process, with the aligner's internals captured and CPU per stage."""
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

    def token_times(tokens, heard, plan, placed, _orig=aligner._token_times):
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

    patches = [(aligner._Stopwatch, "lap", lap), (aligner, "_token_times", token_times), (aligner, "_words", words),
               (aligner, "_tighten_edges", tighten), (dtw_fill, "fill_unplaced", fill)]
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


def variants(result, cap: dict) -> tuple[list[str], dict[str, list[float | None]], dict[int, str]]:
    """Word texts (episode order) and, per variant, each word's start (None: not in the subset)."""
    words = list(result.episode.words())
    tokens, heard, plan = cap["tokens"], cap["heard"], cap["plan"]
    matched = plan.matched
    first_token: dict[int, int] = {}
    for k, t in enumerate(tokens):
        first_token.setdefault(t.word, k)
    spans = [(heard[matched[k]].start, heard[matched[k]].end) if k in matched else None for k in range(len(tokens))]
    tight = tighten_edges(spans, cap["db"])
    out: dict[str, list[float | None]] = {"forced": [], "heard": [], "heard+tighten": []}
    where: dict[int, str] = {}
    for i, w in enumerate(words):
        k = first_token.get(i)
        if k is None or k not in matched or w.start is None:
            for v in out.values():
                v.append(None)
            continue
        inside = (k - 1 in matched and k + 1 in matched and matched[k - 1] == matched[k] - 1
                  and matched[k + 1] == matched[k] + 1)
        where[i] = "inside" if inside else "edge"
        out["forced"].append(w.start)
        out["heard"].append(spans[k][0])
        out["heard+tighten"].append(tight[k][0])
    return [w.text for w in words], out, where


def inside_runs(matched: dict[int, int], n: int, margin: int) -> set[int]:
    """Tokens whose ``margin`` neighbours either side are matched and were heard one after the other."""
    out = set()
    for k in range(n):
        ks = range(k - margin, k + margin + 1)
        if all(j in matched for j in ks) and all(matched[j] - matched[k] == j - k for j in ks):
            out.add(k)
    return out


def hybrid(result, cap: dict, margin: int) -> dict:
    """The episode as if words inside runs kept their heard times (then tightened like the
    pipeline does) and only the others came from the forced pass."""
    tokens, heard, plan = cap["tokens"], cap["heard"], cap["plan"]
    keep = inside_runs(plan.matched, len(tokens), margin)
    times = list(cap["raw_times"])
    for k in keep:
        h = heard[plan.matched[k]]
        times[k] = aligner._TokenTime(h.start, h.end, aligner.CONF_HEARD)
    times = aligner._tighten_edges(times, cap["db"], cap["language"])
    words = aligner._words(result.episode, cap["forms"], tokens, times)
    return {"episode": result.episode.with_words(words), "kept": len(keep), "tokens": len(tokens)}


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
        return "n 0"
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
    ap.add_argument("--json", type=Path, help="also write the per-set numbers here")
    args = ap.parse_args()
    require_bench()
    sa = scorer()
    dump = {}
    for name in args.only or SETS:
        result, cap, laps = run_instrumented(name)
        truth = json.loads((BENCH / name / "truth.json").read_text())
        print(f"\n== {name}: CPU by stage (one process) ==")
        for stage, s in laps:
            print(f"  {stage:18s} {s:7.2f} s")
        texts, starts, where = variants(result, cap)
        matched_words = len(where)
        timed = sum(1 for w in result.episode.words() if w.start is not None)
        print(f"  words matched by recognition: {matched_words} of {timed} timed words "
              f"({sum(v == 'inside' for v in where.values())} inside runs)")
        dump[name] = {"laps": laps}
        from bench_align import sentence_checks

        from audiokit import episode_json
        for label, ep in [("main", result.episode)] + [
                (f"hybrid m{m} ({h['kept'] / h['tokens']:.0%} kept)", h["episode"])
                for m in (1, 2, 3) for h in [hybrid(result, cap, m)]]:
            d = json.loads(episode_json.dumps(ep))
            sc = sa.score(truth, d)
            ws, we = sc["word_start"], sc["word_end"]
            sent = sentence_checks(truth, d)
            print(f"  {label:20s} cov {sc['coverage']:.1%} start med {ws['median_ms']} <=50 {ws['within_50ms']:.1%} "
                  f"<=100 {ws['within_100ms']:.1%} | end med {we['median_ms']} <=50 {we['within_50ms']:.1%} | "
                  f"turn max {sc['turn_start'].get('p90_ms')} | sent {sent['within_100ms']:.1%} "
                  f"never null {sent['never_spoken_null']}/{sent['never_spoken']}")
        for v, s in starts.items():
            errs = errors(sa, truth, texts, s)
            dump[name][v] = errs
            for part in ("all", "inside", "edge"):
                sel = [e for i, e in errs if part == "all" or where.get(i) == part]
                print(f"  {v:14s} {part:6s} {summary(sel)}")
    if args.json:
        args.json.write_text(json.dumps(dump))
    return 0


if __name__ == "__main__":
    sys.exit(main())


def analyse(name: str, margin: int = 1) -> None:
    """Where heard starts go wrong that forced ones get right (kept words only)."""
    sa = scorer()
    result, cap, _ = run_instrumented(name)
    truth = json.loads((BENCH / name / "truth.json").read_text())
    tokens, heard, plan = cap["tokens"], cap["heard"], cap["plan"]
    keep = inside_runs(plan.matched, len(tokens), margin)
    first_token: dict[int, int] = {}
    for k, t in enumerate(tokens):
        first_token.setdefault(t.word, k)
    words = list(result.episode.words())
    texts = [w.text for w in words]
    starts_h = [None] * len(words)
    for i in range(len(words)):
        k = first_token.get(i)
        if k in keep:
            starts_h[i] = heard[plan.matched[k]].start
    eh = dict(errors(sa, truth, texts, starts_h))
    ef = dict(errors(sa, truth, texts, [w.start for w in words]))
    rows = {"pause before": [], "joined": []}
    for i, e in eh.items():
        k = first_token[i]
        h, p = heard[plan.matched[k]], heard[plan.matched[k] - 1]
        rows["pause before" if h.start - p.end > 0.005 else "joined"].append((e, ef.get(i)))
    for label, r in rows.items():
        print(label, len(r), "heard", summary([a for a, _ in r]))
        print(label, len(r), "forced", summary([b for _, b in r if b is not None]))
    bad = [(i, e, ef.get(i)) for i, e in eh.items() if abs(e) > 0.05 and ef.get(i) is not None and abs(ef[i]) <= 0.05]
    print("heard bad, forced good:", len(bad))
    for i, e, f in bad[:40]:
        k = first_token[i]
        h, p = heard[plan.matched[k]], heard[plan.matched[k] - 1]
        print(f"  {texts[i - 2:i + 2]} heard {h.start:.2f} err {e * 1000:+.0f} forced err {f * 1000:+.0f} "
              f"gap {1000 * (h.start - p.end):.0f} ms sentence start {tokens[k].sentence != tokens[k - 1].sentence}")
