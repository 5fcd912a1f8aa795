"""A region decodes the same whatever the process decoded before it, so an alignment with two
workers gives exactly what one worker gives (pocketsphinx counts frames across utterances, and the
recognition pass's frame downsampling took different frames with a different history)."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiokit import audio, transcripts
from audiokit.align import sphinx
from audiokit.align.aligner import spoken_episode
from audiokit.align.lexicon import Lexicon

SAMPLE = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[sphinx.Resources, audio.Audio]:
    episode = transcripts.load(SAMPLE / "episode.txt").episode
    base = Lexicon.for_language("en")
    _, tokens = spoken_episode(episode, base)
    lexicon = base.with_guesses(t.text for t in tokens)
    sentences: dict[int, list[str]] = {}
    for t in tokens:
        if t.text in lexicon:
            sentences.setdefault(t.sentence, []).append(t.text)
    res = sphinx.write_resources(list(sentences.values()), lexicon, tmp_path_factory.mktemp("res"))
    return res, audio.decode(SAMPLE / "episode.mp3")


def test_recognition_and_forced_alignment_do_not_depend_on_what_came_before(sample) -> None:
    res, sound = sample
    length = min(60.0, sound.duration / 3)  # long enough for the history to have shown (60 s regions)
    region = (sound.duration / 2, sound.duration / 2 + length)

    def heard(span: tuple[float, float]) -> list:
        return sphinx.recognize(res, sound.slice(*span).tobytes(), span[0])

    def placed(span: tuple[float, float], words: list[str]) -> list:
        return sphinx.force_align(res, sound.slice(*span).tobytes(), words, span[0])

    first = heard(region)
    assert first, "the sample's middle should be heard"
    words = [h.text for h in first]
    aligned = placed(region, words)
    for other in [(0.0, length), (length / 2, length * 1.5 + 0.01)]:  # the second: an odd frame count
        placed(other, [h.text for h in heard(other)])
        assert heard(region) == first
        assert placed(region, words) == aligned
