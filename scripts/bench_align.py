#!/usr/bin/env python3
"""Alignment benchmark: runs `audiokit align` on every ../shared/bench episode, scores it with
the benchmark's own scorer, and writes the `align` section of BENCHMARKS.md.

    .venv/bin/python scripts/bench_align.py [--only seed-full] [--long] [--no-aeneas]

seed-edited is seed-full's audio with short spoken sentences left out of its transcript
(`scripts/edited_set.py` builds it in bench-out/sets/); seed-ad is seed-full with a 90 s ad break
spliced into its audio and not into its transcript (`scripts/ad_set.py`, also in bench-out/sets/),
scored also on whether the report gives the ad as extra audio; seed-notes is seed-full with transcribers'
notes ("[laughs]", "[Music]") written into its transcript (`scripts/notes_set.py`). `--long` also aligns a 3-hour episode
(the seed-full audio and transcript repeated) to check memory on long files. Aligned episodes are kept in bench-out/<set>/episode.json for the other
benchmarks (captions, chapters, clips). `sample` is the demo episode in samples/ (its
word times from the synthesizers, written by `scripts/make_sample.py`; needs no ../shared). seed-full is also aligned with `--workers 1` (one
process: the cost that scales in batch), and, where pip can install aeneas-ng into
bench-out/aeneas-venv, by aeneas-ng in the same run for comparison. CPU seconds are user + sys
of the whole process tree (worker processes included); on a loaded machine they are the
steadier number.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ad_set import ad_found
from ad_set import build as build_ad
from benchlib import AUDIOKIT, BENCH, OUT, ROOT, Run, load_note, machine, require_bench, timed, update_section
from edited_set import build as build_edited
from notes_set import build as build_notes

from audiokit.text.notes import is_note

SETS = ["real-gold", "real-mfa", "seed-full", "seed-rough", "seed-edited", "seed-ad", "seed-notes", "sample"]
TARGETS = {
    "real-gold": "100% coverage; start median <= 20 ms, all <= 100 ms",
    "real-mfa": ">= 98% coverage; start median <= 30 ms from MFA",
    "seed-full": ">= 99%; median <= 12 ms; >= 95% within 50 ms; turn starts <= 250 ms; "
                 "<= 14 s wall on 2 cores or <= 2.2x aeneas-ng; <= 400 MB",
    "seed-rough": ">= 97% of spoken words; >= 92% within 100 ms; never-spoken null; "
                  ">= 97% sentence starts within 100 ms",
    "seed-edited": "seed-full's clean audio, 7 spoken sentences left out of its transcript "
                   "(scripts/edited_set.py): >= 97% sentence starts within 100 ms; turn starts <= 250 ms",
    "seed-ad": "seed-full with a 90 s ad read (other text, from samples/) spliced in between turns near 10 min, "
               "not in the transcript (scripts/ad_set.py): >= 97% sentence starts within 100 ms; "
               "turn starts <= 250 ms; the ad reported as speech not in the transcript, each end within 1 s",
    "seed-notes": "seed-full with 31 transcribers' notes written into its transcript ([Music] before the first "
                  "turn, [laughs], (laughter), [inaudible 00:04:44] ...: scripts/notes_set.py): scores as seed-full, "
                  "no note counted as a word",
    "sample": "the demo episode (samples/: Festival and eSpeak NG voices, word times from the synthesizers): "
              "no target of its own; read beside seed-full",
}
AENEAS_RECORDED = 6.6  # seconds for seed-full on this machine when it was last measured (issue 14)


def folder_of(name: str) -> Path:
    """A benchmark set's folder: ../shared/bench/<name>, one built from it (seed-edited, seed-ad, seed-notes), or the
    sample episode's files under the set's names (bench-out/sets/sample, links into samples/)."""
    if name == "sample":
        return sample_set()
    if name == "seed-ad":
        return build_ad()
    if name == "seed-notes":
        return build_notes()
    return build_edited() if name == "seed-edited" else BENCH / name


def sample_set() -> Path:
    out = OUT / "sets" / "sample"
    out.mkdir(parents=True, exist_ok=True)
    for link, target in (("episode.mp3", "episode.mp3"), ("transcript.txt", "episode.txt"),
                         ("truth.json", "episode.truth.json")):
        if not (out / link).is_symlink():
            (out / link).symlink_to(ROOT / "samples" / target)
    return out


def audio_of(folder: Path) -> Path:
    return next(p for p in sorted(folder.glob("episode.*")) if p.suffix in (".wav", ".flac", ".mp3"))


def duration_of(path: Path) -> float:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return float(out.strip())


def norm(text: str) -> str:
    """Lowercase letters, digits and apostrophes only, as a loose key for matching text."""
    return " ".join("".join(c for c in w.lower().replace("’", "'") if c.isalnum() or c == "'") for w in text.split())


def episode_sentences(episode: dict) -> list[list[dict]]:
    """An episode.json's sentences as lists of words (rebuilt from the per-turn sentence word counts),
    without transcribers' notes ("[laughs]": the truth has only what is said)."""
    words = [w for t in episode["turns"] for w in t["words"]]
    ours, i = [], 0
    for t in episode["turns"]:
        for n in t.get("sentences", [len(t["words"])]):
            said = [w for w in words[i:i + n] if not is_note(w["text"])]
            if said:
                ours.append(said)
            i += n
    return ours


def sentence_checks(truth: dict, episode: dict) -> dict:
    """Sentence starts within 100 ms (first word of each transcript sentence the truth has),
    and whether sentences the truth lacks (written but never spoken) got null times."""
    spoken = [s for t in truth["turns"] for s in t["sentences"] if s.get("in_transcript", True)]
    ours = episode_sentences(episode)
    text = [norm(" ".join(w["text"] for w in s)) for s in ours]
    truth_texts = {norm(s["text"]) for s in spoken}
    hits = starts = 0
    j = 0
    for s in spoken:
        while j < len(ours) and text[j] != norm(s["text"]):
            j += 1
        if j == len(ours):
            break
        starts += 1
        first = ours[j][0]
        if first["start"] is not None and abs(first["start"] - s["start"]) <= 0.1:
            hits += 1
        j += 1
    never = [k for k, t in enumerate(text) if t not in truth_texts]
    never_null = sum(1 for k in never if all(w["start"] is None for w in ours[k]))
    return {"sentence_starts": starts, "within_100ms": hits / starts if starts else 0.0,
            "never_spoken": len(never), "never_spoken_null": never_null,
            "spoken_sentences": len(spoken), "matched_sentences": starts}


def cpu_timed(cmd: list[str]) -> tuple[Run, float]:
    """:func:`timed`, plus the CPU seconds (user + sys) of the command's whole process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = timed(cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return run, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_set(name: str, workers: int | None = None) -> dict:
    folder = folder_of(name)
    label = name if workers is None else f"{name} (--workers {workers})"
    out = OUT / (name if workers is None else f"{name}-workers{workers}")
    out.mkdir(parents=True, exist_ok=True)
    episode, report = out / "episode.json", out / "report.json"
    audio = audio_of(folder)
    extra = [] if workers is None else ["--workers", str(workers)]
    run, cpu = cpu_timed([*AUDIOKIT, "align", str(audio), str(folder / "transcript.txt"), "-o", str(episode),
                          "--report", str(report), "--quiet", *extra])
    if run.returncode != 0:
        raise SystemExit(f"{label}: audiokit align failed:\n{run.stderr}")
    score = json.loads(subprocess.run([sys.executable, str(BENCH / "score_alignment.py"), str(folder / "truth.json"),
                                       str(episode), "--json"], capture_output=True, text=True, check=True).stdout)
    truth = json.loads((folder / "truth.json").read_text())
    ours = json.loads(episode.read_text())
    dur = duration_of(audio)
    found = json.loads(report.read_text())
    ad = {"ad": ad_found(found["extra_audio"], truth["inserted"]), "inserted": truth["inserted"]} \
        if "inserted" in truth else {}
    return {**ad, "name": label, "set": name, "episode": str(episode), "duration": dur, "wall": run.wall, "cpu": cpu,
            "peak_mb": run.peak_mb, "score": score, "sentences": sentence_checks(truth, ours),
            "report": found}


def aeneas_python() -> Path | None:
    """A Python with aeneas-ng installed (bench-out/aeneas-venv, made with pip), or None."""
    env = OUT / "aeneas-venv"
    python = env / "bin" / "python"
    check = [str(python), "-c", "import aeneas.tools.execute_task"]
    failed = OUT / "aeneas-install-failed.txt"  # one attempt per machine: a failing build takes minutes
    if python.exists() and subprocess.run(check, capture_output=True, check=False).returncode == 0:
        return python
    if failed.exists():
        print(f"aeneas-ng: not installable here (see {failed}; delete it to try again)", file=sys.stderr)
        return None
    venv.create(env, with_pip=True, clear=True)
    pip = subprocess.run([str(python), "-m", "pip", "install", "-q", "numpy", "aeneas-ng"], capture_output=True,
                         text=True, check=False)
    if pip.returncode != 0 or subprocess.run(check, capture_output=True, check=False).returncode != 0:
        failed.write_text(pip.stderr[-5000:])
        print(f"aeneas-ng could not be installed (see {failed})", file=sys.stderr)
        return None
    return python


def aeneas_run(python: Path) -> dict | None:
    """aeneas-ng's sentence-level alignment of seed-full (one sentence-sized fragment per line)."""
    folder = BENCH / "seed-full"
    out = OUT / "aeneas"
    out.mkdir(parents=True, exist_ok=True)
    truth = json.loads((folder / "truth.json").read_text())
    lines = [s["text"] for t in truth["turns"] for s in t["sentences"] if s.get("in_transcript", True)]
    text = out / "sentences.txt"
    text.write_text("\n".join(lines) + "\n")
    run, cpu = cpu_timed([str(python), "-m", "aeneas.tools.execute_task", str(audio_of(folder)), str(text),
                          "task_language=eng|is_text_type=plain|os_task_file_format=json", str(out / "map.json")])
    if run.returncode != 0:
        print(f"aeneas-ng failed: {run.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return {"wall": run.wall, "cpu": cpu, "peak_mb": run.peak_mb}


def long_run() -> dict:
    """A 3-hour episode: the seed-full audio and transcript repeated."""
    folder = BENCH / "seed-full"
    out = OUT / "long"
    out.mkdir(parents=True, exist_ok=True)
    audio = out / "episode-3h.flac"
    transcript = out / "transcript-3h.txt"
    repeats = 8  # 8 x 24 min = 3.2 h
    if not audio.exists():
        listing = out / "list.txt"
        listing.write_text("".join(f"file '{audio_of(folder)}'\n" for _ in range(repeats)))
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(listing),
                        "-ac", "1", "-ar", "16000", str(audio)], check=True)
    text = (folder / "transcript.txt").read_text()
    transcript.write_text(text + ("\n\n" + text.split("Dive in:", 1)[-1]) * (repeats - 1))
    run, cpu = cpu_timed([*AUDIOKIT, "align", str(audio), str(transcript), "-o", str(out / "episode.json"),
                          "--report", str(out / "report.json"), "--quiet"])
    report = json.loads((out / "report.json").read_text()) if run.returncode == 0 else {}
    return {"duration": duration_of(audio), "wall": run.wall, "cpu": cpu, "peak_mb": run.peak_mb,
            "ok": run.returncode == 0,
            "coverage": report.get("coverage"), "stderr": run.stderr[-300:]}


def table(results: list[dict], long: dict | None, aeneas: dict | None) -> str:
    rows = [
        ("| set | audio | coverage | word start median | mean | p90 | within 50 ms | within 100 ms | interpolated "
         "| max turn start err | "
         "sentence starts within 100 ms | absent (never spoken null) | wall | CPU (user+sys) | CPU s per audio hour "
         "| x real time | peak memory |"),
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s, ws, sc = r["score"], r["score"]["word_start"], r["sentences"]
        never = f"{sc['never_spoken_null']}/{sc['never_spoken']}" if sc["never_spoken"] else "-"
        rows.append(
            f"| {r['name']} | {r['duration']:.0f} s | {s['coverage']:.1%} | {ws['median_ms']:.1f} ms | "
            f"{ws['mean_ms']:.0f} ms | {ws['p90_ms']:.0f} ms | {ws['within_50ms']:.1%} | {ws['within_100ms']:.1%} | "
            f"{r['report'].get('interpolated', '-')} | "
            f"{r['max_turn_ms']:.0f} ms | {sc['within_100ms']:.1%} | {never} | {r['wall']:.1f} s | "
            f"{_cpu(r)} | {_per_hour(r)} | {r['duration'] / r['wall']:.0f}x | {r['peak_mb']:.0f} MB |"
        )
    lines = ["## Alignment (`scripts/bench_align.py`)", "", f"Machine: {machine()}; {load_note()}.", "", *rows, ""]
    lines += [ad_line(r) for r in results if "ad" in r]
    lines += [""] if any("ad" in r for r in results) else []
    full = next((r for r in results if r["name"] == "seed-full"), None)
    if aeneas:
        ratio = f" (audiokit seed-full: {full['wall'] / aeneas['wall']:.1f}x its wall time)" if full else ""
        lines += [(f"aeneas-ng (sentence level only; given the spoken sentences one per line) on seed-full in the "
                   f"same run: {aeneas['wall']:.1f} s wall, {aeneas['cpu']:.1f} s CPU, "
                   f"{aeneas['peak_mb']:.0f} MB{ratio}."),
                  ""]
    else:
        lines += [f"aeneas-ng could not be run here; its recorded time for seed-full is {AENEAS_RECORDED} s.", ""]
    lines += ["Targets (issues 3 and 14):", *[f"- {k}: {v}" for k, v in TARGETS.items()]]
    worst = [r for r in results if r["name"] == "real-gold"]
    if worst:
        lines.append(f"- real-gold worst word start error: {worst[0]['max_word_ms']:.0f} ms")
    if long:
        lines += ["", (f"3-hour episode (seed-full x8, {long['duration'] / 3600:.1f} h): "
                       f"{'completed' if long['ok'] else 'FAILED'} in {long['wall']:.0f} s ({_cpu(long)} CPU), "
                       f"peak memory {long['peak_mb']:.0f} MB, coverage {long['coverage']} "
                       "(target: <= 150 s, <= 1.2 GB)")]
    lines += ["", ("Scores from `../shared/bench/score_alignment.py`; memory is the peak total PSS of "
                   "`audiokit align` and its worker processes; CPU is user + sys of the whole process tree. "
                   "Wall times depend on what else the machine is doing; CPU seconds much less.")]
    return "\n".join(lines)


def ad_line(r: dict) -> str:
    """How the report of a set with an inserted ad (seed-ad) gave it.

    >>> ad_line({"name": "seed-ad", "ad": {"found": False}, "inserted": {"start": 615.386, "end": 705.386}})
    'seed-ad: the inserted ad (615.4-705.4 s) was not reported as speech not in the transcript'
    >>> ad_line({"name": "seed-ad", "inserted": {"start": 615.386, "end": 705.386}, "ad": {"found": True,
    ...     "pieces": 1, "start": 615.0, "end": 705.9, "start_ms": 386.0, "end_ms": 514.0, "covered": 1.0}})
    'seed-ad: the inserted ad (615.4-705.4 s) reported as speech not in the transcript at 615.0-705.9 s (1 stretch, 100.0% of the ad): start 386 ms off, end 514 ms off'
    """
    ins, ad = r["inserted"], r["ad"]
    head = f"{r['name']}: the inserted ad ({ins['start']:.1f}-{ins['end']:.1f} s)"
    if not ad["found"]:
        return head + " was not reported as speech not in the transcript"
    pieces = f"{ad['pieces']} stretch" + ("es" if ad["pieces"] > 1 else "")
    return (f"{head} reported as speech not in the transcript at {ad['start']:.1f}-{ad['end']:.1f} s "
            f"({pieces}, {ad['covered']:.1%} of the ad): start {ad['start_ms']:.0f} ms off, end {ad['end_ms']:.0f} ms off")


def _cpu(r: dict) -> str:
    return f"{r['cpu']:.1f} s" if "cpu" in r else "-"


def _per_hour(r: dict) -> str:
    return f"{r['cpu'] * 3600 / r['duration']:.0f} s" if "cpu" in r else "-"


def worst_errors(name: str, episode: Path) -> tuple[float, float]:
    """Largest word-start and turn-start errors, matched by text in order like the scorer."""
    truth = json.loads((folder_of(name) / "truth.json").read_text())
    ours = json.loads(episode.read_text())
    tw = [k for t in truth["turns"] for s in t["sentences"] if s.get("in_transcript", True) for k in s["tokens"]
          if k["start"] is not None]  # a word the truth has no time for (the sample's) is skipped, as the scorer does
    ow = [w for t in ours["turns"] for w in t["words"]]
    worst, j = 0.0, 0
    for k in tw:
        while j < len(ow) and norm(ow[j]["text"]) != norm(k["text"]):
            j += 1
        if j == len(ow):
            break
        if ow[j]["start"] is not None:
            worst = max(worst, abs(ow[j]["start"] - k["start"]) * 1000)
        j += 1
    # A truth turn may open with a sentence the transcript lacks: compare with the start of its
    # first sentence that is in the transcript.
    truth_starts = [next((s["start"] for s in t["sentences"] if s.get("in_transcript", True)), None)
                    for t in truth["turns"]]
    starts = [abs(o["start"] - t) * 1000 for o, t in zip(ours["turns"], truth_starts)
              if o["start"] is not None and t is not None and len(ours["turns"]) == len(truth["turns"])]
    return worst, max(starts, default=float("nan"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=SETS)
    parser.add_argument("--long", action="store_true", help="also align a 3-hour episode (memory check)")
    parser.add_argument("--no-aeneas", action="store_true", help="do not install and run aeneas-ng for comparison")
    args = parser.parse_args()
    require_bench()
    results = []
    runs: list[tuple[str, int | None]] = [(name, None) for name in args.only or SETS]
    if ("seed-full", None) in runs:
        runs.insert(runs.index(("seed-full", None)) + 1, ("seed-full", 1))
    for name, workers in runs:
        r = run_set(name, workers)
        r["max_word_ms"], r["max_turn_ms"] = worst_errors(name, Path(r["episode"]))
        results.append(r)
        ws = r["score"]["word_start"]
        print(f"{r['name']}: coverage {r['score']['coverage']:.1%}, start median {ws['median_ms']} ms, mean {ws['mean_ms']} ms, "
              f"within 50 ms {ws['within_50ms']:.1%}, within 100 ms {ws['within_100ms']:.1%}, "
              f"interpolated {r['report'].get('interpolated')}, sentence starts {r['sentences']['within_100ms']:.1%}, wall {r['wall']:.1f} s, "
              f"CPU {r['cpu']:.1f} s, peak {r['peak_mb']:.0f} MB, max turn start error {r['max_turn_ms']:.0f} ms",
              file=sys.stderr)
        if "ad" in r:
            print(ad_line(r), file=sys.stderr)
    aeneas = None
    if "seed-full" in (args.only or SETS) and not args.no_aeneas:
        python = aeneas_python()
        aeneas = aeneas_run(python) if python else None
        if aeneas:
            print(f"aeneas-ng: {aeneas}", file=sys.stderr)
    long = long_run() if args.long else None
    if long:
        print(f"3-hour: {long}", file=sys.stderr)
    # Keep the latest result of every set, so that sets can be rerun one at a time.
    store = OUT / "align-results.json"
    saved = json.loads(store.read_text()) if store.exists() else {}
    saved.update({r["name"]: r for r in results})
    if long:
        saved["long"] = long
    if aeneas:
        saved["aeneas"] = aeneas
    store.write_text(json.dumps(saved, indent=1))
    names = [n for name in SETS for n in (name, f"{name} (--workers 1)")]
    ordered = [saved[name] for name in names if name in saved]
    for r in ordered:  # the worst errors are re-measured from the kept episodes
        r["max_word_ms"], r["max_turn_ms"] = worst_errors(r.get("set", r["name"]), Path(r.get("episode", OUT / r["name"] / "episode.json")))
    update_section("align", table(ordered, saved.get("long"), saved.get("aeneas")))


if __name__ == "__main__":
    main()
