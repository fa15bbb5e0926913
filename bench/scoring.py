"""Times ledger.scoring on synthetic claims beside a plain SQLite aggregate over the same rows."""

import argparse
import sqlite3
import time
from collections.abc import Callable
from functools import partial

import numpy as np

from ledger.scoring import ScoredClaim, score_columns, score_sources

Row = tuple[str, str, str, float | None, str | None]
HEDGES = np.array([0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95])
VERDICTS = ("true", "misleading", "false", "unverifiable", None)


def synthetic(n_claims: int, n_sources: int, n_questions: int, seed: int) -> list[Row]:
    """Mostly resolved forecasts; some annulled, open and factual; a third of sources hedge-only."""
    rng = np.random.default_rng(seed)
    truth = rng.random(n_questions)
    src = rng.integers(0, n_sources, n_claims).tolist()
    qs = rng.integers(0, n_questions, n_claims).tolist()
    draw = rng.random(n_claims).tolist()
    p_all = np.clip(truth[qs] + rng.normal(0.0, 0.15, n_claims), 0.01, 0.99)
    hedged = (rng.random(n_sources) < 1 / 3)[src]
    nearest = HEDGES[np.abs(HEDGES[None, :] - p_all[:, None]).argmin(axis=1)]
    probs = np.where(hedged, nearest, p_all).tolist()
    rows: list[Row] = []
    for i in range(n_claims):
        source, question, r = f"src{src[i]:04d}", f"q{qs[i]:05d}", draw[i]
        if r < 0.1:
            rows.append((source, question, "factual", None, VERDICTS[i % 5]))
            continue
        yes = truth[qs[i]] > 0.5
        outcome = "annulled" if r < 0.13 else None if r < 0.16 else ("yes" if yes else "no")
        rows.append((source, question, "forecast", probs[i], outcome))
    return rows


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--sources", type=int, default=1_000)
    ap.add_argument("--questions", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rows = synthetic(args.claims, args.sources, args.questions, seed=1)

    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE c (source, question, kind, probability, outcome)")
    db.executemany("INSERT INTO c VALUES (?, ?, ?, ?, ?)", rows)
    aggregate = (
        "SELECT source, count(*), avg((probability - (outcome = 'yes')) "
        "* (probability - (outcome = 'yes'))) FROM c "
        "WHERE kind = 'forecast' AND outcome IN ('yes', 'no') GROUP BY source"
    )
    fetch = "SELECT source, question, kind, probability, outcome FROM c"

    def columns_from_sql(n_boot: int) -> object:
        cols = list(zip(*db.execute(fetch).fetchall(), strict=True))
        return score_columns(*cols, n_boot=n_boot)

    def claims_from_sql(n_boot: int) -> object:
        claims = [ScoredClaim(*r) for r in db.execute(fetch).fetchall()]
        return score_sources(claims, n_boot=n_boot)

    claims = [ScoredClaim(*r) for r in rows]
    report = score_sources(claims)
    print(
        f"{len(rows)} claims, {len(report.sources)} sources, {report.n_resolved} scored; "
        f"best of {args.repeat}"
    )
    sql = best_of(args.repeat, lambda: db.execute(aggregate).fetchall())
    cases: list[tuple[str, Callable[[], object]]] = [
        ("SQL fetch of all rows", lambda: db.execute(fetch).fetchall()),
    ]
    for n_boot in (1000, 0):
        cases += [
            (
                f"score_sources, in memory, n_boot={n_boot}",
                partial(score_sources, claims, n_boot=n_boot),
            ),
            (f"SQL fetch + score_columns, n_boot={n_boot}", partial(columns_from_sql, n_boot)),
            (
                f"SQL fetch + ScoredClaim + score_sources, n_boot={n_boot}",
                partial(claims_from_sql, n_boot),
            ),
        ]
    print(f"  {'SQL aggregate (count, Brier per source)':<56} {sql:.3f}s")
    for label, run in cases:
        took = best_of(args.repeat, run)
        print(f"  {label:<56} {took:.3f}s  {took / sql:4.1f}x SQL aggregate")


if __name__ == "__main__":
    main()
