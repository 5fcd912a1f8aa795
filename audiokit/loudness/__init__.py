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
        speakers = speaker_loudness(m.ends, m.blocks, _turns(episode))
    return Report(m.integrated, m.loudness_range, m.true_peak, m.channels, speakers)


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
