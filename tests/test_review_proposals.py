"""What the extract review proposes, without a database: keys, tags, kind after an edit, criteria
wording, registered sentences and the open questions a candidate bears on (claims.proposals,
claims.related)."""

from __future__ import annotations

from datetime import date

from claims.proposals import (
    criteria_prompt,
    propose_key,
    propose_tags,
    proposed_criteria,
    settle_kind,
)
from claims.register import _KEY
from claims.related import OpenQuestion, bearing, quote_key, registered_index


def test_key_is_a_valid_slug_from_content_words_and_the_year() -> None:
    key = propose_key("Will Putin agree to a 30-day ceasefire by 2025-12-31?", date(2025, 12, 31))
    assert key == "putin-agree-30-day-ceasefire-2025"
    assert _KEY.match(key)
    taken = {key, key + "-2"}
    assert propose_key("Will Putin agree to a 30-day ceasefire?", date(2025, 6, 1), taken) == (
        key + "-3"
    )
    assert _KEY.match(propose_key("Will ‘Ünïcode’ — things — happen?", None))


def test_tags_reuse_the_ledgers_tags_and_the_names_in_the_question() -> None:
    tags = propose_tags(
        "Will the European Central Bank cut rates by 2025-12-31?",
        "The ECB will cut interest rates again.",
        known=["rates", "elections", "interest"],
    )
    assert tags == ["interest", "rates", "european-central-bank"]


def test_kind_follows_the_edit() -> None:
    assert settle_kind("factual", deadline=date(2026, 1, 1), probability=0.6) == "forecast"
    assert settle_kind("factual", deadline=None, probability=0.6) == "factual"
    assert settle_kind("forecast", deadline=None, probability=None) == "forecast"


def test_criteria_prompt_names_the_outcomes_of_the_kind() -> None:
    assert "YES or NO" in criteria_prompt("forecast")
    assert "TRUE, FALSE, MISLEADING or UNVERIFIABLE" in criteria_prompt("factual")
    assert proposed_criteria("forecast", "if the army takes the port").startswith(
        "Conditional on: if the army takes the port"
    )
    assert proposed_criteria("factual", "if x") == ""


QUESTIONS = [
    OpenQuestion("q1", "ecb-cut", "Will the ECB cut its deposit rate below 2% by 2025-12-31?", "forecast"),
    OpenQuestion("q2", None, "Will Russia and Ukraine agree a ceasefire by 2025-12-31?", "forecast"),
    OpenQuestion("q3", None, "Is it true that the ECB raised rates in 2023?", "factual"),
]  # fmt: skip


def test_bearing_ranks_the_question_about_the_same_event_first() -> None:
    found = bearing(
        "Will the ECB cut the deposit rate again this year? The ECB will cut the deposit rate.",
        QUESTIONS,
    )
    assert found and found[0].question.id == "q1"
    assert {"deposit", "cut", "ecb"} <= set(found[0].shared)
    assert all(r.question.id != "q2" for r in found)


def test_bearing_proposes_nothing_for_an_unrelated_candidate() -> None:
    assert bearing("Will turnout in the Czech election exceed 60 percent?", QUESTIONS) == []
    assert bearing("", QUESTIONS) == []


def test_registered_quotes_match_across_spacing_quotes_and_case() -> None:
    index = registered_index([("c1", "Russia  will ‘never’ negotiate.", QUESTIONS[1])])
    assert quote_key("russia will 'never'\nnegotiate.") in index
    assert index[quote_key("Russia will 'never' negotiate.")][0].claim_id == "c1"
