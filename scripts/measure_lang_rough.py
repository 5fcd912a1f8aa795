#!/usr/bin/env python3
"""Align many rough language variants and say where each goes wrong (a development tool, not a bench).

    .venv/bin/python scripts/measure_lang_rough.py TAG [--sets 'lang-ca-rough*'] [--jobs 2] [--compare OLD]

Aligns every set matching `--sets` under bench-out (the variants `scripts/make_lang_rough.py --seed N`
writes, and the main rough sets) into bench-out/rough-runs/TAG/<set>/, scores it as
`scripts/bench_languages.py --rough` does (sentence starts within 100 ms, never-spoken null, words
placed), prints one line per set and, per set, the misses: sentence starts more than 100 ms off,
never-spoken sentences given times, spoken sentences judged absent. `--compare OLD` also counts the
words whose times differ from run OLD. Sets of the held-out languages (fi, mr, te) are refused unless
`--held-out` is given: they are run only to report, never to choose.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_align import audio_of, cpu_timed, episode_sentences, norm, sentence_checks
from bench_languages import HELD_OUT, report_checks
from benchlib import AUDIOKIT, BENCH, OUT


def align(folder: Path, out: Path) -> dict:
    """Align one set into `out`; the scores and the misses."""
    out.mkdir(parents=True, exist_ok=True)
    episode, report = out / "episode.json", out / "report.json"
    run, cpu = cpu_timed(["nice", *AUDIOKIT, "align", str(audio_of(folder)), str(folder / "transcript.txt"),
                          "-o", str(episode), "--report", str(report), "--quiet"])
    if run.returncode != 0:
        return {"name": folder.name, "refused": run.stderr.strip().splitlines()[-1:]}
    truth = json.loads((folder / "truth.json").read_text())
    score = json.loads(subprocess.run([sys.executable, str(BENCH / "score_alignment.py"), str(folder / "truth.json"),
                                       str(episode), "--json"], capture_output=True, text=True, check=True).stdout)
    ours = json.loads(episode.read_text())
    r = {"name": folder.name, "cpu": cpu, "score": score, "sentences": sentence_checks(truth, ours),
         "report": json.loads(report.read_text()), "duration": truth["duration"]}
    r["checks"] = report_checks(r, folder)
    r["misses"] = misses(truth, ours)
    return r


def misses(truth: dict, ours: dict) -> list[str]:
    """Sentence starts > 100 ms off, never-spoken sentences with times, spoken ones left null."""
    sents = episode_sentences(ours)
    texts = [norm(" ".join(w["text"] for w in s)) for s in sents]
    spoken = {norm(s["text"]): s for t in truth["turns"] for s in t["sentences"] if s.get("in_transcript", True)}
    found = []
    for k, (text, words) in enumerate(zip(texts, sents)):
        s = spoken.get(text)
        start = words[0]["start"]
        if s is None:
            if any(w["start"] is not None for w in words):
                found.append(f"never-spoken timed  #{k} {start}: {text[:60]}")
        elif start is None:
            found.append(f"spoken judged absent #{k} truth {s['start']:.2f}: {text[:60]}")
        elif abs(start - s["tokens"][0]["start"]) > 0.1:
            found.append(f"start off {1000 * (start - s['tokens'][0]['start']):+.0f} ms #{k} at {start:.2f}: {text[:60]}")
    return found


def line(r: dict) -> str:
    if "refused" in r:
        return f"{r['name']:24s} refused: {r['refused']}"
    s, sc, rep = r["score"], r["sentences"], r["report"]
    return (f"{r['name']:24s} starts {sc['within_100ms']:6.1%}  never null {sc['never_spoken_null']}/"
            f"{sc['never_spoken']}  placed {rep.get('spoken_coverage', rep['coverage']):6.1%}  scorer cov "
            f"{s['coverage']:6.1%}  w100 {s['word_start']['within_100ms']:6.1%}  false-absent "
            f"{r['checks']['false_absent']}  cpu {r['cpu']:.1f}s")


def changed(a: Path, b: Path) -> int:
    """Words whose (start, end) differ between two episode.json files."""
    def times(p: Path) -> list:
        return [(w["text"], w["start"], w["end"]) for t in json.loads(p.read_text())["turns"] for w in t["words"]]
    x, y = times(a), times(b)
    return sum(1 for u, v in zip(x, y) if u != v) + abs(len(x) - len(y))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tag")
    parser.add_argument("--sets", action="append", help="glob under bench-out (default: lang-*-rough*)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--compare", help="an earlier TAG: count words whose times moved")
    parser.add_argument("--held-out", action="store_true", help="allow fi, mr, te (report only)")
    args = parser.parse_args()
    folders = sorted({f for g in (args.sets or ["lang-*-rough*"]) for f in OUT.glob(g) if (f / "rough.json").exists()})
    held = [f for f in folders if "lang-" + f.name.split("-")[1] in HELD_OUT]
    if held and not args.held_out:
        raise SystemExit(f"held-out sets need --held-out: {', '.join(f.name for f in held)}")
    base = OUT / "rough-runs" / args.tag
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda f: align(f, base / f.name), folders))
    base.mkdir(parents=True, exist_ok=True)
    (base / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    for r in results:
        moved = ""
        old = OUT / "rough-runs" / str(args.compare) / r["name"] / "episode.json"
        if args.compare and old.exists() and "refused" not in r:
            moved = f"  moved {changed(old, base / r['name'] / 'episode.json')} words vs {args.compare}"
        print(line(r) + moved)
        for m in r.get("misses", []):
            print("    " + m)


if __name__ == "__main__":
    main()
