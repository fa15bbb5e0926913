"""Question drafting: predicates cut to one event, pronoun subjects resolved from the article, notes for
what is left to fix (claims/drafting.py and its use in claims.extract). Pure: no database."""

from __future__ import annotations

from datetime import date

import pytest

from claims.drafting import (
    balance_quotes,
    draft_note,
    gerund,
    offered_question,
    preceding_text,
    present_condition,
    resolve_subject,
    tidy_predicate,
    title_case_spans,
    withheld,
)
from claims.extract import extract


def _forecast(text: str, published: date = date(2025, 3, 1), nth: int = 0):  # type: ignore[no-untyped-def]
    return [c for c in extract(text, published) if c.kind == "forecast"][nth]


# --- the predicate --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicate", "tidy"),
    [
        # a second clause joined by a comma, with its own subject and modal
        ("tumble back to usual levels, stocks will crash", "tumble back to usual levels"),
        # focus and stance adverbs opening the predicate
        ("also enable changes to the constitution", "enable changes to the constitution"),
        ("then potentially lead to retaliation", "lead to retaliation"),
        ("soon take many forms", "take many forms"),
        # a trailing "too"
        ("affect the EU economy too", "affect the EU economy"),
        # a participle consequence, also after a closing quote
        ("retreat from its commitments, prioritising growth at home", "retreat from its commitments"),
        ("continue to emphasise “America First,” prioritising sovereignty", "continue to emphasise “America First”"),
        # examples, appositions, asides and reasons
        ("take many forms, such as reminding you", "take many forms"),
        ("grow 5 per cent, a major turnaround", "grow 5 per cent"),
        ("greet new candidates - who call themselves socialists", "greet new candidates"),
        ("happen given the inflationary outcome", "happen"),
    ],
)  # fmt: skip
def test_tidy_predicate_keeps_the_one_event(predicate: str, tidy: str) -> None:
    assert tidy_predicate(predicate) == tidy


@pytest.mark.parametrize(
    "predicate",
    [
        "put pressure on the government to stop the settlements",
        "be a building block of the deal",  # "building" is a noun, not a participle clause
        "reach the point where enough people are immune",
        "send troops, tanks and aircraft",  # a list, not a clause
    ],
)
def test_tidy_predicate_leaves_a_single_event_alone(predicate: str) -> None:
    assert tidy_predicate(predicate) == predicate


def test_balance_quotes_closes_a_quote_a_cut_left_open() -> None:
    assert balance_quotes("remain “non-aligned") == "remain “non-aligned”"
    assert balance_quotes("remain “non-aligned”") == "remain “non-aligned”"


@pytest.mark.parametrize(
    ("verb", "ing"),
    [("take", "taking"), ("die", "dying"), ("stop", "stopping"), ("see", "seeing"),
     ("invade", "invading"), ("win", "winning"), ("open", "opening"), ("say", "saying")],
)  # fmt: skip
def test_gerund(verb: str, ing: str) -> None:
    assert gerund(verb) == ing


# --- pronoun subjects -----------------------------------------------------------------------

ARTICLE = (
    "Prime Minister Theresa May faces a vote on Tuesday. Labour will vote against the deal.\n"
    "The rebels said May had lost her majority. She may resign next week.\n"
    "Her position is untenable. Analysts think the markets will stay calm.\n"
)


def test_she_is_the_person_last_named_in_full() -> None:
    context = preceding_text(ARTICLE, "She may resign next week.")
    assert resolve_subject("she", context, ARTICLE).text == "Theresa May"


def test_her_x_is_the_persons_x() -> None:
    context = preceding_text(ARTICLE, "Her position is untenable.")
    resolved = resolve_subject("Her position", context, ARTICLE)
    assert resolved.resolved and resolved.text == "May’s position"


def test_a_bare_surname_gets_the_full_name() -> None:
    assert resolve_subject("May", "", ARTICLE).text == "Theresa May"


def test_a_name_used_only_once_is_not_taken_for_a_person() -> None:
    # "Labour" is never titled, never "said", never written in full and alone: not a person, and it
    # does not open the sentence before "he".
    article = "Labour will vote against the deal. The vote is close. He will resign."
    resolved = resolve_subject("he", preceding_text(article, "He will resign."), article)
    assert not resolved.resolved and resolved.note and "'he'" in resolved.note


def test_a_title_or_a_given_name_used_alone_marks_a_person() -> None:
    article = "Xi Jinping met the envoy. Xi has no reason to hurry. He will wait."
    assert resolve_subject("he", preceding_text(article, "He will wait."), article).text == (
        "Xi Jinping"
    )


def test_they_is_the_plural_subject_before_it_in_the_same_sentence() -> None:
    before = "While it is accepted that the army’s forces (PLA) are superior in size, "
    resolved = resolve_subject("they", before, before)
    assert resolved.text == "the army’s forces"


def test_they_takes_the_subject_that_opens_the_previous_sentence() -> None:
    article = "But the rebel MPs will not give up. They will force a vote."
    context = preceding_text(article, "They will force a vote.")
    assert resolve_subject("they", context, article).text == "the rebel MPs"


def test_it_is_a_singular_subject_with_an_article_in_the_same_sentence() -> None:
    before = "During 2024, the economy grew 5 per cent, and "
    assert resolve_subject("it", before, before).text == "the economy"


@pytest.mark.parametrize("subject", ["this", "it", "this approach", "such changes", "they"])
def test_a_subject_pointing_back_at_an_event_stays_and_is_flagged(subject: str) -> None:
    article = "Trump will raise tariffs on steel. Something else happened."
    resolved = resolve_subject(subject, article, article)
    assert resolved.text == subject and not resolved.resolved and resolved.note


def test_a_plain_subject_is_left_alone() -> None:
    assert resolve_subject("the central bank", "", "").text == "the central bank"
    assert resolve_subject("one of the referendums", "", "").resolved


def test_infinitive_subject_reads_as_a_gerund() -> None:
    assert resolve_subject("To take such action", "", "").text == "taking such action"


# --- notes ------------------------------------------------------------------------------------


def test_draft_note_withholds_a_pointing_subject_and_a_whole_sentence_draft() -> None:
    note = draft_note("Will this approach help avoid escalation?")
    assert withheld(note) and "'this ...'" in (note or "")
    assert withheld(draft_note("Will it happen by 2026-01-01 that they will?"))
    assert draft_note("Will there be a civil war by 2026-01-01?") is None
    assert draft_note("Will Theresa May resign by 2026-01-01?") is None


@pytest.mark.parametrize(
    "question",
    [
        "Will I expect the Greens to win ten seats by 2026-01-01?",  # the author as subject
        "Will we be poorer by 2026-01-01?",
        "Will it’s the cheaper option and it be popular by 2026-01-01?",  # a clause left in
        "Will there’s a chance the union strike by 2026-01-01?",
        "Will the result is a hung parliament by 2026-01-01?",  # a finite verb after the subject
        "Will the slump the region faces after the war would dwarf 2009 by 2026-01-01?",
    ],
)
def test_draft_note_withholds_a_draft_that_is_no_question(question: str) -> None:
    assert withheld(draft_note(question))


@pytest.mark.parametrize(
    "question",
    [
        "Will firms that are small cut jobs by 2026-01-01?",  # "are" inside a relative clause
        "Will a deal that would end the strike be signed by 2026-01-01?",  # "would" in one too
        "Will prices rise faster than we’ve seen in a decade by 2026-01-01?",
        "Will there be a recession by 2026-01-01?",
    ],
)
def test_draft_note_offers_a_grammatical_draft(question: str) -> None:
    note = draft_note(question)
    assert not withheld(note) and offered_question(question, note) == question


# --- through extract ------------------------------------------------------------------------


def test_extract_resolves_the_pronoun_from_the_previous_sentences() -> None:
    text = (
        "Prime Minister Theresa May faces a confidence vote. May said she would fight on.\n"
        "Her position untenable, she may be toppled by the Tory rebels.\n"
    )
    c = _forecast(text)
    assert c.question == "Will Theresa May be toppled by the Tory rebels by 2026-03-01?"
    assert c.note is None


def test_extract_withholds_a_draft_whose_subject_it_cannot_resolve() -> None:
    c = _forecast("Tariffs rose sharply in March. This could lead to retaliation from partners.")
    assert c.note is not None and withheld(c.note) and "'this ...'" in c.note
    assert offered_question(c.question, c.note) is None


def test_extract_keeps_a_condition_after_a_lead_in() -> None:
    c = _forecast("For instance, if its competitors face higher tariffs, Sri Lanka may benefit.")
    assert c.condition == "if its competitors face higher tariffs"
    assert c.question == (
        "Will Sri Lanka benefit by 2026-03-01 if its competitors face higher tariffs?"
    )


def test_extract_cuts_the_second_clause_and_keeps_the_names_case() -> None:
    c = _forecast(
        "P/E ratios will tumble back to usual levels, stocks will crash and the bear will jump."
    )
    assert c.question == "Will P/E ratios tumble back to usual levels by 2026-03-01?"
    c = _forecast(
        "Harris’s policies might help stabilise international trade, especially post-pandemic."
    )
    assert c.question.startswith("Will Harris’s policies help stabilise international trade")


def test_extract_keeps_curly_quotes_as_published() -> None:
    c = _forecast("There will be a ‘third intifada’, involving the deaths of thousands.")
    assert c.question == "Will there be a ‘third intifada’ by 2026-03-01?"


def test_a_relative_clause_stays_in_the_subject() -> None:
    c = _forecast(
        "Agents that help bring you up to speed on someone would require extensive surveillance."
    )
    assert c.question == (
        "Will agents that help bring you up to speed on someone require extensive surveillance "
        "by 2026-03-01?"
    )
    # A complement clause after a verb of saying: its subject is the question's.
    c = _forecast(
        "It is clear to everyone in the City that the central bank of England will cut rates."
    )
    assert c.question.startswith("Will the central bank of England cut rates")


def test_the_coming_few_days_is_a_vague_span_of_days() -> None:
    from claims.timeexpr import find_deadline

    found = find_deadline(
        "In the coming few days, the premier will face a choice.", date(2025, 6, 2)
    )
    assert found is not None and found.deadline == date(2025, 6, 16)


def test_a_coordinated_list_is_the_whole_subject() -> None:
    c = _forecast(
        "Accepting a hostage deal, ending the war, and working with free world leaders, won't be easy."
    )
    assert c.question.startswith(
        "Will accepting a hostage deal, ending the war, and working with free world leaders be easy"
    )
    # A clause before "and it" is no list: the subject is "it", taken from that clause.
    c = _forecast("In 2024, the economy grew 5 per cent, and it may grow 4 per cent next year.")
    assert c.question == "Will the economy grow 4 per cent by 2026-12-31?"


def test_a_likelihood_and_a_trailing_yet_are_the_hedges_business() -> None:
    assert tidy_predicate("be more likely to pay more") == "pay more"
    assert tidy_predicate("be out of the woods yet") == "be out of the woods"


def test_a_gerund_opening_the_subject_is_lowered_and_a_city_is_not() -> None:
    from claims.extract import _lower_first

    assert (
        _lower_first("Abandoning Nato’s open-door policy", "")
        == "abandoning Nato’s open-door policy"
    )
    assert _lower_first("Beijing", "") == "Beijing"
    assert _lower_first("Beijing and Moscow", "") == "Beijing and Moscow"


def test_a_demonstrative_description_takes_the_fuller_one_before_it() -> None:
    article = (
        "Harris would likely adopt a cautious but multilateral approach toward China, seeking "
        "cooperation. This approach could help avoid escalation."
    )
    context = preceding_text(article, "This approach could help avoid escalation.")
    assert resolve_subject("This approach", context, article).text == (
        "a cautious but multilateral approach toward China"
    )
    # "the closet" says no more than "that closet": left, and flagged.
    article = "They have skeletons in the closet. That closet will be pried open."
    context = preceding_text(article, "That closet will be pried open.")
    assert not resolve_subject("That closet", context, article).resolved


def test_he_takes_up_the_name_opening_the_sentence_before() -> None:
    article = "Putin will not stop at the Dnipro. He wants all of Ukraine."
    context = preceding_text(article, "He wants all of Ukraine.")
    assert resolve_subject("he", context, article).text == "Putin"
    # a country opening the sentence before is no "he"
    article = "The Kremlin will not stop. He wants all of Ukraine."
    context = preceding_text(article, "He wants all of Ukraine.")
    assert not resolve_subject("he", context, article).resolved


def test_an_absolute_clause_with_its_own_forecast_is_cut() -> None:
    assert tidy_predicate(
        "cause a trade war between the EU and the US with the EU likely to decrease imports"
    ) == ("cause a trade war between the EU and the US")


def test_the_review_shows_no_draft_and_why(capsys: pytest.CaptureFixture[str]) -> None:
    from claims.interactive import _print_candidate, as_json

    c = _forecast("Tariffs rose sharply in March. This could lead to retaliation from partners.")
    _print_candidate(1, 1, c)
    out = capsys.readouterr().out
    assert "question: — (no draft)" in out and "Will this" not in out
    assert "note: no draft: the subject ('this ...') refers to an earlier sentence" in out
    row = as_json([c])[0]
    assert row["question"] is None and row["note"] == c.note


def test_accepting_a_candidate_without_a_draft_asks_for_the_question(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import typer

    from claims import interactive

    c = _forecast("Tariffs rose sharply in March. This could lead to retaliation from partners.")
    asked: list[str] = []
    answers = iter(["", "Will Canada retaliate against US steel tariffs by 2026-03-01?"])

    def prompt(label: str, default: object = None, **_: object) -> str:
        asked.append(label)
        if label == "Question":
            return next(answers)
        return str(default) if default is not None else "x"

    monkeypatch.setattr(typer, "prompt", prompt)
    monkeypatch.setattr(typer, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(interactive, "_watch_text", lambda text: text)
    plan = interactive._plan(c, edit=False, keys=set(), known_tags=set())
    assert plan is not None and plan.text.startswith("Will Canada retaliate")
    assert asked.count("Question") == 2  # an empty answer is refused: there is no draft to keep


def test_a_title_case_line_says_nothing_about_names() -> None:
    from claims.extract import _lower_first

    article = (
        "Why Russia Cannot Afford Peace\nPeace would destabilise the regime.\nWe want peace now."
    )
    assert title_case_spans(article) == [(0, 30)]
    # "Peace" is capitalised only in the title and at a line's start: a common word.
    assert _lower_first("Peace", article) == "peace"
    assert _lower_first("Russia", "Why Russia Cannot Afford Peace\nThey fear Russia.") == "Russia"


def test_a_quantifier_subject_takes_the_plural_before_it() -> None:
    before = "Restaurateurs are the most entrepreneurial of people, and "
    assert resolve_subject("many", before, before).text == "many restaurateurs"
    before = "The rebel MPs have met twice. "
    assert resolve_subject("some", before, before).text == "some of the rebel MPs"


def test_a_place_written_in_full_and_alone_is_no_person() -> None:
    # Found on the held part: "Africa will be forced ..." became "Southern Africa ...".
    article = "Flood-stricken Southern Africa faces a crisis. Africa will be forced to adapt."
    assert resolve_subject("Africa", "", article).text == "Africa"
    article = "Coups spread in Africa. Southern Africa faces floods. Africa will adapt."
    assert resolve_subject("Africa", "", article).text == "Africa"
    # a person's surname still gets the full name
    assert resolve_subject("May", "", ARTICLE).text == "Theresa May"


def test_a_list_item_ending_in_ing_is_no_participle_clause() -> None:
    # Found on the held part: "supply chains for food, medicine, manufacturing parts" was cut.
    p = "suffer disruption to supply chains for food, medicine, manufacturing parts and labour"
    assert tidy_predicate(p) == p
    assert tidy_predicate("retreat from its commitments, prioritising growth") == (
        "retreat from its commitments"
    )


def test_a_hedge_naming_the_events_fate_asks_whether_it_happens() -> None:
    from claims.drafting import fate_predicate, imagined_event

    assert fate_predicate("would be a non-starter") == "happen"
    assert fate_predicate("BE inevitable") == "happen"
    assert fate_predicate("will") is None
    assert imagined_event("hard to imagine", " a compromise that would allow for peace.") == (
        "a compromise that would allow for peace"
    )
    assert imagined_event("hard to imagine", " how they would agree") is None


def test_a_relative_pronoun_subject_takes_the_noun_phrase_before_it() -> None:
    before = "The possible disintegration of the free trade system, "
    # the hedge adjective "possible" leaves the subject (the probability carries it)
    assert resolve_subject("which", before, before).text == (
        "the disintegration of the free trade system"
    )


def test_a_trailing_condition_keeps_only_its_own_clause() -> None:
    c = _forecast(
        "The disintegration of the trade system, which may be inevitable if the US raises tariffs, "
        "is a great concern for Sri Lanka."
    )
    assert c.condition == "if the US raises tariffs"
    assert c.question == (
        "Will the disintegration of the trade system happen by 2026-03-01 if the US raises tariffs?"
    )


# --- the author's frame, asides and lone adverbs in the subject -------------------------------


@pytest.mark.parametrize(
    ("subject", "resolved"),
    [
        ("I predict the Liberals", "the Liberals"),
        ("we don't think that the unions", "the unions"),
        ("That means every commuter", "every commuter"),
        ("As I foresee, the coalition", "the coalition"),
        ("Japan, for instance,", "Japan"),
        ("Solar panels, in fact,", "Solar panels"),
    ],
)
def test_the_authors_frame_and_asides_leave_the_subject(subject: str, resolved: str) -> None:
    assert resolve_subject(subject, "", "").text == resolved


def test_a_lone_adverb_gives_way_to_the_phrase_before_its_comma() -> None:
    assert resolve_subject("sadly", "Scotland, ", "Scotland, sadly will go out.").text == "Scotland"
    assert resolve_subject("sadly", "", "").text == "sadly"  # nothing before it: left alone


def test_she_takes_up_the_full_name_opening_her_own_sentence() -> None:
    article = "Angela Merkel praises the plan in public, but she will not sign it."
    context = "Angela Merkel praises the plan in public, but "
    assert resolve_subject("she", context, article).text == "Angela Merkel"
    # a place opening the sentence is nobody's name
    place = "North Korea tests missiles often, but she will not"
    assert not resolve_subject("she", place, place).resolved


def test_it_takes_up_a_bare_common_noun_opening_the_sentence_before() -> None:
    article = (
        "Unemployment is rising in the north. It will pass ten per cent. Youth unemployment too."
    )
    context = preceding_text(article, "It will pass ten per cent.")
    assert resolve_subject("it", context, article).text == "unemployment"
    # a name opening the sentence before is not taken up by "it" (the event may be)
    article = "Macron will dissolve parliament. It will shock the markets."
    context = preceding_text(article, "It will shock the markets.")
    assert not resolve_subject("it", context, article).resolved


def test_a_lone_abstract_noun_opening_the_sentence_is_lower_cased() -> None:
    assert resolve_subject(
        "Productivity", "", "Productivity, once it recovers, will rise."
    ).text == ("productivity")
    # a word the article capitalises after another word is a name
    assert resolve_subject(
        "Providence", "", "She moved to Providence. Providence will grow."
    ).text == ("Providence")


# --- predicates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicate", "tidy"),
    [
        ("still be the largest party", "be the largest party"),
        ("miraculously avoid a recession", "avoid a recession"),
        # a second, stronger event and an attribution
        ("cut rates in June, let alone in March", "cut rates in June"),
        # "[won't] cut until September": an event that cannot last comes before it, or not
        ("cut rates until September", "cut rates before September"),
        ("be signed until after the vote", "be signed until after the vote"),
        ("stay high until March", "stay high until March"),  # a state lasts until
        ("double by 2030, according to the ministry", "double by 2030"),
        ("simply mark the start of a long fight", "mark the start of a long fight"),
        # a participle consequence after any -ly adverb
        ("overtake diesel by 2030, dramatically cutting emissions", "overtake diesel by 2030"),
    ],
)
def test_stance_adverbs_and_participles_leave_the_predicate(predicate: str, tidy: str) -> None:
    assert tidy_predicate(predicate) == tidy


# --- drafts withheld ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("Will house prices keep rising forever by 2026-01-01?", "'forever'"),
        ("Will the euro replace the dollar sooner or later by 2026-01-01?", "'sooner or later'"),
        ("Will the Greens gain seats in the next general election by 2026-01-01?", "an event"),
        ("Will the more voters be angry by 2026-01-01?", "the more X"),
        ("Will heading the table be Arsenal by 2026-01-01?", "inverted"),
        ("Will which cost more by 2026-01-01?", "cut in the wrong place"),
        ("Will the Tories win ’s vote by 2026-01-01?", "cut in the wrong place"),
        ("Will turnout fall between now and by 2026-01-01?", "cut in the wrong place"),
        ("Will the mayor veto them by 2026-01-01?", "object"),
        ("Will the strike go on until pay rises by 2026-01-01?", "until"),
        # subjects that name nothing without the sentences before them
        ("Will doing so cost the city billions by 2026-01-01?", "'doing so ...'"),
        ("Will building it take a decade by 2026-01-01?", "'building it ...'"),
        ("Will the others follow suit by 2026-01-01?", "'the others ...'"),
        ("Will the latter win the final by 2026-01-01?", "'the latter ...'"),
        ("Will most of them emigrate by 2026-01-01?", "'most of them ...'"),
        ("Will anyone else bid for the club by 2026-01-01?", "'anyone else ...'"),
        ("Will the future of our schools be bright by 2026-01-01?", "'our' in the subject"),
        ("Will the value of your pension fall by 2026-01-01?", "'your' in the subject"),
        # a headline's quotation cut in half
        ("Will Fares rise again' by 2026-01-01?", "quotation cut"),
    ],
)
def test_draft_note_withholds_what_cannot_stand_alone(question: str, why: str) -> None:
    note = draft_note(question)
    assert withheld(note) and why in (note or "")


def test_a_grammatical_question_with_a_pronoun_inside_is_offered() -> None:
    question = "Will the new leader scrap the deal and replace it by 2026-01-01?"
    assert not withheld(draft_note(question))


def test_a_full_name_taken_up_by_he_in_the_next_sentence_is_a_person() -> None:
    article = (
        "Polls say that Keir Starmer will win a large majority. He may take seats in Surrey. "
        "Labour lost them under Gordon Brown in his last campaign. In time, he will be unpopular."
    )
    context = preceding_text(article, "In time, he will be unpopular.")
    # "Gordon Brown in his" marks a man too, but the nearest name wins
    assert resolve_subject("he", context, article).text == "Gordon Brown"
    article = article.replace("Gordon Brown in his", "Margaret Beckett in her")
    context = preceding_text(article, "In time, he will be unpopular.")
    # "her" after the name: "he" skips her and takes up the man named before
    assert resolve_subject("he", context, article).text == "Keir Starmer"


def test_an_institution_before_she_is_no_person() -> None:
    article = "Kamala Harris said so. The European Union waits. She will back the treaty."
    context = preceding_text(article, "She will back the treaty.")
    assert resolve_subject("she", context, article).text == "Kamala Harris"


def test_they_takes_up_a_common_noun_in_lower_case() -> None:
    article = "Negotiations could drag on for months. They could also collapse."
    context = preceding_text(article, "They could also collapse.")
    assert resolve_subject("they", context, article).text == "negotiations"
    article = "Democrats have won the House. They will block the budget."
    context = preceding_text(article, "They will block the budget.")
    assert resolve_subject("they", context, article).text == "Democrats"


def test_it_takes_up_a_names_thing_opening_the_sentence_before() -> None:
    article = "Brazil's currency is sliding. It may lose a fifth of its value."
    context = preceding_text(article, "It may lose a fifth of its value.")
    assert resolve_subject("it", context, article).text == "Brazil's currency"


def test_it_does_not_take_up_the_object_of_a_verb() -> None:
    # "the euro" is what Sweden adopts; "it" is the adoption, which the draft cannot name
    before = "Whether Sweden adopts the euro is another question, and "
    assert not resolve_subject("it", before, before).resolved


def test_the_time_phrase_and_a_trailing_now_leave_the_subject() -> None:
    assert resolve_subject("A default next year now", "", "").text == "A default"
    # a time phrase earlier in the sentence is the deadline's: the subject keeps its own
    assert resolve_subject("the vote in March", "By 2027, ", "").text == "the vote in March"
    assert resolve_subject("the crash of last year", "", "").text == "the crash of last year"


def test_a_time_phrase_inside_the_subject_stays() -> None:
    subject = "the drought in 2022 and its costs"
    assert resolve_subject(subject, "", "").text == subject
    assert resolve_subject("the vote on June 4", "", "").text == "the vote on June 4"


def test_they_takes_up_a_bare_plural_subject_after_a_dash() -> None:
    article = (
        "Kept out of the cabinet — not one has a ministry — generals are restless. They will plot."
    )
    context = preceding_text(article, "They will plot.")
    assert resolve_subject("they", context, article).text == "generals"


def test_those_who_is_a_description_not_a_pointer() -> None:
    assert not withheld(draft_note("Will those who skip the vote regret it by 2026-01-01?"))
    assert withheld(draft_note("Will those reforms survive by 2026-01-01?"))


@pytest.mark.parametrize(
    "question",
    [
        "Will as many as 10,000 jobs be cut by 2026-01-01?",  # a quantity, not "as" a conjunction
        "Will in-person voting fall by 2026-01-01?",  # a compound, not the preposition "in"
        "Will so-called moderates win by 2026-01-01?",
        "Will what’s left of the coalition survive by 2026-01-01?",
    ],
)
def test_function_words_inside_a_subject_are_no_sign_of_a_bad_cut(question: str) -> None:
    assert not withheld(draft_note(question))


def test_his_takes_up_the_name_opening_the_sentence_before_with_a_past_verb() -> None:
    article = "Trudeau resigned in January. His party will lose the election."
    context = preceding_text(article, "His party will lose the election.")
    assert resolve_subject("His party", context, article).text == "Trudeau’s party"


def test_the_more_opening_a_draft_is_always_a_cut_correlative() -> None:
    assert withheld(draft_note("Will the more seats it lose by 2026-01-01?"))


@pytest.mark.parametrize("name", ["France", "Farage", "Florence"])
def test_a_name_that_ends_like_a_noun_keeps_its_capital(name: str) -> None:
    assert resolve_subject(name, "", f"{name} will object.").text == name


def test_a_pronoun_after_another_name_says_nothing_of_the_first() -> None:
    article = (
        "Kamala Harris attacked Trump for his tariffs. Harris said so twice. She will win Michigan."
    )
    context = preceding_text(article, "She will win Michigan.")
    assert resolve_subject("she", context, article).text == "Kamala Harris"


def test_the_bench_counts_a_withheld_draft_as_not_usable() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.drafts import Draft, summary

    offered = Draft("a", "It will rain.", "Will it rain by 2026-01-01?", True)
    kept = Draft("a", "Rain will fall.", "Will rain fall by 2026-01-01?", True)
    withheld_draft = Draft("a", "This will pass.", "Will this pass?", True, "no draft: why")
    line = summary(
        "x", [(offered, {"usable": False}), (kept, {"usable": True}), (withheld_draft, None)]
    )
    assert "3 candidates; no draft 1 (33%); 2 drafts" in line
    assert "usable 1 (50% of judged drafts; 33% of candidates)" in line


# --- conditions the question must carry ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # a condition stated in an earlier sentence and only pointed at in the forecast's own
        (
            "The league may lose its broadcaster. In that event, the clubs will cut wages.",
            "'In that event'",
        ),
        (
            "Rates could climb again. If so, the housing market will stall by the autumn.",
            "'If so'",
        ),
        ("The airline needs a subsidy. Otherwise it will cancel the route.", "'Otherwise'"),
        ("The lenders must agree first. Then the factory will reopen in May.", "'Then'"),
        ("Volunteers run the museum. Without them, the museum will close next year.", "'Without them'"),
        # a condition whose own subject points back
        (
            "Ministers are drafting a tax on sugar. If that tax passes, soft-drink sales will fall.",
            "the condition ('If that ...')",
        ),
        # a condition about the author or the reader
        ("If we do nothing, the lake will dry up within a decade.", "the condition ('If we ...')"),
    ],
)  # fmt: skip
def test_a_forecast_resting_on_an_earlier_condition_is_withheld(text: str, why: str) -> None:
    c = _forecast(text, nth=-1)  # the forecast of the last sentence
    assert withheld(c.note) and why in (c.note or ""), (c.question, c.note)


def test_a_condition_of_its_own_is_kept_and_offered() -> None:
    c = _forecast("The clubs will cut wages if the league loses its broadcaster.")
    assert not withheld(c.note)
    assert c.question.endswith("if the league loses its broadcaster?")


@pytest.mark.parametrize(
    ("condition", "present"),
    [
        ("if no buyer came forward", "if no buyer comes forward"),
        ("if the striker were to leave", "if the striker leaves"),
        ("if the pilots were to strike", "if the pilots strike"),
        ("unless the council changed its mind", "unless the council changes its mind"),
        ("even if the harvest failed", "even if the harvest fails"),
        ("if the Greens won", "if the Greens win"),
        ("if the senate did not act", "if the senate does not act"),
        ("if the port closed", "if the port closes"),
        ("if the school opened early", "if the school opens early"),
        ("if the firm cut prices", "if the firm cuts prices"),
        ("if voters were tired", "if voters are tired"),
        ("unless the navy could escort them", "unless the navy can escort them"),
        # already present, or about the past, or a passive: left alone
        ("if the league expands", "if the league expands"),
        ("if she's elected", "if she's elected"),
        ("even if they lost ground in 2019", "even if they lost ground in 2019"),
        ("if a weakened mayor resigns", "if a weakened mayor resigns"),
        # a word after a determiner is a noun even when it could be a past verb
        ("if the cut in rates is small", "if the cut in rates is small"),
        ("if the hit to exports proves lasting", "if the hit to exports proves lasting"),
        ("if the cut was deep", "if the cut is deep"),
    ],
)
def test_present_condition_puts_the_condition_in_the_present(condition: str, present: str) -> None:
    assert present_condition(condition) == present


def test_a_past_tense_condition_reads_in_the_present_in_the_question() -> None:
    c = _forecast("If the airline went bust, the regional airport would close.")
    assert c.question.endswith("if the airline goes bust?"), c.question
    c = _forecast("The museum would shut its doors if the grant were to end.")
    assert c.question.endswith("if the grant ends?"), c.question


# --- garbled drafts withheld --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # the hedge ate the verb: "Will the airline a record loss ...?"
        ("The airline is on course for a record loss this year.", "no one subject"),
        # a participle left where the bare verb belongs: "Will the city quickly finishing ...?"
        ("After years of delay, the city will have trouble quickly finishing the tunnel.", "no one subject"),
        # a leading clause no comma closes: where the subject starts is unknown
        ("If the council raised fares the buses would run empty.", "not marked"),
        ("When the snow melts the river will flood the valley.", "not marked"),
    ],
)  # fmt: skip
def test_a_garbled_draft_is_withheld(text: str, why: str) -> None:
    c = _forecast(text)
    assert withheld(c.note) and why in (c.note or ""), (c.question, c.note)


@pytest.mark.parametrize(
    "text",
    [
        "The firm will bring new jobs to the valley.",
        "The council will surely approve the budget.",
        # a leading clause that holds the forecast and is closed by a comma after the hedge
        "While the union is unlikely to strike this winter, it still sees the talks as useful.",
    ],
)
def test_a_bare_verb_predicate_is_offered(text: str) -> None:
    assert not withheld(_forecast(text).note)


@pytest.mark.parametrize(
    "question",
    ["Will Did the merger close by 2026-01-01?", "Will is Brazil to host the cup by 2026-01-01?"],
)
def test_an_auxiliary_read_as_the_subject_is_withheld(question: str) -> None:
    note = draft_note(question)
    assert withheld(note) and "verb was read as the subject" in (note or "")


def test_may_the_name_is_not_an_auxiliary() -> None:
    assert not withheld(draft_note("Will May resign by 2026-01-01?"))


# --- the comparative correlative, a conditional --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ending"),
    [
        (
            "The longer the strike lasts, the more likely the carmaker will move production abroad.",
            "Will the carmaker move production abroad by 2026-03-01 if the strike lasts longer?",
        ),
        (
            "The more the council borrows, the higher rents will climb.",
            "Will rents climb higher by 2026-03-01 if the council borrows more?",
        ),
        (
            "The more tourists the island admits, the more water the hotels will use.",
            "Will the hotels use more water by 2026-03-01 if the island admits more tourists?",
        ),
        (
            "The weaker the pound gets, the more likely it is that exporters will hire.",
            "Will exporters hire by 2026-03-01 if the pound gets weaker?",
        ),
    ],
)  # fmt: skip
def test_the_more_x_the_more_y_is_asked_as_y_if_x(text: str, ending: str) -> None:
    c = _forecast(text)
    assert c.question == ending and not withheld(c.note), (c.question, c.note)
    assert c.sentence == text


def test_the_less_likely_half_is_left_to_the_analyst() -> None:
    c = _forecast("The longer the talks drag on, the less likely a deal will be signed.")
    assert "if the talks drag on longer" not in c.question


@pytest.mark.parametrize(
    ("text", "ending"),
    [
        # an inverted condition: "Were X to Y" is "if X Ys"
        ("Were the union to strike, the mine would close.", "if the union strikes?"),
        # "should X", inverted, read as a condition after the deadline, not a second clause
        ("Should the vaccine fail, the school will close.", "should the vaccine fail?"),
        # a trailing "once" clause is the condition and goes after the deadline
        ("The bridge will reopen once the inspectors sign off.", "once the inspectors sign off?"),
    ],
)
def test_inverted_and_once_conditions_are_carried(text: str, ending: str) -> None:
    c = _forecast(text)
    assert not withheld(c.note) and c.question.endswith(ending), (c.question, c.note)
    assert c.question.index("by 2026-03-01") < c.question.index(ending[:-1])


def test_once_as_an_adverb_is_no_condition() -> None:
    assert _forecast("The port, once so busy, will close.").condition is None
    assert _forecast("The champions will win once again.").condition is None


@pytest.mark.parametrize(
    "question",
    [
        "Will rising rates slow the housing market by 2026-01-01?",  # a gerund with its own object
        "Will most voters back the reform by 2026-01-01?",
        "Will other countries follow suit by 2026-01-01?",
        "Will the farmers' protest spread to Spain by 2026-01-01?",  # a plural possessive
        "Will the ‘red wall’ turn blue by 2026-01-01?",  # a quotation opened and closed
    ],
)
def test_a_generic_subject_is_offered(question: str) -> None:
    assert draft_note(question) is None


@pytest.mark.parametrize(
    ("text", "ending"),
    [
        ("Without a bailout, the carrier will fold.", "by 2026-03-01 without a bailout?"),
        ("Barring an injury, the champion will retain her title.", "by 2026-03-01 barring an injury?"),
        ("In case of a drought, the dam will run dry.", "by 2026-03-01 in case of a drought?"),
        ("Absent new orders, the shipyard will shed jobs.", "by 2026-03-01 absent new orders?"),
    ],
)  # fmt: skip
def test_a_condition_put_as_a_noun_phrase_is_carried(text: str, ending: str) -> None:
    c = _forecast(text)
    assert not withheld(c.note) and c.question.endswith(ending), (c.question, c.note)


def test_a_leading_clause_closed_by_a_comma_is_drafted() -> None:
    c = _forecast("When the snow melts, the river will flood the valley.")
    assert not withheld(c.note) and c.question.endswith("when the snow melts?"), c.question
