"""Dates as users type them, and rows found by short id or key."""

from __future__ import annotations

import datetime as dt

import pytest

from ledger.dates import parse_date, parse_datetime
from ledger.db import Database
from ledger.errors import Ambiguous, NotFound, UserInputError
from ledger.events import change
from ledger.lookup import get
from ledger.models import Question

TODAY = dt.date(2026, 1, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-31", dt.date(2026, 12, 31)),
        ("in 6 months", dt.date(2026, 7, 31)),
        ("in 1 month", dt.date(2026, 2, 28)),
        ("in a year", dt.date(2027, 1, 31)),
        ("in 2 weeks", dt.date(2026, 2, 14)),
        ("In 10 days", dt.date(2026, 2, 10)),
        ("tomorrow", dt.date(2026, 2, 1)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["next tuesday", "2026-13-01", "", "in six months"])
def test_parse_date_refuses(text: str) -> None:
    with pytest.raises(UserInputError, match="YYYY-MM-DD"):
        parse_date(text, today=TODAY)


def test_parse_datetime_is_utc() -> None:
    assert parse_datetime("2025-03-18T10:00:00+02:00") == dt.datetime(2025, 3, 18, 8, tzinfo=dt.UTC)
    assert parse_datetime("2025-03-18") == dt.datetime(2025, 3, 18, tzinfo=dt.UTC)


def test_get_by_id_prefix_and_key(database: Database) -> None:
    with database.write_session() as s, change(s, "question.added", "q", actor="t"):
        a = Question(id="abcd1111" + "0" * 24, key="ceasefire-2026", text="A?")
        b = Question(id="abcd2222" + "0" * 24, text="B?")
        s.add_all([a, b])
    with database.session() as s:
        assert get(s, Question, a.id).text == "A?"
        assert get(s, Question, "abcd1").text == "A?"
        assert get(s, Question, "ABCD2").text == "B?"
        assert get(s, Question, "ceasefire-2026").text == "A?"
        with pytest.raises(Ambiguous, match="abcd1111, abcd2222"):
            get(s, Question, "abcd")
        with pytest.raises(NotFound, match="no question with id starting 'ffff'"):
            get(s, Question, "ffff")
        with pytest.raises(NotFound, match="no question 'nope'"):
            get(s, Question, "nope")
