"""The main job end to end on real data, offline: seed ledger → real news over local HTTP → flags → resolutions
→ track records, a calibration chart and the published site. `forecast-ledger demo` runs it."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.rule import Rule
from rich.text import Text
from sqlmodel import Session, col, select

from ledger.db import Database, describe
from ledger.errors import Conflict
from ledger.models import Flag, NewsItem, Question
from ledger.output import inert, table

NEWS = Path(__file__).parent / "data" / "news"
PLAN = Path(__file__).parent / "data" / "demo_plan.yaml"
# A fixed port keeps the feeds' URLs stable, so running the demo twice on the same --db re-polls the same feeds
# (and gets 304 Not Modified); another free port is used when it is taken.
PREFERRED_PORT = 8765


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the news files with Last-Modified / If-Modified-Since, as a real feed host would."""

    extensions_map = {  # noqa: RUF012  (the base class declares it as a plain attribute)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".xml": "application/rss+xml",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_news(
    directory: Path = NEWS, *, port: int = PREFERRED_PORT, say: Any = None
) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 in a background thread; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        if say is not None:
            say(
                f"port {port} is busy, so the news is served on port {server.server_address[1]}: a ledger "
                "that ran the demo before sees these as new feeds (choose a port with --port)."
            )
    thread = threading.Thread(target=server.serve_forever, name="demo-news-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Settled:
    key: str
    outcome: str
    flags: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    already: bool = False


@dataclass
class DemoResult:
    database: str
    chart: Path | None
    site: Path
    poll_line: str
    flags_by_question: dict[str, int]
    settled: list[Settled]
    still_open: list[dict[str, Any]]
    source: str | None


def _flag_overview(
    session: Session, limit: int = 3
) -> list[tuple[Question, int, list[tuple[Flag, NewsItem]]]]:
    rows = session.exec(
        select(Flag, NewsItem, Question)
        .join(NewsItem, col(NewsItem.id) == col(Flag.item_id))
        .join(Question, col(Question.id) == col(Flag.question_id))
        .order_by(col(Question.key), col(Flag.score).desc())
    )
    grouped: dict[str, tuple[Question, list[tuple[Flag, NewsItem]]]] = {}
    for flag, item, question in rows:
        grouped.setdefault(question.id, (question, []))[1].append((flag, item))
    return [(q, len(items), items[:limit]) for q, items in grouped.values()]


def _evidence(
    session: Session, question: Question, phrases: list[str]
) -> tuple[list[str], list[str]]:
    """Flag ids on this question whose item title holds a phrase; URLs of matching items never flagged."""
    flags: list[str] = []
    found: set[str] = set()
    rows = session.exec(
        select(Flag, NewsItem)
        .join(NewsItem, col(NewsItem.id) == col(Flag.item_id))
        .where(Flag.question_id == question.id)
        .order_by(col(NewsItem.published_at))
    )
    for flag, item in rows:
        for phrase in phrases:
            if phrase.lower() in item.title.lower() and phrase not in found:
                flags.append(flag.id)
                found.add(phrase)
                break
    urls: list[str] = []
    for phrase in phrases:
        if phrase in found:
            continue
        unflagged = session.exec(
            select(NewsItem)
            .where(col(NewsItem.title).contains(phrase))
            .order_by(col(NewsItem.published_at))
        ).first()
        if unflagged is not None and unflagged.url:
            urls.append(unflagged.url)
    return flags, urls


def _resolve_plan(database: Database, *, actor: str) -> list[Settled]:
    from claims.resolve import resolve_question

    plan = yaml.safe_load(PLAN.read_text(encoding="utf-8"))["resolutions"]
    settled = []
    for entry in plan:
        with database.write_session() as session:
            question = session.exec(
                select(Question).where(Question.key == entry["question"])
            ).first()
            if question is None:
                continue
            if question.status == "resolved" and question.outcome == entry["outcome"]:
                settled.append(Settled(entry["question"], entry["outcome"], already=True))
                continue
            flags, urls = _evidence(session, question, entry["evidence"])
            try:
                resolve_question(
                    session,
                    question=question,
                    outcome=entry["outcome"],
                    evidence=[*flags, *urls],
                    note=entry["note"],
                    actor=actor,
                )
            except Conflict:
                continue
            settled.append(Settled(entry["question"], entry["outcome"], flags, urls))
    return settled


def _still_open(session: Session, today: dt.date) -> list[dict[str, Any]]:
    out = []
    for q in session.exec(
        select(Question).where(Question.status == "open").order_by(col(Question.resolve_by))
    ):
        if q.resolve_by is not None and q.resolve_by >= today:
            why = f"deadline {q.resolve_by} not reached"
        elif q.kind == "factual":
            why = "a fact to check against sources beyond the news sample"
        else:
            why = f"due since {q.resolve_by}: the news sample does not settle it"
        out.append({"key": q.key or q.id[:8], "kind": q.kind, "why": why})
    return out


def run(
    database: Database,
    console: Console,
    *,
    out_dir: Path,
    actor: str,
    today: dt.date | None = None,
    port: int = PREFERRED_PORT,
) -> DemoResult:
    from claims.hedges import HEDGES
    from claims.importer import import_seed
    from feeds.ingest import poll
    from feeds.registry import add_feed
    from ledger import charts, reports, site

    today = today or dt.date.today()
    console.print(Rule("1. The seed ledger: five op-eds, their questions and claims"))
    with database.write_session() as session:
        summary = import_seed(session, actor=actor)
    for line in summary.lines():
        console.print(inert(line), soft_wrap=True)

    with serve_news(port=port, say=lambda line: console.print(inert(line), soft_wrap=True)) as base:
        console.print(
            Rule("2. Real news from 17 feeds, served on 127.0.0.1 and polled like any feed")
        )
        files = sorted(NEWS.glob("*.xml"))
        with database.write_session() as session:
            for path in files:
                add_feed(session, url=f"{base}/{path.name}", actor=actor)
        result = poll(database, mode="all", actor=actor)
        console.print(inert(result.line()), soft_wrap=True)

    console.print(Rule("3. Flags: news items matched to the seed questions"))
    with database.session() as session:
        overview = _flag_overview(session)
    rows = []
    for question, count, top in overview:
        for i, (flag, item) in enumerate(top):
            rows.append(
                [
                    (question.key or question.id[:8]) if i == 0 else "",
                    str(count) if i == 0 else "",
                    item.published_at.date().isoformat(),
                    f"{flag.score:.1f}",
                    item.title if len(item.title) <= 90 else item.title[:89] + "…",
                ]
            )
    console.print(table(["question", "flags", "published", "score", "top items"], rows))

    console.print(Rule("4. Resolving what the news settles, citing the flagged items"))
    settled = _resolve_plan(database, actor=actor)
    for s in settled:
        if s.already:
            console.print(inert(f"{s.key}: already resolved {s.outcome}"), soft_wrap=True)
            continue
        cites = f"{len(s.flags)} flagged item(s)"
        if s.urls:
            cites += f" and {len(s.urls)} item(s) the matcher did not flag, by URL"
        console.print(inert(f"{s.key}: {s.outcome.upper()}, citing {cites}"), soft_wrap=True)
    with database.session() as session:
        still = _still_open(session, today)
    console.print(Text(f"\n{len(still)} questions remain open:", style="bold"))
    console.print(
        table(
            ["question", "kind", "why it is open"], [[o["key"], o["kind"], o["why"]] for o in still]
        )
    )

    console.print(Rule("5. Track records"))
    with database.session() as session:
        report = reports.sources_report(session, by="author")
        console.print(reports.sources_view(report, console))
        scored = [r for r in report.rows if r.score.n_resolved]
        source = max(scored, key=lambda r: r.score.n_resolved).score.source if scored else None
        if source is not None:
            console.print(Rule(f"track record: {source}"))
            console.print(
                reports.track_record_view(reports.source_track_record(session, source, by="author"))
            )
        cal = reports.calibration(session)
    out_dir.mkdir(parents=True, exist_ok=True)
    chart = charts.save_chart(cal, out_dir / "calibration.png") if cal.bins else None
    with database.session() as session:
        published = site.build_site(
            session,
            out_dir / "site",
            site.make_options(title=None, base_url=None, by="author"),
            hedges=HEDGES,
        )

    console.print(Rule("6. Where things are"))
    db_location = describe(database.url)
    console.print(inert(f"ledger:            {db_location}"), soft_wrap=True)
    if chart is not None:
        console.print(inert(f"calibration chart: {chart}"), soft_wrap=True)
    console.print(inert(f"published site:    {published.index.resolve().as_uri()}"), soft_wrap=True)
    db_opt = f"--db {db_location}"
    console.print(Text("Next, try:", style="bold"))
    for cmd in (
        f"forecast-ledger {db_opt} flags list --status new",
        f"forecast-ledger {db_opt} questions show ru-armed-revolt-2023-06",
        f"forecast-ledger {db_opt} report source 'Dennis Soltys'",
        f"forecast-ledger {db_opt} report calibration",
        f"forecast-ledger {db_opt} questions due",
        f"forecast-ledger {db_opt} verify",
        f"forecast-ledger {db_opt} report site --out SITE-FOLDER",
    ):
        console.print(inert("  " + cmd), soft_wrap=True)
    return DemoResult(
        database=db_location,
        chart=chart,
        site=published.index,
        poll_line=result.line(),
        flags_by_question={(q.key or q.id): n for q, n, _ in overview},
        settled=settled,
        still_open=still,
        source=source,
    )
