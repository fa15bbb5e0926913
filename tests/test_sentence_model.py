"""bench/sentence_model.py, the numpy BERT encoder bench/matching_cv.py --sentence-model measures with, on a tiny
model made here (random weights, a word-level tokenizer): the padding of a batch must not change a text's vector,
and the attention must read the whole text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def tiny_model(tmp_path: Path) -> Path:
    from safetensors.numpy import save_file
    from tokenizers import Tokenizer, models, pre_tokenizers

    words = [
        "[PAD]",
        "[UNK]",
        "[CLS]",
        "[SEP]",
        "russia",
        "troops",
        "take",
        "kherson",
        "the",
        "city",
        "dam",
    ]
    tokenizer = Tokenizer(models.WordLevel({w: n for n, w in enumerate(words)}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.save(str(tmp_path / "tokenizer.json"))
    hidden, inner, layers = 8, 16, 2
    (tmp_path / "config.json").write_text(
        json.dumps(
            {
                "hidden_size": hidden,
                "num_attention_heads": 2,
                "num_hidden_layers": layers,
                "layer_norm_eps": 1e-12,
            }
        )
    )
    rng = np.random.default_rng(7)

    def r(*shape: int) -> np.ndarray:
        return rng.normal(0.0, 0.5, shape).astype(np.float32)

    weights = {
        "embeddings.word_embeddings.weight": r(len(words), hidden),
        "embeddings.position_embeddings.weight": r(32, hidden),
        "embeddings.token_type_embeddings.weight": r(2, hidden),
        "embeddings.LayerNorm.weight": np.ones(hidden, np.float32),
        "embeddings.LayerNorm.bias": np.zeros(hidden, np.float32),
        "embeddings.position_ids": np.arange(32, dtype=np.int64)[None, :],
    }
    for n in range(layers):
        p = f"encoder.layer.{n}."
        for name in ("query", "key", "value"):
            weights[p + f"attention.self.{name}.weight"] = r(hidden, hidden)
            weights[p + f"attention.self.{name}.bias"] = r(hidden)
        weights[p + "attention.output.dense.weight"] = r(hidden, hidden)
        weights[p + "attention.output.dense.bias"] = r(hidden)
        weights[p + "intermediate.dense.weight"] = r(inner, hidden)
        weights[p + "intermediate.dense.bias"] = r(inner)
        weights[p + "output.dense.weight"] = r(hidden, inner)
        weights[p + "output.dense.bias"] = r(hidden)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            weights[p + norm + ".weight"] = np.ones(hidden, np.float32)
            weights[p + norm + ".bias"] = np.zeros(hidden, np.float32)
    save_file(weights, str(tmp_path / "model.safetensors"))
    return tmp_path


def _model(directory: Path):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from sentence_model import SentenceModel
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return SentenceModel(directory)


def test_a_text_gets_the_same_vector_alone_and_padded_in_a_batch(tiny_model: Path) -> None:
    model = _model(tiny_model)
    short = "russia take kherson"
    longer = ["the troops take the city of kherson the dam", "russia troops the dam the city"]
    alone = model.embed([short])[0]
    together = model.embed([*longer, short], batch=8)
    assert np.allclose(together[2], alone, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_word_order_and_every_word_change_the_vector(tiny_model: Path) -> None:
    # Attention and positions are read: a model that only averaged its word vectors would give the same vector for
    # both orders, and one that dropped words would not tell the last word apart.
    model = _model(tiny_model)
    a, b, c = model.embed(["russia take kherson", "kherson take russia", "russia take dam"])
    assert not np.allclose(a, b, atol=1e-4)
    assert not np.allclose(a, c, atol=1e-4)


def test_erf_matches_the_standard_library() -> None:
    import math

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from sentence_model import _erf
    finally:
        sys.path.remove(str(ROOT / "bench"))
    xs = np.linspace(-4, 4, 81)
    assert np.allclose(_erf(xs), [math.erf(x) for x in xs], atol=2e-7)
