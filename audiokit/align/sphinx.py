"""pocketsphinx at the edge: build the recogniser's resources, recognise, force-align.

Functions here run inside worker processes; each process builds its decoders once and keeps
them (:func:`_decoder`). Audio arrives as 16 kHz mono 16-bit bytes with the time of its first
sample, and every time returned is on the episode's clock (frame / 100 + offset).
"""

from __future__ import annotations

import io
import re
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audiokit.align.lexicon import Lexicon
from audiokit.align.matching import Heard
from audiokit.text.stopwords import is_hesitation

FRAME = 0.01
FILLERS = ("um", "uh", "hmm", "mm")  # heard but rarely written; the recogniser may use them
# Fillers people say and transcripts drop, as filler words (their names start with "+", so they
# never clash with a transcript word and are dropped from results like noises).
SPOKEN_FILLERS = (
    "++um++ AH M", "++uh++ AH", "++er++ ER", "++hmm++ HH M", "++mm++ M",
    "++you_know++ Y UW N OW", "++you_know++(2) Y AH N OW",
)
# In another language only the hesitation sounds: "you know" is English, and with pronunciations
# mapped from another language its phones matched pieces of real words (lang-ru: it took the
# place of "вечер" and pushed five words 0.5 s late).
HESITATIONS = tuple(f for f in SPOKEN_FILLERS if not f.startswith("++you_know++"))
_VARIANT = re.compile(r"\(\d+\)$")
_SKIP = {"<s>", "</s>", "<sil>"}


@dataclass(frozen=True)
class Resources:
    """Paths to the acoustic model, the episode's dictionary and its language model."""

    hmm: str
    dictionary: str
    lm: str
    fillers: str  # filler dictionary: the model's noises plus spoken fillers
    language: str = "en"  # the transcript's (ISO 639-1); pronunciations are mapped from it unless "en"


@dataclass(frozen=True)
class Placed:
    """A force-aligned token: times in seconds and its phones ``(label, start, end)``; ``heard``:
    the times are where a recogniser heard it, the forced pass could not place it."""

    start: float
    end: float
    phones: tuple[tuple[str, float, float], ...] = ()
    heard: bool = False


def acoustic_model() -> str:
    """The path of the English acoustic model in pocketsphinx's wheel."""
    import pocketsphinx

    return str(Path(pocketsphinx.get_model_path()) / "en-us" / "en-us")


def write_lm(sentences: Sequence[Sequence[str]], path: Path) -> Path:
    """A trigram ARPA language model of ``sentences`` (pocketsphinx's own builder)."""
    from pocketsphinx.lm import ArpaBoLM

    model = ArpaBoLM(text="\n".join(" ".join(s) for s in sentences if s), add_start=True)
    model.compute()
    buffer = io.StringIO()
    model.write(buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def write_resources(sentences: Sequence[Sequence[str]], lexicon: Lexicon, folder: Path) -> Resources:
    """Write the dictionary (the episode's words only) and a trigram language model built
    from the transcript's own sentences into ``folder``."""
    vocab = [w for s in sentences for w in s]
    fillers = [f for f in FILLERS if f in lexicon]
    dictionary = folder / "episode.dict"
    dictionary.write_text("\n".join(lexicon.dict_lines([*vocab, *fillers])) + "\n", encoding="utf-8")
    lm = write_lm([*sentences, *([f] for f in fillers)], folder / "episode.arpa")
    hmm = acoustic_model()
    fillers_dict = folder / "fillers.dict"
    noise = (Path(hmm) / "noisedict").read_text(encoding="utf-8")
    spoken = SPOKEN_FILLERS if lexicon.language == "en" else HESITATIONS
    fillers_dict.write_text(noise.rstrip("\n") + "\n" + "\n".join(spoken) + "\n", encoding="utf-8")
    return Resources(hmm, str(dictionary), str(lm), str(fillers_dict), lexicon.language)


# pocketsphinx ships no type information, so its Decoder is Any to mypy.
_DECODERS: dict[tuple[str, Resources, bool], Any] = {}


def _decoder(kind: str, res: Resources, relaxed: bool = False) -> Any:
    """The process's decoder of this kind, ready for an utterance that does not depend on the ones
    it decoded before.

    A decoder carries state from one utterance to the next: its frame count, from which the
    recognition pass's downsampling (``ds=2``) keeps every other frame, and the front end's running
    estimates, which moved forced-alignment edges too. Without a new stream a region's words
    depended on the regions the process had decoded before it, so an alignment with two workers
    differed from run to run (word edges by 10-185 ms) and from a one-worker one. pocketsphinx 5
    calls ``start_stream`` unnecessary and deprecated, but it still resets that state."""
    key = (kind, res, relaxed)
    if key not in _DECODERS:
        _DECODERS[key] = _make(kind, res, relaxed)
    decoder = _DECODERS[key]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        decoder.start_stream()
    return decoder


def _make(kind: str, res: Resources, relaxed: bool = False) -> Any:
    import pocketsphinx

    config: dict[str, object] = {"hmm": res.hmm, "dict": res.dictionary, "loglevel": "FATAL"}
    if kind == "local":
        config.update(lm=res.lm, bestpath=False)
    elif kind == "recognize":
        # Only anchors are needed from this pass: trade a little accuracy for speed. Most of the
        # time goes to Gaussian evaluation (ptm_mgau_frame_eval). Measured and rejected: topn 1
        # (a sixth faster, but a wrong transcript then matched enough to pass as right), narrower
        # beams or -ds 3 (fewer anchors: seed-rough sentence starts fell below 97%).
        config.update(lm=res.lm, ds=2, topn=2, maxwpf=5, pl_window=5, fwdflat=False, bestpath=False)
    else:
        # Forced alignment may pass over fillers the transcript leaves out ("um", "you know")
        # instead of stretching the next word over them. (Two Gaussians per codebook instead of
        # four saves a sixth of this pass, but put a turn of the sample episode 0.6 s off.)
        config.update(lm=None, fdict=res.fillers, fillprob=1e-4)
        if kind == "sentence":
            # Whole sentences cut at pauses (issue 14, :mod:`audiokit.align.at_pauses`): two
            # Gaussians per codebook cost a fifth less there and kept seed-full and real-gold
            # within their targets (scripts/measure_oracle_forcing.py).
            config.update(topn=2)
        if relaxed:
            config.update(beam=1e-80, pbeam=1e-80, wbeam=1e-60)
    return pocketsphinx.Decoder(**config)


def _word(name: str) -> str:
    return _VARIANT.sub("", name)


def recognize(res: Resources, audio: bytes, offset: float) -> list[Heard]:
    """Words the recogniser hears in ``audio`` with the episode's language model."""
    return _heard(_decoder("recognize", res), audio, offset, res.language)


def recognize_text(res: Resources, sentences: Sequence[Sequence[str]], audio: bytes, offset: float) -> list[Heard]:
    """Words heard in ``audio`` by a recogniser whose language model holds only ``sentences``:
    much more sensitive to that text than the episode-wide model (for re-examining gaps)."""
    with tempfile.TemporaryDirectory(prefix="audiokit-lm-") as tmp:
        lm = write_lm(sentences, Path(tmp) / "local.arpa")
        decoder = _decoder("local", res)
        decoder.add_lm_file("local", str(lm))
        decoder.activate_search("local")
        try:
            return _heard(decoder, audio, offset, res.language)
        finally:
            decoder.activate_search()
            decoder.remove_search("local")


def heard_filler(word: str, language: str) -> bool:
    """A heard word dropped from the results as a filler: one of :data:`FILLERS` that is a
    hesitation in the transcript's ``language``; Portuguese "um" ("a") and German "um" are words,
    which the recogniser heard as anchors.

    >>> heard_filler("um", "en"), heard_filler("um", "pt"), heard_filler("um", "de"), heard_filler("hmm", "pl")
    (True, False, False, True)
    """
    return word in FILLERS and is_hesitation(word, language)


def _heard(decoder, audio: bytes, offset: float, language: str = "en") -> list[Heard]:
    """Run ``decoder`` on ``audio``; fillers and silences dropped."""
    decoder.start_utt()
    decoder.process_raw(audio, full_utt=True)
    decoder.end_utt()
    if decoder.hyp() is None:
        return []
    heard = []
    for seg in decoder.seg():
        word = _word(seg.word)
        if word in _SKIP or word.startswith(("[", "+")) or heard_filler(word, language):
            continue
        heard.append(Heard(word, round(offset + seg.start_frame * FRAME, 3),
                           round(offset + (seg.end_frame + 1) * FRAME, 3)))
    return heard


def force_align(res: Resources, audio: bytes, words: Sequence[str], offset: float,
                phones: bool = False, relax: bool = True, kind: str = "align") -> list[Placed] | None:
    """Times for exactly ``words`` in ``audio``, or ``None`` when the aligner cannot place them
    (tried with default beams, then, if ``relax``, with wide ones).

    In another language than English a path that passes over a spoken filler is aligned again
    with wide beams, and the wide result kept: with pronunciations mapped from another language
    the right path can fall far behind for a few frames, be pruned, and leave a filler to
    swallow the real word (lang-hi: a turn's first word put into the pause before it, 0.9 s
    early, and "uh" over the word itself). Wide beams keep every path the default ones keep, so a
    filler that was really said stays. (Wide beams for every region were measured too:
    lang-fi then placed a sentence start 66 ms further off.) ``kind`` "sentence": the decoder
    for whole sentences cut at pauses.
    """
    placed, filled = _align_once(_decoder(kind, res), audio, words, offset, phones)
    if placed is None and relax or filled and res.language != "en":
        wide, _ = _align_once(_decoder(kind, res, True), audio, words, offset, phones)
        if wide is not None:
            placed = wide
    elif placed is not None and phones and not any(p.phones for p in placed):
        # The phone pass can fail where the word pass did not: retry it with wider beams.
        again, _ = _align_once(_decoder("align", res, True), audio, words, offset, phones)
        if again is not None:
            placed = [Placed(p.start, p.end, q.phones) for p, q in zip(placed, again)]
    return placed


def _align_once(decoder, audio: bytes, words: Sequence[str], offset: float,
                phones: bool) -> tuple[list[Placed] | None, bool]:
    """The placed words (``None`` on failure) and whether the path passed over a spoken filler."""
    try:
        decoder.set_align_text(" ".join(words))
        decoder.start_utt()
        decoder.process_raw(audio, full_utt=True)
        decoder.end_utt()
    except RuntimeError:
        return None, False
    if decoder.hyp() is None:
        return None, False
    segs = [(_word(s.word), s.start_frame, s.end_frame) for s in decoder.seg()]
    filled = any(s[0].startswith("++") for s in segs)
    segs = [s for s in segs if s[0] not in _SKIP and not s[0].startswith(("[", "+"))]
    if [s[0] for s in segs] != list(words):
        return None, filled
    placed = [Placed(round(offset + a * FRAME, 3), round(offset + (b + 1) * FRAME, 3)) for _, a, b in segs]
    if phones:
        placed = _with_phones(decoder, audio, placed, offset)
    return placed, filled


def _with_phones(decoder, audio: bytes, placed: list[Placed], offset: float) -> list[Placed]:
    """Second pass (``set_alignment``) for phone times; words keep their first-pass times and
    get the phones of the matching word of the second pass."""
    try:
        decoder.set_alignment()
        decoder.start_utt()
        decoder.process_raw(audio, full_utt=True)
        decoder.end_utt()
        alignment = decoder.get_alignment()
        words = [(w.start, w.start + w.duration) for w in alignment.words()
                 if _word(w.name) not in _SKIP and not w.name.startswith(("[", "+"))]
        found = [(p.name, p.start, p.start + p.duration) for p in alignment.phones()]
    except RuntimeError:
        return placed
    if len(words) != len(placed):
        return placed
    out = []
    for w, (a, b) in zip(placed, words):
        inside = tuple((n, round(offset + s * FRAME, 3), round(offset + e * FRAME, 3))
                       for n, s, e in found if n != "SIL" and a <= (s + e) / 2 < b)
        out.append(Placed(w.start, w.end, inside))
    return out