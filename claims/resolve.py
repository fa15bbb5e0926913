"""Resolving questions: outcomes by kind, evidence, history, the due list, and optimistic concurrency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from ledger.errors import Conflict, UserInputError
from ledger.events import change, cited_item
from ledger.ids import is_prefix, short
from ledger.lookup import get
from ledger.models import Claim, Flag, NewsItem, Question, Resolution, utcnow

if TYPE_CHECKING:
    from rich.table import Table

    from ledger.db import Database
    from ledger.output import PlainTable

FORECAST_OUTCOMES = ("yes", "no", "annulled")
FACTUAL_OUTCOMES = ("true", "false", "misleading", "unverifiable")
OUTCOMES_BY_KIND = {"forecast": FORECAST_OUTCOMES, "factual": FACTUAL_OUTCOMES}


def check_outcome(kind: str, outcome: str) -> str:
    """The outcome, lower-cased, if it fits a question of this kind; else a UserInputError naming the choices."""
    value = outcome.strip().lower()
    allowed = OUTCOMES_BY_KIND.get(kind)
    if allowed is None:
        raise UserInputError(f"questions of kind {kind!r} cannot be resolved.")
    if value not in allowed:
        other = "factual" if kind == "forecast" else "forecast"
        hint = f" ({value!r} is for {other} questions)" if value in OUTCOMES_BY_KIND[other] else ""
        raise UserInputError(
            f"{outcome!r} is not an outcome for a {kind} question{hint}; use one of "
            f"{', '.join(allowed)}."
        )
    return value


def _is_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _evidence_entries(
    session: Session, question: Question, evidence: Sequence[str]
) -> tuple[list[dict[str, Any]], list[Flag]]:
    """Evidence strings as the JSON entries a resolution stores, and the flags they name (checked, not yet
    changed). Duplicates are dropped; order is kept."""
    entries: list[dict[str, Any]] = []
    flags: list[Flag] = []
    seen: set[str] = set()
    for raw in evidence:
        ref = raw.strip()
        if not ref:
            raise UserInputError("an --evidence value is empty; give a URL or a flag id.")
        if not is_prefix(ref):
            if not _is_url(ref):
                raise UserInputError(
                    f"evidence {ref!r} is neither an http(s) URL nor a flag id; give e.g. "
                    "https://example.org/story or a flag's short id from `forecast-ledger flags list`."
                )
            if ref in seen:
                continue
            seen.add(ref)
            entries.append({"kind": "url", "url": ref})
            continue
        flag = get(session, Flag, ref, noun="flag")
        if flag.id in seen:
            continue
        if flag.question_id != question.id:
            raise UserInputError(
                f"flag {short(flag.id)} is about question {short(flag.question_id)}, not "
                f"{short(question.id)}; give a flag raised on this question."
            )
        seen.add(flag.id)
        item = session.get(NewsItem, flag.item_id)
        cited = cited_item(item) if item is not None else {"url": None, "title": None}
        entries.append({"kind": "flag", "flag_id": flag.id, "item_id": flag.item_id, **cited})
        flags.append(flag)
    return entries, flags


def evidence_known_at(entries: Sequence[dict[str, Any]]) -> dt.datetime | None:
    """The earliest publication time among the cited news items: when the outcome was known at the latest."""
    times = [
        dt.datetime.fromisoformat(e["published"].replace("Z", "+00:00"))
        for e in entries
        if e.get("published")
    ]
    return min(times) if times else None


def latest_resolution(session: Session, question_id: str) -> Resolution | None:
    stmt = (
        select(Resolution)
        .where(Resolution.question_id == question_id)
        .order_by(col(Resolution.resolved_at).desc(), col(Resolution.id).desc())
        .limit(1)
    )
    return session.exec(stmt).first()


def _when(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _conflict(session: Session, question_id: str, read_version: int) -> Conflict:
    """Names who changed the question first and when, read fresh (the caller's snapshot is stale)."""
    session.rollback()
    current = session.exec(
        select(Question).where(Question.id == question_id).execution_options(populate_existing=True)
    ).one()
    last = latest_resolution(session, question_id)
    who = (
        f"{last.resolver} resolved it as {last.outcome} at {_when(last.resolved_at)}"
        if last is not None
        else "someone else changed it"
    )
    return Conflict(
        f"question {short(question_id)} changed while you were resolving it: {who} "
        f"(version {current.version}, you read version {read_version}). Nothing was written; "
        f"check it with `forecast-ledger questions show {short(question_id)}` and, if the outcome "
        "still needs changing, resolve again with --again."
    )


def resolve_question(
    session: Session,
    *,
    question: Question | str,
    outcome: str,
    evidence: Sequence[str] = (),
    note: str | None = None,
    actor: str,
    expected_version: int | None = None,
    again: bool = True,
    known_at: dt.datetime | None = None,
) -> Resolution:
    """Appends a resolution to the question and mirrors it on the question row, in one ledger change.

    `question` is a Question or a reference (id, short id, key). `evidence`: http(s) URLs or flag ids of flags on
    this question; each such flag becomes status "evidence" in the same transaction, and the question's other new
    flags become "superseded" (kept, out of the review queue). `expected_version` is the
    question version the caller based its decision on (default: the version read here); the question row is
    updated only if it still has that version, else Conflict naming who resolved it and when. `again=False`
    refuses a question that is already resolved (for interactive use, where a second resolution is usually two
    analysts at once rather than a deliberate correction). `known_at`: when the outcome became known; by default
    the earliest publication time of the cited news items, else now. Forecasts made from then on are late.
    Use a `Database.write_session()`.
    """
    ref = question.id if isinstance(question, Question) else question
    q = get(session, Question, ref, noun="question")
    value = check_outcome(q.kind, outcome)
    read_version = q.version if expected_version is None else expected_version
    if q.version != read_version:
        raise _conflict(session, q.id, read_version)
    if not again and q.status == "resolved":
        last = latest_resolution(session, q.id)
        by = f" by {last.resolver} at {_when(last.resolved_at)}" if last else ""
        raise Conflict(
            f"question {short(q.id)} is already resolved as {q.outcome}{by}. To re-resolve it (the "
            f"history is kept), run `forecast-ledger questions resolve {short(q.id)} {value} --again`."
        )
    entries, flags = _evidence_entries(session, q, evidence)
    text_note = note.strip() if note and note.strip() else None
    previous = q.outcome
    now = utcnow()
    if known_at is not None and known_at > now:
        raise UserInputError(
            f"--known-at {known_at.isoformat()} is in the future; an outcome is known when it is known."
        )
    known = known_at or evidence_known_at(entries) or now
    qid = q.id
    try:
        with change(
            session,
            "question.resolved",
            f"question:{qid}",
            actor=actor,
            data={"outcome": value, "previous": previous},
        ):
            # The decisive, conditional write: of two analysts who read the same version, only one gets a row.
            result = session.execute(
                sa.update(Question)
                .where(col(Question.id) == qid, col(Question.version) == read_version)
                .values(
                    status="resolved",
                    outcome=value,
                    resolved_at=now,
                    known_at=known,
                    version=read_version + 1,
                )
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise _ConflictSignal
            # Mirror the same values on the mapped object so change() snapshots the row into the ledger.
            q.status, q.outcome, q.resolved_at, q.version = "resolved", value, now, read_version + 1
            q.known_at = known
            resolution = Resolution(
                question_id=qid,
                outcome=value,
                note=text_note,
                evidence=entries,
                resolver=actor,
                resolved_at=now,
                known_at=known,
            )
            session.add(resolution)
            for flag in flags:
                flag.status = "evidence"
                flag.reviewer = actor
                flag.reviewed_at = now
            # The question's flags nobody reviewed no longer need review: closed as superseded, kept.
            chosen = {f.id for f in flags}
            pending = select(Flag).where(col(Flag.question_id) == qid, col(Flag.status) == "new")
            for flag in session.exec(pending).all():
                if flag.id not in chosen:
                    flag.status = "superseded"
                    flag.reviewer = actor
                    flag.reviewed_at = now
    except _ConflictSignal:
        raise _conflict(session, qid, read_version) from None
    return resolution


class _ConflictSignal(Exception):
    """Raised inside change() so it rolls back; turned into a Conflict with fresh details outside."""


def resolve_ref(
    database: Database,
    *,
    ref: str,
    outcome: str,
    evidence: Sequence[str] = (),
    note: str | None = None,
    actor: str,
    again: bool = False,
    expected_version: int | None = None,
    known_at: dt.datetime | None = None,
) -> Resolution:
    """What `questions resolve` does: read the question as the analyst sees it, then resolve it on the
    condition that nobody changed it since (or since `expected_version`, if given)."""
    with database.session() as s:
        q = get(s, Question, ref, noun="question")
        check_outcome(q.kind, outcome)
        qid, seen = q.id, q.version
    with database.write_session() as s:
        return resolve_question(
            s,
            question=qid,
            outcome=outcome,
            evidence=evidence,
            note=note,
            actor=actor,
            expected_version=seen if expected_version is None else expected_version,
            again=again,
            known_at=known_at,
        )


def due_questions(session: Session, *, today: dt.date | None = None) -> list[Question]:
    """Open forecast questions whose resolve-by date is before `today` (default: today in UTC), oldest first."""
    day = today or dt.datetime.now(dt.UTC).date()
    stmt = (
        select(Question)
        .where(
            Question.kind == "forecast",
            Question.status == "open",
            col(Question.resolve_by).is_not(None),
            col(Question.resolve_by) < day,
        )
        .order_by(col(Question.resolve_by), col(Question.created_at), col(Question.id))
    )
    return list(session.exec(stmt))


def due_listing(session: Session, *, today: dt.date | None = None) -> list[dict[str, Any]]:
    """The due questions as the stable JSON rows of `questions due --json`."""
    day = today or dt.datetime.now(dt.UTC).date()
    questions = due_questions(session, today=day)
    counts: dict[str, int] = {}
    if questions:
        stmt = (
            select(Claim.question_id, func.count())
            .where(col(Claim.question_id).in_([q.id for q in questions]))
            .group_by(Claim.question_id)
        )
        counts = {qid: n for qid, n in session.exec(stmt)}
    return [
        {
            "id": q.id,
            "key": q.key,
            "text": q.text,
            "resolve_by": q.resolve_by.isoformat() if q.resolve_by else None,
            "days_overdue": (day - q.resolve_by).days if q.resolve_by else None,
            "n_claims": counts.get(q.id, 0),
            "version": q.version,
        }
        for q in questions
    ]


def resolution_history(session: Session, question_id: str) -> list[Resolution]:
    """Every resolution of the question, oldest first; the last one stands."""
    stmt = (
        select(Resolution)
        .where(Resolution.question_id == question_id)
        .order_by(col(Resolution.resolved_at), col(Resolution.id))
    )
    return list(session.exec(stmt))


def resolution_json(resolution: Resolution) -> dict[str, Any]:
    """One resolution as stable JSON (for `questions show --json` and `questions resolve --json`)."""
    return {
        "id": resolution.id,
        "question_id": resolution.question_id,
        "outcome": resolution.outcome,
        "resolver": resolution.resolver,
        "resolved_at": resolution.resolved_at.astimezone(dt.UTC).isoformat(),
        "known_at": (resolution.known_at or resolution.resolved_at).astimezone(dt.UTC).isoformat(),
        "note": resolution.note,
        "evidence": list(resolution.evidence or []),
    }


def _evidence_text(entry: dict[str, Any]) -> str:
    if entry.get("kind") == "flag":
        label = entry.get("title") or entry.get("url") or ""
        return f"flag {short(entry.get('flag_id'))}: {label}".rstrip(": ")
    return str(entry.get("url", ""))


def history_table(
    resolutions: Sequence[Resolution], *, title: str | None = None
) -> Table | PlainTable:
    """The resolution history as a rich table, latest marked as standing (for `questions show`)."""
    from ledger.output import table

    rows = []
    for i, r in enumerate(resolutions):
        standing = i == len(resolutions) - 1
        rows.append(
            [
                str(i + 1),
                _when(r.resolved_at),
                r.outcome + (" (stands)" if standing else ""),
                r.resolver,
                "\n".join(_evidence_text(e) for e in r.evidence or []),
                r.note or "",
            ]
        )
    return table(
        ["#", "resolved at", "outcome", "resolver", "evidence", "note"],
        rows,
        title=title or "Resolution history",
    )
