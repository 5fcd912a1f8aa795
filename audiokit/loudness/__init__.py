"""Loudness of an episode and of each of its speakers, against where podcast apps want it.

    from audiokit.loudness import measure_episode, lines, problems
    report = measure_episode("episode.mp3", episode)   # episode: aligned, or None
    print("\\n".join(lines(report)))                     # LUFS, true peak, range, speakers
    for p in problems(report): ...                      # true peak over -1 dBTP, speakers > 3 LU apart
    before, after, plan = level_episode("episode.mp3", episode, "levelled.mp3")  # each speaker to the target

The meter is ffmpeg's EBU R128 filter (:mod:`.meter`, at the edge), and so is applying gains
(:mod:`.apply`); gating any part of the episode (:mod:`.gating`), the verdicts (:mod:`.check`) and
the levelling plan (:mod:`.level`) are pure. With an aligned episode, each speaker
is measured over the audio of their own turns, so a guest recorded quieter than the host shows
as a number, not as a listener's complaint.
"""

from __future__ import annotations

from pathlib import Path

from audiokit.errors import InputError
from audiokit.loudness.apply import apply_plan
from audiokit.loudness.check import TARGETS, Report, Target, lines, problems, target_lufs, to_json
from audiokit.loudness.gating import speaker_loudness
from audiokit.loudness.level import Plan, gain_plan
from audiokit.loudness.meter import measure
from audiokit.model import Episode

__all__ = ["TARGETS", "Plan", "Report", "Target", "level_episode", "lines", "measure_episode", "problems", "to_json"]


def measure_episode(audio: str | Path, episode: Episode | None = None) -> Report:
    """Measure ``audio`` (any file ffmpeg reads) and, when ``episode`` is aligned to it, each
    speaker over their turns (from their first said word to their last)."""
    m = measure(audio)
    speakers: dict[str, float | None] = {}
    if episode is not None:
        _check_belongs(audio, episode, m.ends[-1] if m.ends else 0.0)
        speakers = speaker_loudness(m.ends, m.blocks, _turns(episode))
    return Report(m.integrated, m.loudness_range, m.true_peak, m.channels, speakers)


def _check_belongs(audio: str | Path, episode: Episode, length: float) -> None:
    """:class:`InputError` naming ``audio`` when it cannot be what ``episode`` was aligned to:
    its speakers would be measured over someone else's audio."""
    last = max((w.end for w in episode.words() if w.end is not None), default=0.0)
    aligned = episode.metadata.duration
    if length + 0.5 < last or (aligned is not None and abs(aligned - length) > 1.0 + 0.01 * aligned):
        said = f"aligned to {aligned:.1f} s of audio" if aligned is not None else f"has words until {last:.1f} s"
        raise InputError(f"audio is {length:.1f} s long but the episode was {said}; is this the audio the "
                         "episode was aligned to?", path=audio)


def _turns(episode: Episode) -> list[tuple[str, float, float]]:
    return [(t.speaker, span.start, span.end) for t in episode.turns if (span := t.span) is not None]


def level_episode(audio: str | Path, episode: Episode, output: str | Path,
                  target: Target = TARGETS["apple"]) -> tuple[Report, Report, Plan]:
    """Write ``audio`` to ``output`` with each speaker of the aligned ``episode`` brought to
    ``target``'s loudness (:mod:`.level`), peaks limited (:mod:`.apply`); returns the loudness
    before and after (each measured as :func:`measure_episode` does) and the plan applied."""
    before = measure_episode(audio, episode)
    plan = gain_plan(_turns(episode), before.speakers, target_lufs(target, before.channels))
    apply_plan(audio, plan, output)
    return before, measure_episode(output, episode), plan
