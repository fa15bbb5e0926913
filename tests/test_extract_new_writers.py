"""Classes of English construction found in a new labeller's op-eds (issue 12, Deliver 2: labeller I's
blog, newsletter and newspaper pieces), each stated in general terms and tested on sentences written
for these tests (not taken from the labelled op-eds), with a near miss guarding the other side. The
first example of each class failed on the code before the class was added."""

from __future__ import annotations

from datetime import date

from claims.extract import extract
from tests.extract_reading import find, kind_of, reading

PUB = date(2015, 12, 20)


# --- picks in the plain present after an announced list of predictions (RULES.md, labeller D) ---

PICKS = (
    "Every December I look back at last year's calls. Then I make my predictions for the coming year.\n\n"
    "The Denver Broncos beat the Carolina Panthers in the final.\n\n"
    "Gold prices stay above $1,000 an ounce all year.\n\n"
    "The central bank does not raise rates before the summer.\n"
)


def test_plain_present_picks_after_announced_predictions_are_forecasts() -> None:
    cands = extract(PICKS, PUB)
    beat = find(cands, "The Denver Broncos beat the Carolina Panthers in the final.")
    gold = find(cands, "Gold prices stay above $1,000 an ounce all year.")
    rates = find(cands, "The central bank does not raise rates before the summer.")
    assert beat is not None and beat.kind == "forecast"
    assert (beat.direction, beat.probability) == ("affirms", 0.75)
    assert gold is not None and gold.kind == "forecast" and gold.probability == 0.75
    # a negated pick reads like "don't expect"
    assert rates is not None and rates.kind == "forecast" and rates.direction == "denies"
    assert rates.probability is not None and rates.probability < 0.5


def test_heading_style_announcement_also_opens_a_list() -> None:
    text = (
        "Here are the top five predictions for next year.\n\n"
        "Labour holds the mayoralty of Bristol in May.\n\n"
        "The price of copper ends the year below $6,000 a tonne.\n"
    )
    cands = extract(text, PUB)
    for s in (
        "Labour holds the mayoralty of Bristol in May.",
        "The price of copper ends the year below $6,000 a tonne.",
    ):
        c = find(cands, s)
        assert c is not None and c.kind == "forecast", s


def test_present_paragraphs_without_an_announcement_are_not_picks() -> None:
    # Near miss: the same plain-present paragraphs with no announced predictions are not forecasts.
    text = (
        "Every December the club reviews its season.\n\n"
        "The Denver Broncos beat the Carolina Panthers in the final.\n\n"
        "Gold prices stay above $1,000 an ounce all year.\n"
    )
    cands = extract(text, PUB)
    for s in (
        "The Denver Broncos beat the Carolina Panthers in the final.",
        "Gold prices stay above $1,000 an ounce all year.",
    ):
        c = find(cands, s)
        assert c is None or c.kind != "forecast", s


def test_a_single_present_paragraph_or_a_past_one_after_the_announcement_is_not_a_pick() -> None:
    # Near misses: one paragraph is not a list; a past-tense paragraph is a report, not a pick.
    one = (
        "Then I make my predictions for the coming year.\n\nThe Denver Broncos beat the Panthers.\n"
    )
    c = find(extract(one, PUB), "The Denver Broncos beat the Panthers.")
    assert c is None or c.kind != "forecast"
    past = (
        "Then I make my predictions for the coming year.\n\n"
        "The Broncos beat the Panthers in the final.\n\n"
        "Last year the Broncos lost every away game.\n"
    )
    cands = extract(past, PUB)
    c = find(cands, "Last year the Broncos lost every away game.")
    assert c is None or c.kind != "forecast"


# --- predictions whose source is a forecasting instrument or an unnamed many: reported, factual ---


def test_predictions_from_projections_polls_and_the_many_are_reported() -> None:
    for sentence in (
        "The latest Treasury projections are that the deficit could halve by 2027.",
        "Opinion polls suggest that the governor would lose a run-off against either rival.",
        "It is widely believed by traders that the central bank will cut rates in June.",
        "It is generally expected that the strike will end before the holidays.",
        "The region will have a projected surplus of $4 billion next year.",
    ):
        assert kind_of(sentence) == "factual", sentence


def test_the_authors_own_projection_or_inference_stays_a_forecast() -> None:
    # Near misses: the author's own projections, data the author reads, an impersonal "anticipated".
    for sentence in (
        "Our projections are that the deficit could halve by 2027.",
        "Falling wholesale prices suggest that shop prices will fall further this summer.",
        "The strike is anticipated to end before the holidays.",
        "The region will have a surplus of $4 billion next year.",
    ):
        assert kind_of(sentence) == "forecast", sentence


# --- two coordinated main clauses with their own modals: the one the sentence ends on decides ---


def test_the_last_of_two_coordinated_modal_clauses_decides() -> None:
    kind, direction, p = reading(
        "The union will call a strike in March, and most members will not cross the picket line."
    )
    assert (kind, direction) == ("forecast", "denies") and p is not None and p < 0.5
    kind, direction, p = reading(
        "Prices will keep rising through the autumn; the bank might even raise rates twice."
    )
    assert (kind, direction, p) == ("forecast", "affirms", 0.45)


def test_a_speaker_stance_or_a_subordinate_clause_after_and_does_not_decide() -> None:
    # Near misses: "and one cannot deny that ..." is the speaker's stance, not a second forecast;
    # "and when it will" is not a main clause.
    kind, direction, p = reading(
        "The ferry will surely resume its service in May, and one cannot deny that the delay hurt."
    )
    assert (kind, direction) == ("forecast", "affirms") and p is not None and p > 0.5
    kind, direction, p = reading(
        "The council will approve the budget, and nobody knows when it will publish the details."
    )
    assert (kind, direction) == ("forecast", "affirms")


# --- an instruction to the reader is not a checkable statement (calls to action: neither) ---


def test_instructions_to_the_reader_are_not_factual() -> None:
    for sentence in (
        "Compare the minister's 2019 budget speech with the figures the Treasury published in March.",
        "For anyone curious about the 2022 results, look at the table on page 14 of the report.",
        "And don't get me started on the 2018 Winter Olympics in Pyeongchang.",
    ):
        assert kind_of(sentence) != "factual", sentence


def test_a_past_statement_opening_with_the_same_verb_stays_factual() -> None:
    # Near misses: the verb as a noun or a past narrative, not an imperative.
    for sentence in (
        "Watch sales in Switzerland fell by 12 percent in 2023, the industry federation said.",
        "Share prices in Frankfurt fell by 4 percent on Monday after the 2023 results, Reuters said.",
        "Look Mum No Computer, a band from Kent, released its first album in 2019.",
    ):
        assert kind_of(sentence) == "factual", sentence


# --- a bare "never" before a simple-present verb states a habit or trait, not a forecast ---


def test_never_with_a_simple_present_verb_is_a_habit_not_a_forecast() -> None:
    for sentence in (
        "Glaciers never give back the ice they lose in a hot summer.",
        "The northern town never has a dry August, and its reservoir is always full.",
    ):
        assert reading(sentence)[0] != "forecast", sentence


def test_never_that_looks_ahead_stays_a_forecast() -> None:
    # Near misses: "will never", "never again" and "is never going to" look ahead.
    for sentence in (
        "The northern town will never host the Olympic Games.",
        "The party never again wins a majority in the northern towns after this defeat.",
        "The rail link is never going to open before 2030.",
    ):
        kind, direction, _ = reading(sentence)
        assert (kind, direction) == ("forecast", "denies"), sentence


# --- a present counterfactual ("if it were", "if I were", "were it not for") forecasts nothing ---


def test_a_present_counterfactual_would_is_not_a_forecast() -> None:
    for sentence in (
        "If it were legal to run two candidates, the party would win both seats in Leeds.",
        "Were it not for the fuel levy, bus fares in the city would fall by a third.",
    ):
        assert reading(sentence)[0] != "forecast", sentence


def test_an_open_condition_or_were_to_stays_a_conditional_forecast() -> None:
    # Near misses: an open "if" condition and a hypothetical future "were to" still forecast.
    for sentence in (
        "If the levy is scrapped, bus fares in the city would fall by a third.",
        "If the council were to scrap the levy, bus fares would fall by a third.",
    ):
        assert reading(sentence)[0] == "forecast", sentence


# --- the author's endorsement of a prediction reported just before is the author's forecast ---

ENDORSED = (
    "The harbour master was asked about the new breakwater last week. "
    "He said the breakwater would be finished before the winter storms. "
    "{endorse} The council has already paid for the stone."
)


def test_an_endorsement_of_a_reported_prediction_is_a_forecast() -> None:
    for endorse in ("I agree with him.", "And on this point, he is absolutely right."):
        cands = extract(ENDORSED.format(endorse=endorse), date(2024, 5, 1))
        c = find(cands, endorse)
        assert c is not None and c.kind == "forecast", endorse
        assert c.direction == "affirms" and c.probability is not None and c.probability > 0.5


def test_agreement_without_a_reported_prediction_before_it_is_not_a_forecast() -> None:
    # Near misses: agreement after a plain report of the past, and a refusal to agree.
    past = "The harbour master said the breakwater was finished in May. I agree with him."
    c = find(extract(past, date(2024, 5, 1)), "I agree with him.")
    assert c is None or c.kind != "forecast"
    text = ENDORSED.format(endorse="I do not agree with him.")
    c = find(extract(text, date(2024, 5, 1)), "I do not agree with him.")
    assert c is None or c.kind != "forecast"


# --- "It feels as if X will", "it seems to me that X will": the author's impression, ICD "likely" ---


def test_an_appearance_frame_around_will_is_a_likely_forecast() -> None:
    kind, direction, p = reading("It feels as if the title will go to a side that defends well.")
    assert (kind, direction, p) == ("forecast", "affirms", 0.68)
    kind, direction, p = reading("It seems to me that the new bridge will not open this year.")
    assert (kind, direction, p) == ("forecast", "denies", 0.32)


def test_a_mocked_as_if_and_a_plain_will_keep_their_readings() -> None:
    # Near misses: "as if" after a behaviour is a counterfactual mocked; a bare "will" keeps 0.9.
    assert reading("The market behaved as if the boom would last for ever.")[0] != "forecast"
    kind, direction, p = reading("The title will go to a side that defends well.")
    assert (kind, direction, p) == ("forecast", "affirms", 0.9)
