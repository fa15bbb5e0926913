"""Times `import` of a generated 100,000-claim Fatebook CSV and the same forecasts as YAML (parse, check, write,
ledger entry: the function the CLI calls), beside the floor: a plain SQLAlchemy Core executemany of the same
rows into the same tables. Then a re-import of the same file, which adds nothing.

    .venv/bin/python bench/import.py                          # SQLite
    .venv/bin/python bench/import.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python bench/import.py --claims 20000 --profile

Each figure is one run on a fresh database (the import is a one-off; a second run is the re-import).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import pstats
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa

from claims.fatebook import HEADER, question_key
from claims.importer import import_file
from claims.register import claim_fingerprint, normalise_space
from ledger.db import Database, open_database, resolve_url
from ledger.ids import new_id
from ledger.models import Claim, Question, Resolution, Source, utcnow

N_FORECASTERS = 40
CLAIMS_PER_QUESTION = 4


def _forecasts(n_claims: int) -> Iterator[dict[str, Any]]:
    """n_claims forecasts: each question has CLAIMS_PER_QUESTION forecasters; seven in ten are resolved."""
    base = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    for i in range(n_claims):
        q, slot = divmod(i, CLAIMS_PER_QUESTION)
        resolved = q % 10 < 7
        yield {
            "title": f"Will event number {q} happen by the end of the year?",
            "forecaster": f"Forecaster {(q * 7 + slot) % N_FORECASTERS:02d}",
            "probability": ((i * 37) % 101) / 100,  # 0 and 1 included
            "made_at": base + dt.timedelta(minutes=i),
            "resolve_by": dt.date(2025, 12, 31),
            "outcome": ("yes" if q % 3 == 0 else "no") if resolved else None,
            "resolved_at": dt.datetime(2025, 12, 30, tzinfo=dt.UTC) if resolved else None,
        }


def write_fatebook(path: Path, n_claims: int) -> None:
    names = {"yes": "YES", "no": "NO"}
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=HEADER)
        writer.writeheader()
        for f in _forecasts(n_claims):
            writer.writerow(
                {
                    "Question title": f["title"],
                    "Forecast created by": f["forecaster"],
                    "Forecast (scale = 0-1)": repr(f["probability"]),
                    "Forecast created at": f["made_at"].strftime("%Y-%m-%d %H:%M:%S"),
                    "Question created at": "2024-01-01 00:00:00",
                    "Question resolve by": "2025-12-31 00:00:00",
                    "Resolution": names.get(f["outcome"] or "", ""),
                    "Resolved at": f["resolved_at"].strftime("%Y-%m-%d %H:%M:%S")
                    if f["resolved_at"]
                    else "",
                }
            )


def write_yaml(path: Path, n_claims: int) -> None:
    """The same forecasts as a YAML ledger (questions open: YAML carries no resolutions)."""
    lines = ["version: 1", "questions:"]
    seen: set[str] = set()
    claims: list[str] = ["claims:"]
    for f in _forecasts(n_claims):
        key = question_key(f["title"], f["resolve_by"])
        if key not in seen:
            seen.add(key)
            lines += [
                f"  - key: {key}",
                f"    text: {f['title']}",
                "    criteria: As resolved on Fatebook.",
                f"    resolve_by: {f['resolve_by'].isoformat()}",
            ]
        claims += [
            f"  - question: {key}",
            f"    author: {f['forecaster']}",
            f"    quote: '{round(f['probability'] * 100, 2):g}% on Fatebook'",
            f"    probability: {f['probability']!r}",
            "    basis: stated",
            f"    made_at: {f['made_at'].strftime('%Y-%m-%dT%H:%M:%SZ')}",
        ]
    path.write_text("\n".join(lines + claims) + "\n", encoding="utf-8")


def floor_rows(n_claims: int, *, resolved: bool) -> dict[str, list[dict[str, Any]]]:
    """The rows an import of these forecasts writes, built beforehand: what the floor inserts."""
    now = utcnow()
    sources: dict[tuple[str, str], dict[str, Any]] = {}
    questions: dict[str, dict[str, Any]] = {}
    resolutions: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []

    def source(kind: str, name: str) -> str:
        row = sources.get((kind, name))
        if row is None:
            row = sources[(kind, name)] = {
                "id": new_id(),
                "kind": kind,
                "name": name,
                "created_at": now,
            }
        return str(row["id"])

    for f in _forecasts(n_claims):
        key = question_key(f["title"], f["resolve_by"])
        q = questions.get(key)
        if q is None:
            done = resolved and f["outcome"] is not None
            q = questions[key] = {
                "id": new_id(), "key": key, "kind": "forecast", "text": normalise_space(f["title"]),
                "criteria": "As resolved on Fatebook.", "resolve_by": f["resolve_by"], "watch": None,
                "status": "resolved" if done else "open", "outcome": f["outcome"] if done else None,
                "resolved_at": f["resolved_at"] if done else None,
                "known_at": f["resolved_at"] if done else None, "withdrawn": False,
                "version": 2 if done else 1, "created_at": now,
            }  # fmt: skip
            if done:
                resolutions.append(
                    {
                        "id": new_id(), "question_id": q["id"], "outcome": f["outcome"],
                        "note": "Resolution imported from Fatebook.", "evidence": [], "resolver": "Fatebook",
                        "resolved_at": f["resolved_at"], "known_at": f["resolved_at"],
                    }
                )  # fmt: skip
        author = source("author", f["forecaster"])
        outlet = source("outlet", "Fatebook") if resolved else None
        quote_text = f"{round(f['probability'] * 100, 2):g}% on Fatebook"
        claims.append(
            {
                "id": new_id(), "question_id": q["id"], "article_id": None, "author_id": author,
                "outlet_id": outlet, "quote": quote_text, "probability": f["probability"], "basis": "stated",
                "hedge": None, "note": None, "made_at": f["made_at"],
                "fingerprint": claim_fingerprint(q["id"], None, author, quote_text), "withdrawn": False,
                "created_at": now,
            }
        )  # fmt: skip
    return {
        "source": list(sources.values()),
        "question": list(questions.values()),
        "resolution": resolutions,
        "claim": claims,
    }


def floor(database: Database, rows: dict[str, list[dict[str, Any]]]) -> float:
    """Seconds for a plain Core executemany of the rows into the same tables, one transaction."""
    tables = {"source": Source, "question": Question, "resolution": Resolution, "claim": Claim}
    start = time.perf_counter()
    with database.engine.begin() as conn:
        for name in ("source", "question", "resolution", "claim"):
            if rows[name]:
                conn.execute(tables[name].__table__.insert(), rows[name])  # type: ignore[attr-defined]
    return time.perf_counter() - start


def timed_import(database: Database, path: Path, profile: bool = False) -> float:
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    with database.write_session() as session:
        import_file(session, path, actor="bench")
    if profiler:
        profiler.disable()
    took = time.perf_counter() - start
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return took


@contextmanager
def fresh(kind: str, tmp: Path, pg: str | None) -> Iterator[Database]:
    if kind == "sqlite":
        path = tmp / f"{secrets.token_hex(4)}.db"
        db = open_database(f"sqlite:///{path}", say=lambda _l: None)
        try:
            yield db
        finally:
            db.dispose()
        return
    assert pg
    schema = "fl_bench_" + secrets.token_hex(6)
    admin = sa.create_engine(resolve_url(pg))
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in pg else "?"
    url = f"{resolve_url(pg)}{sep}options={quote(f'-csearch_path={schema}')}"
    db = open_database(url, say=lambda _l: None)
    try:
        yield db
    finally:
        db.dispose()
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def run(kind: str, n: int, tmp: Path, pg: str | None, profile: bool) -> list[str]:
    out = []
    files: dict[str, tuple[Path, Callable[[Path, int], None], bool]] = {
        "Fatebook CSV": (tmp / "fatebook.csv", write_fatebook, True),
        "YAML": (tmp / "ledger.yaml", write_yaml, False),
    }
    for label, (path, writer, resolved) in files.items():
        if not path.exists():
            writer(path, n)
        with fresh(kind, tmp, pg) as db:
            base = floor(db, floor_rows(n, resolved=resolved))
        with fresh(kind, tmp, pg) as db:
            first = timed_import(db, path, profile)
            again = timed_import(db, path)
        out.append(
            f"{kind:10} {label:12} floor {n / base:9,.0f} claims/s | import {n / first:9,.0f} claims/s "
            f"({base / first:.2f}x floor, {first:.1f} s) | re-import adding nothing {n / again:9,.0f} claims/s "
            f"({again:.1f} s)"
        )
        print(out[-1], flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--pg", help="also on PostgreSQL at this URL (a throwaway schema is used)")
    ap.add_argument("--profile", action="store_true", help="profile the first import of each file")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run("sqlite", args.claims, Path(tmp), None, args.profile)
        if args.pg:
            run("postgresql", args.claims, Path(tmp), args.pg, args.profile)


if __name__ == "__main__":
    main()
