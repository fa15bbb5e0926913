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
