"""Extraction quality and speed: claims.extract scored against hand labels (tune, held, seeds).

Run: .venv/bin/python bench/extraction.py [--split tune|held|seeds] [--verbose] [--drafts N]

Data: the development set in bench/data/extraction/{tune,held}/*.yaml (every sentence labelled
by bench/data/extraction/RULES.md) and the five seed op-eds (tests/data/seed_labels.yaml, which
lists only the sentences worth registering; anything unlisted counts as neither).

A candidate matches a label when one sentence contains the other, or when they share 80% of
the shorter one's content words and the shorter is at least half as long (so a label still
matches when the splitter cuts a sentence differently). Precision for a kind: candidates of
that kind matching a label that accepts that kind (its `kind` or `also`) over all candidates
of that kind. Recall for a kind: labels of that `kind` matched by a candidate of an accepted
kind. Direction agreement and probability mean absolute error are taken over forecast labels
matched by a forecast candidate (the seeds carry neither, so they show "-").

Speed: the time to extract a 2,000-word op-ed (tune and seed texts joined and cut at 2,000
words), first call in the process (pysbd loaded) and best of 5 warm calls, beside the floor of
the sentence splitter alone on the same text. Python's regex cache is emptied before each timed
call, as for an op-ed never seen (pysbd compiles a pattern per sentence), and so is the cache of
hedges found per sentence.

Each part also prints a row per labeller (files are named a-, b-, ... by who labelled them).
Labeller D's fifteen op-eds were the fresh held part until they had been scored twice; they then moved
to tune (a held part that has been looked at is no longer held back), and a new labeller's op-eds took
their place. Labellers G and H's 28 op-eds went the same way after their one scoring (fourth round), and labeller I's 16 after theirs (fifth round), and labeller J's 16 after theirs (sixth round), and labeller K's 11 after theirs (seventh round), and labellers L and M's 24 after theirs (ninth round).

`--verbose` lists misses and false candidates per file, and `--drafts N` prints N drafted
questions; both refuse the held part except for `--drafts` (used once, to judge drafts at the
end), so tuning never looks at held labels.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extract import Candidate, extract  # noqa: E402
from claims.hedges import clear_cache as clear_hedge_cache  # noqa: E402

SEED_DIR = ROOT / "tests" / "data"
DEV_DIR = ROOT / "bench" / "data" / "extraction"
KINDS = ("forecast", "factual")
SPLITS = ("tune", "held", "seeds")


@dataclass
class Doc:
    name: str
    text: str
    published: date | None
    labels: list[dict[str, Any]]


def _date(value: object) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def load_split(split: str) -> list[Doc]:
    if split == "seeds":
        seeds = yaml.safe_load((SEED_DIR / "seed_labels.yaml").read_text(encoding="utf-8"))
        return [
            Doc(
                s["file"],
                (SEED_DIR / "seeds" / s["file"]).read_text(encoding="utf-8"),
                _date(s["published"]),
                s["labels"],
            )
            for s in seeds["seeds"]
        ]
    docs = []
    for path in sorted((DEV_DIR / split).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        docs.append(Doc(path.stem, data["text"], _date(data.get("published")), data["labels"]))
    return docs


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


def accepted(label: dict[str, Any]) -> set[str]:
    return {label["kind"], *([label["also"]] if label.get("also") else [])}


@dataclass
class Tally:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    cand: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    labels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    directions: list[bool] = field(default_factory=list)
    errors: list[float] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for k in KINDS:
            self.tp[k] += other.tp[k]
            self.cand[k] += other.cand[k]
            self.found[k] += other.found[k]
            self.labels[k] += other.labels[k]
        self.directions += other.directions
        self.errors += other.errors

    def recall(self, k: str) -> float | None:
        return self.found[k] / self.labels[k] if self.labels[k] else None

    def precision(self, k: str) -> float | None:
        return self.tp[k] / self.cand[k] if self.cand[k] else None

    def agreement(self) -> float | None:
        return sum(self.directions) / len(self.directions) if self.directions else None

    def mae(self) -> float | None:
        return sum(self.errors) / len(self.errors) if self.errors else None


def score(candidates: list[Candidate], labels: list[dict[str, Any]]) -> Tally:
    t = Tally()
    for c in candidates:
        t.cand[c.kind] += 1
        if any(c.kind in accepted(lab) and matches(c.sentence, lab["text"]) for lab in labels):
            t.tp[c.kind] += 1
    for lab in labels:
        if lab["kind"] not in KINDS:
            continue
        t.labels[lab["kind"]] += 1
        hits = [
            c for c in candidates if c.kind in accepted(lab) and matches(c.sentence, lab["text"])
        ]
        if hits:
            t.found[lab["kind"]] += 1
        if "forecast" not in accepted(lab) or not lab.get("direction"):
            continue
        forecasts = [c for c in hits if c.kind == "forecast"]
        if forecasts:
            c = forecasts[0]
            t.directions.append(c.direction == lab["direction"])
            if lab.get("probability") is not None and c.probability is not None:
                t.errors.append(abs(c.probability - float(lab["probability"])))
    return t


def _f(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "-"


HEADER = (
    f"{'':<34} {'fc rec':>6} {'fc prec':>7} {'fa rec':>6} {'fa prec':>7} "
    f"{'dir agr':>7} {'p MAE':>6}  {'fc n':>4} {'fa n':>4}"
)


def _row(name: str, t: Tally) -> str:
    return (
        f"{name[:34]:<34} {_f(t.recall('forecast')):>6} {_f(t.precision('forecast')):>7} "
        f"{_f(t.recall('factual')):>6} {_f(t.precision('factual')):>7} "
        f"{_f(t.agreement()):>7} {_f(t.mae()):>6}  {t.labels['forecast']:>4} "
        f"{t.labels['factual']:>4}"
    )


def run_split(split: str, *, per_file: bool, verbose: bool) -> Tally | None:
    docs = load_split(split)
    if not docs:
        print(f"{split}: no files")
        return None
    total = Tally()
    by_labeller: dict[str, tuple[int, Tally]] = {}
    for doc in docs:
        candidates = extract(doc.text, doc.published)
        t = score(candidates, doc.labels)
        total.add(t)
        labeller = doc.name.split("-", 1)[0] if split != "seeds" else ""
        n, group = by_labeller.setdefault(labeller, (0, Tally()))
        group.add(t)
        by_labeller[labeller] = (n + 1, group)
        if per_file:
            print(_row(f"  {doc.name}", t))
        if verbose:
            _explain(candidates, doc.labels)
    if len(by_labeller) > 1:
        # Files are named by who labelled them (a-, b-, ...).
        for labeller, (n, group) in sorted(by_labeller.items()):
            print(_row(f"  labeller {labeller.upper()} ({n} op-eds)", group))
    print(_row(f"{split} ({len(docs)} op-eds)", total))
    return total


def _explain(candidates: list[Candidate], labels: list[dict[str, Any]]) -> None:
    for lab in labels:
        if lab["kind"] not in KINDS:
            continue
        hit = [c for c in candidates if matches(c.sentence, lab["text"])]
        if not any(c.kind in accepted(lab) for c in hit):
            got = hit[0].kind if hit else "nothing"
            print(f"     MISS {lab['kind']:<8} (got {got}): {lab['text'][:120]}")
        elif lab.get("direction"):
            fc = [c for c in hit if c.kind == "forecast"]
            if fc and (
                fc[0].direction != lab["direction"]
                or abs((fc[0].probability or 0) - float(lab.get("probability") or 0)) > 0.1
            ):
                print(
                    f"     PROB {fc[0].direction} {fc[0].probability} [{fc[0].hedge}] vs "
                    f"{lab['direction']} {lab.get('probability')} [{lab.get('hedge')}]: "
                    f"{lab['text'][:90]}"
                )
    for c in candidates:
        if not any(c.kind in accepted(lab) and matches(c.sentence, lab["text"]) for lab in labels):
            print(f"     FALSE {c.kind:<8} [{c.hedge}]: {c.sentence[:120]}")


def _opedl_2000_words() -> str:
    words: list[str] = []
    paragraphs: list[str] = []
    for doc in load_split("tune") + load_split("seeds"):
        for para in doc.text.split("\n"):
            if len(words) >= 2000:
                break
            take = para.split()[: 2000 - len(words)]
            words += take
            paragraphs.append(" ".join(take))
    return "\n".join(paragraphs)


def timing() -> None:
    text = _opedl_2000_words()
    n = len(text.split())
    start = time.perf_counter()
    extract(text, date(2025, 1, 15))
    first = time.perf_counter() - start
    warm = []
    for _ in range(5):
        re.purge()  # pysbd compiles a pattern per sentence: a new op-ed meets an empty re cache
        clear_hedge_cache()  # and no sentence already read
        start = time.perf_counter()
        extract(text, date(2025, 1, 15))
        warm.append(time.perf_counter() - start)
    from claims.extract import _segmenter

    floor = []
    for _ in range(5):
        re.purge()
        start = time.perf_counter()
        for para in text.split("\n"):
            if para.strip():
                _segmenter().segment(para)
        floor.append(time.perf_counter() - start)
    print(
        f"speed, {n}-word op-ed: extract first call {first:.3f} s, warm best {min(warm):.3f} s; "
        f"floor (pysbd sentence split alone) {min(floor):.3f} s"
    )


def drafts(split: str, limit: int) -> None:
    shown = 0
    for doc in load_split(split):
        for c in extract(doc.text, doc.published):
            if c.kind != "forecast":
                continue
            shown += 1
            print(f"{shown:>3}. [{doc.name[:30]}] {c.sentence}\n     -> {c.question}")
            if shown >= limit:
                return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=SPLITS, action="append")
    parser.add_argument("--verbose", action="store_true", help="misses per file (not held)")
    parser.add_argument("--drafts", type=int, default=0, help="print N forecast drafts")
    args = parser.parse_args()
    splits = args.split or list(SPLITS)
    if args.drafts:
        for split in splits:
            drafts(split, args.drafts)
        return
    print(HEADER)
    for split in splits:
        held = split == "held"
        run_split(split, per_file=not held, verbose=args.verbose and not held)
    timing()


if __name__ == "__main__":
    main()
