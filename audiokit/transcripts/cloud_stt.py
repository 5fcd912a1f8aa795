"""Speech-to-text service JSON: AWS Transcribe, Deepgram, AssemblyAI, Rev.ai and Google
Speech-to-Text, each read to the words as the service wrote them (punctuation attached),
its speaker labels (``spk_0``, ``Speaker 0``, ``A``) and its times as turn hints.

Each shape has ``matches_*(doc)`` (used by detection) and ``read_*(doc, path)``.

>>> aws = {"results": {"items": [
...   {"type": "pronunciation", "start_time": "0.5", "end_time": "0.9", "speaker_label": "spk_0",
...    "alternatives": [{"content": "Hello"}]},
...   {"type": "punctuation", "alternatives": [{"content": "."}]}]}}
>>> t = read_aws(aws, "x.json")
>>> t.shape, [(turn.speaker, turn.text, turn.hint) for turn in t.episode.turns]
('AWS Transcribe JSON', [('spk_0', 'Hello.', Span(start=0.5, end=0.9))])
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from audiokit.transcripts._common import Transcript
from audiokit.transcripts._timed import Doc, Token

AWS = "AWS Transcribe JSON"
DEEPGRAM = "Deepgram JSON"
ASSEMBLYAI = "AssemblyAI JSON"
REVAI = "Rev.ai JSON"
GOOGLE = "Google Speech-to-Text JSON"


def _get(doc: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(doc, dict):
            return None
        doc = doc.get(key)
    return doc


# ---- AWS Transcribe -----------------------------------------------------------------------


def matches_aws(doc: Any) -> bool:
    """A ``results.items`` list."""
    return isinstance(_get(doc, "results", "items"), list)


def read_aws(doc: Any, path: str) -> Transcript:
    """``results.items``: words (``pronunciation``, times as strings) and punctuation
    (no times); speakers from each item's ``speaker_label`` or, in older output, from
    ``results.speaker_labels.segments`` (``channel_labels`` for channel identification)."""
    d = Doc(AWS, path)
    results = d.obj(doc.get("results"), "results")
    by_time: dict[str, str] = {}
    for block, label_key in (("speaker_labels", "speaker_label"), ("channel_labels", "channel_label")):
        part = results.get(block)
        if not isinstance(part, dict):
            continue
        groups = part.get("segments") if block == "speaker_labels" else part.get("channels")
        for g, group in enumerate(d.list(groups or [], f"results.{block}")):
            group = d.obj(group, f"results.{block}[{g}]")
            for item in group.get("items") or []:
                if isinstance(item, dict) and item.get("start_time") is not None:
                    by_time.setdefault(
                        str(item["start_time"]), str(item.get(label_key) or group.get(label_key))
                    )
    tokens = []
    for k, item in enumerate(d.list(results.get("items"), "results.items")):
        where = f"results.items[{k}]"
        item = d.obj(item, where)
        alts = item.get("alternatives")
        if not isinstance(alts, list) or not alts:
            raise d.fail(where, "no alternatives")
        content = d.text(
            d.obj(alts[0], f"{where}.alternatives[0]").get("content"), f"{where}.alternatives[0].content"
        )
        kind = item.get("type", "pronunciation")
        start = d.time(item.get("start_time"), f"{where}.start_time")
        end = d.time(item.get("end_time"), f"{where}.end_time")
        start, end = d.span(start, end)
        speaker = item.get("speaker_label") or item.get("channel_label")
        if speaker is None and item.get("start_time") is not None:
            speaker = by_time.get(str(item["start_time"]))
        tokens.append(Token(content, start, end, speaker, punct=kind == "punctuation"))
    return d.transcript("aws-transcribe", tokens)


# ---- Deepgram -----------------------------------------------------------------------------


def matches_deepgram(doc: Any) -> bool:
    """A ``results`` object with a ``channels`` or ``utterances`` list."""
    results = _get(doc, "results")
    return isinstance(results, dict) and (
        isinstance(results.get("channels"), list) or isinstance(results.get("utterances"), list)
    )


def _deepgram_words(d: Doc, words: Any, where: str, speaker: str | None) -> Iterator[Token]:
    for k, w in enumerate(d.list(words, where)):
        w = d.obj(w, f"{where}[{k}]")
        text = w.get("punctuated_word", w.get("word"))
        text = d.text(text, f"{where}[{k}].word")
        start, end = d.span(
            d.time(w.get("start"), f"{where}[{k}].start"), d.time(w.get("end"), f"{where}[{k}].end")
        )
        who = f"Speaker {w['speaker']}" if w.get("speaker") is not None else speaker
        yield Token(text, start, end, who)


def read_deepgram(doc: Any, path: str) -> Transcript:
    """``results.utterances`` when present (one per speaker turn), else the words of the first
    alternative of each channel (several channels: ``Channel N`` speakers, words in time order);
    ``punctuated_word`` when given, ``speaker`` numbers as ``Speaker N``."""
    d = Doc(DEEPGRAM, path)
    results = d.obj(doc.get("results"), "results")
    tokens: list[Token] = []
    if isinstance(results.get("utterances"), list) and results["utterances"]:
        for k, utt in enumerate(results["utterances"]):
            where = f"results.utterances[{k}]"
            utt = d.obj(utt, where)
            speaker = f"Speaker {utt['speaker']}" if utt.get("speaker") is not None else None
            if isinstance(utt.get("words"), list) and utt["words"]:
                tokens.extend(_deepgram_words(d, utt["words"], f"{where}.words", speaker))
            else:
                start = d.time(utt.get("start"), f"{where}.start")
                end = d.time(utt.get("end"), f"{where}.end")
                tokens.append(
                    Token(d.text(utt.get("transcript"), f"{where}.transcript"), *d.span(start, end), speaker)
                )
        return d.transcript("deepgram", tokens)
    channels = d.list(results.get("channels"), "results.channels")
    for c, channel in enumerate(channels):
        where = f"results.channels[{c}]"
        alts = d.obj(channel, where).get("alternatives")
        if not isinstance(alts, list) or not alts:
            raise d.fail(where, "no alternatives")
        alt = d.obj(alts[0], f"{where}.alternatives[0]")
        speaker = f"Channel {c + 1}" if len(channels) > 1 else None
        tokens.extend(_deepgram_words(d, alt.get("words"), f"{where}.alternatives[0].words", speaker))
    if len(channels) > 1:
        tokens.sort(key=lambda t: t.start if t.start is not None else float("inf"))
    return d.transcript("deepgram", tokens)


# ---- AssemblyAI ---------------------------------------------------------------------------


def matches_assemblyai(doc: Any) -> bool:
    """No ``results``, and ``utterances`` or ``words`` whose first entry has ``text`` and ``start``."""
    if not isinstance(doc, dict) or "results" in doc:
        return False
    for key in ("utterances", "words"):
        items = doc.get(key)
        if (
            isinstance(items, list)
            and items
            and isinstance(items[0], dict)
            and "text" in items[0]
            and "start" in items[0]
        ):
            return True
    return False


def read_assemblyai(doc: Any, path: str) -> Transcript:
    """``utterances`` (speaker ``A``, ``B``...) when present, else ``words``; times in ms."""
    d = Doc(ASSEMBLYAI, path)
    tokens: list[Token] = []
    utterances = doc.get("utterances")
    groups = (
        [(f"utterances[{k}]", u) for k, u in enumerate(d.list(utterances, "utterances"))]
        if isinstance(utterances, list) and utterances
        else [("", {"words": doc.get("words")})]
    )
    for where, group in groups:
        group = d.obj(group, where)
        speaker = group.get("speaker")
        words = group.get("words")
        prefix = f"{where}.words" if where else "words"
        if not isinstance(words, list) or not words:
            start = d.time(group.get("start"), f"{where}.start", 0.001)
            end = d.time(group.get("end"), f"{where}.end", 0.001)
            text = d.text(group.get("text"), f"{where}.text")
            tokens.append(Token(text, *d.span(start, end), None if speaker is None else str(speaker)))
            continue
        for k, w in enumerate(words):
            w = d.obj(w, f"{prefix}[{k}]")
            start = d.time(w.get("start"), f"{prefix}[{k}].start", 0.001)
            end = d.time(w.get("end"), f"{prefix}[{k}].end", 0.001)
            who = w.get("speaker", speaker)
            text = d.text(w.get("text"), f"{prefix}[{k}].text")
            tokens.append(Token(text, *d.span(start, end), None if who is None else str(who)))
    return d.transcript("assemblyai", tokens)


# ---- Rev.ai -------------------------------------------------------------------------------


def matches_revai(doc: Any) -> bool:
    """A ``monologues`` list."""
    return isinstance(_get(doc, "monologues"), list)


def read_revai(doc: Any, path: str) -> Transcript:
    """``monologues[].elements``: ``text`` elements with ``ts``/``end_ts``, spaces and
    punctuation as ``punct`` elements (joined as written), ``unknown`` elements (inaudible)
    left out; speaker ``speaker_name`` or ``Speaker N``."""
    d = Doc(REVAI, path)
    tokens: list[Token] = []
    for m, mono in enumerate(d.list(doc.get("monologues"), "monologues")):
        where = f"monologues[{m}]"
        mono = d.obj(mono, where)
        name = mono.get("speaker_name") or _get(mono, "speaker_info", "display_name")
        speaker = (
            str(name) if name else (f"Speaker {mono['speaker']}" if mono.get("speaker") is not None else None)
        )
        text = []
        starts: list[float] = []
        ends: list[float] = []
        for k, el in enumerate(d.list(mono.get("elements"), f"{where}.elements")):
            el = d.obj(el, f"{where}.elements[{k}]")
            if el.get("type") == "unknown":  # "<unknown>": speech Rev.ai could not make out
                continue
            text.append(d.text(el.get("value"), f"{where}.elements[{k}].value"))
            if el.get("type") == "text":
                start, end = d.span(
                    d.time(el.get("ts"), f"{where}.elements[{k}].ts"),
                    d.time(el.get("end_ts"), f"{where}.elements[{k}].end_ts"),
                )
                if start is not None and end is not None:
                    starts.append(start)
                    ends.append(end)
        tokens.append(Token("".join(text), min(starts, default=None), max(ends, default=None), speaker))
    return d.transcript("rev-ai", tokens)


# ---- Google Speech-to-Text ----------------------------------------------------------------


def matches_google(doc: Any) -> bool:
    """A non-empty ``results`` list whose every entry has an ``alternatives`` list."""
    results = _get(doc, "results")
    return (
        isinstance(results, list)
        and bool(results)
        and all(isinstance(r, dict) and isinstance(r.get("alternatives"), list) for r in results)
    )


def _google_words(d: Doc, result: dict[str, Any], where: str) -> tuple[str, list[dict[str, Any]]]:
    alts = result.get("alternatives")
    if not alts:
        return "", []
    alt = d.obj(alts[0], f"{where}.alternatives[0]")
    words = alt.get("words") or []
    return str(alt.get("transcript") or ""), d.list(words, f"{where}.alternatives[0].words")


def read_google(doc: Any, path: str) -> Transcript:
    """``results[].alternatives[0]`` (v1 and v2, camelCase or snake_case). With speaker
    diarization the last result repeats every word with its ``speakerTag``: then only that
    result is read (speakers ``Speaker N``); otherwise each result's words (or transcript)."""
    d = Doc(GOOGLE, path)
    results = [
        (f"results[{k}]", d.obj(r, f"results[{k}]"))
        for k, r in enumerate(d.list(doc.get("results"), "results"))
    ]
    last_where, last = results[-1]
    _, last_words = _google_words(d, last, last_where)
    tagged = any(
        isinstance(w, dict) and (w.get("speakerTag") or w.get("speaker_tag") or w.get("speakerLabel"))
        for w in last_words
    )
    if tagged:
        results = [(last_where, last)]
    tokens: list[Token] = []
    for where, result in results:
        transcript, words = _google_words(d, result, where)
        if not words:
            if transcript.strip():
                tokens.append(Token(transcript))
            continue
        for k, w in enumerate(words):
            at = f"{where}.alternatives[0].words[{k}]"
            w = d.obj(w, at)
            start = d.time(
                _first(w, "startTime", "start_time", "startOffset", "start_offset"), f"{at}.startTime"
            )
            end = d.time(_first(w, "endTime", "end_time", "endOffset", "end_offset"), f"{at}.endTime")
            tag = _first(w, "speakerLabel", "speaker_label", "speakerTag", "speaker_tag")
            speaker = f"Speaker {tag}" if tag not in (None, "", 0) else None
            tokens.append(Token(d.text(w.get("word"), f"{at}.word"), *d.span(start, end), speaker))
    return d.transcript("google-stt", tokens)


def _first(obj: dict[str, Any], *keys: str) -> Any:
    return next((obj[k] for k in keys if obj.get(k) is not None), None)
