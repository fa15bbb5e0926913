"""How far two labellers agree, beside how far the extractor agrees with each: the ceiling of the extraction figures.

.venv/bin/python bench/labeller_agreement.py

bench/data/extraction/agreement/ holds second, independent labellings of op-eds of the development set: same file
name, same text, labelled by RULES.md by a labeller who never saw the first labels (nor the extractor's output).
Each second labelling is scored as if it were the extractor's output, against the first labels, with
bench/extraction.py's own scoring (a sentence matches a label when one contains the other or they share 80% of
their content words; a label's `also` kind is accepted too). The first labels are then scored the same way against
the second, and the extractor against each. If two careful labellers reach forecast recall r against each other,
an extractor cannot be expected to reach much more than r against either: the figures a set gives are bounded by
how consistently its rules can be applied.

Prints figures only.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.extraction import HEADER, Doc, Tally, _date, _row, score  # noqa: E402
from claims.extract import extract  # noqa: E402

DEV = ROOT / "bench" / "data" / "extraction"
AGREEMENT = DEV / "agreement"


@dataclass(frozen=True)
class Labelled:
    """A label read as a candidate: the sentence, its first kind, and its reading."""

    sentence: str
    kind: str
    direction: str | None
    probability: float | None


def as_candidates(labels: list[dict[str, Any]]) -> list[Labelled]:
    return [
        Labelled(
            lab["text"],
            lab["kind"],
            lab.get("direction"),
            None if lab.get("probability") is None else float(lab["probability"]),
        )
        for lab in labels
        if lab["kind"] in ("forecast", "factual")
    ]


def _doc(path: Path) -> Doc:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Doc(path.stem, data["text"], _date(data.get("published")), data["labels"])


def pairs() -> list[tuple[Doc, Doc, str, str]]:
    """(first labelling, second labelling, the first's split, the second labeller) for every op-ed
    labelled twice."""
    found = []
    for second in sorted(AGREEMENT.glob("*/*.yaml")):
        firsts = [DEV / split / second.name for split in ("tune", "held")]
        first = next((p for p in firsts if p.exists()), None)
        if first is None:
            raise SystemExit(f"{second}: no op-ed of that name in tune/ or held/")
        a, b = _doc(first), _doc(second)
        if " ".join(a.text.split()) != " ".join(b.text.split()):
            raise SystemExit(f"{second}: its text differs from {first}")
        found.append((a, b, first.parent.name, second.parent.name.upper()))
    return found


def main() -> None:
    found = pairs()
    if not found:
        raise SystemExit(f"no second labellings under {AGREEMENT}")
    rows: dict[str, Tally] = {}
    for a, b, _split, second in found:
        first = a.name[:1].upper()
        extracted = [c for c in extract(a.text, a.published) if c.kind != "neither"]
        for name, pooled, candidates, gold in (
            (
                f"{second} against {first}",
                "second against first",
                as_candidates(b.labels),
                a.labels,
            ),
            (
                f"{first} against {second}",
                "first against second",
                as_candidates(a.labels),
                b.labels,
            ),
            (f"extractor against {first}", "extractor against first", extracted, a.labels),
            (f"extractor against {second}", "extractor against second", extracted, b.labels),
        ):
            tally = score(candidates, gold)  # type: ignore[arg-type]
            rows.setdefault(name, Tally()).add(tally)
            rows.setdefault(f"all: {pooled}", Tally()).add(tally)
    splits = ", ".join(sorted({split for _, _, split, _ in found}))
    print(
        f"{len(found)} op-eds labelled twice (first labels in {splits}); rows: candidates against labels"
    )
    print(HEADER)
    for name, tally in sorted(rows.items(), key=lambda kv: kv[0].startswith("all: ")):
        print(_row(name, tally))


if __name__ == "__main__":
    main()
