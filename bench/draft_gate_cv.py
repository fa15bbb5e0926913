"""Would a learned usability gate offer better drafts than the rule gate? Cross-validated on tune.

Run: .venv/bin/python bench/draft_gate_cv.py [--seeds 3] [--folds 8] [--held]

The rule gate (claims.drafting.gate_note and draft_note) withholds a draft it distrusts. This asks
whether a logistic regression, trained on the hand judgements (bench/data/extraction/
drafts-judged.yaml, rule DRAFTS.md), can withhold more of the not-usable drafts that the rule gate
still offers, at a stated cost in coverage. It is stacked after the rule gate: it only sees drafts
the rules offer, and can only withhold more.

Data: every forecast candidate that claims.extract finds in the tune op-eds and whose draft is
offered and judged. Features are topic-free: lengths and their ratio, commas, "and", relative and
subordinating words, pronouns, capitals inside the question, first-person and second-person words,
modals and the hedge, negation, colon, brackets, quotes, no end mark, years and time words, the
deadline basis, whether a condition is kept, the direction and probability; no word names a story.

Cross-validation is grouped by op-ed (K folds, several shuffles): each op-ed's drafts are scored by
a model that saw none of that op-ed. The threshold is chosen inside the fold: the score below which
the training op-eds' drafts (scored by an inner grouped cross-validation) fall in the share
`1 - keep`. Printed for each `keep`: usable share of the drafts offered (precision) and drafts
offered over all forecast candidates (coverage), for the rule gate alone and with the model after
it, summed over the folds and averaged over the shuffles, with the ranking's AUC.

Result (drafting6 round; tune 640 candidates, 197 drafts offered, 87 usable, 44%): AUC 0.54-0.62;
keeping 75% of the drafts raises cross-validated precision to 49-50% (coverage 31% -> 22-23%, usable
87 -> about 71), keeping 50% to 50-51% (coverage 16%). On held A-C and F (76 drafts offered and judged
by the blind judges, 34 usable, 45%), a model trained on all of tune ranks worse than chance (AUC
0.39-0.40) and lowers precision at most keeps. Not clearly better, and not stable across writers: no
model ships.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from bench.drafts import JUDGED, load_judgements  # noqa: E402
from bench.extraction import load_split  # noqa: E402
from claims.drafting import withheld  # noqa: E402
from claims.extract import extract  # noqa: E402

_WORD = re.compile(r"[\w’'-]+")
_QUESTION = re.compile(r"^Will\s+(?P<body>.*?)\s+by\s+\d{4}-\d\d-\d\d(?P<tail>.*)\?$", re.S)
_POINTER = re.compile(
    r"\b(?:he|she|it|they|them|this|that|these|those|his|her|its|their|we|our|us|you|your|i|my)\b",
    re.IGNORECASE,
)
_CLAUSE_WORD = re.compile(
    r"\b(?:that|which|who|where|when|while|as|because|since|though|although)\b", re.IGNORECASE
)
_MODALS = ("will", "would", "could", "may", "might", "likely", "can", "must", "going to", "set to")


def features(sentence: str, question: str, c: Any) -> dict[str, float]:
    m = _QUESTION.match(question)
    body = m.group("body") if m else question
    tail = m.group("tail") if m else ""
    sw, qw = _WORD.findall(sentence), _WORD.findall(body)
    hedge = (c.hedge or "").lower()
    f: dict[str, float] = {
        "sentence_words": len(sw) / 20,
        "question_words": len(qw) / 20,
        "kept_share": len(qw) / max(1, len(sw)),
        "sentence_commas": sentence.count(","),
        "question_commas": body.count(","),
        "question_and": len(re.findall(r"\band\b", body)),
        "sentence_and_but": len(re.findall(r"\b(?:and|but)\b", sentence)),
        "caps_inside": sum(1 for w in qw[1:] if w[:1].isupper()),
        "subject_capital": float(bool(qw) and qw[0][:1].isupper()),
        "subject_the": float(bool(qw) and qw[0].lower() == "the"),
        "subject_a": float(bool(qw) and qw[0].lower() in ("a", "an")),
        "question_pointers": len(_POINTER.findall(body)),
        "sentence_pointers": len(_POINTER.findall(sentence)),
        "condition_kept": float(bool(re.search(r"\b(?:if|unless|once)\b", tail))),
        "first_person": float(bool(re.search(r"\b(?:I|we|my|our|us)\b", sentence))),
        "second_person": float(bool(re.search(r"\byou\b", sentence, re.IGNORECASE))),
        "negation": float(bool(re.search(r"\b(?:not|no|never)\b|n[’']t\b", sentence, re.I))),
        "colon": float(bool(re.search(r"[:;]", sentence))),
        "bracket": float("(" in sentence),
        "quote": float(bool(re.search(r"[“”\"]", sentence))),
        "no_end_mark": float(not re.search(r"[.!?][”\"')]*\s*$", sentence)),
        "question_clause_words": len(_CLAUSE_WORD.findall(body)),
        "sentence_clause_words": len(_CLAUSE_WORD.findall(sentence)),
        "state_verb": float(bool(re.search(r"\b(?:continue|remain|stay|keep|be)\b", body))),
        "digit": float(bool(re.search(r"\d", body))),
        "ly_words": len(re.findall(r"\b\w{3,}ly\b", body)),
        "ing_words": len(re.findall(r"\b\w{3,}ing\b", body)),
        "leading_clause": float(bool(re.match(r"^[^,]{2,60},", sentence))),
        "deadline_stated": float(c.deadline_basis != "default"),
        "denies": float(c.direction == "denies"),
        "probability": c.probability if c.probability is not None else 0.5,
    }
    for modal in _MODALS:
        f["hedge_" + modal] = float(modal in hedge)
    return f


# Held labellers whose drafts blind judges have already judged (held-drafts-*.yaml); later held
# labellers (K, L, ...) are the next blind measure and are never read here.
_JUDGED_HELD = ("a-", "b-", "c-", "f-")
_BLIND = ("held-drafts-sample.yaml", "held-drafts-sample-gh.yaml", "held-drafts-judge2.yaml")


def _docs(split: str) -> list[Any]:
    if split == "held":
        return [d for d in load_split("held") if d.name.startswith(_JUDGED_HELD)]
    return load_split(split)


def rows(split: str = "tune") -> list[tuple[str, dict[str, float], int]]:
    """(op-ed, features, usable) for every offered and judged draft."""
    judged = load_judgements()
    if split == "held":
        for name in _BLIND:
            for r in yaml.safe_load((JUDGED.parent / name).read_text(encoding="utf-8")):
                judged.setdefault((r["file"], r["sentence"], r["question"]), r)
    out = []
    for doc in _docs(split):
        for c in extract(doc.text, doc.published):
            if c.kind != "forecast" or withheld(c.note):
                continue
            v = judged.get((doc.name, c.sentence, c.question))
            if v is not None:
                out.append((doc.name, features(c.sentence, c.question, c), int(v["usable"])))
    return out


def candidates(split: str = "tune") -> int:
    return sum(
        1 for doc in _docs(split) for c in extract(doc.text, doc.published) if c.kind == "forecast"
    )


def _model(c_reg: float) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=c_reg, max_iter=2000))


def main() -> None:
    import numpy as np
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold, cross_val_predict

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--folds", type=int, default=8)
    parser.add_argument(
        "--held",
        action="store_true",
        help="also score a model trained on all of tune on held A-C and F (judged blind before)",
    )
    args = parser.parse_args()
    data = rows()
    n_candidates = candidates()
    names = sorted(data[0][1])
    x = np.array([[f[n] for n in names] for _, f, _ in data])
    y = np.array([u for _, _, u in data])
    groups = np.array([g for g, _, _ in data])
    print(
        f"tune: {n_candidates} forecast candidates, {len(y)} drafts offered and judged, "
        f"{y.sum()} usable; rule gate alone: precision {y.mean():.0%}, coverage "
        f"{len(y) / n_candidates:.0%}"
    )
    keeps = (0.9, 0.75, 0.6, 0.5)
    for c_reg in (0.03, 0.1, 0.3):
        totals = {k: [0, 0] for k in keeps}  # offered, usable, summed over shuffles
        aucs = []
        for seed in range(args.seeds):
            docs = sorted(set(groups))
            random.Random(seed).shuffle(docs)
            fold = {d: i % args.folds for i, d in enumerate(docs)}
            scores = np.zeros(len(y))
            cut = {k: np.zeros(len(y), dtype=bool) for k in keeps}
            for k in range(args.folds):
                test = np.array([fold[g] == k for g in groups])
                train = ~test

                inner = cross_val_predict(
                    _model(c_reg),
                    x[train],
                    y[train],
                    groups=groups[train],
                    cv=GroupKFold(n_splits=5),
                    method="predict_proba",
                )[:, 1]
                fitted = _model(c_reg).fit(x[train], y[train])
                scores[test] = fitted.predict_proba(x[test])[:, 1]
                for keep in keeps:
                    threshold = np.quantile(inner, 1 - keep)
                    cut[keep][test] = scores[test] >= threshold
            aucs.append(roc_auc_score(y, scores))
            for keep in keeps:
                totals[keep][0] += int(cut[keep].sum())
                totals[keep][1] += int(y[cut[keep]].sum())
        print(f"C={c_reg}: AUC {min(aucs):.2f}-{max(aucs):.2f} over {args.seeds} shuffles")
        for keep in keeps:
            offered, usable = (t / args.seeds for t in totals[keep])
            print(
                f"  keep {keep:.0%} of training drafts: offered {offered:.0f}, usable {usable:.0f}, "
                f"precision {usable / max(offered, 1):.0%}, coverage {offered / n_candidates:.0%}"
            )
    if args.held:
        held = rows("held")
        hx = np.array([[f[n] for n in names] for _, f, _ in held])
        hy = np.array([u for _, _, u in held])
        n_held = candidates("held")
        print(
            f"held A-C and F (a model trained on all of tune): {n_held} candidates, {len(hy)} drafts "
            f"offered and judged, {hy.sum()} usable; rule gate alone: precision {hy.mean():.0%}"
        )
        for c_reg in (0.03, 0.1, 0.3):
            inner = cross_val_predict(
                _model(c_reg),
                x,
                y,
                groups=groups,
                cv=GroupKFold(n_splits=5),
                method="predict_proba",
            )[:, 1]
            scores = _model(c_reg).fit(x, y).predict_proba(hx)[:, 1]
            parts = [f"C={c_reg}: AUC {roc_auc_score(hy, scores):.2f}"]
            for keep in keeps:
                kept = scores >= np.quantile(inner, 1 - keep)
                parts.append(
                    f"keep {keep:.0%}: {kept.sum()} offered, {hy[kept].sum()} usable "
                    f"({hy[kept].sum() / max(kept.sum(), 1):.0%})"
                )
            print("  " + "; ".join(parts))


if __name__ == "__main__":
    main()
