"""Candidate evidence columns for scripts/chapters_rank.py (experiment, issue 11)."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from audiokit.chapters import cohesion, features
from audiokit.chapters.features import _Blocks, _hashed_counts, _zscore, depth


def _weights(tokens):
    return np.array([max(0.5, len(t)) for t in tokens], dtype=float)


def speaker_centred(sentences, tokens, vectors, share: float = 1.0) -> np.ndarray:
    """Embedding drift after each speaker's own mean vector is taken away (speaker style)."""
    w = _weights(tokens)
    v = vectors.astype(float)
    v = v - (v * w[:, None]).sum(0) / w.sum()
    spk = np.array([s.speaker for s in sentences])
    for name in set(spk):
        m = spk == name
        v[m] -= share * (v[m] * w[m, None]).sum(0) / w[m].sum()
    blocks = _Blocks(v, w)
    cols = []
    for win in (25, 60, 150):
        sim = blocks.similarity(win)
        cols += [sim, depth(sim), _zscore(sim)]
    return np.column_stack(cols)


def lsa(sentences, tokens, vectors, dims: int = 12) -> np.ndarray:
    """Block drift in the episode's own latent semantic space (SVD of tf-idf stem counts)."""
    w = _weights(tokens)
    counts = _hashed_counts(cohesion.stems(tokens, "en")).astype(float)
    n = len(counts)
    df = (counts > 0).sum(0)
    x = np.log1p(counts) * np.log((n + 1) / (df + 1))
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = np.where(norms > 0, x / np.where(norms > 0, norms, 1), 0)
    k = max(2, min(dims, n - 1, 1023))
    try:
        u, s, _ = np.linalg.svd(x, full_matrices=False)
    except np.linalg.LinAlgError:
        return np.zeros((n, 6))
    z = u[:, :k] * s[:k]
    blocks = _Blocks(z, np.ones(n))
    cols = []
    for win in (60, 150):
        sim = blocks.similarity(win * n / w.sum())  # window in sentences ~ words
        cols += [sim, depth(sim), _zscore(sim)]
    return np.column_stack(cols)


def chains(sentences, tokens, vectors, hiatus: float = 150.0) -> np.ndarray:
    """LCseg-style lexical chains (Galley et al. 2003): a stem's repetitions form a chain until
    it goes unsaid for ``hiatus`` content words; at each gap, the idf-and-compactness weighted
    chains that end before it, start after it, or run through it."""
    w = _weights(tokens)
    cum = np.concatenate([[0.0], np.cumsum(w)])
    st = cohesion.stems(tokens, "en")
    n = len(st)
    occ: dict[str, list[int]] = {}
    for i, words in enumerate(st):
        for x in set(words):
            occ.setdefault(x, []).append(i)
    ends = np.zeros(n + 1)
    starts = np.zeros(n + 1)
    through = np.zeros(n + 1)
    total = cum[-1]
    for x, idx in occ.items():
        if len(idx) < 2:
            continue
        seg = [idx[0]]
        runs = []
        for a, b in pairwise(idx):
            if cum[b] - cum[a] > hiatus:
                runs.append(seg)
                seg = [b]
            else:
                seg.append(b)
        runs.append(seg)
        for r in runs:
            if len(r) < 2:
                continue
            span = cum[r[-1] + 1] - cum[r[0]]
            weight = len(r) * np.log(total / max(span, 1.0))
            if weight <= 0:
                continue
            starts[r[0]] += weight
            ends[r[-1] + 1] += weight
            through[r[0] + 1:r[-1] + 1] += weight
    scale = max(float(through[1:n].mean()), 1e-9)
    st_ = starts[:n] / scale
    en_ = ends[:n] / scale
    th_ = through[:n] / scale
    # Chains starting/ending near the gap (within 30 words) matter, not only exactly at it.
    near_s = np.zeros(n)
    near_e = np.zeros(n)
    cs = np.concatenate([[0.0], np.cumsum(st_)])
    ce = np.concatenate([[0.0], np.cumsum(en_)])
    lo = np.searchsorted(cum, cum[:n] - 30.0, side="left")
    hi = np.searchsorted(cum, cum[:n] + 30.0, side="right")
    for i in range(n):
        near_s[i] = cs[min(hi[i], n)] - cs[i]
        near_e[i] = ce[i + 1] - ce[max(lo[i], 0)]
    out = np.column_stack([th_, near_s, near_e, near_s + near_e - th_, _zscore(th_)])
    out[0] = 0
    return out


def novelty(sentences, tokens, vectors) -> np.ndarray:
    """Share of the stems in the next 60/150 content words never said before in the episode,
    and of those said before but not in the last 400 words (a return to an earlier topic)."""
    w = _weights(tokens)
    cum = np.concatenate([[0.0], np.cumsum(w)])
    st = cohesion.stems(tokens, "en")
    n = len(st)
    last: dict[str, float] = {}
    new = np.zeros(n)
    back = np.zeros(n)
    for i, words in enumerate(st):
        for x in words:
            if x not in last:
                new[i] += 1
            elif cum[i] - last[x] > 400:
                back[i] += 1
        for x in words:
            last[x] = cum[i]
    cols = []
    for arr in (new, back):
        c = np.concatenate([[0.0], np.cumsum(arr)])
        for win in (60, 150):
            a = features._window_sum(cum, c, n, win, True) / np.maximum(features._window_sum(cum, cum, n, win, True), 1)
            b = features._window_sum(cum, c, n, win, False) / np.maximum(features._window_sum(cum, cum, n, win, False), 1)
            cols += [a - b, _zscore(a - b)]
    out = np.column_stack(cols)
    out[0] = 0
    return out


def monologue(sentences, tokens, vectors) -> np.ndarray:
    """At the start of a speaker's run: how much its first 60 words resemble the 150 words
    before it (centred embeddings, stems), and that similarity times the run's length."""
    w = _weights(tokens)
    n = len(w)
    v = vectors.astype(float)
    v = v - (v * w[:, None]).sum(0) / w.sum()
    cum = np.concatenate([[0.0], np.cumsum(w)])
    pv = np.vstack([np.zeros((1, v.shape[1])), np.cumsum(v * w[:, None], 0)])
    counts = _hashed_counts(cohesion.stems(tokens, "en")).astype(float)
    pc = np.vstack([np.zeros((1, counts.shape[1])), np.cumsum(counts, 0)])
    spk = [s.speaker for s in sentences]
    run_end = np.zeros(n, dtype=int)
    j = n
    for i in range(n - 1, -1, -1):
        if i < n - 1 and spk[i + 1] != spk[i]:
            j = i + 1
        run_end[i] = j
    out = np.zeros((n, 4))
    for i in range(1, n):
        if spk[i] == spk[i - 1]:
            continue
        r = min(run_end[i], int(np.searchsorted(cum, cum[i] + 60, side="left")))
        r = max(r, i + 1)
        l = max(0, int(np.searchsorted(cum, cum[i] - 150, side="right")) - 1)
        l = min(l, i - 1)
        a, b = pv[i] - pv[l], pv[r] - pv[i]
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        es = a @ b / (na * nb) if na * nb > 0 else 0
        a, b = pc[i] - pc[l], pc[r] - pc[i]
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        ls = a @ b / (na * nb) if na * nb > 0 else 0
        runlen = np.log1p(cum[run_end[i]] - cum[i])
        out[i] = [es, ls, es * runlen, ls * runlen]
    return out


def count_scaled(sentences, tokens, vectors, count: int) -> np.ndarray:
    """Evidence at the scale of the chapters asked for: with ``count`` chapters over W content
    words, blocks of W / (2 count) and W / count words (at least 25): split gain over stems,
    centred embedding drift and rare-word cosine with their depths, and the gain's local peak.
    Only the true-count setting knows ``count`` (the automatic count would need an estimate)."""
    w = _weights(tokens)
    total = float(w.sum())
    v = vectors.astype(float)
    centred = _Blocks(v - (v * w[:, None]).sum(0) / total, w)
    rare = _Blocks(features._rare_counts(tokens), np.ones(len(tokens)))
    stems = _hashed_counts(cohesion.stems(tokens, "en"))
    cum = np.concatenate([[0.0], np.cumsum(w)])
    cols = []
    for share in (2 * count, count):
        win = max(25.0, total / share)
        gain = cohesion.split_gain(stems, w, win)
        emb, rar = centred.similarity(win), rare.similarity(win)
        cols += [gain, features.local_peak(gain, cum, win), emb, depth(emb), rar, depth(rar)]
    out = np.column_stack(cols)
    out[0] = 0.0
    return out


VARIANTS = {
    "spkc": speaker_centred,
    "spkc_half": lambda s, t, v: speaker_centred(s, t, v, 0.5),
    "lsa": lsa,
    "chains": chains,
    "novelty": novelty,
    "monologue": monologue,
}
