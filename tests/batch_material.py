"""Episodes for the batch tests, made in a temporary folder from ``samples/`` and espeak-ng.

- ``sample``: the sample episode cut after the first turns that reach 30 s (times and texts
  from ``episode.truth.json``), with a transcript of just those turns; the whole sample when
  the truth file has no turns;
- ``other``: a short, different conversation spoken by espeak-ng, with its transcript;
- ``broken``: bytes that are not audio, with a good transcript;
- ``wrong``: the ``other`` audio with the ``sample`` transcript (a transcript of another episode).

Nothing here hard-codes a fact of the sample: lengths and texts come from its files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
AUDIOKIT = [sys.executable, "-m", "audiokit"]
CUT_AFTER = 30.0  # seconds: the sample episode is cut at the end of the first turn past this

OTHER = [  # nothing a podcast greeting shares: the "wrong" pairing must not be heard as a match
    ("Greta Olsen", "Tomatoes want warm soil, steady water and plenty of sun. Compost helps, "
                    + "and mulch keeps the roots cool in July."),
    ("Tomas Reyes", "Lettuce and radishes grow fast. Plant them in rows, thin them early, "
                    + "and pick them within a month."),
    ("Greta Olsen", "Frost kills basil overnight, so cover it with fleece."),
    ("Tomas Reyes", "Garlic goes in during October and comes up in June."),
]


@dataclass(frozen=True)
class Material:
    """Paths of the made episodes (audio, transcript) by name."""

    folder: Path
    episodes: dict[str, tuple[Path, Path]]


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", *args], check=True)


def _cut_sample(folder: Path) -> tuple[Path, Path]:
    audio, transcript = folder / "sample.mp3", folder / "sample.txt"
    truth_path = SAMPLES / "episode.truth.json"
    turns = []
    if truth_path.is_file():
        turns = json.loads(truth_path.read_text(encoding="utf-8")).get("turns") or []
    kept = []
    for turn in turns:
        kept.append(turn)
        if float(turn["end"]) >= CUT_AFTER:
            break
    if not kept or not all({"speaker", "text", "end"} <= set(t) for t in kept):
        shutil.copy(SAMPLES / "episode.mp3", audio)
        shutil.copy(SAMPLES / "episode.txt", transcript)
        return audio, transcript
    end = float(kept[-1]["end"]) + 0.5
    _ffmpeg("-i", str(SAMPLES / "episode.mp3"), "-t", f"{end:.3f}", "-c:a", "libmp3lame", "-b:a", "64k", str(audio))
    transcript.write_text("\n\n".join(f"{t['speaker']}: {t['text']}" for t in kept) + "\n", encoding="utf-8")
    return audio, transcript


def _speak(folder: Path) -> tuple[Path, Path]:
    wav, audio, transcript = folder / "other.raw.wav", folder / "other.mp3", folder / "other.txt"
    text = " ".join(t for _, t in OTHER)
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(wav), text], check=True,
                   stdout=subprocess.DEVNULL)
    _ffmpeg("-i", str(wav), "-af", "adelay=800|800,apad=pad_dur=1", "-ar", "22050", "-c:a", "libmp3lame",
            "-b:a", "64k", str(audio))
    wav.unlink()
    transcript.write_text("\n\n".join(f"{s}: {t}" for s, t in OTHER) + "\n", encoding="utf-8")
    return audio, transcript


def make(folder: Path) -> Material:
    """Make the episodes in ``folder`` (see the module docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    sample = _cut_sample(folder)
    other = _speak(folder)
    broken = (folder / "broken.mp3", folder / "broken.txt")
    broken[0].write_bytes(b"ID3 this is not audio at all " * 200)
    shutil.copy(sample[1], broken[1])
    wrong = (folder / "wrong.mp3", folder / "wrong.txt")
    shutil.copy(other[0], wrong[0])
    shutil.copy(sample[1], wrong[1])
    return Material(folder, {"sample": sample, "other": other, "broken": broken, "wrong": wrong})


def place(material: Material, target: Path, names: dict[str, str]) -> Path:
    """Copy episodes into ``target`` under new stems (``names``: new stem -> episode name)."""
    target.mkdir(parents=True, exist_ok=True)
    for stem, name in names.items():
        audio, transcript = material.episodes[name]
        shutil.copy(audio, target / f"{stem}{audio.suffix}")
        shutil.copy(transcript, target / f"{stem}{transcript.suffix}")
    return target


def batch(*args: str, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``audiokit batch ARGS`` in a child process (the real command line, Dask and all)."""
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run([*AUDIOKIT, "batch", *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=timeout, check=False)


def records(out: Path) -> dict[str, dict]:
    """OUT/catalog.json's records by id."""
    doc = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    return {r["id"]: r for r in doc["episodes"]}


def files_under(folder: Path) -> dict[str, int]:
    """Every file below ``folder`` (relative path -> modification time in ns)."""
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*")) if p.is_file()}
