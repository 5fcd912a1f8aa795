#!/usr/bin/env python3
"""Every alignment set aligned by two copies of the code, scored the way bench_align.py scores.

    .venv/bin/python scripts/measure_heard_fallback.py run --src bench-out/base-src --tag before
    .venv/bin/python scripts/measure_heard_fallback.py run --src . --tag after
    .venv/bin/python scripts/measure_heard_fallback.py compare before after

``--src`` is a folder holding an ``audiokit`` package (put first on PYTHONPATH); a copy of main's
is ``git archive main audiokit | tar -x -C bench-out/base-src``. ``run --only NAME`` repeats sets
(CPU seconds of seed-full and seed-rough: alternate the two copies, the machine is shared).
Sets: real-gold, real-mfa, seed-full, seed-rough, seed-edited and the other variants of
scripts/edited_set.py (seed 7), lang-it, lang-cs and the generated bench-out/lang-* sets.
Per set: word-start error mean/median and share within 50 ms, worst word and turn start, sentence
starts within 100 ms, never-spoken sentences left null, and, where the truth has spoken sentences
the transcript lacks, how many of them a reported "speech not in transcript" stretch covers (half
of the sentence or more) and how many such stretches cover none (false).

Findings (2026-12-01, main 363ad40 against the commit that keeps a failed region's heard times
and trims region edges by 3-word anchors only): real-mfa word start mean 162.4 -> 92.8 ms, median
20 -> 15 ms, within 50 ms 68.3 -> 74.9%, interpolated 17 -> 5; its worst turn start stays ~2.4 s
(2364 late -> 2388 early: the turn's first token "uh" is never heard, as fillers are dropped
from recognition, and is interpolated from its region's start in the pause). Every other set
equal or better on every metric, unwritten-speech detection unchanged (seed-edited 5/7 left-out
sentences covered, edited-long 2/2, seed-rough 10/10 with 1 false stretch, before and after).
The speech extra.py was suspected of taking for unwritten speech was not: there it only cut at
27.975 s, in the pause between the two recordings, and reported no unwritten speech.

Then (branch extravoice2, measured with bench_align.py, whose `sample` set scores the demo episode
word by word): merged as above, the fallback crammed the sample's words ("Haddad. I light streets,"
in 0.35 s before a heard "and" matched to the wrong "and I"; demo 1174 -> 1166 words aligned). Heard
times now come only from runs of 3+ matched words, only for words the first recognition pass did
not hear, and eSpeak NG + DTW tries those words first; a fall-back time that leaves 3+ words under
0.09 s a word is dropped. real-mfa mean 162.4 -> 92.0 ms, median 20 -> 15.8 ms, within 50 ms 68.3 ->
74.3%, interpolated 17 -> 9; the sample as main (1174 aligned, 7 interpolated, mean 29.9 ms);
seed-rough mean 15.6 -> 15.5 ms, interpolated 3 -> 1; seed-edited one word 10 ms later (within 25 ms
84.25 -> 84.23%); real-gold and seed-full word for word the same.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_align import audio_of, cpu_timed, sentence_checks, worst_errors
from benchlib import BENCH, OUT
from edited_set import VARIANTS, build

ROOT = Path(__file__).resolve().parent.parent
STORE = OUT / "heard-fallback"


def folders() -> dict[str, Path]:
    """Every alignment set present, by name."""
    found = {n: BENCH / n for n in ("real-gold", "real-mfa", "seed-full", "seed-rough")}
    found["seed-edited"] = build()
    for v in VARIANTS[1:]:
        found[f"edited-{v}"] = build(target=OUT / "sets" / f"edited-{v}-7", variant=v)
    found.update({n: BENCH / n for n in ("lang-it", "lang-cs")})
    for f in sorted(OUT.glob("lang-*")):
        if (f / "truth.json").exists() and ((f / "generation.json").exists() or (f / "rough.json").exists()):
            found[f.name] = f
    return found


def unwritten(truth: dict, report: dict) -> dict:
    """Left-out spoken sentences a reported stretch covers, and stretches that cover none."""
    left = [(s["start"], s["end"]) for t in truth["turns"] for s in t["sentences"] if not s.get("in_transcript", True)]
    spans = [(e["start"], e["end"]) for e in report.get("extra_audio", []) if e["kind"] == "speech not in transcript"]

    def overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
        return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))

    found = sum(1 for s in left if sum(overlap(s, x) for x in spans) >= 0.5 * (s[1] - s[0]))
    false = sum(1 for x in spans if not any(overlap(s, x) > 0 for s in left))
    return {"left_out": len(left), "found": found, "false_stretches": false, "stretches": len(spans)}


def run(name: str, folder: Path, src: Path, tag: str) -> dict:
    out = STORE / tag / name
    out.mkdir(parents=True, exist_ok=True)
    episode, report = out / "episode.json", out / "report.json"
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    cmd = [str(ROOT / ".venv" / "bin" / "python"), "-m", "audiokit", "align", str(audio_of(folder)),
           str(folder / "transcript.txt"), "-o", str(episode), "--report", str(report), "--quiet"]
    old, here = os.environ.copy(), Path.cwd()
    os.environ.update(env)
    os.chdir(src)  # python -m puts the working folder first on sys.path
    try:
        done, cpu = cpu_timed(cmd)
    finally:
        os.chdir(here)
        os.environ.clear()
        os.environ.update(old)
    if done.returncode != 0:
        return {"name": name, "refused": done.stderr.strip().splitlines()[-1:], "cpu": cpu}
    score = json.loads(subprocess.run([sys.executable, str(BENCH / "score_alignment.py"), str(folder / "truth.json"),
                                       str(episode), "--json"], capture_output=True, text=True, check=True).stdout)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    ours = json.loads(episode.read_text(encoding="utf-8"))
    rep = json.loads(report.read_text(encoding="utf-8"))
    worst_word, worst_turn = _worst(truth, ours)
    ws = score["word_start"]
    return {"name": name, "cpu": round(cpu, 1), "coverage": score["coverage"], "mean_ms": ws["mean_ms"],
            "median_ms": ws["median_ms"], "within_50": ws["within_50ms"], "worst_word_ms": round(worst_word),
            "worst_turn_ms": round(worst_turn), "sentences": sentence_checks(truth, ours),
            "unwritten": unwritten(truth, rep), "interpolated": rep.get("interpolated")}


def _worst(truth: dict, ours: dict) -> tuple[float, float]:
    """bench_align.worst_errors on loaded files (it reads them by set name)."""
    tmp = STORE / "_worst"
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    (tmp / "episode.json").write_text(json.dumps(ours), encoding="utf-8")
    import bench_align
    saved = bench_align.folder_of
    bench_align.folder_of = lambda _name: tmp
    try:
        return worst_errors("x", tmp / "episode.json")
    finally:
        bench_align.folder_of = saved


def row(r: dict) -> str:
    if "refused" in r:
        return f"refused {r['refused']}"
    s, u = r["sentences"], r["unwritten"]
    extra = f" unwritten {u['found']}/{u['left_out']} false {u['false_stretches']}" if u["left_out"] or u["stretches"] else ""
    never = f" never-null {s['never_spoken_null']}/{s['never_spoken']}" if s["never_spoken"] else ""
    return (f"cov {r['coverage']:.3f} mean {r['mean_ms']:6.1f} med {r['median_ms']:5.1f} <=50 {r['within_50']:.3f} "
            f"worst {r['worst_word_ms']:5d} turn {r['worst_turn_ms']:5d} sent {s['within_100ms']:.3f} "
            f"interp {r['interpolated']} cpu {r['cpu']:.0f}{extra}{never}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("run")
    p.add_argument("--src", type=Path, required=True)
    p.add_argument("--tag", required=True)
    p.add_argument("--only", action="append")
    c = sub.add_parser("compare")
    c.add_argument("tags", nargs=2)
    args = parser.parse_args()
    if args.cmd == "run":
        store = STORE / f"{args.tag}.json"
        saved = json.loads(store.read_text()) if store.exists() else {}
        for name, folder in folders().items():
            if args.only and name not in args.only:
                continue
            r = run(name, folder, args.src, args.tag)
            saved.setdefault(name, []).append(r)
            store.write_text(json.dumps(saved, indent=1))
            print(f"{args.tag} {name}: {row(r)}", file=sys.stderr)
        return
    a, b = (json.loads((STORE / f"{t}.json").read_text()) for t in args.tags)
    for name in a:
        if name in b:
            cpus = [[x["cpu"] for x in side[name]] for side in (a, b)]
            print(f"{name}\n  {args.tags[0]:>6}: {row(a[name][-1])} (cpu runs {cpus[0]})\n"
                  f"  {args.tags[1]:>6}: {row(b[name][-1])} (cpu runs {cpus[1]})")


if __name__ == "__main__":
    main()
