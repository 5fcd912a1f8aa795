"""The tighten stage of :func:`audiokit.pipeline.run` (``--tighten``): right after the alignment,
a copy of the audio with long pauses shortened and written hesitations cut
(:func:`audiokit.edit.tighten_episode`); every later stage (captions, chapters, clips, loudness,
the levelled copy, the preview) then works on that copy and the episode re-timed to it.

    OUT/<audio>.tight.<ext>   the tightened copy (FLAC where audiokit cannot write the format)
    OUT/episode.tight.json    the episode re-timed to it
    OUT/cuts.txt              the cuts as Audacity labels over the original audio

``episode.json`` and ``report.json`` stay the alignment of the original audio.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from audiokit import episode_json
from audiokit.chapters.timefmt import short_clock
from audiokit.edit import Cut, Settings, TimeMap, audacity_labels, tighten_episode
from audiokit.edit.timemap import retime
from audiokit.model import Episode
from audiokit.pipeline.cache import stage_key
from audiokit.pipeline.media import copy_name
from audiokit.pipeline.state import State
from audiokit.text.counts import counted

__all__ = ["FILES", "retimed_report", "tighten", "tightened_name"]

FILES = ("episode.tight.json", "cuts.txt")


def tightened_name(audio: Path) -> str:
    """The name of the tightened copy of ``audio`` (:func:`.media.copy_name`).

    >>> tightened_name(Path("show/ep 12.mp3")), tightened_name(Path("a.aiff"))
    ('ep 12.tight.mp3', 'a.tight.flac')
    """
    return copy_name(audio, "tight")


def retimed_report(report: dict[str, Any], timemap: TimeMap) -> dict[str, Any]:
    """The alignment report (``report.json``'s dictionary) with its times moved to the tightened
    audio: passages not found, stretches the transcript lacks, silences, DTW stretches.

    >>> from audiokit.edit import Cut
    >>> r = retimed_report({"duration": 10.0, "absent": [{"after": 6.0}], "extra_audio": [{"start": 7.0, "end": 8.0}],
    ...                     "dtw": [[1.0, 2.0, 3]]}, TimeMap((Cut(4.0, 5.0, "pause"),)))
    >>> r["duration"], r["absent"], r["extra_audio"], r["dtw"]
    (9.0, [{'after': 5.0}], [{'start': 6.0, 'end': 7.0}], [[1.0, 2.0, 3]])
    """
    out = dict(report)
    out["absent"] = [{**p, "after": None if p.get("after") is None else timemap(p["after"])}
                     for p in report.get("absent", [])]
    for name in ("extra_audio", "silences"):
        out[name] = [{**s, "start": timemap(s["start"]), "end": timemap(s["end"])} for s in report.get(name, [])]
    out["dtw"] = [[timemap(a), timemap(b), n] for a, b, n in report.get("dtw", [])]
    if report.get("duration") is not None:
        out["duration"] = round(float(report["duration"]) - timemap.removed, 6)
    return out


def tighten(st: State, align_key: str, episode: Episode,
            report: dict[str, Any]) -> tuple[State, str, Episode, dict[str, Any]]:
    """The tighten stage: the state, key, episode and report the later stages read, all of the
    tightened copy (its key stands for the alignment's in theirs)."""
    from audiokit.audio import decode
    from audiokit.preview.timeline import envelope

    began = time.perf_counter()
    o = st.options
    key = stage_key("tighten", {"max_pause": o.max_pause}, upstream=[align_key])
    target = st.out / tightened_name(st.audio)
    record = st.cache.load("tighten", key)
    cached = record is not None and st.cache.outputs_match(record, [target])
    decoded = None
    if record is not None and cached:
        data = record["data"]
    else:
        st.progress("tighten", 0, 1)
        st.cache.claim(target)
        done = tighten_episode(st.audio, episode, target, Settings(max_pause=o.max_pause), decoded=st.decoded)
        st.decoded = None  # the original's samples (370 MB for 3 hours): no later stage reads them
        decoded = decode(target)  # the clips stage's prosody reads the copy's samples
        data = {"cuts": [[c.start, c.end, c.reason, list(c.words)] for c in done.cuts],
                "envelope": envelope(decoded.samples), "duration": decoded.duration}
        st.cache.save("tighten", key, data)
        st.cache.record(target)
        st.cache.set_outputs("tighten", key, [target])
    cuts = tuple(Cut(a, b, reason, tuple(words)) for a, b, reason, words in data["cuts"])
    timemap = TimeMap(cuts)
    timed = retime(episode, cuts)
    timed = replace(timed, metadata=replace(timed.metadata, audio=str(target), duration=round(data["duration"], 3)))
    st.put_text("episode.tight.json", episode_json.dumps(timed))
    st.put_text("cuts.txt", audacity_labels(cuts))
    st.files.append(target)
    words = sum(len(c.words) for c in cuts)
    hesitations = f" and {counted(words, 'hesitation')} cut" if words else ""
    st.notes.append(f"tightened copy {target.name}: {counted(len(cuts) - sum(1 for c in cuts if c.words), 'pause')} "
                    f"shortened{hesitations}, {short_clock(data['duration'] + timemap.removed)} -> "
                    f"{short_clock(data['duration'])}")
    moved = retimed_report(report, timemap)
    moved["envelope"], moved["audio_duration"] = data["envelope"], data["duration"]
    st.decoded = None
    st.timed("tighten", began, cached)
    return replace(st, audio=target, decoded=decoded, measured=None), key, timed, moved
