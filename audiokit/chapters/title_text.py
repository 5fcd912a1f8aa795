"""How a chapter title is written: title case that keeps acronyms and names, and the most
frequent written form of a phrase."""

from __future__ import annotations

from collections import Counter

from audiokit.chapters.wordlists import SMALL_WORDS

__all__ = ["title_case", "written_form"]


def title_case(text: str) -> str:
    """Title case that keeps acronyms and names as written.

    >>> title_case("helpfulness versus safety of GPT-4 and fine-tuning")
    'Helpfulness Versus Safety of GPT-4 and Fine-Tuning'
    """
    words = text.split()
    out = []
    for k, word in enumerate(words):
        if k and word.lower() in SMALL_WORDS:
            out.append(word.lower())
        elif any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word):
            out.append(word)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return " ".join(out)


def written_form(forms: Counter[str]) -> str:
    """The most frequent way a phrase is written, preferring the lower-case form on a tie
    (so a sentence-initial capital does not stick).

    >>> written_form(Counter({"Sauna": 1, "sauna": 1, "saunas": 1}))
    'sauna'
    """
    return min(forms.items(), key=lambda kv: (-kv[1], kv[0] != kv[0].lower(), kv[0]))[0]
