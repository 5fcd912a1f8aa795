"""Which language a transcript is written in: py3langid (its model ships in the wheel) at the edge.

py3langid (a maintained fork of langid.py: naive Bayes over byte n-grams, 4.5 MB with its
model, no download) was chosen over lingua-language-detector (96 MB, 6 s to load, slower
and less accurate on short conversational sentences here) and langdetect (unmaintained since
2021, random without a seed): see the README's section on languages for the comparison.

The detector is restricted to the languages audiokit supports or refuses, and it is only
trusted on enough text: below :data:`MIN_LETTERS` letters or :data:`SURE` confidence the
answer is "unsure", and callers keep English.

>>> d = detect("Buongiorno a tutti e benvenuti. Oggi parliamo del prezzo del caffè al bar.")
>>> d.language, d.sure
('it', True)
>>> detect("OK.").sure
False
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from audiokit.lang.codes import NAMES, WITHOUT_SPACES

SURE = 0.9  # probability (length-calibrated by py3langid) above which the answer is trusted
MIN_LETTERS = 20
SAMPLE = 20_000  # characters read: enough for any transcript's language, fast on long ones

# Scripts written without spaces, recognised from the letters themselves (unicodedata names),
# so that a transcript in them is refused even if the detector is unsure.
_SCRIPTS = {"CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "THAI": "th", "LAO": "lo", "KHMER": "km",
            "MYANMAR": "my", "TIBETAN": "bo"}


@dataclass(frozen=True)
class Detection:
    """The detector's answer: ``language`` is its best code (``None`` when nothing could be
    said), ``confidence`` a probability and ``sure`` whether to act on it."""

    language: str | None
    confidence: float
    sure: bool


@functools.lru_cache(maxsize=64)
def _classify(sample: str) -> tuple[str, float]:
    """py3langid's answer for ``sample``. The model (about 75 MB once unpacked) is loaded for
    each new text and let go at once: an episode's language is decided once, and the memory is
    then free for the aligner (0.6 s of CPU per load)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(ident.labels)
    ident.set_languages(sorted(code for code in [*NAMES, *WITHOUT_SPACES, "no"] if code in known))
    code, confidence = ident.classify(sample)
    return code, float(confidence)


def script_language(text: str) -> str | None:
    """The language of a script written without spaces when most letters of ``text`` are in it.

    >>> script_language("今天我们谈谈咖啡"), script_language("Ciao a tutti")
    ('zh', None)
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for c in letters:
        word = unicodedata.name(c, "").split(" ")[0]
        if word in _SCRIPTS:
            counts[_SCRIPTS[word]] = counts.get(_SCRIPTS[word], 0) + 1
    if not counts:
        return None
    if counts.get("ja") and counts.get("zh"):
        counts["ja"] += counts.pop("zh")  # Japanese mixes kanji with kana
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] * 2 >= len(letters) else None


def detect(text: str) -> Detection:
    """The language ``text`` is written in (see the module docstring)."""
    sample = text[:SAMPLE]
    script = script_language(sample)
    if script is not None:
        return Detection(script, 1.0, True)
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return Detection(None, 0.0, False)
    code, confidence = _classify(sample)
    code = {"no": "nb"}.get(code, code)
    return Detection(code, round(confidence, 4), confidence >= SURE)
