"""Where the data lives: resolving --db / FORECAST_LEDGER_DB, engines, sessions and schema revisions."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlmodel import Session

from ledger.errors import DatabaseError, UserInputError

ENV_DB = "FORECAST_LEDGER_DB"
APP_NAME = "forecast-ledger"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "ledger.db"


def resolve_url(db: str | None = None) -> str:
    """--db, else FORECAST_LEDGER_DB, else the SQLite file in the user's data directory.

    A value with `://` is an SQLAlchemy URL (plain `postgresql://` gets the psycopg 3 driver); anything else is
    a path to an SQLite file.
    """
    value = db or os.environ.get(ENV_DB) or str(default_path())
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    if value.startswith(("postgresql://", "postgres://")):
        value = "postgresql+psycopg://" + value.split("://", 1)[1]
    try:
        backend = make_url(value).get_backend_name()
    except ArgumentError:
        backend = ""
    if backend not in ("sqlite", "postgresql"):
        raise UserInputError(
            f"--db {value!r} is neither a file path nor a database URL we support; "
            "give a path, sqlite:///path or postgresql://user@host/db."
        )
    return value


def describe(url: str) -> str:
    """The URL as safe to print: SQLite as its path, others without a password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below) so a writer can ask for BEGIN IMMEDIATE and never hit a
        # lock upgrade deadlock between two processes.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url)
        _sqlite_pragmas(engine)
        return engine
    try:
        return sa.create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise DatabaseError(
            f"no driver for {parsed.drivername}: {exc.name} is not installed."
        ) from None


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    import migrations

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@dataclass
class Database:
    url: str
    engine: Engine

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        """A session for reading (and for writes that go through ledger.events.change)."""
        return Session(self.engine, expire_on_commit=False)

    def write_session(self) -> Session:
        """A session whose SQLite transaction takes the write lock at BEGIN, so two writers queue
        instead of failing half-way."""
        bind = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE")
            if self.is_sqlite
            else self.engine
        )
        return Session(bind, expire_on_commit=False)

    def dispose(self) -> None:
        self.engine.dispose()


def _say(line: str) -> None:
    print(line, file=sys.stderr)


@contextmanager
def translate_errors(url: str) -> Iterator[None]:
    """Turns driver errors for an unreachable or broken database into one user-facing line."""
    try:
        yield
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(f"cannot use the database at {describe(url)}: {reason}") from None


def revision_state(engine: Engine, url: str) -> tuple[str | None, str, bool]:
    """(current revision, head revision, whether the current revision is one we know)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(alembic_config(url))
    head = script.get_current_head()
    assert head is not None
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        has_tables = bool(sa.inspect(conn).get_table_names())
    if current is None and has_tables:
        raise DatabaseError(
            f"{describe(url)} holds tables but no forecast-ledger schema revision; "
            "point --db at a new file or an empty database."
        )
    known = True
    if current is not None:
        try:
            known = script.get_revision(current) is not None
        except CommandError:  # alembic's "no such revision"
            known = False
    return current, head, known


def upgrade(url: str, engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config(url)
    with translate_errors(url), engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            # Batch migrations copy tables; foreign keys must be off for that, and the pragma is a
            # no-op inside a transaction, so set it on the raw connection before alembic begins.
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.commit()
        if engine.dialect.name == "sqlite":
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def downgrade(url: str, engine: Engine, revision: str) -> None:
    from alembic import command

    cfg = alembic_config(url)
    with translate_errors(url), engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
        conn.commit()


def open_database(
    db: str | None = None,
    *,
    migrate: bool = True,
    say: Callable[[str], None] = _say,
) -> Database:
    """Opens the ledger, creating and upgrading a new database to the current schema on first use.

    An SQLite file at an older revision is upgraded too (one user, one file). A shared PostgreSQL database at an
    older revision is left for `forecast-ledger db upgrade`, so one worker's upgrade cannot surprise the others.
    """
    url = resolve_url(db)
    engine = create_engine(url)
    if not migrate:
        return Database(url, engine)
    with translate_errors(url):
        current, head, known = revision_state(engine, url)
    if not known:
        raise DatabaseError(
            f"{describe(url)} is at schema revision {current}, which this version of forecast-ledger "
            "does not know; upgrade forecast-ledger."
        )
    if current is None:
        upgrade(url, engine)
        say(f"forecast-ledger: created a new ledger at {describe(url)} (schema {head})")
    elif current != head:
        if engine.dialect.name != "sqlite":
            raise DatabaseError(
                f"{describe(url)} is at schema revision {current}; run `forecast-ledger db upgrade` "
                f"to bring it to {head}."
            )
        upgrade(url, engine)
        say(f"forecast-ledger: upgraded {describe(url)} from schema {current} to {head}")
    return Database(url, engine)
