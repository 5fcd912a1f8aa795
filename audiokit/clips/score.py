"""Quotability: how well a candidate clip stands on its own for a listener hearing it alone.

Pure. Each component is in [0, 1] (higher is better) and :func:`score` combines them, all read
from what is said: transcribers' notes ("[laughs]", "[MUSIC PLAYING]") are left out.

- ``opening``: starts without a dangling reference ("So", "And", "Yeah", "That", "It", "But",
  "Because" referring back to something the listener did not hear);
- ``ending``: ends on a full stop or exclamation rather than a trailing-off or a question;
- ``substance``: states something complete: cues of an opinion, a finding or an explanation;
- ``keyness``: carries the episode's key phrases (content words and word pairs the episode
  uses far more than its language at large, or TF-IDF over its sentences: :class:`KeyTerms`);
- ``fluency``: few fillers ("um", "uh", "you know", "like,") and false starts (repeated words,
  cut-off words);
- ``alignment``: words timed, measured rather than interpolated, with high confidence;
- ``moment``: what kinds of moment producers post it holds (opinion, number, analogy, story,
  punchline...; see :func:`audiokit.clips.moments.strength`; 0.5 when not given);
- ``prosody``: how lively the delivery is against the speaker's usual (0.5 when unmeasured;
  see :mod:`audiokit.clips.prosody`).

>>> terms = KeyTerms.of(["Evals matter.", "We run evals daily.", "Lunch was fine."])
>>> terms.weights
{'evals': 1.0}
>>> opening_score("So that was it.".split()) < opening_score("Evals catch regressions.".split())
True
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from audiokit.clips import language as lang
from audiokit.clips.background import LogProb
from audiokit.clips.said import tokens as said_tokens
from audiokit.model import Word
from audiokit.text.letters import MARKS
from audiokit.text.stopwords import FILLERS, is_hesitation, is_stopword

__all__ = ["KeyTerms", "Score", "content_terms", "normalize", "opening_score", "score"]


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _set(
    """a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does doesn't
    doing don't down during each even ever every few for from further get gets getting got had hadn't
    has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
    how's i i'd i'll i'm i've if in into is isn't it it's its itself just kind know let's like lot lots
    made make makes making many may maybe me might more most much must my myself no nor not now of off
    often on once one only or other ought our ours ourselves out over own really right said same say
    says she she'd she'll she's should shouldn't so some something sort still such sure than that
    that's the their theirs them themselves then there there's these they they'd they'll they're
    they've thing things think this those though through to too under until up us use used using very
    want was wasn't way we we'd we'll we're we've well were weren't what what's when when's where
    where's whether which while who who's whom why why's will with won't would wouldn't yeah yes yet you
    you'd you'll you're you've your yours yourself yourselves going go gonna actually okay um uh mean
    basically pretty kinda stuff come comes see look need able around back first also two three"""
)

# Openers that lean on something the listener did not hear.
_DANGLING = _set(
    """so and but because or also then that that's it it's its yeah yes no nope right exactly
    absolutely sure okay ok well plus anyway though which this these those they they're he she
    there there's um uh like totally definitely correct true agreed oh hmm mm"""
)
_DANGLING_END = _set("to the a an of and or but with for from in on at my our your their is are was")
_CHORES = re.compile(
    r"\b(?:my screen|share (?:my|the) screen|can you see|the link|registration|the chat|"
    r"thanks (?:so much )?for (?:joining|having)|welcome (?:back )?to|see you next|let's get started|"
    r"before we (?:start|begin)|we'll start|can you hear)\b"
)
_WEAK_OPENERS = _set("actually now again still even just")

_CUES = tuple(
    re.compile(p)
    for p in (
        r"\bi (?:really )?(?:think|believe|feel|found|learned|would argue|'d argue)\b",
        r"\bin my (?:experience|view|opinion)\b",
        r"\bwhat (?:we|i) (?:found|learned|saw|see|noticed)\b",
        r"\b(?:we|they|you) (?:found|learned|discovered|noticed|realized|realised)\b",
        r"\b(?:it )?turns out\b",
        r"\bthe (?:key|reason|problem|point|trick|lesson|takeaway|goal|idea|difference|challenge)\b",
        r"\bthe (?:most|biggest|best|hardest|simplest) \w+",
        r"\b(?:because|which means|that means|so that|in order to|the way)\b",
        r"\b(?:important|matters|critical|essential|crucial|powerful|surprising)\b",
        r"\b(?:for example|for instance|imagine)\b",
        r"\b(?:always|never|every time)\b",
        r"\d",
    )
)

# Combining marks are kept: Indic vowel signs and viramas are part of the word ("नमस्ते").
_TOKEN = re.compile(rf"[^\w'’%.{MARKS}-]+")


def normalize(text: str) -> str:
    """A word as a lowercase token without surrounding punctuation (curly apostrophes
    straightened).

    >>> normalize("“Evals,”"), normalize("We’ll"), normalize("नमस्ते,")
    ('evals', "we'll", 'नमस्ते')
    """
    t = text.lower().replace("’", "'")
    t = _TOKEN.sub("", t)
    return t.strip("'.-")


def content_terms(tokens: Sequence[str], language: str = "en") -> list[str]:
    """Content words of normalized ``tokens`` and adjacent content-word pairs ("prompt engineering"),
    by the stopwords of ``language`` (:mod:`audiokit.text.stopwords` for other languages).

    >>> content_terms(["the", "prompt", "engineering", "is", "hard"])
    ['prompt', 'engineering', 'hard', 'prompt engineering']
    >>> content_terms(["il", "caffè", "crudo", "ehm", "costa"], "it")
    ['caffè', 'crudo', 'costa', 'caffè crudo']
    """
    if language == "en":
        flags = [len(t) >= 3 and t not in _STOP and not t.isdigit() for t in tokens]
    else:
        flags = [len(t) >= 3 and not t.isdigit() and not is_stopword(t, language) for t in tokens]
    singles = [t for t, f in zip(tokens, flags) if f]
    pairs = [f"{a} {b}" for a, b, fa, fb in zip(tokens, tokens[1:], flags, flags[1:]) if fa and fb]
    return singles + pairs


@dataclass(frozen=True)
class KeyTerms:
    """The episode's key terms (content words and pairs) with weights in (0, 1], and the
    episode's own key-term density, against which a clip's density is judged.

    With ``background`` (log probability of a term in the language at large: general English,
    :mod:`audiokit.clips.background`, or wordfreq's lists,
    :func:`audiokit.clips.language.background_logprob`) a term's weight is its keyness
    ``tf * log(p_episode / p_background)``: terms the episode uses far more than the language does.
    Without, TF-IDF over the episode's sentences. Terms said once are never key.
    """

    weights: dict[str, float]
    density: float = 0.0
    language: str = "en"

    @classmethod
    def of(cls, sentences: Iterable[str], background: LogProb | None = None, top: int = 50,
           language: str = "en") -> KeyTerms:
        """The ``top`` key terms of an episode's ``sentences`` (see the class docstring): never
        a note's words ("[MUSIC PLAYING]" is not the episode talking about music)."""
        tokens = [[normalize(w) for w in said_tokens(s)[0]] for s in sentences]
        docs = [content_terms(t, language) for t in tokens]
        n_tokens = sum(len(t) for t in tokens) or 1
        tf: Counter[str] = Counter(t for d in docs for t in d)
        if background is not None:
            raw = {t: c * math.log(c / n_tokens) - c * background(t.split()) for t, c in tf.items() if c >= 2}
        else:
            df: Counter[str] = Counter(t for d in docs for t in set(d))
            raw = {t: (1 + math.log(c)) * math.log(len(docs) / df[t]) for t, c in tf.items() if c >= 2}
        best = [kv for kv in sorted(raw.items(), key=lambda kv: (-kv[1], kv[0]))[:top] if kv[1] > 0]
        if not best:
            return cls({}, language=language)
        peak = best[0][1]
        weights = {t: v / peak for t, v in best}
        total = sum(weights.get(t, 0.0) for d in docs for t in d)
        words = sum(len(d) for d in docs) or 1
        return cls(weights, total / words, language)

    def keyness(self, tokens: Sequence[str]) -> float:
        """How densely ``tokens`` carry key terms: 0.5 at the episode's own density, 1 at twice it."""
        terms = content_terms(tokens, self.language)
        if not terms or self.density <= 0:
            return 0.0
        density = sum(self.weights.get(t, 0.0) for t in terms) / len(terms)
        return min(1.0, density / (2 * self.density))


def opening_score(tokens: Sequence[str], language: str = "en") -> float:
    """1 for a self-standing opening; 0 when the first word refers back ("So", "And", "That"),
    in between for weak openers or a very short first sentence.

    >>> opening_score(["Yeah,", "totally."]), opening_score(["Evaluation", "is", "hard."])
    (0.0, 1.0)
    """
    words = [normalize(t) for t in tokens]
    words = [w for w in words if w]
    if not words:
        return 0.0
    if language != "en":
        # A clip opening on a hesitation ("Äh, ...") leans on what came before as much.
        return 0.0 if lang.dangling(words[0], language) or is_hesitation(words[0], language) else 1.0
    if words[0] in _DANGLING:
        return 0.0
    value = 1.0
    if words[0] in _WEAK_OPENERS:
        value -= 0.2
    if any(w in _DANGLING and w not in {"it", "this", "that", "which"} for w in words[1:2]):
        value -= 0.3  # "I mean, so ..." / "Now and ..."
    return max(0.0, value)


def _first_sentence_len(words: Sequence[Word]) -> int:
    for i, w in enumerate(words):
        if w.text.rstrip("\"'”’)]").endswith((".", "!", "?", "؟")):
            return i + 1
    return len(words)


@dataclass(frozen=True)
class Score:
    """A candidate's components (each in [0, 1]) and their weighted total."""

    opening: float
    ending: float
    substance: float
    keyness: float
    fluency: float
    alignment: float
    total: float
    prosody: float = 0.5
    moment: float = 0.5


_WEIGHTS = {
    "opening": 0.20,
    "ending": 0.10,
    "substance": 0.15,
    "moment": 0.15,
    "keyness": 0.15,
    "fluency": 0.15,
    "prosody": 0.10,
}


def _set_off(raw: Sequence[str], i: int) -> bool:
    """Whether the ``i``-th word as written is set off by a comma or pause mark on either side.

    >>> _set_off(["Bueno,", "vale"], 0), _set_off(["es", "bueno"], 1), _set_off(["sí,", "este", "año"], 1)
    (True, False, True)
    """
    marks = (",", "…", "...", ";", "—", "–", "،", "؛")  # with the Arabic comma and semicolon
    return i < len(raw) and (raw[i].endswith(marks) or (i > 0 and raw[i - 1].endswith(marks)))


def fluency_score(tokens: Sequence[str], raw: Sequence[str], language: str = "en") -> float:
    """1 minus a penalty per filler and false start (per 100 words, 8 per 100 gives 0).

    >>> fluency_score(["um", "we", "we", "did", "it"], ["um", "we", "we", "did", "it."]) < 0.5
    True
    >>> fluency_score("ehm allora cioè tipo costa".split(), "ehm allora cioè tipo costa.".split(), "it") < 0.5
    True
    """
    n = max(1, len(tokens))
    if language == "en":
        fillers = sum(1 for t in tokens if t in FILLERS["en"])
        fillers += sum(1 for a, b in pairwise(tokens) if (a, b) in lang.FILLER_PAIRS["en"])
        fillers += sum(1 for r in raw if normalize(r) == "like" and r.rstrip().endswith(","))
    else:
        # A hesitation always; a discourse word ("este", "bueno", "jako") only set off by a comma
        # or a pause mark, as a filler is said: "este año", "es bueno" are words.
        fillers = sum(1 for i, t in enumerate(tokens) if is_hesitation(t, language)
                      or (lang.is_filler(t, language) and _set_off(raw, i)))
        fillers += sum(1 for a, b in pairwise(tokens) if lang.filler_pair(a, b, language))
    false_starts = sum(1 for a, b in pairwise(tokens) if a and a == b and a not in {"that", "had"})
    false_starts += sum(1 for r in raw if r.endswith(("-", "—", "–")) and len(r) > 1)
    per100 = 100 * (fillers + 1.5 * false_starts) / n
    return max(0.0, 1.0 - per100 / 8)


def alignment_score(words: Sequence[Word]) -> float:
    """Share of words timed and measured (not interpolated), times their mean confidence.

    >>> alignment_score([Word("a", 0, 1, 1.0), Word("b")])
    0.5
    """
    if not words:
        return 0.0
    measured = sum(1 for w in words if w.timed and not w.interpolated) / len(words)
    confs = [w.confidence for w in words if w.timed and w.confidence is not None]
    conf = sum(confs) / len(confs) if confs else 1.0
    return measured * max(0.0, min(1.0, conf))


def _ends(word: str) -> str:
    return word.rstrip("\"'”’)]*")


def substance_score(sentences: Sequence[str]) -> float:
    """How much the sentences state (opinion, finding, explanation cues), less for
    questions and for housekeeping ("share my screen", "thanks for joining").

    >>> substance_score(["I think the key is testing, because regressions hide."])
    0.875
    >>> substance_score(["Can you see my screen?"])
    0.0
    """
    if not sentences:
        return 0.0
    texts = [" ".join(normalize(w) for w in s.split()) for s in sentences]
    joined = " ".join(texts)
    distinct = sum(1 for c in _CUES if c.search(joined))
    with_cue = sum(1 for t in texts if any(c.search(t) for c in _CUES)) / len(texts)
    questions = sum(1 for s in sentences if s.split() and _ends(s.split()[-1]).endswith(("?", "؟"))) / len(texts)
    chores = sum(1 for t in texts if _CHORES.search(t))
    value = (0.5 * min(1.0, distinct / 4) + 0.5 * with_cue) * (1 - 0.5 * questions) - 0.25 * chores
    return max(0.0, min(1.0, value))


def _fragment(words: Sequence[str]) -> bool:
    """A sentence that stops on a function word ("representations to identities to.")."""
    return bool(words) and normalize(words[-1]) in _DANGLING_END


def score(
    sentences: Sequence[Sequence[Word]],
    terms: KeyTerms,
    prosody: float = 0.5,
    opening_factor: float = 1.0,
    moment: float = 0.5,
) -> Score:
    """Score a candidate clip given as its sentences' words (see the module docstring). The
    total is the weighted sum of the components, scaled by the alignment quality (a clip
    whose words are poorly placed may be cut badly). ``prosody`` is the liveliness score,
    ``moment`` the strength of the kinds of moment found;
    ``opening_factor`` scales the opening (conversation structure may weaken it).

    >>> ws = [Word(t, i, i + 0.5, 1.0) for i, t in enumerate("The key is testing every change.".split())]
    >>> s = score([ws], KeyTerms.of(["testing every change", "testing is key", "the key"]))
    >>> s.opening, s.ending, s.total > 0.5
    (1.0, 1.0, True)
    """
    sentences = [kept for s in sentences if (kept := [w for w in s if not w.note])]
    words = [w for s in sentences for w in s]
    raw = [w.text for w in words]
    tokens = [normalize(t) for t in raw]
    last = _ends(raw[-1]) if raw else ""
    ending = (
        1.0
        if last.endswith((".", "!")) and not last.endswith(("...", "…"))
        else 0.6
        if last.endswith(("?", "؟"))
        else 0.2
    )
    opening = opening_score(raw, terms.language) * opening_factor
    first = [w.text for w in sentences[0]] if sentences else []
    if len(first) < 3 or _fragment(first):
        opening *= 0.5
    if sentences and _fragment([w.text for w in sentences[-1]]):
        ending *= 0.5
    substance = substance_score([" ".join(w.text for w in s) for s in sentences])
    keyness = terms.keyness(tokens)
    fluency = fluency_score(tokens, raw, terms.language)
    fragments = sum(1 for s in sentences[1:-1] if _fragment([w.text for w in s]))
    fluency = max(0.0, fluency - 0.2 * fragments)
    alignment = alignment_score(words)
    parts = {
        "opening": opening,
        "ending": ending,
        "substance": substance,
        "keyness": keyness,
        "fluency": fluency,
        "prosody": prosody,
        "moment": moment,
    }
    total = sum(_WEIGHTS[k] * v for k, v in parts.items()) * alignment
    return Score(opening, ending, substance, keyness, fluency, alignment, round(total, 4), prosody, moment)
