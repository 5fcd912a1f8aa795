"""Whether a run of sentences can be a clip, by the structure of the conversation, and the
reasons given for a chosen clip.

Pure. A clip (sentences ``first``..``last`` of one speaker) is refused when it opens on a
sentence in :data:`~audiokit.clips.structure.NEVER_OPEN` (a question read out for the
audience may open it when the clip goes on into its answer and the question is short: at
most 8 s and a quarter of the clip), ends on one in :data:`~audiokit.clips.structure.NEVER_END`, holds a
second read-out question, or is more than a fifth housekeeping, introductions, thanks,
transitions, talk about things on screen or half-thoughts.

>>> from audiokit.clips.structure import Structure
>>> st = Structure((frozenset({"read_question", "question"}), frozenset({"answer"}), frozenset({"answer"})),
...                (None, 0, 0))
>>> judge(st, 0, 2, [3.0, 10.0, 10.0]).opens_on_question, judge(st, 0, 0, [3.0, 10.0, 10.0]).ok
(True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from audiokit.clips.prosody import Lively
from audiokit.clips.structure import BAD, NEVER_END, NEVER_OPEN, Structure

__all__ = ["MAX_BAD_SHARE", "MAX_QUESTION_SECONDS", "MAX_QUESTION_SHARE", "Verdict", "judge", "reasons"]

MAX_BAD_SHARE = 0.2
MAX_QUESTION_SHARE = 0.25
MAX_QUESTION_SECONDS = 8.0


@dataclass(frozen=True)
class Verdict:
    """``ok`` or the ``refusal``; ``opens_on_question`` when a read-out question opens the
    clip and its answer follows; ``bad_share`` the share of never-posted sentences;
    ``backref`` when the opening leans on the conversation ("like you said"); ``fragments``
    the share of the clip's sentences that are fragments."""

    ok: bool
    refusal: str = ""
    opens_on_question: bool = False
    bad_share: float = 0.0
    backref: bool = False
    fragments: float = 0.0


def judge(structure: Structure, first: int, last: int, durations: Sequence[float]) -> Verdict:
    """The :class:`Verdict` on sentences ``first``..``last``; ``durations`` are every
    sentence's lengths (seconds), indexed like the structure."""
    roles = structure.roles
    opens = roles[first] & NEVER_OPEN
    question_end = first
    on_question = False
    if "read_question" in opens:
        while question_end + 1 <= last and "read_question" in roles[question_end + 1]:
            question_end += 1
        answered = question_end < last and structure.asked[question_end + 1] == first
        asked = sum(durations[first : question_end + 1])
        total = sum(durations[first : last + 1]) or 1.0
        if not answered or asked / total > MAX_QUESTION_SHARE or asked > MAX_QUESTION_SECONDS:
            return Verdict(False, "a question read out without its answer")
        opens = opens - {"read_question", "question", "dangling"}
        on_question = True
    if opens:
        return Verdict(False, f"opens on {min(opens).replace('_', ' ')}")
    ends = roles[last] & NEVER_END
    if ends and not (on_question and last == question_end):
        return Verdict(False, f"ends on {min(ends).replace('_', ' ')}")
    if any("read_question" in roles[i] for i in range(question_end + 1, last + 1)):
        return Verdict(False, "holds a second question")
    bad = structure.share(first, last, list(durations), BAD)
    if bad > MAX_BAD_SHARE:
        return Verdict(False, "mostly housekeeping, transitions or talk about the screen", bad_share=bad)
    # An answer opening right after the question it answers leans on that question.
    leans = not on_question and first > 0 and structure.asked[first] is not None and (
        "read_question" in roles[first - 1])
    broken = sum(1 for i in range(first, last + 1) if "fragment" in roles[i]) / (last - first + 1)
    return Verdict(True, "", on_question, bad, "backref" in roles[first] or leans, broken)


def reasons(
    kinds: Sequence[str],
    verdict: Verdict,
    ending: float,
    key_terms: Sequence[str],
    lively: Lively | None,
    gaps: Sequence[str] = (),
    penalty: float = 1.0,
    music: Sequence[str] = (),
) -> list[str]:
    """Short lines saying what kind of moment a clip is and which signals counted; ``gaps`` are
    the notes of speech nobody could make out in it ("[inaudible]") and ``penalty`` what they
    cost its score; ``music`` the notes of music in it, which cost nothing but a producer should
    know of (the music may not be theirs to post).

    >>> reasons(["opinion"], Verdict(True), 1.0, ["fine tuning"], Lively(1.2, 0.4, 0.0, 0.69))
    ['opinion', 'opens on a sentence that needs no context', 'ends on a complete thought', \
'key terms: fine tuning', 'lively delivery: pitch range +1.2 SD, loudness +0.4 SD over the speaker’s usual']
    >>> reasons(["opinion"], Verdict(True), 1.0, [], Lively(-0.01, 1.0, 0.0, 0.62))[-1]
    'lively delivery: loudness +1.0 SD over the speaker’s usual'
    >>> reasons([], Verdict(True), 1.0, [], None, ["[inaudible]", "[inaudible]"], 0.25)[-1]
    'the transcript marks 2 gaps in it ([inaudible]): score x0.25, check the audio'
    >>> reasons([], Verdict(True), 1.0, [], None, music=["[music playing]"])[-1]
    'the transcript marks music in it ([music playing]): check that it is yours to post'
    """
    out = [", ".join(kinds) if kinds else "a complete point"]
    if verdict.opens_on_question:
        out.append("opens on the question it answers")
    elif verdict.backref:
        out.append("opens on a sentence that refers back to the conversation")
    else:
        out.append("opens on a sentence that needs no context")
    out.append("ends on a complete thought" if ending >= 1.0 else "ends mid-thought")
    if key_terms:
        out.append("key terms: " + ", ".join(key_terms[:3]))
    if lively is not None:
        if lively.score >= 0.6:
            # Only the measures that are above the usual: "pitch range -0.0 SD" says nothing.
            above = [f"{name} {value:+.1f} SD" for name, value in (("pitch range", lively.pitch),
                                                                   ("loudness", lively.loudness)) if value >= 0.05]
            out.append(f"lively delivery: {', '.join(above)} over the speaker’s usual")
        elif lively.score <= 0.4:
            out.append("calmer delivery than the speaker’s usual")
        else:
            out.append("delivery as lively as the speaker’s usual")
    if gaps:
        what = "a gap" if len(gaps) == 1 else f"{len(gaps)} gaps"
        out.append(f"the transcript marks {what} in it ({', '.join(dict.fromkeys(gaps))}): "
                   f"score x{penalty:g}, check the audio")
    if music:
        out.append(f"the transcript marks music in it ({', '.join(dict.fromkeys(music))}): check that it is yours to post")
    return out
