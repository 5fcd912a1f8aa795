"""The pure candidate columns of scripts/rank_candidates.py (issue 11's evidence experiment)."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import rank_candidates as rc

from audiokit.chapters.model import TimedSentence

TOPIC_A = ["engine", "piston", "fuel", "cylinder", "valve"]
TOPIC_B = ["garden", "tomato", "soil", "compost", "seed"]


def episode(n: int = 40, change: int = 20):
    """Two topics with disjoint vocabulary, the change at sentence ``change``; speakers alternate."""
    tokens = [[(TOPIC_A if i < change else TOPIC_B)[(i + k) % 5] for k in range(4)] for i in range(n)]
    sentences = tuple(TimedSentence(i, i * 3.0, i * 3.0 + 2.5, " ".join(t) + ".", i, "AB"[i // 4 % 2], True, 0.5)
                      for i, t in enumerate(tokens))
    rng = np.random.default_rng(0)
    va, vb = rng.normal(size=16), rng.normal(size=16)
    vectors = np.array([(va if i < change else vb) + 0.1 * rng.normal(size=16) for i in range(n)])
    return sentences, tokens, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_every_candidate_gives_one_finite_row_per_sentence_and_a_zero_first_row():
    s, t, v = episode()
    for name, fn in rc.VARIANTS.items():
        out = fn(s, t, v)
        assert out.shape[0] == len(s), name
        assert np.all(np.isfinite(out)), name


def test_chains_end_and_start_at_the_topic_change():
    s, t, v = episode()
    out = rc.chains(s, t, v)
    through, starting, ending = out[:, 0], out[:, 1], out[:, 2]
    assert through[20] < through[10] and through[20] < through[30]  # no chain crosses the change
    assert starting[20] == starting[1:].max()
    assert ending[20] == ending[1:].max()


def test_novelty_rises_where_new_vocabulary_comes_in():
    s, t, v = episode()
    new_shift_60 = rc.novelty(s, t, v)[:, 0]
    assert int(np.argmax(new_shift_60[5:])) + 5 in range(17, 23)


def test_speaker_centred_drift_dips_at_the_change():
    s, t, v = episode()
    sim_25 = rc.speaker_centred(s, t, v)[:, 0]
    assert sim_25[20] < np.median(sim_25[1:])
