"""Highlight clips per speaker: each speaker's most quotable passages, cut cleanly in the
silence between words, faded, loudness-matched, tagged, with soundbites for the feed.

>>> from audiokit.clips import Clip, select_clips, cut_clips   # doctest: +SKIP
>>> from audiokit.audio import decode                                          # doctest: +SKIP
>>> from audiokit.clips.prosody import measure                                # doctest: +SKIP
>>> audio = decode("episode.mp3")                                             # doctest: +SKIP
>>> selection = select_clips(episode, per_speaker=3, min_seconds=15, max_seconds=60,
...                          prosody=measure(audio.samples, audio.rate))    # doctest: +SKIP
>>> [(c.speaker, c.reasons, c.caption) for c in selection]                    # doctest: +SKIP
>>> written = cut_clips("episode.mp3", episode, selection, "clips/", fmt="mp3", lufs=-16.0)  # doctest: +SKIP

Selection (:func:`select_clips`) is pure: it reads the conversation (:mod:`.structure`,
:mod:`.judge`), the kinds of moment (:mod:`.moments`) and, given the contours
:func:`audiokit.clips.prosody.measure` takes from the decoded audio, the delivery;
:func:`cut_clips` reads the audio with ffmpeg and writes the folder.
"""

from audiokit.clips.selection import Clip, Selection, select_clips
from audiokit.clips.writer import Written, cut_clips

__all__ = ["Clip", "Selection", "Written", "cut_clips", "select_clips"]
