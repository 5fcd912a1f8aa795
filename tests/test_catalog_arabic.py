"""Catalogue search in Arabic script (catalog.arabic): the spelling variants and the attached
prefixes, measured on a small hand-made set of Arabic, Persian and Urdu passages.

The set: ordinary sentences, each a passage, and queries with the passages a reader would
want found (a word in any spelling, with any attached prefix; "كتابا", a book, for "الكتاب"
too). Every other passage found is a false match. The variants measured: today's index
(``before``), the letters normalized only, normalized + light10's prefixes (what ships), and
light10 with its suffixes too.
"""

from __future__ import annotations

import doctest
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest
from catalog_fixtures import fts5_words, one_episode_server, passages_catalog, record, synthetic_episode
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.catalog import arabic, index_episode, latin, open_catalog, search
from audiokit.catalog.segments import passages
from audiokit.catalog.tokens import tokens

PASSAGES = {
    "a1": "زرعنا النعناع في الحديقة هذا الربيع",
    "a2": "أضف السكر والنعناع إلى الشاي",
    "a3": "الشاي بالنعناع مشروب شعبي في المغرب",
    "a4": "رائحة النَّعْنَاعِ الطَّازَجِ تملأ المطبخ",
    "a5": "ذهبت إلى المكتبة لأستعير كتابا عن التاريخ",
    "a6": "وفي المكتبه وجدت كتبا قديمه",
    "a7": "قرأت الكتاب كله في يومين",
    "a8": "وللكتاب مقدمة طويلة",
    "a9": "الأطفال يلعبون في الحديقة",
    "a10": "سافر أحمد إلى القاهرة في عام ٢٠١٩",
    "a11": "احمد يحب القهوة أكثر من الشاي",
    "a12": "وصلنا إلى المدينة في المساء",
    "a13": "على الطاولة كوب من الماء",
    "a14": "علي صديقي منذ المدرسة",
    "a15": "الحمد لله على كل شيء",
    "a16": "والله لا أعرف الجواب",
    "a17": "قال له المعلم أن يعيد الواجب",
    "a18": "وزارة الصحة أعلنت عن حملة جديدة",
    "a19": "زاره أصدقاؤه في المستشفى",
    "a20": "الوجود والعدم كتاب فلسفي مشهور",
    "a21": "جود الكرماء لا ينسى",
    "a22": "فالبيت كان صغيرا لكنه جميل",
    "a23": "كالبحر في هدوئه",
    "a24": "سألني عن مسؤولية الشركة",
    "a25": "هذا سؤال مهم جدا",
    "a26": "بيت جدي قريب من البحر",
    "a27": "المعلمون في المدارس يستحقون الاحترام",
    "a28": "تحدث المدرس عن اللغة العربية",
    "a29": "العرب يحبون الشعر",
    "a30": "شاهدت الفيلم مع إخوتي",
    "a31": "اشتريت الخبز والحليب من السوق",
    "a32": "الحليب الطازج أفضل للأطفال",
    "a33": "مستشفى المدينة كبير",
    "a34": "مرحبا بكم في حلقة جديدة عن الزراعة",
    "a35": "وبالزراعة يعيش أهل القرية",
    "a36": "كتب الطالب رسالة إلى والده",
    "a37": "الكلام ده مهم قوي",
    "a38": "الصبر مفتاح الفرج",
    "p1": "من هر روز چای با نعناع می‌نوشم",
    "p2": "کتابخانه‌ی شهر خیلی بزرگ است",
    "p3": "این کتاب را در کتابخانه پیدا کردم",
    "p4": "ورود به پارک رایگان است",
    "p5": "رود کارون از اهواز می‌گذرد",
    "p6": "سال ۱۴۰۲ سال خوبی بود",
    "p7": "سوال من درباره‌ی تاریخ ایران است",
    "p8": "البته که می‌آیم",
    "u1": "میں روز چائے میں پودینہ ڈالتا ہوں",
    "u2": "یہ سوال بہت اہم ہے",
    "u3": "ہم کل لاہور جائیں گے",
    "u4": "یہ بالکل ٹھیک ہے",
    "u5": "کتاب میز پر ہے",
    "u6": "وہ یہی بات کہتا تھا",
}

# (query, the passages a reader wants found)
QUERIES = [
    ("النعناع", {"a1", "a2", "a3", "a4", "p1"}),
    ("نعناع", {"a1", "a2", "a3", "a4", "p1"}),
    ("المكتبة", {"a5", "a6"}),
    ("الكتاب", {"a5", "a7", "a8", "a20", "p3", "u5"}),
    ("أحمد", {"a10", "a11"}),
    ("احمد", {"a10", "a11"}),
    ("القاهرة", {"a10"}),
    ("2019", {"a10"}),
    ("١٤٠٢", {"p6"}),
    ("على", {"a13", "a15"}),
    ("الله", {"a15", "a16"}),
    ("المدينة", {"a12", "a33"}),
    ("وزارة", {"a18"}),
    ("الوجود", {"a20"}),
    ("البيت", {"a22", "a26"}),
    ("البحر", {"a23", "a26"}),
    ("مسؤولية", {"a24"}),
    ("سؤال", {"a25", "p7", "u2"}),
    ("الحليب", {"a31", "a32"}),
    ("الزراعة", {"a34", "a35"}),
    ("العربية", {"a28"}),
    ("المعلم", {"a17", "a27"}),
    ("والده", {"a36"}),
    ("الطازج", {"a4", "a32"}),
    ("الأطفال", {"a9", "a32"}),
    ("مستشفى", {"a19", "a33"}),
    ('"الشاي بالنعناع"', {"a3"}),
    ('"السكر النعناع"', {"a2"}),
    ("کتابخانه", {"p2", "p3"}),
    ("ورود", {"p4"}),
    ("البته", {"p8"}),
    ("پودينه", {"u1"}),
    ("کل", {"u3"}),
    ("ہے", {"u2", "u4", "u5"}),
]

_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "يه", "ه", "ه", "ي")  # light10's, normalized (ية ة → يه ه)
_OLD_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _old_fold(text: str) -> str:
    """fold as it was before Arabic script had its search form."""
    return text.lower() if text.isascii() else _OLD_MARKS.sub("", unicodedata.normalize("NFD", text)).lower()


def _suffixes(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


def _variant(name: str):  # -> the tokens of a text under variant ``name``
    whole = re.compile(f"(?<![^\\W_])[{arabic._LETTERS}]{{2,}}(?![^\\W_])")

    def fold(text: str) -> str:
        folded = _old_fold(text)
        if name == "before":
            return folded
        if name == "normalized":
            return arabic.normalize(folded)
        if name == "shipped":
            return arabic._STEMMED.sub(lambda m: arabic.stem(m.group()), arabic.normalize(folded))
        return whole.sub(lambda m: _suffixes(arabic.stem(m.group())), arabic.normalize(folded))

    return lambda text: re.findall(r"[^\W_]+", fold(text))


def _found(toks, query: str) -> set[str]:
    """The passages holding the query's tokens in a row (a word or a quoted phrase)."""
    want = toks(query.strip('"'))
    streams = {pid: toks(text) for pid, text in PASSAGES.items()}
    n = len(want)
    return {pid for pid, s in streams.items() if n and any(s[i:i + n] == want for i in range(len(s) - n + 1))}


def _measure(name: str) -> tuple[int, int, list[tuple[str, str]]]:
    """(relevant passages found, of how many, the false matches as (query, passage))."""
    toks = _variant(name)
    hits = total = 0
    false: list[tuple[str, str]] = []
    for query, want in QUERIES:
        found = _found(toks, query)
        hits += len(found & want)
        total += len(want)
        false += sorted((query, pid) for pid in found - want)
    return hits, total, false


def test_doctests() -> None:
    assert doctest.testmod(arabic).failed == 0


def test_the_variants_measured_on_the_set() -> None:
    # Of the 66 passages wanted: before 33, letters normalized 43, + prefixes 64 (shipped),
    # + light10's suffixes 65. False matches: the normalized letters make على (on) علي (Ali) and
    # the Urdu کل (tomorrow) the Arabic كل (all); the prefixes add و taken off a root letter
    # (وزارة ministry / زاره visited him, والده his father / Egyptian ده this, Persian ورود
    # entry / رود river) and بال off the Urdu بالکل (quite); the suffixes would add العربية
    # (Arabic) / العرب (the Arabs) and كله (all of it) / کل for one more hit (المعلمون).
    before, normalized, shipped, light10 = (_measure(n) for n in ("before", "normalized", "shipped", "light10"))
    assert (before[:2], normalized[:2], shipped[:2], light10[:2]) == ((33, 66), (43, 66), (64, 66), (65, 66))
    assert before[2] == []
    assert normalized[2] == [("على", "a14"), ("کل", "a15")]
    assert shipped[2] == [("على", "a14"), ("وزارة", "a19"), ("والده", "a37"), ("ورود", "p5"), ("کل", "a15"),
                          ("کل", "u4")]
    assert sorted(set(light10[2]) - set(shipped[2])) == [("العربية", "a29"), ("کل", "a7")]


@pytest.fixture(scope="module")
def arabic_catalog():
    """Every passage of the set as an episode of its own (id = the passage's), in memory."""
    return passages_catalog(PASSAGES, "Sara")


def test_the_catalogue_search_finds_what_the_shipped_tokens_find(arabic_catalog) -> None:
    toks = _variant("shipped")
    for query, _ in QUERIES:
        assert {h.episode for h in search(arabic_catalog, query, limit=100)} == _found(toks, query), query
        assert toks(query) == tokens(query.strip('"'))


def test_a_hit_marks_the_whole_word_with_its_prefixes(arabic_catalog) -> None:
    assert {h.episode for h in search(arabic_catalog, "وبالزراعة")} == {"a34", "a35"}
    hits = {h.episode: h for h in search(arabic_catalog, "زراعه")}
    assert set(hits) == {"a34", "a35"}
    s, e = hits["a35"].marks[0]
    assert hits["a35"].snippet[s:e] == "وبالزراعة" and hits["a35"].start == 1.0
    for prefix in ("النعن*", "نعنا*"):
        assert {h.episode for h in search(arabic_catalog, prefix)} == {"a1", "a2", "a3", "a4", "p1"}
    assert search(arabic_catalog, "النع*") == []  # its stem نع is under 3 letters: a whole word


def test_the_letter_variants_and_digits_fold_to_one_form() -> None:
    assert arabic.normalize("أإآٱ ؤ ئىی ک ةۃہ ٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ـ") == "اااا و ييي ك ههه 0123456789 0123456789 "
    assert arabic.normalize("ہے ہی ۓ") == "هے هي ے"  # yeh barree kept apart from yeh
    assert tokens("خانۀ خانه\u200cی") == ["خانه", "خانه"]  # the ezafe (catalog.arabic's joiners)
    assert tokens("خانه ی") == ["خانه", "ي"]  # spaced, a word of its own
    assert tokens("كَتَبَ") == tokens("كتب") == ["كتب"]


def test_other_scripts_are_left_as_they_were() -> None:
    # Hebrew has attached prefixes too (ו ה ב ל) but no agreed light stemmer: left alone.
    for text in ["והספר בבית", "Привет, мир", "naïve Straße", "ελληνικά", "中文 测试"]:
        # (Straße is strasse since schema 9: catalog.latin)
        assert tokens(text) == re.findall(r"[^\W_]+", latin.search_form(_old_fold(text)))
    assert tokens("GPTال كوفيد19 و2024") == ["gptال", "كوفيد19", "و2024"]  # not whole Arabic words: not stemmed


ARABIC_ISH = st.text(alphabet=st.sampled_from(list("والنعمكتبفسرهيةىیکأإآٱؤئۀۃہےڈپچ٠٣۴ـ ،؟ab1")
                                                + ["\u064e", "\u0651", "\u0652", "\u0670", "\u0654", "\u200c",
                                                   "\ufefb", "\ufdf2", "\u06d5"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(ARABIC_ISH)
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = arabic.normalize(text)
    assert arabic.normalize(once) == once
    assert not re.search("[\u064b-\u065f\u0670\u0640]", once)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_text_without_arabic_script_is_folded_as_before(text: str) -> None:
    # As before Arabic script had its search form, save what came since: compatibility forms
    # folded (NFKD, as the page does), the marks of other scripts kept (test_catalog_indic) and
    # the Greek final sigma σ, as FTS5 folds it (test_catalog_fold), and the Latin letters
    # Unicode does not decompose spelt in ASCII (catalog.latin).
    from audiokit.catalog.tokens import fold

    nfkd = unicodedata.normalize("NFKD", text)
    if arabic.has_arabic(text) or any(unicodedata.category(c)[0] == "M" and not _OLD_MARKS.match(c) for c in nfkd):
        return
    assert fold(text) == latin.search_form(_old_fold(nfkd).replace("\u03c2", "\u03c3"))


@settings(max_examples=300, deadline=None)
@given(st.lists(ARABIC_ISH.filter(lambda w: " " not in w), min_size=1, max_size=5))
def test_words_fold_on_their_own(words: list[str]) -> None:
    # search counts matches in the folded text of a whole passage and cuts it after its lead.
    from audiokit.catalog.tokens import fold

    assert fold(" ".join(words)) == " ".join(fold(w) for w in words)


@settings(max_examples=150, deadline=None)
@given(ARABIC_ISH.filter(lambda t: not re.search("[ab]", t)))
def test_the_index_text_gives_fts5_the_same_tokens(text: str) -> None:
    # A word typed goes to FTS5 folded (its search form): unicode61 must cut the indexed text
    # into the very tokens the grams and the marks are made of.
    from audiokit.catalog.tokens import columns

    assert fts5_words(columns(text)[0]) == set(tokens(text))


def test_the_server_finds_and_the_mint_from_the_mint(tmp_path: Path) -> None:
    server = one_episode_server(tmp_path / "OUT", "mint", "النعناع", [("سارة", "أضف السكر والنعناع إلى الشاي", 2.0),
                                                                     ("علي", "لا أحب الشاي", 8.0)], "الشاي", 10.0)
    try:
        for query in ("النعناع", "نَعْنَاع", '"السكر النعناع"'):
            hits = json.loads(server.get("/search?q=" + quote(query))[2])["hits"]
            start = 2.3 if query.startswith('"') else 2.6  # the phrase begins a word earlier
            assert [(h["episode"], h["speaker"], h["start"]) for h in hits] == [("mint", "سارة", start)], query
            (s, e), = hits[0]["marks"][-1:]
            assert hits[0]["snippet"][s:e].endswith("والنعناع")
    finally:
        server.stop()


ARABIC_WORD = st.sampled_from(sorted({w for text in PASSAGES.values() for w in text.split()}
                                     | {"وَالنَّعْنَاعُ", "ووزير", "لله", "كوفيد19", "و٢٠٢٤", "GPTال", "«الشاي»", "،", "ـ"}))


@settings(max_examples=150, deadline=None)
@given(st.lists(ARABIC_WORD, min_size=1, max_size=15), st.data())
def test_counting_in_folded_arabic_agrees_with_the_tokens(words: list[str], data: st.DataObject) -> None:
    # What search ranks by (matches in the folded passage) is what the tokens say, prefixes and all.
    from audiokit.catalog.search import _pattern, _searched, _terms
    from audiokit.catalog.tokens import fold, owned_tokens

    toks, owner = owned_tokens(words)
    if not toks:
        return
    i = data.draw(st.integers(0, len(toks) - 1))
    n = data.draw(st.integers(1, min(3, len(toks) - i)))
    first, last = owner[i], owner[i + n - 1]
    terms = _terms('"' + " ".join(words[first:last + 1]) + '"')
    if len(terms) != 1:
        return
    want = list(terms[0].tokens)
    expected = sum(1 for k in range(len(toks) - len(want) + 1) if toks[k:k + len(want)] == want)
    searched, k = _searched(fold(" ".join(words)))
    assert len(_pattern(terms[0])[k].findall(searched)) == expected >= 1


@settings(max_examples=60, deadline=None)
@given(st.lists(ARABIC_WORD, min_size=2, max_size=12), st.data())
def test_any_run_of_arabic_words_finds_its_passage_at_its_first_word(words: list[str], data: st.DataObject) -> None:
    conn = open_catalog(":memory:")
    ep = synthetic_episode("x", [("Sara", " ".join(words), 0.0)])
    index_episode(conn, record("x", "X", "done"), passages(ep))
    timed = ep.turns[0].words
    i = data.draw(st.integers(0, len(timed) - 1))
    run = timed[i:i + data.draw(st.integers(1, min(4, len(timed) - i)))]
    hits = search(conn, '"' + " ".join(w.text for w in run) + '"')
    with_tokens = [w for w in run if tokens(w.text)]
    if not with_tokens:
        assert hits == []
        return
    assert hits and hits[0].start is not None and hits[0].start <= with_tokens[0].start + 1e-9
