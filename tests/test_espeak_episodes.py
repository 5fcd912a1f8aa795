"""scripts/espeak_episodes (de, es, fr, pt, pl, nl, ar; spoken by eSpeak NG through
scripts/make_espeak_clip.py, a plumbing check): each transcript is read as its two hosts and
its language without a flag, split into the sentences its author marked, and its numbers get
their spoken forms in the language; where libespeak-ng and ffmpeg are installed, one small
generated episode is checked against the shared truth format."""

from __future__ import annotations

import ctypes.util
import doctest
import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import make_espeak_clip as mec
import make_lang_episodes as mle

from audiokit.align.spoken_lang import spoken_forms_in
from audiokit.lang import detect
from audiokit.text.sentences import split_sentences
from audiokit.transcripts import from_string

SOURCES = sorted(mec.SOURCES.glob("*.txt"))

# Tokens of each source and the words a host says for them.
NUMBERS = {
    "de": {"23%": "dreiundzwanzig prozent", "2023.": "zweitausenddreiundzwanzig", "Dr.": "doktor",
           "300": "dreihundert"},
    "es": {"30": "treinta", "2021,": "dos mil veintiuno", "40%": "cuarenta por ciento", "Sra.": "señora"},
    "fr": {"35%": "trente cinq pour cent", "2020,": "deux mille vingt", "200": "deux cents", "M.": "monsieur"},
    "pt": {"37%": "trinta e sete por cento", "2015.": "dois mil e quinze", "1200": "mil e duzentos",
           "Sr.": "senhor"},
    "pl": {"2023": "dwa tysiące dwadzieścia trzy", "15%.": "piętnaście procent", "169": "sto sześćdziesiąt dziewięć",
           "np.": "na przykład"},
    "nl": {"12.500": "twaalfduizendvijfhonderd", "2019": "tweeduizendnegentien", "18%": "achttien procent",
           "bijv.": "bijvoorbeeld"},
    "ar": {"15": "خمسة عشر", "30%": "ثلاثون بالمئة", "د.": "دكتور"},
}


def test_doctests() -> None:
    assert doctest.testmod(mec).failed == 0


def test_every_language_of_the_issue_has_a_source() -> None:
    assert {p.stem for p in SOURCES} == set(NUMBERS)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_transcript_reads_as_its_hosts_language_and_sentences(path: Path) -> None:
    src = mle.parse_source(path.read_text(encoding="utf-8"))
    transcript = "\n\n".join([*src.preamble, *(p.written for p in src.paragraphs)]) + "\n"
    assert {p.speaker for p in src.paragraphs} == set(src.voices) and sum(1 for p in src.paragraphs if p.chapter) >= 4
    episode = from_string(transcript).episode
    assert {t.speaker for t in episode.turns} == set(src.voices)
    assert len(episode.turns) == sum(1 for p in src.paragraphs if p.new_turn)
    found = detect(transcript)
    assert found.sure and found.language == src.code
    for p in src.paragraphs:
        words = [w for w, _ in p.tokens]
        ours = [list(range(a, b)) for a, b in split_sentences(words, src.code)]
        assert ours == mec.sentences(words, src.abbreviations), p.written


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_numbers_and_abbreviations_read_in_the_language(path: Path) -> None:
    src = mle.parse_source(path.read_text(encoding="utf-8"))
    tokens = [w for p in src.paragraphs for w, _ in p.tokens]
    forms = dict(zip(tokens, spoken_forms_in(tokens, src.code)))
    assert {t: " ".join(forms[t]) for t in NUMBERS[src.code]} == NUMBERS[src.code]


def test_generates_an_episode_in_the_shared_format(tmp_path: Path) -> None:
    if ctypes.util.find_library("espeak-ng") is None or shutil.which("ffmpeg") is None:
        pytest.skip("libespeak-ng or ffmpeg is not installed")
    text = (mec.SOURCES / "fr.txt").read_text(encoding="utf-8")
    head, body = text.split("## ", 1)
    small = head + "## " + "\n\n".join(body.split("\n\n")[:3]) + "\n"  # a heading and three turns
    src = mle.parse_source(small)
    (tmp_path / "fr.txt").write_text(small, encoding="utf-8")
    # In a process of its own: libespeak-ng carries state from call to call, which would change
    # what later tests synthesise (the Russian DTW clip of test_align_dtw_e2e.py).
    scripts = Path(mec.__file__).resolve().parent
    build = ("import sys; from pathlib import Path; import make_espeak_clip as m; "
             "m.build(m.parse_source(Path(sys.argv[1]).read_text(encoding='utf-8')), Path(sys.argv[2]))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(scripts), str(scripts.parent)])}
    subprocess.run([sys.executable, "-c", build, str(tmp_path / "fr.txt"), str(tmp_path / "espeak-fr")],
                   check=True, env=env)
    truth = json.loads((tmp_path / "espeak-fr" / "truth.json").read_text(encoding="utf-8"))
    assert set(truth) == {"duration", "speakers", "chapters", "turns"}
    tokens = [k for t in truth["turns"] for s in t["sentences"] for k in s["tokens"]]
    assert [k["text"] for k in tokens] == [w for p in src.paragraphs for w, _ in p.tokens]
    # Words start in order and end after they start; French "!" and "?" written after a space are
    # zero-length where their word ends.
    timed = [k for k in tokens if k["start"] is not None and mec.is_word(k["text"])]
    assert all(a["start"] < b["start"] and a["start"] < a["end"] <= b["end"] for a, b in itertools.pairwise(timed))
    marks = [(a, k) for a, k in itertools.pairwise(tokens) if not mec.is_word(k["text"])]
    assert marks and all(k["start"] == k["end"] == a["end"] for a, k in marks)
    assert 0 < tokens[0]["start"] and tokens[-1]["end"] < truth["duration"]
    assert truth["chapters"][0]["turn"] == 0 and truth["chapters"][0]["start"] == tokens[0]["start"]
