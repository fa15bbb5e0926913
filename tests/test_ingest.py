"""feeds.ingest.poll against a real local HTTP server and a real database (SQLite file and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from claims.importer import import_seed
from claims.register import add_claim, add_question
from claims.resolve import resolve_question
from feeds import ingest, workers
from feeds.ingest import PollEvent, poll
from feeds.matching.index import CACHE
from feeds.matching.matcher import Scoring
from feeds.registry import add_feed, list_feeds, remove_feed
from ledger.db import Database
from ledger.events import verify
from ledger.models import Feed, Flag, NewsItem, Question
from tests.feed_server import NEWS_FILES, FeedServer, item, rss, serve

FAST: dict[str, Any] = {"connect_timeout": 2.0, "total_timeout": 5.0}
T0 = dt.datetime(2025, 3, 20, 12, 0, tzinfo=dt.UTC)
CEASEFIRE = "Will Russia and Ukraine agree to a general ceasefire by 2025-12-31?"
RFC822 = "%a, %d %b %Y %H:%M:%S +0000"
# Feeds added by a test are due from the moment they are added: a fixed poll time must come after that.
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=1)


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with serve() as s:
        yield s


def _feed(database: Database, url: str, interval: int | None = None) -> Feed:
    with database.write_session() as s:
        return add_feed(s, url=url, interval=interval, actor="tester").feed


def _question(
    database: Database,
    text: str,
    *,
    made_at: dt.datetime | None,
    watch: dict[str, Any] | None = None,
    resolve_by: dt.date | None = None,
) -> Question:
    with database.write_session() as s:
        q = add_question(s, text=text, watch=watch, resolve_by=resolve_by, actor="tester")
    if made_at is not None:
        with database.write_session() as s:
            add_claim(
                s,
                question=s.get(Question, q.id),  # type: ignore[arg-type]
                quote=f"claim on {text}",
                outlet="Test Outlet",
                probability=0.3,
                made_at=made_at,
                actor="tester",
            )
    return q


def _rows(database: Database, model: Any) -> list[Any]:
    with database.session() as s:
        return list(s.exec(select(model)).all())


def _feed_row(database: Database, feed_id: str) -> Feed:
    with database.session() as s:
        feed = s.get(Feed, feed_id)
        assert feed is not None
        return feed


def _listed(database: Database) -> list[dict[str, Any]]:
    with database.session() as s:
        return list_feeds(s)


def _ok(database: Database) -> None:
    with database.session() as s:
        report = verify(s)
    assert report.ok, report.problems


def _when(days: float) -> str:
    return (T0 + dt.timedelta(days=days)).strftime(RFC822)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    CACHE.clear()
    yield
    CACHE.clear()


# -- the real news sample against the seed ledger


def test_real_news_against_the_seed_ledger(database: Database, server: FeedServer) -> None:
    with database.write_session() as s:
        import_seed(s, actor="tester")
    feeds = [_feed(database, server.news_url(name)) for name in NEWS_FILES]
    events: list[PollEvent] = []

    first = poll(database, mode="due", fetch_options=FAST, progress=events.append)

    assert first.failures == 0 and first.fetched == len(NEWS_FILES)
    assert first.new_items == 5438  # the sample's README: 17 files, 5438 items, unique links
    assert first.new_flags > 100
    assert events[-1].done == events[-1].queued == len(feeds)
    with database.session() as s:
        flags = list(s.exec(select(Flag)).all())
        open_ids = set(s.exec(select(Question.id).where(Question.status == "open")).all())
        items = {i.id: i for i in s.exec(select(NewsItem)).all()}
    assert len(flags) == first.new_flags
    assert {f.question_id for f in flags} <= open_ids
    for flag in flags:
        assert flag.score >= Scoring().threshold and flag.matched_terms and flag.snippet
        assert flag.status == "new"
    # The mutiny of 24 June 2023 is flagged on the seed's mutiny question.
    mutiny = [f for f in flags if "mutiny" in " ".join(f.matched_terms).lower()]
    assert any("Wagner" in items[f.item_id].title for f in mutiny)

    # Every feed answers 304 to its validators: nothing new, nothing duplicated.
    again = poll(database, mode="all", fetch_options=FAST)
    assert (again.not_modified, again.new_items, again.new_flags) == (len(feeds), 0, 0)
    assert len(_rows(database, NewsItem)) == 5438
    listed = {f["id"]: f for f in _listed(database)}
    assert sum(f["items"] for f in listed.values()) == 5438
    assert all(f["status"] == "not modified" for f in listed.values())
    _ok(database)


# -- dedupe, transactions, crash safety


def _serve_doc(
    server: FeedServer, path: str, body: str, headers: dict[str, str] | None = None
) -> str:
    server.routes[path] = (
        200,
        {"Content-Type": "application/rss+xml", **(headers or {})},
        body.encode(),
    )
    return server.url(path)


def test_repolling_the_same_content_adds_nothing(database: Database, server: FeedServer) -> None:
    doc = rss(
        item("a", "Russia and Ukraine agree ceasefire", "Kremlin says truce holds", _when(1))
        + item("a", "Same guid again, ignored", "", _when(1))
        + "<item><link>https://example.org/x?utm_source=rss</link><title>No guid</title></item>"
        + "<item><title>Only a title</title><description>and text</description></item>"
    )
    url = _serve_doc(server, "/same", doc)  # no validators: every poll gets the full body
    feed = _feed(database, url)
    _question(database, CEASEFIRE, made_at=T0)
    first = poll(database, mode="one", feed_ref=feed.id, fetch_options=FAST)
    assert (first.fetched, first.new_items, first.new_flags) == (1, 3, 1)
    # Same document with reordered items and a tracking parameter changed.
    server.routes["/same"] = (
        200,
        {},
        rss(
            "<item><title>Only a title</title><description>and <b>text</b></description></item>"
            + "<item><link>https://EXAMPLE.org/x?utm_source=other#top</link><title>No guid</title></item>"
            + item("a", "Russia and Ukraine agree ceasefire (updated)", "", _when(1))
        ).encode(),
    )
    second = poll(database, mode="one", feed_ref=feed.id, fetch_options=FAST)
    assert (second.fetched, second.new_items, second.new_flags) == (1, 0, 0)
    keys = sorted(i.dedupe_key for i in _rows(database, NewsItem))
    # A guid is an identifier, kept as the feed gave it (no base URL is handed to feedparser).
    assert keys[0] == "guid:a" and keys[1].startswith("hash:")
    assert keys[2] == "url:https://example.org/x" and len(keys) == 3
    _ok(database)


def test_a_crash_mid_poll_loses_and_duplicates_nothing(
    database: Database, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _question(database, CEASEFIRE, made_at=T0)
    urls = [
        _serve_doc(
            server,
            f"/crash{n}",
            rss(
                item(f"c{n}-1", f"Russia Ukraine ceasefire talks round {n}", "truce", _when(1))
                + item(f"c{n}-2", f"Unrelated story {n}", "weather", _when(1))
            ),
        )
        for n in range(3)
    ]
    for url in urls:
        _feed(database, url)
    real_store = ingest._store
    calls = {"n": 0}
    paused: list[bool] = []

    def crashing_store(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            # Inside the feed's transaction, after its items were inserted: as if the process died there.
            def boom(*a: Any, **k: Any) -> Any:
                paused.append(not gc.isenabled())
                raise RuntimeError("power cut")

            monkeypatch.setattr(ingest.QuestionIndex, "match_many", boom)
            try:
                return real_store(*args, **kwargs)
            finally:
                monkeypatch.undo()
                monkeypatch.setattr(ingest, "_store", crashing_store)
        return real_store(*args, **kwargs)

    monkeypatch.setattr(ingest, "_store", crashing_store)
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="power cut"):
        poll(database, mode="due", fetch_options={**FAST, "concurrency": 1}, batch=3)
    monkeypatch.setattr(ingest, "_store", real_store)
    # The garbage collector is paused while a feed is matched (feeds.ingest._collector_paused), and on again after,
    # even when matching failed.
    assert paused == [True] and gc.isenabled()

    items = _rows(database, NewsItem)
    flags = _rows(database, Flag)
    assert len(items) == 2 and len(flags) == 1  # the first feed, whole; the second, nothing
    feeds = _rows(database, Feed)
    assert all(f.lease_owner is None for f in feeds)  # leases given back, not left to expire
    assert sum(f.last_checked_at is not None for f in feeds) == 1

    rerun = poll(database, mode="due", fetch_options=FAST)
    assert rerun.fetched == 2 and rerun.new_items == 4 and rerun.new_flags == 2
    assert len(_rows(database, NewsItem)) == 6 and len(_rows(database, Flag)) == 3
    _ok(database)


# -- matching rules


def test_only_open_questions_and_nothing_before_the_earliest_claim(
    database: Database, server: FeedServer
) -> None:
    early = _question(database, CEASEFIRE, made_at=T0)
    late = _question(
        database, CEASEFIRE.replace("2025-12-31", "2026-12-31"), made_at=T0 + dt.timedelta(days=5)
    )
    closed = _question(database, CEASEFIRE.replace("2025-12-31", "2027-12-31"), made_at=T0)
    unclaimed = _question(database, CEASEFIRE.replace("2025-12-31", "2028-12-31"), made_at=None)
    with database.write_session() as s:
        resolve_question(s, question=closed.id, outcome="no", actor="tester")
    doc = rss(
        item("before", "Russia and Ukraine ceasefire talks collapse", "No truce", _when(-3))
        + item("between", "Kremlin rejects Ukraine ceasefire plan", "No truce", _when(2))
        + item("after", "Russia and Ukraine sign ceasefire", "Truce begins", _when(7))
    )
    feed = _feed(database, _serve_doc(server, "/rules", doc))
    summary = poll(database, mode="one", feed_ref=feed.id, fetch_options=FAST)
    with database.session() as s:
        pairs = {
            (f.question_id, s.get(NewsItem, f.item_id).guid.rsplit("/", 1)[-1])  # type: ignore[union-attr]
            for f in s.exec(select(Flag)).all()
        }
    assert pairs == {
        (early.id, "between"),
        (early.id, "after"),
        (late.id, "after"),
        (unclaimed.id, "before"),
        (unclaimed.id, "between"),
        (unclaimed.id, "after"),
    }
    assert summary.new_flags == 6


def test_no_flag_long_after_the_deadline(database: Database, server: FeedServer) -> None:
    deadline = (T0 + dt.timedelta(days=10)).date()
    question = _question(database, CEASEFIRE, made_at=T0, resolve_by=deadline)
    doc = rss(
        item("confirming", "Kremlin rejects Ukraine ceasefire plan", "No truce", _when(30))
        + item("years-later", "Russia and Ukraine sign ceasefire", "Truce begins", _when(45))
    )
    feed = _feed(database, _serve_doc(server, "/window", doc))
    assert poll(database, mode="one", feed_ref=feed.id, fetch_options=FAST).new_flags == 1
    with database.session() as s:
        [flag] = s.exec(select(Flag)).all()
        assert flag.question_id == question.id
        assert s.get(NewsItem, flag.item_id).guid.endswith("confirming")  # type: ignore[union-attr]


def test_stored_watch_terms_are_used_and_new_questions_are_picked_up(
    database: Database, server: FeedServer
) -> None:
    watch = {
        "groups": [["Siemens"], ["Russia", "Russian"]],
        "boost": [],
        "phrases": [],
        "exclude": [],
    }
    siemens = _question(database, "Will the company leave the market?", made_at=T0, watch=watch)
    url = _serve_doc(
        server,
        "/pickup",
        rss(item("s1", "Siemens quits Russia", "Siemens ends Russian business", _when(1))),
    )
    feed = _feed(database, url)
    assert poll(database, mode="one", feed_ref=feed.id, fetch_options=FAST).new_flags == 1
    # A question added after a poll is in the next poll's index (the cached one is stale by the ledger).
    later = _question(database, "Will Russia ban Nestle products by 2026-01-01?", made_at=T0)
    server.routes["/pickup"] = (
        200,
        {},
        rss(
            item("n1", "Russia bans Nestle products", "Nestle banned in Russia", _when(2))
        ).encode(),
    )
    assert poll(database, mode="one", feed_ref=feed.id, fetch_options=FAST).new_flags == 1
    with database.session() as s:
        flagged = [f.question_id for f in s.exec(select(Flag).order_by(col(Flag.created_at))).all()]
    assert set(flagged) == {siemens.id, later.id}


# -- feed state


def test_bozo_with_entries_is_a_warning_and_server_hints_push_the_next_check(
    database: Database, server: FeedServer
) -> None:
    bozo = _serve_doc(server, "/bozo", rss(item("b1", "A & B", "", _when(1))))
    ttl = _serve_doc(server, "/ttl", rss(item("t1", "T", "", _when(1)), extra="<ttl>180</ttl>"))
    cached = _serve_doc(
        server, "/maxage", rss(item("m1", "M", "", _when(1))), {"Cache-Control": "max-age=7200"}
    )
    ids = [_feed(database, u).id for u in (bozo, ttl, cached)]
    summary = poll(database, mode="due", now=NOW, fetch_options=FAST)
    assert summary.fetched == 3 and summary.failures == 0
    b, t, m = (_feed_row(database, i) for i in ids)
    assert b.last_status == "ok" and b.warning and "not well-formed" in b.warning
    assert b.consecutive_errors == 0 and b.last_error is None
    assert NOW + dt.timedelta(minutes=60) <= b.next_check_at <= NOW + dt.timedelta(minutes=66)
    assert NOW + dt.timedelta(minutes=180) <= t.next_check_at <= NOW + dt.timedelta(minutes=198)
    assert NOW + dt.timedelta(minutes=120) <= m.next_check_at <= NOW + dt.timedelta(minutes=132)
    assert t.title == "Test feed" and t.last_http_status == 200
    listed = {f["id"]: f for f in _listed(database)}
    assert listed[b.id]["status"] == "warning"
    # Not due yet, so --due leaves them; --all polls them anyway.
    assert (
        len(
            poll(database, mode="due", now=NOW + dt.timedelta(minutes=30), fetch_options=FAST).feeds
        )
        == 0
    )
    assert (
        len(
            poll(database, mode="all", now=NOW + dt.timedelta(minutes=30), fetch_options=FAST).feeds
        )
        == 3
    )


def test_failures_back_off_and_disable_after_30_days_then_one_poll_revives(
    database: Database, server: FeedServer
) -> None:
    server.routes["/flaky"] = (500, {}, b"oops")
    feed = _feed(database, server.url("/flaky"))
    when = NOW
    for expected_errors in (1, 2, 3):
        summary = poll(database, mode="due", now=when, fetch_options=FAST)
        assert summary.failures == 1
        row = _feed_row(database, feed.id)
        assert row.consecutive_errors == expected_errors
        assert row.last_error == "HTTP 500 Internal Server Error" and row.last_http_status == 500
        assert row.first_error_at == NOW and not row.disabled
        wait = 60 * 2 ** (expected_errors - 1)
        assert (
            when + dt.timedelta(minutes=wait)
            <= row.next_check_at
            <= when + dt.timedelta(minutes=wait * 1.1)
        )
        when = row.next_check_at
    later = NOW + dt.timedelta(days=30, minutes=1)
    poll(database, mode="due", now=later, fetch_options=FAST)
    row = _feed_row(database, feed.id)
    assert row.disabled and row.consecutive_errors == 4
    listed = _listed(database)[0]
    assert listed["status"] == "disabled" and listed["next_check_at"] is None
    assert (
        poll(database, mode="due", now=later + dt.timedelta(days=2), fetch_options=FAST).feeds == []
    )
    # Asked for by name, a disabled feed is polled; success enables it again.
    server.routes["/flaky"] = (200, {}, rss(item("f1", "Back", "", _when(31))).encode())
    revived = poll(database, mode="one", feed_ref=feed.id[:8], now=later, fetch_options=FAST)
    assert revived.fetched == 1
    row = _feed_row(database, feed.id)
    assert not row.disabled and row.consecutive_errors == 0 and row.first_error_at is None


# -- leases and stopping


def test_feeds_leased_by_a_live_worker_are_left_alone(
    database: Database, server: FeedServer
) -> None:
    urls = [
        _serve_doc(server, f"/lease{n}", rss(item(f"l{n}", "x", "", _when(1)))) for n in range(3)
    ]
    ids = [_feed(database, u).id for u in urls]
    with database.write_session() as s:
        s.execute(
            sa.update(Feed)
            .where(col(Feed.id) == ids[0])
            .values(lease_owner="other", lease_until=NOW + dt.timedelta(minutes=10))
        )
        s.execute(
            sa.update(Feed)
            .where(col(Feed.id) == ids[1])
            .values(lease_owner="crashed", lease_until=NOW - dt.timedelta(minutes=1))
        )
        s.commit()
    summary = poll(database, mode="due", now=NOW, fetch_options=FAST)
    assert {o.feed_id for o in summary.feeds} == {ids[1], ids[2]}  # the expired lease is taken over
    assert _feed_row(database, ids[0]).lease_owner == "other"
    assert _feed_row(database, ids[1]).lease_owner is None
    with pytest.raises(Exception, match="being polled by other"):
        poll(database, mode="one", feed_ref=ids[0], now=NOW, fetch_options=FAST)


def test_stop_ends_the_poll_after_the_feed_in_hand(database: Database, server: FeedServer) -> None:
    urls = [
        _serve_doc(server, f"/stop{n}", rss(item(f"s{n}", "x", "", _when(1)))) for n in range(6)
    ]
    for u in urls:
        _feed(database, u)
    stop = threading.Event()

    def progress(event: PollEvent) -> None:
        if event.outcome is not None:
            stop.set()

    summary = poll(
        database, mode="due", now=NOW, fetch_options={**FAST, "concurrency": 1}, stop=stop,
        progress=progress, batch=3,
    )  # fmt: skip
    assert summary.stopped and len(summary.feeds) == 1
    feeds = _rows(database, Feed)
    assert all(f.lease_owner is None and f.lease_until is None for f in feeds)
    assert sum(f.last_checked_at is not None for f in feeds) == 1
    rest = poll(database, mode="due", now=NOW, fetch_options=FAST)
    assert len(rest.feeds) == 5 and not rest.stopped


class _HeldBack:
    """Stands in for the worker processes: prepares feeds at once (feeds.workers.prepare, in this process) but
    holds back the result for the URL ending in /slow until `release` is set, as a worker still parsing a large
    feed would."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def submit(
        self, content: bytes, url: str, headers: dict[str, str], fetched_at: dt.datetime
    ) -> Any:
        future: Future[workers.Prepared] = Future()
        prepared = workers.prepare(content, url, headers, fetched_at)
        if url.endswith("/slow"):

            def later() -> None:
                self.release.wait(20)
                future.set_result(prepared)

            threading.Thread(target=later, daemon=True).start()
        else:
            future.set_result(prepared)
        return future

    def result(self, future: Future[workers.Prepared], *_: Any) -> workers.Prepared:
        return future.result()

    def close(self) -> None:
        self.release.set()


def test_a_feed_still_being_parsed_does_not_hold_back_the_feeds_after_it(
    database: Database, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls = [
        _serve_doc(server, f"/order{n}", rss(item(f"o{n}", f"story {n}", "", _when(1))))
        for n in range(4)
    ]
    slow = _serve_doc(server, "/order/slow", rss(item("slow", "big feed", "", _when(1))))
    for url in [slow, *urls]:  # the slow feed is leased first
        _feed(database, url)
    held = _HeldBack()
    monkeypatch.setattr(workers, "ParseWorker", lambda: held)
    monkeypatch.setattr(workers, "enabled", lambda: True)
    monkeypatch.setattr(ingest, "WORKERS_FROM_BYTES", 0)
    stored: list[str] = []

    def progress(event: PollEvent) -> None:
        if event.outcome is not None:
            stored.append(event.outcome.url)
            if len(stored) == len(urls):
                held.release.set()

    summary = poll(database, mode="due", now=NOW, fetch_options=FAST, progress=progress, batch=2)
    assert summary.fetched == 5 and summary.new_items == 5
    assert sorted(stored[:-1]) == sorted(urls) and stored[-1] == slow
    _ok(database)


@pytest.mark.parametrize("threshold", [None, 1.5])
def test_workers_start_only_for_enough_to_parse(
    database: Database,
    server: FeedServer,
    monkeypatch: pytest.MonkeyPatch,
    threshold: float | None,
) -> None:
    """A poll of a few small feeds prepares them in-process; once the bytes fetched reach the threshold, the
    feeds held back until then go to the workers along with the rest."""
    bodies = [rss(item(f"w{n}", f"story {n}", "x" * 500, _when(1))) for n in range(4)]
    urls = [_serve_doc(server, f"/threshold{n}", body) for n, body in enumerate(bodies)]
    for url in urls:
        _feed(database, url)
    if threshold is not None:
        monkeypatch.setattr(ingest, "WORKERS_FROM_BYTES", int(threshold * len(bodies[0].encode())))
    monkeypatch.setattr(workers, "enabled", lambda: True)
    submitted: list[str] = []
    real_submit = workers.ParseWorker.submit

    def counted(self: workers.ParseWorker, content: bytes, url: str, *args: Any) -> Any:
        submitted.append(url)
        return real_submit(self, content, url, *args)

    monkeypatch.setattr(workers.ParseWorker, "submit", counted)
    summary = poll(database, mode="due", now=NOW, fetch_options=FAST, batch=4)
    assert summary.fetched == 4 and summary.new_items == 4
    assert sorted(submitted) == ([] if threshold is None else sorted(urls))
    _ok(database)


# -- removing feeds


def test_remove_keeps_feeds_whose_items_are_evidence(
    database: Database, server: FeedServer
) -> None:
    q = _question(database, CEASEFIRE, made_at=T0)
    a = _feed(
        database,
        _serve_doc(server, "/rm-a", rss(item("a1", "Russia Ukraine ceasefire", "truce", _when(1)))),
    )
    b = _feed(
        database,
        _serve_doc(
            server, "/rm-b", rss(item("b1", "Russia Ukraine ceasefire deal", "truce", _when(1)))
        ),
    )
    assert poll(database, mode="due", fetch_options=FAST).new_flags == 2
    with database.session() as s:
        flag_a = s.exec(select(Flag).join(NewsItem).where(NewsItem.feed_id == a.id)).one()
    with database.write_session() as s:
        resolve_question(s, question=q.id, outcome="yes", evidence=[flag_a.id], actor="tester")

    with database.write_session() as s:
        kept = remove_feed(s, a.id, actor="tester")
    with database.write_session() as s:
        gone = remove_feed(s, b.url, actor="tester")
    assert kept.kept and kept.evidence_items == 1 and "will not be polled again" in kept.line()
    assert not gone.kept and gone.items == 1 and gone.flags == 1
    feeds = {f.id: f for f in _rows(database, Feed)}
    assert set(feeds) == {a.id} and feeds[a.id].disabled
    assert len(_rows(database, NewsItem)) == 1 and len(_rows(database, Flag)) == 1
    assert poll(database, mode="all", fetch_options=FAST).feeds == []
    with pytest.raises(Exception, match="was removed"):
        poll(database, mode="one", feed_ref=a.id, fetch_options=FAST)
    with database.write_session() as s:
        again = add_feed(s, url=a.url, actor="tester")
    assert again.reactivated and not again.created
    assert poll(database, mode="due", fetch_options=FAST).not_modified + 1 >= 1
    _ok(database)
