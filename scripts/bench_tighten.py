#!/usr/bin/env python3
"""Benchmark ``audiokit tighten``: does it shorten pauses and cut hesitations without clipping a
word, judged against the exact word times of each set? Writes the ``tighten`` section of
BENCHMARKS.md.

    .venv/bin/python scripts/bench_tighten.py

On each aligned episode that scripts/bench_align.py writes (bench-out/<set>/episode.json), and on
Italian and Czech (lang-it, lang-cs from ../shared, and their rough variants, aligned here), the cuts
:func:`audiokit.edit.plan.plan_cuts` chooses with the default settings are scored against the
set's truth (never seen by the planner):

- **clipped words:** truth words (hesitations aside) that a cut overlaps by more than 10 ms;
- **hesitations:** the written ones cut, and of those, how much of the truth's span of each the cut
  removes (a cut that leaves part of an "um" leaves a fragment to hear);
- **long pauses left:** gaps between truth words still longer than the longest pause plus 0.2 s
  once the cuts are made, and what the cuts saved;
- **speed:** the whole command on seed-full (24 min, writing MP3) and on the 3.2-hour episode
  bench_clips.py writes (bench-out/long/episode-3h.flac: seed-full eight times over, with seed-full's
  aligned episode repeated as its episode), wall time and peak memory.

Acceptance, set with the feature before the first run: no clipped word on any set; every cut
hesitation removed to at least 90% of its truth span; three hours in under 120 s and 300 MB.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import itertools

from benchlib import AUDIOKIT, BENCH, OUT, ROOT, machine, require_bench, timed, update_section

from audiokit import episode_json
from audiokit.edit import Settings, TimeMap, energy
from audiokit.edit.plan import cuttable, plan_cuts
from audiokit.model import Episode, Sentence, Turn, Word
from audiokit.text.language import language_of

SETS = {
    "sample": (ROOT / "samples" / "episode.mp3", ROOT / "samples" / "episode.truth.json"),
    "seed-full": (BENCH / "seed-full" / "episode.flac", BENCH / "seed-full" / "truth.json"),
    "seed-rough": (BENCH / "seed-rough" / "episode.flac", BENCH / "seed-rough" / "truth.json"),
    "real-gold": (BENCH / "real-gold" / "episode.wav", BENCH / "real-gold" / "truth.json"),
    "real-mfa": (BENCH / "real-mfa" / "episode.wav", BENCH / "real-mfa" / "truth.json"),
}
# Aligned here (the language bench aligns into a temporary folder): Italian and Czech, clean and rough
# (music, noise, sentences spoken but not written; scripts/make_lang_rough.py).
ALIGNED_HERE = {
    "lang-it": BENCH / "lang-it", "lang-cs": BENCH / "lang-cs",
    "lang-it-rough": OUT / "lang-it-rough", "lang-cs-rough": OUT / "lang-cs-rough",
}
SETS.update({name: (folder / "episode.flac", folder / "truth.json") for name, folder in ALIGNED_HERE.items()})
CLIP = 0.010  # seconds of overlap that count as clipping a word


def truth_words(path: Path) -> list[tuple[str, float, float]]:
    """Every timed word of a truth file, in time order."""
    truth = json.loads(path.read_text())
    out = []
    for turn in truth["turns"]:
        for sentence in turn.get("sentences", ()):
            for token in sentence.get("tokens", ()):
                if token.get("start") is not None and token.get("end") is not None:
                    out.append((token["text"], float(token["start"]), float(token["end"])))
    return sorted(out, key=lambda w: w[1])


def score(name: str, settings: Settings) -> tuple[str, bool]:
    audio, truth_path = SETS[name]
    aligned = OUT / name / "episode.json"
    if name in ALIGNED_HERE and audio.exists():
        aligned = OUT / "tighten" / name / "episode.json"
        aligned.parent.mkdir(parents=True, exist_ok=True)
        timed([*AUDIOKIT, "align", str(audio), str(ALIGNED_HERE[name] / "transcript.txt"), "-o", str(aligned), "-q"])
    if not aligned.exists() or not audio.exists():
        return f"| {name} | not run: {aligned} is missing (scripts/bench_align.py) | | | | | |", False
    episode = episode_json.load(aligned)
    db, length = energy(audio)
    cuts = plan_cuts(episode, db, settings)
    truth = truth_words(truth_path)
    language = language_of(episode)
    written = sum(1 for w in episode.words() if w.timed and cuttable(w, language))
    clipped, removed_share = [], []
    for text, start, end in truth:
        for c in cuts:
            overlap = min(end, c.end) - max(start, c.start)
            if overlap <= 0:
                continue
            if cuttable(Word(text), language) and c.words:
                removed_share.append(overlap / max(end - start, 1e-6))
            elif overlap > CLIP:
                clipped.append(f"{text} {start:.2f}")
    timemap = TimeMap(cuts)
    left = sum(1 for a, b in itertools.pairwise(truth)
               if timemap(b[1]) - timemap(a[2]) > settings.max_pause + 0.2)
    longer = sum(1 for a, b in itertools.pairwise(truth) if b[1] - a[2] > settings.max_pause + 0.2)
    pauses = [c for c in cuts if not c.words]
    held = [c for c in cuts if c.words]
    whole = sum(1 for s in removed_share if s >= 0.9)
    ok = not clipped and whole == len(removed_share)
    shown = ", ".join(clipped[:3]) + (" ..." if len(clipped) > 3 else "")
    row = (f"| {name} | {length / 60:.1f} min | {len(pauses)} ({sum(c.duration for c in pauses):.1f} s) | "
           f"{sum(len(c.words) for c in held)} of {written} ({sum(c.duration for c in held):.1f} s) | "
           f"{whole} of {len(removed_share)} | {len(clipped)}{' (' + shown + ')' if clipped else ''} | "
           f"{longer} -> {left} | {timemap.removed / length:.1%} |")
    return row, ok


def repeated(episode: Episode, times: int, length: float) -> Episode:
    """``episode`` said ``times`` times over, each copy ``length`` seconds after the one before."""
    turns = []
    for k in range(times):
        shift = k * length
        for turn in episode.turns:
            sentences = tuple(Sentence(tuple(
                replace(w, start=None if w.start is None else w.start + shift, end=None if w.end is None else w.end + shift,
                        phones=()) for w in s.words)) for s in turn.sentences)
            turns.append(Turn(turn.speaker, sentences, None))
    return replace(episode, turns=tuple(turns), metadata=replace(episode.metadata, duration=length * times))


def main() -> None:
    require_bench()
    settings = Settings()
    folder = OUT / "tighten"
    folder.mkdir(parents=True, exist_ok=True)
    rows, oks = [], []
    for name in SETS:
        row, ok = score(name, settings)
        rows.append(row)
        oks.append(ok)
    speed = []
    seed_episode = OUT / "seed-full" / "episode.json"
    if seed_episode.exists():
        for out in folder.glob("seed-full-tight*"):
            out.unlink()
        run = timed([*AUDIOKIT, "tighten", str(SETS["seed-full"][0]), str(seed_episode), "-o",
                     str(folder / "seed-full-tight.mp3"), "-q"])
        speed.append(f"seed-full (24 min, to MP3): {run.wall:.1f} s, {run.peak_mb:.0f} MB, exit {run.returncode}")
        long_audio = OUT / "long" / "episode-3h.flac"
        if long_audio.exists():
            seed = episode_json.load(seed_episode)
            _, seed_length = energy(SETS["seed-full"][0])
            long_episode = folder / "episode-3h.json"
            episode_json.save(repeated(seed, 8, seed_length), long_episode)
            for out in folder.glob("long-tight*"):
                out.unlink()
            run = timed([*AUDIOKIT, "tighten", str(long_audio), str(long_episode), "-o", str(folder / "long-tight.flac"), "-q"])
            speed_ok = run.returncode == 0 and run.wall <= 120 and run.peak_mb <= 300
            oks.append(speed_ok)
            speed.append(f"3.2 hours (to FLAC): {run.wall:.1f} s, {run.peak_mb:.0f} MB, exit {run.returncode}")
    met = "met" if all(oks) else "not met"
    body = f"""## tighten (`audiokit tighten`: long pauses shortened, written hesitations cut)

Machine: {machine()}. Settings: pauses over {settings.max_pause} s shortened to it; hesitations cut.
Scored against each set's exact word times (the planner sees only the aligned episode and the audio).

| set | length | pauses shortened (saved) | hesitations cut of written (saved) | cut hesitations removed >= 90% | truth words clipped (> 10 ms) | truth pauses over {settings.max_pause + 0.2:.1f} s, before -> after | saved |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Speed (whole command): {'; '.join(speed) or 'not run'}.

Acceptance (set before the first run): no clipped word on any set; every cut hesitation removed to
at least 90% of its truth span; three hours in under 120 s and 300 MB: **{met}**.

Development numbers, not held-out ones: the planner's rules were revised after its first runs on
these same sets (the first run clipped "than" and "the" on real-mfa, where an "uh" was placed on
them, and cut only the start of one "um"; a later version cut the quiet between syllables of
speech seed-rough's transcript lacks). The Italian and Czech rows were added after the rules were
last changed, so they are held out, but they write no hesitation and have few long pauses. There is
no other material with exact times and written hesitations here, and real-mfa holds only 14 of them. A truth pause still over the limit after the
cuts holds a sound the transcript does not write (a breath, a cough, speech left out), which stays.
"""
    update_section("tighten", body)
    print(body)


if __name__ == "__main__":
    main()
