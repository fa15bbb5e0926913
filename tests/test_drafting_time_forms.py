"""Time phrases a drafted question reads that earlier code missed: a bare "next <Month>" and spans
counted in quarters (claims/timeexpr.py). Pure: no database."""

from __future__ import annotations

from datetime import date

import pytest

from claims.timeexpr import find_deadline

PUB = date(2024, 6, 10)


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("The central bank will cut rates next January.", date(2025, 1, 31)),
        ("Ticket sales should recover next September, the league says", date(2024, 9, 30)),
        ("Margins will improve over the next couple of quarters.", date(2024, 12, 10)),
        ("The retailer will return to profit within three quarters.", date(2025, 3, 10)),
        ("Earnings will rebound in the next few quarters", date(2025, 3, 10)),
    ],
)
def test_bare_next_month_and_quarter_spans_set_the_deadline(sentence: str, deadline: date) -> None:
    found = find_deadline(sentence, PUB)
    assert found is not None and found.deadline == deadline


@pytest.mark.parametrize(
    "sentence",
    ["The next may be worse than this one.", "Whoever comes next may well lose."],
)
def test_a_lower_case_may_after_next_is_no_month(sentence: str) -> None:
    assert find_deadline(sentence, PUB) is None
