"""Precision and recall of the proposed watch terms (no analyst edits) on the labelled questions of
bench/data/matching/, against the real news sample; and the matcher's speed at 100 and 10,000 questions.

.venv/bin/python bench/matching.py                    # split dev: per question and overall
.venv/bin/python bench/matching.py --split heldout    # the held-out questions (run once, at the end)
.venv/bin/python bench/matching.py --split fresh      # eight questions labelled after the matcher was tuned
.venv/bin/python bench/matching.py --split fresh2     # ten more, labelled by a separate analyst later still
.venv/bin/python bench/matching.py --split fresh3     # ten more, by another analyst, after the third round
.venv/bin/python bench/matching.py --split fresh4     # ten more, by a fourth analyst, scored once with the matcher final
.venv/bin/python bench/matching.py --split all        # every labelled question, pooled
.venv/bin/python bench/matching.py --show KEY         # one dev question: its terms, its flags, what it missed
.venv/bin/python bench/matching.py --speed            # items/s of the matcher alone
.venv/bin/python bench/matching.py --tune             # the grid Scoring's share/similarity weights were chosen on (dev)

Each question is matched, as the product matches it, against the items published inside its window (forecast:
from the earliest claim; factual: from 30 days before it; both until 31 days after the deadline). An item is
relevant when the labelled set's judgments.csv says so; items outside a question's judged pool count as not
relevant. Overall figures are pooled over all (question, item) pairs (micro), with the mean over questions (macro)
beside them.
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feeds.matching.index import match_window  # noqa: E402
from feeds.matching.matcher import (  # noqa: E402
    MatchIndex,
    QuestionWatch,
    Scoring,
    analyze_item,
    one_blas_thread,
)
from feeds.matching.semantic import question_text  # noqa: E402
from feeds.matching.terms import format_watch, propose_watch  # noqa: E402

NEWS = ROOT / "feeds" / "data" / "news"
LABELLED = ROOT / "bench" / "data" / "matching"


@dataclass(frozen=True)
class Item:
    link: str
    source: str
    title: str
    summary: str
    published: datetime


def _plain(text: str | None) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")
    return " ".join(html.unescape(text).split())


def load_news() -> list[Item]:
    items: dict[str, Item] = {}
    for path in sorted(NEWS.glob("*.xml")):
        for node in ET.parse(path).getroot().iter("item"):
            link = (node.findtext("link") or node.findtext("guid") or "").strip()
            published = parsedate_to_datetime(node.findtext("pubDate") or "").astimezone(UTC)
            items[link] = Item(
                link,
                path.stem,
                _plain(node.findtext("title")),
                _plain(node.findtext("description")),
                published,
            )
    return sorted(items.values(), key=lambda i: (i.published, i.link))


def _utc(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def load_labelled(split: str) -> tuple[list[dict[str, Any]], dict[str, set[str]]]:
    questions = yaml.safe_load((LABELLED / "questions.yaml").read_text(encoding="utf-8"))[
        "questions"
    ]
    chosen = [q for q in questions if split in ("all", q["split"])]
    keys = {q["key"] for q in chosen}
    relevant: dict[str, set[str]] = {k: set() for k in keys}
    with (LABELLED / "judgments.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["key"] in keys and row["relevant"].strip() == "1":
                relevant[row["key"]].add(row["link"])
    judged = {k for k in keys if relevant[k]} | _judged_keys(keys)
    return [q for q in chosen if q["key"] in judged], relevant


def _judged_keys(keys: set[str]) -> set[str]:
    with (LABELLED / "judgments.csv").open(encoding="utf-8", newline="") as f:
        return {row["key"] for row in csv.DictReader(f) if row["key"] in keys}


_ANALYSES: dict[str, Any] = {}


def _analysis(item: Item) -> Any:
    found = _ANALYSES.get(item.link)
    if found is None:
        found = _ANALYSES[item.link] = analyze_item(item.title, item.summary)
    return found


def flags_of(
    question: dict[str, Any], items: list[Item], scoring: Scoring | None = None
) -> tuple[list[tuple[Item, Any]], Any]:
    watch = propose_watch(question["text"], question.get("criteria") or "")
    not_before, not_after = match_window(
        question["kind"], _utc(question["earliest_claim"]), _day(question["resolve_by"])
    )
    about = question_text(question["text"], question.get("criteria") or "")
    index = MatchIndex(
        {0: QuestionWatch(watch, not_before, not_after, about=about)}, scoring=scoring
    )
    flagged = []
    for item in items:
        if not_before is not None and item.published < not_before:
            continue
        if not_after is not None and item.published > not_after:
            continue
        for m in index.match(item.title, item.summary, item.published, _analysis(item)):
            flagged.append((item, m))
    return flagged, watch


def quality(split: str, scoring: Scoring | None = None, items: list[Item] | None = None) -> float:
    items = items or load_news()
    questions, relevant = load_labelled(split)
    if not questions:
        raise SystemExit(f"no judged questions in split {split!r} under {LABELLED}")
    tp_all = fp_all = fn_all = 0
    precisions: list[float] = []
    recalls: list[float] = []
    print(f"split={split}  questions={len(questions)}  items={len(items)}")
    print(f"{'question':<40} {'flags':>5} {'rel':>4} {'tp':>4} {'prec':>5} {'recall':>6}")
    for q in questions:
        flagged, _ = flags_of(q, items, scoring)
        links = {item.link for item, _ in flagged}
        rel = relevant[q["key"]]
        tp = len(links & rel)
        fp = len(links - rel)
        fn = len(rel - links)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        p = tp / len(links) if links else (1.0 if not rel else 0.0)
        r = tp / len(rel) if rel else 1.0
        precisions.append(p)
        recalls.append(r)
        print(f"{q['key'][:40]:<40} {len(links):>5} {len(rel):>4} {tp:>4} {p:>5.2f} {r:>6.2f}")
    micro_p = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    micro_r = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    print(
        f"\noverall (pooled): flags={tp_all + fp_all} relevant={tp_all + fn_all} "
        f"precision={micro_p:.3f} recall={micro_r:.3f}"
    )
    print(
        f"mean over questions: precision={sum(precisions) / len(precisions):.3f} "
        f"recall={sum(recalls) / len(recalls):.3f}"
    )
    return min(micro_p, micro_r)


def show(key: str) -> None:
    items = load_news()
    questions, relevant = load_labelled("dev")
    found = [q for q in questions if q["key"] == key]
    if not found:
        raise SystemExit(f"{key}: not a judged dev question")
    q = found[0]
    flagged, watch = flags_of(q, items)
    print(q["text"])
    print(format_watch(watch))
    rel = relevant[key]
    hit = set()
    for item, m in sorted(flagged, key=lambda im: -im[1].score):
        mark = "+" if item.link in rel else "-"
        hit.add(item.link)
        print(f" {mark} {m.score:5.2f} {item.title[:90]}  {m.matched_terms}")
    by_link = {i.link: i for i in items}
    index = MatchIndex(
        {0: QuestionWatch(watch, about=question_text(q["text"], q.get("criteria") or ""))}
    )
    for link in sorted(rel - hit):
        item = by_link.get(link)
        if item is None:
            continue
        near = index.score_all(item.title, item.summary)
        score = f"{near[0][0].score:5.2f} {near[0][0].matched_terms}" if near else " none"
        print(f" ! missed {item.title[:90]}  {score}")


def tune() -> None:
    """Grid of Scoring.share_weight x Scoring.similarity_weight on the dev split only: each candidate's word share and
    similarity are computed once, then every pair of weights is scored (bar = Scoring.threshold)."""
    import numpy as np

    from feeds.matching.semantic import embed, item_text, question_vector

    items = load_news()
    questions, relevant = load_labelled("dev")
    # Without a text the index scores by the terms alone; with a zero bar it returns every item that meets enough
    # lines (Scoring.min_lines), each with its share: the candidates the weights then decide on.
    plain = Scoring(threshold=0.0)
    vectors = embed([item_text(i.title, i.summary) for i in items])
    row_of = {item.link: n for n, item in enumerate(items)}
    shares: list[float] = []
    sims: list[float] = []
    hits: list[bool] = []
    total_relevant = sum(len(relevant[q["key"]]) for q in questions)
    for q in questions:
        watch = propose_watch(q["text"], q.get("criteria") or "")
        about = question_text(q["text"], q.get("criteria") or "")
        not_before, not_after = match_window(
            q["kind"], _utc(q["earliest_claim"]), _day(q["resolve_by"])
        )
        index = MatchIndex({0: QuestionWatch(watch, not_before, not_after)}, scoring=plain)
        qv = question_vector(about)
        for item in items:
            if not not_before <= item.published <= not_after:
                continue
            found = index.match(item.title, item.summary, item.published, _analysis(item))
            if not found or found[0].score <= 0:
                continue
            shares.append(found[0].score)
            sims.append(float(vectors[row_of[item.link]] @ qv))
            hits.append(item.link in relevant[q["key"]])
    share_a, sim_a, hit_a = np.array(shares), np.array(sims), np.array(hits)
    bar = Scoring().threshold
    results = []
    for a in np.arange(0.0, 1.01, 0.05):
        for b in np.arange(0.0, 1.51, 0.05):
            flagged = a * share_a + b * sim_a >= bar
            tp = int((flagged & hit_a).sum())
            p = tp / max(1, int(flagged.sum()))
            r = tp / total_relevant
            results.append((min(p, r), p, r, a, b))
    results.sort(reverse=True)
    print(f"candidates={len(hit_a)} relevant among them={int(hit_a.sum())} of {total_relevant}")
    print("min(p,r)  precision  recall  share_weight  similarity_weight")
    for m, p, r, a, b in results[:15]:
        print(f"{m:8.3f}  {p:9.3f}  {r:6.3f}  {a:12.2f}  {b:17.2f}")


def speed(repeats: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from ingest import varied_questions

    items = load_news()
    for size in (100, 10_000):
        t0 = time.perf_counter()
        index = MatchIndex(
            {
                i: QuestionWatch(propose_watch(text), datetime(2022, 1, 1, tzinfo=UTC), about=text)
                for i, (text, _) in enumerate(varied_questions(size))
            }
        )
        build_s = time.perf_counter() - t0
        best = float("inf")
        flags = 0
        for _ in range(repeats):
            index.stats.reset()
            t0 = time.perf_counter()
            # As a poll does: all the items together (feeds.ingest hands the matcher a feed at a time), and the
            # matrix products in one BLAS thread.
            with one_blas_thread():
                found = index.match_many(
                    [(it.title, it.summary, it.published, None) for it in items]
                )
            flags = sum(map(len, found))
            best = min(best, time.perf_counter() - t0)
        s = index.stats
        print(
            f"questions={size:>6}  build={build_s:6.2f}s  items={len(items)}  "
            f"items/s={len(items) / best:>9.0f}  anchors/item={s.signatures_checked / s.items:5.2f}  "
            f"scored/item={s.questions_scored / s.items:6.2f}  flags={flags}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split",
        default="dev",
        help="a split of questions.yaml (dev, heldout, fresh, fresh2, fresh3, ...), or all",
    )
    parser.add_argument("--show", metavar="KEY", help="one dev question in detail")
    parser.add_argument("--speed", action="store_true", help="items/s at 100 and 10,000 questions")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--tune", action="store_true", help="grid of the score's weights, on dev only"
    )
    args = parser.parse_args()
    if args.tune:
        tune()
    elif args.speed:
        speed(args.repeats)
    elif args.show:
        show(args.show)
    else:
        quality(args.split)


if __name__ == "__main__":
    main()
