"""The whole pipeline for one episode (``audiokit run``): align, captions, chapters, clips and
the preview page, with a content-keyed cache of finished stages.

>>> from audiokit.pipeline import Options, run          # doctest: +SKIP
>>> result = run("episode.mp3", "transcript.txt", "out/", Options(style="bbc"))  # doctest: +SKIP
"""

from audiokit.pipeline.run import SKIPPABLE, STAGES, Options, Result, StageRun, run

__all__ = ["SKIPPABLE", "STAGES", "Options", "Result", "StageRun", "run"]
