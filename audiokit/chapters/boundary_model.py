"""The supervised boundary model: a logistic regression over :mod:`audiokit.chapters.features`,
shipped as plain numbers in ``boundary_model.json`` beside this module and run with numpy alone.

``scripts/train_chapters.py`` rebuilds the file from the dev sets and records in it how it was
trained (data, features, folds, date, cross-validated scores). A missing or unreadable file is
an :class:`~audiokit.errors.MissingToolError` naming it (the CLI's one line and exit 2).

>>> m = BoundaryModel(("a", "b"), np.zeros(2), np.ones(2), np.array([2.0, -1.0]), 0.0, 2.0, {})
>>> m.probability(np.array([[0.0, 0.0], [1.0, 0.0]])).round(3).tolist()
[0.5, 0.881]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from audiokit.errors import MissingToolError

MODEL_FILE = Path(__file__).with_name("boundary_model.json")
# Episode lengths the automatic count's calibration was fitted on (scripts/train_chapters.py:
# short episodes of 1.5-5 minutes cut from the dev conversations, and conversations up to 2 hours);
# outside them the length term stays at its edge instead of extrapolating.
CALIBRATED_SECONDS = (90.0, 7200.0)
# The automatic count's evidence term: the episode's mean TextTiling depth of lexical cohesion
# (how visibly its vocabulary changes from one stretch to the next), relative to a typical value.
EVIDENCE_FEATURE = "lex_depth_150"
EVIDENCE_REFERENCE = 0.05
FORMAT = "audiokit-chapter-boundaries"
VERSION = 2


@dataclass(frozen=True)
class BoundaryModel:
    """Standardise the features, then a logistic regression; ``bias`` is the automatic count's
    calibration (:func:`audiokit.chapters.choose.count_reward`): the log-odds a gap needs to
    become a chapter when the count is free, in a 10-minute episode; ``bias_slope`` is how much
    that changes per natural-log unit of the episode's length and ``bias_evidence`` per natural-log
    unit of its mean lexical depth (see :meth:`count_bias`)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    bias: float
    training: dict[str, Any] = field(default_factory=dict)
    bias_slope: float = 0.0
    bias_evidence: float = 0.0

    def count_bias(self, talk: float, feats: np.ndarray | None = None) -> float:
        """The automatic count's bias for ``talk`` seconds of talk: :attr:`bias` at 10 minutes,
        moved by :attr:`bias_slope` per natural-log unit of length (short episodes change topic
        more often than long ones, so they need a different bar), within the lengths it was
        calibrated on (:func:`length_term`); and, given the episode's feature rows ``feats``, by
        :attr:`bias_evidence` per natural-log unit of its :func:`evidence_term` (an episode whose
        vocabulary visibly turns over changes topic more often than one of the same length that
        stays on its words).

        >>> m = BoundaryModel(("lex_depth_150",), np.zeros(1), np.ones(1), np.ones(1), 0.0, 2.0, {}, 0.5, -1.0)
        >>> round(m.count_bias(600.0), 3), round(m.count_bias(600.0 * np.e), 3)
        (2.0, 2.5)
        >>> depth = 0.05 * np.e - 1e-3  # mean depth e times the reference
        >>> round(m.count_bias(600.0, np.array([[0.0], [depth], [depth]])), 3)
        1.0
        """
        evidence = 0.0 if feats is None or not self.bias_evidence else evidence_term(feats, self.features)
        return self.bias + self.bias_slope * length_term(talk) + self.bias_evidence * evidence

    def logit(self, feats: np.ndarray) -> np.ndarray:
        """Log-odds that each row's gap starts a chapter."""
        return ((feats - self.mean) / self.scale) @ self.coef + self.intercept

    def probability(self, feats: np.ndarray) -> np.ndarray:
        """Probability that each row's gap starts a chapter."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.logit(feats), -30, 30)))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the model (see :func:`from_dict`)."""
        return {"format": FORMAT, "version": VERSION, "features": list(self.features),
                "mean": self.mean.round(6).tolist(), "scale": self.scale.round(6).tolist(),
                "coef": self.coef.round(6).tolist(), "intercept": round(float(self.intercept), 6),
                "bias": round(float(self.bias), 6), "bias_slope": round(float(self.bias_slope), 6),
                "bias_evidence": round(float(self.bias_evidence), 6), "training": self.training}


def length_term(talk: float) -> float:
    """Natural log of ``talk`` seconds over 10 minutes, with ``talk`` held within :data:`CALIBRATED_SECONDS`.

    >>> length_term(600.0), round(length_term(10.0), 3) == round(length_term(90.0), 3)
    (0.0, True)
    """
    lo, hi = CALIBRATED_SECONDS
    return float(np.log(min(max(talk, lo), hi) / 600.0))


def evidence_term(feats: np.ndarray, names: tuple[str, ...]) -> float:
    """Natural log of the mean :data:`EVIDENCE_FEATURE` over an episode's gaps (``feats``: its
    feature rows, row 0 before the first sentence; ``names``: their columns) over
    :data:`EVIDENCE_REFERENCE` (a thousandth added, so an episode without depth stays finite); 0 without gaps.

    >>> round(evidence_term(np.array([[0.0], [0.099], [0.099]]), ("lex_depth_150",)), 3)
    0.693
    """
    if len(feats) < 2:
        return 0.0
    mean = float(feats[1:, names.index(EVIDENCE_FEATURE)].mean())
    return float(np.log((max(mean, 0.0) + 1e-3) / EVIDENCE_REFERENCE))


def from_dict(doc: Any) -> BoundaryModel:
    """Parse the JSON form; raises :class:`ValueError` naming what is wrong.

    >>> m = BoundaryModel(("a",), np.zeros(1), np.ones(1), np.ones(1), 0.0, 2.0, {"date": "x"})
    >>> from_dict(m.to_dict()).training
    {'date': 'x'}
    """
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"not an {FORMAT} file")
    if doc.get("version") != VERSION:
        raise ValueError(f"version {doc.get('version')!r} is not supported (expected {VERSION})")
    features = tuple(doc["features"])
    mean, scale, coef = (np.asarray(doc[k], dtype=float) for k in ("mean", "scale", "coef"))
    if any(a.shape != (len(features),) or not np.all(np.isfinite(a)) for a in (mean, scale, coef)) or np.any(scale <= 0):
        raise ValueError("mean, scale and coef must be finite lists, one number per feature")
    intercept, bias, slope = float(doc["intercept"]), float(doc["bias"]), float(doc.get("bias_slope", 0.0))
    evidence = float(doc.get("bias_evidence", 0.0))
    if not all(np.isfinite(v) for v in (intercept, bias, slope, evidence)):
        raise ValueError("intercept, bias, bias_slope and bias_evidence must be finite")
    if evidence and EVIDENCE_FEATURE not in features:
        raise ValueError(f"bias_evidence needs the feature {EVIDENCE_FEATURE}")
    return BoundaryModel(features, mean, scale, coef, intercept, bias, dict(doc.get("training") or {}), slope, evidence)


def load(path: Path | str = MODEL_FILE, expected: tuple[str, ...] | None = None) -> BoundaryModel:
    """Read a model file; ``expected`` are the feature names the caller computes, in order."""
    path = Path(path)
    try:
        model = from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise MissingToolError("the chapter boundary model file is missing (reinstall audiokit or run "
                               "scripts/train_chapters.py)", path=path) from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise MissingToolError(f"the chapter boundary model file is unreadable or corrupt ({exc})", path=path) from None
    if expected is not None and model.features != expected:
        raise MissingToolError("the chapter boundary model file was trained on other features than this "
                               "audiokit computes (rebuild it with scripts/train_chapters.py)", path=path)
    return model


@lru_cache(maxsize=2)
def default(expected: tuple[str, ...]) -> BoundaryModel:
    """The model shipped with audiokit, read once per process."""
    return load(MODEL_FILE, expected)
