#!/usr/bin/env python3
"""Generate two-host benchmark episodes in other languages with Festival, with exact word times.

    .venv/bin/python scripts/make_lang_episodes.py [--only ru] [--out bench-out]

Each `scripts/lang_episodes/<code>.txt` is an original conversation in the seed's style: a header
naming the language and each host's Festival voice, then the transcript exactly as a producer
has it (preamble lines that are not spoken, `Name, role:` first mentions). Two marks exist only
in the source and never reach the transcript: `## Title` before a paragraph opens a chapter, and
`{written|spoken}` gives a token the words the host says for it (`{2023|две тысячи двадцать
третьем}`, a case form a number-to-words table cannot know); other tokens are read by the voice
itself.

Writes `OUT/lang-<code>/` with `episode.flac` (16 kHz mono), `transcript.txt`, `truth.json` in
the format of `../shared/bench` (README there) and `generation.json` (voices, checks). Every
paragraph is synthesized separately; word times come from Festival's own utterance (each
token's words through the SylStructure relation to their first and last segments), shifted by
where the paragraph's audio is placed. They are checked against the audio: every word must hold
speech energy, Festival's long pauses must be quiet, and speech must resume within a few frames
of the word Festival starts after each long pause. A language whose voice is not installed is
skipped with one line. Output is deterministic for given Festival voice versions.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "scripts" / "lang_episodes"
VOICE_DIRS = Path("/usr/share/festival/voices")
RATE = 16000
LEAD, TAIL = 0.6, 1.0  # seconds of silence before the first and after the last word
GAP_IN_TURN, GAP_BETWEEN_TURNS = 0.35, 0.7  # seconds from one paragraph's last word to the next one's first
PAD = 0.04  # seconds of the synthesizer's own audio kept around each paragraph's words
TARGET_RMS, PEAK = 10 ** (-20 / 20), 10 ** (-1 / 20)
_MARK = re.compile(r"\{([^{}|]+)\|([^{}]+)\}")
_SENTENCE_END = re.compile(r"(?<=[.!?।…])\s+")

# One utterance's tokens (each with its words' first-segment start and last-segment end) and segments.
_SCHEME = r"""
(define (ak_word w)
  (format t "\t%s\t%s\t%s" (item.name w)
    (item.feat w "R:SylStructure.daughter1.daughter1.segment_start")
    (item.feat w "R:SylStructure.daughtern.daughtern.end")))
(define (ak_dump utt para)
  (format t "PARA\t%d\n" para)
  (let ((tok (utt.relation.first utt 'Token)))
    (while tok
      (format t "TOK")
      (mapcar ak_word (item.daughters tok))
      (format t "\n")
      (set! tok (item.next tok))))
  (mapcar (lambda (s) (format t "SEG\t%s\t%s\n" (item.name s) (item.feat s "end")))
          (utt.relation.items utt 'Segment))
  (format t "SIL\t%s\n" (car (cadr (car (PhoneSet.description '(silences)))))))
"""


@dataclass
class Paragraph:
    speaker: str
    written: str  # as in the transcript (label included on a turn's first paragraph)
    tokens: list[tuple[str, str]]  # (written token, spoken words) of the spoken part
    new_turn: bool
    chapter: str | None = None
    times: list[tuple[float, float]] = field(default_factory=list)  # per token, in the episode


@dataclass
class Source:
    code: str
    voices: dict[str, tuple[str, float]]  # speaker -> (Festival voice, duration stretch)
    encoding: str
    abbreviations: list[str]
    tts_delete: str  # characters the voice cannot read, removed from its input only
    preamble: list[str]
    paragraphs: list[Paragraph]


def parse_source(text: str) -> Source:
    """Read a source file: `# key: value` header lines, then the transcript with its marks.

    >>> s = parse_source("# lang: ru\\n# voice: Анна Соколова = v1\\n# voice: Иван = v2 1.1\\n\\nTitle\\n\\n"
    ...                  "## Start\\nАнна Соколова, ведущая: Было {3%|три процента}. Да!\\n\\nИван: Нет.\\n")
    >>> s.preamble, [(p.speaker, p.written, p.chapter) for p in s.paragraphs]
    (['Title'], [('Анна Соколова', 'Анна Соколова, ведущая: Было 3%. Да!', 'Start'), ('Иван', 'Иван: Нет.', None)])
    >>> s.paragraphs[0].tokens, s.voices["Иван"]
    ([('Было', 'Было'), ('3%.', 'три процента.'), ('Да!', 'Да!')], ('v2', 1.1))
    """
    header: dict[str, list[str]] = {}
    lines = text.splitlines()
    while lines and (lines[0].startswith("# ") or not lines[0].strip()):
        key, _, value = lines.pop(0)[2:].partition(":")
        if key.strip():
            header.setdefault(key.strip(), []).append(value.strip())
    voices = {}
    for spec in header.get("voice", []):
        speaker, _, rest = spec.partition("=")
        parts = rest.split()
        voices[speaker.strip()] = (parts[0], float(parts[1]) if len(parts) > 1 else 1.0)
    preamble, paragraphs, chapter = [], [], None
    for block in re.split(r"\n\s*\n", "\n".join(lines)):
        block = block.strip()
        if block.startswith("## "):
            title, _, block = block.partition("\n")
            chapter, block = title[3:].strip(), block.strip()
        if not block:
            continue
        speaker = next((n for n in voices if re.match(re.escape(n) + r"\s*[,:]", block)), None)
        if speaker is None and not paragraphs:
            preamble.append(block)
            continue
        body = block.split(": ", 1)[1] if speaker else block
        written_body = _MARK.sub(lambda m: m.group(1), body)
        paragraphs.append(Paragraph(speaker or paragraphs[-1].speaker,
                                    _MARK.sub(lambda m: m.group(1), block), tokens(body), speaker is not None, chapter))
        chapter = None
        assert len(written_body.split()) == len(paragraphs[-1].tokens)
    return Source(header["lang"][0], voices, header.get("encoding", ["utf-8"])[0],
                  " ".join(header.get("abbreviations", [])).split(),
                  "".join(header.get("tts-delete", [])).replace(" ", ""), preamble, paragraphs)


def tokens(body: str) -> list[tuple[str, str]]:
    """(written, spoken) per whitespace token; a `{written|spoken}` mark sets the spoken words.

    >>> tokens("в {2023|две тысячи двадцать третьем} году")
    [('в', 'в'), ('2023', 'две тысячи двадцать третьем'), ('году', 'году')]
    """
    hidden = _MARK.sub(lambda m: "{" + m.group(1) + "|" + m.group(2).replace(" ", "\0") + "}", body)
    return [(_MARK.sub(lambda m: m.group(1), t), _MARK.sub(lambda m: m.group(2), t).replace("\0", " "))
            for t in hidden.split()]


def sentences(words: list[str], abbreviations: list[str]) -> list[list[int]]:
    """Token indices per sentence: a sentence ends at . ! ? ؟ । … unless the token is a listed abbreviation.

    >>> sentences("Это т. е. пример. Да! नमस्ते। हाँ".split(), ["т.", "е."])
    [[0, 1, 2, 3], [4], [5], [6]]
    >>> sentences("وماذا عن الطماطم؟ سمعت أنها صعبة.".split(), [])
    [[0, 1, 2], [3, 4, 5]]
    """
    out, current = [], []
    for i, w in enumerate(words):
        current.append(i)
        if re.search(r"[.!?؟।…]$", w) and w not in abbreviations:
            out.append(current)
            current = []
    return out + ([current] if current else [])


def festival_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def voice_installed(voice: str) -> bool:
    return any(VOICE_DIRS.glob(f"*/{voice}"))


def synthesize(src: Source, workdir: Path) -> dict[int, dict]:
    """Run one Festival process per voice over its paragraphs; per paragraph: wav path, tokens, segments."""
    out: dict[int, dict] = {}
    by_voice: dict[tuple[str, float], list[int]] = {}
    for i, p in enumerate(src.paragraphs):
        by_voice.setdefault(src.voices[p.speaker], []).append(i)
    for (voice, stretch), paras in by_voice.items():
        script = [_SCHEME, f"(voice_{voice})", f"(Parameter.set 'Duration_Stretch {stretch})"]
        for i in paras:
            spoken = " ".join(s for _, s in src.paragraphs[i].tokens).translate({ord(c): None for c in src.tts_delete})
            wav = workdir / f"p{i:04d}.wav"
            script += [f"(set! utt (SynthText {festival_string(spoken)}))", f"(utt.wave.resample utt {RATE})",
                       f"(utt.save.wave utt {festival_string(str(wav))} 'riff)", f"(ak_dump utt {i})"]
        path = workdir / f"{voice}.scm"
        path.write_bytes("\n".join(script).encode(src.encoding))
        run = subprocess.run(["festival", "-b", str(path)], capture_output=True, cwd=workdir, check=False)
        if run.returncode != 0:
            raise SystemExit(f"festival {voice} failed: {run.stderr.decode(errors='replace')[-800:]}")
        out.update(parse_dump(run.stdout.decode(src.encoding, errors="replace"), workdir))
    return out


def parse_dump(text: str, workdir: Path) -> dict[int, dict]:
    """Festival's printout (`_SCHEME`) -> per paragraph: word (start, end) lists per token, segments, silence."""
    out: dict[int, dict] = {}
    cur: dict = {}
    for line in text.splitlines():
        kind, *rest = line.split("\t")
        if kind == "PARA":
            cur = out[int(rest[0])] = {"wav": workdir / f"p{int(rest[0]):04d}.wav", "tokens": [], "segments": []}
        elif kind == "TOK":
            words = [(float(rest[k + 1]), float(rest[k + 2])) for k in range(0, len(rest), 3) if rest[k]]
            cur["tokens"].append([(s, e) for s, e in words if e > s])
        elif kind == "SEG":
            cur["segments"].append((rest[0], float(rest[1])))
        elif kind == "SIL":
            cur["silence"] = rest[0]
    return out


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1 and w.getsampwidth() == 2, path
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768


def token_times(p: Paragraph, synth: dict) -> list[tuple[float, float]]:
    """Each written token's (start, end) in the paragraph's own audio, from the Festival tokens of its spoken words."""
    festival = synth["tokens"]
    counts = [len(s.split()) for _, s in p.tokens]
    if sum(counts) != len(festival):
        raise SystemExit(f"Festival made {len(festival)} tokens of {sum(counts)} for: {p.written[:80]}")
    times, k = [], 0
    for (written, _), n in zip(p.tokens, counts):
        words = [w for tok in festival[k:k + n] for w in tok]
        if not words:
            raise SystemExit(f"Festival said nothing for {written!r} in: {p.written[:80]}")
        times.append((words[0][0], words[-1][1]))
        k += n
    return times


def check(audio: np.ndarray, times: list[tuple[float, float]], synth: dict) -> dict:
    """Festival's times against its audio, in 10 ms frames.

    The floor is the median level inside Festival's long pauses (>= 150 ms); speech is a frame
    10 dB above it. Each word must hold speech; each long pause must sit 15 dB under the words'
    median; and speech must resume near the start of the word Festival puts after a pause (a
    word opening with a stop or a weak fricative resumes at its burst or vowel, so some tens of
    ms late is expected).
    """
    frames = audio[: len(audio) // 160 * 160].reshape(-1, 160)
    db = 20 * np.log10(np.sqrt((frames ** 2).mean(axis=1)) + 1e-9)
    pauses, prev = [], 0.0
    for name, end in synth["segments"]:
        if name == synth.get("silence") and end - prev >= 0.15:
            pauses.append((prev, end))
        prev = end
    inside = lambda s, e: db[int(s * 100):max(int(e * 100), int(s * 100) + 1)]
    speech_level = float(np.median(np.concatenate([inside(s, e) for s, e in times])))
    pause_levels = [float(np.median(inside(s + 0.03, e - 0.03))) for s, e in pauses]
    floor = float(np.median(pause_levels)) if pause_levels else float(np.percentile(db, 5))
    # Resumed speech: three frames in a row within 20 dB of the words' median (a click in a pause is not).
    loud = db > max(floor + 10, speech_level - 20)
    resumed = loud[:-2] & loud[1:-1] & loud[2:]
    onsets = []
    for s, e in pauses:
        nxt = next((w for w, _ in times if w >= e - 0.001), None)
        after = np.flatnonzero(resumed[int(s * 100) + 3:]) + int(s * 100) + 3
        if nxt is not None and after.size:
            onsets.append(after[0] / 100 - nxt)
    return {"words": len(times), "words_with_speech": sum(bool((inside(s, e) > floor + 10).any()) for s, e in times),
            "pauses_quiet": [level <= speech_level - 15 for level in pause_levels], "onset_errors": onsets}


def build(src: Source, out: Path, workdir: Path) -> dict:
    synth = synthesize(src, workdir)
    pieces, n, last_end, checks = [], 0, None, []
    for i, p in enumerate(src.paragraphs):
        audio, local = read_wav(synth[i]["wav"]), token_times(p, synth[i])
        checks.append(check(audio, local, synth[i]))
        first, last = local[0][0], local[-1][1]
        a, b = max(0, int((first - PAD) * RATE)), min(len(audio), int((last + PAD) * RATE))
        cut = audio[a:b]
        level = np.sqrt(np.mean(np.concatenate([audio[int(s * RATE):int(e * RATE)] for s, e in local]) ** 2))
        cut = cut * min(TARGET_RMS / max(level, 1e-6), PEAK / max(np.abs(cut).max(), 1e-6))
        # This paragraph's first word comes a fixed gap after the previous paragraph's last word.
        want = LEAD if last_end is None else last_end + (GAP_BETWEEN_TURNS if p.new_turn else GAP_IN_TURN)
        start = max(n, round(want * RATE - (first * RATE - a)))
        pieces += [np.zeros(start - n), cut]
        n = start + len(cut)
        offset = (start - a) / RATE
        p.times = [(round(s + offset, 3), round(e + offset, 3)) for s, e in local]
        last_end = last + offset
    pieces.append(np.zeros(int(TAIL * RATE)))
    audio = np.concatenate(pieces)
    write_outputs(src, out, audio)
    return summary(src, checks, len(audio) / RATE)


def truth_of(src: Source, duration: float) -> dict:
    turns, chapters = [], []
    for p in src.paragraphs:
        if p.new_turn:
            turns.append({"speaker": p.speaker, "sentences": []})
        if p.chapter:
            chapters.append({"title": p.chapter, "start": p.times[0][0], "turn": len(turns) - 1})
        words = [w for w, _ in p.tokens]
        for idx in sentences(words, src.abbreviations):
            turns[-1]["sentences"].append({
                "text": " ".join(words[k] for k in idx), "start": p.times[idx[0]][0], "end": p.times[idx[-1]][1],
                "in_transcript": True,
                "tokens": [{"text": words[k], "start": p.times[k][0], "end": p.times[k][1]} for k in idx]})
    for t in turns:
        t["start"], t["end"] = t["sentences"][0]["start"], t["sentences"][-1]["end"]
    speakers = list(dict.fromkeys(p.speaker for p in src.paragraphs))
    turns = [{"speaker": t["speaker"], "start": t["start"], "end": t["end"], "sentences": t["sentences"]} for t in turns]
    return {"duration": round(duration, 3), "speakers": speakers, "chapters": chapters, "turns": turns}


def write_flac(path: Path, audio: np.ndarray) -> None:
    """``audio`` (floats in -1..1 at ``RATE``) as 16-bit FLAC, written under a temporary name first."""
    pcm = (np.clip(audio, -1, 1 - 1 / 32768) * 32768).astype("<i2").tobytes()
    tmp = path.with_suffix(".tmp.flac")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", "-",
                    "-c:a", "flac", str(tmp)], input=pcm, check=True)
    tmp.replace(path)


def write_outputs(src: Source, out: Path, audio: np.ndarray) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_flac(out / "episode.flac", audio)
    transcript = "\n\n".join([*src.preamble, *(p.written for p in src.paragraphs)]) + "\n"
    (out / "transcript.txt").write_text(transcript, encoding="utf-8")
    truth = truth_of(src, len(audio) / RATE)
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def summary(src: Source, checks: list[dict], duration: float) -> dict:
    words = sum(c["words"] for c in checks)
    quiet = [q for c in checks for q in c["pauses_quiet"]]
    onsets = sorted(abs(o) for c in checks for o in c["onset_errors"])
    late = sorted(o for c in checks for o in c["onset_errors"])
    return {"language": src.code, "duration": round(duration, 3), "words": words,
            "voices": {s: {"voice": v, "duration_stretch": k} for s, (v, k) in src.voices.items()},
            "check": {"words_with_speech": sum(c["words_with_speech"] for c in checks) / words,
                      "long_pauses": len(quiet), "long_pauses_quiet": sum(quiet) / len(quiet) if quiet else None,
                      "onset_after_pause_median_ms": 1000 * onsets[len(onsets) // 2] if onsets else None,
                      "onset_after_pause_p90_ms": 1000 * onsets[int(len(onsets) * 0.9)] if onsets else None,
                      "onset_after_pause_signed_median_ms": 1000 * late[len(late) // 2] if late else None}}


def make(path: Path, out_root: Path) -> str:
    src = parse_source(path.read_text(encoding="utf-8"))
    name = f"lang-{src.code}"
    missing = [v for v in dict.fromkeys(v for v, _ in src.voices.values()) if not voice_installed(v)]
    if shutil.which("festival") is None or missing:
        return f"{name}: skipped: Festival voice {', '.join(missing) or '(festival itself)'} is not installed"
    with tempfile.TemporaryDirectory(prefix="lang-episode-") as tmp:
        info = build(src, out_root / name, Path(tmp))
    (out_root / name / "generation.json").write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n",
                                                     encoding="utf-8")
    c = info["check"]
    return (f"{name}: {info['duration']:.0f} s, {info['words']} words; words with speech {c['words_with_speech']:.1%}, "
            f"{c['long_pauses']} long pauses {c['long_pauses_quiet'] or 0:.0%} quiet, speech after a pause within "
            f"{c['onset_after_pause_median_ms'] or 0:.0f} ms (median) of Festival's word start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="language code (default: every source file)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    args = parser.parse_args()
    for path in sorted(TEXTS.glob("*.txt")):
        if args.only and path.stem not in args.only:
            continue
        print(make(path, args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
