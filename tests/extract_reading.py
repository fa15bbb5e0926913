"""One sentence read as claims.extract reads it inside an ordinary paragraph: the helpers the extraction class
tests share (a neutral sentence before and after, so a rule cannot lean on the sentence standing alone)."""

from __future__ import annotations

from datetime import date

from claims.extract import Candidate, extract

PUB = date(2024, 5, 1)
BEFORE = "The committee met in Leeds on Tuesday to discuss the budget. "
AFTER = " Several members of the committee declined to comment."


def find(candidates: list[Candidate], sentence: str) -> Candidate | None:
    """The candidate whose sentence is `sentence`, if any."""
    return next((c for c in candidates if c.sentence.strip() == sentence), None)


def reading(sentence: str, published: date = PUB) -> tuple[str, str | None, float | None]:
    """(kind, direction, probability) of the candidate for `sentence` between BEFORE and AFTER, or
    ("none", None, None); the direction only for a forecast."""
    c = find(extract(BEFORE + sentence + AFTER, published), sentence)
    if c is None:
        return ("none", None, None)
    return (c.kind, c.direction if c.kind == "forecast" else None, c.probability)


def kind_of(sentence: str) -> str:
    return reading(sentence)[0]
