"""Classes of construction drawn from the eighth round's tally of false forecasts and missed facts on
tune (claims.extract): each rule with sentences written for these tests (not taken from the labelled
op-eds), at least one of which the extractor read wrongly before the rule, and look-alikes it must
leave alone."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract import extract
from tests.extract_reading import find, kind_of, reading

# --- a short sentence narrating the past is a fact --------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Poland did not object.",
        "No ballots were counted.",
        "The strike was called off.",
        "Turnout was falling in 2019.",
    ],
)
def test_a_short_sentence_narrating_a_past_event_is_factual(sentence: str) -> None:
    assert kind_of(sentence) == "factual"


@pytest.mark.parametrize(
    "sentence",
    [
        "They were wrong.",  # a past copula before a judgement
        "This was not surprising.",
        "Biden was going to win.",  # an expectation in the past, not an event
        "I did not care.",  # the author's own state of mind
        "It is raining.",
    ],
)
def test_a_short_judgement_or_the_authors_mind_is_not(sentence: str) -> None:
    assert kind_of(sentence) != "factual"


# --- an expectation held in the past, its modal moved back, is reported -----------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Most of us assumed that turnout would collapse in the rain.",
        "I thought the pound would recover by the spring, but it kept falling.",
        "The traders expected the central bank would hold rates at its June meeting.",
    ],
)
def test_a_past_expectation_is_reported_not_a_forecast(sentence: str) -> None:
    assert kind_of(sentence) == "factual"


@pytest.mark.parametrize(
    "sentence",
    [
        "I think the pound would recover if the bank raised rates.",  # a belief held now
        "I would have expected that the pound would recover by the spring.",  # a judgement now
        "I have always thought that the pound would recover by the spring.",  # still held
    ],
)
def test_a_present_or_still_held_belief_is_not_a_past_expectation(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"


def test_the_noun_thought_is_no_past_belief() -> None:
    # "the thought of" names an idea; nothing was expected in the past
    sentence = "For most pupils, the thought of sitting the exam again would be frightening enough."
    assert kind_of(sentence) != "factual"


def test_a_past_belief_with_a_plain_future_stays_a_forecast() -> None:
    # "will" is not moved back in tense: the author says it now
    assert kind_of("As I thought last year, the pound will recover by the spring.") == "forecast"


# --- what "the fact that" governs is presupposed -------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Setting aside the fact that the unions will strike in March, the minister has lost her "
        "majority in the Senate.",
        "The main driver is the new tariff, including the fact that the port will close for repairs "
        "in April.",
    ],
)
def test_a_modal_governed_by_the_fact_that_is_not_a_forecast(sentence: str) -> None:
    assert kind_of(sentence) == "factual"


def test_a_main_clause_modal_after_the_fact_that_still_decides() -> None:
    sentence = "Despite the fact that rates were cut in May, house prices will fall by the autumn."
    assert reading(sentence)[:2] == ("forecast", "affirms")


# --- a prediction named by how widely it is held is reported ---------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "A common prediction is that the merger will collapse by Christmas.",
        "The consensus among bankers is that rates will fall in the spring.",
    ],
)
def test_a_common_view_is_reported(sentence: str) -> None:
    assert kind_of(sentence) == "factual"


@pytest.mark.parametrize(
    "sentence",
    [
        "My prediction is that the merger will collapse by Christmas.",
        "The danger is that the merger will collapse by Christmas.",
    ],
)
def test_the_authors_own_prediction_or_danger_stays_a_forecast(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        # a third party's belief or hope with a long subject or a long clause
        "Economists at the Bank of France in Paris predict that inflation will fall in May.",
        "The mayor still hopes that the thousands of commuters who use the old bridge every morning "
        "will switch to the new tram line.",
    ],
)
def test_a_long_subject_or_clause_does_not_hide_a_third_party_belief(sentence: str) -> None:
    assert kind_of(sentence) == "factual"


def test_the_authors_own_belief_with_a_long_clause_stays_a_forecast() -> None:
    sentence = (
        "I still believe that the thousands of commuters who use the old bridge every morning will "
        "switch to the new tram line."
    )
    assert kind_of(sentence) == "forecast"


# --- "would" of a generic or ideal actor ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry should publish the figures, as any prudent lender would do.",
        "A sensible transport policy would fund more buses in the suburbs.",
        "Your average commuter would take the train if it ran on time.",
    ],
)
def test_would_of_a_generic_or_ideal_actor_is_no_forecast(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "The government would cut taxes before the election if it could.",
        "Any deal would collapse within a month.",
        "A good harvest would lower food prices by the autumn.",  # a plain adjective, no ideal actor
        "A serious recession would cost the region 40,000 jobs.",
    ],
)
def test_would_of_a_definite_or_plain_any_subject_stays_a_forecast(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"


# --- a matter of taste after "will be" -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Next season is going to be a great one for fans of the club.",
        "The campaign will be wilder and nastier than anything before it.",
        "The budget debate will be a fun ride.",
    ],
)
def test_a_matter_of_taste_is_no_forecast(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "Passing the budget will not be easy for the minority government.",  # a likelihood
        "Reaching a deal on the budget will be hard before the summer.",
        "The harvest will be good for exporters, with prices up a fifth.",  # taste + for: left alone
        "The harvest will be smaller than last year's.",
    ],
)
def test_difficulty_and_measurable_outcomes_stay_forecasts(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"


# --- an attribution at the end with the verb first -------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Inflation will fall below 3% by June, says the chief economist of the central bank.",
        "Rents in the capital could double by 2030, warned Ann Lee, an economist at Harbour Bank.",
    ],
)
def test_a_trailing_attribution_with_the_verb_first_is_reported(sentence: str) -> None:
    assert kind_of(sentence) == "factual"


def test_the_authors_own_earlier_words_keep_the_forecast() -> None:
    assert kind_of("Inflation will fall below 3% by June, as I wrote in March.") == "forecast"


# --- what cannot be known, an inference rejected, a likelihood about the present --------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "It is impossible to know whether the truce will hold through the winter.",
        "It is hard to tell how deep the recession in the north is.",
        "Predicting when house prices will peak is a fool's errand, as every agent admits.",
        "That does not mean the town will recover.",
        "The currency is probably going through its worst month in a decade.",
    ],
)
def test_no_lean_and_present_judgements_are_no_forecasts(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "It is impossible for the bill to pass the Senate this year.",
        "That means the town will recover by 2027.",
        "The currency is probably going to lose a tenth of its value by June.",
        "Winning back the north will be hard for the party at the next election.",
    ],
)
def test_an_outcome_ruled_out_or_inferred_stays_a_forecast(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"


# --- "going to" in an open question; a modal set aside is no plain-present pick -------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody has explained how the city is going to pay for the new stadium.",
        "We are all waiting to see how far rents are going to climb.",
    ],
)
def test_going_to_inside_an_open_question_is_no_forecast(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


def test_going_to_in_the_main_clause_stays_a_forecast() -> None:
    assert kind_of("The city is going to pay for the new stadium with a bond issue.") == "forecast"


def test_a_sentence_whose_modal_was_set_aside_is_not_a_pick() -> None:
    text = (
        "Every December I look back at last year's calls. Then I make my predictions for the coming "
        "year.\n\n"
        "Gold prices stay above $1,000 an ounce all year.\n\n"
        "The central bank does not raise rates before the summer.\n\n"
        "Anyone who claims to know what is going to happen in the markets is a fraud.\n"
    )
    cands = extract(text, date(2015, 12, 20))
    gold = find(cands, "Gold prices stay above $1,000 an ounce all year.")
    fraud = find(
        cands, "Anyone who claims to know what is going to happen in the markets is a fraud."
    )
    assert gold is not None and gold.kind == "forecast"
    assert fraud is None or fraud.kind != "forecast"


# --- what an outcome would mean -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "If the mayor loses, it will be a rebuke to his whole coalition.",
        "A second term for the governor would be a repudiation of the old guard.",
        "A win in the north would signify a new mood among younger voters.",
    ],
)
def test_what_an_outcome_would_mean_is_no_forecast(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "The new levy will mean higher fares for commuters from January.",
        "The merger would mean 300 job losses at the plant in Leeds.",
        "A price cap could mean thousands of savers lose money.",  # "mean" names an effect
        "The rate cut will signify 300 more job losses at the bank.",
        "The central bank will signal a rate cut at its June meeting.",  # an act
    ],
)
def test_a_measured_effect_after_mean_stays_a_forecast(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"
