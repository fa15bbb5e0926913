"""The watch scheduler: one watcher per database, an APScheduler tick that polls due feeds and reports due questions.

The schedule itself lives in the database (feeds.schedule decides when each feed is next due); APScheduler only
runs a short tick, so `feeds poll --due` from cron does the same work.
"""

from __future__ import annotations

import datetime as dt
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Any, Protocol

from ledger.errors import Conflict, DatabaseError, LedgerError, UserInputError
from ledger.output import inert

if TYPE_CHECKING:
    from ledger.db import Database
    from ledger.models import Question

DEFAULT_INTERVAL = 60.0
MIN_INTERVAL = 1.0
MAX_INTERVAL = 24 * 3600.0
# Per schema, like the ledger chain lock, so test schemas on one server do not exclude each other.
_PG_LOCK_SQL = "hashtext(current_schema() || '.forecast_ledger_watch')"
LOCK_SUFFIX = ".watch.lock"
DUE_LISTED = 5


class PollResult(Protocol):
    def line(self) -> str: ...


PollFn = Callable[..., PollResult]
DueFn = Callable[..., "list[Question]"]
Log = Callable[[str], None]


def log_line(message: str) -> None:
    """One timestamped line on stderr, feed-supplied text made inert (an error text may quote the server)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%SZ")
    print(f"{stamp} {inert(message).plain}", file=sys.stderr, flush=True)


def check_interval(seconds: float) -> float:
    if not MIN_INTERVAL <= seconds <= MAX_INTERVAL:
        raise UserInputError(
            f"--interval must be between {MIN_INTERVAL:g} and {MAX_INTERVAL:g} seconds, got {seconds:g}; "
            "e.g. --interval 60."
        )
    return seconds


def tick_options(interval: float) -> dict[str, Any]:
    """The tick job's settings: one run at a time, missed runs merged into one, a late run still taken
    within one interval, and up to a tenth of the interval (at most 30 s) of jitter so several watchers on
    one server do not hit their feeds in step."""
    return {
        "max_instances": 1,
        "coalesce": True,
        "misfire_grace_time": max(1, int(interval)),
        "jitter": int(min(30.0, interval / 10)),
    }


# --- one watcher per database -------------------------------------------------------------------------------


class WatchLock:
    """Held for the watcher's lifetime; `check()` says whether it is still held."""

    def __init__(self, describe: str) -> None:
        self.describe = describe

    def check(self) -> None:
        """Raises DatabaseError when the lock may have been lost."""


class _PgLock(WatchLock):
    def __init__(self, describe: str, conn: Any) -> None:
        super().__init__(describe)
        self.conn = conn

    def check(self) -> None:
        import sqlalchemy as sa

        try:
            self.conn.execute(sa.text("SELECT 1"))
            self.conn.commit()
        except sa.exc.SQLAlchemyError as exc:
            # The session-level lock went with the connection: another watcher may start now.
            raise DatabaseError(
                f"lost the connection holding the watcher lock on {self.describe}: {exc.__class__.__name__}"
            ) from None


def _refused(where: str) -> Conflict:
    return Conflict(
        f"another `forecast-ledger watch` is already running on {where}; only one watcher runs per "
        "database. Stop it first, or poll once with `forecast-ledger feeds poll --due`."
    )


@contextmanager
def watch_lock(database: Database) -> Iterator[WatchLock]:
    """Only one watcher per database: a file lock beside an SQLite file, a session-level PostgreSQL advisory
    lock held on a dedicated connection. A second watcher gets Conflict at once (no waiting)."""
    from ledger.db import describe, translate_errors

    where = describe(database.url)
    if database.is_sqlite:
        from filelock import FileLock, Timeout
        from sqlalchemy.engine import make_url

        path = make_url(database.url).database
        if not path or path == ":memory:":
            raise UserInputError(
                "watch needs a database file or server, not an in-memory database."
            )
        lock = FileLock(path + LOCK_SUFFIX)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise _refused(where) from None
        try:
            yield WatchLock(where)
        finally:
            lock.release()
        return

    import sqlalchemy as sa

    with translate_errors(database.url):
        conn = database.engine.connect()
    try:
        with translate_errors(database.url):
            got = conn.execute(sa.text(f"SELECT pg_try_advisory_lock({_PG_LOCK_SQL})")).scalar()
            # Session-level: the lock outlives this transaction, which must not stay open for days.
            conn.commit()
        if not got:
            raise _refused(where)
        try:
            yield _PgLock(where, conn)
        finally:
            try:
                conn.execute(sa.text(f"SELECT pg_advisory_unlock({_PG_LOCK_SQL})"))
                conn.commit()
            except sa.exc.SQLAlchemyError:
                pass  # the connection is gone, and the lock with it
    finally:
        # Never hand a connection that held the lock back to the pool: close it for real.
        conn.invalidate()
        conn.close()


# --- the tick -----------------------------------------------------------------------------------------------


def _label(question: Question) -> str:
    return question.key or question.id[:8]


def due_line(questions: Sequence[Question]) -> str:
    """'due: 2 questions past their resolve-by date: q1 (2025-01-01), q2 (2025-03-01)'."""
    if not questions:
        return "due: no open questions past their resolve-by date"
    noun = "question" if len(questions) == 1 else "questions"
    shown = ", ".join(
        f"{_label(q)} ({q.resolve_by.isoformat() if q.resolve_by else '-'})"
        for q in questions[:DUE_LISTED]
    )
    more = f", and {len(questions) - DUE_LISTED} more" if len(questions) > DUE_LISTED else ""
    return (
        f"due: {len(questions)} {noun} past their resolve-by date: {shown}{more} "
        "(see `forecast-ledger questions due`)"
    )


@dataclass
class TickCounts:
    ticks: int = 0
    failures: int = 0


class Watcher:
    """Runs ticks: poll what is due (stopping between feeds when asked), then report due questions."""

    def __init__(
        self,
        database: Database,
        *,
        lock: WatchLock,
        stop: threading.Event,
        log: Log = log_line,
        actor: str | None = None,
        poll: PollFn | None = None,
        due: DueFn | None = None,
    ) -> None:
        self.database = database
        self.actor = actor
        self.lock = lock
        self.stop = stop
        self.log = log
        self._poll = poll
        self._due = due
        self.counts = TickCounts()
        self._last_due: list[str] = []
        self.fatal: LedgerError | None = None
        self.on_fatal: Callable[[], None] | None = None

    def _poll_fn(self) -> PollFn:
        if self._poll is None:
            from feeds.ingest import poll

            self._poll = poll
        return self._poll

    def _due_fn(self) -> DueFn:
        if self._due is None:
            from claims.resolve import due_questions

            self._due = due_questions
        return self._due

    def tick(self) -> None:
        """One tick; errors propagate (for --once)."""
        if self.stop.is_set():
            return
        self.counts.ticks += 1
        self.lock.check()
        summary = self._poll_fn()(self.database, mode="due", stop=self.stop, actor=self.actor)
        self.log(f"poll: {summary.line()}")
        if self.stop.is_set():
            return
        with self.database.session() as session:
            questions = self._due_fn()(session)
            ids = [q.id for q in questions]
            if ids and ids == self._last_due:
                # The same list every minute would drown the log; say only that it still stands.
                noun = "question" if len(ids) == 1 else "questions"
                self.log(f"due: {len(ids)} {noun} past their resolve-by date (unchanged)")
            else:
                self.log(due_line(questions))
            self._last_due = ids

    def scheduled_tick(self) -> None:
        """The job APScheduler runs: a failing tick is logged and the next one tries again, except when the lock
        is gone (its connection dropped: another watcher may have started), which stops the watcher."""
        try:
            self.tick()
        except Exception as exc:
            self.counts.failures += 1
            try:
                # Any failure may be the database going away, the lock's connection with it.
                self.lock.check()
            except DatabaseError as lost:
                self.fatal = lost
                self.log(f"stopping: {lost}")
                self.stop.set()
                if self.on_fatal is not None:
                    self.on_fatal()
                return
            if isinstance(exc, LedgerError):
                self.log(f"tick failed: {exc}; trying again next tick")
            else:
                # A bug or a raw driver error: keep the traceback for the report, keep watching.
                self.log("tick failed with an unexpected error; trying again next tick")
                traceback.print_exception(exc, file=sys.stderr)


class _StopRequested(Exception):
    """Raised in the main thread by the SIGTERM handler, like KeyboardInterrupt for Ctrl-C."""


@contextmanager
def _sigterm_raises(stop: threading.Event) -> Iterator[None]:
    def handler(signum: int, _frame: FrameType | None) -> None:
        # A second SIGTERM while the tick in hand finishes must not cut the shutdown short.
        if not stop.is_set():
            raise _StopRequested(signal.Signals(signum).name)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_watch(
    database: Database,
    *,
    interval: float = DEFAULT_INTERVAL,
    once: bool = False,
    log: Log = log_line,
    actor: str | None = None,
    poll: PollFn | None = None,
    due: DueFn | None = None,
) -> TickCounts:
    """`forecast-ledger watch`: takes the one-watcher lock, then ticks every `interval` seconds (the first tick
    at once) until Ctrl-C or SIGTERM, or runs one tick with `once`. On a stop signal the feed in hand is
    finished or rolled back (poll sees the stop event between and inside feeds) before returning."""
    from ledger.db import describe

    check_interval(interval)
    stop = threading.Event()
    with watch_lock(database) as lock:
        watcher = Watcher(database, lock=lock, stop=stop, log=log, actor=actor, poll=poll, due=due)
        if once:
            log(f"watch: one tick on {describe(database.url)}")
            watcher.tick()
            return watcher.counts
        _run_scheduler(watcher, interval, log, describe(database.url))
        if watcher.fatal is not None:
            raise watcher.fatal
        return watcher.counts


def _run_scheduler(watcher: Watcher, interval: float, log: Log, where: str) -> None:
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.jobstores.memory import MemoryJobStore
    from apscheduler.schedulers.base import SchedulerNotRunningError
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    scheduler = BlockingScheduler(
        jobstores={"default": MemoryJobStore()},
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        timezone=dt.UTC,
    )
    options = tick_options(interval)
    scheduler.add_job(
        watcher.scheduled_tick,
        IntervalTrigger(seconds=interval, jitter=options.pop("jitter"), timezone=dt.UTC),
        id="tick",
        name="poll due feeds, report due questions",
        next_run_time=dt.datetime.now(dt.UTC),
        **options,
    )

    def stop_from_worker() -> None:
        # Called in the tick's thread: wakes the main loop without waiting for ourselves.
        scheduler.shutdown(wait=False)

    watcher.on_fatal = stop_from_worker
    reason = "lock lost"
    with _sigterm_raises(watcher.stop):
        try:
            log(f"watch: ticking every {interval:g}s on {where}; Ctrl-C or SIGTERM stops")
            scheduler.start()
        except KeyboardInterrupt:
            reason = "SIGINT"
        except _StopRequested as exc:
            reason = str(exc)
        finally:
            watcher.stop.set()
            if scheduler.running:
                log(f"watch: stopping ({reason}), finishing the feed in hand")
                with suppress(SchedulerNotRunningError):
                    scheduler.shutdown(wait=True)
    log(f"watch: stopped after {watcher.counts.ticks} tick(s), {watcher.counts.failures} failed")
