"""Finding rows the way users name them: full ids, short id prefixes, or a question's key."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session, SQLModel, col, select

from ledger.errors import Ambiguous, NotFound
from ledger.ids import MIN_PREFIX, is_prefix, short

M = TypeVar("M", bound=SQLModel)


def get(session: Session, model: type[M], ref: str, *, noun: str | None = None) -> M:
    """The row whose id is `ref` or starts with it (at least 4 hex characters); for models with a `key`
    column (questions), the key works too. Raises NotFound / Ambiguous with a message for the user."""
    noun = noun or str(model.__tablename__).replace("_", " ")
    ref = ref.strip()
    row = session.get(model, ref.lower())
    if row is not None:
        return row
    if hasattr(model, "key"):
        by_key = session.exec(select(model).where(model.key == ref)).first()  # type: ignore[attr-defined]
        if by_key is not None:
            return by_key
    if not is_prefix(ref):
        hint = f" (ids are hex; give at least {MIN_PREFIX} characters)" if ref else ""
        raise NotFound(f"no {noun} {ref!r}{hint}.")
    id_col = col(model.id)  # type: ignore[attr-defined]
    rows = list(session.exec(select(model).where(id_col.startswith(ref.lower())).limit(6)))
    if not rows:
        raise NotFound(f"no {noun} with id starting {ref!r}.")
    if len(rows) > 1:
        ids = ", ".join(short(r.id) for r in rows[:5])  # type: ignore[attr-defined]
        raise Ambiguous(f"{noun} id {ref!r} is ambiguous: it matches {ids}; give more characters.")
    return rows[0]
