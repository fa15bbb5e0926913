"""Read side of the claims workflow: articles, questions and claims as JSON-ready dicts, with filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from claims.register import (
    WITHDRAWN_FIELD,
    amendments,
    article_authors,
    current_claim,
    question_tags,
)
from ledger.errors import UserInputError
from ledger.events import isoformat
from ledger.lateness import late_reason
from ledger.lookup import get
from ledger.models import (
    Amendment,
    Article,
    ArticleAuthor,
    Claim,
    Flag,
    NewsItem,
    Question,
    QuestionTag,
    Resolution,
    Source,
)
from ledger.search import matching_ids


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    return isoformat(value)


# --- articles ---------------------------------------------------------------------------------------------------


def article_json(session: Session, article: Article, *, with_text: bool = False) -> dict[str, Any]:
    outlet = session.get(Source, article.outlet_id) if article.outlet_id else None
    n_claims = session.exec(select(func.count()).where(Claim.article_id == article.id)).one()
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": outlet.name if outlet else None,
        "authors": [a.name for a in article_authors(session, article.id)],
        "published": _iso(article.published),
        "n_claims": n_claims,
        "n_chars": len(article.text),
    }
    if with_text:
        data["text"] = article.text
    return data


def list_articles(
    session: Session, *, source: str | None = None, search: str | None = None
) -> list[dict[str, Any]]:
    stmt = select(Article).order_by(col(Article.published).desc(), col(Article.created_at).desc())
    if search:
        stmt = stmt.where(col(Article.id).in_(matching_ids(session, "article", search)))
    if source:
        author_ids = (
            select(ArticleAuthor.article_id)
            .join(Source, col(Source.id) == col(ArticleAuthor.source_id))
            .where(Source.name == source)
        )
        outlet = aliased(Source)
        stmt = stmt.outerjoin(outlet, col(outlet.id) == col(Article.outlet_id)).where(
            or_(col(Article.id).in_(author_ids), col(outlet.name) == source)
        )
    return [article_json(session, a) for a in session.exec(stmt)]


# --- questions --------------------------------------------------------------------------------------------------


def question_json(
    session: Session,
    q: Question,
    *,
    n_claims: int | None = None,
    tags: list[str] | None = None,
) -> dict[str, Any]:
    if n_claims is None:
        n_claims = session.exec(select(func.count()).where(Claim.question_id == q.id)).one()
    return {
        "id": q.id,
        "key": q.key,
        "kind": q.kind,
        "text": q.text,
        "criteria": q.criteria,
        "resolve_by": _iso(q.resolve_by),
        "status": q.status,
        "outcome": q.outcome,
        "resolved_at": _iso(q.resolved_at),
        "known_at": _iso(q.known_at),
        "withdrawn": q.withdrawn,
        "tags": question_tags(session, q.id) if tags is None else tags,
        "n_claims": n_claims,
        "version": q.version,
    }


def _claims_by_source(name: str) -> Any:
    author = aliased(Source)
    outlet = aliased(Source)
    return (
        select(Claim.question_id)
        .outerjoin(author, col(author.id) == col(Claim.author_id))
        .outerjoin(outlet, col(outlet.id) == col(Claim.outlet_id))
        .where(or_(col(author.name) == name, col(outlet.name) == name))
    )


def list_questions(
    session: Session,
    *,
    status: str | None = None,
    tag: str | None = None,
    source: str | None = None,
    due: bool = False,
    kind: str | None = None,
    today: dt.date | None = None,
    search: str | None = None,
) -> list[dict[str, Any]]:
    if status not in (None, "open", "resolved", "annulled", "withdrawn"):
        raise UserInputError(
            f"--status {status!r} is not one of: open, resolved, annulled, withdrawn."
        )
    if kind not in (None, "forecast", "factual"):
        raise UserInputError(f"--kind {kind!r} is not one of: forecast, factual.")
    # Ties (a bulk import stamps its rows alike) fall back to the id: the same order after an export and restore.
    # Plain rows, not ORM objects: they carry the same attributes and a list of thousands builds in a fraction
    # of the time (each command pays for it).
    stmt: Any = sa.select(Question.__table__).order_by(  # type: ignore[attr-defined]
        col(Question.resolve_by), col(Question.created_at), col(Question.id)
    )
    if search:
        stmt = stmt.where(col(Question.id).in_(matching_ids(session, "question", search)))
    # A withdrawn question (an analyst's mistake) is out of every count, so only --status withdrawn lists it
    # once a status is asked for.
    if status == "withdrawn":
        stmt = stmt.where(col(Question.withdrawn))
    elif status:
        stmt = stmt.where(sa.not_(col(Question.withdrawn)))
    if status == "annulled":  # resolved, with an outcome that scores nobody
        stmt = stmt.where(Question.status == "resolved", Question.outcome == "annulled")
    elif status in ("open", "resolved"):
        stmt = stmt.where(Question.status == status)
    if kind:
        stmt = stmt.where(Question.kind == kind)
    if tag:
        stmt = stmt.where(
            col(Question.id).in_(
                select(QuestionTag.question_id).where(QuestionTag.tag == tag.lower())
            )
        )
    if source:
        stmt = stmt.where(col(Question.id).in_(_claims_by_source(source)))
    if due:
        stmt = stmt.where(
            Question.status == "open",
            Question.kind == "forecast",
            col(Question.resolve_by) < (today or dt.date.today()),
        )
    questions: list[Any] = list(session.execute(stmt))
    counts = dict(
        session.exec(select(Claim.question_id, func.count()).group_by(col(Claim.question_id))).all()
    )
    # Every tag in one query: one per question made a list of thousands slow.
    tags: dict[str, list[str]] = {}
    for question_id, tag in session.exec(
        select(QuestionTag.question_id, QuestionTag.tag).order_by(col(QuestionTag.tag))
    ):
        tags.setdefault(question_id, []).append(tag)
    return [
        question_json(session, q, n_claims=counts.get(q.id, 0), tags=tags.get(q.id, []))
        for q in questions
    ]


def question_detail(session: Session, ref: str) -> dict[str, Any]:
    q = get(session, Question, ref)
    data = question_json(session, q)
    data["watch"] = q.watch
    data["claims"] = [
        claim_json(session, c)
        for c in session.exec(
            select(Claim)
            .where(Claim.question_id == q.id)
            .order_by(col(Claim.made_at), col(Claim.id))
        )
    ]
    data["resolutions"] = [
        {
            "id": r.id,
            "outcome": r.outcome,
            "resolver": r.resolver,
            "resolved_at": _iso(r.resolved_at),
            "known_at": _iso(r.known_at or r.resolved_at),
            "note": r.note,
            "evidence": r.evidence,
        }
        for r in session.exec(
            select(Resolution)
            .where(Resolution.question_id == q.id)
            .order_by(col(Resolution.resolved_at))
        )
    ]
    data["amendments"] = [amendment_json(a) for a in amendments(session, "question", q.id)]
    data["evidence_flags"] = [
        {
            "id": flag.id,
            "item_id": item.id,
            "title": item.title,
            "url": item.url,
            "published_at": _iso(item.published_at),
            "reviewer": flag.reviewer,
            "reviewed_at": _iso(flag.reviewed_at),
        }
        for flag, item in session.exec(
            select(Flag, NewsItem)
            .join(NewsItem, col(NewsItem.id) == col(Flag.item_id))
            .where(Flag.question_id == q.id, Flag.status == "evidence")
            .order_by(col(NewsItem.published_at))
        )
    ]
    return data


# --- claims -----------------------------------------------------------------------------------------------------


def amendment_json(a: Any) -> dict[str, Any]:
    return {
        "field": a.field,
        "old": a.old,
        "new": a.new,
        "reason": a.reason,
        "actor": a.actor,
        "at": _iso(a.at),
    }


def claim_json(
    session: Session,
    c: Claim,
    *,
    question: Question | None = None,
    history: list[Amendment] | None = None,
) -> dict[str, Any]:
    author = session.get(Source, c.author_id) if c.author_id else None
    outlet = session.get(Source, c.outlet_id) if c.outlet_id else None
    question = question or session.get(Question, c.question_id)
    assert question is not None
    if history is None:
        history = amendments(session, "claim", c.id)
    changed = [a for a in history if a.field != WITHDRAWN_FIELD]
    current = current_claim(session, c) if changed else None
    late = late_reason(
        kind=question.kind,
        made_at=c.made_at,
        known_at=question.known_at,
        resolve_by=question.resolve_by,
    )
    return {
        "id": c.id,
        "question_id": c.question_id,
        "question_key": question.key,
        "question": question.text,
        "kind": question.kind,
        "article_id": c.article_id,
        "author": author.name if author else None,
        "outlet": outlet.name if outlet else None,
        "quote": c.quote,
        "probability": c.probability,
        "basis": c.basis,
        "hedge": c.hedge,
        "note": c.note,
        "made_at": _iso(c.made_at),
        "outcome": question.outcome,
        "late": late is not None,
        "late_reason": late,
        "withdrawn": c.withdrawn or question.withdrawn,
        "amended": bool(changed),
        "current": current,
        "amendments": [amendment_json(a) for a in history],
    }


def list_claims(
    session: Session,
    *,
    question: str | None = None,
    source: str | None = None,
    tag: str | None = None,
    status: str | None = None,
    due: bool = False,
    today: dt.date | None = None,
    search: str | None = None,
) -> list[dict[str, Any]]:
    if status not in (None, "open", "resolved"):
        raise UserInputError(f"--status {status!r} is not one of: open, resolved.")
    stmt = (
        select(Claim, Question)
        .join(Question, col(Question.id) == col(Claim.question_id))
        .order_by(col(Claim.made_at), col(Claim.created_at), col(Claim.id))
    )
    if search:
        # A claim is found by its own words (quote, hedge, note) or by its question's (key, text, criteria).
        stmt = stmt.where(
            or_(
                col(Claim.id).in_(matching_ids(session, "claim", search)),
                col(Claim.question_id).in_(matching_ids(session, "question", search)),
            )
        )
    if question:
        stmt = stmt.where(Claim.question_id == get(session, Question, question).id)
    if source:
        author = aliased(Source)
        outlet = aliased(Source)
        stmt = (
            stmt.outerjoin(author, col(author.id) == col(Claim.author_id))
            .outerjoin(outlet, col(outlet.id) == col(Claim.outlet_id))
            .where(or_(col(author.name) == source, col(outlet.name) == source))
        )
    if tag:
        stmt = stmt.where(
            col(Question.id).in_(
                select(QuestionTag.question_id).where(QuestionTag.tag == tag.lower())
            )
        )
    if status:
        stmt = stmt.where(Question.status == status)
    if due:
        stmt = stmt.where(
            Question.status == "open",
            Question.kind == "forecast",
            col(Question.resolve_by) < (today or dt.date.today()),
        )
    found = list(session.exec(stmt))
    # Every claim amendment in one query (one per claim made long lists slow), and every source once.
    histories: dict[str, list[Amendment]] = {}
    for amendment in session.exec(
        select(Amendment).where(Amendment.subject == "claim").order_by(col(Amendment.at))
    ):
        histories.setdefault(amendment.subject_id, []).append(amendment)
    # Held while the rows are built: the session's identity map, which claim_json reads sources from, is weak.
    sources = list(session.exec(select(Source)))
    rows = [claim_json(session, c, question=q, history=histories.get(c.id, [])) for c, q in found]
    del sources
    return rows


def claim_detail(session: Session, ref: str) -> dict[str, Any]:
    c = get(session, Claim, ref)
    data = claim_json(session, c)
    if c.article_id:
        article = session.get(Article, c.article_id)
        if article is not None:
            data["article"] = article_json(session, article)
    return data
