"""Registering sources, articles, questions and claims, and amending them: every write through the ledger.

Each public function opens its own `ledger.events.change` block. The `_add_*` variants do the same work inside a
transaction the caller already holds, so a bulk import is one transaction and one ledger entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlmodel import Session, col, select

from ledger.errors import Conflict, UserInputError
from ledger.events import change
from ledger.lateness import late_reason
from ledger.lookup import get
from ledger.models import (
    Amendment,
    Article,
    ArticleAuthor,
    Claim,
    Question,
    QuestionTag,
    Source,
)

QUESTION_KINDS = ("forecast", "factual")
BASES = ("stated", "hedge", "analyst")
_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]{0,199}$")


def normalise_space(text: str) -> str:
    """Runs of whitespace as one space, none at the ends (str.split's whitespace is the regex's \\s)."""
    return " ".join(text.split())


def text_hash(text: str) -> str:
    """Identity of an article's text: the same words with other spacing are the same article."""
    return hashlib.sha256(normalise_space(text).encode("utf-8")).hexdigest()


def claim_fingerprint(
    question_id: str, article_id: str | None, author_id: str | None, quote: str
) -> str:
    body = "\x1f".join([question_id, article_id or "", author_id or "", normalise_space(quote)])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def as_utc_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


# --- sources ----------------------------------------------------------------------------------------------------


def find_source(session: Session, kind: str, name: str) -> Source | None:
    return session.exec(select(Source).where(Source.kind == kind, Source.name == name)).first()


def _source(session: Session, kind: str, name: str | None) -> Source | None:
    """Get or create; names are kept as given (whitespace folded)."""
    if name is None or not normalise_space(name):
        return None
    name = normalise_space(name)
    found = find_source(session, kind, name)
    if found is None:
        found = Source(kind=kind, name=name)
        session.add(found)
        session.flush()
    return found


# --- articles ---------------------------------------------------------------------------------------------------


def find_article(
    session: Session, *, url: str | None = None, text: str | None = None
) -> Article | None:
    if url:
        hit = session.exec(select(Article).where(Article.url == url)).first()
        if hit is not None:
            return hit
    if text:
        return session.exec(select(Article).where(Article.text_hash == text_hash(text))).first()
    return None


def article_authors(session: Session, article_id: str) -> list[Source]:
    rows = session.exec(
        select(Source)
        .join(ArticleAuthor, col(ArticleAuthor.source_id) == col(Source.id))
        .where(ArticleAuthor.article_id == article_id)
        .order_by(col(ArticleAuthor.position))
    )
    return list(rows)


def _add_article(
    session: Session,
    *,
    text: str,
    title: str,
    url: str | None = None,
    outlet: str | None = None,
    authors: Sequence[str] = (),
    published: dt.date | None = None,
) -> tuple[Article, bool]:
    if not normalise_space(text):
        raise UserInputError("the article has no text.")
    if not normalise_space(title or ""):
        raise UserInputError("the article needs a title (--title).")
    existing = find_article(session, url=url, text=text)
    if existing is not None:
        return existing, False
    outlet_row = _source(session, "outlet", outlet)
    article = Article(
        url=url or None,
        title=normalise_space(title),
        outlet_id=outlet_row.id if outlet_row else None,
        published=published,
        text=text,
        text_hash=text_hash(text),
    )
    session.add(article)
    session.flush()
    for position, name in enumerate(dict.fromkeys(a for a in authors if normalise_space(a))):
        author = _source(session, "author", name)
        assert author is not None
        session.add(ArticleAuthor(article_id=article.id, source_id=author.id, position=position))
    session.flush()
    return article, True


def add_article(
    session: Session,
    *,
    text: str,
    title: str,
    url: str | None = None,
    outlet: str | None = None,
    authors: Sequence[str] = (),
    published: dt.date | None = None,
    actor: str,
) -> tuple[Article, bool]:
    """Adds an article, or returns the existing one with the same URL or text (created=False)."""
    existing = find_article(session, url=url, text=text)
    if existing is not None:
        return existing, False
    with change(session, "article.added", "article", actor=actor) as ch:
        article, created = _add_article(
            session,
            text=text,
            title=title,
            url=url,
            outlet=outlet,
            authors=authors,
            published=published,
        )
        ch.subject = f"article:{article.id}"
    return article, created


# --- questions --------------------------------------------------------------------------------------------------


def _check_question_fields(*, text: str, kind: str, key: str | None) -> None:
    if not normalise_space(text):
        raise UserInputError("the question has no text.")
    if kind not in QUESTION_KINDS:
        raise UserInputError(f"kind {kind!r} is not one of: forecast, factual.")
    if key is not None and not _KEY.match(key):
        raise UserInputError(
            f"key {key!r} must be lowercase letters, digits, '.', '_' or '-' (e.g. ru-ceasefire-2026)."
        )


def question_tags(session: Session, question_id: str) -> list[str]:
    rows = session.exec(
        select(QuestionTag.tag)
        .where(QuestionTag.question_id == question_id)
        .order_by(QuestionTag.tag)
    )
    return list(rows)


def _add_question(
    session: Session,
    *,
    text: str,
    criteria: str = "",
    kind: str = "forecast",
    resolve_by: dt.date | None = None,
    tags: Iterable[str] = (),
    watch: dict[str, Any] | None = None,
    key: str | None = None,
) -> Question:
    _check_question_fields(text=text, kind=kind, key=key)
    if key is not None and session.exec(select(Question).where(Question.key == key)).first():
        raise Conflict(f"a question with key {key!r} exists already.")
    question = Question(
        key=key,
        kind=kind,
        text=normalise_space(text),
        criteria=(criteria or "").strip(),
        resolve_by=resolve_by,
        watch=watch,
    )
    session.add(question)
    session.flush()
    for tag in sorted({normalise_space(t).lower() for t in tags if normalise_space(t)}):
        session.add(QuestionTag(question_id=question.id, tag=tag))
    session.flush()
    return question


def add_question(
    session: Session,
    *,
    text: str,
    criteria: str = "",
    kind: str = "forecast",
    resolve_by: dt.date | None = None,
    tags: Iterable[str] = (),
    watch: dict[str, Any] | None = None,
    key: str | None = None,
    actor: str,
) -> Question:
    with change(session, "question.added", "question", actor=actor) as ch:
        question = _add_question(
            session,
            text=text,
            criteria=criteria,
            kind=kind,
            resolve_by=resolve_by,
            tags=tags,
            watch=watch,
            key=key,
        )
        ch.subject = f"question:{question.id}"
    return question


# --- claims -----------------------------------------------------------------------------------------------------


def check_probability(question: Question, probability: float | None, basis: str | None) -> None:
    if question.kind == "factual":
        if probability is not None:
            raise UserInputError(
                "a claim on a factual question carries no probability: it is judged true or false."
            )
        return
    if probability is None:
        raise UserInputError(
            "a forecast claim needs the source's probability: give 0.7, 70% or a hedge like 'likely'."
        )
    if not 0.0 <= probability <= 1.0:
        raise UserInputError(f"probability {probability} must be from 0 to 1.")
    if basis is not None and basis not in BASES:
        raise UserInputError(f"basis {basis!r} is not one of: stated, hedge, analyst.")
    if basis == "hedge" and probability in (0.0, 1.0):
        # A hedge is a hedge: "will never" reads as near 0, not as a certainty.
        raise UserInputError(
            f"a hedge phrase never maps to {probability:g}; give the reading as a number strictly "
            "between 0 and 1, or basis stated if the source stated the certainty."
        )


def quote_in_text(quote: str, text: str) -> bool:
    return normalise_space(quote) in normalise_space(text)


def _add_claim(
    session: Session,
    *,
    question: Question,
    article: Article | None = None,
    quote: str,
    probability: float | None = None,
    basis: str | None = None,
    hedge: str | None = None,
    note: str | None = None,
    author: str | None = None,
    outlet: str | None = None,
    made_at: dt.datetime | None = None,
) -> tuple[Claim, bool]:
    if not normalise_space(quote):
        raise UserInputError("the claim needs the source's words (--quote).")
    check_probability(question, probability, basis)
    if article is not None and not quote_in_text(quote, article.text):
        raise UserInputError(
            f"the quote is not in article {article.id[:8]} ({article.title!r}); claims quote verbatim."
        )
    author_row = _source(session, "author", author)
    outlet_row = _source(session, "outlet", outlet)
    if article is not None:
        if author_row is None:
            authors = article_authors(session, article.id)
            author_row = authors[0] if authors else None
        if outlet_row is None and article.outlet_id:
            outlet_row = session.get(Source, article.outlet_id)
    if article is None and author_row is None and outlet_row is None:
        # An article whose author and outlet are not stated still identifies where the claim was made;
        # reports list such claims under "(unknown author)" / "(unknown outlet)".
        raise UserInputError("a claim needs a source: an article, or --author / --outlet.")
    fingerprint = claim_fingerprint(
        question.id, article.id if article else None, author_row.id if author_row else None, quote
    )
    existing = session.exec(select(Claim).where(Claim.fingerprint == fingerprint)).first()
    if existing is not None:
        check_same_reading(
            existing,
            probability=probability if question.kind == "forecast" else None,
            basis=(basis or "stated") if question.kind == "forecast" else None,
            hedge=hedge,
            question=question,
        )
        return existing, False
    if made_at is None:
        made_at = (
            as_utc_midnight(article.published)
            if article is not None and article.published
            else dt.datetime.now(dt.UTC)
        )
    claim = Claim(
        question_id=question.id,
        article_id=article.id if article else None,
        author_id=author_row.id if author_row else None,
        outlet_id=outlet_row.id if outlet_row else None,
        quote=quote.strip(),
        probability=probability if question.kind == "forecast" else None,
        basis=(basis or "stated") if question.kind == "forecast" else None,
        hedge=hedge,
        note=note,
        made_at=made_at,
        fingerprint=fingerprint,
    )
    session.add(claim)
    session.flush()
    return claim, True


def check_same_reading(
    existing: Claim,
    *,
    probability: float | None,
    basis: str | None,
    hedge: str | None,
    question: Question,
) -> None:
    """A claim given again (same question, source and quote) must read as registered: a new number is never
    dropped without a word, nor registered twice. Conflict naming the claim and `claims amend` otherwise."""
    given = {"probability": probability, "basis": basis, "hedge": hedge}
    differ = [f for f, v in given.items() if v != getattr(existing, f)]
    if not differ:
        return
    from ledger.ids import short

    was = ", ".join(f"{f} {getattr(existing, f)!r}" for f in differ)
    now = ", ".join(f"{f} {given[f]!r}" for f in differ)
    raise Conflict(
        f"claim {short(existing.id)} on question {question.key or short(question.id)} already registers this "
        f"quote with {was}, not {now}. To change the reading, run `forecast-ledger claims amend "
        f"{short(existing.id)} --{differ[0]} VALUE --reason '...'` (the first reading stays on record)."
    )


def claim_late_reason(session: Session, claim: Claim) -> str | None:
    """Why a claim is late (never scored), or None: see ledger.lateness."""
    question = session.get(Question, claim.question_id)
    assert question is not None
    return late_reason(
        kind=question.kind,
        made_at=claim.made_at,
        known_at=question.known_at,
        resolve_by=question.resolve_by,
    )


def add_claim(
    session: Session,
    *,
    question: Question,
    article: Article | None = None,
    quote: str,
    probability: float | None = None,
    basis: str | None = None,
    hedge: str | None = None,
    note: str | None = None,
    author: str | None = None,
    outlet: str | None = None,
    made_at: dt.datetime | None = None,
    actor: str,
) -> tuple[Claim, bool]:
    """Registers a claim, or returns the identical one already registered (created=False)."""
    with change(session, "claim.registered", "claim", actor=actor) as ch:
        claim, created = _add_claim(
            session,
            question=question,
            article=article,
            quote=quote,
            probability=probability,
            basis=basis,
            hedge=hedge,
            note=note,
            author=author,
            outlet=outlet,
            made_at=made_at,
        )
        ch.subject = f"claim:{claim.id}"
    return claim, created


# --- amendments -------------------------------------------------------------------------------------------------

CLAIM_FIELDS = ("quote", "probability", "hedge", "basis", "note")
QUESTION_FIELDS = ("text", "criteria", "resolve_by", "tags", "key")


def amendments(session: Session, subject: str, subject_id: str) -> list[Amendment]:
    rows = session.exec(
        select(Amendment)
        .where(Amendment.subject == subject, Amendment.subject_id == subject_id)
        .order_by(col(Amendment.at))
    )
    return list(rows)


def current_claim(session: Session, claim: Claim) -> dict[str, Any]:
    """The claim as it reads now: the registered values with its amendments applied in order.
    (Scoring never uses this: it scores the probability as first registered.)"""
    values: dict[str, Any] = {f: getattr(claim, f) for f in CLAIM_FIELDS}
    for amendment in amendments(session, "claim", claim.id):
        if (
            amendment.field in values
        ):  # a withdrawal is recorded as an amendment too, of no field here
            values[amendment.field] = amendment.new
    return values


def _need_reason(reason: str | None) -> str:
    if not reason or not normalise_space(reason):
        raise UserInputError(
            "an amendment needs --reason: registered claims and questions are never edited silently."
        )
    return normalise_space(reason)


def amend_claim(
    session: Session, claim_ref: str, *, field: str, value: str, reason: str | None, actor: str
) -> Amendment:
    """Records a reasoned change to a claim. The claim row keeps what was first registered."""
    reason = _need_reason(reason)
    if field not in CLAIM_FIELDS:
        raise UserInputError(
            f"a claim's {field!r} cannot be amended; fields: {', '.join(CLAIM_FIELDS)}."
        )
    claim = get(session, Claim, claim_ref)
    question = session.get(Question, claim.question_id)
    assert question is not None
    old = current_claim(session, claim)[field]
    new: Any = value
    if field == "probability":
        from claims.hedges import parse_probability

        try:
            new = parse_probability(value).probability
        except ValueError as exc:
            raise UserInputError(str(exc)) from None
        check_probability(question, new, None)
    elif field == "basis" and value not in BASES:
        raise UserInputError(f"basis {value!r} is not one of: stated, hedge, analyst.")
    elif field == "quote" and claim.article_id:
        article = session.get(Article, claim.article_id)
        if article is not None and not quote_in_text(value, article.text):
            raise UserInputError(
                "the new quote is not in the claim's article; claims quote verbatim."
            )
    if new == old:
        raise UserInputError(f"the claim's {field} is already {old!r}; nothing to amend.")
    with change(session, "claim.amended", f"claim:{claim.id}", actor=actor):
        amendment = Amendment(
            subject="claim",
            subject_id=claim.id,
            field=field,
            old=old,
            new=new,
            reason=reason,
            actor=actor,
        )
        session.add(amendment)
    return amendment


def amend_question(
    session: Session, question_ref: str, *, field: str, value: str, reason: str | None, actor: str
) -> Amendment:
    """Changes a question's wording, criteria, deadline or tags, keeping the old value in its history."""
    reason = _need_reason(reason)
    if field not in QUESTION_FIELDS:
        raise UserInputError(
            f"a question's {field!r} cannot be amended; fields: {', '.join(QUESTION_FIELDS)}."
        )
    question = get(session, Question, question_ref)
    new: Any
    if field == "resolve_by":
        from ledger.dates import parse_date

        new_date = parse_date(value, what="--value")
        old: Any = question.resolve_by.isoformat() if question.resolve_by else None
        new = new_date.isoformat()
    elif field == "key":
        old = question.key
        new = value.strip() or None
        if new is not None:
            _check_question_fields(text=question.text, kind=question.kind, key=new)
            taken = session.exec(select(Question).where(Question.key == new)).first()
            if taken is not None and taken.id != question.id:
                raise Conflict(f"key {new!r} is already question {taken.id[:8]}'s.")
    elif field == "tags":
        old = question_tags(session, question.id)
        new = sorted({normalise_space(t).lower() for t in re.split(r"[,;]", value) if t.strip()})
    else:
        if not normalise_space(value) and field == "text":
            raise UserInputError("a question's text cannot be empty.")
        old = getattr(question, field)
        new = normalise_space(value) if field == "text" else value.strip()
    if new == old:
        raise UserInputError(f"the question's {field} is already {old!r}; nothing to amend.")
    with change(session, "question.amended", f"question:{question.id}", actor=actor):
        if field == "resolve_by":
            question.resolve_by = dt.date.fromisoformat(new)
        elif field == "tags":
            for row in session.exec(
                select(QuestionTag).where(QuestionTag.question_id == question.id)
            ):
                session.delete(row)
            session.flush()
            for tag in new:
                session.add(QuestionTag(question_id=question.id, tag=tag))
        else:
            setattr(question, field, new)
        session.add(question)
        amendment = Amendment(
            subject="question",
            subject_id=question.id,
            field=field,
            old=old,
            new=new,
            reason=reason,
            actor=actor,
        )
        session.add(amendment)
    return amendment


# --- withdrawals ------------------------------------------------------------------------------------------------

WITHDRAWN_FIELD = "withdrawn"


def set_withdrawn(
    session: Session,
    model: type[Claim] | type[Question],
    ref: str,
    *,
    withdrawn: bool,
    reason: str | None,
    actor: str,
) -> Amendment:
    """Withdraws (or reinstates) a claim or question for analyst error: the row stays, in the ledger and in its
    history, out of every score and count. The reason is an amendment of the field "withdrawn"."""
    noun = "claim" if model is Claim else "question"
    if not reason or not normalise_space(reason):
        verb = "withdrawing" if withdrawn else "reinstating"
        raise UserInputError(
            f"{verb} a {noun} needs --reason, e.g. --reason 'wrong author' or --reason 'duplicate of 3f2a'."
        )
    row = get(session, model, ref)
    if row.withdrawn == withdrawn:
        state = "withdrawn" if withdrawn else "not withdrawn"
        raise UserInputError(f"{noun} {row.id[:8]} is already {state}; nothing to change.")
    action = f"{noun}.{'withdrawn' if withdrawn else 'reinstated'}"
    with change(session, action, f"{noun}:{row.id}", actor=actor):
        row.withdrawn = withdrawn
        session.add(row)
        amendment = Amendment(
            subject=noun,
            subject_id=row.id,
            field=WITHDRAWN_FIELD,
            old=not withdrawn,
            new=withdrawn,
            reason=normalise_space(reason),
            actor=actor,
        )
        session.add(amendment)
    return amendment
