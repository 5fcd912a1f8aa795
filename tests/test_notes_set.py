"""scripts/notes_set.py: seed-notes, seed-full's transcript with transcribers' notes written in."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import notes_set

from audiokit.transcripts import load

SEED_FULL = notes_set.BENCH / "seed-full"


@pytest.mark.skipif(not (SEED_FULL / "truth.json").exists(), reason="needs ../shared/bench/seed-full")
def test_the_notes_are_read_as_notes_and_every_word_is_seed_fulls(tmp_path: Path) -> None:
    folder = notes_set.build(target=tmp_path / "seed-notes")
    noted = load(folder / "transcript.txt").episode
    plain = load(SEED_FULL / "transcript.txt").episode
    assert [w.text for w in noted.words() if not w.note] == [w.text for w in plain.words()]
    assert sum(1 for w in noted.words() if w.note) == notes_set.NOTES + 1  # and the [Music] line
    assert noted.metadata.title == plain.metadata.title
    assert next(noted.words()).text == "[Music]"
    assert (folder / "episode.flac").resolve() == (SEED_FULL / "episode.flac").resolve()
