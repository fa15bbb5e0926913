"""More classes of forecast wording the extractor reads (claims.extract, claims.hedges), one test per
class, each with two unrelated sentences written for these tests (not taken from the labelled op-eds).
Every class here was missed or misread before it was added."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract import extract
from tests.extract_reading import AFTER, BEFORE, reading

PUB = date(2024, 5, 1)
# Each sentence is read inside a paragraph, as in an article, not as a one-line headline.


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        # an event said to be arriving: read like "BE on its way" (0.8)
        ("A recession is looming for the eurozone.", "affirms", 0.8),
        ("Higher property taxes are on the horizon for homeowners.", "affirms", 0.8),
        ("A settlement with the nurses is just around the corner.", "affirms", 0.8),
        ("Petrol cars are on their way out in Scandinavia.", "affirms", 0.8),
        # "set for", "poised for", "heading towards": the expected-event table with "for"/"towards"
        ("The carmaker is poised for a comeback after the recall.", "affirms", 0.8),
        ("The opposition is set for a landslide in the northern seats.", "affirms", 0.8),
        ("The housing market is heading towards a long slump.", "affirms", 0.8),
    ],
)
def test_an_outcome_said_to_be_on_its_way(
    sentence: str, direction: str, probability: float
) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        # RULES.md, labeller A: "is in danger of falling" reads like "could" (0.45)
        ("The chancellor is in danger of losing her job over the leak.", "affirms", 0.45),
        ("The rail franchise is at risk of collapsing within months.", "affirms", 0.45),
        ("The club runs the risk of losing its licence.", "affirms", 0.45),
        # "stands to gain/lose": likely (0.7)
        ("The airline stands to lose millions from the pilots' strike.", "affirms", 0.7),
        ("Farmers in the valley stand to gain from the new canal.", "affirms", 0.7),
    ],
)
def test_risk_and_stake_wordings(sentence: str, direction: str, probability: float) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        # certainty or impossibility with no modal (RULES.md)
        ("Another pandemic within our lifetimes is a near certainty.", "affirms", 0.95),
        ("A sovereign default now looks unavoidable.", "affirms", 0.97),
        ("The startup is destined for failure.", "affirms", 0.95),
        ("The two-degree goal is now out of reach.", "denies", 0.03),
        ("The pension reform is dead on arrival in the Senate.", "denies", 0.05),
        # an end said to be close, a course with no alternative: like "will" (0.9)
        ("The governing coalition's days are numbered.", "affirms", 0.9),
        ("The old mill is living on borrowed time.", "affirms", 0.9),
        ("The treasury has no choice but to raise taxes.", "affirms", 0.9),
    ],
)
def test_certainty_or_impossibility_without_a_modal(
    sentence: str, direction: str, probability: float
) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("The mayor has a good shot at winning a third term.", "affirms", 0.68),
        ("The striker has a decent chance of breaking the record.", "affirms", 0.68),
        ("The minor parties have little hope of winning a seat.", "denies", 0.15),
        ("The insurgents have no hope of taking the capital.", "denies", 0.03),
        ("I'd bet on a rate cut in March.", "affirms", 0.75),
        ("I would wager that the coalition survives the vote.", "affirms", 0.75),
    ],
)
def test_chances_hopes_and_bets(sentence: str, direction: str, probability: float) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    "sentence",
    [
        "The board will have no choice but to sell the stadium.",
        "Next spring's budget will be nothing short of a rout for the unions.",
    ],
)
def test_no_choice_but_and_nothing_short_of_are_no_negation(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "affirms", 0.9)


def test_a_real_negation_after_will_still_denies() -> None:
    assert reading("The new levy will have no effect on prices.") == ("forecast", "denies", 0.1)


@pytest.mark.parametrize(
    "sentence",
    [
        "Critics may suppose that a recovery is just around the corner.",
        "The generals might believe that victory is within a few weeks and will come cheaply.",
    ],
)
def test_a_forecast_inside_a_guessed_at_mind_is_not_the_authors(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor spoke for an hour, promising that a new bridge is on the horizon.",
        "Lobbyists toured the capital, claiming that the subsidy will pay for itself.",
    ],
)
def test_a_forecast_after_a_reporting_participle_is_reported(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "The question of funding looms large over the talks.",
        "Memories of the flood are looming large in the campaign.",
    ],
)
def test_looms_large_is_present_salience_not_a_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    ("sentence", "probability"),
    [
        ("A snap election cannot be ruled out.", 0.45),
        ("I wouldn't rule out a second referendum.", 0.45),
        ("It is entirely possible that the merger collapses.", 0.45),
        ("A settlement is still possible before the harvest.", 0.45),
        ("There is a strong possibility that the strike spreads to the docks.", 0.68),
        ("It's a good bet that the airline cuts its winter timetable.", 0.68),
    ],
)
def test_possibility_wordings_affirm(sentence: str, probability: float) -> None:
    # "cannot be ruled out" used to read as "cannot" (0.05, denies)
    assert reading(sentence) == ("forecast", "affirms", probability)


@pytest.mark.parametrize(
    "sentence",
    ["I'd be surprised if the franchise survives.", "I'd be surprised to see the dam finished."],
)
def test_a_contracted_would_be_surprised(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "denies", 0.35)


@pytest.mark.parametrize(
    "sentence",
    [
        "I'm skeptical that the new stadium will open on time.",
        "I have my doubts that the ferry service will resume.",
        "Frankly, I am not convinced the reforms will pass the upper house.",
    ],
)
def test_a_sceptical_frame_reads_like_dont_expect(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "denies", 0.25)


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("There is reason to think the slowdown will deepen.", "affirms", 0.9),
        ("There's little reason to think the truce will last.", "denies", 0.1),
    ],
)
def test_reason_to_think_is_the_authors_frame_not_a_reported_belief(
    sentence: str, direction: str, probability: float
) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    "text",
    [
        "Does anyone seriously believe that the junta will hold free elections?",
        "Who really thinks the regulator will fine its own chairman?",
    ],
)
def test_a_question_asked_so_that_nobody_can_say_yes_denies(text: str) -> None:
    assert reading(text) == ("forecast", "denies", 0.1)


def test_an_or_that_question_continues_the_rhetorical_one() -> None:
    text = (
        "Does anyone really expect the landlord will cut the rent? "
        "Or that the council will step in to help?"
    )
    found = extract(BEFORE + text + AFTER, PUB)
    asked = [(c.kind, c.direction) for c in found if c.sentence.endswith("?")]
    assert asked == [("forecast", "denies"), ("forecast", "denies")]


def test_an_open_question_about_a_belief_is_no_forecast() -> None:
    assert reading("Do voters think the mayor will keep her promise?")[0] == "none"


@pytest.mark.parametrize(
    ("sentence", "probability"),
    [
        ("The odds are the truce won't last the winter.", 0.32),
        ("I'd bet the coalition never recovers its majority.", 0.25),
        ("I expect the bridge won't open before 2027.", 0.25),
    ],
)
def test_a_negation_in_the_clause_a_frame_opens_without_that(
    sentence: str, probability: float
) -> None:
    assert reading(sentence) == ("forecast", "denies", probability)


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        # labeller D: "the (real) danger is that X will" reads like "a real possibility" (0.45)
        ("The danger is that the reservoir runs dry by August.", "affirms", 0.45),
        ("The real risk is that the airline cancels the route.", "affirms", 0.45),
        ("The fear is that the bridge will need closing for a year.", "affirms", 0.45),
        # a predicate naming the outcome is the author's, not a position described
        ("The bad news is that the ferry fares will not come down.", "denies", 0.1),
    ],
)
def test_an_outcome_named_as_the_predicate_of_fear_or_risk(
    sentence: str, direction: str, probability: float
) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    "sentence",
    [
        "The hope is that the ceasefire will hold.",
        "The fear that the bridge will close has gripped the town.",
    ],
)
def test_a_hope_or_a_fear_held_is_not_the_authors_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "What happens in Ohio will tip the election.",
        "What comes after the strike will shape the next decade of policy.",
        "Companies where unions are strong will raise wages faster.",
        "Countries which depend on gas imports will suffer most this winter.",
    ],
)
def test_a_modal_after_a_finished_wh_clause_is_the_main_verb(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "affirms", 0.9)


@pytest.mark.parametrize(
    "sentence",
    [
        "How the administration might respond is unclear.",
        "What will happen next depends on the courts.",
        "The question of which party will govern is open.",
    ],
)
def test_a_modal_inside_a_wh_clause_stays_an_open_question(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("A recession is coming.", "affirms", 0.8),
        ("The end of the cheap-money era is near.", "affirms", 0.8),
        ("The long stand-off over the port is coming to an end.", "affirms", 0.8),
        ("No deal on fishing rights is coming this year.", "denies", 0.2),
    ],
)
def test_an_outcome_said_to_be_arriving(sentence: str, direction: str, probability: float) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    "sentence",
    [
        "Inflation is coming down in most of the eurozone.",
        "Help is coming from the regional fire brigades.",
    ],
)
def test_a_trend_or_help_coming_in_the_present_is_no_arrival(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "Cheap batteries are the final nail in the coffin for diesel buses.",
        "The verdict sounds the death knell for the tobacco lobby.",
        "The strike may be the beginning of the end for the franchise model.",
    ],
)
def test_an_idiom_of_an_end_is_a_forecast(sentence: str) -> None:
    assert reading(sentence)[0] == "forecast"


def _headline(title: str) -> tuple[str, str | None, float | None]:
    for c in extract(title + "\n\n" + BEFORE + AFTER, PUB):
        if c.sentence.strip() == title:
            return (c.kind, c.direction if c.kind == "forecast" else None, c.probability)
    return ("none", None, None)


@pytest.mark.parametrize(
    ("title", "probability"),
    [
        ("Oil Prices Set to Soar", 0.8),
        ("Labour heading for a landslide in the north", 0.8),
        ("Rents Likely to Climb Again", 0.7),
    ],
)
def test_a_headline_that_drops_its_copula(title: str, probability: float) -> None:
    assert _headline(title) == ("forecast", "affirms", probability)


@pytest.mark.parametrize(
    "title",
    [
        "A Guide to Voting by Post",
        "The Road to Recovery After the Floods",
        "Covid cases continue to rise in the north",
        "Migrants bound for the Canary Islands rescued",
    ],
)
def test_a_headline_with_to_but_no_outcome_verb_is_no_forecast(title: str) -> None:
    assert _headline(title)[0] != "forecast"


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("Next year, inflation falls back to 2 percent.", "affirms", 0.9),
        ("By 2030, electric vans outsell diesel vans in Europe.", "affirms", 0.9),
        ("Sooner or later the bill comes due.", "affirms", 0.9),
        ("Within a decade, no new coal plant opens in India.", "denies", 0.1),
    ],
)
def test_a_future_time_phrase_opening_a_present_clause(
    sentence: str, direction: str, probability: float
) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    "sentence",
    [
        "By 2019, the firm employed 4,000 people.",  # before publication, and the past
        "Next year, we should invest more in the rail network.",  # advice
    ],
)
def test_a_time_phrase_before_the_past_or_advice_is_no_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "On current trends, the party loses half its seats.",
        "If the polls are right, the senator wins by ten points.",
        "Assuming current trends continue, Arizona turns blue by 2032.",
        "My prediction: the Greens win four seats.",
    ],
)
def test_a_projection_stated_in_the_present_reads_like_expect(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "affirms", 0.75)


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("The 1.5C goal is effectively dead.", "denies", 0.05),
        ("The trade pact looks dead in the water.", "denies", 0.05),
        ("The question is no longer whether India overtakes Japan, but when.", "affirms", 0.95),
        ("It is a matter of time before another regional bank fails.", "affirms", 0.95),
        ("There is simply no way the bill passes the Senate as written.", "denies", 0.03),
        ("Nobody should be surprised if the league expands again.", "affirms", 0.65),
    ],
)
def test_goals_written_off_and_outcomes_only_timed(
    sentence: str, direction: str, probability: float
) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    "sentence",
    [
        "We have passed peak oil.",
        "Rail ridership has already peaked.",
        "Peak car ownership is now behind us.",
    ],
)
def test_a_trend_said_to_have_turned_forecasts_its_decline(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "affirms", 0.9)


def test_a_peak_dated_in_the_past_is_a_fact() -> None:
    assert reading("Sales peaked in 2019 at 40,000 units.")[0] == "factual"


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("What makes the collapse of the franchise inevitable is its debt.", "affirms", 0.97),
        ("The new tariff makes a trade deal impossible.", "denies", 0.03),
        ("Such missions are practically untenable.", "denies", 0.05),
        ("For mortgage holders, a rate cut is finally on the horizon.", "affirms", 0.8),
    ],
)
def test_odds_named_by_make_or_an_adjective(
    sentence: str, direction: str, probability: float
) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    "sentence",
    [
        "It is likely that the minister misled the committee.",
        "It is possible that the auditors missed the fraud.",
    ],
)
def test_a_likelihood_about_the_past_is_no_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "The candidate promises to be tough on crime.",
        "Elections are approaching.",
        "On these numbers, the party won 40 seats in 2019.",
    ],
)
def test_a_pledge_a_date_or_the_past_is_no_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("The shortage of lorry drivers should ease by the summer.", "affirms", 0.68),
        ("Retirements should accelerate as the boomers age.", "affirms", 0.68),
        ("Mortgage rates should not fall much further.", "denies", 0.32),
    ],
)
def test_an_epistemic_should_reads_likely(
    sentence: str, direction: str, probability: float
) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    "sentence",
    [
        "The bank should cut rates now.",
        "The government should improve the schools.",
        "We should grow the economy faster.",
        "Wages should rise to match prices.",
    ],
)
def test_a_should_of_advice_is_no_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence", ["You will pay more for petrol next year.", "You'll be worse off by April."]
)
def test_what_happens_to_the_generic_you_is_an_outcome(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "affirms", 0.9)


@pytest.mark.parametrize(
    "sentence", ["You will notice that the chart is flat.", "I will argue that the plan is flawed."]
)
def test_the_readers_or_writers_conduct_is_no_forecast(sentence: str) -> None:
    assert reading(sentence)[0] == "none"


@pytest.mark.parametrize(
    "sentence",
    [
        "The only way the strike ends is a better pay offer.",
        "Interest rates must fall for the housing market to recover.",
        "The chairman's only reason to negotiate is to buy time.",
        "Only a negotiated settlement can end the siege.",
    ],
)
def test_a_statement_of_necessity_predicts(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "affirms", 0.9)


@pytest.mark.parametrize(
    "sentence",
    [
        "The only way to learn a language is to practise daily.",
        "We must act now for our children to have a future.",
        "Only then can we understand the crisis.",
    ],
)
def test_generic_advice_or_a_call_to_act_is_no_necessity_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        # readings RULES.md gives for wordings the table lacked (labellers A, D, F)
        ("My best guess is that the council approves the plan.", "affirms", 0.6),
        ("I guess the ferry will be cancelled.", "affirms", 0.6),
        ("One suspects the regulator will back down.", "affirms", 0.68),
        ("A balanced budget by 2028 is not wishful thinking.", "affirms", 0.68),
        ("There is little to stop the council approving the plan.", "affirms", 0.88),
        ("I have no doubt that the tunnel will open late.", "affirms", 0.95),
        ("The bill does not look like it has the votes.", "denies", 0.32),
        ("If we get to 2 percent growth, we'll be lucky.", "denies", 0.32),
        ("I just don't see it happening.", "denies", 0.25),
        ("I can't say that we're going to see a recovery this year.", "denies", 0.25),
    ],
)
def test_readings_the_labelling_rules_give(
    sentence: str, direction: str, probability: float
) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    "sentence",
    [
        "How the senator's unscripted words could affect the vote is unclear.",
        "How Biden's unscripted words could hurt the talks",
    ],
)
def test_a_plural_noun_in_a_wh_clause_is_no_verb(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "The photographer captured the moment Will Smith slapped the host.",
        "The steel mill looms over the low-slung neighbourhoods of the town.",
        "Lviv does not look like a city on the edge of a war zone.",
    ],
)
def test_a_name_a_landscape_or_an_appearance_is_no_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "A deep recession is coming, the central bank warns.",
        "The glacier's tipping point is looming, new data shows.",
    ],
)
def test_a_prediction_attributed_at_its_end_is_reported(sentence: str) -> None:
    assert reading(sentence)[0] == "factual"


@pytest.mark.parametrize(
    "sentence",
    [
        "Self-driving taxis remain a decade away.",
        "A cure for the disease is at least five years away.",
        "Commercial fusion power is still decades off.",
    ],
)
def test_the_time_an_outcome_is_said_to_need(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "affirms", 0.9)


@pytest.mark.parametrize(
    "sentence",
    ["The general election is six weeks away.", "The budget is just two days away."],
)
def test_a_date_on_the_calendar_is_no_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    ("sentence", "probability"),
    [
        ("The next pandemic is not a question of if, but when.", 0.95),
        ("I fancy Leicester to win the cup.", 0.75),
        ("I'm tipping the Greens to hold the seat.", 0.75),
        ("You can bet on higher water bills.", 0.88),
        ("The bond market is headed lower.", 0.8),
    ],
)
def test_more_wordings_of_odds(sentence: str, probability: float) -> None:
    assert reading(sentence) == ("forecast", "affirms", probability)


@pytest.mark.parametrize(
    "sentence",
    [
        "I predict that the senator loses her seat.",
        "My expectation is that rates stay high through 2025.",
        "We anticipate a sharp rise in insurance claims next winter.",
    ],
)
def test_the_authors_own_expectation_without_a_modal_reads_like_expect(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "affirms", 0.75)


def test_a_modal_after_the_authors_expectation_keeps_its_reading() -> None:
    assert reading("I foresee that the senator will lose her seat.") == ("forecast", "affirms", 0.9)


@pytest.mark.parametrize(
    "sentence",
    [
        "My view is that the policy was a mistake.",
        "I predicted in 2019 that the senator would lose.",
    ],
)
def test_a_view_of_the_past_or_an_old_prediction_is_no_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "Count on higher fares at the pump.",
        "Brace yourself for a long, cold winter of strikes.",
        "Get ready for another round of tax rises.",
    ],
)
def test_an_imperative_that_says_what_to_expect(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "affirms", 0.75)


@pytest.mark.parametrize(
    "sentence", ["Count on us to help.", "Look for the blue door to find the office."]
)
def test_an_imperative_with_no_outcome_is_no_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    ("sentence", "probability"),
    [
        ("Households will feel the squeeze next year.", 0.9),
        ("Farmers could feel the full force of the tariffs.", 0.45),
    ],
)
def test_an_effect_felt_is_an_outcome_not_a_mind(sentence: str, probability: float) -> None:
    assert reading(sentence) == ("forecast", "affirms", probability)


@pytest.mark.parametrize(
    "sentence", ["The chairman may feel that time is on his side.", "Voters will feel betrayed."]
)
def test_a_feeling_is_still_a_mind(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "We have no choice but to act.",
        "Only Congress can declare war.",
        "The end of the year is near, and the shops are full.",
        "Next year marks the 50th anniversary of the moon landing.",
        "If the polls are right, voters care most about prices.",
        "Nobody should be surprised if the minister resigned over it.",
    ],
)
def test_near_misses_of_the_new_classes_are_no_forecasts(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("Moscow has no incentive to negotiate before the spring.", "denies", 0.1),
        ("Beijing has every incentive to keep the peace.", "affirms", 0.68),
        ("The euro isn't going anywhere.", "affirms", 0.9),
        ("The party will be lucky to win fifty seats.", "denies", 0.32),
        ("I'd be very surprised if the ferry runs on time.", "denies", 0.35),
    ],
)
def test_incentives_staying_put_and_luck(sentence: str, direction: str, probability: float) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    ("text", "direction", "probability"),
    [
        ("Is the housing market about to crash? No.", "denies", 0.1),
        ("Is a recession coming? Yes, and sooner than you think.", "affirms", 0.9),
        ("Is peace possible this year? Not a chance.", "denies", 0.1),
        ("Is the party finished? Far from it.", "denies", 0.1),
        ("Does the euro have a future? Absolutely.", "affirms", 0.9),
        ("Will the truce hold? I wouldn't bet on it.", "denies", 0.25),
    ],
)
def test_a_present_tense_question_about_an_outcome_answered_at_once(
    text: str, direction: str, probability: float
) -> None:
    found = [c for c in extract(BEFORE + text + AFTER, PUB) if c.kind == "forecast"]
    assert [(c.sentence.endswith("?"), c.direction, c.probability) for c in found] == [
        (True, direction, probability)
    ]


def test_a_question_about_the_present_answered_at_once_is_no_forecast() -> None:
    text = "Is the new tax fair? Absolutely not."
    assert [c for c in extract(BEFORE + text + AFTER, PUB) if c.kind == "forecast"] == []


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("It won't be long before the fund runs dry.", "affirms", 0.9),
        ("Little will change after the election.", "denies", 0.1),
        ("Not much will come of the new inquiry.", "denies", 0.1),
        ("Hopes of a settlement are fading.", "denies", 0.32),
        ("The window for a ceasefire is closing.", "denies", 0.32),
        ("A second referendum is not on the cards.", "denies", 0.32),
    ],
)
def test_soon_scant_and_fading(sentence: str, direction: str, probability: float) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


def test_a_little_thing_as_subject_is_no_scant_quantity() -> None:
    assert reading("A little patience will go a long way.") == ("forecast", "affirms", 0.9)


@pytest.mark.parametrize(
    "sentence",
    [
        "Unions pointed to the memo as proof that the plant will close.",
        "Investors took the speech as a sign that rates will fall in June.",
    ],
)
def test_a_reading_cited_as_proof_is_reported(sentence: str) -> None:
    assert reading(sentence)[0] == "factual"


def test_an_idiom_of_an_end_in_the_past_is_no_forecast() -> None:
    assert reading("The writing was on the wall for years.")[0] != "forecast"


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("Warming of 1.5C is now all but locked in.", "affirms", 0.95),
        ("The mayor is a shoo-in for a third term.", "affirms", 0.95),
        ("The 2C target is slipping out of reach.", "denies", 0.32),
        ("Coal is in terminal decline.", "affirms", 0.9),
        ("Oil demand is nearing its peak.", "affirms", 0.8),
        ("The token is headed to zero.", "affirms", 0.8),
        ("The party faces a wipeout at the next election.", "affirms", 0.7),
        ("The airline faces bankruptcy within the year.", "affirms", 0.7),
    ],
)
def test_more_outcomes_without_a_modal(sentence: str, direction: str, probability: float) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    "sentence",
    [
        "The president faces questions over the leak.",
        "The race is too close to call.",  # no lean (RULES.md, labeller E)
    ],
)
def test_facing_questions_or_a_race_with_no_lean_is_no_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    ["The deadline for the deal is looming.", "The general election is just around the corner."],
)
def test_a_date_arriving_is_no_forecast(sentence: str) -> None:
    assert reading(sentence)[0] != "forecast"


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("I'd expect rates to fall by the summer.", "affirms", 0.75),
        ("We'd expect a strong rebound in bookings next year.", "affirms", 0.75),
        ("It would surprise me if the merger survived the audit.", "denies", 0.35),
        ("It wouldn't surprise me if the league expanded again.", "affirms", 0.65),
        ("I'd be astonished if the bridge opened on time.", "denies", 0.35),
    ],
)
def test_contracted_expectations_and_surprise(
    sentence: str, direction: str, probability: float
) -> None:
    assert reading(sentence) == ("forecast", direction, probability)


def test_someone_elses_expectation_stays_reported() -> None:
    assert reading("Analysts expect rates to fall by the summer.")[0] != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "If nothing changes, the reservoir runs dry by August.",
        "One way or another, the strike ends this month.",
    ],
)
def test_an_outcome_in_the_present_with_a_future_time_of_its_own(sentence: str) -> None:
    assert reading(sentence) == ("forecast", "affirms", 0.9)


@pytest.mark.parametrize(
    "sentence",
    [
        "Had the bank acted sooner, inflation would be lower now.",
        "If the mayor had listened, the library would still be open.",
    ],
)
def test_a_condition_about_the_past_undone_is_neither_forecast_nor_fact(sentence: str) -> None:
    assert reading(sentence)[0] == "none"
