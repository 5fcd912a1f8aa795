"""What kind of moment a clip is, why it was chosen, and a social caption from its own words.

Pure. :func:`kinds` reads the clip's sentences for what producers post: an answer to a
question, an opinion or claim, a surprising number, an explanation or analogy, a short
story, a prediction, a punchline. :func:`social_caption` picks the clip's best hook line,
at most 100 characters, from its own words (hesitations of the episode's language dropped, and
in English leading "So", "And", "I mean" too). Transcribers' notes are read apart from the words:
laughter ("[laughs]", "(laughter)") marks a punchline, applause an applause line, and no note is
ever part of a caption.

>>> kinds(["I think fine-tuning is overrated.", "Less than 10% of teams need it."])
['opinion', 'number: 10%']
>>> social_caption(["So yeah.", "And I think fine-tuning is overrated, because retrieval does the job."])
'I think fine-tuning is overrated, because retrieval does the job.'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audiokit.clips.said import laughter, tokens
from audiokit.clips.structure import plain, roles_of
from audiokit.text.notes import kind
from audiokit.text.stopwords import is_hesitation

__all__ = ["CAPTION_MAX", "kinds", "social_caption", "strength"]

CAPTION_MAX = 100

_OPINION = re.compile(
    r"\bi (?:really |do |honestly |still |actually )?(?:think|believe|feel|'d say|would say|would argue|'d argue|"
    r"found|bet|suspect)\b|\bin my (?:view|opinion|experience)\b|\bthe (?:biggest|real|key|main|core|most "
    r"important) (?:takeaway|point|contribution|lesson|problem|value|difference|thing|surprise)\b|\bmost (?:unique|"
    r"interesting|important|surprising)\b|\bmy (?:biggest |main )?(?:takeaway|take|bet)\b|\bunderwhelming\b|"
    r"\boverrated\b|\bunderrated\b|\bgame changer\b|\bsecret sauce\b|\bthe (?:secret|trick|lesson) is\b"
)
_NUMBER = re.compile(
    r"(?:\b(?:less|more|fewer) than |\bover |\bunder |\babout |\balmost |\bnearly )?"
    r"(?:\$?\d[\d,.]*\s?(?:%|percent\b|x\b|times\b|[kmb]\b|billion\b|million\b|thousand\b|hundred\b|"
    r"people\b|pages\b|years\b|hours\b|days\b)|\b(?:a|one) (?:hundred|thousand|million|billion) percent\b|"
    r"\bhalf of\b|\bnine out of ten\b)"
)
_EXPLANATION = re.compile(
    r"\bbecause\b|\bthe reason\b|\bwhich means\b|\bthat's why\b|\bso that\b|\bin order to\b|\bfor example\b|"
    r"\bfor instance\b|\bimagine\b|\bif you\b.*\byou (?:can|could|end up|get|will|might)\b"
)
_ANALOGY = re.compile(r"\breminds? me\b|\breminded me\b|\banalog(?:y|ies)\b|\bit's like an?\b|\bis like an?\b|"
                      r"\bthe same way\b|\bkind of like an?\b")
_STORY = re.compile(
    r"\b(?:i|we) (?:remember|was|were|had|went|saw|tried|built|started|spent|learned|realized|found out|"
    r"decided)\b|\bwhen i\b|\bone time\b|\byears ago\b|\bback (?:then|when|in)\b|\blast (?:year|week|month)\b"
)
_PREDICTION = re.compile(
    r"\bi wonder (?:if|whether|how)\b|\b(?:we're|we are|you're|you are|they're|they are) (?:going to|gonna) "
    r"(?:start )?(?:see|have)\b|\bthere will be\b|\bin the (?:future|next few years)\b|\bi (?:predict|expect)\b"
)
_LAUGHTER = re.compile(r"\bha(?:ha)+\b")  # written out; "[laughs]" is a note (audiokit.clips.said.laughter)


def kinds(sentences: Sequence[str], answers: bool = False) -> list[str]:
    """The kinds of moment in ``sentences`` (written text, transcribers' notes included), strongest
    first; ``answers`` when the clip answers a question it opens with.

    >>> kinds(["That was the whole budget. [Laughter.]"]), kinds(["We won. (applause)"])
    (['punchline'], ['applause line'])
    """
    split = [tokens(s) for s in sentences]
    notes = [n for _, ns in split for n in ns]
    sentences = [" ".join(said) for said, _ in split if said]
    text = " ".join(plain(s) for s in sentences)
    found: list[str] = ["answer to a question"] if answers else []
    if _OPINION.search(text):
        found.append("opinion")
    numbers = [m.group(0).strip() for m in _NUMBER.finditer(" ".join(sentences).replace("’", "'"))]
    numbers = [n for n in numbers if not re.fullmatch(r"\d+", n)]
    if numbers:
        found.append(f"number: {numbers[0]}")
    if _ANALOGY.search(text):
        found.append("analogy")
    elif _EXPLANATION.search(text):
        found.append("explanation")
    if len(_STORY.findall(text)) >= 2:
        found.append("story")
    if _PREDICTION.search(text):
        found.append("prediction")
    if (any(laughter(n) for n in notes) or _LAUGHTER.search(text)
            or (sentences and sentences[-1].rstrip("\"'”’)").endswith("!"))):
        found.append("punchline")
    if any(kind(n) == "applause" for n in notes):
        found.append("applause line")
    return found


_STRENGTH = {"opinion": 1.0, "number": 1.0, "analogy": 1.0, "story": 1.0, "punchline": 1.0, "applause line": 1.0,
             "prediction": 0.5, "explanation": 0.5, "answer to a question": 0.5}


def strength(found: Sequence[str]) -> float:
    """How much of what producers post a clip holds, in [0, 1], from its :func:`kinds`: one
    strong kind (opinion, number, analogy, story, punchline) and one weaker one make 1.

    >>> strength(["opinion"]), strength(["opinion", "explanation"]), strength([])
    (0.67, 1.0, 0.0)
    """
    total = sum(_STRENGTH.get(k.split(":")[0], 0.0) for k in found)
    return round(min(1.0, total / 1.5), 2)


# English openers that lean on what came before ("So", "And", "I mean"); in another language
# these are words of their own (German "So ist es", "Also", French "Plus rien", "Or").
_LEAD = re.compile(
    r"^(?:(?:yeah|yes|so|and|but|or|well|okay|ok|oh|now|also|like|plus|anyway|i mean|you know|right)"
    r"\b[,.]?\s+)+",
    re.IGNORECASE,
)
# "you know" as an aside, set off by a comma; "Do you know the way" keeps it.
_YOU_KNOW = re.compile(r"\byou know,\s+", re.IGNORECASE)
_HOOK = re.compile(
    r"\bnot (?:just|only)\b|\bit's not\b|\bnever\b|\balways\b|\bthe (?:biggest|real|key|most|only|hidden)\b|"
    r"\bmost\b|\bsecret\b|\bsurprising\b|\bunderwhelming\b|\bgame changer\b|\d",
    re.IGNORECASE,
)

_HEDGE = re.compile(r"\bi'm guessing\b|\bi guess\b|\bi don't know\b|\bi'm not sure\b|\bi can't remember\b")


def _clean(sentence: str, language: str = "en") -> str:
    """``sentence`` without the hesitations of ``language`` (a sentence end they carried moves to
    the word before), and in English without its leaning openers and "you know," asides.

    >>> _clean("Um, so uh I think it works, you know, mostly uh.")
    'I think it works, mostly.'
    >>> _clean("Ähm, wir treffen uns um 8 Uhr, äh, am Bahnhof.", "de")
    'Wir treffen uns um 8 Uhr, am Bahnhof.'
    """
    words: list[str] = []
    for w in tokens(sentence)[0]:  # a note is no part of a caption
        if not is_hesitation(w, language):
            words.append(w)
        elif words and w[-1] in ".!?…؟" and words[-1][-1:] not in ".!?…؟":
            words[-1] = words[-1].rstrip(",;:،؛") + w[-1]
    s = " ".join(words)
    if language == "en":
        s = _YOU_KNOW.sub("", _LEAD.sub("", s))
    s = re.sub(r"\s+", " ", s).strip()
    return s[:1].upper() + s[1:] if s else s


def _fit(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters: whole if it fits, else up to the last sentence end,
    or else clause break (comma, dash, semicolon) with "…", that keeps at least half, else cut at
    a word with "…" (none after a sentence's end).

    >>> _fit("We were late. The bees were everywhere by then", 24)
    'We were late.'
    >>> _fit("We were late, and the bees were everywhere by then", 30)
    'We were late, and the bees…'
    """
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    ends = [m.start() + 1 for m in re.finditer(r"[.!?؟]\s", head)]
    if ends and ends[-1] >= limit // 2:
        return head[: ends[-1]]
    breaks = [m.start() for m in re.finditer(r"[,;:–—،؛]\s", head)]
    if breaks and breaks[-1] >= limit // 2:
        return head[: breaks[-1]].rstrip() + "…"
    if " " not in head:
        return head + "…"
    cut = head[: head.rfind(" ")].rstrip(",;:–—،؛ ")
    return cut if cut.endswith((".", "!", "?", "…", "؟")) else cut + "…"  # a sentence's end needs no "…"


def _hook_score(original: str, cleaned: str, language: str = "en") -> float:
    roles = roles_of(cleaned, language)
    value = 1.0
    if roles & {"dangling", "question", "read_question", "visual", "housekeeping", "intro", "thanks",
                "transition", "unsure", "backchannel"}:
        value -= 0.6
    n = len(cleaned)
    value -= 0.4 if n < 30 else 0.0
    value -= 0.15 if n > CAPTION_MAX else 0.0
    value += 0.2 * min(2, len(_HOOK.findall(cleaned)))
    value += 0.2 if _OPINION.search(plain(cleaned)) else 0.0
    value -= 0.3 if _HEDGE.search(plain(cleaned)) else 0.0  # a hook does not hedge
    return value


def social_caption(sentences: Sequence[str], limit: int = CAPTION_MAX, language: str = "en") -> str:
    """A hook line of at most ``limit`` characters taken from ``sentences`` (the clip's own
    words, in ``language``): the sentence that stands best on its own and says the most, tidied."""
    best, best_score = "", -1e9
    for i, s in enumerate(sentences):
        cleaned = _clean(s, language)
        if not cleaned:
            continue
        value = _hook_score(s, cleaned, language) - 0.02 * i  # earlier wins a tie: it is what the clip opens on
        if value > best_score:
            best, best_score = cleaned, value
    return _fit(best, limit)
