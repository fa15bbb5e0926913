"""Writing a whole import at once: sources resolved once, existing rows found in batches, new rows inserted with
one executemany per table and recorded in the import's single ledger entry (as the flag path does)."""

# What makes it fast, measured by bench/import.py: no per-row ORM objects or flushes; one IN query per 500 keys
# for existing sources, questions and claims; ledger snapshots built column-wise by Change.insert_rows. Articles
# (few, with their text) and resolutions of questions that already exist (rare) keep the ordinary ORM path.

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from claims.register import (
    _add_article,
    _check_question_fields,
    article_authors,
    as_utc_midnight,
    check_probability,
    check_same_reading,
    claim_fingerprint,
    normalise_space,
)
from ledger.errors import Conflict, InputFileErrors, LedgerError, Problem
from ledger.events import Change
from ledger.ids import new_id
from ledger.lateness import late_reason
from ledger.models import Article, Claim, Question, QuestionTag, Resolution, Source, utcnow

CHUNK = 500
_UNSEEN = object()


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def existing_questions(session: Session, keys: Iterable[str]) -> dict[str, Any]:
    """Question key -> the question already in the ledger (its columns as attributes), for many keys at once."""
    wanted = sorted(set(keys))
    found: dict[str, Any] = {}
    table = Question.__table__  # type: ignore[attr-defined]
    for chunk in _chunks(wanted):
        # Read-only values, not session objects: a re-import reads every question it names, and ORM identity
        # bookkeeping for tens of thousands of them costs more than the query (_resolve_existing loads the
        # rare one it changes).
        for row in session.execute(sa.select(table).where(table.c.key.in_(chunk))).mappings():
            # A plain namespace: a table model built without a session (model_construct) has no instance
            # state, and reading its attributes fails.
            found[row["key"]] = SimpleNamespace(**row)
    return found


@dataclass
class Plan:
    """What an import writes, checked already: articles, questions and claims by the file's keys."""

    path: str
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> _add_article fields
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> fields (new ones)
    existing: dict[str, Any] = field(default_factory=dict)  # key -> question already in the ledger
    claims: list[tuple[int, str, str | None, dict[str, Any]]] = field(default_factory=list)
    resolutions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Written:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)
    late: int = 0

    def add(self, kind: str, created: bool, n: int = 1) -> None:
        target = self.created if created else self.existing
        target[kind] = target.get(kind, 0) + n


class _Sources:
    """Source ids by (kind, name), looked up once for the whole import; new ones inserted together."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[tuple[str, str], str] = {}
        self.given: dict[tuple[str, str], str | None] = {}
        self.new: list[dict[str, Any]] = []

    def load(self, wanted: set[tuple[str, str]]) -> None:
        by_kind: dict[str, list[str]] = {}
        for kind, name in wanted:
            by_kind.setdefault(kind, []).append(name)
        for kind, names in by_kind.items():
            for chunk in _chunks(sorted(names)):
                stmt = sa.select(col(Source.name), col(Source.id)).where(
                    col(Source.kind) == kind, col(Source.name).in_(chunk)
                )
                for name, id_ in self.session.connection().execute(stmt):
                    self.ids[(kind, name)] = id_
        now = utcnow()
        for kind, name in sorted(wanted - self.ids.keys()):
            row: dict[str, Any] = {"id": new_id(), "kind": kind, "name": name, "created_at": now}
            self.ids[(kind, name)] = row["id"]
            self.new.append(row)

    def get(self, kind: str, name: str | None) -> str | None:
        if name is None:
            return None
        # Names as given repeat (one forecaster, thousands of rows): folded once each.
        found = self.given.get((kind, name), _UNSEEN)
        if found is _UNSEEN:
            folded = normalise_space(name)
            found = self.given[(kind, name)] = self.ids[(kind, folded)] if folded else None
        return found  # type: ignore[return-value]


def _wanted_sources(plan: Plan) -> set[tuple[str, str]]:
    wanted: set[tuple[str, str]] = set()
    for fields in plan.articles.values():
        if fields.get("outlet") and normalise_space(fields["outlet"]):
            wanted.add(("outlet", normalise_space(fields["outlet"])))
        for author in fields.get("authors") or ():
            if normalise_space(author):
                wanted.add(("author", normalise_space(author)))
    for _line, _q, _a, fields in plan.claims:
        for kind in ("author", "outlet"):
            name = fields.get(kind)
            if name and normalise_space(name):
                wanted.add((kind, normalise_space(name)))
    return wanted


def _question_row(key: str, fields: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    _check_question_fields(text=fields["text"], kind=fields["kind"], key=key)
    return {
        "id": new_id(),
        "key": key,
        "kind": fields["kind"],
        "text": normalise_space(fields["text"]),
        "criteria": (fields.get("criteria") or "").strip(),
        "resolve_by": fields.get("resolve_by"),
        "watch": fields.get("watch"),
        "status": "open",
        "outcome": None,
        "resolved_at": None,
        "known_at": None,
        "withdrawn": False,
        "version": 1,
        "created_at": now,
    }


def write(session: Session, ch: Change, plan: Plan, *, actor: str) -> Written:
    """Writes the plan inside the caller's change() block. Rows already in the ledger are left as they are; a
    claim given again with another reading is a problem of the file (its line), and nothing is written."""
    written = Written()
    now = utcnow()
    sources = _Sources(session)
    sources.load(_wanted_sources(plan))
    # Sources first: articles (ORM) and claims (Core) refer to them.
    ch.insert_rows(session, Source, sources.new)

    articles: dict[str, Article] = {}
    article_defaults: dict[
        str, tuple[str | None, str | None]
    ] = {}  # article id -> (author id, outlet id)
    for key, fields in plan.articles.items():
        article, created = _add_article(session, **fields)
        articles[key] = article
        written.add("articles", created)
        authors = article_authors(session, article.id)
        article_defaults[article.id] = (authors[0].id if authors else None, article.outlet_id)

    question_ids: dict[str, str] = {key: q.id for key, q in plan.existing.items()}
    kinds: dict[str, str] = {key: q.kind for key, q in plan.existing.items()}
    new_questions: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []
    resolutions = {r["question_key"]: r for r in plan.resolutions}
    new_resolutions: list[dict[str, Any]] = []
    for key, fields in plan.questions.items():
        row = _question_row(key, fields, now)
        res = resolutions.pop(key, None)
        if res is not None:
            # A question created and resolved by the same import is inserted resolved, with its resolution.
            row.update(
                status="resolved",
                outcome=res["outcome"],
                resolved_at=res["resolved_at"],
                known_at=res["resolved_at"],
                version=2,
            )
            new_resolutions.append(
                {
                    "id": new_id(),
                    "question_id": row["id"],
                    "outcome": res["outcome"],
                    "note": res.get("note"),
                    "evidence": [],
                    "resolver": res.get("resolver") or actor,
                    "resolved_at": res["resolved_at"],
                    "known_at": res["resolved_at"],
                }
            )
        new_questions.append(row)
        question_ids[key] = row["id"]
        kinds[key] = row["kind"]
        for tag in sorted(
            {normalise_space(t).lower() for t in fields.get("tags") or () if normalise_space(t)}
        ):
            tags.append({"id": new_id(), "question_id": row["id"], "tag": tag})
    ch.insert_rows(session, Question, new_questions)
    ch.insert_rows(session, QuestionTag, tags)
    ch.insert_rows(session, Resolution, new_resolutions)
    written.add("questions", True, len(new_questions))
    written.add("questions", False, len(plan.existing))
    written.add("resolutions", True, len(new_resolutions))

    claim_rows, problems = _claim_rows(
        session, plan, question_ids, kinds, articles, article_defaults, sources, now
    )
    if problems:
        raise InputFileErrors(problems)
    new_claims = [row for row in claim_rows if row is not None]
    ch.insert_rows(session, Claim, new_claims)
    _refresh_statistics(session, len(new_claims) + len(new_questions))
    timing = {q["id"]: (q["kind"], q["known_at"], q["resolve_by"]) for q in new_questions}
    timing.update((q.id, (q.kind, q.known_at, q.resolve_by)) for q in plan.existing.values())
    written.late = sum(
        late_reason(kind=k, made_at=row["made_at"], known_at=known, resolve_by=by) is not None
        for row in new_claims
        for k, known, by in [timing[row["question_id"]]]
    )
    written.add("claims", True, len(new_claims))
    written.add("claims", False, len(claim_rows) - len(new_claims))

    # Resolutions of questions that were in the ledger before: rare, one at a time through the ORM.
    existing_by_key = plan.existing
    for key, res in resolutions.items():
        created = _resolve_existing(session, existing_by_key[key], res, actor)
        written.add("resolutions", created)
    return written


def _claim_rows(
    session: Session,
    plan: Plan,
    question_ids: dict[str, str],
    kinds: dict[str, str],
    articles: dict[str, Article],
    article_defaults: dict[str, tuple[str | None, str | None]],
    sources: _Sources,
    now: dt.datetime,
) -> tuple[list[dict[str, Any] | None], list[Problem]]:
    """A row per planned claim (None for one already in the ledger or earlier in the file), and the problems."""
    problems: list[Problem] = []
    rows: list[dict[str, Any] | None] = []
    prepared: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
    # check_probability reads only the question's kind.
    probes = {k: Question.model_construct(kind=k) for k in ("forecast", "factual")}
    for line, qkey, akey, fields in plan.claims:
        article = articles.get(akey) if akey else None
        kind = kinds[qkey]
        probability = fields.get("probability") if kind == "forecast" else None
        basis = (fields.get("basis") or "stated") if kind == "forecast" else None
        hedge = fields.get("hedge") if kind == "forecast" else None
        try:
            check_probability(probes[kind], probability, fields.get("basis"))
        except LedgerError as exc:
            problems.append(Problem(plan.path, line, str(exc)))
            continue
        author_id = sources.get("author", fields.get("author"))
        outlet_id = sources.get("outlet", fields.get("outlet"))
        if article is not None:
            default_author, default_outlet = article_defaults[article.id]
            author_id = author_id or default_author
            outlet_id = outlet_id or default_outlet
        if article is None and author_id is None and outlet_id is None:
            problems.append(
                Problem(
                    plan.path, line, "a claim needs a source: an article, an author or an outlet"
                )
            )
            continue
        question_id = question_ids[qkey]
        made_at = fields.get("made_at") or (
            as_utc_midnight(article.published) if article is not None and article.published else now
        )
        quote = fields["quote"]
        row = {
            "id": new_id(),
            "question_id": question_id,
            "article_id": article.id if article else None,
            "author_id": author_id,
            "outlet_id": outlet_id,
            "quote": quote.strip(),
            "probability": probability,
            "basis": basis,
            "hedge": hedge,
            "note": fields.get("note"),
            "made_at": made_at,
            "fingerprint": claim_fingerprint(
                question_id, article.id if article else None, author_id, quote
            ),
            "withdrawn": False,
            "created_at": now,
        }
        prepared.append((line, row, {"probability": probability, "basis": basis, "hedge": hedge}))
    fingerprints = [row["fingerprint"] for _, row, _ in prepared]
    # Claims already in the ledger, as plain column values: a re-import reads them all, and ORM objects for a
    # hundred thousand claims cost more than the rest of the import.
    found: dict[str, dict[str, Any]] = {}
    wanted = [col(Claim.id), col(Claim.question_id)] + [col(getattr(Claim, f)) for f in _READING]
    for chunk in _chunks(sorted(set(fingerprints))):
        stmt = sa.select(col(Claim.fingerprint), *wanted).where(col(Claim.fingerprint).in_(chunk))
        for fp, *values in session.connection().execute(stmt):
            found[fp] = dict(zip(["id", "question_id", *_READING], values, strict=True))
    seen: dict[str, dict[str, Any]] = {}
    for line, row, reading in prepared:
        fp = row["fingerprint"]
        earlier = found.get(fp) or seen.get(fp)
        if earlier is not None:
            if any(earlier[f] != reading[f] for f in _READING):
                try:
                    check_same_reading(
                        _as_claim(earlier),
                        question=_question_of(session, earlier["question_id"]),
                        **reading,
                    )
                except Conflict as exc:
                    problems.append(Problem(plan.path, line, str(exc)))
            rows.append(None)
            continue
        seen[fp] = row
        rows.append(row)
    return rows, problems


_READING = ("probability", "basis", "hedge")

# Rows added at once beyond which PostgreSQL's planner statistics are refreshed (see _refresh_statistics).
_ANALYZE_AFTER = 1000


def _refresh_statistics(session: Session, added: int) -> None:
    """After a large load, ANALYZE the tables it grew, as PostgreSQL advises for bulk loading.

    Until autovacuum gets to them the planner takes the tables for as small as they were; a re-import then
    looks its fingerprints up by sequential scan (about 400 times slower on 100,000 claims). SQLite plans
    from its indexes alone.
    """
    if added < _ANALYZE_AFTER or session.get_bind().dialect.name != "postgresql":
        return
    for table in ("claim", "question", "source"):
        session.execute(sa.text(f"ANALYZE {table}"))


def _as_claim(row: dict[str, Any]) -> Claim:
    return Claim.model_construct(**row)


def _question_of(session: Session, question_id: str) -> Question:
    question = session.get(Question, question_id)
    if question is None:  # created by this import: inserted through Core, so load it
        question = session.exec(select(Question).where(Question.id == question_id)).one()
    return question


def _resolve_existing(session: Session, question: Any, res: dict[str, Any], actor: str) -> bool:
    """A resolution carried by the file for a question already in the ledger: recorded once."""
    if question.status == "resolved" and question.outcome == res["outcome"]:
        return False
    loaded = session.get(Question, question.id)
    assert loaded is not None
    question = loaded
    resolution = Resolution(
        question_id=question.id,
        outcome=res["outcome"],
        note=res.get("note"),
        evidence=[],
        resolver=res.get("resolver") or actor,
        resolved_at=res["resolved_at"],
        known_at=res["resolved_at"],
    )
    session.add(resolution)
    question.status = "resolved"
    question.outcome = res["outcome"]
    question.resolved_at = res["resolved_at"]
    question.known_at = res["resolved_at"]
    question.version += 1
    session.add(question)
    session.flush()
    return True


__all__ = ["Plan", "Written", "existing_questions", "write"]
