"""The README's main command, run as a user runs it: the installed `forecast-ledger demo`, twice."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from tests.conftest import run_installed


def _free_port() -> int:
    # Each test serves the news on its own port: tests run in parallel, and a rerun must see the same URLs.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_demo_end_to_end_and_again(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    wide = {
        "COLUMNS": "200"
    }  # table cells checked below must not fold, whatever the caller's terminal
    port = str(_free_port())
    args = ["demo", "--db", str(db), "--out", str(tmp_path), "--port", port]
    first = run_installed(args, env=wide, timeout=180)
    assert first.exit_code == 0, first.stderr
    out = first.stdout
    # The seed ledger came in, the real news was polled over HTTP, and flags were raised.
    assert "questions: 33 new" in out
    assert "17 feeds polled: 17 fetched, 0 not modified, 5438 new items" in out
    assert "0 failures" in out
    # Resolutions cite flagged items; what stays open says why.
    assert "ru-armed-revolt-2023-06: YES, citing" in out
    assert "ru-accepts-us-30day-ceasefire-2025-03: NO, citing" in out
    assert "questions remain open" in out and "not reached" in out
    # Reports, the track record of one source, the chart, and what to do next.
    assert "Dennis Soltys" in out and "Brier" in out and "Calibration" in out
    chart = tmp_path / "calibration.png"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 10_000
    assert f"ledger:            {db}" in out and "Next, try:" in out
    # The published site, and its address.
    index = tmp_path / "site" / "index.html"
    assert f"published site:    {index.resolve().as_uri()}" in out
    assert "Dennis Soltys" in index.read_text(encoding="utf-8")

    flags = json.loads(run_installed(["--db", str(db), "flags", "list", "--json"]).stdout)
    assert len(flags) > 50
    statuses = {f["status"] for f in flags}
    assert "evidence" in statuses and "new" in statuses
    revolt = json.loads(
        run_installed(
            ["--db", str(db), "questions", "show", "ru-armed-revolt-2023-06", "--json"]
        ).stdout
    )
    assert revolt["outcome"] == "yes"
    [resolution] = revolt["resolutions"]
    assert resolution["evidence"] and all(
        e.get("flag_id") or e.get("url") for e in resolution["evidence"]
    )
    assert run_installed(["--db", str(db), "verify"]).exit_code == 0

    # Twice on the same ledger: nothing is duplicated, the feeds answer 304, the questions stay resolved.
    second = run_installed(args, env=wide, timeout=180)
    assert second.exit_code == 0, second.stderr
    assert "nothing new (already imported)" in second.stdout
    assert "0 new items" in second.stdout
    assert "ru-armed-revolt-2023-06: already resolved yes" in second.stdout
    assert len(
        json.loads(run_installed(["--db", str(db), "flags", "list", "--json"]).stdout)
    ) == len(flags)
    assert run_installed(["--db", str(db), "verify"]).exit_code == 0


def test_demo_on_a_fresh_temporary_ledger(tmp_path: Path) -> None:
    result = run_installed(
        ["demo", "--port", str(_free_port())], env={"TMPDIR": str(tmp_path)}, timeout=180
    )
    assert result.exit_code == 0, result.stderr
    ledgers = list(tmp_path.glob("forecast-ledger-demo-*/ledger.db"))
    assert len(ledgers) == 1 and str(ledgers[0]) in result.stdout
