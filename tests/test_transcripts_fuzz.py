"""Whatever a file holds, reading it either gives a transcript or raises an
:class:`AudiokitError` (one line for the user), never another exception: random JSON built
from the keys the shapes use, and random text built from the lines they use."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.errors import AudiokitError
from audiokit.transcripts import FORMATS, from_string

KEYS = [
    "results",
    "items",
    "alternatives",
    "content",
    "type",
    "start_time",
    "end_time",
    "speaker_label",
    "speaker_labels",
    "segments",
    "channels",
    "words",
    "word",
    "punctuated_word",
    "start",
    "end",
    "speaker",
    "utterances",
    "text",
    "transcript",
    "monologues",
    "elements",
    "value",
    "ts",
    "end_ts",
    "startTime",
    "endTime",
    "speakerTag",
    "seconds",
    "nanos",
    "events",
    "segs",
    "utf8",
    "tStartMs",
    "dDurationMs",
    "body",
    "version",
    "word_segments",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=True),
    st.sampled_from(
        [
            "",
            "1.5",
            "1.400s",
            "-2",
            "x",
            "spk_0",
            "punctuation",
            "pronunciation",
            "text",
            "punct",
            " ",
            "Hi.",
            "00:00:01.000",
        ]
    ),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)
    ),
    max_leaves=30,
)

LINES = [
    "WEBVTT",
    "",
    "1",
    "00:00:01,000 --> 00:00:02,000",
    "00:01.000 --> 00:00.500",
    "0:00:01.000,0:00:02.000",
    "Dana Whitfield",
    "[00:00:03] Hello there.",
    "[Dana Whitfield] 20:14:03",
    "Luis Ortega (00:06):",
    "Speaker 1  0:15",
    "<v Ortega, Luis>Hi",
    "- Hi.",
    "- Yo.",
    "DANA: Hi.",
    ">> LUIS: Yes.",
    "Transcribed by https://otter.ai",
    "luis@example.org (00:01.200)",
    "<timedtext>",
    "{",
    "[0:12] Dana",
    "Kind: captions",
    "hello<00:00:01.000><c> world</c>",
    "NOTE x",
]


@settings(max_examples=300, deadline=None)
@given(json_values, st.sampled_from([None, *FORMATS]))
def test_any_json_is_read_or_refused_in_one_line(doc: object, fmt: str | None) -> None:
    """Detected, or forced with ``--format`` to any reader."""
    try:
        from_string(json.dumps(doc), format=fmt, path="fuzz.json")
    except AudiokitError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=14))
def test_any_mix_of_shape_lines_is_read_or_refused_in_one_line(lines: list[str]) -> None:
    try:
        from_string("\n".join(lines), path="fuzz.txt")
    except AudiokitError:
        pass
