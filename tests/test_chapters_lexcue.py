"""The pure pieces of scripts/chapters_lexcue.py (issue 11's learned lexical cue experiment)."""

import sys
from itertools import pairwise
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import chapters_lexcue as lx
from chapters_data import Conversation

from audiokit.chapters import features
from audiokit.chapters.model import TimedSentence


def sentences(texts: list[str], speakers: str) -> tuple[TimedSentence, ...]:
    return tuple(TimedSentence(i, i * 5.0, i * 5.0 + 4.0, t, i, sp, True, 0.5)
                 for i, (t, sp) in enumerate(zip(texts, speakers, strict=True)))


def test_keys_are_the_edges_of_the_sentences_around_the_gap_and_the_new_speakers_first_word():
    keys = lx.gap_keys(sentences(["So we agree.", "Yeah.", "Okay, next item!"], "AAB"))
    assert keys[0] == []
    assert keys[1] == ["f1:yeah", "l1:agree", "l2:we agree", "l3:so we agree"]  # same speaker: no t1
    assert "t1:okay" in keys[2] and "f3:okay next item" in keys[2] and "l1:yeah" in keys[2]


def test_vocabulary_keeps_only_keys_seen_in_enough_conversations():
    common = [[["f1:okay"]]] * lx.MIN_CONVERSATIONS
    rare = [[["f1:zebra"], ["f1:zebra"]]] * (lx.MIN_CONVERSATIONS - 1)  # often, but in too few conversations
    vocab = lx.vocabulary(common + rare)
    assert "f1:okay" in vocab and "f1:zebra" not in vocab


def test_indicators_are_binary_and_ignore_unknown_keys():
    m = lx.indicators([[], ["a", "a", "zz"], ["b"]], {"a": 0, "b": 1}).toarray()
    assert m.tolist() == [[0, 0], [1, 0], [0, 1]]


def test_sparse_logistic_learns_the_sign_of_a_cue_and_the_l2_shrinks_it():
    rng = np.random.default_rng(0)
    cue = rng.random(400) < 0.3
    y = (rng.random(400) < np.where(cue, 0.8, 0.2)).astype(float)
    x = lx.sp.csr_matrix(np.column_stack([cue, rng.random(400) < 0.3]).astype(float))
    w = np.ones(400) / 400
    weak = lx.fit_sparse_logistic(x, y, w, np.full(2, 1e-4))
    strong = lx.fit_sparse_logistic(x, y, w, np.full(2, 1.0))
    assert weak[0] > 1.5 and abs(weak[1]) < 0.6
    assert 0 < strong[0] < weak[0]


def conversation(name: str, texts: list[str], speakers: str, truth: list[int]) -> tuple[Conversation, list[list[str]]]:
    ss = sentences(texts, speakers)
    feats = np.zeros((len(ss), len(features.FEATURE_NAMES)))
    feats[1:, features.FEATURE_NAMES.index("speaker_change")] = [a.speaker != b.speaker for a, b in pairwise(ss)]
    return Conversation(name, "meetings-dev", name, ss, feats, truth, ss[-1].end, feats, truth), lx.gap_keys(ss)


def test_cue_model_scores_a_learned_opener_and_adjusted_drops_the_new_speaker_keys():
    convs, keys = [], {}
    for k in range(lx.MIN_CONVERSATIONS + 1):
        texts = ["Hello all.", "Yeah sure.", "Right.", "Okay let's start.", "Yeah.", "Mm-hmm.", "Okay next item.", "Yeah."]
        c, kk = conversation(f"m{k}", texts, "ABABABAB", [0, 3, 6])
        convs.append(c)
        keys[c.name] = kk
    plain = lx.CueModel(convs, keys)
    adjusted = lx.CueModel(convs, keys, adjusted=True)
    score = plain.score(keys["m0"])
    assert score[0] == 0 and score[3] > score[1] and score[6] > score[4]
    assert any(k.startswith("t1:") for k in plain.vocab) and not any(k.startswith("t1:") for k in adjusted.vocab)
    assert adjusted.score(keys["m0"])[3] > adjusted.score(keys["m0"])[1]


def test_replacement_moves_within_the_window_only_when_chapters_stay_long_enough():
    starts = [i * 10.0 for i in range(20)]
    score = np.zeros(20)
    score[7] = 1.0
    assert lx.replace_boundaries([0, 8], score, starts, 200.0, 1) == [0, 7]
    assert lx.replace_boundaries([0, 9], score, starts, 200.0, 1) == [0, 9]  # 7 is outside +-1
    assert lx.replace_boundaries([0, 5, 8], score, starts, 200.0, 1) == [0, 5, 8]  # 7 would leave a 20 s chapter
