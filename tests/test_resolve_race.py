"""Two analysts resolving the same question at once, as two real processes: one wins, the other gets a conflict."""

from __future__ import annotations

import multiprocessing as mp
import subprocess
from typing import Any

import pytest
from sqlmodel import select

from claims.register import add_question
from claims.resolve import resolution_history, resolve_question
from ledger.db import Database, open_database
from ledger.errors import Conflict
from ledger.events import verify
from ledger.lookup import get
from ledger.models import Question, Resolution

BARRIER_TIMEOUT = 60
ROUNDS = 4


def _read_version(url: str, qid: str) -> int:
    db = open_database(url, migrate=False)
    try:
        with db.session() as s:
            return get(s, Question, qid).version
    finally:
        db.dispose()


def _library_analyst(
    url: str, qids: list[str], actor: str, outcome: str, barrier: Any, results: Any
) -> None:
    """Per question: read it, wait for the other analyst to have read it too, then resolve."""
    db = open_database(url, migrate=False)
    for qid in qids:
        with db.session() as s:
            seen = get(s, Question, qid).version
        barrier.wait(BARRIER_TIMEOUT)
        try:
            with db.write_session() as s:
                resolve_question(
                    s, question=qid, outcome=outcome, actor=actor, expected_version=seen
                )
            results.put((qid, actor, 0, ""))
        except Conflict as exc:
            results.put((qid, actor, 1, str(exc)))
    db.dispose()


def _cli_analyst(
    url: str, qids: list[str], actor: str, outcome: str, pin: bool, barrier: Any, results: Any
) -> None:
    """The same through the installed command: with --if-version (the version read before the barrier), or
    plainly, as two analysts typing the command at the same moment."""
    from tests.conftest import installed_cli

    exe = installed_cli()
    for qid in qids:
        seen = _read_version(url, qid)
        barrier.wait(BARRIER_TIMEOUT)
        extra = ["--if-version", str(seen)] if pin else []
        proc = subprocess.run(
            [exe, "--db", url, "--as", actor, "questions", "resolve", qid, outcome, *extra],
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
            env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        )
        results.put((qid, actor, proc.returncode, proc.stderr))


def _questions(database: Database, n: int) -> list[str]:
    ids = []
    with database.write_session() as s:
        for i in range(n):
            ids.append(add_question(s, text=f"Will event {i} happen by 2025?", actor="setup").id)
    return ids


def _race(target: Any, url: str, qids: list[str], *extra: Any) -> list[tuple[str, str, int, str]]:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=target, args=(url, qids, "alice", "yes", *extra, barrier, results)),
        ctx.Process(target=target, args=(url, qids, "bob", "no", *extra, barrier, results)),
    ]
    for p in procs:
        p.start()
    out = [results.get(timeout=180) for _ in range(2 * len(qids))]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    return out


def _check(database: Database, qids: list[str], results: list[tuple[str, str, int, str]]) -> None:
    outcome_of = {"alice": "yes", "bob": "no"}
    for qid in qids:
        mine = sorted((r for r in results if r[0] == qid), key=lambda r: r[2])
        assert [code for _, _, code, _ in mine] == [0, 1], mine
        (_, winner, _, _), (_, _, _, message) = mine
        # The loser hears who won and with what, whichever check caught it (version or already resolved).
        assert f"{winner} resolved it as {outcome_of[winner]}" in message or (
            f"already resolved as {outcome_of[winner]} by {winner}" in message
        ), message
        with database.session() as s:
            history = resolution_history(s, qid)
            q = s.get(Question, qid)
        assert [(r.resolver, r.outcome) for r in history] == [(winner, outcome_of[winner])]
        assert q is not None and (q.outcome, q.version) == (outcome_of[winner], 2)
    with database.session() as s:
        report = verify(s)
        assert len(s.exec(select(Resolution)).all()) == len(qids)
    assert report.ok, [str(p) for p in report.problems]


def test_two_processes_resolving_at_once_one_wins(database: Database) -> None:
    qids = _questions(database, ROUNDS)
    results = _race(_library_analyst, database.url, qids)
    _check(database, qids, results)


@pytest.mark.parametrize("pin", [True, False], ids=["if-version", "plain"])
def test_two_cli_processes_resolving_at_once_one_wins(database: Database, pin: bool) -> None:
    qids = _questions(database, 2)
    results = _race(_cli_analyst, database.url, qids, pin)
    _check(database, qids, results)
    for _, _, code, stderr in results:
        if code:
            assert stderr.startswith("Error: question ") and "Traceback" not in stderr
            assert stderr.count("\n") == 1
