"""`log` on a 100,000-claim ledger, each filter beside the floor: the database reading the newest 50 entries.

    .venv/bin/python bench/log.py [--claims 100000] [--db URL]

Without --db it builds a temporary SQLite file (about a minute); with FORECAST_LEDGER_BENCH_PG set to a
PostgreSQL URL (an empty schema) it measures there too. Each figure is the median of 5 runs of
`ledger.history.log_entries`, the function the command calls.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from big_ledger import build, median_time, run_on_both


def measure(url: str, claims: int) -> None:
    import sqlalchemy as sa

    from ledger.db import open_database
    from ledger.history import log_entries

    started = time.perf_counter()
    names = build(url, claims=claims)
    print(f"built {claims} claims in {time.perf_counter() - started:.0f} s at {url.split('?')[0]}")
    database = open_database(url, say=lambda _line: None)
    with database.session() as session:
        entries = session.execute(sa.text("SELECT count(*) FROM ledger_entry")).scalar_one()
        floor = median_time(
            lambda: session.execute(
                sa.text("SELECT * FROM ledger_entry ORDER BY seq DESC LIMIT 50")
            ).all()
        )
        cases: dict[str, dict[str, Any]] = {
            "log": {},
            f"--question {names['question']}": {"question": names["question"]},
            f"--source '{names['author']}'": {"source": names["author"]},
            f"--actor {names['actor']}": {"actor": names["actor"]},
            "--action claim.registered": {"action": "claim.registered"},
            "--since 2000-01-01": {"since": "2000-01-01"},
            "--action nothing.such (no match)": {"action": "nothing.such"},
        }
        print(f"{entries} ledger entries; floor (newest 50 rows, raw SQL): {floor * 1000:.1f} ms")
        for label, kwargs in cases.items():
            took = median_time(lambda kwargs=kwargs: log_entries(session, **kwargs))
            found = len(log_entries(session, **kwargs))
            print(f"  log {label:<40} {took * 1000:8.1f} ms  ({found} entries)")
    database.dispose()


def main() -> None:
    run_on_both(measure, __doc__.splitlines()[0])


if __name__ == "__main__":
    main()
