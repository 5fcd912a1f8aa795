"""Transcribers' notes: what a transcript writes that nobody says.

Real transcripts mark sounds and gaps: "[laughs]", "(applause)", "[MUSIC PLAYING]",
"[inaudible 00:12:34]", "[crosstalk]". Square brackets always hold a note, in any language: an
editor's insertion ("[the council] said") or "[sic]" is not said either. Parentheses hold a note
only when their words name a sound or a gap ("(laughter)", "(both laugh)", "(risas)"); otherwise
they are speech, as in "(the)" or "(P2SH)". Notes are kept for captions, which show them as
sound descriptions, and left out of alignment, chapters, clips and search.

>>> join_notes("Thanks. [MUSIC PLAYING] So, (laughs) the (P2SH) part.".split())
['Thanks.', '[MUSIC PLAYING]', 'So,', '(laughs)', 'the', '(P2SH)', 'part.']
>>> is_note("[inaudible 00:12:34]"), is_note("(laughter)."), is_note("(the)"), is_note("laughs")
(True, True, False, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["KINDS", "is_note", "join_notes", "kind", "only_notes", "shown"]

# A transcriber's time reference inside a note ("[inaudible 00:12:34]"), for the editor, not the viewer.
_CLOCK = re.compile(r"\s*\b\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\b\s*")
# A square-bracket note inside a token, with the punctuation written after it.
_GLUED = re.compile(r"(\[[^\[\]\s]+\][.,;:!?…]*)")
# Punctuation a transcriber writes after a note ("(laughs).", "[applause],").
_TRAILING = ".,;:!?…"
# A bracket run longer than this is a stray bracket, not a note: the turn's words stay speech.
_MAX_TOKENS = 20
_MAX_PAREN_TOKENS = 5
# Word beginnings, casefolded, that name what a note marks, by kind. A parenthesis is a note when
# one of its words begins so. English from Rev, Descript, YouTube and broadcast captioning
# conventions; the other languages give the same few sounds (laughter, applause, music, something
# unclear) as their subtitlers write them. Left out on purpose, as a parenthesis in speech may hold
# them: "foreign" (key), "static" (typing), "whisper" (a model), Spanish "tos" (cough; TOS),
# Italian "ride" (laughs; rider), German "lach" (Lachlan).
KINDS: dict[str, tuple[str, ...]] = {
    "laughter": ("laugh", "chuckl", "giggl", "risa", "risas", "risos", "riures", "rire", "rires", "lacht",
                 "lachen", "gelächter", "gelach", "risat", "smích", "smiech", "śmiech", "смех", "смеётся",
                 "смеется", "ضحك"),
    "applause": ("applau", "clap", "cheer", "aplauso", "aplausos", "applaudissement", "applaus", "applausi",
                 "beifall", "potlesk", "oklaski", "аплодисмент", "تصفيق"),
    "music": ("music", "música", "musica", "musique", "musik", "muziek", "hudba", "muzyka", "музык", "موسيقى",
              "jingle"),
    # Speech the transcriber could not make out or tell apart.
    "gap": ("inaudible", "unintelligible", "indistinct", "indiscernible", "incomprehensible", "garbled",
            "crosstalk", "cross-talk", "overtalk", "overlapping", "mumbl", "ininteligible", "inaudível",
            "unverständlich", "onverstaanbaar", "incomprensibil", "nesrozumiteln", "niezrozumiał",
            "неразборчиво"),
    "sound": ("cough", "sigh", "sneez", "sniff", "gasp", "groan", "sarcas", "silence", "pause", "noise", "beep",
              "whispering", "silencio", "silêncio", "toux", "husten"),
}
_SOUND_STEMS = tuple(stem for stems in KINDS.values() for stem in stems)


def _core(token: str) -> str:
    return token.rstrip(_TRAILING)


def _opens(token: str, bracket: str) -> bool:
    return token.startswith(bracket)


def _closes(token: str, bracket: str) -> bool:
    return _core(token).endswith(bracket)


def _names(tokens: Sequence[str], stems: tuple[str, ...]) -> bool:
    return any(token.strip("()[]" + _TRAILING + "\"'“”‘’").casefold().startswith(stems) for token in tokens)


def is_note(token: str) -> bool:
    """Whether one token (after :func:`join_notes`) is a transcriber's note.

    >>> [is_note(t) for t in ["[laughs]", "[Laughter.]", "(applause)", "(Amiti's laughter)", "(1)", "[", "a]"]]
    [True, True, True, True, False, False, False]
    """
    if token[:1] not in ("[", "("):  # almost every word: the model asks this of each one
        return False
    core = _core(token)
    if len(core) > 2 and core[0] == "[" and core[-1] == "]":
        return True
    if len(core) > 2 and core[0] == "(" and core[-1] == ")":
        inner = core[1:-1]
        return "(" not in inner and ")" not in inner and _names(inner.split(), _SOUND_STEMS)
    return False


def join_notes(tokens: Sequence[str]) -> list[str]:
    """``tokens`` with each note written over several tokens joined into one (by single spaces),
    and a square-bracket note written onto a word without a space split from it, so a note is one
    word of the episode; every other token is kept as it is.

    >>> join_notes(["[inaudible", "00:00:42]", "I", "said"])
    ['[inaudible 00:00:42]', 'I', 'said']
    >>> join_notes(["(both", "laugh)", "(and", "I", "mean", "it)"])
    ['(both laugh)', '(and', 'I', 'mean', 'it)']
    >>> join_notes(["a", "[stray", "bracket"])
    ['a', '[stray', 'bracket']
    >>> join_notes(["mind—[Laughter.]", "Toribird[inaudible]", "O(1)"])
    ['mind—', '[Laughter.]', 'Toribird', '[inaudible]', 'O(1)']
    """
    tokens = [part for token in tokens for part in _unglued(token)]
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        end = _note_end(tokens, i)
        if end is None:
            out.append(token)
            i += 1
        else:
            out.append(" ".join(tokens[i:end]))
            i = end
    return out


def _unglued(token: str) -> list[str]:
    # As Hansard writes an interruption: "concerns—[Interruption.]", "[Inaudible.]—date.".
    if "[" not in token or is_note(token):
        return [token]
    return [part for part in _GLUED.split(token) if part]


def _note_end(tokens: Sequence[str], i: int) -> int | None:
    """Where a note opening at ``tokens[i]`` ends (exclusive), or None when none opens there."""
    for bracket, close, limit in (("[", "]", _MAX_TOKENS), ("(", ")", _MAX_PAREN_TOKENS)):
        if not _opens(tokens[i], bracket):
            continue
        for j in range(i, min(len(tokens), i + limit)):
            if j > i and bracket in tokens[j]:
                return None  # another opens first: not one note
            if _closes(tokens[j], close):
                return j + 1 if is_note(" ".join(tokens[i:j + 1])) else None
        return None
    return None


def only_notes(text: str) -> bool:
    """Whether ``text`` has words and all of them are notes (a "[MUSIC PLAYING]" line).

    >>> only_notes("[Music] (applause)"), only_notes("[Music] Welcome"), only_notes("  ")
    (True, False, False)
    """
    tokens = join_notes(text.split())
    return bool(tokens) and all(is_note(t) for t in tokens)


def shown(note: str) -> str:
    """A note as a viewer should see it: without the transcriber's time reference.

    >>> shown("[inaudible 00:12:34]"), shown("[crosstalk 1:02:03.5]."), shown("[laughs]"), shown("[00:12:34]")
    ('[inaudible]', '[crosstalk].', '[laughs]', '[00:12:34]')
    """
    core = _core(note)
    inner = _CLOCK.sub(" ", core[1:-1]).strip()
    return core[0] + inner + core[-1] + note[len(core):] if inner and len(core) > 2 else note


def kind(note: str) -> str | None:
    """What a note marks: a key of :data:`KINDS` (the first whose words it uses), ``"other"``
    for a note of anything else (``"[sic]"``, ``"[the council]"``), ``None`` for speech.

    >>> [kind(t) for t in ["[Laughter.]", "(both laugh)", "[inaudible 00:12:34]", "(applause)", "[sic]", "hi"]]
    ['laughter', 'laughter', 'gap', 'applause', 'other', None]
    """
    if not is_note(note):
        return None
    words = note.split()
    return next((k for k, stems in KINDS.items() if _names(words, stems)), "other")
