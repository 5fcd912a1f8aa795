"""Loudness of an episode and of each of its speakers, against where podcast apps want it.

    from audiokit.loudness import measure_episode, lines, problems
    report = measure_episode("episode.mp3", episode)   # episode: aligned, or None
    print("\\n".join(lines(report)))                     # LUFS, true peak, range, speakers
    for p in problems(report): ...                      # true peak over -1 dBTP, speakers > 3 LU apart
    before, after, plan = level_episode("episode.mp3", episode, "levelled.mp3")  # each speaker to the target
    level_episode("episode.mp3", episode, "ridden.mp3", ride=True)  # and passages within a speaker

The meter is ffmpeg's EBU R128 filter (:mod:`.meter`, at the edge), and so is applying gains
(:mod:`.apply`); gating any part of the episode (:mod:`.gating`), the verdicts (:mod:`.check`) and
the levelling plan (:mod:`.level`) are pure. With an aligned episode, each speaker
is measured over the audio of their own turns, so a guest recorded quieter than the host shows
as a number, not as a listener's complaint.
"""

from __future__ import annotations

from pathlib import Path

from audiokit.audio import check_belongs
from audiokit.loudness.apply import apply_plan
from audiokit.loudness.check import TARGETS, UNEVEN, Report, Target, lines, problems, target_lufs, to_json
from audiokit.loudness.gating import speaker_loudness
from audiokit.loudness.level import Plan, gain_plan
from audiokit.loudness.meter import Measurement, measure
from audiokit.loudness.ride import MIN_PASSAGE_BLOCKS, corrections, offsets, passages, ridden_blocks
from audiokit.model import Episode, Sentence

__all__ = ["TARGETS", "Plan", "Report", "Target", "level_episode", "lines", "measure_episode", "problems", "to_json"]


def measure_episode(audio: str | Path, episode: Episode | None = None, measured: Measurement | None = None) -> Report:
    """Measure ``audio`` (any file ffmpeg reads) and, when ``episode`` is aligned to it, each
    speaker over their turns (from their first said word to their last). ``measured``: the
    meter's reading of ``audio`` when the caller has it already (:func:`.meter.measure`)."""
    return _report(audio, episode, measured or measure(audio))


def _report(audio: str | Path, episode: Episode | None, m: Measurement,
            measured: tuple[list[tuple[str, float, float]], list[float | None]] | None = None) -> Report:
    """The report of ``m``; ``measured``: the episode's passages and their levels, when the
    caller has them already (:func:`_passage_levels`)."""
    speakers: dict[str, float | None] = {}
    uneven: list[tuple[str, float, float, float]] = []
    if episode is not None:
        check_belongs(audio, episode, m.ends[-1] if m.ends else 0.0)
        speakers = speaker_loudness(m.ends, m.blocks, _turns(episode))
        stretches, levels = measured or _passage_levels(m, episode)
        offs = offsets(levels, [name for name, _, _ in stretches])
        uneven = [(name, start, end, off) for (name, start, end), off in zip(stretches, offs)
                  if off is not None and abs(off) > UNEVEN]
    return Report(m.integrated, m.loudness_range, m.true_peak, m.channels, speakers, tuple(uneven))


def _passage_levels(m: Measurement, episode: Episode) -> tuple[list[tuple[str, float, float]], list[float | None]]:
    """The episode's passages (:func:`.ride.passages`) and each one's loudness (LUFS; ``None``
    when too short to measure)."""
    stretches = passages([(t.speaker, [span for s in t.sentences if (span := _said_span(s)) is not None])
                          for t in episode.turns])
    keyed = [(str(k), start, end) for k, (_, start, end) in enumerate(stretches)]
    measured = speaker_loudness(m.ends, m.blocks, keyed, MIN_PASSAGE_BLOCKS)
    return stretches, [measured[key] for key, _, _ in keyed]


def _turns(episode: Episode) -> list[tuple[str, float, float]]:
    return [(t.speaker, span.start, span.end) for t in episode.turns if (span := t.span) is not None]


MAKE_UP = 0.5  # LU under the target after limiting that a second pass makes up


def level_episode(audio: str | Path, episode: Episode, output: str | Path,
                  target: Target = TARGETS["apple"], ride: bool = False,
                  measured: Measurement | None = None) -> tuple[Report, Report, Plan]:
    """Write ``audio`` to ``output`` with each speaker of the aligned ``episode`` brought to
    ``target``'s loudness (:mod:`.level`), peaks limited (:mod:`.apply`); with ``ride``, also
    each passage far from its speaker's level moved back towards it (:mod:`.ride`). When the
    limiter leaves the copy more than :data:`MAKE_UP` LU under the target, it is written once more
    with every gain raised by the shortfall. Returns the loudness before and after (each measured
    as :func:`measure_episode` does) and the plan applied. ``measured``: the meter's reading of
    ``audio``, when the caller has it already."""
    m = measured or measure(audio)
    stretches, levels = _passage_levels(m, episode)
    before = _report(audio, episode, m, (stretches, levels))
    lufs = target_lufs(target, before.channels)
    if ride:
        moves = corrections(levels, [n for n, _, _ in stretches])
        ridden = speaker_loudness(m.ends, ridden_blocks(m.ends, m.blocks, stretches, moves), _turns(episode))
        plan = gain_plan(stretches, ridden, lufs, moves)
    else:
        plan = gain_plan(_turns(episode), before.speakers, lufs)
    apply_plan(audio, plan, output)
    after = measure_episode(output, episode)
    if after.integrated is not None and lufs - after.integrated > MAKE_UP:
        # Peaky speech brought up a long way (a quiet real recording) loses loudness to the
        # limiter: raise everything by what it took and write the copy once more.
        plan = plan.raised(lufs - after.integrated)
        apply_plan(audio, plan, output)
        after = measure_episode(output, episode)
    return before, after, plan


def _said_span(sentence: Sentence) -> tuple[float, float] | None:
    """A sentence's times over its said words (a note's times are the pause it sits in)."""
    said = [w for w in sentence.words if not w.note and w.start is not None and w.end is not None]
    return (said[0].start, said[-1].end) if said else None  # type: ignore[return-value]
