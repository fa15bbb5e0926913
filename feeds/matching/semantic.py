"""Semantic similarity between a news item and a question's text and criteria, with a static embedding model that
ships inside a PyPI wheel (wordllama's 16 MB "l2_supercat" token table, 256 dimensions), so nothing is downloaded.

An item or a question becomes one vector: the mean of its tokens' vectors, each token weighted by how rare it is in
news (a / (a + p), p its share of the tokens of the shipped news sample), less the mean vector of news (the direction
every news text shares, which otherwise makes all of them look alike), scaled to length 1. Similarity is the dot
product of two such vectors, about 0 for unrelated texts and 0.5 or more for texts on the same event.

The weights, the centre and the token rarities are fixed data (feeds/matching/data/semantic.npz, built by
feeds.matching.build_semantic): what a poll has seen never changes them, so a story that floods the feeds is judged
like any other. numpy and the tokenizer are imported on first use, never at CLI start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

DATA = Path(__file__).resolve().parent / "data" / "semantic.npz"
MODEL = "l2_supercat"
WEIGHTS = f"weights/{MODEL}_256.safetensors"
TOKENIZER = f"tokenizers/{MODEL}_tokenizer_config.json"
# Smoothing of the token weights a / (a + p): tokens commoner than this share of news weigh less than half.
SIF_A = 1e-3
# Only the start of a long summary is embedded: the lead says what an item is about.
MAX_CHARS = 1000
# Tokenized chunks remembered (about 100 bytes each).
MAX_CACHED_CHUNKS = 200_000


def package_dir() -> Path:
    """Where the wordllama wheel put its files. Found without importing the package, whose import configures the
    root logger and loads its training stack; only its weights and tokenizer files are read."""
    import importlib.util

    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the wordllama package is not installed (pip install -e .): matching needs its model"
        )
    return Path(next(iter(spec.submodule_search_locations)))


class _Model:
    def __init__(self) -> None:
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        root = package_dir()
        table = load_file(str(root / WEIGHTS))["embedding.weight"].astype(np.float32)
        data = np.load(DATA)
        weights = data["token_weight"].astype(np.float32)
        # Each token's vector pre-multiplied by its weight, with the weight itself as a last column: a text's vector
        # is then one sum of rows and one division.
        self.table = np.hstack([table * weights[:, None], weights[:, None]])
        self.centre = data["centre"].astype(np.float32)
        self.dim = table.shape[1]
        tokenizer = Tokenizer.from_file(str(root / TOKENIZER))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        self.tokenizer = tokenizer
        self.chunks: dict[str, list[int]] = {}

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """The tokens of each text. The tokenizer splits text at spaces before anything else, so each space-separated
        chunk is tokenized once and remembered: news repeats its words, and a dictionary look-up costs a fraction of
        a call into the tokenizer.

        Chunks are encoded one call each, not with encode_batch: the same ids for less processor time, and no
        thread pool, whose threads would spin beside a poll's parse workers (a poll tokenizes a few new words per
        item)."""
        cache = self.chunks
        chunked = [t[:MAX_CHARS].split() for t in texts]
        missing = set().union(*chunked).difference(cache)
        if missing:
            if len(cache) + len(missing) > MAX_CACHED_CHUNKS:
                cache.clear()
            encode = self.tokenizer.encode
            for chunk in missing:
                cache[chunk] = encode(chunk, add_special_tokens=False).ids
        return [list(chain.from_iterable(map(cache.__getitem__, chunks))) for chunks in chunked]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, ids in enumerate(self.token_ids(texts)):
            if not ids:
                continue
            total = self.table[ids].sum(axis=0)
            vector = total[:-1] / total[-1] - self.centre
            norm = float(np.linalg.norm(vector))
            if norm > 0:
                out[row] = vector / norm
        return out


_model: _Model | None = None
_lock = threading.Lock()


def model() -> _Model:
    global _model
    with _lock:
        if _model is None:
            _model = _Model()
    return _model


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit vector per text (rows), float32; the zero vector for a text with no tokens."""
    return model().embed(texts)


def item_text(title: str, summary: str) -> str:
    return f"{title}. {summary}" if summary else title


def question_text(text: str, criteria: str = "") -> str:
    return f"{text} {criteria}".strip()


_questions: dict[str, Any] = {}
MAX_CACHED_QUESTIONS = 65_536


def question_vectors(abouts: Sequence[str]) -> None:
    """Embed the questions' texts not embedded yet, in one batch (what question_vector then returns)."""
    missing = list(dict.fromkeys(a for a in abouts if a not in _questions))
    if not missing:
        return
    if len(_questions) + len(missing) > MAX_CACHED_QUESTIONS:
        _questions.clear()
    for about, vector in zip(missing, embed(missing), strict=True):
        _questions[about] = vector


def question_vector(about: str) -> Any:
    """The vector of a question's text and criteria, cached: questions' wording never changes in place."""
    vector = _questions.get(about)
    if vector is None:
        question_vectors([about])
        vector = _questions[about]
    return vector
