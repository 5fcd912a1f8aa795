"""The augmented training conversations of scripts/chapters_augment.py (pure logic)."""

import itertools
import math
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import chapters_augment as ca
import chapters_short

from audiokit.chapters.model import TimedSentence


def conversation(topics: int = 5, per_topic: int = 6, tag: str = "a") -> chapters_short.Inputs:
    # Speakers alternate every two sentences; a topic's sentences carry its word and vector.
    sentences = tuple(TimedSentence(i, i * 4.0, i * 4.0 + 3.4, f"Sentence {i}.", i // 2, "AB"[(i // 2) % 2],
                                    i % 2 == 0, 0.0 if i == 0 else 0.6) for i in range(topics * per_topic))
    tokens = [[f"{tag}{i // per_topic}", f"w{i}"] for i in range(len(sentences))]
    vectors = np.eye(topics)[[i // per_topic for i in range(len(sentences))]]
    return chapters_short.Inputs(sentences, tokens, vectors, list(range(0, len(sentences), per_topic)),
                                 sentences[-1].end)


def test_orders_keep_the_opening_first_and_never_repeat_or_return_the_original():
    for chapters in range(1, 9):
        for seed in range(10):
            got = ca.orders(chapters, 2, random.Random(seed))
            assert len(got) == min(2, math.factorial(chapters - 1) - 1)
            assert len(set(got)) == len(got)
            for order in got:
                assert order[0] == 0 and sorted(order) == list(range(chapters)) and order != tuple(range(chapters))
    assert ca.orders(6, 2, random.Random(7)) == ca.orders(6, 2, random.Random(7))


def test_spliced_alternates_after_the_opening_while_the_partner_has_chapters():
    assert ca.spliced(5, 10) == [(0, 0), (1, 1), (0, 2), (1, 2), (0, 4)]
    assert ca.spliced(2, 2) == [(0, 0), (1, 1)]
    assert ca.spliced(4, 1) == [(0, 0), (0, 1), (0, 2), (0, 3)]
    for a in range(1, 12):
        for b in range(1, 12):
            got = ca.spliced(a, b)
            assert len(got) == a and got[0] == (0, 0)
            assert [k for s, k in got if s == 1] == list(range(1, 1 + len([1 for s, _ in got if s == 1])))


def test_join_retimes_renumbers_and_marks_every_piece_start():
    a, b = conversation(tag="a"), conversation(tag="b")
    ranges_a = ca.chapter_ranges(a.truth, len(a.sentences))
    ranges_b = ca.chapter_ranges(b.truth, len(b.sentences))
    pieces = [(a, *ranges_a[0]), (b, *ranges_b[3]), (a, *ranges_a[2])]
    ep = ca.join(pieces)
    assert ep.truth == [0, 6, 12] and len(ep.sentences) == 18 == len(ep.tokens) == len(ep.vectors)
    assert [t[0] for t in ep.tokens] == ["a0"] * 6 + ["b3"] * 6 + ["a2"] * 6
    assert [s.index for s in ep.sentences] == list(range(18))
    starts = [s.start for s in ep.sentences]
    assert starts[0] == 0.0 and all(y > x for x, y in itertools.pairwise(starts))
    assert all(abs((s.end - s.start) - 3.4) < 1e-9 for s in ep.sentences)  # durations kept
    assert ep.sentences[0].pause == 0.0 and ep.end > ep.sentences[-1].end
    for prev, s in itertools.pairwise(ep.sentences):
        assert s.turn_start == (s.speaker != prev.speaker) and s.turn == prev.turn + s.turn_start
    assert np.array_equal(ep.vectors[6], b.vectors[18])


def test_permuted_and_spliced_conversations_are_featurised_with_boundaries_at_junctions():
    a, b = conversation(tag="a"), conversation(tag="b")
    c = type("C", (), {"name": "x__one", "dataset": "podcasts-dev", "series": "x"})()
    d = type("C", (), {"name": "x__two", "dataset": "podcasts-dev", "series": "x"})()
    perms = ca.permuted(c, a)  # type: ignore[arg-type]
    assert len(perms) == 2 and all(p.series == "x" and p.sources == ("x__one",) for p in perms)
    assert all(p.train_truth == [0, 6, 12, 18, 24] and p.train_feats.shape[0] == 30 for p in perms)
    assert not np.array_equal(perms[0].train_feats, perms[1].train_feats)
    spl = ca.splices(c, a, [(d, b)])  # type: ignore[arg-type]
    assert len(spl) == 1 and spl[0].sources == ("x__one", "x__two") and spl[0].train_truth == [0, 6, 12, 18, 24]
