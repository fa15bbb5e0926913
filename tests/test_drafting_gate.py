"""The quality gate on drafted questions (claims.drafting.gate_note) and the predicate rules added with
it: a draft is offered only when nothing in it is known to need the article or a rewrite. Pure: no
database. Every example is made up for the test, none is from the bench data."""

from __future__ import annotations

from datetime import date

import pytest

from claims.drafting import gate_note, tidy_predicate, withheld
from claims.extract import extract


def _gate(sentence: str, question: str, hedge: str, condition: str | None = None) -> str | None:
    return gate_note(sentence, question, hedge, sentence.index(hedge), condition)


def _forecast(text: str, published: date = date(2025, 3, 1)):  # type: ignore[no-untyped-def]
    return next(c for c in extract(text, published) if c.kind == "forecast")


# --- predicate rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicate", "tidy"),
    [
        # a reason or concession with its own subject and finite verb, joined without a comma
        ("keep rising even though the central bank has raised rates", "keep rising"),
        ("fall as the currency is getting stronger", "fall"),
        ("rise while the opposition is divided", "rise"),
        ("shut early because the council has cut its grant", "shut early"),
        # a vague time the deadline already says
        ("collapse at any moment", "collapse"),
        ("fade after a while", "fade"),
        ("reopen in due course", "reopen"),
    ],
)
def test_a_subordinate_clause_or_vague_time_is_cut(predicate: str, tidy: str) -> None:
    assert tidy_predicate(predicate) == tidy


@pytest.mark.parametrize(
    "predicate",
    [
        "rise as long as wages grow",  # a condition, handled as one elsewhere
        "cut rates as soon as inflation falls",  # "as soon as": a time, not a clause to cut
        "grow as a share of output",  # "as" without a clause
        "arrive in time for the harvest",  # "in time for" is no vague tail
    ],
)
def test_no_cut_without_a_subordinate_clause(predicate: str) -> None:
    assert tidy_predicate(predicate) == predicate


def test_the_cut_drafts_are_offered() -> None:
    c = _forecast("Prices at the pump will keep rising even though OPEC has raised output.")
    assert c.question == "Will prices at the pump keep rising by 2026-03-01?"
    assert not withheld(c.note)
    c = _forecast("The Bavarian coalition could collapse at any moment.")
    assert c.question == "Will the Bavarian coalition collapse by 2026-03-01?"


# --- the gate: the sentence is the author's own forecast ----------------------------------


@pytest.mark.parametrize(
    ("sentence", "question", "hedge"),
    [
        # someone else's forecast or a premise
        (
            "Economists predicted that the peso will weaken.",
            "Will the peso weaken by 2026-03-01?",
            "will",
        ),
        (
            "Most traders expect that the harbour strike will end.",
            "Will the harbour strike end by 2026-03-01?",
            "expect that",
        ),
        (
            "Most traders think the harbour strike will end.",
            "Will the harbour strike end by 2026-03-01?",
            "will",
        ),
        (
            "Under the assumption that rates stay flat, the Nikkei could double.",
            "Will the Nikkei double by 2026-03-01?",
            "could",
        ),
        # advice, not odds
        (
            "Hospitals should expect a busy winter.",
            "Will there be a busy winter by 2026-03-01?",
            "should expect",
        ),
        # "a likely X": the hedge describes a noun
        (
            "Officials warned of a likely surge in cases.",
            "Will officials warn of a surge in cases by 2026-03-01?",
            "likely",
        ),
    ],
)
def test_not_the_authors_forecast_is_withheld(sentence: str, question: str, hedge: str) -> None:
    assert withheld(_gate(sentence, question, hedge))


def test_the_authors_own_expectation_is_offered() -> None:
    sentence = "We expect that the peso will weaken."
    assert _gate(sentence, "Will the peso weaken by 2026-03-01?", "will") is None


# --- the gate: conditions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("A merger would double Vodafone's debt.", "Will a merger double Vodafone's debt by 2026-03-01?"),
        ("Scrapping the levy would cost Ontario dearly.", "Will scrapping the levy cost Ontario dearly by 2026-03-01?"),
    ],
)  # fmt: skip
def test_a_bare_would_without_its_condition_is_withheld(sentence: str, question: str) -> None:
    assert withheld(_gate(sentence, question, "would"))


def test_a_would_with_its_condition_is_offered() -> None:
    sentence = "A merger would double Vodafone's debt if regulators approve the deal."
    question = "Will a merger double Vodafone's debt by 2026-03-01 if regulators approve the deal?"
    assert _gate(sentence, question, "would", "if regulators approve the deal") is None


def test_a_condition_the_draft_dropped_is_withheld() -> None:
    sentence = "Unless the rains come, the Nile delta farms will fail."
    assert withheld(_gate(sentence, "Will the Nile delta farms fail by 2026-03-01?", "will"))
    assert (
        _gate(
            sentence,
            "Will the Nile delta farms fail by 2026-03-01 unless the rains come?",
            "will",
            "Unless the rains come",
        )
        is None
    )


# --- the gate: every referent named --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "question", "hedge"),
    [
        ("The board will approve this plan.", "Will the board approve this plan by 2026-03-01?", "will"),
        ("Voters will punish them.", "Will voters punish them by 2026-03-01?", "will"),
        ("Other carmakers will follow.", "Will other carmakers follow by 2026-03-01?", "will"),
        ("Prices elsewhere may fall.", "Will prices elsewhere fall by 2026-03-01?", "may"),
        ("Our pensions will shrink.", "Will our pensions shrink by 2026-03-01?", "will"),
        ("The party may split if he resigns.", "Will the party split by 2026-03-01 if he resigns?", "may"),
        ("His successor will cut taxes.", "Will his successor cut taxes by 2026-03-01?", "will"),
        ("The novelty will fade.", "Will the novelty fade by 2026-03-01?", "will"),
        ("The uncertainty may persist.", "Will the uncertainty persist by 2026-03-01?", "may"),
        ("A lot will change in Lagos.", "Will a lot change in Lagos by 2026-03-01?", "will"),
    ],
)  # fmt: skip
def test_a_referent_only_the_article_names_is_withheld(
    sentence: str, question: str, hedge: str
) -> None:
    assert withheld(_gate(sentence, question, hedge))


@pytest.mark.parametrize(
    ("sentence", "question", "hedge"),
    [
        # "US" is a name, not "us"
        ("US exports will fall.", "Will US exports fall by 2026-03-01?", "will"),
        # "he" and "her" take up the person the question names
        ("Angela Merkel will win the vote she called.", "Will Angela Merkel win the vote she called by 2026-03-01?", "will"),
        ("The champion will retain her title.", "Will the champion retain her title by 2026-03-01?", "will"),
        ("The Kenyan leader will end the war he started.", "Will the Kenyan leader end the war he started by 2026-03-01?", "will"),
        # a concrete noun and an institution are not pointers
        ("The bridge will reopen.", "Will the bridge reopen by 2026-03-01?", "will"),
        ("The government will fall.", "Will the government fall by 2026-03-01?", "will"),
        ("The coalition will collapse.", "Will the coalition collapse by 2026-03-01?", "will"),
        # "each other" points at nothing
        ("The two firms will sue each other.", "Will the two firms sue each other by 2026-03-01?", "will"),
    ],
)  # fmt: skip
def test_a_named_referent_is_offered(sentence: str, question: str, hedge: str) -> None:
    assert _gate(sentence, question, hedge) is None


# --- the gate: one clause, no date of its own ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "question", "hedge"),
    [
        # a comma-joined clause with its own verb
        ("Tesco will cut prices, the analysts have said.", "Will Tesco cut prices, the analysts have said by 2026-03-01?", "will"),
        # cut inside a relative clause
        ("Measles will become a disease that hospitals see daily.", "Will measles become a disease that hospitals by 2026-03-01?", "will"),
        # a date of its own beside the deadline
        ("Ghana will enter 2026 with a surplus.", "Will Ghana enter 2026 with a surplus by 2026-03-01?", "will"),
        ("Peru will leave the pact on 1 May 2026.", "Will Peru leave the pact on 1 May 2026 by 2026-03-01?", "will"),
        # no date at all
        ("Sooner or later, the peg will break.", "Will the peg break by 2026-03-01?", "will"),
        # the subject opens like no noun phrase
        ("No bidders will come forward.", "Will no bidders come forward by 2026-03-01?", "will"),
    ],
)  # fmt: skip
def test_a_broken_predicate_or_date_is_withheld(sentence: str, question: str, hedge: str) -> None:
    assert withheld(_gate(sentence, question, hedge))


def test_a_past_year_in_the_predicate_is_no_date_of_its_own() -> None:
    sentence = "Labour will win fewer seats than in 2017."
    question = "Will Labour win fewer seats than in 2017 by 2026-03-01?"
    assert _gate(sentence, question, "will") is None


def test_the_gate_reaches_the_analyst() -> None:
    c = _forecast("Many economists, myself included, expect that the peso will weaken.")
    assert withheld(c.note)
    c = _forecast("I expect that the peso will weaken.")
    assert not withheld(c.note)
    c = _forecast("Sooner or later, the Danish krone peg will break.")
    assert withheld(c.note)
    c = _forecast("Brazil will win the Copa America.")
    assert not withheld(c.note)


# --- the gate: the hedge carries the main clause's claim about the future -------------------


@pytest.mark.parametrize(
    ("sentence", "question", "hedge"),
    [
        # a hedge adverb inside a noun phrase ("the perhaps unfamiliar notion"): no clause is hedged
        ("Critics mocked the perhaps naive plan to tax yachts.", "Will critics mock the naive plan to tax yachts by 2026-03-01?", "perhaps"),
        ("Engineers found a possibly fatal flaw in the hull.", "Will engineers find a fatal flaw in the hull by 2026-03-01?", "possibly"),
        # the hedge opens a restrictive relative clause
        ("It is the bond traders that will decide the election.", "Will the bond traders that decide the election by 2026-03-01?", "will"),
        ("Farmers who will lose subsidies protested in Lyon.", "Will farmers who lose subsidies protested in Lyon by 2026-03-01?", "will"),
        # an epistemic modal over a progressive guesses at the present
        ("The Bundesbank may be losing patience with Rome.", "Will the Bundesbank be losing patience with Rome by 2026-03-01?", "may"),
        ("Oil traders could well be hoarding tankers.", "Will oil traders be hoarding tankers by 2026-03-01?", "could"),
        # a place or a time only the article fixes
        ("Rents there will double.", "Will rents there double by 2026-03-01?", "will"),
        ("Later rounds may prove harder.", "Will later rounds prove harder by 2026-03-01?", "may"),
    ],
)  # fmt: skip
def test_a_hedge_outside_the_main_future_claim_is_withheld(
    sentence: str, question: str, hedge: str
) -> None:
    assert withheld(_gate(sentence, question, hedge))


@pytest.mark.parametrize(
    ("sentence", "question", "hedge"),
    [
        # ", which may be ...": a non-restrictive relative makes its own claim
        ("The merger, which may be blocked by Brussels, is a worry for Lufthansa.", "Will the merger be blocked by Brussels by 2026-03-01?", "may"),
        # "will be hiring": a forecast in the progressive
        ("Airbus will be hiring thousands of engineers.", "Will Airbus be hiring thousands of engineers by 2026-03-01?", "will"),
        # the WHO is a name, not "who"
        ("The WHO will declare the outbreak over.", "Will the WHO declare the outbreak over by 2026-03-01?", "will"),
        # "Will there be ...": no place
        ("There will be a recount in Arizona.", "Will there be a recount in Arizona by 2026-03-01?", "will"),
    ],
)  # fmt: skip
def test_a_main_future_claim_is_offered(sentence: str, question: str, hedge: str) -> None:
    assert _gate(sentence, question, hedge) is None


def test_a_complete_relative_clause_and_anyone_are_offered() -> None:
    sentence = "Negotiators will reach a compromise that would end the strike."
    question = "Will negotiators reach a compromise that would end the strike by 2026-03-01?"
    assert _gate(sentence, question, "will") is None
    sentence = "Nobody will buy the Rosneft stake."
    assert _gate(sentence, "Will anyone buy the Rosneft stake by 2026-03-01?", "will") is None


@pytest.mark.parametrize(
    ("sentence", "question", "hedge"),
    [
        # a hedge word left inside the event
        ("The possible collapse of Evergrande will happen soon.", "Will the possible collapse of Evergrande happen by 2026-03-01?", "will"),
        ("Mexico will probably be likely to win.", "Will Mexico be likely to win by 2026-03-01?", "will"),
        # a comparison with nothing to compare with
        ("The Kenyan economy will be in a better shape.", "Will the Kenyan economy be in a better shape by 2026-03-01?", "will"),
        ("Fewer tourists will visit Venice.", "Will fewer tourists visit Venice by 2026-03-01?", "will"),
        ("Tariffs on Vietnam will be higher.", "Will tariffs on Vietnam be higher by 2026-03-01?", "will"),
    ],
)  # fmt: skip
def test_a_hedge_inside_or_an_open_comparison_is_withheld(
    sentence: str, question: str, hedge: str
) -> None:
    assert withheld(_gate(sentence, question, hedge))


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("Solar will be cheaper than coal in India.", "Will solar be cheaper than coal in India by 2026-03-01?"),
        ("Kenya will become another Ethiopia.", "Will Kenya become another Ethiopia by 2026-03-01?"),
        ("The Fed will take a more cautious approach.", "Will the Fed take a more cautious approach by 2026-03-01?"),
    ],
)  # fmt: skip
def test_a_closed_comparison_is_offered(sentence: str, question: str) -> None:
    assert _gate(sentence, question, "will") is None


@pytest.mark.parametrize(
    "question",
    [
        "Will those who lose their jobs move to Texas by 2026-03-01?",  # a description
        "Will industries such as steel lose orders by 2026-03-01?",  # an example follows
        "Will the former Wagner Group leader's men rebel by 2026-03-01?",  # "former" the adjective
        "Will the new law make it illegal to vote by mail in Georgia by 2026-03-01?",  # dummy "it"
    ],
)
def test_words_that_point_at_nothing_are_not_pointers(question: str) -> None:
    sentence = question.removeprefix("Will ").split(" by 2026")[0] + "."
    assert gate_note(sentence, question, "will", 0, None) is None


@pytest.mark.parametrize(
    "question",
    [
        "Will Brussels stop that from happening by 2026-03-01?",
        "Will the mayor veto that plan by 2026-03-01?",
        "Will the banks lend to such firms by 2026-03-01?",
        "Will investors prefer the former by 2026-03-01?",
    ],
)
def test_demonstratives_are_pointers(question: str) -> None:
    sentence = question.removeprefix("Will ").split(" by 2026")[0] + "."
    assert withheld(gate_note(sentence, question, "will", 0, None))


def test_it_as_the_subject_of_a_verb_inside_the_question_is_no_pointer() -> None:
    question = "Will NATO give the Baltic states the air cover they need by 2026-03-01?"
    assert withheld(gate_note("x", question, "will", 0, None))  # "they" still points back
    question = "Will the junta hold the capital as long as it keeps the army paid by 2026-03-01?"
    assert gate_note("x", question, "will", 0, None) is None
    question = "Will Brussels block it by 2026-03-01?"
    assert withheld(gate_note("x", question, "will", 0, None))


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        # an evaluation, not an event
        ("Cutting the deficit will be difficult for Lisbon.", "Will cutting the deficit be difficult for Lisbon by 2026-03-01?"),
        ("Leaving the bloc will be a mistake.", "Will leaving the bloc be a mistake by 2026-03-01?"),
        # a quantity no one can count
        ("Many landlords will sell up.", "Will many landlords sell up by 2026-03-01?"),
        ("Some banks will fail.", "Will some banks fail by 2026-03-01?"),
    ],
)  # fmt: skip
def test_an_evaluation_or_a_vague_quantity_is_withheld(sentence: str, question: str) -> None:
    assert withheld(_gate(sentence, question, "will"))


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("Most US households will pay more for cars.", "Will higher tariffs hit most US households by 2026-03-01?"),
        ("The ruling will be hard news for Uber.", "Will Uber lose the appeal by 2026-03-01?"),
    ],
)  # fmt: skip
def test_a_quantity_in_the_predicate_is_offered(sentence: str, question: str) -> None:
    assert gate_note(sentence, question, "will", 0, None) is None


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("A potential strike at the port of Antwerp could halt exports.", "Will a strike at the port of Antwerp halt exports by 2026-03-01?"),
        ("The eventual winner of the Iowa caucus will face Joe Biden.", "Will the winner of the Iowa caucus face Joe Biden by 2026-03-01?"),
        ("A likely outcome of the Ghana talks will be an IMF loan.", "Will an outcome of the Ghana talks be an IMF loan by 2026-03-01?"),
    ],
)  # fmt: skip
def test_a_hedge_adjective_leaves_the_subject(text: str, question: str) -> None:
    assert _forecast(text).question == question


def test_a_hedge_adjective_leaves_a_relative_clauses_antecedent() -> None:
    c = _forecast(
        "The possible breakup of the Mercosur bloc, which may be inevitable if Brazil leaves, is a "
        "worry for Uruguay."
    )
    assert (
        c.question == "Will the breakup of the Mercosur bloc happen by 2026-03-01 if Brazil leaves?"
    )


def test_a_condition_that_runs_into_the_main_clause_is_withheld() -> None:
    sentence = "The possible breakup of Mercosur, which may be inevitable if Brazil leaves, worries Uruguay."
    question = (
        "Will the breakup of Mercosur happen by 2026-03-01 if Brazil leaves, worries Uruguay?"
    )
    assert withheld(_gate(sentence, question, "may", "if Brazil leaves, worries Uruguay"))
    sentence = "Unless the Fed cuts, the housing slump, which began in May, will deepen."
    question = "Will the housing slump deepen by 2026-03-01 unless the Fed cuts?"
    assert _gate(sentence, question, "will", "Unless the Fed cuts") is None


def test_a_verb_after_there_be_is_withheld() -> None:
    sentence = "The Supreme Court is expected to strike down the law."
    c = _forecast(sentence)
    # round 8: the passive "is expected to" keeps its subject, so the draft is made right
    assert c.question == "Will the Supreme Court strike down the law by 2026-03-01?"
    assert not withheld(c.note)
    question = "Will there be overturn the ban by 2026-03-01?"
    assert withheld(gate_note("x", question, "will", 0, None))
    question = "Will there be a strike at the Volkswagen plant by 2026-03-01?"
    assert gate_note("x", question, "will", 0, None) is None


def test_an_as_clause_with_a_bare_plural_subject_is_cut() -> None:
    assert tidy_predicate("deepen as regulators have grounded the 737 Max") == "deepen"
    assert tidy_predicate("widen as investors are selling bonds") == "widen"
    assert tidy_predicate("grow as fast as wages have") == "grow as fast as wages have"


@pytest.mark.parametrize(
    "question",
    [
        "Will the Renault strike last for months by 2026-03-01?",
        "Will Kabul airport stay closed for years by 2026-03-01?",
    ],
)
def test_a_duration_of_its_own_is_withheld(question: str) -> None:
    assert withheld(gate_note("x", question, "will", 0, None))
