"""``audiokit transcript FILE``: read a transcript and show what audiokit made of it."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from audiokit import episode_json
from audiokit.cli.app import app
from audiokit.cli.common import LanguageOpt, SpeakerNamesOpt, language, speaker_names, warn_all
from audiokit.transcripts import FORMATS, Transcript, load


def summary(transcript: Transcript) -> str:
    """The human summary printed by ``audiokit transcript``."""
    ep = transcript.episode
    m = ep.metadata
    sentences = sum(len(t.sentences) for t in ep.turns)
    notes = [w.text for w in ep.words() if w.note]
    lines = [
        f"file:      {m.source}",
        f"format:    {transcript.format}",
        f"shape:     {transcript.shape}",
        f"title:     {m.title or '-'}",
        f"speakers:  {len(ep.speakers)}",
    ]
    for speaker in ep.speakers:
        turns = sum(1 for t in ep.turns if t.speaker == speaker.name)
        role = f" ({speaker.role})" if speaker.role else ""
        lines.append(f"  - {speaker.name}{role}: {turns} turn{'s' if turns != 1 else ''}")
    lines += [
        f"turns:     {len(ep.turns)}",
        f"sentences: {sentences}",
        f"words:     {ep.word_count - len(notes)}",
    ]
    if notes:  # a Counter keeps first-seen order
        seen = Counter(notes)
        lines.append(f"notes:     {len(notes)}, not speech: "
                     + ", ".join(f"{n} × {t}" if n > 1 else t for t, n in list(seen.items())[:6])
                     + (" ..." if len(seen) > 6 else ""))
    if transcript.language is not None:
        lines.append(f"language:  {transcript.language.note.removeprefix('language: ')}")  # in the column above
    if m.description:
        lines += ["description:", *(f"  {ln}" for ln in m.description.splitlines())]
    if m.preamble:
        lines += ["preamble (not speech):", *(f"  {ln}" for ln in m.preamble.splitlines() if ln.strip())]
    return "\n".join(lines)


@app.command("transcript")
def transcript_command(
    file: Annotated[Path, typer.Argument(help="Transcript file: speaker turns, a tool's text export (also as Word .docx or .odt), captions or speech-to-text JSON.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the episode JSON (no times) instead.")] = False,
    format: Annotated[
        str | None,
        typer.Option("--format", help=f"Read as this format instead of detecting it: {', '.join(FORMATS)}."),
    ] = None,
    names: SpeakerNamesOpt = None,
    lang: LanguageOpt = None,
) -> None:
    """Read a transcript (format detected) and show which shape it is, its speakers, turns, words
    and language."""
    transcript = load(file, format, speaker_names(names), language(lang))
    warn_all(transcript.warnings)
    if as_json:
        sys.stdout.write(episode_json.dumps(transcript.episode))
    else:
        print(summary(transcript))
