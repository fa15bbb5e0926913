"""Referents a drafted question's subject takes from the text: a "he"/"she" is left unresolved (and
the gate withholds the draft) when a nearer full name could be the one meant (claims/drafting.py
resolve_subject). Pure: no database."""

from __future__ import annotations

import pytest

from claims.drafting import resolve_subject


@pytest.mark.parametrize(
    ("context", "pronoun"),
    [
        (
            "Governor Alan Pike said the budget was balanced. Many voters now back Victor Hale, a "
            "local businessman. Polls suggest ",
            "he",
        ),
        (
            "Minister Kwame Asante said exports would recover. Traders listen closely to Lucas "
            "Moreau at the central bank. In the end ",
            "he",
        ),
    ],
)
def test_a_pronoun_with_a_nearer_full_name_is_left_unresolved(context: str, pronoun: str) -> None:
    s = resolve_subject(pronoun, context, context + pronoun + " will win.")
    assert s.text == pronoun and not s.resolved


@pytest.mark.parametrize(
    ("context", "pronoun", "person"),
    [
        (
            "President Emmanuel Macron said the reform was needed. Critics marched in the streets "
            "of Paris. Even so ",
            "he",
            "Emmanuel Macron",
        ),
        (
            "Mayor Linda Cho said the plan was sound. The opposition in New York disagreed. "
            "Still, ",
            "she",
            "Linda Cho",
        ),
    ],
)
def test_places_institutions_and_other_genders_are_no_second_candidate(
    context: str, pronoun: str, person: str
) -> None:
    s = resolve_subject(pronoun, context, context + pronoun + " will win.")
    assert s.text == person


@pytest.mark.parametrize(
    ("context", "subject", "named"),
    [
        (
            "The Omicron variant spread fast in December. Hospitals filled up. Even so, ",
            "the variant",
            "the Omicron variant",
        ),
        (
            "Producers signed the Vienna output agreement in November. Prices rose at once. ",
            "the agreement",
            "the Vienna output agreement",
        ),
    ],
)
def test_a_definite_noun_takes_the_one_named_phrase_before(
    context: str, subject: str, named: str
) -> None:
    assert resolve_subject(subject, context, context + subject + " will fade.").text == named


def test_a_definite_noun_with_two_named_phrases_before_stays() -> None:
    context = "Talks on the Paris agreement and the Kyoto agreement resumed. Delegates met. "
    assert resolve_subject("the agreement", context, context + "x").text == "the agreement"


@pytest.mark.parametrize(
    "text",
    [
        "Britain raised its rates last month. The Federal Reserve will probably do the same in June.",
        "Oil prices spiked in 2022. The same will happen next winter when supplies tighten.",
    ],
)
def test_the_same_as_a_pronoun_withholds_the_draft(text: str) -> None:
    from datetime import date

    from claims.drafting import withheld
    from claims.extract import extract

    found = [c for c in extract(text, date(2024, 3, 1)) if c.kind == "forecast"]
    assert found and all(withheld(c.note) for c in found)
