"""A second process that parses fetched feeds, so that parsing one feed overlaps storing the one before.

feedparser is pure Python and holds the interpreter lock for most of a poll; with two cores, a worker process
parses while the poller normalises, matches and stores. A poll of several feeds starts one and shuts it down
when it ends, so no process outlives the poll (a long-lived pool would hang the exit of a forked worker
process, which joins its children). The worker ignores SIGINT (Ctrl-C stops the poller, which finishes the
feed in hand), and if it dies, parsing goes on in-process. FORECAST_LEDGER_PARSE_WORKER=0 turns it off.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from feeds.parse import FeedParseError, ParsedFeed, parse_feed

ParseResult = tuple[ParsedFeed | None, str | None]


def parse_or_error(content: bytes, url: str, headers: dict[str, str]) -> ParseResult:
    """(parsed feed, None), or (None, the reason it is not a usable feed): values cross processes, exceptions
    with custom fields do not."""
    try:
        return parse_feed(content, url=url, headers=headers), None
    except FeedParseError as exc:
        return None, exc.message


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def enabled() -> bool:
    return os.environ.get("FORECAST_LEDGER_PARSE_WORKER", "1") != "0" and (os.cpu_count() or 1) > 1


class ParseWorker:
    """One spawned worker process, started on first use; `close()` (or leaving the `with` block) stops it."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False

    def __enter__(self) -> ParseWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # A fork server, not a plain fork: the poller has threads (fetching, the scheduler) that fork would
            # copy mid-step. The server is one single-threaded process with feedparser loaded, started once per
            # poller process; each poll's worker is forked from it in milliseconds.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["feeds.workers", "feedparser"])
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=context, initializer=_ignore_sigint
            )
        return self._pool

    def submit(self, content: bytes, url: str, headers: dict[str, str]) -> Future[ParseResult]:
        if not self._broken:
            try:
                return self._executor().submit(parse_or_error, content, url, headers)
            except (
                Exception
            ):  # no worker to be had here (a forked poller, no /dev/shm …): parse in-process
                self._give_up()
        done: Future[ParseResult] = Future()
        done.set_result(parse_or_error(content, url, headers))
        return done

    def result(
        self, future: Future[ParseResult], content: bytes, url: str, headers: dict[str, Any]
    ) -> ParseResult:
        try:
            return future.result()
        except Exception:  # the worker died or could not start: this feed, and the rest, in-process
            self._give_up()
            return parse_or_error(content, url, headers)

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
