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


def test_to_json_has_the_documented_keys() -> None:
    c = _one("The central bank will almost certainly raise rates by the end of the year.",
             date(2025, 3, 1))  # fmt: skip
    data = c.to_json()
    assert list(data) == [
        "sentence", "kind", "hedge", "direction", "probability", "deadline", "question",
        "condition", "deadline_basis", "note",
    ]  # fmt: skip
    assert data["deadline_basis"] == "stated" and data["condition"] is None
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
    assert sure.question == "Will Russia cite the Kursk incursion once talks begin?"


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
    assert c.question == "Will veterans turn against it if the regime cannot pay its soldiers?"
    assert c.condition == "If the regime cannot pay its soldiers"


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
    assert found[1].question == ("Will the challenger win the general election by 2024-11-30?")


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
    assert found[1].question == "Will the Fed cut rates by 2025-05-31?"


def test_a_neighbours_date_dates_the_neighbour_not_the_forecast() -> None:
    # "next month" is when the talks resume, not when a truce is due: the default horizon applies.
    text = "Talks resume in Geneva next month. The two sides will sign a truce."
    c = next(c for c in extract(text, date(2025, 1, 15)) if c.kind == "forecast")
    assert (c.deadline, c.deadline_basis) == (date(2026, 1, 15), "default")


def test_a_date_inside_the_condition_is_not_the_deadline() -> None:
    text = "If the talks fail by March 2025, the army will launch a new offensive."
    c = next(c for c in extract(text, date(2025, 1, 15)) if c.kind == "forecast")
    assert c.condition == "If the talks fail by March 2025"
    assert (c.deadline, c.deadline_basis) == (date(2026, 1, 15), "default")


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
        ("by the end of the next decade", date(2039, 12, 31)),
        ("over the next decade", date(2035, 4, 3)),
        ("in the coming decade", date(2035, 4, 3)),
        ("within two decades", date(2045, 4, 3)),
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


# --- the failure categories of issue 12, in new wording -----------------------------------------

PUB_2025 = date(2025, 3, 10)


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("We do not expect the central bank to cut rates.", "denies", 0.25),
        ("Don't expect the coalition to survive the winter.", "denies", 0.25),
        ("We expect turnout to fall sharply.", "affirms", 0.75),
        ("The dispute is unresolvable as long as the founder runs the board.", "denies", 0.03),
        ("These two positions remain fundamentally irreconcilable.", "denies", 0.03),
        ("It is almost inconceivable that the party will win a majority.", "denies", 0.03),
        ("We are certain that the regulator is not interested in a settlement.", "denies", 0.05),
        ("There can be no trade deal while the tariffs stand.", "denies", 0.05),
        ("The reform is doomed to fail.", "affirms", 0.95),
        ("The merger is bound to collapse under its own weight.", "affirms", 0.95),
        ("A recession next year is a real possibility.", "affirms", 0.45),
        ("The senator would likely accept the deal, but she will never endorse the bill.",
         "denies", 0.03),
        ("The board has no confidence the chief executive will meet the target.", "denies", 0.1),
        ("Neither the union nor the owners will give ground.", "denies", 0.1),
    ],
)  # fmt: skip
def test_forecasts_without_a_plain_modal_and_their_polarity(
    sentence: str, direction: str, probability: float
) -> None:
    c = _one(sentence, PUB_2025)
    assert c.kind == "forecast", sentence
    assert (c.direction, c.probability) == (direction, pytest.approx(probability)), sentence


def test_a_question_answered_at_once_is_a_forecast() -> None:
    found = extract("Will the truce hold this summer? No. Both armies are rearming.", PUB_2025)
    c = found[0]
    assert (c.kind, c.direction, c.probability) == ("forecast", "denies", 0.1)
    assert c.question == "Will the truce hold by 2025-08-31?"


def test_a_why_question_answered_with_because_presupposes_the_event() -> None:
    found = extract(
        "Why would the world tip into recession in 2024? Because rates are high. "
        "Will peace follow? Probably not.",
        date(2023, 12, 1),
    )
    assert [(c.kind, c.direction, c.question) for c in found if c.kind == "forecast"] == [
        ("forecast", "affirms", "Will the world tip into recession by 2024-12-31?"),
        ("forecast", "denies", "Will peace follow by 2024-11-30?"),
    ]


def test_why_headline_is_a_forecast() -> None:
    c = _one("Here's why there will be a recession", PUB_2025)
    assert c.kind == "forecast" and c.question.startswith("Will there be a recession by ")


@pytest.mark.parametrize(
    "sentence",
    [
        "Calling the result a setback would be an understatement.",
        "I will always support the former.",
        "The rebels may have lost as many as 5,000 fighters so far.",
        "Critics dismiss the assertion that the company cannot survive.",
        "The main factor was most likely the low turnout.",
        "Analysts expect volatility in the bond market.",
        "In 2019 I wrote that the euro would never survive the crisis.",
    ],
)
def test_stance_past_modals_and_described_positions_are_not_forecasts(sentence: str) -> None:
    assert all(c.kind != "forecast" for c in extract(sentence, PUB_2025)), sentence


# --- drafting -------------------------------------------------------------------------------------


def test_condition_is_kept_in_the_question() -> None:
    c = _one(
        "If the army manages to capture the port, then the government will agree to a 30-day truce.",
        PUB_2025,
    )
    assert c.condition == "If the army manages to capture the port"
    assert c.question == (
        "Will the government agree to a 30-day truce by 2026-03-10 "
        "if the army manages to capture the port?"
    )


def test_default_horizon_is_stated_and_past_phrases_never_set_a_deadline() -> None:
    c = _one("The central bank raised rates earlier this week and will raise them again.", PUB_2025)
    assert c.deadline == date(2026, 3, 10) and c.deadline_basis == "default"
    assert find_deadline("It happened earlier this week.", PUB_2025) is None
    assert find_deadline("It happened last Tuesday, two weeks ago.", PUB_2025) is None


def test_the_time_phrase_is_not_repeated_and_names_keep_their_capitals() -> None:
    text = "The Russian-Ukrainian war began in 2022.\nThe Russian-Ukrainian war will end in 2025."
    c = next(c for c in extract(text, PUB_2025) if c.kind == "forecast")
    assert c.question == "Will the Russian-Ukrainian war end by 2025-12-31?"


def test_subject_of_a_clause_behind_a_frame() -> None:
    c = _one("It's clear that the board has no confidence the chief executive will accept the offer.",
             PUB_2025)  # fmt: skip
    assert c.question == "Will the chief executive accept the offer by 2026-03-10?"
    assert c.direction == "denies"


def test_sentence_adverb_is_not_in_a_factual_question() -> None:
    c = _one("Additionally, the ministry said on Monday that exports rose 12 percent in 2024.")
    assert c.question.startswith("Is it true that the ministry said")
