"""The watch beyond one poll: a breaking story is flagged whole, the analyst's reviews teach the matcher, stored news
is matched for new or changed questions (backfill), previews, superseded flags and one review card per item."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console
from sqlmodel import select

from claims.register import add_claim, add_question
from claims.resolve import resolve_question
from feeds.ingest import poll
from feeds.matching.editing import set_question_watch
from feeds.matching.index import CACHE
from feeds.matching.learning import Decided, learn
from feeds.matching.matcher import MatchIndex, QuestionWatch
from feeds.matching.terms import Watch, propose_watch, term_key
from feeds.registry import add_feed
from feeds.review import dismiss_flag, list_flags, mark_evidence, review
from ledger.db import Database
from ledger.events import verify
from ledger.models import Flag, NewsItem, Question
from tests.feed_server import FeedServer, item, rss, serve

FAST: dict[str, Any] = {"connect_timeout": 2.0, "total_timeout": 5.0}
T0 = dt.datetime(2025, 3, 20, 12, 0, tzinfo=dt.UTC)
CEASEFIRE = "Will Russia and Ukraine agree to a general ceasefire by 2025-12-31?"
KHERSON = "Will Russian troops take control of the city of Kherson by 2025-12-31?"
RFC822 = "%a, %d %b %Y %H:%M:%S +0000"


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with serve() as s:
        yield s


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    CACHE.clear()
    yield
    CACHE.clear()


def _when(minutes: int) -> str:
    return (T0 + dt.timedelta(minutes=minutes)).strftime(RFC822)


def _question(database: Database, text: str, key: str) -> str:
    with database.write_session() as s:
        q = add_question(s, text=text, key=key, resolve_by=dt.date(2025, 12, 31), actor="tester")
        add_claim(
            s,
            question=q,
            quote=f"claim on {text}",
            outlet="Test Outlet",
            probability=0.3,
            made_at=T0 - dt.timedelta(days=30),
            actor="tester",
        )
        return q.id


def _serve(server: FeedServer, path: str, items: list[tuple[str, str, str]]) -> str:
    body = rss(
        "".join(
            item(guid, title, summary, _when(n)) for n, (guid, title, summary) in enumerate(items)
        )
    )
    server.routes[path] = (200, {"Content-Type": "application/rss+xml"}, body.encode())
    return server.url(path)


def _add_feed(database: Database, url: str) -> None:
    with database.write_session() as s:
        add_feed(s, url=url, actor="tester")


def _poll(database: Database) -> Any:
    return poll(database, mode="all", fetch_options=FAST, actor="tester")


def _flags(database: Database, question_id: str | None = None) -> list[tuple[Flag, NewsItem]]:
    with database.session() as s:
        stmt = select(Flag, NewsItem).join(NewsItem, NewsItem.id == Flag.item_id)  # type: ignore[arg-type]
        if question_id is not None:
            stmt = stmt.where(Flag.question_id == question_id)
        return list(s.exec(stmt).all())


# -- a breaking story ----------------------------------------------------------------------------------------


def test_a_breaking_story_in_a_fresh_ledger_is_flagged_whole(
    database: Database, server: FeedServer
) -> None:
    qid = _question(database, CEASEFIRE, "ceasefire")
    story = [
        (
            f"burst-{n}",
            f"Russia and Ukraine agree general ceasefire {n}",
            f"Report {n}: both sides said the truce along the front would hold from midnight.",
        )
        for n in range(100)
    ]
    _add_feed(database, _serve(server, "/burst", story))
    summary = _poll(database)
    assert summary.new_items == 100
    assert len(_flags(database, qid)) == 100


# -- learning from the analyst -------------------------------------------------------------------------------


def test_learning_is_pure_and_never_learns_the_questions_own_terms() -> None:
    watch = propose_watch(CEASEFIRE)
    dismissed = [
        Decided(f"Russia Ukraine ceasefire chess match {n}", "A chess tournament truce.", False)
        for n in range(3)
    ]
    kept = [
        Decided(f"Ceasefire deal signed by negotiators {n}", "Negotiators in Riyadh sign.", True)
        for n in range(2)
    ]
    feedback = learn(watch, dismissed + kept)
    assert term_key("chess") in feedback.lower_terms
    assert term_key("negotiator") in feedback.raise_terms
    assert term_key("ceasefire") not in feedback.lower_terms  # the question's own word
    assert len(feedback.dismissed) == 3 and len(feedback.evidence) == 2
    index = MatchIndex({1: QuestionWatch(watch, feedback=feedback)})
    plain = MatchIndex({1: QuestionWatch(watch)})
    chess = ("Russia Ukraine ceasefire at chess match", "A chess tournament truce.")
    deal = ("Russia and Ukraine agree ceasefire", "Negotiators sign the deal.")
    assert plain.match(*chess, T0) and not index.match(*chess, T0)
    assert index.match(*deal, T0)[0].score > plain.match(*deal, T0)[0].score


def test_dismissals_change_what_is_flagged_next(
    database: Database, server: FeedServer, cli
) -> None:  # type: ignore[no-untyped-def]
    qid = _question(database, CEASEFIRE, "ceasefire")
    first = [
        ("a1", "Russia and Ukraine ceasefire in chess final", "The chess players agreed a truce."),
        ("a2", "Chess: Russia Ukraine ceasefire at the board", "A chess truce at the olympiad."),
        ("a3", "Russia and Ukraine agree ceasefire talks", "Negotiators meet in Riyadh."),
    ]
    url = _serve(server, "/learn", first)
    _add_feed(database, url)
    _poll(database)
    flags = {i.title: f for f, i in _flags(database, qid)}
    assert len(flags) == 3
    with database.write_session() as s:
        dismiss_flag(s, flags[first[0][1]].id, actor="erin")
    with database.write_session() as s:
        dismiss_flag(s, flags[first[1][1]].id, actor="erin")
    with database.write_session() as s:
        mark_evidence(s, flags[first[2][1]].id, actor="erin")
    shown = cli(["questions", "watch", "ceasefire", "--json"])
    assert shown.exit_code == 0, shown.stderr
    learned = json.loads(shown.stdout)["learned"]
    assert learned["dismissed"] == 2 and learned["evidence"] == 1
    assert "chess" in learned["lowers"]
    table = cli(["questions", "watch", "ceasefire"])
    assert "learned from 2 dismissed and 1 evidence items" in table.stdout
    # The next poll: another chess item is not flagged, news of the talks still is.
    second = [
        *first,
        ("b1", "Russia Ukraine ceasefire in chess rematch", "Chess players truce again."),
        ("b2", "Russia and Ukraine ceasefire talks resume", "Negotiators return to Riyadh."),
    ]
    _serve(server, "/learn", second)
    _poll(database)
    titles = {i.title for _, i in _flags(database, qid)}
    assert "Russia and Ukraine ceasefire talks resume" in titles
    assert "Russia Ukraine ceasefire in chess rematch" not in titles
    with database.session() as s:
        assert verify(s).ok


# -- backfill and preview ------------------------------------------------------------------------------------


def test_a_question_added_later_is_matched_against_stored_news(
    database: Database, server: FeedServer
) -> None:
    stored = [
        (
            "k1",
            "Russian troops take control of Kherson",
            "The city of Kherson fell to Russian forces.",
        ),
        ("k2", "Kherson mayor says Russian troops control the city", "Kherson is occupied."),
        ("k3", "Apple unveils a new phone", "Nothing about any war."),
    ]
    _add_feed(database, _serve(server, "/stored", stored))
    assert _poll(database).new_items == 3
    qid = _question(database, KHERSON, "kherson")
    again = _poll(database)
    assert again.new_items == 0 and again.backfilled == 2
    assert {i.title for _, i in _flags(database, qid)} == {stored[0][1], stored[1][1]}
    # Matched once: a further poll raises nothing twice.
    assert _poll(database).backfilled == 0
    assert len(_flags(database, qid)) == 2
    # Changed terms are matched again; only the flags the question lacks are raised.
    with database.write_session() as s:
        set_question_watch(s, qid, Watch(subject=["Apple"], names=[["phone"]]), actor="tester")
    changed = _poll(database)
    assert changed.backfilled == 1
    assert len(_flags(database, qid)) == 3
    with database.session() as s:
        assert verify(s).ok


def test_a_backfill_reads_a_bounded_number_of_stored_items(
    database: Database, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from feeds.matching import backfill

    stored = [
        (f"b{n}", f"Russian troops take control of Kherson, day {n}", "Kherson fell.")
        for n in range(5)
    ]
    _add_feed(database, _serve(server, "/bounded", stored))
    _poll(database)
    qid = _question(database, KHERSON, "kherson")
    monkeypatch.setattr(backfill, "MAX_ITEMS", 2)
    assert _poll(database).backfilled == 2
    # The newest two, by publication.
    assert {i.title for _, i in _flags(database, qid)} == {stored[3][1], stored[4][1]}


def test_preview_lists_what_would_be_flagged_and_near_misses(
    database: Database,
    server: FeedServer,
    cli,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    stored = [
        ("p1", "Russian troops take control of Kherson", "The city of Kherson fell."),
        ("p2", "Kherson residents queue for bread", "Long lines in Kherson."),
        ("p3", "Apple unveils a new phone", "Nothing about any war."),
    ]
    _add_feed(database, _serve(server, "/preview", stored))
    _poll(database)
    _question(database, KHERSON, "kherson")
    shown = cli(["questions", "watch", "kherson", "--preview", "--json"])
    assert shown.exit_code == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert [r["title"] for r in data["flagged"]] == [stored[0][1]]
    assert data["flagged"][0]["score"] >= data["threshold"]
    assert [r["title"] for r in data["near_misses"]] == [stored[1][1]]
    # Terms from a file are previewed without being stored.
    path = tmp_path / "terms.txt"
    path.write_text("subject: Apple\nname: phone\n", encoding="utf-8")
    trial = cli(["questions", "watch", "kherson", "--preview", "--set-file", str(path), "--json"])
    assert [r["title"] for r in json.loads(trial.stdout)["flagged"]] == [stored[2][1]]
    assert (
        json.loads(cli(["questions", "watch", "kherson", "--json"]).stdout)["source"] == "proposed"
    )
    table = cli(["questions", "watch", "kherson", "--preview"])
    assert "would be flagged" in table.stdout and "near" in table.stdout
    wrong = cli(["questions", "watch", "kherson", "--preview", "--reset"])
    assert wrong.exit_code == 1 and wrong.stderr.startswith("Error:")


# -- superseded flags and review cards -----------------------------------------------------------------------


def test_resolving_closes_remaining_new_flags_as_superseded(
    database: Database, server: FeedServer, cli
) -> None:  # type: ignore[no-untyped-def]
    items = [
        ("s1", "Russian troops take control of Kherson", "The city of Kherson fell."),
        ("s2", "Russian troops control Kherson city centre", "Kherson is under Russian control."),
        ("s3", "Kherson: Russian troops take the city hall", "Russian troops in Kherson."),
    ]
    qid = _question(database, KHERSON, "kherson")
    _add_feed(database, _serve(server, "/supersede", items))
    _poll(database)
    flags = [f for f, _ in _flags(database, qid)]
    assert len(flags) == 3
    with database.write_session() as s:
        dismiss_flag(s, flags[1].id, actor="erin")
    with database.write_session() as s:
        resolve_question(s, question=qid, outcome="yes", evidence=[flags[0].id], actor="erin")
    status = {f.id: f.status for f, _ in _flags(database, qid)}
    assert status == {flags[0].id: "evidence", flags[1].id: "dismissed", flags[2].id: "superseded"}
    with database.session() as s:
        assert {v.id for v in list_flags(s)} == {flags[0].id, flags[1].id}  # hidden by default
        assert [v.id for v in list_flags(s, status="superseded")] == [flags[2].id]
        assert verify(s).ok
    listed = cli(["flags", "list", "--status", "superseded", "--json"])
    assert [f["id"] for f in json.loads(listed.stdout)] == [flags[2].id]


def test_an_item_on_several_questions_is_one_card(database: Database, server: FeedServer) -> None:
    kherson = _question(database, KHERSON, "kherson")
    ceasefire = _question(database, CEASEFIRE, "ceasefire")
    items = [
        (
            "c1",
            "Russia and Ukraine agree ceasefire as Russian troops take control of Kherson",
            "Kherson city fell; a general truce follows.",
        ),
        # Less like the ceasefire question than c1, so c1's card comes first (review runs in order of score).
        ("c2", "Russia and Ukraine ceasefire talks", "Negotiators meet in Istanbul."),
    ]
    _add_feed(database, _serve(server, "/cards", items))
    _poll(database)
    both = [f for f, i in _flags(database) if i.title == items[0][1]]
    assert {f.question_id for f in both} == {kherson, ceasefire}
    buffer = io.StringIO()
    console = Console(file=buffer, width=160, color_system=None, force_terminal=False)
    keys = iter(["e", "d", "q"])
    review(database, actor="erin", read_key=lambda: next(keys), console=console)
    out = buffer.getvalue()
    assert "this item bears on 2 questions" in out
    with database.session() as s:
        status = {
            f.question_id: f.status
            for f in s.exec(select(Flag).where(Flag.item_id == both[0].item_id))
        }
    # The card was decided question by question, before the review moved on to the other item.
    assert sorted(status.values()) == ["dismissed", "evidence"]
    first_card = out.index("this item bears on 2 questions")
    assert (
        out.count(items[0][1]) >= 2 and out.index(items[1][1]) > first_card
        if items[1][1] in out
        else True
    )


def test_a_superseded_question_has_nothing_left_to_review(database: Database) -> None:
    with database.write_session() as s:
        q = add_question(s, text=KHERSON, key="k", actor="tester")
    with database.write_session() as s:
        resolve_question(s, question=q.id, outcome="no", actor="erin")
    with database.session() as s:
        assert s.get(Question, q.id).status == "resolved"  # type: ignore[union-attr]
