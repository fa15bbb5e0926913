"""Resolving questions: outcomes by kind, evidence (URLs and flags), history, conflicts, the due list, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from rich.console import Console
from sqlmodel import select

from claims.register import add_question
from claims.resolve import (
    FACTUAL_OUTCOMES,
    FORECAST_OUTCOMES,
    check_outcome,
    due_questions,
    history_table,
    resolution_history,
    resolve_question,
)
from ledger.db import Database
from ledger.errors import Conflict, NotFound, UserInputError
from ledger.events import change, isoformat, news_text_hash, verify
from ledger.models import Feed, Flag, LedgerEntry, NewsItem, Question, Resolution, utcnow


def _question(
    database: Database, text: str = "Will Russia sign a peace deal by 2025?", **kw
) -> str:  # type: ignore[no-untyped-def]
    with database.write_session() as s:
        q = add_question(s, text=text, actor="alice", **kw)
    return q.id


def _flag(database: Database, question_id: str, n: int = 1) -> tuple[str, str]:
    """A feed, a news item and a new flag on the question; returns (flag id, item id)."""
    with database.write_session() as s, change(s, "test.flag", "flag", actor="matcher"):
        feed = s.exec(select(Feed)).first()
        if feed is None:
            feed = Feed(url="http://127.0.0.1/feed.xml")
            s.add(feed)
            s.flush()
        item = NewsItem(
            feed_id=feed.id,
            dedupe_key=f"k{n}-{question_id}",
            url=f"https://news.example/{n}",
            title=f"Talks collapse, day {n}",
            published_at=utcnow(),
        )
        s.add(item)
        s.flush()
        flag = Flag(item_id=item.id, question_id=question_id, score=3.5, matched_terms=["talks"])
        s.add(flag)
        s.flush()
        return flag.id, item.id


def _resolve(database: Database, **kw) -> Resolution:  # type: ignore[no-untyped-def]
    with database.write_session() as s:
        return resolve_question(s, **{"actor": "alice", **kw})


def _verify_ok(database: Database) -> None:
    with database.session() as s:
        report = verify(s)
    assert report.ok, [str(p) for p in report.problems]


# --- pure ------------------------------------------------------------------------------------------------------


def test_outcomes_must_fit_the_question_kind() -> None:
    assert [check_outcome("forecast", o.upper()) for o in FORECAST_OUTCOMES] == list(
        FORECAST_OUTCOMES
    )
    assert [check_outcome("factual", f" {o} ") for o in FACTUAL_OUTCOMES] == list(FACTUAL_OUTCOMES)
    with pytest.raises(UserInputError, match=r"'true' is for factual questions.*yes, no, annulled"):
        check_outcome("forecast", "true")
    with pytest.raises(UserInputError, match=r"'yes' is for forecast questions"):
        check_outcome("factual", "yes")
    with pytest.raises(UserInputError, match=r"'maybe' is not an outcome"):
        check_outcome("forecast", "maybe")


# --- library ---------------------------------------------------------------------------------------------------


def test_resolving_mirrors_the_outcome_and_records_one_ledger_entry(database: Database) -> None:
    qid = _question(database)
    r = _resolve(
        database,
        question=qid[:6],
        outcome="No",
        note=" No treaty. ",
        evidence=["https://apnews.com/a", "https://apnews.com/a"],
    )
    with database.session() as s:
        q = s.get(Question, qid)
        assert q is not None
        assert (q.status, q.outcome, q.resolved_at, q.version) == (
            "resolved",
            "no",
            r.resolved_at,
            2,
        )
        [stored] = s.exec(select(Resolution)).all()
        assert stored.evidence == [{"kind": "url", "url": "https://apnews.com/a"}]
        assert (stored.note, stored.resolver) == ("No treaty.", "alice")
        last = s.exec(select(LedgerEntry).order_by(LedgerEntry.seq.desc())).first()  # type: ignore[attr-defined]
    assert last is not None
    assert (last.action, last.subject, last.actor) == (
        "question.resolved",
        f"question:{qid}",
        "alice",
    )
    payload = json.loads(last.payload)
    assert payload["data"] == {"outcome": "no", "previous": None}
    assert sorted(c["table"] for c in payload["changes"]) == ["question", "resolution"]
    _verify_ok(database)


def test_re_resolving_keeps_the_history_and_the_latest_stands(database: Database) -> None:
    qid = _question(database)
    _resolve(database, question=qid, outcome="no")
    _resolve(database, question=qid, outcome="annulled", actor="bob", note="ill-posed")
    with database.session() as s:
        history = resolution_history(s, qid)
        q = s.get(Question, qid)
    assert [(r.outcome, r.resolver) for r in history] == [("no", "alice"), ("annulled", "bob")]
    assert q is not None and (q.outcome, q.version, q.resolved_at) == (
        "annulled",
        3,
        history[-1].resolved_at,
    )
    console = Console(file=io.StringIO(), width=140, no_color=True)
    console.print(history_table(history))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "annulled (stands)" in text and "no (stands)" not in text and "ill-posed" in text
    _verify_ok(database)


def test_flag_evidence_records_the_item_and_marks_the_flag(database: Database) -> None:
    qid = _question(database)
    flag_id, item_id = _flag(database, qid)
    r = _resolve(database, question=qid, outcome="yes", evidence=[flag_id[:8], "http://x.org/y"])
    assert r.evidence == [
        {
            "kind": "flag",
            "flag_id": flag_id,
            "item_id": item_id,
            "url": "https://news.example/1",
            "title": "Talks collapse, day 1",
            "published": r.evidence[0]["published"],
            "text_hash": r.evidence[0]["text_hash"],
        },
        {"kind": "url", "url": "http://x.org/y"},
    ]
    with database.session() as s:
        item = s.get(NewsItem, item_id)
        assert item is not None
        assert r.evidence[0]["published"] == isoformat(item.published_at)
        assert r.evidence[0]["text_hash"] == news_text_hash(item.title, item.summary)
        # The outcome was known when the cited item was published.
        assert r.known_at == item.published_at
    with database.session() as s:
        flag = s.get(Flag, flag_id)
    assert flag is not None and (flag.status, flag.reviewer) == ("evidence", "alice")
    assert flag.reviewed_at == r.resolved_at
    _verify_ok(database)


@pytest.mark.parametrize(
    ("make_evidence", "message"),
    [
        (lambda other_flag: ["ftp://x.org/a"], "neither an http"),
        (lambda other_flag: ["https://"], "neither an http"),
        (lambda other_flag: [""], "empty"),
        (lambda other_flag: ["zzzz-no-such"], "neither an http"),
        (lambda other_flag: ["abcdef0123"], "no flag with id starting"),
        (lambda other_flag: [other_flag], "is about question"),
    ],
)
def test_bad_evidence_writes_nothing(database: Database, make_evidence, message: str) -> None:  # type: ignore[no-untyped-def]
    qid = _question(database)
    other = _question(database, "Will Putin accept a freeze by 2025?")
    other_flag, _ = _flag(database, other)
    with database.session() as s:
        entries_before = len(s.exec(select(LedgerEntry)).all())
    with pytest.raises((UserInputError, NotFound), match=message):
        _resolve(database, question=qid, outcome="yes", evidence=make_evidence(other_flag))
    with database.session() as s:
        assert s.exec(select(Resolution)).all() == []
        assert len(s.exec(select(LedgerEntry)).all()) == entries_before
        q, f = s.get(Question, qid), s.get(Flag, other_flag)
    assert q is not None and (q.status, q.version) == ("open", 1)
    assert f is not None and f.status == "new"


def test_a_stale_version_is_a_conflict_naming_who_resolved(database: Database) -> None:
    qid = _question(database)
    _resolve(database, question=qid, outcome="no", actor="bob")
    with pytest.raises(Conflict) as err:
        _resolve(database, question=qid, outcome="yes", expected_version=1)
    message = str(err.value)
    assert "bob resolved it as no at " in message and "you read version 1" in message
    assert "questions show" in message
    with database.session() as s:
        assert [r.outcome for r in resolution_history(s, qid)] == ["no"]
    _verify_ok(database)


def test_the_update_itself_is_conditional_on_the_version(database: Database) -> None:
    # Analyst A holds the question as read (version 1) while B resolves it; A's own read passes, so only the
    # conditional UPDATE can catch it.
    qid = _question(database)
    with database.write_session() as a:
        held = a.get(Question, qid)
        assert held is not None and held.version == 1
        a.commit()  # end the read transaction; the session keeps the stale object (expire_on_commit=False)
        _resolve(database, question=qid, outcome="no", actor="bob")
        assert held.version == 1
        with pytest.raises(Conflict, match=r"bob resolved it as no .*you read version 1"):
            resolve_question(a, question=held, outcome="yes", actor="alice")
    with database.session() as s:
        assert [r.resolver for r in resolution_history(s, qid)] == ["bob"]
    _verify_ok(database)


def test_again_false_refuses_an_already_resolved_question(database: Database) -> None:
    qid = _question(database)
    _resolve(database, question=qid, outcome="no", actor="bob")
    with pytest.raises(Conflict, match=r"already resolved as no by bob at .*--again"):
        _resolve(database, question=qid, outcome="yes", again=False)


def test_due_lists_open_forecasts_past_their_date_oldest_first(database: Database) -> None:
    today = dt.date(2026, 6, 1)
    late = _question(database, "Will A happen by 2025?", resolve_by=dt.date(2025, 1, 1))
    later = _question(database, "Will B happen by 2026?", resolve_by=dt.date(2026, 5, 31))
    _question(database, "Will C happen by mid-2026?", resolve_by=today)  # due today: not yet past
    _question(database, "Will D happen some day?")  # no date
    _question(database, "Was E true in 2024?", kind="factual", resolve_by=dt.date(2024, 1, 1))
    done = _question(database, "Will F happen by 2024?", resolve_by=dt.date(2024, 1, 1))
    _resolve(database, question=done, outcome="yes")
    with database.session() as s:
        assert [q.id for q in due_questions(s, today=today)] == [late, later]
        assert due_questions(s, today=dt.date(2024, 12, 31)) == []


# --- CLI -------------------------------------------------------------------------------------------------------


def test_cli_resolve_due_and_conflict(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    qid = _question(database, resolve_by=dt.date(2025, 1, 1), key="peace-2025")
    due = cli(["questions", "due", "--json", "--as-of", "2025-03-01"])
    assert due.exit_code == 0, due.stderr
    assert json.loads(due.stdout) == [
        {
            "id": qid,
            "key": "peace-2025",
            "text": "Will Russia sign a peace deal by 2025?",
            "resolve_by": "2025-01-01",
            "days_overdue": 59,
            "n_claims": 0,
            "version": 1,
        }
    ]
    table = cli(["questions", "due", "--as-of", "2025-03-01"])
    assert "peace-2025" in table.stdout and "59 d" in table.stdout

    done = cli(["questions", "resolve", "peace-2025", "no", "-e", "https://ap.org/x", "--json"])
    assert done.exit_code == 0, done.stderr
    body = json.loads(done.stdout)
    assert (body["outcome"], body["resolver"], body["question_id"]) == ("no", "tester", qid)
    assert body["evidence"] == [{"kind": "url", "url": "https://ap.org/x"}]
    assert json.loads(cli(["questions", "due", "--json", "--as-of", "2025-03-01"]).stdout) == []

    again = cli(["--as", "bob", "questions", "resolve", qid[:8], "yes"])
    assert again.exit_code == 1 and again.stdout == ""
    assert again.stderr.startswith(
        f"Error: question {qid[:8]} is already resolved as no by tester at "
    )
    assert "--again" in again.stderr and "Traceback" not in again.stderr

    stale = cli(["questions", "resolve", qid[:8], "yes", "--again", "--if-version", "1"])
    assert stale.exit_code == 1 and "tester resolved it as no" in stale.stderr

    ok = cli(
        ["--as", "bob", "questions", "resolve", qid[:8], "annulled", "--again", "--note", "moot"]
    )
    assert ok.exit_code == 0, ok.stderr
    assert ok.stdout.startswith(f"resolved question {qid[:8]} as annulled")
    with database.session() as s:
        assert [(r.outcome, r.resolver) for r in resolution_history(s, qid)] == [
            ("no", "tester"),
            ("annulled", "bob"),
        ]
    assert cli(["verify"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["peace-2025", "true"], "'true' is not an outcome for a forecast question"),
        (["no-such-question", "yes"], "no question 'no-such-question'"),
        (
            ["peace-2025", "yes", "--evidence", "mailto:x@y.z"],
            "neither an http(s) URL nor a flag id",
        ),
        (["peace-2025", "yes", "--if-version", "7"], "you read version 7"),
    ],
)
def test_cli_resolve_errors(database: Database, cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    _question(database, key="peace-2025")
    result = cli(["questions", "resolve", *args])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.stderr
    with database.session() as s:
        assert s.exec(select(Resolution)).all() == []


def test_cli_due_empty_and_bad_date(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(["questions", "due"]).stdout.startswith("no open forecasts")
    bad = cli(["questions", "due", "--as-of", "someday"])
    assert bad.exit_code == 1 and "--as-of 'someday' is not a date" in bad.stderr
