"""Classes of construction drawn from the ninth round's tally of false forecasts and missed facts on
tune (claims.extract), after labellers L's and M's op-eds joined it: each rule with sentences written
for these tests (not taken from the labelled op-eds), at least one of which the extractor read wrongly
before the rule, and look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from tests.extract_reading import kind_of, reading

# --- "never" before a verb in the simple past narrates the past --------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Scotland never qualified for the final in those years.",
        "The merger never succeeded in cutting costs.",
        "The old champions look strong, but they never won the cup abroad.",
        "The striker never looked comfortable on the wing.",
    ],
)
def test_never_before_a_past_verb_is_no_forecast(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


def test_never_before_a_past_event_is_factual() -> None:
    assert kind_of("Scotland never qualified for the final in those years.") == "factual"


@pytest.mark.parametrize(
    "sentence",
    [
        "It is a mistake that must never be repeated.",  # an exhortation
        "We should never forget what the flood did to the valley.",
    ],
)
def test_never_after_must_or_should_is_an_exhortation(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


@pytest.mark.parametrize(
    ("sentence", "direction"),
    [
        ("Scotland will never qualify for a final.", "denies"),
        ("This coalition will never succeed.", "denies"),
        ("The treaty may never be ratified.", "denies"),
    ],
)
def test_never_about_the_future_still_forecasts(sentence: str, direction: str) -> None:
    kind, found, _ = reading(sentence)
    assert (kind, found) == ("forecast", direction)


# --- a view someone voiced or a forecast someone is giving is reported ---------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Several bankers are speculating that the lender could be sold within a year.",
        "The governor expressed confidence that inflation would fall below target by spring.",
        "The betting exchange is predicting a 30 percent chance that the mayor keeps her seat.",
        "Markets are pricing in a 70 percent chance of a rate cut in June.",
    ],
)
def test_a_third_partys_voiced_view_is_reported(sentence: str) -> None:
    assert kind_of(sentence) == "factual"


@pytest.mark.parametrize(
    "sentence",
    [
        "I am speculating that the lender could be sold within a year.",
        "I am predicting a 30 percent chance that the mayor keeps her seat.",
        "There is a 70 percent chance of a rate cut in June.",
    ],
)
def test_the_authors_own_odds_stay_forecasts(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"


# --- what a goal requires, after "To <goal>, ...", is no forecast that it happens ----------------


@pytest.mark.parametrize(
    "sentence",
    [
        "To keep its majority, the coalition will have to win at least four of the six by-elections.",
        "To hit the target, sales would need to double in each of the next three years.",
        "In order to balance the books, the council will need to cut spending by a fifth.",
    ],
)
def test_a_requirement_for_a_goal_is_no_forecast(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "To nobody's surprise, the coalition will lose its majority.",  # no necessity
        "To win back voters, the party will cut taxes before the election.",  # a plan, not a need
        "The coalition will have to call an early election.",  # no goal named
    ],
)
def test_a_to_opening_without_a_requirement_still_forecasts(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"


# --- "likely" before a noun phrase identifies what something is now ------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Given how few people were tested, the official count is most likely a fraction of the real one.",
        "The cause of the outage is likely a fault in the cooling system.",
    ],
)
def test_likely_before_a_noun_phrase_is_a_present_judgement(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebels are likely unstoppable within a year.",
        "The deal is likely a dead letter by next spring.",  # a time ahead
        "The governor is likely to resign.",
    ],
)
def test_likely_before_an_adjective_a_time_ahead_or_to_still_forecasts(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"


# --- the author's stated prediction "for" something, and a call made as a pick -------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "My prediction for the Greens is 40 seats in a normal year.",
        "My forecast for the pound is $1.40 by December.",
        "Our pick for the title is Arsenal.",
        "I'm calling 12 for the Greens and 9 for Labour, with the rest too close to call.",
        "I'm calling it for the incumbent.",
        "I'm calling Leeds to win the league.",
    ],
)
def test_a_stated_prediction_or_a_call_is_the_authors_pick(sentence: str) -> None:
    assert reading(sentence)[:2] == ("forecast", "affirms")


@pytest.mark.parametrize(
    "sentence",
    [
        "My prediction for 2020 was wrong.",  # looks back
        "My prediction for the league is based on last season's form.",  # a basis, not the pick
        "I'm calling for a ceasefire.",  # a demand
        "I'm calling for the minister to resign.",
        "I'm calling it for what it is: a bailout.",
        "Critics say my prediction for the Greens is 40 seats too many.",
    ],
)
def test_a_demand_a_basis_or_a_past_prediction_is_no_pick(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


# --- an adverb of likelihood over the past ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "It was a bold deal that probably couldn't have been struck a decade earlier.",
        "The club probably could have won the league with a better keeper.",
        "Perhaps the villagers, who had lived through two floods, were not surprised by the warning.",
        "Maybe the regulators had a point after all.",
    ],
)
def test_an_adverb_of_likelihood_over_the_past_is_no_forecast(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "Perhaps the villagers, who had lived through two floods, will leave before winter.",
        "Perhaps, by the spring, the talks will have collapsed.",
        "Perhaps those undecided voters won't come back to the party.",
        "The talks will probably collapse by the spring.",
    ],
)
def test_an_adverb_of_likelihood_over_the_future_still_forecasts(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"


# --- a present state given as a figure is a checkable fact ----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Their approval ratings are in the upper 30s.",
        "The median age of the new cabinet is 47.",
    ],
)
def test_a_present_state_given_as_a_figure_is_factual(sentence: str) -> None:
    assert kind_of(sentence) == "factual"


@pytest.mark.parametrize(
    "sentence",
    [
        "The cabinet is young and energetic.",  # no figure
        "Here are 5 ways a cabinet can lose the public's trust.",  # a list introduced
    ],
)
def test_a_state_without_a_figure_or_a_list_opener_is_not(sentence: str) -> None:
    assert kind_of(sentence) != "factual"


# --- a claim pressed on others, or a mood nobody named holds, is reported --------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor is desperate to convince voters that the new bridge will open before the election.",
        "Fears are growing that the dam will fail in the next storm.",
        "Hopes are high that the talks will produce a deal this week.",
    ],
)
def test_a_claim_pressed_on_others_or_a_mood_reported_is_no_forecast(sentence: str) -> None:
    assert kind_of(sentence) == "factual"


@pytest.mark.parametrize(
    "sentence",
    [
        "I want to convince you that the new bridge will open before the election.",
        "My fear is that the dam will fail in the next storm.",  # the author's own fear
        "The dam will fail in the next storm.",
    ],
)
def test_the_authors_own_claim_or_fear_still_forecasts(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"
