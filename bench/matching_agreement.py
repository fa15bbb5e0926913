"""How far two analysts agree on which news items bear on a question, beside how far the matcher agrees with each.

.venv/bin/python bench/matching_agreement.py

bench/data/matching/second-judgments.csv holds a second, independent judgment of every pool item of some of the
labelled questions (`key,link,...,relevant`), made by the relevance rule in RULE.md by an analyst who never saw the
first judgments (judgments.csv), the matcher or its output. Read as if one analyst's relevant items were flags, the
other's give a precision and a recall: the agreement an automatic matcher can hope to reach against either one.
Beside them, the proposed watch terms' flags (as bench/matching.py makes them, no analyst edits) against each
analyst, on the same questions. Pooled over all (question, item) pairs; per question below.

Prints figures only.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.matching import LABELLED, flags_of, load_labelled, load_news  # noqa: E402

SECOND = LABELLED / "second-judgments.csv"


def read_relevant(path: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(relevant links, judged links) per question key."""
    relevant: dict[str, set[str]] = {}
    judged: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            value = row["relevant"].strip()
            if value not in ("0", "1"):
                raise SystemExit(f"{path.name}: {row['key']} {row['link']}: relevant is {value!r}")
            judged.setdefault(row["key"], set()).add(row["link"])
            if value == "1":
                relevant.setdefault(row["key"], set()).add(row["link"])
    return relevant, judged


def agreement(flagged: set[str], relevant: set[str]) -> tuple[int, int, int]:
    """(true positives, flags, relevant)."""
    return len(flagged & relevant), len(flagged), len(relevant)


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "-"


def _pr(tp: int, flags: int, rel: int) -> str:
    return f"{_ratio(tp, flags):>5} {_ratio(tp, rel):>6}"


def main() -> None:
    if not SECOND.exists():
        raise SystemExit(f"no second judgments at {SECOND}")
    second, second_judged = read_relevant(SECOND)
    questions, first = load_labelled("all")
    first_judged = {q["key"]: set() for q in questions}
    with (LABELLED / "judgments.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            first_judged.setdefault(row["key"], set()).add(row["link"])
    keys = sorted(second_judged)
    for key in keys:
        if second_judged[key] != first_judged.get(key, set()):
            raise SystemExit(
                f"{key}: the second judgment does not cover the same pool as the first"
            )
    items = load_news()
    by_key = {q["key"]: q for q in questions}
    rows = {
        "second analyst against first": [0, 0, 0],
        "first analyst against second": [0, 0, 0],
        "matcher against first": [0, 0, 0],
        "matcher against second": [0, 0, 0],
    }
    both = either = 0
    print(f"{len(keys)} questions, {sum(map(len, second_judged.values()))} pairs judged twice")
    print(
        f"{'question':<40} {'1st':>4} {'2nd':>4} {'both':>4}  "
        f"{'2nd vs 1st p/r':>13}  {'flags':>5}  {'vs 1st p/r':>12}  {'vs 2nd p/r':>12}"
    )
    for key in keys:
        a, b = first.get(key, set()), second.get(key, set())
        flagged = {item.link for item, _ in flags_of(by_key[key], items)[0]}
        both += len(a & b)
        either += len(a | b)
        pairs = {
            "second analyst against first": agreement(b, a),
            "first analyst against second": agreement(a, b),
            "matcher against first": agreement(flagged, a),
            "matcher against second": agreement(flagged, b),
        }
        for name, counts in pairs.items():
            rows[name] = [x + y for x, y in zip(rows[name], counts, strict=True)]
        print(
            f"{key[:40]:<40} {len(a):>4} {len(b):>4} {len(a & b):>4}  "
            f"{_pr(*pairs['second analyst against first']):>13}  {len(flagged):>5}  "
            f"{_pr(*pairs['matcher against first']):>12}  {_pr(*pairs['matcher against second']):>12}"
        )
    print(f"\n{'pooled':<32} {'precision':>9} {'recall':>6}")
    for name, (tp, flags, rel) in rows.items():
        print(f"{name:<32} {_ratio(tp, flags):>9} {_ratio(tp, rel):>6}")
    print(f"items either analyst judged relevant: {either}; both: {both} ({both / either:.2f})")


if __name__ == "__main__":
    main()
