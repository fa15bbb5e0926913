"""Times `report sources` (query + scoring + JSON, the function the CLI calls) beside a plain SQL
aggregate over the same join, on a generated SQLite ledger of 100,000 claims.

The ledger is bulk-inserted straight into the tables: no ledger entries are written (they play no
part in reports), so `verify` would fail on it; it is for timing only.

    .venv/bin/python bench/report.py                 # 100k claims, 1,000 sources, 20k questions
    .venv/bin/python bench/report.py --profile       # and where the report's time goes
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import math
import pstats
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from ledger import scoring
from ledger.db import Database, open_database
from ledger.models import Claim, Question, QuestionTag, Source
from ledger.reports import gather, make_filters, sources_report

HEDGES = np.array([0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95])
VERDICTS = ("true", "misleading", "false", "unverifiable")

# Every claim read, scored ones contribute (p - o)^2: the least SQL that yields per-source Brier.
AGGREGATE = """
SELECT coalesce(s.name, '(unknown author)') AS source, count(*) AS n_claims,
       sum(CASE WHEN q.kind = 'forecast' AND q.outcome IN ('yes', 'no') THEN 1 ELSE 0 END),
       avg(CASE WHEN q.kind = 'forecast' AND q.outcome IN ('yes', 'no')
           THEN (c.probability - (q.outcome = 'yes')) * (c.probability - (q.outcome = 'yes')) END)
FROM claim c JOIN question q ON q.id = c.question_id LEFT JOIN source s ON s.id = c.author_id
GROUP BY 1
"""


def _hex(rng: np.random.Generator, n: int) -> list[str]:
    return [bytes(row).hex() for row in rng.integers(0, 256, size=(n, 16), dtype=np.uint8)]


def generate(
    database: Database, *, n_claims: int, n_sources: int, n_questions: int, seed: int
) -> None:
    """Mostly resolved forecasts; some annulled, open and factual; a third of authors hedge-only;
    a twentieth of claims unsigned (the '(unknown author)' row)."""
    rng = np.random.default_rng(seed)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    author_ids = _hex(rng, n_sources)
    outlet_ids = _hex(rng, 50)
    sources = [
        {"id": i, "kind": "author", "name": f"Author {k:04d}", "created_at": now}
        for k, i in enumerate(author_ids)
    ] + [
        {"id": i, "kind": "outlet", "name": f"Outlet {k:02d}", "created_at": now}
        for k, i in enumerate(outlet_ids)
    ]
    question_ids = _hex(rng, n_questions)
    truth = rng.random(n_questions)
    kind_draw = rng.random(n_questions)
    questions = []
    tags = []
    for k, qid in enumerate(question_ids):
        r = kind_draw[k]
        factual = r < 0.1
        if factual:
            outcome: str | None = VERDICTS[k % 4] if r < 0.08 else None
        else:
            outcome = (
                "annulled" if r < 0.13 else None if r < 0.16 else "yes" if truth[k] > 0.5 else "no"
            )
        questions.append(
            {
                "id": qid,
                "key": f"q{k:05d}",
                "kind": "factual" if factual else "forecast",
                "text": f"Question {k}?",
                "criteria": "",
                "status": "resolved" if outcome else "open",
                "outcome": outcome,
                "resolved_at": now if outcome else None,
                "version": 2 if outcome else 1,
                "created_at": now,
            }
        )
        tags.append({"id": _hex(rng, 1)[0], "question_id": qid, "tag": f"tag{k % 20}"})

    src = rng.integers(0, n_sources, n_claims)
    qs = rng.integers(0, n_questions, n_claims)
    unsigned = rng.random(n_claims) < 0.05
    hedged = (rng.random(n_sources) < 1 / 3)[src]
    p = np.clip(truth[qs] + rng.normal(0.0, 0.15, n_claims), 0.01, 0.99)
    nearest = HEDGES[np.abs(HEDGES[None, :] - p[:, None]).argmin(axis=1)]
    p = np.where(hedged, nearest, p.round(3))
    made = rng.integers(0, 4 * 365, n_claims)
    claim_ids = _hex(rng, n_claims)
    fingerprints = _hex(rng, n_claims)
    claims = []
    for i in range(n_claims):
        q = questions[qs[i]]
        claims.append(
            {
                "id": claim_ids[i],
                "question_id": q["id"],
                "article_id": None,
                "author_id": None if unsigned[i] else author_ids[src[i]],
                "outlet_id": outlet_ids[src[i] % 50],
                "quote": f"Claim {i}.",
                "probability": float(p[i]) if q["kind"] == "forecast" else None,
                "basis": "hedge" if q["kind"] == "forecast" else None,
                "made_at": dt.datetime(2022, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=int(made[i])),
                "fingerprint": fingerprints[i] + fingerprints[i],
                "created_at": now,
            }
        )
    with database.engine.begin() as conn:
        conn.execute(sa.insert(Source.__table__), sources)  # type: ignore[attr-defined]
        conn.execute(sa.insert(Question.__table__), questions)  # type: ignore[attr-defined]
        conn.execute(sa.insert(QuestionTag.__table__), tags)  # type: ignore[attr-defined]
        conn.execute(sa.insert(Claim.__table__), claims)  # type: ignore[attr-defined]
    with database.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")


def interleaved(repeat: int, cases: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Best time of each case, the cases taken in turn each round: on a shared machine a load
    spike then slows every case of that round, not just whichever was running."""
    best = dict.fromkeys(cases, math.inf)
    for _ in range(repeat):
        for label, run in cases.items():
            t0 = time.perf_counter()
            run()
            best[label] = min(best[label], time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--sources", type=int, default=1_000)
    ap.add_argument("--questions", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--profile", action="store_true", help="print the report path's top functions")
    ap.add_argument(
        "--db", help="keep the generated ledger in this SQLite file (default: a temp dir)"
    )
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        if path.exists():
            path.unlink()
        database = open_database(str(path), say=lambda _line: None)
        t0 = time.perf_counter()
        generate(
            database,
            n_claims=args.claims,
            n_sources=args.sources,
            n_questions=args.questions,
            seed=1,
        )
        print(
            f"generated {args.claims} claims, {args.sources} authors, {args.questions} questions "
            f"in {time.perf_counter() - t0:.1f}s (bulk insert, no ledger entries)"
        )

        def aggregate() -> object:
            with database.engine.connect() as conn:
                return conn.exec_driver_sql(AGGREGATE).fetchall()

        def report_json() -> str:
            with database.session() as session:
                report = sources_report(session, by="author")
            return report.json_text()

        filters = make_filters(by="author")

        def query_only() -> object:
            with database.session() as session:
                return gather(session, filters)

        columns = query_only()

        def scoring_only() -> object:
            c = columns
            assert not isinstance(c, str)
            return scoring.score_columns(
                c.sources,
                c.questions,
                c.kinds,
                c.probabilities,
                c.outcomes,  # type: ignore[attr-defined]
            )

        report = json.loads(report_json())
        scored = sum(r["n_resolved"] for r in report)
        print(
            f"{len(report)} sources in the report, {scored} scored forecasts; best of {args.repeat}"
        )
        labels = {
            "aggregate": "plain SQL aggregate (count, Brier per source, same join)",
            "report": "report sources --json path (query + scoring + JSON)",
            "query": "  of which: the query (gather)",
            "scoring": "  of which: scoring (score_columns, 1000 bootstrap resamples)",
        }
        best = interleaved(
            args.repeat,
            {
                "aggregate": aggregate,
                "report": report_json,
                "query": query_only,
                "scoring": scoring_only,
            },
        )
        sql = best["aggregate"]
        for key, label in labels.items():
            ratio = "" if key == "aggregate" else f"  {best[key] / sql:4.1f}x the aggregate"
            print(f"  {label:<62} {best[key]:.3f}s{ratio}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            report_json()
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        database.dispose()


if __name__ == "__main__":
    main()
