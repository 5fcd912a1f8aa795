#!/usr/bin/env python3
"""Alignment methods in other languages, set by set: the anchored pocketsphinx pipeline alone
(eSpeak NG phonemes mapped to English phones), the same with eSpeak NG + DTW in the regions it
leaves interpolated (what audiokit ships), and eSpeak NG + DTW over the whole episode. Writes the
`align-methods` section of BENCHMARKS.md.

    .venv/bin/python scripts/bench_align_methods.py [--generated DIR] [--only NAME] [--no-write] [--long]

Sets: ../shared/bench/lang-it and lang-cs; bench-out/espeak-ru (a 17 s clip spoken by eSpeak NG,
made by scripts/make_espeak_clip.py when missing); and every lang-* folder of the Festival-voiced
episodes scripts/make_lang_episodes.py generates (bench-out/, or --generated DIR). Each method
runs in its own process (`--run`), so CPU seconds are that process tree's user + sys. A method
that refuses the transcript (mismatch) is shown as refused. Wrong pairings (one set's transcript
on another set's audio) check that both methods still refuse or leave a wrong transcript unplaced.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_align import audio_of, sentence_checks, worst_errors
from benchlib import BENCH, OUT, ROOT, load_note, machine, update_section

METHODS = {
    "pocketsphinx": "pocketsphinx, mapped phones (alone)",
    "pocketsphinx+dtw": "pocketsphinx + DTW in unplaced regions",
    "dtw": "DTW, whole episode",
}
WRONG = [("lang-it", "lang-cs"), ("lang-cs", "lang-it"), ("lang-hi", "lang-te"), ("lang-te", "lang-hi"),
         ("lang-ru", "lang-fi"), ("lang-mr", "lang-hi"), ("lang-hi", "lang-mr")]


def run_method(method: str, audio: Path, transcript: Path, out: Path) -> None:
    """One method on one episode, in this process (called through ``--run``)."""
    from audiokit import episode_json
    from audiokit.align import aligner, dtw_episode, dtw_fill
    from audiokit.audio import decode
    from audiokit.errors import MismatchError
    from audiokit.transcripts import load

    if method == "pocketsphinx":
        dtw_fill.fill_unplaced = lambda times, *rest: (times, ())
    dtw_episode.whole_episode = (lambda language: True) if method == "dtw" else (lambda language: False)
    episode = load(transcript).episode
    out.mkdir(parents=True, exist_ok=True)
    try:
        result = aligner.align(episode, decode(audio))
    except MismatchError as e:
        (out / "report.json").write_text(json.dumps({"refused": str(e)}, ensure_ascii=False))
        return
    episode_json.save(result.episode, out / "episode.json")
    (out / "report.json").write_text(json.dumps(result.report.to_dict(), ensure_ascii=False))


def measure(method: str, folder: Path, transcript: Path | None = None, label: str | None = None) -> dict:
    out = OUT / "align-methods" / (label or folder.name) / method
    transcript = transcript or folder / "transcript.txt"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(["nice", "-n", "5", sys.executable, __file__, "--run", method, str(audio_of(folder)),
                    str(transcript), str(out)], check=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = json.loads((out / "report.json").read_text())
    r = {"set": label or folder.name, "method": method, "cpu": cpu, "wall": wall, "report": report}
    if "refused" in report or label:
        return r
    episode = out / "episode.json"
    r["score"] = json.loads(subprocess.run([sys.executable, str(BENCH / "score_alignment.py"),
                                            str(folder / "truth.json"), str(episode), "--json"],
                                           capture_output=True, text=True, check=True).stdout)
    r["sentences"] = sentence_checks(json.loads((folder / "truth.json").read_text()), json.loads(episode.read_text()))
    r["max_word_ms"], r["max_turn_ms"] = worst_errors(str(folder), episode)  # an absolute path replaces BENCH
    return r


def run_long(copies: int) -> None:
    """Whole-episode DTW on lang-it repeated ``copies`` times (about 3 hours), in this process."""
    import dataclasses

    import numpy as np

    from audiokit.align import dtw_episode
    from audiokit.audio import Audio, decode
    from audiokit.transcripts import load

    one = decode(audio_of(BENCH / "lang-it"))
    episode = load(BENCH / "lang-it" / "transcript.txt").episode
    audio = Audio(np.tile(one.samples, copies), one.rate)
    episode = dataclasses.replace(episode, turns=episode.turns * copies)
    began = time.process_time()
    _, report = dtw_episode.align_episode(episode, audio)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"hours": audio.duration / 3600, "words": report.words, "coverage": report.coverage,
                      "cpu": time.process_time() - began, "peak_mb": peak, "audio_mb": audio.samples.nbytes / 2**20}))


def long_run() -> dict:
    out = subprocess.run(["nice", "-n", "5", sys.executable, __file__, "--run-long", "52"], capture_output=True,
                         text=True, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    (OUT / "align-methods").mkdir(parents=True, exist_ok=True)
    (OUT / "align-methods" / "long.json").write_text(json.dumps(result))
    return result


def long_line() -> list[str]:
    saved = OUT / "align-methods" / "long.json"
    if not saved.exists():
        return []
    r = json.loads(saved.read_text())
    return ["", (f"Long episode (`--long`: lang-it 52 times over, {r['hours']:.1f} h, {r['words']} words), DTW whole "
                 f"episode: {r['cpu']:.0f} CPU s ({r['cpu'] / r['hours']:.0f} per audio hour), peak "
                 f"{r['peak_mb']:.0f} MB of which {r['audio_mb']:.0f} MB is the decoded audio; "
                 f"{r['coverage']:.1%} placed.")]


def _whole() -> frozenset[str]:
    from audiokit.align.dtw_episode import WHOLE_EPISODE

    return WHOLE_EPISODE


def sets(generated: Path) -> list[Path]:
    clip = OUT / "espeak-ru"
    if not (clip / "truth.json").exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_espeak_clip.py"), str(clip)], check=True)
    found = [BENCH / "lang-it", BENCH / "lang-cs", clip]
    return [f for f in found if f.is_dir()] + sorted(p for p in generated.glob("lang-*") if (p / "truth.json").exists())


def row(r: dict) -> str:
    rep = r["report"]
    if "refused" in rep:
        return f"| {r['set']} | {METHODS[r['method']]} | refused | | | | | {r['cpu']:.1f} s |"
    ws, interp = r["score"]["word_start"], rep["interpolated"]
    dtw = f" ({rep['dtw_words']} by DTW)" if rep.get("dtw_words") else ""
    return (f"| {r['set']} | {METHODS[r['method']]} | {rep['coverage']:.1%}{dtw}, {interp} interpolated | "
            f"{ws['median_ms']:.0f} ms | {ws['within_50ms']:.1%} | {_sentences(r['sentences'])} | "
            f"{_ms(r['max_turn_ms'])} | {r['cpu']:.1f} s |")


def _sentences(checks: dict) -> str:
    """Share of sentence starts within 100 ms, or n/a when no sentence of ours reads like the truth's
    (our sentence splitting differs from the truth's)."""
    return f"{checks['within_100ms']:.1%}" if checks["matched_sentences"] else "n/a (split differs)"


def _ms(value: float) -> str:
    return "n/a (turns differ)" if math.isnan(value) else f"{value:.0f} ms"


def wrong_row(r: dict) -> str:
    rep = r["report"]
    said = f"refused: {rep['refused'][:90]}" if "refused" in rep else f"{rep['coverage']:.1%} placed, warnings {rep['warnings']}"
    return f"| {r['set']} | {METHODS[r['method']]} | {said} |"


def table(results: list[dict], wrong: list[dict]) -> str:
    lines = [
        "## Alignment methods in other languages (`scripts/bench_align_methods.py`)", "",
        f"Machine: {machine()}; {load_note()}.", "",
        ("Placed: words placed from the audio in the aligner's own report (DTW-placed words count only when "
         "they pass its checks; interpolated words are not placed). Median, within 50 ms: word starts "
         "(`score_alignment.py`, interpolated words included). Sentence starts within 100 ms; worst turn start; "
         "CPU: user + sys of the method's process."), "",
        "| set | method | placed | median | within 50 ms | sentence starts | worst turn | CPU |",
        "|---|---|---|---|---|---|---|---|",
        *[row(r) for r in results], "",
        "A transcript on the wrong audio:", "",
        "| audio <- transcript | method | result |", "|---|---|---|",
        *[wrong_row(r) for r in wrong], "",
        *long_line(), "",
        (f"What audiokit ships: DTW over the whole episode for {', '.join(sorted(_whole())) or 'no language'}; "
         "pocketsphinx with DTW in its unplaced regions for the other languages but English; English unchanged (the DTW "
         "code never runs for English)."),
        "",
        ("lang-it and lang-cs are Festival voices (../shared/bench); espeak-ru is eSpeak NG on both sides (the "
         "easiest case for DTW, and the voice the English acoustic model hears worst); lang-ca/fi/hi/mr/ru/te are "
         "Festival voices generated by scripts/make_lang_episodes.py (lang-dev)."),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", nargs=4, metavar=("METHOD", "AUDIO", "TRANSCRIPT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--generated", type=Path, default=OUT, help="folder holding generated lang-* sets")
    parser.add_argument("--only", action="append")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--long", action="store_true", help="also align a 3-hour episode by DTW (memory, CPU)")
    parser.add_argument("--run-long", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--table-only", action="store_true", help="rewrite the section from the last run's results")
    args = parser.parse_args()
    if args.run:
        method, audio, transcript, out = args.run
        run_method(method, Path(audio), Path(transcript), Path(out))
        return
    if args.run_long:
        run_long(args.run_long)
        return
    if args.long:
        print(long_run(), file=sys.stderr)
    saved = OUT / "align-methods" / "results.json"
    if args.table_only:
        update_section("align-methods", table(*json.loads(saved.read_text())))
        return
    results = []
    for folder in sets(args.generated):
        if args.only and folder.name not in args.only:
            continue
        for method in METHODS:
            r = measure(method, folder)
            results.append(r)
            print(row(r), file=sys.stderr)
    wrong: list[dict] = []
    folders = {f.name: f for f in sets(args.generated)}
    for audio_set, text_set in WRONG if not args.only else []:
        if audio_set not in folders or text_set not in folders:
            continue
        for method in ("pocketsphinx+dtw", "dtw"):
            r = measure(method, folders[audio_set], folders[text_set] / "transcript.txt", f"{audio_set} <- {text_set}")
            wrong.append(r)
            print(wrong_row(r), file=sys.stderr)
    if not args.no_write:
        saved.write_text(json.dumps([results, wrong], default=str))
        update_section("align-methods", table(results, wrong))


if __name__ == "__main__":
    main()
