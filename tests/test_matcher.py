"""Tests for watch terms (feeds.matching.terms) and percolation matching (feeds.matching.matcher)."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feeds.matching.matcher import (
    SNIPPET_CHARS,
    Match,
    MatchIndex,
    QuestionWatch,
    Scoring,
    Watch,
    _SnippetSource,
    _window,
    format_watch,
    make_snippet,
    parse_watch_text,
    propose_watch,
)
from feeds.matching.terms import analyze, stem, term_key, tokens, word_terms

CEASEFIRE_Q = "Will Russia and Ukraine agree to a general ceasefire by 2025-12-31?"
MOBILISATION_Q = "Will Russia announce a new wave of mobilisation before 2023-12-31?"
MUTINY_Q = "Will an armed mutiny against the Russian military leadership take place by 2023-12-31?"
US_CEASEFIRE_Q = "Will Russia accept the US-proposed 30-day ceasefire by 2025-04-30?"
KURSK_Q = "Will Ukrainian forces be pushed out of the Kursk region by 2025-06-30?"

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def keys_of(group: list[str]) -> set[object]:
    return {term_key(t) for t in group}


# -- tokenising


@pytest.mark.parametrize(
    ("forms", "why"),
    [
        (["ceasefire", "ceasefires", "Ceasefire's"], "plural and possessive"),
        (["mobilised", "mobilized", "mobilisation", "mobilization", "mobilising"], "UK/US, -ation"),
        (["negotiations", "negotiate", "negotiated", "negotiating"], "verb and noun"),
        (["sanction", "sanctions", "sanctioned"], "inflection"),
        (["Zelenskyy\u2019s", "zelenskyy"], "curly possessive"),
        (["Kyïv", "kyiv"], "diacritics"),
    ],
)
def test_inflections_meet(forms: list[str], why: str) -> None:
    stems = {tuple(tokens(f)) for f in forms}
    assert len(stems) == 1, (why, stems)


def test_hyphenated_words_meet_their_joined_form() -> None:
    seq, extra = analyze("A cease-fire was agreed")
    assert term_key("ceasefire") in extra
    assert term_key("cease-fire") == term_key("ceasefire")
    assert seq[:3] == [stem("a"), stem("cease"), stem("fire")]


def test_country_us_is_not_the_pronoun_us() -> None:
    assert term_key("US") == term_key("U.S.") == term_key("USA")
    assert term_key("US") not in tokens("Tell us what you think")
    assert term_key("US") in tokens("The U.S. proposed a truce")


def test_thousands_separators_join() -> None:
    assert term_key("160,000") in tokens("conscript another 160,000 men")


# -- the Watch model and its text form


def test_watch_text_round_trip() -> None:
    watch = Watch(
        subject=["Kherson"],
        names=[["Sergei Shoigu", "Shoigu"]],
        events=[["capture", "take control"]],
        context=[["Ukraine", "Kyiv"]],
        groups=[["russia", "kremlin", "moscow"]],
        boost=["lasting", "30-day"],
        phrases=["black sea"],
        exclude=["gaza"],
    )
    text = format_watch(watch)
    assert text == (
        "subject: Kherson\n"
        "name: Sergei Shoigu | Shoigu\n"
        "event: capture | take control\n"
        "context: Ukraine | Kyiv\n"
        "all: russia | kremlin | moscow\n"
        "boost: lasting | 30-day\n"
        "phrase: black sea\n"
        "exclude: gaza\n"
    )
    assert parse_watch_text(text) == watch


def test_watch_dict_round_trip_is_stable_json() -> None:
    watch = propose_watch(CEASEFIRE_Q)
    stored = json.dumps(watch.to_dict(), sort_keys=True)
    again = Watch.from_dict(json.loads(stored))
    assert again == watch
    assert json.dumps(again.to_dict(), sort_keys=True) == stored


def test_version_1_watches_still_read() -> None:
    old = {"version": 1, "groups": [["russia"], ["truce"]], "boost": ["energy"]}
    watch = Watch.from_dict(old)
    assert watch.groups == [["russia"], ["truce"]] and watch.boost == ["energy"]
    assert watch.names == [] and watch.subject == []


def test_parse_watch_text_accepts_comments_and_repeats() -> None:
    watch = parse_watch_text(
        "# edited by hand\n\nall: Russia |  Kremlin\nboost: truce\nboost: pause\nnot: gaza\n"
    )
    assert watch.groups == [["Russia", "Kremlin"]]
    assert watch.boost == ["truce", "pause"]
    assert watch.exclude == ["gaza"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("boost: truce\n", "no 'subject:', 'name:', 'event:' or 'all:' line"),
        ("all: russia\nwhen: soon\n", "line 2"),
        ("all: russia || kremlin\n", "line 1: empty term"),
        ("all: russia\nexclude: Russia\n", "also required"),
        ("all: ---\n", "no letters or digits"),
        ("subject: a\nsubject: b\n", "one 'subject:' line"),
    ],
)
def test_parse_watch_text_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_watch_text(text)


def test_watch_from_dict_rejects_bad_shapes() -> None:
    with pytest.raises(ValueError, match="version"):
        Watch.from_dict({"version": 9, "groups": [["a"]]})
    with pytest.raises(ValueError, match="unknown keys"):
        Watch.from_dict({"groups": [["russia"]], "must": ["x"]})
    with pytest.raises(ValueError, match="group 1 is empty"):
        Watch.from_dict({"groups": [[]]})
    with pytest.raises(ValueError, match="at least one"):
        Watch.from_dict({"boost": ["x"]})


def test_watch_drops_duplicate_terms_by_their_key() -> None:
    watch = Watch(groups=[["ceasefire", "cease-fire", "Ceasefires", "truce"]])
    assert watch.groups == [["ceasefire", "truce"]]


# -- proposal: what a question is about, for any topic


def _keys(watch: Watch) -> set[object]:
    return {
        term_key(t)
        for line in [watch.subject, *watch.names, *watch.events, *watch.groups]
        for t in line
    }


def test_propose_never_requires_anything_on_its_own() -> None:
    for text in (
        CEASEFIRE_Q,
        MOBILISATION_Q,
        MUTINY_Q,
        KURSK_Q,
        "Will Russia capture Kyiv by 2026?",
    ):
        assert propose_watch(text).groups == []


def test_propose_people_by_full_name_and_surname() -> None:
    watch = propose_watch("Will Sergei Shoigu lose his post as defence minister by 2023-07-31?")
    assert watch.subject == ["Sergei Shoigu", "Shoigu"]
    blinken = propose_watch("Will Antony Blinken visit China before 2023-07-01?")
    assert "Blinken" in blinken.subject


def test_propose_places_and_organisations_stay_whole() -> None:
    watch = propose_watch("Will Boris Johnson leave Downing Street by 2022-09-30?")
    assert ["Downing Street"] in watch.names  # never the word "street" alone
    assert term_key("street") not in _keys(watch)
    pipeline = propose_watch("Will Germany stop Nord Stream 2 by 2022-03-15?")
    assert pipeline.subject == ["Nord Stream"]


def test_propose_the_subject_city_is_the_subject() -> None:
    watch = propose_watch("Will Russia capture Kyiv by 2026-12-31?")
    assert watch.subject == ["Kyiv"]
    assert any("russia" in line for line in watch.context)  # the country sets the scene


def test_propose_two_actors_stay_two() -> None:
    watch = propose_watch("Will Trump attend the Victory Day parade in Moscow by 2025-05-10?")
    trump = next(line for line in watch.names if "Trump" in line)
    assert "biden" not in trump and "united states" not in trump


def test_propose_names_joined_by_or_are_one_line() -> None:
    watch = propose_watch(
        "Will Finland or Sweden formally apply for NATO membership by 2022-04-30?"
    )
    lines = [watch.subject, *watch.names, *watch.context]
    assert any("finland" in line and "sweden" in line for line in lines)


def test_propose_scene_setting_clauses_only_boost() -> None:
    watch = propose_watch(
        "Will Sergei Shoigu lose his post as Russia's defence minister by 2023-07-31, after the Wagner revolt?"
    )
    assert any("Wagner" in line for line in watch.context)
    assert term_key("wagner") not in _keys(watch)


def test_propose_works_off_russia() -> None:
    watch = propose_watch(
        "Will Viktor Orbán's Fidesz win Hungary's parliamentary election on 3 April 2022?"
    )
    assert watch.subject and "Orban" in watch.subject[-1]
    assert ["Fidesz"] in watch.names
    assert propose_watch("Will the Bank of England raise Bank Rate to 5% by 2023-06-30?").subject


def test_propose_uses_criteria_as_boost() -> None:
    watch = propose_watch(
        "Will Brittney Griner be released by 2022-04-30?",
        "YES if the WNBA star is freed from custody in Russia.",
    )
    assert "WNBA" in watch.boost


def test_propose_a_kind_of_place_is_never_an_event() -> None:
    # "city", "region", "town": the name says where; the noun would meet any item about any city or region.
    for text, place in (
        ("Will Russian troops take control of the city of Kherson by 15 March 2022?", "Kherson"),
        ("Will Russia drive Ukrainian troops out of the Kursk region by 30 April 2025?", "Kursk"),
        ("Will flooding reach the town of Kampala by 2024-05-01?", "Kampala"),
    ):
        watch = propose_watch(text)
        keys = _keys(watch)
        assert term_key(place) in keys
        assert not keys & {term_key("city"), term_key("region"), term_key("town")}


def test_propose_a_span_of_time_is_never_an_event() -> None:
    watch = propose_watch("Kherson falls within a fortnight -- will Russia take it by 2022-03-15?")
    assert term_key("fortnight") not in _keys(watch)
    assert term_key("falls") in _keys(watch)
    hours = propose_watch("Will the strike at the Ford plant end within 48 hours?")
    assert term_key("hours") not in _keys(hours)


def test_propose_a_prefixed_word_also_meets_its_root() -> None:
    # After "re-" the word left is the event: "French election" news bears on a re-election question.
    watch = propose_watch("Will Emmanuel Macron win re-election in April 2022?")
    line = next(line for line in watch.events if "re-election" in line)
    assert "election" in line
    elected = propose_watch("Will Lula be re-elected president in 2026?")
    assert any("elected" in line for line in elected.events)
    # A compound's common half is not enough on its own ("foreign" of "foreign-currency").
    currency = propose_watch("Will Russia miss a foreign-currency payment by 2022-04-30?")
    assert not any("foreign" in line for line in currency.events)


def test_propose_quoted_text_is_a_name() -> None:
    watch = propose_watch('Will the Kremlin call the war a "special military operation" in 2026?')
    assert watch.subject == ["special military operation"]


# -- matching


def index_of(*watches: Watch, not_before: datetime | None = None, **scoring: float) -> MatchIndex:
    questions = {i: QuestionWatch(w, not_before) for i, w in enumerate(watches, 1)}
    return MatchIndex(questions, scoring=Scoring(**scoring))


RU_TRUCE = Watch(groups=[["russia", "kremlin", "putin"], ["ceasefire", "truce"]])


def test_every_required_line_must_be_met() -> None:
    index = index_of(RU_TRUCE, threshold=0.0)
    assert index.match("Kremlin rejects truce proposal", "", NOW)
    index.stats.reset()
    assert not index.match("Gaza truce holds for a third day", "", NOW)
    assert not index.match("Kremlin says talks will continue", "", NOW)
    # One line met in the title, the other in the summary, is enough.
    assert index.match("Kremlin answers Washington", "Moscow wants a truce on its terms.", NOW)


def test_no_single_common_word_is_enough() -> None:
    watch = propose_watch("Will Russia capture Kyiv by 2026-12-31?")
    index = index_of(watch)
    assert not index.match(
        "Social media videos capture latest Russian military deployment", "", NOW
    )
    assert index.match("Russian forces close in to capture Kyiv", "", NOW)


def test_rare_lines_weigh_more_than_common_ones() -> None:
    watch = Watch(names=[["Kherson"], ["Russia"]])
    index = index_of(watch, threshold=0.0, min_lines=1)
    [rare] = index.match("Kherson", "", NOW)
    [common] = index.match("Russia", "", NOW)
    assert rare.score > common.score


def test_excluded_terms_veto_a_match() -> None:
    watch = Watch(groups=RU_TRUCE.groups, exclude=["gaza"])
    index = index_of(watch, threshold=0.0)
    assert index.match("Putin backs truce", "A ceasefire along the front line.", NOW)
    assert not index.match("Putin backs truce", "He also discussed Gaza.", NOW)


def test_phrases_must_appear_word_for_word() -> None:
    watch = Watch(groups=[["russia"]], phrases=["black sea"])
    index = index_of(watch, threshold=0.0)
    assert index.match("Russia agrees Black Sea truce", "", NOW)
    assert not index.match("Russia sees black smoke over the sea", "", NOW)
    assert index.match("Russia agrees deal", "Strikes in the Black-Sea ports halt.", NOW)


def test_multiword_terms_count_as_one_term() -> None:
    watch = Watch(groups=[["russia"], ["peace talks", "negotiations"]])
    index = index_of(watch, threshold=0.0)
    [match] = index.match("Russia open to peace talks", "", NOW)
    assert match.matched_terms == ["russia", "peace talks"]
    assert not index.match("Russia talks up its peace credentials", "", NOW)


def test_title_weighs_more_than_summary() -> None:
    index = index_of(RU_TRUCE, threshold=0.0)
    summary_filler = "Officials met on Tuesday to discuss the situation at length."
    [in_title] = index.match("Kremlin rejects truce", summary_filler, NOW)
    [in_summary] = index.match(
        "Officials meet on Tuesday", "The Kremlin rejects a truce at length.", NOW
    )
    assert in_title.score > in_summary.score > 0


def test_boost_terms_raise_the_score_but_are_not_required() -> None:
    boosted = Watch(groups=RU_TRUCE.groups, boost=["energy"])
    index = index_of(RU_TRUCE, boosted, threshold=0.0)
    by_question = {m.question_id: m for m in index.match("Kremlin agrees energy truce", "", NOW)}
    assert by_question[2].score > by_question[1].score
    assert by_question[2].matched_terms == ["kremlin", "truce", "energy"]
    assert {m.question_id for m in index.match("Kremlin agrees truce", "", NOW)} == {1, 2}


def test_threshold_decides_the_flag() -> None:
    low = index_of(RU_TRUCE, threshold=0.0)
    high = index_of(RU_TRUCE, threshold=1000.0)
    assert low.match("Kremlin rejects truce", "", NOW)
    assert not high.match("Kremlin rejects truce", "", NOW)


def test_no_flag_before_the_earliest_claim() -> None:
    claimed = datetime(2025, 3, 1, tzinfo=UTC)
    index = index_of(RU_TRUCE, not_before=claimed, threshold=0.0)
    assert not index.match("Kremlin rejects truce", "", claimed - timedelta(seconds=1))
    assert index.match("Kremlin rejects truce", "", claimed)
    # Naive times are UTC; aware times in other zones are compared as instants.
    assert index.match("Kremlin rejects truce", "", datetime(2025, 3, 1, 0, 0))
    moscow = timezone(timedelta(hours=3))
    assert not index.match("Kremlin rejects truce", "", datetime(2025, 3, 1, 2, 59, tzinfo=moscow))


def test_no_flag_after_the_window_closes() -> None:
    closes = datetime(2025, 5, 31, tzinfo=UTC)
    index = MatchIndex({1: QuestionWatch(RU_TRUCE, None, closes)}, scoring=Scoring(threshold=0.0))
    assert index.match("Kremlin rejects truce", "", closes)
    assert not index.match("Kremlin rejects truce", "", closes + timedelta(seconds=1))


@pytest.mark.parametrize(
    ("kind", "start", "end"),
    [
        ("forecast", datetime(2025, 3, 10, 12, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC)),
        ("factual", datetime(2025, 2, 8, 12, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC)),
    ],
)
def test_the_window_by_kind(kind: str, start: datetime, end: datetime) -> None:
    from feeds.matching.index import match_window

    not_before, not_after = match_window(kind, datetime(2025, 3, 10, 12), date(2025, 4, 30))
    assert not_before == start
    # The deadline day counts whole, then 31 more days.
    assert not_after is not None and end - timedelta(seconds=1) < not_after < end
    assert match_window(kind, None, None) == (None, None)


def test_flag_keeps_score_terms_and_a_plain_snippet() -> None:
    summary = (
        "Markets were calm on Monday as traders waited for news from several capitals. "
        * 4
        + "The Kremlin said on Tuesday that a truce would only enter into force after sanctions "
        "on a state bank were lifted, a condition Kyiv rejected. "
        + "Analysts were divided on what would come next for the talks. "
        * 3
    )
    [match] = index_of(RU_TRUCE, threshold=0.0).match(
        "Russia ties truce to sanctions", summary, NOW
    )
    assert isinstance(match, Match)
    assert match.matched_terms == ["russia", "truce"]
    assert match.score > 0
    assert len(match.snippet) <= 240
    assert "truce" in match.snippet and "Kremlin" in match.snippet
    assert match.snippet.startswith("…") and match.snippet.endswith("…")


def test_snippet_of_a_short_summary_is_the_summary() -> None:
    assert make_snippet("Title", "  Short\n summary. ", ["summary"]) == "Short summary."
    assert make_snippet("Only a title", "", ["title"]) == "Only a title"


def test_matches_come_best_first() -> None:
    index = index_of(RU_TRUCE, Watch(groups=[["truce"]]), threshold=0.0)
    matches = index.match("Truce", "The Kremlin considers a truce.", NOW)
    assert len(matches) == 2
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_near_misses_are_scored_for_previews() -> None:
    index = index_of(propose_watch("Will Russia capture Kyiv by 2026-12-31?"))
    scored = index.score_all("Kyiv mayor opens a park", "")
    assert scored and scored[0][1] is False and 0 < scored[0][0].score < index.scoring.threshold


def test_add_replace_and_remove() -> None:
    index = index_of(threshold=0.0)
    index.add(7, QuestionWatch(RU_TRUCE))
    assert [m.question_id for m in index.match("Kremlin rejects truce", "", NOW)] == [7]
    index.add(7, QuestionWatch(Watch(groups=[["mobilisation"]])))
    assert not index.match("Kremlin rejects truce", "", NOW)
    assert index.match("Russia mobilizes reservists", "", NOW)
    assert index.remove(7) and not index.remove(7)
    assert len(index) == 0
    assert not index.match("Russia mobilizes reservists", "", NOW)
    # Nothing of the removed questions stays behind in the inverted index.
    assert not index._term_concepts and not index._anchors and not index._phrase_heads


def test_shared_lines_are_indexed_once_and_released_when_unused() -> None:
    index = index_of(RU_TRUCE, Watch(groups=RU_TRUCE.groups, boost=["energy"]))
    assert len(index._concept_keys) == 3
    index.remove(1)
    assert len(index._concept_keys) == 3
    index.remove(2)
    assert not index._concept_keys


def test_proposed_watches_flag_realistic_items() -> None:
    questions = {
        1: QuestionWatch(propose_watch(CEASEFIRE_Q), datetime(2022, 11, 1, tzinfo=UTC)),
        2: QuestionWatch(propose_watch(MOBILISATION_Q), datetime(2022, 11, 1, tzinfo=UTC)),
        3: QuestionWatch(propose_watch(MUTINY_Q), datetime(2022, 11, 1, tzinfo=UTC)),
        4: QuestionWatch(
            propose_watch(
                "Will Sergei Shoigu lose his post by 2023-07-31, after the Wagner revolt?"
            )
        ),
        5: QuestionWatch(propose_watch("Will Emmanuel Macron win re-election in April 2022?")),
        6: QuestionWatch(propose_watch("Will Ukraine retake Sudzha by 2025-04-30?")),
        7: QuestionWatch(propose_watch("Will the EU ban Russian oil imports by 2022-12-31?")),
    }
    index = MatchIndex(questions)
    cases = [
        ("Putin Orders Temporary Ceasefire in Ukraine for Victory Day", "", {1}),
        ("Wagner mutiny: armed revolt against Russian army chiefs", "", {3}),
        ("Russian hackers air deep fake speech calling for mobilization", "", {2}),
        ("Israel and Hamas agree Gaza ceasefire", "Talks in Cairo ended late.", set()),
        ("Wagner, Prigozhin, Putin and Shoigu: Bitter rivalries", "", {4}),
        ("French election result: Macron wins second term", "", {5}),
        ("Police Arrest Kursk Region Official on Bribery Charges", "", set()),
        ("Ukrainian troops fight on in Sudzha", "", {6}),
        ("UK petrol price jumps above £1.50", "Drivers pay more for fuel.", set()),
        ("EU agrees to ban most Russian oil imports", "", {7}),
    ]
    for title, summary, expected in cases:
        flagged = {m.question_id for m in index.match(title, summary, NOW)}
        assert flagged == expected, title


def test_a_breaking_story_is_not_suppressed() -> None:
    index = index_of(propose_watch(CEASEFIRE_Q))
    flagged = sum(
        bool(index.match(f"Russia and Ukraine agree general ceasefire {n}", "", NOW))
        for n in range(1000)
    )
    assert flagged == 1000


# -- cost per item does not grow with unrelated questions


def unrelated_questions(n: int) -> dict[int, QuestionWatch]:
    # Distinct invented names, so every question has its own rare subject.
    return {
        1000 + i: QuestionWatch(
            Watch(subject=[f"company{i}x"], names=[["russia", "kremlin"]], boost=["market"])
        )
        for i in range(n)
    }


def test_candidates_scored_do_not_grow_with_unrelated_questions() -> None:
    related = {
        1: QuestionWatch(propose_watch(CEASEFIRE_Q)),
        2: QuestionWatch(propose_watch(MOBILISATION_Q)),
    }
    items = [
        ("Kremlin rejects truce", "Russia says a ceasefire must wait.", NOW),
        ("Russia mobilises reservists", "The Kremlin ordered a call-up.", NOW),
        ("Russian market steady", "Moscow traders shrugged.", NOW),
    ]

    def work(index: MatchIndex) -> tuple[int, int, list[list[int]]]:
        index.stats.reset()
        flagged = [[m.question_id for m in index.match(*item)] for item in items]
        return index.stats.signatures_checked, index.stats.questions_scored, flagged

    small = MatchIndex(related)
    large = MatchIndex({**related, **unrelated_questions(10_000)})
    assert len(large) == 10_002
    small_checked, small_scored, small_flags = work(small)
    large_checked, large_scored, large_flags = work(large)
    assert small_scored > 0
    assert (large_checked, large_scored) == (small_checked, small_scored)
    assert large_flags == small_flags
    # The unrelated questions are reachable: an item naming one of them is scored for it alone.
    large.stats.reset()
    assert [m.question_id for m in large.match("Company42x leaves Russia", "", NOW)] == [1042]
    assert large.stats.questions_scored == 1


def _first_word_with(text: str, heads: set[str]) -> int:
    """The oracle: read every word, take the first that yields a head."""
    for m in re.finditer(r"[\w'\u2019\-]+", text):
        if heads & word_terms(m.group()):
            return m.start()
    return 0


_WORDS = [
    "Kremlin",
    "truce",
    "Kyiv",
    "talks",
    "cease-fire",
    "Putin's",
    "the",
    "and",
    "drones",
    "hit",
]


@given(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=90),
    st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3), min_size=1, max_size=4),
)
def test_snippets_read_only_as_far_as_needed_and_cut_where_a_full_read_would(
    words: list[str], wanted_lists: list[list[str]]
) -> None:
    summary = " ".join(words)
    source = _SnippetSource(
        "", summary
    )  # one source, several matches: its partial reading carries over
    for wanted in wanted_lists:
        keys = [term_key(w) for w in wanted]
        heads = {k if isinstance(k, str) else k[0] for k in keys}
        start = _first_word_with(summary, heads)
        expected = (
            summary if len(summary) <= SNIPPET_CHARS else _window(summary, start, SNIPPET_CHARS)
        )
        assert source.cut(keys) == expected
        assert source._start(heads) == start


def test_background_weights_come_from_general_english() -> None:
    from feeds.matching.background import TABLE, term_weight, weight

    assert TABLE.is_file()
    assert weight(term_key("the")) == 0.0
    assert weight(term_key("Kherson")) > weight(term_key("capture")) > weight(term_key("said"))
    # Inflections share a stem and a weight; a hyphenated word weighs as its heaviest part.
    assert weight(term_key("ceasefires")) == weight(term_key("ceasefire"))
    assert term_weight("foreign-currency") == max(
        weight(term_key("foreign")), weight(term_key("currency"))
    )
