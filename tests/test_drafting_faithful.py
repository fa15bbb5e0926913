"""Drafts withheld when the question cannot stay faithful to the sentence: a multi-word name whose
first word was lower-cased, a negated comparison or a "no X, only Y" turned positive, one branch of
an "either ... or" asked alone (claims/drafting.py polarity_note, split_name_note via gate_note).
Pure: claims.extract on written texts, no database."""

from __future__ import annotations

from datetime import date

import pytest

from claims.drafting import polarity_note, split_name_note, withheld
from claims.extract import extract

PUB = date(2024, 3, 1)


def _forecast(text: str, sentence_start: str):  # type: ignore[no-untyped-def]
    found = [c for c in extract(text, PUB) if c.sentence.startswith(sentence_start)]
    assert found and found[0].kind == "forecast"
    return found[0]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            "The league has a new owner and a new coach. New England Patriots will win the "
            "division next year.",
            "New England",
        ),
        (
            "Seoul wants a new role. South Korea will host the summit in 2025, and the south of "
            "the peninsula will benefit.",
            "South Korea",
        ),
        (
            "Unions want a new deal. Either the board will raise wages or the staff will strike.",
            "Either",
        ),
        (
            "Carmakers are racing ahead. Cars will have no steering wheel, only a touch screen.",
            "Cars",
        ),
        (
            "Oil producers met in Vienna. The cartel will be no less powerful by the end of the "
            "decade.",
            "The cartel",
        ),
    ],
)
def test_an_unfaithful_draft_is_withheld(text: str, start: str) -> None:
    assert withheld(_forecast(text, start).note)


def test_adjectives_before_a_name_and_plain_negations_pass() -> None:
    # "New SARS-CoV-2 variants": an adjective before a noun, not a multi-word name
    assert (
        split_name_note(
            "New SARS-CoV-2 variants will emerge.",
            "Will new SARS-CoV-2 variants emerge by 2025-01-01?",
        )
        is None
    )
    assert (
        split_name_note(
            "Another Israeli strike could scuttle the talks.",
            "Will another Israeli strike scuttle the talks by 2025-01-01?",
        )
        is None
    )
    # a plain "no" with nothing after it, and an either-or kept whole
    assert (
        polarity_note("The bill will win no votes.", "Will the bill win votes by 2025-01-01?")
        is None
    )
    assert (
        polarity_note(
            "The rebels will either sign or fight on.",
            "Will the rebels either sign or fight on by 2025-01-01?",
        )
        is None
    )
