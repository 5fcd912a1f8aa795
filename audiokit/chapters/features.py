"""What the boundary model sees of every gap between two sentences: pure numbers from the text,
the speakers and (when they are real) the pauses.

Each row of :func:`gap_features` describes the gap *before* one sentence; row 0 (before the
first sentence) is all zeros. Windows are counted in content words, so a feature means the same
in a 3-minute episode and a 3-hour one. The features follow the topic-segmentation literature:

- embedding drift (the embedding variant of TextTiling, Hearst 1997; Solbiati et al. 2021) and
  lexical cohesion (hashed bag of words, raw and weighted by how rare a word is in the episode,
  so frequent words of any language count little) between the blocks either side, at several
  block sizes, with their depth scores, values relative to the episode and how far a gap's
  depth stands above its neighbours' (the local peak); the same at blocks of 1/8 and 1/4 of the
  episode, so a 3-minute episode's topics are seen at their own scale, and the episode's size;
- the same embedding drift at the smaller blocks with the episode's mean vector taken away first
  (``cemb_*``): WordLlama vectors share a large component that is the episode's register, its
  speakers' style and its fillers rather than its topic, and plain cosines between blocks mostly
  measure that; centred, the cosine follows what sets one stretch apart from the rest of the
  episode. (Measured by scripts/chapters_metric.py: a held-out boundary's rank by the 60-word
  cosine, AUC 0.55 -> 0.66 on podcasts-dev and 0.62 -> 0.69 on meetings-dev; linear maps learned
  from the dev sets to separate blocks across a change from blocks inside one did not carry to
  held-out shows, raw or centred);
- the split gain over word stems (:mod:`audiokit.chapters.cohesion`: lemmas, or prefixes in a
  language without a lemmatiser), which stays informative in inflected languages and on the few
  dozen words of a short episode's topic, where the cosines above are near chance;
- vocabulary introduction (Youmans 1991): how many words after the gap were never said before;
- speakers: a change of speaker, how the share of talk shifts (who holds the floor), the length
  of the speaker's stretch, how much of the episode and how many questions belong to them;
- cue phrases that open or close a topic, from the episode language's own cue table
  (:mod:`audiokit.chapters.cue_phrases`: no English word list decides in another language; a
  language without a table leaves these columns at zero), question-answer structure;
- pauses, only when the timing is real (see :func:`timing_is_real`).

A new turn by the *same* speaker is deliberately not a feature: in transcripts a paragraph
break often marks an edit, not a topic, and in podcasts-dev it marks where a chapter heading
was removed, which a model would learn as a shortcut.

>>> import numpy as np
>>> sims = block_similarity(np.array([[1.0, 0]] * 4 + [[0, 1.0]] * 4), np.ones(8), 2)
>>> sims.round(2).tolist()
[1.0, 1.0, 1.0, 0.71, 0.0, 0.71, 1.0, 1.0]
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from audiokit.chapters import cohesion, cues
from audiokit.chapters.model import TimedSentence

# Block sizes in content words: a few sentences, an exchange, a short and a long topic.
WINDOWS = (25, 60, 150, 400)
HASH_DIMS = 1024
NEW_WORDS_WINDOW = 60

RARE_WINDOWS = (60, 150, 400)
# Columns also given relative to the episode (z-scores), and depths whose local peak is a column.
RELATIVE = ("emb_depth_60", "emb_depth_150", "emb_depth_400", "lex_depth_60", "lex_depth_150", "new_words",
            "floor_shift_60")
PEAKS = (("emb_depth_150", 150), ("lex_depth_150", 150), ("emb_depth_400", 400))
# Blocks as a share of the episode (1/8 and 1/4 of its content words, at least 25): a topic's
# scale in a 3-minute episode and in a 3-hour one, where fixed blocks cover too much or too little.
SCALES = (8, 4)
# Split gain over word stems (:mod:`audiokit.chapters.cohesion`), the cohesion that holds up in
# inflected languages and on short episodes: at fixed blocks and at the shares of SCALES.
GAIN_WINDOWS = (60, 150)
# Block sizes of the centred embedding drift (the ``cemb_*`` columns).
CENTRED_WINDOWS = (25, 60, 150)

FEATURE_NAMES: tuple[str, ...] = (
    *[f"{kind}_{w}" for w in WINDOWS for kind in ("emb_sim", "emb_depth", "emb_rel", "lex_sim", "lex_depth")],
    "new_words", "new_words_shift",
    "speaker_change", "floor_shift_60", "floor_shift_150", "speakers_shift", "run_words", "previous_run_words",
    "speaker_share", "speaker_questions",
    "opener", "closer_before", "discourse_start", "short_before",
    "question", "question_before", "question_run",
    "pause", "edge",
    *[f"{kind}_{w}" for w in RARE_WINDOWS for kind in ("rare_sim", "rare_depth", "rare_rel")],
    *[f"{name}_rel" for name in RELATIVE],
    *[f"{name}_peak" for name, _ in PEAKS],
    *[f"{kind}_1_{k}" for k in SCALES for kind in ("emb_sim", "emb_depth", "rare_sim", "rare_depth", "depth_peak")],
    "log_words", "edge_share",
    *[f"gain_{w}" for w in GAIN_WINDOWS], *[f"gain_1_{k}" for k in SCALES], "gain_1_8_rel", "gain_1_8_peak",
    *[f"cemb_{kind}_{w}" for w in CENTRED_WINDOWS for kind in ("sim", "depth", "rel")],
)
# Cue-phrase columns: from the episode language's own cue table (:mod:`audiokit.chapters.cues`),
# zero for a language without one.
CUE_COLUMNS = ("opener", "closer_before", "discourse_start")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def block_similarity(vectors: np.ndarray, weights: np.ndarray, window: float) -> np.ndarray:
    """Cosine similarity, for every gap ``i`` (before sentence ``i``), between the weighted sum
    of the vectors of the sentences in ``window`` weight before the gap and after it (at least
    one sentence each side). Entry 0 is 1.0."""
    return _Blocks(vectors, weights).similarity(window)


class _Blocks:
    """Prefix sums of weighted vectors, computed once for all block sizes."""

    def __init__(self, vectors: np.ndarray, weights: np.ndarray) -> None:
        self.n = len(vectors)
        self.prefix = np.zeros((self.n + 1, vectors.shape[1] if vectors.ndim == 2 else 0))
        np.cumsum(vectors * weights[:, None], axis=0, out=self.prefix[1:])
        self.cum = np.concatenate([[0.0], np.cumsum(weights)])

    def similarity(self, window: float) -> np.ndarray:
        n, cum, prefix = self.n, self.cum, self.prefix
        sims = np.ones(n)
        if n < 2:
            return sims
        gaps = np.arange(1, n)
        left = np.clip(np.minimum(np.searchsorted(cum, cum[gaps] - window, side="right") - 1, gaps - 1), 0, None)
        right = np.clip(np.maximum(np.searchsorted(cum, cum[gaps] + window, side="left"), gaps + 1), None, n)
        a = prefix[gaps] - prefix[left]
        b = prefix[right] - prefix[gaps]
        norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
        dots = np.einsum("ij,ij->i", a, b)
        sims[1:] = np.where(norms > 0, dots / np.where(norms > 0, norms, 1.0), 0.0)
        return sims


def depth(similarity: np.ndarray) -> np.ndarray:
    """TextTiling depth of every gap of a (lightly smoothed) similarity curve: how far it climbs
    on each side before falling again, added up; gap 0 has depth 0.

    >>> depth(np.array([1.0, 0.9, 0.9, 0.8, 0.2, 0.7, 0.9, 0.9])).round(2).tolist()
    [0.0, 0.0, 0.03, 0.27, 0.67, 0.3, 0.07, 0.0]
    """
    n = len(similarity)
    out = np.zeros(n)
    if n < 3:
        return out
    s = similarity.copy()
    s[1:] = np.convolve(np.pad(similarity[1:], 1, mode="edge"), np.ones(3) / 3, mode="valid")
    # Highest point reached climbing from each gap to the left (and to the right) while the
    # curve keeps rising; each follows from its neighbour's, so one pass each way.
    left_peak = s.copy()
    for i in range(2, n):
        if s[i - 1] >= s[i]:
            left_peak[i] = left_peak[i - 1]
    right_peak = s.copy()
    for i in range(n - 2, 0, -1):
        if s[i + 1] >= s[i]:
            right_peak[i] = right_peak[i + 1]
    out[1:] = (left_peak[1:] - s[1:]) + (right_peak[1:] - s[1:])
    return out


def _hashed_counts(tokens: Sequence[Sequence[str]]) -> np.ndarray:
    counts = np.zeros((len(tokens), HASH_DIMS), dtype=np.float32)
    for i, words in enumerate(tokens):
        for w in words:
            counts[i, zlib.crc32(w.encode()) % HASH_DIMS] += 1.0
    return counts


def _rare_counts(tokens: Sequence[Sequence[str]]) -> np.ndarray:
    """Hashed counts weighted by inverse sentence frequency within the episode: a language's
    function words, said everywhere, weigh almost nothing without a stopword list."""
    n = len(tokens)
    df: dict[str, int] = {}
    for words in tokens:
        for w in set(words):
            df[w] = df.get(w, 0) + 1
    counts = np.zeros((n, HASH_DIMS), dtype=np.float32)
    for i, words in enumerate(tokens):
        for w in words:
            counts[i, zlib.crc32(w.encode()) % HASH_DIMS] += np.log(n / df[w])
    return counts


def local_peak(values: np.ndarray, cum: np.ndarray, window: float) -> np.ndarray:
    """How far each gap's value stands above the highest value of the other gaps within
    ``window`` weight either side (``cum``: cumulative weight before each sentence).

    >>> local_peak(np.array([0, 0.1, 0.5, 0.2, 0.1]), np.arange(6.0), 1.0).round(2).tolist()
    [0.0, -0.4, 0.3, -0.3, -0.1]
    """
    n = len(values)
    out = np.zeros(n)
    lo = np.searchsorted(cum, cum[:n] - window, side="left")
    hi = np.searchsorted(cum, cum[:n] + window, side="right")
    for i in range(1, n):
        a, b = max(1, lo[i]), min(n, hi[i])
        others = max(values[a:i].max(initial=-np.inf), values[i + 1:b].max(initial=-np.inf))
        out[i] = values[i] - (others if np.isfinite(others) else 0.0)
    return out


def timing_is_real(sentences: Sequence[TimedSentence]) -> bool:
    """False when the pauses between sentences carry no information: all (nearly) equal, as in
    transcripts timed evenly without audio. Pause features are then left at zero.

    >>> from audiokit.chapters.model import TimedSentence as S
    >>> timing_is_real([S(i, i * 2.0, i * 2.0 + 1.5, "Hi.", i, "A", True, 0.5) for i in range(5)])
    False
    """
    pauses = np.array([s.pause for s in sentences[1:]])
    return len(pauses) >= 3 and len(np.unique(np.round(pauses, 2))) >= 4 and float(np.std(pauses)) > 0.05


def _zscore(values: np.ndarray) -> np.ndarray:
    sd = float(values[1:].std()) if len(values) > 2 else 0.0
    out = np.zeros_like(values)
    if sd > 0:
        out[1:] = (values[1:] - values[1:].mean()) / sd
    return out


def _window_sum(cum: np.ndarray, values_cum: np.ndarray, n: int, window: float, after: bool) -> np.ndarray:
    """Sum of a per-sentence quantity over ``window`` weight after (or before) every gap."""
    gaps = np.arange(n)
    if after:
        right = np.clip(np.maximum(np.searchsorted(cum, cum[gaps] + window, side="left"), gaps + 1), None, n)
        return values_cum[right] - values_cum[gaps]
    left = np.clip(np.minimum(np.searchsorted(cum, cum[gaps] - window, side="right") - 1, gaps - 1), 0, None)
    return values_cum[gaps] - values_cum[left]


def _centred_drift(feats: np.ndarray, col: dict[str, int], vectors: np.ndarray, weights: np.ndarray) -> None:
    """Fill the ``cemb_*`` columns: embedding drift after the episode's weighted mean vector is
    taken away from every sentence's."""
    centred = vectors - (vectors * weights[:, None]).sum(axis=0) / weights.sum()
    blocks = _Blocks(centred, weights)
    for w in CENTRED_WINDOWS:
        sim = blocks.similarity(w)
        feats[:, col[f"cemb_sim_{w}"]] = sim
        feats[:, col[f"cemb_depth_{w}"]] = depth(sim)
        feats[:, col[f"cemb_rel_{w}"]] = _zscore(sim)


def gap_features(sentences: Sequence[TimedSentence], tokens: Sequence[Sequence[str]],
                 vectors: np.ndarray, language: str = "en") -> np.ndarray:
    """The feature matrix (one row per sentence, columns :data:`FEATURE_NAMES`) for sentences
    with content-word lists ``tokens`` and unit embedding rows ``vectors``, spoken in
    ``language`` (ISO 639-1; its cue table fills :data:`CUE_COLUMNS`, zero without one)."""
    n = len(sentences)
    feats = np.zeros((n, len(FEATURE_NAMES)))
    if n < 2:
        return feats
    col = {name: k for k, name in enumerate(FEATURE_NAMES)}
    weights = np.array([max(0.5, len(t)) for t in tokens], dtype=float)
    cum = np.concatenate([[0.0], np.cumsum(weights)])
    emb_blocks = _Blocks(vectors, weights)
    lex_blocks = _Blocks(_hashed_counts(tokens), np.ones(n))  # counts already scale with length
    for w in WINDOWS:
        emb = emb_blocks.similarity(w)
        lex = lex_blocks.similarity(w)
        feats[:, col[f"emb_sim_{w}"]] = emb
        feats[:, col[f"emb_depth_{w}"]] = depth(emb)
        feats[:, col[f"emb_rel_{w}"]] = _zscore(emb)
        feats[:, col[f"lex_sim_{w}"]] = lex
        feats[:, col[f"lex_depth_{w}"]] = depth(lex)

    # Vocabulary introduction: share of the words after the gap never heard before, and its rise.
    seen: set[str] = set()
    new = np.zeros(n)
    for i, words in enumerate(tokens):
        new[i] = sum(1 for x in words if x not in seen)
        seen.update(words)
    new_cum = np.concatenate([[0.0], np.cumsum(new)])
    after = _window_sum(cum, new_cum, n, NEW_WORDS_WINDOW, True) / np.maximum(
        _window_sum(cum, cum, n, NEW_WORDS_WINDOW, True), 1.0)
    before = _window_sum(cum, new_cum, n, NEW_WORDS_WINDOW, False) / np.maximum(
        _window_sum(cum, cum, n, NEW_WORDS_WINDOW, False), 1.0)
    feats[:, col["new_words"]] = after
    feats[:, col["new_words_shift"]] = after - before

    # Speakers.
    names = sorted({s.speaker for s in sentences})
    sid = np.array([names.index(s.speaker) for s in sentences])
    onehot = np.zeros((n, len(names)))
    onehot[np.arange(n), sid] = weights
    spk_cum = np.vstack([np.zeros((1, len(names))), np.cumsum(onehot, axis=0)])
    change = np.zeros(n)
    change[1:] = sid[1:] != sid[:-1]
    feats[:, col["speaker_change"]] = change
    for w in (60, 150):
        a = _window_sum(cum, spk_cum, n, w, False)
        b = _window_sum(cum, spk_cum, n, w, True)
        a = a / np.maximum(a.sum(axis=1, keepdims=True), 1e-9)
        b = b / np.maximum(b.sum(axis=1, keepdims=True), 1e-9)
        feats[:, col[f"floor_shift_{w}"]] = 0.5 * np.abs(a - b).sum(axis=1)
        if w == 150:
            feats[:, col["speakers_shift"]] = (b > 0.05).sum(axis=1) - (a > 0.05).sum(axis=1)
    # Speaker runs (consecutive sentences by one speaker), their lengths in content words.
    run_id = np.cumsum(change)
    run_words = np.bincount(run_id.astype(int), weights=weights)
    first_of_run = change.astype(bool)
    first_of_run[0] = True
    feats[:, col["run_words"]] = np.where(first_of_run, np.log1p(run_words[run_id.astype(int)]), 0.0)
    prev_run = np.concatenate([[0.0], run_words])[run_id.astype(int)]
    feats[:, col["previous_run_words"]] = np.where(first_of_run, np.log1p(prev_run), 0.0)
    share = np.bincount(sid, weights=weights, minlength=len(names)) / weights.sum()
    feats[:, col["speaker_share"]] = share[sid]
    texts = [_norm(s.text) for s in sentences]
    is_q = np.array([t.endswith(("?", "؟")) for t in texts], dtype=float)  # ؟: Arabic's
    q_rate = np.bincount(sid, weights=is_q, minlength=len(names)) / np.maximum(np.bincount(sid, minlength=len(names)), 1)
    feats[:, col["speaker_questions"]] = q_rate[sid]

    # Cue phrases and questions; a run's opening sentences speak for the gap where the run starts.
    cue = cues.matcher(language)
    opener = np.array([bool(cue and cue.opens(s.text)) for s in sentences], dtype=float)
    run_start = np.maximum.accumulate(np.where(first_of_run, np.arange(n), 0))
    opener_run = opener.copy()
    question_run = np.zeros(n)
    for i in range(n):
        r = run_start[i]
        if i - r <= 1 and opener[i]:
            opener_run[r] = 1.0
        if i - r <= 2 and is_q[i]:
            question_run[r] = 1.0
    feats[:, col["opener"]] = opener_run
    short = np.array([len(t.split()) <= 4 for t in texts], dtype=float)
    closer = np.array([bool(cue and cue.closes(s.text)) for s in sentences], dtype=float) * short
    feats[1:, col["closer_before"]] = closer[:-1]
    feats[:, col["discourse_start"]] = [bool(cue and cue.starts(s.text)) for s in sentences]
    feats[1:, col["short_before"]] = short[:-1]
    feats[:, col["question"]] = is_q
    feats[1:, col["question_before"]] = is_q[:-1]
    feats[:, col["question_run"]] = question_run

    if timing_is_real(sentences):
        pauses = np.array([s.pause for s in sentences])
        feats[:, col["pause"]] = np.clip(_zscore(np.log1p(pauses)), -3, 3)
    position = cum[:-1]
    feats[:, col["edge"]] = np.minimum(1.0, np.minimum(position, cum[-1] - position) / 300.0)

    rare_blocks = _Blocks(_rare_counts(tokens), np.ones(n))
    for w in RARE_WINDOWS:
        rare = rare_blocks.similarity(w)
        feats[:, col[f"rare_sim_{w}"]] = rare
        feats[:, col[f"rare_depth_{w}"]] = depth(rare)
        feats[:, col[f"rare_rel_{w}"]] = _zscore(rare)
    for name in RELATIVE:
        feats[:, col[f"{name}_rel"]] = _zscore(feats[:, col[name]])
    for name, w in PEAKS:
        feats[:, col[f"{name}_peak"]] = local_peak(feats[:, col[name]], cum, w)
    for k in SCALES:
        w = max(25.0, cum[-1] / k)
        emb, rare = emb_blocks.similarity(w), rare_blocks.similarity(w)
        feats[:, col[f"emb_sim_1_{k}"]] = emb
        feats[:, col[f"emb_depth_1_{k}"]] = depth(emb)
        feats[:, col[f"rare_sim_1_{k}"]] = rare
        feats[:, col[f"rare_depth_1_{k}"]] = depth(rare)
        feats[:, col[f"depth_peak_1_{k}"]] = local_peak(depth(emb) + depth(rare), cum, w)
    stem_counts = _hashed_counts(cohesion.stems(tokens, language))
    for w in GAIN_WINDOWS:
        feats[:, col[f"gain_{w}"]] = cohesion.split_gain(stem_counts, weights, w)
    for k in SCALES:
        feats[:, col[f"gain_1_{k}"]] = cohesion.split_gain(stem_counts, weights, max(25.0, cum[-1] / k))
    feats[:, col["gain_1_8_rel"]] = _zscore(feats[:, col["gain_1_8"]])
    feats[:, col["gain_1_8_peak"]] = local_peak(feats[:, col["gain_1_8"]], cum, max(25.0, cum[-1] / 8))
    _centred_drift(feats, col, vectors, weights)
    feats[:, col["log_words"]] = np.log1p(cum[-1])
    feats[:, col["edge_share"]] = np.minimum(position, cum[-1] - position) / max(cum[-1], 1.0)
    feats[0] = 0.0
    return feats
