"""scripts/measure_confidence.py: matched words grouped by confidence, interpolated words apart."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import measure_confidence as m

pytestmark = pytest.mark.skipif(not (m.BENCH / "score_alignment.py").exists(), reason="needs ../shared/bench")


def test_errors_grouped_by_confidence():
    tokens = [{"text": t, "start": s, "end": s + 0.2} for t, s in (("Hello", 1.0), ("there,", 1.3), ("friend.", 1.6))]
    truth = {"turns": [{"sentences": [{"tokens": tokens}]}]}
    words = [{"text": "Hello", "start": 1.02, "confidence": 0.99},
             {"text": "there,", "start": 1.5, "confidence": 0.98},
             {"text": "friend.", "start": 1.6, "confidence": 0.2, "interpolated": True},
             {"text": "extra", "start": 2.0, "confidence": 0.99}]
    got = m.errors_by_confidence(m._scorer(), truth, {"turns": [{"words": words}]})
    assert set(got) == {0.99, 0.98, None}
    assert got[0.99] == [pytest.approx(0.02)]  # the unmatched "extra" is not counted
    assert got[0.98] == [pytest.approx(0.2)]
    assert got[None] == [pytest.approx(0.0)]
