"""What the review of a candidate proposes for a new question: its key, tags and kind, and the criteria wording."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from claims.related import content

_KEY_STOP = frozenset(
    tuple(
        [
            "will",
            "would",
            "the",
            "a",
            "an",
            "of",
            "to",
            "in",
            "on",
            "at",
            "by",
            "for",
            "be",
            "is",
            "are",
            "it",
            "its",
            "that",
            "this",
            "there",
            "any",
            "than",
            "with",
            "and",
            "or",
            "true",
            "happen",
            "turn",
            "out",
        ]
    )
)
_KEY_WORDS = 5


def propose_key(question: str, deadline: date | None, taken: Iterable[str] = ()) -> str:
    """A slug from the question's content words and the deadline's year, e.g. "Will Putin agree
    to a 30-day ceasefire by 2025-12-31?" -> "putin-agree-30-day-ceasefire-2025"; "-2", "-3" ... when
    the slug is taken. Always matches the ledger's key rule (lowercase letters, digits, . _ -)."""
    text = re.sub(r"\bby \d{4}-\d\d-\d\d\b", " ", question.lower().replace("’", "'"))
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in _KEY_STOP]
    parts = words[:_KEY_WORDS]
    if deadline is not None:
        parts.append(str(deadline.year))
    base = "-".join(parts)[:60].strip("-") or "question"
    used = set(taken)
    key, n = base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    return key


def propose_tags(question: str, sentence: str, known: Iterable[str]) -> list[str]:
    """Tags the ledger already uses that the question or sentence mentions (by content stem), then the
    names the question capitalises (at most three in all)."""
    words = content(question) | content(sentence)
    tags = [t for t in sorted(set(known)) if content(t) and content(t) <= words]
    body = re.sub(r"^\W*\w+", "", question)  # the first word is capitalised anyway
    for name in re.findall(r"\b[A-Z][a-zA-Z]+(?:[ -][A-Z][a-zA-Z]+)*", body):
        tag = name.lower().replace(" ", "-")
        if tag not in tags:
            tags.append(tag)
    return tags[:3]


def settle_kind(proposed: str, *, deadline: date | None, probability: float | None) -> str:
    """The kind an edit implies: a question with a deadline and a probability is a forecast."""
    if deadline is not None and probability is not None:
        return "forecast"
    return proposed


def criteria_prompt(kind: str) -> str:
    if kind == "forecast":
        return (
            "Resolution criteria (how a stranger decides YES or NO; annulled if the premise fails)"
        )
    return "Resolution criteria (how a stranger decides TRUE, FALSE, MISLEADING or UNVERIFIABLE)"


def proposed_criteria(kind: str, condition: str | None) -> str:
    """A starting point for the criteria: for a conditional forecast, the condition it rests on."""
    if kind == "forecast" and condition:
        return f"Conditional on: {condition}. Annulled if that does not happen by the deadline."
    return ""
