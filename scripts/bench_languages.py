#!/usr/bin/env python3
"""Alignment and the whole pipeline in other languages: runs `audiokit align` (no --language:
the language is detected) on ../shared/bench/lang-it and lang-cs and on the episodes
`scripts/make_lang_episodes.py` generated into bench-out/lang-<code> (when present), scores it
with the benchmark's scorer, and writes the `languages` section of BENCHMARKS.md.

    .venv/bin/python scripts/bench_languages.py [--only lang-it] [--only lang-ru]
    .venv/bin/python scripts/bench_languages.py --rough [--only lang-ru-rough]

`--rough` aligns instead the rough variants `scripts/make_lang_rough.py` wrote into
bench-out/lang-<code>-rough (intro and outro music, noise, sentences left out of the transcript or
never spoken) and writes the `languages-rough` section: the scores, whether the never-spoken
sentences got null times and whether the report named what happened.

On each aligned episode it also checks what a producer sees next: the speakers read from the
labels, the sentences the splitter made against the truth's, the captions' hard-rule breaks
(netflix style) and the chapters `audiokit chapters` finds (count and titles). The phone
mapping was tuned on it, cs, ru, hi and ca; HELD_OUT languages were not looked at while tuning
and are reported apart. Aligned episodes are kept in bench-out/<set>/episode.json (shared sets)
or bench-out/aligned/<set>/ (generated sets). CPU seconds are user + sys of the whole process
tree; on a loaded machine they are the steadier number.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_align import audio_of, cpu_timed, duration_of, norm, sentence_checks
from benchlib import AUDIOKIT, BENCH, OUT, load_note, machine, update_section

from audiokit import episode_json
from audiokit.captions import STYLES, build_cues, check
from audiokit.captions.lint import HARD_RULES

SHARED = ["lang-it", "lang-cs"]
HELD_OUT = {"lang-te", "lang-fi", "lang-mr"}
TARGETS = ("coverage >= 99% of spoken words (placed from the audio); word start median <= 30 ms; >= 90% within "
           "50 ms; >= 97% of sentence starts within 100 ms; every turn start within 250 ms; a 4-minute episode "
           "aligned in <= 30 s on 2 cores; captions 0 hard-rule breaks; 3 or more chapters for four topics")


def sets() -> dict[str, Path]:
    """Every benchmark set present: the shared ones, then the generated ones (bench-out/lang-*)."""
    found = {name: BENCH / name for name in SHARED if (BENCH / name / "truth.json").exists()}
    for folder in sorted(OUT.glob("lang-*")):
        if (folder / "generation.json").exists() and (folder / "truth.json").exists():
            found[folder.name] = folder
    return found


def rough_sets() -> dict[str, Path]:
    """The rough variants present (bench-out/lang-<code>-rough with its rough.json)."""
    return {f.name: f for f in sorted(OUT.glob("lang-*-rough")) if (f / "rough.json").exists()}


def run(name: str, folder: Path) -> dict:
    out = OUT / name if folder.parent == BENCH else OUT / "aligned" / name
    out.mkdir(parents=True, exist_ok=True)
    episode, report = out / "episode.json", out / "report.json"
    audio = audio_of(folder)
    align, cpu = cpu_timed([*AUDIOKIT, "align", str(audio), str(folder / "transcript.txt"), "-o", str(episode),
                            "--report", str(report), "--quiet"])
    truth = json.loads((folder / "truth.json").read_text())
    result = {"name": name, "duration": duration_of(audio), "wall": align.wall, "cpu": cpu, "peak_mb": align.peak_mb}
    if align.returncode != 0:
        return {**result, "refused": align.stderr.strip().splitlines()[-1]}
    score = json.loads(subprocess.run([sys.executable, str(BENCH / "score_alignment.py"), str(folder / "truth.json"),
                                       str(episode), "--json"], capture_output=True, text=True, check=True).stdout)
    ours = json.loads(episode.read_text())
    chapters = out / "chapters.json"
    subprocess.run([*AUDIOKIT, "chapters", str(episode), "-o", str(chapters), "--quiet"], check=True,
                   capture_output=True)
    return {**result, "score": score, "sentences": sentence_checks(truth, ours), "report": json.loads(report.read_text()),
            "max_turn_ms": worst_turn(truth, ours), "pipeline": pipeline(truth, ours, episode, chapters)}


def worst_turn(truth: dict, ours: dict) -> float:
    """Largest turn-start error (ms); NaN when the turns differ in number (labels misread)."""
    if len(ours["turns"]) != len(truth["turns"]):
        return float("nan")
    return max((abs(o["start"] - t["start"]) * 1000 for o, t in zip(ours["turns"], truth["turns"])
                if o["start"] is not None), default=float("nan"))


def pipeline(truth: dict, ours: dict, episode_path: Path, chapters_path: Path) -> dict:
    """Speakers, sentence splitting, captions and chapters of the aligned episode."""
    episode = episode_json.load(episode_path)
    style = STYLES["netflix"]
    found = check(build_cues(episode, style), style)
    true_sentences = [norm(s["text"]) for t in truth["turns"] for s in t["sentences"]]
    our_sentences = [norm(" ".join(w.text for w in s.words)) for t in episode.turns for s in t.sentences]
    chapters = json.loads(chapters_path.read_text()).get("chapters", [])
    return {"speakers_ok": [t["speaker"] for t in ours["turns"]] == [t["speaker"] for t in truth["turns"]],
            "speakers": sorted({t["speaker"] for t in ours["turns"]}),
            "sentences": (len(our_sentences), len(true_sentences), len(set(our_sentences) & set(true_sentences))),
            "hard": sum(1 for v in found if v.rule in HARD_RULES), "soft": sum(1 for v in found if v.rule not in HARD_RULES),
            "chapters": [c["title"] for c in chapters], "true_chapters": len(truth["chapters"])}


def report_checks(r: dict, folder: Path) -> dict:
    """What the report said against what was done: never-spoken sentences named as absent,
    stretches of speech not in the transcript (one per left-out sentence or run of them), and the
    intro and outro reported as sound that is not speech."""
    rough = json.loads((folder / "rough.json").read_text(encoding="utf-8"))
    rep = r["report"]
    passages = [norm(a["text"]) for a in rep.get("absent", [])]  # one passage may hold several sentences
    never = [norm(t) for t in rough["never_spoken"]]
    leftover = passages
    for t in never:
        leftover = [p.replace(t, " ") for p in leftover]
    extra = rep.get("extra_audio", [])
    speech = [e for e in extra if e["kind"] == "speech not in transcript"]
    intro = any(e["start"] <= 1.0 and e["end"] >= rough["intro_s"] - 1.0 and e["kind"] != "speech not in transcript"
                for e in extra)
    outro = any(e["end"] >= r["duration"] - 1.0 and e["end"] - e["start"] >= rough["outro_s"] - 1.0
                and e["kind"] != "speech not in transcript" for e in extra)
    return {"never": len(never), "named": sum(any(t in p for p in passages) for t in never),
            "false_absent": sum(1 for p in leftover if p.strip()),  # passages that also hold spoken words
            "left_out": len(rough["left_out"]), "speech_stretches": len(speech), "intro": intro, "outro": outro}


def rough_row(r: dict) -> str:
    if "refused" in r:
        return f"| {r['name']} | {r['duration']:.0f} s | refused: {r['refused']} | | | | | | | | |"
    s, ws, sc, c = r["score"], r["score"]["word_start"], r["sentences"], r["checks"]
    never = f"{sc['never_spoken_null']}/{sc['never_spoken']}" if sc["never_spoken"] else "-"
    wrong = f"; {c['false_absent']} passage(s) also holding spoken words" if c["false_absent"] else ""
    rep = r["report"]
    placed = (f"{rep.get('spoken_coverage', rep['coverage']):.1%} / {rep['coverage']:.1%} "
              f"({rep.get('absent_words', 0)} judged never spoken)")
    return (f"| {r['name']} | {r['duration']:.0f} s | {s['coverage']:.1%} | {placed} | "
            f"{ws['within_50ms']:.1%} | {ws['within_100ms']:.1%} | {sc['within_100ms']:.1%} | {never} | "
            f"{c['named']}/{c['never']} named{wrong} | "
            f"{c['speech_stretches']} for {c['left_out']} left out | "
            f"{'yes' if c['intro'] else 'no'} / {'yes' if c['outro'] else 'no'} | {r['wall']:.1f} s | {r['cpu']:.1f} s |")


def rough_table(results: list[dict]) -> str:
    header = ("| set | audio | coverage (scorer) | placed from the audio (report): of the words judged spoken / of "
              "all transcript words | word starts within 50 ms | within 100 ms | sentence starts within 100 ms | never spoken: null times | never spoken: in the report | "
              "speech not in the transcript: reported stretches | intro / outro reported as non-speech | wall | "
              "CPU (user+sys) |")
    rule = "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    tuned = [r for r in results if r["name"].removesuffix("-rough") not in HELD_OUT]
    held = [r for r in results if r["name"].removesuffix("-rough") in HELD_OUT]
    return "\n".join([
        "## Robustness in other languages (rough variants, `scripts/bench_languages.py --rough`)", "",
        f"Machine: {machine()}; {load_note()}.", "",
        ("Each generated episode, and the shared lang-it and lang-cs (real transcripts written by others), made "
         "rough by `scripts/make_lang_rough.py`, as seed-rough is for English: 12 s of "
         "synthetic intro music and 8 s of outro music, noise at 25 dB SNR, about 5% of sentences spoken but left "
         "out of the transcript and about 3% of transcript sentences never spoken (at least two of each: the "
         "episodes are short; their audio cut out of the clean episode), no spoken fillers. Targets as for "
         "seed-rough: >= 97% of spoken words, >= 92% within 100 ms, never-spoken null, >= 97% of sentence starts "
         "within 100 ms. Tuned languages:"), "",
        header, rule, *[rough_row(r) for r in tuned], "",
        f"Held out (never looked at while tuning): {', '.join(sorted(HELD_OUT))}", "",
        header, rule, *[rough_row(r) for r in held], "",
        ("Before a region over speech missing from the transcript was split where 2.5 s or more of audio lies "
         "beyond what its words need (audiokit/align/matching.py): lang-hi-rough 81.8% within 50 ms, 83.9% within "
         "100 ms, 78.4% of sentence starts (the 30 words after a sentence said at a turn start but not written "
         "were placed 3-5 s early, over the unwritten speech). English seed-rough gives the same words with and "
         "without the split, and so do the clean lang-ru and lang-mr."), "",
        ("Then (audiokit/align/matching.py and absence.py, each rule with unit tests): short runs of two or three "
         "words whose timing contradicts the runs on both sides are no anchors (\"ja en\", heard for \"jo encara\" "
         "6 s before the run it belongs to, hid a spoken sentence and let the next one swallow a left-out one); "
         "three words heard where the rest of their sentence cannot fit, or a sentence's lone edge word matched "
         "from a run across the boundary, no longer keep a never-spoken sentence from being judged absent; a "
         "sentence after speech missing from the transcript starts at the quietest point of its allowance (never "
         "after a word of it that was heard), not at the allowance's edge, from where the forced pass spread it "
         "2.5 s early over the extra speech; whole sentences heard close after the earlier anchor stay before a "
         "cut over extra speech; a short sentence over a pause the recogniser heard nothing in, with far too "
         "little sound for its words, is judged absent; a gap far too short for all its whole sentences keeps "
         "the one whose usual length clearly fits it best. Before: lang-ca-rough 89.9% within 50 ms, 96.8% "
         "within 100 ms, 90.0% of sentence starts, never spoken 1/2 (one passage also holding a spoken "
         "sentence); lang-hi-rough 94.2%, 96.7%, 91.9%; lang-ru-rough 87.7%, 98.2%, 98.0%. Held-out fi, mr "
         "and te give the same numbers as before (fi: 5 words moved, mr and te word for word). The gap rule was "
         "found on a tuning-language variant made with another seed (not committed), after an intermediate run "
         "of lang-fi-rough showed a passage judged absent that held spoken words: lang-fi-rough is not strictly "
         "held out for that rule. The extra tuning variants (ca, hi, ru, seeds 14-17; 12 sets) moved from "
         "89.2-98.0% to 94.6-100% of sentence starts, except one whose first 30 s the recogniser did not hear "
         "(78.4%, unchanged)."), "",
        ("The placed share in the report is now given of the words judged spoken (sentences judged never spoken "
         "leave its total; a word unplaced for any other reason stays in it) beside the share of all transcript "
         "words; before, only the latter was given, and it read 93-95% with every spoken word placed."), "",
        ("Then, found on 12 more tuning variants (`scripts/make_lang_rough.py --seed 21..24` for ca, hi and ru, "
         "measured with `scripts/measure_lang_rough.py`; each rule with unit tests): a short run that holds a whole "
         "sentence (three words or more heard in order) stays an anchor even when a never-spoken sentence on one "
         "side and unwritten speech on the other contradict both its neighbours (the never-spoken sentence before "
         "\"Canviem de tema\" was placed over the unwritten speech after it); a recognition pass that collapsed "
         "into one endless word (5 s or longer: 36 s over the intro music and the first 24 s of speech of one "
         "Hindi variant) is heard again in halves cut at the quietest point of the word's middle third; a gap far "
         "too short for all its sentences is measured by its sound, not its length, in choosing the one said "
         "there (a one-word reply between two turns had been judged absent with the never-spoken sentence "
         "beside it); a whole sentence of any length in a gap that also holds words of sentences said in part "
         "is judged never spoken when the gap's sound fits those words clearly better without it (sound per "
         "word measured on the episode's own anchors; a criterion from the audio instead of the old five-word "
         "floor); outside English, the sentence after unwritten speech starts in the pause of its allowance "
         "whose end lies nearest to where its words would begin at the usual pace, not at the quietest point "
         "(the unwritten speech's own pauses are as quiet); outside English, a pause the aligner hid between two "
         "touching words is also found at the recording's background level, where at 25 dB SNR it lies under "
         "30 dB below the words (a sentence began 130-180 ms early inside it). Sentence starts of the 15 tuning "
         "sets (main rough set and seeds 21-24), before -> after: ca 97.5/95.0/95.0/95.0/100 -> "
         "100/97.5/100/100/100%; hi 97.3/100/94.6/94.6/97.3 -> 97.3/97.3/97.3/100/97.3%; ru "
         "98.0/93.9/93.9/98.0/95.9 -> 100/93.9/93.9/98.0/95.9%; "
         "never-spoken sentences given times 3 -> 0 (ca-s21, ca-s22, hi-s22); spoken sentences judged absent "
         "1 -> 0 (hi-s23). A further variant (ca, seed 29) with a four-word never-spoken sentence: 97.5% and 1/2 "
         "-> 100% and 2/2. Held out (fi, mr, te) were run only for the table above: once with all rules but the "
         "last, once at the end; nothing was chosen on them. "
         "Tried and dropped: trimming word edges at the recording's background level in noise (it cut the weak "
         "burst of a [t] after a pause: ca-rough 97.5 -> 95.0%)."), "",
        ("Then (lang-hi, on hi-rough and its seeds 21-23): outside English, a word edge facing a pause the "
         "aligner left is also trimmed to the recording's background level where 0.15 s or more of it lies "
         "under that level (shorter stretches, a stop's closure or a weak onset, stay with the word): in "
         "hi-rough \"पिछले\" had kept 480 ms of the 650 ms pause before it, since at 25 dB SNR no frame lies "
         "30 dB under the word. hi-rough 97.3 -> 100% sentence starts; seeds 21-23, ca-rough and ru-rough "
         "unchanged; clean sets word for word the same."), "",
        ("Then (lang-rough4), on 29 tuning sets: the rough sets and seeds 21-24, 31, 32 of ca, hi and ru, and "
         "lang-it-rough and lang-cs-rough with seeds 31-33 (new: `make_lang_rough.py` also reads the shared sets); "
         "each rule with unit tests: a failed region is never realigned merged with its neighbour across speech "
         "the plan cut out as missing from the transcript (audiokit/align/forcing.py; in hi-s32 the merge spread "
         "seven sentences 1.2-4.9 s early over a left-out one); outside English, a word of a run of three or more "
         "heard in order that the forced pass placed wholly apart from where it was heard (0.5 s or more) keeps "
         "the recogniser's times, kept between the forced words that stand (\"i dati dell'ISTAT\" and \"Но "
         "сначала\", forced 1.5-2.3 s early over a left-out sentence); outside English, a sentence's first word "
         "begins at the end of the last clear pause before the rest of its sentence (audiokit/align/onsets.py), "
         "where the forced pass put it wholly before that pause (\"Buongiorno\" over the intro music, 4.6 s "
         "early in every Italian variant; \"Sóc\" over a left-out sentence; the one-sound \"В\" at the "
         "pause's start), let it reach 50 ms or more back into the pause (\"Fins i tot\", 170-175 ms), or "
         "started it 0.15-0.6 s after the pause, and never grown beyond 2.5 times what its letters take at the "
         "episode's pace. Starts under 0.15 s after the pause are kept: moved, they shifted 15-38 of each clean "
         "set's sentence starts 10-140 ms earlier (the pause test smooths over 50 ms) and made Hindi's worse. "
         "Sentence starts before -> after: ca 100/97.5/100/100/100/97.5/97.5 -> 100% on all 7; cs 100% on all 4, "
         "unchanged; hi 100/97.3/97.3/100/97.3/94.6/81.1 -> 100/97.3/97.3/100/97.3/94.6/100%; it "
         "97.7/93.2/95.5/95.5 -> 100/95.5/100/100%; ru 100/93.9/93.9/98.0/95.9/98.0/98.0 -> "
         "100/95.9/95.9/100/98.0/98.0/100%. Sentence starts more than 100 ms off: 34 -> 13; sets under 97%: 8 -> 4. "
         "Never-spoken sentences given times: 1 -> 1 (ru-s32). The clean sets (all eight) and English seed-full, "
         "seed-rough, seed-edited and real-gold are word for word the same. Held out (fi, mr, te) were run "
         "once, for the table above, at the end."), "",
        ("Misses left on the tuning variants: a Hindi sentence's first word begun over a left-out sentence said "
         "with no pause before it (hi-s21 \"2011\", placed by the DTW fill, 405 ms early; hi-s31 \"पिछले\" and "
         "\"वह\", 456 and 364 ms; hi-s24 377 ms; hi-s22 166 ms: loudness cannot part them); the one-sound "
         "\"У\"/\"В\" where the pause before it is not found at the background level (ru-s31 463 ms early) or "
         "ends inside its weak onset (ru-s24 197 ms late); which side of unwritten speech an unheard sentence "
         "belongs to (ru-s21 \"Павел, мы подумаем\" 6.8 s late; it-s31 \"E appena sale, spegni subito\", "
         "between two left-out sentences, 5.1 s late; ru-s22 \"Итак, дача\"); unwritten speech repeating the "
         "transcript's own words (ru-s22 \"О даче\"; the recogniser's run matched the repeat); a never-spoken "
         "sentence given times (ru-s32 \"Это называется биометрия...\"). lang-ca-rough's scorer coverage of "
         "99.7% is the scorer pairing the truth's \"La\" of \"La segona\" with the null \"La\" of the "
         "never-spoken \"La meva àvia...\"; that word is placed 0 ms off."), "",
        ("Scores from `../shared/bench/score_alignment.py` (truth words of sentences in the transcript); sentence "
         "starts and never-spoken null as in `scripts/bench_align.py`."),
    ])


def row(r: dict) -> str:
    four_minutes = r["wall"] * 240 / r["duration"]
    if "refused" in r:
        return (f"| {r['name']} | {r['duration']:.0f} s | refused: {r['refused']} | | | | | | | | "
                f"{r['wall']:.1f} s | {r['cpu']:.1f} s | |")
    s, ws, sc, rep = r["score"], r["score"]["word_start"], r["sentences"], r["report"]
    lang = f"{rep.get('language')} ({'detected' if rep.get('language_detected') else 'given'})"
    return (f"| {r['name']} | {r['duration']:.0f} s | {lang} | {s['coverage']:.1%} | {rep['coverage']:.1%} | "
            f"{rep['interpolated']} | {ws['median_ms']:.1f} ms | {ws['within_50ms']:.1%} | {sc['within_100ms']:.1%} | "
            f"{r['max_turn_ms']:.0f} ms | {r['wall']:.1f} s ({four_minutes:.1f} s per 4 min) | {r['cpu']:.1f} s | "
            f"{r['peak_mb']:.0f} MB |")


def pipeline_row(r: dict) -> str:
    if "refused" in r:
        return f"| {r['name']} | - | - | - | - | - |"
    p = r["pipeline"]
    ours, true, same = p["sentences"]
    return (f"| {r['name']} | {'yes' if p['speakers_ok'] else 'no: ' + ', '.join(p['speakers'])} | "
            f"{ours} / {true} ({same} identical) | {p['hard']} hard, {p['soft']} soft | "
            f"{len(p['chapters'])} for {p['true_chapters']} topics | {' · '.join(p['chapters'])} |")


def table(results: list[dict]) -> str:
    header = ("| set | audio | language | coverage (scorer) | placed from the audio (report) | interpolated | "
              "word start median | within 50 ms | sentence starts within 100 ms | max turn start err | wall | "
              "CPU (user+sys) | peak memory |")
    rule = "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    tuned = [r for r in results if r["name"] not in HELD_OUT]
    held = [r for r in results if r["name"] in HELD_OUT]
    method = next((re.sub(r"eSpeak NG \w+ phonemes", "eSpeak NG phonemes of the episode's language", r["report"]["method"])
                   for r in results if "report" in r), "-")
    lines = [
        "## Alignment in other languages (`scripts/bench_languages.py`)", "",
        f"Machine: {machine()}; {load_note()}.", "",
        ("lang-it and lang-cs are `../shared/bench`; the others are generated by `scripts/make_lang_episodes.py` "
         "(Festival voices: ru msu_ru_nsh_clunits, fi suo_fi_lj and hy_fi_mv, ca upc_ca_ona_hts, hi, mr and te NSK; "
         "truth from Festival's own word times). Sets the phone mapping was tuned on:"), "",
        header, rule, *[row(r) for r in tuned], "",
        f"Held out (never looked at while tuning): {', '.join(sorted(HELD_OUT))}", "",
        header, rule, *[row(r) for r in held], "",
        f"Method: {method}.", "",
        ("What a producer sees next, on the aligned episode (speaker labels read as the truth's turns; sentences "
         "made by the splitter / the truth's, and how many are the same text; captions netflix style; "
         "`audiokit chapters` with the automatic count):"), "",
        "| set | speakers | sentences | captions | chapters | chapter titles |", "|---|---|---|---|---|---|",
        *[pipeline_row(r) for r in results], "",
        f"Targets (issue 13, each language): {TARGETS}.", "",
        ("The second method (eSpeak NG speaking the transcript, MFCC dynamic time warping against the episode) "
         "is measured whole by `scripts/bench_align_methods.py`; here it only re-places words pocketsphinx left "
         "interpolated."), "",
        ("Baseline before issue 13 (English pronunciations, eSpeak NG English guesses): lang-it 85% placed, 86% of "
         "word starts within 50 ms, 83% of sentence starts within 100 ms; lang-cs 86%, 73%, 79%."), "",
        ("Before the fixes that came with the generated sets: lang-hi was refused as a mismatch (21% of the "
         "heard words agreed: Indic vowel signs and viramas were cut out of every word before eSpeak NG read it), "
         "and no Hindi sentence ended at a danda; after the vowel-sign fix alone it placed every word with 80% "
         "within 50 ms (final-schwa variants and aspiration as [h] brought that to 93%); lang-ru 87.0% within 50 "
         "ms; the speaker of a title line \"Show, Episode 4: ...\" was read as a host in Hindi and Telugu (and "
         "English)."), "",
        ("Before the fixes that came with the misses of lang-ru, lang-hi and lang-ca (quiet machine): lang-ru "
         "86.7% within 50 ms; lang-hi 93.2%, sentence starts 92.7%, a turn start 922 ms off; lang-ca sentence "
         "starts 95.5%. The fixes: a nasal-murmur variant for Brahmic words ending in a nasalised vowel; no "
         "English \"you know\" filler in other languages, and a forced path over a spoken filler aligned again "
         "with wide beams; a pause the aligner hid between two touching words tightened like any pause; a vowel "
         "and a syllable-final [j] mapped to the English diphthong."), "",
        ("Before the fixes that came with the remaining misses of lang-ru: lang-ru 89.3% within 50 ms, lang-it "
         "94.1%, lang-cs 92.3%, lang-ca 95.9%, lang-hi 97.0%; held out lang-fi 93.8%, lang-mr 93.8%, lang-te "
         "95.1%. The fixes: a Russian palatalised consonant before a back vowel (рядом) gets a Y glide; Russian "
         "unstressed а/о word-initially and just before the stress (the open [ɐ] of окном, пора) maps to AA, not "
         "the English schwa AH; a weak onset next to a pause (an unaspirated stop's burst, 30-45 dB below the "
         "vowel but well above the pause) stays with its word. Rejected: starting a word where loud sound before "
         "it begins (lang-ru 91.7%, but held-out lang-te fell to 93.5%)."), "",
        ("Two runs of the same code give the same words (lang-ru checked). The 33 lang-ru words still more "
         "than 50 ms off: 9 start with a voiceless stop after a vowel (пора, почти, просит), where Festival's "
         "word time lies 50-130 ms after the vowel's loud part, at the end of a low voiced tail before the "
         "closure, and the aligner starts them where the loud part ends; 10 follow a consonant (шесть соток, "
         "нет дачи, к городу, нас тоже); 7 are vowels meeting vowels (году у, мне это); 3 are the one-vowel "
         "words а and у, placed before the pause that precedes them, and the word after one; 3 start a phrase "
         "after a pause (что 145 ms late: the English silence takes the start of Russian ш); 1 follows the "
         "English word IT."), "",
        ("Scores from `../shared/bench/score_alignment.py`; sentence starts as in `scripts/bench_align.py`."),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="a set name such as lang-it or lang-ru")
    parser.add_argument("--no-write", action="store_true", help="print the section, leave BENCHMARKS.md alone")
    parser.add_argument("--rough", action="store_true", help="the rough variants (scripts/make_lang_rough.py)")
    args = parser.parse_args()
    if args.rough:
        return main_rough(args)
    found = sets()
    if not found:
        raise SystemExit("no language sets: ../shared/bench is absent and scripts/make_lang_episodes.py has not run")
    results = []
    for name, folder in found.items():
        if args.only and name not in args.only:
            continue
        r = run(name, folder)
        results.append(r)
        if "refused" in r:
            print(f"{name}: refused: {r['refused']}", file=sys.stderr)
            continue
        ws, p = r["score"]["word_start"], r["pipeline"]
        print(f"{name}: placed {r['report']['coverage']:.1%}, median {ws['median_ms']} ms, "
              f"within 50 ms {ws['within_50ms']:.1%}, sentence starts {r['sentences']['within_100ms']:.1%}, "
              f"max turn start {r['max_turn_ms']:.0f} ms, {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU; "
              f"captions {p['hard']} hard; {len(p['chapters'])} chapters", file=sys.stderr)
    md = table(results)
    if args.no_write:
        print(md)
    else:
        update_section("languages", md)


def main_rough(args: argparse.Namespace) -> None:
    found = rough_sets()
    if not found:
        raise SystemExit("no rough variants: run scripts/make_lang_episodes.py, then scripts/make_lang_rough.py")
    results = []
    for name, folder in found.items():
        if args.only and name not in args.only:
            continue
        r = run(name, folder)
        if "refused" not in r:
            r["checks"] = report_checks(r, folder)
        results.append(r)
        print(rough_row(r), file=sys.stderr)
    md = rough_table(results)
    if args.no_write:
        print(md)
    else:
        update_section("languages-rough", md)


if __name__ == "__main__":
    main()
