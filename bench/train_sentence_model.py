"""Train the sentence classifier shipped in claims/data/sentence_model.csv.

Run: .venv/bin/python bench/train_sentence_model.py [--cv-only]

Training data: the tune part of the development set (bench/data/extraction/tune/*.yaml, every
sentence labelled) and the five seed op-eds (tests/data/seed_labels.yaml; sentences it does
not list are "neither"). The held part is never read. Each sentence is split and read exactly
as claims.extract reads it; its label is the labelled sentence it matches (bench/extraction.py's
matching). Features: claims.sentence_features (grammar and the rules' readings, no topic words).

Model: scikit-learn LogisticRegression (multinomial, L2). The regularisation strength is chosen
by cross-validation grouped by op-ed, so a setting is judged on op-eds it was not fitted on;
the printed figures are those held-out-op-ed scores. Only features seen in at least
MIN_DOCS op-eds are kept, so no feature can name a single story.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extraction import load_split, matches  # noqa: E402

from claims.extract import read_sentences  # noqa: E402
from claims.sentence_features import features  # noqa: E402
from claims.sentence_model import CLASSES, INTERCEPT, MODEL_PATH, write_model  # noqa: E402

MIN_DOCS = 3
GRID = (0.03, 0.1, 0.3, 1.0)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def examples() -> tuple[list[dict[str, float]], list[str], list[str]]:
    """Features, label and op-ed name of every readable sentence of tune and seeds."""
    xs: list[dict[str, float]] = []
    ys: list[str] = []
    groups: list[str] = []
    for split in ("tune", "seeds"):
        for doc in load_split(split):
            exact = {_norm(lab["text"]): lab for lab in doc.labels}
            for r in read_sentences(doc.text, doc.published):
                if r.skip:
                    continue
                lab = exact.get(_norm(r.sentence))
                if lab is None:
                    lab = next((x for x in doc.labels if matches(r.sentence, x["text"])), None)
                if lab is None and split != "seeds":
                    continue  # a sentence the labellers split differently and the matcher misses
                kind = lab["kind"] if lab else "neither"
                xs.append(features(r.sentence, r.rule))
                ys.append(kind if kind in CLASSES else "neither")
                groups.append(f"{split}/{doc.name}")
    return xs, ys, groups


def _keep(xs: list[dict[str, float]], groups: list[str]) -> set[str]:
    seen: dict[str, set[str]] = {}
    for x, g in zip(xs, groups, strict=True):
        for name in x:
            seen.setdefault(name, set()).add(g)
    return {name for name, gs in seen.items() if len(gs) >= MIN_DOCS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="report, do not write the model")
    args = parser.parse_args()

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import precision_recall_fscore_support
    from sklearn.model_selection import GroupKFold, cross_val_predict

    xs, ys, groups = examples()
    keep = _keep(xs, groups)
    xs = [{k: v for k, v in x.items() if k in keep} for x in xs]
    print(f"{len(ys)} sentences from {len(set(groups))} op-eds: {dict(Counter(ys))}")
    print(f"{len(keep)} features seen in >= {MIN_DOCS} op-eds")
    rules = [
        "neither"
        if "r:question" in x
        else "forecast"
        if "r:rules=forecast" in x
        else "factual"
        if "r:rules=factual" in x
        else "neither"
        for x in xs
    ]
    p, r, _, _ = precision_recall_fscore_support(
        ys, rules, labels=["forecast", "factual"], zero_division=0
    )
    print(
        f"rules alone:       forecast P {p[0]:.2f} R {r[0]:.2f}  factual P {p[1]:.2f} R {r[1]:.2f}"
    )
    vec = DictVectorizer()
    matrix = vec.fit_transform(xs)
    folds = GroupKFold(n_splits=min(5, len(set(groups))))
    best: tuple[float, float] | None = None
    for c in GRID:
        model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        pred = cross_val_predict(model, matrix, ys, groups=groups, cv=folds)
        p, r, f, _ = precision_recall_fscore_support(
            ys, pred, labels=["forecast", "factual"], zero_division=0
        )
        mean_f = float(sum(f) / 2)
        print(
            f"C={c:<5} held-out op-eds: forecast P {p[0]:.2f} R {r[0]:.2f}  "
            f"factual P {p[1]:.2f} R {r[1]:.2f}  (mean F1 {mean_f:.3f})"
        )
        if best is None or mean_f > best[1]:
            best = (c, mean_f)
    assert best is not None
    if args.cv_only:
        return
    model = LogisticRegression(C=best[0], max_iter=2000, class_weight="balanced")
    model.fit(matrix, ys)
    order = [list(model.classes_).index(c) for c in CLASSES]
    names = vec.get_feature_names_out()
    rows = [(INTERCEPT, [float(model.intercept_[i]) for i in order])]
    for j, name in enumerate(names):
        weights = [float(model.coef_[i, j]) for i in order]
        if max(abs(w) for w in weights) >= 1e-3:
            rows.append((str(name), weights))
    write_model(MODEL_PATH, CLASSES, rows)
    print(f"wrote {MODEL_PATH.relative_to(ROOT)}: C={best[0]}, {len(rows) - 1} features")


if __name__ == "__main__":
    main()
