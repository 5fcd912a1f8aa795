"""Transcribers' notes in captions (pure): how a note is shown and which notes get a cue of their own.

A note ("[laughs]", "(applause)", "[MUSIC PLAYING]": :mod:`audiokit.text.notes`) is what a deaf
or hard-of-hearing viewer needs to know about the sound, so captions show it (SDH), without the
transcriber's clock ("[inaudible 00:12:34]" is shown "[inaudible]"), and in the form the style
asks for (:attr:`~.styles.Style.note_form`; Netflix's English SDH guide: sound effects in square
brackets, all lowercase except proper nouns).

Where it goes: a note in a real pause is nobody's line, so it gets a cue of its own with no
speaker, shown over the pause; the Netflix SDH guide does the same with a sound that interrupts
dialogue ("However, lately, I've been…" / "[coughs, sniffs]" / "…seeing a lot more of this.").
"Real" is measured by the style's own rules: the pause must hold the note on screen for its
reading time (the minimum duration, or longer at the reading speed: a note is displayed text,
so it counts) with the minimum gap on both sides. For Netflix "[laughs]" needs 5/6 s + 2 x 2
frames = 1.0 s, "[music playing]" 15/17 s + 2 x 2 frames = 1.05 s. A note in a shorter pause
("Thanks, Nadia. [laughs] I keep bees", "(crosstalk)") stays in its speaker's cue, where the
speech's time covers its reading. A long pause shows its note from the start of the pause for
at most the style's maximum duration: a 90 s music bed is a 7 s cue, not a 90 s one.

>>> from audiokit.captions.styles import STYLES
>>> shown_note("(laughs).", STYLES["netflix"]), shown_note("[MUSIC PLAYING]", STYLES["netflix"])
('[laughs].', '[music playing]')
>>> shown_note("(Amiti laughs)", STYLES["netflix"]), shown_note("[inaudible 00:00:42]", STYLES["podcast"])
('[Amiti laughs]', '[inaudible]')
>>> reading_ms("[laughs]", STYLES["netflix"]), alone_ms("[laughs]", STYLES["netflix"])
(834, 1000)
"""

from __future__ import annotations

from collections.abc import Sequence

from audiokit.captions.layout import fits
from audiokit.captions.styles import Style
from audiokit.captions.timer import ms
from audiokit.model import Word
from audiokit.text.notes import shown

__all__ = ["alone_ms", "parts", "reading_ms", "shown_note", "spread"]

_TRAILING = ".,;:!?…"  # what a transcriber writes after a note, kept after the bracket


def shown_note(note: str, style: Style) -> str:
    """``note`` as the viewer sees it under ``style``: no transcriber's clock; with
    ``note_form="brackets"`` in square brackets, lowercased when written all in capitals
    (the transcriber's shouting convention; a mixed-case note may hold a proper noun).

    >>> from audiokit.captions.styles import STYLES
    >>> shown_note("(APPLAUSE)", STYLES["bbc"]), shown_note("(APPLAUSE)", STYLES["netflix"])
    ('(APPLAUSE)', '[applause]')
    """
    text = shown(note)
    if style.note_form != "brackets":
        return text
    core = text.rstrip(_TRAILING)
    if len(core) < 2 or core[0] not in "[(" or core[-1] not in "])":
        return text
    inner = core[1:-1]
    if inner.isupper():
        inner = inner.lower()
    return f"[{inner}]" + text[len(core):]


def reading_ms(text: str, style: Style) -> int:
    """How long ``text`` must stay on screen on its own under ``style``: the minimum duration,
    or longer at the reading speed (every displayed character counts, as the linter counts)."""
    need = style.min_duration * 1000
    if style.max_cps is not None:
        need = max(need, len(text) * 1000 / style.max_cps)
    if style.max_wpm is not None:
        need = max(need, len(text.split()) * 60000 / style.max_wpm)
    return int(need + 0.999)


def alone_ms(text: str, style: Style) -> int:
    """The shortest pause in which a note ``text`` gets a cue of its own: its reading time and
    the minimum gap before and after it (so neither neighbour is cut short for it)."""
    return reading_ms(text, style) + 2 * ms(style.min_gap)


def parts(words: Sequence[Word], style: Style) -> list[tuple[int, int, bool]]:
    """A turn's timed ``words`` cut into runs ``(first, last + 1, alone)``: ``alone`` for a run of
    notes written together in a pause long enough for a cue of its own (:func:`alone_ms`), else
    runs of speech with any short notes in it. Every word is in exactly one run, in order.

    >>> from audiokit.captions.styles import STYLES
    >>> ws = [Word("Hi.", 0.0, 0.4), Word("[laughs]", 0.4, 0.6), Word("So", 0.6, 0.8),
    ...       Word("[MUSIC]", 0.8, 3.0), Word("[applause]", 3.0, 5.0), Word("Bye.", 5.0, 5.3)]
    >>> parts(ws, STYLES["netflix"])
    [(0, 3, False), (3, 5, True), (5, 6, False)]
    """
    out: list[tuple[int, int, bool]] = []
    k, n, begun = 0, len(words), 0
    while k < n:
        if not words[k].note:
            k += 1
            continue
        j = k
        while j < n and words[j].note:
            j += 1
        first, last = words[k], words[j - 1]
        text = " ".join(shown_note(w.text, style) for w in words[k:j])
        if first.start is not None and last.end is not None and ms(last.end) - ms(first.start) >= alone_ms(text, style):
            if begun < k:
                out.append((begun, k, False))
            out.append((k, j, True))
            begun = j
        k = j
    if begun < n:
        out.append((begun, n, False))
    return out


def spread(texts: Sequence[str], start: int, end: int, style: Style) -> list[tuple[int, int]]:
    """Times (ms) for notes ``texts`` written together in the pause ``start``..``end`` that get
    cues of their own: from the start of the pause, over as many of the style's longest cues as
    their lines need (a 90 s music bed is one 7 s cue), each note a share of that time by its
    length, so every cue of them reads at the same speed. (The aligner shares a pause equally
    between the notes in it: a guess, which would leave a short note a long cue and a long
    note too little.)

    >>> from audiokit.captions.styles import STYLES
    >>> spread(["[music]"], 1000, 91000, STYLES["netflix"])
    [(1000, 8000)]
    >>> spread(["[laughs]", "[applause]"], 0, 1900, STYLES["netflix"])
    [(0, 855), (855, 1900)]
    """
    cues, group = 1, list[str]()
    for text in texts:  # greedy filling: the fewest cues the notes fit in
        if group and not fits([len(t) for t in [*group, text]], [False] * (len(group) + 1), style.max_lines, style.max_chars):
            cues, group = cues + 1, []
        group.append(text)
    window = min(end - start, cues * ms(style.max_duration))
    weights = [len(t) + 1 for t in texts]
    total, out, done = sum(weights), [], 0
    for weight in weights:
        a = start + window * done // total
        done += weight
        out.append((a, start + window * done // total))
    return out
