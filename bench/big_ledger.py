"""A large ledger for the history and search benches: questions, sources, articles and 100,000 claims, written
through the ledger (one entry per batch of claims, as a busy team's adds would leave it)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_VOCABULARY = (
    "ceasefire kremlin kyiv sanctions election inflation pipeline offensive summit referendum tariff "
    "harvest drought strike coalition parliament minister refinery grain corridor frontier münchen "
    "zürich café résumé são paulo córdoba kraków gdańsk tbilisi yerevan"
)
WORDS = _VOCABULARY.split()


def median_time(fn: Callable[[], Any], runs: int = 5) -> float:
    """The median wall time of `runs` calls of fn: what the history and search benches print."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def build(url: str, *, claims: int = 100_000, per_entry: int = 10, seed: int = 7) -> dict[str, Any]:
    """Fills the (empty) database at `url`; returns a few names and ids the benches look up."""
    from claims.register import claim_fingerprint
    from ledger.db import open_database
    from ledger.events import change
    from ledger.models import Article, Claim, Question, Source

    rng = random.Random(seed)
    database = open_database(url, say=lambda _line: None)
    n_questions = max(10, claims // 100)
    with database.write_session() as session, change(session, "bench.seed", "bench", actor="bench"):
        questions = [
            Question(
                key=f"q-{i}",
                text=f"Will the {_sentence(rng, 6)} happen by 2027?",
                criteria=_sentence(rng, 12),
                resolve_by=dt.date(2027, 1, 1),
            )
            for i in range(n_questions)
        ]
        authors = [
            Source(kind="author", name=f"Author {i} {rng.choice(WORDS)}") for i in range(300)
        ]
        outlets = [Source(kind="outlet", name=f"Outlet {i}") for i in range(50)]
        session.add_all([*questions, *authors, *outlets])
        session.flush()
        articles = [
            Article(
                title=_sentence(rng, 8),
                outlet_id=rng.choice(outlets).id,
                text=_sentence(rng, 60),
                text_hash=f"{i:064x}",
            )
            for i in range(1000)
        ]
        session.add_all(articles)
    made = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    columns = [c.name for c in Claim.__table__.columns]  # type: ignore[attr-defined]
    with database.write_session() as session:
        for start in range(0, claims, per_entry):
            actor = "bob" if start % (per_entry * 100) == 0 else "alice"
            with change(session, "claim.registered", "bench", actor=actor) as ch:
                rows = []
                for i in range(start, min(start + per_entry, claims)):
                    q = questions[i % n_questions]
                    author = authors[i % len(authors)]
                    quote = f"{_sentence(rng, 14)} ({i})"
                    claim = Claim(
                        question_id=q.id,
                        author_id=author.id,
                        outlet_id=outlets[i % len(outlets)].id,
                        quote=quote,
                        probability=round(rng.uniform(0.05, 0.95), 2),
                        basis="stated",
                        made_at=made + dt.timedelta(minutes=i),
                        fingerprint=claim_fingerprint(q.id, None, author.id, quote),
                    )
                    rows.append({name: getattr(claim, name) for name in columns})
                ch.insert_rows(session, Claim, rows)
    database.dispose()
    return {
        "question": questions[n_questions // 2].key,
        "author": authors[17].name,
        "actor": "bob",
    }


def run_on_both(measure: Callable[[str, int], None], description: str) -> None:
    """The benches' shared command line: a --claims ledger measured on SQLite, then on PostgreSQL when
    FORECAST_LEDGER_BENCH_PG names a server."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure(f"sqlite:///{Path(tmp) / 'big.db'}", args.claims)
    pg = os.environ.get("FORECAST_LEDGER_BENCH_PG")
    if pg:
        measure(pg, args.claims)
