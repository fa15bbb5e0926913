"""An analyst's own forecasts (`forecast`), scored beside the pundits': dated now, the latest one standing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from claims.register import _source, claim_fingerprint, claim_late_reason, normalise_space
from ledger.errors import UserInputError
from ledger.events import change, isoformat
from ledger.lookup import get
from ledger.models import Claim, Question, utcnow

ANALYST = "analyst"


@dataclass(frozen=True)
class OwnForecast:
    claim: Claim
    question: Question
    superseded: Claim | None  # the analyst's previous forecast on the question, if any
    late: str | None  # why it will never be scored, if it is late


def _latest(session: Session, question_id: str, analyst_id: str) -> Claim | None:
    stmt = (
        select(Claim)
        .where(
            Claim.question_id == question_id,
            Claim.author_id == analyst_id,
            col(Claim.withdrawn).is_(False),
        )
        .order_by(col(Claim.made_at).desc(), col(Claim.id).desc())
        .limit(1)
    )
    return session.exec(stmt).first()


def add_own_forecast(
    session: Session,
    question_ref: str,
    probability: float,
    *,
    note: str | None,
    actor: str,
    now: dt.datetime | None = None,
) -> OwnForecast:
    """Records the acting analyst's forecast on a forecast question, made now. The analyst is a source of kind
    "analyst" named as they act (`--as`); no quote is needed, the analyst is the source. Earlier forecasts by the
    same analyst stay on record and are superseded: reports score only the latest made before the outcome
    became known (as Fatebook does)."""
    if not normalise_space(actor):
        raise UserInputError("a forecast needs the analyst's name: give --as NAME.")
    question = get(session, Question, question_ref)
    if question.kind != "forecast":
        raise UserInputError(
            f"question {question.key or question.id[:8]} is factual: it is judged, not forecast."
        )
    if question.withdrawn:
        raise UserInputError(f"question {question.key or question.id[:8]} is withdrawn.")
    if not 0.0 <= probability <= 1.0:
        raise UserInputError(f"probability {probability:g} must be from 0 to 1.")
    made_at = now or utcnow()
    with change(session, "forecast.made", f"question:{question.id}", actor=actor) as ch:
        analyst = _source(session, ANALYST, actor)
        assert analyst is not None
        previous = _latest(session, question.id, analyst.id)
        claim = Claim(
            question_id=question.id,
            author_id=analyst.id,
            quote="",
            probability=probability,
            basis="stated",
            note=normalise_space(note) if note and normalise_space(note) else None,
            made_at=made_at,
            # The time is part of the identity: each forecast is its own claim, not a re-registration.
            fingerprint=claim_fingerprint(question.id, None, analyst.id, isoformat(made_at)),
        )
        session.add(claim)
        session.flush()
        ch.subject = f"claim:{claim.id}"
        ch.data = {"superseded": previous.id if previous else None}
    return OwnForecast(claim, question, previous, claim_late_reason(session, claim))
