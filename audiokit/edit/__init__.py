"""Tightening an episode: long pauses shortened and written hesitations cut from the audio, with
the episode re-timed to the tightened audio so its captions, chapters and clips follow it.

:mod:`.plan` chooses the cuts (pure, from the aligned episode and the audio's energy),
:mod:`.splice` leaves them out of a stream of samples (pure), :mod:`.timemap` re-times the
episode (pure); this module runs ffmpeg around them: one pass decodes the audio for its energy,
one writes the copy (:func:`audiokit.rewrite.rewrite`), each in memory of a block.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from audiokit.align.energy import HOP, frame_energy
from audiokit.audio import RATE, Audio, check_belongs, decode_blocks
from audiokit.edit.plan import Cut, Settings, plan_cuts
from audiokit.edit.splice import FADE, splice
from audiokit.edit.timemap import TimeMap, retime
from audiokit.loudness.apply import encoder_args
from audiokit.model import Episode
from audiokit.rewrite import rewrite

BELONGS = 0.1  # seconds the audio's length may differ from the one the episode was aligned to

__all__ = ["Cut", "Settings", "Tightened", "TimeMap", "audacity_labels", "energy", "tighten_episode"]


@dataclass(frozen=True)
class Tightened:
    """What :func:`tighten_episode` did: the cuts (times of the original audio), the episode
    re-timed to the copy, and the original's length."""

    cuts: tuple[Cut, ...]
    episode: Episode
    duration: float

    @property
    def removed(self) -> float:
        """Seconds left out."""
        return TimeMap(self.cuts).removed


def energy(audio: str | Path) -> tuple[np.ndarray, float]:
    """The audio's frame energy (dB per :data:`~audiokit.align.energy.HOP`, at 16 kHz mono) and
    its length in seconds, decoded a block at a time."""
    step = int(RATE * HOP)
    parts, total, carry = [], 0, np.zeros(0, np.int16)
    for block in decode_blocks(audio, RATE, block=step * 6000):
        total += len(block)
        data = np.concatenate([carry, block]) if len(carry) else block
        whole = len(data) // step * step
        parts.append(frame_energy(data[:whole], RATE))
        carry = data[whole:]
    return (np.concatenate(parts) if parts else np.zeros(0, np.float32)), total / RATE


def tighten_episode(audio: str | Path, episode: Episode, output: str | Path,
                    settings: Settings | None = None, decoded: Audio | None = None) -> Tightened:
    """Write ``audio`` to ``output`` (format from its extension) without the cuts
    :func:`.plan.plan_cuts` chooses for ``episode`` (aligned to ``audio``), and return them with
    the re-timed episode, whose ``audio`` is ``output``. ``decoded``: ``audio``'s 16 kHz samples
    when the caller has them (the energy is then not decoded again). The episode must have been
    aligned to this very audio, to the tenth of a second: cutting by the times of another cut
    (a trimmed intro, a tightened copy) would cut words."""
    target = Path(output)
    codec = encoder_args(target)
    if decoded is not None:
        db, length = frame_energy(decoded.samples, decoded.rate), decoded.duration
    else:
        db, length = energy(audio)
    check_belongs(audio, episode, length, slack=BELONGS)
    if episode.metadata.duration is None:
        episode = replace(episode, metadata=replace(episode.metadata, duration=round(length, 3)))
    cuts = plan_cuts(episode, db, settings or Settings())

    def tightened(blocks: Iterator[np.ndarray], rate: int) -> Iterator[np.ndarray]:
        fade = 2 * round(FADE * rate / 2)
        return splice(blocks, [(round(c.start * rate), round(c.end * rate)) for c in cuts], fade)

    rewrite(audio, target, tightened, codec)
    timed = retime(episode, cuts)
    return Tightened(cuts, replace(timed, metadata=replace(timed.metadata, audio=str(target))), length)


def audacity_labels(cuts: tuple[Cut, ...]) -> str:
    """The cuts as an Audacity label track (File > Import > Labels) over the original audio, so
    an editor can hear each one before publishing the copy.

    >>> print(audacity_labels((Cut(1.5, 2.75, "pause"), Cut(4.0, 4.6, "hesitation", (7,)))), end="")
    1.500000\t2.750000\tpause 1.25 s
    4.000000\t4.600000\thesitation 0.60 s
    """
    return "".join(f"{c.start:.6f}\t{c.end:.6f}\t{c.reason} {c.duration:.2f} s\n" for c in cuts)
