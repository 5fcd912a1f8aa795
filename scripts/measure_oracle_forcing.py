#!/usr/bin/env python3
"""Issue 14 go/no-go: what the forced pass costs, and how accurate it is, over sentence windows.

The transcript's sentences are cut into windows between two spoken sentences and every window is
force-aligned with pocketsphinx (``set_align_text``, the shipped forced-pass settings, at frame
downsampling ``--ds`` and ``--topn`` Gaussians per codebook). The cuts come from

- the truth (default; measurement only: the middle of the pause between two sentences);
- ``--dtw F``: eSpeak NG + DTW at F x 10 ms frames, sentences whose edges DTW calls confident;
- ``--pauses``: :func:`audiokit.align.pauses.pause_cuts` (what the aligner now does on clean audio).

Word times go through the shipped edge tightening and are scored with the bench scorer. CPU is
this process's, over the forced decodes only (plus the anchor finder's stages, printed apart).

    .venv/bin/python scripts/measure_oracle_forcing.py [--only seed-full] [--ds 1] [--topn 2] [--pauses]

Measured 2026-11-30 (load 4-13 on 2 cores: CPU seconds, not wall), CPU ms per audio second of the
forced pass, seed-full word starts within 50 ms (median), real-gold median / worst:

- truth cuts, ds 1: 13.7 ms/s, 95.8% (10 ms); real-gold 12.1 / 76 ms
- truth cuts, ds 2: 8.4-8.8 ms/s, 94.9% (11 ms): misses 95% even with perfect anchors; the extra
  misses are mid-sentence, so re-forcing sentence starts at ds 1 cannot recover them
- truth cuts, ds 1, topn 2: 10.8-11.1 ms/s, 95.7% (10 ms); real-gold 12.6 / 85 ms
- windows of 10-20 s (several sentences): dearer (14.9-15.9 ms/s at ds 1) and no more accurate
- DTW cuts at 40 ms frames, ds 1, topn 2: DTW itself 9.0 CPU s on seed-full (eSpeak 4.4, MFCC
  1.1, warps 2.4 + 1.2), forcing 13.5 ms/s: about 80% of the recognition design's cost. No-go.
- pause cuts, ds 1, topn 2: the cuts cost 0.12 CPU s, put all 244 of seed-full's and 9 of
  real-gold's sentence boundaries in the right pause; forcing 10.9 ms/s, 95.9% (10 ms);
  real-gold 14.3 / 88 ms. Shipped (:mod:`audiokit.align.at_pauses`).
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_align import sentence_checks
from benchlib import BENCH, require_bench
from measure_pass_costs import english_set

from audiokit import episode_json
from audiokit.align import aligner, sphinx
from audiokit.align.anchored import CONF_FORCED, TokenTime
from audiokit.align.energy import quietest, speech_threshold
from audiokit.align.pauses import pause_cuts

SETS = ["seed-full", "real-gold", "real-mfa", "seed-rough"]
sys.path.insert(0, str(BENCH))
from score_alignment import norm as score_norm


def with_ds(ds: int, topn: int = 0) -> None:
    """Make the forced decoders of this process downsample frames by ``ds`` (and keep ``topn``
    Gaussians per codebook, when given)."""
    make = sphinx._make.__wrapped__ if hasattr(sphinx._make, "__wrapped__") else sphinx._make

    def patched(kind, res, relaxed=False):
        if kind != "align" or (ds == 1 and not topn):
            return make(kind, res, relaxed)
        import pocketsphinx
        d = make(kind, res, relaxed)
        cfg = d.config
        cfg["ds"] = ds
        if topn:
            cfg["topn"] = topn
        return pocketsphinx.Decoder(cfg)

    patched.__wrapped__ = make
    sphinx._make = patched
    sphinx._DECODERS.clear()


def oracle_sentences(episode, truth) -> dict[int, tuple[float, float]]:
    """Transcript sentence index -> (start, end) of its words in the truth."""
    ref = []
    for turn in truth["turns"]:
        for sent in turn["sentences"]:
            if not sent.get("in_transcript", True):
                continue
            for tok in sent["tokens"]:
                if score_norm(tok["text"]) and tok["start"] is not None:
                    ref.append((score_norm(tok["text"]), tok["start"], tok["end"]))
    ours = []  # (key, sentence index)
    s = 0
    for turn in episode.turns:
        for sent in turn.sentences:
            for w in sent.words:
                ours.append((score_norm(w.text), s))
            s += 1
    spans: dict[int, tuple[float, float]] = {}
    m = difflib.SequenceMatcher(a=[r[0] for r in ref], b=[o[0] for o in ours], autojunk=False)
    for block in m.get_matching_blocks():
        for k in range(block.size):
            r, o = ref[block.a + k], ours[block.b + k]
            a, b = spans.get(o[1], (r[1], r[2]))
            spans[o[1]] = (min(a, r[1]), max(b, r[2]))
    return spans


def dtw_sentences(episode, audio, db, factor: int) -> tuple[dict[int, tuple[float, float]], dict]:
    """Transcript sentence index -> (start, end) from eSpeak NG + DTW at ``factor`` x 10 ms frames,
    for sentences whose words DTW calls confident; and the CPU of each DTW stage."""
    from measure_dtw_anchors import dtw_times

    from audiokit.align import dtw_align
    from audiokit.align.features import mfcc

    sentences = [[w.text for w in s.words] for t in episode.turns for s in t.sentences]
    c0 = time.process_time()
    spoken = dtw_align.speak(sentences, "en")
    c1 = time.process_time()
    heard = mfcc(audio.samples, audio.rate, normalise=False)
    c2 = time.process_time()
    got = dtw_times(heard, spoken, sentences, factor)
    ok = dtw_align.confident(got["times"])
    cost = {"speak": c1 - c0, "mfcc": c2 - c1, "forward": got["forward"], "backward": got["backward"],
            "fits": dtw_align.fits(got["times"]), "confident": sum(ok) / len(ok)}
    spans, k = {}, 0
    for i, s in enumerate(sentences):
        ts = [(t, o) for t, o in zip(got["times"][k:k + len(s)], ok[k:k + len(s)]) if t is not None]
        k += len(s)
        if ts and ts[0][1] and ts[-1][1]:  # both edges confident: an anchor pair
            spans[i] = (ts[0][0].start, ts[-1][0].end)
    return spans, cost


def windows(spans: dict[int, tuple[float, float]], duration: float, group: float,
            quiet=None) -> list[tuple[float, float, list[int]]]:
    """Windows of whole sentences cut between consecutive ones (at the quietest point near the
    middle of the pause when ``quiet`` is given), each holding at least ``group`` seconds.
    Sentences missing from ``spans`` ride along with the sentence before them."""
    order = sorted(spans, key=lambda s: spans[s][0])
    if quiet is None:
        cuts = [0.0] + [(spans[a][1] + spans[b][0]) / 2 for a, b in itertools.pairwise(order)] + [duration]
    else:
        # Next to each other: in the pause between them; with unanchored sentences between
        # them (they join the window before): just before the later one.
        cuts = [0.0] + [quiet(min(spans[a][1], spans[b][0]) - 0.2, max(spans[a][1], spans[b][0]) + 0.2)
                        if b == a + 1 else quiet(spans[b][0] - 0.5, spans[b][0] + 0.2)
                        for a, b in itertools.pairwise(order)] + [duration]
    out, cur, start = [], [], 0.0
    for i, s in enumerate(order):
        cur.append(s)
        if cuts[i + 1] - start >= group or i == len(order) - 1:
            out.append((start, cuts[i + 1], cur))
            cur, start = [], cuts[i + 1]
    return out


def measure(name: str, ds: int, group: float, out_dir: Path, topn: int = 0, factor: int = 0) -> dict:
    folder = BENCH / name
    truth = json.loads((folder / "truth.json").read_text())
    episode, audio, forms, tokens, lex, db = english_set(name)
    by_sentence: dict[int, list[int]] = {}
    for k, t in enumerate(tokens):
        by_sentence.setdefault(t.sentence, []).append(k)
    cost: dict = {}
    if factor < 0:  # pauses
        order = sorted(by_sentence)
        began = time.process_time()
        weights = [sum(len(lex.pronunciations(tokens[k].text)[0]) for k in by_sentence[s]) for s in order]
        cut = pause_cuts(weights, db, speech_threshold(db) - 10.0)
        cost = {"dp": round(time.process_time() - began, 2)}
        wins = [(a, b, [s]) for s, (a, b) in zip(order, cut)]
        if wins:  # windows meet: the first from 0, the last to the end
            wins[0] = (0.0, wins[0][1], wins[0][2])
            wins[-1] = (wins[-1][0], audio.duration, wins[-1][2])
    elif factor:
        spans, cost = dtw_sentences(episode, audio, db, factor)
        # A sentence DTW is not sure of joins the window of the anchored sentence before it.
        anchored = {s: v for s, v in spans.items() if s in by_sentence}
        wins = windows(anchored, audio.duration, group, lambda a, b: quietest(db, a, b))
        if not wins:  # nothing to cut at: the design would leave this episode to today's path
            row = {"set": name, "anchors": f"dtw x{factor}", **cost, "windows": 0}
            print(json.dumps(row), flush=True)
            return row
        wins = _absorb(wins, sorted(by_sentence), anchored)
    else:
        spans = oracle_sentences(episode, truth)
        wins = windows({s: v for s, v in spans.items() if s in by_sentence}, audio.duration, group)
    with_ds(ds, topn)
    times: list = [None] * len(tokens)
    spent = failed = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        res = sphinx.write_resources([[tokens[k].text for k in ks] for ks in by_sentence.values()], lex, Path(tmp))
        for a, b, ss in wins:
            ks = [k for s in ss for k in by_sentence[s]]
            began = time.process_time()
            got = sphinx.force_align(res, audio.slice(a, b).tobytes(), [tokens[k].text for k in ks], a)
            spent += time.process_time() - began
            if got is None:
                failed += 1
                continue
            for k, p in zip(ks, got):
                times[k] = TokenTime(p.start, p.end, CONF_FORCED)
    times = aligner._tighten_edges(times, db, "en")
    words = aligner._words(episode, forms, tokens, times)
    aligned = episode.with_words(words)
    path = out_dir / f"{name}-ds{ds}-g{group:g}-t{topn}-f{factor}.json"
    episode_json.save(aligned, path)
    score = json.loads(subprocess.run([sys.executable, str(BENCH / "score_alignment.py"), str(folder / "truth.json"),
                                       str(path), "--json"], capture_output=True, text=True, check=True).stdout)
    sents = sentence_checks(truth, json.loads(path.read_text()))
    ws = score["word_start"]
    row = {"set": name, "anchors": "pauses" if factor < 0 else f"dtw x{factor}" if factor else "oracle",
           **{k: round(v, 2) if isinstance(v, float) else v for k, v in cost.items()},
           "ds": ds, "topn": topn, "group": group, "windows": len(wins), "failed": int(failed),
           "cpu_s": round(spent, 2), "ms_per_s": round(1000 * spent / audio.duration, 1),
           "coverage": score["coverage"], "median_ms": ws.get("median_ms"), "within50": ws.get("within_50ms"),
           "within100": ws.get("within_100ms"), "sent100": round(sents["within_100ms"], 4)}
    worst = _worst(truth, json.loads(path.read_text()))
    row["worst_ms"] = round(1000 * worst)
    print(json.dumps(row), flush=True)
    return row


def _absorb(wins, every: list[int], anchored) -> list[tuple[float, float, list[int]]]:
    """Put each sentence without anchors into the window of the nearest anchored sentence before
    it (the first window when none is)."""
    out = [(a, b, list(ss)) for a, b, ss in wins]
    owner = {s: i for i, (_, _, ss) in enumerate(out) for s in ss}
    cur = 0
    for s in every:
        if s in owner:
            cur = owner[s]
        else:
            out[cur][2].append(s)
    for w in out:
        w[2].sort()
    return out


def _worst(truth, ours) -> float:
    ref = [(score_norm(t["text"]), t["start"]) for turn in truth["turns"] for s in turn["sentences"]
           if s.get("in_transcript", True) for t in s["tokens"] if score_norm(t["text"])]
    hyp = [(score_norm(w["text"]), w["start"]) for t in ours["turns"] for w in t["words"] if score_norm(w["text"])]
    m = difflib.SequenceMatcher(a=[r[0] for r in ref], b=[h[0] for h in hyp], autojunk=False)
    errs = [abs(hyp[b.b + k][1] - ref[b.a + k][1]) for b in m.get_matching_blocks() for k in range(b.size)
            if hyp[b.b + k][1] is not None]
    return max(errs) if errs else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", action="append", choices=SETS)
    ap.add_argument("--ds", action="append", type=int)
    ap.add_argument("--topn", type=int, default=0, help="Gaussians per codebook (0: the shipped 4)")
    ap.add_argument("--dtw", type=int, default=0, metavar="FACTOR",
                    help="anchors from eSpeak NG + DTW at FACTOR x 10 ms frames instead of the truth")
    ap.add_argument("--pauses", action="store_true",
                    help="anchors: sentence boundaries put in pauses by audiokit.align.pauses.pause_cuts")
    ap.add_argument("--group", type=float, default=0.0, help="least seconds per window (0: one sentence each)")
    args = ap.parse_args()
    require_bench()
    out = Path(tempfile.mkdtemp(prefix="oracle-forcing-"))
    for name in args.only or SETS:
        for ds in args.ds or [1, 2]:
            measure(name, ds, args.group, out, args.topn, -1 if args.pauses else args.dtw)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
