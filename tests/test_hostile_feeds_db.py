"""Hostile feeds end to end: each one's error is recorded on the feed in the database and the poll goes on to the
next feed, within the fetch timeouts and with memory bounded, on SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import tracemalloc
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import select

from feeds.ingest import poll
from feeds.registry import add_feed
from ledger.db import Database
from ledger.models import Feed, NewsItem
from tests.feed_server import FeedServer, item, never_answer, rss, serve, stream_forever

MIB = 1024 * 1024
FAST: dict[str, Any] = {"connect_timeout": 1.0, "total_timeout": 1.5, "max_bytes": 2 * MIB}
GOOD = rss(
    item("urn:good", "Kremlin comments on talks", "Peskov spoke", "Mon, 03 Jul 2023 10:00:00 +0000")
)


def _gzip_bomb(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MIB)
    return b"".join([*(packer.compress(zeros) for _ in range(size // MIB)), packer.flush()])


# path -> (what the route serves, expected last_status, expected error or warning text)
CASES: dict[str, tuple[str, str]] = {
    "/304": ("not_modified", ""),
    "/404": ("error", "HTTP 404 Not Found"),
    "/410": ("error", "HTTP 410 Gone"),
    "/429": ("error", "HTTP 429 Too Many Requests"),
    "/500": ("error", "HTTP 500 Internal Server Error"),
    "/loop-a": ("error", "too many redirects"),
    "/hang": ("error", "timed out after 1.5 s"),
    "/trickle": ("error", "timed out after 1.5 s"),
    "/huge": ("error", "body larger than 2 MiB"),
    "/huge-undeclared": ("error", "body larger than 2 MiB"),
    "/bomb": ("error", "decompressed body larger than 2 MiB"),
    "/invalid-xml": ("error", "not well-formed XML"),
    "/wrong-encoding": ("ok", "wrong declared encoding"),
    "/html": ("error", "an HTML page, not a feed"),
    "/empty": ("error", "empty body"),
    "/enormous-entry": ("ok", ""),
}


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with serve() as s:
        rss_type = {"Content-Type": "application/rss+xml"}
        s.routes.update(
            {
                "/304": (304, {"ETag": '"x"'}, b""),
                "/404": (404, {}, b"not here"),
                "/410": (410, {}, b"gone"),
                "/429": (429, {"Retry-After": "7200"}, b"slow down"),
                "/500": (500, {}, b"oops"),
                "/loop-a": (302, {"Location": "/loop-b"}, b""),
                "/loop-b": (302, {"Location": "/loop-a"}, b""),
                "/hang": never_answer(s),
                "/trickle": stream_forever(b"<", 0.05, 10**9, s),
                "/huge": (200, {}, b""),  # replaced below: declared 100 MB
                "/huge-undeclared": stream_forever(b"x" * 65536, 0.0, 100 * 1000 * 1000, s),
                "/bomb": (200, {"Content-Encoding": "gzip", **rss_type}, _gzip_bomb(64 * MIB)),
                "/invalid-xml": (200, rss_type, b"<rss><channel><<<"),
                "/wrong-encoding": (
                    200,
                    {"Content-Type": "application/rss+xml; charset=utf-8"},
                    rss(item("urn:w", "Zürich café", "Genève")).encode("latin-1"),
                ),
                "/html": (
                    200,
                    {"Content-Type": "text/html"},
                    b"<!DOCTYPE html><html><body>Hi</body></html>",
                ),
                "/empty": (200, rss_type, b""),
                "/enormous-entry": (
                    200,
                    rss_type,
                    rss(item("urn:big", "Big", "lorem ipsum " * 150_000)).encode(),
                ),
                "/good": (200, rss_type, GOOD.encode()),
                "/good-gzip": (
                    200,
                    {"Content-Encoding": "gzip", **rss_type},
                    gzip.compress(GOOD.encode()),
                ),
            }
        )

        def huge(handler: Any) -> None:
            handler.send_response(200)
            handler.send_header("Content-Length", str(100 * 1000 * 1000))
            handler.end_headers()
            with contextlib.suppress(OSError):
                handler.wfile.write(b"x" * 65536)
            handler.close_connection = True

        s.routes["/huge"] = huge
        yield s


def test_every_hostile_feed_is_recorded_and_the_poll_goes_on(
    database: Database, server: FeedServer
) -> None:
    # Good feeds before, between and after the hostile ones, so "goes on" is seen whatever the order.
    paths = ["/good", *list(CASES)[:8], "/good-gzip", *list(CASES)[8:]]
    with database.write_session() as s:
        ids = {p: add_feed(s, url=server.url(p), actor="tester").feed.id for p in paths}
    with database.write_session() as s:
        # The 304 case needs validators to send: as if an earlier poll had stored them.
        feed = s.get(Feed, ids["/304"])
        assert feed is not None
        feed.etag = '"x"'
        s.add(feed)
        s.commit()

    started = dt.datetime.now(dt.UTC)
    tracemalloc.start()
    try:
        summary = poll(database, mode="due", fetch_options=FAST, batch=len(paths))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert len(summary.feeds) == len(paths)
    assert (
        summary.fetched == 4
    )  # two good feeds, the wrong encoding (a warning) and the enormous entry
    assert summary.not_modified == 1
    assert summary.failures == len(CASES) - 3
    # 64 MiB bomb, 100 MB bodies: never held; the 2 MiB cap plus parsing and bookkeeping bound the peak.
    assert peak < 48 * MIB, f"peak {peak / MIB:.1f} MiB"

    with database.session() as s:
        feeds = {f.id: f for f in s.exec(select(Feed)).all()}
        items = {i.feed_id: i for i in s.exec(select(NewsItem)).all()}
    for path, (status, text) in CASES.items():
        row = feeds[ids[path]]
        assert row.last_status == status, (path, row.last_status, row.last_error)
        assert row.last_checked_at is not None and row.last_checked_at >= started
        assert row.lease_owner is None and row.next_check_at > started
        if status == "error":
            assert row.consecutive_errors == 1 and row.first_error_at is not None, path
            assert text in (row.last_error or ""), (path, row.last_error)
        else:
            assert row.last_error is None and row.consecutive_errors == 0, path
            if text:
                assert text in (row.warning or ""), (path, row.warning)
    assert feeds[ids["/429"]].next_check_at >= started + dt.timedelta(
        hours=2
    )  # Retry-After honoured
    assert feeds[ids["/404"]].last_http_status == 404
    assert items[ids["/wrong-encoding"]].title == "Zürich café"
    big = items[ids["/enormous-entry"]]
    assert big.title == "Big" and 3000 < len(big.summary) <= 4000  # stored, cut to the summary cap
    for good in ("/good", "/good-gzip"):
        assert feeds[ids[good]].last_status == "ok"
        assert items[ids[good]].title == "Kremlin comments on talks"
