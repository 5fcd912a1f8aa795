#!/usr/bin/env python3
"""Benchmark catalogue search at scale: build a generated ``catalog.sqlite`` (index rows only,
no audio) and time phrase queries answered by ``audiokit serve`` on loopback.

    nice -n 5 .venv/bin/python scripts/bench_search.py [--episodes 10000] [--words 8000] [--queries 200]

The text is generated, not real speech: a vocabulary of common English words followed by
made-up words, drawn with Zipfian frequencies (rank^-1.07, as word counts of English roughly
follow), in turns of 2-4 speakers and sentences of 4-30 words, with word times at a speaking
pace. Episodes are stored with the library's own :func:`audiokit.catalog.index_episode`
(one transaction per episode, as a batch does), then the index is merged once
(:func:`audiokit.catalog.optimize`). The queries are phrases of 2-4 consecutive words cut
from random passages (so every query has at least one hit, and many contain common words),
sent one after the other over one keep-alive connection; single words and 3-letter prefixes
are timed too, for information. Writes bench-out/search/ (removed first; ``--reuse`` queries
the catalogue already there, unless an older schema made it, which ``audiokit serve`` refuses:
then it is built again) and the ``search`` section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import AUDIOKIT, OUT, load_note, machine, update_section

from audiokit.catalog import index_episode, open_catalog, optimize, write_catalog_page
from audiokit.catalog.db import SCHEMA_VERSION
from audiokit.catalog.segments import MAX_WORDS, Passage

TARGET_BUILD, TARGET_P95 = 600.0, 0.050
COMMON = ["the", "of", "and", "to", "a", "in", "that", "is", "it", "you", "i", "was", "for", "on", "are", "as", "with", "he", "be", "at", "they", "this", "have", "from", "or", "one", "had", "by", "but", "not", "what", "all", "were", "we", "when", "your", "can", "said", "there", "use", "an", "each", "which", "she", "do", "how", "their", "if", "will", "up", "other", "about", "out", "many", "then", "them", "these", "so", "some", "her", "would", "make", "like", "him", "into", "time", "has", "look", "two", "more", "write", "go", "see", "number", "no", "way", "could", "people", "my", "than", "first", "water", "been", "call", "who", "oil", "its", "now", "find", "long", "down", "day", "did", "get", "come", "made", "may", "part", "model", "data", "language", "training", "paper", "results"]
SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou", "er")]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words = list(dict.fromkeys(COMMON))
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def episode_passages(nrng: np.random.Generator, vocab: np.ndarray, p: np.ndarray, words: int) -> list[Passage]:
    ids = nrng.choice(len(vocab), size=words, p=p)
    gaps = nrng.gamma(4.0, 0.09, size=words) + 0.05  # about 2.8 words a second
    starts = np.cumsum(gaps) * 1000
    out: list[Passage] = []
    speakers = [f"Speaker {k + 1}" for k in range(int(nrng.integers(2, 5)))]
    i, turn = 0, 0
    while i < words:
        turn_len = int(min(words - i, max(3, nrng.geometric(1 / 45))))
        speaker = speakers[turn % len(speakers)] if nrng.random() < 0.8 else speakers[int(nrng.integers(len(speakers)))]
        end = i + turn_len
        while i < end:
            n = min(end - i, MAX_WORDS, int(nrng.integers(4, 31)) * int(nrng.integers(1, 3)))
            sentence = [str(vocab[k]) for k in ids[i:i + n]]
            sentence[0] = sentence[0].capitalize()
            sentence[-1] += "."
            out.append(Passage(turn, speaker, " ".join(sentence), tuple(int(t) for t in starts[i:i + n])))
            i += n
        turn += 1
    return out


def build(db: Path, episodes: int, words: int, queries: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    vocab = np.array(vocabulary(rng, 50_000), dtype=object)
    ranks = np.arange(1, len(vocab) + 1, dtype=float)
    p = ranks ** -1.07
    p /= p.sum()
    conn = open_catalog(db)
    picked = set(rng.sample(range(episodes), min(queries, episodes)))
    phrases: list[str] = []
    singles: list[str] = []
    prefixes: list[str] = []
    wall, cpu = time.perf_counter(), time.process_time()
    indexing = 0.0  # CPU seconds in audiokit's own indexing (the rest makes up the text)
    for k in range(episodes):
        found = episode_passages(nrng, vocab, p, words)
        rec = {"id": f"ep{k:05d}", "title": f"Generated episode {k + 1}", "status": "done", "coverage": 1.0,
               "duration": found[-1].times[-1] / 1000, "chapters": 0, "clips": 0, "loudness": -16.0,
               "loudness_problems": [], "language": "en", "cached": [], "preview": f"ep{k:05d}/index.html"}
        began = time.process_time()
        index_episode(conn, rec, found)
        indexing += time.process_time() - began
        if k in picked:
            for _ in range(-(-queries // len(picked))):
                text = rng.choice(found).text.split(" ")
                n = rng.choice((2, 3, 3, 4))
                at = rng.randrange(0, max(1, len(text) - n))
                cut = [re.sub(r"\W", "", w).lower() for w in text[at:at + n]]
                phrases.append(" ".join(cut))
                singles.append(cut[0])
                prefixes.append(cut[-1][:3] + "*" if len(cut[-1]) > 3 else cut[-1])
        if k % 500 == 499:
            print(f"{k + 1} episodes, {time.perf_counter() - wall:.0f} s", file=sys.stderr, flush=True)
    build_wall, build_cpu = time.perf_counter() - wall, time.process_time() - cpu
    began = time.perf_counter()
    optimize(conn)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"episodes": episodes, "words": words, "build_wall": build_wall, "build_cpu": build_cpu,
            "index_cpu": indexing,
            "optimize_wall": time.perf_counter() - began, "phrases": phrases[:queries], "singles": singles[:queries],
            "prefixes": prefixes[:queries]}


def current_schema(db: Path) -> bool:
    """Whether the catalogue at ``db`` is of the schema this code reads (``audiokit serve``
    refuses an older one)."""
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return found == (str(SCHEMA_VERSION),)


def start_server(out: Path) -> tuple[subprocess.Popen[str], str, int]:
    proc = subprocess.Popen([*AUDIOKIT, "serve", str(out), "--port", "0"], stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline() if proc.stderr else ""
    m = re.search(r"http://([\d.]+):(\d+)/", line)
    if not m:
        proc.kill()
        sys.exit(f"audiokit serve did not start: {line}")
    return proc, m.group(1), int(m.group(2))


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(host: str, port: int, pid: int, queries: list[str]) -> tuple[list[float], list[int], float]:
    """Wall seconds and hit count of each query, and the server's CPU seconds per query."""
    conn = http.client.HTTPConnection(host, port, timeout=60)
    conn.request("GET", "/search?q=warmup")
    conn.getresponse().read()
    times, counts = [], []
    cpu = _cpu_seconds(pid)
    for q in queries:
        began = time.perf_counter()
        conn.request("GET", "/search?q=" + quote(q))
        resp = conn.getresponse()
        body = resp.read()
        times.append(time.perf_counter() - began)
        if resp.status != 200:
            sys.exit(f"search for {q!r} answered {resp.status}")
        counts.append(len(json.loads(body)["hits"]))
    conn.close()
    return times, counts, (_cpu_seconds(pid) - cpu) / max(1, len(queries))


def indexing_note(built: dict[str, Any]) -> str:
    """How much of the build's CPU was audiokit indexing (older build.json files lack it)."""
    if "index_cpu" not in built:
        return ""
    return f": {built['index_cpu']:.0f} s indexing, {built['build_cpu'] - built['index_cpu']:.0f} s making up the text"


def _p95(ms: list[float]) -> float:
    return sorted(ms)[max(0, round(0.95 * len(ms)) - 1)]


def _line(times: list[float], cpu: float) -> str:
    ms = [t * 1000 for t in times]
    return (f"{_p95(ms):.1f} ms (median {statistics.median(ms):.1f}, max {max(ms):.1f}; "
            f"server CPU {cpu * 1000:.1f} ms a query)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=8_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--reuse", action="store_true",
                        help="Query the catalogue an earlier run built (its build numbers are kept in build.json).")
    parser.add_argument("--out", type=Path, default=OUT / "search", help="The benchmark's own folder.")
    parser.add_argument("--no-section", action="store_true", help="Print, do not write BENCHMARKS.md.")
    args = parser.parse_args()
    out = args.out
    db = out / "catalog.sqlite"
    reuse = args.reuse and (out / "build.json").is_file() and current_schema(db)
    if args.reuse and not reuse:
        print(f"{db} is not there or of an older schema than {SCHEMA_VERSION}: building it", file=sys.stderr)
    if reuse:
        built = json.loads((out / "build.json").read_text())
    else:
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        built = build(db, args.episodes, args.words, args.queries, args.seed)
        (out / "build.json").write_text(json.dumps(built))
    size_mb = sum(f.stat().st_size for f in out.glob("catalog.sqlite*")) / 1e6
    if not (out / "index.html").is_file():
        # audiokit serve refuses a folder without its catalogue page (12e27d4): an empty one will do.
        write_catalog_page(out, [], None)
    proc, host, port = start_server(out)
    try:
        phrase_t, counts, phrase_cpu = measure(host, port, proc.pid, [f'"{p}"' for p in built["phrases"]])
        word_t, _, word_cpu = measure(host, port, proc.pid, built["singles"])
        prefix_t, _, prefix_cpu = measure(host, port, proc.pid, built["prefixes"])
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    p95 = _p95([t * 1000 for t in phrase_t])
    total = built["build_wall"] + built["optimize_wall"]
    rows = [
        ("build (index rows only)", f"<= {TARGET_BUILD / 60:.0f} min",
         (f"{total:.0f} s wall ({built['build_wall']:.0f} s inserting, of which {built['build_cpu']:.0f} s CPU"
          f"{indexing_note(built)}; {built['optimize_wall']:.0f} s merging)"), total <= TARGET_BUILD),
        (f"phrase query via `audiokit serve`, p95 of {len(phrase_t)}", f"<= {TARGET_P95 * 1000:.0f} ms",
         _line(phrase_t, phrase_cpu), p95 <= TARGET_P95 * 1000),
    ]
    table = "\n".join(f"| {a} | {b} | {c} | {'yes' if ok else '**no**'} |" for a, b, c, ok in rows)
    text = f"""## Catalogue search at scale (`scripts/bench_search.py`)

A generated `catalog.sqlite` of {built['episodes']:,} episodes x {built['words']:,} words
({built['episodes'] * built['words'] / 1e6:.0f} M words; Zipfian vocabulary, index rows only, no audio):
**{size_mb:,.0f} MB** on disk. Phrase queries of 2-4 words cut from random passages, answered by `audiokit serve`
over one keep-alive loopback connection (results per query: median {statistics.median(counts):.0f}, at most 20).

| what | target | measured | met |
| --- | --- | --- | --- |
{table}

Also measured, no target: single words {_line(word_t, word_cpu)}; 3-letter prefixes (`abc*`)
{_line(prefix_t, prefix_cpu)}.

Machine: {machine()}; {load_note()}; CPU seconds show the work itself.
"""
    print(text)
    if not args.no_section:
        update_section("search", text)


if __name__ == "__main__":
    main()
