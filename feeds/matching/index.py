"""The match index of the open questions, built from the database and kept while nothing it depends on changes."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from feeds.matching.matcher import (
    ItemAnalysis,
    Match,
    MatchIndex,
    QuestionWatch,
    TermStats,
    Watch,
    propose_watch,
)
from ledger.models import Claim, LedgerEntry, NewsItem, Question

# Background items for idf: enough for stable document frequencies, few enough to read in well under a second.
STATS_ITEMS = 5000
# Ledger actions that never change questions, claims or watch terms: they do not make the index stale.
_INERT_ACTIONS = "feed.%"


@dataclass
class QuestionIndex:
    """A MatchIndex over the open questions, with the question ids it stands for.

    MatchIndex numbers questions; `ids[n]` is the question id of number n. `warnings` lists questions whose stored
    watch terms could not be read (their proposed terms are used instead)."""

    index: MatchIndex
    ids: list[str]
    head_seq: int
    head_hash: str
    warnings: list[str] = field(default_factory=list)

    @property
    def stats(self) -> TermStats:
        return self.index.term_stats

    def __len__(self) -> int:
        return len(self.index)

    def match(
        self,
        title: str,
        summary: str,
        published: dt.datetime,
        analysis: ItemAnalysis | None = None,
    ) -> list[tuple[str, Match]]:
        """(question id, match) for every open question this item meets, best first."""
        ids = self.ids
        return [
            (ids[m.question_id], m) for m in self.index.match(title, summary, published, analysis)
        ]


def _ledger_head(session: Session) -> tuple[int, str]:
    head = session.exec(
        select(LedgerEntry.seq, LedgerEntry.hash).order_by(col(LedgerEntry.seq).desc()).limit(1)
    ).first()
    return (head[0], head[1]) if head else (0, "")


def _changed_since(session: Session, seq: int, digest: str) -> bool:
    """Whether any ledger entry after `seq` could have changed questions, claims or watch terms (or the ledger is
    not the one the index was built from: a database recreated at the same URL)."""
    if seq:
        at = session.exec(select(LedgerEntry.hash).where(LedgerEntry.seq == seq)).first()
        if at != digest:
            return True
    stmt = (
        select(func.count())
        .select_from(LedgerEntry)
        .where(col(LedgerEntry.seq) > seq, ~col(LedgerEntry.action).like(_INERT_ACTIONS))
    )
    return bool(session.exec(stmt).one())


def load_stats(session: Session, *, limit: int = STATS_ITEMS) -> TermStats:
    """Document frequencies over the most recently fetched stored items."""
    stmt = (
        select(NewsItem.title, NewsItem.summary)
        .order_by(col(NewsItem.fetched_at).desc())
        .limit(limit)
    )
    return TermStats.from_items((t, s) for t, s in session.exec(stmt))


_proposals: dict[str, Watch] = {}
_proposals_lock = threading.Lock()


def _proposed(text: str) -> Watch:
    # Proposal is the costly part of a build (about 0.1 ms a question); questions' wording never changes.
    with _proposals_lock:
        watch = _proposals.get(text)
    if watch is None:
        watch = propose_watch(text)
        with _proposals_lock:
            _proposals[text] = watch
    return watch


def question_watch(text: str, stored: Mapping[str, Any] | None) -> tuple[Watch, str | None]:
    """The watch a question is matched with: its stored terms when set, else the proposal from its text. The second
    value explains why stored terms were not used, if they were set but unreadable."""
    if stored:
        try:
            return Watch.from_dict(stored), None
        except (ValueError, TypeError) as exc:
            return _proposed(text), f"stored watch terms unreadable ({exc}); proposed terms used"
    return _proposed(text), None


# How long after a question's deadline news may still bear on it (reports confirming what happened by then).
AFTER_DEADLINE = dt.timedelta(days=31)


def build_index(session: Session, *, stats: TermStats | None = None) -> QuestionIndex:
    """Index every open question: its watch terms, not_before = the time of its earliest claim (no limit for a
    question without claims) and not_after = its resolve-by date plus AFTER_DEADLINE (no limit without one):
    what happened by the deadline is reported within weeks, and later news about the same words is noise."""
    head_seq, head_hash = _ledger_head(session)
    earliest = dict(
        session.exec(
            select(Claim.question_id, func.min(Claim.made_at)).group_by(col(Claim.question_id))
        ).all()
    )
    rows = session.exec(
        select(Question.id, Question.text, col(Question.watch), col(Question.resolve_by))
        .where(Question.status == "open")
        .order_by(col(Question.created_at), col(Question.id))
    ).all()
    index = MatchIndex(stats=stats if stats is not None else load_stats(session))
    ids: list[str] = []
    warnings: list[str] = []
    for qid, text, stored, resolve_by in rows:
        watch, problem = question_watch(text, stored)
        if problem:
            warnings.append(f"question {qid[:8]}: {problem}")
        not_before = earliest.get(qid)
        if isinstance(not_before, str):  # SQLite's min() over a column hands back raw text
            not_before = dt.datetime.fromisoformat(not_before)
        if not_before is not None and not_before.tzinfo is None:
            not_before = not_before.replace(tzinfo=dt.UTC)
        not_after = (
            dt.datetime.combine(resolve_by, dt.time(), tzinfo=dt.UTC) + AFTER_DEADLINE
            if resolve_by is not None
            else None
        )
        index.add(len(ids), QuestionWatch(watch, not_before, not_after))
        ids.append(qid)
    return QuestionIndex(
        index=index, ids=ids, head_seq=head_seq, head_hash=head_hash, warnings=warnings
    )


class IndexCache:
    """One built index per database, reused while the ledger shows no change to questions, claims or watches.

    Every such change goes through the ledger, so "no entry after the one the index was built at, other than feed
    polls" is an exact staleness test that costs one indexed range count. Term statistics carry over to a rebuilt
    index, so items seen by earlier polls keep counting."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: dict[str, QuestionIndex] = {}

    def get(self, session: Session, key: str) -> QuestionIndex:
        with self._lock:
            cached = self._built.get(key)
        if cached is not None:
            if not _changed_since(session, cached.head_seq, cached.head_hash):
                return cached
            fresh = build_index(session, stats=cached.stats)
        else:
            fresh = build_index(session)
        # The index lives as long as the process polls; frozen, it is out of the cyclic collector's sight, so the
        # collections that a poll's many short-lived rows set off do not walk its hundreds of thousands of
        # objects each time (half a second of a poll at 10,000 questions). It holds no reference cycles, so an
        # index replaced later is still freed by reference counting.
        gc.freeze()
        with self._lock:
            self._built[key] = fresh
        return fresh

    def clear(self) -> None:
        with self._lock:
            self._built.clear()


CACHE = IndexCache()


def add_background(stats: TermStats, items: Iterable[tuple[str, str, ItemAnalysis | None]]) -> None:
    """Count newly stored items (title, summary, their analysis if already made) into the idf statistics."""
    for title, summary, analysis in items:
        stats.add(title, summary, analysis)


def engine_key(bind: sa.Engine) -> str:
    """The cache key of a database: its URL, password hidden (so it can be logged)."""
    return bind.url.render_as_string(hide_password=True)
