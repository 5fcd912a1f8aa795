"""What the format readers share: the :class:`Transcript` result, building turns from
``(speaker, text, hint)`` pieces, speaker-label tests, preamble metadata and time stamps.

>>> t = build("plain", [Piece("Ann", "Hi there. How are you?")], path="x.txt")
>>> [s.text for s in t.episode.turns[0].sentences]
['Hi there.', 'How are you?']
>>> parse_clock("01:02:03.5"), parse_clock("1:02"), parse_clock("00:00:01,250")
(3723.5, 62.0, 1.25)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from audiokit.errors import FormatError
from audiokit.lang import Choice
from audiokit.model import Episode, Metadata, Sentence, Span, Speaker, Turn, Word
from audiokit.text.notes import join_notes, only_notes
from audiokit.text.sentences import split_sentences

UNNAMED = "Speaker"
NO_LABELS_WARNING = "no speaker labels: read as one unnamed speaker"


@dataclass(frozen=True)
class Transcript:
    """A transcript read into an :class:`Episode` (words untimed), with the format it was
    read as (the reader, as ``--format`` names it), the shape recognised (the tool that
    wrote it, e.g. ``"Otter text export"``) and any warnings about the reading (never
    printed by the library)."""

    episode: Episode
    format: str
    warnings: tuple[str, ...] = ()
    shape: str = ""
    language: Choice | None = None  # how the language was chosen (set by ``load``)


@dataclass
class Piece:
    """One turn as a reader found it: a speaker, the spoken text and an optional time."""

    speaker: str
    text: str
    hint: Span | None = None
    role: str | None = None


def make_turn(speaker: str, text: str, hint: Span | None = None) -> Turn | None:
    """A turn of untimed words (tokens exactly as written, a transcriber's note such as
    "[MUSIC PLAYING]" one word) split into sentences, or ``None`` when ``text`` has no words."""
    tokens = join_notes(text.split())
    if not tokens:
        return None
    sentences = tuple(Sentence(tuple(Word(t) for t in tokens[a:b])) for a, b in split_sentences(tokens))
    return Turn(speaker=speaker, sentences=sentences, hint=hint)


def build(
    fmt: str,
    pieces: Iterable[Piece],
    path: str,
    metadata: Metadata | None = None,
    warnings: Sequence[str] = (),
    roles: dict[str, str] | None = None,
    shape: str = "",
) -> Transcript:
    """Turn reader pieces into a :class:`Transcript`; speakers are listed in order of first
    appearance with their roles (from ``roles`` or the pieces). Raises :class:`FormatError`
    when no piece has any words."""
    turns: list[Turn] = []
    order: list[str] = []
    found_roles: dict[str, str] = dict(roles or {})
    for piece in pieces:
        if piece.role and piece.speaker not in found_roles:
            found_roles[piece.speaker] = piece.role
        turn = make_turn(piece.speaker, piece.text, piece.hint)
        if turn is None:
            continue
        turns.append(turn)
        if turn.speaker not in order:
            order.append(turn.speaker)
    if not turns:
        raise FormatError(f"no speech found in this {fmt} transcript", path=path)
    speakers = tuple(Speaker(name, found_roles.get(name)) for name in order)
    meta = metadata or Metadata()
    if meta.source is None:
        meta = replace(meta, source=path)  # every other field kept (a field by field copy lost the language)
    episode = Episode(turns=tuple(turns), speakers=speakers, metadata=meta)
    return Transcript(episode=episode, format=fmt, warnings=tuple(warnings), shape=shape or fmt)


def chain_hints(starts: Sequence[float | None], ends: Sequence[float | None] | None = None) -> list[Span | None]:
    """Hints from turn start times: each runs to its own end when given, else to the next
    turn's start (or is the instant of its start when the next start is not later).

    >>> chain_hints([0.0, 5.0, 4.0, None])
    [Span(start=0.0, end=5.0), Span(start=5.0, end=5.0), Span(start=4.0, end=4.0), None]
    """
    hints: list[Span | None] = []
    for i, start in enumerate(starts):
        if start is None:
            hints.append(None)
            continue
        end = ends[i] if ends is not None else None
        if end is None:
            nxt = next((s for s in starts[i + 1 :] if s is not None), None)
            end = nxt if nxt is not None and nxt > start else start
        hints.append(Span(start, max(start, end)))
    return hints


def forward_starts(starts: Sequence[float | None], path: str) -> tuple[list[float | None], list[str]]:
    """``starts`` as they are when they never go back in time; otherwise none of them (times
    edited by hand, or joined from several files, are no help as hints) and a warning naming
    ``path`` and the first turn whose time goes back.

    >>> forward_starts([0.0, None, 5.0], "t.txt")
    ([0.0, None, 5.0], [])
    >>> forward_starts([0.0, 9.0, None, 5.0], "t.txt")
    ([None, None, None, None], ['t.txt: times go backwards (turn 4): not used as hints'])
    """
    last = None
    for k, start in enumerate(starts):
        if start is None:
            continue
        if last is not None and start < last:
            return [None] * len(starts), [f"{path}: times go backwards (turn {k + 1}): not used as hints"]
        last = start
    return list(starts), []


# ---- time stamps -------------------------------------------------------------------------

CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_CLOCK_RE = re.compile(rf"^{CLOCK}$")


def parse_clock(text: str) -> float:
    """Seconds from ``H:MM:SS(.mmm)``, ``MM:SS`` or SRT's ``HH:MM:SS,mmm``."""
    text = text.strip().replace(",", ".")
    if not _CLOCK_RE.match(text):
        raise ValueError(f"not a time stamp: {text!r}")
    parts = text.split(":")
    seconds = float(parts[-1])
    minutes = int(parts[-2])
    hours = int(parts[-3]) if len(parts) == 3 else 0
    return round(hours * 3600 + minutes * 60 + seconds, 3)


# ---- speaker labels ---------------------------------------------------------------------

# First words that start a sentence, never a name ("We have a question:", "So here:").
SENTENCE_WORDS = frozenset(
    """a an and as at but by dive do does for from here here's here’s how i i'm i’m if in
    it it's it’s let let's let’s my no now of ok okay on or our please see so some that the
    then there these they this those to today we well what when where which who why with
    yes yeah you your note notes obligatory update edit warning disclaimer example answer
    question title episode transcript summary description chapter chapters links sponsor
    sponsors date published recorded tags keywords source credits music timestamps
    resources show bonus step tip part""".split()  # noqa: SIM905
)
_PARTICLES = frozenset("de da del della der di du van von le la bin ibn al el st. mc mac".split())  # noqa: SIM905


def _name_word(word: str) -> bool:
    """A capitalised word of any script (``Dvořák``, ``Соколова``, ``Zoë``), or a word of a
    script without case (Arabic, Devanagari, ...): letters, apostrophes, hyphens, dots."""
    first = word[0]
    return (first.isalpha() and not first.islower()
            and all(c.isalpha() or c in "’'-." or unicodedata.category(c).startswith("M") for c in word))


def name_words(name: str) -> list[str] | None:
    """The words of ``name`` when it reads like a personal name: 1-4 capitalised words
    (particles such as "van" allowed), no digits; else ``None``.

    >>> name_words("Aparna Dhinakaran"), name_words("Ludwig van Beethoven") is not None
    (['Aparna', 'Dhinakaran'], True)
    >>> name_words("Llama 2"), name_words("We have a question in the channel")
    (None, None)
    >>> name_words("Анна Соколова"), name_words("Jakub Dvořák"), name_words("Zoë")
    (['Анна', 'Соколова'], ['Jakub', 'Dvořák'], ['Zoë'])
    >>> name_words("Tom & Jerry"), name_words("Tom &"), name_words("Q & A")
    (['Tom', '&', 'Jerry'], None, None)
    """
    words = name.split()
    if not 1 <= len(words) <= 4 or any(ch.isdigit() for ch in name):
        return None
    if words[0].lower() in SENTENCE_WORDS:
        return None
    for k, word in enumerate(words):
        duo = word == "&" and k < len(words) - 1 and len(words[k - 1]) > 1 and len(words[k + 1]) > 1
        if k and (word.lower() in _PARTICLES or duo):
            continue  # "Ludwig van Beethoven"; a duo as one label, "Tom & Jerry" (not "Q & A")
        initial = len(word) == 2 and word[0].isupper() and word[1] == "."
        if (not _name_word(word) or word.endswith(".")) and not initial:
            return None
    if words[-1].endswith("."):
        return None
    return words


def looks_like_role(role: str) -> bool:
    """A role after the name: a short, capitalised phrase, not a sentence.

    >>> looks_like_role("Chief Product Officer and Co-Founder, Arize AI")
    True
    >>> looks_like_role("I think this is right, we should go"), looks_like_role("Episode 4")
    (False, False)
    """
    role = role.strip()
    if not role or _numbered(role) or len(role) > 120 or len(role.split()) > 14 or any(c in role for c in "?!"):
        return False
    if not (role[0].isupper() or role[0].isdigit()):
        return False
    first = role.split()[0].lower().strip(",")
    if first in {"i", "i'm", "i’m", "we", "you", "it", "it's", "it’s", "so", "and", "but", "yes", "yeah"}:
        return False
    words = _LABEL_COMMA.sub(" ", role).split()
    capitals = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitals * 2 >= len(words)


def plain_role(role: str) -> bool:
    """A role as many languages write it, in lower case (``ведущая``, ``conduttrice, Caffè
    Lungo``, ``co-conduttore``): a short phrase with no sentence punctuation, not opening with
    a pronoun or conjunction. Weaker evidence than :func:`looks_like_role`: readers accept it
    only beside a full name or a name used as a label again.

    >>> plain_role("ведущая"), plain_role("conduttrice, Caffè Lungo"), plain_role("I think so, yes")
    (True, True, False)
    >>> plain_role("एपिसोड 4"), plain_role("выпуск 7")
    (False, False)
    """
    role = role.strip()
    words = _LABEL_COMMA.sub(" ", role).split()
    if not words or _numbered(role) or len(words) > 8 or len(role) > 80 or any(c in role for c in "?!.;…\"“”«»"):
        return False
    return words[0].lower() not in _ROLE_OPENERS and words[0][0].isalpha()


# Words that open a sentence, not a role (the English list; a role in another language that
# happens to open with one is still read through a capitalised name used as a label twice).
_ROLE_OPENERS = frozenset("""i i'm i’m we you he she it it's it’s they so and but yes yeah no well the a an
    this that there here what how why when if or""".split())  # noqa: SIM905


def _numbered(role: str) -> bool:
    """A role whose first part ends with a number is a title's episode number ("Kitchen Talk,
    Episode 4: ...", "शाम की बातें, एपिसोड 4: ..."), not what a person does."""
    return bool(re.search(r"\d\W*$", role.split(",")[0]))


# The comma between a name and its role: Latin, or the Arabic comma of Arabic, Persian and Urdu.
_LABEL_COMMA = re.compile("[,\u060c]")


def split_label(label: str) -> tuple[str, str | None]:
    """``"Name, Role, Org"`` -> ``("Name", "Role, Org")``; ``"Name"`` -> ``("Name", None)``.

    >>> split_label("Ann Lee, Host, Radio X"), split_label("Bob")
    (('Ann Lee', 'Host, Radio X'), ('Bob', None))
    >>> split_label("سارة، مقدمة البرنامج")
    ('سارة', 'مقدمة البرنامج')
    """
    parts = _LABEL_COMMA.split(label, maxsplit=1)
    name = " ".join(parts[0].split())
    if len(parts) == 1:
        return name, None
    return name, " ".join(parts[1].split()) or None


# ---- preamble metadata ------------------------------------------------------------------


def preamble_metadata(preamble: str, speaker_names: Iterable[str] = ()) -> Metadata:
    """Title and description from the text before the first turn.

    The title is the first non-empty line that is not just a person's name (the seed
    transcript opens with the host's name); the description is the preamble paragraphs
    that read as prose (8+ words with sentence punctuation, not ending in a colon).
    """
    preamble = preamble.strip()
    if not preamble:
        return Metadata(preamble="")
    names = set(speaker_names)
    lines = [ln.strip() for ln in preamble.splitlines() if ln.strip()]

    def is_name(line: str) -> bool:
        return line in names or (name_words(line) is not None and len(line.split()) <= 3)

    said = [ln for ln in lines if not only_notes(ln)]  # a "[Music]" line names nothing
    title = next((ln for ln in said if not is_name(ln)), said[0] if said else None)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", preamble) if p.strip()]
    prose = [
        p
        for p in paragraphs
        if p != title and len(p.split()) >= 8 and re.search(r"[.!?…]", p) and not p.endswith(":")
    ]
    return Metadata(title=title, description="\n\n".join(prose) or None, preamble=preamble)
