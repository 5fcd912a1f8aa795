"""Key-phrase titles: short, title case, distinct, never a filler or fragment."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.chapters.titles import Phrase, candidates, make_titles, rank_phrases, title_case, titles_from
from audiokit.chapters.wordlists import STOPWORDS

SAFETY = ("They ran safety benchmarks on toxicity. The safety benchmarks cover toxicity and bias. "
          "Red teaming found jailbreaks. More red teaming followed.")
LICENSE = ("The open license allows commercial use. Commercial use is free under the license "
           "for most companies. The license has one clause.")


def test_titles_name_the_topic():
    titles = make_titles([SAFETY, LICENSE])
    assert "Safety Benchmarks" in titles[0]
    assert "Commercial Use" in titles[1] or "License" in titles[1]


def test_no_swearing_in_a_title():
    # In podcasts-dev, 6 of 400 titles were like "Journey and Shitcoins" or "Bitcoin Core and Fund Shit".
    text = ("People pump shitcoins on every exchange. Those shitcoins crash. The shit coin market "
            "is a casino. Exchange listings decide which shitcoins pump.")
    title = make_titles([SAFETY, text])[1]
    assert "shit" not in title.lower() and title
    found = {w.lower() for _, w in candidates("That crap release broke the damn wallet backups.")}
    assert not any(w in found for w in ("crap release", "damn wallet", "crap", "damn")) and "wallet backups" in found


def test_candidates_skip_stopwords_and_fillers():
    found = [w for _, w in candidates("Yeah, I mean, you know, it's kind of like the training data.")]
    assert found == ["training data", "data"]


def test_candidates_never_cut_a_compound_before_its_head():
    found = {w for _, w in candidates("They hired experts in cyber security and red teaming. The red teaming helped.")}
    assert {"red teaming", "cyber security"} <= found
    assert not found & {"red", "cyber", "cyber security and red", "security and red"}


def test_rank_never_titles_the_modifier_of_a_compound():
    text = "Red teaming found gaps. The red teaming was thorough. More red teaming followed."
    keys = [p.key for p in rank_phrases([text, "The license allows commercial use."])[0]]
    assert ("red",) not in keys and keys[0] == ("red", "teaming")


def test_verb_headed_phrases_rejected():
    found = {w for _, w in candidates("They were calling tools. We push the release, you fix it. "
                                      "They answered templates and kept detecting bias.")}
    assert not {"calling", "calling tools", "push", "fix", "answered templates", "detecting bias"} & found
    assert {"tools", "templates", "bias"} <= found


def test_gerund_nouns_and_participle_modifiers_kept():
    found = {w for _, w in candidates("We saw supervised fine-tuning, reward modeling and training data; pre-trained models.")}
    assert {"supervised fine-tuning", "training data", "pre-trained models"} <= found


def test_generic_words_rejected():
    found = {w for _, w in candidates("In the bias section of the paper. The library. Search. Our paper reading, "
                                      "and a specific question about the stuff.")}
    assert found == set()
    assert make_titles(["The paper, the paper, the section, the library.", "Safety benchmarks, safety benchmarks."])[0] == "Part 1"


def test_adjectives_never_stand_alone_or_end_a_phrase():
    found = {w for _, w in candidates("It was private. The private data is transparent, demographic, commercial.")}
    assert found == {"private data", "data"}


def test_vague_modifiers_break_phrases():
    found = {w for _, w in candidates("a vast number of specific models")}
    assert found == {"models"}


def test_compose_skips_overlapping_hyphenated_words():
    pre = "Pre training data matters. Pre training data again. Pre-training is key. Pre-training twice."
    titles = make_titles([pre, "The license allows commercial use. Commercial use is fine."])
    assert titles[0] in {"Pre Training Data", "Pre-Training"}


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


def test_tagger_finds_noun_phrases_not_verbs_it_knows():
    found = {w for _, w in candidates("The hives get full sun, and the bees fly high above the traffic.")}
    assert {"hives", "sun", "bees", "traffic"} <= found
    assert not {"get", "fly", "high"} & found


def test_no_compound_runs_on_past_a_plural():
    found = {w for _, w in candidates("The rooftop bees forage far and wide.")}
    assert "rooftop bees" in found and not any(w.startswith("rooftop bees ") for w in found)


def test_first_chapter_of_greetings_is_introductions():
    intro = "Welcome to Small Wonders. I’m Nadia, and with me today are two guests. Rooftop bees forage far."
    titles = make_titles([intro, SAFETY, LICENSE])
    assert titles[0].startswith("Introductions") and len(titles[0]) <= 40
    # only the first chapter, and only when it greets
    assert not make_titles([SAFETY, intro])[1].startswith("Introductions")
    assert not make_titles([SAFETY, LICENSE])[0].startswith("Introductions")
    assert make_titles([intro])[0] != "Introductions"  # a single chapter is the whole episode


def test_no_noun_right_after_a_pronoun():
    found = {w for _, w in candidates("Leila, you light streets for a living. We spread compost on top.")}
    assert {"streets", "compost"} <= found and not {"light streets", "spread compost", "spread"} & found


def test_titles_from_a_given_ranking():
    # scripts/train_titles.py composes titles from its own ranking through titles_from: the same
    # titles as make_titles for today's ranking, and the ranking given is the one followed.
    assert titles_from([SAFETY, LICENSE], rank_phrases([SAFETY, LICENSE])) == make_titles([SAFETY, LICENSE])
    mine = [[Phrase(("toxicity",), "toxicity", 1.0)], [Phrase(("clause",), "clause", 1.0)]]
    assert titles_from([SAFETY, LICENSE], mine) == ["Toxicity", "Clause"]


def test_a_title_never_joins_two_forms_of_one_word():
    # Seen on the dev sets: "Stablecoins and Stable Coins", "Noisy Speech and Additive Noise",
    # "Training Corpus Corpus" (28 of 1290 titles of the true spans before).
    got = make_titles([
        "Stablecoins are popular. Stable coins are pegged. Stablecoins move. The stable coins grow.",
        "The noisy speech was hard. Noisy speech again. Additive noise is common. Additive noise too.",
        "The training corpus corpus is big. The training corpus matters.",
    ])
    for title in got:
        parts = title.lower().replace("-", " ").split(" and ")
        if len(parts) == 2:
            assert not {w[:4] for w in parts[0].split()} & {w[:4] for w in parts[1].split()}, title
        words = title.lower().split()
        assert len({w[:5] for w in words if w != "and"}) == len([w for w in words if w != "and"]), title
