#!/usr/bin/env python3
"""The text stages in the episode's language (issue 13), on ``../shared/bench/lang-it`` and
``lang-cs`` and the episodes ``scripts/make_lang_episodes.py`` generated into ``bench-out/lang-*``
(when present), without alignment: each episode is built from ``truth.json`` with the true word
times (one word per truth token, as written), so the numbers measure the text rules alone.

- sentences: the splitter's sentence ends against the truth's, per turn (precision and recall
  of the ends inside turns), with the language's rules and with the English rules;
- captions (netflix style): hard and soft rule violations, and the line and cue breaks right
  after an article or preposition of the language (a break that splits it from its noun), with
  the language's break rules and with the English rules (what audiokit did before);
- chapter titles on the TRUE chapters (four topics), by the code of ``audiokit chapters``
  (ranked with the chapter's embedding centroid): length, distinctness, and whether a title
  shares a content lemma with the title the author gave that chapter;
- spoken forms of the transcript's numbers, and the clip scoring's key terms with the
  language's word frequencies as background.

Titles are scored two ways: a hit (the title shares a content lemma with the author's) and the
recall of the author's content lemmas (the share of them the title says), each summed over the
sets titles were tuned on (it, cs, ca, hi, ru) and apart over the held-out ones (fi, mr, te).

The eSpeak NG episodes (``bench-out/espeak-<code>``, ``scripts/make_espeak_clip.py --episodes``)
are included when present: de, es, fr, pt, pl, nl texts written for issue 13, ar for Arabic's rules (in neither sum).

Usage: ``.venv/bin/python scripts/bench_languages_text.py [--no-write] [--only it,cs,...]``
(``--only`` runs the named languages and never writes; for developing on the tuning sets)
"""

from __future__ import annotations

import json
import sys
import time
from itertools import pairwise
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib
from bench_languages import sets

from audiokit.align.spoken import spoken_forms
from audiokit.captions import STYLES, build_cues, check
from audiokit.captions.breaks import _bare
from audiokit.captions.function_words import RULES, has_rules
from audiokit.captions.lint import HARD_RULES
from audiokit.chapters import embeddings
from audiokit.chapters.find import _centroid, content_text
from audiokit.chapters.titles import MAX_LENGTH, make_titles
from audiokit.chapters.titles_lang import _lemma
from audiokit.clips.language import background_logprob
from audiokit.clips.score import KeyTerms
from audiokit.model import Episode, Metadata, Sentence, Turn, Word
from audiokit.text.sentences import split_sentences
from audiokit.text.stopwords import is_stopword

SHARED_LANGUAGES = {"lang-it": "it", "lang-cs": "cs"}
# No title rule or weight was chosen on these; their titles are scored apart.
HELD_OUT = {"fi", "mr", "te"}


def language_sets() -> dict[str, tuple[Path, str]]:
    """Every set present with its language: the shared ones, then the generated ones (whose
    ``generation.json`` names the language), then the eSpeak NG episodes of
    ``scripts/make_espeak_clip.py --episodes`` (bench-out/espeak-<code> with a generation.json)."""
    found = {}
    espeak = {f.name: f for f in sorted(benchlib.OUT.glob("espeak-*")) if (f / "generation.json").exists()}
    for name, folder in {**sets(), **espeak}.items():
        language = SHARED_LANGUAGES.get(name) or json.loads((folder / "generation.json").read_text())["language"]
        found[name] = (folder, language)
    return found


def truth_episode(truth: dict, language: str | None, rules: str | None = None) -> Episode:  # type: ignore[type-arg]
    """An episode of the truth's spoken sentences with their true word times, its sentences split
    by the rules of ``rules`` (default: the episode's ``language``)."""
    turns = []
    for t in truth["turns"]:
        words = [Word(k["text"], k["start"], k["end"], 1.0)
                 for s in t["sentences"] if s.get("in_transcript", True) for k in s["tokens"]]
        if not words:
            continue
        spans = split_sentences([w.text for w in words], rules or language or "en")
        turns.append(Turn(t["speaker"], tuple(Sentence(tuple(words[a:b])) for a, b in spans)))
    return Episode(tuple(turns), metadata=Metadata(language=language))


def sentence_agreement(truth: dict, rules: str) -> tuple[float, float]:  # type: ignore[type-arg]
    """Precision and recall of sentence ends inside turns (a turn's last word always ends one)."""
    hit = said = true = 0
    for t in truth["turns"]:
        sents = [s for s in t["sentences"] if s.get("in_transcript", True)]
        tokens = [k["text"] for s in sents for k in s["tokens"]]
        ends, n = set(), 0
        for s in sents[:-1]:
            n += len(s["tokens"])
            ends.add(n)
        got = {b for _, b in split_sentences(tokens, rules)} - {len(tokens)}
        hit, said, true = hit + len(got & ends), said + len(got), true + len(ends)
    return (hit / said if said else 1.0), (hit / true if true else 1.0)


def split_after_binding(cues: list, language: str) -> int:  # type: ignore[type-arg]
    """Line and cue breaks right after an article or preposition of ``language`` (a word with
    punctuation after it, "to.", ends a sentence or clause and is not counted)."""
    binding = RULES[language].binding
    count = 0
    for cue in cues:
        for line in cue.lines:
            last = line.split()[-1] if line.split() else ""
            if last == _bare(last) and (last.lower() in binding or last.endswith("'")):
                count += 1
    return count


def captions(truth: dict, language: str, rules: str) -> tuple[int, int, int, int | None]:  # type: ignore[type-arg]
    """(cues, hard violations, soft violations, breaks after an article/preposition; None where the
    language has no list of them)."""
    episode = truth_episode(truth, None if rules == "en" else language, rules)
    style = STYLES["netflix"]
    cues = build_cues(episode, style)
    found = check(cues, style)
    hard = sum(1 for v in found if v.rule in HARD_RULES)
    split = split_after_binding(cues, language) if language in RULES else None
    return len(cues), hard, len(found) - hard, split


def true_chapters(truth: dict, episode: Episode) -> list[str]:  # type: ignore[type-arg]
    firsts = [c["turn"] for c in truth["chapters"]]
    bounds = [*firsts, len(episode.turns)]
    return [" ".join(s.text for t in episode.turns[a:b] for s in t.sentences) for a, b in pairwise(bounds)]


def titles(texts: list[str], language: str) -> list[str]:
    """Titles as ``audiokit chapters`` makes them for these chapter texts (centrality from the
    chapter's embedding centroid, sentences weighted by their content words)."""
    centroids = []
    for text in texts:
        sents = [s for s in text.replace("? ", "?\n").replace(". ", ".\n").replace("! ", "!\n").split("\n") if s]
        contents = [content_text(s, language) for s in sents]
        vectors = embeddings.embed(contents)
        weights = np.array([max(0.5, len(c.split())) for c in contents], dtype=float)
        centroids.append(_centroid(vectors, weights))

    def centrality(index: int, phrases: list[str]) -> np.ndarray:
        return embeddings.embed([p.lower() for p in phrases]) @ centroids[index]

    return make_titles(texts, centrality, language)


def _lemmas(text: str, language: str) -> set[str]:
    words = [w.strip(".,:;!?«»\"'").lower() for w in text.split()]
    return {_lemma(w, language) for w in words if len(w) >= 3 and not is_stopword(w, language)}


def title_scores(got: list[str], authors: list[str], language: str) -> tuple[int, int, int]:
    """(hits, author's content lemmas the titles say, author's content lemmas) for one episode."""
    hits = said = wanted = 0
    for g, a in zip(got, authors):
        mine, theirs = _lemmas(g, language), _lemmas(a, language)
        hits += bool(mine & theirs)
        said, wanted = said + len(mine & theirs), wanted + len(theirs)
    return hits, said, wanted


def main() -> None:
    only = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else None
    write = "--no-write" not in sys.argv and only is None
    benchlib.require_bench()
    rows_s, rows_c, rows_t, notes = [], [], [], []
    totals = {False: [0, 0, 0, 0], True: [0, 0, 0, 0]}  # held out -> hits, titles, lemmas said, wanted
    started = time.process_time()
    for name, (folder, language) in language_sets().items():
        if only is not None and language not in only:
            continue
        truth = json.loads((folder / "truth.json").read_text())
        for rules in (language, "en"):
            p, r = sentence_agreement(truth, rules)
            rows_s.append(f"| {name} | {rules} | {p:.1%} | {r:.1%} |")
            n, hard, soft, split = captions(truth, language, rules)
            generic = "" if rules == "en" or has_rules(language) else " (generic)"
            rows_c.append(f"| {name} | {rules}{generic} | {n} | {hard} | {soft} | {'—' if split is None else split} |")
        episode = truth_episode(truth, language)
        texts = true_chapters(truth, episode)
        got = titles(texts, language)
        hits, said, wanted = title_scores(got, [c["title"] for c in truth["chapters"]], language)
        if not name.startswith("espeak-"):  # the eSpeak episodes are in neither sum
            total = totals[language in HELD_OUT]
            for k, v in enumerate((hits, len(got), said, wanted)):
                total[k] += v
        ok_len = all(len(t) <= MAX_LENGTH for t in got)
        distinct = len({t.lower() for t in got}) == len(got)
        rows_t.append(f"| {name} | {' · '.join(got)} | {' · '.join(c['title'] for c in truth['chapters'])} "
                      f"| {hits}/{len(got)} | {said}/{wanted} | {'yes' if ok_len else 'no'} | {'yes' if distinct else 'no'} |")
        tokens = [k["text"] for t in truth["turns"] for s in t["sentences"] for k in s["tokens"]]
        forms = spoken_forms(tokens, language=language)
        numbers = [f"`{t}` {' '.join(f)}" for t, f in zip(tokens, forms) if any(c.isdigit() for c in t) or t == "%"]
        sentences = [s.text for t in episode.turns for s in t.sentences]
        terms = KeyTerms.of(sentences, background_logprob(language), language=language)
        top = sorted(terms.weights, key=lambda k: -terms.weights[k])[:8]
        notes.append(f"- {name}: spoken numbers: {'; '.join(numbers)}. Key terms for clips: {', '.join(top)}.")
    cpu = time.process_time() - started
    md = "\n".join([
        "## Text stages in other languages (`scripts/bench_languages_text.py`)",
        "",
        "Episodes built from `truth.json` with the true word times (no alignment), so only the text rules",
        "are measured. Rules `en` is what audiokit did before issue 13 (English rules on every language).",
        "lang-it and lang-cs are `../shared/bench`; the others are generated by `scripts/make_lang_episodes.py`",
        "(Festival voices; no rule was tuned on lang-fi, lang-mr or lang-te). espeak-de, -es, -fr, -pt, -pl, -nl, -ar",
        "are `scripts/espeak_episodes` (`scripts/make_espeak_clip.py --episodes`; only their text and truth matter",
        "here, not their eSpeak NG voices). Titles use",
        "the language's own stopwords. A language without its own break list (—) uses the generic rule.",
        "",
        "Sentence ends inside turns against the truth's sentences:",
        "",
        "| set | rules | precision | recall |",
        "|---|---|---|---|",
        *rows_s,
        "",
        "Captions (netflix style): rule violations, and line or cue breaks right after an article or",
        "preposition of the language (splitting it from its noun; target 0 hard):",
        "",
        "| set | rules | cues | hard | soft | breaks after article/preposition |",
        "|---|---|---|---|---|---|",
        *rows_c,
        "",
        "Chapter titles on the true chapters (hit: shares a content lemma with the author's title;",
        "lemmas: the author's content lemmas the titles say; every title at most",
        f"{MAX_LENGTH} characters; all distinct). Title rules were chosen on it, cs, ca, hi and ru only:",
        "",
        "| set | audiokit's titles | author's titles | hits | lemmas | <= 40 chars | distinct |",
        "|---|---|---|---|---|---|---|",
        *rows_t,
        "",
        *(f"- {label}: hits {t[0]}/{t[1]}, author's lemmas said {t[2]}/{t[3]}"
          for label, t in (("tuning sets (it, cs, ca, hi, ru)", totals[False]), ("held out (fi, mr, te)", totals[True]))
          if t[1]),
        "",
        *notes,
        "",
        f"{benchlib.machine()}; {cpu:.1f} s CPU for the whole script (machine shared with other jobs; no timing target here).",
    ])
    print(md)
    if write:
        benchlib.update_section("languages-text", md)


if __name__ == "__main__":
    main()
