"""Classes of English construction the extractor reads (claims.extract), one test per rule class,
each with two unrelated sentences written for these tests (not taken from the labelled op-eds)."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extract import extract
from claims.hedges import find_hedges, lookup

PUB = date(2024, 5, 1)


def _one(text: str) -> tuple[str, str | None, float | None]:
    """(kind, direction, probability) of the only candidate, or ("none", None, None)."""
    found = extract(text, PUB)
    if not found:
        return ("none", None, None)
    assert len(found) == 1, [c.sentence for c in found]
    c = found[0]
    return (c.kind, c.direction if c.kind == "forecast" else None, c.probability)


def _kinds(text: str) -> list[str]:
    return [c.kind for c in extract(text, PUB)]


# --- questions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Will the mayor run again? Will her deputy stand instead? Will turnout fall?",
        "Can the league survive a second lockout? Will the players accept the cap?",
    ],
)
def test_a_question_followed_by_another_question_is_not_answered(text: str) -> None:
    assert "forecast" not in _kinds(text)


def test_a_question_answered_at_once_is_still_a_forecast() -> None:
    assert _kinds("Will the truce hold? Almost certainly not.")[0] == "forecast"


# --- bylines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "By comparison, the second-largest port handled 4.2 million containers in 2022.",
        "By contrast, exports to Japan fell 12% last year.",
    ],
)
def test_by_opening_a_sentence_is_no_byline(sentence: str) -> None:
    assert _kinds(sentence) == ["factual"]


def test_a_byline_is_still_layout() -> None:
    assert _kinds("By Jane Harlow and Tom Okafor") == []


# --- hedge phrases the table lacked ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("The new runway is slated to open in the spring.", "affirms", 0.8),
        ("The governing party is on course for a heavy defeat.", "affirms", 0.8),
        ("The project is predestined to fail.", "affirms", 0.95),
        ("Copper is not ever going back to its old price.", "denies", 0.03),
        ("All signs point to a narrow win for the incumbent.", "affirms", 0.68),
        ("The evidence points towards a slower recovery next year.", "affirms", 0.68),
        ("The coalition will struggle to pass a budget this autumn.", "denies", 0.32),
        ("Drivers should expect delays on the bridge through the summer.", "affirms", 0.75),
        ("Savers can expect lower rates by the end of the year.", "affirms", 0.75),
    ],
)
def test_hedge_phrases_read_as_the_labelling_rules_say(
    sentence: str, direction: str, probability: float
) -> None:
    assert _one(sentence) == ("forecast", direction, pytest.approx(probability))


def test_a_pick_phrase_is_a_table_entry() -> None:
    entry = lookup("my pick")
    assert entry is not None and entry.probability == 0.75


# --- "we will see" + an event ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "direction"),
    [
        ("We won't see a recovery in tourism until 2026.", "denies"),
        ("We will see higher mortgage rates by the spring.", "affirms"),
        ("Three reasons why we won't see a crash in used-car prices", "denies"),
    ],
)
def test_we_will_see_an_event_is_a_forecast(sentence: str, direction: str) -> None:
    kind, got, _ = _one(sentence)
    assert (kind, got) == ("forecast", direction)


@pytest.mark.parametrize(
    "sentence",
    ["As we will see, the survey tells another story.", "We will see that the plan fails."],
)
def test_we_will_see_about_the_text_is_still_the_writers_voice(sentence: str) -> None:
    assert "forecast" not in _kinds(sentence)


# --- connectives and the writer's conduct -----------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "In which case the central bank will raise rates again.",
        "In which case the smaller parties will lose their seats.",
    ],
)
def test_in_which_case_is_a_connective(sentence: str) -> None:
    assert _one(sentence)[:2] == ("forecast", "affirms")


@pytest.mark.parametrize(
    "sentence",
    [
        "I'm going to say something unpopular about the budget.",
        "I am going to put my cards on the table.",
    ],
)
def test_im_going_to_is_the_writers_conduct(sentence: str) -> None:
    assert "forecast" not in _kinds(sentence)


# --- polarity --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        # a negated that-clause under a negative hedge: a double negation
        ("Given the drought, it's hard to imagine that food prices won't rise.", "affirms", 0.88),
        ("It is hard to imagine that the league will not expand.", "affirms", 0.88),
        # an adverb of possibility over a negated clause
        ("Perhaps the talks will not resume this year.", "denies", 0.55),
        ("Maybe the strikers won't return to work.", "denies", 0.55),
        # litotes: "not far off" means soon
        ("A cut in interest rates won't be far off.", "affirms", 0.9),
        ("The rest of the industry won't be far behind.", "affirms", 0.9),
        # a named danger or possibility
        ("The risk is that the regulator will overreact.", "affirms", 0.45),
        ("A second possibility is that voters will stay at home.", "affirms", 0.45),
    ],
)
def test_polarity_classes(sentence: str, direction: str, probability: float) -> None:
    assert _one(sentence) == ("forecast", direction, pytest.approx(probability))


# --- "can" -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The party can win a majority at the next election.",
        "Solar power can overtake coal within a decade.",
    ],
)
def test_can_about_a_future_outcome_reads_like_could(sentence: str) -> None:
    assert _one(sentence) == ("forecast", "affirms", pytest.approx(0.45))


@pytest.mark.parametrize(
    "sentence",
    [
        "Investors can lose money on government bonds, as 2022 showed.",
        "Small farms can sell directly to 300 local shops in the region.",
    ],
)
def test_can_as_an_ability_is_not_a_fact(sentence: str) -> None:
    assert _kinds(sentence) == []


def test_can_in_reported_words_is_still_a_report() -> None:
    assert _kinds("The company said in March it can deliver 400 buses.") == ["factual"]


def test_one_can_is_the_writers_voice() -> None:
    assert _kinds("One can get a sense of his plans from the 2019 manifesto.") != ["forecast"]


# --- facts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The central bank wants lower inflation, as officials said in 2023.",
        "Lenders in Ohio know the risks well after 2008.",
    ],
)
def test_a_mind_described_is_not_a_fact(sentence: str) -> None:
    assert _kinds(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    ["Mortgage rates are climbing again.", "Rents are also coming down in the suburbs."],
)
def test_a_change_under_way_in_a_measure_is_a_fact(sentence: str) -> None:
    assert _kinds(sentence) == ["factual"]


@pytest.mark.parametrize(
    "sentence",
    ["They drove the route twice in one day.", "The firm withdrew the product in two markets."],
)
def test_irregular_past_forms_count_as_past(sentence: str) -> None:
    assert _kinds(sentence) == ["factual"]


def test_has_never_looks_back() -> None:
    assert "forecast" not in _kinds("The minister, who has never liked committees, left early.")


# --- picks and listed predictions ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "I have Arsenal finishing fourth.",
        "In third, I have Portugal.",
        "I currently have Nevada as Lean Democrat.",
        "Brazil is my pick for the title.",
    ],
)
def test_a_pick_is_a_forecast_read_like_expect(sentence: str) -> None:
    assert _one(sentence) == ("forecast", "affirms", pytest.approx(0.75))


def test_i_have_without_a_placing_is_no_pick() -> None:
    assert "forecast" not in _kinds("I have a cousin in Lisbon.")


def test_lines_under_my_predictions_are_forecasts() -> None:
    text = (
        "Here are my predictions for the league.\n\n"
        "Leeds: first, 91 points\n\n"
        "Burnley: second, 88 points\n\n"
        "The table tells its own story."
    )
    found = [(c.sentence, c.kind, c.probability) for c in extract(text, PUB)]
    assert ("Leeds: first, 91 points", "forecast", 0.75) in found
    assert ("Burnley: second, 88 points", "forecast", 0.75) in found


def test_listed_figures_without_an_announcement_are_not_forecasts() -> None:
    text = "The final table.\n\nLeeds: first, 91 points\n\nBurnley: second, 88 points"
    assert "forecast" not in _kinds(text)


def test_hedges_found_in_new_phrases() -> None:
    assert [h.entry.phrase for h in find_hedges("It is slated to open.")] == ["BE slated to"]


# --- no lean, moods and tastes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The swing districts could go either way.",
        "The referendum will either confirm or reverse the reform.",
        "Fans will be desperate for a trophy after the long drought.",
        "The new stadium will be incredible.",
    ],
)
def test_no_lean_a_mood_or_a_taste_is_neither_forecast_nor_fact(sentence: str) -> None:
    assert _kinds(sentence) == []


def test_a_will_after_a_pick_phrase_keeps_its_odds() -> None:
    found = extract("Here are my picks for the final — Brazil will win it.", PUB)
    assert [(c.kind, c.probability) for c in found] == [("forecast", 0.9)]


# --- the author's record and reported threats ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Last winter, I asked the dealer when the van would arrive.",
        "I was in Lagos in March to visit the new port.",
    ],
)
def test_the_authors_own_past_acts_are_facts(sentence: str) -> None:
    assert _kinds(sentence) == ["factual"]


def test_what_the_author_thought_is_not_a_fact() -> None:
    assert _kinds("Last winter, I thought the van was too small.") != ["factual"]
    assert _kinds("Last winter, I felt the van was too small.") != ["factual"]
    # An expectation the author held in the past, its modal moved back ("I thought the van would
    # never arrive"), is no forecast now; it is reported like the author's own past predictions
    # (RULES.md, labeller A), see tests/test_extract_unseen_writers.py.
    assert _kinds("Last winter, I thought the van would never arrive.") == ["factual"]


@pytest.mark.parametrize(
    "sentence",
    [
        "If the bill passes, Macron threatens to resign.",
        "Unless the fee is cut, she threatens to take the club to court.",
    ],
)
def test_a_threat_someone_makes_is_reported(sentence: str) -> None:
    assert _kinds(sentence) == ["factual"]


def test_a_thing_that_threatens_is_still_a_hedge() -> None:
    assert _one("Higher tariffs threaten to push prices up.")[:2] == ("forecast", "affirms")


# --- adverbs that describe the present --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The currency is probably undervalued.",
        "The coach is perhaps being too cautious with his squad.",
        "Never elected to any office, the adviser still shapes policy.",
    ],
)
def test_adverbs_about_the_present_are_no_forecast(sentence: str) -> None:
    assert "forecast" not in _kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The economy is probably going to shrink.",
        "Rents are probably heading higher next year.",
        "Never elected to any office, the adviser will still shape policy.",
    ],
)
def test_the_future_after_those_adverbs_is_still_a_forecast(sentence: str) -> None:
    assert _kinds(sentence) == ["forecast"]


# --- more table phrases, contractions and impersonal passives ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("The ferry operator is expected to raise fares in January.", "affirms", 0.8),
        ("Wheat output is forecast to fall by a tenth next year.", "affirms", 0.8),
        ("The new stadium is anticipated to open in 2027.", "affirms", 0.75),
        ("We're headed for a long, cold winter of strikes.", "affirms", 0.8),
        ("The airline's about to cut its Asian routes.", "affirms", 0.8),
        ("There's no way the council approves the tower.", "denies", 0.03),
        ("It's unlikely that the regulator will approve the merger.", "denies", 0.2),
        ("The franchise is doomed.", "affirms", 0.95),
        ("There is a real danger that the levee gives way.", "affirms", 0.45),
        ("The mayor faces an uphill battle to win a third term.", "denies", 0.32),
        ("Don't be surprised if the minister resigns.", "affirms", 0.65),
        ("It would be a surprise if the bank raised rates.", "denies", 0.35),
        ("In all probability, the strike will be over by Friday.", "affirms", 0.9),
    ],
)
def test_more_table_phrases(sentence: str, direction: str, probability: float) -> None:
    assert _one(sentence) == ("forecast", direction, pytest.approx(probability))


def test_a_possessive_s_before_an_adjective_is_no_copula() -> None:
    assert [h.entry.phrase for h in find_hedges("Kodak's doomed camera line sold well.")] == []


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("The junta has no intention of holding elections.", "denies", 0.1),
        ("The big banks have no interest in lowering fees.", "denies", 0.1),
        ("It is only a question of time before the dam fails.", "affirms", 0.95),
        ("There is little prospect of a settlement before the winter.", "denies", 0.15),
        ("The odds favour a second term for the governor.", "affirms", 0.68),
        ("Don't hold your breath for a pay rise.", "denies", 0.25),
        ("For the airline, the worst is yet to come.", "affirms", 0.9),
        ("Copper prices have further to fall.", "affirms", 0.9),
        # a negative subject: "no one will", "neither can"
        ("No one will win this price war.", "denies", 0.1),
        ("Neither party can govern alone after the vote.", "denies", 0.05),
        # "far from certain" negates the frame as "not certain" does
        ("It is far from certain that the tunnel will open on time.", "denies", 0.1),
    ],
)
def test_course_and_negative_subject_classes(
    sentence: str, direction: str, probability: float
) -> None:
    assert _one(sentence) == ("forecast", direction, pytest.approx(probability))


# --- open questions, idioms, habits and the text's furniture ----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The question is whether the court will intervene.",
        "The issue was whether the dam would hold.",
        "We will have to wait and see.",
        "He would often walk to the office.",
        "She would usually take the night train.",
        "The chart below will show the trend.",
        "The table above would suggest a slowdown.",
        "There is no doubt that the economy is struggling.",
        "It is likely that the bank is already in trouble.",
    ],
)
def test_open_questions_habits_and_present_judgements_are_no_forecast(sentence: str) -> None:
    assert "forecast" not in _kinds(sentence)


def test_a_certainty_frame_over_an_actors_intent_still_forecasts() -> None:
    assert _one("We are certain that the junta is not willing to negotiate.")[:2] == (
        "forecast",
        "denies",
    )


# --- reported words and beliefs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The museum will reopen on Tuesday, the council said.",
        "Fares will rise by 5% in March, the operator announced.",
        "Many economists believe the recession will be short.",
        "Investors hope rates will fall before the summer.",
    ],
)
def test_attributed_and_third_party_beliefs_are_reported(sentence: str) -> None:
    assert _kinds(sentence) == ["factual"]


@pytest.mark.parametrize(
    "sentence", ["I think the president will resign.", "We fear the dam will break."]
)
def test_the_authors_own_belief_is_a_forecast(sentence: str) -> None:
    assert _kinds(sentence) == ["forecast"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor resigned a week after the scandal broke.",
        "Then the rally collapsed, with small stocks falling furthest.",
    ],
)
def test_an_event_narrated_in_the_simple_past_is_a_fact(sentence: str) -> None:
    assert _kinds(sentence) == ["factual"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ruling will have far-reaching implications for the industry.",
        "The new governor will face a defining choice over the budget.",
        "A merger would set a different tone for the whole sector.",
    ],
)
def test_an_effect_announced_but_not_named_is_no_forecast(sentence: str) -> None:
    assert "forecast" not in _kinds(sentence)


def test_a_named_effect_is_still_a_forecast() -> None:
    assert _kinds("The ruling will force the firm to sell its stake.") == ["forecast"]


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("The odds of a settlement before the election are low.", "denies", 0.15),
        ("The chances that the truce holds look very slim.", "denies", 0.05),
        ("The probability of a sovereign default is high.", "affirms", 0.7),
        ("The region risks running out of water by 2030.", "affirms", 0.45),
        ("The museum is almost sure to close.", "affirms", 0.95),
        ("It's only going to get worse for renters.", "affirms", 0.9),
        ("I wouldn't be surprised to see a snap election.", "affirms", 0.65),
    ],
)
def test_likelihood_named_as_a_subject_and_other_wordings(
    sentence: str, direction: str, probability: float
) -> None:
    assert _one(sentence) == ("forecast", direction, pytest.approx(probability))


def test_the_risk_as_a_noun_is_no_hedge() -> None:
    assert "forecast" not in _kinds("The risks facing the bank were described in 2023.")


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("Rising inventories suggest that prices will fall.", "affirms", 0.68),
        ("The latest surveys indicate the economy is going to shrink.", "affirms", 0.68),
        ("Falling orders suggest that factories will not hire this year.", "denies", 0.32),
        ("Cheaper crude suggests that petrol prices have further to fall.", "affirms", 0.68),
    ],
)
def test_a_forecast_drawn_from_evidence_reads_like_evidence_points_to(
    sentence: str, direction: str, probability: float
) -> None:
    assert _one(sentence) == ("forecast", direction, pytest.approx(probability))


@pytest.mark.parametrize(
    "sentence",
    ["Which is why the bank will cut rates in June.", "Which is why the euro will weaken."],
)
def test_which_is_why_is_a_connective(sentence: str) -> None:
    assert _kinds(sentence) == ["forecast"]


def test_which_as_a_question_word_stays_open() -> None:
    assert _kinds("Which party will win is anyone's guess.") == []


@pytest.mark.parametrize(
    ("sentence", "direction", "probability"),
    [
        ("A strike at the port is a matter of when, not if.", "affirms", 0.95),
        ("The verdict is a foregone conclusion.", "affirms", 0.95),
        ("A rate cut in June is a safe bet.", "affirms", 0.88),
        ("An early election is on the cards.", "affirms", 0.68),
        ("A peace deal this year is a long shot.", "denies", 0.15),
        ("A bailout for the club is out of the question.", "denies", 0.03),
        ("Full employment in the region is a pipe dream.", "denies", 0.05),
        ("Talks with the rebels are futile.", "denies", 0.05),
    ],
)
def test_idioms_of_likelihood(sentence: str, direction: str, probability: float) -> None:
    assert _one(sentence) == ("forecast", direction, pytest.approx(probability))


def test_by_a_long_shot_is_no_hedge() -> None:
    assert find_hedges("They were not beaten by a long shot.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "I don’t see anyone else will buy the plant.",
        "I do not think the truce will hold past the spring.",
    ],
)
def test_a_flat_future_under_a_doubting_mind_reads_like_dont_expect(sentence: str) -> None:
    assert _one(sentence) == ("forecast", "denies", pytest.approx(0.25))
