"""Flag review: listing flags, dismissing them or attaching them as evidence through the ledger, resolving a
question from a flag, and the interactive one-flag-at-a-time review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, func, select

from ledger.errors import Conflict, LedgerError, UserInputError
from ledger.events import change
from ledger.lookup import get
from ledger.models import Claim, Feed, Flag, NewsItem, Question, utcnow

if TYPE_CHECKING:
    from rich.console import Console

    from ledger.db import Database
    from ledger.models import Resolution

FLAG_STATUSES = ("new", "dismissed", "evidence", "superseded")
_ACTIONS = {"dismissed": "flag.dismissed", "evidence": "flag.evidence"}


@dataclass(frozen=True)
class QuestionBrief:
    id: str
    key: str | None
    text: str
    criteria: str
    kind: str
    status: str
    outcome: str | None
    resolve_by: dt.date | None
    version: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "text": self.text,
            "criteria": self.criteria,
            "kind": self.kind,
            "status": self.status,
            "outcome": self.outcome,
            "resolve_by": self.resolve_by.isoformat() if self.resolve_by else None,
        }


@dataclass(frozen=True)
class ItemBrief:
    id: str
    title: str
    url: str | None
    published_at: dt.datetime
    feed_id: str
    feed_url: str
    feed_title: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published_at": _iso(self.published_at),
            "feed": {"id": self.feed_id, "url": self.feed_url, "title": self.feed_title},
        }


@dataclass(frozen=True)
class FlagView:
    """A flag with what a reviewer needs beside it: its question and its news item."""

    id: str
    status: str
    score: float
    matched_terms: list[str]
    snippet: str
    created_at: dt.datetime
    reviewer: str | None
    reviewed_at: dt.datetime | None
    question: QuestionBrief
    item: ItemBrief

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "score": self.score,
            "matched_terms": list(self.matched_terms),
            "snippet": self.snippet,
            "created_at": _iso(self.created_at),
            "reviewer": self.reviewer,
            "reviewed_at": _iso(self.reviewed_at),
            "question": self.question.to_json(),
            "item": self.item.to_json(),
        }


def _iso(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _view(flag: Flag, item: NewsItem, feed: Feed, question: Question) -> FlagView:
    return FlagView(
        id=flag.id,
        status=flag.status,
        score=float(flag.score),
        matched_terms=[str(t) for t in (flag.matched_terms or [])],
        snippet=flag.snippet,
        created_at=flag.created_at,
        reviewer=flag.reviewer,
        reviewed_at=flag.reviewed_at,
        question=QuestionBrief(
            id=question.id,
            key=question.key,
            text=question.text,
            criteria=question.criteria,
            kind=question.kind,
            status=question.status,
            outcome=question.outcome,
            resolve_by=question.resolve_by,
            version=question.version,
        ),
        item=ItemBrief(
            id=item.id,
            title=item.title,
            url=item.url,
            published_at=item.published_at,
            feed_id=feed.id,
            feed_url=feed.final_url or feed.url,
            feed_title=feed.title,
        ),
    )


def _joined() -> Any:
    return (
        select(Flag, NewsItem, Feed, Question)
        .join(NewsItem, col(NewsItem.id) == col(Flag.item_id))
        .join(Feed, col(Feed.id) == col(NewsItem.feed_id))
        .join(Question, col(Question.id) == col(Flag.question_id))
    )


def check_status(status: str | None) -> str | None:
    if status is None:
        return None
    value = status.strip().lower()
    if value not in FLAG_STATUSES:
        raise UserInputError(
            f"unknown flag status {status!r}: use one of {', '.join(FLAG_STATUSES)}, e.g. --status new."
        )
    return value


def list_flags(
    session: Session, *, question: str | None = None, status: str | None = None
) -> list[FlagView]:
    """Flags by their item's publication time, oldest first, optionally only those of one question (id, short id
    or key) or in one status. Superseded flags (their question was resolved before they were reviewed) are listed
    only when asked for by status."""
    wanted = check_status(status)
    stmt = _joined()
    if question is not None:
        stmt = stmt.where(col(Flag.question_id) == get(session, Question, question).id)
    if wanted is not None:
        stmt = stmt.where(col(Flag.status) == wanted)
    else:
        stmt = stmt.where(col(Flag.status) != "superseded")
    stmt = stmt.order_by(col(NewsItem.published_at), col(Flag.created_at), col(Flag.id))
    return [_view(*row) for row in session.exec(stmt)]


def get_flag(session: Session, ref: str) -> FlagView:
    flag = get(session, Flag, ref)
    row = session.exec(_joined().where(col(Flag.id) == flag.id)).one()
    return _view(*row)


@dataclass(frozen=True)
class FlagChange:
    """The outcome of a review action: the flag after it, its status before, whether anything was written."""

    flag: FlagView
    previous: str
    changed: bool


def set_flag_status(
    session: Session,
    ref: str,
    status: str,
    *,
    actor: str,
    expected_status: str | None = None,
) -> FlagChange:
    """Moves a flag to "dismissed" or "evidence" in one ledger entry (flag.dismissed / flag.evidence), with the
    reviewer and time. A flag already in that status is left alone (nothing written). With `expected_status`,
    a flag someone else moved meanwhile raises Conflict instead. Use a write session."""
    if status not in _ACTIONS:
        raise UserInputError(f"a flag can be set to dismissed or evidence, not {status!r}.")
    flag = get(session, Flag, ref)
    if session.get_bind().dialect.name == "postgresql":
        # Two reviewers on the same flag: the second waits here and then sees the first one's status.
        session.refresh(flag, with_for_update=True)
    previous = flag.status
    if expected_status is not None and previous != expected_status:
        by = f" by {flag.reviewer}" if flag.reviewer else ""
        raise Conflict(f"flag {flag.id[:8]} was already marked {previous}{by}; nothing written.")
    if previous == status:
        session.rollback()
        return FlagChange(get_flag(session, flag.id), previous, changed=False)
    with change(session, _ACTIONS[status], f"flag:{flag.id}", actor=actor, data={"from": previous}):
        flag.status = status
        flag.reviewer = actor
        flag.reviewed_at = utcnow()
    return FlagChange(get_flag(session, flag.id), previous, changed=True)


def dismiss_flag(
    session: Session, ref: str, *, actor: str, expected_status: str | None = None
) -> FlagChange:
    """The item does not bear on the question after all."""
    return set_flag_status(session, ref, "dismissed", actor=actor, expected_status=expected_status)


def mark_evidence(
    session: Session, ref: str, *, actor: str, expected_status: str | None = None
) -> FlagChange:
    """The item is evidence for the question's resolution (resolving it is a separate step)."""
    return set_flag_status(session, ref, "evidence", actor=actor, expected_status=expected_status)


def resolve_from_flag(
    session: Session,
    ref: str,
    outcome: str,
    *,
    actor: str,
    expected_version: int | None = None,
    note: str | None = None,
) -> Resolution:
    """Resolves the flag's question with the flag's item as evidence (the flag becomes "evidence" in the same
    transaction, by claims.resolve). `expected_version` guards against a resolution landing meanwhile."""
    from claims.resolve import resolve_question

    flag = get(session, Flag, ref)
    question = session.get(Question, flag.question_id)
    assert question is not None  # foreign key
    return resolve_question(
        session,
        question=question,
        outcome=outcome,
        evidence=[flag.id],
        note=note,
        actor=actor,
        expected_version=expected_version,
    )


# --- the interactive review -------------------------------------------------------------------------------------


def _queue(question_id: str | None, skipped: Collection[str]) -> Any:
    stmt = _joined().where(col(Flag.status) == "new")
    if question_id is not None:
        stmt = stmt.where(col(Flag.question_id) == question_id)
    if skipped:
        stmt = stmt.where(col(Flag.id).not_in(list(skipped)))
    return stmt


def next_for_review(
    session: Session,
    *,
    question_id: str | None = None,
    skipped: Collection[str] = (),
    item_id: str | None = None,
) -> tuple[FlagView, int] | None:
    """The next new flag to review (highest score first, then oldest) and how many new flags remain, the skipped
    ones left out. With item_id, the item's own remaining flags come first (its card is decided question by
    question before the review moves on). Read afresh each time, so flags another reviewer handled meanwhile drop
    out."""
    order = (col(Flag.score).desc(), col(Flag.created_at), col(Flag.id))
    row = None
    if item_id is not None:
        same = _queue(question_id, skipped).where(col(Flag.item_id) == item_id)
        row = session.exec(same.order_by(*order).limit(1)).first()
    if row is None:
        row = session.exec(_queue(question_id, skipped).order_by(*order).limit(1)).first()
    if row is None:
        return None
    count_stmt = select(func.count()).select_from(
        _queue(question_id, skipped).with_only_columns(col(Flag.id)).subquery()
    )
    remaining = int(session.exec(count_stmt).one())
    return _view(*row), remaining


def card_of(
    session: Session, item_id: str, *, question_id: str | None = None, skipped: Collection[str] = ()
) -> list[tuple[str, float, str]]:
    """The new flags of one item, best first, as (question label, score, flag id): the item's card in the review."""
    stmt = (
        select(Flag.id, Flag.score, Question.key, Question.id)
        .join(Question, col(Question.id) == col(Flag.question_id))
        .where(col(Flag.item_id) == item_id, col(Flag.status) == "new")
        .order_by(col(Flag.score).desc(), col(Flag.id))
    )
    if question_id is not None:
        stmt = stmt.where(col(Flag.question_id) == question_id)
    return [
        (key or qid[:8], float(score), fid)
        for fid, score, key, qid in session.exec(stmt)
        if fid not in skipped
    ]


def claim_count(session: Session, question_id: str) -> int:
    return int(
        session.exec(
            select(func.count()).select_from(Claim).where(col(Claim.question_id) == question_id)
        ).one()
    )


@dataclass
class ReviewSummary:
    dismissed: int = 0
    evidence: int = 0
    resolved: int = 0
    skipped: int = 0
    handled_elsewhere: int = 0
    resolutions: list[str] = field(default_factory=list)

    def counts(self) -> list[tuple[str, int]]:
        return [
            ("dismissed", self.dismissed),
            ("marked evidence", self.evidence),
            ("resolved", self.resolved),
            ("skipped", self.skipped),
        ]


def review(
    database: Database,
    *,
    actor: str,
    read_key: Callable[[], str],
    console: Console,
    question: str | None = None,
    today: dt.date | None = None,
) -> ReviewSummary:
    """One flag at a time: shows it and acts on single keys (d dismiss, e evidence, y/n/a resolve, s skip,
    q quit) until the queue is empty or the reviewer quits. Every action is its own ledger entry; a flag that
    someone else reviewed meanwhile is reported and passed over. Ctrl-C and Ctrl-D quit like q."""
    from rich.text import Text

    from feeds.highlight import OUTCOME_KEYS, ScreenInfo, flag_screen, key_legend

    summary = ReviewSummary()
    skipped: set[str] = set()
    with database.session() as s:
        question_id = get(s, Question, question).id if question is not None else None
    first = True
    item_id: str | None = None
    while True:
        with database.session() as s:
            found = next_for_review(s, question_id=question_id, skipped=skipped, item_id=item_id)
            if found is None:
                note = "No new flags to review." if first else "No more new flags."
                console.print(Text(note, style="bold"))
                return summary
            view, remaining = found
            item_id = view.item.id
            claims = claim_count(s, view.question.id)
            card = card_of(s, item_id, question_id=question_id, skipped=skipped)
        first = False
        info = ScreenInfo(
            position=summary.dismissed + summary.evidence + summary.resolved + len(skipped) + 1,
            total=remaining
            + summary.dismissed
            + summary.evidence
            + summary.resolved
            + len(skipped),
            claims=claims,
            today=today or dt.date.today(),
            card=card,
        )
        console.print(flag_screen(view, info))
        outcomes = OUTCOME_KEYS.get(view.question.kind, {})
        while True:
            key = _key(read_key)
            if key in ("q", "\x03", "\x04"):
                console.print(Text("Quit.", style="bold"))
                return summary
            if key == "s":
                skipped.add(view.id)
                summary.skipped += 1
                console.print(Text("skipped", style="dim"))
                break
            if key in ("d", "e"):
                status = "dismissed" if key == "d" else "evidence"
                try:
                    with database.write_session() as ws:
                        set_flag_status(ws, view.id, status, actor=actor, expected_status="new")
                except Conflict as exc:
                    summary.handled_elsewhere += 1
                    console.print(Text(str(exc), style="yellow"))
                    break
                if status == "dismissed":
                    summary.dismissed += 1
                else:
                    summary.evidence += 1
                console.print(Text(f"flag {view.id[:8]} {status}", style="green"))
                break
            if key in outcomes:
                outcome = outcomes[key]
                prompt = Text()
                prompt.append(f"Resolve {view.question.key or view.question.id[:8]} as ")
                prompt.append(outcome.upper(), style="bold")
                prompt.append(" with this item as evidence? y confirms, any other key cancels.")
                console.print(prompt)
                if _key(read_key) != "y":
                    console.print(Text("not resolved", style="dim"))
                    console.print(key_legend(view.question.kind))
                    continue
                try:
                    with database.write_session() as ws:
                        resolve_from_flag(
                            ws,
                            view.id,
                            outcome,
                            actor=actor,
                            expected_version=view.question.version,
                        )
                except LedgerError as exc:
                    console.print(Text(f"Error: {exc}", style="red"))
                    console.print(key_legend(view.question.kind))
                    continue
                summary.resolved += 1
                summary.resolutions.append(f"{view.question.key or view.question.id[:8]}={outcome}")
                console.print(
                    Text(
                        f"question {view.question.key or view.question.id[:8]} resolved {outcome}",
                        style="green",
                    )
                )
                break
            if key != "?":
                console.print(Text(f"no action on {key!r}; the keys are:", style="yellow"))
            console.print(key_legend(view.question.kind))


def _key(read_key: Callable[[], str]) -> str:
    try:
        raw = read_key()
    except (KeyboardInterrupt, EOFError):
        return "q"
    # Arrow keys and the like arrive as several characters; only single printable keys mean anything.
    return raw.lower() if len(raw) == 1 else raw


def flag_rows(views: Sequence[FlagView]) -> list[list[str]]:
    """Rows for the `flags list` table."""
    return [
        [
            v.id[:8],
            v.status,
            f"{v.score:.2f}",
            v.question.key or v.question.id[:8],
            v.item.title,
            v.item.published_at.astimezone(dt.UTC).strftime("%Y-%m-%d"),
            v.item.feed_title or v.item.feed_url,
        ]
        for v in views
    ]


FLAG_COLUMNS = ("flag", "status", "score", "question", "title", "published", "source")
