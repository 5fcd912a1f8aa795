"""Levelling speakers (pure): the gain each stretch of an episode gets so that every measured
speaker sits at the target loudness, and the gain curve that carries it.

What a producer does by hand with clip gain: each speaker's turns get one gain, the difference
between the target and that speaker's own loudness (:func:`~.gating.speaker_loudness`), so a
guest recorded 5 LU under the host comes up 5 LU more than the host. Speech is left as it was
within a speaker (no compression, no riding of single words) unless passages are given a ride
(:mod:`.ride`: a passage far from its speaker's level moved back towards it). Audio outside every turn (intro
music, the pause between turns) gets the speech-weighted mean of the speakers' gains, the gain
that moves the episode as a whole. A change of gain is a short linear ramp (in dB) placed in
the middle of the pause between two turns, or across their meeting point when they overlap, so
no gain change falls on a word.

>>> plan = gain_plan([("Ann", 0.0, 4.0), ("Bo", 4.5, 9.0)], {"Ann": -20.0, "Bo": -26.0}, -20.0)
>>> plan.gains
{'Ann': 0.0, 'Bo': 6.0}
>>> [round(plan.at(t), 2) for t in (1.0, 4.25, 6.0, 20.0)]
[0.0, 3.0, 6.0, 3.18]
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["MAX_GAIN", "RAMP", "Plan", "gain_plan"]

RAMP = 0.2  # seconds a gain change takes at most (less in a shorter pause)
MAX_GAIN = 20.0  # dB a speaker is moved at most: beyond it the level measure is not to be trusted


@dataclass(frozen=True)
class Plan:
    """The gain (dB) of each speaker and of the audio between turns, and the curve: ``points``
    are ``(time, gain)`` corners, the gain linear between them and constant beyond the ends;
    ``ridden`` the passages moved within a speaker (:mod:`.ride`)."""

    gains: Mapping[str, float]
    between: float
    points: tuple[tuple[float, float], ...]
    ridden: tuple[tuple[float, float, float], ...] = ()  # (start, end, dB) of passages moved beyond their speaker's gain

    def at(self, t: float) -> float:
        """The gain (dB) at ``t`` seconds."""
        times = [p[0] for p in self.points]
        k = bisect.bisect_right(times, t)
        if k == 0:
            return self.points[0][1] if self.points else self.between
        if k == len(self.points):
            return self.points[-1][1]
        (t0, g0), (t1, g1) = self.points[k - 1], self.points[k]
        return g0 if t1 == t0 else g0 + (g1 - g0) * (t - t0) / (t1 - t0)

    def raised(self, db: float) -> Plan:
        """The same plan ``db`` louder everywhere (within :data:`MAX_GAIN`): make-up for what
        the limiter took.

        >>> Plan({"Ann": 2.0}, 1.0, ((0.0, 2.0), (5.0, 19.0))).raised(1.5).points
        ((0.0, 3.5), (5.0, 20.0))
        """
        def up(gain: float) -> float:
            return min(MAX_GAIN, gain + db)

        return Plan({name: up(g) for name, g in self.gains.items()}, up(self.between),
                    tuple((t, up(g)) for t, g in self.points), self.ridden)

    def curve(self, start: float, count: int, rate: int) -> np.ndarray:
        """The gain as a linear factor for ``count`` samples at ``rate`` from ``start`` seconds.

        >>> Plan({}, -6.0, ()).curve(0.0, 2, 10).round(3).tolist()
        [0.501, 0.501]
        """
        times = start + np.arange(count) / rate
        if not self.points:
            db = np.full(count, self.between)
        else:
            xs = np.array([p[0] for p in self.points])
            ys = np.array([p[1] for p in self.points])
            db = np.interp(times, xs, ys)
        return np.power(10.0, db / 20.0)


def gain_plan(turns: Sequence[tuple[str, float, float]], levels: Mapping[str, float | None],
              target: float, ride: Sequence[float] | None = None) -> Plan:
    """The :class:`Plan` that brings each speaker with a measured level in ``levels`` (LUFS) to
    ``target`` (LUFS), over ``turns`` (``(speaker, start, end)`` in spoken order). A speaker
    without a level (too little speech to measure) gets the gain between turns. ``ride``, one
    value per turn (dB), moves each turn that much beyond its speaker's gain (:mod:`.ride`, whose
    passages are given as the turns).

    >>> plan = gain_plan([("Ann", 0.0, 4.0), ("Ann", 4.5, 9.0)], {"Ann": -20.0}, -20.0, ride=[0.0, 3.0])
    >>> [round(plan.at(t), 2) for t in (1.0, 6.0)], plan.ridden
    ([0.0, 3.0], ((4.5, 9.0, 3.0),))
    """
    gains = {name: max(-MAX_GAIN, min(MAX_GAIN, target - level)) for name, level in levels.items() if level is not None}
    spoken = {name: sum(e - s for n, s, e in turns if n == name) for name in gains}
    total = sum(spoken.values())
    between = sum(gains[n] * spoken[n] for n in gains) / total if total > 0 else 0.0
    extra = list(ride) if ride is not None else [0.0] * len(turns)
    if len(extra) != len(turns):
        raise ValueError(f"ride has {len(extra)} values for {len(turns)} turns")
    ordered = sorted(zip(turns, extra), key=lambda x: x[0][1])
    stretches = [(s, e, max(-MAX_GAIN, min(MAX_GAIN, gains.get(n, between) + (r if n in gains else 0.0))))
                 for (n, s, e), r in ordered]
    ridden = tuple((s, e, r) for (n, s, e), r in ordered if r and n in gains)
    points: list[tuple[float, float]] = []
    previous_end, previous_gain = None, between
    for start, end, gain in stretches:
        if previous_end is None:
            if start > 0:  # into the first turn from the gain between turns (intro music)
                points.append((max(0.0, start - RAMP), between))
            points.append((start, gain))
        elif gain != previous_gain:
            middle = (previous_end + start) / 2
            half = min(RAMP, abs(start - previous_end)) / 2 or 0.025
            points.append((middle - half, previous_gain))
            points.append((middle + half, gain))
        previous_end, previous_gain = max(end, previous_end or end), gain
    if previous_end is not None:
        points.append((previous_end, previous_gain))
        points.append((previous_end + RAMP, between))
    return Plan(gains, between, tuple(_monotonic(points)), ridden)


def _monotonic(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """``points`` with times that never go back (turns that overlap can put a ramp's start after
    the next one's)."""
    out: list[tuple[float, float]] = []
    for t, g in points:
        if out and t < out[-1][0]:
            t = out[-1][0]
        out.append((t, g))
    return out
