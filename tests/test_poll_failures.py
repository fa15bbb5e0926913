"""How a poll treats feeds that fail: a broken feed stays visibly broken until it parses (a 304 proves nothing),
410 Gone disables, an empty feed with an HTML entity in its title is no failure, a poll in which every feed failed
exits non-zero, and Ctrl-C says what it stopped."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from feeds.ingest import poll
from feeds.matching.index import CACHE
from feeds.registry import add_feed
from ledger.db import Database, open_database
from ledger.models import Feed
from tests.conftest import installed_cli
from tests.feed_server import NEWS_FILES, FeedServer, item, rss, serve

FAST: dict[str, Any] = {"connect_timeout": 2.0, "total_timeout": 5.0}
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=1)


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with serve() as s:
        yield s


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    CACHE.clear()
    yield
    CACHE.clear()


def _feed(database: Database, url: str) -> str:
    with database.write_session() as s:
        return add_feed(s, url=url, actor="tester").feed.id


def _row(database: Database, feed_id: str) -> Feed:
    with database.session() as s:
        feed = s.get(Feed, feed_id)
        assert feed is not None
        return feed


def test_a_broken_feed_stays_broken_until_it_parses(database: Database, server: FeedServer) -> None:
    asked: list[str | None] = []
    state = {"body": b"<rss version='2.0'><channel><title>T</title><<<", "always_304": False}

    def route(handler: BaseHTTPRequestHandler) -> None:
        validator = handler.headers.get("If-None-Match")
        asked.append(validator)
        if state["always_304"] or validator == '"v1"':
            handler.send_response(304)
            handler.send_header("ETag", '"v1"')
            handler.end_headers()
            return
        body = state["body"]
        assert isinstance(body, bytes)
        handler.send_response(200)
        handler.send_header("ETag", '"v1"')
        handler.send_header("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    server.routes["/broken-with-validators"] = route
    feed_id = _feed(database, server.url("/broken-with-validators"))

    first = poll(database, mode="one", feed_ref=feed_id, now=NOW, fetch_options=FAST)
    assert first.failures == 1
    broken = _row(database, feed_id)
    assert broken.consecutive_errors == 1 and "not well-formed" in (broken.last_error or "")
    assert (
        broken.etag is None and broken.last_modified is None
    )  # a failed response's validators are dropped

    # The next request is unconditional, so the server sends the (still broken) body again.
    second = poll(database, mode="one", feed_ref=feed_id, now=NOW, fetch_options=FAST)
    assert second.failures == 1 and asked[-1] is None
    assert _row(database, feed_id).consecutive_errors == 2

    # A server that answers 304 whatever it is asked does not make the feed look healthy.
    state["always_304"] = True
    third = poll(database, mode="one", feed_ref=feed_id, now=NOW, fetch_options=FAST)
    assert third.failures == 1 and third.not_modified == 0
    row = _row(database, feed_id)
    assert row.consecutive_errors == 3 and row.last_status == "error"
    assert row.last_error is not None and row.last_error.startswith("still failing (the server")
    assert "not well-formed" in row.last_error

    # Once it parses, it is healthy again, and then a 304 is just "not modified".
    state["always_304"] = False
    state["body"] = rss(item("g1", "Back", "")).encode()
    fourth = poll(database, mode="one", feed_ref=feed_id, now=NOW, fetch_options=FAST)
    assert fourth.fetched == 1 and fourth.failures == 0
    row = _row(database, feed_id)
    assert row.consecutive_errors == 0 and row.last_error is None and row.etag == '"v1"'
    fifth = poll(database, mode="one", feed_ref=feed_id, now=NOW, fetch_options=FAST)
    assert fifth.not_modified == 1 and asked[-1] == '"v1"'


def test_410_gone_disables_the_feed(database: Database, server: FeedServer) -> None:
    server.routes["/gone"] = (410, {}, b"gone")
    feed_id = _feed(database, server.url("/gone"))
    summary = poll(database, mode="due", now=NOW, fetch_options=FAST)
    assert summary.failures == 1 and summary.feeds[0].disabled
    row = _row(database, feed_id)
    assert row.disabled and row.consecutive_errors == 1
    assert row.last_error is not None and row.last_error.startswith(
        "HTTP 410 Gone: the feed was removed"
    )
    # Not polled again by --due, unlike a temporary error.
    assert (
        poll(database, mode="due", now=NOW + dt.timedelta(days=2), fetch_options=FAST).feeds == []
    )


@pytest.mark.parametrize(
    "document",
    [
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Caf&eacute; &amp; news</title>"
        "<link>https://example.org/</link></channel></rss>",
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>A &mdash; B</title></feed>",
    ],
    ids=["rss", "atom"],
)
def test_an_empty_feed_with_an_html_entity_is_not_a_failure(
    database: Database, server: FeedServer, document: str
) -> None:
    path = f"/empty-entity-{len(document)}"
    server.routes[path] = (200, {"Content-Type": "application/rss+xml"}, document.encode())
    feed_id = _feed(database, server.url(path))
    summary = poll(database, mode="due", now=NOW, fetch_options=FAST)
    assert (summary.fetched, summary.failures, summary.new_items) == (1, 0, 0)
    row = _row(database, feed_id)
    assert (
        row.last_status == "ok"
        and row.consecutive_errors == 0
        and "undefined entity" in (row.warning or "")
    )


def test_a_poll_in_which_every_feed_failed_exits_3(cli: Any, server: FeedServer) -> None:
    server.routes["/down"] = (503, {}, b"down")
    server.routes["/ok"] = (200, {}, rss(item("o1", "Fine", "")).encode())
    assert cli(["feeds", "add", server.url("/down")]).exit_code == 0
    every = cli(["feeds", "poll", "--due"])
    assert every.exit_code == 3 and "1 failure" in every.stdout
    assert "failed: HTTP 503 Service Unavailable" in every.stderr
    down_id = cli(["feeds", "list", "--json"]).stdout.split('"id": "')[1][:8]
    named = cli(["feeds", "poll", down_id, "--json"])
    assert named.exit_code == 3 and '"failures": 1' in named.stdout
    assert cli(["feeds", "add", server.url("/ok")]).exit_code == 0
    some = cli(["feeds", "poll", "--all"])
    assert some.exit_code == 0 and "1 fetched" in some.stdout and "1 failure" in some.stdout
    nothing = cli(["feeds", "poll", "--due"])
    assert nothing.exit_code == 0 and nothing.stdout.startswith("0 feeds polled")


def test_ctrl_c_stops_after_the_feed_in_hand_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    with serve() as server:
        server.delay = 0.8
        database = open_database(str(db), say=lambda _l: None)
        with database.write_session() as s:
            for name in NEWS_FILES[:6]:
                add_feed(s, url=server.news_url(name), actor="t")
        database.dispose()
        env = {**os.environ, "FORECAST_LEDGER_DB": str(db), "NO_COLOR": "1"}
        poller = subprocess.Popen(
            [installed_cli(), "feeds", "poll", "--all"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 30
            while server.hit_count("/news/" + NEWS_FILES[0]) == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.3)
            poller.send_signal(signal.SIGINT)
            out, err = poller.communicate(timeout=60)
        finally:
            if poller.poll() is None:
                poller.kill()
    assert poller.returncode == 130, (out, err)
    assert "(stopped early)" in out and "Traceback" not in err
    assert "Interrupted: the poll stopped after the feed in hand;" in err
    assert err.count("Interrupted") == 1
