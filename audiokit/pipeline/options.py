"""What ``audiokit run`` is asked for (:class:`Options`) and the names of its stages and files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from audiokit.errors import InputError

if TYPE_CHECKING:
    from audiokit.captions import Style

__all__ = ["CAPTION_FILES", "CHAPTER_FILES", "CLIP_FORMAT", "SKIPPABLE", "STAGES", "Options"]

STAGES = ("align", "captions", "chapters", "clips", "loudness", "preview")
SKIPPABLE = STAGES[1:]
CLIP_FORMAT = "mp3"
CHAPTER_FILES = {
    "podcast-json": "chapters.json",
    "vtt": "chapters.vtt",
    "youtube": "chapters.txt",
    "ffmetadata": "chapters.ffmetadata",
    "psc": "chapters.psc.xml",
}
CAPTION_FILES = {"vtt": "captions.vtt", "srt": "captions.srt", "json": "transcript.json", "html": "transcript.html"}


@dataclass(frozen=True)
class Options:
    """What the stages are asked for (the defaults are those of the single commands)."""

    style: str = "netflix"
    count: int | None = None
    min_length: float = 30.0
    per_speaker: int = 3
    min_seconds: float = 15.0
    max_seconds: float = 60.0
    lufs: float = -16.0
    video: str | None = None  # "square" or "vertical": an MP4 audiogram beside each clip
    platform: str | None = None  # the length preset max_seconds came from (part of the clips key)
    skip: frozenset[str] = frozenset()
    workers: int | None = None
    speaker_names: tuple[tuple[str, str], ...] = ()  # --speaker-names: (label, name) pairs
    language: str | None = None  # --language: ISO 639-1 code; None: detected from the transcript
    clean: bool = False  # --clean: clean verbatim captions (hesitation sounds left out)
    loudness_target: str = "apple"  # --loudness-target: where the episode will play (audiokit.loudness.TARGETS)
    level: bool = False  # --level: also write a copy with every speaker at the loudness target
    ride: bool = False  # --ride: and ride each passage far from its speaker's usual level (implies level)
    tighten: bool = False  # --tighten: the later stages work on a copy with long pauses and hesitations cut
    max_pause: float = 0.8  # --max-pause: the longest pause --tighten keeps (seconds)

    def __post_init__(self) -> None:
        from audiokit.captions import STYLES

        if self.ride:
            object.__setattr__(self, "level", True)
        unknown = set(self.skip) - set(SKIPPABLE)
        if unknown:
            raise InputError(f"cannot skip {', '.join(sorted(unknown))} (stages: {', '.join(SKIPPABLE)})")
        if self.language is not None:
            from audiokit.lang import resolve

            object.__setattr__(self, "language", resolve(self.language))
        from audiokit.loudness.check import target

        target(self.loudness_target)
        if self.style not in STYLES:
            raise InputError(f"unknown caption style {self.style!r} (choose from {', '.join(STYLES)})")
        if self.count is not None and self.count < 1:
            raise InputError("--count must be at least 1")
        if self.per_speaker < 1:
            raise InputError("--per-speaker must be at least 1")
        if not 1.0 <= self.min_seconds <= self.max_seconds:
            raise InputError(f"need 1 <= --min-seconds <= --max-seconds, got {self.min_seconds:g} and "
                             f"{self.max_seconds:g}")
        if not 0.2 <= self.max_pause <= 10.0:
            raise InputError(f"--max-pause {self.max_pause:g} is out of range (0.2 to 10 seconds)")
        if not -40.0 <= self.lufs <= -5.0:
            raise InputError(f"--lufs {self.lufs:g} is out of range (-40 to -5)")
        from audiokit.clips.audiogram import SHAPES
        from audiokit.clips.platforms import PLATFORMS

        if self.video is True:  # the earlier boolean form: a square audiogram
            object.__setattr__(self, "video", "square")
        if self.video is not None and self.video not in SHAPES:
            raise InputError(f"--video {self.video!r} is not one of {', '.join(SHAPES)}")
        if self.platform is not None and self.platform not in PLATFORMS:
            raise InputError(f"--platform {self.platform!r} is not one of {', '.join(PLATFORMS)}")

    def caption_style(self) -> Style:
        """The caption style the options name, clean verbatim with ``clean``.

        >>> Options(style="bbc", clean=True).caption_style().max_chars, Options(clean=True).caption_style().clean
        (37, True)
        """
        from audiokit.captions import get_style

        style = get_style(self.style)
        return style.with_overrides(clean=True) if self.clean else style
