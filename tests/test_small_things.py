"""The small things a user tripped on: --url for a saved article, amending a key, annulled questions listed,
evidence flags in `questions show`, counts in the singular, an idle watch tick, written-out dates."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ledger.dates import parse_date
from ledger.db import Database
from ledger.events import change
from ledger.models import Feed, Flag, NewsItem


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _question(cli: Any, key: str = "freeze") -> dict[str, Any]:
    return _json(
        cli(
            [
                "questions",
                "add",
                "Will the front freeze by 2026?",
                "--criteria",
                "c",
                "--resolve-by",
                "2026-12-31",
                "--key",
                key,
                "--json",
            ]
        )
    )


def test_written_out_dates() -> None:
    assert parse_date("13 March 2025") == dt.date(2025, 3, 13)
    assert parse_date("March 13, 2025") == dt.date(2025, 3, 13)
    assert parse_date("13 mar 2025") == dt.date(2025, 3, 13)


def test_article_file_with_its_url(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "saved.txt"
    path.write_text("Russia will never negotiate.")
    args = [
        "articles",
        "add",
        str(path),
        "--title",
        "Never",
        "--outlet",
        "FP",
        "--author",
        "A B",
        "--published",
        "13 March 2025",
    ]
    bad = cli([*args, "--url", "not a url"])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: --url")
    added = _json(cli([*args, "--url", "https://foreignpolicy.com/2025/03/13/never/", "--json"]))
    assert added["url"] == "https://foreignpolicy.com/2025/03/13/never/"
    assert added["published"] == "2025-03-13"


def test_amend_a_key(cli) -> None:  # type: ignore[no-untyped-def]
    _question(cli)
    _question(cli, "other")
    taken = cli(["questions", "amend", "freeze", "--key", "other", "--reason", "x"])
    assert taken.exit_code == 1 and "already" in taken.stderr
    badly = cli(["questions", "amend", "freeze", "--key", "Not A Slug", "--reason", "x"])
    assert badly.exit_code == 1 and "lowercase" in badly.stderr
    assert (
        cli(
            ["questions", "amend", "freeze", "--key", "front-freeze-2026", "--reason", "clearer"]
        ).exit_code
        == 0
    )
    shown = _json(cli(["questions", "show", "front-freeze-2026", "--json"]))
    assert shown["key"] == "front-freeze-2026"
    assert [(a["field"], a["old"], a["new"]) for a in shown["amendments"]] == [
        ("key", "freeze", "front-freeze-2026")
    ]
    assert cli(["verify"]).exit_code == 0


def test_annulled_questions_are_listed(cli) -> None:  # type: ignore[no-untyped-def]
    _question(cli)
    _question(cli, "other")
    assert (
        cli(["questions", "resolve", "freeze", "annulled", "--note", "the front moved"]).exit_code
        == 0
    )
    assert [
        q["key"] for q in _json(cli(["questions", "list", "--status", "annulled", "--json"]))
    ] == ["freeze"]
    assert [q["key"] for q in _json(cli(["questions", "list", "--status", "open", "--json"]))] == [
        "other"
    ]


def test_withdrawn_questions_are_listed_apart(cli) -> None:  # type: ignore[no-untyped-def]
    _question(cli)
    _question(cli, "other")
    refused = cli(["questions", "list", "--status", "gone"])
    assert refused.exit_code == 1 and "open, resolved, annulled, withdrawn" in refused.stderr
    assert cli(["questions", "withdraw", "other", "--reason", "duplicate of freeze"]).exit_code == 0

    def keys(status: str) -> list[str]:
        return [q["key"] for q in _json(cli(["questions", "list", "--status", status, "--json"]))]

    assert keys("withdrawn") == ["other"]
    assert keys("open") == ["freeze"]  # a withdrawn question is out of every other status
    listed = {q["key"]: q for q in _json(cli(["questions", "list", "--json"]))}
    assert set(listed) == {"freeze", "other"} and listed["other"]["withdrawn"] is True
    assert "withdrawn" in cli(["questions", "list"]).stdout


def test_questions_show_lists_evidence_flags(cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    q = _question(cli)
    with database.write_session() as s, change(s, "test.flag", "test", actor="t"):
        feed = Feed(url="https://news.example.org/rss")
        s.add(feed)
        s.flush()
        item = NewsItem(
            feed_id=feed.id,
            dedupe_key="k1",
            title="Front lines frozen",
            url="https://news.example.org/1",
            published_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
        )
        s.add(item)
        s.flush()
        flag = Flag(item_id=item.id, question_id=q["id"], score=1.0)
        s.add(flag)
    assert _json(cli(["questions", "show", "freeze", "--json"]))["evidence_flags"] == []
    assert cli(["flags", "evidence", flag.id[:8]]).exit_code == 0
    shown = _json(cli(["questions", "show", "freeze", "--json"]))
    assert [(f["id"], f["title"], f["reviewer"]) for f in shown["evidence_flags"]] == [
        (flag.id, "Front lines frozen", "tester")
    ]
    text = cli(["questions", "show", "freeze"])
    assert "news kept as evidence" in text.stdout and "Front lines frozen" in text.stdout


def test_one_claim_is_singular(cli) -> None:  # type: ignore[no-untyped-def]
    _question(cli)
    assert (
        cli(
            [
                "claims",
                "add",
                "--question",
                "freeze",
                "--quote",
                "No freeze.",
                "--probability",
                "0.1",
                "--author",
                "Ian Garner",
            ]
        ).exit_code
        == 0
    )
    record = cli(["report", "source", "Ian Garner"])
    assert record.exit_code == 0 and "1 claim:" in record.stdout and "1 claims" not in record.stdout
    listing = cli(["report", "sources"])
    assert "1 claims" not in listing.stdout


def test_an_idle_watch_tick_says_when_the_next_feed_is_due(cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    empty = cli(["watch", "--once"])
    assert empty.exit_code == 0 and "no feeds are watched" in empty.stderr
    assert cli(["feeds", "add", "https://news.example.org/rss"]).exit_code == 0
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=30)
    with database.engine.begin() as conn:  # polling state is not ledgered: as a poll would leave it
        conn.execute(sa.text("UPDATE feed SET next_check_at = :t"), {"t": later})
    tick = cli(["watch", "--once"])
    assert tick.exit_code == 0, tick.stderr
    assert "0 feeds polled" in tick.stderr and "next feed due" in tick.stderr
    assert re.search(r"\(in (29|30) min\)", tick.stderr), tick.stderr
