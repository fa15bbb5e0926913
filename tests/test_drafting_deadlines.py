"""Deadlines a drafted question takes from time phrases that are parts of a year, bare spans and
spans counted from now (claims/timeexpr.py). Pure: no database."""

from __future__ import annotations

from datetime import date

import pytest

from claims.timeexpr import find_deadline, find_time_expressions

PUB = date(2024, 10, 7)


@pytest.mark.parametrize(
    ("phrase", "deadline"),
    [
        ("by mid-2027", date(2027, 6, 30)),
        ("in early 2026", date(2026, 4, 30)),
        ("by late 2025", date(2025, 12, 31)),
        ("early next year", date(2025, 4, 30)),
        ("before mid-2027", date(2027, 4, 30)),
        ("in the first half of 2026", date(2026, 6, 30)),
        ("in the second half of next year", date(2025, 12, 31)),
        ("within weeks", date(2024, 12, 2)),
        ("in a matter of months", date(2025, 4, 7)),
        ("in the months ahead", date(2025, 4, 7)),
        ("in the year ahead", date(2025, 10, 7)),
        ("over the coming year", date(2025, 10, 7)),
        ("three years from now", date(2027, 10, 7)),
        ("through 2026", date(2026, 12, 31)),
        ("by next February", date(2025, 2, 28)),
        ("by next October", date(2025, 10, 31)),  # the month of publication: the next one
        ("over the summer", date(2025, 8, 31)),
        ("by year’s end", date(2024, 12, 31)),
    ],
)
def test_more_time_phrases_set_a_deadline(phrase: str, deadline: date) -> None:
    found = find_deadline(f"The strike will end {phrase}.", PUB)
    assert found is not None and found.deadline == deadline, phrase


@pytest.mark.parametrize(
    "phrase", ["in late 2023", "the late 1990s", "mid-October", "early voting", "earlier this year"]
)
def test_past_or_partial_phrases_set_none(phrase: str) -> None:
    assert find_deadline(f"Turnout rose {phrase}.", PUB) is None


def test_the_preposition_goes_with_a_year_end_phrase() -> None:
    # the whole phrase is dropped from the predicate, so no "by" is left dangling
    [found] = find_time_expressions("prices will fall by year-end", PUB)
    assert found.text == "by year-end"


@pytest.mark.parametrize(
    "sentence",
    [
        "Rents will post their steepest rise in a decade.",  # a superlative's span looks back
        "Exports, which have doubled this year, will slow.",  # the part of the year already past
        "The levy was raised this month and will be cut again.",
    ],
)
def test_spans_that_look_back_set_no_deadline(sentence: str) -> None:
    assert find_deadline(sentence, PUB) is None


@pytest.mark.parametrize(
    "sentence",
    ["The index will have doubled this year.", "The law will be passed this year."],
)
def test_a_future_perfect_or_passive_still_looks_ahead(sentence: str) -> None:
    found = find_deadline(sentence, PUB)
    assert found is not None and found.deadline == date(2024, 12, 31)


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("Prices won't fall until 2026.", date(2025, 12, 31)),  # at the earliest in 2026
        ("The Fed will not cut until March.", date(2025, 2, 28)),
        ("The strike will go on until March.", date(2025, 3, 31)),  # affirmative: until stays
    ],
)
def test_not_until_reads_as_before(sentence: str, deadline: date) -> None:
    found = find_deadline(sentence, PUB)
    assert found is not None and found.deadline == deadline


def test_a_negated_until_draft_asks_whether_it_comes_before() -> None:
    from claims.drafting import offered_question
    from claims.extract import extract

    [c] = [c for c in extract("The Fed won't cut rates until March.", PUB) if c.kind == "forecast"]
    assert offered_question(c.question, c.note) == "Will the Fed cut rates by 2025-02-28?"
    assert c.probability is not None and c.probability < 0.5
