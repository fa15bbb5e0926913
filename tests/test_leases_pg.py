"""Several workers polling one ledger at once share the due feeds through row leases: no feed is fetched twice.

Real processes against the real database (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: the write lock) and a local
HTTP server that counts requests per feed."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import select

from claims.importer import import_seed
from feeds.registry import add_feed
from ledger.db import open_database
from ledger.events import verify
from ledger.models import Feed, Flag, NewsItem
from tests.conftest import installed_cli
from tests.feed_server import NEWS_FILES, FeedServer, serve

WORKERS = 4
NEWS_ITEMS = 5438


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serve() as s:
        yield s


def _setup(db_url: str, server: FeedServer, *, seed: bool) -> None:
    database = open_database(db_url, say=lambda _line: None)
    try:
        if seed:
            with database.write_session() as s:
                import_seed(s, actor="tester")
        with database.write_session() as s:
            for name in NEWS_FILES:
                add_feed(s, url=server.news_url(name), actor="tester")
    finally:
        database.dispose()


def _worker(db_url: str, barrier: Any, results: Any, n: int) -> None:
    from feeds.ingest import poll

    database = open_database(db_url, say=lambda _line: None)
    try:
        barrier.wait(timeout=60)
        summary = poll(database, mode="due", worker=f"w{n}", batch=2)
        results.put((n, [o.feed_id for o in summary.feeds], summary.new_items, summary.failures))
    finally:
        database.dispose()


def _check_ledger(db_url: str, *, flags: bool) -> None:
    database = open_database(db_url, say=lambda _line: None)
    try:
        with database.session() as s:
            feeds = s.exec(select(Feed)).all()
            assert all(f.last_status == "ok" and f.lease_owner is None for f in feeds)
            assert len(s.exec(select(NewsItem.id)).all()) == NEWS_ITEMS
            assert (len(s.exec(select(Flag.id)).all()) > 0) == flags
            report = verify(s)
            assert report.ok, report.problems
    finally:
        database.dispose()


def test_worker_processes_share_due_feeds_and_fetch_none_twice(
    db_url: str, server: FeedServer
) -> None:
    _setup(db_url, server, seed=False)
    server.delay = 0.2  # every fetch takes a while, so the workers' batches overlap
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(db_url, barrier, results, n)) for n in range(WORKERS)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert all(p.exitcode == 0 for p in procs), [p.exitcode for p in procs]
    done = [results.get(timeout=5) for _ in procs]

    polled = [fid for _, ids, _, _ in done for fid in ids]
    assert len(polled) == len(set(polled)) == len(NEWS_FILES)
    assert sum(items for _, _, items, _ in done) == NEWS_ITEMS
    assert all(failures == 0 for *_, failures in done)
    assert sum(1 for _, ids, _, _ in done if ids) >= 2  # the work was shared
    for name in NEWS_FILES:
        assert server.hit_count(f"/news/{name}") == 1, name
    _check_ledger(db_url, flags=False)


def test_installed_cli_workers_poll_due_feeds_once(db_url: str, server: FeedServer) -> None:
    _setup(db_url, server, seed=True)
    server.delay = 0.1
    env = {"FORECAST_LEDGER_DB": db_url, "NO_COLOR": "1", "FORECAST_LEDGER_ACTOR": "tester"}
    procs = [
        subprocess.Popen(
            [installed_cli(), "feeds", "poll", "--due", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **env},
            stdin=subprocess.DEVNULL,
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    summaries = [json.loads(out) for out, _ in outputs]
    polled = [f["feed_id"] for s in summaries for f in s["feeds"]]
    assert len(polled) == len(set(polled)) == len(NEWS_FILES)
    assert sum(s["new_items"] for s in summaries) == NEWS_ITEMS
    for name in NEWS_FILES:
        assert server.hit_count(f"/news/{name}") == 1, name
    _check_ledger(db_url, flags=True)
