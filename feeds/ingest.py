"""Polling: choosing and leasing feeds, fetching, storing new items, flagging them against open questions, and
the feed's next check.

A poll takes feeds in batches. Each batch is leased in a short transaction (on PostgreSQL `FOR UPDATE SKIP
LOCKED`, so several workers share the due feeds and none fetches a feed another holds; on SQLite the write lock
makes the same statements safe), fetched concurrently, then written one feed per transaction: the feed's new
items, their flags and its schedule commit together or not at all, so a crash mid-poll loses and duplicates
nothing, and the next run redoes exactly the feeds that did not commit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import math
import os
import random
import secrets
import socket
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent import futures
from concurrent.futures import FIRST_COMPLETED, Future
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Literal

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from feeds import workers
from feeds.fetch import (
    DEFAULT_PER_HOST,
    DEFAULT_TOTAL_TIMEOUT,
    FetchRequest,
    FetchResult,
    iter_fetch,
)
from feeds.items import plain_text
from feeds.matching.backfill import catch_up
from feeds.matching.index import CACHE, QuestionIndex, engine_key, flag_row
from feeds.matching.matcher import one_blas_thread
from feeds.registry import REMOVED, find_feed
from feeds.schedule import Outcome, Schedule, next_check
from feeds.workers import Prepared, prepare
from ledger.errors import Conflict, UserInputError
from ledger.events import change, default_actor, insert_many
from ledger.ids import new_ids, short
from ledger.models import Feed, Flag, NewsItem

if TYPE_CHECKING:
    from ledger.db import Database

Mode = Literal["due", "all", "one"]
FeedResult = Literal["fetched", "not_modified", "failed", "lease_lost"]

# Feeds leased at a time: a batch is fetched concurrently and written feed by feed; other workers take the rest.
DEFAULT_BATCH = 8
# A lease outlives any fetch of its batch (hosts allow two requests at a time) with room for the writes.
LEASE_MARGIN = dt.timedelta(minutes=5)
# Worker processes start once a poll has fetched this much to parse (a tenth of a second of feedparser), so
# that they pay for their start (a fifth of a second); the feeds fetched until then wait for them, and are
# prepared here if the poll ends first.
WORKERS_FROM_BYTES = 256 * 1024
# Existing dedupe keys are looked up in chunks that stay under every driver's parameter limit.
_KEY_CHUNK = 500
TITLE_MAX = 1000


@dataclass(frozen=True)
class FeedOutcome:
    """What one feed's poll did."""

    feed_id: str
    url: str
    result: FeedResult
    new_items: int = 0
    new_flags: int = 0
    http_status: int | None = None
    error: str | None = None
    warning: str | None = None
    next_check_at: dt.datetime | None = None
    disabled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "feed_id": self.feed_id,
            "url": self.url,
            "result": self.result,
            "new_items": self.new_items,
            "new_flags": self.new_flags,
            "http_status": self.http_status,
            "error": self.error,
            "warning": self.warning,
            "next_check_at": (
                self.next_check_at.isoformat().replace("+00:00", "Z")
                if self.next_check_at
                else None
            ),
            "disabled": self.disabled,
        }


@dataclass(frozen=True)
class PollEvent:
    """Progress: `queued` feeds leased so far in this poll, `done` of them finished; `outcome` is the feed just
    finished (None when the event announces a newly leased batch)."""

    queued: int
    done: int
    outcome: FeedOutcome | None = None


@dataclass
class PollSummary:
    fetched: int = 0
    not_modified: int = 0
    new_items: int = 0
    new_flags: int = 0
    failures: int = 0
    feeds: list[FeedOutcome] = field(default_factory=list)
    # Feeds another worker took over (their lease expired while we held them): not written by us.
    lease_lost: int = 0
    stopped: bool = False
    warnings: list[str] = field(default_factory=list)
    # Flags raised on news already stored, for questions new or with changed terms (feeds.matching.backfill).
    backfilled: int = 0

    def add(self, outcome: FeedOutcome) -> None:
        self.feeds.append(outcome)
        self.new_items += outcome.new_items
        self.new_flags += outcome.new_flags
        if outcome.result == "fetched":
            self.fetched += 1
        elif outcome.result == "not_modified":
            self.not_modified += 1
        elif outcome.result == "failed":
            self.failures += 1
        else:
            self.lease_lost += 1

    def line(self) -> str:
        n = len(self.feeds)
        parts = [
            f"{self.fetched} fetched",
            f"{self.not_modified} not modified",
            f"{self.new_items} new items",
            f"{self.new_flags} new flags",
            f"{self.failures} {'failure' if self.failures == 1 else 'failures'}",
        ]
        if self.lease_lost:
            parts.append(f"{self.lease_lost} taken over by another worker")
        if self.backfilled:
            parts.append(f"{self.backfilled} flags on stored news for new or changed questions")
        head = f"{n} {'feed' if n == 1 else 'feeds'} polled"
        tail = " (stopped early)" if self.stopped else ""
        return f"{head}: {', '.join(parts)}{tail}"

    def to_json(self) -> dict[str, Any]:
        return {
            "feeds_polled": len(self.feeds),
            "fetched": self.fetched,
            "not_modified": self.not_modified,
            "new_items": self.new_items,
            "new_flags": self.new_flags,
            "failures": self.failures,
            "lease_lost": self.lease_lost,
            "stopped": self.stopped,
            "warnings": list(self.warnings),
            "backfilled_flags": self.backfilled,
            "feeds": [o.to_json() for o in self.feeds],
        }


def default_worker() -> str:
    """host:pid:random, unique per poll so a worker never mistakes another's lease (or its own old one) for its
    current one."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass(frozen=True)
class _Leased:
    id: str
    url: str
    etag: str | None
    last_modified: str | None
    interval_minutes: int
    consecutive_errors: int
    first_error_at: dt.datetime | None
    title: str | None
    last_error: str | None


class _Clock:
    def __init__(self, fixed: dt.datetime | None) -> None:
        if fixed is not None and fixed.tzinfo is None:
            raise ValueError("poll(now=...) must be timezone-aware")
        self.fixed = fixed

    def __call__(self) -> dt.datetime:
        return self.fixed if self.fixed is not None else dt.datetime.now(dt.UTC)


def _lease_length(fetch_options: dict[str, Any], batch: int) -> dt.timedelta:
    total = float(fetch_options.get("total_timeout", DEFAULT_TOTAL_TIMEOUT))
    per_host = int(fetch_options.get("per_host", DEFAULT_PER_HOST))
    waves = math.ceil(batch / max(1, per_host))
    return dt.timedelta(seconds=total * waves) + LEASE_MARGIN


def _lease(
    database: Database,
    *,
    mode: Mode,
    feed_id: str | None,
    worker: str,
    now: dt.datetime,
    until: dt.datetime,
    limit: int,
    exclude: Sequence[str],
) -> list[_Leased]:
    """Lease up to `limit` feeds for this worker in one short transaction and return what fetching them needs."""
    free = sa.or_(col(Feed.lease_until).is_(None), col(Feed.lease_until) < now)
    stmt = select(Feed.id)
    if mode == "one":
        stmt = stmt.where(Feed.id == feed_id)
    else:
        stmt = stmt.where(col(Feed.disabled).is_(False))
        if mode == "due":
            stmt = stmt.where(col(Feed.next_check_at) <= now)
    stmt = stmt.where(free)
    if exclude:
        stmt = stmt.where(col(Feed.id).not_in(list(exclude)))
    stmt = (
        stmt.order_by(col(Feed.next_check_at), col(Feed.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    with database.write_session() as session:
        try:
            ids = list(session.exec(stmt).all())
            if not ids:
                session.rollback()
                return []
            session.execute(
                sa.update(Feed)
                .where(col(Feed.id).in_(ids))
                .values(lease_owner=worker, lease_until=until)
            )
            rows = session.exec(select(Feed).where(col(Feed.id).in_(ids))).all()
            leased = [
                _Leased(
                    id=f.id,
                    url=f.url,
                    etag=f.etag,
                    last_modified=f.last_modified,
                    interval_minutes=f.interval_minutes,
                    consecutive_errors=f.consecutive_errors,
                    first_error_at=f.first_error_at,
                    title=f.title,
                    last_error=f.last_error,
                )
                for f in rows
            ]
            session.commit()
        except BaseException:
            session.rollback()
            raise
    order = {fid: n for n, fid in enumerate(ids)}
    return sorted(leased, key=lambda f: order[f.id])


def _release(database: Database, worker: str, ids: Iterable[str]) -> None:
    ids = list(ids)
    if not ids:
        return
    with database.write_session() as session:
        session.execute(
            sa.update(Feed)
            .where(col(Feed.id).in_(ids), col(Feed.lease_owner) == worker)
            .values(lease_owner=None, lease_until=None)
        )
        session.commit()


def _schedule(
    feed: _Leased,
    *,
    now: dt.datetime,
    outcome: Outcome,
    result: FetchResult | None,
    ttl_minutes: int | None = None,
    gone: bool = False,
) -> Schedule:
    return next_check(
        gone=gone,
        now=now,
        interval_minutes=feed.interval_minutes,
        outcome=outcome,
        consecutive_errors=feed.consecutive_errors,
        ttl_minutes=ttl_minutes,
        max_age_seconds=result.max_age if result else None,
        retry_after_seconds=result.retry_after if result else None,
        first_error_at=feed.first_error_at,
        jitter=random.random(),
    )


def _state_values(
    sched: Schedule, now: dt.datetime, result: FetchResult | None, status: str
) -> dict[str, Any]:
    values: dict[str, Any] = {
        "last_checked_at": now,
        "last_status": status,
        "next_check_at": sched.next_at,
        "interval_minutes": sched.interval_minutes,
        "consecutive_errors": sched.consecutive_errors,
        "first_error_at": sched.first_error_at,
        "disabled": sched.disabled,
        "lease_owner": None,
        "lease_until": None,
    }
    if result is not None:
        values["last_http_status"] = result.status
        values["final_url"] = result.final_url[:2000]
        values["etag"] = (result.etag or "")[:500] or None
        values["last_modified"] = (result.last_modified or "")[:200] or None
    return values


def _claim_row(session: Session, feed_id: str, worker: str, values: dict[str, Any]) -> bool:
    """Write the feed's new state if we still hold its lease; this also locks the row until commit."""
    done = session.execute(
        sa.update(Feed)
        .where(col(Feed.id) == feed_id, col(Feed.lease_owner) == worker)
        .values(**values)
    )
    return bool(getattr(done, "rowcount", 0))


def _record_failure(
    database: Database,
    feed: _Leased,
    worker: str,
    now: dt.datetime,
    result: FetchResult | None,
    error: str,
) -> FeedOutcome:
    """A failed check: error text, backoff, the 30-day rule, and 410 Gone disables the feed at once. Poll state
    only, so no ledger entry.

    The validators of a failed response are dropped: kept, they would make the next request conditional, and a
    server's 304 to it would pass for "not modified" while the feed is still broken."""
    gone = result is not None and result.status == HTTPStatus.GONE
    sched = _schedule(feed, now=now, outcome="error", result=result, gone=gone)
    if gone:
        error = f"{error}: the feed was removed at its source, so it is disabled (polling it by id tries again)"
    values = _state_values(sched, now, result, "error")
    values["last_error"] = error[:2000]
    values["warning"] = None
    values["etag"] = values["last_modified"] = None
    with database.write_session() as session:
        held = _claim_row(session, feed.id, worker, values)
        session.commit()
    if not held:
        return FeedOutcome(feed.id, feed.url, "lease_lost", error=error)
    return FeedOutcome(
        feed.id,
        feed.url,
        "failed",
        http_status=result.status if result else None,
        error=error,
        next_check_at=sched.next_at,
        disabled=sched.disabled,
    )


def _record_not_modified(
    database: Database, feed: _Leased, worker: str, now: dt.datetime, result: FetchResult
) -> FeedOutcome:
    if feed.consecutive_errors:
        # Our request after a failure carries no validators, so this 304 says nothing about the document we
        # could not read: the feed stays broken, visibly, until a body parses.
        return _record_failure(
            database,
            feed,
            worker,
            now,
            result,
            f"still failing (the server answered 304 Not Modified): {feed.last_error or 'unknown error'}",
        )
    sched = _schedule(feed, now=now, outcome="not_modified", result=result)
    values = _state_values(sched, now, result, "not_modified")
    values["last_error"] = None
    with database.write_session() as session:
        held = _claim_row(session, feed.id, worker, values)
        session.commit()
    if not held:
        return FeedOutcome(feed.id, feed.url, "lease_lost")
    return FeedOutcome(
        feed.id, feed.url, "not_modified", http_status=result.status, next_check_at=sched.next_at
    )


class _LeaseLost(Exception):
    pass


def _known_keys(session: Session, feed_id: str, keys: Sequence[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(keys), _KEY_CHUNK):
        chunk = list(keys[start : start + _KEY_CHUNK])
        known.update(
            session.exec(
                select(NewsItem.dedupe_key).where(
                    NewsItem.feed_id == feed_id, col(NewsItem.dedupe_key).in_(chunk)
                )
            ).all()
        )
    return known


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a feed's items are matched and their flags' rows made and inserted.
    That makes thousands of short-lived objects without cycles (matches, rows, snapshots), which reference counting
    frees; counted by the collector, they would set off hundreds of collections per poll, each walking the young
    objects and now and then every object of the process (a tenth of a poll's processor time at 10,000 questions).
    A cycle made meanwhile waits for the first collection after the block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _store(
    database: Database,
    feed: _Leased,
    worker: str,
    now: dt.datetime,
    result: FetchResult,
    prepared: Prepared,
    index: QuestionIndex,
    actor: str,
) -> FeedOutcome:
    """One transaction: the feed's state, its new items, and their flags (a ledger entry when there are flags)."""
    parsed = prepared.feed
    assert parsed is not None
    sched = _schedule(feed, now=now, outcome="ok", result=result, ttl_minutes=parsed.ttl_minutes)
    values = _state_values(sched, now, result, "ok")
    values["last_error"] = None
    values["warning"] = parsed.warning[:2000] if parsed.warning else None
    title = plain_text(parsed.title, TITLE_MAX) if parsed.title else ""
    if title:
        values["title"] = title
    new_items = new_flags = 0
    with (
        database.write_session() as session,
        change(session, "feed.polled", f"feed:{feed.id}", actor=actor) as ch,
    ):
        if not _claim_row(session, feed.id, worker, values):
            raise _LeaseLost
        entries = prepared.entries
        known = _known_keys(session, feed.id, [e.dedupe_key for e in entries])
        fresh = [
            (e, analysis)
            for e, analysis in zip(entries, prepared.analyses, strict=True)
            if e.dedupe_key not in known
        ]
        if fresh:
            item_ids = new_ids(len(fresh))
            rows = [
                {
                    "id": item_id,
                    "feed_id": feed.id,
                    "dedupe_key": e.dedupe_key,
                    "guid": e.guid,
                    "url": e.url,
                    "title": e.title,
                    "summary": e.summary,
                    "published_at": e.published_at,
                    "fetched_at": now,
                }
                for item_id, (e, _) in zip(item_ids, fresh, strict=True)
            ]
            insert_many(session.connection(), NewsItem.__table__, rows)  # type: ignore[attr-defined]
            with _collector_paused():
                matched = index.match_many(
                    [(e.title, e.summary, e.published_at, analysis) for e, analysis in fresh]
                )
                flag_ids = iter(new_ids(sum(map(len, matched))))
                flag_rows = [
                    flag_row(item_id, question_id, match, now, next(flag_ids))
                    for item_id, matches in zip(item_ids, matched, strict=True)
                    for question_id, match in matches
                ]
                ch.insert_rows(session, Flag, flag_rows)
            new_flags = len(flag_rows)
            new_items = len(fresh)
        if new_flags:
            ch.data.update({"url": feed.url, "new_items": new_items, "new_flags": new_flags})
    return FeedOutcome(
        feed.id,
        feed.url,
        "fetched",
        new_items=new_items,
        new_flags=new_flags,
        http_status=result.status,
        warning=values["warning"],
        next_check_at=sched.next_at,
    )


def _ingest_one(
    database: Database,
    feed: _Leased,
    result: FetchResult,
    *,
    worker: str,
    now: dt.datetime,
    index: Callable[[], QuestionIndex],
    actor: str,
    prepared: Prepared | None = None,
) -> FeedOutcome:
    """Record one fetched feed. prepared is the feed as a worker made it ready (feeds.workers.prepare); without
    it the feed is prepared here."""
    if result.not_modified:
        return _record_not_modified(database, feed, worker, now, result)
    if result.error is not None or result.content is None:
        return _record_failure(database, feed, worker, now, result, result.error or "no body")
    if prepared is None:
        prepared = prepare(result.content, result.final_url, dict(result.headers), now)
    if prepared.feed is None:
        return _record_failure(
            database, feed, worker, now, result, prepared.problem or "not a feed"
        )
    try:
        return _store(database, feed, worker, now, result, prepared, index(), actor)
    except _LeaseLost:
        return FeedOutcome(feed.id, feed.url, "lease_lost")
    except IntegrityError as exc:
        # Only a writer that ignored leases could race us to the same item; record it, never crash the poll.
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        return _record_failure(
            database, feed, worker, now, result, f"could not store items: {reason}"[:500]
        )


def _one_feed_id(database: Database, ref: str | None, now: dt.datetime) -> str:
    if not ref:
        raise UserInputError("say which feed to poll, e.g. `forecast-ledger feeds poll 3fa2c1d0`.")
    with database.session() as session:
        feed = find_feed(session, ref)
        if feed.last_status == REMOVED:
            raise UserInputError(
                f"feed {short(feed.id)} was removed; `forecast-ledger feeds add {feed.url}` watches it again."
            )
        if feed.lease_owner and feed.lease_until and feed.lease_until >= now:
            raise Conflict(
                f"feed {short(feed.id)} is being polled by {feed.lease_owner} (lease until "
                f"{feed.lease_until:%Y-%m-%d %H:%M:%S}Z); try again later."
            )
        return feed.id


class _Preparing:
    """Feeds fetched and not yet stored, in the order they were fetched, each with the future of its preparing
    in a worker process (feeds.workers) or None when it is prepared in-process as it is stored.

    Feeds are taken as they become ready, so a large feed still being parsed does not hold back the small ones
    behind it. Workers start only once the poll has WORKERS_FROM_BYTES to parse; until then the feeds that need
    preparing wait for them, and the final drain prepares them in-process if the poll ends first."""

    def __init__(self) -> None:
        self.pending: list[tuple[_Leased, FetchResult, Future[Prepared] | None, dt.datetime]] = []
        self.parser = workers.ParseWorker()
        self.use_workers: bool | None = None
        self.to_parse = 0  # bytes fetched that need preparing

    @staticmethod
    def _needs_preparing(result: FetchResult) -> bool:
        return result.content is not None and result.error is None

    def _submit(self, result: FetchResult, fetched_at: dt.datetime) -> Future[Prepared]:
        assert result.content is not None
        return self.parser.submit(
            result.content, result.final_url, dict(result.headers), fetched_at
        )

    def add(self, feed: _Leased, result: FetchResult, fetched_at: dt.datetime) -> None:
        future = None
        if self.use_workers and self._needs_preparing(result):
            assert result.content is not None
            before = self.to_parse
            self.to_parse += len(result.content)
            if before < WORKERS_FROM_BYTES <= self.to_parse:
                # Enough to parse for the workers to pay for their start: the feeds held back for them go too.
                for n, (waiting, fetch, no_future, at) in enumerate(self.pending):
                    if no_future is None and self._needs_preparing(fetch):
                        self.pending[n] = (waiting, fetch, self._submit(fetch, at), at)
            if self.to_parse >= WORKERS_FROM_BYTES:
                future = self._submit(result, fetched_at)
        self.pending.append((feed, result, future, fetched_at))

    def ready(self, *, final: bool = False) -> int | None:
        """The position of the first pending feed that can be stored without waiting, if any; feeds waiting for
        the workers to start count only in the final drain."""
        waiting = bool(self.use_workers) and self.to_parse < WORKERS_FROM_BYTES and not final
        for n, (_, result, future, _) in enumerate(self.pending):
            if future is None:
                if not (waiting and self._needs_preparing(result)):
                    return n
            elif future.done():
                return n
        return None

    def wait_ready(self) -> int:
        """The position of a pending feed that can be stored, waiting for a worker if need be."""
        while (n := self.ready(final=True)) is None:
            futures.wait(
                [f for _, _, f, _ in self.pending if f is not None], return_when=FIRST_COMPLETED
            )
        return n

    def take(self, position: int) -> tuple[_Leased, FetchResult, Prepared | None]:
        """The pending feed at position, with what its worker prepared (None: prepare it in-process)."""
        feed, result, future, fetched_at = self.pending.pop(position)
        if future is None or result.content is None:
            return feed, result, None
        headers = dict(result.headers)
        return (
            feed,
            result,
            self.parser.result(future, result.content, result.final_url, headers, fetched_at),
        )

    def close(self) -> None:
        self.parser.close()


def poll(
    database: Database,
    *,
    mode: Mode,
    feed_ref: str | None = None,
    now: dt.datetime | None = None,
    worker: str | None = None,
    progress: Callable[[PollEvent], None] | None = None,
    fetch_options: dict[str, Any] | None = None,
    stop: threading.Event | None = None,
    actor: str | None = None,
    batch: int = DEFAULT_BATCH,
) -> PollSummary:
    """Poll feeds: "due" (enabled feeds whose next check has come), "all" (every enabled feed) or "one" (feed_ref,
    even when disabled; a success enables it again). Feeds leased by another live worker are left to it.

    now fixes the clock (tests); worker names this poller in leases; progress is called after each lease and each
    feed; fetch_options go to feeds.fetch.iter_fetch (timeouts, size cap, concurrency); stop ends the poll after
    the feed in hand, releasing the leases not yet used. Failures of feeds are recorded on them and counted, never
    raised; errors of the database itself are raised.
    """
    if mode not in ("due", "all", "one"):
        raise ValueError(f"unknown poll mode {mode!r}")
    if batch < 1:
        raise ValueError("batch must be at least 1")
    clock = _Clock(now)
    worker = worker or default_worker()
    actor = actor or default_actor()
    options = dict(fetch_options or {})
    lease_for = _lease_length(options, batch)
    summary = PollSummary()
    one_id = _one_feed_id(database, feed_ref, clock()) if mode == "one" else None
    # Questions added, or whose terms changed, since the stored news was last matched get it matched now.
    summary.backfilled = catch_up(database, actor=actor).flags

    built: list[QuestionIndex] = []
    limits = contextlib.ExitStack()

    def index() -> QuestionIndex:
        # Built on first need, so polls that fetch nothing new never read the questions.
        if not built:
            with database.session() as session:
                built.append(CACHE.get(session, engine_key(database.engine)))
            summary.warnings.extend(built[0].warnings)
            limits.enter_context(one_blas_thread())
        return built[0]

    leased_ids: list[str] = []
    done: list[str] = []
    held: dict[str, _Leased] = {}

    def fetched() -> Generator[tuple[_Leased, FetchResult], None, None]:
        """Every leased feed with its fetch, batch after batch: the next batch is leased when the fetches of
        the one before have all come in, while its feeds are still being prepared and stored."""
        while True:
            started = clock()
            leased = _lease(
                database,
                mode=mode,
                feed_id=one_id,
                worker=worker,
                now=started,
                until=started + lease_for,
                limit=batch,
                exclude=leased_ids,
            )
            if not leased:
                if mode == "one" and not leased_ids:
                    raise Conflict(f"feed {short(one_id)} is being polled by another worker.")
                return
            leased_ids.extend(f.id for f in leased)
            held.update((f.id, f) for f in leased)
            if progress:
                progress(PollEvent(len(leased_ids), len(done)))
            requests = [FetchRequest(f.url, f.etag, f.last_modified) for f in leased]
            fetches = iter_fetch(requests, **options)
            try:
                for position, result in fetches:
                    yield leased[position], result
            finally:
                fetches.close()  # cancels fetches still running when the poll stopped early
            if mode == "one":
                return

    def stopping() -> bool:
        return stop is not None and stop.is_set()

    preparing = _Preparing()

    def finish(position: int) -> bool:
        """Store the pending feed at position; whether a stop was requested while it was being stored (it was
        then the feed in hand)."""
        stopped_before = stopping()
        feed, result, prepared = preparing.take(position)
        outcome = _ingest_one(
            database,
            feed,
            result,
            worker=worker,
            now=clock(),
            index=index,
            actor=actor,
            prepared=prepared,
        )
        held.pop(feed.id, None)
        done.append(feed.id)
        summary.add(outcome)
        if progress:
            progress(PollEvent(len(leased_ids), len(done), outcome))
        return not stopped_before and stopping()

    stream = fetched()
    try:
        stop_came_in_finish = False
        for feed, result in stream:
            if preparing.use_workers is None:
                # Decided by the first batch: a single feed is not worth a process.
                preparing.use_workers = len(held) > 1 and workers.enabled()
            preparing.add(feed, result, clock())
            while not stopping() and (position := preparing.ready()) is not None:
                stop_came_in_finish = finish(position)
            if stopping():
                break
        while preparing.pending and not stopping():
            stop_came_in_finish = finish(preparing.wait_ready())
        # On a stop, the feed in hand is finished (unless it was the one being finished when the stop came);
        # the leases of the feeds not stored go back below, for the next poll.
        if stopping() and preparing.pending and not stop_came_in_finish:
            finish(preparing.wait_ready())
        summary.stopped = stopping()
    finally:
        stream.close()
        preparing.close()
        limits.close()
        # Leases we did not use go back at once rather than when they expire.
        _release(database, worker, held)
    return summary
