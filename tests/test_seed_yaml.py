"""Structural checks of the shipped seed ledger, claims/data/seed.yaml, with nothing but yaml."""

from __future__ import annotations

import copy
import datetime as dt
import pathlib
import re
from collections import defaultdict
from typing import Any

import pytest
import yaml

import claims

SEED_PATH = pathlib.Path(claims.__file__).parent / "data" / "seed.yaml"

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = {"forecast", "factual"}
BASES = {"stated", "hedge", "analyst"}
FORECAST_ONLY_FIELDS = ("probability", "basis", "hedge")

# The news sample in feeds/data/news covers these periods; a question settled by it must have its
# resolve-by date inside one of them and a claim published before that date.
NEWS_PERIODS = (
    (dt.date(2022, 2, 1), dt.date(2022, 4, 30)),
    (dt.date(2023, 6, 1), dt.date(2023, 7, 3)),
    (dt.date(2025, 3, 1), dt.date(2025, 4, 30)),
)
TODAY = dt.date(2026, 11, 22)


def load_seed(path: pathlib.Path = SEED_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    assert isinstance(doc, dict), f"{path}: top level must be a mapping"
    return doc


def as_date(value: object) -> dt.date | None:
    """The YAML loader already turns ISO dates into dates; a quoted ISO string is accepted too."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _article_problems(articles: object) -> tuple[list[str], dict[str, dict[str, Any]]]:
    problems: list[str] = []
    by_key: dict[str, dict[str, Any]] = {}
    if not isinstance(articles, list) or not articles:
        return ["articles: must be a non-empty list"], by_key
    for i, art in enumerate(articles):
        where = f"articles[{i}]"
        if not isinstance(art, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        key = art.get("key")
        if not isinstance(key, str) or not SLUG.match(key):
            problems.append(f"{where}: key {key!r} is not a slug")
            continue
        where = f"article {key}"
        if key in by_key:
            problems.append(f"{where}: duplicate key")
        by_key[key] = art
        if not _is_text(art.get("title")):
            problems.append(f"{where}: title missing")
        if as_date(art.get("published")) is None:
            problems.append(f"{where}: published {art.get('published')!r} is not an ISO date")
        url = art.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith("https://")):
            problems.append(f"{where}: url {url!r} is not an https URL")
        authors = art.get("authors")
        if authors is not None and not (
            isinstance(authors, list) and authors and all(_is_text(a) for a in authors)
        ):
            problems.append(f"{where}: authors must be a non-empty list of names")
        text = art.get("text")
        if not _is_text(text):
            problems.append(f"{where}: text missing")
            continue
        assert isinstance(text, str)
        paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
        repeated = sorted({p for p in paragraphs if paragraphs.count(p) > 1})
        for p in repeated:
            problems.append(f"{where}: paragraph repeated in text: {p[:60]!r}")
    return problems, by_key


def _question_problems(questions: object) -> tuple[list[str], dict[str, dict[str, Any]]]:
    problems: list[str] = []
    by_key: dict[str, dict[str, Any]] = {}
    if not isinstance(questions, list) or not questions:
        return ["questions: must be a non-empty list"], by_key
    for i, q in enumerate(questions):
        where = f"questions[{i}]"
        if not isinstance(q, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        key = q.get("key")
        if not isinstance(key, str) or not SLUG.match(key):
            problems.append(f"{where}: key {key!r} is not a slug")
            continue
        where = f"question {key}"
        if key in by_key:
            problems.append(f"{where}: duplicate key")
        by_key[key] = q
        if q.get("kind") not in KINDS:
            problems.append(f"{where}: kind {q.get('kind')!r} is not forecast or factual")
        text = q.get("text")
        if not _is_text(text) or not str(text).rstrip().endswith("?"):
            problems.append(f"{where}: text must be a question ending in '?'")
        if not _is_text(q.get("criteria")):
            problems.append(f"{where}: criteria missing")
        if as_date(q.get("resolve_by")) is None:
            problems.append(f"{where}: resolve_by {q.get('resolve_by')!r} is not an ISO date")
        tags = q.get("tags")
        if not (isinstance(tags, list) and tags and all(isinstance(t, str) for t in tags)):
            problems.append(f"{where}: tags must be a non-empty list of strings")
    return problems, by_key


def _claim_problems(
    raw: object, articles: dict[str, dict[str, Any]], questions: dict[str, dict[str, Any]]
) -> list[str]:
    problems: list[str] = []
    if not isinstance(raw, list) or not raw:
        return ["claims: must be a non-empty list"]
    seen: set[tuple[str, str, str]] = set()
    claimed: set[str] = set()
    for i, claim in enumerate(raw):
        where = f"claims[{i}]"
        if not isinstance(claim, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        qkey, akey, quote = claim.get("question"), claim.get("article"), claim.get("quote")
        where = f"claims[{i}] ({qkey} / {akey})"
        question = questions.get(qkey) if isinstance(qkey, str) else None
        article = articles.get(akey) if isinstance(akey, str) else None
        if question is None:
            problems.append(f"{where}: unknown question {qkey!r}")
        if article is None:
            problems.append(f"{where}: unknown article {akey!r}")
        if not isinstance(quote, str) or not quote.strip():
            problems.append(f"{where}: quote missing")
        elif article is not None and quote not in str(article.get("text", "")):
            problems.append(f"{where}: quote is not verbatim in the article: {quote[:60]!r}")
        if question is None or article is None or not isinstance(quote, str):
            continue
        claimed.add(str(qkey))
        ident = (str(qkey), str(akey), quote)
        if ident in seen:
            problems.append(f"{where}: duplicate claim")
        seen.add(ident)
        published, deadline = as_date(article.get("published")), as_date(question.get("resolve_by"))
        if published is not None and deadline is not None and published > deadline:
            problems.append(f"{where}: article published after the question's resolve_by")
        if question.get("kind") == "factual":
            for field in FORECAST_ONLY_FIELDS:
                if field in claim:
                    problems.append(f"{where}: factual claim must not have {field}")
            continue
        p = claim.get("probability")
        # bool is an int subclass: "probability: yes" must not pass as 1.
        if isinstance(p, bool) or not isinstance(p, int | float) or not 0 < p < 1:
            problems.append(f"{where}: probability {p!r} is not strictly between 0 and 1")
        basis = claim.get("basis")
        if basis not in BASES:
            problems.append(f"{where}: basis {basis!r} is not stated, hedge or analyst")
        hedge = claim.get("hedge")
        if basis == "hedge":
            if not _is_text(hedge):
                problems.append(f"{where}: basis hedge needs the hedge phrase")
            elif str(hedge).lower() not in quote.lower():
                problems.append(f"{where}: hedge {hedge!r} does not occur in the quote")
        elif hedge is not None:
            problems.append(f"{where}: hedge given but basis is {basis!r}")
        if basis == "analyst" and not _is_text(claim.get("note")):
            problems.append(f"{where}: an analyst reading needs a note saying how")
    for qkey in sorted(set(questions) - claimed):
        problems.append(f"question {qkey}: has no claim")
    return problems


def seed_problems(doc: dict[str, Any]) -> list[str]:
    """Every structural problem in an import document, all at once, each naming its place."""
    problems: list[str] = []
    if doc.get("version") != 1:
        problems.append(f"version: {doc.get('version')!r}, expected 1")
    article_problems, articles = _article_problems(doc.get("articles"))
    question_problems, questions = _question_problems(doc.get("questions"))
    problems += article_problems + question_problems
    problems += _claim_problems(doc.get("claims"), articles, questions)
    return problems


def articles_per_question(doc: dict[str, Any]) -> dict[str, set[str]]:
    result: dict[str, set[str]] = defaultdict(set)
    for claim in doc["claims"]:
        result[claim["question"]].add(claim["article"])
    return result


def earliest_claim_date(doc: dict[str, Any]) -> dict[str, dt.date]:
    published = {a["key"]: as_date(a["published"]) for a in doc["articles"]}
    result: dict[str, dt.date] = {}
    for claim in doc["claims"]:
        day = published[claim["article"]]
        assert day is not None
        key = claim["question"]
        result[key] = min(day, result.get(key, day))
    return result


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    return load_seed()


# --- the shipped file ---------------------------------------------------------------------------


def test_seed_has_no_structural_problems(seed: dict[str, Any]) -> None:
    assert seed_problems(seed) == []


def test_seed_has_at_least_25_questions_with_unique_keys(seed: dict[str, Any]) -> None:
    keys = [q["key"] for q in seed["questions"]]
    assert len(keys) >= 25
    assert len(set(keys)) == len(keys)
    assert len({a["key"] for a in seed["articles"]}) == len(seed["articles"]) == 5


def test_several_questions_carry_claims_from_several_articles(seed: dict[str, Any]) -> None:
    shared = {q for q, arts in articles_per_question(seed).items() if len(arts) >= 2}
    assert len(shared) >= 3, shared
    # The three events the brief names as shared across seeds.
    assert {
        "ru-ua-lasting-ceasefire-2026",
        "ru-accepts-freeze-current-lines-2026",
        "ru-veterans-revolt-after-ceasefire",
    } <= shared


def test_every_claim_quote_is_verbatim(seed: dict[str, Any]) -> None:
    texts = {a["key"]: a["text"] for a in seed["articles"]}
    missing = [c["quote"] for c in seed["claims"] if c["quote"] not in texts[c["article"]]]
    assert missing == []


def test_article_texts_drop_capture_boilerplate(seed: dict[str, Any]) -> None:
    # Markers of what the seeds README says is not part of the articles: site navigation,
    # bylines and bios, outlet footers, photo captions.
    markers = (
        "RELATED ARTICLES",
        "Google search engine",
        "Recent Comments",
        "HomeThe War",
        "By Dennis Soltys",
        "appeared first on",
        "Join the Conversation",
        "More from Foreign Policy",
        "Getty Images",
        "Ian Garner is an assistant professor",
    )
    found = [(a["key"], m) for a in seed["articles"] for m in markers if m in a["text"]]
    assert found == []


def test_forecast_and_factual_claims_are_shaped_by_kind(seed: dict[str, Any]) -> None:
    kinds = {q["key"]: q["kind"] for q in seed["questions"]}
    for claim in seed["claims"]:
        if kinds[claim["question"]] == "forecast":
            assert 0 < claim["probability"] < 1, claim
        else:
            assert not set(FORECAST_ONLY_FIELDS) & set(claim), claim
    assert sum(1 for k in kinds.values() if k == "factual") >= 3


def test_some_questions_are_settled_inside_the_news_periods(seed: dict[str, Any]) -> None:
    earliest = earliest_claim_date(seed)
    settled = []
    for q in seed["questions"]:
        deadline = as_date(q["resolve_by"])
        assert deadline is not None
        in_news = any(start <= deadline <= end for start, end in NEWS_PERIODS)
        # The matcher ignores items older than the earliest claim, so the claim must come first.
        if q["kind"] == "forecast" and in_news and earliest[q["key"]] < deadline:
            settled.append(q["key"])
    assert len(settled) >= 5, settled


def test_some_questions_stay_open_past_today(seed: dict[str, Any]) -> None:
    open_questions = [
        q["key"]
        for q in seed["questions"]
        if q["kind"] == "forecast" and (as_date(q["resolve_by"]) or TODAY) >= dt.date(2026, 12, 31)
    ]
    assert len(open_questions) >= 5, open_questions


# Hedge readings are checked against the one hedge table in tests/test_import.py.


# --- the checker itself catches what it should ------------------------------------------------


def minimal_doc() -> dict[str, Any]:
    return {
        "version": 1,
        "articles": [
            {
                "key": "a-one",
                "title": "One",
                "published": dt.date(2025, 1, 1),
                "text": "Russia will not agree to a ceasefire.\nThe war goes on.\n",
            }
        ],
        "questions": [
            {
                "key": "q-forecast",
                "kind": "forecast",
                "text": "Will Russia agree to a ceasefire by 2026?",
                "criteria": "Resolves YES if ...",
                "resolve_by": dt.date(2026, 12, 31),
                "tags": ["ceasefire"],
            },
            {
                "key": "q-fact",
                "kind": "factual",
                "text": "Does the war go on?",
                "criteria": "TRUE if ...",
                "resolve_by": dt.date(2025, 6, 30),
                "tags": ["fact-check"],
            },
        ],
        "claims": [
            {
                "question": "q-forecast",
                "article": "a-one",
                "quote": "Russia will not agree to a ceasefire.",
                "probability": 0.1,
                "basis": "hedge",
                "hedge": "will not",
            },
            {"question": "q-fact", "article": "a-one", "quote": "The war goes on."},
        ],
    }


def test_minimal_document_is_clean() -> None:
    assert seed_problems(minimal_doc()) == []


def _set(path: tuple[str | int, ...], value: object) -> Any:
    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return mutate


def _delete(path: tuple[str | int, ...]) -> Any:
    def mutate(doc: dict[str, Any]) -> None:
        target: Any = doc
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return mutate


def _duplicate_question(doc: dict[str, Any]) -> None:
    doc["questions"].append(copy.deepcopy(doc["questions"][0]))


def _repeat_paragraph(doc: dict[str, Any]) -> None:
    doc["articles"][0]["text"] += "The war goes on.\n"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_set(("version",), 2), "version"),
        (_set(("claims", 0, "quote"), "Russia will never agree."), "not verbatim"),
        (_set(("claims", 0, "question"), "nope"), "unknown question"),
        (_set(("claims", 0, "article"), "nope"), "unknown article"),
        (_set(("claims", 0, "probability"), 1.0), "strictly between"),
        (_set(("claims", 0, "probability"), 0), "strictly between"),
        (_set(("claims", 0, "probability"), True), "strictly between"),
        (_delete(("claims", 0, "probability")), "strictly between"),
        (_set(("claims", 0, "basis"), "guess"), "basis"),
        (_set(("claims", 0, "hedge"), "never"), "does not occur in the quote"),
        (_set(("claims", 0, "basis"), "analyst"), "hedge given"),
        (_set(("claims", 1, "probability"), 0.9), "factual claim must not have probability"),
        (_set(("claims", 1, "basis"), "hedge"), "factual claim must not have basis"),
        (_set(("questions", 0, "resolve_by"), "31/12/2026"), "not an ISO date"),
        (_set(("articles", 0, "published"), "2025-13-01"), "not an ISO date"),
        (_set(("articles", 0, "published"), dt.date(2027, 1, 1)), "published after"),
        (_set(("questions", 0, "kind"), "opinion"), "kind"),
        (_set(("questions", 0, "key"), "Not A Slug"), "not a slug"),
        (_set(("questions", 0, "text"), "Russia agrees."), "ending in '?'"),
        (_delete(("questions", 0, "criteria")), "criteria missing"),
        (_set(("articles", 0, "url"), "http://example.org"), "https URL"),
        (_delete(("claims", 1)), "question q-fact: has no claim"),
        (_duplicate_question, "duplicate key"),
        (_repeat_paragraph, "paragraph repeated"),
    ],
)
def test_checker_reports_each_defect(mutate: Any, expected: str) -> None:
    doc = minimal_doc()
    mutate(doc)
    problems = seed_problems(doc)
    assert any(expected in p for p in problems), problems
