"""The match index of the open questions, built from the database and kept while nothing it depends on changes."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from feeds.matching.matcher import (
    ItemAnalysis,
    Match,
    MatchIndex,
    QuestionWatch,
    Watch,
    propose_watch,
)
from feeds.matching.semantic import question_text
from ledger.ids import new_id
from ledger.models import Claim, LedgerEntry, Question

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
    # Per question number: what it is matched with, and the fingerprint of its terms and window (feeds.matching.
    # backfill matches the stored news again for a question whose fingerprint it has not matched yet).
    watches: list[QuestionWatch] = field(default_factory=list)
    fingerprints: list[str] = field(default_factory=list)

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

    def match_many(
        self, entries: Sequence[tuple[str, str, dt.datetime, ItemAnalysis | None]]
    ) -> list[list[tuple[str, Match]]]:
        """match() for each of many items (title, summary, published, analysis), scored together."""
        ids = self.ids
        return [
            [(ids[m.question_id], m) for m in matches] for matches in self.index.match_many(entries)
        ]


def flag_row(
    item_id: str, question_id: str, match: Match, now: dt.datetime, flag_id: str | None = None
) -> dict[str, Any]:
    """The row of a new flag raised by a match, for a bulk insert (ingestion and backfill); its id is flag_id, or
    a new one."""
    return {
        "id": flag_id or new_id(),
        "item_id": item_id,
        "question_id": question_id,
        "score": match.score,
        "matched_terms": match.matched_terms,
        "snippet": match.snippet,
        "status": "new",
        "reviewer": None,
        "reviewed_at": None,
        "created_at": now,
    }


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


_proposals: dict[tuple[str, str], Watch] = {}
_proposals_lock = threading.Lock()


def _proposed(text: str, criteria: str) -> Watch:
    # Proposal is the costly part of a build; questions' wording and criteria never change in place.
    with _proposals_lock:
        watch = _proposals.get((text, criteria))
    if watch is None:
        watch = propose_watch(text, criteria)
        with _proposals_lock:
            _proposals[text, criteria] = watch
    return watch


def question_watch(
    text: str, stored: Mapping[str, Any] | None, criteria: str = ""
) -> tuple[Watch, str | None]:
    """The watch a question is matched with: its stored terms when set, else the proposal from its text and
    criteria. The second value explains why stored terms were not used, if they were set but unreadable."""
    if stored:
        try:
            return Watch.from_dict(stored), None
        except (ValueError, TypeError) as exc:
            return _proposed(
                text, criteria
            ), f"stored watch terms unreadable ({exc}); proposed terms used"
    return _proposed(text, criteria), None


def semantic_about(text: str, criteria: str, watch: Watch) -> str:
    """What a question's items are compared with for their similarity (QuestionWatch.about): its text and criteria
    while it is matched with the terms proposed from them; nothing once an analyst has set other terms, which are
    then matched as written (the analyst's terms say what they want, even where the question's text does not)."""
    return question_text(text, criteria) if watch == _proposed(text, criteria) else ""


# How long after a question's deadline news may still bear on it (reports confirming what happened by then).
AFTER_DEADLINE = dt.timedelta(days=31)
# How long before the earliest claim news may bear on a factual question: the evidence for a fact often predates
# the claim that states it.
FACTUAL_LOOKBACK = dt.timedelta(days=30)


def match_window(
    kind: str, earliest_claim: dt.datetime | None, resolve_by: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The publication times a question's news is matched in: a forecast from its earliest claim on, a factual
    question from 30 days before it; both until the end of the 31st day after the deadline (the deadline day counts
    whole). None where there is no limit (no claims yet, no deadline)."""
    not_before = None
    if earliest_claim is not None:
        if earliest_claim.tzinfo is None:
            earliest_claim = earliest_claim.replace(tzinfo=dt.UTC)
        not_before = earliest_claim - (FACTUAL_LOOKBACK if kind == "factual" else dt.timedelta())
    not_after = None
    if resolve_by is not None:
        day_after = dt.datetime.combine(resolve_by + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        not_after = day_after + AFTER_DEADLINE - dt.timedelta(microseconds=1)
    return not_before, not_after


def build_index(session: Session) -> QuestionIndex:
    """Index every open question with its watch terms, its text and criteria (for the similarity of items to them,
    feeds.matching.semantic), its window (match_window: from its earliest claim, or 30 days before it for a factual
    question, to 31 days after its deadline) and what reviews of its flags taught (feeds.matching.learning)."""
    from feeds.matching.learning import load_feedback

    head_seq, head_hash = _ledger_head(session)
    earliest = earliest_claims(session)
    rows = session.exec(
        select(  # type: ignore[call-overload]
            Question.id,
            Question.kind,
            Question.text,
            Question.criteria,
            col(Question.watch),
            col(Question.resolve_by),
        )
        .where(Question.status == "open")
        .order_by(col(Question.created_at), col(Question.id))
    ).all()
    index = MatchIndex()
    ids: list[str] = []
    warnings: list[str] = []
    watches: dict[str, Watch] = {}
    for qid, _, text, criteria, stored, _ in rows:
        watch, problem = question_watch(text, stored, criteria or "")
        if problem:
            warnings.append(f"question {qid[:8]}: {problem}")
        watches[qid] = watch
    feedback = load_feedback(session, watches)
    abouts = {
        qid: semantic_about(text, criteria or "", watches[qid])
        for qid, _, text, criteria, _, _ in rows
    }
    if any(abouts.values()):
        from feeds.matching.semantic import question_vectors

        question_vectors([a for a in abouts.values() if a])  # one batch, not one call per question
    compiled: list[QuestionWatch] = []
    for qid, kind, _, _, _, resolve_by in rows:
        not_before, not_after = match_window(kind, earliest.get(qid), resolve_by)
        qw = QuestionWatch(
            watches[qid], not_before, not_after, feedback.get(qid), about=abouts[qid]
        )
        index.add(len(ids), qw)
        ids.append(qid)
        compiled.append(qw)
    index.prepare()
    return QuestionIndex(
        index=index,
        ids=ids,
        head_seq=head_seq,
        head_hash=head_hash,
        warnings=warnings,
        watches=compiled,
        fingerprints=[fingerprint(qw) for qw in compiled],
    )


def fingerprint(question: QuestionWatch) -> str:
    """What the stored news must be matched again for when it changes: the watch terms and the window (not what
    reviews taught, which weighs future items)."""
    window = [
        t.isoformat() if t is not None else None for t in (question.not_before, question.not_after)
    ]
    text = json.dumps([question.watch.to_dict(), window], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def earliest_claims(
    session: Session, question_ids: Iterable[str] | None = None
) -> dict[str, dt.datetime]:
    """The time of the earliest claim of each question that has one (of question_ids, when given)."""
    stmt = select(Claim.question_id, func.min(Claim.made_at)).group_by(col(Claim.question_id))
    if question_ids is not None:
        stmt = stmt.where(col(Claim.question_id).in_(list(question_ids)))
    out: dict[str, dt.datetime] = {}
    for qid, made in session.exec(stmt).all():
        if isinstance(made, str):  # SQLite's min() over a column hands back raw text
            made = dt.datetime.fromisoformat(made)
        out[qid] = made if made.tzinfo else made.replace(tzinfo=dt.UTC)
    return out


class IndexCache:
    """One built index per database, reused while the ledger shows no change to questions, claims or watches.

    Every such change goes through the ledger, so "no entry after the one the index was built at, other than feed
    polls" is an exact staleness test that costs one indexed range count (a flag's review is such a change: the
    matcher learns from it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: dict[str, QuestionIndex] = {}

    def get(self, session: Session, key: str) -> QuestionIndex:
        with self._lock:
            cached = self._built.get(key)
        if cached is not None and not _changed_since(session, cached.head_seq, cached.head_hash):
            return cached
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


def engine_key(bind: sa.Engine) -> str:
    """The cache key of a database: its URL, password hidden (so it can be logged)."""
    return bind.url.render_as_string(hide_password=True)
