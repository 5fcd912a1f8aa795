"""How common a word or word pair is in general English, from the language model that
ships inside the pocketsphinx wheel (no download). Key phrases of an episode are the
terms it uses far more often than English at large does.

>>> lp = english_logprob()
>>> lp(("the",)) > lp(("llama",))
True
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from functools import lru_cache

__all__ = ["UNKNOWN", "LogProb", "english_logprob"]

LogProb = Callable[[Sequence[str]], float]
"""Natural-log probability of a term (one word, or a pair read as one phrase)."""

UNKNOWN = -16.0  # rarer than anything the model knows: names, jargon, hyphenated coinages
_NATS = math.log(1.0001)  # the model's log base


@lru_cache(maxsize=1)
def _model():  # type: ignore[no-untyped-def]
    from pocketsphinx import Config, LogMath, NGramModel, get_model_path

    path = os.path.join(get_model_path(), "en-us", "en-us.lm.bin")
    config = Config()
    config["loglevel"] = "FATAL"
    return NGramModel(config, LogMath(), path)


def english_logprob() -> LogProb:
    """A function from a term (tuple of lowercase words) to its log probability in English;
    a pair is P(a) * P(b | a). Unknown words get :data:`UNKNOWN` (hyphenated words the sum
    of their parts)."""
    lm = _model()
    cache: dict[tuple[str, ...], float] = {}

    def word(w: str) -> float:
        v = lm.prob([w])
        if v > -10_000_000:
            return v * _NATS
        parts = [p for p in w.split("-") if p]
        if len(parts) > 1:
            return max(UNKNOWN, sum(word(p) for p in parts))
        return UNKNOWN

    def logprob(term: Sequence[str]) -> float:
        key = tuple(term)
        if key not in cache:
            if len(key) == 1:
                cache[key] = word(key[0])
            else:
                a, b = key[0], key[-1]
                cond = lm.prob([b, a])
                cache[key] = word(a) + (cond * _NATS if cond > -10_000_000 else word(b))
        return cache[key]

    return logprob
