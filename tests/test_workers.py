"""The parse worker process: a poll of several feeds gives the same result with it and without it, and a
worker that cannot start or dies leaves parsing to the poller rather than failing the feed."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from feeds import workers
from feeds.ingest import poll
from feeds.registry import add_feed
from ledger.db import open_database
from ledger.models import Flag, NewsItem
from tests.test_demo import _free_port

NEWS = Path(__file__).resolve().parent.parent / "feeds" / "data" / "news"
FILES = [
    "moscowtimes-2025-03.xml",
    "moscowtimes-2025-04.xml",
    "bbc-2023-07.xml",
    "nyt-world-2023-07.xml",
]


def _poll_into(path: Path, base: str) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    from claims.importer import import_seed

    database = open_database(str(path), say=lambda _l: None)
    with database.write_session() as s:
        import_seed(s, actor="t")
    with database.write_session() as s:
        for name in FILES:
            add_feed(s, url=f"{base}/{name}", actor="t")
    summary = poll(database, mode="all", actor="t")
    assert summary.fetched == len(FILES) and summary.failures == 0
    with database.session() as s:
        items = sorted((i.dedupe_key, i.title, i.summary) for i in s.exec(select(NewsItem)))
        flags = sorted(
            (s.get(NewsItem, f.item_id).dedupe_key, f.question_id)  # type: ignore[union-attr]
            for f in s.exec(select(Flag))
        )
    database.dispose()
    return items, flags


def test_the_worker_changes_nothing_but_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from feeds.demo import serve_news

    with serve_news(NEWS, port=_free_port()) as base:
        monkeypatch.setenv("FORECAST_LEDGER_PARSE_WORKER", "1")
        with_worker = _poll_into(tmp_path / "a.db", base)
        monkeypatch.setenv("FORECAST_LEDGER_PARSE_WORKER", "0")
        in_process = _poll_into(tmp_path / "b.db", base)
    items_a, flags_a = with_worker
    items_b, flags_b = in_process
    assert len(items_a) > 100 and flags_a
    assert items_a == items_b
    # Flags depend on idf statistics that grow in fetch-completion order (concurrent fetches), so scores near
    # the threshold can flip between any two polls, worker or not; the bulk must agree. Questions get new
    # ids per ledger, so flags are compared by item.
    a, b = {k for k, _ in flags_a}, {k for k, _ in flags_b}
    assert len(a ^ b) <= 0.1 * len(a | b), (len(a), len(b), len(a ^ b))


def test_a_worker_that_cannot_start_leaves_parsing_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content = (NEWS / "bbc-2023-07.xml").read_bytes()
    parser = workers.ParseWorker()

    def no_processes(self: Any) -> Any:
        raise OSError("no processes here")

    monkeypatch.setattr(workers.ParseWorker, "_executor", no_processes)
    future = parser.submit(content, "http://example.org/feed", {})
    parsed, problem = future.result(timeout=30)
    assert problem is None and parsed is not None and len(parsed.entries) == 12
    # Once given up, later feeds go straight to in-process parsing.
    again, _ = parser.submit(b"<html><body>not a feed</body></html>", "http://x/", {}).result()
    assert again is None
    parser.close()


def test_a_worker_that_dies_leaves_parsing_in_process() -> None:
    content = (NEWS / "bbc-2023-07.xml").read_bytes()
    died: Future[workers.ParseResult] = Future()
    died.set_exception(BrokenProcessPool("worker died"))
    with workers.ParseWorker() as parser:
        parsed, problem = parser.result(died, content, "http://example.org/feed", {})
        assert problem is None and parsed is not None and len(parsed.entries) == 12
