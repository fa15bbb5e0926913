"""Every flag that polling the news sample raises on the ledgers of bench/ingest.py, as text that can be compared
between two versions of the code: a change to candidate generation, batching or storage must leave it identical.

.venv/bin/python bench/ingest_matches.py > before.txt     # on the old code
.venv/bin/python bench/ingest_matches.py > after.txt      # on the new code; then: cmp before.txt after.txt
.venv/bin/python bench/ingest_matches.py --sizes 100      # one size only

One line per flag, sorted: ledger, item (feed file and dedupe key), question text, score (repr, so to the last
bit), matched terms and snippet. Item and question ids are random, so the line names them by what they hold.
The last line per ledger gives its flag count and a digest of its lines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import NEWS, _register, _serve, varied_questions  # bench/ingest.py
from sqlmodel import select

from feeds.ingest import poll
from feeds.matching.index import CACHE
from feeds.registry import add_feed
from ledger.db import open_database
from ledger.models import Feed, Flag, NewsItem, Question


def flag_lines(base: str, names: list[str], size: int, *, sharpen: bool) -> list[str]:
    label = f"{'sharpened' if sharpen else 'proposed'}-{size}"
    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(str(Path(tmp) / "bench.db"), say=lambda _line: None)
        _register(database, varied_questions(size), sharpen=sharpen)
        with database.write_session() as s:
            for name in names:
                add_feed(s, url=f"{base}/{name}", actor="bench")
        CACHE.clear()
        summary = poll(database, mode="due")
        if summary.failures:
            raise SystemExit(f"poll failed: {summary.line()}")
        with database.session() as s:
            rows = s.exec(
                select(Feed.url, NewsItem.dedupe_key, Question.text, Flag)
                .join(NewsItem, NewsItem.id == Flag.item_id)  # type: ignore[arg-type]
                .join(Feed, Feed.id == NewsItem.feed_id)  # type: ignore[arg-type]
                .join(Question, Question.id == Flag.question_id)  # type: ignore[arg-type]
            ).all()
            lines = sorted(
                json.dumps(
                    [
                        label,
                        url.rsplit("/", 1)[-1],
                        key,
                        text,
                        repr(flag.score),
                        flag.matched_terms,
                        flag.snippet,
                        flag.status,
                    ],
                    ensure_ascii=False,
                )
                for url, key, text, flag in rows
            )
        database.dispose()
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return [*lines, f"# {label}: {len(lines)} flags, sha256 {digest}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000])
    args = parser.parse_args()
    names = sorted(p.name for p in NEWS.glob("*.xml"))
    server, base = _serve()
    try:
        for sharpen in (False, True):
            for size in args.sizes:
                lines = flag_lines(base, names, size, sharpen=sharpen)
                print("\n".join(lines))
                print(lines[-1], file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
