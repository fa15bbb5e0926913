"""Where the data lives: resolving --db / FORECAST_LEDGER_DB, engines, sessions and schema revisions."""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError
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
    except (ArgumentError, ValueError):  # ValueError: a malformed host such as [::1
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


def _sqlite_pragmas(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below) so a writer can ask for BEGIN IMMEDIATE and never hit a
        # lock upgrade deadlock between two processes.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if not read_only:  # switching the journal mode is a write
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def sqlite_path(url: str) -> Path | None:
    """The file an SQLite URL points at (None for other databases and in-memory ones)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database.removeprefix("file:"))


def is_read_only(path: Path) -> bool:
    """Whether a ledger file must not be written: no write permission for us, or none for anyone (an archived
    copy made read-only, which even root should not write)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def create_engine(url: str, *, read_only: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None and read_only:
            # An SQLite URI filename opened with mode=ro: reads work on an archived copy, writes fail. In a
            # folder we cannot write, the WAL index cannot be made, so the file is read as immutable.
            from urllib.parse import quote

            extra = "" if os.access(path.parent, os.W_OK) else "&immutable=1"
            engine = sa.create_engine(f"sqlite:///file:{quote(str(path))}?mode=ro{extra}&uri=true")
            _sqlite_pragmas(engine, read_only=True)
            return engine
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(
                    f"cannot create the folder {path.parent} for the ledger: {exc.strerror or exc}."
                ) from None
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
    except DBAPIError as exc:
        error = database_error(exc, url)
        if error is None:
            raise
        raise error from None


def database_error(exc: BaseException, url: str | None = None) -> DatabaseError | None:
    """The user-facing error for a driver error about the database itself (unreachable, not a database,
    read-only, locked), or None for one that is our bug (a broken constraint)."""
    if not isinstance(exc, DBAPIError) or isinstance(exc, IntegrityError):
        return None
    lines = str(exc.orig).strip().splitlines() if exc.orig is not None else []
    reason = lines[0] if lines else type(exc).__name__
    where = f" at {describe(url)}" if url else ""
    if "readonly" in reason or "read-only" in reason:
        return DatabaseError(
            f"cannot write to the database{where}: it is read-only ({reason}); nothing was written."
        )
    return DatabaseError(f"cannot use the database{where}: {reason}")


_REVISION_LINE = re.compile(
    r"^(revision|down_revision)\b[^=\n]*=\s*(?:None|[\"']([^\"']+)[\"'])", re.MULTILINE
)


def schema_head() -> str | None:
    """The newest schema revision this version knows, read from the `revision` / `down_revision` lines of
    migrations/versions/*.py without importing alembic (start-up pays for alembic only when upgrading).
    None when the files do not form one chain; the caller then asks alembic."""
    import migrations

    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (Path(migrations.__file__).parent / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            if value:
                (revisions if name == "revision" else parents).add(value)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stored_revision(conn: sa.Connection) -> tuple[str | None, bool]:
    """(the revision in alembic_version, whether the database holds any table)."""
    inspector = sa.inspect(conn)
    if not inspector.has_table("alembic_version"):
        return None, bool(inspector.get_table_names())
    rows = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    return (rows[0] if len(rows) == 1 else None), True


def revision_state(engine: Engine, url: str) -> tuple[str | None, str, bool]:
    """(current revision, head revision, whether the current revision is one we know)."""
    with engine.connect() as conn:
        current, has_tables = _stored_revision(conn)
    if current is None and has_tables:
        raise DatabaseError(
            f"{describe(url)} holds tables but no forecast-ledger schema revision; "
            "point --db at a new file or an empty database."
        )
    head = schema_head()
    if head is not None and current == head:
        return current, head, True
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(alembic_config(url))
    head = script.get_current_head()
    assert head is not None
    known = True
    if current is not None:
        try:
            known = script.get_revision(current) is not None
        except CommandError:  # alembic's "no such revision"
            known = False
    return current, head, known


@contextmanager
def _revision_errors(revision: str) -> Iterator[None]:
    """Alembic's complaint about a revision the user named, as one line."""
    from alembic.util import CommandError

    if not revision.strip():  # alembic asserts on an empty revision rather than saying so
        raise UserInputError(
            "give a revision to move the schema to: head, base or one such as 0001."
        )
    try:
        yield
    except CommandError as exc:
        raise UserInputError(
            f"cannot move the schema to {revision!r}: {exc}; give head, base or a revision such as 0001."
        ) from None


def upgrade(url: str, engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config(url)
    with _revision_errors(revision), translate_errors(url), engine.connect() as conn:
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
    with _revision_errors(revision), translate_errors(url), engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
        conn.commit()


def open_database(
    db: str | None = None,
    *,
    migrate: bool = True,
    read_only: bool = False,
    say: Callable[[str], None] = _say,
) -> Database:
    """Opens the ledger, creating and upgrading a new database to the current schema on first use.

    An SQLite file at an older revision is upgraded too (one user, one file). A shared PostgreSQL database at an
    older revision is left for `forecast-ledger db upgrade`, so one worker's upgrade cannot surprise the others.

    `read_only` (commands that only read) opens an existing SQLite file read-only, so an archived copy whose
    file is read-only can be listed and verified. A command that writes to such a file fails before any work.
    """
    url = resolve_url(db)
    path = sqlite_path(url)
    try:
        exists = path is not None and path.exists()
    except OSError as exc:  # a name too long for the file system, say
        raise DatabaseError(f"cannot use {path} as the ledger: {exc.strerror or exc}.") from None
    if exists and path is not None and is_read_only(path) and not read_only:
        raise DatabaseError(
            f"the ledger {path} is read-only; nothing was written. Commands that only read still work on it."
        )
    use_ro = read_only and exists
    engine = create_engine(url, read_only=use_ro)
    if not migrate:
        return Database(url, engine)
    with translate_errors(url):
        current, head, known = revision_state(engine, url)
    if not known:
        raise DatabaseError(
            f"{describe(url)} is at schema revision {current}, which this version of forecast-ledger "
            "does not know; upgrade forecast-ledger."
        )
    if current != head and use_ro:
        # A read on an older file: upgrade it like any open would, unless the file itself is read-only.
        engine.dispose()
        if path is not None and is_read_only(path):
            raise DatabaseError(
                f"the read-only ledger {path} is at schema revision {current}; this version needs {head}. "
                "Copy it somewhere writable to upgrade it."
            )
        engine = create_engine(url)
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
