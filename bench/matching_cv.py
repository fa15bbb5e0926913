"""Would a learned scorer beat the matcher's two hand weights? Leave-one-question-out cross-validation on the dev
split of bench/data/matching/, nothing else.

.venv/bin/python bench/matching_cv.py            # the table: hand weights vs logistic regressions on feature sets
.venv/bin/python bench/matching_cv.py --each     # also each feature added alone to share + similarity

The candidates are what the product scores: every (question, item) pair inside the question's window that meets at
least Scoring.min_lines of the proposed watch's lines, an anchor among them (the same set bench/matching.py --tune
weighs). For each, topic-free features: the term share the matcher computes, the similarity of the item to the
question's text and criteria (the matcher's), and others computed here (names and event words met apart, title,
rarest line met, similarity to the question alone, to the criteria alone, to the event words alone, of the title).

Each dev question in turn is left out; a model is fitted on the candidates of the others (logistic regression,
numpy Newton steps, a small L2 penalty, features standardised), its bar chosen on those same questions to make
min(precision, recall) largest (recall over all their relevant items, candidates or not), and the left-out
question's candidates are flagged with it. The flags of all 34 folds are pooled. "hand weights" re-chooses the
share/similarity grid of bench/matching.py --tune the same way, so all rows are figures on unseen questions.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from matching import _analysis, _day, _utc, load_labelled, load_news  # noqa: E402

from feeds.matching.background import term_weight  # noqa: E402
from feeds.matching.index import match_window  # noqa: E402
from feeds.matching.matcher import MatchIndex, QuestionWatch, Scoring  # noqa: E402
from feeds.matching.semantic import embed, item_text, question_text  # noqa: E402
from feeds.matching.terms import TermKey, Watch, propose_watch, term_key  # noqa: E402

FEATURES = (
    "share",
    "similarity",
    "name_share",
    "event_share",
    "title_share",
    "rarest",
    "lines_met",
    "context_met",
    "sim_question",
    "sim_criteria",
    "sim_event",
    "sim_title",
)


def _present(analysis: Any) -> tuple[set[TermKey], set[TermKey], list[str], list[str]]:
    (t_seq, t_extra), (s_seq, s_extra) = analysis
    return set(t_seq) | set(t_extra), set(s_seq) | set(s_extra), list(t_seq), list(s_seq)


def _in(key: TermKey, words: set[TermKey], seq: list[str]) -> bool:
    if isinstance(key, str):
        return key in words
    n = len(key)
    return any(tuple(seq[i : i + n]) == key for i in range(len(seq) - n + 1))


def _line_met(line: Sequence[str], title: Any, summary: Any) -> tuple[bool, bool]:
    keys = [term_key(t) for t in line]
    in_title = any(_in(k, title[0], title[1]) for k in keys)
    return in_title or any(_in(k, summary[0], summary[1]) for k in keys), in_title


def candidates(
    questions: list[dict[str, Any]], relevant: dict[str, set[str]]
) -> list[dict[str, Any]]:
    """One row per candidate: the question's number, whether the item is relevant, and the features."""
    import numpy as np

    items = load_news()
    vectors = embed([item_text(i.title, i.summary) for i in items])
    titles = embed([i.title for i in items])
    plain = Scoring(threshold=0.0)
    rows: list[dict[str, Any]] = []
    for n, q in enumerate(questions):
        criteria = q.get("criteria") or ""
        watch: Watch = propose_watch(q["text"], criteria)
        not_before, not_after = match_window(
            q["kind"], _utc(q["earliest_claim"]), _day(q["resolve_by"])
        )
        index = MatchIndex({0: QuestionWatch(watch, not_before, not_after)}, scoring=plain)
        events = " ".join(line[0] for line in watch.events) or q["text"]
        about_v, text_v, crit_v, event_v = embed(
            [question_text(q["text"], criteria), q["text"], criteria or q["text"], events]
        )
        names = ([watch.subject] if watch.subject else []) + list(watch.names)
        name_w = sum(term_weight(line[0]) for line in names)
        event_w = sum(term_weight(line[0]) for line in watch.events)
        for row, item in enumerate(items):
            if not not_before <= item.published <= not_after:
                continue
            found = index.match(item.title, item.summary, item.published, _analysis(item))
            if not found or found[0].score <= 0:
                continue
            t_words, s_words, t_seq, s_seq = _present(_analysis(item))
            title, summary = (t_words, t_seq), (s_words, s_seq)
            met_names = [(line, *_line_met(line, title, summary)) for line in names]
            met_events = [(line, *_line_met(line, title, summary)) for line in watch.events]
            met = [(line, t) for line, m, t in (*met_names, *met_events) if m]
            total_w = sum(term_weight(line[0]) for line, _ in met) or 1.0
            v, tv = vectors[row], titles[row]
            rows.append(
                {
                    "question": n,
                    "link": item.link,
                    "relevant": item.link in relevant[q["key"]],
                    "share": found[0].score,
                    "similarity": float(v @ about_v),
                    "name_share": sum(term_weight(li[0]) for li, m, _ in met_names if m)
                    / (name_w or 1.0),
                    "event_share": sum(term_weight(li[0]) for li, m, _ in met_events if m)
                    / (event_w or 1.0),
                    "title_share": sum(term_weight(line[0]) for line, t in met if t) / total_w,
                    "rarest": max((term_weight(line[0]) for line, _ in met), default=0.0),
                    "lines_met": len(met) / max(1, len(names) + len(watch.events)),
                    "context_met": float(
                        any(_line_met(line, title, summary)[0] for line in watch.context)
                    ),
                    "sim_question": float(v @ text_v),
                    "sim_criteria": float(v @ crit_v),
                    "sim_event": float(v @ event_v),
                    "sim_title": float(tv @ about_v),
                }
            )
    del np
    return rows


def fit_logistic(x: Any, y: Any, penalty: float = 1.0, steps: int = 50) -> Any:
    """Weights (last: the intercept) of an L2-penalised logistic regression, by Newton's method."""
    import numpy as np

    xb = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(xb.shape[1])
    ridge = penalty * np.eye(xb.shape[1])
    ridge[-1, -1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-xb @ beta))
        gradient = xb.T @ (p - y) + ridge @ beta
        hessian = (xb * (p * (1 - p))[:, None]).T @ xb + ridge
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    return beta


def _best_bar(score: Any, y: Any, relevant: int, bars: Any) -> float:
    best, chosen = -1.0, float(bars[0])
    for bar in bars:
        flagged = score >= bar
        tp = int((flagged & y).sum())
        value = min(tp / max(1, int(flagged.sum())), tp / max(1, relevant))
        if value > best:
            best, chosen = value, float(bar)
    return chosen


Model = Callable[[Any, Any, Any, int], Any]


def cross_validate(
    rows: list[dict[str, Any]], totals: list[int], model: Model
) -> tuple[float, float, int]:
    """Pooled precision, recall and flags over the left-out questions."""
    import numpy as np

    q = np.array([r["question"] for r in rows])
    y = np.array([r["relevant"] for r in rows], dtype=bool)
    flagged = np.zeros(len(rows), dtype=bool)
    for left_out in range(len(totals)):
        train, test = q != left_out, q == left_out
        if test.any():
            flagged[test] = model(train, test, y, sum(totals) - totals[left_out])
    tp = int((flagged & y).sum())
    return tp / max(1, int(flagged.sum())), tp / sum(totals), int(flagged.sum())


def hand_weights(rows: list[dict[str, Any]]) -> Model:
    import numpy as np

    share = np.array([r["share"] for r in rows])
    sim = np.array([r["similarity"] for r in rows])
    bar = Scoring().threshold
    grid = [(a, b) for a in np.arange(0.0, 1.01, 0.05) for b in np.arange(0.0, 1.51, 0.05)]

    def model(train: Any, test: Any, y: Any, relevant: int) -> Any:
        best, chosen = -1.0, grid[0]
        for a, b in grid:
            flagged = a * share[train] + b * sim[train] >= bar
            tp = int((flagged & y[train]).sum())
            value = min(tp / max(1, int(flagged.sum())), tp / max(1, relevant))
            if value > best:
                best, chosen = value, (a, b)
        return chosen[0] * share[test] + chosen[1] * sim[test] >= bar

    return model


def logistic(rows: list[dict[str, Any]], features: Sequence[str], penalty: float = 1.0) -> Model:
    import numpy as np

    x = np.array([[r[f] for f in features] for r in rows], dtype=float)
    x = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-9)
    bars = np.arange(0.05, 0.95, 0.01)

    def model(train: Any, test: Any, y: Any, relevant: int) -> Any:
        beta = fit_logistic(x[train], y[train].astype(float), penalty)

        def prob(part: Any) -> Any:
            return 1.0 / (1.0 + np.exp(-(x[part] @ beta[:-1] + beta[-1])))

        return prob(test) >= _best_bar(prob(train), y[train], relevant, bars)

    return model


def per_question_oracle(
    rows: list[dict[str, Any]], totals: list[int], similarity: str = "similarity"
) -> tuple[float, float, int]:
    """The hand score with a bar of its own for each question, chosen on that question's own labels (its best F1):
    not a model, the most any single bar per question could make of share and similarity together."""
    import numpy as np

    score = np.array([0.4 * r["share"] + r[similarity] for r in rows])
    y = np.array([r["relevant"] for r in rows], dtype=bool)
    q = np.array([r["question"] for r in rows])
    tp_all = fp_all = 0
    for n, total in enumerate(totals):
        mine = q == n
        best = (0.0, 0, 0)
        for bar in np.unique(score[mine]):
            flagged = score[mine] >= bar
            tp = int((flagged & y[mine]).sum())
            fp = int((flagged & ~y[mine]).sum())
            f1 = 2 * tp / (2 * tp + fp + total - tp) if total else 0.0
            best = max(best, (f1, tp, fp))
        tp_all, fp_all = tp_all + best[1], fp_all + best[2]
    return tp_all / max(1, tp_all + fp_all), tp_all / sum(totals), tp_all + fp_all


def add_sentence_model(
    rows: list[dict[str, Any]], questions: list[dict[str, Any]], directory: str
) -> None:
    """The features of a contextual sentence-embedding model (bench/sentence_model.py): the similarity of the item
    (title and summary) to the question's text and criteria, to the text alone, and of the title alone."""
    from sentence_model import SentenceModel

    model = SentenceModel(directory)
    by_link = {i.link: i for i in load_news()}
    links = sorted({r["link"] for r in rows})
    at = {link: n for n, link in enumerate(links)}
    started, cpu = time.perf_counter(), time.process_time()
    items = model.embed([item_text(by_link[k].title, by_link[k].summary) for k in links])
    print(
        f"sentence model: {len(links)} items embedded, {1000 * (time.perf_counter() - started) / len(links):.1f} ms "
        f"each ({1000 * (time.process_time() - cpu) / len(links):.1f} ms of processor time)"
    )
    titles = model.embed([by_link[k].title for k in links])
    abouts = model.embed([question_text(q["text"], q.get("criteria") or "") for q in questions])
    texts = model.embed([q["text"] for q in questions])
    for r in rows:
        v, t, n = items[at[r["link"]]], titles[at[r["link"]]], r["question"]
        r["st_similarity"] = float(v @ abouts[n])
        r["st_question"] = float(v @ texts[n])
        r["st_title"] = float(t @ abouts[n])


def hand_grid(rows: list[dict[str, Any]], features: Sequence[str], step: float = 0.1) -> Model:
    """hand_weights for any features: weights on a grid (0 to 1 for the first, 0 to 1.5 for the others), the
    best min(precision, recall) on the training questions at the bar of 0.5."""
    import itertools

    import numpy as np

    x = np.array([[r[f] for f in features] for r in rows], dtype=float)
    axes = [np.arange(0.0, 1.01, 0.05)] + [np.arange(0.0, 1.51, step)] * (len(features) - 1)
    grid = np.array(list(itertools.product(*axes)))
    bar = Scoring().threshold

    def model(train: Any, test: Any, y: Any, relevant: int) -> Any:
        flagged = x[train] @ grid.T >= bar
        tp = (flagged & y[train][:, None]).sum(axis=0)
        value = np.minimum(tp / np.maximum(1, flagged.sum(axis=0)), tp / max(1, relevant))
        return x[test] @ grid[int(np.argmax(value))] >= bar

    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", action="store_true", help="each feature added alone")
    parser.add_argument(
        "--sentence-model",
        metavar="DIR",
        help="also a contextual sentence-embedding model's similarities (bench/sentence_model.py says how)",
    )
    args = parser.parse_args()
    questions, relevant = load_labelled("dev")
    totals = [len(relevant[q["key"]]) for q in questions]
    rows = candidates(questions, relevant)
    if args.sentence_model:
        add_sentence_model(rows, questions, args.sentence_model)
    hits = sum(r["relevant"] for r in rows)
    print(
        f"dev: {len(questions)} questions, {sum(totals)} relevant items, {len(rows)} candidates "
        f"({hits} relevant: recall can reach {hits / sum(totals):.3f} at most)"
    )
    print(f"{'model (leave one question out)':<58} {'prec':>5} {'recall':>6} {'flags':>5}")
    table: list[tuple[str, Model]] = [
        ("hand weights: a x share + b x similarity >= 0.5", hand_weights(rows)),
        ("logistic: share, similarity", logistic(rows, ("share", "similarity"))),
        ("logistic: all features", logistic(rows, FEATURES)),
        ("logistic: all features, penalty 30", logistic(rows, FEATURES, 30.0)),
    ]
    if args.sentence_model:
        st = ("st_similarity", "st_question", "st_title")
        table += [
            (
                "hand weights: a x share + b x st_similarity",
                hand_grid(rows, ("share", "st_similarity"), 0.05),
            ),
            (
                "hand weights: share, similarity, st_similarity",
                hand_grid(rows, ("share", "similarity", "st_similarity")),
            ),
            ("logistic: share, st_similarity", logistic(rows, ("share", "st_similarity"))),
            (
                "logistic: share, similarity, st_similarity",
                logistic(rows, ("share", "similarity", "st_similarity")),
            ),
            (
                "logistic: share, similarity, the three st_",
                logistic(rows, ("share", "similarity", *st)),
            ),
            ("logistic: all features and the three st_", logistic(rows, (*FEATURES, *st))),
        ]
    if args.each:
        table += [
            (f"logistic: share, similarity, {f}", logistic(rows, ("share", "similarity", f)))
            for f in FEATURES[2:]
        ]
    for name, model in table:
        p, r, n = cross_validate(rows, totals, model)
        print(f"{name:<58} {p:>5.3f} {r:>6.3f} {n:>5}")
    p, r, n = per_question_oracle(rows, totals)
    print(
        f"{'not a model: 0.4 x share + similarity, best bar per question':<58} {p:>5.3f} {r:>6.3f} {n:>5}"
    )
    if args.sentence_model:
        p, r, n = per_question_oracle(rows, totals, "st_similarity")
        print(
            f"{'not a model: 0.4 x share + st_similarity, best bar per q.':<58} {p:>5.3f} {r:>6.3f} {n:>5}"
        )


if __name__ == "__main__":
    main()
