"""Track-record reports: one query gathers the claims with their questions, ledger.scoring scores them."""

# What a report counts, fixed here so every command reads the same way:
#
# - Grouping: `by="author"` credits a claim to Claim.author_id, `by="outlet"` to Claim.outlet_id.
#   Claims without that source (an unsigned editorial has no author; a blog post may have no outlet)
#   are grouped under one pseudo-source, "(unknown author)" / "(unknown outlet)", rather than
#   dropped: the table's counts then add up to the pool, and the pseudo-source's row shows how much
#   of the ledger is unattributed. Its JSON row has `source_id: null`.
# - The probability scored is Claim.probability, the one first registered; amendments never change
#   it. A claim with any row in `amendment` (subject "claim") is marked amended and counted in
#   `n_amended`.
# - A question's outcome is its standing resolution (Question.outcome while status is resolved);
#   open questions give open claims.
# - `tag` keeps claims on questions carrying that tag; `since` keeps claims made on or after the
#   start of that day (UTC). Both filter the pool too, so shrinkage, base rate and peers are
#   measured within the filtered ledger.
# - Questions are named by key, else id, for scoring's canonical order: bootstrap intervals are
#   reproducible and survive an export and re-import that keeps keys.
# - Speed (bench/report.py): the claims come from one query over claim ⨝ question read straight
#   off the DBAPI cursor; source names come from a dict of the (few) sources and amendment counts
#   from the (rare) amendments, rather than a join or an EXISTS per claim.

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ledger import scoring
from ledger.errors import Ambiguous, LedgerError, NotFound, UserInputError
from ledger.ids import is_prefix
from ledger.lateness import late_condition, late_reason
from ledger.models import (
    Amendment,
    Article,
    Claim,
    Question,
    QuestionTag,
    Source,
    UTCDateTime,
)
from ledger.scoring import Bin, Murphy, PoolReport, SourceScore

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

GroupBy = Literal["author", "outlet", "forecaster"]
GROUPINGS: tuple[GroupBy, ...] = ("author", "outlet", "forecaster")
DEFAULT_BY: GroupBy = "author"
UNKNOWN: dict[str, str] = {
    "author": "(unknown author)",
    "outlet": "(unknown outlet)",
    "forecaster": "(unknown author)",
}
POOL_LABEL = "all sources"
# Source kinds a grouping can name (`report source NAME`): analysts are found as forecasters.
_KINDS_OF: dict[str, tuple[str, ...]] = {
    "author": ("author",),
    "outlet": ("outlet",),
    "forecaster": ("analyst", "author"),
}


def _check_by(by: str) -> GroupBy:
    if by not in GROUPINGS:
        raise UserInputError(f"--by {by!r} is not one of: author, outlet, forecaster.")
    return by


@dataclass(frozen=True)
class Filters:
    """Which claims a report covers."""

    by: GroupBy = DEFAULT_BY
    tag: str | None = None
    since: dt.date | None = None
    # by="forecaster": analysts' own forecasts are ranked apart from the pundits' unless this is set.
    together: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "together": self.together,
            "tag": self.tag,
            "since": self.since.isoformat() if self.since else None,
        }

    def claims_phrase(self) -> str:
        """How the filters narrow the claims, for messages: ' on questions tagged x made since …'."""
        parts = []
        if self.tag:
            parts.append(f" on questions tagged {self.tag}")
        if self.since:
            parts.append(f" made since {self.since.isoformat()}")
        return "".join(parts)

    def describe(self) -> str:
        parts = [f"by {self.by}" + (", analysts with pundits" if self.together else "")]
        if self.tag:
            parts.append(f"tag {self.tag}")
        if self.since:
            parts.append(f"claims since {self.since.isoformat()}")
        return ", ".join(parts)


Since = dt.date | str | None


def make_filters(
    *, by: str = DEFAULT_BY, tag: str | None = None, since: Since = None, together: bool = False
) -> Filters:
    """Checked filters; `since` may be a date or what a user types (2025-01-01)."""
    from ledger.dates import parse_date

    tag = " ".join(tag.split()).lower() if tag else None  # tags are stored folded like this
    if isinstance(since, str):
        since = parse_date(since, what="--since")
    checked = _check_by(by)
    if together and checked != "forecaster":
        raise UserInputError("--together applies to --by forecaster only.")
    return Filters(by=checked, tag=tag or None, since=since, together=together)


# --- gathering ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimColumns:
    """The claims of a report as parallel columns, one entry per claim, ready for scoring."""

    sources: Sequence[str]
    questions: Sequence[str]
    kinds: Sequence[str]
    probabilities: Sequence[float | None]
    outcomes: Sequence[str | None]
    late: Sequence[bool]

    def __len__(self) -> int:
        return len(self.sources)

    def subset(self, indices: Sequence[int]) -> ClaimColumns:
        def pick(column: Sequence[Any]) -> list[Any]:
            return [column[i] for i in indices]

        return ClaimColumns(
            pick(self.sources),
            pick(self.questions),
            pick(self.kinds),
            pick(self.probabilities),
            pick(self.outcomes),
            pick(self.late),
        )


WITHDRAWN_FIELD = "withdrawn"  # the amendment field recording a withdrawal or a reinstatement


def _amends_claim() -> sa.ColumnElement[bool]:
    """An amendment of a claim's reading (a withdrawal is no amendment: it is counted apart)."""
    return sa.and_(
        col(Amendment.subject) == "claim",
        col(Amendment.subject_id) == col(Claim.id),
        col(Amendment.field) != WITHDRAWN_FIELD,
    )


_Sel = TypeVar("_Sel", bound=sa.Select)


def _filtered(
    stmt: _Sel, filters: Filters, *, analysts: Sequence[str] = (), withdrawn: bool | None = False
) -> _Sel:
    """Claims joined to their question, narrowed by tag and date, without withdrawn claims and questions
    (`withdrawn=True`: only those; None: both). `analysts` (the analyst sources' ids) keeps analysts' own forecasts
    apart from the pundits' claims as the grouping asks, and only each analyst's standing forecast."""
    stmt = stmt.join(Question, col(Question.id) == col(Claim.question_id))
    out = sa.or_(col(Claim.withdrawn), col(Question.withdrawn))
    if withdrawn is not None:
        stmt = stmt.where(out if withdrawn else sa.not_(out))
    if analysts or (filters.by == "forecaster" and not filters.together):
        stmt = stmt.where(*_analyst_conditions(filters, list(analysts)))
    if filters.tag:
        stmt = stmt.where(
            sa.exists()
            .where(
                col(QuestionTag.question_id) == col(Question.id),
                col(QuestionTag.tag) == filters.tag,
            )
            .correlate(Question)
        )
    if filters.since:
        start = dt.datetime.combine(filters.since, dt.time(), tzinfo=dt.UTC)
        stmt = stmt.where(col(Claim.made_at) >= start)
    return stmt


def _source_column(by: GroupBy) -> Any:
    return col(Claim.outlet_id) if by == "outlet" else col(Claim.author_id)


def _dialect(session: Session) -> str:
    return str(session.get_bind().dialect.name)


def analyst_ids(session: Session) -> list[str]:
    """The ids of the analysts forecasting in their own name (`forecast`): few, often none."""
    rows = session.execute(sa.select(col(Source.id)).where(col(Source.kind) == "analyst"))
    return [row[0] for row in rows]


def _analyst_conditions(filters: Filters, analysts: list[str]) -> list[Any]:
    """Pundits only (by author), analysts only (by forecaster), or both (--together); and of an analyst's
    forecasts on a question only the latest one made in time (a new forecast supersedes the last; a late one
    is never scored, so it supersedes nothing)."""
    author = col(Claim.author_id)
    is_analyst = author.in_(analysts)
    conditions: list[Any] = []
    if filters.by in ("author", "outlet"):
        conditions.append(sa.or_(author.is_(None), sa.not_(is_analyst)))
    elif not filters.together:
        conditions.append(is_analyst)
    return conditions


def _not_superseded(dialect: str, analysts: list[str]) -> Any:
    """No later forecast, made in time and not withdrawn, by the same analyst on the same question."""
    later = aliased(Claim)
    newer = sa.or_(
        col(later.made_at) > col(Claim.made_at),
        sa.and_(col(later.made_at) == col(Claim.made_at), col(later.id) > col(Claim.id)),
    )
    exists = (
        sa.exists()
        .where(
            col(later.question_id) == col(Claim.question_id),
            col(later.author_id) == col(Claim.author_id),
            sa.not_(col(later.withdrawn)),
            newer,
            sa.not_(late_condition(dialect, col(later.made_at))),
        )
        .correlate(Claim, Question)
    )
    return sa.or_(col(Claim.author_id).is_(None), col(Claim.author_id).not_in(analysts), ~exists)


def _claims_statement(filters: Filters, dialect: str, analysts: list[str]) -> sa.Select[Any]:
    stmt = sa.select(
        _source_column(filters.by),
        sa.func.coalesce(col(Question.key), col(Question.id)),
        col(Question.kind),
        col(Claim.probability),
        sa.case((col(Question.status) == "resolved", col(Question.outcome)), else_=None),
        sa.case((late_condition(dialect), 1), else_=0),
    ).select_from(Claim)
    stmt = _filtered(stmt, filters, analysts=analysts)
    if analysts:
        stmt = stmt.where(_not_superseded(dialect, analysts))
    return stmt


def gather(session: Session, filters: Filters) -> ClaimColumns:
    """Every claim the filters keep, with its source's name, question, kind, first probability, standing
    outcome and lateness: one query over claim ⨝ question, names from the source table."""
    conn = session.connection()
    result = conn.execute(_claims_statement(filters, _dialect(session), analyst_ids(session)))
    try:
        # Text and float columns need no SQLAlchemy result processing (on SQLite and psycopg
        # alike), so the rows are read straight off the DBAPI cursor: building a Row per claim
        # cost a fifth of the query, and the ORM layer a third more.
        rows = result.cursor.fetchall()
    finally:
        result.close()
    if not rows:
        return ClaimColumns((), (), (), (), (), ())
    ids, questions, kinds, probabilities, outcomes, late = zip(*rows, strict=True)
    # Sources are few: a dict of all their names beats joining `source` for every claim
    # (a sixth of the query's time on SQLite, whose joins are index lookups per row).
    names = display_names(session, filters)
    name_of, unknown = names.get, UNKNOWN[filters.by]
    return ClaimColumns(
        [name_of(i, unknown) for i in ids],
        questions,
        kinds,
        probabilities,
        outcomes,
        [bool(x) for x in late],
    )


def _counts_by_source(session: Session, filters: Filters, stmt: Any) -> dict[str, int]:
    """Source name (as the report shows it) -> count, from a statement selecting (source id, count)."""
    names = display_names(session, filters)
    out: dict[str, int] = {}
    for id_, n in session.connection().execute(stmt.group_by(_source_column(filters.by))):
        name = names.get(id_, UNKNOWN[filters.by]) if id_ is not None else UNKNOWN[filters.by]
        out[name] = out.get(name, 0) + int(n)
    return out


def amended_counts(
    session: Session, filters: Filters, analysts: Sequence[str] = ()
) -> dict[str, int]:
    """Source name -> how many of its claims (under the filters) have an amendment.

    Asked separately, from the amendment table's side: amendments are rare, and a per-claim
    EXISTS in the main query costs every claim a lookup.
    """
    stmt = (
        sa.select(_source_column(filters.by), sa.func.count(sa.distinct(col(Claim.id))))
        .select_from(Amendment)
        .join(Claim, _amends_claim())
    )
    return _counts_by_source(session, filters, _filtered(stmt, filters, analysts=analysts))


def withdrawn_counts(
    session: Session, filters: Filters, analysts: Sequence[str] = ()
) -> dict[str, int]:
    """Source name -> how many of its claims (under the filters) are withdrawn, or on a withdrawn question."""
    stmt = sa.select(_source_column(filters.by), sa.func.count()).select_from(Claim)
    stmt = _filtered(stmt, filters, analysts=analysts, withdrawn=True)
    return _counts_by_source(session, filters, stmt)


ANALYST_MARK = " (analyst)"


def display_names(session: Session, filters: Filters) -> dict[str, str]:
    """Source id -> the name a report shows. Analysts ranked together with pundits carry a mark, so an analyst
    who is also quoted as an author stays two rows."""
    rows = session.connection().execute(
        sa.select(col(Source.id), col(Source.name), col(Source.kind))
    )
    mark = filters.by == "forecaster" and filters.together
    return {
        id_: name + ANALYST_MARK if mark and kind == "analyst" else name for id_, name, kind in rows
    }


def source_ids(session: Session, filters: Filters) -> dict[str, str]:
    """Source name (as the report shows it) -> id, for the sources the grouping names."""
    names = display_names(session, filters)
    kinds = _KINDS_OF[filters.by]
    rows = session.execute(sa.select(col(Source.id), col(Source.kind)))
    return {names[id_]: id_ for id_, kind in rows if kind in kinds}


def source_kinds(session: Session, filters: Filters) -> dict[str, str]:
    """Source name (as the report shows it) -> kind (author, outlet, analyst)."""
    names = display_names(session, filters)
    kinds = _KINDS_OF[filters.by]
    rows = session.execute(sa.select(col(Source.id), col(Source.kind)))
    return {names[id_]: kind for id_, kind in rows if kind in kinds}


def _score(columns: ClaimColumns, *, seed: int, n_boot: int) -> PoolReport:
    try:
        return scoring.score_columns(
            columns.sources,
            columns.questions,
            columns.kinds,
            columns.probabilities,
            columns.outcomes,
            late=columns.late,
            seed=seed,
            n_boot=n_boot,
        )
    except ValueError as exc:
        # Only rows written around the tool (add_claim refuses them) get here.
        raise LedgerError(f"cannot score the ledger: {exc}") from None


# --- report sources -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    """One line of `report sources`: the source's scores plus what the ledger knows beside them."""

    score: SourceScore
    source_id: str | None
    n_amended: int
    n_withdrawn: int = 0
    kind: str | None = None  # author, outlet or analyst; None: the grouping's own name

    @property
    def source(self) -> str:
        return self.score.source

    def to_json(self, by: GroupBy) -> dict[str, Any]:
        data = self.score.to_json()
        return {
            "source": data.pop("source"),
            "source_id": self.source_id,
            "kind": self.kind or ("author" if by == "forecaster" else by),
            "rank": data.pop("rank"),
            "n_claims": data.pop("n_claims"),
            "n_amended": self.n_amended,
            "n_withdrawn": self.n_withdrawn,
            **data,
        }


@dataclass(frozen=True)
class SourcesReport:
    filters: Filters
    pool: PoolReport
    rows: tuple[SourceRow, ...]

    def to_json(self) -> list[dict[str, Any]]:
        """The `report sources --json` document: a list of source objects, ranked."""
        return [row.to_json(self.filters.by) for row in self.rows]

    def json_text(self) -> str:
        """to_json() as text, one source object per line.

        json's C encoder only runs without `indent`; an indented dump of a thousand sources with
        their bins takes longer than scoring them, so each object is dumped compactly.
        """
        rows = self.to_json()
        if not rows:
            return "[]\n"
        lines = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
        return f"[\n{lines}\n]\n"


def sources_report(
    session: Session,
    *,
    by: str = DEFAULT_BY,
    tag: str | None = None,
    since: Since = None,
    seed: int = 0,
    n_boot: int = scoring.N_BOOT,
    together: bool = False,
) -> SourcesReport:
    """Every source's track record, ranked by Brier shrunk toward the pool (`report sources`).

    By author or outlet the pundits are ranked; by forecaster the analysts' own forecasts are, apart from the
    pundits unless `together`. Every row counts its withdrawn claims (`n_withdrawn`) beside the scores, which
    leave them out."""
    filters = make_filters(by=by, tag=tag, since=since, together=together)
    columns = gather(session, filters)
    pool = _score(columns, seed=seed, n_boot=n_boot)
    analysts = analyst_ids(session)
    amended = amended_counts(session, filters, analysts)
    withdrawn = withdrawn_counts(session, filters, analysts)
    ids = source_ids(session, filters)
    kinds = source_kinds(session, filters) if filters.by == "forecaster" else {}
    rows = tuple(
        SourceRow(
            s,
            ids.get(s.source),
            amended.get(s.source, 0),
            withdrawn.get(s.source, 0),
            kinds.get(s.source),
        )
        for s in pool.sources
    )
    return SourcesReport(filters, pool, rows)


CSV_COLUMNS = (
    "rank",
    "source",
    "source_id",
    "kind",
    "n_claims",
    "n_amended",
    "n_forecasts",
    "n_resolved",
    "n_open",
    "n_annulled",
    "n_late",
    "n_withdrawn",
    "annulled_share",
    "small_sample",
    "brier",
    "brier_low",
    "brier_high",
    "brier_shrunk",
    "skill_vs_even",
    "skill_vs_base",
    "log_score",
    "base_rate",
    "ece",
    "reliability",
    "resolution",
    "uncertainty",
    "peer_diff",
    "peer_n",
    "n_factual",
    "n_factual_judged",
    "factual_true",
    "factual_misleading",
    "factual_false",
    "factual_unverifiable",
)


def sources_csv(report: SourcesReport) -> str:
    """`report sources --csv`: one row per source, the JSON's flat fields (no bins), empty for null."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in report.to_json():
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return out.getvalue()


# --- finding a source by name ---------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRef:
    kind: str  # author, outlet or analyst
    name: str
    id: str | None  # None for the "(unknown …)" pseudo-source


def find_source(session: Session, name: str, *, by: str | None = None) -> SourceRef:
    """A source as users name it: its exact name (any case), a unique part of it, an id or id prefix,
    or "(unknown author)" / "(unknown outlet)". `by` restricts to authors or outlets."""
    kinds: tuple[GroupBy, ...] = (_check_by(by),) if by else GROUPINGS
    wanted = " ".join(name.split())
    if not wanted:
        raise UserInputError("give a source name, e.g. report source 'Ian Garner'.")
    pseudo = [kind for kind in kinds if UNKNOWN[kind].lower() == wanted.lower()]
    if pseudo:
        return SourceRef(pseudo[0], UNKNOWN[pseudo[0]], None)
    source_kinds = sorted({k for kind in kinds for k in _KINDS_OF[kind]})
    base = select(Source).where(col(Source.kind).in_(source_kinds))
    tiers = [
        base.where(sa.func.lower(col(Source.name)) == wanted.lower()),
        base.where(col(Source.name).icontains(wanted, autoescape=True)),
    ]
    if is_prefix(wanted):
        tiers.insert(0, base.where(col(Source.id).startswith(wanted.lower())))
    for stmt in tiers:
        found = list(session.exec(stmt.order_by(col(Source.name), col(Source.kind)).limit(6)))
        if len(found) == 1:
            return SourceRef(found[0].kind, found[0].name, found[0].id)
        if found:
            names = "; ".join(f"{s.name} ({s.kind})" for s in found[:5])
            hint = " or add --by author / --by outlet" if not by else ""
            raise Ambiguous(
                f"{wanted!r} matches several sources: {names}. Give the full name{hint}."
            )
    what = f"{by} " if by else ""
    raise NotFound(
        f"no {what}source named {wanted!r}; `forecast-ledger report sources` lists them."
    )


# --- report source NAME ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimRecord:
    """One claim in a track record, with its question's standing outcome and its own score."""

    claim_id: str
    question: str  # key, else id
    question_text: str
    kind: str
    quote: str
    probability: float | None
    basis: str | None
    hedge: str | None
    made_at: dt.datetime
    article: str | None
    outcome: str | None
    resolved_at: dt.datetime | None
    amended: bool
    brier: float | None  # (p - o)^2 for a scored forecast resolved yes/no, else None
    late: bool = (
        False  # made on or after the outcome became known, or after the deadline: never scored
    )
    superseded: bool = False  # an analyst's forecast replaced by their later one: not scored
    withdrawn: bool = (
        False  # withdrawn by an analyst (or on a withdrawn question): out of every score
    )
    # Where the claim sits, for pages that link it (the published site); not in to_json.
    question_id: str = ""
    author_id: str | None = None
    outlet_id: str | None = None
    article_url: str | None = None

    @property
    def status(self) -> str:
        if self.withdrawn:
            return "withdrawn"
        if self.late:
            return "late"
        if self.superseded:
            return "superseded"
        if self.outcome is None:
            return "open"
        if self.kind == "factual":
            return "judged"
        return "annulled" if self.outcome == "annulled" else "scored"

    def to_json(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "question": self.question,
            "question_text": self.question_text,
            "kind": self.kind,
            "quote": self.quote,
            "probability": self.probability,
            "basis": self.basis,
            "hedge": self.hedge,
            "made_at": self.made_at.isoformat(),
            "article": self.article,
            "outcome": self.outcome,
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "status": self.status,
            "amended": self.amended,
            "late": self.late,
            "superseded": self.superseded,
            "brier": self.brier,
        }


@dataclass(frozen=True)
class TrackRecord:
    """`report source NAME`: every claim of one source, then its scores and calibration table.

    The scores are measured within the pool (shrinkage, base-rate skill and peers need it), the
    bootstrap interval from the source's own claims with the report's seed: the same figures
    `report sources` prints for it.
    """

    ref: SourceRef
    filters: Filters
    claims: tuple[ClaimRecord, ...]
    score: SourceScore
    n_sources: int
    pool_brier: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.ref.name,
            "source_id": self.ref.id,
            "kind": self.ref.kind,
            "filters": self.filters.to_json(),
            "score": self.score.to_json(),
            "n_sources": self.n_sources,
            "pool_brier": self.pool_brier,
            "claims": [c.to_json() for c in self.claims],
        }


def _grouping(kind: str) -> GroupBy:
    """The report grouping a source of this kind is ranked in: an analyst among the forecasters."""
    return "forecaster" if kind == "analyst" else _check_by(kind)


def _source_condition(ref: SourceRef) -> sa.ColumnElement[bool]:
    column = col(Claim.outlet_id) if ref.kind == "outlet" else col(Claim.author_id)
    return column.is_(None) if ref.id is None else column == ref.id


def _outcome_value(outcome: str | None) -> float | None:
    return {"yes": 1.0, "no": 0.0}.get(outcome or "")


def _amended_claims(session: Session, filters: Filters, analysts: Sequence[str] = ()) -> set[str]:
    """Ids of the claims (under the filters) that have an amendment: amendments are rare, so one
    query from their side beats an EXISTS per claim."""
    stmt = _filtered(
        sa.select(col(Claim.id)).distinct().select_from(Amendment).join(Claim, _amends_claim()),
        filters,
        analysts=analysts,
    )
    return {row[0] for row in session.connection().execute(stmt)}


def claim_records(
    session: Session,
    filters: Filters,
    ref: SourceRef | None = None,
    *,
    include_withdrawn: bool = False,
) -> list[ClaimRecord]:
    """The claims the filters keep, of one source (`ref`) or of every source, oldest first (then
    by question and id), each with its question's standing outcome and its own score. Late forecasts and an
    analyst's superseded ones are kept and marked, never scored; withdrawn claims (or claims on withdrawn
    questions) only with `include_withdrawn`, marked and never scored."""
    analysts = analyst_ids(session)
    analyst_set = set(analysts)
    columns = (
        col(Claim.id),
        sa.func.coalesce(col(Question.key), col(Question.id)),
        col(Question.text),
        col(Question.kind),
        col(Claim.quote),
        col(Claim.probability),
        col(Claim.basis),
        col(Claim.hedge),
        col(Claim.made_at),
        col(Article.title),
        sa.case((col(Question.status) == "resolved", col(Question.outcome)), else_=None),
        col(Question.resolved_at),
        col(Question.id),
        col(Claim.author_id),
        col(Claim.outlet_id),
        col(Article.url),
        col(Question.known_at),
        col(Question.resolve_by),
    )
    stmt = _filtered(
        sa.select(*columns, sa.or_(col(Claim.withdrawn), col(Question.withdrawn))).select_from(
            Claim
        ),
        filters,
        analysts=analysts,
        withdrawn=None if include_withdrawn else False,
    ).outerjoin(Article, col(Article.id) == col(Claim.article_id))
    if ref is not None:
        stmt = stmt.where(_source_condition(ref))
    conn = session.connection()
    result = conn.execute(stmt)
    try:
        # Straight off the DBAPI cursor, as in gather(): only the times need converting.
        fetched = [(row[:-1], bool(row[-1])) for row in result.cursor.fetchall()]
    finally:
        result.close()
    amended = _amended_claims(session, filters, analysts)
    when = UTCDateTime().process_result_value
    dialect = conn.dialect
    records = []
    parsed = []
    for row, withdrawn in fetched:
        claim_id, question, text, kind, quote, p, basis, hedge, made_at, title, outcome = row[:11]
        resolved_at, question_id, author_id, outlet_id, article_url, known_at, resolve_by = row[11:]
        made_at = when(made_at, dialect)
        assert made_at is not None  # the column is NOT NULL
        if isinstance(resolve_by, str):  # SQLite's raw cursor gives the date as text
            resolve_by = dt.date.fromisoformat(resolve_by)
        is_late = (
            late_reason(
                kind=kind, made_at=made_at, known_at=when(known_at, dialect), resolve_by=resolve_by
            )
            is not None
        )
        parsed.append((row, made_at, is_late, withdrawn))
    # An analyst's standing forecast on a question: the latest made in time, not late.
    standing: dict[tuple[str, str], tuple[dt.datetime, str]] = {}
    for row, made_at, is_late, withdrawn in parsed:
        claim_id, question_id, author_id = row[0], row[12], row[13]
        if author_id in analyst_set and not is_late and not withdrawn:
            key = (author_id, question_id)
            if key not in standing or (made_at, claim_id) > standing[key]:
                standing[key] = (made_at, claim_id)
    for row, made_at, is_late, withdrawn in parsed:
        claim_id, question, text, kind, quote, p, basis, hedge, _made, title, outcome = row[:11]
        resolved_at, question_id, author_id, outlet_id, article_url = row[11:16]
        resolved_at = when(resolved_at, dialect)
        superseded = (
            author_id in analyst_set
            and not is_late
            and not withdrawn
            and standing[(author_id, question_id)][1] != claim_id
        )
        scored = kind == "forecast" and not is_late and not superseded and not withdrawn
        o = _outcome_value(outcome) if scored else None
        records.append(
            ClaimRecord(
                claim_id=claim_id,
                question=question,
                question_text=text,
                kind=kind,
                quote=quote,
                probability=p,
                basis=basis,
                hedge=hedge,
                made_at=made_at,
                article=title,
                outcome=outcome,
                resolved_at=resolved_at if outcome else None,
                amended=claim_id in amended,
                brier=(p - o) ** 2 if o is not None and p is not None else None,
                late=is_late,
                superseded=superseded,
                withdrawn=withdrawn,
                question_id=question_id,
                author_id=author_id,
                outlet_id=outlet_id,
                article_url=article_url,
            )
        )
    # Sorted here, not by the database: SQLite's sort of 100,000 wide rows took a third of the
    # query, and the order is then the same on both databases (they place NULL keys apart).
    records.sort(key=lambda r: (r.made_at, r.question, r.claim_id))
    return records


def _pick(pool: PoolReport, name: str) -> SourceScore | None:
    return next((s for s in pool.sources if s.source == name), None)


def source_track_record(
    session: Session,
    name: str,
    *,
    by: str | None = None,
    tag: str | None = None,
    since: Since = None,
    seed: int = 0,
    n_boot: int = scoring.N_BOOT,
) -> TrackRecord:
    """One source's track record (`report source NAME`): claims, scores, calibration bins."""
    ref = find_source(session, name, by=by)
    filters = make_filters(by=_grouping(ref.kind), tag=tag, since=since)
    columns = gather(session, filters)
    # The pool without intervals gives the source's standing; its interval depends only on its
    # own claims and the seed, so it is computed from them alone.
    pool = _score(columns, seed=seed, n_boot=0)
    score = _pick(pool, ref.name)
    records = claim_records(session, filters, ref)
    if score is None:
        if records:  # cannot happen: gather and claim_records read the same claims
            raise LedgerError(f"the claims of {ref.name!r} changed while the report was read.")
        raise NotFound(f"{ref.name} ({ref.kind}) has no claims{filters.claims_phrase()}.")
    if n_boot and score.n_resolved:
        mine = [i for i, s in enumerate(columns.sources) if s == ref.name]
        own = _score(columns.subset(mine), seed=seed, n_boot=n_boot).sources[0]
        score = dataclasses.replace(score, brier_low=own.brier_low, brier_high=own.brier_high)
    return TrackRecord(ref, filters, tuple(records), score, len(pool.sources), pool.brier)


# --- calibration ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Calibration:
    """What a calibration chart draws: one source's bins, or the pool's."""

    label: str
    kind: str | None  # author / outlet, None for the pool
    filters: Filters
    n_resolved: int
    brier: float | None
    ece: float | None
    binning: str | None
    bins: tuple[Bin, ...]
    murphy: Murphy | None

    @property
    def title(self) -> str:
        return self.label if self.kind is None else f"{self.label} ({self.kind})"

    def to_json(self) -> dict[str, Any]:
        m = self.murphy
        return {
            "source": self.label,
            "kind": self.kind,
            "filters": self.filters.to_json(),
            "n_resolved": self.n_resolved,
            "brier": self.brier,
            "ece": self.ece,
            "reliability": None if m is None else m.reliability,
            "resolution": None if m is None else m.resolution,
            "uncertainty": None if m is None else m.uncertainty,
            "binning": self.binning,
            "bins": [b.to_json() for b in self.bins],
        }


def calibration(
    session: Session,
    *,
    source: str | None = None,
    by: str | None = None,
    tag: str | None = None,
    since: Since = None,
) -> Calibration:
    """Calibration of one source (as in its track record) or of every scored forecast pooled."""
    if source is not None:
        ref = find_source(session, source, by=by)
        filters = make_filters(by=_grouping(ref.kind), tag=tag, since=since)
        pool = _score(gather(session, filters), seed=0, n_boot=0)
        score = _pick(pool, ref.name)
        if score is None:
            raise NotFound(f"{ref.name} ({ref.kind}) has no claims{filters.claims_phrase()}.")
        return Calibration(
            ref.name,
            ref.kind,
            filters,
            score.n_resolved,
            score.brier,
            score.ece,
            score.binning,
            score.bins,
            score.murphy,
        )
    filters = make_filters(by=by or DEFAULT_BY, tag=tag, since=since)
    columns = gather(session, filters)
    pairs = [
        (p, 1.0 if o == "yes" else 0.0)
        for k, p, o, late in zip(
            columns.kinds, columns.probabilities, columns.outcomes, columns.late, strict=True
        )
        if k == scoring.FORECAST and o in ("yes", "no") and p is not None and not late
    ]
    if not pairs:
        return Calibration(POOL_LABEL, None, filters, 0, None, None, None, (), None)
    p = [x for x, _ in pairs]
    o = [y for _, y in pairs]
    bins = tuple(scoring.calibration_bins(p, o))
    distinct = len(set(p)) <= scoring.MAX_DISTINCT
    return Calibration(
        POOL_LABEL,
        None,
        filters,
        len(pairs),
        scoring.brier(p, o),
        scoring.ece(bins),
        "distinct" if distinct else "equal",
        bins,
        scoring.murphy(bins),
    )


# --- terminal rendering ---------------------------------------------------------------------------


def _f(x: float | None, digits: int = 3, *, signed: bool = False) -> str:
    if x is None:
        return "–"
    return f"{x:+.{digits}f}" if signed else f"{x:.{digits}f}"


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def _interval(lo: float | None, hi: float | None) -> str:
    return "–" if lo is None or hi is None else f"{lo:.3f}–{hi:.3f}"


def _factual(s: SourceScore) -> str:
    """Shares of judged factual claims as true/misleading/false, with how many were judged."""
    if not s.n_factual_judged:
        return "–" if not s.n_factual else f"{s.n_factual} open"
    shares = (s.factual_true, s.factual_misleading, s.factual_false)
    text = "/".join(f"{100 * (x or 0.0):.0f}" for x in shares) + f"% of {s.n_factual_judged}"
    unverifiable = round((s.factual_unverifiable or 0.0) * s.n_factual_judged)
    return text + (f" ({unverifiable} unverifiable)" if unverifiable else "")


_TEXT_MIN = 10
_TEXT_FOLD = 24


def _grid(columns: Sequence[tuple[str, bool]], rows: Sequence[Sequence[str]]) -> tuple[Any, int]:
    """A compact rich table (numbers right-aligned and never wrapped, text columns fold) and the
    narrowest width it fits in without cutting a number."""
    from rich import box
    from rich.table import Table

    from ledger.output import inert

    grid = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        header_style="bold",
        pad_edge=False,
        collapse_padding=True,
    )
    need = 2 * (len(columns) - 1)  # one space of padding each side between columns
    for i, (name, numeric) in enumerate(columns):
        if numeric:
            grid.add_column(name, justify="right", no_wrap=True)
            need += max(len(name), *(len(row[i]) for row in rows))
        else:
            # A text column is as wide as its longest cell up to _TEXT_FOLD, so a source's name folds only
            # when it is long, not whenever the numbers leave the table little room.
            width = max(_TEXT_MIN, min(_TEXT_FOLD, max((len(row[i]) for row in rows), default=0)))
            grid.add_column(name, overflow="fold", min_width=width)
            need += width
    for row in rows:
        grid.add_row(*(inert(c) for c in row))
    return grid, need


SMALL_MARK = "*"


def sources_view(report: SourcesReport, console: Console) -> RenderableType:
    """What `report sources` prints: a table when the terminal is wide enough for every column
    unbroken, else one short paragraph per source (numbers are never cut or wrapped)."""
    from rich.console import Group
    from rich.text import Text

    from ledger.output import count

    pool = report.pool
    head = Text(
        f"{count(len(report.rows), 'source')} ({report.filters.describe()}); pool: {count(pool.n_claims, 'claim')}, "
        f"{count(pool.n_resolved, 'scored forecast')}, Brier {_f(pool.brier)}, "
        f"base rate {_pct(pool.base_rate)}, {pool.n_annulled} annulled, {pool.n_open} open, "
        f"{pool.n_factual} factual"
        + (f", {pool.n_late} late (never scored)" if pool.n_late else "")
        + "."
    )
    notes = Text(
        "Brier: mean (p − o)² on a 0–1 scale, lower is better (always saying 50% scores 0.250); "
        "95% CI: bootstrap over the source's resolved forecasts. Ranked by Shrunk = "
        f"(n·Brier + {pool.prior}·pool Brier) / (n + {pool.prior}). Skill: 1 − Brier / reference "
        "Brier, above 0 beats always-50% or the pool's base rate. Log score: mean ln of the "
        "probability given to what happened (clipped to 0.01–0.99), 0 is perfect, higher is "
        "better. ECE: expected calibration error. Annulled: share of closed forecasts annulled. "
        "Late: made once the outcome was known or after the deadline, never scored. Withdrawn: "
        "analyst errors, out of every score and count (not in Claims). "
        f"{SMALL_MARK} fewer than {pool.min_n} resolved forecasts: read the figures as rough.",
        style="dim",
    )
    if not report.rows:
        return Group(head, Text("No claims match: nothing to report.", style="dim"))
    grid, need = _sources_grid(report)
    if need <= console.width:
        return Group(head, grid, notes)
    return Group(head, Text(""), *(_source_paragraph(row) for row in report.rows), notes)


def _claims_cell(row: SourceRow) -> str:
    notes = [
        f"{n} {what}"
        for n, what in (
            (row.n_amended, "amended"),
            (row.score.n_late, "late"),
            (row.n_withdrawn, "withdrawn"),
        )
        if n
    ]
    return f"{row.score.n_claims}" + (f" ({', '.join(notes)})" if notes else "")


def _sources_grid(report: SourcesReport) -> tuple[Any, int]:
    rows = []
    for row in report.rows:
        s = row.score
        rows.append(
            [
                "" if s.rank is None else str(s.rank),
                s.source,
                _claims_cell(row),
                f"{s.n_resolved}{SMALL_MARK if s.small_sample else ''}",
                _f(s.brier),
                _interval(s.brier_low, s.brier_high),
                _f(s.brier_shrunk),
                _f(s.skill_vs_even, 2, signed=True),
                _f(s.skill_vs_base, 2, signed=True),
                _f(s.log_score),
                _f(s.ece),
                _pct(s.annulled_share),
                _factual(s),
            ]
        )
    return _grid(
        [
            ("#", True),
            ("Source", False),
            ("Claims", True),
            ("Resolved", True),
            ("Brier", True),
            ("95% CI", True),
            ("Shrunk", True),
            ("Skill vs 50%", True),
            ("Skill vs base", True),
            ("Log score", True),
            ("ECE", True),
            ("Annulled", True),
            ("Factual true/misl./false", False),
        ],
        rows,
    )


def _source_paragraph(row: SourceRow) -> RenderableType:
    from rich.text import Text

    from ledger.output import inert

    s = row.score
    text = Text()
    text.append(f"{s.rank}. " if s.rank else "–  ")
    text.append_text(inert(s.source))
    text.stylize("bold")
    text.append(
        f" — {_claims_cell(row)} {'claim' if s.n_claims == 1 else 'claims'}, {s.n_resolved}{SMALL_MARK if s.small_sample else ''} "
        f"resolved {'forecast' if s.n_resolved == 1 else 'forecasts'}\n"
    )
    if s.n_resolved:
        text.append(
            f"   Brier {_f(s.brier)} (95% CI {_interval(s.brier_low, s.brier_high)}), "
            f"shrunk {_f(s.brier_shrunk)} · skill vs 50% {_f(s.skill_vs_even, 2, signed=True)}, "
            f"vs base {_f(s.skill_vs_base, 2, signed=True)} · log score {_f(s.log_score)} · "
            f"ECE {_f(s.ece)}\n"
        )
    text.append(f"   annulled {_pct(s.annulled_share)} · factual {_factual(s)}\n")
    return text


def bins_table(bins: Sequence[Bin]) -> RenderableType:
    from ledger.output import table

    return table(
        ["Stated probability", "n", "Mean stated", "Observed", "Wilson 95%"],
        [
            [
                f"{b.lo:.2f}" if b.lo == b.hi else f"{b.lo:.1f}–{b.hi:.1f}",
                str(b.n),
                _f(b.mean_p),
                _f(b.freq),
                _interval(b.wilson_low, b.wilson_high),
            ]
            for b in bins
        ],
    )


def track_record_view(record: TrackRecord) -> RenderableType:
    """What `report source NAME` prints: the claims, then scores and the calibration table."""
    from rich.console import Group
    from rich.text import Text

    from ledger.output import count, inert, table

    s = record.score
    head = Text()
    head.append(f"{record.ref.name}", style="bold")
    head.append(
        f" ({record.ref.kind}) — {count(s.n_claims, 'claim')}: {count(s.n_resolved, 'scored forecast')}, "
        f"{s.n_annulled} annulled, {s.n_open} open, {s.n_factual} factual"
    )
    claims = table(
        ["Made", "Question", "Quote", "P(yes)", "Outcome", "Brier"],
        [
            [
                c.made_at.date().isoformat(),
                c.question,
                inert(c.quote + (" [amended]" if c.amended else "")),
                _f(c.probability, 2) if c.probability is not None else "–",
                c.outcome or "open",
                _f(c.brier),
            ]
            for c in record.claims
        ],
    )
    parts: list[RenderableType] = [head, claims]
    if s.n_resolved:
        rank = f"rank {s.rank} of {record.n_sources}" if s.rank else "unranked"
        small = (
            f" {SMALL_MARK} fewer than {scoring.MIN_N} resolved forecasts: rough figures."
            if s.small_sample
            else ""
        )
        parts.append(
            Text(
                f"Brier {_f(s.brier)} (0–1, lower is better; 95% CI "
                f"{_interval(s.brier_low, s.brier_high)}), shrunk {_f(s.brier_shrunk)}, {rank}; "
                f"skill vs 50% {_f(s.skill_vs_even, 2, signed=True)}, vs base rate "
                f"{_f(s.skill_vs_base, 2, signed=True)}; log score {_f(s.log_score)}; "
                f"ECE {_f(s.ece)}."
                + (
                    f" Against peers on {s.peer_n} shared questions: Brier "
                    f"{_f(s.peer_diff, signed=True)}."
                    if s.peer_n
                    else ""
                )
                + small
            )
        )
        parts.append(Text(f"Calibration ({s.binning} bins)", style="bold"))
        parts.append(bins_table(s.bins))
        if s.murphy is not None:
            m = s.murphy
            parts.append(
                Text(
                    f"Murphy: reliability {_f(m.reliability)} (lower is better), resolution "
                    f"{_f(m.resolution)} (higher is better), uncertainty {_f(m.uncertainty)}."
                )
            )
    else:
        parts.append(Text("No resolved forecasts yet: nothing to score.", style="dim"))
    if s.n_factual_judged:
        parts.append(Text(f"Factual claims judged: {_factual(s)}."))
    return Group(*parts)
