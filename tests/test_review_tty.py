"""`flags review` as a user runs it: the installed command under a real pseudo-terminal, single keys, and the raw
bytes it writes checked for inert feed text (no markup styling, no escape sequences from the feed)."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Iterator

import pytest
from sqlmodel import select as sql_select

from ledger.db import Database
from ledger.events import verify
from ledger.models import Feed, Flag, Question, Resolution
from tests.conftest import installed_cli, run_installed
from tests.test_flags import Flagged, add_flag, make_flagged

# A safety bound on waiting for the program, never an assertion about speed.
WAIT = 60.0
_SGR = re.compile(rb"\x1b\[[0-9;]*m")
HOSTILE_TITLE = "[bold]Kremlin[/bold] agrees \x1b[2J\x1b]0;owned\x07 truce \x9b31m now"


class Terminal:
    """The installed command on the slave side of a pty; the test types and reads on the master side."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        # A wide terminal, so rich does not wrap the lines we look for.
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        self.proc = subprocess.Popen(
            [installed_cli(), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.output = b""
        self._seen = 0

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the program exited and closed its side
            return False
        if not chunk:
            return False
        self.output += chunk
        return True

    @property
    def text(self) -> bytes:
        """The output without our own colour codes (SGR), so styled words read as plain text."""
        return _SGR.sub(b"", self.output)

    def expect(self, text: str) -> str:
        """Waits until `text` appears in the uncoloured output after what was already consumed; returns the
        new output up to it."""
        needle = text.encode()
        deadline = time.monotonic() + WAIT
        while needle not in self.text[self._seen :]:
            if time.monotonic() > deadline or not self._read(0.2):
                tail = self.text[self._seen :].decode(errors="replace")
                raise AssertionError(f"did not see {text!r}; output so far:\n{tail}")
        plain = self.text
        end = plain.index(needle, self._seen) + len(needle)
        seen = plain[self._seen : end].decode(errors="replace")
        self._seen = end
        return seen

    def press(self, key: str) -> None:
        """Types one key once the program has put the terminal in raw mode: keys typed before would be
        discarded when it switches (tty.setraw flushes pending input)."""
        deadline = time.monotonic() + WAIT
        while termios.tcgetattr(self.master)[3] & termios.ICANON:
            if time.monotonic() > deadline:
                raise AssertionError("the program never asked for a key")
            self._read(0.02)
        os.write(self.master, key.encode())

    def finish(self) -> int:
        deadline = time.monotonic() + WAIT
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(0.1)
        while self._read(0.05) and select.select([self.master], [], [], 0)[0]:
            pass
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            raise AssertionError("the review did not exit")
        return self.proc.returncode

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.master)


@pytest.fixture
def terminal_env(db_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    env.update(
        FORECAST_LEDGER_DB=db_url,
        FORECAST_LEDGER_ACTOR="reviewer",
        TERM="xterm-256color",
        LINES="50",
        COLUMNS="200",
    )
    return env


@pytest.fixture
def hostile(database: Database) -> tuple[Flagged, str]:
    flagged = make_flagged(database)
    with database.session() as s:
        feed = s.exec(sql_select(Feed)).one()
    flag_id = add_flag(
        database,
        question_id=flagged.ceasefire,
        feed_id=feed.id,
        title=HOSTILE_TITLE,
        summary="Officials in Moscow said the truce [red]starts[/red] at midnight \x1b[1A.",
        terms=("Kremlin", "truce"),
        score=9.0,  # reviewed first
        url="https://news.example/hostile",
        published=dt.datetime(2025, 3, 25, 18, 0, tzinfo=dt.UTC),
    )
    return flagged, flag_id


def _run(args: list[str], env: dict[str, str]) -> Iterator[Terminal]:
    term = Terminal(args, env)
    try:
        yield term
    finally:
        term.close()


@pytest.fixture
def review_terminal(terminal_env: dict[str, str]) -> Iterator[Terminal]:
    yield from _run(["flags", "review"], terminal_env)


def test_review_on_a_terminal(
    database: Database, hostile: tuple[Flagged, str], review_terminal: Terminal
) -> None:
    flagged, hostile_id = hostile
    term = review_terminal
    screen = term.expect("q quit")
    # The first screen: the question, the item's title, source, date, link, snippet and the keys.
    assert "flag 1 of 4" in screen
    assert "Will Russia agree to a ceasefire in Ukraine by 2025-12-31?" in screen
    assert "criteria  A signed ceasefire agreement." in screen
    assert "Test News" in screen and "2025-03-25 18:00 UTC" in screen
    assert "https://news.example/hostile" in screen
    assert "d dismiss" in screen and "y resolve yes" in screen and "a resolve annulled" in screen
    # Markup from the feed is shown literally, and no escape sequence from the feed reaches the terminal.
    assert "[bold]Kremlin[/bold] agrees" in screen and "[red]starts[/red]" in screen
    raw = term.output
    for sequence in (b"\x1b[2J", b"\x1b]0;owned", b"\x07", b"\x1b[1A", b"\xc2\x9b31m"):
        assert sequence not in raw
    # Matched terms are highlighted (our own styling: the only escapes around them).
    assert re.search(rb"\x1b\[[0-9;]*43m(\x1b\[[0-9;]*m)*truce", raw)

    term.press("e")  # the hostile flag: keep as evidence
    assert f"flag {hostile_id[:8]} evidence" in term.expect("q quit")
    term.press("y")  # next: the truce flag (score 5) on the same question: resolve yes ...
    term.expect("any other key cancels.")
    term.press("y")  # ... confirmed
    assert "question ceasefire-2025 resolved yes" in term.expect("q quit")
    # The stalled talks flag was still new on the resolved question: superseded, not reviewed.
    term.press("s")  # the conscription flag: skip
    term.expect("No more new flags.")
    term.expect("0 dismissed, 1 marked evidence, 1 resolved, 1 skipped")
    assert term.finish() == 0

    with database.session() as s:
        status = {f.id: (f.status, f.reviewer) for f in s.exec(sql_select(Flag))}
        question = s.get(Question, flagged.ceasefire)
        resolutions = list(s.exec(sql_select(Resolution)))
        assert verify(s).ok
    assert status[hostile_id] == ("evidence", "reviewer")
    assert status[flagged.flags["truce"]] == ("evidence", "reviewer")
    assert status[flagged.flags["talks"]] == ("superseded", "reviewer")
    assert status[flagged.flags["draft"]] == ("new", None)
    assert question is not None and (question.status, question.outcome) == ("resolved", "yes")
    assert [r.resolver for r in resolutions] == ["reviewer"]


def test_ctrl_c_quits_the_review_cleanly(
    database: Database, hostile: tuple[Flagged, str], review_terminal: Terminal
) -> None:
    term = review_terminal
    term.expect("q quit")
    term.press("\x03")  # raw mode: Ctrl-C arrives as a key
    term.expect("Quit.")
    assert term.finish() == 0
    with database.session() as s:
        assert {f.status for f in s.exec(sql_select(Flag))} == {"new"}


def test_review_scoped_to_a_question(
    database: Database, hostile: tuple[Flagged, str], terminal_env: dict[str, str]
) -> None:
    for term in _run(["flags", "review", "--question", "mobilisation-2026"], terminal_env):
        screen = term.expect("q quit")
        assert "flag 1 of 1" in screen and "Putin signs spring conscription decree" in screen
        term.press("q")
        term.expect("Quit.")
        assert term.finish() == 0


def test_installed_review_without_a_terminal(
    database: Database, hostile: object, db_url: str
) -> None:
    result = run_installed(["flags", "review"], env={"FORECAST_LEDGER_DB": db_url})
    assert result.exit_code == 1
    assert "Error: flags review reads single keys from a terminal" in result.stderr
    assert "Traceback" not in result.stderr
