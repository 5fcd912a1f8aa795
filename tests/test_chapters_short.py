"""The short training episodes scripts/chapters_short.py cuts from a dev conversation (pure logic)."""

import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import chapters_short

from audiokit.chapters.model import TimedSentence


def conversation(topics: int = 10, per_topic: int = 20, seconds: float = 4.0) -> chapters_short.Inputs:
    sentences = tuple(TimedSentence(i, i * seconds, i * seconds + seconds - 0.6, f"Sentence {i}.", i // 2,
                                    "AB"[(i // 2) % 2], i % 2 == 0, 0.6) for i in range(topics * per_topic))
    tokens = [[f"topic{i // per_topic}", f"w{i}"] for i in range(len(sentences))]
    vectors = np.eye(topics)[[i // per_topic for i in range(len(sentences))]]
    return chapters_short.Inputs(sentences, tokens, vectors, list(range(0, len(sentences), per_topic)),
                                 sentences[-1].end)


def test_condensed_joins_topic_openings_in_order():
    src = conversation()
    for seed in range(20):
        ep = chapters_short.condensed(src, random.Random(seed))
        assert ep is not None and 3 <= len(ep.truth) <= 5 and ep.truth[0] == 0
        starts = [s.start for s in ep.sentences]
        assert starts == sorted(starts) and starts[0] == 0.0 and ep.end > starts[-1]
        # Every piece opens a topic and stays inside it: one topic word per piece, in order.
        topic = [int(t[0].removeprefix("topic")) for t in ep.tokens]
        assert [topic[i] for i in ep.truth] == sorted(set(topic))
        assert all((topic[i] != topic[i - 1]) == (i in ep.truth) for i in range(1, len(topic)))
        assert np.array_equal(ep.vectors.argmax(axis=1), topic)


def test_excerpt_holds_a_true_change_and_lasts_minutes():
    src = conversation()
    for seed in range(20):
        ep = chapters_short.excerpt(src, random.Random(seed))
        assert ep is not None and len(ep.truth) >= 2 and ep.truth[0] == 0
        assert 150.0 <= ep.end - ep.sentences[0].start <= 320.0
        topic = [int(t[0].removeprefix("topic")) for t in ep.tokens]
        assert all((topic[i] != topic[i - 1]) == (i in ep.truth) for i in range(1, len(topic)))


def test_short_conversations_give_nothing():
    assert chapters_short.condensed(conversation(topics=2), random.Random(0)) is None
