"""Start-up cost of the CLI beside the library floor, measured side by side in one run.

    .venv/bin/python bench/startup.py [--rounds 15] [--questions 1000]

Four commands run interleaved, round after round, so a machine that speeds up or slows down over the run
weighs on all of them alike; the medians are compared:

- `forecast-ledger --help` against `python -c "import typer"` (target: at most 2x);
- `forecast-ledger questions list` on a ledger of 1,000 questions against `python -c "import sqlmodel"`
  (target: at most 1.5x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_ledger(path: Path, n: int) -> None:
    """A ledger of n questions (every fifth with a tag, every third with a key), written through the ledger."""
    from ledger.db import open_database
    from ledger.events import change
    from ledger.models import Question, QuestionTag

    database = open_database(str(path), say=lambda _line: None)
    with database.write_session() as session, change(session, "bench.seed", "bench", actor="bench"):
        for i in range(n):
            q = Question(
                key=f"bench-{i}" if i % 3 == 0 else None,
                kind="forecast",
                text=f"Will event number {i} happen before the deadline?",
                criteria=f"Resolves yes if a reputable outlet reports event {i}.",
            )
            session.add(q)
            session.flush()
            if i % 5 == 0:
                session.add(QuestionTag(question_id=q.id, tag="bench"))
    database.dispose()


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--questions", type=int, default=1000)
    args = parser.parse_args()

    bindir = Path(sys.executable).parent
    cli = str(bindir / "forecast-ledger")
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Path(tmp) / "ledger.db"
        make_ledger(ledger, args.questions)
        env = {**os.environ, "FORECAST_LEDGER_DB": str(ledger), "NO_COLOR": "1"}
        # As installed for a user: bytecode is cached (pip compiles site-packages; our modules get their
        # __pycache__ on the warm-up run), so no command pays for compiling source.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = {
            "import typer": [sys.executable, "-c", "import typer"],
            "--help": [cli, "--help"],
            "import sqlmodel": [sys.executable, "-c", "import sqlmodel"],
            "questions list": [cli, "questions", "list"],
        }
        for cmd in commands.values():  # warm the OS file cache and the bytecode caches
            timed(cmd, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, cmd in commands.items():
                times[name].append(timed(cmd, env))
    med = {name: statistics.median(values) for name, values in times.items()}
    print(f"{args.rounds} interleaved rounds, medians; ledger of {args.questions} questions")
    for name, value in med.items():
        print(f"  {name:<16} {value * 1000:7.0f} ms")
    help_ratio = med["--help"] / med["import typer"]
    list_ratio = med["questions list"] / med["import sqlmodel"]
    print(f"--help / import typer:             {help_ratio:.2f}x (target <= 2.0x)")
    print(f"questions list / import sqlmodel:  {list_ratio:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
