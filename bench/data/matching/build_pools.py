"""Builds the keyword pool of every question in questions.yaml from the news sample (the labelled set's candidates).

python3 bench/data/matching/build_pools.py                  # pool size per question
python3 bench/data/matching/build_pools.py --show KEY       # the pool items of one question, compactly
python3 bench/data/matching/build_pools.py --csv pools.csv  # every (key, link, published, title) of every pool
python3 bench/data/matching/build_pools.py --check          # judgments.csv covers every pool item, nothing else
python3 bench/data/matching/build_pools.py --stats          # pool size and relevant count per question (RULE.md table)

Stdlib + pyyaml only, so the set can be rebuilt without the project installed.
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
NEWS_DIR = HERE.parent.parent.parent / "feeds" / "data" / "news"
# Factual claims are checked against evidence that may predate the claim; every question keeps a month after its deadline.
FACTUAL_LOOKBACK = timedelta(days=30)
AFTER_DEADLINE = timedelta(days=31)


@dataclass(frozen=True)
class Item:
    link: str
    published: datetime
    source: str
    title: str
    description: str


def plain(text: str | None) -> str:
    """HTML tags stripped, entities decoded, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", " ", text or "")
    return " ".join(html.unescape(text).split())


def load_items(folder: Path = NEWS_DIR) -> list[Item]:
    items: dict[str, Item] = {}
    for path in sorted(folder.glob("*.xml")):
        for node in ET.parse(path).getroot().iter("item"):
            link = (node.findtext("link") or node.findtext("guid") or "").strip()
            published = parsedate_to_datetime(node.findtext("pubDate") or "").astimezone(UTC)
            items[link] = Item(
                link,
                published,
                path.stem,
                plain(node.findtext("title")),
                plain(node.findtext("description")),
            )
    return sorted(items.values(), key=lambda i: (i.published, i.link))


def as_utc(value: object) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def window(question: dict[str, Any]) -> tuple[datetime, datetime]:
    """[start, end) of the news a question is matched against."""
    claim = as_utc(question["earliest_claim"])
    start = claim - FACTUAL_LOOKBACK if question["kind"] == "factual" else claim
    deadline = as_utc(question["resolve_by"]).date()
    # The deadline day counts whole, then 31 more days.
    end = datetime.combine(deadline + timedelta(days=1), time(0, 0), tzinfo=UTC) + AFTER_DEADLINE
    return start, end


def keyword_pattern(keywords: list[str]) -> re.Pattern[str]:
    # A keyword matches at the start of a word (so "sanction" matches "sanctions", not "unsanctioned").
    alternatives = sorted({k.strip().lower() for k in keywords if k.strip()}, key=len, reverse=True)
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alternatives) + ")", re.IGNORECASE
    )


def normalise(text: str) -> str:
    # Curly quotes and apostrophes as straight ones, so "Xi’s" and "Xi's" look alike to a keyword.
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )


def pool(question: dict[str, Any], items: list[Item]) -> list[Item]:
    start, end = window(question)
    pattern = keyword_pattern([normalise(k) for k in question["pool"]])
    return [
        i
        for i in items
        if start <= i.published < end
        and pattern.search(normalise(i.title + " \n " + i.description))
    ]


def load_questions(path: Path = HERE / "questions.yaml") -> list[dict[str, Any]]:
    questions: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    return questions


def check(questions: list[dict[str, Any]], items: list[Item], judgments: Path) -> int:
    expected = {(q["key"], i.link) for q in questions for i in pool(q, items)}
    with judgments.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen: set[tuple[str, str]] = set()
    problems = 0
    for row in rows:
        pair = (row["key"], row["link"])
        if pair in seen:
            print(f"duplicate judgment: {pair}")
            problems += 1
        seen.add(pair)
        if row["relevant"] not in ("0", "1"):
            print(f"relevant is not 0/1: {pair}")
            problems += 1
    judged_keys = {k for k, _ in seen}
    for pair in sorted(expected - seen):
        if pair[0] in judged_keys:
            print(f"pool item not judged: {pair}")
            problems += 1
    for pair in sorted(seen - expected):
        print(f"judged item not in pool: {pair}")
        problems += 1
    unjudged = sorted({q["key"] for q in questions} - judged_keys)
    if unjudged:
        print("questions without judgments: " + ", ".join(unjudged))
        problems += len(unjudged)
    print(f"{len(seen)} judgments, {len(expected)} pool pairs, {problems} problems")
    return 1 if problems else 0


def stats(questions: list[dict[str, Any]], judgments: Path) -> None:
    """Markdown table of pool size and relevant items per question, with totals per split."""
    with judgments.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    pooled: dict[str, int] = {}
    relevant: dict[str, int] = {}
    for row in rows:
        pooled[row["key"]] = pooled.get(row["key"], 0) + 1
        relevant[row["key"]] = relevant.get(row["key"], 0) + (row["relevant"] == "1")
    print("| split | key | kind | topic | pool | relevant |")
    print("|---|---|---|---|---:|---:|")
    for q in questions:
        key = q["key"]
        print(
            f"| {q['split']} | {key} | {q['kind']} | {q['topic']} | {pooled.get(key, 0)} | {relevant.get(key, 0)} |"
        )
    print()
    print("| split | questions | off Russia/Ukraine | pairs judged | relevant |")
    print("|---|---:|---:|---:|---:|")
    for split in dict.fromkeys(q["split"] for q in questions):  # every split, in file order
        keys = [q["key"] for q in questions if q["split"] == split]
        off = sum(1 for q in questions if q["split"] == split and q["topic"] != "russia-ukraine")
        pairs = sum(pooled.get(k, 0) for k in keys)
        rel = sum(relevant.get(k, 0) for k in keys)
        print(f"| {split} | {len(keys)} | {off} | {pairs} | {rel} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--news", type=Path, default=NEWS_DIR, help="folder of the news sample's RSS files"
    )
    parser.add_argument("--questions", type=Path, default=HERE / "questions.yaml")
    parser.add_argument("--show", metavar="KEY", help="print the pool of one question")
    parser.add_argument(
        "--csv", type=Path, help="write every pool item of every question to this CSV"
    )
    parser.add_argument(
        "--check", action="store_true", help="check judgments.csv against the pools"
    )
    parser.add_argument(
        "--stats", action="store_true", help="print pool size and relevant items per question"
    )
    args = parser.parse_args()
    items = load_items(args.news)
    questions = load_questions(args.questions)
    if args.check:
        return check(questions, items, HERE / "judgments.csv")
    if args.stats:
        stats(questions, HERE / "judgments.csv")
        return 0
    if args.show:
        question = next((q for q in questions if q["key"] == args.show), None)
        if question is None:
            print(f"Error: no question {args.show!r}", file=sys.stderr)
            return 1
        for n, i in enumerate(pool(question, items)):
            print(
                f"[{n}] {i.published:%Y-%m-%d} {i.source.split('-')[0]} | {i.title} | {i.description[:300]}"
            )
        return 0
    if args.csv:
        with args.csv.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["key", "link", "published", "title"])
            for q in questions:
                for i in pool(q, items):
                    writer.writerow([q["key"], i.link, i.published.isoformat(), i.title])
        return 0
    for q in questions:
        start, end = window(q)
        print(
            f"{q['split']:8} {q['key']:40} {len(pool(q, items)):5}  {start:%Y-%m-%d} .. {end:%Y-%m-%d}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
