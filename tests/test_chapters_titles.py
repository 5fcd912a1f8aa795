"""Key-phrase titles: short, title case, distinct, never a filler or fragment."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.chapters.titles import candidates, make_titles, rank_phrases, title_case
from audiokit.chapters.wordlists import STOPWORDS

SAFETY = ("They ran safety benchmarks on toxicity. The safety benchmarks cover toxicity and bias. "
          "Red teaming found jailbreaks. More red teaming followed.")
LICENSE = ("The open license allows commercial use. Commercial use is free under the license "
           "for most companies. The license has one clause.")


def test_titles_name_the_topic():
    titles = make_titles([SAFETY, LICENSE])
    assert titles[0] in {"Safety Benchmarks and Red Teaming", "Red Teaming and Safety Benchmarks"}
    assert "Commercial Use" in titles[1] or "License" in titles[1]


def test_candidates_skip_stopwords_and_fillers():
    found = [w for _, w in candidates("Yeah, I mean, you know, it's kind of like the training data.")]
    assert found == ["training", "training data", "data"]


def test_candidates_never_start_with_number():
    assert all(not w.split()[0].isdigit() for _, w in candidates("In 2023 Llama 2 had 70 billion parameters"))


def test_title_case_keeps_acronyms():
    assert title_case("rlhf and GPT-4 in the wild") == "Rlhf and GPT-4 in the Wild"
    assert title_case("RLHF of the model") == "RLHF of the Model"


def test_rank_prefers_repeated_specific_phrases():
    ranked = rank_phrases([SAFETY, LICENSE])
    assert ranked[0][0].key in {("safety", "benchmark"), ("red", "teaming")}


def test_centrality_reorders():
    def centrality(index, phrases):
        return [1.0 if "toxicity" in p else 0.1 for p in phrases]

    assert "Toxicity" in make_titles([SAFETY, LICENSE], centrality)[0]


def test_duplicate_topics_get_distinct_titles():
    titles = make_titles([SAFETY, SAFETY, SAFETY])
    assert len(set(titles)) == 3


words = st.sampled_from(["safety", "yeah", "the", "model", "data", "um", "training", "like", "red", "teaming",
                         "license", "GPT-4", "and", "so", "bias", "you", "know", "2", "of"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(words, min_size=0, max_size=40).map(" ".join), min_size=1, max_size=6))
def test_title_properties(texts):
    titles = make_titles(texts)
    assert len(titles) == len(texts)
    assert len({t.lower() for t in titles}) == len(titles)
    for t in titles:
        assert 0 < len(t) <= 40
        assert t[-1] not in ".,;:!?"
        assert t.lower() not in STOPWORDS
        assert t[0].isupper() or t[0].isdigit()
