"""Colour only on a terminal, and never with NO_COLOR: checked in the raw bytes a real pty receives."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import time
from pathlib import Path

from tests.conftest import installed_cli, run_installed

# SGR colour parameters (foreground/background, 16/256/true colour); NO_COLOR forbids these, not bold.
COLOUR_SGR = re.compile(rb"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def _on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [installed_cli(), *args], stdin=slave, stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=10)
    os.close(master)
    return out


def test_colour_on_a_terminal_only_and_never_with_no_color(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    seed = Path(__file__).resolve().parent.parent / "claims" / "data" / "seed.yaml"
    assert run_installed(["--db", str(db), "import", str(seed)]).exit_code == 0
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "FORECAST_LEDGER_DB")
    }
    base.update({"TERM": "xterm-256color", "COLUMNS": "160"})
    args = ["--db", str(db), "questions", "list", "--status", "open"]
    coloured = _on_a_terminal(args, base)
    assert b"ru-ua-lasting" in coloured and COLOUR_SGR.search(
        coloured
    )  # outcomes coloured for a person
    plain = _on_a_terminal(args, {**base, "NO_COLOR": "1"})
    assert b"ru-ua-lasting" in plain and not COLOUR_SGR.search(plain)
    piped = subprocess.run([installed_cli(), *args], env=base, capture_output=True, check=True)
    assert b"ru-ua-lasting" in piped.stdout and b"\x1b" not in piped.stdout
