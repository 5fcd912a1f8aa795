"""An episode's loudness against where podcast apps want it, and its speakers against each other (pure).

Targets (:data:`TARGETS`), integrated loudness with a true-peak ceiling of -1 dBTP:

- ``apple`` (default): -16 LUFS (Apple Podcasts' audio requirements: within 1 LU);
- ``spotify``, ``youtube``: -14 LUFS, the level they normalise playback to;
- ``ebu``: -23 LUFS (EBU R128, broadcast).

An episode within 1 LU of its target is on target.

A mono file is held 3 LU lower (-19 LUFS for Apple): BS.1770 counts its one channel once, while a
player sends it to both ears, so it sounds as loud as a stereo file 3 LU louder (the usual advice
of podcast hosts and producers: -19 LUFS mono, -16 stereo).

Speakers: each speaker's loudness (:func:`~.gating.speaker_loudness`) against the loudest one.
Two voices more than :data:`SPREAD` LU apart make a listener ride the volume between them; a
producer levels them before publishing. So does one voice whose passage sits more than
:data:`UNEVEN` LU from that speaker's usual level (a guest who leaned away from the microphone).

>>> r = Report(-21.3, 3.0, -1.3, 1, {"Nadia": -20.8, "Owen": -21.9})
>>> for line in lines(r): print(line)
loudness: -21.3 LUFS integrated (mono: Apple Podcasts asks -19 LUFS +-1; 2.3 LU too quiet), true peak -1.3 dBTP, range 3.0 LU
speakers within 1.1 LU of each other (Nadia -20.8 LUFS, Owen -21.9 LUFS)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audiokit.captions.timefmt import clock
from audiokit.errors import InputError

__all__ = ["PEAK_CEILING", "SPREAD", "TARGETS", "TOLERANCE", "UNEVEN", "Report", "Target", "lines", "problems", "target", "target_lufs",
           "to_json"]

PEAK_CEILING = -1.0  # dBTP
SPREAD = 3.0  # LU between the loudest and the quietest speaker
UNEVEN = 3.0  # LU between a passage and its speaker's usual level (the median of their passages)


@dataclass(frozen=True)
class Target:
    """Where a platform wants an episode: integrated loudness (LUFS, for stereo)."""

    name: str
    lufs: float


TOLERANCE = 1.0  # LU either side of a target that is on it

TARGETS = {
    "apple": Target("Apple Podcasts", -16.0),
    "spotify": Target("Spotify", -14.0),
    "youtube": Target("YouTube", -14.0),
    "ebu": Target("EBU R128", -23.0),
}


@dataclass(frozen=True)
class Report:
    """An episode's loudness: integrated (LUFS; ``None`` for silence), range (LU), true peak
    (dBTP), channels, each speaker's loudness (LUFS; ``None``: too little speech), and the
    passages far from their speaker's usual level (:mod:`.ride`)."""

    integrated: float | None
    loudness_range: float
    true_peak: float
    channels: int
    speakers: dict[str, float | None] = field(default_factory=dict)
    # Passages (speaker, start, end, LU off) more than UNEVEN LU from their speaker's usual level.
    uneven: tuple[tuple[str, float, float, float], ...] = ()


def target(name: str) -> Target:
    """The target called ``name`` in :data:`TARGETS`; :class:`InputError` naming the choices.

    >>> target("ebu").lufs
    -23.0
    """
    if name not in TARGETS:
        raise InputError(f"unknown loudness target {name!r} (choose from {', '.join(TARGETS)})")
    return TARGETS[name]


def target_lufs(target: Target, channels: int) -> float:
    """The loudness ``target`` asks of a file with ``channels`` (a mono file 3 LU lower).

    >>> target_lufs(TARGETS["apple"], 1), target_lufs(TARGETS["apple"], 2)
    (-19.0, -16.0)
    """
    return target.lufs - 3.0 if channels == 1 else target.lufs


def _wanted(report: Report, target: Target) -> float:
    return target_lufs(target, report.channels)


def _off(report: Report, target: Target) -> float | None:
    """LU the episode is above (+) or below (-) the target's window, ``None`` within it."""
    if report.integrated is None:
        return None
    delta = report.integrated - _wanted(report, target)
    return None if abs(delta) <= TOLERANCE else round(delta, 1)


def _spread(report: Report) -> tuple[float, list[tuple[str, float]]] | None:
    measured = sorted(((level, name) for name, level in report.speakers.items() if level is not None), reverse=True)
    if len(measured) < 2:
        return None
    return round(measured[0][0] - measured[-1][0], 1), [(name, level) for level, name in measured]


def problems(report: Report, target: Target = TARGETS["apple"]) -> list[str]:
    """What a producer should fix before publishing: a true peak over the ceiling, speakers
    more than :data:`SPREAD` LU apart, and a speaker's passages more than :data:`UNEVEN` LU from
    their usual level (one line per speaker, naming the farthest). (Integrated loudness off
    target is in :func:`lines`: apps normalise it, so it is advice, not a fault.)

    >>> problems(Report(-16.0, 4.0, -0.2, 2, {"Ann": -15.0, "Bo": -19.5}))
    ['true peak -0.2 dBTP is above -1 dBTP: it may clip once encoded', 'Bo is 4.5 LU quieter than Ann: level the speakers (they are more than 3 LU apart)']
    >>> problems(Report(-16.0, 4.0, -2.0, 2, {"Ann": -16.0}, (("Ann", 61.0, 75.5, -6.2), ("Ann", 90.0, 99.0, 3.4))))
    ['Ann is 6.2 LU quieter than usual at 1:01-1:15 (and 1 more passage over 3 LU off): ride the level there (audiokit level --ride)']
    """
    found = []
    if report.true_peak > PEAK_CEILING:
        found.append(f"true peak {report.true_peak:.1f} dBTP is above {PEAK_CEILING:g} dBTP: it may clip once encoded")
    spread = _spread(report)
    if spread is not None and spread[0] > SPREAD:
        (loud, _), (quiet, _) = spread[1][0], spread[1][-1]
        found.append(f"{quiet} is {spread[0]:.1f} LU quieter than {loud}: level the speakers "
                     f"(they are more than {SPREAD:g} LU apart)")
    for speaker in dict.fromkeys(p[0] for p in report.uneven):
        theirs = sorted((p for p in report.uneven if p[0] == speaker), key=lambda p: -abs(p[3]))
        _, start, end, off = theirs[0]
        others = len(theirs) - 1
        more = f" (and {others} more passage{'s' if others > 1 else ''} over {UNEVEN:g} LU off)" if others else ""
        found.append(f"{speaker} is {abs(off):.1f} LU {'louder' if off > 0 else 'quieter'} than usual at "
                     f"{clock(start)}-{clock(end)}{more}: ride the level there (audiokit level --ride)")
    return found


def lines(report: Report, target: Target = TARGETS["apple"]) -> list[str]:
    """The summary lines: the episode against ``target``, then the speakers' balance."""
    if report.integrated is None:
        return ["loudness: the audio is silent"]
    wanted = _wanted(report, target)
    mono = "mono: " if report.channels == 1 else ""
    off = _off(report, target)
    verdict = "on target" if off is None else f"{abs(off):.1f} LU too {'loud' if off > 0 else 'quiet'}"
    head = f"loudness: {report.integrated:.1f} LUFS integrated ({mono}{target.name} asks {wanted:g} LUFS +-{TOLERANCE:g}; "
    out = [f"{head}{verdict}), true peak {report.true_peak:.1f} dBTP, range {report.loudness_range:.1f} LU"]
    spread = _spread(report)
    if spread is not None:
        levels = ", ".join(f"{name} {level:.1f} LUFS" for name, level in spread[1])
        out.append(f"speakers within {spread[0]:.1f} LU of each other ({levels})")
    return out


def to_json(report: Report, target: Target = TARGETS["apple"]) -> dict[str, Any]:
    """``report`` as loudness.json holds it.

    >>> to_json(Report(-16.4, 5.0, -1.5, 2, {"Ann": -16.0, "Bo": None}))["speakers"]
    {'Ann': -16.0, 'Bo': None}
    """
    off = _off(report, target)
    return {
        "integrated_lufs": report.integrated, "loudness_range_lu": report.loudness_range,
        "true_peak_dbtp": report.true_peak, "channels": report.channels,
        "target": {"name": target.name, "lufs": _wanted(report, target), "tolerance_lu": TOLERANCE,
                   "off_by_lu": off},
        "speakers": {name: None if level is None else round(level, 1) for name, level in report.speakers.items()},
        "uneven": [{"speaker": name, "start": round(start, 2), "end": round(end, 2), "off_lu": round(off, 1)}
                   for name, start, end, off in report.uneven],
        "problems": problems(report, target),
    }
