"""Sentence and phrase embeddings from WordLlama, whose 16 MB model ships inside its wheel.

WordLlama's default lookup misses the bundled weights and would try to download them, so the
model is loaded from the package folder with downloads disabled: nothing leaves the machine.
The loaded model is cached for the life of the process (it is read-only).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from audiokit.errors import MissingToolError


@lru_cache(maxsize=1)
def _model() -> Any:
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:  # pragma: no cover - a dependency of audiokit
        raise MissingToolError("the wordllama package is not installed (pip install wordllama)") from None
    try:
        return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    except Exception as exc:  # noqa: BLE001 - any failure here means the bundled model is unusable
        raise MissingToolError(f"cannot load the WordLlama model bundled with wordllama ({exc})") from None


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings (one row per text; an empty text gives a zero row).

    >>> v = embed(["red teaming", "safety benchmarks", ""])
    >>> v.shape[0], round(float(np.linalg.norm(v[0])), 3), float(np.abs(v[2]).sum())
    (3, 1.0, 0.0)
    """
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = np.asarray(_model().embed(list(texts), norm=False), dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = np.where(norms > 0, vectors / np.where(norms > 0, norms, 1.0), 0.0)
    empty = np.array([not t.strip() for t in texts])
    vectors[empty] = 0.0
    return vectors
