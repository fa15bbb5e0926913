"""Builds feeds/matching/data/semantic.npz, the fixed data feeds.matching.semantic embeds texts with.

.venv/bin/python -m feeds.matching.build_semantic

From the shipped news sample (feeds/data/news/*.xml, 5,438 items of BBC, CNN and Al Jazeera feeds), without any
judgment of relevance: how common each token of the embedding model is in news (token_weight = a / (a + p)), and
the mean vector of news items (centre), which is taken off every vector so that similarity measures what two texts
share beyond being news. Rebuild it after changing the model or the weighting.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

from feeds.matching import semantic

NEWS = Path(__file__).resolve().parent.parent / "data" / "news"


def _plain(text: str | None) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text or "")).split())


def news_texts() -> list[str]:
    texts: dict[str, str] = {}
    for path in sorted(NEWS.glob("*.xml")):
        for node in ET.parse(path).getroot().iter("item"):
            link = (node.findtext("link") or node.findtext("guid") or "").strip()
            texts[link] = semantic.item_text(
                _plain(node.findtext("title")), _plain(node.findtext("description"))
            )
    return list(texts.values())


def build() -> None:
    from safetensors.numpy import load_file

    texts = news_texts()
    root = semantic.package_dir()
    table = load_file(str(root / semantic.WEIGHTS))["embedding.weight"].astype(np.float32)
    counts = np.ones(table.shape[0], dtype=np.float64)
    probe = semantic._Model.__new__(semantic._Model)
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(root / semantic.TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    probe.tokenizer = tokenizer
    probe.chunks = {}
    ids_per_text = probe.token_ids(texts)
    for ids in ids_per_text:
        np.add.at(counts, ids, 1)
    token_weight = (semantic.SIF_A / (semantic.SIF_A + counts / counts.sum())).astype(np.float32)
    sums = np.zeros((len(texts), table.shape[1]), dtype=np.float64)
    for row, ids in enumerate(ids_per_text):
        if ids:
            w = token_weight[ids]
            sums[row] = (table[ids] * w[:, None]).sum(axis=0) / w.sum()
    centre = sums.mean(axis=0).astype(np.float32)
    np.savez_compressed(semantic.DATA, token_weight=token_weight.astype(np.float16), centre=centre)
    print(f"{semantic.DATA}: {len(texts)} items, {table.shape[0]} tokens")


if __name__ == "__main__":
    build()
