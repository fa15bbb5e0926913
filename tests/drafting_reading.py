"""The drafted questions of a short text as claims.extract offers them: the helpers the drafting class tests
share (the draft of its one forecast, offered or withheld)."""

from __future__ import annotations

from datetime import date

from claims.drafting import withheld
from claims.extract import extract

PUB = date(2024, 3, 1)


def drafts(text: str, published: date = PUB) -> list[tuple[str, str | None]]:
    """(question, note) of every forecast candidate in `text`."""
    return [(c.question, c.note) for c in extract(text, published) if c.kind == "forecast"]


def offered_question(text: str, published: date = PUB) -> str:
    """The question drafted for the one forecast of `text`, which must be offered."""
    [(question, note)] = drafts(text, published)
    assert not withheld(note), note
    return question


def withheld_note(text: str, published: date = PUB) -> str:
    """The note that withholds the draft of the one forecast of `text`."""
    [(_, note)] = drafts(text, published)
    assert withheld(note), note
    return note or ""
