"""Wordings of a forecast that the notes in bench/data/extraction/RULES.md read, and the extractor did not:
a passive "forecasted to", "not possible", a task found hard after any modal, a likelihood or risk sized as
dim, bleak or near zero, "favourites to", "far from inevitable", the author picturing an outcome ("I can't
see X winning"), "I don't see how it could be otherwise", and two headline forms (an
infinitive with a future time, a course to an outcome). Sentences written for these tests, each beside
look-alikes that must stay as they are."""

from __future__ import annotations

import pytest

from claims.extract import extract
from tests.extract_reading import AFTER, BEFORE, PUB, find, reading


def question(sentence: str) -> str:
    c = find(extract(BEFORE + sentence + AFTER, PUB), sentence)
    assert c is not None and c.kind == "forecast"
    return c.question


# The reading each sentence must get, (direction, probability); None for a look-alike that forecasts
# nothing.
READINGS: dict[tuple[str, float] | None, list[str]] = {
    ("affirms", 0.8): ["Grain prices are forecasted to fall by a fifth next year."],
    ("denies", 0.03): [
        "It is not possible to balance the budget without new taxes.",
        "Without rain, a good harvest is simply not possible.",
        "The chances of a settlement this year are close to zero.",
    ],
    ("denies", 0.32): [
        "The mayor will not find it easy to win a third term.",
        "The mayor may find it difficult to win a third term.",
        "The union could find it hard to keep its members on strike.",
        "The prospects for a ceasefire look dim.",
        "A trade war with the neighbours is far from inevitable.",
    ],
    ("affirms", 0.88): ["The risk of a run on the bank is very high."],
    ("denies", 0.15): ["The risk of contagion is low."],
    ("affirms", 0.68): [
        "Portugal are favourites to win the tournament.",
        "She is the clear favourite to succeed him.",
    ],
    ("denies", 0.25): [
        "I can't see the Liberals holding the seat.",
        "I don't see them finishing in the top four.",
    ],
    ("denies", 0.12): ["It's hard to see the bill passing the upper house."],
    ("affirms", 0.75): ["I can see the Greens taking the seat from Labour."],
    ("affirms", 0.95): ["I don't see how it could be otherwise."],
    None: [
        "It is not possible to say who will win the seat.",
        "Predicting the result of the vote is not possible.",
        "Many readers find it difficult to follow the argument.",
        "I can see why voters are angry about the rates.",
        "I don't see the point of another inquiry into the affair.",
        "We can see prices rising in every shop in town.",
    ],
}
CASES = [(sentence, want) for want, sentences in READINGS.items() for sentence in sentences]


@pytest.mark.parametrize(("sentence", "want"), CASES)
def test_each_wording_gets_its_reading(sentence: str, want: tuple[str, float] | None) -> None:
    kind, direction, probability = reading(sentence)
    if want is None:
        assert kind != "forecast"
    else:
        assert (kind, direction, probability) == ("forecast", *want)


def test_a_pictured_outcome_is_asked_as_the_clause_it_pictures() -> None:
    q = question("I can't see the Liberals holding the seat.")
    assert q.startswith("Will the Liberals be holding the seat by ")


def test_a_sized_likelihood_is_asked_as_the_event_it_sizes() -> None:
    assert question("The prospects for a ceasefire look dim.").startswith(
        "Will there be a ceasefire by "
    )


def headline(title: str) -> tuple[str, float | None, str] | None:
    text = f"{title}\n\n{BEFORE}{AFTER}"
    c = find(extract(text, PUB), title)
    if c is None or c.kind != "forecast":
        return None
    return c.direction, c.probability, c.question


def test_a_headline_infinitive_with_a_future_time_is_a_forecast() -> None:
    read = headline("Robots To Replace Half Of All Truck Drivers By 2030")
    assert read is not None
    assert read[:2] == ("affirms", 0.9)
    assert read[2].lower() == "will robots replace half of all truck drivers by 2030-12-31?"


@pytest.mark.parametrize(
    "title",
    [
        "Ten Ways To Save Money By 2026",
        "How To Retire Early By 2030",
        "Government Plan To Cut Emissions By 2030",
        "The Fight To Lead The Party In 2027 Begins Now",
        "Robots To Replace Truck Drivers",  # no future time of its own: purpose or complement
    ],
)
def test_a_headline_infinitive_of_purpose_or_without_a_time_is_not(title: str) -> None:
    assert headline(title) is None


def test_a_headline_course_to_an_outcome_is_a_forecast() -> None:
    read = headline("Governor Coasting To Victory")
    assert read is not None
    assert read[:2] == ("affirms", 0.9)
    assert read[2].startswith("Will Governor coast to victory by ")
