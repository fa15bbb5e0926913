"""The event ledger: the one write path, its hash chain, and `verify` that replays it against the tables."""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session, SQLModel, col, select

from ledger.models import TRACKED, LedgerEntry, NewsItem, Tracked, utcnow

ENV_ACTOR = "FORECAST_LEDGER_ACTOR"
GENESIS = "0" * 64
_TOUCHED = "ledger_touched"
_ACTIVE = "ledger_active"


def default_actor() -> str:
    """FORECAST_LEDGER_ACTOR, else the OS user name."""
    env = os.environ.get(ENV_ACTOR)
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no user name in a bare container: still attribute the change
        return "unknown"


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} in the ledger")


def isoformat(value: dt.date | dt.datetime) -> str:
    """Dates as ISO, datetimes as UTC ISO with microseconds and a Z: the form the ledger stores."""
    text: str = _encode(value)
    return text


def canonical_json(obj: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text, datetimes as UTC ISO with microseconds: the bytes we hash."""
    return json.dumps(
        obj,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_encode,
    )


_PRIMITIVE = (str, int, float, bool, type(None))
_TEXT = {
    str
}  # the types of a list of text (set(map(type, values)) <= _TEXT: no other, not even a subclass)


def _plain(value: Any) -> Any:
    """A value as JSON gives it back (tuples become lists, datetimes UTC ISO text), built directly: a JSON
    round trip per row is most of the cost of ledgering thousands of rows."""
    if isinstance(value, _PRIMITIVE):
        if isinstance(value, float) and value != value:
            raise ValueError("NaN cannot go into the ledger")
        return value
    if isinstance(value, dt.date):
        return _encode(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    raise TypeError(f"cannot put {type(value).__name__} in the ledger")


def _ledgered_columns(model: type[SQLModel]) -> list[sa.Column[Any]]:
    """The columns of a model the ledger records (`ledger_fields`, else all)."""
    table = model.__table__  # type: ignore[attr-defined]
    wanted = model.ledger_fields if issubclass(model, Tracked) else None
    return [c for c in table.columns if wanted is None or c.name in wanted]


def _snapshot(model: type[SQLModel], value_of: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in _ledgered_columns(model):
        value = value_of(column.name)
        if value is not None and isinstance(column.type, sa.Float):
            value = float(value)
        out[column.name] = _plain(value)
    return out


def snapshot(row: SQLModel) -> dict[str, Any]:
    """The ledgered columns of a row, as plain JSON values."""
    return _snapshot(type(row), lambda name: getattr(row, name))


def snapshot_columns(
    model: type[SQLModel], rows: list[dict[str, Any]]
) -> tuple[list[str], list[list[Any]]]:
    """The ledgered columns of many rows of one model given as column values (every column must be given): their
    names, and for each the values its row snapshots hold, row by row. Made column by column: a column of text and
    None passes as it is, and each distinct datetime is encoded once (a poll stamps all its rows alike)."""
    table = model.__table__  # type: ignore[attr-defined]
    wanted = model.ledger_fields if issubclass(model, Tracked) else None
    names = [c.name for c in table.columns if wanted is None or c.name in wanted]
    floats = {c.name for c in table.columns if isinstance(c.type, sa.Float)}
    encoded: dict[dt.datetime, str] = {}
    columns: list[list[Any]] = []
    for name in names:
        values = [row[name] for row in rows]
        kinds = set(map(type, values))
        if kinds <= {str, type(None)}:
            pass
        elif kinds == {float}:  # what float() and _plain leave as they are, NaN refused
            if any(v != v for v in values):
                raise ValueError("NaN cannot go into the ledger")
        elif kinds <= {dt.datetime, type(None)} and name not in floats:
            for value in set(values):
                if value is not None and value not in encoded:
                    encoded[value] = _encode(value)
            values = [None if v is None else encoded[v] for v in values]
        else:
            is_float = name in floats
            values = [_plain_value(v, is_float, encoded) for v in values]
        columns.append(values)
    return names, columns


def _plain_value(value: Any, is_float: bool, encoded: dict[dt.datetime, str]) -> Any:
    """A column value as its snapshot holds it (snapshot_columns; _plain, with datetimes encoded once)."""
    if value is None or type(value) is str:
        return value
    if is_float:
        value = float(value)
    if type(value) is dt.datetime:
        text = encoded.get(value)
        if text is None:
            text = encoded[value] = _encode(value)
        return text
    if type(value) is list and set(map(type, value)) <= _TEXT:
        # What _plain makes of a list of text (a flag's terms), in one step.
        return list(value)
    return _plain(value)


_NO_MEMO = object()


def _bound(values: list[Any], processor: Any) -> list[Any]:
    """processor(value) for each value of a column; a value met again is processed once: the same object (None, a
    time: a poll stamps all its rows with one) or a list of the same text (a flag's matched terms)."""
    kinds = set(map(type, values))
    if kinds <= {type(None), dt.datetime}:
        same = {id(v): v for v in values}
        done = {key: processor(value) for key, value in same.items()}
        return [done[id(v)] for v in values]
    if kinds != {list}:
        return list(map(processor, values))
    alike: dict[tuple[str, ...], Any] = {}
    out: list[Any] = []
    for value in values:
        if set(map(type, value)) <= _TEXT:
            key = tuple(value)
            got = alike.get(key, _NO_MEMO)
            if got is _NO_MEMO:
                got = alike[key] = processor(value)
        else:
            got = processor(value)
        out.append(got)
    return out


def insert_many(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows of one table with one executemany of the driver, every column given in every row.

    What Core's executemany does per row (a parameter dict compiled, each value through its type's bind processor)
    is most of its cost for thousands of small rows. Here each column's processor is looked up once, and a value
    repeated down a column (a time, a list of terms) is processed once: the values bound are those Core binds.
    Rows that leave columns to their defaults go through Core."""
    if not rows:
        return
    names = [c.name for c in table.columns]
    keys = set(names)
    if any(c.key != c.name for c in table.columns) or not all(row.keys() == keys for row in rows):
        connection.execute(table.insert(), rows)
        return
    sql, order, positional, processors = _insert_plan(table, connection.dialect)
    columns: list[list[Any]] = []
    for name, processor in zip(order, processors, strict=True):
        values = [row[name] for row in rows]
        columns.append(values if processor is None else _bound(values, processor))
    if positional:
        connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))
    else:
        connection.exec_driver_sql(
            sql, [dict(zip(order, t, strict=True)) for t in zip(*columns, strict=True)]
        )


@functools.lru_cache(maxsize=64)
def _insert_plan(table: sa.Table, dialect: sa.Dialect) -> tuple[str, list[str], bool, list[Any]]:
    """insert_many's statement for a table in a dialect's SQL, its parameters in order, whether they are positional,
    and each one's bind processor (None: bound as given). The statement names columns without their types, so the
    dialect adds no casts or processing of its own: the values come processed."""
    names = [c.name for c in table.columns]
    light = sa.table(table.name, *[sa.column(name) for name in names], schema=table.schema)
    compiled = light.insert().compile(dialect=dialect, column_keys=names)
    positional = compiled.positiontup is not None
    order = list(compiled.positiontup) if compiled.positiontup is not None else names
    processors = [
        table.columns[name].type.dialect_impl(dialect).bind_processor(dialect) for name in order
    ]
    return compiled.string, order, positional, processors


# A bulk insert is recorded as one change, column by column (`insert_rows`), not as a change per row: a poll's
# thousands of flags repeat their time, status, item and snippet down the columns, and a row-per-change payload
# spells every column name and repeated value out again for each row (8.2 MB for a poll's 16,052 flags, 1.6 MB packed).
BULK_OP = "insert-rows"


def _packed(values: list[Any]) -> Any:
    """A column of plain snapshot values as the ledger records it: {"each": v} when every row holds the same v,
    {"values": [distinct...], "index": [n...]} when rows repeat values, else the list itself. Only columns of text
    and None, or of lists of text, are packed (1, 1.0 and True are equal in Python, not in JSON)."""
    if not values:
        return values
    kinds = set(map(type, values))
    keys: list[Any]
    if kinds <= {str, type(None)}:
        keys = values
    elif kinds == {list} and all(set(map(type, v)) <= _TEXT for v in values):
        keys = list(map(tuple, values))
    else:
        return values
    distinct = dict.fromkeys(keys)  # in the order rows first hold them
    if len(distinct) == 1:
        return {"each": values[0]}
    if 2 * len(distinct) > len(values):
        return values
    position = {key: n for n, key in enumerate(distinct)}
    return {
        "values": [list(key) if type(key) is tuple else key for key in distinct],
        "index": list(map(position.__getitem__, keys)),
    }


def _unpacked(column: Any, count: int) -> list[Any]:
    """The values of a column recorded by _packed, row by row."""
    if isinstance(column, list):
        values = column
    elif isinstance(column, dict) and column.keys() == {"each"}:
        values = [column["each"]] * count
    elif isinstance(column, dict) and column.keys() == {"values", "index"}:
        distinct, index = column["values"], column["index"]
        if not isinstance(distinct, list) or not isinstance(index, list):
            raise ValueError("not a recorded column")
        if not all(type(n) is int and 0 <= n < len(distinct) for n in index):
            raise ValueError("a recorded column refers to a value it does not hold")
        values = [distinct[n] for n in index]
    else:
        raise ValueError("not a recorded column")
    if len(values) != count:
        raise ValueError("a recorded column does not have a value for every row")
    return values


def bulk_change(table: str, names: list[str], columns: list[list[Any]]) -> dict[str, Any]:
    """The change that records rows inserted in bulk, given their snapshots column by column."""
    count = len(columns[0]) if columns else 0
    return {
        "op": BULK_OP,
        "table": table,
        "count": count,
        "columns": {name: _packed(values) for name, values in zip(names, columns, strict=True)},
    }


def row_changes(changes: list[Any]) -> Iterator[dict[str, Any]]:
    """A payload's changes one row at a time ({"op", "table", "id", "row"}), a bulk insert row by row: what
    verify replays, the search index takes and `log` lists. Raises ValueError/KeyError/TypeError on a change
    that is not valid."""
    for ch in changes:
        if not isinstance(ch, dict) or ch.get("op") != BULK_OP:
            yield ch
            continue
        count = ch["count"]
        if type(count) is not int or count < 0:
            raise ValueError("not a row count")
        names = list(ch["columns"])
        columns = [_unpacked(ch["columns"][name], count) for name in names]
        for values in zip(*columns, strict=True):
            row = dict(zip(names, values, strict=True))
            yield {"op": "insert", "table": ch["table"], "id": row["id"], "row": row}


def entry_hash(
    *, seq: int, at: str, actor: str, action: str, subject: str, payload: str, prev_hash: str
) -> str:
    body = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "subject": subject,
        "payload": payload,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


@event.listens_for(Session, "before_flush")
def _collect(session: Session, _ctx: Any, _instances: Any) -> None:
    """Remembers every tracked row a change() block inserts, updates or deletes, across flushes."""
    if not session.info.get(_ACTIVE):
        return
    touched: dict[int, tuple[str, Any, dict[str, Any] | None]] = session.info.setdefault(
        _TOUCHED, {}
    )
    for obj in session.new:
        if isinstance(obj, Tracked):
            touched[id(obj)] = ("insert", obj, None)
    for obj in session.dirty:
        if isinstance(obj, Tracked) and session.is_modified(obj) and id(obj) not in touched:
            touched[id(obj)] = ("update", obj, None)
    for obj in session.deleted:
        if isinstance(obj, Tracked):
            # Snapshot now: after the flush a deleted row can no longer be read back.
            touched[id(obj)] = ("delete", obj, snapshot(obj))  # type: ignore[arg-type]


@dataclass
class Change:
    """What a change() block records: extra data for the payload, set inside the block if needed."""

    action: str
    subject: str
    data: dict[str, Any] = field(default_factory=dict)
    entry: LedgerEntry | None = None
    bulk: list[dict[str, Any]] = field(default_factory=list)

    def insert_rows(
        self, session: Session, model: type[SQLModel], rows: list[dict[str, Any]]
    ) -> None:
        """Inserts rows with one Core executemany and records them in this change's ledger entry: for
        thousands of rows (flags raised by a poll) the ORM unit of work costs more than the rows."""
        if not rows:
            return
        # On the session's connection: same transaction, none of the ORM bulk machinery.
        insert_many(session.connection(), model.__table__, rows)  # type: ignore[attr-defined]
        table = str(model.__table__.name)  # type: ignore[attr-defined]
        self.bulk.append(bulk_change(table, *snapshot_columns(model, rows)))


def _lock_chain(session: Session) -> None:
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        # Serialises ledger appends across workers; per schema, so parallel test schemas don't contend.
        session.execute(
            sa.text("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.ledger_chain'))")
        )
    # SQLite: a change() block runs in a write transaction (BEGIN IMMEDIATE), which already excludes writers.


@contextmanager
def change(
    session: Session,
    action: str,
    subject: str,
    *,
    actor: str | None = None,
    data: dict[str, Any] | None = None,
    commit: bool = True,
) -> Iterator[Change]:
    """The one way to write. Inside the block, add, modify or delete rows on `session`; on exit every
    tracked row touched is snapshotted into one ledger entry, chained to the previous one, and committed in the
    same transaction. Any exception rolls the whole block back, ledger entry included."""
    if session.info.get(_ACTIVE):
        raise RuntimeError("ledger.events.change() blocks do not nest")
    session.info[_ACTIVE] = True
    session.info[_TOUCHED] = {}
    ch = Change(action=action, subject=subject, data=dict(data or {}))
    try:
        yield ch
        session.flush()
        touched = session.info.get(_TOUCHED, {})
        changes = []
        for op, obj, before in touched.values():
            row = before if op == "delete" else snapshot(obj)
            assert row is not None
            changes.append({"op": op, "table": obj.__tablename__, "id": row["id"], "row": row})
        from ledger.search import FIELDS, index_changes

        # The search index moves with the rows, in this transaction.
        index_changes(session, changes)
        index_changes(session, row_changes([c for c in ch.bulk if c["table"] in FIELDS]))
        changes.extend(ch.bulk)
        if changes or ch.data:
            ch.entry = _append(
                session, actor or default_actor(), ch.action, ch.subject, changes, ch.data
            )
        if commit:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info[_ACTIVE] = False
        session.info.pop(_TOUCHED, None)


def _append(
    session: Session,
    actor: str,
    action: str,
    subject: str,
    changes: list[dict[str, Any]],
    data: dict[str, Any],
) -> LedgerEntry:
    _lock_chain(session)
    # The head's number and hash only: its payload (a poll's flags, megabytes) is not read back.
    head = session.exec(
        select(LedgerEntry.seq, LedgerEntry.hash).order_by(col(LedgerEntry.seq).desc()).limit(1)
    ).first()
    seq = head[0] + 1 if head else 1
    prev_hash = head[1] if head else GENESIS
    at = utcnow()
    payload = canonical_json({"changes": changes, "data": data})
    at_text = _encode(at)
    digest = entry_hash(
        seq=seq,
        at=at_text,
        actor=actor,
        action=action,
        subject=subject,
        payload=payload,
        prev_hash=prev_hash,
    )
    entry = LedgerEntry(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        payload=payload,
        prev_hash=prev_hash,
        hash=digest,
    )
    session.add(entry)
    session.flush()
    return entry


def chain_head(session: Session) -> str:
    """The hash of the newest ledger entry (all zeros for an empty ledger)."""
    head = session.exec(
        select(LedgerEntry.hash).order_by(col(LedgerEntry.seq).desc()).limit(1)
    ).first()
    return head or GENESIS


def chain_count_and_head(session: Session) -> tuple[int, str]:
    """How many entries the ledger holds and the hash of the last (GENESIS when empty), as read
    without replaying the chain: what a published copy says it was built from."""
    head = session.exec(select(LedgerEntry).order_by(col(LedgerEntry.seq).desc()).limit(1)).first()
    count = session.exec(select(sa.func.count()).select_from(LedgerEntry)).one()
    return int(count), head.hash if head else GENESIS


@dataclass(frozen=True)
class Discrepancy:
    kind: str  # broken-chain | changed | unrecorded | missing | deleted-but-present
    table: str
    id: str
    detail: str

    def __str__(self) -> str:
        return f"{self.table} {self.id}: {self.detail}"


@dataclass
class VerifyReport:
    entries: int = 0
    rows: int = 0
    head: str = GENESIS
    problems: list[Discrepancy] = field(default_factory=list)
    hashes: set[str] = field(default_factory=set, repr=False)  # every entry's hash, for expect_head

    @property
    def ok(self) -> bool:
        return not self.problems


def _diff(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    fields = sorted(k for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k))
    parts = [f"{k} is {actual.get(k)!r}, ledger says {expected.get(k)!r}" for k in fields[:4]]
    more = f" (+{len(fields) - 4} more fields)" if len(fields) > 4 else ""
    return "changed outside the ledger: " + "; ".join(parts) + more


def news_text_hash(title: str, summary: str) -> str:
    """The identity of a news item's words, as a resolution citing it records them."""
    return hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()


def cited_item(item: Any) -> dict[str, Any]:
    """What a resolution's evidence records of a cited news item, so `verify` catches a later edit of it."""
    return {
        "url": item.url,
        "title": item.title,
        "published": _encode(item.published_at),
        "text_hash": news_text_hash(item.title, item.summary),
    }


def _check_head(report: VerifyReport, expect_head: str) -> None:
    wanted = expect_head.strip().lower()
    found = [h for h in report.hashes if h.startswith(wanted)] if len(wanted) >= 8 else []
    if len(found) != 1:
        why = "is not in the chain" if not found else "matches several entries"
        report.problems.append(
            Discrepancy(
                "missing-head",
                "ledger_entry",
                wanted[:12],
                f"the expected head {wanted[:12]} {why}: the chain was cut short or rewritten since it "
                "was recorded"
                if not found
                else f"the expected head {wanted[:12]} {why}; give more of it",
            )
        )


def _check_cited_items(
    session: Session, report: VerifyReport, expected: dict[tuple[str, str], dict[str, Any] | None]
) -> None:
    """News items are not ledgered, but the ones a resolution cites are recorded in it: each must still read
    as it did (link, title, publication time, words)."""
    cited: dict[str, tuple[str, dict[str, Any]]] = {}
    for (table, id_), row in expected.items():
        if table != "resolution" or row is None:
            continue
        for entry in row.get("evidence") or []:
            if isinstance(entry, dict) and entry.get("item_id") and entry.get("text_hash"):
                cited[entry["item_id"]] = (id_, entry)
    if not cited:
        return
    ids = list(cited)
    items: dict[str, Any] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        items.update(
            (item.id, item)
            for item in session.exec(select(NewsItem).where(col(NewsItem.id).in_(chunk)))
        )
    for item_id, (resolution_id, entry) in cited.items():
        item = items.get(item_id)
        if item is None:
            report.problems.append(
                Discrepancy(
                    "missing",
                    "news_item",
                    item_id,
                    f"cited as evidence by resolution {resolution_id[:8]}, but no longer stored",
                )
            )
            continue
        actual = cited_item(item)
        recorded = {k: entry.get(k) for k in actual}
        if recorded != actual:
            changed = sorted(k for k in actual if actual[k] != recorded[k])
            report.problems.append(
                Discrepancy(
                    "changed",
                    "news_item",
                    item_id,
                    f"cited as evidence by resolution {resolution_id[:8]}, edited since: "
                    + ", ".join(changed)
                    + " differ from what the resolution recorded",
                )
            )


def _column_defaults(model: type[SQLModel]) -> dict[str, Any]:
    """Each ledgered column's value in a row recorded before the column existed: its scalar default, else None.
    A migration that adds a column fills old rows with exactly that, so their recorded snapshots still hold."""
    out: dict[str, Any] = {}
    for column in _ledgered_columns(model):
        default = column.default
        value = getattr(default, "arg", None) if default is not None and default.is_scalar else None
        out[column.name] = _plain(value)
    return out


def verify(session: Session, *, expect_head: str | None = None) -> VerifyReport:
    """Walks the chain (sequence, previous hash, own hash) and replays it, then checks every tracked row and every
    news item a standing resolution cites. `expect_head`: a head recorded earlier (by `export`, or a previous
    `verify`), which the chain must still contain; a chain cut short or rewritten from some entry on does not."""
    report = VerifyReport()
    expected: dict[tuple[str, str], dict[str, Any] | None] = {}
    prev = GENESIS
    want_seq = 1
    stmt = select(LedgerEntry).order_by(col(LedgerEntry.seq)).execution_options(yield_per=2000)
    for entry in session.exec(stmt):
        report.entries += 1
        where = ("ledger_entry", str(entry.seq))
        if entry.seq != want_seq:
            report.problems.append(
                Discrepancy(
                    "broken-chain", *where, f"sequence jumps from {want_seq - 1} to {entry.seq}"
                )
            )
        if entry.prev_hash != prev:
            report.problems.append(
                Discrepancy("broken-chain", *where, "previous-hash does not match the entry before")
            )
        digest = entry_hash(
            seq=entry.seq,
            at=_encode(entry.at),
            actor=entry.actor,
            action=entry.action,
            subject=entry.subject,
            payload=entry.payload,
            prev_hash=entry.prev_hash,
        )
        if digest != entry.hash:
            report.problems.append(
                Discrepancy(
                    "broken-chain", *where, "hash does not match its contents (entry edited)"
                )
            )
        try:
            payload = json.loads(entry.payload)
            for ch in row_changes(payload.get("changes", [])):
                key = (ch["table"], ch["id"])
                expected[key] = None if ch["op"] == "delete" else ch["row"]
        except (ValueError, KeyError, TypeError):
            report.problems.append(Discrepancy("broken-chain", *where, "payload is not valid"))
        prev = entry.hash
        report.hashes.add(entry.hash)
        want_seq = entry.seq + 1
    report.head = prev
    if expect_head is not None:
        _check_head(report, expect_head)
    _check_cited_items(session, report, expected)

    for model in TRACKED:
        table = str(model.__table__.name)  # type: ignore[attr-defined]
        defaults = _column_defaults(model)
        for row in session.exec(select(model).execution_options(yield_per=2000)):
            report.rows += 1
            actual = snapshot(row)
            key = (table, actual["id"])
            if key not in expected:
                report.problems.append(
                    Discrepancy("unrecorded", table, actual["id"], "row is not in the ledger")
                )
                continue
            want = expected.pop(key)
            if want is None:
                report.problems.append(
                    Discrepancy(
                        "deleted-but-present", table, actual["id"], "ledger says it was deleted"
                    )
                )
            elif want != actual and {**defaults, **want} != actual:
                report.problems.append(
                    Discrepancy("changed", table, actual["id"], _diff(want, actual))
                )
    for (table, id_), want in expected.items():
        if want is not None:
            report.problems.append(
                Discrepancy("missing", table, id_, "row is in the ledger but not in the table")
            )
    return report
