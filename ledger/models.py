"""The tables: sources, articles, questions, claims, resolutions, feeds, news items, flags and the ledger."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from ledger.ids import new_id

# Constraint names must be deterministic so Alembic can drop and recreate them (SQLite batch mode needs this).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Pydantic builds each model's validator when it is first needed rather than when the class is defined: table
# rows are built by SQLAlchemy, not validated, and every command pays for class definitions at start-up.
SQLModel.model_config["defer_build"] = True


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores naive UTC, returns aware UTC: the same instant on SQLite and PostgreSQL, no server tz involved."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(
        self, value: dt.datetime | None, dialect: sa.Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # raw SQLite text written by hand
            value = dt.datetime.fromisoformat(value)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _id() -> Any:
    return Field(default_factory=new_id, primary_key=True, max_length=32)


def _fk(
    target: str, *, nullable: bool = False, ondelete: str | None = None, index: bool = True
) -> Any:
    """A foreign key column, indexed unless a unique constraint that leads with it already is its index."""
    extra: dict[str, Any] = {"ondelete": ondelete} if ondelete else {}
    return Field(
        default=None if nullable else ...,
        nullable=nullable,
        foreign_key=target,
        index=index,
        max_length=32,
        **extra,
    )


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class Tracked:
    """Mixin marking a table whose rows the event ledger records and `verify` checks.

    `ledger_fields` narrows the check to the columns a user decides; None means every column.
    """

    ledger_fields: ClassVar[tuple[str, ...] | None] = None


class Source(SQLModel, Tracked, table=True):
    """Who made a claim: an outlet (publication), an author (person), or an analyst of this ledger forecasting
    in their own name (`forecast`)."""

    __tablename__ = "source"
    __table_args__ = (
        sa.UniqueConstraint("kind", "name"),
        sa.CheckConstraint("kind IN ('outlet', 'author', 'analyst')", name="kind"),
    )

    id: str = _id()
    kind: str = Field(max_length=16)
    name: str = Field(max_length=300)
    created_at: dt.datetime = _created()


class Article(SQLModel, Tracked, table=True):
    """One published piece. Deduplicated by URL and by the hash of its text."""

    __tablename__ = "article"

    id: str = _id()
    url: str | None = Field(default=None, max_length=2000, unique=True)
    title: str = Field(max_length=1000)
    outlet_id: str | None = _fk("source.id", nullable=True)
    published: dt.date | None = None
    text: str = Field(sa_type=sa.Text)
    text_hash: str = Field(max_length=64, unique=True)
    created_at: dt.datetime = _created()


class ArticleAuthor(SQLModel, Tracked, table=True):
    __tablename__ = "article_author"
    __table_args__ = (sa.UniqueConstraint("article_id", "source_id"),)

    id: str = _id()
    article_id: str = _fk("article.id", ondelete="CASCADE", index=False)
    source_id: str = _fk("source.id")
    position: int = 0


class Question(SQLModel, Tracked, table=True):
    """An event phrased to resolve unambiguously; its latest resolution is mirrored in status/outcome."""

    __tablename__ = "question"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('forecast', 'factual')", name="kind"),
        sa.CheckConstraint("status IN ('open', 'resolved')", name="status"),
    )

    id: str = _id()
    key: str | None = Field(default=None, max_length=200, unique=True)
    kind: str = Field(default="forecast", max_length=16)
    text: str = Field(sa_type=sa.Text)
    criteria: str = Field(default="", sa_type=sa.Text)
    resolve_by: dt.date | None = Field(default=None, index=True)
    watch: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    status: str = Field(default="open", max_length=16, index=True)
    outcome: str | None = Field(default=None, max_length=16)
    resolved_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # When the standing resolution's outcome became known (mirrored from it): forecasts made from then on are late.
    known_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Withdrawn for analyst error (not a real question, a duplicate): kept, out of every score and count.
    withdrawn: bool = Field(default=False)
    # Optimistic concurrency: a resolution only lands if nobody bumped the version since it was read.
    version: int = Field(default=1)
    created_at: dt.datetime = _created()


class QuestionTag(SQLModel, Tracked, table=True):
    __tablename__ = "question_tag"
    __table_args__ = (sa.UniqueConstraint("question_id", "tag"),)

    id: str = _id()
    question_id: str = _fk("question.id", ondelete="CASCADE", index=False)
    tag: str = Field(max_length=100, index=True)


class Claim(SQLModel, Tracked, table=True):
    """What one source said about one question. `probability` is as first registered (exactly as given, in
    [0, 1]) and never updated: amendments live in `amendment`, and scoring uses this column."""

    __tablename__ = "claim"
    __table_args__ = (
        sa.CheckConstraint(
            "probability IS NULL OR (probability >= 0 AND probability <= 1)", name="probability"
        ),
        sa.CheckConstraint(
            "basis IS NULL OR basis IN ('stated', 'hedge', 'analyst')", name="basis"
        ),
    )

    id: str = _id()
    question_id: str = _fk("question.id")
    article_id: str | None = _fk("article.id", nullable=True)
    author_id: str | None = _fk("source.id", nullable=True)
    outlet_id: str | None = _fk("source.id", nullable=True)
    quote: str = Field(sa_type=sa.Text)
    probability: float | None = None
    basis: str | None = Field(default=None, max_length=16)
    hedge: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, sa_type=sa.Text)
    # When the source made the claim (the article's publication, a forecast's time): the matcher never flags
    # news published before the earliest claim on a question.
    made_at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    # sha256 of (question, article, author, quote): makes re-imports no-ops.
    fingerprint: str = Field(max_length=64, unique=True)
    # Withdrawn for analyst error (wrong attribution, not a claim, duplicate); the reasons are amendments of the
    # field "withdrawn". Kept and shown, out of every score and count.
    withdrawn: bool = Field(default=False)
    created_at: dt.datetime = _created()


class Amendment(SQLModel, Tracked, table=True):
    """An explicit, reasoned change to a claim or question field; the original stays readable."""

    __tablename__ = "amendment"
    __table_args__ = (sa.Index(None, "subject", "subject_id"),)

    id: str = _id()
    subject: str = Field(max_length=16)
    subject_id: str = Field(max_length=32)
    field: str = Field(max_length=50)
    old: Any = Field(default=None, sa_type=sa.JSON, nullable=True)
    new: Any = Field(default=None, sa_type=sa.JSON, nullable=True)
    reason: str = Field(sa_type=sa.Text)
    actor: str = Field(max_length=200)
    at: dt.datetime = _created()


class Resolution(SQLModel, Tracked, table=True):
    """One resolution step of a question; the latest stands, the history stays."""

    __tablename__ = "resolution"

    id: str = _id()
    question_id: str = _fk("question.id")
    outcome: str = Field(max_length=16)
    note: str | None = Field(default=None, sa_type=sa.Text)
    evidence: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)
    resolver: str = Field(max_length=200)
    resolved_at: dt.datetime = _created()
    # When the outcome became known (the earliest cited news, or as the resolver states); None in rows written
    # before it was recorded, which read as resolved_at.
    known_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class Feed(SQLModel, Tracked, table=True):
    """A watched feed and its polling state. Only registration is ledgered: poll state changes every tick."""

    __tablename__ = "feed"
    ledger_fields: ClassVar[tuple[str, ...] | None] = ("id", "url", "created_at")

    id: str = _id()
    url: str = Field(max_length=2000, unique=True)
    final_url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=1000)
    interval_minutes: int = 60
    next_check_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    last_checked_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_status: str | None = Field(default=None, max_length=32)
    last_http_status: int | None = None
    last_error: str | None = Field(default=None, sa_type=sa.Text)
    warning: str | None = Field(default=None, sa_type=sa.Text)
    consecutive_errors: int = 0
    first_error_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    disabled: bool = False
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=200)
    # Row lease for several workers sharing due feeds (PostgreSQL FOR UPDATE SKIP LOCKED).
    lease_owner: str | None = Field(default=None, max_length=100)
    lease_until: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: dt.datetime = _created()


class NewsItem(SQLModel, table=True):
    """A feed entry, stored as plain text. Operational data: not ledgered (flags raised from it are)."""

    __tablename__ = "news_item"
    __table_args__ = (sa.UniqueConstraint("feed_id", "dedupe_key"),)

    id: str = _id()
    feed_id: str = _fk("feed.id", ondelete="CASCADE", index=False)
    dedupe_key: str = Field(max_length=300)
    guid: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
    title: str = Field(default="", sa_type=sa.Text)
    summary: str = Field(default="", sa_type=sa.Text)
    published_at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    fetched_at: dt.datetime = _created()


class Flag(SQLModel, Tracked, table=True):
    """A news item matched to an open question, awaiting review."""

    __tablename__ = "flag"
    __table_args__ = (
        sa.UniqueConstraint("item_id", "question_id"),
        sa.CheckConstraint(
            "status IN ('new', 'dismissed', 'evidence', 'superseded')", name="status"
        ),
    )

    id: str = _id()
    item_id: str = _fk("news_item.id", index=False)
    question_id: str = _fk("question.id")
    score: float
    matched_terms: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    snippet: str = Field(default="", sa_type=sa.Text)
    status: str = Field(default="new", max_length=16, index=True)
    reviewer: str | None = Field(default=None, max_length=200)
    reviewed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: dt.datetime = _created()


class QuestionBackfill(SQLModel, table=True):
    """Which watch terms and window the stored news was last matched against for a question (a fingerprint), so a
    poll matches a new question, or one whose terms changed, against the news already stored. Operational data:
    not ledgered (the flags it raises are)."""

    __tablename__ = "question_backfill"

    question_id: str = Field(
        primary_key=True, foreign_key="question.id", max_length=32, ondelete="CASCADE"
    )
    fingerprint: str = Field(max_length=64)
    matched_at: dt.datetime = Field(sa_type=UTCDateTime)


class LedgerEntry(SQLModel, table=True):
    """One append-only record of a change, chained to the one before by its hash."""

    __tablename__ = "ledger_entry"
    # `log` lists newest first under a filter: (column, seq) indexes walk the matches already in order.
    __table_args__ = (sa.Index(None, "action", "seq"), sa.Index(None, "actor", "seq"))

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=200)
    action: str = Field(max_length=100)
    subject: str = Field(max_length=100, index=True)
    payload: str = Field(sa_type=sa.Text)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)


TRACKED: tuple[type[SQLModel], ...] = (
    Source,
    Article,
    ArticleAuthor,
    Question,
    QuestionTag,
    Claim,
    Amendment,
    Resolution,
    Feed,
    Flag,
)
