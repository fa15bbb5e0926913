"""Does a per-pair signal tell "bears on the question's outcome" from "the same story in another respect"?
Leave-one-question-out cross-validation over the labelled questions of bench/data/matching/ (all 77 by default).

.venv/bin/python bench/matching_pairs.py                  # every labelled question (--split all)
.venv/bin/python bench/matching_pairs.py --split dev      # one split
.venv/bin/python bench/matching_pairs.py --products       # also a learned diagonal similarity (256 weights)
.venv/bin/python bench/matching_pairs.py --question-bar   # also a bar per question predicted from its text

The candidates and the twelve features of bench/matching_cv.py are reused (what the product scores: every pair in
the question's window meeting at least two lines, an anchor among them). Added here, each computed from the pair
alone, with nothing learned from the feeds and nothing naming a story:

- cover_item, cover_title: how much of the item is about the question. The share of the item's own words (all of
  it, or its title), each weighed by how rare it is in general English, that the question's text or criteria also
  use. An item on the same place in another respect brings heavy words of its own ("flood", "shelling").
- soft_cover_item: the same with near words counted: each of the item's words (the question's names left out)
  scores its best cosine with the question's words in the static model's token table.
- sim_rest, sim_title_rest: whether the item speaks of the question's event and not only of its subject. The
  similarity of the item (all, or its title) to the question's text and criteria, once the words of the question's
  names (subject, names, context) are taken out of both; what is left of the question is its predicate.
- soft_event_item: for each event line of the question, the best cosine of its words with the item's words,
  averaged over the lines by their weight (the event spoken of in other words: "banned" for "bar").
- q_namedom: a property of the question alone, the share of its lines' weight carried by names, not events (a
  question that is mostly a rare name meets every item of its story).
- genre: the title marks a genre that seldom carries a step (pictures, video, podcast, opinion, live, round-up).

Each question in turn is left out; each scorer is fitted on the others (bench/matching_cv.py's hand grid and
logistic regression), its bar chosen on them to make min(precision, recall) largest, and the left-out question's
candidates are flagged with it. Figures are pooled over all folds, so every one is on questions the scorer did not
see; recall is over all relevant items, candidates or not. Because a different bar moves precision against recall,
each scorer is also read at one recall: the precision of its out-of-fold scores (pooled, ranked) at the recall the
shipped score reaches at its bar, beside the shipped score's own. And each feature's within-question ranking: the
chance that a relevant candidate of a question has a higher value than an irrelevant one of the same question.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from matching import load_labelled, load_news  # noqa: E402
from matching_cv import (  # noqa: E402
    FEATURES,
    Model,
    _best_bar,
    candidates,
    cross_validate,
    fit_logistic,
    hand_weights,
    logistic,
    per_question_oracle,
)

from feeds.matching.background import term_weight, weight  # noqa: E402
from feeds.matching.matcher import Scoring  # noqa: E402
from feeds.matching.semantic import embed, item_text, model, question_text  # noqa: E402
from feeds.matching.terms import analyze, propose_watch, term_key  # noqa: E402

NEW = (
    "cover_item",
    "cover_title",
    "soft_cover_item",
    "sim_rest",
    "sim_title_rest",
    "soft_event_item",
    "q_namedom",
    "genre",
)
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
# Words of a title that mark a genre, not a story: galleries, clips, audio, opinion, running coverage, digests.
_GENRE = re.compile(
    r"\b(in pictures|photos?|pictures|videos?|watch|podcast|cartoon|opinion|editorial|live|explainer|"
    r"what we know|at a glance|the papers|round-?up|briefing|newsletter|analysis|review|quiz|letters?)\b",
    re.IGNORECASE,
)


def _stems(text: str) -> set[str]:
    seq, extra = analyze(text)
    return set(seq) | set(extra)


def _cover(words: set[str], question: set[str]) -> float:
    """The weighed share of words that the question also uses (0 when the words weigh nothing)."""
    total = sum(weight(w) for w in words)
    return sum(weight(w) for w in words & question) / total if total else 0.0


def _without(text: str, names: set[str]) -> str:
    """The text without the words whose stems are among the names' stems."""
    return " ".join(w for w in _TOKEN.findall(text) if not (_stems(w) & names))


class _WordVectors:
    """One unit vector per word: the mean of its tokens' rows in the static model's table."""

    def __init__(self) -> None:
        import numpy as np

        table = model().table
        self.rows = table[:, :-1] / np.maximum(table[:, -1:], 1e-12)
        self.cache: dict[str, Any] = {}

    def matrix(self, words: Sequence[str]) -> Any:
        import numpy as np

        out = np.zeros((len(words), self.rows.shape[1]), dtype=np.float32)
        for n, word in enumerate(words):
            key = word.lower()
            if key not in self.cache:
                ids = model().token_ids([word])[0]
                v = self.rows[ids].mean(axis=0) if ids else np.zeros(self.rows.shape[1])
                norm = float(np.linalg.norm(v))
                self.cache[key] = v / norm if norm else v
            out[n] = self.cache[key]
        return out


def _word_weight(word: str) -> float:
    return max((weight(s) for s in analyze(word)[0]), default=0.0)


class _Question:
    def __init__(self, q: dict[str, Any], vectors: _WordVectors) -> None:
        about = question_text(q["text"], q.get("criteria") or "")
        watch = propose_watch(q["text"], q.get("criteria") or "")
        self.stems = _stems(about)
        self.names: set[str] = set()
        for line in [watch.subject, *watch.names, *watch.context]:
            for term in line:
                key = term_key(term)
                self.names.update([key] if isinstance(key, str) else key)
        self.rest = _without(about, self.names)
        words = [w for w in _WORD.findall(about) if not self._named(w) and _word_weight(w) > 1.0]
        self.words = vectors.matrix(words)
        events = [[w for term in line for w in _WORD.findall(term)] for line in watch.events]
        self.events = [vectors.matrix(line) for line in events if line]
        self.event_weights = [max(_word_weight(w) for w in line) for line in events if line]
        lines = [watch.subject] if watch.subject else []
        name_w = sum(term_weight(line[0]) for line in [*lines, *watch.names])
        event_w = sum(term_weight(line[0]) for line in watch.events)
        self.name_dominance = name_w / (name_w + event_w) if name_w + event_w else 0.0

    def _named(self, word: str) -> bool:
        return bool(_stems(word) & self.names)

    def soft_cover(self, text: str, vectors: _WordVectors) -> float:
        words = [w for w in _WORD.findall(text) if not self._named(w)]
        weights = [_word_weight(w) for w in words]
        if not words or not sum(weights) or not len(self.words):
            return 0.0
        best = (vectors.matrix(words) @ self.words.T).max(axis=1)
        return float(sum(b * w for b, w in zip(best, weights, strict=True)) / sum(weights))

    def soft_event(self, text: str, vectors: _WordVectors) -> float:
        words = _WORD.findall(text)
        if not self.events or not words:
            return 0.0
        item = vectors.matrix(words)
        best = [float((item @ line.T).max()) for line in self.events]
        return sum(b * w for b, w in zip(best, self.event_weights, strict=True)) / (
            sum(self.event_weights) or 1.0
        )


def add_features(rows: list[dict[str, Any]], questions: list[dict[str, Any]]) -> None:
    by_link = {i.link: i for i in load_news()}
    vectors = _WordVectors()
    about = [_Question(q, vectors) for q in questions]
    rest_q = embed([a.rest for a in about])
    pairs = [(by_link[r["link"]], r["question"]) for r in rows]
    rest_items = embed([_without(item_text(i.title, i.summary), about[n].names) for i, n in pairs])
    rest_titles = embed([_without(i.title, about[n].names) for i, n in pairs])
    for row, (item, n), v, t in zip(rows, pairs, rest_items, rest_titles, strict=True):
        text = f"{item.title} {item.summary[:1000]}"
        row["cover_item"] = _cover(_stems(item_text(item.title, item.summary)), about[n].stems)
        row["cover_title"] = _cover(_stems(item.title), about[n].stems)
        row["soft_cover_item"] = about[n].soft_cover(text, vectors)
        row["sim_rest"] = float(v @ rest_q[n])
        row["sim_title_rest"] = float(t @ rest_q[n])
        row["soft_event_item"] = about[n].soft_event(text, vectors)
        row["q_namedom"] = about[n].name_dominance
        row["genre"] = float(bool(_GENRE.search(item.title)))


def within_question_auc(rows: list[dict[str, Any]], values: Any) -> float:
    """The chance that a relevant candidate of a question outscores an irrelevant one of the same question."""
    import numpy as np

    q = np.array([r["question"] for r in rows])
    y = np.array([r["relevant"] for r in rows], dtype=bool)
    wins = pairs = 0.0
    for n in np.unique(q):
        a, b = values[(q == n) & y], values[(q == n) & ~y]
        wins += float((a[:, None] > b[None, :]).sum() + 0.5 * (a[:, None] == b[None, :]).sum())
        pairs += len(a) * len(b)
    return wins / pairs if pairs else 0.0


def out_of_fold(rows: list[dict[str, Any]], features: Sequence[str], penalty: float = 1.0) -> Any:
    """Each candidate's logistic margin from the model fitted without its question."""
    import numpy as np

    x = np.array([[r[f] for f in features] for r in rows], dtype=float)
    x = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-9)
    q = np.array([r["question"] for r in rows])
    y = np.array([r["relevant"] for r in rows], dtype=float)
    margin = np.zeros(len(rows))
    for n in np.unique(q):
        beta = fit_logistic(x[q != n], y[q != n], penalty)
        margin[q == n] = x[q == n] @ beta[:-1] + beta[-1]
    return margin


def precision_at(rows: list[dict[str, Any]], score: Any, recall: float, relevant: int) -> float:
    """Pooled precision of the candidates ranked by score, down to the first rank that reaches the recall."""
    import numpy as np

    y = np.array([r["relevant"] for r in rows], dtype=bool)[np.argsort(-score, kind="stable")]
    hits = np.cumsum(y)
    k = int(np.searchsorted(hits, recall * relevant))
    return float(hits[k] / (k + 1)) if k < len(hits) else float("nan")


def products(rows: list[dict[str, Any]], questions: list[dict[str, Any]]) -> Model:
    """Logistic regression on share, similarity and the 256 element-wise products of the item's and the question's
    vectors (a learned diagonal similarity), strongly penalised."""
    import numpy as np

    by_link = {i.link: i for i in load_news()}
    items = embed([item_text(by_link[r["link"]].title, by_link[r["link"]].summary) for r in rows])
    abouts = embed([question_text(q["text"], q.get("criteria") or "") for q in questions])
    x = np.hstack(
        [
            np.array([[r["share"], r["similarity"]] for r in rows]),
            items * abouts[[r["question"] for r in rows]],
        ]
    )
    x = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-9)
    bars = np.arange(0.05, 0.95, 0.01)

    def fitted(train: Any, test: Any, y: Any, relevant: int) -> Any:
        beta = fit_logistic(x[train], y[train].astype(float), 1000.0)

        def prob(part: Any) -> Any:
            return 1.0 / (1.0 + np.exp(-(x[part] @ beta[:-1] + beta[-1])))

        return prob(test) >= _best_bar(prob(train), y[train], relevant, bars)

    return fitted


def question_bar(
    rows: list[dict[str, Any]], questions: list[dict[str, Any]], totals: list[int]
) -> None:
    """Can the bar be set per question from the question alone? Each question's best bar for the shipped score (its
    best F1, on its own labels) is regressed, leaving it out, on properties of its text and proposed terms; the
    left-out question is flagged at the predicted bar."""
    import numpy as np

    q = np.array([r["question"] for r in rows])
    y = np.array([r["relevant"] for r in rows], dtype=bool)
    scoring = Scoring()
    score = np.array(
        [
            scoring.share_weight * r["share"] + scoring.similarity_weight * r["similarity"]
            for r in rows
        ]
    )
    best = np.zeros(len(questions))
    for n, total in enumerate(totals):
        top = -1.0
        for bar in np.arange(0.3, 1.2, 0.02):
            flagged = score[q == n] >= bar
            tp = int((flagged & y[q == n]).sum())
            f1 = 2 * tp / (int(flagged.sum()) + total) if total else 0.0
            if f1 > top + 1e-9:
                top, best[n] = f1, bar
    vectors = _WordVectors()
    names = (
        "name dominance",
        "similarity to its names",
        "to its predicate",
        "events",
        "names",
        "factual",
    )
    props = []
    for spec in questions:
        about = question_text(spec["text"], spec.get("criteria") or "")
        watch = propose_watch(spec["text"], spec.get("criteria") or "")
        question = _Question(spec, vectors)
        named = " ".join(
            line[0] for line in ([watch.subject] if watch.subject else []) + watch.names
        )
        a, b, c = embed([about, named or about, question.rest])
        props.append(
            [
                question.name_dominance,
                float(a @ b),
                float(a @ c),
                len(watch.events),
                len(watch.names) + bool(watch.subject),
                float(spec["kind"] == "factual"),
            ]
        )
    x = np.hstack([np.array(props), np.ones((len(props), 1))])
    print(f"\nbest bar per question: mean {best.mean():.3f}, sd {best.std():.3f}; correlation with")
    for i, name in enumerate(names):
        print(f"  {name:<24} {np.corrcoef(x[:, i], best)[0, 1]:+.3f}")
    flagged = np.zeros(len(rows), dtype=bool)
    for n in range(len(questions)):
        keep = np.arange(len(questions)) != n
        beta = np.linalg.solve(
            x[keep].T @ x[keep] + 0.1 * np.eye(x.shape[1]), x[keep].T @ best[keep]
        )
        flagged[q == n] = score[q == n] >= x[n] @ beta
    tp = int((flagged & y).sum())
    print(
        f"bar predicted from all six (leave one question out): precision {tp / max(1, int(flagged.sum())):.3f}, "
        f"recall {tp / sum(totals):.3f}, {int(flagged.sum())} flags"
    )


def main() -> None:
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="all", help="dev, heldout, fresh, fresh2, fresh3 or all")
    parser.add_argument(
        "--products", action="store_true", help="also a learned diagonal similarity"
    )
    parser.add_argument(
        "--question-bar", action="store_true", help="also a bar predicted from the question"
    )
    args = parser.parse_args()
    questions, relevant = load_labelled(args.split)
    if not questions:
        raise SystemExit(f"no judged questions in split {args.split!r}")
    totals = [len(relevant[q["key"]]) for q in questions]
    rows = candidates(questions, relevant)
    add_features(rows, questions)
    hits = sum(r["relevant"] for r in rows)
    print(
        f"{args.split}: {len(questions)} questions, {sum(totals)} relevant items, {len(rows)} candidates "
        f"({hits} relevant: recall can reach {hits / sum(totals):.3f} at most)"
    )
    scoring = Scoring()
    shipped = np.array(
        [
            scoring.share_weight * r["share"] + scoring.similarity_weight * r["similarity"]
            for r in rows
        ]
    )
    y = np.array([r["relevant"] for r in rows], dtype=bool)
    flagged = shipped >= scoring.threshold
    at = float((flagged & y).sum() / sum(totals))
    print(
        f"the shipped score at its bar: precision {(flagged & y).sum() / max(1, flagged.sum()):.3f}, "
        f"recall {at:.3f}, {int(flagged.sum())} flags; within-question ranking {within_question_auc(rows, shipped):.3f}"
    )
    print("\nwithin-question ranking of each feature alone:")
    for f in (*FEATURES, *NEW):
        print(f"  {f:<18} {within_question_auc(rows, np.array([r[f] for r in rows])):.3f}")
    base = ("share", "similarity")
    sets: list[tuple[str, Sequence[str]]] = [("share, similarity", base)]
    sets += [(f"share, similarity, {f}", (*base, f)) for f in NEW]
    sets += [("share, similarity and the eight new", (*base, *NEW))]
    sets += [("the twelve and the eight new", (*FEATURES, *NEW))]
    print(
        f"\n{'scorer (leave one question out)':<52} {'prec':>5} {'recall':>6} {'flags':>5}  "
        f"{'prec at recall ' + f'{at:.3f}':>20} {'ranking':>7}"
    )
    p, r, n = cross_validate(rows, totals, hand_weights(rows))
    print(
        f"{'hand weights, a x share + b x similarity >= 0.5':<52} {p:>5.3f} {r:>6.3f} {n:>5}  "
        f"{precision_at(rows, shipped, at, sum(totals)):>20.3f} "
        f"{within_question_auc(rows, shipped):>7.3f} (the shipped 0.4, 1.0)"
    )
    for name, features in sets:
        p, r, n = cross_validate(rows, totals, logistic(rows, features))
        margin = out_of_fold(rows, features)
        ranked = precision_at(rows, margin, at, sum(totals))
        print(
            f"{'logistic: ' + name:<52} {p:>5.3f} {r:>6.3f} {n:>5}  {ranked:>20.3f} "
            f"{within_question_auc(rows, margin):>7.3f}",
            flush=True,
        )
    if args.products:
        p, r, n = cross_validate(rows, totals, products(rows, questions))
        print(
            f"{'logistic: share, similarity, 256 vector products':<52} {p:>5.3f} {r:>6.3f} {n:>5}"
        )
    p, r, n = per_question_oracle(rows, totals)
    print(f"{'not a model: shipped score, best bar per question':<52} {p:>5.3f} {r:>6.3f} {n:>5}")
    if args.question_bar:
        question_bar(rows, questions, totals)


if __name__ == "__main__":
    main()
