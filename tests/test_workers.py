"""The worker processes that prepare feeds: a poll of several feeds gives the same result with it and without it, and a
worker that cannot start or dies leaves parsing to the poller rather than failing the feed."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from feeds import ingest, workers
from feeds.ingest import poll
from feeds.matching.matcher import analyze_item
from feeds.registry import add_feed
from ledger.db import open_database
from ledger.models import Flag, NewsItem
from tests.test_demo import _free_port

FETCHED = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
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
        monkeypatch.setattr(ingest, "WORKERS_FROM_BYTES", 0)  # these feeds are small
        results: list[workers.Prepared] = []
        real_result = workers.ParseWorker.result

        def counted(self: workers.ParseWorker, *args: Any) -> workers.Prepared:
            prepared = real_result(self, *args)
            results.append(prepared)
            return prepared

        gave_up: list[bool] = []
        real_give_up = workers.ParseWorker._give_up

        def give_up(self: workers.ParseWorker) -> None:
            gave_up.append(True)
            real_give_up(self)

        monkeypatch.setattr(workers.ParseWorker, "result", counted)
        monkeypatch.setattr(workers.ParseWorker, "_give_up", give_up)
        with_worker = _poll_into(tmp_path / "a.db", base)
        # every feed came back from a worker process (one that fails falls back in-process, silently)
        assert len(results) == len(FILES) and not gave_up
        monkeypatch.setenv("FORECAST_LEDGER_PARSE_WORKER", "0")
        in_process = _poll_into(tmp_path / "b.db", base)
        assert len(results) == len(FILES)
    items_a, flags_a = with_worker
    items_b, flags_b = in_process
    assert len(items_a) > 100 and flags_a
    assert items_a == items_b
    # Flags depend on idf statistics that grow in fetch-completion order (concurrent fetches), so scores near
    # the threshold can flip between any two polls, worker or not; the bulk must agree. Questions get new
    # ids per ledger, so flags are compared by item.
    a, b = {k for k, _ in flags_a}, {k for k, _ in flags_b}
    assert len(a ^ b) <= 0.1 * len(a | b), (len(a), len(b), len(a ^ b))


def test_a_worker_prepares_exactly_what_the_poller_would() -> None:
    content = (NEWS / "bbc-2023-07.xml").read_bytes()
    here = workers.prepare(content, "http://example.org/feed", {}, FETCHED)
    with workers.ParseWorker(workers=1) as parser:
        there = parser.submit(content, "http://example.org/feed", {}, FETCHED).result(timeout=60)
    assert there == here
    assert here.feed is not None and here.feed.entries == [] and len(here.entries) == 12
    assert here.analyses == [analyze_item(e.title, e.summary) for e in here.entries]
    # A document that is not a feed comes back as its reason, not as an exception.
    with workers.ParseWorker(workers=1) as parser:
        html = parser.submit(b"<html><body>hi</body></html>", "http://x/", {}, FETCHED).result(60)
    assert html.feed is None and html.problem == "an HTML page, not a feed" and html.entries == []


def test_workers_yield_the_cores_to_the_poller() -> None:
    # The poller matches and stores feed after feed alone: the workers run at a lower priority than it.
    with workers.ParseWorker(workers=1) as parser:
        parser.submit((NEWS / "bbc-2023-07.xml").read_bytes(), "http://x/", {}, FETCHED).result(60)
        theirs = parser._executor().submit(os.nice, 0).result(timeout=60)
    # 19 is the lowest priority there is.
    assert theirs == min(19, os.nice(0) + workers.WORKER_NICENESS)


def test_a_worker_that_cannot_start_leaves_parsing_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content = (NEWS / "bbc-2023-07.xml").read_bytes()
    parser = workers.ParseWorker()

    def no_processes(self: Any) -> Any:
        raise OSError("no processes here")

    monkeypatch.setattr(workers.ParseWorker, "_executor", no_processes)
    prepared = parser.submit(content, "http://example.org/feed", {}, FETCHED).result(timeout=30)
    assert prepared.problem is None and prepared.feed is not None and len(prepared.entries) == 12
    # Once given up, later feeds go straight to in-process parsing.
    again = parser.submit(b"<html><body>not a feed</body></html>", "http://x/", {}, FETCHED)
    assert again.result().feed is None
    parser.close()


def test_a_worker_that_dies_leaves_parsing_in_process() -> None:
    content = (NEWS / "bbc-2023-07.xml").read_bytes()
    died: Future[workers.Prepared] = Future()
    died.set_exception(BrokenProcessPool("worker died"))
    with workers.ParseWorker() as parser:
        prepared = parser.result(died, content, "http://example.org/feed", {}, FETCHED)
        assert (
            prepared.problem is None and prepared.feed is not None and len(prepared.entries) == 12
        )


def test_a_worker_does_not_run_the_pollers_main_script_again(tmp_path: Path) -> None:
    """multiprocessing runs the parent's main script again in each child it starts through the fork server
    (CPython gh-126631); for the CLI that is importing the whole command line in every worker of every poll."""
    mark = tmp_path / "main-ran"
    script = tmp_path / "poller.py"
    script.write_text(
        "import os, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})\n"
        f"with open({str(mark)!r}, 'a') as f:\n"
        "    f.write(f'{__name__}\\n')\n"
        "if __name__ == '__main__':\n"
        "    from datetime import UTC, datetime\n"
        "    from feeds import workers\n"
        f"    content = open({str(NEWS / 'bbc-2023-07.xml')!r}, 'rb').read()\n"
        "    with workers.ParseWorker(workers=2) as parser:\n"
        "        futures = [parser.submit(content, 'http://x/', {}, datetime.now(UTC)) for _ in range(4)]\n"
        "        assert all(len(f.result(timeout=60).entries) == 12 for f in futures)\n"
        "        assert not parser._broken\n"
    )
    subprocess.run([sys.executable, str(script)], check=True, timeout=120)
    assert mark.read_text().splitlines() == ["__main__"]


def _children() -> dict[int, list[int]]:
    """Every process's children, read from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _descendants(pid: int) -> set[int]:
    tree, found, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc"
)
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_poll_leaves_no_process_behind(tmp_path: Path, sig: signal.Signals) -> None:
    """A real `feeds poll` killed while its workers run: the fork server, the workers and multiprocessing's
    resource tracker all go with it (each used to live on forever, about 85 MB a poll)."""
    from tests.conftest import installed_cli
    from tests.feed_server import NEWS_FILES, serve

    db = tmp_path / "ledger.db"
    env = {**os.environ, "FORECAST_LEDGER_DB": str(db), "FORECAST_LEDGER_PARSE_WORKER": "1"}
    with serve() as server:
        server.delay = 0.5  # the poll stays busy while we look at it
        database = open_database(str(db), say=lambda _l: None)
        with database.write_session() as s:
            for name in NEWS_FILES:
                add_feed(s, url=server.news_url(name), actor="t")
        database.dispose()
        poller = subprocess.Popen(
            [installed_cli(), "feeds", "poll", "--all"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            seen: set[int] = set()
            deadline = time.monotonic() + 60
            # Wait for the workers: grandchildren of the poller, forked by its fork server.
            while time.monotonic() < deadline and poller.poll() is None:
                seen |= _descendants(poller.pid)
                if any(_descendants(child) for child in _children().get(poller.pid, [])):
                    break
                time.sleep(0.02)
            seen |= _descendants(poller.pid)
            assert poller.poll() is None, "the poll ended before its workers were seen"
            assert len(seen) >= 3, f"expected a fork server and workers, saw {sorted(seen)}"
            poller.send_signal(sig)
            poller.wait(timeout=30)
        finally:
            if poller.poll() is None:
                poller.kill()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(p) for p in seen):
            time.sleep(0.05)
        left = sorted(p for p in seen if _alive(p))
        for pid in left:  # don't leave them to the next test either
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        assert left == [], f"processes outlived the killed poll: {left}"
