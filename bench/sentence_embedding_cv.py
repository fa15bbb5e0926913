"""Do sentence embeddings let a learned classifier read forecasts as the labellers do? (issue 12)

Run: .venv/bin/python bench/sentence_embedding_cv.py [--minilm DIR] [--per-labeller]

Data: the tune part of the development set (bench/data/extraction/tune/*.yaml, labellers by the
file name's first letter) and the five seed op-eds (tests/data/seed_labels.yaml; a sentence it
does not list is "neither"). The held part is never read. Each op-ed is split and read exactly as
claims.extract reads it (claims.extract.read_sentences); a sentence's label is the one it equals,
else the first it matches by bench/extraction.py's `matches`. Tune sentences no label matches (the
labellers split them differently) are not trained on, but are still predicted and scored.

Compared, leave one LABELLER out (every labeller of tune in turn is scored by models that never saw
their op-eds; the seeds are always trained on and never scored):
  1. the rules alone: claims.extract's kinds (its own candidates);
  2. a logistic regression on the rules' outputs (kind, the readings of read_sentences, the
     candidate's direction and probability) - a control for what the embeddings add;
  3. the same + the static embedding the product ships (feeds.matching.semantic.embed);
  4. the same + static + all-MiniLM-L6-v2 (bench/sentence_model.py; with --minilm DIR);
  5. the rules' outputs + MiniLM alone.
Embedding columns are standardised on the training op-eds. Inside each training fold, C and two
decision weights (the forecast and factual probabilities are multiplied by w before the argmax)
are chosen by an inner cross-validation grouped by labeller (INNER_FOLDS folds over the training
labellers), maximising the mean of forecast and factual sentence F1: nothing about the left-out
labeller is used. Readings the rules skip (layout, boilerplate, repeats) keep the rules' kind.

Scores are bench/extraction.py's: each left-out op-ed's predicted sentences become candidates
scored by its `score` (a label is found when a candidate of an accepted kind matches it; a candidate
is right when it matches a label accepting its kind), pooled over the left-out labellers, and per
labeller with --per-labeller. Caveat: the rules were written on these op-eds, so method 1 is an
in-sample figure, and the regressions' rule features carry that advantage too.

Speed: the time to embed the sentences of a 2,000-word op-ed (bench/extraction.py's text), first
call in the process (model loaded) and best warm call (the static model's chunk cache emptied).

Figures (main@08cb14f; 167 tune op-eds by 14 labellers A-E, G-O (there is no F, so 14 folds) and
5 seeds; 2,906 readable sentences, every one matched to a label; --minilm /tmp/st/minilm):

  pooled over left-out labellers   fc R    P    F1     fa R    P    F1    mean F1  labellers >= rules (fc, fa)
  rules alone (in-sample)          0.89  0.78  0.830   0.79  0.70  0.745  0.788
  LR rules' outputs                0.89  0.78  0.831   0.77  0.70  0.733  0.782    13/14, 6/14
  LR rules + static embedding      0.86  0.77  0.814   0.76  0.70  0.732  0.773     4/14, 7/14
  LR rules + static + MiniLM       0.83  0.74  0.781   0.80  0.69  0.737  0.759     3/14, 7/14
  LR rules + MiniLM                0.85  0.77  0.805   0.81  0.68  0.739  0.772     4/14, 5/14

Neither embedding beats the rules on forecast or factual F1 pooled, and both lose forecast F1 on 10
or 11 of 14 labellers: adding the static embedding to the rules' outputs costs 0.017 forecast F1
and gains nothing on factual. The inner cross-validation picks the smallest C offered (0.003-0.01)
whenever an embedding is in: it shrinks the embedding weights as far as it may, i.e. across
labellers (and so topics) the vectors carry more topic than reading. An earlier run with C in
0.01-1 and weights up to 2.0 (4 inner folds) gave the same order: mean F1 0.788 / 0.782 / 0.768 /
0.757 / 0.771. Nothing here argues for shipping a learned model over the static embedding.

Speed (same op-ed, 88 sentences, on the shared 2-core machine): static embedding 0.16-0.25 s for
the first call (model loaded), 0.003 s warm; MiniLM in numpy 2.9-5.9 s warm (0.2-0.3 s to load).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import (  # noqa: E402
    KINDS,
    Doc,
    Tally,
    _opedl_2000_words,
    accepted,
    load_split,
    matches,
    score,
)
from bench.sentence_classifier_cv import reading_features  # noqa: E402
from claims.extract import Candidate, Reading, _candidate, _kind, _split, read_sentences  # noqa: E402

CLASSES = ("forecast", "factual", "neither")
C_GRID = (0.003, 0.01, 0.03, 0.3)
WEIGHT_GRID = (0.8, 1.0, 1.25, 1.6, 2.0, 2.5, 3.2)
INNER_FOLDS = 3
# A rule feature seen in fewer training op-eds than this is dropped.
MIN_DOCS = 3


@dataclass
class Row:
    """One readable sentence: the rules' reading, its label (None: no label matched), its op-ed."""

    reading: Reading
    doc: int
    group: str  # the labeller's letter, or "seeds"
    label: str | None
    ok: set[str]  # kinds its label accepts
    rules: str  # the rules' kind or "neither"
    feats: dict[str, float] = field(default_factory=dict)


@dataclass
class Opinion:
    doc: Doc
    group: str
    readings: list[Reading]
    rules: list[Candidate]


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def _bucket(p: float | None) -> str:
    return "none" if p is None else f"{round(p * 10) / 10:.1f}"


def rule_features(r: Reading, cand: Candidate | None) -> dict[str, float]:
    """The rules' outputs for one sentence: its kind, every reading read_sentences makes, and the
    candidate's direction, probability and hedge. Topic-free: no word of the sentence but a hedge."""
    feats = reading_features(r)
    if cand is not None:
        feats[f"dir={cand.direction}"] = 1.0
        feats[f"p={_bucket(cand.probability)}"] = 1.0
        feats["hedge_present"] = float(cand.hedge is not None)
        feats["has_deadline"] = float(cand.deadline is not None)
        feats["condition"] = float(cand.condition is not None)
    return feats


def load() -> tuple[list[Opinion], list[Row]]:
    opinions: list[Opinion] = []
    rows: list[Row] = []
    for split in ("tune", "seeds"):
        for doc in load_split(split):
            sentences = _split(doc.text)
            readings = read_sentences(doc.text, doc.published, sentences)
            cands: dict[int, Candidate] = {}
            for r in readings:
                kind = _kind(r)
                if kind is not None:
                    cands[r.start] = _candidate(r, kind, sentences, doc.text, doc.published)
            group = doc.name.split("-", 1)[0] if split == "tune" else "seeds"
            opinions.append(Opinion(doc, group, readings, list(cands.values())))
            exact = {_norm(lab["text"]): lab for lab in doc.labels}
            for r in readings:
                if r.skip:
                    continue
                lab = exact.get(_norm(r.sentence)) or next(
                    (x for x in doc.labels if matches(r.sentence, x["text"])), None
                )
                if lab is None and split == "seeds":
                    lab = {"kind": "neither"}
                label = None
                if lab is not None:
                    label = lab["kind"] if lab["kind"] in CLASSES else "neither"
                cand = cands.get(r.start)
                rows.append(
                    Row(
                        r,
                        len(opinions) - 1,
                        group,
                        label,
                        accepted(lab) if lab is not None else set(),
                        cand.kind if cand else "neither",
                        rule_features(r, cand),
                    )
                )
    return opinions, rows


# --- the classifier -----------------------------------------------------------------------


def _matrix(rows: list[Row], train: Sequence[int], test: Sequence[int], blocks: list[Any]) -> Any:
    """Training and test matrices: the rule features seen in MIN_DOCS training op-eds, then each
    embedding block standardised on the training rows."""
    from scipy import sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.preprocessing import StandardScaler

    seen: dict[str, set[int]] = {}
    for i in train:
        for name in rows[i].feats:
            seen.setdefault(name, set()).add(rows[i].doc)
    keep = {name for name, docs in seen.items() if len(docs) >= MIN_DOCS}
    vec = DictVectorizer()
    parts_train = [
        vec.fit_transform([{k: v for k, v in rows[i].feats.items() if k in keep} for i in train])
    ]
    parts_test = [vec.transform([rows[i].feats for i in test])]
    for block in blocks:
        scaler = StandardScaler().fit(block[list(train)])
        parts_train.append(sparse.csr_matrix(scaler.transform(block[list(train)])))
        parts_test.append(sparse.csr_matrix(scaler.transform(block[list(test)])))
    return sparse.hstack(parts_train).tocsr(), sparse.hstack(parts_test).tocsr()


def _probs(
    rows: list[Row], train: Sequence[int], test: Sequence[int], blocks: list[Any], c: float
) -> Any:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x_train, x_test = _matrix(rows, train, test, blocks)
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x_train, [rows[i].label for i in train])
    p = model.predict_proba(x_test)
    out = np.zeros((len(test), len(CLASSES)))
    for j, k in enumerate(model.classes_):
        out[:, CLASSES.index(k)] = p[:, j]
    return out


def _decide(probs: Any, wf: float, wa: float) -> list[str]:
    import numpy as np

    return [CLASSES[j] for j in np.argmax(probs * np.array([wf, wa, 1.0]), axis=1)]


def _sentence_f1(rows: list[Row], idx: Sequence[int], pred: Sequence[str]) -> float:
    """Mean of forecast and factual F1 over labelled sentences (a prediction is right when the
    label accepts it)."""
    f1s = []
    for k in KINDS:
        cand = [(i, p) for i, p in zip(idx, pred, strict=True) if p == k]
        labelled = [(i, p) for i, p in zip(idx, pred, strict=True) if rows[i].label == k]
        prec = sum(k in rows[i].ok for i, _ in cand) / max(1, len(cand))
        rec = sum(p in rows[i].ok for i, p in labelled) / max(1, len(labelled))
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / 2


def choose(rows: list[Row], train: list[int], blocks: list[Any]) -> tuple[float, float, float]:
    """C and the decision weights that score best on the training rows by an inner cross-validation
    grouped by labeller (the seeds always train)."""
    import numpy as np

    labellers = sorted({rows[i].group for i in train} - {"seeds"})
    folds = [labellers[k::INNER_FOLDS] for k in range(INNER_FOLDS)]
    scored = [i for i in train if rows[i].group != "seeds"]
    best = (-1.0, 1.0, 1.0, 1.0)
    for c in C_GRID:
        probs = np.zeros((len(rows), len(CLASSES)))
        for fold in folds:
            inner_test = [i for i in scored if rows[i].group in fold]
            inner_train = [i for i in train if rows[i].group not in fold]
            probs[inner_test] = _probs(rows, inner_train, inner_test, blocks, c)
        for wf in WEIGHT_GRID:
            for wa in WEIGHT_GRID:
                f1 = _sentence_f1(rows, scored, _decide(probs[scored], wf, wa))
                if f1 > best[0]:
                    best = (f1, c, wf, wa)
    return best[1], best[2], best[3]


def cross_validate(
    rows: list[Row], blocks: list[Any], log: Callable[[str], None]
) -> dict[int, str]:
    """Each tune sentence's class from a model chosen and fitted without its labeller's op-eds."""
    labelled = [i for i, r in enumerate(rows) if r.label is not None]
    pred: dict[int, str] = {}
    chosen: Counter[tuple[float, float, float]] = Counter()
    for labeller in sorted({r.group for r in rows} - {"seeds"}):
        train = [i for i in labelled if rows[i].group != labeller]
        test = [i for i, r in enumerate(rows) if r.group == labeller]
        c, wf, wa = choose(rows, train, blocks)
        chosen[(c, wf, wa)] += 1
        for i, k in zip(test, _decide(_probs(rows, train, test, blocks, c), wf, wa), strict=True):
            pred[i] = k
    log(
        "    chosen (C, w_forecast, w_factual) x folds: "
        + ", ".join(f"{k} x{n}" for k, n in chosen.most_common())
    )
    return pred


# --- scoring ------------------------------------------------------------------------------


def tallies(
    opinions: list[Opinion], rows: list[Row], pred: dict[int, str] | None
) -> dict[str, Tally]:
    """bench/extraction.py's tally per left-out labeller: the rules' candidates (pred None), or a
    candidate for each sentence the model calls forecast or factual (skipped readings keep the
    rules' kind)."""
    by_doc: dict[int, dict[int, str]] = {}
    if pred is not None:
        for i, k in pred.items():
            by_doc.setdefault(rows[i].doc, {})[rows[i].reading.start] = k
    out: dict[str, Tally] = {}
    for d, op in enumerate(opinions):
        if op.group == "seeds":
            continue
        if pred is None:
            cands = op.rules
        else:
            kinds = by_doc.get(d, {})
            rules = {c.start: c for c in op.rules}
            cands = []
            for r in op.readings:
                k = (
                    kinds.get(r.start)
                    if not r.skip
                    else (rules[r.start].kind if r.start in rules else None)
                )
                if k not in KINDS:
                    continue
                same = rules.get(r.start)
                cands.append(
                    same
                    if same is not None and same.kind == k
                    else Candidate(r.sentence, k, None, "affirms", None, None, "", r.start, r.end)
                )
        out.setdefault(op.group, Tally()).add(score(cands, op.doc.labels))
    return out


def _f1(t: Tally, k: str) -> float:
    p, r = t.precision(k) or 0.0, t.recall(k) or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _line(name: str, t: Tally) -> str:
    cells = [
        f"{k[:2]} R {t.recall(k) or 0:.2f} P {t.precision(k) or 0:.2f} F1 {_f1(t, k):.3f}"
        for k in KINDS
    ]
    return f"{name:<38} " + "   ".join(cells)


def _pooled(per: dict[str, Tally]) -> Tally:
    total = Tally()
    for t in per.values():
        total.add(t)
    return total


# --- embeddings and speed -----------------------------------------------------------------


def static_embed(texts: Sequence[str]) -> Any:
    from feeds.matching.semantic import embed

    return embed(list(texts))


def timing(minilm: Any) -> None:
    from feeds.matching import semantic

    text = _opedl_2000_words()
    sentences = [text[s.start : s.end] for s in _split(text)]
    start = time.perf_counter()
    semantic.embed(sentences)
    first = time.perf_counter() - start
    warm = []
    for _ in range(5):
        semantic.model().chunks.clear()
        start = time.perf_counter()
        semantic.embed(sentences)
        warm.append(time.perf_counter() - start)
    print(
        f"speed, {len(text.split())}-word op-ed ({len(sentences)} sentences): static embedding "
        f"first call {first:.3f} s (model loaded in it), warm best {min(warm):.4f} s"
    )
    if minilm is not None:
        warm = []
        for _ in range(3):
            start = time.perf_counter()
            minilm.embed(sentences)
            warm.append(time.perf_counter() - start)
        print(f"speed, same op-ed: MiniLM (numpy) warm best {min(warm):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--minilm", help="directory of all-MiniLM-L6-v2 (see bench/sentence_model.py)"
    )
    parser.add_argument(
        "--minilm-vectors", help="an .npy file keeping the MiniLM sentence vectors between runs"
    )
    parser.add_argument("--per-labeller", action="store_true", help="a row per left-out labeller")
    args = parser.parse_args()

    minilm = None
    if args.minilm:
        from bench.sentence_model import SentenceModel

        start = time.perf_counter()
        minilm = SentenceModel(args.minilm)
        print(f"MiniLM loaded in {time.perf_counter() - start:.2f} s")
    timing(minilm)

    opinions, rows = load()
    labelled = sum(r.label is not None for r in rows)
    print(
        f"{len(rows)} readable sentences of {len(opinions)} op-eds, {labelled} labelled: "
        f"{dict(Counter(r.label for r in rows if r.label))}"
    )
    texts = [r.reading.sentence for r in rows]
    static = static_embed(texts)
    methods: list[tuple[str, list[Any]]] = [
        ("LR rules' outputs", []),
        ("LR rules + static embedding", [static]),
    ]
    if minilm is not None:
        contextual = None
        if args.minilm_vectors and Path(args.minilm_vectors).exists():
            import numpy as np

            contextual = np.load(args.minilm_vectors)
            if contextual.shape[0] != len(texts):
                contextual = None
        if contextual is None:
            start = time.perf_counter()
            contextual = minilm.embed(texts)
            print(f"MiniLM embedded {len(texts)} sentences in {time.perf_counter() - start:.1f} s")
            if args.minilm_vectors:
                import numpy as np

                np.save(args.minilm_vectors, contextual)
        methods += [
            ("LR rules + static + MiniLM", [static, contextual]),
            ("LR rules + MiniLM", [contextual]),
        ]

    results = [("rules alone (claims.extract)", tallies(opinions, rows, None))]
    for name, blocks in methods:
        print(f"{name}:")
        pred = cross_validate(rows, blocks, print)
        results.append((name, tallies(opinions, rows, pred)))

    print("\npooled over the left-out labellers (bench/extraction.py's scoring):")
    base = results[0][1]
    for name, per in results:
        pooled = _pooled(per)
        mean = (_f1(pooled, "forecast") + _f1(pooled, "factual")) / 2
        line = _line(name, pooled) + f"   mean F1 {mean:.3f}"
        if per is not base:
            wins = {k: sum(_f1(per[g], k) >= _f1(base[g], k) for g in base) for k in KINDS}
            line += f"   labellers >= rules: fc {wins['forecast']}/{len(base)} fa {wins['factual']}/{len(base)}"
        print(line)
    if args.per_labeller:
        for g in sorted(base):
            print(f"\nlabeller {g.upper()}:")
            for name, per in results:
                print(_line("  " + name, per[g]))


if __name__ == "__main__":
    main()
