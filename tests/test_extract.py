"""Tests for candidate extraction (claims.extract) and deadline resolution (claims.timeexpr)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claims.extract import Candidate, extract
from claims.timeexpr import find_deadline, find_time_expressions

SEEDS = sorted((Path(__file__).parent / "data" / "seeds").glob("*.txt"))


def _one(text: str, published: date | None = None) -> Candidate:
    found = extract(text, published)
    assert len(found) == 1, found
    return found[0]


# --- offsets, JSON, boilerplate on the real seeds ------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_candidate_is_an_exact_substring_at_its_offsets(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = extract(text, date(2025, 4, 3))
    assert found
    for c in found:
        assert text[c.start : c.end] == c.sentence
        assert c.sentence == c.sentence.strip()
        assert c.kind in {"forecast", "factual"}
        assert c.direction in {"affirms", "denies"}
        if c.kind == "forecast":
            assert c.probability is not None and 0 < c.probability < 1
            assert c.hedge is not None and c.hedge in c.sentence
        assert c.question.endswith("?")
    starts = [c.start for c in found]
    assert starts == sorted(starts)


def test_to_json_has_exactly_the_seven_keys() -> None:
    c = _one("The central bank will almost certainly raise rates by the end of the year.",
             date(2025, 3, 1))  # fmt: skip
    data = c.to_json()
    assert list(data) == [
        "sentence", "kind", "hedge", "direction", "probability", "deadline", "question",
    ]  # fmt: skip
    assert data["deadline"] == "2025-12-31"
    assert data["probability"] == 0.95
    assert data["hedge"] == "will almost certainly"


def test_factual_json_has_null_probability_and_deadline() -> None:
    c = _one("The ministry said on Monday that exports rose 12 percent in 2024.")
    data = c.to_json()
    assert data["kind"] == "factual"
    assert data["probability"] is None and data["hedge"] is None and data["deadline"] is None


def test_site_furniture_is_never_proposed() -> None:
    text = (SEEDS[4]).read_text(encoding="utf-8") + "\n" + SEEDS[0].read_text(encoding="utf-8")
    sentences = [c.sentence for c in extract(text)]
    for furniture in (
        "Join the Conversation",
        "Usernames may be updated",
        "Google search engine",
        "Contributor/Getty Images",
        "gestures during the Forum",
        "Ian Garner is an assistant professor",
        "HomeThe War",
        "subscriber",
    ):
        assert not any(furniture in s for s in sentences), furniture


def test_repeated_paragraphs_give_one_candidate() -> None:
    text = SEEDS[4].read_text(encoding="utf-8")
    sentences = [c.sentence for c in extract(text)]
    assert len(sentences) == len(set(sentences))
    assert sum("has to end by 2026" in s for s in sentences) == 1


def test_byline_and_bio_are_skipped() -> None:
    text = (
        "By Jane Roe, for Example Weekly\n"
        "The coalition will collapse before the budget vote.\n"
        "Jane Roe is a senior fellow at the Example Institute."
    )
    assert [c.sentence for c in extract(text)] == [
        "The coalition will collapse before the budget vote."
    ]


# --- polarity, hedges, negation -------------------------------------------------------------


def test_unlikely_denies_with_the_probability_of_unlikely() -> None:
    c = _one("While Russia is unlikely to negotiate in good faith, it still sees value in talks.")
    assert (c.kind, c.hedge, c.direction, c.probability) == (
        "forecast", "is unlikely to", "denies", 0.20,
    )  # fmt: skip
    assert c.question == "Will Russia negotiate in good faith?"


def test_will_never_is_near_zero_and_almost_certainly_near_095() -> None:
    never = _one("Moscow will never negotiate peace with Kyiv.")
    assert never.direction == "denies" and never.probability is not None
    assert never.probability < 0.05
    assert never.question == "Will Moscow negotiate peace with Kyiv?"
    sure = _one("Once talks begin, Russia will almost certainly cite the Kursk incursion.")
    assert sure.direction == "affirms" and sure.probability == 0.95
    assert sure.question == "Will Russia cite the Kursk incursion?"


def test_negated_future_asks_the_positive_question() -> None:
    c = _one("There will be no internal revolts, even as he sends recruits to die.")
    assert (c.direction, c.probability) == ("denies", 0.1)
    assert c.question == "Will there be any internal revolts?"


def test_disbelief_frame_reverses_the_claim() -> None:
    c = _one("The most obviously flawed assumption is that a ceasefire would bring peace.")
    assert c.kind == "forecast" and c.direction == "denies"
    assert c.probability == pytest.approx(0.15)
    assert c.question == "Will a ceasefire bring peace?"


def test_conditions_do_not_carry_the_hedge() -> None:
    c = _one("If the regime cannot pay its soldiers, veterans will turn against it.")
    assert c.hedge == "will" and c.direction == "affirms"
    assert c.question == "Will veterans turn against it?"


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin may believe that he can outlast the West.",
        "The army could have taken the city in March 2022.",
        "It is hard to say how the administration might respond to a broken truce.",
        "Despite his promises, nothing could be further from the truth.",
        "He lacks the political will to reform the courts.",
        "Join the conversation when you subscribe now.",
        "Why will voters forgive him?",
        "Investors must not overestimate the central bank's patience.",
    ],
)
def test_speculation_questions_and_prescriptions_are_not_forecasts(sentence: str) -> None:
    assert all(c.kind != "forecast" for c in extract(sentence))


def test_quoted_prediction_is_reported_fact_not_the_authors_forecast() -> None:
    c = _one("“Any option of freezing the conflict won't work for us,” Peskov said on Wednesday.")
    assert c.kind == "factual" and c.probability is None


def test_indirect_speech_prediction_is_reported() -> None:
    c = _one("The finance minister said that inflation will fall below 3 percent next year.")
    assert c.kind == "factual"


# --- other domains, to keep the rules general ------------------------------------------------


def test_election_forecasts() -> None:
    text = (
        "Polls closed in the primary on Tuesday, and the incumbent won 54 percent of the vote.\n"
        "The challenger is highly unlikely to win the general election in November.\n"
        "Turnout will probably exceed 70% in the swing states.\n"
        "Voters deserve better than this."
    )
    found = extract(text, date(2024, 6, 5))
    kinds = [(c.kind, c.direction, c.probability) for c in found]
    assert kinds == [
        ("factual", "affirms", None),
        ("forecast", "denies", 0.05),
        ("forecast", "affirms", 0.75),
    ]
    assert found[1].deadline == date(2024, 11, 30)
    assert found[1].question == (
        "Will the challenger win the general election in November by 2024-11-30?"
    )


def test_market_forecasts_and_deadlines() -> None:
    text = (
        "Oil prices fell 8 percent last week after OPEC announced higher output.\n"
        "Analysts expect volatility. Brent could drop below $60 within three weeks.\n"
        "The Fed won't cut rates this spring."
    )
    found = [c for c in extract(text, date(2025, 3, 10)) if c.kind == "forecast"]
    assert [(c.hedge, c.direction, c.deadline) for c in found] == [
        ("could", "affirms", date(2025, 3, 31)),
        ("won't", "denies", date(2025, 5, 31)),
    ]
    assert found[1].question == "Will the Fed cut rates this spring by 2025-05-31?"


def test_deadline_from_a_neighbouring_sentence() -> None:
    text = "Talks resume in Geneva next month. The two sides will sign a truce."
    c = next(c for c in extract(text, date(2025, 1, 15)) if c.kind == "forecast")
    assert c.deadline == date(2025, 2, 28)


def test_factual_negation_denies() -> None:
    c = _one("The Kremlin has not announced a new mobilisation since September 2022.")
    assert c.kind == "factual" and c.direction == "denies"


# --- time expressions ------------------------------------------------------------------------

PUB = date(2025, 4, 3)  # a Thursday


@pytest.mark.parametrize(
    ("phrase", "deadline"),
    [
        ("the war has to end by 2026", date(2026, 12, 31)),
        ("by the end of 2026", date(2026, 12, 31)),
        ("before 2027", date(2026, 12, 31)),
        ("this spring", date(2025, 5, 31)),
        ("next spring", date(2026, 5, 31)),
        ("this winter", date(2026, 2, 28)),
        ("by summer 2026", date(2026, 8, 31)),
        ("within three weeks", date(2025, 4, 24)),
        ("in the next 6 months", date(2025, 10, 3)),
        ("over the next two years", date(2027, 4, 3)),
        ("in the coming weeks", date(2025, 5, 29)),
        ("in the coming months", date(2025, 10, 3)),
        ("by the end of the year", date(2025, 12, 31)),
        ("next year", date(2026, 12, 31)),
        ("by the end of next year", date(2026, 12, 31)),
        ("next month", date(2025, 5, 31)),
        ("this week", date(2025, 4, 6)),
        ("by March", date(2026, 3, 31)),
        ("by the end of May", date(2025, 5, 31)),
        ("before June", date(2025, 5, 31)),
        ("by March 15, 2026", date(2026, 3, 15)),
        ("by 15 March", date(2026, 3, 15)),
        ("by Q3 2026", date(2026, 9, 30)),
        ("by the end of the decade", date(2029, 12, 31)),
        ("tomorrow", date(2025, 4, 4)),
        ("on Tuesday", date(2025, 4, 8)),
        ("by Christmas", date(2025, 12, 25)),
    ],
)
def test_time_expressions_resolve(phrase: str, deadline: date) -> None:
    found = find_deadline(f"Something will happen {phrase}.", PUB)
    assert found is not None, phrase
    assert found.deadline == deadline
    assert found.text.lower() in phrase.lower()


@pytest.mark.parametrize(
    "phrase",
    ["before the election", "soon", "in 2024", "the winter offensive", "35 percent", "in May 2024"],
)
def test_unresolvable_or_past_expressions_give_no_deadline(phrase: str) -> None:
    assert find_deadline(f"It happened {phrase}.", PUB) is None


def test_without_a_publication_date_only_absolute_expressions_resolve() -> None:
    assert [t.deadline for t in find_time_expressions("by 2026, next year, this spring", None)] == [
        date(2026, 12, 31)
    ]
