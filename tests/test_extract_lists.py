"""List items, stated odds and picks the extractor reads (claims.extract): each rule with two
examples written for these tests (not taken from the labelled op-eds) and a near miss."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract import extract

PUB = date(2024, 12, 30)


def _by_sentence(text: str) -> dict[str, tuple[str, float | None]]:
    return {c.sentence: (c.kind, c.probability) for c in extract(text, PUB)}


# --- the author's own odds in brackets ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "p"),
    [
        (
            "Ten predictions for 2025\n\nThe city council is dissolved before summer. (65%)\n\n"
            "Why: the budget vote failed twice.",
            "The city council is dissolved before summer. (65%)",
            0.65,
        ),
        (
            "My forecasts\n\nNetflix buys a video game studio (30%)\n\nIt has tried twice already.",
            "Netflix buys a video game studio (30%)",
            0.3,
        ),
    ],
)
def test_a_line_ending_on_bracketed_odds_is_a_forecast_at_them(
    text: str, line: str, p: float
) -> None:
    found = _by_sentence(text)
    assert found[line] == ("forecast", p)


@pytest.mark.parametrize(
    "text",
    [
        # a statistic in brackets after a past result, even under a predictions heading
        "Predictions scored\n\nLabour won 412 seats (63%)\n\nThe Tories held 121 seats (19%)",
        # a share in a present description with no predictions heading and no future marker
        "Turnout\n\nThe north district counts 41,000 voters (22%)\n\nThe rest live downtown.",
    ],
)
def test_a_bracketed_statistic_is_not_stated_odds(text: str) -> None:
    assert all(kind != "forecast" for kind, _ in _by_sentence(text).values())


def test_odds_split_off_by_the_sentence_splitter_rejoin_their_line() -> None:
    found = _by_sentence("Predictions\n\nThe strike ends by March. (75%)\n\nNo more.")
    assert found["The strike ends by March. (75%)"] == ("forecast", 0.75)


# --- a prediction recalled in the past tense ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Our forecast that the ferry strike would end quickly turned out wrong by a month.",
        "That was my prediction that the euro would reach parity with the dollar.",
    ],
)
def test_a_prediction_recalled_as_past_is_not_a_forecast(text: str) -> None:
    assert all(kind != "forecast" for kind, _ in _by_sentence(text).values())


@pytest.mark.parametrize(
    "text",
    [
        "My prediction is that the ferry strike will end by June.",
        "My call that the merger would collapse still stands.",
    ],
)
def test_a_prediction_made_now_stays_a_forecast(text: str) -> None:
    assert [kind for kind, _ in _by_sentence(text).values()] == ["forecast"]


# --- sports and election picks -----------------------------------------------------------------

PANEL = """Who wins the Six Nations next spring?

Ann Roe: Ireland. They have the depth.

Bo Tan: France to edge it on points difference.

Cal Ode: I honestly have no idea.
"""

INTERVIEW = """Where were you born?

Ann Roe: Dublin. I moved at five.

Bo Tan: Lyon, in the old town.
"""


def test_a_panel_answering_a_future_question_gives_one_pick_per_name() -> None:
    found = _by_sentence(PANEL)
    assert found["Ann Roe: Ireland."] == ("forecast", 0.75)
    assert found["Bo Tan: France to edge it on points difference."] == ("forecast", 0.75)
    assert "Cal Ode: I honestly have no idea." not in found


def test_named_answers_to_a_question_about_the_past_are_not_picks() -> None:
    assert all(kind != "forecast" for kind, _ in _by_sentence(INTERVIEW).values())


@pytest.mark.parametrize(
    "text",
    [
        "I picked Norway to finish ahead of Sweden in the relay.",
        "That is why I'm going to say Kenya.",
        "I'll go with the Celtics to win the title.",
    ],
)
def test_a_verb_of_choosing_names_the_authors_pick(text: str) -> None:
    assert _by_sentence(text) == {text: ("forecast", 0.75)}


@pytest.mark.parametrize(
    "text",
    [
        "I picked Brazil last time and they lost.",
        "I chose Lisbon for the holiday.",
    ],
)
def test_a_past_choice_without_an_outcome_is_not_a_pick(text: str) -> None:
    assert all(kind != "forecast" for kind, _ in _by_sentence(text).values())


# --- headline-style items under a predictions heading --------------------------------------------

HEADLINES = """Here are my 3 predictions for 2026:

Electric van sales overtake diesel in Norway

Fleet buyers have run the numbers and the charging network is finally dense enough.

Housing Starts Falling by 10%

Builders face higher rates and fewer buyers. Permits are already down.

The Case for Patience

None of this is certain, of course.
"""

SECTIONS = """Where the money went

Electric van sales overtake diesel in Norway

Fleet buyers ran the numbers last year.

Housing Starts Falling by 10%

Builders faced higher rates.
"""


def test_headline_items_under_a_predictions_heading_are_picks() -> None:
    found = _by_sentence(HEADLINES)
    assert found["Electric van sales overtake diesel in Norway"] == ("forecast", 0.75)
    assert found["Housing Starts Falling by 10%"] == ("forecast", 0.75)
    # near miss: a titled noun phrase in the same list is a section title
    assert found.get("The Case for Patience", ("none", None))[0] != "forecast"


def test_the_same_headlines_without_a_predictions_heading_are_not_picks() -> None:
    found = _by_sentence(SECTIONS)
    assert (
        found.get("Electric van sales overtake diesel in Norway", ("none", None))[0] != "forecast"
    )
    assert found.get("Housing Starts Falling by 10%", ("none", None))[0] != "forecast"


def test_a_past_pick_dated_before_publication_is_not_a_pick() -> None:
    text = "I tipped Ajax to win the league in 2019."
    assert all(kind != "forecast" for kind, _ in _by_sentence(text).values())


def test_a_bracketed_change_after_a_rise_under_a_predictions_heading_is_not_odds() -> None:
    text = "Predictions for 2025\n\nUnemployment rose to 4.1% (up 0.2)\n\nWages rose 3% (4%)"
    assert all(kind != "forecast" for kind, _ in _by_sentence(text).values())
