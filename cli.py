"""The command line: parses options, opens the ledger, calls one function of ledger/, claims/ or feeds/, renders.

Heavy modules (SQLAlchemy, rich, feedparser, numpy) are imported inside the commands, so `--help` stays fast.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from ledger.errors import InputFileErrors, LedgerError

if TYPE_CHECKING:
    from ledger.db import Database

app = typer.Typer(
    name="forecast-ledger",
    help="Register pundits' forecasts, watch the news, resolve questions and score every source.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
db_app = typer.Typer(
    help="The database schema: where it is, its revision, upgrades.", no_args_is_help=True
)
articles_app = typer.Typer(
    help="Articles: the published pieces claims come from.", no_args_is_help=True
)
questions_app = typer.Typer(
    help="Questions: events phrased to resolve unambiguously, with criteria and a deadline.",
    no_args_is_help=True,
)
claims_app = typer.Typer(
    help="Claims: what one source said about one question, with its probability.",
    no_args_is_help=True,
)
feeds_app = typer.Typer(
    help="Feeds: news sources polled for items that bear on open questions.", no_args_is_help=True
)
flags_app = typer.Typer(
    help="Flags: news items matched to open questions, for review.", no_args_is_help=True
)
report_app = typer.Typer(
    help="Reports: track records, scores and calibration.", no_args_is_help=True
)
app.add_typer(db_app, name="db")
app.add_typer(articles_app, name="articles")
app.add_typer(questions_app, name="questions")
app.add_typer(claims_app, name="claims")
app.add_typer(feeds_app, name="feeds")
app.add_typer(flags_app, name="flags")
app.add_typer(report_app, name="report")


@dataclass
class State:
    db: str | None = None
    actor: str | None = None

    def open(self) -> Database:
        from ledger.db import open_database

        return open_database(self.db)


def _state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="FORECAST_LEDGER_DB",
            help="SQLite file path or SQLAlchemy URL, e.g. --db team.db or "
            "--db postgresql+psycopg://user@host/ledger. Default: a file in your data directory.",
            show_envvar=True,
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--as",
            envvar="FORECAST_LEDGER_ACTOR",
            help="Who is making the changes, recorded in the ledger, e.g. --as alice. Default: your user name.",
            show_envvar=True,
        ),
    ] = None,
) -> None:
    ctx.obj = State(db=db, actor=actor)


# --- db -------------------------------------------------------------------------------------------------------


@db_app.command("current")
def db_current(ctx: typer.Context) -> None:
    """Show where the ledger is and its schema revision, e.g. `forecast-ledger db current`."""
    from ledger import db as dbmod

    url = dbmod.resolve_url(_state(ctx).db)
    engine = dbmod.create_engine(url)
    with dbmod.translate_errors(url):
        current, head, known = dbmod.revision_state(engine, url)
    engine.dispose()
    state = (
        "up to date" if current == head else ("unknown to this version" if not known else "behind")
    )
    print(f"database: {dbmod.describe(url)}")
    print(f"revision: {current or '(empty)'} (head {head}, {state})")


@db_app.command("upgrade")
def db_upgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. head or 0001.")] = "head",
) -> None:
    """Upgrade the schema, e.g. `forecast-ledger db upgrade` (needed on a shared PostgreSQL ledger)."""
    from ledger import db as dbmod

    url = dbmod.resolve_url(_state(ctx).db)
    engine = dbmod.create_engine(url)
    with dbmod.translate_errors(url):
        before, _head, known = dbmod.revision_state(engine, url)
        if not known:
            raise LedgerError(f"the database is at revision {before}, unknown to this version.")
        dbmod.upgrade(url, engine, revision)
        after, _, _ = dbmod.revision_state(engine, url)
    engine.dispose()
    print(f"{dbmod.describe(url)}: {before or '(empty)'} -> {after}")


@db_app.command("downgrade")
def db_downgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. base or 0001.")],
) -> None:
    """Downgrade the schema (for developers), e.g. `forecast-ledger db downgrade base`."""
    from ledger import db as dbmod

    url = dbmod.resolve_url(_state(ctx).db)
    engine = dbmod.create_engine(url)
    dbmod.downgrade(url, engine, revision)
    with dbmod.translate_errors(url):
        after, _, _ = dbmod.revision_state(engine, url)
    engine.dispose()
    print(f"{dbmod.describe(url)}: now at {after or '(empty)'}")


# --- verify ---------------------------------------------------------------------------------------------------


@app.command()
def verify(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Check the ledger's hash chain and that every row still matches what the ledger recorded.

    Exit code 1 when anything was changed behind the tool's back, e.g. `forecast-ledger verify`.
    """
    from ledger.events import verify as run_verify
    from ledger.output import print_json

    database = _state(ctx).open()
    with database.session() as session:
        report = run_verify(session)
    if as_json:
        print_json(
            {
                "ok": report.ok,
                "entries": report.entries,
                "rows": report.rows,
                "head": report.head,
                "problems": [
                    {"kind": p.kind, "table": p.table, "id": p.id, "detail": p.detail}
                    for p in report.problems
                ],
            }
        )
    else:
        for problem in report.problems:
            print(str(problem))
        if report.ok:
            print(
                f"ok: {report.entries} ledger entries, {report.rows} rows match (head {report.head[:12]})"
            )
    if not report.ok:
        raise LedgerError(
            f"the ledger does not match the database: {len(report.problems)} problem(s) listed above."
        )


# --- articles, questions, claims, import (claims workflow) --------------------------------------------------

# (end of claims workflow section)


# --- resolution, exports --------------------------------------------------------------------------------------


@questions_app.command("resolve")
def questions_resolve(
    ctx: typer.Context,
    question: Annotated[
        str, typer.Argument(help="Question id, short id or key, e.g. 3f2a9c1d or ceasefire-2025.")
    ],
    outcome: Annotated[
        str,
        typer.Argument(
            help="yes | no | annulled for forecasts; true | false | misleading | unverifiable for "
            "factual questions, e.g. no."
        ),
    ],
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            "--evidence",
            "-e",
            help="A URL or a flag id backing the outcome; repeat for several, e.g. "
            "--evidence https://apnews.com/article/... --evidence 9b1c44e0.",
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", help="Why, in a sentence, e.g. --note 'No deal signed by the deadline.'"
        ),
    ] = None,
    again: Annotated[
        bool,
        typer.Option(
            "--again",
            help="Re-resolve a question that is already resolved (the history is kept, the latest "
            "stands), e.g. --again.",
        ),
    ] = False,
    if_version: Annotated[
        int | None,
        typer.Option(
            "--if-version",
            help="Resolve only if the question is still at this version (from `questions due --json` "
            "or `questions show --json`), e.g. --if-version 1.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the resolution as JSON.")] = False,
) -> None:
    """Resolve a question, e.g. `forecast-ledger questions resolve ceasefire-2025 no --evidence URL`.

    Two analysts resolving at once: the first wins, the second gets a conflict and exit code 1.
    """
    from claims.resolve import resolution_json, resolve_ref
    from ledger.events import default_actor
    from ledger.ids import short
    from ledger.output import print_json, say

    state = _state(ctx)
    resolution = resolve_ref(
        state.open(),
        ref=question,
        outcome=outcome,
        evidence=evidence or (),
        note=note,
        actor=state.actor or default_actor(),
        again=again,
        expected_version=if_version,
    )
    if as_json:
        print_json(resolution_json(resolution))
        return
    evidence_count = len(resolution.evidence or [])
    print(
        f"resolved question {short(resolution.question_id)} as {resolution.outcome} "
        f"(resolution {short(resolution.id)}, {evidence_count} evidence)"
    )
    say(f"history: forecast-ledger questions show {short(resolution.question_id)}")


@questions_app.command("due")
def questions_due(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="List what is due as of this date, e.g. --as-of 2026-01-01."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
) -> None:
    """List open forecasts past their resolve-by date, oldest first, e.g. `forecast-ledger questions due`."""
    from claims.resolve import due_listing
    from ledger.dates import parse_date
    from ledger.ids import short
    from ledger.output import print_json, stdout, table

    today = parse_date(as_of, what="--as-of") if as_of else None
    with _state(ctx).open().session() as session:
        rows = due_listing(session, today=today)
    if as_json:
        print_json(rows)
        return
    if not rows:
        print("no open forecasts are past their resolve-by date.")
        return
    stdout().print(
        table(
            ["id", "key", "resolve by", "overdue", "claims", "question"],
            [
                [
                    short(r["id"]),
                    r["key"] or "",
                    r["resolve_by"],
                    f"{r['days_overdue']} d",
                    r["n_claims"],
                    r["text"],
                ]
                for r in rows
            ],
            title=f"{len(rows)} forecast(s) due",
        )
    )


@app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="json: the whole ledger, restorable with `import`; csv: one row per claim with its "
            "question and outcome; claimreview: schema.org ClaimReview JSON-LD for resolved factual "
            "claims. E.g. --format csv.",
        ),
    ] = "json",
    out: Annotated[
        str | None,
        typer.Option(
            "--out", "-o", help="Write to this file instead of stdout, e.g. --out ledger.json."
        ),
    ] = None,
    organisation: Annotated[
        str | None,
        typer.Option(
            "--organisation",
            help="claimreview only: the reviewing organisation named as author (default: the analyst "
            "who resolved), e.g. --organisation 'Example Fact Desk'.",
        ),
    ] = None,
) -> None:
    """Export the ledger, e.g. `forecast-ledger export --format json --out ledger.json`."""
    from ledger.output import say
    from ledger.transfer import export_to

    with _state(ctx).open().session() as session:
        written = export_to(session, fmt, out, organisation=organisation)
    if out:
        say(f"wrote {written} to {out}")


# (end of resolution section)


# --- reports --------------------------------------------------------------------------------------------------

_BY_HELP = (
    "Group claims by the author (a person) or the outlet (a publication) that made them, e.g. "
    "--by outlet. Claims without one are grouped as '(unknown author)' / '(unknown outlet)'."
)
_TAG_HELP = "Only claims on questions with this tag, e.g. --tag ceasefire."
_SINCE_HELP = "Only claims made on or after this date, e.g. --since 2025-01-01."


@report_app.command("sources")
def report_sources(
    ctx: typer.Context,
    by: Annotated[str, typer.Option("--by", help=_BY_HELP)] = "author",
    tag: Annotated[str | None, typer.Option("--tag", help=_TAG_HELP)] = None,
    since: Annotated[str | None, typer.Option("--since", help=_SINCE_HELP)] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list of sources, ranked.")
    ] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print CSV, one row per source, e.g. --csv > sources.csv.")
    ] = False,
) -> None:
    """Rank every source by its Brier score, e.g. `forecast-ledger report sources --by outlet`.

    One row per source: claims, resolved forecasts, Brier (0–1, lower is better) with its 95%
    bootstrap interval, the score shrunk toward the pool used for ranking, skill against always-50%
    and against the base rate, log score, calibration error, annulled share, factual accuracy.
    """
    from ledger.errors import UserInputError
    from ledger.output import print_json, stdout
    from ledger.reports import sources_csv, sources_report, sources_table

    if as_json and as_csv:
        raise UserInputError("choose one of --json and --csv.")
    with _state(ctx).open().session() as session:
        report = sources_report(session, by=by, tag=tag, since=since)
    if as_json:
        print_json(report.to_json())
    elif as_csv:
        sys.stdout.write(sources_csv(report))
    else:
        stdout().print(sources_table(report))


@report_app.command("source")
def report_source(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="The source's name (or a unique part of it, or its id), e.g. 'Ian Garner'."
        ),
    ],
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Look only among authors or outlets, when a name is both, e.g. --by outlet.",
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", help=_TAG_HELP)] = None,
    since: Annotated[str | None, typer.Option("--since", help=_SINCE_HELP)] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the track record as JSON.")
    ] = False,
) -> None:
    """One source's track record, e.g. `forecast-ledger report source 'Ian Garner'`.

    Every claim with its quote, probability, outcome and Brier score, then the source's scores
    and calibration table.
    """
    from ledger.output import print_json, stdout
    from ledger.reports import source_track_record, track_record_view

    with _state(ctx).open().session() as session:
        record = source_track_record(session, name, by=by, tag=tag, since=since)
    if as_json:
        print_json(record.to_json())
    else:
        stdout().print(track_record_view(record))


@report_app.command("calibration")
def report_calibration(
    ctx: typer.Context,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="Chart one source (name, unique part of it, or id); default: every source pooled, "
            "e.g. --source 'New York Times'.",
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help="With --source: look only among authors or outlets, e.g. --by outlet."
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", help=_TAG_HELP)] = None,
    since: Annotated[str | None, typer.Option("--since", help=_SINCE_HELP)] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            help="Write the chart as a picture, PNG or SVG by the suffix, e.g. --out calibration.png. "
            "Without it the chart is drawn in the terminal.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the calibration bins as JSON.")
    ] = False,
) -> None:
    """Calibration chart: how often what a source called X% came true, e.g.
    `forecast-ledger report calibration --source 'Ian Garner' --out garner.png`.

    Observed share of YES against stated probability, the diagonal of perfect calibration,
    Wilson 95% intervals, point size by the number of forecasts.
    """
    from ledger.charts import out_path, save_chart, terminal_chart
    from ledger.output import print_json, say, stdout
    from ledger.reports import calibration

    with _state(ctx).open().session() as session:
        cal = calibration(session, source=source, by=by, tag=tag, since=since)
    if out is not None:
        written = save_chart(cal, out_path(out))
        say(f"wrote the calibration chart of {cal.title} to {written}")
    if as_json:
        print_json(cal.to_json())
    elif out is None:
        stdout().print(terminal_chart(cal))


# (end of reports section)


# --- feeds, polling, watch ------------------------------------------------------------------------------------

# (end of feeds section)


# --- flags review ---------------------------------------------------------------------------------------------

# (end of flags section)


# --- demo -----------------------------------------------------------------------------------------------------

# (end of demo section)


# --- entry point ----------------------------------------------------------------------------------------------


def _is_click_error(exc: BaseException) -> bool:
    # Typer vendors click; its usage errors carry these two attributes whatever module they live in.
    return (
        hasattr(exc, "format_message")
        and hasattr(exc, "exit_code")
        and not isinstance(exc, LedgerError)
    )


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: every user mistake ends as `Error: ...` on stderr and exit code 1."""
    try:
        result = app(args=argv, prog_name="forecast-ledger", standalone_mode=False)
    except InputFileErrors as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except LedgerError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if _is_click_error(exc):
            print(f"Error: {exc.format_message()}", file=sys.stderr)  # type: ignore[attr-defined]
            print("Try 'forecast-ledger --help' or add --help to the command.", file=sys.stderr)
            sys.exit(1)
        if type(exc).__name__ == "Abort":
            print("Aborted.", file=sys.stderr)
            sys.exit(1)
        raise
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()
