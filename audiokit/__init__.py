"""audiokit: align a podcast transcript to its audio, then make captions, chapters and clips."""

__version__ = "0.1.0"
