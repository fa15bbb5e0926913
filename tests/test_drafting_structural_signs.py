"""Structural signs that a draft needs rewording, so the gate withholds it: a time of the claim's own
beside the deadline, an adverb of manner or degree before the verb, a reason kept in the question, a
question cut where the next clause starts, a course that goes on ("continue to"), a state of degree
with no measure ("be stable"), capitals broken, a name where the verb belongs, a measure aside left
out, "make it impossible for X to", a hedge adjective in a list, a headline's grammar, an
alternative opened by "Or", a hedge in a "when" relative clause, a condition that runs on into the
predicate; each with look-alikes that must
still be offered.
Sentences written for these tests. Pure: no database."""

from __future__ import annotations

import pytest

from claims.drafting import casing_note, gate_note
from tests.drafting_reading import offered_question, withheld_note

_OWN_TIME = "time of its own"
_REASON = "reason"
_GOES_ON = "a state that lasts"
_DEGREE = "state of degree"


@pytest.mark.parametrize(
    ("sentence", "says"),
    [
        # a time of the claim's own beside the deadline
        ("The mayor's corruption trial will end in a conviction before Election Day.", _OWN_TIME),
        ("The shop will stay open ahead of Christmas Eve.", _OWN_TIME),
        ("Copper prices will climb through the year as new mines stall.", _OWN_TIME),
        ("The regional economy will stagnate for another three years.", _OWN_TIME),
        ("The striker will leave the club at the end of the season.", _OWN_TIME),
        ("The new cabinet will cut fuel subsidies during the first months of its term.", _OWN_TIME),
        ("The harbour bridge will be around October finished.", _OWN_TIME),
        ("Fusion power will reach the grid around 2040.", _OWN_TIME),
        ("Quantum computers will break common encryption in the late 2030s.", _OWN_TIME),
        ("The union will strike on Fridays for the rest of the year.", _OWN_TIME),
        (
            "The festival will move its final concert to Sunday, 18 December, within the next "
            "three months.",
            _OWN_TIME,
        ),
        # an adverb of manner or degree before the verb
        ("The opposition will quietly drop its demand for a recount.", "'quietly'"),
        ("The central bank will swiftly reverse its rate rise.", "'swiftly'"),
        ("Investors will scarcely notice the new rules.", "'scarcely'"),
        ("Higher tariffs will negatively affect exporters in the north.", "'negatively'"),
        # a reason kept in the question
        ("Rice prices will rise above $600 a tonne, due in part to the failed monsoon.", _REASON),
        ("The senator will win the primary for a simple reason: she has the money.", _REASON),
        ("The factory will close owing to weak demand.", _REASON),
        # cut where the next clause starts, its subject left at the end
        (
            "Though the BJP will not win a majority in the upper house, Sharma and his deputy have "
            "shown how bills can pass.",
            "next clause",
        ),
        # a course under way that goes on
        ("Global sea levels will continue to rise.", _GOES_ON),
        ("Food prices will go on climbing.", _GOES_ON),
        ("Bond yields will continue to be a drag on growth.", _GOES_ON),
        # a state of degree with no measure
        ("The currency will be stable.", _DEGREE),
        ("Growth in the euro area will be sluggish.", _DEGREE),
        ("Voter turnout in the city will be rather disappointing.", _DEGREE),
        # a name where the verb belongs (a pick read as a predicate)
        (
            "Picking the league winner was hard for me, but I am going for Liverpool.",
            "where the predicate's verb belongs",
        ),
        # a measure set off by commas, left out
        ("Core inflation, measured by the PCE index, will fall below 2.5%.", "measure"),
        ("Unemployment, as defined by the ILO, will rise above 6%.", "measure"),
        # the event framed by a difficulty
        (
            "The new tariffs will make it impossible for the Senate to pass the farm bill.",
            "make it impossible",
        ),
        ("The reform will make it easier for small firms to hire.", "make it impossible"),
        # a hedge adjective on a noun in a list of a factual sentence
        ("Voters liked the senator’s plain talk, likely wealth and golden towers.", "a list"),
        # a headline's grammar
        ("Governor Smith set to win second term", "a headline"),
        # an alternative beside a course set out before
        ("Or the central bank will cut rates in June.", "an alternative"),
        ("Or, perhaps, the premier will call an early election.", "alternative"),
        # a "when" read as a condition that runs on into the predicate
        (
            "The tournament will kick off when the hosts take on Ecuador and end with the final.",
            "runs into the predicate",
        ),
    ],
)
def test_a_sign_that_the_draft_needs_rewording_withholds_it(sentence: str, says: str) -> None:
    note = withheld_note(sentence)
    assert says in note, note


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        # a stated deadline is taken out of the predicate, not left beside it
        ("The striker will leave the club by the end of next year.", "Will the striker leave"),
        # a place "before" a body is no time
        ("The minister will testify before Congress.", "testify before Congress by"),
        # a past span belongs to the event's description
        ("The tariff will undo the gains of the past two years.", "gains of the past two years"),
        # "May" the name is no month
        ("Theresa May will resign.", "Will Theresa May resign"),
        # an adverb after the verb is part of the event
        ("The treaty will be fully ratified.", "be fully ratified"),
        # a focus or stance adverb is dropped by drafting, as before
        ("The union will finally accept the offer.", "Will the union accept the offer"),
        # "only" is no adverb of manner
        ("The company will only sell its stake in the mine.", "sell its stake"),
        # "because of ..." at the end is cut by drafting
        ("The airline will cut routes because of the fuel costs.", "cut routes by"),
        # the cause as the subject, the event as the predicate
        ("The failed monsoon will push rice prices above $600 a tonne.", "push rice prices"),
        # ", and Spain" ends a list inside the predicate; no clause starts there
        ("The storm will hit Portugal, France, and Spain.", "hit Portugal, France, and Spain by"),
        # "keep" with an object is an event (holding on to it), not a course going on
        ("The ruling party will keep its majority.", "keep its majority by"),
        # a state with its own measure or end, or an office, is no state of degree
        ("The ceasefire will be over.", "be over by"),
        ("Kamala Harris will be president.", "be president by"),
        ("Mortgage rates will be higher than seven per cent.", "higher than seven per cent by"),
        # a name after "be" is the predicate's complement, not a misplaced verb
        ("The Democratic nominee will be Gavin Newsom.", "be Gavin Newsom by"),
        # a measure kept in the question
        ("Inflation measured by CPI will fall below 3%.", "inflation measured by CPI fall"),
        # a calendar day that sets the deadline is taken out of the question
        ("The vote will take place on 12th November.", "Will the vote take place by 2024-11-12"),
        # "set to" after "is", and "likely to" after "and": running text, not a headline
        ("Governor Smith is set to win a second term.", "Will Governor Smith win a second term by"),
        ("Bond yields are high, and likely to rise further.", "rise further by"),
        # "Ordinary" opens with "Or" but is no alternative
        ("Ordinary voters will reject the plan.", "Will ordinary voters reject the plan by"),
        # "once and for all" is no condition, and a real "when" condition stays after the deadline
        ("Labour will settle the leadership question once and for all.", "once and for all by"),
        ("When the war ends, Russia will rebuild its army.", "by 2025-03-01 when the war ends?"),
    ],
)
def test_look_alikes_of_the_signs_are_offered(sentence: str, part: str) -> None:
    question = offered_question(sentence)
    assert part in question, question


@pytest.mark.parametrize(
    ("sentence", "body", "says"),
    [
        # a name's word lower-cased
        (
            "The New England Patriots will beat the Dallas Cowboys in the final.",
            "the new England Patriots beat the Dallas Cowboys in the final",
            "'new'",
        ),
        # a word that is never a name keeps the sentence's capital
        (
            "Whoever wins the primary will lose the general election.",
            "Whoever wins the primary lose the general election",
            "'Whoever'",
        ),
    ],
)
def test_broken_capitals_withhold_the_draft(sentence: str, body: str, says: str) -> None:
    note = casing_note(sentence, body)
    assert note and says in note, note


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        # the capitals kept as the sentence writes them
        (
            "The New England Patriots will beat the Dallas Cowboys in the final.",
            "the New England Patriots beat the Dallas Cowboys in the final",
        ),
        # a headline's title-case capitals are taken off on purpose, and a name kept beside them
        (
            "Higher Rates Will Hit Savers Across The UK",
            "higher rates hit savers across the UK",
        ),
        (
            "Tariffs On Chinese Steel Will Hurt Ford Dealers",
            "tariffs on Chinese steel hurt Ford dealers",
        ),
        (
            "Higher Rates Will Hit Savers Across The Country",
            "higher rates hit savers across the country",
        ),
        # the sentence writes the word in lower case too
        (
            "The New Democrats will offer new housing money.",
            "the New Democrats offer new housing money",
        ),
    ],
)
def test_capitals_as_the_sentence_writes_them_pass(sentence: str, body: str) -> None:
    assert casing_note(sentence, body) is None


def test_a_hedge_in_a_when_relative_clause_is_withheld() -> None:
    sentence = (
        "Prices will stay high, especially in April when the energy cap will be lowered sharply."
    )
    at = sentence.rindex("will")
    question = "Will the energy cap be lowered sharply by 2024-04-30?"
    note = gate_note(sentence, question, "will", at, None)
    assert note and "relative clause" in note, note
    # look-alike: the main clause's hedge, before the "when" clause, is not inside it
    question = "Will prices stay high by 2025-03-01?"
    assert gate_note(sentence, question, "will", sentence.index("will"), None) is None


def test_a_relative_clause_on_a_name_is_withheld() -> None:
    note = withheld_note("The senator will lose to Maria Lopez who is running for the third time.")
    assert "on a name" in note, note
    # look-alike: a restrictive clause on a common noun says which ones, and is not this sign
    sentence = "The council will back residents who oppose the tower."
    question = "Will the council back residents who oppose the tower by 2026-03-01?"
    note = gate_note(sentence, question, "will", sentence.index("will"), None) or ""
    assert "on a name" not in note, note
