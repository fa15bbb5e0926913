"""Which registered claims repeat a candidate sentence, and which open questions a candidate bears on.

Pure functions over plain rows (the database queries live in claims.interactive), so they are tested
without a database.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claims.register import normalise_space

# Words that say nothing about what a question is about.
_STOP = frozenset(
    tuple(
        [
            "a",
            "an",
            "the",
            "this",
            "that",
            "these",
            "those",
            "of",
            "to",
            "in",
            "on",
            "at",
            "by",
            "for",
            "from",
            "with",
            "without",
            "into",
            "onto",
            "over",
            "under",
            "about",
            "and",
            "or",
            "but",
            "nor",
            "so",
            "if",
            "then",
            "than",
            "as",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "am",
            "do",
            "does",
            "did",
            "have",
            "has",
            "had",
            "will",
            "would",
            "shall",
            "should",
            "can",
            "could",
            "may",
            "might",
            "must",
            "not",
            "no",
            "never",
            "it",
            "its",
            "they",
            "them",
            "their",
            "he",
            "him",
            "his",
            "she",
            "her",
            "we",
            "our",
            "us",
            "you",
            "your",
            "i",
            "my",
            "me",
            "there",
            "here",
            "what",
            "which",
            "who",
            "whom",
            "whose",
            "when",
            "where",
            "why",
            "how",
            "whether",
            "any",
            "some",
            "all",
            "each",
            "every",
            "more",
            "most",
            "less",
            "least",
            "very",
            "much",
            "many",
            "few",
            "also",
            "even",
            "still",
            "only",
            "just",
            "yet",
            "before",
            "after",
            "until",
            "since",
            "while",
            "during",
            "within",
            "between",
            "against",
            "through",
            "per",
            "end",
            "year",
            "years",
            "month",
            "months",
            "week",
            "weeks",
            "day",
            "days",
            "next",
            "last",
            "first",
            "time",
        ]
    )
)
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s")


def stem(word: str) -> str:
    """A crude suffix stripper: 'negotiations', 'negotiating' and 'negotiated' meet at 'negoti'."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content(text: str) -> set[str]:
    """The stems of the content words of a text (dates and ISO deadlines dropped)."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return {stem(w) for w in words if w not in _STOP and not re.fullmatch(r"\d{4}(-\d\d)*", w)}


@dataclass(frozen=True)
class OpenQuestion:
    id: str
    key: str | None
    text: str
    kind: str

    @property
    def label(self) -> str:
        return self.key or self.id[:8]


@dataclass(frozen=True)
class Related:
    question: OpenQuestion
    score: float
    shared: tuple[str, ...]


MIN_SCORE = 0.3
MIN_SHARED = 2


def bearing(candidate: str, questions: Sequence[OpenQuestion], *, limit: int = 3) -> list[Related]:
    """The open questions a candidate (its sentence and drafted question) most likely bears on,
    best first: cosine similarity of content stems weighted by rarity among the open questions.
    Only questions sharing at least MIN_SHARED stems and scoring MIN_SCORE or more are proposed."""
    mine = content(candidate)
    if not mine or not questions:
        return []
    bags = [content(q.text) for q in questions]
    df = Counter(s for bag in bags for s in bag)
    n = len(questions)

    def weight(s: str) -> float:
        return math.log((n + 1) / (df.get(s, 0) + 0.5)) + 1.0

    mine_norm = math.sqrt(sum(weight(s) ** 2 for s in mine))
    found: list[Related] = []
    for q, bag in zip(questions, bags, strict=True):
        shared = mine & bag
        if len(shared) < MIN_SHARED:
            continue
        dot = sum(weight(s) ** 2 for s in shared)
        norm = mine_norm * math.sqrt(sum(weight(s) ** 2 for s in bag))
        score = dot / norm if norm else 0.0
        if score >= MIN_SCORE:
            found.append(Related(q, round(score, 3), tuple(sorted(shared))))
    found.sort(key=lambda r: -r.score)
    return found[:limit]


@dataclass(frozen=True)
class Registered:
    claim_id: str
    question: OpenQuestion


def registered_index(rows: Iterable[tuple[str, str, OpenQuestion]]) -> dict[str, list[Registered]]:
    """Claims by their quote with spacing folded and case ignored: (claim id, quote, question)."""
    index: dict[str, list[Registered]] = {}
    for claim_id, quote, question in rows:
        index.setdefault(quote_key(quote), []).append(Registered(claim_id, question))
    return index


def quote_key(text: str) -> str:
    return normalise_space(
        text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    ).lower()
