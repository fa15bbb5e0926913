"""Backfill: matching the news already stored against a question that is new, or whose watch terms changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from feeds.matching.index import CACHE, QuestionIndex, engine_key, flag_row
from feeds.matching.matcher import MatchIndex, one_blas_thread
from ledger.events import change, insert_many
from ledger.models import Flag, NewsItem, QuestionBackfill, utcnow

if TYPE_CHECKING:
    from ledger.db import Database

# At most this many stored items, the newest inside the questions' windows, are read for one backfill: it stays
# bounded in time however much news is stored (about a second per 20,000 items).
MAX_ITEMS = 20_000
_CHUNK = 500
# Up to this many questions to backfill get a match index of their own.
SMALL = 200
ACTION = (
    "feed.backfilled"  # a "feed." action: it changes no question, so the match index stays valid
)


@dataclass(frozen=True)
class Backfill:
    """What one backfill did: the questions matched again, the stored items read, the flags raised."""

    questions: int = 0
    items: int = 0
    flags: int = 0


def stale(session: Session, qindex: QuestionIndex) -> tuple[list[int], set[str]]:
    """The numbers of the indexed questions whose current terms and window the stored news was not matched with,
    and the ids of those among them matched before (with other terms). One read of the whole (small) table: a
    query per chunk of ids costs more to compile than the rows cost to read."""
    done = dict(
        session.exec(select(QuestionBackfill.question_id, QuestionBackfill.fingerprint)).all()
    )
    numbers = [n for n, qid in enumerate(qindex.ids) if done.get(qid) != qindex.fingerprints[n]]
    return numbers, {qindex.ids[n] for n in numbers if qindex.ids[n] in done}


def _chunks(values: Sequence[str]) -> list[Sequence[str]]:
    return [values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK)]


def _window(
    qindex: QuestionIndex, numbers: list[int]
) -> tuple[dt.datetime | None, dt.datetime | None]:
    starts = [qindex.watches[n].not_before for n in numbers]
    ends = [qindex.watches[n].not_after for n in numbers]
    lo = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
    hi = None if any(e is None for e in ends) else max(e for e in ends if e is not None)
    return lo, hi


def backfill(database: Database, qindex: QuestionIndex, *, actor: str) -> Backfill:
    """Match the stored news inside their windows against the questions that need it (new, or with changed terms
    or window), raise the flags they lack in one ledgered change, and record what they were matched with."""
    with database.session() as session:
        numbers, before = stale(session, qindex)
        if not numbers:
            return Backfill()
        lo, hi = _window(qindex, numbers)
        stmt = select(NewsItem.id, NewsItem.title, NewsItem.summary, NewsItem.published_at)
        if lo is not None:
            stmt = stmt.where(col(NewsItem.published_at) >= lo)
        if hi is not None:
            stmt = stmt.where(col(NewsItem.published_at) <= hi)
        items = session.exec(
            stmt.order_by(col(NewsItem.published_at).desc()).limit(MAX_ITEMS)
        ).all()
        qids = [qindex.ids[n] for n in numbers]
        # The flags these questions already have on stored items (none to look for when nothing is stored).
        flagged: set[tuple[str, str]] = set()
        if items and len(qids) <= SMALL:
            for chunk in _chunks(qids):
                found = select(Flag.item_id, Flag.question_id).where(
                    col(Flag.question_id).in_(chunk)
                )
                flagged.update(session.exec(found).all())
        elif items:
            flagged.update(session.exec(select(Flag.item_id, Flag.question_id)).all())
    now = utcnow()
    rows = []
    wanted = set(numbers)
    # A few questions get an index of their own; many (a first poll) are matched with the poll's whole index.
    few = len(numbers) <= SMALL
    index = (
        MatchIndex({n: qindex.watches[n] for n in numbers}, scoring=qindex.index.scoring)
        if few and items
        else qindex.index
    )
    matched = []
    if items:
        with one_blas_thread():
            matched = index.match_many(
                [(title, summary, published, None) for _, title, summary, published in items]
            )
    for (item_id, *_), matches in zip(items, matched, strict=True):
        for match in matches:
            if match.question_id not in wanted:
                continue
            qid = qindex.ids[match.question_id]
            if (item_id, qid) in flagged:
                continue
            rows.append(flag_row(item_id, qid, match, now))
    try:
        with database.write_session() as session:
            if rows:
                # Flags are ledgered; a backfill that raises none leaves the ledger alone.
                with change(session, ACTION, "questions", actor=actor, commit=False) as ch:
                    ch.insert_rows(session, Flag, rows)
                    ch.data.update(
                        {"questions": len(qids), "items": len(items), "flags": len(rows)}
                    )
            for chunk in _chunks(sorted(before)):
                session.execute(
                    delete(QuestionBackfill).where(col(QuestionBackfill.question_id).in_(chunk))
                )
            insert_many(
                session.connection(),
                QuestionBackfill.__table__,  # type: ignore[attr-defined]
                [
                    {"question_id": q, "fingerprint": qindex.fingerprints[n], "matched_at": now}
                    for q, n in zip(qids, numbers, strict=True)
                ],
            )
            session.commit()  # the flags and the bookkeeping together, or neither
    except IntegrityError:
        # Another poller backfilled the same questions meanwhile: its flags stand, and nothing of ours was written.
        return Backfill()
    return Backfill(questions=len(qids), items=len(items), flags=len(rows))


def catch_up(database: Database, *, actor: str) -> Backfill:
    """What a poll does first: backfill the open questions that need it, with the poll's own cached index."""
    with database.session() as session:
        qindex = CACHE.get(session, engine_key(database.engine))
    return backfill(database, qindex, actor=actor)
