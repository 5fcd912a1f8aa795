"""Deciding an episode's language from ``--language`` and what the transcript reads as. Pure
apart from the detector.

>>> c = choose("Dobrý den a vítejte u dalšího dílu. Dnes se podíváme na ceny kávy.", None)
>>> c.language, c.detected, c.note
('cs', True, 'language: Czech (cs), detected from the transcript')
>>> c = choose("Dobrý den a vítejte u dalšího dílu. Dnes se podíváme na ceny kávy.", "de")
>>> c.language, c.detected, c.warnings[0]
('de', False, 'the transcript reads as Czech (cs) but --language de (German) was given; aligning as German')
>>> choose("Hi.", None).note
'language: English (en), the default: too little text to tell the language (give --language)'
"""

from __future__ import annotations

from dataclasses import dataclass

from audiokit.errors import InputError
from audiokit.lang.codes import NAMES, WITHOUT_SPACES, describe, name, resolve
from audiokit.lang.detect import Detection, detect

DEFAULT = "en"


@dataclass(frozen=True)
class Choice:
    """The episode's language, whether it was detected (not given), what the detector said,
    a line for the summary (``note``) and ``warnings``."""

    language: str
    detected: bool
    detection: Detection
    note: str
    warnings: tuple[str, ...] = ()


def choose(text: str, given: str | None) -> Choice:
    """The language of a transcript whose spoken text is ``text``: ``given`` (a code, checked
    with :func:`resolve`) when there is one, else the detected language, else English.

    Raises :class:`InputError` for an unsupported code and for a transcript written in a
    script without spaces (whatever ``--language`` says: its words cannot be aligned).
    """
    code = resolve(given) if given is not None else None
    found = detect(text)
    if found.sure and found.language is not None and found.language in WITHOUT_SPACES:
        raise InputError(f"the transcript is in {describe(found.language)}, which is written without spaces "
                         "between words: audiokit cannot align it yet")
    if code is not None:
        warnings: tuple[str, ...] = ()
        if found.sure and found.language is not None and found.language != code:
            warnings = ((f"the transcript reads as {describe(found.language)} but --language {code} "
                         f"({name(code)}) was given; aligning as {name(code)}"),)
        return Choice(code, False, found, f"language: {describe(code)}, given with --language", warnings)
    if found.language is None:
        return Choice(DEFAULT, False, found, (f"language: {describe(DEFAULT)}, the default: too little text to "
                                              "tell the language (give --language)"))
    if not found.sure:
        return Choice(DEFAULT, False, found,
                      (f"language: {describe(DEFAULT)}, the default: the transcript's language is unclear "
                       f"(perhaps {describe(found.language)}, {found.confidence:.0%}; give --language)"))
    if found.language not in NAMES:
        return Choice(DEFAULT, False, found, f"language: {describe(DEFAULT)}, the default",
                      ((f"the transcript reads as {describe(found.language)}, which audiokit cannot align; "
                        "aligning as English (give --language to choose another)"),))
    return Choice(found.language, True, found, f"language: {describe(found.language)}, detected from the transcript")
