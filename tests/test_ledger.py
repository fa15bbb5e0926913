"""The event ledger: one entry per change, a hash chain, and verify catching edits made behind its back."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from ledger.db import Database, open_database
from ledger.events import (
    GENESIS,
    VerifyReport,
    _snapshot,
    bulk_change,
    canonical_json,
    change,
    entry_hash,
    insert_many,
    row_changes,
    snapshot_columns,
    verify,
)
from ledger.ids import new_id
from ledger.models import Feed, Flag, LedgerEntry, NewsItem, Question, Source


def _add_question(database: Database, text: str = "Will Russia sign a peace deal by 2027?") -> str:
    with (
        database.write_session() as s,
        change(s, "question.added", "question", actor="alice") as ch,
    ):
        q = Question(text=text, criteria="A signed treaty, reported by two major outlets.")
        s.add(q)
        s.flush()
        ch.subject = f"question:{q.id}"
    return q.id


def _verify(database: Database) -> VerifyReport:
    with database.session() as s:
        return verify(s)


def _entries(database: Database) -> list[LedgerEntry]:
    with database.session() as s:
        return list(s.exec(select(LedgerEntry).order_by(LedgerEntry.seq)))


def test_canonical_json_is_stable() -> None:
    assert canonical_json({"b": 1, "a": [1.5, None, "é"]}) == '{"a":[1.5,null,"é"],"b":1}'


def test_change_appends_one_chained_entry(database: Database) -> None:
    qid = _add_question(database)
    _add_question(database, "Will Putin accept a freeze on current lines by 2026?")
    first, second = _entries(database)
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS and second.prev_hash == first.hash
    assert first.action == "question.added" and first.actor == "alice"
    assert first.subject == f"question:{qid}"
    payload = json.loads(first.payload)
    [entry] = payload["changes"]
    assert entry["op"] == "insert" and entry["table"] == "question" and entry["id"] == qid
    assert entry["row"]["text"] == "Will Russia sign a peace deal by 2027?"
    assert first.hash == entry_hash(
        seq=1,
        at=first.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        actor="alice",
        action="question.added",
        subject=first.subject,
        payload=first.payload,
        prev_hash=GENESIS,
    )
    report = _verify(database)
    assert report.ok, report.problems
    assert (report.entries, report.rows) == (2, 2)


def test_failed_change_leaves_nothing(database: Database) -> None:
    with pytest.raises(RuntimeError), database.write_session() as s, change(s, "x", "y", actor="a"):
        s.add(Question(text="Will it happen?"))
        s.flush()
        raise RuntimeError("boom")
    assert _entries(database) == []
    with database.session() as s:
        assert s.exec(select(Question)).all() == []


def test_update_and_delete_are_recorded(database: Database) -> None:
    qid = _add_question(database)
    with database.write_session() as s, change(s, "question.amended", f"question:{qid}", actor="b"):
        q = s.get(Question, qid)
        assert q is not None
        q.criteria = "Sharper criteria."
        s.add(q)
    with database.write_session() as s, change(s, "source.removed", "source", actor="b"):
        src = Source(kind="outlet", name="Gazette")
        s.add(src)
        s.flush()
        s.delete(src)
    ops = [json.loads(e.payload)["changes"][0]["op"] for e in _entries(database)]
    assert ops == ["insert", "update", "delete"]
    assert _verify(database).ok


def test_verify_reports_a_row_edited_by_sql(database: Database) -> None:
    qid = _add_question(database)
    with database.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE question SET criteria = 'anything goes' WHERE id = :id"), {"id": qid}
        )
    report = _verify(database)
    assert not report.ok
    [problem] = report.problems
    assert (problem.kind, problem.table, problem.id) == ("changed", "question", qid)
    assert "criteria" in problem.detail and "anything goes" in problem.detail


def test_verify_reports_inserted_and_deleted_rows(database: Database) -> None:
    qid = _add_question(database)
    with database.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM question WHERE id = :id"), {"id": qid})
        conn.execute(
            sa.text(
                "INSERT INTO source (id, kind, name, created_at) "
                "VALUES ('feedbeef', 'author', 'Ghost', CURRENT_TIMESTAMP)"
            )
        )
    kinds = {(p.kind, p.table, p.id) for p in _verify(database).problems}
    assert kinds == {("missing", "question", qid), ("unrecorded", "source", "feedbeef")}


def test_verify_reports_an_edited_ledger_entry(database: Database) -> None:
    _add_question(database)
    _add_question(database, "Will there be a mutiny?")
    with database.engine.begin() as conn:
        conn.execute(sa.text("UPDATE ledger_entry SET actor = 'mallory' WHERE seq = 1"))
    problems = _verify(database).problems
    assert any(p.table == "ledger_entry" and p.id == "1" and "hash" in p.detail for p in problems)


def test_concurrent_writers_keep_one_chain(db_url: str) -> None:
    open_database(db_url, say=lambda _l: None).dispose()
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        database = open_database(db_url, say=lambda _l: None)
        try:
            for i in range(10):
                with (
                    database.write_session() as s,
                    change(s, "source.added", "source", actor=f"w{n}"),
                ):
                    s.add(Source(kind="author", name=f"writer {n} #{i}"))
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            database.dispose()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    database = open_database(db_url, say=lambda _l: None)
    entries = _entries(database)
    assert [e.seq for e in entries] == list(range(1, 31))
    report = _verify(database)
    assert report.ok, report.problems
    database.dispose()


_texts = st.one_of(st.none(), st.text(max_size=30))
_times = st.one_of(
    st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5))])),
    st.datetimes(),  # naive: UTC by convention
)
_moments = st.one_of(st.none(), _times)


# Rows of flags given as column values; values repeat down the columns, as a poll's do.
_flag_rows = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.text(min_size=1, max_size=8),
            "item_id": st.sampled_from(["i1", "i2"]) | st.text(max_size=8),
            "question_id": st.text(max_size=8),
            "score": st.one_of(
                st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False)
            ),
            "matched_terms": st.sampled_from([["kharkiv"], ["kharkiv", "drone"], []])
            | st.lists(st.text(max_size=10), max_size=3)
            | st.tuples(st.text(max_size=5)),
            "snippet": st.sampled_from(["", "Drones hit Kharkiv \u2026"]) | st.text(max_size=40),
            "status": st.sampled_from(["new", "dismissed"]),
            "reviewer": _texts,
            "reviewed_at": _moments,
            "created_at": _times,
        }
    ),
    max_size=8,
)


def values_snapshots(model: type[Flag], rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Each row's snapshot as the bulk path makes it, column by column (snapshot_columns)."""
    names, columns = snapshot_columns(model, rows)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


@given(_flag_rows)
def test_bulk_snapshots_equal_the_row_by_row_snapshot(rows: list[dict[str, object]]) -> None:
    assert values_snapshots(Flag, rows) == [_snapshot(Flag, r.__getitem__) for r in rows]
    # and both are what the ledger's JSON gives back
    assert json.loads(canonical_json(values_snapshots(Flag, rows))) == values_snapshots(Flag, rows)


def test_bulk_snapshots_refuse_nan_like_the_row_snapshot() -> None:
    row = {c.name: None for c in Flag.__table__.columns} | {"id": "x", "score": float("nan")}
    with pytest.raises(ValueError):
        values_snapshots(Flag, [row])


def _flag_parents(database: Database) -> tuple[list[str], str]:
    from feeds.registry import add_feed

    with database.write_session() as s:
        add_feed(s, url="http://example.org/feed", actor="t")
    with database.write_session() as s, change(s, "question.added", "t", actor="t"):
        feed = s.exec(select(Feed)).one()
        questions = [
            Question(text=f"Will it {n}?", criteria="as worded", kind="forecast") for n in range(2)
        ]
        s.add_all(questions)
        item = NewsItem(
            feed_id=feed.id,
            dedupe_key="k",
            title="t",
            summary="s",
            published_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
        )
        s.add(item)
        s.flush()
        return [q.id for q in questions], item.id


def test_bulk_insert_stores_every_column_as_given(database: Database) -> None:
    """insert_rows (Core's executemany and a snapshot per row) stores every column as given, time zones and
    JSON included, and the ledger verifies."""
    question_ids, item_id = _flag_parents(database)
    stamp = dt.datetime(2026, 11, 22, 12, 0, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    rows = [
        {
            "id": f"{n + 1:032x}",
            "item_id": item_id,
            "question_id": question_ids[n],
            "score": 3.25 + n,
            "matched_terms": ["kharkiv", "drone strike"][: n + 1],
            "snippet": "Drones hit Kharkiv \u2026 \u00e9",
            "status": "new" if n else "evidence",
            "reviewer": None if n else "ann",
            "reviewed_at": None if n else stamp,
            "created_at": stamp,
        }
        for n in range(2)
    ]
    with database.write_session() as s, change(s, "feed.polled", "t", actor="t") as ch:
        ch.insert_rows(s, Flag, rows)
    with database.session() as s:
        for row in rows:
            got = s.get(Flag, row["id"])
            assert got is not None
            assert got.model_dump() == row
            assert got.created_at.tzinfo is not None
        assert verify(s).ok


def test_insert_many_binds_what_core_binds(database: Database) -> None:
    """insert_many (the driver's executemany, each column's processor looked up once, a repeated value processed
    once) stores what Core's executemany stores, value for value: a time shared by rows and times of their own, in
    another zone; lists of text shared and alike; lists Python holds equal but JSON does not ([1] and [True]);
    None. Rows that leave a column to its default go through Core and get it."""
    question_ids, _ = _flag_parents(database)
    with database.write_session() as s:
        feed_id = s.exec(select(NewsItem.feed_id)).one()
        items = [
            NewsItem(
                feed_id=feed_id,
                dedupe_key=f"k{n}",
                published_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
            )
            for n in range(12)
        ]
        s.add_all(items)
        s.commit()
        item_ids = [i.id for i in items]
    shared = dt.datetime(2026, 11, 22, 12, 0, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    terms = ["kharkiv", "drone strike"]
    values = [
        (shared, terms, None, 0.5),
        (shared, terms, shared, 1),
        (dt.datetime(2026, 11, 22, 10, 0, 0, 123456, tzinfo=dt.UTC), list(terms), None, 0.25),
        (dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC), [1], None, 2.0),
        (shared, [True], None, 3.0),
        (shared, [], None, 4.0),
    ]

    def rows(first: int) -> list[dict[str, object]]:
        return [
            {
                "id": new_id(),
                "item_id": item_ids[first + n],
                "question_id": question_ids[0],
                "score": score,
                "matched_terms": matched,
                "snippet": f"{n} \u2026",
                "status": "new",
                "reviewer": None,
                "reviewed_at": reviewed,
                "created_at": created,
            }
            for n, (created, matched, reviewed, score) in enumerate(values)
        ]

    table = Flag.__table__
    by_core, by_driver = rows(0), rows(len(values))
    with database.engine.begin() as conn:
        conn.execute(table.insert(), by_core)
        insert_many(conn, table, by_driver)

    def stored(ids: list[str]) -> list[tuple[object, ...]]:
        columns = "score, matched_terms, snippet, status, reviewer, reviewed_at, created_at"
        with database.engine.connect() as conn:
            got = conn.execute(
                sa.text(f"SELECT {columns} FROM flag WHERE id IN :ids ORDER BY snippet").bindparams(
                    sa.bindparam("ids", expanding=True)
                ),
                {"ids": ids},
            ).all()
        return [tuple(r) for r in got]

    core = stored([r["id"] for r in by_core])  # type: ignore[misc]
    assert len(core) == len(values)
    assert stored([r["id"] for r in by_driver]) == core  # type: ignore[misc]
    assert [json.loads(r[1]) if isinstance(r[1], str) else r[1] for r in core][3:5] == [[1], [True]]

    # Without every column: Core, with the column's default.
    with database.engine.begin() as conn:
        insert_many(
            conn,
            NewsItem.__table__,
            [{"id": new_id(), "feed_id": feed_id, "dedupe_key": "partial", "published_at": shared}],
        )
    with database.session() as s:
        partial = s.exec(select(NewsItem).where(NewsItem.dedupe_key == "partial")).one()
        assert partial.fetched_at is not None and partial.title == ""


def _packed_column(values: list[object]) -> object:
    [ch] = [bulk_change("flag", ["v"], [values])]
    return ch["columns"]["v"]


def test_a_bulk_column_is_packed_only_when_it_repeats_text() -> None:
    assert _packed_column(["new", "new", "new"]) == {"each": "new"}
    assert _packed_column([None, None]) == {"each": None}
    assert _packed_column(["a", "b", "a", "a"]) == {"values": ["a", "b"], "index": [0, 1, 0, 0]}
    assert _packed_column([["x", "y"], ["x", "y"], ["z"], ["x", "y"]]) == {
        "values": [["x", "y"], ["z"]],
        "index": [0, 0, 1, 0],
    }
    assert _packed_column(["a", "b", "c"]) == ["a", "b", "c"]  # nothing gained by an index
    # Equal in Python, not in JSON: numbers and lists holding anything but text are kept as they are.
    assert _packed_column([1, 1.0, True, 1]) == [1, 1.0, True, 1]
    assert _packed_column([[1], [True], [1]]) == [[1], [True], [1]]
    assert _packed_column([0.5, 0.5, 0.5]) == [0.5, 0.5, 0.5]


def test_a_bulk_change_that_does_not_hold_its_rows_is_refused() -> None:
    good = bulk_change("flag", ["id", "status"], [["a", "b", "c"], ["new", "new", "new"]])
    assert [c["row"] for c in row_changes([good])] == [
        {"id": "a", "status": "new"},
        {"id": "b", "status": "new"},
        {"id": "c", "status": "new"},
    ]
    for columns in (
        {"id": ["a", "b"], "status": {"each": "new"}},  # a column short of a row
        {"id": ["a", "b", "c"], "status": {"values": ["new"], "index": [0, 0, 3]}},
        {"id": ["a", "b", "c"], "status": {"values": ["new", "old"], "index": [0, -1, 1]}},
        {"id": ["a", "b", "c"], "status": {"values": "new", "index": [0, 0, 0]}},
        {"id": ["a", "b", "c"], "status": {"each": "new", "index": [0]}},
    ):
        with pytest.raises(ValueError):
            list(row_changes([{**good, "columns": columns}]))
    with pytest.raises(ValueError):
        list(row_changes([{**good, "count": -1}]))


@given(_flag_rows)
def test_a_bulk_change_gives_back_every_row_snapshot(rows: list[dict[str, object]]) -> None:
    """What verify replays from a bulk insert's one change is the snapshot of each row, in order, after the
    ledger's JSON too."""
    if not rows:
        return
    recorded = json.loads(canonical_json([bulk_change("flag", *snapshot_columns(Flag, rows))]))
    assert list(row_changes(recorded)) == [
        {"op": "insert", "table": "flag", "id": snap["id"], "row": snap}
        for snap in (_snapshot(Flag, r.__getitem__) for r in rows)
    ]


def _many_flags(database: Database) -> tuple[list[str], list[dict[str, object]]]:
    """Three questions and four items, and a flag on every pair (what a poll raises, its values repeating down
    the columns)."""
    from feeds.registry import add_feed

    with database.write_session() as s:
        add_feed(s, url="http://example.org/feed", actor="t")
    with database.write_session() as s, change(s, "question.added", "t", actor="t"):
        feed_id = s.exec(select(Feed.id)).one()
        questions = [
            Question(text=f"Will it {n}?", criteria="as worded", kind="forecast") for n in range(3)
        ]
        items = [
            NewsItem(
                feed_id=feed_id,
                dedupe_key=f"k{n}",
                published_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
            )
            for n in range(4)
        ]
        s.add_all([*questions, *items])
        s.flush()
        question_ids, item_ids = [q.id for q in questions], [i.id for i in items]
    stamp = dt.datetime(2026, 11, 22, 12, 0, 0, 123456, tzinfo=dt.UTC)
    rows: list[dict[str, object]] = [
        {
            "id": new_id(),
            "item_id": item_id,
            "question_id": question_id,
            "score": 0.5 + n / 7,
            "matched_terms": ["kharkiv", "drone strike"] if n % 2 else ["kharkiv"],
            "snippet": f'Drones hit Kharkiv \u2026 item {n} "quoted"',
            "status": "new",
            "reviewer": None,
            "reviewed_at": None,
            "created_at": stamp,
        }
        for n, item_id in enumerate(item_ids)
        for question_id in question_ids
    ]
    with database.write_session() as s, change(s, "feed.polled", "feed:x", actor="t") as ch:
        ch.insert_rows(s, Flag, rows)
    return question_ids, rows


def test_a_bulk_insert_is_one_packed_change_that_verify_replays(database: Database) -> None:
    _, rows = _many_flags(database)
    entry = _entries(database)[-1]
    [recorded] = json.loads(entry.payload)["changes"]
    assert (recorded["op"], recorded["table"], recorded["count"]) == ("insert-rows", "flag", 12)
    columns = recorded["columns"]
    assert columns["status"] == {"each": "new"} and columns["reviewed_at"] == {"each": None}
    assert columns["created_at"] == {"each": "2026-11-22T12:00:00.123456Z"}
    assert len(columns["snippet"]["values"]) == 4 and len(columns["matched_terms"]["values"]) == 2
    assert columns["id"] == [r["id"] for r in rows]
    report = _verify(database)
    assert report.ok, report.problems
    assert (
        report.rows == 1 + 3 + 12
    )  # the feed, the questions and the flags (news items are not ledgered)

    # A packed value edited behind the ledger's back, and a row deleted, are caught like any other.
    edited, deleted = str(rows[4]["id"]), str(rows[7]["id"])
    with database.engine.begin() as conn:
        conn.execute(sa.text("UPDATE flag SET snippet = 'other' WHERE id = :id"), {"id": edited})
        conn.execute(sa.text("DELETE FROM flag WHERE id = :id"), {"id": deleted})
    problems = {(p.kind, p.table, p.id): p.detail for p in _verify(database).problems}
    assert problems.keys() == {("changed", "flag", edited), ("missing", "flag", deleted)}
    assert "snippet" in problems["changed", "flag", edited]


def test_log_lists_a_bulk_insert_row_by_row(database: Database) -> None:
    from ledger.history import log_entries, touched

    question_ids, rows = _many_flags(database)
    with database.session() as s:
        [entry] = log_entries(s, question=question_ids[1], action="feed.polled")
    assert [c["id"] for c in entry["changes"]] == [r["id"] for r in rows]
    assert {(c["op"], c["table"]) for c in entry["changes"]} == {("insert", "flag")}
    assert touched(entry).endswith(": 12 flag")


def test_a_bulk_insert_of_questions_is_searchable(database: Database) -> None:
    from ledger.search import matching_ids

    rows = [
        {
            "id": new_id(),
            "key": f"q{n}",
            "text": text,
            "criteria": "as worded",
        }
        for n, text in enumerate(["Will Kraków host the talks?", "Will the steel tariffs rise?"])
    ]
    with database.write_session() as s, change(s, "import", "file", actor="t") as ch:
        full = [
            Question(**r).model_dump() for r in rows
        ]  # every column given, as insert_rows wants
        ch.insert_rows(s, Question, full)
    with database.session() as s:
        found = list(s.exec(matching_ids(s, "question", "krakow")))  # type: ignore[call-overload]
    assert [f[0] for f in found] == [rows[0]["id"]]
    assert _verify(database).ok


def test_verify_reports_a_packed_change_that_no_longer_holds_its_rows(database: Database) -> None:
    _many_flags(database)
    seq = _entries(database)[-1].seq
    with database.engine.begin() as conn:
        payload = conn.execute(
            sa.text("SELECT payload FROM ledger_entry WHERE seq = :seq"), {"seq": seq}
        ).scalar_one()
        assert '"index":[0,' in payload
        conn.execute(
            sa.text("UPDATE ledger_entry SET payload = :p WHERE seq = :seq"),
            {"p": payload.replace('"index":[0,', '"index":[99,', 1), "seq": seq},
        )
    details = {p.detail for p in _verify(database).problems if p.table == "ledger_entry"}
    assert details == {"hash does not match its contents (entry edited)", "payload is not valid"}
