"""Pure segmentation and the find_chapters pipeline on small programmatic episodes."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.chapters import boundary_model, choose, features, find_chapters
from audiokit.chapters.find import content_text
from audiokit.chapters.model import timed_sentences
from audiokit.chapters.segment import probabilities, segment
from audiokit.errors import InputError, MissingToolError
from audiokit.model import Episode, Sentence, Turn, Word

TOPICS = [
    "The transmitter tower needs a new antenna. Antenna repairs cost money. The tower crew climbs the mast.",
    "Volunteers schedule shifts with the app. The scheduling app sends reminders. Shifts swap in the app.",
    "Transcripts help deaf listeners. Captions and transcripts make episodes searchable. Write transcripts.",
]


def build_episode(paragraphs: list[str], speakers: tuple[str, ...] = ("Ann", "Ben"), rate: float = 0.4,
                  pause: float = 0.6) -> Episode:
    """One turn per paragraph, speakers alternating, words ``rate`` s apart."""
    turns, t = [], 0.5
    for k, para in enumerate(paragraphs):
        sentences = []
        for text in [s.strip() + "." for s in para.split(".") if s.strip()]:
            words = []
            for w in text.split():
                words.append(Word(w, round(t, 3), round(t + rate * 0.8, 3)))
                t += rate
            sentences.append(Sentence(tuple(words)))
        turns.append(Turn(speakers[k % len(speakers)], tuple(sentences)))
        t += pause
    return Episode(tuple(turns))


def long_episode(repeats: int = 4) -> Episode:
    return build_episode([TOPICS[i] for i in range(3) for _ in range(repeats)])


def test_block_similarity_dips_at_topic_change():
    v = np.array([[1, 0]] * 5 + [[0, 1]] * 5, dtype=float)
    sim = features.block_similarity(v, np.ones(10), window=3)
    assert sim[0] == 1.0
    assert int(np.argmin(sim)) == 5
    assert sim[2] == pytest.approx(1.0)


def test_depth_peaks_in_valley():
    d = features.depth(np.array([1.0, 0.9, 0.9, 0.8, 0.2, 0.7, 0.9, 0.9]))
    assert int(np.argmax(d)) == 4
    assert d[0] == 0.0


def test_features_of_a_programmatic_episode():
    ep = long_episode()
    sentences = timed_sentences(ep)
    tokens = [content_text(s.text).split() for s in sentences]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(sentences), 6))
    feats = features.gap_features(sentences, tokens, vectors)
    col = {n: k for k, n in enumerate(features.FEATURE_NAMES)}
    assert feats.shape == (len(sentences), len(features.FEATURE_NAMES))
    assert np.all(np.isfinite(feats)) and not feats[0].any()
    changes = [i for i in range(1, len(sentences)) if sentences[i].speaker != sentences[i - 1].speaker]
    assert [i for i in range(len(sentences)) if feats[i, col["speaker_change"]]] == changes
    # Lexical cohesion is lowest where the vocabulary changes (topics every 12 sentences).
    lex = feats[1:, col["lex_sim_25"]]
    assert int(np.argmin(lex)) + 1 in (12, 24)


def test_centred_drift_sees_past_a_component_every_sentence_shares():
    # Every sentence carries the same large component (register, style) and a small topic part
    # that changes at sentence 12: raw cosines stay near 1, the centred ones drop at the change.
    ep = long_episode()
    sentences = timed_sentences(ep)
    n = len(sentences)
    topic = np.where(np.arange(n)[:, None] < 12, [[0.0, 1.0, 0.0]], [[0.0, 0.0, 1.0]])
    vectors = np.array([[10.0, 0.0, 0.0]]) + topic
    feats = features.gap_features(sentences, [["w"] * 5] * n, vectors)  # 25-word blocks of 5 sentences
    col = {name: k for k, name in enumerate(features.FEATURE_NAMES)}
    assert feats[1:, col["emb_sim_25"]].min() > 0.98
    centred = feats[:, col["cemb_sim_25"]]
    assert centred[12] < 0.0 and centred[3] > 0.9 and centred[n - 3] > 0.9


def test_cue_phrases_and_questions():
    texts = [("Ann", "We talked about towers."), ("Ben", "Thanks."), ("Ben", "Let's move on to the app."),
             ("Ben", "What does it do?"), ("Ann", "It sends reminders.")]
    turns = [Turn(sp, (Sentence(tuple(Word(w, k * 5.0 + j * 0.3, k * 5.0 + j * 0.3 + 0.2)
                                      for j, w in enumerate(text.split()))),)) for k, (sp, text) in enumerate(texts)]
    sentences = timed_sentences(Episode(tuple(turns)))
    feats = features.gap_features(sentences, [content_text(s.text).split() for s in sentences],
                                  np.ones((len(sentences), 3)))
    col = {n: k for k, n in enumerate(features.FEATURE_NAMES)}
    run_start = next(i for i, s in enumerate(sentences) if s.text.startswith("Thanks"))
    assert feats[run_start, col["opener"]] == 1.0  # the opener in the run's second sentence counts at its start
    assert feats[run_start, col["question_run"]] == 1.0
    assert feats[run_start + 2, col["question"]] == 1.0


def test_even_timing_carries_no_pause_information():
    ep = long_episode()
    sentences = timed_sentences(ep)
    assert not features.timing_is_real(sentences)
    feats = features.gap_features(sentences, [["x"]] * len(sentences), np.ones((len(sentences), 2)))
    assert not feats[:, features.FEATURE_NAMES.index("pause")].any()
    real = build_episode(TOPICS * 2, pause=0.6)
    jittered = [s.__class__(**{**s.__dict__, "pause": 0.1 + 0.37 * (k % 5)}) for k, s in enumerate(timed_sentences(real))]
    assert features.timing_is_real(jittered)


def test_choose_is_global_not_greedy():
    # Greedy takes the single best gap (2) and then cannot fit a second one 30 s away;
    # the best pair is 1 and 3.
    p = np.array([0, 0.8, 0.9, 0.8, 0.0])
    assert choose.choose(p, [0, 30, 45, 60, 80], 95.0, 3, 30.0) == [0, 1, 3]


def test_choose_relaxes_spacing_and_rejects_impossible_counts():
    p = np.array([0, 0.9, 0.8, 0.1, 0.7])
    assert choose.choose(p, [0, 10, 12, 30, 40], 50, 5, 30) == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError):
        choose.choose(np.zeros(3), [0, 1, 2], 3, 4, 0)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 40), seed=st.integers(0, 10_000), count=st.integers(1, 40),
       min_length=st.floats(0, 120))
def test_choose_properties(n, seed, count, min_length):
    def spaced(times: list[float]) -> bool:  # a short episode's opening chapter may be shorter
        gaps = [b - a for a, b in pairwise(times)]
        opening = choose.opening_length(min_length, end - float(starts[0]))
        return gaps[0] >= opening - 1e-9 and min(gaps[1:]) >= min_length - 1e-9

    rng = np.random.default_rng(seed)
    p = rng.random(n)
    starts = np.cumsum(rng.uniform(0.5, 20, size=n)) - 0.5
    end = float(starts[-1] + 5)
    count = min(count, n)
    firsts = choose.choose(p, list(starts), end, count, min_length)
    assert firsts[0] == 0 and len(firsts) == count and firsts == sorted(set(firsts))
    totals, _ = choose.best_sets(p, starts, end, count - 1, min_length,
                                 choose.opening_length(min_length, end - float(starts[0])))
    if count > 1 and np.isfinite(totals[count - 1]):  # feasible: the spacing holds and no other set earns more
        assert spaced([0.0, *[starts[i] for i in firsts[1:]], end])
        if n <= 8:
            import itertools
            best = max((sum(p[list(c)]) for c in itertools.combinations(range(1, n), count - 1)
                        if spaced([0.0, *[starts[i] for i in c], end])), default=None)
            assert best is not None and sum(p[firsts[1:]]) == pytest.approx(best)
    auto = choose.automatic(p, list(starts), end, min_length, 0.5)
    assert auto[0] == 0 and auto == sorted(set(auto))
    assert len(auto) <= max(1, int((end - starts[0]) // 60))
    if len(auto) > 1:
        assert spaced([0.0, *[starts[i] for i in auto[1:]], end])


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 30), seed=st.integers(0, 10_000), min_length=st.floats(0, 60))
def test_best_free_earns_what_the_best_count_earns(n, seed, min_length):
    rng = np.random.default_rng(seed)
    reward = rng.normal(-0.5, 1.0, n)
    times = np.cumsum(rng.uniform(0.5, 20, size=n)) - 0.5
    end = float(times[-1] + 5)
    free = choose.best_free(reward, times, end, min_length)
    totals, _ = choose.best_sets(reward, times, end, n - 1, min_length)
    assert free == sorted(set(free)) and all(i >= 1 for i in free)
    assert float(reward[free].sum()) == pytest.approx(max(0.0, float(np.max(totals))))
    spaced = [0.0, *[times[i] for i in free], end]
    assert not free or min(b - a for a, b in pairwise(spaced)) >= min_length - 1e-9


def test_a_short_episode_may_open_with_a_short_chapter():
    p = np.array([0, 0.9, 0.1, 0.1, 0.8, 0.1])
    starts = [0, 20, 50, 80, 110, 140]
    assert choose.choose(p, starts, 170.0, 3, 30.0) == [0, 1, 4]  # a 20 s welcome, then two topics
    long_starts = [0, 20, *[50 + 30 * k for k in range(40)]]
    long_p = np.r_[0, 0.9, np.full(40, 0.1)]
    assert 1 not in choose.choose(long_p, long_starts, long_starts[-1] + 60.0, 3, 30.0)


def test_english_cues_only_count_in_english():
    sentences = timed_sentences(long_episode())
    tokens = [content_text(s.text).split() for s in sentences]
    english = features.gap_features(sentences, tokens, np.ones((len(sentences), 2)))
    italian = features.gap_features(sentences, tokens, np.ones((len(sentences), 2)), language="it")
    cues = [features.FEATURE_NAMES.index(name) for name in features.CUE_COLUMNS]
    assert not italian[:, cues].any()
    # Besides the cues, only the split gain differs: it counts the language's own word stems.
    stemmed = [k for k, name in enumerate(features.FEATURE_NAMES) if name.startswith("gain_")]
    others = [k for k in range(len(features.FEATURE_NAMES)) if k not in cues and k not in stemmed]
    assert np.array_equal(english[:, others], italian[:, others])


def test_rare_words_outweigh_words_said_everywhere():
    # "il" and "la" are in every sentence: weighted by rarity they count for nothing.
    tokens = [["il", "la", "antenna"]] * 4 + [["il", "la", "trascrizione"]] * 4
    sims = features._Blocks(features._rare_counts(tokens), np.ones(8)).similarity(2)
    assert sims[4] == pytest.approx(0.0, abs=1e-6) and sims[2] == pytest.approx(1.0)


def test_automatic_count_follows_the_content():
    starts = [i * 10.0 for i in range(360)]
    flat = np.full(360, 0.01)
    assert choose.automatic(flat, starts, 3600.0, 30.0, 2.0) == [0]  # no topic change: one chapter
    peaks = flat.copy()
    peaks[[50, 100, 200, 300]] = 0.95
    assert choose.automatic(peaks, starts, 1800.0, 30.0, 2.0)[:3] == [0, 50, 100]  # 30 min: 3 chapters
    hour = choose.automatic(peaks, starts, 3600.0, 30.0, 2.0)
    assert len(hour) == 6 and {50, 100, 200, 300} <= set(hour)  # an hour: at least 6
    weak = flat.copy()
    weak[180] = 0.9  # one clear change in an hour: at least one chapter per 10 minutes anyway
    assert len(choose.automatic(weak, starts, 3600.0, 30.0, 2.0)) == 6
    noisy = np.random.default_rng(1).random(360)
    assert len(choose.automatic(noisy, starts, 3600.0, 30.0, 2.0)) <= 60


def test_count_bias_moves_with_length_and_old_files_still_load():
    model = boundary_model.BoundaryModel(("a",), np.zeros(1), np.ones(1), np.ones(1), 0.0, 2.0, {}, -0.5)
    assert model.count_bias(600.0) == pytest.approx(2.0)
    assert model.count_bias(150.0) > model.count_bias(600.0) > model.count_bias(3600.0)
    assert boundary_model.from_dict(model.to_dict()).bias_slope == pytest.approx(-0.5)
    doc = model.to_dict()
    del doc["bias_slope"]  # a file written before the slope existed: the bias alone
    assert boundary_model.from_dict(doc).count_bias(150.0) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        boundary_model.from_dict(dict(doc, bias_slope=float("nan")))


def test_count_bias_falls_where_the_vocabulary_turns_over_more():
    names = ("a", boundary_model.EVIDENCE_FEATURE)
    model = boundary_model.BoundaryModel(names, np.zeros(2), np.ones(2), np.ones(2), 0.0, 2.0, {}, 0.0, -0.5)
    rows = lambda depth: np.array([[0.0, 0.0], [1.0, depth], [0.0, depth]])
    # deeper lexical valleys than typical: a lower bar, so more chapters; shallower: a higher one
    assert model.count_bias(600.0, rows(0.2)) < model.count_bias(600.0) < model.count_bias(600.0, rows(0.01))
    assert model.count_bias(600.0, rows(boundary_model.EVIDENCE_REFERENCE - 1e-3)) == pytest.approx(2.0)
    assert model.count_bias(600.0, np.zeros((1, 2))) == pytest.approx(2.0)  # no gap: no evidence
    again = boundary_model.from_dict(model.to_dict())
    assert again.bias_evidence == pytest.approx(-0.5)
    doc = model.to_dict()
    del doc["bias_evidence"]  # a file written before the evidence term: length alone
    assert boundary_model.from_dict(doc).count_bias(600.0, rows(0.2)) == pytest.approx(2.0)
    with pytest.raises(ValueError):  # the term needs its feature
        boundary_model.from_dict(dict(model.to_dict(), features=["a", "b"]))


def test_segment_of_fewer_than_three_sentences_is_one_chapter():
    ep = build_episode(["One. Two."])
    sentences = timed_sentences(ep)
    assert segment(sentences, [["one"], ["two"]], np.ones((2, 2)), 5.0) == [0]


def test_shipped_model_loads_and_matches_features():
    model = boundary_model.load()
    assert model.features == features.FEATURE_NAMES
    assert boundary_model.MODEL_FILE.stat().st_size < 5_000_000
    info = model.training
    assert {"trained", "data", "features", "folds", "cv_true_count"} <= set(info)
    ep = long_episode()
    sentences = timed_sentences(ep)
    p = probabilities(sentences, [content_text(s.text).split() for s in sentences],
                      np.ones((len(sentences), 2)), model)
    assert p[0] == 0 and np.all((p >= 0) & (p <= 1))


@pytest.mark.parametrize("text", [None, "", "{not json", '{"format": "audiokit-chapter-boundaries", "version": 1}',
                                  '{"format": "something else"}'])
def test_missing_or_corrupt_model_names_the_file(tmp_path, text):
    path = tmp_path / "boundary_model.json"
    if text is not None:
        path.write_text(text)
    with pytest.raises(MissingToolError) as info:
        boundary_model.load(path)
    assert str(path) in str(info.value)


def test_content_text_drops_fillers():
    assert content_text("Yeah, I mean it’s kind of the carbon footprint.") == "carbon footprint"


def test_find_chapters_on_three_topics():
    ep = long_episode()
    # Each topic lasts under 30 s, so a minimum length that three chapters can keep.
    chapters = find_chapters(ep, count=3, min_length=20.0)
    assert len(chapters) == 3
    assert chapters[0].start == 0.0
    sentences = timed_sentences(ep)
    # each topic occupies 4 turns of 3 sentences: boundaries at sentences 12 and 24
    assert [c.first_sentence_index for c in chapters] == [0, 12, 24]
    assert chapters[-1].end == pytest.approx(sentences[-1].end)
    assert len({c.title for c in chapters}) == 3


def test_count_gives_at_most_the_chapters_that_fit_at_min_length():
    # A 31 s episode: --count 3 used to halve the minimum until three fitted (a 1.27 s chapter).
    ep = build_episode([TOPICS[0], TOPICS[1]], rate=0.9)
    sentences = timed_sentences(ep)
    assert 30 < sentences[-1].end < 35
    assert len(find_chapters(ep, count=3, min_length=30.0)) == 1
    short = find_chapters(ep, count=3, min_length=8.0)
    assert len(short) == 3 and all(c.end - c.start >= 8.0 - 0.3 for c in short[1:])
    assert short[0].end - short[0].start >= choose.opening_length(8.0, 31.0) - 0.3
    assert choose.fitting([0, 5, 12, 20], 31.0, 3, 30.0) == 1
    assert choose.fitting([0, 5, 12, 20], 31.0, 3, 1.0) == 3


def test_find_chapters_errors():
    untimed = Episode((Turn("A", (Sentence((Word("Hi."),)),)),))
    with pytest.raises(InputError, match="no timed words"):
        find_chapters(untimed)
    with pytest.raises(InputError, match="more than"):
        find_chapters(build_episode(["One. Two."]), count=3)


@settings(max_examples=25, deadline=None)
@given(
    order=st.lists(st.integers(0, 2), min_size=2, max_size=14),
    count=st.none() | st.integers(1, 8),
    min_length=st.sampled_from([0.0, 5.0, 30.0]),
)
def test_find_chapters_properties(order, count, min_length):
    ep = build_episode([TOPICS[i] for i in order])
    sentences = timed_sentences(ep)
    if count is not None:
        count = min(count, len(sentences))
    chapters = find_chapters(ep, count=count, min_length=min_length)
    if count is not None:
        end = max(s.end for s in sentences)
        assert len(chapters) == choose.fitting([s.start for s in sentences], end, count, min_length)
        assert len(chapters) == count or min((c.end - c.start for c in chapters[1:]), default=min_length) >= min_length - 0.3
    assert chapters[0].start == 0.0
    assert all(a.end == b.start and a.start < b.start for a, b in pairwise(chapters))
    assert chapters[-1].end == pytest.approx(max(s.end for s in sentences))
    starts = {s.index: s for s in sentences}
    for c in chapters[1:]:
        first = starts[c.first_sentence_index]
        assert c.start == first.chapter_start
        assert first.start - 0.25 <= c.start <= first.start
    assert len({c.title for c in chapters}) == len(chapters)
    assert all(0 < len(c.title) <= 40 for c in chapters)


def test_topic_changes_weigh_every_sentence_gap_and_peak_where_the_topic_changes() -> None:
    from audiokit.chapters.find import topic_changes

    ep = long_episode(3)  # three topics of three paragraphs of three sentences each
    sentences = timed_sentences(ep)
    changes = topic_changes(ep)
    assert [t for t, _ in changes] == [s.chapter_start for s in sentences[1:]]
    assert all(0.0 <= p <= 1.0 for _, p in changes)
    strongest = sorted(range(len(changes)), key=lambda k: -changes[k][1])[:2]
    assert sorted(k + 1 for k in strongest) == [9, 18]
    assert topic_changes(Episode(())) == ()
