"""Alembic environment: SQLModel.metadata as the target, batch mode on SQLite, URL from our own resolver."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

from ledger.db import create_engine, resolve_url
from ledger.models import UTCDateTime  # importing ledger.models registers every table
from ledger.search import is_index_table

config = context.config
target_metadata = SQLModel.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    return url if url else resolve_url(None)


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Revisions use plain SQLAlchemy types, so an old revision never breaks when model code changes."""
    if type_ != "type":
        return False
    if isinstance(obj, AutoString):
        return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    if isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def _include_name(name: str | None, type_: str, _parent: object) -> bool:
    # The search index (an FTS5 table on SQLite) is made by its migration; the models do not describe it.
    return not (type_ == "table" and is_index_table(name))


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        include_name=_include_name,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
        render_item=_render_item,
        **kwargs,  # type: ignore[arg-type]
    )


def run_migrations_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(_url())
    with engine.connect() as conn:
        _configure(connection=conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
