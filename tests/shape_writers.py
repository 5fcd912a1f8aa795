"""Writers of every transcript shape audiokit reads, for property tests and the reading
benchmark (scripts/bench_readers.py): a conversation of timed words in, the text a service
or tool would export out. Written from each service's documented shape, like the fixtures.

A conversation is a list of turns ``(speaker index, [(word, start, end), ...])``; words
carry their punctuation (``"Hello,"``). ``name_of(shape, i)`` is the speaker name a reader
should report for speaker ``i``; ``NO_SPEAKERS`` shapes name none, and ``ASR_ONLY`` shapes
also hold lower-case words without end punctuation (:func:`asr`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

Word = tuple[str, float, float]
Turn = tuple[int, list[Word]]

PEOPLE = ["Dana Whitfield", "Luis Ortega", "Amara Osei", "Tom Becker"]


def _split(word: str) -> tuple[str, str]:
    m = re.match(r"^(.*?\w)([.,?!]*)$", word)
    return (m.group(1), m.group(2)) if m else (word, "")


def asr(word: str) -> str:
    """How YouTube's automatic captions write a word: lower case, no end punctuation."""
    return _split(word)[0].lower()


def _hms(t: float, hours: bool = True, sep: str = ".") -> str:
    h, m, s = int(t // 3600), int(t % 3600 // 60), t % 60
    body = f"{m:02d}:{int(s):02d}{sep}{round((s - int(s)) * 1000) % 1000:03d}"
    return f"{h:02d}:{body}" if hours or h else body


def _clock(t: float) -> str:
    h, m, s = int(t // 3600), int(t % 3600 // 60), int(t % 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _text(words: list[Word]) -> str:
    return " ".join(w for w, _, _ in words)


def aws(turns: list[Turn]) -> str:
    items = []
    for spk, words in turns:
        for w, a, b in words:
            core, punct = _split(w)
            items.append(
                {
                    "start_time": f"{a:.3f}",
                    "end_time": f"{b:.3f}",
                    "speaker_label": f"spk_{spk}",
                    "alternatives": [{"confidence": "0.99", "content": core}],
                    "type": "pronunciation",
                }
            )
            if punct:
                items.append(
                    {"alternatives": [{"confidence": "0.0", "content": punct}], "type": "punctuation"}
                )
    return json.dumps({"jobName": "job", "results": {"transcripts": [{"transcript": "..."}], "items": items}})


def deepgram(turns: list[Turn]) -> str:
    words = [
        {"word": asr(w), "start": a, "end": b, "confidence": 0.9, "speaker": spk, "punctuated_word": w}
        for spk, ws in turns
        for w, a, b in ws
    ]
    return json.dumps(
        {
            "metadata": {"channels": 1},
            "results": {
                "channels": [
                    {
                        "alternatives": [
                            {
                                "transcript": " ".join(x["word"] for x in words),
                                "confidence": 0.9,
                                "words": words,
                            }
                        ]
                    }
                ]
            },
        }
    )


def assemblyai(turns: list[Turn]) -> str:
    utts = []
    for spk, ws in turns:
        words = [
            {
                "text": w,
                "start": int(a * 1000),
                "end": int(b * 1000),
                "confidence": 0.9,
                "speaker": "ABCD"[spk],
            }
            for w, a, b in ws
        ]
        utts.append(
            {
                "speaker": "ABCD"[spk],
                "text": _text(ws),
                "start": words[0]["start"],
                "end": words[-1]["end"],
                "confidence": 0.9,
                "words": words,
            }
        )
    return json.dumps(
        {
            "id": "x",
            "status": "completed",
            "text": "...",
            "words": [w for u in utts for w in u["words"]],
            "utterances": utts,
        }
    )


def revai(turns: list[Turn]) -> str:
    monos = []
    for spk, ws in turns:
        els: list[dict[str, object]] = []
        for i, (w, a, b) in enumerate(ws):
            core, punct = _split(w)
            els.append({"type": "text", "value": core, "ts": a, "end_ts": b, "confidence": 0.9})
            if punct:
                els.append({"type": "punct", "value": punct})
            if i < len(ws) - 1:
                els.append({"type": "punct", "value": " "})
        monos.append({"speaker": spk, "elements": els})
    return json.dumps({"monologues": monos})


def whisperx(turns: list[Turn]) -> str:
    segs = [
        {
            "start": ws[0][1],
            "end": ws[-1][2],
            "text": " " + _text(ws),
            "speaker": f"SPEAKER_{spk:02d}",
            "words": [
                {"word": w, "start": a, "end": b, "score": 0.9, "speaker": f"SPEAKER_{spk:02d}"}
                for w, a, b in ws
            ],
        }
        for spk, ws in turns
    ]
    return json.dumps({"segments": segs, "word_segments": [w for s in segs for w in s["words"]]})


def google(turns: list[Turn]) -> str:
    words = [(spk, w, a, b) for spk, ws in turns for w, a, b in ws]
    results = [
        {
            "alternatives": [
                {
                    "transcript": " ".join(w for _, w, _, _ in words),
                    "words": [
                        {"startTime": f"{a:.3f}s", "endTime": f"{b:.3f}s", "word": w} for _, w, a, b in words
                    ],
                }
            ]
        }
    ]
    results.append(
        {
            "alternatives": [
                {
                    "words": [
                        {"startTime": f"{a:.3f}s", "endTime": f"{b:.3f}s", "word": w, "speakerTag": spk + 1}
                        for spk, w, a, b in words
                    ]
                }
            ]
        }
    )
    return json.dumps({"results": results})


def plain(turns: list[Turn]) -> str:
    """Speaker turns as people write them, a role on first mention."""
    seen: set[int] = set()
    out = []
    for spk, ws in turns:
        label = PEOPLE[spk] if spk in seen else f"{PEOPLE[spk]}, Host of Night Signals"
        seen.add(spk)
        out.append(f"{label}: {_text(ws)}")
    return "Night Signals, Episode 41\n\n" + "\n\n".join(out) + "\n"


def timestamped(turns: list[Turn]) -> str:
    return "\n".join(f"[{_hms(ws[0][1])[:8]}] {PEOPLE[spk]}: {_text(ws)}" for spk, ws in turns) + "\n"


def name_lines(turns: list[Turn]) -> str:
    return "\n\n".join(f"[{_clock(ws[0][1])}] {PEOPLE[spk]}\n{_text(ws)}" for spk, ws in turns) + "\n"


def otter(turns: list[Turn]) -> str:
    return (
        "\n\n".join(f"{PEOPLE[spk]}  {_clock(ws[0][1])}\n{_text(ws)}" for spk, ws in turns)
        + "\n\n\nTranscribed by https://otter.ai\n"
    )


def rev(turns: list[Turn]) -> str:
    return "\n\n".join(f"{PEOPLE[spk]} ({_clock(ws[0][1])}):\n{_text(ws)}" for spk, ws in turns) + "\n"


def riverside(turns: list[Turn]) -> str:
    return (
        "\n\n".join(f"{PEOPLE[spk]} ({_hms(ws[0][1], hours=False)})\n{_text(ws)}" for spk, ws in turns) + "\n"
    )


def descript(turns: list[Turn]) -> str:
    out = []
    for spk, ws in turns:
        half = max(1, len(ws) // 2)
        out.append(
            f"{PEOPLE[spk]}\n[{_hms(ws[0][1])[:8]}] {_text(ws[:half])}"
            + (f" [{_hms(ws[half][1])[:8]}] {_text(ws[half:])}" if ws[half:] else "")
        )
    return "\n\n".join(out) + "\n"


def zoom_text(turns: list[Turn]) -> str:
    base = 20 * 3600 + 14 * 60  # a meeting at 20:14
    return "\n".join(f"[{PEOPLE[spk]}] {_hms(base + ws[0][1])[:8]}\n{_text(ws)}" for spk, ws in turns) + "\n"


def _cues(turns: list[Turn], size: int = 8) -> list[tuple[int, list[Word]]]:
    return [(spk, ws[i : i + size]) for spk, ws in turns for i in range(0, len(ws), size)]


def zoom_vtt(turns: list[Turn]) -> str:
    blocks = [
        f"{k}\n{_hms(ws[0][1])} --> {_hms(ws[-1][2])}\n{PEOPLE[spk]}: {_text(ws)}"
        for k, (spk, ws) in enumerate(_cues(turns), 1)
    ]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def teams_vtt(turns: list[Turn]) -> str:
    def last_first(name: str) -> str:
        first, last = name.split(" ", 1)
        return f"{last}, {first}"

    blocks = [
        f"0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0/{k}-0\n{_hms(ws[0][1])} --> {_hms(ws[-1][2])}\n"
        f"<v {last_first(PEOPLE[spk])}>{_text(ws)}" + ("</v>" if k % 2 else "")
        for k, (spk, ws) in enumerate(_cues(turns))
    ]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def srt_wild(turns: list[Turn]) -> str:
    """CRLF, a BOM, ``.`` in some times, ``<i>`` tags, names only at speaker changes and a
    cue now and then without the blank line after it."""
    out = []
    last = None
    for k, (spk, ws) in enumerate(_cues(turns), 1):
        sep = "." if k % 3 == 0 else ","
        label = f"{PEOPLE[spk].upper()}: " if spk != last else ""
        last = spk
        out.append(
            f"{k}\n{_hms(ws[0][1], sep=sep)} --> {_hms(ws[-1][2], sep=sep)}\n{label}<i>{_text(ws)}</i>\n"
            + ("" if k % 4 == 0 else "\n")
        )
    return "\ufeff" + "".join(out).replace("\n", "\r\n")


def sbv(turns: list[Turn]) -> str:
    def t(x: float) -> str:
        return f"{int(x // 3600)}:{_hms(x)[3:]}"

    out, last = [], None
    for spk, ws in _cues(turns):
        label = f">> {PEOPLE[spk].split()[0].upper()}: " if spk != last else ""
        last = spk
        out.append(f"{t(ws[0][1])},{t(ws[-1][2])}\n{label}{_text(ws)}")
    return "\n\n".join(out) + "\n"


def podcast_json(turns: list[Turn]) -> str:
    segs = [
        {"speaker": PEOPLE[spk], "startTime": ws[0][1], "endTime": ws[-1][2], "body": _text(ws)}
        for spk, ws in _cues(turns)
    ]
    return json.dumps({"version": "1.0.0", "segments": segs})


def json3(turns: list[Turn]) -> str:
    events: list[dict[str, object]] = [{"tStartMs": 0, "dDurationMs": 1, "id": 1}]
    for _, ws in _cues(turns, 5):
        t0 = int(ws[0][1] * 1000)
        events.append(
            {
                "tStartMs": t0,
                "dDurationMs": 3000,
                "wWinId": 1,
                "segs": [
                    {"utf8": (asr(w) if i == 0 else " " + asr(w)), "tOffsetMs": int(a * 1000) - t0}
                    for i, (w, a, _) in enumerate(ws)
                ],
            }
        )
        events.append(
            {
                "tStartMs": int(ws[-1][2] * 1000),
                "dDurationMs": 10,
                "wWinId": 1,
                "aAppend": 1,
                "segs": [{"utf8": "\n"}],
            }
        )
    return json.dumps({"wireMagic": "pb3", "events": events})


def youtube_vtt(turns: list[Turn]) -> str:
    lines = _cues(turns, 5)
    out, prev = ["WEBVTT\nKind: captions\nLanguage: en\n"], " "
    for k, (_, ws) in enumerate(lines):
        end = lines[k + 1][1][0][1] if k + 1 < len(lines) else ws[-1][2] + 0.02
        timed = asr(ws[0][0]) + "".join(f"<{_hms(a)}><c> {asr(w)}</c>" for w, a, _ in ws[1:])
        plain = " ".join(asr(w) for w, _, _ in ws)
        out.append(f"{_hms(ws[0][1])} --> {_hms(end - 0.01)} align:start position:0%\n{prev}\n{timed}\n")
        out.append(f"{_hms(end - 0.01)} --> {_hms(end)} align:start position:0%\n{plain}\n \n")
        prev = plain
    return "\n".join(out)


def whisper(turns: list[Turn]) -> str:
    segs = [
        {
            "id": k,
            "seek": 0,
            "start": ws[0][1],
            "end": ws[-1][2],
            "text": "".join(" " + w for w, _, _ in ws),
            "tokens": [],
            "avg_logprob": -0.2,
            "words": [{"word": " " + w, "start": a, "end": b, "probability": 0.9} for w, a, b in ws],
        }
        for k, (_, ws) in enumerate(_cues(turns, 12))
    ]
    return json.dumps({"text": " ".join(s["text"] for s in segs), "segments": segs, "language": "en"})


def whisper_vtt(turns: list[Turn]) -> str:
    blocks = [
        f"{_hms(ws[0][1], hours=False)} --> {_hms(ws[-1][2], hours=False)}\n{_text(ws)}"
        for _, ws in _cues(turns, 12)
    ]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def srv3(turns: list[Turn]) -> str:
    ps = []
    for _, ws in _cues(turns, 5):
        t0 = int(ws[0][1] * 1000)
        runs = "".join(
            f'<s t="{int(a * 1000) - t0}" ac="0">{" " if i else ""}{asr(w)}</s>'
            for i, (w, a, _) in enumerate(ws)
        )
        ps.append(
            f'<p t="{t0}" d="3000" w="1">{runs}</p><p t="{int(ws[-1][2] * 1000)}" d="10" w="1" a="1">\n</p>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8" ?><timedtext format="3"><body>'
        + "\n".join(ps)
        + "</body></timedtext>\n"
    )


WRITERS: dict[str, Callable[[list[Turn]], str]] = {
    "plain speaker turns": plain,
    "timestamped turns": timestamped,
    "[time] Name paragraphs": name_lines,
    "Whisper JSON": whisper,
    "Whisper WebVTT": whisper_vtt,
    "YouTube srv3 XML": srv3,
    "AWS Transcribe JSON": aws,
    "Deepgram JSON": deepgram,
    "AssemblyAI JSON": assemblyai,
    "Rev.ai JSON": revai,
    "WhisperX JSON": whisperx,
    "Google Speech-to-Text JSON": google,
    "Otter text export": otter,
    "Rev text export": rev,
    "Riverside text export": riverside,
    "Descript text export": descript,
    "Zoom saved captions": zoom_text,
    "Zoom WebVTT": zoom_vtt,
    "Microsoft Teams WebVTT": teams_vtt,
    "SubRip": srt_wild,
    "YouTube SBV": sbv,
    "Podcasting 2.0 JSON": podcast_json,
    "YouTube json3": json3,
    "YouTube auto-caption WebVTT": youtube_vtt,
}

NAMES: dict[str, Callable[[int], str]] = {
    "AWS Transcribe JSON": lambda i: f"spk_{i}",
    "Deepgram JSON": lambda i: f"Speaker {i}",
    "AssemblyAI JSON": lambda i: "ABCD"[i],
    "Rev.ai JSON": lambda i: f"Speaker {i}",
    "WhisperX JSON": lambda i: f"SPEAKER_{i:02d}",
    "Google Speech-to-Text JSON": lambda i: f"Speaker {i + 1}",
    "Microsoft Teams WebVTT": lambda i: "{1}, {0}".format(*PEOPLE[i].split(" ", 1)),
    "SubRip": lambda i: PEOPLE[i].upper(),
    "YouTube SBV": lambda i: PEOPLE[i].split()[0].upper(),
}

ASR_ONLY = frozenset({"YouTube json3", "YouTube auto-caption WebVTT", "YouTube srv3 XML"})
NO_SPEAKERS = ASR_ONLY | {"Whisper JSON", "Whisper WebVTT"}


def name_of(shape: str, i: int) -> str:
    return NAMES.get(shape, lambda k: PEOPLE[k])(i)
