"""Recall and precision of claims.extract on the five hand-labelled seed op-eds.

Run: .venv/bin/python bench/extraction.py [--verbose]

A candidate matches a label when one sentence contains the other, or when they share 80% of
the shorter one's content words and the shorter is at least half as long (so a label still
matches when the splitter cuts a sentence differently). Precision for a kind: candidates of
that kind matching a label that accepts that kind (its `kind` or `also`) over all candidates
of that kind. Recall for a kind: labels of that
`kind` matched by a candidate of an accepted kind.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extract import Candidate, extract  # noqa: E402

DATA = ROOT / "tests" / "data"
KINDS = ("forecast", "factual")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("’", "'"))


_STOP = {"the", "a", "an", "of", "to", "in", "on", "and", "or", "but", "is", "are", "was"}


def matches(candidate: str, label: str) -> bool:
    a, b = " ".join(_words(candidate)), " ".join(_words(label))
    if a in b or b in a:
        return True
    wa, wb = set(a.split()) - _STOP, set(b.split()) - _STOP
    short, long_ = sorted((wa, wb), key=len)
    return len(short) >= 0.5 * len(long_) and len(wa & wb) >= 0.8 * len(short) > 0


def accepted(label: dict[str, str]) -> set[str]:
    return {label["kind"], *([label["also"]] if label.get("also") else [])}


def score(candidates: list[Candidate], labels: list[dict[str, str]]) -> dict[str, dict[str, int]]:
    counts = {k: {"tp": 0, "cand": 0, "found": 0, "labels": 0} for k in KINDS}
    for c in candidates:
        counts[c.kind]["cand"] += 1
        if any(c.kind in accepted(lab) and matches(c.sentence, lab["text"]) for lab in labels):
            counts[c.kind]["tp"] += 1
    for lab in labels:
        counts[lab["kind"]]["labels"] += 1
        if any(c.kind in accepted(lab) and matches(c.sentence, lab["text"]) for c in candidates):
            counts[lab["kind"]]["found"] += 1
    return counts


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def main() -> None:
    verbose = "--verbose" in sys.argv
    seeds = yaml.safe_load((DATA / "seed_labels.yaml").read_text(encoding="utf-8"))["seeds"]
    total = {k: {"tp": 0, "cand": 0, "found": 0, "labels": 0} for k in KINDS}
    print(f"{'seed':<28} {'fc recall':>9} {'fc prec':>8} {'fa recall':>9} {'fa prec':>8}")
    for seed in seeds:
        text = (DATA / "seeds" / seed["file"]).read_text(encoding="utf-8")
        pub = date.fromisoformat(seed["published"]) if seed["published"] else None
        candidates = extract(text, pub)
        counts = score(candidates, seed["labels"])
        for k in KINDS:
            for field in total[k]:
                total[k][field] += counts[k][field]
        fc, fa = counts["forecast"], counts["factual"]
        print(
            f"{seed['file']:<28} {_ratio(fc['found'], fc['labels']):>9} "
            f"{_ratio(fc['tp'], fc['cand']):>8} {_ratio(fa['found'], fa['labels']):>9} "
            f"{_ratio(fa['tp'], fa['cand']):>8}"
        )
        if verbose:
            _explain(candidates, seed["labels"])
    fc, fa = total["forecast"], total["factual"]
    print(
        f"{'overall':<28} {_ratio(fc['found'], fc['labels']):>9} "
        f"{_ratio(fc['tp'], fc['cand']):>8} {_ratio(fa['found'], fa['labels']):>9} "
        f"{_ratio(fa['tp'], fa['cand']):>8}"
    )
    for k in KINDS:
        t = total[k]
        print(
            f"{k}: {t['found']}/{t['labels']} labels found, "
            f"{t['tp']}/{t['cand']} candidates correct"
        )


def _explain(candidates: list[Candidate], labels: list[dict[str, str]]) -> None:
    for lab in labels:
        hit = [c for c in candidates if matches(c.sentence, lab["text"])]
        if not any(c.kind in accepted(lab) for c in hit):
            got = hit[0].kind if hit else "nothing"
            print(f"   MISS {lab['kind']:<8} (got {got}): {lab['text'][:110]}")
    for c in candidates:
        if not any(c.kind in accepted(lab) and matches(c.sentence, lab["text"]) for lab in labels):
            print(f"   FALSE {c.kind:<8} [{c.hedge}]: {c.sentence[:110]}")


if __name__ == "__main__":
    main()
