"""The shipped sentence classifier: a multinomial logistic regression over claims.sentence_features.

The weights live in claims/data/sentence_model.csv, written by bench/train_sentence_model.py
(scikit-learn, trained on the tune part of bench/data/extraction and the seed op-eds). Reading
them needs no scikit-learn: a prediction is a sum of weights and a softmax.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).parent / "data" / "sentence_model.csv"
CLASSES = ("forecast", "factual", "neither")
INTERCEPT = "__intercept__"


@cache
def _weights() -> dict[str, tuple[float, ...]]:
    """Feature name -> one weight per class, in CLASSES order. Empty when no model is shipped."""
    if not MODEL_PATH.exists():
        return {}
    with MODEL_PATH.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        if tuple(header[1:]) != CLASSES:
            raise ValueError(f"{MODEL_PATH.name}: unexpected classes {header[1:]}")
        return {row[0]: tuple(float(x) for x in row[1:]) for row in rows if row}


def available() -> bool:
    return bool(_weights())


def predict(feats: Mapping[str, float]) -> dict[str, float]:
    """Class probabilities for one sentence's features."""
    weights = _weights()
    scores = list(weights.get(INTERCEPT, (0.0,) * len(CLASSES)))
    for name, value in feats.items():
        w = weights.get(name)
        if w is not None:
            for i, wi in enumerate(w):
                scores[i] += wi * value
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return {c: e / total for c, e in zip(CLASSES, exp, strict=True)}


def write_model(path: Path, classes: tuple[str, ...], rows: list[tuple[str, list[float]]]) -> None:
    """Write weights in the format _weights reads (used by the training script)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["feature", *classes])
        for name, values in rows:
            writer.writerow([name, *(f"{v:.5g}" for v in values)])
