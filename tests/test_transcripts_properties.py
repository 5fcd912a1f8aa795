"""Property tests: generated plain transcripts read back their speakers, turns and words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.transcripts import from_string

FIRST = ["Ann", "Bob", "Chidi", "Dana", "Eve", "Femi", "Grace", "Hugo"]
LAST = ["Lee", "Roy", "Okafor", "Vega", "Nair", "Smith"]
SAFE = [
    "the", "model", "data", "we", "trained", "it", "on", "GPT-4", "7.61%", "We’ll", "it–Llama",
    "3.5", "v1.2", "e.g.", "Mr.", "Smith", "a", "lot", "of", "people", "said", "that", "really",
    "works", "today", "and", "then", "“quoted”", "(aside)", "U.S.", "fine-tuning",
]
ENDS = [".", "?", "!", "…"]

names = st.builds(lambda f, last: f"{f} {last}", st.sampled_from(FIRST), st.sampled_from(LAST))
sentence = st.builds(
    lambda first, rest, end: " ".join([first.capitalize(), *rest]) + end,
    st.sampled_from(SAFE),
    st.lists(st.sampled_from(SAFE), max_size=10),
    st.sampled_from(ENDS),
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
turn = st.tuples(names, st.lists(paragraph, min_size=1, max_size=3))


def render(turns: list[tuple[str, list[str]]], roles: dict[str, str]) -> str:
    seen: set[str] = set()
    out = []
    for name, paragraphs in turns:
        label = name if name in seen or name not in roles else f"{name}, {roles[name]}"
        seen.add(name)
        out.append(f"{label}: {paragraphs[0]}")
        out.extend(paragraphs[1:])
    return "\n\n".join(out) + "\n"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(turn, min_size=1, max_size=8),
    st.booleans(),
    st.sampled_from(["", "My Show: Episode Nine\n\nAnn Lee\n\nA show about things, people and data.\n\n"]),
)
def test_generated_plain_transcripts_round_trip(
    turns: list[tuple[str, list[str]]], with_roles: bool, preamble: str
) -> None:
    roles = {name: "Host, Example FM" for name, _ in turns} if with_roles else {}
    text = preamble + render(turns, roles)
    t = from_string(text)
    ep = t.episode
    assert t.format == "plain"
    assert [turn.speaker for turn in ep.turns] == [name for name, _ in turns]
    order = list(dict.fromkeys(name for name, _ in turns))
    assert [(s.name, s.role) for s in ep.speakers] == [(n, roles.get(n)) for n in order]
    speech = " ".join(" ".join(ps) for _, ps in turns)
    assert [w.text for w in ep.words()] == speech.split()
    if preamble:
        assert ep.metadata.title == "My Show: Episode Nine"
        assert ep.metadata.preamble == preamble.strip()
    # every turn's sentences cover its words, each ending on sentence punctuation
    for turn_ in ep.turns:
        assert [w for s in turn_.sentences for w in s.words] == list(turn_.words)


def assert_words_are(body: str, words: list[str]) -> None:
    """The words are ``body``'s whitespace-separated tokens, every character once and in order;
    exactly those tokens when it has no brackets (a transcriber's note written over several tokens,
    "[inaudible 00:12:34]", is one word, and one glued to a word, "word[inaudible]", its own)."""
    assert "".join("".join(w.split()) for w in words) == "".join(body.split())
    if not any(c in body for c in "[]()"):
        assert words == body.split()
    else:
        assert all(w.strip() for w in words)


token_chars = st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc"))
tokens = st.lists(st.text(alphabet=token_chars, min_size=1, max_size=8), min_size=1, max_size=40)
separators = st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\n\n", "\u00a0", " \n "]), min_size=40, max_size=40)


@settings(max_examples=80, deadline=None)
@given(tokens, separators)
def test_words_are_the_whitespace_split_of_the_speech(toks: list[str], seps: list[str]) -> None:
    toks = [t for tok in toks for t in tok.split()]
    if not toks:
        return
    # no colons on continuation lines, so no line can read as another speaker's label
    toks = [t.replace(":", ";") for t in toks]
    body = toks[0] + "".join(sep + tok for sep, tok in zip(seps, toks[1:], strict=False))
    t = from_string(f"Ann Lee: {body}\n", format="plain")
    assert [turn.speaker for turn in t.episode.turns] == ["Ann Lee"]
    assert_words_are(body, [w.text for w in t.episode.words()])
    assert [w.text for s in t.episode.turns[0].sentences for w in s.words] == [w.text for w in t.episode.words()]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=200))
def test_one_line_of_anything_after_a_label(body: str) -> None:
    if not body.split():
        return
    t = from_string(f"Ann Lee: {body}", format="plain")
    assert_words_are(body, [w.text for w in t.episode.words()])
