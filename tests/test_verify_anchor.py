"""`verify` anchored to a recorded head, and news items cited as evidence, on both databases."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import select

from ledger.db import Database
from ledger.events import change
from ledger.models import Feed, Flag, NewsItem, Question


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, result.stdout + result.stderr
    return result


def _verify_json(cli: Any, *args: str) -> tuple[int, dict[str, Any]]:
    result = cli(["verify", "--json", *args])
    return result.exit_code, json.loads(result.stdout)


def _setup(cli: Any) -> None:
    _ok(
        cli(
            ["questions", "add", "Will it rain?", "--key", "rain", "--criteria", "If wet.",
             "--resolve-by", "2030-01-01"]
        )
    )  # fmt: skip
    _ok(
        cli(
            ["claims", "add", "--question", "rain", "--author", "A", "--quote", "It will.",
             "--probability", "0.6", "--made", "2025-01-01"]
        )
    )  # fmt: skip


def test_verify_json_and_expect_head_catch_a_truncated_chain(cli: Any, database: Database) -> None:
    _setup(cli)
    code, report = _verify_json(cli)
    assert code == 0 and report["ok"] is True
    assert {"ok", "entries", "head"} <= report.keys() and report["entries"] == 2
    anchored = report["head"]
    _ok(cli(["verify", "--expect-head", anchored[:16]]))

    _ok(
        cli(
            ["claims", "add", "--question", "rain", "--author", "B", "--quote", "It won't.",
             "--probability", "0.2", "--made", "2025-01-02"]
        )
    )  # fmt: skip
    code, report = _verify_json(cli, "--expect-head", anchored)
    assert code == 0 and report["entries"] == 3  # a longer chain still contains the old head
    newest = report["head"]

    # Someone deletes the newest entry together with the rows it wrote: the rest is consistent...
    with database.engine.begin() as conn:
        payload = json.loads(
            conn.execute(sa.text("SELECT payload FROM ledger_entry WHERE seq = 3")).scalar_one()
        )
        for ch in reversed(payload["changes"]):  # children first
            conn.execute(sa.text(f"DELETE FROM {ch['table']} WHERE id = :id"), {"id": ch["id"]})
        conn.execute(sa.text("DELETE FROM ledger_entry WHERE seq = 3"))
    code, report = _verify_json(cli)
    assert code == 0 and report["ok"] is True
    # ...but not to a verify anchored at the head recorded before.
    code, report = _verify_json(cli, "--expect-head", newest)
    assert code == 1 and report["ok"] is False
    assert any("cut short or rewritten" in p["detail"] for p in report["problems"])
    text = cli(["verify", "--expect-head", newest[:12]])
    assert text.exit_code == 1 and "Traceback" not in text.stderr


def test_export_records_the_head(cli: Any, tmp_path: Path) -> None:
    _setup(cli)
    out = tmp_path / "ledger.json"
    done = _ok(cli(["export", "--format", "json", "--out", str(out)]))
    doc = json.loads(out.read_text())
    _, report = _verify_json(cli)
    assert doc["head"] == report["head"]
    assert report["head"] in done.stderr
    csv_done = _ok(cli(["export", "--format", "csv", "--out", str(tmp_path / "c.csv")]))
    assert report["head"] in csv_done.stderr


def _cited_item(database: Database, cli: Any) -> str:
    with database.write_session() as s, change(s, "test.flag", "flag", actor="matcher"):
        feed = Feed(url="http://127.0.0.1/feed.xml")
        s.add(feed)
        s.flush()
        item = NewsItem(
            feed_id=feed.id,
            dedupe_key="k1",
            url="https://news.example/1",
            title="It rained",
            summary="Heavy rain all day.",
            published_at=dt.datetime(2025, 6, 1, 8, 0, tzinfo=dt.UTC),
        )
        s.add(item)
        s.flush()
        question_id = s.exec(select(Question.id)).one()
        flag = Flag(item_id=item.id, question_id=question_id, score=3.0, matched_terms=["rain"])
        s.add(flag)
        s.flush()
        flag_id, item_id = flag.id, item.id
    resolved = json.loads(
        _ok(cli(["questions", "resolve", "rain", "yes", "--evidence", flag_id, "--json"])).stdout
    )
    # The outcome was known when the cited item was published.
    assert resolved["known_at"].startswith("2025-06-01T08:00:00")
    return item_id


def test_editing_a_cited_news_item_is_caught(cli: Any, database: Database) -> None:
    _setup(cli)
    item_id = _cited_item(database, cli)
    _ok(cli(["verify"]))
    for column, value in (
        ("title", "It did not rain"),
        ("url", "https://elsewhere.example/"),
        ("summary", "Dry."),
    ):
        with database.engine.begin() as conn:
            old = conn.execute(
                sa.text(f"SELECT {column} FROM news_item WHERE id = :id"), {"id": item_id}
            ).scalar_one()
            conn.execute(
                sa.text(f"UPDATE news_item SET {column} = :v WHERE id = :id"),
                {"v": value, "id": item_id},
            )
        code, report = _verify_json(cli)
        assert code == 1, column
        assert any(p["table"] == "news_item" and p["id"] == item_id for p in report["problems"])
        with database.engine.begin() as conn:
            conn.execute(
                sa.text(f"UPDATE news_item SET {column} = :v WHERE id = :id"),
                {"v": old, "id": item_id},
            )
        _ok(cli(["verify"]))
    with database.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM flag WHERE item_id = :id"), {"id": item_id})
        conn.execute(sa.text("DELETE FROM news_item WHERE id = :id"), {"id": item_id})
    code, report = _verify_json(cli)
    assert code == 1 and any("no longer stored" in p["detail"] for p in report["problems"])
