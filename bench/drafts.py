"""Drafted questions against hand judgements: the share an analyst would register without a change.

Run: .venv/bin/python bench/drafts.py [--split tune] [--list] [--unjudged]

Each forecast candidate that claims.extract finds in the split's op-eds has a drafted question. A
judgement in bench/data/extraction/drafts-judged.yaml (by the rule in bench/data/extraction/DRAFTS.md)
names the op-ed, the sentence and the exact question it judged; a draft counts only when its question
is that same text, so a changed draft is "unjudged" until someone judges it again. The file keeps
every judgement ever made, so old drafts (an earlier commit's) still score.

The figures: usable / judged over the split's current drafts, and how many are unjudged; once over
every forecast candidate (what the analyst is shown) and once over those whose sentence a label
accepts as a forecast (the drafting itself, without the classifier's false candidates). `--list`
prints every draft with its verdict ([ok], [no: why] or [??]); `--unjudged` prints only the
unjudged ones, ready to be judged. The held part is judged once, at the end (`--split held`).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import accepted, load_split, matches  # noqa: E402
from claims.extract import extract  # noqa: E402

JUDGED = ROOT / "bench" / "data" / "extraction" / "drafts-judged.yaml"


@dataclass(frozen=True)
class Draft:
    doc: str
    sentence: str
    question: str
    labelled_forecast: bool  # the sentence matches a label that accepts a forecast


def current_drafts(split: str) -> list[Draft]:
    return [
        Draft(
            doc.name,
            c.sentence,
            c.question,
            any(
                "forecast" in accepted(lab) and matches(c.sentence, lab["text"])
                for lab in doc.labels
            ),
        )
        for doc in load_split(split)
        for c in extract(doc.text, doc.published)
        if c.kind == "forecast"
    ]


def load_judgements(path: Path = JUDGED) -> dict[tuple[str, str, str], dict[str, Any]]:
    if not path.exists():
        return {}
    rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {(r["file"], r["sentence"], r["question"]): r for r in rows}


def verdicts(
    drafts: list[Draft], judged: dict[tuple[str, str, str], dict[str, Any]]
) -> list[tuple[Draft, dict[str, Any] | None]]:
    return [(d, judged.get((d.doc, d.sentence, d.question))) for d in drafts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("tune", "held", "seeds"), default="tune")
    parser.add_argument("--list", action="store_true", help="every draft with its verdict")
    parser.add_argument("--unjudged", action="store_true", help="only drafts not yet judged")
    args = parser.parse_args()
    rows = verdicts(current_drafts(args.split), load_judgements())
    for n, (d, v) in enumerate(rows, 1):
        if args.list or (args.unjudged and v is None):
            mark = "[??]" if v is None else "[ok]" if v["usable"] else f"[no: {v.get('why', '')}]"
            print(f"{n:>3}. {mark} [{d.doc[:30]}] {d.sentence}\n     -> {d.question}")
    for name, part in (
        ("all forecast candidates", rows),
        ("labelled forecasts only", [(d, v) for d, v in rows if d.labelled_forecast]),
    ):
        usable = sum(1 for _, v in part if v is not None and v["usable"])
        judged = sum(1 for _, v in part if v is not None)
        rate = f"{usable / judged:.0%}" if judged else "-"
        print(
            f"{args.split}, {name}: {len(part)} drafts; judged {judged}, usable {usable} ({rate}); "
            f"unjudged {len(part) - judged}"
        )


if __name__ == "__main__":
    main()
