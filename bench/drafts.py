"""Drafted questions against hand judgements: the share an analyst would register without a change.

Run: .venv/bin/python bench/drafts.py [--split tune] [--labellers lm] [--list] [--unjudged]

Each forecast candidate that claims.extract finds in the split's op-eds has a drafted question. A
judgement in bench/data/extraction/drafts-judged.yaml (by the rule in bench/data/extraction/DRAFTS.md)
names the op-ed, the sentence and the exact question it judged; a draft counts only when its question
is that same text, so a changed draft is "unjudged" until someone judges it again. The file keeps
every judgement ever made, so old drafts (an earlier commit's) still score.

A candidate whose note withholds its draft (claims.drafting.NO_DRAFT: the drafter could not make a
grammatical, self-contained question, and the analyst writes it) has no draft to judge. Abstaining is
not free: it is counted and printed beside the usable share, and the share is given twice, over the
drafts offered and over every candidate (a withheld draft counted as not usable).

The figures: usable / judged over the split's current drafts, and how many are unjudged; once over
every forecast candidate (what the analyst is shown) and once over those whose sentence a label
accepts as a forecast (the drafting itself, without the classifier's false candidates); and per labeller (the file name's
first letter). `--classes` tallies the not-usable verdicts by failure class. `--list` prints every draft with its verdict ([ok], [no: why], [??] or [no draft]); `--unjudged` prints only the
unjudged ones, ready to be judged. The held part is judged once, at the end (`--split held`).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import accepted, load_split, matches  # noqa: E402
from claims.drafting import withheld  # noqa: E402
from claims.extract import extract  # noqa: E402

JUDGED = ROOT / "bench" / "data" / "extraction" / "drafts-judged.yaml"


@dataclass(frozen=True)
class Draft:
    doc: str
    sentence: str
    question: str
    labelled_forecast: bool  # the sentence matches a label that accepts a forecast
    note: str | None = None  # the drafter's note; claims.drafting.NO_DRAFT withholds the question

    @property
    def withheld(self) -> bool:
        return withheld(self.note)


def current_drafts(split: str, labellers: str = "") -> list[Draft]:
    """The split's forecast drafts; `labellers` (file-name first letters, e.g. "lm") keeps only their
    op-eds, so a part of a split can be measured without drafting (or printing) the rest."""
    return [
        Draft(
            doc.name,
            c.sentence,
            c.question,
            any(
                "forecast" in accepted(lab) and matches(c.sentence, lab["text"])
                for lab in doc.labels
            ),
            c.note,
        )
        for doc in load_split(split)
        if not labellers or doc.name[:1] in labellers.lower()
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


# Failure classes of a "why", by the words judges use; a verdict counts in the first class that
# matches. Classification errors (the sentence is no forecast of the author's) come first: drafting
# cannot fix them, only withhold the draft. The rest are drafting defects.
FAILURE_CLASSES = (
    (
        "not a forecast (classification)",
        r"not a forecast|not the author|someone else|not the main forecast|truism|no forecast|"
        r"a case the author|a danger named|countervailing|drafted from the whole|explains|"
        r"labelled (?:neither|factual)|either/or|open question|counterfactual|rhetoric|"
        r"stated as a fact|hedge in a premise|advice|stance|a capability|an illustration|sarcasm|"
        r"hyperbole|heading",
    ),
    (
        "condition dropped",
        r"condition (?:dropped|cut|points back)|condition .*dropped|implied condition",
    ),
    (
        "subject unresolved or needs the article",
        r"subject|unresolved|needs the article|points back|only the article|resolved wrongly",
    ),
    ("garbled or ungrammatical", r"garbled|ungrammatical|ellipsis|stray"),
    (
        "deadline or time span",
        r"deadline|forever|for years to come|span|sooner|eventually|two deadlines|time frame|"
        r"'this year'|over time|in the future|after sufficient|before Election|in the short|progressive",
    ),
    ("casing or quote marks", r"capitalis|lower-cased|decapitalised|quote mark|Title|capitals"),
    (
        "predicate: second clause, cut or lost",
        r"second|participle|clause kept|predicate|list|kept|lost|'given|tail",
    ),
    (
        "vague or not an event",
        r"vague|not resolvable|not an event|no event|metaphor|evaluation|idiom|find it",
    ),
)


def failure_class(why: str) -> str:
    return next(
        (name for name, pattern in FAILURE_CLASSES if re.search(pattern, why, re.IGNORECASE)),
        "other",
    )


def print_classes(title: str, whys: list[str]) -> None:
    counts = Counter(failure_class(w) for w in whys)
    print(f"{title}: {len(whys)} not usable")
    for name, n in counts.most_common():
        print(f"  {n:>4}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("tune", "held", "seeds"), default="tune")
    parser.add_argument("--list", action="store_true", help="every draft with its verdict")
    parser.add_argument("--unjudged", action="store_true", help="only drafts not yet judged")
    parser.add_argument(
        "--classes",
        action="store_true",
        help="tally the not-usable verdicts by failure class (current drafts, then every verdict)",
    )
    parser.add_argument(
        "--labellers",
        default="",
        help="only the op-eds of these labellers (file-name first letters, e.g. 'lm')",
    )
    args = parser.parse_args()
    judged = load_judgements()
    rows = verdicts(current_drafts(args.split, args.labellers), judged)
    if args.classes:
        print_classes(
            f"{args.split}, current drafts offered",
            [
                v.get("why", "")
                for d, v in rows
                if v is not None and not d.withheld and not v["usable"]
            ],
        )
        print_classes(
            "every verdict in drafts-judged.yaml",
            [v.get("why", "") for v in judged.values() if not v["usable"]],
        )
        blind = [
            r
            for path in sorted(JUDGED.parent.glob("held-drafts-*.yaml"))
            for r in yaml.safe_load(path.read_text(encoding="utf-8")) or []
        ]
        print_classes(
            "the blind judges' verdicts (held-drafts-*.yaml)",
            [r.get("why", "") for r in blind if not r["usable"]],
        )
    for n, (d, v) in enumerate(rows, 1):
        if args.list or (args.unjudged and v is None and not d.withheld):
            if d.withheld:
                mark = f"[{d.note}]"  # "[no draft: why]"
            else:
                mark = (
                    "[??]" if v is None else "[ok]" if v["usable"] else f"[no: {v.get('why', '')}]"
                )
            print(f"{n:>3}. {mark} [{d.doc[:30]}] {d.sentence}\n     -> {d.question}")
    parts = [
        ("all forecast candidates", rows),
        ("labelled forecasts only", [(d, v) for d, v in rows if d.labelled_forecast]),
    ]
    for letter in sorted({d.doc[:1] for d, _ in rows}):
        parts.append(
            (f"labeller {letter.upper()}", [(d, v) for d, v in rows if d.doc[:1] == letter])
        )
    for name, part in parts:
        print(f"{args.split}, {summary(name, part)}")


def summary(name: str, part: list[tuple[Draft, dict[str, Any] | None]]) -> str:
    """One line: candidates, drafts withheld, and the usable share over the drafts offered and over
    every candidate."""
    offered = [(d, v) for d, v in part if not d.withheld]
    usable = sum(1 for _, v in offered if v is not None and v["usable"])
    judged = sum(1 for _, v in offered if v is not None)
    share = f"{usable / judged:.0%}" if judged else "-"
    overall = f"{usable / len(part):.0%}" if part and judged == len(offered) else "-"
    no_draft = len(part) - len(offered)
    rate = f"{no_draft / len(part):.0%}" if part else "-"
    return (
        f"{name}: {len(part)} candidates; no draft {no_draft} ({rate}); {len(offered)} drafts, "
        f"judged {judged}, usable {usable} ({share} of judged drafts; {overall} of candidates); "
        f"unjudged {len(offered) - judged}"
    )


if __name__ == "__main__":
    main()
