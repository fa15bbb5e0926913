"""Worker processes that turn fetched bytes into what the poller stores, so that this work overlaps storing.

feedparser is pure Python and holds the interpreter lock for most of a poll. A worker parses a fetched feed,
reduces its entries to their stored form (plain text, dedupe key, UTC time: feeds.items) and analyses their
words for matching (feeds.matching.matcher.analyze_item); all of it is a pure function of the bytes and the fetch time. The
poller keeps what needs the database or the question index: dedupe against stored items, matching, writing.
With two cores, two workers prepare feeds while the poller stores the ones before them.

A poll of several feeds starts the workers and shuts them down when it ends, so no process outlives the poll (a
long-lived pool would hang the exit of a forked poller process, which joins its children). Workers ignore SIGINT
(Ctrl-C stops the poller, which finishes the feed in hand), and if one dies or none can start, preparing goes
on in-process. FORECAST_LEDGER_PARSE_WORKER=0 turns them off.

A poller killed outright (SIGKILL, or SIGTERM without a handler) cannot shut its workers down, and neither they
(blocked reading their task queue, whose write end they hold themselves) nor the fork server notice: each would
live on forever. So the fork server and every worker watch the poller's process and exit when it is gone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from feeds.items import NewsEntry, feed_entries
from feeds.matching.matcher import ItemAnalysis, analyze_item
from feeds.parse import FeedParseError, ParsedFeed, parse_feed

# More workers than this would only compete with the poller for the cores.
MAX_WORKERS = 2
# How much lower than the poller's the workers' scheduling priority is (see _worker_start).
WORKER_NICENESS = 5


@dataclass(frozen=True)
class Prepared:
    """A fetched feed made ready to store: the parsed feed (without its raw entries), its entries in stored form
    with one analysis each; or, when the document is not a usable feed, feed None and the reason in problem."""

    feed: ParsedFeed | None
    problem: str | None
    entries: list[NewsEntry]
    analyses: list[ItemAnalysis]


def prepare(content: bytes, url: str, headers: dict[str, str], fetched_at: datetime) -> Prepared:
    """Parse, normalise and analyse one fetched feed. Values cross processes; exceptions with fields do not,
    so a document that is not a feed comes back as a problem."""
    try:
        parsed = parse_feed(content, url=url, headers=headers)
    except FeedParseError as exc:
        return Prepared(None, exc.message, [], [])
    entries = feed_entries(parsed, fetched_at)
    analyses = [analyze_item(e.title, e.summary) for e in entries]
    return Prepared(dataclasses.replace(parsed, entries=[]), None, entries, analyses)


@contextlib.contextmanager
def _main_not_rerun() -> Iterator[None]:
    """Hides the poller's main script from multiprocessing while a worker starts.

    A child started by the fork server runs the parent's main script again (as __mp_main__) unless the server
    preloaded it, and before CPython's fix for gh-126631 (3.13's late releases, 3.14) the server never does: each
    worker of each poll would import the whole CLI, or a benchmark script with the database stack, before its
    first feed. Workers need nothing from __main__ (they run feeds.workers.prepare); without a path to it,
    multiprocessing skips it."""
    main = sys.modules.get("__main__")
    path = main.__dict__.pop("__file__", None) if main is not None else None
    try:
        yield
    finally:
        if main is not None and path is not None:
            main.__file__ = path


# Set, to the poller's pid, only while the poller may be starting its fork server, so that the server (which
# imports this module as its preload) knows whose life it must not outlast.
_POLLER_ENV = "FORECAST_LEDGER_POLLER_PID"


def _exit_when_gone(pid: int) -> None:
    """Exit this process as soon as process `pid` has ended, watched by a daemon thread. A pidfd turns readable
    when its process exits and cannot be fooled by a reused pid; without one, the pid is checked every second."""
    try:
        fd: int | None = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(0)
    except (AttributeError, OSError):
        fd = None

    def watch() -> None:
        if fd is not None:
            select.select([fd], [], [])
        else:
            while True:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass
                time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name=f"exit-with-{pid}", daemon=True).start()


def _worker_start(poller: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_when_gone(poller)
    # The poller is the stage a poll waits on (it matches and stores feed after feed, alone); the workers only
    # have to keep ahead of it. With as many workers as cores, an even share of the cores would leave the poller
    # two thirds of one; a lower priority lets it run whenever it has work and the workers have the rest.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(WORKER_NICENESS)


@contextlib.contextmanager
def _poller_known() -> Iterator[None]:
    previous = os.environ.get(_POLLER_ENV)
    os.environ[_POLLER_ENV] = str(os.getpid())
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(_POLLER_ENV, None)
        else:
            os.environ[_POLLER_ENV] = previous


# Run in the fork server, which imports this module before it forks any worker (a forked worker inherits the
# module already imported, so this runs once per server). The poller started the server with its own pid in
# the environment; nothing else has that pid as its parent and the variable set.
if os.environ.get(_POLLER_ENV) == str(os.getppid()):
    _exit_when_gone(os.getppid())


def worker_count() -> int:
    """How many worker processes a poll of several feeds uses: none with one core or when turned off."""
    if os.environ.get("FORECAST_LEDGER_PARSE_WORKER", "1") == "0":
        return 0
    cores = os.cpu_count() or 1
    return min(MAX_WORKERS, cores) if cores > 1 else 0


def enabled() -> bool:
    return worker_count() > 0


class ParseWorker:
    """The worker processes of one poll, started on first use; `close()` (or leaving the `with` block) stops
    them. submit() never fails: without workers it prepares the feed in-process."""

    def __init__(self, workers: int | None = None) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False
        self._workers = max(1, workers if workers is not None else worker_count())

    def __enter__(self) -> ParseWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # A fork server, not a plain fork: the poller has threads (fetching, the scheduler) that fork would
            # copy mid-step. The server is one single-threaded process with feedparser loaded, started once per
            # poller process; each poll's workers are forked from it in milliseconds.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["feeds.workers", "feedparser"])
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=context,
                initializer=_worker_start,
                initargs=(os.getpid(),),
            )
        return self._pool

    def submit(
        self, content: bytes, url: str, headers: dict[str, str], fetched_at: datetime
    ) -> Future[Prepared]:
        if not self._broken:
            try:
                # The fork server and a worker process start inside the first submits.
                with _main_not_rerun(), _poller_known():
                    return self._executor().submit(prepare, content, url, headers, fetched_at)
            except (
                Exception
            ):  # no worker to be had here (a forked poller, no /dev/shm …): in-process
                self._give_up()
        done: Future[Prepared] = Future()
        done.set_result(prepare(content, url, headers, fetched_at))
        return done

    def result(
        self,
        future: Future[Prepared],
        content: bytes,
        url: str,
        headers: dict[str, Any],
        fetched_at: datetime,
    ) -> Prepared:
        try:
            return future.result()
        except Exception:  # the worker died or could not start: this feed, and the rest, in-process
            self._give_up()
            return prepare(content, url, headers, fetched_at)

    def _give_up(self) -> None:
        self._broken = True
        self.close(wait=False)

    def close(self, *, wait: bool = True) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            with contextlib.suppress(
                Exception
            ):  # a pool that never started has nothing to shut down
                pool.shutdown(wait=wait, cancel_futures=True)
