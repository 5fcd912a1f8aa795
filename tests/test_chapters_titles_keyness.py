"""Chapter titles outside English ranked by keyness (audiokit/chapters/titles_keyness.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.chapters import titles_keyness as tk
from audiokit.chapters.titles import MAX_LENGTH, make_titles
from audiokit.chapters.titles_lang import content_lemmas

IT = tk.rarity_of("it")


def _top(texts: list[str], language: str = "it") -> list[str]:
    return [chapter[0].text if chapter else "" for chapter in tk.rank(texts, language, tk.rarity_of(language))]


def test_topic_said_often_here_and_rarely_elsewhere_wins() -> None:
    texts = ["Il mercato apre presto. Al mercato compro frutta. Il mercato è pieno di gente.",
             "La bicicletta costa poco. Vado in bicicletta al lavoro. La bicicletta è veloce. Il mercato è lontano."]
    assert _top(texts) == ["mercato", "bicicletta"]


def test_rare_word_beats_common_one_at_equal_spread() -> None:
    assert IT is not None
    assert IT("sauna") > IT("quasi") and IT("bicicletta") > IT("nessuno")
    texts = ["Parliamo di altro. Quasi nessuno usa la sauna. Quasi nessuno ama la sauna.",
             "Oggi parliamo di treni. I treni arrivano tardi. I treni sono pieni."]
    assert _top(texts)[0] == "sauna"


def test_a_second_word_must_add_keyness() -> None:
    # "cada" is said everywhere, so "mercat cada dissabte" gives way to "mercat".
    texts = ["Parlem del mercat. Vaig al mercat cada dissabte. El mercat té de tot. Compro al mercat.",
             "Cada dia agafo la bicicleta. Cada any hi ha més carrils. Cada vegada més bicicletes."]
    ranked = tk.rank(texts, "ca", tk.rarity_of("ca"))
    assert ranked[0][0].text == "mercat"
    assert all(p.score < ranked[0][0].score for p in ranked[0] if p.key[0] == "mercat" and len(p.key) > 1)


def test_the_first_sentence_names_the_topic() -> None:
    # "sauna" and "lago" are said as often; the chapter opens on the sauna.
    texts = ["Parliamo della sauna. Dopo si nuota nel lago. La sauna scalda. Il lago è freddo.",
             "Il prezzo del pane sale. Il pane costa. Il prezzo è alto."]
    assert _top(texts)[0] == "sauna"


def test_names_weigh_less_than_topics() -> None:
    texts = ["Ci scrive Chiara da Bologna, e chiede del caffè. Caffè o tè? Bologna ama il caffè.",
             "Il prezzo del pane sale. Il pane costa."]
    keys, names = tk._keyness(texts, "it", IT)
    assert "bologna" in names and "caffè" not in names
    assert keys[0]["caffè"] > keys[0]["bologna"]


def test_content_lemmas_mark_capitals_inside_sentences() -> None:
    found = content_lemmas("Ieri Bologna ha vinto. Bologna gioca bene a calcio.", "it")
    assert ("bologna", True) in found and ("bologna", None) in found and ("calcio", False) in found


def test_a_lone_word_is_titled_in_its_dictionary_form() -> None:
    texts = ["Na trhu jsem koupil sýr. Na trhu byly jahody. Trhy jsou plné.",
             "Polévka je levná. Polévka zasytí. Uvařte polévku."]
    assert _top(texts, "cs") == ["trh", "polévka"]


def test_a_suppletive_lemma_is_not_a_title() -> None:
    # simplemma gives "člověk" (person) for "lidé" (people): a word the chapter never says.
    texts = ["Lidé nakupují v Německu. Lidé hlídají akce. Lidé píšou seznam.",
             "Polévka je levná. Polévka zasytí. Uvařte polévku."]
    assert [t.casefold() for t in _top(texts, "cs")] == ["lidé", "polévka"]


def test_language_without_word_frequencies_still_ranks() -> None:
    assert tk.rarity_of("te") is None
    texts = ["బిర్యానీ చాలా రుచిగా ఉంది. బిర్యానీ హైదరాబాద్ లో ప్రసిద్ధం. బిర్యానీ అందరికీ ఇష్టం.",
             "సినిమాలు చూద్దాం. కొత్త సినిమాలు వచ్చాయి. సినిమాలు బాగున్నాయి."]
    assert [chapter[0].text for chapter in tk.rank(texts, "te")] == ["బిర్యానీ", "సినిమాలు"]


def test_titles_join_a_second_topic_only_when_nearly_as_strong() -> None:
    one = ["Benvenuti a tutti. Io sono Giulia.",
           "Parliamo di caffè. Il caffè costa. Il caffè al bar. Una brioche.",
           "Parliamo di treni. I treni arrivano tardi. I treni sono pieni."]
    assert make_titles(one, language="it") == ["Introduzione", "Caffè", "Treno"]
    two = [*one[:2], "Parliamo di treni e autobus. I treni arrivano tardi. Gli autobus anche. Treni e autobus."]
    assert make_titles(two, language="it")[2] == "Autobus e treno"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["caffè", "prezzo", "treno", "sauna", "quasi", "nessuno", "usa",
                                           "il", "di", "bar", "casa", "lavoro", "."]), max_size=30),
                min_size=1, max_size=5))
def test_titles_are_short_and_distinct(chapters: list[list[str]]) -> None:
    texts = [" ".join(words) for words in chapters]
    got = make_titles(texts, language="it")
    assert len(got) == len(texts) and len({t.lower() for t in got}) == len(got)
    assert all(0 < len(t) <= MAX_LENGTH for t in got)
