"""Conversation structure: what each sentence does in the conversation, for choosing clips.

Pure. Each sentence of the episode gets a set of roles, read from its words and its place
among the turns around it:

- ``question``: asks something (ends with "?", or starts "Do you...", "Can we...");
- ``read_question``: a question read out for someone else ("We have a question in the chat:
  ...", "Zara asks: ...", and the question sentences right after such an announcement);
- ``answer``: replies to the question just before it (the next speaker's turn after a
  question, or what follows a question the same speaker read out); ``Structure.asked``
  gives, for an answer sentence, the first sentence of a question the same speaker read out;
- ``housekeeping``: running the show (starting, time-keeping, links in the chat, another event);
- ``intro``: people introducing themselves or each other;
- ``thanks``: thanks and goodbyes;
- ``transition``: handing over or moving on ("Do you want to cover...", "let's move into...");
- ``visual``: pointing at things the listener cannot see ("here it is", "you can see",
  "this figure", "the first page");
- ``unsure``: half-thoughts (cannot remember, has not read it, cannot find it);
- ``backchannel``: short agreement ("Yeah.", "Totally agree.");
- ``dangling``: its first words point back at something said before ("So", "That", "It",
  "I mean, this...", or a short sentence ending on "that");
- ``fragment``: a short verbless phrase ("The core dataset itself.", "In about ten minutes."),
  or it stops on "to", "the", "and"...;
- ``backref``: it leans on the conversation ("like you said", "what you were getting at");
- ``note``: only transcribers' notes ("[MUSIC PLAYING]", "(laughter)"): nothing said.

Roles are read from what is said (:attr:`~audiokit.model.Sentence.said_text`): a note in a
sentence ("[laughs] So...") neither hides nor adds a role.

A producer never posts a clip that is mostly ``BAD`` sentences, never opens one on them and
never ends one on a question or a hand-over.

>>> from audiokit.model import Episode, Turn, Sentence, Word
>>> s = lambda text: Sentence(tuple(Word(w) for w in text.split()))
>>> ep = Episode((Turn("Ann", (s("Thanks so much for joining."), s("We have a question in the chat:"),
...                            s("Why train from scratch?"), s("Training from scratch gives control."))),))
>>> st = Structure.of(SentenceIndex.of(ep))
>>> [sorted(r) for r in st.roles]
[['thanks'], ['read_question'], ['question', 'read_question'], ['answer']]
>>> st.asked[3]
1
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audiokit.clips.candidates import SentenceIndex
from audiokit.text.stopwords import HESITATIONS, is_hesitation

__all__ = ["BAD", "NEVER_OPEN", "Structure", "plain", "roles_of"]

BAD = frozenset({"housekeeping", "intro", "thanks", "transition", "visual", "unsure"})
"""Roles a producer never posts."""

NEVER_OPEN = BAD | {"question", "read_question", "backchannel", "dangling", "fragment", "note"}
"""Roles a clip never opens on (a read-out question may, when its answer follows: see
:mod:`audiokit.clips.judge`)."""

NEVER_END = BAD | {"question", "read_question", "note"}


def plain(text: str) -> str:
    """Lowercase, straight apostrophes, dashes and ellipses as spaces, single-spaced.

    >>> print(plain("It’s–“fine”…  OK"))
    it's "fine" ok
    """
    t = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    t = re.sub(r"[–—…]|-{2,}|\.{3}", " ", t)
    return " ".join(t.split())


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_NUM = r"(?:\d+|a few|few|five|ten|fifteen|twenty|thirty|forty|forty-five|sixty)"
_HOUSEKEEPING = _rx(
    r"\bstart(?:ing)? (?:soon|in a (?:minute|moment|sec|second|few))\b",
    r"\b(?:let's|let us|we'll|we will|we can) (?:just )?(?:get started|get going|kick (?:it|things) off|"
    r"(?:jump|hop|dive|get) (?:right )?(?:in|into it|into this|started))\b",
    r"^(?:okay|ok|alright|all right|so)?,? ?let's (?:jump|hop|dive|get) in\b",
    r"\bregistration (?:link|page|form)\b|\b(?:subscribe|rate and review|leave (?:us )?a review)\b.{0,40}\b(?:show|"
    r"podcast|channel|newsletter)\b|\b(?:sponsored by|our sponsors?|this episode is brought)\b",
    r"\b(?:it's|link|links|is|are|posted|drop(?:ped)?|put) (?:it )?in the (?:chat|channel|comments|description|"
    r"show notes)\b",
    r"\bdrop (?:a|the) link\b|\bthe link (?:is|in)\b",
    r"\b(?:are|be|we're|were|is) (?:at|out of) time\b|\brunning (?:out of|low on|short on) time\b",
    r"\b(?:watching|reading|checking|monitoring) the (?:chat|comments|questions)\b",
    rf"\b(?:next|last|remaining|final|another|few more) {_NUM} minutes (?:here|or so|left|together|of)\b",
    rf"\b{_NUM} minutes (?:left|remaining|to go)\b|^(?:so |okay,? )?{_NUM} minutes,",
    r"\bend (?:a )?(?:little )?(?:bit )?(?:early|earlier|shorter|on time)\b",
    r"\banother event\b|\b(?:a|the|our) (?:workshop|webinar|event|session) (?:that's |that is |is )?"
    r"(?:happening|right after|tomorrow|next|later|coming)\b",
    r"\bsee you (?:next|all|soon|then|there|guys)\b",
    r"\bcan (?:you|everyone|everybody) (?:see|hear) (?:me|my)\b|\b(?:share|sharing) my screen\b|\bon mute\b",
    r"\bbefore we (?:start|begin|get started)\b|\bquick (?:announcement|reminder)\b",
    r"\bcheck (?:that|it|them) out\b",
    r"\b(?:hear from (?:the |our )?listeners|let us know|reach out to us|send us (?:a|an|your)|tweet at us|"
    r"email us|leave a comment)\b",
    rf"^(?:in|within) (?:about |another )?{_NUM}(?: or {_NUM})? minutes\b",
)
_INTRO = _rx(
    r"\bmy name is\b|\bmy name's\b",
    r"^(?:hey|hi|hello|good (?:morning|afternoon|evening))\b[\w ,']{0,25}[.!]?$",
    r"^(?:hey|hi|hello)\b.{0,40}\b\w+ here\b",
    r"\b(?:i'm|i am|he's|she's|he is|she is) (?:the |a |an |one of the )?(?:\w+ ){0,3}"
    r"(?:cto|ceo|cpo|coo|cfo|founders?|co-founders?|cofounders?|host|co-host|professor|engineer|researcher|"
    r"director|head|vp|president|manager|scientist|maintainer|editor|author) (?:at|of|over at|for|on|in)\b",
    r"\b(?:quick|some|brief) (?:intros?|introductions?)\b|\bintroduce (?:yourself|myself|ourselves|our)\b",
    r"\b(?:joining|with) (?:me|us) (?:today|this week|now|here)\b|\bour (?:guest|guests|speaker) (?:today|is)\b",
    r"\btoday (?:we're|we are|we'll|we will|i'm|i'll) (?:be )?(?:covering|talking about|discussing|looking at|"
    r"joined by|going to (?:cover|talk|discuss))\b|\bon (?:today's|this week's) (?:episode|show)\b",
    r"^welcome (?:back )?to\b|\bwelcome (?:back )?to (?:the|our|this)\b|\btell (?:us|me|everyone) (?:a (?:little |bit )*)?"
    r"(?:about yourself|who you are)\b",
)
# "I'm Pablo, ..." / "Hi, I am Will Clark." (read on the written text: the name is capitalised)
_SELF_INTRO = re.compile(r"^(?:(?:Hi|Hey|Hello)\b[^.]{0,20}?,? )?(?:I'm|I am) [A-Z][a-z]+(?: [A-Z][a-z]+)?[,.]")
_THANKS = _rx(
    r"\bthank(?:s| you)\b(?! to\b)(?:.{0,30})\b(?:for (?:joining|coming|having|listening|being|tuning|"
    r"watching|attending)|everyone|everybody|all|guys|folks)\b",
    r"^(?:thanks|thank you|bye|goodbye|cheers|take care)\b(?! to\b)",
)
_TRANSITION = _rx(
    r"\b(?:do|would) you (?:want|like|mind) (?:to )?(?:(?:maybe|just|quickly|also) )*(?:start|talk|cover|go|take|jump|dive|"
    r"walk|share|tell|kick|touch|get)\b",
    r"\b(?:let's|let us|maybe we can|maybe we could|we can|we could|we'll|we will|i'll|i will) (?:maybe |now |"
    r"just |quickly )?(?:move (?:on|into)|jump (?:in|into|to)|dive (?:in|into)|hop (?:in|into|to)|turn to|"
    r"switch (?:to|gears)|go over|come back to|get back to|talk about that|talk about it|get into that|"
    r"get to that)\b",
    r"^(?:so |okay,? |and )?moving on\b|\b(?:let's|let us|now we|we can|we'll|time to) move on\b",
    r"\bnext (?:topic|question|section)\b|\bspeaking of\b",
    r"\bon that note\b|\bwith that said\b|\b(?:that|which) brings us\b|\bas we go (?:into|through)\b",
    r"\bjust so we can\b|\bwe can (?:kind of )?(?:jump|dive|get) into\b",
    r"\b(?:don't|do not|won't) (?:need to )?go (?:too |that |very )?(?:far |deep |much )?into (?:it|that|this|the "
    r"details)\b",
)
_VISUAL = _rx(
    r"\bhere it is\b|\b(?:as )?you can see\b|\byou'll see\b|\bon (?:the|my|your|this) (?:screen|slide)\b",
    r"\b(?:this|that|the next|the previous) (?:slide|figure|chart|graph|table|diagram|image|picture|plot|"
    r"screenshot|page)\b",
    r"\b(?:first|second|third|next|previous|last|this) page\b|\b(?:up|down|over|right) (?:there|here)\b",
    r"\bscroll(?:ing)? (?:up|down|back)\b|\blet me (?:show|pull up|share|find|scroll|go back|zoom|bring up)\b",
    r"\b(?:i'm|you're|we're) (?:showing|sharing|highlighting)\b|\bhighlighting right now\b",
    r"\b(?:look|looking) at (?:this|that|the) (?:one|slide|figure|chart|graph|table|image|page|screen)\b",
    r"(?:^|\b(?:about|at|see|like|with|in|on|and|so) )(?:this|that) one\b|\b(?:this|that) one (?:here|just|says|"
    r"shows|gives|has)\b|\b(?:this|that) one[.?!]?$",
    r"\b(?:examples?|templates?|section|figure|table|image) (?:right )?here\b(?! in (?:this|the) (?:paper|book|"
    r"episode|article))|\bhop up to\b",
    r"\bpull (?:it|this|that) up\b|\bin this example\b|^(?:oh,? |okay,? |so,? )?(?:there|here) we go\b",
)
_UNSURE = _rx(
    r"\bi (?:don't|do not|can't|cannot|couldn't) (?:remember|recall|find|quite remember)\b|\bi forget\b",
    r"\bi(?:'ve| have)(?: not|n't) (?:read|looked at) (?:that|this|it|the) (?:paper|book|article|study|part|"
    r"section|one)\b|\bi didn't read\b",
    r"\bi don't know (?:the|all the) details\b|\bwhere (?:was|is) (?:it|that)\b",
    r"\bi'm not sure (?:exactly )?(?:where|what (?:the|they))\b",
)
_READ_QUESTION = _rx(
    r"\b(?:we (?:have|got|'ve got|also have)|we've got|there's|there is|i see|i have|got) (?:a|an|one|another|"
    r"two|three|a couple|a few|one more|one last)\b(?: [\w-]+){0,2} questions?\b(?! of\b)",
    r"\b(?:another|one (?:more|last|final)|next|last|final|audience|follow-up) questions?\b(?! is whether)",
    r"\bquestions? (?:from|in the|by|here from|that came in)\b",
    r"^(?:[\w']+ ){0,2}(?:asks|asked|is asking|wants to know|wrote in|writes)\b.*(?:[:?]|\b(?:whether|if)\b)",
)
_BACKCHANNEL = re.compile(
    r"^(?:yeah|yes|yep|yup|right|exactly|totally|absolutely|sure|okay|ok|true|agreed|agree|definitely|mm|mhm|"
    r"hmm|oh|wow|cool|great|nice|interesting|i (?:would |totally |completely |definitely )?agree)\b"
)
_ASKING = re.compile(
    r"^(?:so |and |but |okay,? |now,? )?(?:do|does|did|can|could|would|will|is|are|was|were|have|has|should|"
    r"shall) (?:you|we|they|it|this|that|there|i|he|she|the|anyone|anybody|someone)\b"
)
_DANGLING_FIRST = _words(
    """so and but because or also then that's it it's its yeah yes no nope right exactly absolutely
    sure okay ok well plus anyway though which they they're he she there there's um uh
    like totally definitely correct true agreed oh hmm mm again further still as"""
)
_DEMONSTRATIVES = _words("this that these those")
# After "this"/"that" these words mean a pronoun ("That reminded me", "This is"), not "this paper".
_NOT_A_NOUN = _words(
    """is was are were 's has had have one ones sort kind just really gets got made makes reminded means
    seems will would could can might should part stuff thing things all also actually again too to in on
    of for and so i we you it's isn't wasn't"""
)
_BACK_REFERENCE = _rx(
    r"\b(?:like|as) (?:you|i|we|he|she|\w+) (?:said|mentioned|were saying|was saying|is saying|say|put it)\b",
    r"\bwhat you (?:were|are|was) (?:getting at|saying|talking about)\b|\byou're saying\b",
    r"\b(?:going back to|back to (?:the|what|your)|as i said|like i said)\b",
    r"^(?:[\w']+ ){0,2}(?:just )?talking about (?:it|this|that)\b",
)
_PRONOUN_AFTER = re.compile(
    r"^(?:(?:i mean|you know|like|well|honestly|i guess),? )+(?:it|it's|that's|they|they're|he|she|there|so|and|"
    r"but|(?:this|that|these|those)(?:'s| is| was| are| were| has| one| just| really| kind| sort|,))\b"
    r"|^i (?:think|feel like|guess|believe|'d say|would say),? (?:it|it's|they|they're|he|she)\b"
)
_ENDS_ON_PRONOUN = re.compile(r"\b(?:it|that|this|them|those|these|there|so)[.!?]?$")
_SUBORDINATE = _words("if when because since although though unless whereas while until whether")
_ENDS_OPEN = _words("to the a an of and or but my our your their")
# A short verbless sentence starting so is a noun or prepositional phrase: "The core dataset itself."
_NOUN_PHRASE_START = _words("the a an this that these those in on at from for with about of so and but")
_VERBISH = _words(
    """is are was were be been being am do does did have has had can could will would should may might must
    say says said think thinks thought know knows knew mean means meant get gets got go goes went make makes
    made see sees saw want wants need needs feel feels felt look looks take takes took come comes came use
    uses used find finds found give gives gave work works tell told seem seems try tries tried call calls
    let like likes love hope guess agree wonder remember happen happens run runs build builds built"""
)
_RHETORICAL = re.compile(r"(?:,| ) ?(?:right|you know|isn't it|don't you think|no)\?$")


def _dangling_start(p: str, language: str = "en") -> bool:
    """The first word leans on what came before ("So", "It", "That was", "This, ..."). In another
    language an opening hesitation is the language's own: German "Um 8 Uhr" and Portuguese "Um
    livro" open a sentence."""
    words = re.findall(r"[a-z0-9']+|," if language == "en" else r"[^\W_]+(?:'[^\W_]+)*|,", p)
    if not words:
        return False
    first = words[0]
    if language != "en" and first in HESITATIONS["en"] and not is_hesitation(first, language):
        return False  # a word there: German "Um 8 Uhr", Portuguese "Um livro"
    if first in _DANGLING_FIRST or (language != "en" and is_hesitation(first, language)):
        return True
    return first in _DEMONSTRATIVES and (len(words) == 1 or words[1] == "," or words[1] in _NOT_A_NOUN)


def roles_of(text: str, language: str = "en") -> frozenset[str]:
    """The roles one sentence has on its own, without context (no ``answer`` or read-out
    question follow-ups: see :class:`Structure`); ``language`` is the episode's.

    >>> sorted(roles_of("Do you want to maybe talk about how they picked the data set?"))
    ['question', 'transition']
    >>> sorted(roles_of("So, as you can see, this one says it plainly.")), sorted(roles_of("Evals matter."))
    (['dangling', 'visual'], [])
    """
    p = plain(text)
    roles: set[str] = set()
    if _SELF_INTRO.search(text.replace("’", "'")):
        roles.add("intro")
    for name, rx in (
        ("housekeeping", _HOUSEKEEPING),
        ("intro", _INTRO),
        ("thanks", _THANKS),
        ("transition", _TRANSITION),
        ("visual", _VISUAL),
        ("unsure", _UNSURE),
        ("read_question", _READ_QUESTION),
    ):
        if rx.search(p):
            roles.add(name)
    words = p.split()
    end = p.rstrip("\"')]")
    if (end.endswith(("?", "؟")) and not (len(words) >= 6 and _RHETORICAL.search(end))) or _ASKING.search(p):
        roles.add("question")
    if len(words) <= 5 and _BACKCHANNEL.search(p):
        roles.add("backchannel")
    if _dangling_start(p, language) or _PRONOUN_AFTER.search(p) or (len(words) <= 6 and _ENDS_ON_PRONOUN.search(p)):
        roles.add("dangling")
    bare = [w.strip(".,;:!?\"'()") for w in words]
    if bare and bare[0] in _SUBORDINATE and len(words) <= 8:
        roles.add("dangling")  # a lone "If you say yes to everything." hangs on its neighbours
    verbish = any(w in _VERBISH or w.endswith(("n't", "'s", "'re", "'ve", "'ll", "'d", "'m"))
                  or (len(w) > 4 and w.endswith(("ed", "ing"))) for w in bare)
    if (not verbish and (len(bare) == 1 or (len(bare) <= 6 and bare[0] in _NOUN_PHRASE_START))) or (
        bare and bare[-1] in _ENDS_OPEN
    ):
        roles.add("fragment")
    if _BACK_REFERENCE.search(" ".join(words[:12])):
        roles.add("backref")
    return frozenset(roles)


_CONTINUES_QUESTION = re.compile(r"^(?:in other words|that is|i\.e\.|or |or,|like,? |meaning )")


@dataclass(frozen=True)
class Structure:
    """Roles of every sentence of an :class:`~audiokit.clips.candidates.SentenceIndex`
    (same order), and for answer sentences the first sentence of the question their own
    speaker read out just before (``None`` when the question came from someone else or
    there was none)."""

    roles: tuple[frozenset[str], ...]
    asked: tuple[int | None, ...]

    @classmethod
    def of(cls, index: SentenceIndex, language: str = "en") -> Structure:
        """The structure of the sentences of ``index``, spoken in ``language``."""
        refs = index.sentences
        said = [r.sentence.said_text for r in refs]
        roles = [set(roles_of(t, language)) if t else {"note"} for t in said]
        asked: list[int | None] = [None] * len(refs)
        i = 0
        while i < len(refs):
            if "read_question" not in roles[i]:
                i += 1
                continue
            # The read-out block: the announcement and the questions right after it.
            first, j = i, i + 1
            text = plain(said[i])
            has_question = "question" in roles[i] or ":" in text
            while j < len(refs) and refs[j].turn == refs[i].turn:
                nxt = plain(said[j])
                if "question" in roles[j] or (has_question and _CONTINUES_QUESTION.search(nxt)):
                    roles[j].add("read_question")
                    has_question = has_question or "question" in roles[j]
                    j += 1
                    continue
                break
            if not has_question:  # talk about questions, none read out: nothing to answer
                i += 1
                continue
            # What the same speaker says next, up to the end of the turn, answers it.
            k = j
            while k < len(refs) and refs[k].turn == refs[first].turn and "read_question" not in roles[k]:
                roles[k].add("answer")
                asked[k] = first
                k += 1
            i = max(j, i + 1)
        for i, ref in enumerate(refs):
            p = i - 1
            while p >= 0 and "note" in roles[p]:
                p -= 1  # a "(laughter)" between a question and its answer
            if "note" in roles[i] or p < 0 or refs[p].speaker == ref.speaker:
                continue
            if "question" in roles[p] and "read_question" not in roles[p]:
                k = i
                while k < len(refs) and refs[k].turn == ref.turn and "read_question" not in roles[k]:
                    roles[k].add("answer")
                    k += 1
        return cls(tuple(frozenset(r) for r in roles), tuple(asked))

    def share(self, first: int, last: int, weights: list[float], names: frozenset[str]) -> float:
        """The share (by ``weights``, e.g. durations) of sentences ``first``..``last`` having
        any role in ``names``."""
        total = sum(weights[first : last + 1]) or 1.0
        hit = sum(w for i, w in zip(range(first, last + 1), weights[first : last + 1]) if self.roles[i] & names)
        return hit / total
