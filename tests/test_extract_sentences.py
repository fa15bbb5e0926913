"""Sentence-level reading of op-eds (claims.extract): which sentences are forecasts or facts, and
with which direction and probability. The sentences are written for these tests, on subjects
the development set does not cover, so they check the general rule, not a labelled sentence."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract import extract
from claims.hedges import find_hedges

PUB = date(2024, 5, 1)


def _kinds(text: str) -> list[str]:
    return [c.kind for c in extract(text, PUB)]


@pytest.mark.parametrize(
    "sentence",
    [
        # the writer's or the reader's own conduct
        "I'll be honest: I did not see this coming.",
        "If I were the chancellor, I would cut taxes.",
        "I could go on.",
        "You can't make this stuff up.",
        "You will notice that the chart stops in 2019.",
        "As we will see, the numbers tell a different story.",
        "Readers will remember the chaos of 2020.",
        "One could argue that the policy has failed.",
        "I would add that the data are incomplete.",
        # idioms, evaluations and limits of knowledge
        "Only time will tell whether the gamble pays off.",
        "It will be interesting to see how the markets react.",
        "It would be easy to blame the referee.",
        "We will never know what the president was thinking.",
        "It is not clear who will pay for the repairs.",
        "Will the truce hold? Nobody in the capital seems to know.",
        "Nobody knows when the strike will end.",
        "The best course of action would be to raise taxes on the rich.",
        "It could be argued that the central bank moved too slowly.",
        "Some might call it hypocrisy.",
        "There may be some truth in that.",
        "It may be that the voters simply stopped listening.",
        "That may sound far-fetched.",
        "It may come as no surprise that the bill failed.",
        # guesses about the past and minds
        "The army may have lost as many as 50,000 men so far.",
        "The crash could have been avoided with better oversight.",
        # positions nobody named holds, described or rejected
        "I reject the assertion that the economy will collapse.",
        "The notion that the virus will simply disappear is wishful thinking.",
        # possibilities conceded in passing
        "Though its economic orientation may be different, the challenge it faced is not unique.",
        "The reform may be unpopular among some groups, but it worked.",
        # editorial disclaimers
        "The views expressed in this article are the author's own.",
    ],
)
def test_stance_rhetoric_and_guesses_are_neither(sentence: str) -> None:
    assert _kinds(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("Why the Senate will stay Republican", "affirms", 0.9),
        ("A recession is now inevitable.", "affirms", 0.97),
        ("The reform is destined to fail.", "affirms", 0.95),
        ("It is only a matter of time before the coalition collapses.", "affirms", 0.95),
        ("The incumbent is on course to win a second term.", "affirms", 0.8),
        ("The economy is on the brink of recession.", "affirms", 0.8),
        ("The Conservatives are heading for a heavy defeat.", "affirms", 0.8),
        ("The housing crisis is far from over.", "denies", 0.1),
        ("Another pandemic is almost certain within our lifetimes.", "affirms", 0.95),
        ("The era of cheap money is over, and it is not coming back.", "denies", 0.1),
        ("Do not count on a quick recovery.", "denies", 0.25),
        ("Tariffs threaten to push prices higher.", "affirms", 0.45),
        ("It is a toss-up whether the Democrats keep the House.", "affirms", 0.5),
        ("These positions remain fundamentally irreconcilable.", "denies", 0.03),
        ("We are certain that the regime is not interested in reform.", "denies", 0.05),
        ("Washington has no confidence the regime will accept the offer.", "denies", 0.1),
        ("Will the bill pass the Senate? No.", "denies", 0.1),
        ("Will the truce hold? Almost certainly not.", "denies", 0.05),
        ("Can the coalition survive? I doubt it.", "denies", 0.25),
    ],
)
def test_forecasts_without_a_plain_modal(sentence: str, direction: str, probability: float) -> None:
    found = [c for c in extract(sentence, PUB) if c.kind == "forecast"]
    assert found, sentence
    assert found[0].direction == direction
    assert found[0].probability == pytest.approx(probability)


def test_an_adverb_of_likelihood_before_a_negated_auxiliary_is_negated() -> None:
    (h,) = find_hedges("It certainly doesn't alter the picture.")
    assert h.negated and h.direction == "denies" and h.probability == pytest.approx(0.03)
    (h,) = find_hedges("The minister probably isn't going to resign.")
    assert h.negated and h.probability == pytest.approx(0.25)
    (h,) = find_hedges("The minister certainly knows the figures.")
    assert not h.negated


def test_the_authors_own_inference_is_a_forecast_a_third_partys_is_a_report() -> None:
    assert _kinds("This means that rates will stay high for longer.") == ["forecast"]
    assert _kinds("Analysts say this means rates will stay high.") == ["factual"]


def test_a_report_without_that_is_a_fact_not_the_authors_forecast() -> None:
    (c,) = extract("Last month the company announced it would cut 5,000 jobs.", PUB)
    assert c.kind == "factual"


def test_the_same_modal_with_a_worldly_subject_still_forecasts() -> None:
    # The rules above key on the subject and the verb, not on the modal alone.
    assert _kinds("Voters will remember the scandal at the ballot box in November.") == ["forecast"]
    assert _kinds("The court would be likely to strike the law down.") == ["forecast"]
    assert _kinds("Prices may be higher by the summer, and they will stay high.") == ["forecast"]
    assert _kinds("The regime could see its support collapse.") == ["forecast"]
    assert _kinds("It may take years for the economy to recover.") == ["forecast"]
    assert _kinds("Such a move could backfire.") == ["forecast"]


@pytest.mark.parametrize(
    ("sentence", "direction", "probability", "hedge"),
    [
        # the clause after "but" carries the final judgement, even when it opens with "that"
        ("The plan might work if the army could win outright, but that won't happen.", "denies",
         0.1, "won't"),
        # a short frame before a colon announces the claim after it
        ("One thing won't change: the rich will see the crash coming.", "affirms", 0.9, "will"),
        # an adverb right after the modal sets the odds
        ("Within weeks, they'll probably be able to write the reports themselves.", "affirms",
         0.75, "'ll probably"),
        ("The board would likely reject such an offer.", "affirms", 0.7, "would likely"),
        # ", which may be" is a relative clause, not an open question
        ("The collapse of the treaty, which may be inevitable if the talks fail, worries Oslo.",
         "affirms", 0.5, "may"),
    ],
)  # fmt: skip
def test_which_hedge_carries_the_judgement(
    sentence: str, direction: str, probability: float, hedge: str
) -> None:
    found = [c for c in extract(sentence, PUB) if c.kind == "forecast"]
    assert found, sentence
    assert (found[0].direction, found[0].hedge) == (direction, hedge)
    assert found[0].probability == pytest.approx(probability)


def test_a_sentence_opening_with_someones_words_is_a_fact_a_scare_quote_is_not() -> None:
    text = (
        "The minister left the meeting early.\n"
        "“It is going to come back to bite us.”\n"
        "“Peace” is a word the regime uses loosely."
    )
    kinds = {c.sentence[:12]: c.kind for c in extract(text, PUB)}
    assert kinds.get("“It is going") == "factual"
    assert "“Peace” is a" not in kinds


def test_a_name_opening_a_sentence_counts_as_evidence_of_a_fact() -> None:
    from claims.extract import _names

    assert _names("Germany contributed $856 million.") == 1
    assert _names("However, the fund contributed more.") == 0
    assert _names("Analysts expect more.") == 0
    assert _names("Germany and France signed the treaty in Paris.") == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "The plan, which will cost $5bn, was announced by the ministry on Monday.",
        "The bill, which would raise the minimum wage to $15, passed the House in July.",
        "The law that will take effect in January was signed by the governor in 2023.",
    ],
)
def test_a_modal_in_a_relative_clause_of_a_stated_fact_leaves_it_a_fact(sentence: str) -> None:
    assert _kinds(sentence) == ["factual"]


def test_an_acronym_is_not_a_relative_pronoun() -> None:
    from claims.extract import _in_relative_clause, _main_hedge

    sentence = "Leaving the WHO will hurt us all."
    h = _main_hedge(sentence)
    assert h is not None and not _in_relative_clause(sentence, h)
