"""Late forecasts: made on or after their question's outcome became known, or after its resolve-by date.

A late forecast is kept and shown but never scored (hindsight must not earn a score). Lateness is computed when it
is read, from the claim's made_at and the question's standing known_at and resolve_by, so a re-resolution, or an
amended deadline, recomputes it without rewriting any claim.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from ledger.models import Claim, Question


def deadline_end(resolve_by: dt.date) -> dt.datetime:
    """The first instant after the resolve-by day (UTC): a forecast made on the deadline day still counts."""
    return dt.datetime.combine(resolve_by + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


def late_reason(
    *,
    kind: str,
    made_at: dt.datetime,
    known_at: dt.datetime | None,
    resolve_by: dt.date | None,
) -> str | None:
    """Why a claim is late, or None when it is not. Only forecasts can be late: a factual claim is about what
    already happened."""
    if kind != "forecast":
        return None
    if known_at is not None and made_at >= known_at:
        return (
            f"it was made {_day(made_at)}, on or after the outcome became known ({_day(known_at)})"
        )
    if resolve_by is not None and made_at >= deadline_end(resolve_by):
        return f"it was made {_day(made_at)}, after the resolve-by date {resolve_by.isoformat()}"
    return None


def _day(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def late_condition(dialect: str, made_at: Any = None) -> Any:
    """SQL over claim joined to question: true for a late forecast (the rule of late_reason). `made_at` is the
    claim's column (another alias of claim, for instance); the claim table's by default."""
    made = col(Claim.made_at) if made_at is None else made_at
    if dialect == "sqlite":
        # Stored as ISO text: the day after the deadline, as text of the same form, compares in order.
        day_after: Any = sa.func.datetime(col(Question.resolve_by), "+1 day")
    else:
        day_after = sa.cast(col(Question.resolve_by), sa.DateTime) + sa.literal_column(
            "interval '1 day'"
        )
    return sa.and_(
        col(Question.kind) == "forecast",
        sa.or_(
            sa.and_(col(Question.known_at).is_not(None), made >= col(Question.known_at)),
            sa.and_(col(Question.resolve_by).is_not(None), made >= day_after),
        ),
    )
