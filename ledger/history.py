"""The ledger's history as people read it: entries newest first, filtered by question, source, actor, time or
action, with short ids and question keys."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ledger.dates import parse_datetime
from ledger.errors import NotFound, UserInputError
from ledger.events import isoformat, row_changes
from ledger.ids import is_prefix, short
from ledger.lookup import get
from ledger.models import Claim, LedgerEntry, Question

DEFAULT_LIMIT = 50


def _contains_id(row_id: str, subjects: list[str] | None = None) -> sa.ColumnElement[bool]:
    """Entries that name a row: anywhere in the rows they changed (a claim names its question and sources; a
    merge names both sources), or whose subject is one of `subjects` (by the subject index). Ids are 32 random
    hex digits, so a match is the row."""
    return sa.or_(
        col(LedgerEntry.subject).in_(subjects or []),
        col(LedgerEntry.payload).contains(row_id, autoescape=True),
    )


def _question_subjects(session: Session, question_id: str) -> list[str]:
    """The question and its claims as ledger subjects: a claim's amendment names only the claim."""
    claim_ids = session.exec(select(Claim.id).where(Claim.question_id == question_id))
    return [f"question:{question_id}", *(f"claim:{cid}" for cid in claim_ids)]


def _source_id(session: Session, ref: str) -> str:
    from ledger.reports import find_source

    try:
        found = find_source(session, ref)
    except NotFound:
        # A source merged away or deleted is no longer a row, but its id is still in the history.
        if is_prefix(ref) and len(ref) == 32:
            return ref.lower()
        raise
    if found.id is None:
        raise UserInputError(f"{ref!r} is not one source; name a source by its name or id.")
    return found.id


def log_entries(
    session: Session,
    *,
    question: str | None = None,
    source: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    action: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[dict[str, Any]]:
    """The newest `limit` entries (0: all) that pass every filter given."""
    if limit < 0:
        raise UserInputError(f"--limit {limit} is negative; give a count, or 0 for every entry.")
    stmt = select(LedgerEntry).order_by(col(LedgerEntry.seq).desc())
    if question:
        qid = get(session, Question, question).id
        stmt = stmt.where(_contains_id(qid, _question_subjects(session, qid)))
    if source:
        sid = _source_id(session, source)
        stmt = stmt.where(_contains_id(sid, [f"source:{sid}"]))
    if actor:
        stmt = stmt.where(col(LedgerEntry.actor) == actor.strip())
    if since:
        # seq grows with time: find where --since starts once (by the `at` index), then walk seq from there.
        start = session.exec(
            select(sa.func.min(LedgerEntry.seq)).where(
                col(LedgerEntry.at) >= parse_datetime(since, what="--since")
            )
        ).one()
        if start is None:
            return []
        stmt = stmt.where(col(LedgerEntry.seq) >= start)
    if action:
        wanted = action.strip()
        stmt = stmt.where(
            sa.or_(
                col(LedgerEntry.action) == wanted,
                col(LedgerEntry.action).startswith(wanted.rstrip(".") + ".", autoescape=True),
            )
        )
    if limit:
        stmt = stmt.limit(limit)
    entries = list(session.exec(stmt))
    keys = _question_keys(session, entries)
    return [_entry_json(e, keys) for e in entries]


def _subject_id(subject: str) -> tuple[str, str | None]:
    kind, _, row_id = subject.partition(":")
    return kind, (row_id or None)


def _question_keys(session: Session, entries: list[LedgerEntry]) -> dict[str, str]:
    ids = {
        row_id
        for e in entries
        for kind, row_id in [_subject_id(e.subject)]
        if kind == "question" and row_id
    }
    if not ids:
        return {}
    rows = session.exec(
        select(Question.id, Question.key).where(
            col(Question.id).in_(ids), col(Question.key).is_not(None)
        )
    )
    return {qid: key for qid, key in rows if key}


def _entry_json(entry: LedgerEntry, keys: dict[str, str]) -> dict[str, Any]:
    try:
        payload = json.loads(entry.payload)
    except ValueError:
        payload = {}
    try:
        rows = list(row_changes([c for c in payload.get("changes", []) if isinstance(c, dict)]))
    except (ValueError, KeyError, TypeError):  # `verify` reports it; the history shows what it can
        rows = []
    changes = [{"op": c.get("op"), "table": c.get("table"), "id": c.get("id")} for c in rows]
    kind, row_id = _subject_id(entry.subject)
    data = payload.get("data", {})
    # Why: given to the change itself (merges), or kept on the amendment row it wrote.
    reason = data.get("reason") if isinstance(data, dict) else None
    for c in rows:
        if reason is None and c.get("table") == "amendment":
            reason = (c.get("row") or {}).get("reason")
    return {
        "seq": entry.seq,
        "at": isoformat(entry.at),
        "actor": entry.actor,
        "action": entry.action,
        "subject": entry.subject,
        "subject_kind": kind,
        "subject_id": row_id,
        "key": keys.get(row_id or ""),
        "changes": changes,
        "reason": reason,
        "data": data,
    }


def touched(entry: dict[str, Any]) -> str:
    """What an entry touched, in a few words: `question 3f2a9c1d (freeze)`, then the rows it changed."""
    label = entry["subject_kind"]
    if entry["subject_id"]:
        label += f" {short(entry['subject_id'])}"
    if entry["key"]:
        label += f" ({entry['key']})"
    counts = Counter(c["table"] for c in entry["changes"])
    if counts:
        rows = ", ".join(f"{n} {table}" for table, n in sorted(counts.items()))
        label += f": {rows}"
    if entry["reason"]:
        label += f" — {entry['reason']}"
    return label
