"""Drafting fixes of the sixth round (issue 12, Deliver 4): a sentence's own full stop or a stray space
left in the predicate, a subject opening after a quote mark read as a name, and drafts whose sentence
was run together or cut short withheld. Each class is tested on made-up sentences, with look-alikes
that must stay as they are. Pure: no database."""

from __future__ import annotations

from datetime import date

import pytest

from claims.drafting import draft_note, withheld
from claims.extract import extract

PUB = date(2025, 3, 1)


def _question(text: str, sentence_start: str) -> tuple[str, str | None]:
    c = next(
        c
        for c in extract(text, PUB)
        if c.kind == "forecast" and c.sentence.startswith(sentence_start)
    )
    return c.question, c.note


# --- the predicate's own punctuation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "question"),
    [
        (
            "The ferries will be run by the port authority. (That is why fares will rise).",
            "The ferries",
            "Will the ferries be run by the port authority by 2026-03-01?",
        ),
        (
            "The new vaccine will reach half the region in the next few months, and most of the "
            "capital.",
            "The new vaccine",
            "Will the new vaccine reach half the region, and most of the capital by 2025-06-01?",
        ),
    ],
)
def test_sentence_full_stop_and_stray_space_leave_the_predicate(
    text: str, start: str, question: str
) -> None:
    assert _question(text, start)[0] == question


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Output will peak in the U.S. next month.", "peak in the U.S. by 2025-04-30?"),
        ("The merger will create a bigger Acme Inc. next year.", "Acme Inc. by 2026-12-31?"),
    ],
)
def test_an_abbreviation_keeps_its_full_stop(text: str, end: str) -> None:
    assert _question(text, text.split()[0])[0].endswith(end)


# --- a sentence opening after a quote mark ----------------------------------------------------


def test_a_word_after_an_opening_quote_is_not_mid_sentence() -> None:
    text = (
        "Unemployment and wages will both rise this year. "
        "“Unemployment will climb, the minister said. Youth unemployment is high."
    )
    assert _question(text, "Unemployment and")[0] == (
        "Will unemployment and wages both rise by 2025-12-31?"
    )


def test_a_name_written_mid_sentence_stays_capitalised() -> None:
    text = "Ridgeway and Hollins will merge this year. Shares in Ridgeway rose on the news."
    assert _question(text, "Ridgeway")[0].startswith("Will Ridgeway and Hollins merge")


# --- drafts run together or cut short are withheld ---------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        # a time phrase or a linking adverb where the subject belongs
        "Will after some years actually cause a fall in prices by 2026-03-01?",
        "Will thus push the council to raise taxes by 2026-03-01?",
        "Will before the vote collapse by 2026-03-01?",
        # a negated contraction left after "Will"
        "Will the mayor won’t go far enough to please them by 2026-03-01?",
        # an ellipsis, a new clause after "but", a second event after ", and then"
        "Will the best-selling car be an electric one...first in Oslo by 2026-03-01?",
        "Will the drought end in spring but the summer bring floods by 2026-03-01?",
        "Will the fever spread to half the region, and then fade by 2026-03-01?",
        # an auxiliary with its verb cut off; an infinitive after a name
        "Will the new tariff do by 2026-03-01?",
        "Will Measles to return by 2026-03-01?",
        "Will Measles To Return by 2026-03-01?",
    ],
)
def test_run_together_drafts_are_withheld(question: str) -> None:
    assert withheld(draft_note(question))


@pytest.mark.parametrize(
    "question",
    [
        "Will over 50 people be arrested by 2026-03-01?",
        "Will under-25s get free bus passes by 2026-03-01?",
        "Will the House gain seats but stay in the same hands by 2026-03-01?",
        "Will the strike end before the budget is passed by 2026-03-01?",
        "Will the festival be postponed by 2026-03-01?",
        "Will Norway go to the polls by 2026-03-01?",
        "Will the fever spread to half the region and fade by 2026-03-01?",
    ],
)
def test_look_alikes_are_offered(question: str) -> None:
    assert not withheld(draft_note(question))


def test_sooner_than_later_sets_no_date() -> None:
    text = "The new rules will take hold sooner rather than later."
    assert withheld(_question(text, "The new rules")[1])


# --- conditions: an appositive "once a ..." is none; a condition cut short withholds ------------


def test_once_an_earlier_role_is_no_condition() -> None:
    text = "The harbour, once a haven for smugglers, will be turned into a marina next year."
    c = next(c for c in extract(text, PUB) if c.kind == "forecast")
    assert c.condition is None
    assert c.question == "Will the harbour be turned into a marina by 2026-12-31?"


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        (
            "The harbour, once the dredging is done, will reopen next year.",
            "once the dredging is done",
        ),
        ("Once a deal is signed, the harbour will reopen.", "Once a deal is signed"),
    ],
)
def test_once_with_a_clause_is_still_a_condition(text: str, condition: str) -> None:
    c = next(c for c in extract(text, PUB) if c.kind == "forecast")
    assert c.condition == condition


def test_a_condition_cut_short_withholds_the_draft() -> None:
    text = (
        "The mayor is likely to hold the seat even if Brandt and Oyelaran are backing her rival "
        "as the north will be for grabs."
    )
    c = next(c for c in extract(text, PUB) if c.kind == "forecast")
    assert c.condition == "if Brandt"
    assert withheld(c.note)


def test_a_short_whole_condition_is_kept() -> None:
    c = next(c for c in extract("If re-elected, the mayor will not raise fares.", PUB))
    assert c.condition == "If re-elected"
    assert not withheld(c.note)


# --- the gate: a perfect, a comma relative clause, "find it difficult" --------------------------


def _gated(sentence: str, hedge: str) -> str | None:
    c = next(c for c in extract(sentence, PUB) if c.kind == "forecast")
    assert c.hedge is not None and c.hedge.lower().startswith(hedge)
    return c.note


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("The rot in the party may well have been started by its last leader.", "may"),
        ("The governor will have served three terms by then, which the law forbids.", "will"),
        ("The mayor will win the district, where her rival appears to lead in polls.", "will"),
    ],
)
def test_gate_withholds_perfects_comma_relatives_and_difficulty(sentence: str, hedge: str) -> None:
    assert withheld(_gated(sentence, hedge))


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("The chairman may find it difficult to keep his seat.", "Will the chairman keep his seat"),
        ("The union may find it hard to win the ballot.", "Will the union win the ballot"),
    ],
)
def test_difficulty_after_a_modal_is_read_whole_and_asks_the_event(
    sentence: str, question: str
) -> None:
    # "may find it difficult to" is one phrase of the hedge table (0.32 against the event), as "will
    # find it hard to" is, so the draft asks the event itself, not whether it is found difficult.
    c = next(c for c in extract(sentence, PUB) if c.kind == "forecast")
    assert (c.direction, c.probability) == ("denies", 0.32)
    assert c.question.startswith(question + " by ")
    assert not withheld(c.note)


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("Commuters who have moved to the coast will return to the city next year.", "will"),
        ("The mayor will have to resign next year.", "will"),
        ("The mayor will win the district where her rival grew up.", "will"),
    ],
)
def test_gate_offers_look_alikes(sentence: str, hedge: str) -> None:
    assert not withheld(_gated(sentence, hedge))


def test_not_just_left_inside_withholds() -> None:
    note = _gated("The border will stay open not just for trade, but for tourists.", "will")
    assert withheld(note)


# --- a particle before a time phrase with its own preposition ---------------------------------


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Higher rates will feed through over the next two quarters.", date(2025, 9, 1)),
        ("The reforms will pass through within three weeks.", date(2025, 3, 22)),
    ],
)
def test_a_particle_does_not_make_a_phrase_look_back(text: str, deadline: date) -> None:
    c = next(c for c in extract(text, PUB) if c.kind == "forecast")
    assert c.deadline == deadline
    assert c.deadline_basis == "stated"


def test_through_the_year_already_past_still_looks_back() -> None:
    c = next(
        c
        for c in extract("Prices, which have risen through this year, will fall.", PUB)
        if c.kind == "forecast"
    )
    assert c.deadline_basis == "default"


# --- "might" with no condition rests on a case stated elsewhere ---------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The new board might cut the bus budget next year.",
        "The regulator might well fine the bank next year.",
        "The new owner might even move the headquarters to Leeds next year.",
    ],
)
def test_might_with_no_condition_withholds(sentence: str) -> None:
    assert withheld(_gated(sentence, "might"))


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("If the levy fails, the council might cut the bus budget next year.", "might"),
        ("The council may cut the bus budget next year.", "may"),
        ("The council could cut the bus budget next year.", "could"),
    ],
)
def test_might_with_a_condition_and_other_modals_pass(sentence: str, hedge: str) -> None:
    assert not withheld(_gated(sentence, hedge))
