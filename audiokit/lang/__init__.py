"""Languages: the supported ISO 639-1 codes (:mod:`.codes`), detection from transcript text
(:mod:`.detect`) and the choice of an episode's language from ``--language`` and the text
(:mod:`.choose`). The choice is stored in ``episode.metadata.language``; stages read it as
``episode.metadata.language or "en"``.

>>> resolve("it-IT"), detect("Dobrý den a vítejte u dalšího dílu našeho podcastu.").language
('it', 'cs')
"""

from audiokit.lang.choose import DEFAULT, Choice, choose
from audiokit.lang.codes import (
    NAMES,
    SUPPORTED,
    WITHOUT_SPACES,
    describe,
    name,
    resolve,
    supported_line,
    voice,
)
from audiokit.lang.detect import Detection, detect

__all__ = [
    "DEFAULT", "NAMES", "SUPPORTED", "WITHOUT_SPACES", "Choice", "Detection", "choose", "describe", "detect",
    "name", "resolve", "supported_line", "voice",
]
