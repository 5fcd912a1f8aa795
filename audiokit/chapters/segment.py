"""Topic segmentation of a conversation: where does one chapter end and the next begin?

Three steps, each its own module: :mod:`~audiokit.chapters.features` describes every gap
between two sentences (embedding drift and lexical cohesion at several block sizes, speakers,
cue phrases, questions, real pauses); the supervised :mod:`~audiokit.chapters.boundary_model`,
trained on real podcasts and meetings, turns that into the probability of a topic change; and
:mod:`~audiokit.chapters.choose` picks the chapter starts by dynamic programming, either exactly
``count`` of them or as many as the content asks for.

>>> from audiokit.chapters.model import TimedSentence as S
>>> segment([S(0, 0.0, 2.0, "Hi.", 0, "A", True, 0.0)], [["hi"]], np.ones((1, 2)), 2.0)
[0]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from audiokit.chapters import boundary_model, choose, features
from audiokit.chapters.boundary_model import BoundaryModel
from audiokit.chapters.model import TimedSentence


def probabilities(sentences: Sequence[TimedSentence], tokens: Sequence[Sequence[str]], vectors: np.ndarray,
                  model: BoundaryModel | None = None, language: str = "en") -> np.ndarray:
    """The probability that a chapter starts at each sentence (entry 0 is 0: the first chapter
    always starts there); ``model`` defaults to the one shipped with audiokit."""
    model = model or boundary_model.default(features.FEATURE_NAMES)
    return _probability(model, features.gap_features(sentences, tokens, vectors, language))


def _probability(model: BoundaryModel, feats: np.ndarray) -> np.ndarray:
    p = model.probability(feats)
    if len(p):
        p[0] = 0.0
    return p


def segment(sentences: Sequence[TimedSentence], tokens: Sequence[Sequence[str]], vectors: np.ndarray,
            end: float, count: int | None = None, min_length: float = 30.0,
            model: BoundaryModel | None = None, language: str = "en") -> list[int]:
    """Chapter-start sentence indices (0 first) for ``sentences`` with content words ``tokens``
    and unit embeddings ``vectors``: ``count`` chapters, or as many of them as fit at
    ``min_length`` (:func:`~audiokit.chapters.choose.fitting`), or with ``count`` None as many
    as :func:`~audiokit.chapters.choose.automatic` finds. Fewer than three sentences make one
    chapter unless a count asks for more. ``language`` (ISO 639-1) chooses the cue-phrase table
    (none for a language without one)."""
    n = len(sentences)
    if n == 0:
        return []
    if count is None and n < 3:
        return [0]
    starts = [s.start for s in sentences]
    if count is not None:
        count = choose.fitting(starts, end, count, min_length)
    if count == 1:
        return [0]
    model = model or boundary_model.default(features.FEATURE_NAMES)
    feats = features.gap_features(sentences, tokens, vectors, language)
    p = _probability(model, feats)
    if count is None:
        return choose.automatic(p, starts, end, min_length, model.count_bias(end - starts[0], feats))
    return choose.choose(p, starts, end, count, min_length)
