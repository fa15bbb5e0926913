"""A frame over a clause with a modal of its own ("I expect the court will rule that ..."): the
direction is the judged clause's, not that of a clause nested inside it, and the question is asked
from the judged clause. Sentences written for these tests, with look-alikes that must stay as they are."""

from __future__ import annotations

import pytest

from claims.extract import extract
from tests.extract_reading import AFTER, BEFORE, PUB, find, reading


def question(sentence: str) -> tuple[str, str | None]:
    c = find(extract(BEFORE + sentence + AFTER, PUB), sentence)
    assert c is not None and c.kind == "forecast"
    return c.question, c.note


@pytest.mark.parametrize(
    "sentence",
    [
        "I expect the tribunal will rule that the levy does not apply to charities.",
        "We expect the mayor will announce that she will not stand again.",
        "I expect the carmaker will confirm it won't close the plant.",
        "I expect that the governor will concede that the scheme never worked.",
    ],
)
def test_a_negation_in_a_nested_clause_does_not_turn_the_judged_event(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "affirms", 0.75)


@pytest.mark.parametrize(
    "sentence",
    [
        "I expect that the mayor will not stand again.",
        "I expect the mayor won't stand again.",
        "I expect that no bidder will come forward.",
        "I expect that the levy does not survive the year.",
    ],
)
def test_a_negation_in_the_judged_clause_still_turns_it(sentence: str) -> None:
    assert reading(sentence)[:2] == ("forecast", "denies")


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        (
            "I expect the tribunal will rule that the levy does not apply to charities.",
            "Will the tribunal rule that the levy does not apply to charities",
        ),
        (
            "We expect the mayor will announce that she will not stand again.",
            "Will the mayor announce that she will not stand again",
        ),
        ("I expect Labour will win the seat in Leeds.", "Will Labour win the seat in Leeds"),
    ],
)
def test_a_bare_frame_is_asked_as_the_clause_it_judges(sentence: str, asked: str) -> None:
    q, note = question(sentence)
    assert q.startswith(asked + " by ")
    assert note is None


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        (
            "Expect a compromise to be stitched together that will satisfy nobody.",
            "Will a compromise be stitched together that will satisfy nobody",
        ),
        (
            "I expect a deal that will please the unions.",
            "Will there be a deal that will please the unions",
        ),
    ],
)
def test_a_modal_inside_a_relative_or_infinitive_is_not_the_judged_clause(
    sentence: str, asked: str
) -> None:
    q, _ = question(sentence)
    assert q.startswith(asked + " by ")
