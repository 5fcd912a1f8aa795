#!/usr/bin/env python3
"""Chapters on the short generated conversations in other languages, in-process and fast, for
tuning: every episode (built from its synthesis truth, as scripts/bench_chapters.py builds it)
segmented with the true count and with the automatic count, scored by
../shared/bench/score_chapters.py's own functions, and how the model ranks the true boundaries
among all gaps (1 = the strongest gap).

    .venv/bin/python scripts/measure_chapters_lang.py            # tuning set: it cs ru ca hi
    .venv/bin/python scripts/measure_chapters_lang.py --held-out # fi mr te, only to report

The held-out languages are kept apart so that nothing is designed while looking at them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_chapters import truth_episode
from benchlib import BENCH, OUT, require_bench

from audiokit import episode_json
from audiokit.chapters import embeddings, features, segment
from audiokit.chapters.find import content_text, find_chapters
from audiokit.chapters.model import timed_sentences

TUNING = ("it", "cs", "ru", "ca", "hi")
HELD_OUT = ("fi", "mr", "te")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_chapters", BENCH / "score_chapters.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def truth_path(code: str) -> Path:
    """lang-it and lang-cs live in ../shared/bench; the others are generated into bench-out."""
    shared = BENCH / f"lang-{code}" / "truth.json"
    return shared if shared.exists() else OUT / f"lang-{code}" / "truth.json"


def ranks(episode, truth_starts: list[float]) -> list[int]:
    """Rank (1 = strongest) of the gap nearest each true chapter start among all gaps."""
    sentences = timed_sentences(episode)
    language = episode.metadata.language or "en"
    texts = [content_text(s.text, language) for s in sentences]
    p = segment.probabilities(sentences, [t.split() for t in texts], embeddings.embed(texts), language=language)
    order = np.argsort(-p[1:]) + 1
    place = {int(g): r + 1 for r, g in enumerate(order)}
    starts = np.array([s.start for s in sentences])
    return [place.get(int(np.argmin(np.abs(starts - t))), 0) for t in truth_starts[1:]]


def measure(code: str, scorer) -> dict:
    truth_file = truth_path(code)
    truth = json.loads(truth_file.read_text())
    episode = episode_json.loads(json.dumps(truth_episode(truth_file, code)))
    true_count = len(truth["chapters"])
    row: dict = {"lang": code, "minutes": round(truth["duration"] / 60, 1), "true": true_count}
    for label, count in (("count", true_count), ("auto", None)):
        chapters = find_chapters(episode, count)
        doc = {"chapters": [{"start": c.start} for c in chapters]}
        s = scorer.score(truth, truth, doc)
        row[f"{label}_pk"], row[f"{label}_got"] = s["pk"], s["chapters"]
    row["ranks"] = ranks(episode, scorer.starts_of(truth))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--held-out", action="store_true", help="the held-out languages (fi mr te) instead")
    args = parser.parse_args()
    require_bench()
    scorer = _scorer()
    rows = [measure(code, scorer) for code in (HELD_OUT if args.held_out else TUNING)
            if truth_path(code).exists()]
    for r in rows:
        print(json.dumps(r))
    print(json.dumps({"mean_count_pk": round(statistics.mean(r["count_pk"] for r in rows), 3),
                      "mean_auto_pk": round(statistics.mean(r["auto_pk"] for r in rows), 3),
                      "auto_chapters": [r["auto_got"] for r in rows],
                      "mean_rank": round(statistics.mean(x for r in rows for x in r["ranks"]), 2),
                      "features": len(features.FEATURE_NAMES)}))


if __name__ == "__main__":
    main()
