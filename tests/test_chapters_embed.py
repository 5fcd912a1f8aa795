"""The numpy BERT encoder of scripts/minilm.py and the pure parts of scripts/chapters_embed.py
(issue 11's embedding experiment)."""

import json
import struct
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import chapters_embed as ce
import minilm

from audiokit.chapters import features
from audiokit.chapters.model import TimedSentence

DIM, HEADS, LAYERS, FFN = 8, 2, 2, 16
WORDS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "solar", "panels", "garden", "soil", "the", "rain"]


def write_safetensors(path: Path, tensors: dict[str, np.ndarray]) -> None:
    header, blobs, offset = {}, [], 0
    for name, a in tensors.items():
        raw = np.ascontiguousarray(a, dtype=np.float32).tobytes()
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    """A random two-layer BERT with a word-level tokenizer, in sentence-transformers' layout."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    folder = tmp_path_factory.mktemp("tiny")
    rng = np.random.default_rng(1)
    t: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": rng.normal(size=(len(WORDS), DIM)),
        "embeddings.position_embeddings.weight": rng.normal(size=(16, DIM)),
        "embeddings.token_type_embeddings.weight": rng.normal(size=(2, DIM)),
        "embeddings.LayerNorm.weight": np.ones(DIM), "embeddings.LayerNorm.bias": np.zeros(DIM),
    }
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        for name in ("query", "key", "value"):
            t[p + f"attention.self.{name}.weight"] = rng.normal(size=(DIM, DIM)) / 3
            t[p + f"attention.self.{name}.bias"] = rng.normal(size=DIM) / 3
        t[p + "attention.output.dense.weight"] = rng.normal(size=(DIM, DIM)) / 3
        t[p + "attention.output.dense.bias"] = np.zeros(DIM)
        t[p + "intermediate.dense.weight"] = rng.normal(size=(FFN, DIM)) / 3
        t[p + "intermediate.dense.bias"] = np.zeros(FFN)
        t[p + "output.dense.weight"] = rng.normal(size=(DIM, FFN)) / 3
        t[p + "output.dense.bias"] = np.zeros(DIM)
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            t[p + ln + ".weight"] = np.ones(DIM)
            t[p + ln + ".bias"] = np.zeros(DIM)
    write_safetensors(folder / "model.safetensors", t)
    (folder / "config.json").write_text(json.dumps({
        "num_attention_heads": HEADS, "num_hidden_layers": LAYERS, "max_position_embeddings": 16, "layer_norm_eps": 1e-12}))
    tok = Tokenizer(models.WordLevel({w: k for k, w in enumerate(WORDS)}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    tok.save(str(folder / "tokenizer.json"))
    return folder


def test_safetensors_round_trip(tmp_path):
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    write_safetensors(tmp_path / "m.safetensors", {"a": a, "b": np.ones(4)})
    got = minilm.read_safetensors(tmp_path / "m.safetensors")
    assert np.array_equal(got["a"], a) and got["b"].shape == (4,)


def test_vectors_are_unit_length_and_do_not_depend_on_the_batch_or_its_padding(tiny):
    enc = minilm.Encoder(tiny)
    texts = ["solar panels", "the garden soil the rain the rain", "rain", "solar"]
    together = enc.encode(texts)
    alone = np.vstack([enc.encode([t]) for t in texts])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-5)
    small_batches = enc.encode(texts, batch_tokens=4)
    assert np.allclose(together, small_batches, atol=1e-5)


def test_truncation_keeps_the_model_within_its_positions(tiny):
    enc = minilm.Encoder(tiny)
    assert enc.encode([" ".join(["rain"] * 40)]).shape == (1, DIM)


def test_gelu_is_close_to_the_exact_form():
    from math import erf, sqrt

    x = np.linspace(-6, 6, 121)
    exact = np.array([0.5 * v * (1 + erf(v / sqrt(2))) for v in x])
    assert np.abs(minilm.gelu(x) - exact).max() < 1e-3


@pytest.mark.skipif(not (ce.MODEL / "model.safetensors").exists(), reason="MiniLM weights not unpacked under bench-out/")
def test_minilm_reproduces_the_model_cards_similarities():
    enc = minilm.Encoder(ce.MODEL)
    v = enc.encode(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."])
    sims = v @ v.T
    assert round(float(sims[0, 1]), 2) == 0.67 and round(float(sims[0, 2]), 2) == 0.10
    assert round(float(sims[1, 2]), 2) == 0.14


def test_embedding_columns_are_those_the_vectors_change():
    n = 200  # blocks of 150 words must not cover the whole (centred) episode
    sentences = tuple(TimedSentence(i, i * 3.0, i * 3.0 + 2.5, f"word{i % 7} thing{i % 5}.", i, "AB"[i // 3 % 2], True, 0.5)
                      for i in range(n))
    tokens = [s.text.rstrip(".").split() for s in sentences]
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(n, 12)), rng.normal(size=(n, 12))
    fa = features.gap_features(sentences, tokens, a / np.linalg.norm(a, axis=1, keepdims=True))
    fb = features.gap_features(sentences, tokens, b / np.linalg.norm(b, axis=1, keepdims=True))
    changed = {k for k in range(fa.shape[1]) if not np.allclose(fa[:, k], fb[:, k])}
    assert changed <= set(ce.embedding_columns())
    assert len(changed) >= len(ce.embedding_columns()) - 2  # a column may stay put by chance


def test_masked_keeps_or_zeroes_sentences_without_content():
    ss = [TimedSentence(0, 0.0, 1.0, "Yeah.", 0, "A", True, 0.5),
          TimedSentence(1, 1.0, 2.0, "Solar panels.", 1, "B", True, 0.5)]
    v = np.array([[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]])
    assert ce.masked(ss, v, "raw")[0].tolist() == [1.0, 1.0, 1.0]
    assert ce.masked(ss, v, "masked")[0].tolist() == [0.0, 0.0, 0.0]
    assert v[0].tolist() == [1.0, 1.0, 1.0]  # the input is not changed


def test_utterance_rows_follow_the_training_forms_sentences():
    from chapters_data import episode_doc

    doc = {"meeting_transcripts": [{"speaker": "A", "content": "Hello all. We start with solar panels."},
                                   {"speaker": "A", "content": "Then roofs."},
                                   {"speaker": "B", "content": "Fine. Good. Go on."}],
           "topic_list": [{"relevant_text_span": [["0", "2"]]}]}
    import json as js

    from audiokit import episode_json
    from audiokit.chapters.model import timed_sentences

    scored = timed_sentences(episode_json.loads(js.dumps(episode_doc(doc, "x")[0])))
    train = timed_sentences(episode_json.loads(js.dumps(episode_doc(doc, "x", split=True)[0])))
    vectors = np.eye(len(train))
    rows = ce.utterance_rows(scored, vectors)
    assert rows.shape == (3, len(train)) and np.allclose(np.linalg.norm(rows, axis=1), 1.0)
    assert rows[1].argmax() == 2 and rows[1].max() == 1.0  # "Then roofs." is training sentence 2
    with pytest.raises(ValueError):
        ce.utterance_rows(scored, vectors[:-1])


def test_vector_cache_round_trip(tmp_path):
    cache = {"a b": np.ones(4, dtype=np.float32), "c": np.zeros(4, dtype=np.float32)}
    ce.save_vectors(cache, tmp_path, "s0")
    got = ce.load_vectors(tmp_path)
    assert set(got) == set(cache) and np.array_equal(got["a b"], cache["a b"])


def test_static_distillation_gives_one_row_per_token_and_unit_sentence_vectors(tiny):
    table, mean = minilm.distil(minilm.Encoder(tiny), dims=4, batch=3)
    assert table.shape == (len(WORDS), 4) and mean.shape == (DIM,)
    assert np.allclose(table.mean(axis=0), 0.0, atol=1e-5)  # centred before the projection
    static = minilm.Static(tiny / "tokenizer.json", table, np.ones(len(WORDS), dtype=np.float32))
    v = static.encode(["solar panels", ""])
    assert np.isclose(np.linalg.norm(v[0]), 1.0) and not v[1].any()
    expected = table[[4, 5]].mean(axis=0)
    assert np.allclose(v[0], expected / np.linalg.norm(expected), atol=1e-5)
