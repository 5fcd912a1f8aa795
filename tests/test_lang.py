"""Languages (issue 13): codes, detection, the choice of an episode's language, speaker labels
in any script, cross-language phone mapping and the report's coverage."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audiokit.align.lexicon import PHONES
from audiokit.align.phonemap import CROSS_IPA, cross_phones
from audiokit.align.report import Report
from audiokit.errors import InputError
from audiokit.lang import SUPPORTED, WITHOUT_SPACES, choose, detect, resolve
from audiokit.lang.detect import script_language
from audiokit.transcripts import from_string, with_language

SAMPLES = {
    "it": "Buongiorno a tutti e benvenuti. Oggi parliamo di quanto costa davvero un caffè al bar, "
          "e di come è cambiato il lavoro da casa negli ultimi anni.",
    "cs": "Dobrý den a vítejte u dalšího dílu. Dnes se podíváme na to, proč jsou nákupy tak drahé "
          "a jestli se vyplatí chodit na farmářské trhy.",
    "de": "Hallo und herzlich willkommen zu einer neuen Folge. Heute sprechen wir darüber, warum "
          "Kaffee im Café so teuer geworden ist.",
    "ru": "Здравствуйте и добро пожаловать в новый выпуск. Сегодня мы поговорим о том, почему кофе "
          "в кафе стал таким дорогим.",
    "en": "Hello and welcome to a new episode. Today we talk about why coffee at the bar has become so "
          "expensive, and how working from home has changed.",
}


# ---- codes ------------------------------------------------------------------------------

@given(st.sampled_from(SUPPORTED), st.sampled_from(["", "-XX", "_yy", "-Latn-ZZ"]), st.booleans())
def test_resolve_normalises_any_tag_of_a_supported_language(code: str, region: str, upper: bool) -> None:
    tag = (code.upper() if upper else code) + region
    assert resolve(tag) == code


@pytest.mark.parametrize("code", ["xx", "", "english", "klingon", "12"])
def test_unsupported_code_lists_the_supported_ones(code: str) -> None:
    with pytest.raises(InputError, match="supported: .*\\bit\\b.*") as err:
        resolve(code)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("code", sorted(WITHOUT_SPACES))
def test_languages_without_spaces_are_refused(code: str) -> None:
    with pytest.raises(InputError, match="without spaces"):
        resolve(code)


# ---- detection and choice ---------------------------------------------------------------

@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_detects_the_language_of_a_few_sentences(code: str) -> None:
    found = detect(SAMPLES[code])
    assert found.language == code and found.sure
    chosen = choose(SAMPLES[code], None)
    assert chosen.language == code and chosen.detected and code in chosen.note


@given(st.text(max_size=15))
def test_too_little_text_keeps_english(text: str) -> None:
    if script_language(text) is not None:  # a script without spaces is refused instead
        return
    chosen = choose(text, None)
    assert chosen.language == "en" and not chosen.detected


def test_given_language_wins_and_a_mismatch_names_both() -> None:
    chosen = choose(SAMPLES["it"], "cs")
    assert chosen.language == "cs" and not chosen.detected
    assert len(chosen.warnings) == 1 and "Italian (it)" in chosen.warnings[0] and "Czech" in chosen.warnings[0]
    assert choose(SAMPLES["it"], "it").warnings == ()


@pytest.mark.parametrize("text", ["今天我们来聊一聊咖啡的价格，还有在家工作的变化。",
                                  "今日はコーヒーの値段と、在宅勤務がどう変わったかについて話します。",
                                  "วันนี้เราจะคุยกันเรื่องราคากาแฟและการทำงานที่บ้าน"])
def test_transcript_in_a_script_without_spaces_is_refused_even_with_a_language(text: str) -> None:
    for given_code in (None, "en"):
        with pytest.raises(InputError, match="without spaces"):
            choose(text, given_code)


def test_with_language_sets_metadata_and_names_the_file_in_warnings() -> None:
    t = with_language(from_string(f"Ann Lee: {SAMPLES['it']}", path="talk.txt"), "de")
    assert t.episode.metadata.language == "de"
    assert t.warnings[-1].startswith("talk.txt: the transcript reads as Italian (it)")
    with pytest.raises(InputError, match="^talk.txt: unsupported language"):
        with_language(from_string("Ann Lee: Hi there.", path="talk.txt"), "xx")


# ---- speaker labels in any script and case -----------------------------------------------

def test_speaker_labels_in_any_script_and_case() -> None:
    text = ("Il caffè del lunedì\n\n"
            "Анна Соколова, ведущая: Здравствуйте и добро пожаловать.\n"
            "Jakub Dvořák, moderátor: Dobrý den.\n"
            "Zoë: Ciao!\n"
            "Анна Соколова: Продолжим.\n"
            "Zoë: Grazie.\n"
            "Jakub Dvořák: Na shledanou.\n")
    episode = from_string(text).episode
    assert [(s.name, s.role) for s in episode.speakers] == [
        ("Анна Соколова", "ведущая"), ("Jakub Dvořák", "moderátor"), ("Zoë", None)]
    assert [t.speaker for t in episode.turns] == ["Анна Соколова", "Jakub Dvořák", "Zoë", "Анна Соколова", "Zoë",
                                                  "Jakub Dvořák"]
    assert episode.metadata.title == "Il caffè del lunedì"


def test_a_sentence_with_a_colon_is_still_no_speaker() -> None:
    text = "Ann Lee: Hello.\nSo here is the thing: it works.\nBob Roy: Yes.\n"
    episode = from_string(text).episode
    assert [s.name for s in episode.speakers] == ["Ann Lee", "Bob Roy"]


# ---- phone mapping ----------------------------------------------------------------------

_SEGMENTS = sorted(CROSS_IPA) + ["ˈ", "ˌ", "ː", "ʲ", "r̝", "\u0303", "ʔ", " ", "-", "q"]


@given(st.lists(st.sampled_from(_SEGMENTS), max_size=30))
def test_cross_phones_are_always_valid_english_phones(segments: list[str]) -> None:
    phones = cross_phones("".join(segments))
    assert all(p in PHONES for p in phones)


@pytest.mark.parametrize("ipa, phones", [
    ("kaffˈɛ", ("K", "AA", "F", "EH")),           # Italian caffè: geminate collapses
    ("tˈutːɪ", ("T", "UW", "T", "IH")),           # tutti: length dropped
    ("ɲˈokki", ("N", "Y", "OW", "K", "IY")),       # gnocchi: palatal nasal
    ("dvˈor̝aːk", ("D", "V", "OW", "ZH", "AA", "K")),  # Dvořák: raised trill
    ("scˈe", ("S", "T", "Y", "EH")),              # Czech stě: palatal stop
    ("sʌkˈoɭʌva", ("S", "AH", "K", "OW", "L", "AH", "V", "AA")),  # Russian Соколова
    ("bɔ̃ʒˈuʁ", ("B", "AO", "ZH", "UW", "R")),     # French bonjour: nasal vowel, uvular r
])
def test_nearest_english_phones(ipa: str, phones: tuple[str, ...]) -> None:
    assert cross_phones(ipa) == phones


# ---- report --------------------------------------------------------------------------------

def test_coverage_counts_only_words_placed_from_the_audio() -> None:
    r = Report(words=10, placed=10, interpolated=4, absent=(), extra_audio=(), silences=(), duration=5.0,
               language="it", language_detected=True, method="m")
    assert r.coverage == 0.6
    assert "6 of 10 words from the audio" in r.summary() and "4 more interpolated" in r.summary()
    assert "language: Italian (it, detected)" in r.summary()


# ---- command line --------------------------------------------------------------------------

def _audiokit(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audiokit", *map(str, args)], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("command", ["transcript", "align", "run"])
def test_unsupported_language_is_one_line_and_exit_2(tmp_path: Path, command: str) -> None:
    transcript = tmp_path / "t.txt"
    transcript.write_text(f"Ann Lee: {SAMPLES['it']}\n", encoding="utf-8")
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"")
    args = {"transcript": [transcript], "align": [audio, transcript, "-o", tmp_path / "e.json"],
            "run": [audio, transcript, "-o", tmp_path / "out"]}[command]
    done = _audiokit(command, *args, "--language", "xx")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "--language" in lines[0] and "supported: " in lines[0], done.stderr


def test_transcript_in_chinese_is_refused_in_one_line(tmp_path: Path) -> None:
    transcript = tmp_path / "zh.txt"
    transcript.write_text("主持人: 今天我们来聊一聊咖啡的价格，还有在家工作的变化。\n", encoding="utf-8")
    done = _audiokit("transcript", transcript)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(transcript) in lines[0] and "without spaces" in lines[0]


def test_transcript_command_says_the_language(tmp_path: Path) -> None:
    transcript = tmp_path / "cs.txt"
    transcript.write_text(f"Jakub Dvořák, moderátor: {SAMPLES['cs']}\n", encoding="utf-8")
    done = _audiokit("transcript", transcript)
    assert done.returncode == 0 and "language:  Czech (cs), detected" in done.stdout


def test_run_and_batch_pass_the_language_to_the_pipeline(tmp_path: Path) -> None:
    from audiokit.cli.run import _options
    from audiokit.pipeline.options import Options

    assert _options("netflix", None, 30.0, 3, 15.0, 60.0, -16.0, None, None, lang="it-IT").language == "it"
    assert _options("netflix", None, 30.0, 3, 15.0, 60.0, -16.0, None, None).language is None
    with pytest.raises(InputError, match="unsupported language"):
        Options(language="xx")
    done = _audiokit("batch", tmp_path, "-o", tmp_path / "out", "--language", "xx")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "--language" in done.stderr
    assert not (tmp_path / "out").exists()


def test_indic_words_keep_their_vowel_signs_and_may_keep_a_final_schwa() -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    from audiokit.align.phonemap import pronounce

    got = pronounce(["नमस्ते", "हम", "в"], "hi") | pronounce(["в"], "ru")
    assert len(got["नमस्ते"][0]) >= 5  # n a m a s t e, not "namasat" cut at the vowel signs
    assert got["हम"] == (("HH", "AH", "M"), ("HH", "AH", "M", "AH"))
    assert got["в"] == (("V",), ("F",))


def test_words_ending_in_a_nasalised_vowel_may_end_in_a_nasal() -> None:
    from audiokit.align.phonemap import variants

    # Hindi हैं, हूँ (anusvara, candrabindu): the nasal vowel may end in a murmur.
    assert variants("हैं", ("HH", "EH"), "hi") == (("HH", "EH"), ("HH", "EH", "N"))
    assert variants("हूँ", ("HH", "UW"), "hi") == (("HH", "UW"), ("HH", "UW", "N"))
    # An anusvara eSpeak NG already reads as a consonant (Telugu), another script's letters,
    # and a language outside the Brahmic scripts get nothing added.
    assert variants("అందం", ("AH", "N", "D", "AH", "M"), "te") == (("AH", "N", "D", "AH", "M"),)
    assert variants("हम", ("HH", "AH", "M"), "ru") == (("HH", "AH", "M"),)


def test_english_fillers_only_for_english(tmp_path: Path) -> None:
    """'you know' is an English filler: other languages' forced alignment gets only hesitations."""
    from audiokit.align import sphinx
    from audiokit.align.lexicon import Lexicon

    english = sphinx.write_resources([["hello", "world"]], Lexicon.load(), tmp_path)
    fillers = Path(english.fillers).read_text(encoding="utf-8")
    assert english.language == "en" and "++you_know++" in fillers and "++um++" in fillers
    italian = Lexicon(Lexicon.load().entries, language="it")  # any pronunciations will do here
    (tmp_path / "it").mkdir()
    other = sphinx.write_resources([["hello", "world"]], italian, tmp_path / "it")
    fillers = Path(other.fillers).read_text(encoding="utf-8")
    assert other.language == "it" and "++you_know++" not in fillers and "++um++" in fillers and "[NOISE]" in fillers


@pytest.mark.parametrize(("language", "filled", "wide"), [("it", True, True), ("it", False, False),
                                                          ("en", True, False)])
def test_a_path_over_a_filler_is_aligned_again_with_wide_beams(monkeypatch, language, filled, wide) -> None:
    from audiokit.align import sphinx

    tries = []

    def align_once(decoder, audio, words, offset, phones):
        tries.append(decoder)
        return [sphinx.Placed(0.0, 0.1)] if decoder == "wide" else [sphinx.Placed(0.5, 0.6)], filled

    monkeypatch.setattr(sphinx, "_decoder", lambda kind, res, relaxed=False: "wide" if relaxed else "default")
    monkeypatch.setattr(sphinx, "_align_once", align_once)
    res = sphinx.Resources("hmm", "dict", "lm", "fillers", language)
    placed = sphinx.force_align(res, b"", ["word"], 0.0)
    assert tries == (["default", "wide"] if wide else ["default"])
    assert placed[0].start == (0.0 if wide else 0.5)


@pytest.mark.parametrize(("ipa", "phones"), [
    ("davˈɑj", ("D", "AA", "V", "AY")),  # давай: a falling diphthong
    ("mnˈoj", ("M", "N", "OY")),
    ("rubɭʲˈej", ("R", "UW", "B", "L", "EY")),
    ("stˈɑntsyj", ("S", "T", "AA", "N", "T", "S", "IY")),  # -ый
    ("dˈumʌju", ("D", "UW", "M", "AH", "Y", "UW")),  # [j] before a vowel starts a syllable
    ("jˈedʲim", ("Y", "EH", "D", "IY", "M")),
])
def test_vowel_and_glide_before_a_consonant_or_the_end_is_a_diphthong(ipa, phones) -> None:
    assert cross_phones(ipa, "ru") == phones


@pytest.mark.parametrize(("ipa", "phones"), [
    ("rʲˈɑdʌm", ("R", "Y", "AA", "D", "AH", "M")),  # рядом: soft consonant, back vowel: a glide
    ("ɭʲˈu\"dʲɪ", ("L", "Y", "UW", "D", "IH")),  # люди: the second soft [dʲ] is before a front vowel
    ("tʲˈɵtʲʌ", ("T", "Y", "OW", "T", "AH")),  # тётя: the reduced final vowel is not a back one
    ("sʲidʲˈetʲ", ("S", "IY", "D", "EH", "T")),  # сидеть: before front vowels and at the end, no glide
    ("tʃʲˈudʌ", ("CH", "UW", "D", "AH")),  # чудо: ч is soft by nature
    ("ɕʲˈɑ", ("SH", "AA")),
])
def test_a_soft_consonant_before_a_back_vowel_releases_through_a_glide(ipa, phones) -> None:
    assert cross_phones(ipa, "ru") == phones


@pytest.mark.parametrize(("ipa", "phones"), [
    ("ʌknˈom", ("AA", "K", "N", "OW", "M")),  # окном: word-initial [ɐ]
    ("pʌrˈɑ", ("P", "AA", "R", "AA")),  # пора: just before the stress
    ("pʌɡʌvʌrʲˈitʲ", ("P", "AH", "G", "AH", "V", "AA", "R", "IY", "T")),  # further off: [ə]
    ("rʲˈɑdʌm", ("R", "Y", "AA", "D", "AH", "M")),  # after the stress: [ə]
])
def test_russian_reduced_a_is_open_only_initially_and_before_the_stress(ipa, phones) -> None:
    assert cross_phones(ipa, "ru") == phones
    assert "AA" not in cross_phones(ipa.replace("ɑ", "e"), "uk")  # a Russian rule only
