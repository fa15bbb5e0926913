"""Times `report site` (the whole static site, written to an empty folder) beside `report sources
--json` on the same generated SQLite ledger (bench/report.py's: 100,000 claims, 1,000 authors,
20,000 questions), taken in turn each round, and prints the ratio. Target: at most 10x.

    .venv/bin/python bench/site.py                  # best of 3 rounds
    .venv/bin/python bench/site.py --profile        # and where the site build's time goes
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import generate, interleaved

from claims.hedges import HEDGES
from ledger.db import open_database
from ledger.reports import sources_report
from ledger.site import build_site, make_options

TARGET = 10.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--sources", type=int, default=1_000)
    ap.add_argument("--questions", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="print the site build's top functions")
    ap.add_argument("--db", help="use (or make) the generated ledger in this SQLite file")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        fresh = not path.exists()
        database = open_database(str(path), say=lambda _line: None)
        if fresh:
            t0 = time.perf_counter()
            generate(
                database,
                n_claims=args.claims,
                n_sources=args.sources,
                n_questions=args.questions,
                seed=1,
            )
            print(
                f"generated {args.claims} claims, {args.sources} authors, {args.questions} "
                f"questions in {time.perf_counter() - t0:.1f}s"
            )
        site = Path(tmp) / "site"
        options = make_options(title=None, base_url=None, by="author")

        def report_json() -> str:
            with database.session() as session:
                return sources_report(session, by="author").json_text()

        def build() -> object:
            # Each round writes a whole new site: the slower case, every file written.
            shutil.rmtree(site, ignore_errors=True)
            with database.session() as session:
                return build_site(session, site, options, hedges=HEDGES)

        best = interleaved(args.repeat, {"report": report_json, "site": build})
        files = sum(1 for p in site.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(f"site: {files} files, {size / 1e6:.0f} MB; best of {args.repeat}")
        print(f"  report sources --json path (query + scoring + JSON)   {best['report']:.2f}s")
        print(f"  report site (gather, render, write every page)       {best['site']:.2f}s")
        ratio = best["site"] / best["report"]
        verdict = "within" if ratio <= TARGET else "OVER"
        print(
            f"  ratio site / report sources --json: {ratio:.1f}x ({verdict} the {TARGET:.0f}x target)"
        )
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            build()
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        database.dispose()


if __name__ == "__main__":
    main()
