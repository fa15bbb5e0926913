"""--search on a 100,000-claim ledger, beside the floor: the database's own full-text match on the index alone.

    .venv/bin/python bench/search.py [--claims 100000]

Builds a temporary SQLite ledger (and, with FORECAST_LEDGER_BENCH_PG set to an empty PostgreSQL schema's URL,
one there too) and times the functions `questions list`, `claims list` and `articles list` call with --search,
each the median of 5 runs, next to the bare match on `search_entry` for the same words.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from big_ledger import build, median_time, run_on_both


def measure(url: str, claims: int) -> None:
    import sqlalchemy as sa

    from claims.queries import list_articles, list_claims, list_questions
    from ledger.db import open_database
    from ledger.search import matching_ids

    started = time.perf_counter()
    build(url, claims=claims)
    print(f"built {claims} claims in {time.perf_counter() - started:.0f} s at {url.split('?')[0]}")
    database = open_database(url, say=lambda _line: None)
    lists: dict[str, tuple[str, Callable[..., list[Any]]]] = {
        "questions": ("question", list_questions),
        "claims": ("claim", list_claims),
        "articles": ("article", list_articles),
    }
    with database.session() as session:
        for words in ("KRAKÓW", "zurich cafe", "gdańsk tbilisi yerevan", "nomatchword"):
            for name, (kind, fn) in lists.items():
                floor = median_time(
                    lambda kind=kind, words=words: session.execute(
                        matching_ids(session, kind, words)
                    ).all()
                )
                took = median_time(lambda fn=fn, words=words: fn(session, search=words))
                n = len(fn(session, search=words))
                print(
                    f"  {name} list --search {words!r:<26} {took * 1000:8.1f} ms  "
                    f"(floor, bare match: {floor * 1000:7.1f} ms; {n} rows)"
                )
        total = session.execute(sa.text("SELECT count(*) FROM search_entry")).scalar_one()
        print(f"  ({total} rows in the search index)")
    database.dispose()


def main() -> None:
    run_on_both(measure, __doc__.splitlines()[0])


if __name__ == "__main__":
    main()
