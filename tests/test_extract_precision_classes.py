"""Classes of English construction that carry a modal or a hedge but assert no outcome of the author's
(issue 12: precision on op-eds nobody tuned on). One test per class: two unrelated sentences written
for these tests (not taken from the labelled op-eds) that must not be read as forecasts, and a near
miss that must stay a forecast, so recall is guarded. The first sentences of each class were read as
forecasts before the class was added."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract import _announces_predictions
from tests.extract_reading import kind_of, reading

PUB = date(2024, 5, 1)


# Each class: (not a forecast, not a forecast, near miss that stays a forecast).
CLASSES = {
    # An impersonal "it is not clear that X will": no lean (RULES.md, labeller A: "It is uncertain if X").
    "no lean": (
        "It is not clear that the mayor will keep her seat in the spring.",
        "It remains unclear that the merger will save the airline any money.",
        "It is clear that the mayor will lose her seat in the spring.",
    ),
    # A wish voiced: "hope/wish X will" (RULES.md, labeller F: a hopeful prediction is a wish).
    "wish": (
        "Every gardener in the valley hopes the drought will break before June.",
        "We all quietly wish the council would reopen the swimming pool.",
        "Hopes of a quick deal will fade once the strike begins.",
    ),
    # What an event depends on, not which way it goes (labeller A: framing with no outcome).
    "depends on": (
        "Much will depend on whether the harvest recovers after the floods.",
        "The verdict would hinge on how the jury reads the emails.",
        "Electric buses will depend on cheap power from the new wind farms.",
    ),
    # What a predicted future would look like (RULES.md, labeller H).
    "looks like": (
        "The office of the future will look like a quiet library with good coffee.",
        "Shopping in ten years will feel like walking through a video game.",
        "The office of the future will have no fixed desks at all.",
    ),
    # A counterfactual mocked: "as if X would".
    "as if": (
        "They priced the shares as if profits would double every single year.",
        "The plan reads as though tenants would never notice the rent rises.",
        "Profits will double this year.",
    ),
    # The premise of a scenario: "let's assume X will" (its consequence may still be a forecast).
    "assumed premise": (
        "Let's assume that turnout will be as low as it was in the by-election.",
        "Let us imagine that the railway will close.",
        "Turnout will be as low as it was in the by-election.",
    ),
    # Age by the calendar (RULES.md, labeller G: a "will" the calendar settles is factual).
    "age": (
        "The founder will be only 58 years old when the lease ends.",
        "The oldest oak in the park will be 400 years old by then.",
        "By the next election the senator will be retired.",
    ),
    # "never" about the past ("the boom that never was") or a present trait ("are never accurate").
    "never, not ahead": (
        "The housing crash that never was.",
        "Weather apps are never right about the hills.",
        "The housing crash is never going to come.",
    ),
    # When the outcome comes to light, not which way it goes.
    "comes to light": (
        "The name of the new coach would be known soon.",
        "The size of the deficit will be revealed in the autumn.",
        "The new coach will be named soon.",
    ),
    # A comparison in rhetoric: "could hardly be worse", "couldn't be clearer".
    "rhetorical comparison": (
        "The timing could hardly be worse for the ferry company.",
        "Relations between the two clubs could not be worse.",
        "The shortage could get worse next winter.",
    ),
    # The present imagined otherwise: "if the vote were held today, X would win" (a what-if, not the
    # future).
    "imagined now": (
        "If the referendum were held today, the leave side would win by ten points.",
        "The motion would pass easily if the vote was taken right now.",
        "If the referendum is held in June, the leave side will win by ten points.",
    ),
    # A trial announced, not its result: "X will be a test for Y".
    "trial": (
        "The heatwave will be a test for the national grid.",
        "The strike would be a real challenge for the new minister.",
        "The national grid will fail the test of the heatwave.",
    ),
    # A pointer to a forecast stated elsewhere: "this would be my main prediction".
    "pointer": (
        "This would be my main prediction for the county council.",
        "That will be my pick for the cup.",
        "The county council will be my party's first gain.",
    ),
    # A probability word used before a noun describes a thing, not an event's chance.
    "attributive": (
        "Balancing the budget while cutting taxes is an almost impossible task.",
        "The two parties have formed an unlikely alliance in the north.",
        "Balancing the budget while cutting taxes is impossible.",
    ),
    # An effect announced but not named, with the wider adjectives ("massive", "global").
    "unnamed effect": (
        "Such a default will have massive global consequences.",
        "A war over the strait would carry enormous implications for shipping.",
        "Such a default will push the currency down by a third.",
    ),
    # An evaluation of a reading: "it would be too simplistic to see X as Y".
    "too simplistic to": (
        "It would be too simplistic to call the strike a pay dispute.",
        "It may be too early to say which side gained from the talks.",
        "The gap would be too big to close before the deadline.",
    ),
    # An attitude the subject cannot hold now, "cannot" of present incapacity (round 10).
    "cannot trust": (
        "Shopkeepers in the old market cannot trust the new parking wardens.",
        "Most tide tables cannot reliably foresee a storm surge in the estuary.",
        "The ferry company cannot survive another winter of empty crossings.",
    ),
}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_no_outcome_asserted(name: str) -> None:
    first, second, _ = CLASSES[name]
    assert kind_of(first) != "forecast", first
    assert kind_of(second) != "forecast", second


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_near_miss_stays_a_forecast(name: str) -> None:
    assert kind_of(CLASSES[name][2]) == "forecast", CLASSES[name][2]


@pytest.mark.parametrize(
    "sentence",
    [
        # Someone else's view after an appositive closes with the verb (reported speech: factual).
        "Ann Kay, a historian at the University of Leeds, thinks the statue will be moved.",
        "Tom Reyes, who runs the port, says the new cranes will arrive in March.",
        # A claim repeated over time by someone else.
        "My neighbour has been saying the river will flood for twenty years.",
        "Analysts keep predicting that the yen will collapse.",
        # round 10: a plan or expectation of the past, named by a noun, and an oath sworn
        "The thought was that a summer heatwave would rescue the seaside hotels.",
        "The council's plan had been that the footbridge would open in 2019.",
        "The mayor swore that the lido would reopen by June.",
    ],
)
def test_reported_views_are_not_the_authors(sentence: str) -> None:
    assert kind_of(sentence) != "forecast"


def test_my_own_repeated_claim_stays_mine() -> None:
    # The author's own view in the first person is not reported speech.
    assert kind_of("I have long thought the river will flood this winter.") == "forecast"
    # a risk named in the present, and a plan of the past followed by the author's own call
    assert kind_of("The risk is that the footbridge would collapse in a flood.") == "forecast"
    assert (
        kind_of("The plan was for June, but the lido will not reopen before August.") == "forecast"
    )


@pytest.mark.parametrize(
    ("sentence", "probability"),
    [
        ("There is zero chance of the league expanding next season.", 0.03),
        ("The bill has zero chance of passing the upper house.", 0.03),
    ],
)
def test_zero_chance_reads_like_no_chance(sentence: str, probability: float) -> None:
    # RULES.md, labeller G: "zero chance" reads like "no chance" (0.03).
    assert reading(sentence) == ("forecast", "denies", probability)


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("The governor has a 70 percent chance of winning a second term.", "affirms", 0.7),
        ("There is a 20% chance that the dam fails this winter.", "denies", 0.2),
    ],
)
def test_a_stated_chance_is_the_authors_number(
    sentence: str, direction: str, probability: float
) -> None:
    # A percentage chance the author states is the probability (RULES.md: the probability the
    # author implies); it was read as a fact before.
    assert reading(sentence) == ("forecast", direction, probability)


@pytest.mark.parametrize(
    "sentence",
    [
        # A heading that announces forecasts made below is a list heading, not one itself.
        "Here are my predictions for the 2026 World Cup in Toronto.",
        "Here's my forecast for the Bank of England's decisions in 2026.",
        "Five predictions for the housing market in 2026",
        # round 10: a fronted phrase, a count with an apostrophe, a kicker before a colon, "based on"
        "In keeping with a long newsroom habit, here are some forecasts about the Welsh economy in 2027.",
        "Here are a chef's dozen of forecasts for 2027, on a blend of grave topics and daft ones.",
        "So, now – with all the usual caveats – here are my picks based on the spring form guide.",
    ],
)
def test_a_heading_that_announces_predictions_is_neither(sentence: str) -> None:
    assert kind_of(sentence) == "none"


def test_a_kicker_and_a_count_before_the_heading_still_announce_predictions() -> None:
    # "Section words: N predictions for ...": the kicker before the colon does not hide the heading
    assert _announces_predictions("Transport calls in 2027: 6 predictions for the coming year")
    assert not _announces_predictions("Budget day: 3 forecasts for growth were cut to 1 percent.")


@pytest.mark.parametrize(
    "sentence",
    [
        # Near misses: a prediction stated after the heading word, and a report of others' ones.
        "Our prediction for the rugby season will surprise nobody: Leinster will win the league.",
        "Pollsters made similar predictions for the 2019 election on Monday.",
        # a count before a colon that is not a heading, and a report with a fronted phrase
        "Budget day: 3 forecasts for growth were cut to below 1 percent by the Treasury.",
        "In March, forecasts for Welsh growth were cut to 0.4 percent by the central bank.",
    ],
)
def test_a_stated_or_reported_prediction_is_not_a_heading(sentence: str) -> None:
    assert kind_of(sentence) != "none"


@pytest.mark.parametrize(
    "sentence",
    [
        # More near misses that name an outcome and must stay forecasts.
        "The road will be clear by Monday.",
        "The effects will be seen in higher prices next year.",
        "The peace talks are never going to succeed.",
        "Ticket prices will be 40 percent higher next season.",
        "Savers hope for higher rates, but the bank will cut them in June.",
    ],
)
def test_more_near_misses_stay_forecasts(sentence: str) -> None:
    assert kind_of(sentence) == "forecast"
