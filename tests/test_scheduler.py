"""`forecast-ledger watch`: the installed command polling a real local feed server, raising flags, reporting due
questions, stopping cleanly on SIGTERM / Ctrl-C (also with a fetch in flight), one watcher per database; and the
tick's settings and error handling."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlalchemy as sa
from sqlmodel import select

from claims.register import add_claim, add_question
from feeds.registry import add_feed
from feeds.scheduler import (
    Watcher,
    WatchLock,
    check_interval,
    due_line,
    run_watch,
    tick_options,
    watch_lock,
)
from ledger.db import Database
from ledger.errors import Conflict, DatabaseError, LedgerError, UserInputError
from ledger.events import verify
from ledger.models import Flag, NewsItem, Question
from tests.conftest import installed_cli, run_installed

# A safety bound on waiting for a process, never an assertion about speed.
WAIT = 60.0

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Wire</title><link>http://127.0.0.1/</link>
<description>test feed</description>
<item><title>Russia and Ukraine agree to a ceasefire on energy strikes</title>
<link>http://127.0.0.1/story/1</link><guid>story-1</guid>
<description>Moscow and Kyiv said the truce would start at midnight, the Kremlin confirmed.</description>
<pubDate>Thu, 20 Mar 2025 09:30:00 GMT</pubDate></item>
<item><title>Heavy snow closes airports in Scandinavia</title>
<link>http://127.0.0.1/story/2</link><guid>story-2</guid>
<description>Flights were cancelled in Oslo and Stockholm.</description>
<pubDate>Thu, 20 Mar 2025 10:00:00 GMT</pubDate></item>
</channel></rss>
"""


class FeedServer:
    """A real HTTP server on 127.0.0.1 serving one RSS document; `gate` can hold responses back."""

    def __init__(self) -> None:
        self.requests = 0
        self.requested = threading.Event()
        self.gate = threading.Event()
        self.gate.set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests += 1
                server.requested.set()
                server.gate.wait(WAIT)
                body = RSS.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.xml"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def watched(database: Database, feed_server: FeedServer) -> Database:
    """A question the feed's first item bears on (claimed before it was published), a question long past its
    resolve-by date, and the feed."""
    with database.write_session() as s:
        question = add_question(
            s,
            text="Will Russia agree to a ceasefire in Ukraine by 2099?",
            resolve_by=dt.date(2099, 12, 31),
            key="ceasefire-2099",
            actor="alice",
        )
        add_claim(
            s,
            question=question,
            quote="Moscow will not agree to a ceasefire.",
            probability=0.1,
            basis="analyst",
            author="A. Pundit",
            made_at=dt.datetime(2025, 1, 5, tzinfo=dt.UTC),
            actor="alice",
        )
    with database.write_session() as s:
        add_question(
            s,
            text="Will Russia hold a referendum on annexation by 2020-06-30?",
            resolve_by=dt.date(2020, 6, 30),
            key="referendum-2020",
            actor="alice",
        )
    with database.write_session() as s:
        add_feed(s, url=feed_server.url, actor="alice")
    return database


def _flags(database: Database) -> list[Flag]:
    with database.session() as s:
        return list(s.exec(select(Flag)))


class WatchProcess:
    """The installed `forecast-ledger watch` in a subprocess; its stderr log collected line by line."""

    def __init__(self, db_url: str, *args: str) -> None:
        env = {**os.environ, "FORECAST_LEDGER_DB": db_url, "FORECAST_LEDGER_ACTOR": "watcher"}
        self.proc = subprocess.Popen(
            [installed_cli(), "watch", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            # Ctrl-C must reach Python as KeyboardInterrupt even if the test runner ignores SIGINT.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    @property
    def log(self) -> str:
        with self._changed:
            return "\n".join(self.lines)

    def wait_for(self, pattern: str) -> str:
        """The first log line matching `pattern` (a regex), waiting for it."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + WAIT
        with self._changed:
            while True:
                for line in self.lines:
                    if regex.search(line):
                        return line
                if self.proc.poll() is not None and not self._reader.is_alive():
                    raise AssertionError(
                        f"watch exited before {pattern!r}:\n" + "\n".join(self.lines)
                    )
                if time.monotonic() > deadline:
                    raise AssertionError(f"no {pattern!r} in the log:\n" + "\n".join(self.lines))
                self._changed.wait(0.2)

    def stop(self, sig: int = signal.SIGTERM) -> int:
        self.proc.send_signal(sig)
        code = self.proc.wait(WAIT)
        self._reader.join(WAIT)
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def watch_process(db_url: str) -> Iterator[type[WatchProcess]]:
    started: list[WatchProcess] = []

    class Tracked(WatchProcess):
        def __init__(self, *args: str) -> None:
            super().__init__(db_url, *args)
            started.append(self)

    yield Tracked
    for proc in started:
        proc.kill()


# --- the installed command -------------------------------------------------------------------------------------


def test_watch_polls_flags_reports_due_and_stops_on_sigterm(
    watched: Database, feed_server: FeedServer, watch_process: type[WatchProcess]
) -> None:
    watcher = watch_process("--interval", "1")
    polled = watcher.wait_for(r"poll: 1 feed polled")
    assert "2 new items, 1 new flags, 0 failures" in polled
    due = watcher.wait_for(r"due: ")
    assert "1 question past their resolve-by date: referendum-2020 (2020-06-30)" in due
    # Ticks go on; the feed is not due again for an hour, so later ticks fetch nothing.
    watcher.wait_for(r"poll: 0 feeds polled")
    assert watcher.stop(signal.SIGTERM) == 0
    assert "stopping (SIGTERM)" in watcher.log and "watch: stopped after" in watcher.log
    assert "Traceback" not in watcher.log
    assert feed_server.requests == 1

    flags = _flags(watched)
    assert len(flags) == 1 and flags[0].status == "new"
    with watched.session() as s:
        question = s.get(Question, flags[0].question_id)
        item = s.get(NewsItem, flags[0].item_id)
        assert question is not None and question.key == "ceasefire-2099"
        assert item is not None and item.title.startswith("Russia and Ukraine agree")
        assert verify(s).ok


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "sigint"])
def test_stop_signal_finishes_the_feed_in_hand(
    watched: Database,
    feed_server: FeedServer,
    watch_process: type[WatchProcess],
    sig: int,
) -> None:
    feed_server.gate.clear()  # the fetch will hang until we let it go
    watcher = watch_process("--interval", "1")
    assert feed_server.requested.wait(WAIT), "the watcher never fetched the feed"
    watcher.proc.send_signal(sig)
    # The stop is under way while the fetch is still in flight ...
    watcher.wait_for(r"stopping \(SIG(TERM|INT)\), finishing the feed in hand")
    assert watcher.proc.poll() is None
    feed_server.gate.set()  # ... and the feed in hand is then finished, not lost or half-written.
    assert watcher.proc.wait(WAIT) == 0
    watcher._reader.join(WAIT)
    assert re.search(r"poll: 1 feed polled: 1 fetched.*1 new flags.*\(stopped early\)", watcher.log)
    assert "due: " not in watcher.log  # a stopping watcher does not start on the next step
    assert len(_flags(watched)) == 1
    with watched.session() as s:
        assert len(list(s.exec(select(NewsItem)))) == 2
        assert verify(s).ok


def test_second_watcher_is_refused(
    watched: Database, db_url: str, watch_process: type[WatchProcess]
) -> None:
    first = watch_process("--interval", "3600")
    first.wait_for(r"watch: ticking every 3600s")
    second = run_installed(["watch", "--once"], env={"FORECAST_LEDGER_DB": db_url})
    assert second.exit_code == 1
    assert second.stderr.strip().endswith(
        "only one watcher runs per database. Stop it first, or poll once with "
        "`forecast-ledger feeds poll --due`."
    )
    assert "Error: another `forecast-ledger watch` is already running on" in second.stderr
    assert first.stop() == 0
    # The lock went with the first watcher.
    third = run_installed(["watch", "--once"], env={"FORECAST_LEDGER_DB": db_url})
    assert third.exit_code == 0, third.stderr


def test_watch_once_in_process(watched: Database, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["watch", "--once"])
    assert result.exit_code == 0, result.stderr
    assert "poll: 1 feed polled: 1 fetched" in result.stderr
    assert "due: 1 question past their resolve-by date: referendum-2020" in result.stderr
    flags = cli(["flags", "list", "--status", "new", "--json"])
    assert '"key": "ceasefire-2099"' in flags.stdout
    ledger = [f.id for f in _flags(watched)]
    assert len(ledger) == 1
    with watched.session() as s:
        assert verify(s).ok


def test_watch_rejects_a_bad_interval(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["watch", "--interval", "0"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --interval must be between 1 and 86400 seconds, got 0")


# --- the lock, in process ---------------------------------------------------------------------------------------


def test_one_lock_per_database(database: Database) -> None:
    with (
        watch_lock(database),
        pytest.raises(Conflict, match="already running"),
        watch_lock(database),
    ):
        pass
    with watch_lock(database) as lock:  # released: taken again
        lock.check()


@pytest.mark.pg
def test_lost_postgres_lock_stops_the_watcher(pg_url: str) -> None:
    from ledger.db import open_database

    database = open_database(pg_url, say=lambda _line: None)
    stop = threading.Event()
    lines: list[str] = []
    try:
        with watch_lock(database) as lock:
            with database.engine.connect() as other:
                # Someone kills the lock's connection: another watcher could start now, so this one must stop.
                pid = lock.conn.execute(sa.text("SELECT pg_backend_pid()")).scalar()  # type: ignore[attr-defined]
                lock.conn.commit()  # type: ignore[attr-defined]
                other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                other.commit()
            watcher = Watcher(database, lock=lock, stop=stop, log=lines.append)
            watcher.scheduled_tick()
            assert isinstance(watcher.fatal, DatabaseError) and stop.is_set()
            assert lines == [f"stopping: {watcher.fatal}"]
            assert "lost the connection holding the watcher lock" in lines[0]
    finally:
        database.dispose()


# --- ticks: errors are logged and the next tick tries again ---------------------------------------------------


class _Line:
    def __init__(self, text: str) -> None:
        self.text = text

    def line(self) -> str:
        return self.text


def test_failed_ticks_are_logged_and_watching_goes_on(watched: Database) -> None:
    # Injected failures (a stub poll): a user-facing error, then a bug, then a good tick.
    outcomes: list[Exception | str] = [
        LedgerError("feed store locked"),
        KeyError("bug"),
        "0 feeds",
        "0 feeds again",
    ]

    def poll(_database: Database, **kwargs: object) -> _Line:
        assert kwargs["mode"] == "due" and isinstance(kwargs["stop"], threading.Event)
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return _Line(outcome)

    lines: list[str] = []
    watcher = Watcher(
        watched, lock=WatchLock("test"), stop=threading.Event(), log=lines.append, poll=poll
    )
    for _ in range(4):
        watcher.scheduled_tick()
    assert lines[0] == "tick failed: feed store locked; trying again next tick"
    assert lines[1] == "tick failed with an unexpected error; trying again next tick"
    assert lines[2] == "poll: 0 feeds"
    assert lines[3].startswith("due: 1 question past their resolve-by date: referendum-2020")
    # The same due list on the next tick is not spelled out again.
    assert lines[4:] == [
        "poll: 0 feeds again",
        "due: 1 question past their resolve-by date (unchanged)",
    ]
    assert (watcher.counts.ticks, watcher.counts.failures) == (4, 2)


def test_once_raises_what_a_tick_raises(watched: Database) -> None:
    def poll(_database: Database, **_kwargs: object) -> _Line:
        raise LedgerError("cannot reach the database")

    with pytest.raises(LedgerError, match="cannot reach"):
        run_watch(watched, once=True, poll=poll, log=lambda _line: None)


# --- pure -----------------------------------------------------------------------------------------------------


def test_tick_options() -> None:
    assert tick_options(60) == {
        "max_instances": 1,
        "coalesce": True,
        "misfire_grace_time": 60,
        "jitter": 6,
    }
    assert tick_options(3600)["jitter"] == 30  # capped
    assert tick_options(1)["jitter"] == 0 and tick_options(1)["misfire_grace_time"] == 1


def test_check_interval() -> None:
    assert check_interval(1) == 1 and check_interval(86400) == 86400
    for bad in (0, 0.5, 86401, -5):
        with pytest.raises(UserInputError, match="--interval must be between"):
            check_interval(bad)


def test_due_line_lists_a_few() -> None:
    questions = [
        Question(text=f"q{i}", key=f"q{i}", resolve_by=dt.date(2020, 1, i + 1)) for i in range(7)
    ]
    assert due_line([]) == "due: no open questions past their resolve-by date"
    line = due_line(questions)
    assert line.startswith("due: 7 questions past their resolve-by date: q0 (2020-01-01), q1")
    assert "q4 (2020-01-05), and 2 more" in line and "q5" not in line
