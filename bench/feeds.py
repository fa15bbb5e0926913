"""Adding 2,000 feeds, as a user does it, beside the floor and the old way.

    .venv/bin/python bench/feeds.py [--feeds 2000]

Times, on fresh SQLite ledgers: `forecast-ledger feeds add URL...` with every URL in one command, `feeds import`
of an OPML file holding them (target: at most 10 s each); the floor, sqlite3 inserting the same rows with one
executemany; and one `feeds add URL` command, times the count (the old way, one command per feed).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=2000)
    args = parser.parse_args()
    cli = str(Path(sys.executable).parent / "forecast-ledger")
    urls = [f"https://news{i % 50}.example.org/section/{i}/rss.xml" for i in range(args.feeds)]
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _run([cli, "--db", str(root / "warm.db"), "feeds", "list"], env)  # bytecode, file cache
        one_cmd = _run([cli, "--db", str(root / "many.db"), "feeds", "add", *urls], env)
        opml = root / "feeds.opml"
        outlines = "\n".join(
            f'<outline type="rss" text="Feed {i}" xmlUrl="{u}"/>' for i, u in enumerate(urls)
        )
        opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
        imported = _run([cli, "--db", str(root / "opml.db"), "feeds", "import", str(opml)], env)
        singles = [
            _run([cli, "--db", str(root / "single.db"), "feeds", "add", u], env) for u in urls[:5]
        ]
        conn = sqlite3.connect(root / "many.db")
        columns = [r[1] for r in conn.execute("PRAGMA table_info(feed)")]
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM feed").fetchall()
        floor_conn = sqlite3.connect(root / "floor.db")
        floor_conn.execute(f"CREATE TABLE feed ({', '.join(columns)})")
        started = time.perf_counter()
        with floor_conn:
            floor_conn.executemany(
                f"INSERT INTO feed VALUES ({', '.join('?' for _ in columns)})", rows
            )
        floor = time.perf_counter() - started
    single = statistics.median(singles)
    print(f"{args.feeds} feeds")
    print(f"  feeds add URL x{args.feeds} (one command)   {one_cmd:7.2f} s  (target <= 10 s)")
    print(f"  feeds import FILE.opml                {imported:7.2f} s  (target <= 10 s)")
    print(f"  floor: sqlite3 executemany of the rows {floor:7.3f} s")
    print(
        f"  old way: one command per feed          {single * args.feeds:7.0f} s "
        f"({single:.2f} s a command, x{args.feeds})"
    )


if __name__ == "__main__":
    main()
