"""Exports of the ledger (whole-ledger JSON, claims CSV, ClaimReview JSON-LD) and restoring a JSON export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NoReturn

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, func, select

from ledger.errors import InputFileErrors, LedgerError, Problem, UserInputError
from ledger.events import GENESIS, _encode, verify
from ledger.models import (
    Amendment,
    Article,
    ArticleAuthor,
    Claim,
    LedgerEntry,
    Question,
    Resolution,
    Source,
    UTCDateTime,
)

FORMAT = "forecast-ledger-export"
FORMAT_VERSION = 1
# The most problems one import reports: past that the file is plainly not an export of ours.
MAX_PROBLEMS = 50
_INSERT_CHUNK = 1000


# --- whole-ledger JSON ------------------------------------------------------------------------------------------


def _tables() -> list[sa.Table]:
    """Every table of ours in foreign-key order (parents first), the ledger chain excluded."""
    return [
        t
        for t in SQLModel.metadata.sorted_tables
        if t.name not in (LedgerEntry.__tablename__, "alembic_version")
    ]


def _ledger_table() -> sa.Table:
    return LedgerEntry.__table__  # type: ignore[attr-defined]


def _encode_value(value: Any) -> Any:
    # Datetimes as the ledger writes them (UTC, microseconds, Z) so the restored hash chain matches to the byte.
    if isinstance(value, dt.date):
        return _encode(value)
    return value


def _dump_rows(session: Session, table: sa.Table) -> list[dict[str, Any]]:
    order = list(table.primary_key.columns)
    rows = session.execute(sa.select(table).order_by(*order)).mappings()
    return [{k: _encode_value(v) for k, v in row.items()} for row in rows]


def schema_revision(session: Session) -> str | None:
    try:
        return session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except sa.exc.DatabaseError:
        session.rollback()
        return None


def export_json(session: Session) -> dict[str, Any]:
    """The whole ledger as one JSON document: every table's rows by primary key (feeds, news items and flags
    included) and the ledger entries verbatim. No export time is stored, so exporting a restored copy gives
    the same document. `head` is the hash of the newest ledger entry at export time: keep it, and
    `verify --expect-head HEAD` later tells whether the chain still contains it."""
    ledger = _dump_rows(session, _ledger_table())
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema": schema_revision(session),
        "head": ledger[-1]["hash"] if ledger else GENESIS,
        "tables": {t.name: _dump_rows(session, t) for t in _tables()},
        "ledger": ledger,
    }


@dataclass
class LoadSummary:
    """What `load_json` restored."""

    path: str
    rows: Counter[str] = field(default_factory=Counter)
    entries: int = 0
    head: str = ""
    actor: str = ""

    def lines(self) -> list[str]:
        counts = ", ".join(f"{name} {n}" for name, n in self.rows.items() if n)
        return [
            f"{self.path}: restored {self.entries} ledger entries (head {self.head[:12]}) "
            f"and {sum(self.rows.values())} rows",
            f"  {counts or 'no rows'}",
            "  verify: ok, every row matches the restored ledger",
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "rows": dict(self.rows),
            "entries": self.entries,
            "head": self.head,
        }


class _Problems:
    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Problem] = []

    def add(self, message: str, line: int | None = None) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(self.path, line, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputFileErrors(self.items)

    def fail(self, message: str) -> NoReturn:
        self.add(message)
        raise InputFileErrors(self.items)


def _decode_value(column: sa.Column[Any], value: Any) -> Any:
    """A JSON value as the column's Python value; ValueError with a reason if it does not fit."""
    if value is None:
        if not column.nullable:
            raise ValueError("must not be null")
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime | sa.DateTime):
        if not isinstance(value, str):
            raise ValueError("expected a date-time string")
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            raise ValueError("date-time without a time zone")
        return parsed
    if isinstance(kind, sa.Date):
        if not isinstance(value, str):
            raise ValueError("expected a date string")
        return dt.date.fromisoformat(value)
    if isinstance(kind, sa.Boolean):
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if isinstance(kind, sa.Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("expected an integer")
        return value
    if isinstance(kind, sa.Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("expected a number")
        return float(value)
    if isinstance(kind, sa.JSON):
        return value
    if isinstance(kind, sa.String):  # Text and AutoString are Strings too
        if not isinstance(value, str):
            raise ValueError("expected a string")
        length = getattr(kind, "length", None)
        if length is not None and len(value) > length:
            raise ValueError(f"longer than {length} characters")
        return value
    return value


def _decode_rows(
    table: sa.Table, rows: Any, where: str, problems: _Problems
) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        problems.add(f"{where}: expected a list of rows")
        return []
    columns = {c.name: c for c in table.columns}
    out = []
    for i, row in enumerate(rows):
        at = f"{where}[{i}]"
        if not isinstance(row, dict):
            problems.add(f"{at}: expected an object")
            continue
        missing = sorted(columns.keys() - row.keys())
        extra = sorted(row.keys() - columns.keys())
        if missing:
            problems.add(f"{at}: missing {', '.join(missing)}")
        if extra:
            problems.add(f"{at}: unknown field(s) {', '.join(extra)}")
        decoded: dict[str, Any] = {}
        for name, column in columns.items():
            if name not in row:
                continue
            try:
                decoded[name] = _decode_value(column, row[name])
            except ValueError as exc:
                problems.add(f"{at}.{name}: {exc} (got {json.dumps(row[name])[:60]})")
        out.append(decoded)
    return out


def _read_export(path: Path, problems: _Problems) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LedgerError(f"{path}: no such file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(f"{path}: cannot read it: {exc}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno)
        problems.raise_if_any()
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        problems.add(
            f'not a forecast-ledger export (no "format": "{FORMAT}"); make one with '
            "`forecast-ledger export --format json --out FILE`"
        )
        problems.raise_if_any()
    if doc.get("version") != FORMAT_VERSION:
        problems.add(
            f"export format version {doc.get('version')!r} is not supported (expected {FORMAT_VERSION})"
        )
    problems.raise_if_any()
    return doc


def _row_count(session: Session) -> int:
    total = 0
    for table in [*_tables(), _ledger_table()]:
        total += session.execute(sa.select(func.count()).select_from(table)).scalar_one()
    return total


def load_json(session: Session, path: Path, *, actor: str) -> LoadSummary:
    """Restores a JSON export into an EMPTY database: same ids, same ledger chain, all or nothing.

    The file is validated whole first (every problem reported together); then rows and ledger entries are
    inserted in one transaction and `verify` must pass on the result before it commits. No ledger entry is
    added for the restore itself: the restored chain is the record, and exporting the copy gives back the
    same file. `actor` is only reported. Use a `Database.write_session()`.
    """
    problems = _Problems(str(path))
    doc = _read_export(path, problems)
    here = schema_revision(session)
    if doc.get("schema") != here:
        raise LedgerError(
            f"{path} was exported from schema revision {doc.get('schema')!r}, this database is at "
            f"{here!r}; import it with the forecast-ledger version that made it, or upgrade that "
            "database first and export again."
        )
    tables_doc = doc.get("tables")
    if not isinstance(tables_doc, dict):
        problems.fail('"tables": expected an object of table name -> rows')
    known = {t.name for t in _tables()}
    for name in sorted(tables_doc.keys() - known):
        problems.add(f'"tables": unknown table {name!r}')
    for name in sorted(known - tables_doc.keys()):
        problems.add(f'"tables": table {name!r} is missing')
    decoded = {
        t.name: _decode_rows(t, tables_doc.get(t.name, []), f"tables.{t.name}", problems)
        for t in _tables()
    }
    entries = _decode_rows(_ledger_table(), doc.get("ledger"), "ledger", problems)
    problems.raise_if_any()

    summary = LoadSummary(str(path), entries=len(entries), actor=actor)
    try:
        existing = _row_count(session)
        if existing:
            raise LedgerError(
                f"the database already holds {existing} rows; a JSON export is restored only into an "
                "empty database (e.g. --db restored.db), so ids and the ledger chain stay exactly as "
                "exported."
            )
        for table in [*_tables(), _ledger_table()]:
            rows = entries if table is _ledger_table() else decoded[table.name]
            for start in range(0, len(rows), _INSERT_CHUNK):
                session.execute(table.insert(), rows[start : start + _INSERT_CHUNK])
            summary.rows[table.name] = len(rows) if table is not _ledger_table() else 0
        del summary.rows[LedgerEntry.__tablename__]
        from ledger.search import FIELDS, index_changes

        # The search index is built from the rows, not exported: fill it as the ledger's writes would have.
        index_changes(
            session,
            (
                {"op": "insert", "table": name, "id": row["id"], "row": row}
                for name in FIELDS
                for row in decoded.get(name, [])
            ),
        )
        session.flush()
        head = doc.get("head")
        report = verify(session, expect_head=head if isinstance(head, str) else None)
        if isinstance(head, str) and report.ok and report.head != head:
            raise InputFileErrors(
                [
                    Problem(
                        str(path),
                        None,
                        f"the export says its head is {head[:12]}, the chain ends at "
                        f"{report.head[:12]}",
                    )
                ]
            )
        if not report.ok:
            raise InputFileErrors(
                Problem(str(path), None, f"does not verify: {p}")
                for p in report.problems[:MAX_PROBLEMS]
            )
        summary.head = report.head
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise InputFileErrors(
            [Problem(str(path), None, f"rows break a constraint: {reason}")]
        ) from None
    except BaseException:
        session.rollback()
        raise
    return summary


# --- claims CSV ---------------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "claim_id",  # full 32-hex id
    "question_id",
    "question_key",  # empty when the question has no key
    "question_kind",  # forecast | factual
    "question",  # the question's wording
    "criteria",  # resolution criteria
    "resolve_by",  # YYYY-MM-DD or empty
    "status",  # open | resolved
    "outcome",  # yes | no | annulled | true | false | misleading | unverifiable, empty while open
    "resolved_at",  # UTC ISO 8601 of the standing resolution, empty while open
    "resolver",  # who made the standing resolution
    "author",  # the claim's author (person); else its article's authors, "; "-joined; may be empty
    "outlet",  # the claim's outlet (publication); else its article's outlet; may be empty
    "article_title",
    "article_url",
    "article_published",  # YYYY-MM-DD or empty
    "made_at",  # UTC ISO 8601: when the source made the claim
    "quote",  # verbatim
    "probability",  # as first registered (0-1), empty for factual claims
    "basis",  # stated | hedge | analyst
    "hedge",  # the hedging phrase the probability was read from
    "amendments",  # how many amendments the claim has (the probability above is the original)
    "brier",  # (probability - outcome)^2 for forecasts resolved yes/no, else empty
)


def _iso(value: dt.datetime | None) -> str:
    return value.astimezone(dt.UTC).isoformat() if value else ""


def _standing_resolutions(session: Session) -> dict[str, Resolution]:
    latest: dict[str, Resolution] = {}
    stmt = select(Resolution).order_by(col(Resolution.resolved_at), col(Resolution.id))
    for r in session.exec(stmt):
        latest[r.question_id] = r
    return latest


def _article_authors(session: Session) -> dict[str, list[str]]:
    stmt = (
        select(ArticleAuthor.article_id, Source.name)
        .join(Source, col(Source.id) == col(ArticleAuthor.source_id))
        .order_by(col(ArticleAuthor.article_id), col(ArticleAuthor.position), col(Source.name))
    )
    out: dict[str, list[str]] = {}
    for article_id, name in session.exec(stmt):
        out.setdefault(article_id, []).append(name)
    return out


def claim_rows(session: Session) -> list[dict[str, Any]]:
    """One row per claim with its question and outcome, in CSV_COLUMNS order; by question, then claim time."""
    sources = {s.id: s.name for s in session.exec(select(Source))}
    # Plain rows, not mapped objects: building 100,000 ORM instances is most of the cost otherwise.
    articles = {
        a.id: a
        for a in session.execute(
            sa.select(
                col(Article.id),
                col(Article.title),
                col(Article.url),
                col(Article.published),
                col(Article.outlet_id),
            )
        )
    }
    questions = {q.id: q for q in session.execute(sa.select(Question.__table__))}  # type: ignore[attr-defined]
    standing = _standing_resolutions(session)
    bylines = _article_authors(session)
    amended = Counter(
        sid
        for sid in session.exec(select(Amendment.subject_id).where(Amendment.subject == "claim"))
    )
    claims = list(session.execute(sa.select(Claim.__table__)))  # type: ignore[attr-defined]

    def order(c: Any) -> tuple[str, str, dt.datetime, str]:
        q = questions[c.question_id]
        return (q.key or "\uffff", q.id, c.made_at, c.id)

    rows = []
    for c in sorted(claims, key=order):
        q = questions[c.question_id]
        a = articles.get(c.article_id or "")
        r = standing.get(q.id)
        brier: float | str = ""
        if c.probability is not None and q.outcome in ("yes", "no"):
            brier = round((c.probability - (1.0 if q.outcome == "yes" else 0.0)) ** 2, 10)
        rows.append(
            {
                "claim_id": c.id,
                "question_id": q.id,
                "question_key": q.key or "",
                "question_kind": q.kind,
                "question": q.text,
                "criteria": q.criteria,
                "resolve_by": q.resolve_by.isoformat() if q.resolve_by else "",
                "status": q.status,
                "outcome": q.outcome or "",
                "resolved_at": _iso(q.resolved_at),
                "resolver": r.resolver if r else "",
                "author": sources.get(c.author_id or "")
                or "; ".join(bylines.get(c.article_id or "", [])),
                "outlet": sources.get(c.outlet_id or "")
                or (sources.get(a.outlet_id or "", "") if a else ""),
                "article_title": a.title if a else "",
                "article_url": (a.url or "") if a else "",
                "article_published": a.published.isoformat() if a and a.published else "",
                "made_at": _iso(c.made_at),
                "quote": c.quote,
                "probability": "" if c.probability is None else c.probability,
                "basis": c.basis or "",
                "hedge": c.hedge or "",
                "amendments": amended.get(c.id, 0),
                "brier": brier,
            }
        )
    return rows


def write_csv(session: Session, out: IO[str]) -> int:
    """Writes the claims CSV (header CSV_COLUMNS); returns the number of claims."""
    rows = claim_rows(session)
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


# --- ClaimReview JSON-LD ------------------------------------------------------------------------------------------

# reviewRating scale, fixed and documented: 1 = False, 2 = Misleading, 3 = True (worstRating 1, bestRating 3).
# "Unverifiable" is not a point on a truth scale, so it carries only its alternateName and no ratingValue.
RATING_SCALE = {"false": 1, "misleading": 2, "true": 3}
VERDICT_NAMES = {
    "true": "True",
    "false": "False",
    "misleading": "Misleading",
    "unverifiable": "Unverifiable",
}
DEFAULT_ORGANISATION = "Forecast Ledger"


def _rating(outcome: str) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": VERDICT_NAMES[outcome]}
    if outcome in RATING_SCALE:
        rating.update({"ratingValue": RATING_SCALE[outcome], "worstRating": 1, "bestRating": 3})
    return rating


def claim_reviews(session: Session, *, organisation: str | None = None) -> dict[str, Any]:
    """schema.org ClaimReview JSON-LD (an @graph) for every claim on a resolved factual question.

    author: the organisation when one is named, else the analyst who resolved the question (a Person).
    itemReviewed: the Claim, with its author (the person, else the outlet) and its appearance (the article:
    url, headline, publisher, date). datePublished: the day of the standing resolution.
    """
    sources = {s.id: s for s in session.exec(select(Source))}
    articles = {a.id: a for a in session.exec(select(Article))}
    standing = _standing_resolutions(session)
    bylines = _article_authors(session)
    stmt = (
        select(Claim, Question)
        .join(Question, col(Claim.question_id) == col(Question.id))
        .where(Question.kind == "factual", Question.status == "resolved")
        .order_by(col(Question.resolved_at), col(Claim.made_at), col(Claim.id))
    )
    graph = []
    for claim, question in session.exec(stmt):
        outcome = question.outcome or ""
        if outcome not in VERDICT_NAMES:
            continue
        resolution = standing.get(question.id)
        article = articles.get(claim.article_id or "")
        # A claim registered without its own byline is the article's: credit its authors and outlet.
        author = sources.get(claim.author_id or "")
        people = [author.name] if author else bylines.get(claim.article_id or "", [])
        outlet = sources.get(claim.outlet_id or "") or (
            sources.get(article.outlet_id or "") if article else None
        )
        item: dict[str, Any] = {
            "@type": "Claim",
            "datePublished": claim.made_at.astimezone(dt.UTC).date().isoformat(),
        }
        if people:
            persons = [{"@type": "Person", "name": name} for name in people]
            item["author"] = persons[0] if len(persons) == 1 else persons
        elif outlet is not None:
            item["author"] = {"@type": "Organization", "name": outlet.name}
        if article is not None:
            appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title}
            if article.url:
                appearance["url"] = article.url
            if article.published:
                appearance["datePublished"] = article.published.isoformat()
            if outlet is not None:
                appearance["publisher"] = {"@type": "Organization", "name": outlet.name}
            item["appearance"] = appearance
        resolver = resolution.resolver if resolution else "unknown"
        review: dict[str, Any] = {
            "@type": "ClaimReview",
            "identifier": claim.id,
            "claimReviewed": claim.quote,
            "itemReviewed": item,
            "reviewRating": _rating(outcome),
            "author": (
                {"@type": "Organization", "name": organisation}
                if organisation
                else {"@type": "Person", "name": resolver}
            ),
            "datePublished": (question.resolved_at or claim.made_at)
            .astimezone(dt.UTC)
            .date()
            .isoformat(),
        }
        if resolution is not None:
            urls = [e["url"] for e in resolution.evidence or [] if e.get("url")]
            if urls:
                review["citation"] = urls
            if resolution.note:
                review["reviewBody"] = resolution.note
        graph.append(review)
    return {"@context": "https://schema.org", "@graph": graph}


# --- writing an export ----------------------------------------------------------------------------------------

# The formats this module renders; the claims workflow adds Fatebook's (claims/exports.py), since the ledger layer
# never imports from claims/.
EXPORT_FORMATS = ("json", "csv", "claimreview")


def render(session: Session, fmt: str, organisation: str | None) -> tuple[str, str]:
    """One of EXPORT_FORMATS as text, and what it holds (for a status line)."""
    if fmt == "json":
        doc = export_json(session)
        n = sum(len(rows) for rows in doc["tables"].values())
        return json.dumps(doc, indent=1, ensure_ascii=False) + "\n", (
            f"{n} rows and {len(doc['ledger'])} ledger entries"
        )
    if fmt == "csv":
        buf = io.StringIO()
        n = write_csv(session, buf)
        return buf.getvalue(), f"{n} claim" + ("" if n == 1 else "s")
    reviews = claim_reviews(session, organisation=organisation)
    return json.dumps(reviews, indent=2, ensure_ascii=False) + "\n", (
        f"{len(reviews['@graph'])} claim reviews"
    )


def write_export(text: str, out: str | None) -> None:
    """Writes an export to `out` (replaced whole, never half-written) or to stdout when `out` is None or "-"."""
    if out is None or out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(out).expanduser()
    if target.is_dir():
        raise UserInputError(
            f"--out {out} is a directory; give a file name, e.g. {out}/ledger.json."
        )
    if not target.parent.exists():
        raise UserInputError(f"--out {out}: the directory {target.parent} does not exist.")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        # newline="" keeps the CSV's own line ends; the rename makes the file appear whole.
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserInputError(f"cannot write {out}: {exc.strerror or exc}") from None
